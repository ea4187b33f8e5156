//! The fonts installed on this machine, as fontconfig configures them (its `<dir>`s,
//! `FONTCONFIG_FILE` honoured), through `fontdb`: only faces we can embed that have
//! Chinese characters are offered for a role.

use std::path::PathBuf;

use serde::Serialize;

use crate::fonts::check_font;

/// One installed family (its regular face, when it has several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalledFace {
    /// The name shown: the Chinese one when the font has one (仿宋_GB2312), else the first.
    pub family: String,
    /// Every family name the font declares (FangSong_GB2312, 仿宋_GB2312…).
    pub names: Vec<String>,
    pub path: PathBuf,
    pub index: u32,
}

/// Family names compare without case and surrounding space (fontconfig does likewise).
pub fn same_family(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn display_name(names: &[(String, fontdb::Language)]) -> Option<String> {
    use fontdb::Language as L;
    let chinese = [
        L::Chinese_PeoplesRepublicOfChina,
        L::Chinese_Singapore,
        L::Chinese_Taiwan,
        L::Chinese_HongKongSAR,
        L::Chinese_MacaoSAR,
    ];
    names
        .iter()
        .find(|(_, l)| chinese.contains(l))
        .or_else(|| names.first())
        .map(|(n, _)| n.clone())
}

/// The installed families with Chinese characters, sorted by name.
pub fn installed() -> Vec<InstalledFace> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut out: Vec<(InstalledFace, bool)> = Vec::new();
    for face in db.faces() {
        let path = match &face.source {
            fontdb::Source::File(p) => p.clone(),
            fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => continue,
        };
        let Some(family) = display_name(&face.families) else {
            continue;
        };
        let usable = db
            .with_face_data(face.id, |data, index| check_font(data, index).is_ok())
            .unwrap_or(false);
        if !usable {
            continue;
        }
        let regular = face.weight == fontdb::Weight::NORMAL && face.style == fontdb::Style::Normal;
        let entry = InstalledFace {
            family,
            names: face.families.iter().map(|(n, _)| n.clone()).collect(),
            path,
            index: face.index,
        };
        match out.iter_mut().find(|(f, _)| f.family == entry.family) {
            // One entry per family: its regular face if it has one.
            Some((existing, was_regular)) => {
                if regular && !*was_regular {
                    *existing = entry;
                    *was_regular = true;
                }
            }
            None => out.push((entry, regular)),
        }
    }
    let mut faces: Vec<InstalledFace> = out.into_iter().map(|(f, _)| f).collect();
    faces.sort_by(|a, b| a.family.cmp(&b.family).then(a.path.cmp(&b.path)));
    faces
}

/// The installed face of `family` (any of its names).
pub fn find<'a>(faces: &'a [InstalledFace], family: &str) -> Option<&'a InstalledFace> {
    faces
        .iter()
        .find(|f| f.names.iter().any(|n| same_family(n, family)) || same_family(&f.family, family))
}

/// The family names a face declares (typographic and legacy, every language).
pub fn face_families(data: &[u8], index: u32) -> Vec<String> {
    let names = ttf_parser::RawFace::parse(data, index)
        .ok()
        .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"name")))
        .and_then(ttf_parser::name::Table::parse);
    let Some(names) = names else {
        return Vec::new();
    };
    names
        .names
        .into_iter()
        .filter(|n| {
            n.name_id == ttf_parser::name_id::FAMILY
                || n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
        })
        .filter_map(|n| n.to_string())
        .collect()
}
