//! Tracked changes (修订) of a reviewed DOCX: every `w:ins` / `w:del` with its author
//! and date, and the original text around it, so that the core can anchor it on our
//! report by that text (`Store::add_changes`). Parses only; nothing is written.
//!
//! The body is read as one stream of original text: paragraphs joined by "\n" (the
//! node breaks of the core's flat text), a deleted paragraph mark a deleted "\n", an
//! inserted one an inserted "\n", a line break inside an insertion "\n" too (our
//! export writes a new paragraph of a suggestion that way). Adjacent deletions and
//! insertions by one author make one change (a replacement); text inserted and then
//! deleted again (`w:del` inside `w:ins`) was never there and is left out.

use docx_rs::{DeleteChild, Docx, InsertChild, Paragraph, ParagraphChild, RunChild};
use docx_rs::{DocumentChild, TableCellContent, TableChild, TableRowChild};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ImportError;

/// Characters of original text kept either side of a change.
const CONTEXT_CHARS: usize = 24;

/// A tracked change found in a DOCX, with the original text around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocxChange {
    pub author: String,
    /// As written in the file (ISO 8601), if at all.
    pub date: Option<String>,
    /// The original text it deletes ("" for an insertion; "\n" = a paragraph break).
    pub old: String,
    /// The text it inserts ("" for a deletion).
    pub new: String,
    /// Original text just before it, in the same paragraph.
    pub prefix: String,
    /// Original text just after it, in the same paragraph.
    pub suffix: String,
}

impl From<DocxChange> for fazhi_core::review::NewChange {
    fn from(c: DocxChange) -> Self {
        Self {
            id: None,
            author: c.author,
            role: None,
            created_at: c.date,
            old: c.old,
            new: c.new,
            prefix: c.prefix,
            suffix: c.suffix,
            start: None,
            end: None,
        }
    }
}

/// One stretch of the body: original text, or a tracked deletion or insertion.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Same(String),
    Del {
        text: String,
        author: String,
        date: String,
    },
    Ins {
        text: String,
        author: String,
        date: String,
    },
}

/// The text of a run's children: text, tabs, breaks; deleted text when `deleted`.
fn run_text(children: &[RunChild], deleted: bool) -> String {
    let mut s = String::new();
    for c in children {
        match c {
            RunChild::Text(t) if !deleted => s.push_str(&t.text),
            // docx-rs keeps the deleted text private; its serde form has it.
            RunChild::DeleteText(t) if deleted => {
                if let Some(v) = serde_json::to_value(t)
                    .ok()
                    .and_then(|v| v.get("text")?.as_str().map(str::to_string))
                {
                    s.push_str(&v);
                }
            }
            RunChild::Tab(_) | RunChild::PTab(_) => s.push('\t'),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => s.push('\n'),
            _ => {}
        }
    }
    s
}

struct Walker {
    segs: Vec<Seg>,
}

impl Walker {
    fn push(&mut self, seg: Seg) {
        let empty = match &seg {
            Seg::Same(t) | Seg::Del { text: t, .. } | Seg::Ins { text: t, .. } => t.is_empty(),
        };
        if empty {
            return;
        }
        // Runs split anywhere (fonts, spelling marks): join stretches of one kind.
        match (self.segs.last_mut(), seg) {
            (Some(Seg::Same(a)), Seg::Same(b)) => a.push_str(&b),
            (
                Some(Seg::Del {
                    text: a, author: x, ..
                }),
                Seg::Del {
                    text: b, author: y, ..
                },
            ) if *x == y => a.push_str(&b),
            (
                Some(Seg::Ins {
                    text: a, author: x, ..
                }),
                Seg::Ins {
                    text: b, author: y, ..
                },
            ) if *x == y => a.push_str(&b),
            (_, seg) => self.segs.push(seg),
        }
    }

