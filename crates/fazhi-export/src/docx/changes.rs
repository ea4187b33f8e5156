//! Pending changes (修订) as Word tracked changes: deleted text as `w:del` runs with
//! `w:delText`, inserted text as `w:ins` runs, each with `w:author` and `w:date`, so
//! that Word, WPS and LibreOffice show them as changes to accept or reject there.
//!
//! A change reaches the DOCX as [`ExportChange`]s, one per node it touches (a change
//! across paragraphs is cut at their ends); [`super::comments::Comments`] places them
//! in the runs of their paragraph or heading, beside the comments.

use docx_rs::{BreakType, Delete, Insert, Paragraph, Run};
use fazhi_core::review::{Change, ChangeFilter, NodeRuns, Run as ChangeRun};
use serde::{Deserialize, Serialize};

use super::{clean, fonts};

/// One node's part of a pending change: `start..end` (Unicode scalar values of the
/// node's own text: the paragraph, or the heading without its number) is deleted and
/// `inserted` stands after it. `start == end` is a pure insertion; an empty `inserted`
/// a pure deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportChange {
    pub node_id: String,
    pub start: usize,
    pub end: usize,
    /// "\n" = a paragraph break the change adds: written as a tracked line break
    /// (accepted in Word it is a line break, imported back it is a paragraph break).
    pub inserted: String,
    /// The paragraph mark after the node is deleted too (the next paragraph joins it).
    #[serde(default)]
    pub mark_deleted: bool,
    pub author: String,
    /// ISO date or date-time.
    pub date: String,
}

/// Word wants `YYYY-MM-DDTHH:MM:SSZ`: a bare date becomes midnight, fractions of a
/// second (as the store writes them) are dropped.
pub(crate) fn change_date(d: &str) -> String {
    let d = super::comments::word_date(d);
    match (d.find('.'), d.ends_with('Z')) {
        (Some(dot), true) if dot > 10 => format!("{}Z", &d[..dot]),
        _ => d,
    }
}

fn with_font(run: Run, font: &str) -> Run {
    if font.is_empty() {
        run
    } else {
        run.fonts(fonts(font))
    }
}

/// `text` deleted by `c`, set in `font` ("" = the paragraph style's).
pub(super) fn add_deleted(p: Paragraph, c: &ExportChange, text: &str, font: &str) -> Paragraph {
    if text.is_empty() {
        return p;
    }
    let run = with_font(Run::new().add_delete_text(clean(text)), font);
    p.add_delete(
        Delete::new()
            .author(clean(&c.author))
            .date(change_date(&c.date))
            .add_run(run),
    )
}

/// What `c` inserts, set in `font`; a new paragraph in it as a line break.
pub(super) fn add_inserted(p: Paragraph, c: &ExportChange, font: &str) -> Paragraph {
    if c.inserted.is_empty() {
        return p;
    }
    let mut ins = Insert::new_with_empty()
        .author(clean(&c.author))
        .date(change_date(&c.date));
    for (i, line) in c.inserted.split('\n').enumerate() {
        if i > 0 {
            ins = ins.add_run(with_font(
                Run::new().add_break(BreakType::TextWrapping),
                font,
            ));
        }
        if !line.is_empty() {
            ins = ins.add_run(with_font(Run::new().add_text(clean(line)), font));
        }
    }
    p.add_insert(ins)
}

/// Marks the paragraph mark of `p` deleted by `c`.
pub(super) fn delete_mark(p: Paragraph, c: &ExportChange) -> Paragraph {
    p.delete(clean(&c.author), change_date(&c.date))
}

/// The pending changes of a stored report as the DOCX places them: the core's runs
/// of every node (`Store::change_runs`), with each change's author and time. The
/// CLI's `--with-changes` and the app's 含修订 both go through here.
pub fn changes_for_export(
    store: &fazhi_core::Store,
    id: &str,
) -> fazhi_core::Result<Vec<ExportChange>> {
    let runs = store.change_runs(id)?;
    let changes = store.list_changes(id, ChangeFilter::Pending)?;
    Ok(export_changes(&runs, &changes))
}

