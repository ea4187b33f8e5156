//! Reading documents from JSON (files, IPC) with messages a user can act on.

use crate::model::Document;
use crate::Error;

/// Documents larger than this are refused before parsing (a report is ~100 KB).
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

pub fn parse_document(s: &str) -> Result<Document, Error> {
    if s.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::BadJson(format!(
            "文件过大（{} MB），上限{} MB",
            s.len() / 1024 / 1024,
            MAX_DOCUMENT_BYTES / 1024 / 1024
        )));
    }
    Ok(serde_json::from_str(s.trim_start_matches('\u{feff}'))?)
}

/// The fields of a report as `fazhi show --json` prints it that are not part
/// of the document: `put` accepts and ignores them.
pub const WORKFLOW_FIELDS: [&str; 7] = [
    "id",
    "status",
    "status_label",
    "version",
    "created_at",
    "updated_at",
    "title",
];

/// [`parse_document`] for a document a person wrote (`fazhi put`): a field the
/// document does not have is refused, named, instead of silently dropped (a
/// misspelt `adressee` would otherwise lose the addressee without a word).
/// The workflow fields of `show --json` ([`WORKFLOW_FIELDS`]) are allowed.
pub fn parse_document_strict(s: &str) -> Result<Document, Error> {
    // Unknown fields first: a misspelt `txt` is named as such, not reported
    // as a missing `text`.
    if s.len() <= MAX_DOCUMENT_BYTES {
        if let Ok(value) =
            serde_json::from_str::<serde_json::Value>(s.trim_start_matches('\u{feff}'))
        {
            if let Some(path) = unknown_field(&value) {
                return Err(Error::BadJson(format!(
                    "未知的字段“{path}”：报告中没有这个字段，请检查拼写（可用字段见 fazhi show --json 的输出）"
                )));
            }
        }
    }
    parse_document(s)
}

/// The keys each kind of object has, taken from a document that has every
/// kind (so a new field of the model is known here without a list to keep).
fn known_keys() -> Known {
    use crate::model::{Attachment, CellSize, Paragraph, Section, Table};
    let (mut doc, _) = crate::template::latest("statutory")
        .expect("the statutory template is embedded")
        .instantiate("某", 2020, false);
    let mut section = Section::new("");
    section.paragraphs.push(Paragraph::new(""));
    let mut attachment = Attachment::new("");
    attachment.paragraphs.push(Paragraph::new(""));
    doc.attachments.push(attachment);
    // Every optional field of a table set, so that each is serialised.
    let table = Table {
        title: Some(String::new()),
        widths: vec![1],
        cell_size: Some(CellSize::Sihao),
        ..Table::from_texts([[""]], 1)
    };
    let keys = |v: serde_json::Value| -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    let to = |v: &dyn erased::Ser| v.value();
    Known {
        document: keys(to(&doc)),
        part: keys(to(&doc.parts[0])),
        section: keys(to(&section)),
        paragraph: keys(to(&Paragraph::table(table.clone()))),
        table: keys(to(&table)),
        // A cell is also read with the `text` shorthand (model::Cell).
        cell: keys(to(&table.rows[0][0]))
            .into_iter()
            .chain(["text".to_string()])
            .collect(),
        attachment: keys(to(&doc.attachments[0])),
        template: keys(to(&doc.template)),
        settings: keys(to(&doc.settings)),
    }
}

mod erased {
    /// Serialises any of the model's types to a JSON value.
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}

struct Known {
    document: Vec<String>,
    part: Vec<String>,
    section: Vec<String>,
    paragraph: Vec<String>,
    table: Vec<String>,
    cell: Vec<String>,
    attachment: Vec<String>,
    template: Vec<String>,
    settings: Vec<String>,
}

/// The path of the first key that is not a field (`parts[1].sections[0].headng`).
fn unknown_field(v: &serde_json::Value) -> Option<String> {
    let k = known_keys();
    let mut allowed = k.document.clone();
    allowed.extend(WORKFLOW_FIELDS.iter().map(|s| s.to_string()));
    check_object(v, &allowed, "")
        .or_else(|| nested(v, "template", |o, p| check_object(o, &k.template, &p)))
        .or_else(|| nested(v, "settings", |o, p| check_object(o, &k.settings, &p)))
        .or_else(|| list(v, "preface", "", &|o, p| paragraph(o, &p, &k)))
        .or_else(|| list(v, "closing", "", &|o, p| paragraph(o, &p, &k)))
        .or_else(|| {
            list(v, "attachments", "", &|o, p| {
                check_object(o, &k.attachment, &p)
                    .or_else(|| list(o, "paragraphs", &p, &|o, p| paragraph(o, &p, &k)))
            })
        })
        .or_else(|| {
            list(v, "parts", "", &|o, p| {
                check_object(o, &k.part, &p).or_else(|| container(o, &p, &k))
            })
        })
}

