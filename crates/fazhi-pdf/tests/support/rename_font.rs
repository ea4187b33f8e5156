//! Gives a copy of a font another family name, as an office's licensed font would
//! carry its own (仿宋_GB2312…): the `name` table is rebuilt with Windows-platform
//! records (English and Simplified Chinese) and appended; the other tables stay where
//! they are. Tests only: it proves an installed font is found and embedded by its name.

fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
}

/// `font` with family `en` (English, also the PostScript name `en-Regular`) and `zh`
/// (Chinese, PRC).
pub fn rename_family(font: &[u8], en: &str, zh: &str) -> Vec<u8> {
    let full = format!("{en} Regular");
    let ps: String = format!("{en}-Regular")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    // (language id, name id, text)
    let records: Vec<(u16, u16, String)> = vec![
        (0x0409, 1, en.to_string()),
        (0x0409, 2, "Regular".into()),
        (0x0409, 4, full),
        (0x0409, 6, ps),
        (0x0804, 1, zh.to_string()),
        (0x0804, 2, "Regular".into()),
        (0x0804, 4, zh.to_string()),
    ];
    let mut strings = Vec::new();
    let mut table = Vec::new();
    table.extend(0u16.to_be_bytes());
    table.extend((records.len() as u16).to_be_bytes());
    table.extend((6 + 12 * records.len() as u16).to_be_bytes());
    let mut sorted = records;
    sorted.sort_by_key(|(lang, id, _)| (*lang, *id));
    for (lang, id, text) in &sorted {
        let bytes = utf16be(text);
        for v in [
            3u16,
            1,
            *lang,
            *id,
            bytes.len() as u16,
            strings.len() as u16,
        ] {
            table.extend(v.to_be_bytes());
        }
        strings.extend(bytes);
    }
    table.extend(strings);

    let mut out = font.to_vec();
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
    let offset = out.len() as u32;
    out.extend(&table);
    let num_tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        if &font[rec..rec + 4] == b"name" {
            out[rec + 8..rec + 12].copy_from_slice(&offset.to_be_bytes());
            out[rec + 12..rec + 16].copy_from_slice(&(table.len() as u32).to_be_bytes());
            return out;
        }
    }
    panic!("the font has no name table");
}

/// A fontconfig file that makes `dir` the only font folder.
pub fn fontconfig_file(dir: &std::path::Path) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n</fontconfig>\n",
        dir.display()
    )
}
