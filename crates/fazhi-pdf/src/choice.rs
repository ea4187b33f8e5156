//! The office's choice of font per role (设置 → 字体): 标题 小标宋, 正文 仿宋, 一级标题
//! 黑体, 二级标题 楷体, 页码 宋体, each either 内置 (the bundled free set) or a font
//! installed on this machine ([`crate::system`]). Stored in the library's `settings`
//! table as `fonts.<slot>` = `{"family", "path", "index"}`: the path found when the
//! font was chosen is tried first (no font scan on an export), the family is looked up
//! again when that file has gone, and 内置 is used with a warning when the family is gone
//! too.

use std::path::PathBuf;

use fazhi_core::Store;
use serde::{Deserialize, Serialize};

use crate::fonts::{check_font, default_font_dir, FontConfig, FontFile};
use crate::system;
use crate::typeset::FontRole;
use crate::PdfError;

/// A role the user chooses a font for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    Title,
    Body,
    Heading1,
    Heading2,
    PageNumber,
}

impl Slot {
    pub const ALL: [Slot; 5] = [
        Slot::Title,
        Slot::Body,
        Slot::Heading1,
        Slot::Heading2,
        Slot::PageNumber,
    ];

    /// The key in settings and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Slot::Title => "title",
            Slot::Body => "body",
            Slot::Heading1 => "heading1",
            Slot::Heading2 => "heading2",
            Slot::PageNumber => "page_number",
        }
    }

    /// The role in words.
    pub fn label(self) -> &'static str {
        match self {
            Slot::Title => "标题",
            Slot::Body => "正文",
            Slot::Heading1 => "一级标题",
            Slot::Heading2 => "二级标题",
            Slot::PageNumber => "页码",
        }
    }

    /// The typeface GB/T 9704 asks for in this role.
    pub fn style(self) -> &'static str {
        match self {
            Slot::Title => "小标宋",
            Slot::Body => "仿宋",
            Slot::Heading1 => "黑体",
            Slot::Heading2 => "楷体",
            Slot::PageNumber => "宋体",
        }
    }

    /// The typesetter's face for this role.
    pub fn font_role(self) -> FontRole {
        match self {
            Slot::Title => FontRole::Title,
            Slot::Body => FontRole::Fang,
            Slot::Heading1 => FontRole::Hei,
            Slot::Heading2 => FontRole::Kai,
            Slot::PageNumber => FontRole::Song,
        }
    }

    /// The slot whose chosen font draws `role`, if any (the fallback face is never chosen).
    pub fn of_role(role: FontRole) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.font_role() == role)
    }

    /// A key (`body`), a label (`正文`) or a style (`仿宋`).
    pub fn parse(s: &str) -> Option<Slot> {
        let s = s.trim();
        Slot::ALL
            .into_iter()
            .find(|slot| slot.key() == s || slot.label() == s || slot.style() == s)
    }

    fn setting_key(self) -> String {
        format!("{PREFIX}{}", self.key())
    }
}

const PREFIX: &str = "fonts.";

/// A chosen installed font: its family name and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub family: String,
    pub path: PathBuf,
    #[serde(default)]
    pub index: u32,
}

/// The choices stored in `store` (slots left at 内置 are absent). An unreadable value
/// counts as 内置: a damaged setting must not stop an export.
pub fn load(store: &Store) -> Result<Vec<(Slot, Choice)>, fazhi_core::Error> {
    Ok(store
        .settings_with_prefix(PREFIX)?
        .into_iter()
        .filter_map(|(key, value)| {
            let slot = Slot::ALL.into_iter().find(|s| s.setting_key() == key)?;
            let choice = serde_json::from_str::<Choice>(&value).ok()?;
            Some((slot, choice))
        })
        .collect())
}

/// Stores `choice` for `slot` (`None`: back to 内置).
pub fn save(
    store: &mut Store,
    slot: Slot,
    choice: Option<&Choice>,
) -> Result<(), fazhi_core::Error> {
    match choice {
        Some(c) => {
            let json =
                serde_json::to_string(c).map_err(|e| fazhi_core::Error::Database(e.to_string()))?;
            store.set_setting(&slot.setting_key(), &json)
        }
        None => store.remove_setting(&slot.setting_key()),
    }
}