/// [`changes_for_export`] from the runs and the changes: per node, a deleted run
/// becomes a deletion at its offset in the original text, an inserted run an
/// insertion there (joined to the deletion just before it of the same change: a
/// replacement), a deleted break after the node a deleted paragraph mark.
pub fn export_changes(runs: &[NodeRuns], changes: &[Change]) -> Vec<ExportChange> {
    let mut out: Vec<ExportChange> = Vec::new();
    let who = |id: &str| {
        changes
            .iter()
            .find(|c| c.id == id)
            .map(|c| (c.author.clone(), c.created_at.clone()))
    };
    for node in runs {
        let first = out.len();
        let mut at = 0usize;
        let mut ids: Vec<&str> = Vec::new();
        for r in &node.runs {
            match r {
                ChangeRun::Same { text } => at += text.chars().count(),
                ChangeRun::Deleted { text, change_id } => {
                    let n = text.chars().count();
                    if let Some((author, date)) = who(change_id) {
                        out.push(ExportChange {
                            node_id: node.node_id.clone(),
                            start: at,
                            end: at + n,
                            inserted: String::new(),
                            mark_deleted: false,
                            author,
                            date,
                        });
                        ids.push(change_id);
                    }
                    at += n;
                }
                ChangeRun::Inserted { text, change_id } => {
                    let Some((author, date)) = who(change_id) else {
                        continue;
                    };
                    let joins = out.len() > first
                        && ids.last() == Some(&change_id.as_str())
                        && out
                            .last()
                            .is_some_and(|c| c.end == at && c.inserted.is_empty());
                    if joins {
                        if let Some(c) = out.last_mut() {
                            c.inserted = text.clone();
                        }
                    } else {
                        out.push(ExportChange {
                            node_id: node.node_id.clone(),
                            start: at,
                            end: at,
                            inserted: text.clone(),
                            mark_deleted: false,
                            author,
                            date,
                        });
                        ids.push(change_id);
                    }
                }
            }
        }
        if let Some(id) = &node.break_deleted {
            if let Some((author, date)) = who(id) {
                out.push(ExportChange {
                    node_id: node.node_id.clone(),
                    start: at,
                    end: at,
                    inserted: String::new(),
                    mark_deleted: true,
                    author,
                    date,
                });
            }
        }
    }
    out
}

/// Where the ids of tracked changes start: past any comment id (comments count from
/// 1), since Word wants the ids of all annotations of a document distinct.
const FIRST_REVISION_ID: usize = 100_000;