/// A paragraph's keys, and when it holds a table, the table's, its cells' and
/// their paragraphs' (`preface[0].table.rows[1][2].colspn`).
fn paragraph(o: &serde_json::Value, path: &str, k: &Known) -> Option<String> {
    check_object(o, &k.paragraph, path).or_else(|| {
        nested(o, "table", |t, _| {
            let tp = format!("{path}.table");
            check_object(t, &k.table, &tp).or_else(|| {
                let rows = t.get("rows")?.as_array()?;
                rows.iter().enumerate().find_map(|(r, row)| {
                    row.as_array()?.iter().enumerate().find_map(|(c, cell)| {
                        let cp = format!("{tp}.rows[{r}][{c}]");
                        check_object(cell, &k.cell, &cp)
                            .or_else(|| list(cell, "paragraphs", &cp, &|o, p| paragraph(o, &p, k)))
                    })
                })
            })
        })
    })
}

/// A part's or section's paragraphs and sections, recursively.
fn container(o: &serde_json::Value, path: &str, k: &Known) -> Option<String> {
    list(o, "paragraphs", path, &|o, p| paragraph(o, &p, k)).or_else(|| {
        list(o, "sections", path, &|o, p| {
            check_object(o, &k.section, &p).or_else(|| container(o, &p, k))
        })
    })
}

fn check_object(v: &serde_json::Value, allowed: &[String], path: &str) -> Option<String> {
    let o = v.as_object()?;
    o.keys().find(|key| !allowed.contains(key)).map(|key| {
        if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        }
    })
}

fn nested(
    v: &serde_json::Value,
    key: &str,
    f: impl Fn(&serde_json::Value, String) -> Option<String>,
) -> Option<String> {
    v.get(key).and_then(|o| f(o, key.to_string()))
}

fn list(
    v: &serde_json::Value,
    key: &str,
    path: &str,
    f: &dyn Fn(&serde_json::Value, String) -> Option<String>,
) -> Option<String> {
    let items = v.get(key)?.as_array()?;
    let base = if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    };
    items
        .iter()
        .enumerate()
        .find_map(|(i, item)| f(item, format!("{base}[{i}]")))
}

/// serde's message, with the cases users meet put in Chinese.
pub fn describe(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let at = format!("（第{}行第{}列）", e.line(), e.column());
    if msg.contains("unknown variant") {
        let name = msg.split('`').nth(1).unwrap_or("?");
        return format!(
            "未知的部分类型“{name}”，只能是 measures、shortcomings、leadership、plans、other 之一{at}"
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("?");
        return format!("缺少字段“{name}”{at}");
    }
    if e.is_syntax() || e.is_eof() {
        return format!("JSON语法错误{at}");
    }
    format!("{msg}{at}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_role_is_explained_in_chinese() {
        let src = r#"{"issuer":"某县人民政府","year":2019,"template":{"id":"statutory","version":1},
            "parts":[{"role":"achievements","heading":"x"}]}"#;
        let err = parse_document(src).unwrap_err().to_string();
        assert!(err.contains("未知的部分类型“achievements”"), "{err}");
    }

    #[test]
    fn put_refuses_an_unknown_field_by_name() {
        let base = r#"{"issuer":"某县人民政府","year":2019,"template":{"id":"statutory","version":1},"parts":[]"#;
        let ok = format!("{base},\"status\":\"draft\",\"sealed\":false,\"attachments\":[{{\"title\":\"甲\",\"paragraphs\":[{{\"text\":\"乙\"}}]}}]}}");
        let doc = parse_document_strict(&ok).unwrap();
        assert!(!doc.sealed);
        assert_eq!(doc.attachments[0].paragraphs[0].text, "乙");
        let err = parse_document_strict(&format!("{base},\"adressee\":\"某市\"}}"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("未知的字段“adressee”"), "{err}");
        let err = parse_document_strict(&format!(
            "{base},\"attachments\":[{{\"title\":\"甲\",\"paragraphs\":[{{\"txt\":\"乙\"}}]}}]}}"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("attachments[0].paragraphs[0].txt"), "{err}");
        // Lenient reading (the store) still drops nothing it knows and ignores the rest.
        assert!(parse_document(&format!("{base},\"adressee\":\"某市\"}}")).is_ok());
    }

    #[test]
    fn old_documents_load_with_the_new_fields_defaulted() {
        let src = r#"{"schema_version":1,"issuer":"某县人民政府","year":2019,"template":{"id":"statutory","version":1},"parts":[]}"#;
        let doc = parse_document(src).unwrap();
        assert!(doc.sealed);
        assert!(doc.attachments.is_empty() && doc.issuer_mark.is_none());
    }

    #[test]
    fn syntax_errors_name_the_place() {
        let err = parse_document("{\"issuer\": ").unwrap_err().to_string();
        assert!(err.contains("JSON语法错误"), "{err}");
    }
}
