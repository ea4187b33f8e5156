//! The lexicon as a file: CSV and XLSX with the same columns ([`super::COLUMNS`],
//! the header row in Chinese or in English), for 词库导入导出 and
//! `fazhi lexicon export/import`.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::{entry_from_fields, Condition, LexEntry, LexError, LexSource};

/// The header row as written (Chinese; the English names are read too).
pub const HEADER_ZH: [&str; 9] = [
    "错误写法",
    "建议写法",
    "级别",
    "条件",
    "分组",
    "说明",
    "例句",
    "反例",
    "启用",
];

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("文件“{0}”的扩展名应为 .csv 或 .xlsx")]
    Kind(String),
    #[error("读写文件失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("CSV 文件有误：{0}")]
    Csv(String),
    #[error("XLSX 文件有误：{0}")]
    Xlsx(String),
    #[error("词库文件有误，{0}")]
    Entry(#[from] LexError),
    #[error("词库文件没有内容（第一行应为表头：{}）", HEADER_ZH.join("、"))]
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Xlsx,
}

pub fn kind_of(path: &Path) -> Result<Kind, FileError> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Ok(Kind::Csv),
        Some("xlsx") => Ok(Kind::Xlsx),
        _ => Err(FileError::Kind(path.display().to_string())),
    }
}

fn fields(e: &LexEntry) -> [String; 9] {
    [
        e.wrong.clone(),
        e.suggestion.clone(),
        e.level.label().to_string(),
        // In Chinese (后接：…), as 词库 shows it: users edit it in Excel/WPS.
        Condition::label(&e.condition),
        e.group.label().to_string(),
        e.explanation.clone(),
        e.example.clone(),
        e.counter.clone(),
        if e.enabled { "是" } else { "否" }.to_string(),
    ]
}

/// CSV bytes (UTF-8 with a BOM, so that spreadsheet programs read the Chinese).
pub fn to_csv(entries: &[LexEntry]) -> Result<Vec<u8>, FileError> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let csv_err = |e: csv::Error| FileError::Csv(e.to_string());
    w.write_record(HEADER_ZH).map_err(csv_err)?;
    for e in entries {
        w.write_record(fields(e)).map_err(csv_err)?;
    }
    w.into_inner().map_err(|e| FileError::Csv(e.to_string()))
}

pub fn to_xlsx(entries: &[LexEntry]) -> Result<Vec<u8>, FileError> {
    let x = |e: rust_xlsxwriter::XlsxError| FileError::Xlsx(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("词库").map_err(x)?;
    for (c, h) in HEADER_ZH.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(x)?;
    }
    for (r, e) in entries.iter().enumerate() {
        for (c, v) in fields(e).iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).map_err(x)?;
        }
    }
    book.save_to_buffer().map_err(x)
}

fn is_header(row: &[String]) -> bool {
    row.first()
        .map(|f| f.trim().trim_start_matches('\u{feff}'))
        .is_some_and(|f| f == HEADER_ZH[0] || f == super::COLUMNS[0])
}

/// Rows (header included) → entries; rows whose first field is empty are skipped.
fn entries_from_rows(rows: Vec<Vec<String>>) -> Result<Vec<LexEntry>, FileError> {
    let mut it = rows.into_iter().enumerate();
    match it.next() {
        Some((_, h)) if is_header(&h) => {}
        _ => return Err(FileError::Empty),
    }
    let mut out = Vec::new();
    for (i, mut row) in it {
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // The condition in either syntax, kept in the stored one (the key of
        // a built-in entry exported in Chinese is its own again); one that
        // does not parse is told by the entry's check, with its line.
        if let Some(c) = row.get_mut(3) {
            if let Ok(n) = Condition::normalize(c) {
                *c = n;
            }
        }
        out.push(entry_from_fields(&row, i + 1, LexSource::User)?);
    }
    Ok(out)
}

pub fn from_csv(bytes: &[u8]) -> Result<Vec<LexEntry>, FileError> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| FileError::Csv(e.to_string()))?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    entries_from_rows(rows)
}

pub fn from_xlsx(bytes: &[u8]) -> Result<Vec<LexEntry>, FileError> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| FileError::Xlsx(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(FileError::Empty)?
        .map_err(|e| FileError::Xlsx(e.to_string()))?;
    let rows = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    entries_from_rows(rows)
}

pub fn write(path: &Path, entries: &[LexEntry]) -> Result<(), FileError> {
    let bytes = match kind_of(path)? {
        Kind::Csv => to_csv(entries)?,
        Kind::Xlsx => to_xlsx(entries)?,
    };
    std::fs::write(path, bytes)?;
    Ok(())
}

pub fn read(path: &Path) -> Result<Vec<LexEntry>, FileError> {
    let kind = kind_of(path)?;
    let bytes = std::fs::read(path)?;
    match kind {
        Kind::Csv => from_csv(&bytes),
        Kind::Xlsx => from_xlsx(&bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::builtin;

    #[test]
    fn the_files_write_conditions_in_chinese_and_read_both_syntaxes() {
        let all = builtin().to_vec();
        let csv = to_csv(&all).unwrap();
        let text = String::from_utf8(csv.clone()).unwrap();
        assert!(text.contains("不前接：原"), "the Chinese form is written");
        assert!(!text.contains("not_preceded_by") && !text.contains("regex:"));
        // Read back: every entry as it was (same key, same stored condition).
        let back = from_csv(&csv).unwrap();
        assert_eq!(back.len(), all.len());
        for (a, b) in all.iter().zip(&back) {
            assert_eq!(a.key(), b.key(), "{}", a.wrong);
        }
        let xlsx = from_xlsx(&to_xlsx(&all).unwrap()).unwrap();
        assert_eq!(
            xlsx.iter().map(LexEntry::key).collect::<Vec<_>>(),
            all.iter().map(LexEntry::key).collect::<Vec<_>>()
        );
        // An English file (older exports, users' own) is read too.
        let old = "错误写法,建议写法,级别,条件\n了了,了,警告,not_preceded_by:不|甚;not_followed_by:之\n甲乙,甲丙,错误,后接：丁｜戊\n";
        let e = from_csv(old.as_bytes()).unwrap();
        assert_eq!(e[0].condition, "not_preceded_by:不|甚;not_followed_by:之");
        assert_eq!(e[1].condition, "followed_by:丁|戊");
        // A bad Chinese condition names its line and the keywords.
        let bad = "错误写法,建议写法,级别,条件\n甲乙,甲丙,错误,后面是丁\n";
        let m = from_csv(bad.as_bytes()).unwrap_err().to_string();
        assert!(
            m.contains("第2行") && m.contains("后接：") && m.contains("正则："),
            "{m}"
        );
    }
}
