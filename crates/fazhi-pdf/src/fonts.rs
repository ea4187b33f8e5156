//! Which font files are used, where they are found, loading them (with a process-wide
//! cache: parsing a CJK font takes longer than typesetting a whole report) and their
//! metrics for the typesetter.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use crate::typeset::{FontRole, Metrics};
use crate::PdfError;

/// One font file; `index` picks the face inside a collection (.ttc), 0 otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FontFile {
    pub path: PathBuf,
    pub index: u32,
}

impl FontFile {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FontFile {
            path: path.into(),
            index: 0,
        }
    }
}

impl From<PathBuf> for FontFile {
    fn from(path: PathBuf) -> Self {
        FontFile::new(path)
    }
}

/// The font files of a PDF. An office with licensed fonts (方正小标宋简体, 仿宋_GB2312, …)
/// names its own files here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontConfig {
    /// 仿宋: body text
    pub fang: FontFile,
    /// 黑体: 一、 headings
    pub hei: FontFile,
    /// 楷体: （一） headings
    pub kai: FontFile,
    /// 宋体: page numbers
    pub song: FontFile,
    /// 小标宋: the title
    pub title: FontFile,
    /// For characters the others lack.
    pub fallback: FontFile,
}

/// File names of the default set in `assets/fonts/`.
pub const DEFAULT_FILES: [(FontRole, &str); 6] = [
    (FontRole::Fang, "FandolFang-Regular.otf"),
    (FontRole::Hei, "FandolHei-Regular.otf"),
    (FontRole::Kai, "FandolKai-Regular.otf"),
    (FontRole::Song, "FandolSong-Regular.otf"),
    (FontRole::Title, "NotoSerifSC-Bold.otf"),
    (FontRole::Fallback, "NotoSerifSC-Regular.otf"),
];

impl FontConfig {
    /// The default file names inside `dir`.
    pub fn in_dir(dir: impl AsRef<Path>) -> Self {
        let dir = dir.as_ref();
        let f = |role: FontRole| {
            let name = DEFAULT_FILES
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, n)| *n)
                .unwrap_or_default();
            FontFile::new(dir.join(name))
        };
        FontConfig {
            fang: f(FontRole::Fang),
            hei: f(FontRole::Hei),
            kai: f(FontRole::Kai),
            song: f(FontRole::Song),
            title: f(FontRole::Title),
            fallback: f(FontRole::Fallback),
        }
    }

    pub fn file(&self, role: FontRole) -> &FontFile {
        match role {
            FontRole::Fang => &self.fang,
            FontRole::Hei => &self.hei,
            FontRole::Kai => &self.kai,
            FontRole::Song => &self.song,
            FontRole::Title => &self.title,
            FontRole::Fallback => &self.fallback,
        }
    }
}

/// The fonts an application chose for this process (设置 → 字体, resolved): used by
/// every render and layout that names no fonts of its own, so the app's export and its
/// 打印预览 follow the choice without each caller passing it.
static CHOSEN: std::sync::RwLock<Option<FontConfig>> = std::sync::RwLock::new(None);

/// Sets (or with `None` clears) the process's chosen fonts.
pub fn set_chosen_fonts(config: Option<FontConfig>) {
    if let Ok(mut c) = CHOSEN.write() {
        *c = config;
    }
}

/// The fonts of a render that names none: the chosen ones, else the bundled set.
pub(crate) fn configured() -> Result<FontConfig, PdfError> {
    if let Some(c) = CHOSEN.read().ok().and_then(|c| c.clone()) {
        return Ok(c);
    }
    Ok(FontConfig::in_dir(
        default_font_dir().ok_or(PdfError::NoFontDir)?,
    ))
}

fn has_fonts(dir: &Path) -> bool {
    dir.join(DEFAULT_FILES[0].1).is_file()
}

/// The folder of the default fonts: `$FAZHI_FONTS`, then beside the executable
/// (`fonts/`, `../share/fazhi-studio/fonts`, `../lib/fazhi-studio/fonts`,
/// `../lib/法治报告编写器/fonts` where the Tauri .deb puts its resources), then the source
/// tree this crate was built from.
pub fn default_font_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FAZHI_FONTS") {
        let dir = PathBuf::from(dir);
        if has_fonts(&dir) {
            return Some(dir);
        }
    }
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        for rel in [
            "fonts",
            "../share/fazhi-studio/fonts",
            "../lib/fazhi-studio/fonts",
            "../lib/法治报告编写器/fonts",
        ] {
            let dir = exe_dir.join(rel);
            if has_fonts(&dir) {
                return Some(dir);
            }
        }
    }
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/fonts"));
    has_fonts(&dir).then_some(dir)
}

/// A font file, memory-mapped and checked. Mapping instead of reading means an export
/// touches only the pages of the tables and glyphs it uses: the CJK files are 3–10 MB
/// each, and reading all six whole was most of a `fazhi export` process's time (page
/// faults and copies into freshly zeroed memory, in the kernel).
pub struct LoadedFont {
    pub role: FontRole,
    pub file: FontFile,
    data: memmap2::Mmap,
    stamp: (u64, Option<SystemTime>),
}

impl LoadedFont {
    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }
}