/// Numbers the `w:ins`/`w:del` of `xml` from [`FIRST_REVISION_ID`] in document order.
/// docx-rs numbers them from a counter of the process, which starts at 0 (where the
/// comments' ids are) and keeps counting over exports.
pub(crate) fn renumber_revisions(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let mut next = FIRST_REVISION_ID;
    loop {
        let found = ["<w:ins w:id=\"", "<w:del w:id=\""]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, t.len())))
            .min();
        let Some((i, len)) = found else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i + len]);
        rest = &rest[i + len..];
        let Some(end) = rest.find('"') else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&next.to_string());
        next += 1;
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::{DocxOptions, Profile};
    use fazhi_core::{Document, Paragraph};
    use std::io::Read;

    fn doc() -> Document {
        let (mut d, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2019, false);
        d.parts[0].sections[0].paragraphs = vec![
            Paragraph::new("全年办理行政复议案件120件，纠错15件。"),
            Paragraph::new("第二段。"),
        ];
        d
    }

    fn change(node: &str, start: usize, end: usize, inserted: &str) -> ExportChange {
        ExportChange {
            node_id: node.into(),
            start,
            end,
            inserted: inserted.into(),
            mark_deleted: false,
            author: "李审核".into(),
            date: "2026-12-04T05:00:00.000Z".into(),
        }
    }

    fn document_xml(d: &Document, changes: &[ExportChange]) -> String {
        let bytes = crate::docx_with_changes(d, &DocxOptions::default(), changes).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn changes_are_written_as_ins_and_del_runs_in_schema_order() {
        let d = doc();
        let p = d.parts[0].sections[0].paragraphs[0].id.clone();
        let p2 = d.parts[0].sections[0].paragraphs[1].id.clone();
        let heading = d.parts[0].sections[0].id.clone();
        let mut merge = change(&p, 21, 21, "");
        merge.mark_deleted = true;
        let changes = vec![
            change(&p, 11, 13, "35"),
            change(&p, 15, 19, ""),
            change(&p2, 0, 0, "新增\n一段"),
            change(&heading, 0, 2, ""),
            merge,
        ];
        let xml = document_xml(&d, &changes);
        // 120 → 135: "20" deleted, "35" inserted after it, both by the reviewer at the time.
        let del = xml.find(">20</w:delText>").expect("deleted text");
        let ins = xml[del..]
            .find("<w:ins ")
            .expect("insertion after the deletion")
            + del;
        assert!(xml[ins..].find(">35<").is_some_and(|i| i < 400));
        assert!(xml.contains(">纠错15</w:delText>"), "a pure deletion");
        // The new paragraph inside an insertion is a tracked line break.
        let nb = xml.find(">新增<").expect("inserted text");
        assert!(xml[nb..].find("<w:br").is_some_and(|i| i < 200));
        // The heading's own text, not its number, is deleted.
        assert!(xml.contains(">依法</w:delText>"), "heading change");
        // A deleted paragraph mark: w:del in the paragraph's rPr, before anything else.
        assert!(xml.contains("<w:rPr><w:del "), "paragraph mark deleted");
        // Ids apart from comments', distinct, and the XML already in schema order.
        assert!(xml.contains("w:id=\"100000\"") && xml.contains("w:id=\"100001\""));
        assert_eq!(crate::order::schema_order(&xml).unwrap(), xml);
    }

    #[test]
    fn the_publication_profile_carries_no_changes() {
        let d = doc();
        let p = d.parts[0].sections[0].paragraphs[0].id.clone();
        let bytes = crate::docx_with_changes(
            &d,
            &DocxOptions {
                profile: Profile::Publication,
                comments: Vec::new(),
            },
            &[change(&p, 0, 2, "")],
        )
        .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(!xml.contains("<w:del ") && !xml.contains("<w:ins "));
    }

    #[test]
    fn runs_become_changes_per_node() {
        use fazhi_core::review::{ChangeKind, ChangePos, ChangeStatus};
        let mk = |id: &str, author: &str| Change {
            id: id.into(),
            report_id: "r".into(),
            kind: ChangeKind::Replace,
            start: ChangePos {
                node_id: "a".into(),
                offset: 0,
            },
            end: ChangePos {
                node_id: "a".into(),
                offset: 0,
            },
            old: String::new(),
            new: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            author: author.into(),
            role: None,
            created_at: "2026-12-04T05:00:00.000Z".into(),
            status: ChangeStatus::Pending,
            decided_by: None,
            decided_at: None,
            orphaned: false,
            part_id: None,
            location: String::new(),
            mine: false,
        };
        let runs = vec![
            NodeRuns {
                node_id: "a".into(),
                runs: vec![
                    ChangeRun::Same {
                        text: "办理案件1".into(),
                    },
                    ChangeRun::Deleted {
                        text: "20".into(),
                        change_id: "c1".into(),
                    },
                    ChangeRun::Inserted {
                        text: "35".into(),
                        change_id: "c1".into(),
                    },
                    ChangeRun::Same {
                        text: "件。".into(),
                    },
                    ChangeRun::Deleted {
                        text: "尾".into(),
                        change_id: "c2".into(),
                    },
                ],
                break_deleted: Some("c2".into()),
            },
            NodeRuns {
                node_id: "b".into(),
                runs: vec![
                    ChangeRun::Inserted {
                        text: "全面".into(),
                        change_id: "c3".into(),
                    },
                    ChangeRun::Same {
                        text: "依法行政".into(),
                    },
                ],
                break_deleted: None,
            },
        ];
        let list = vec![mk("c1", "甲"), mk("c2", "乙"), mk("c3", "丙")];
        let out = export_changes(&runs, &list);
        let got: Vec<(&str, usize, usize, &str, bool, &str)> = out
            .iter()
            .map(|c| {
                (
                    c.node_id.as_str(),
                    c.start,
                    c.end,
                    c.inserted.as_str(),
                    c.mark_deleted,
                    c.author.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", 5, 7, "35", false, "甲"),
                ("a", 9, 10, "", false, "乙"),
                ("a", 10, 10, "", true, "乙"),
                ("b", 0, 0, "全面", false, "丙"),
            ]
        );
    }

    #[test]
    fn dates_are_word_date_times() {
        assert_eq!(change_date("2026-12-04"), "2026-12-04T00:00:00Z");
        assert_eq!(
            change_date("2026-12-04T04:30:15.123Z"),
            "2026-12-04T04:30:15Z"
        );
        assert_eq!(change_date("2026-12-04T04:30:15Z"), "2026-12-04T04:30:15Z");
    }
}