/// The fonts an export uses: the bundled set with the chosen faces in their roles.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub config: FontConfig,
    /// The family used per slot (`None`: 内置).
    pub families: Vec<(Slot, Option<String>)>,
    /// Chosen fonts that could not be used (gone from this machine, damaged), in Chinese.
    pub warnings: Vec<String>,
}

impl Resolved {
    /// The family drawing `slot`, if an installed font does.
    pub fn family(&self, slot: Slot) -> Option<&str> {
        self.families
            .iter()
            .find(|(s, _)| *s == slot)
            .and_then(|(_, f)| f.as_deref())
    }
}

/// Whether the face at `path`/`index` is still the chosen family and usable.
fn still_there(choice: &Choice) -> bool {
    let Ok(file) = std::fs::File::open(&choice.path) else {
        return false;
    };
    let Ok(data) = crate::fonts::map(&file) else {
        return false;
    };
    check_font(&data, choice.index).is_ok()
        && system::face_families(&data, choice.index)
            .iter()
            .any(|f| system::same_family(f, &choice.family))
}

/// The fonts for `choices` on top of the bundled set in `builtin_dir`. The font
/// database is scanned only when a chosen file has moved or gone.
pub fn resolve_in(builtin_dir: &std::path::Path, choices: &[(Slot, Choice)]) -> Resolved {
    let mut config = FontConfig::in_dir(builtin_dir);
    let mut families = Vec::new();
    let mut warnings = Vec::new();
    let mut scanned: Option<Vec<system::InstalledFace>> = None;
    for slot in Slot::ALL {
        let Some((_, choice)) = choices.iter().find(|(s, _)| *s == slot) else {
            families.push((slot, None));
            continue;
        };
        let found = if still_there(choice) {
            Some((choice.path.clone(), choice.index))
        } else {
            let faces = scanned.get_or_insert_with(system::installed);
            system::find(faces, &choice.family).map(|f| (f.path.clone(), f.index))
        };
        match found {
            Some((path, index)) => {
                let file = config_slot(&mut config, slot.font_role());
                *file = FontFile { path, index };
                families.push((slot, Some(choice.family.clone())));
            }
            None => {
                warnings.push(format!(
                    "所选{}字体“{}”已不在本机，已改用内置字体。",
                    slot.label(),
                    choice.family
                ));
                families.push((slot, None));
            }
        }
    }
    Resolved {
        config,
        families,
        warnings,
    }
}

/// [`resolve_in`] with the bundled fonts' usual folder.
pub fn resolve(choices: &[(Slot, Choice)]) -> Result<Resolved, PdfError> {
    let dir = default_font_dir().ok_or(PdfError::NoFontDir)?;
    Ok(resolve_in(&dir, choices))
}

/// The choices stored in `store`, resolved.
pub fn resolve_store(store: &Store) -> Result<Resolved, PdfError> {
    let choices = load(store).unwrap_or_default();
    resolve(&choices)
}

/// A PDF in the fonts chosen in 设置 → 字体, and what the user should hear about them.
#[derive(Debug, Clone)]
pub struct ChosenPdf {
    pub pdf: crate::Rendered,
    /// In Chinese, in this order: each chosen font gone from this machine (内置 used
    /// instead), then each role's characters drawn glyph by glyph from another face.
    pub notices: Vec<String>,
}

/// Typesets `doc` in the fonts chosen in `store` ([`resolve_store`]) and says what the
/// fonts did: the one rule behind `fazhi export`'s 提示 lines and the app's 导出 notices.
pub fn render_chosen(
    store: &Store,
    doc: &fazhi_core::Document,
    profile: fazhi_core::profile::Profile,
) -> Result<ChosenPdf, PdfError> {
    render_resolved(doc, profile, resolve_store(store)?)
}

/// [`render_chosen`] with the fonts already resolved (the caller may hold the library
/// only while it resolves them).
pub fn render_resolved(
    doc: &fazhi_core::Document,
    profile: fazhi_core::profile::Profile,
    fonts: Resolved,
) -> Result<ChosenPdf, PdfError> {
    let opts = crate::PdfOptions {
        profile,
        fonts: Some(fonts.config),
    };
    let pdf = crate::render_reporting(doc, &opts)?;
    let mut notices = fonts.warnings;
    notices.extend(pdf.fell_back.iter().map(|f| f.message()));
    Ok(ChosenPdf { pdf, notices })
}