/// Maps `file` read-only.
#[allow(
    unsafe_code,
    reason = "a memory map is unsafe only if the file changes while mapped; font files are \
              replaced, not rewritten in place, and the cache re-checks size and mtime"
)]
pub(crate) fn map(file: &std::fs::File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: see the reason above; the map is only ever read.
    unsafe { memmap2::Mmap::map(file) }
}

/// The six faces of a report, in [`FontRole::ALL`] order.
pub struct LoadedFonts {
    pub fonts: Vec<Arc<LoadedFont>>,
}

impl LoadedFonts {
    pub fn get(&self, role: FontRole) -> &LoadedFont {
        let i = FontRole::ALL.iter().position(|r| *r == role).unwrap_or(0);
        &self.fonts[i]
    }
}

type Cache = Mutex<HashMap<(FontFile, FontRole), Arc<LoadedFont>>>;

fn cache() -> &'static Cache {
    static C: OnceLock<Cache> = OnceLock::new();
    C.get_or_init(|| Mutex::new(HashMap::new()))
}

fn load_one(role: FontRole, file: &FontFile) -> Result<Arc<LoadedFont>, PdfError> {
    let label = role.label();
    let meta = std::fs::metadata(&file.path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PdfError::FontMissing {
            role: label,
            path: file.path.clone(),
        },
        _ => PdfError::FontUnreadable {
            role: label,
            path: file.path.clone(),
            reason: e.to_string(),
        },
    })?;
    let stamp = (meta.len(), meta.modified().ok());
    let key = (file.clone(), role);
    if let Ok(c) = cache().lock() {
        if let Some(f) = c.get(&key).filter(|f| f.stamp == stamp) {
            return Ok(f.clone());
        }
    }
    let unreadable = |e: std::io::Error| PdfError::FontUnreadable {
        role: label,
        path: file.path.clone(),
        reason: e.to_string(),
    };
    let data = std::fs::File::open(&file.path)
        .and_then(|f| map(&f))
        .map_err(unreadable)?;
    let invalid = |reason: String| PdfError::FontInvalid {
        role: label,
        path: file.path.clone(),
        reason,
    };
    check_font(&data, file.index).map_err(invalid)?;
    let loaded = Arc::new(LoadedFont {
        role,
        file: file.clone(),
        data,
        stamp,
    });
    if let Ok(mut c) = cache().lock() {
        c.insert(key, loaded.clone());
    }
    Ok(loaded)
}

/// A cheap check that a file is a font we can embed, from its table directory and
/// `cmap` alone: parsing the whole face (its CFF indexes) is left to the faces an
/// export really uses ([`FontMetrics`]).
pub(crate) fn check_font(data: &[u8], index: u32) -> Result<(), String> {
    let raw = ttf_parser::RawFace::parse(data, index).map_err(|e| e.to_string())?;
    let table = |tag: &[u8; 4]| raw.table(ttf_parser::Tag::from_bytes(tag));
    if table(b"CFF ").is_none() && table(b"glyf").is_none() {
        return Err("字体中没有 CFF 或 TrueType 字形轮廓".to_string());
    }
    let cmap = table(b"cmap").and_then(ttf_parser::cmap::Table::parse);
    let has = |ch: char| {
        cmap.is_some_and(|c| {
            c.subtables
                .into_iter()
                .any(|t| t.is_unicode() && t.glyph_index(u32::from(ch)).is_some())
        })
    };
    if !has('一') && !has('0') {
        return Err("字体中没有汉字或数字".to_string());
    }
    Ok(())
}

/// Loads (or takes from the cache) every font of `config`.
pub fn load(config: &FontConfig) -> Result<LoadedFonts, PdfError> {
    let fonts = FontRole::ALL
        .iter()
        .map(|&role| load_one(role, config.file(role)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LoadedFonts { fonts })
}

/// Advance widths and glyph coverage read from the font files. Each face is parsed
/// once, when first asked (the fallback face usually never is); the PDF writer takes
/// its faces from here too ([`FontMetrics::face`]).
pub struct FontMetrics<'a> {
    fonts: &'a LoadedFonts,
    faces: [OnceCell<Option<ttf_parser::Face<'a>>>; 6],
    cache: RefCell<HashMap<(FontRole, char), Option<f32>>>,
}

impl<'a> FontMetrics<'a> {
    pub fn new(fonts: &'a LoadedFonts) -> Self {
        FontMetrics {
            fonts,
            faces: Default::default(),
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The parsed face of `role`; `None` if it does not parse.
    pub fn face(&self, role: FontRole) -> Option<&ttf_parser::Face<'a>> {
        let i = FontRole::ALL.iter().position(|r| *r == role).unwrap_or(0);
        self.faces[i]
            .get_or_init(|| {
                let f: &'a LoadedFont = self.fonts.get(role);
                ttf_parser::Face::parse(f.bytes(), f.file.index).ok()
            })
            .as_ref()
    }

    pub(crate) fn fonts(&self) -> &'a LoadedFonts {
        self.fonts
    }
}

impl Metrics for FontMetrics<'_> {
    fn advance(&self, font: FontRole, ch: char) -> Option<f32> {
        if let Some(v) = self.cache.borrow().get(&(font, ch)) {
            return *v;
        }
        let v = self.face(font).and_then(|face| {
            let gid = face.glyph_index(ch)?;
            let adv = face.glyph_hor_advance(gid)?;
            Some(adv as f32 / face.units_per_em() as f32)
        });
        self.cache.borrow_mut().insert((font, ch), v);
        v
    }
}