    fn child(&mut self, c: &ParagraphChild) {
        match c {
            ParagraphChild::Run(r) => self.push(Seg::Same(run_text(&r.children, false))),
            ParagraphChild::Insert(ins) => {
                for ic in &ins.children {
                    if let InsertChild::Run(r) = ic {
                        self.push(Seg::Ins {
                            text: run_text(&r.children, false),
                            author: ins.author.clone(),
                            date: ins.date.clone(),
                        });
                    }
                    // InsertChild::Delete: inserted, then deleted — never there.
                }
            }
            ParagraphChild::Delete(del) => {
                for dc in &del.children {
                    if let DeleteChild::Run(r) = dc {
                        self.push(Seg::Del {
                            text: run_text(&r.children, true),
                            author: del.author.clone(),
                            date: del.date.clone(),
                        });
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => {
                for hc in &h.children {
                    self.child(hc);
                }
            }
            _ => {}
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        for c in &p.children {
            self.child(c);
        }
        // The paragraph mark: deleted (the next paragraph joins this one) or
        // inserted (this paragraph was split off), else an original break.
        let rp = &p.property.run_property;
        let mark = if let Some(d) = &rp.del {
            Seg::Del {
                text: "\n".into(),
                author: d.author.clone(),
                date: d.date.clone(),
            }
        } else if let Some(i) = &rp.ins {
            Seg::Ins {
                text: "\n".into(),
                author: i.author.clone(),
                date: i.date.clone(),
            }
        } else {
            Seg::Same("\n".into())
        };
        self.push(mark);
    }

    fn document_child(&mut self, c: &DocumentChild) {
        match c {
            DocumentChild::Paragraph(p) => self.paragraph(p),
            DocumentChild::Table(t) => {
                for row in &t.rows {
                    let TableChild::TableRow(row) = row;
                    for cell in &row.cells {
                        let TableRowChild::TableCell(cell) = cell;
                        for c in &cell.children {
                            if let TableCellContent::Paragraph(p) = c {
                                self.paragraph(p);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The body as stretches of original, deleted and inserted text.
fn segments(docx: &Docx) -> Vec<Seg> {
    let mut w = Walker { segs: Vec::new() };
    for c in &docx.document.children {
        w.document_child(c);
    }
    w.segs
}

/// Up to [`CONTEXT_CHARS`] characters at the end of `before`, not reaching back
/// over a paragraph break.
fn tail_in_paragraph(before: &[char]) -> String {
    let from = before
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |i| i + 1)
        .max(before.len().saturating_sub(CONTEXT_CHARS));
    before[from..].iter().collect()
}

fn head_in_paragraph(after: &[char]) -> String {
    after
        .iter()
        .take(CONTEXT_CHARS)
        .take_while(|c| **c != '\n')
        .collect()
}

/// The changes of the stretches, with their context in the original text.
fn changes_of(segs: &[Seg]) -> Vec<DocxChange> {
    // The original text (kept and deleted) and where each stretch starts in it.
    let mut original: Vec<char> = Vec::new();
    let mut at = Vec::with_capacity(segs.len());
    for s in segs {
        at.push(original.len());
        match s {
            Seg::Same(t) | Seg::Del { text: t, .. } => original.extend(t.chars()),
            Seg::Ins { .. } => {}
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let author = match &segs[i] {
            Seg::Same(_) => {
                i += 1;
                continue;
            }
            Seg::Del { author, .. } | Seg::Ins { author, .. } => author.clone(),
        };
        let start = at[i];
        let (mut old, mut new, mut date) = (String::new(), String::new(), String::new());
        while let Some(s) = segs.get(i) {
            match s {
                Seg::Del {
                    text,
                    author: a,
                    date: d,
                } if *a == author => {
                    old.push_str(text);
                    if date.is_empty() {
                        date = d.clone();
                    }
                }
                Seg::Ins {
                    text,
                    author: a,
                    date: d,
                } if *a == author => {
                    new.push_str(text);
                    if date.is_empty() {
                        date = d.clone();
                    }
                }
                _ => break,
            }
            i += 1;
        }
        let end = start + old.chars().count();
        out.push(DocxChange {
            author,
            date: (!date.is_empty()).then_some(date),
            prefix: tail_in_paragraph(&original[..start]),
            suffix: head_in_paragraph(&original[end..]),
            old,
            new,
        });
    }
    out
}

/// The tracked changes of a DOCX file (its bytes, `file` naming it in messages).
pub fn docx_changes(file: &str, bytes: &[u8]) -> Result<Vec<DocxChange>, ImportError> {
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return Err(ImportError::CorruptDocx {
            file: file.to_string(),
            reason: "不是 Word 文档（.docx）".into(),
        });
    }
    let docx = crate::docx::read(file, bytes)?;
    Ok(changes_of(&segments(&docx)))
}

/// [`docx_changes`] of the file at `path`, refused by size before it is read.
pub fn docx_changes_file(path: &std::path::Path) -> Result<Vec<DocxChange>, ImportError> {
    let (name, bytes) = crate::read_bounded(path)?;
    docx_changes(&name, &bytes)
}

/// Shortens each change's context to what `text` (the report's text) has: the longest
/// end of `prefix` and start of `suffix` found in it, so that a context reaching into a
/// heading's number or another paragraph of the DOCX still finds the place.
pub fn fit_context(changes: &mut [DocxChange], text: &str) {
    let fit = |s: &str, from_end: bool| -> String {
        let chars: Vec<char> = s.chars().collect();
        for n in (1..=chars.len()).rev() {
            let part: String = if from_end {
                chars[chars.len() - n..].iter().collect()
            } else {
                chars[..n].iter().collect()
            };
            if text.contains(&part) {
                return part;
            }
        }
        String::new()
    };
    for c in changes {
        c.prefix = fit(&c.prefix, true);
        c.suffix = fit(&c.suffix, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn del(t: &str, a: &str) -> Seg {
        Seg::Del {
            text: t.into(),
            author: a.into(),
            date: "2026-12-01T08:00:00Z".into(),
        }
    }

    fn ins(t: &str, a: &str) -> Seg {
        Seg::Ins {
            text: t.into(),
            author: a.into(),
            date: "2026-12-01T09:00:00Z".into(),
        }
    }

    #[test]
    fn a_deletion_and_insertion_by_one_author_are_one_replacement() {
        let segs = vec![
            Seg::Same("上一段。\n全年办理行政复议案件1".into()),
            del("20", "李审核"),
            ins("35", "李审核"),
            Seg::Same("件，纠错15件。\n".into()),
        ];
        let c = changes_of(&segs);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].old.as_str(), c[0].new.as_str()), ("20", "35"));
        assert_eq!(c[0].author, "李审核");
        assert_eq!(c[0].date.as_deref(), Some("2026-12-01T08:00:00Z"));
        assert_eq!(
            c[0].prefix, "全年办理行政复议案件1",
            "not over the paragraph break"
        );
        assert_eq!(c[0].suffix, "件，纠错15件。");
    }

    #[test]
    fn two_authors_make_two_changes_and_marks_are_breaks() {
        let segs = vec![
            Seg::Same("甲段".into()),
            del("\n", "张三"),
            Seg::Same("乙段".into()),
            ins("补充", "李四"),
            Seg::Same("\n".into()),
        ];
        let c = changes_of(&segs);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].old.as_str(), c[0].new.as_str()), ("\n", ""));
        assert_eq!(
            (c[0].prefix.as_str(), c[0].suffix.as_str()),
            ("甲段", "乙段")
        );
        assert_eq!((c[1].old.as_str(), c[1].new.as_str()), ("", "补充"));
        assert_eq!(c[1].prefix, "乙段");
        assert_eq!(c[1].suffix, "");
    }

    #[test]
    fn context_is_fitted_to_the_report() {
        let mut c = vec![DocxChange {
            author: "李审核".into(),
            date: None,
            old: String::new(),
            new: "全面".into(),
            prefix: "（一）依法全面履行政府职能。推进".into(),
            suffix: "依法行政".into(),
        }];
        fit_context(&mut c, "依法全面履行政府职能\n推进依法行政。");
        assert_eq!(c[0].prefix, "推进");
        assert_eq!(c[0].suffix, "依法行政");
    }
}