/// The 花脸稿 of `r` in the fonts `fonts` resolved, with the same notices as
/// [`render_resolved`] gives a report's PDF.
pub fn render_redline_resolved(
    doc: &fazhi_core::Document,
    r: &fazhi_layout::redline::Redline,
    fonts: Resolved,
) -> Result<ChosenPdf, PdfError> {
    let opts = crate::PdfOptions {
        fonts: Some(fonts.config),
        ..Default::default()
    };
    let pdf = crate::render_redline_reporting(doc, r, &opts)?;
    let mut notices = fonts.warnings;
    notices.extend(pdf.fell_back.iter().map(|f| f.message()));
    Ok(ChosenPdf { pdf, notices })
}

/// The font file the webview draws `slot` with in 打印预览 (the `fazhi-font:` scheme's
/// role address): the face the process's chosen fonts ([`crate::set_chosen_fonts`], the
/// resolved 设置 → 字体) give the role, as a standalone OpenType/TrueType font; the bundled
/// file of the role when the chosen one has gone or is no longer a usable font since it
/// was resolved. One face of a collection (.ttc) is copied out into a font of its own:
/// `@font-face` has no way to pick a face inside a collection (WebKit takes the first).
pub fn preview_face(slot: Slot) -> Result<Vec<u8>, PdfError> {
    let role = slot.font_role();
    let builtin = FontConfig::in_dir(default_font_dir().ok_or(PdfError::NoFontDir)?);
    let chosen = crate::fonts::configured()?;
    if let Some(bytes) = standalone_face(chosen.file(role)) {
        return Ok(bytes);
    }
    let file = builtin.file(role);
    standalone_face(file).ok_or_else(|| PdfError::FontUnreadable {
        role: slot.label(),
        path: file.path.clone(),
        reason: "无法读取".into(),
    })
}

/// The face `file` names as the bytes of a single font, if it is readable and valid.
fn standalone_face(file: &FontFile) -> Option<Vec<u8>> {
    let data = std::fs::read(&file.path).ok()?;
    check_font(&data, file.index).ok()?;
    if data.starts_with(b"ttcf") {
        collection_face(&data, file.index)
    } else if file.index == 0 {
        Some(data)
    } else {
        None
    }
}

/// Face `index` of the collection `data` (OpenType 1.9, "Font Collections") as a font
/// file of its own: its table directory, then each of its tables, 4-byte aligned, with
/// the directory's offsets pointing at the copies. The tables are copied unchanged (the
/// `head` checksum adjustment is not recomputed: no renderer checks it).
pub fn collection_face(data: &[u8], index: u32) -> Option<Vec<u8>> {
    let be32 = |at: usize| -> Option<usize> {
        let b = data.get(at..at.checked_add(4)?)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if !data.starts_with(b"ttcf") || index as usize >= be32(8)? {
        return None;
    }
    let dir = be32(12 + 4 * index as usize)?;
    let count = data.get(dir + 4..dir + 6)?;
    let count = u16::from_be_bytes([count[0], count[1]]) as usize;
    let head_len = 12 + 16 * count;
    let mut out = data.get(dir..dir.checked_add(head_len)?)?.to_vec();
    for i in 0..count {
        let record = dir + 12 + 16 * i;
        let (offset, len) = (be32(record + 8)?, be32(record + 12)?);
        let table = data.get(offset..offset.checked_add(len)?)?;
        let at = u32::try_from(out.len()).ok()?;
        out[12 + 16 * i + 8..12 + 16 * i + 12].copy_from_slice(&at.to_be_bytes());
        out.extend_from_slice(table);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    Some(out)
}

fn config_slot(config: &mut FontConfig, role: FontRole) -> &mut FontFile {
    match role {
        FontRole::Fang => &mut config.fang,
        FontRole::Hei => &mut config.hei,
        FontRole::Kai => &mut config.kai,
        FontRole::Song => &mut config.song,
        FontRole::Title => &mut config.title,
        FontRole::Fallback => &mut config.fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_parse_from_key_label_or_style() {
        assert_eq!(Slot::parse("body"), Some(Slot::Body));
        assert_eq!(Slot::parse("正文"), Some(Slot::Body));
        assert_eq!(Slot::parse("黑体"), Some(Slot::Heading1));
        assert_eq!(Slot::parse("page_number"), Some(Slot::PageNumber));
        assert_eq!(Slot::parse("footer"), None);
    }

    #[test]
    fn choices_round_trip_through_settings_and_default_removes_them() {
        let mut store = Store::open_in_memory().unwrap();
        let c = Choice {
            family: "仿宋_GB2312".into(),
            path: "/x/fs.ttf".into(),
            index: 0,
        };
        save(&mut store, Slot::Body, Some(&c)).unwrap();
        assert_eq!(load(&store).unwrap(), vec![(Slot::Body, c)]);
        save(&mut store, Slot::Body, None).unwrap();
        assert!(load(&store).unwrap().is_empty());
        // A damaged value is 内置, not an error.
        store.set_setting("fonts.title", "{").unwrap();
        assert!(load(&store).unwrap().is_empty());
    }

    #[test]
    fn a_vanished_font_falls_back_to_the_builtin_set_with_a_warning() {
        let dir = default_font_dir().expect("bundled fonts");
        let gone = Choice {
            family: "不存在的字体甲乙丙".into(),
            path: "/nonexistent/font.ttf".into(),
            index: 0,
        };
        let r = resolve_in(&dir, &[(Slot::Body, gone)]);
        assert_eq!(r.config, FontConfig::in_dir(&dir));
        assert_eq!(r.family(Slot::Body), None);
        assert_eq!(r.warnings.len(), 1);
        assert!(
            r.warnings[0].contains("不存在的字体甲乙丙"),
            "{:?}",
            r.warnings
        );
        assert!(r.warnings[0].contains("内置"));
    }

    #[test]
    fn a_pdf_in_the_chosen_fonts_says_which_font_vanished_and_which_characters_fell_back() {
        let mut store = Store::open_in_memory().unwrap();
        let gone = Choice {
            family: "已卸载的测试仿宋".into(),
            path: "/nonexistent/fang.ttf".into(),
            index: 0,
        };
        save(&mut store, Slot::Body, Some(&gone)).unwrap();
        let (mut doc, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2019, false);
        // Neither is in the bundled 仿宋 (FandolFang); the fallback face has both.
        doc.preface[0].text = "张堃同志和王喆同志。".into();
        let r = render_chosen(&store, &doc, fazhi_core::profile::Profile::Filing).unwrap();
        assert!(r.pdf.bytes.starts_with(b"%PDF"));
        assert_eq!(r.notices.len(), 2, "{:?}", r.notices);
        assert!(
            r.notices[0].contains("已卸载的测试仿宋") && r.notices[0].contains("内置"),
            "{:?}",
            r.notices
        );
        assert!(r.notices[1].contains("堃喆"), "{:?}", r.notices);
    }

    /// A collection of one face made of `otf`: the `ttcf` header, then the font with
    /// its table offsets moved by the header's length.
    fn as_collection(otf: &[u8]) -> Vec<u8> {
        let mut ttc = b"ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10".to_vec();
        let mut font = otf.to_vec();
        let count = u16::from_be_bytes([font[4], font[5]]) as usize;
        for i in 0..count {
            let at = 12 + 16 * i + 8;
            let o = u32::from_be_bytes(font[at..at + 4].try_into().unwrap()) + 16;
            font[at..at + 4].copy_from_slice(&o.to_be_bytes());
        }
        ttc.extend(font);
        ttc
    }

    #[test]
    fn one_face_of_a_collection_becomes_a_font_of_its_own() {
        let dir = default_font_dir().expect("bundled fonts");
        let otf = std::fs::read(dir.join("FandolKai-Regular.otf")).unwrap();
        let ttc = as_collection(&otf);
        assert!(ttf_parser::Face::parse(&otf, 0).is_ok());
        assert!(
            ttf_parser::Face::parse(&ttc, 0).is_ok(),
            "the test collection is valid"
        );
        let face = collection_face(&ttc, 0).expect("face 0");
        assert_eq!(&face[..4], b"OTTO");
        let parsed = ttf_parser::Face::parse(&face, 0).expect("a standalone font");
        let original = ttf_parser::Face::parse(&otf, 0).unwrap();
        assert_eq!(parsed.number_of_glyphs(), original.number_of_glyphs());
        assert_eq!(parsed.glyph_index('国'), original.glyph_index('国'));
        assert!(parsed.glyph_index('国').is_some());
        assert!(collection_face(&ttc, 1).is_none(), "no second face");
        assert!(collection_face(&otf, 0).is_none(), "not a collection");
        assert!(collection_face(&ttc[..40], 0).is_none(), "truncated");
    }
}
