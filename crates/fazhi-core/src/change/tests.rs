use super::*;
use crate::model::Section;
use crate::template;

/// A statutory report with text in the first part and a section.
fn doc() -> Document {
    let tpl = template::latest(template::DEFAULT_TEMPLATE).unwrap();
    let (mut d, _) = tpl.instantiate("梅河口市人民政府", 2019, false);
    d.preface = vec![Paragraph::new("2019年，我市坚持依法行政。")];
    d.parts[0].paragraphs = vec![
        Paragraph::new("全年共审查规范性文件12件。"),
        Paragraph::new("纠正违法文件2件。"),
    ];
    d.parts[0].sections = vec![Section {
        id: crate::ids::new_id(),
        heading: "严格规范公正文明执法".into(),
        paragraphs: vec![Paragraph::new("执法案卷评查100卷。")],
        sections: Vec::new(),
    }];
    crate::validate::validated(d).unwrap().into_inner()
}

fn pos(id: &str, offset: u32) -> ChangePos {
    ChangePos {
        node_id: id.to_string(),
        offset,
    }
}

fn texts(d: &Document) -> Vec<String> {
    d.nodes().map(|n| n.text.to_string()).collect()
}

fn change(d: &Document, quote: &str, new: &str, at: &str) -> Change {
    let flat = Flat::of(d);
    let (a, b) = flat.find(quote, 1).unwrap();
    let (prefix, suffix) = flat.context(a, b);
    Change {
        id: crate::ids::new_id(),
        report_id: "r".into(),
        kind: ChangeKind::of(quote, new).unwrap(),
        start: flat.pos(a),
        end: flat.pos(b),
        old: quote.into(),
        new: new.into(),
        prefix,
        suffix,
        author: "李审核".into(),
        role: Some(ReviewRole::Reviewer),
        created_at: at.into(),
        status: ChangeStatus::Pending,
        decided_by: None,
        decided_at: None,
        orphaned: false,
        part_id: None,
        location: String::new(),
        mine: false,
    }
}

#[test]
fn replace_inside_one_paragraph() {
    let d = doc();
    let p = d.parts[0].paragraphs[0].id.clone();
    let out = apply_one(&d, &pos(&p, 10), &pos(&p, 12), "15").unwrap();
    assert_eq!(
        out.parts[0].paragraphs[0].text,
        "全年共审查规范性文件15件。"
    );
    assert_eq!(out.parts[0].paragraphs[0].id, p);
    assert!(crate::validate::validate(&out).is_ok());
}

#[test]
fn insertion_with_a_break_splits_the_paragraph() {
    let d = doc();
    let p = d.parts[0].paragraphs[0].id.clone();
    let out = apply_one(&d, &pos(&p, 12), &pos(&p, 12), "，\n新增一段").unwrap();
    let paras: Vec<&str> = out.parts[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        paras,
        [
            "全年共审查规范性文件12，",
            "新增一段件。",
            "纠正违法文件2件。"
        ]
    );
    assert_eq!(out.parts[0].paragraphs[0].id, p);
    assert_ne!(out.parts[0].paragraphs[1].id, p);
}

#[test]
fn deleting_across_paragraphs_merges_them() {
    let d = doc();
    let flat = Flat::of(&d);
    let (a, b) = flat.find("12件。\n纠正", 1).unwrap();
    let out = apply_one(&d, &flat.pos(a), &flat.pos(b), "").unwrap();
    assert_eq!(out.parts[0].paragraphs.len(), 1);
    assert_eq!(
        out.parts[0].paragraphs[0].text,
        "全年共审查规范性文件违法文件2件。"
    );
}

#[test]
fn deleting_a_section_heading_keeps_its_paragraphs() {
    let d = doc();
    let flat = Flat::of(&d);
    let (a, b) = flat.find("2件。\n严格规范公正文明执法\n执法", 1).unwrap();
    let out = apply_one(&d, &flat.pos(a), &flat.pos(b), "2件，").unwrap();
    assert!(out.parts[0].sections.is_empty());
    assert_eq!(
        out.parts[0].paragraphs[1].text,
        "纠正违法文件2件，案卷评查100卷。"
    );
}

#[test]
fn deleting_a_part_heading_fails_the_template_check() {
    let d = doc();
    let c = change(&d, &d.parts[1].heading.clone(), "", "1");
    let out = accepted_view(&d, &[c]).unwrap();
    assert!(crate::validate::validate(&out).is_err());
}

#[test]
fn positions_round_trip_through_the_flat_text() {
    let d = doc();
    let flat = Flat::of(&d);
    for (id, start, len, _) in &flat.nodes {
        for off in [0, *len] {
            let p = pos(id, off as u32);
            let at = flat.offset(&p).unwrap();
            assert_eq!(at, start + off);
            assert_eq!(flat.pos(at), p);
        }
    }
    assert_eq!(flat.offset(&pos("nope", 0)), None);
    let p = &flat.nodes[0];
    assert_eq!(flat.offset(&pos(&p.0, p.2 as u32 + 1)), None);
}

#[test]
fn all_changes_apply_from_the_end() {
    let d = doc();
    let c1 = change(&d, "12", "15", "1");
    let c2 = change(&d, "文件2件", "文件3件", "2");
    let c3 = change(&d, "依法行政", "全面依法行政", "3");
    let out = accepted_view(&d, &[c1, c2, c3]).unwrap();
    let t = texts(&out);
    assert!(
        t.contains(&"2019年，我市坚持全面依法行政。".to_string()),
        "{t:?}"
    );
    assert!(
        t.contains(&"全年共审查规范性文件15件。".to_string()),
        "{t:?}"
    );
    assert!(t.contains(&"纠正违法文件3件。".to_string()), "{t:?}");
    assert_eq!(rejected_view(&d), d);
}

#[test]
fn insertions_at_one_place_keep_their_order() {
    let d = doc();
    let p = d.preface[0].id.clone();
    let mk = |new: &str, at: &str| {
        let mut c = change(&d, "2019", "2019", at);
        c.kind = ChangeKind::Insert;
        c.old = String::new();
        c.new = new.into();
        c.start = pos(&p, 0);
        c.end = pos(&p, 0);
        c
    };
    let out = accepted_view(&d, &[mk("乙", "2"), mk("甲", "1")]).unwrap();
    assert!(out.preface[0].text.starts_with("甲乙2019"));
}

#[test]
fn overlaps_are_found() {
    assert!(overlaps(0, 4, 2, 6));
    assert!(!overlaps(0, 4, 4, 6));
    assert!(overlaps(3, 3, 2, 6));
    assert!(!overlaps(2, 2, 2, 6));
    assert!(!overlaps(2, 2, 2, 2));
}

#[test]
fn reanchor_follows_edits_and_orphans_vanished_text() {
    let d = doc();
    let c = change(&d, "12", "15", "1");
    let mut edited = d.clone();
    edited.parts[0].paragraphs[0].text = "今年全年共审查规范性文件12件。".into();
    let flat = Flat::of(&edited);
    let (a, b) = flat
        .reanchor(&c.old, &c.prefix, &c.suffix, flat.range(&c.start, &c.end))
        .unwrap();
    assert_eq!(flat.slice(a, b), "12");
    assert_eq!(flat.pos(a).offset, 12);
    edited.parts[0].paragraphs[0].text = "全年共审查规范性文件若干件。".into();
    let flat = Flat::of(&edited);
    assert_eq!(
        flat.reanchor(&c.old, &c.prefix, &c.suffix, flat.range(&c.start, &c.end)),
        None
    );
}

#[test]
fn insertion_reanchors_by_context() {
    let d = doc();
    let mut c = change(&d, "依法行政", "依法行政", "1");
    let flat = Flat::of(&d);
    let (a, _) = flat.find("依法行政", 1).unwrap();
    c.old = String::new();
    c.new = "全面".into();
    let (prefix, suffix) = flat.context(a, a);
    let mut edited = d.clone();
    edited.preface[0].text = "2019年，全市坚持依法行政。".into();
    let flat2 = Flat::of(&edited);
    let (x, y) = flat2
        .reanchor(
            "",
            &prefix,
            &suffix,
            flat2.range(&flat.pos(a), &flat.pos(a)),
        )
        .unwrap();
    assert_eq!(x, y);
    assert_eq!(flat2.slice(x, x + 4), "依法行政");
}

#[test]
fn runs_show_deleted_and_inserted_text() {
    let d = doc();
    let c = change(&d, "12", "15", "1");
    let id = c.id.clone();
    let runs = runs(&d, &[c]);
    let p = &d.parts[0].paragraphs[0].id;
    let r = runs.iter().find(|r| &r.node_id == p).unwrap();
    assert_eq!(
        r.runs,
        vec![
            Run::Same {
                text: "全年共审查规范性文件".into()
            },
            Run::Deleted {
                text: "12".into(),
                change_id: id.clone()
            },
            Run::Inserted {
                text: "15".into(),
                change_id: id
            },
            Run::Same {
                text: "件。".into()
            },
        ]
    );
}

#[test]
fn bad_positions_are_refused_not_panicking() {
    let d = doc();
    let p = d.parts[0].paragraphs[0].id.clone();
    assert!(apply_one(&d, &pos(&p, 5), &pos(&p, 2), "x").is_err());
    assert!(apply_one(&d, &pos(&p, 0), &pos(&p, 999), "x").is_err());
    assert!(apply_one(&d, &pos("nope", 0), &pos(&p, 1), "x").is_err());
    let later = d.preface[0].id.clone();
    assert!(apply_one(&d, &pos(&p, 0), &pos(&later, 0), "x").is_err());
    assert!(clean_new_text("a\u{7}b").is_err());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!['法', '治', '，', '。', 'a', '1', '\n']),
            0..6,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// Applying non-overlapping changes one at a time (each re-anchored
        /// after the others) gives the same text as the accepted view, and
        /// the accepted view's flat text is the original with each range
        /// replaced.
        #[test]
        fn accepted_view_equals_the_text_edit(
            spans in proptest::collection::vec((0usize..60, 0usize..4, piece()), 1..5)
        ) {
            let d = doc();
            let flat = Flat::of(&d);
            let n = flat.chars.len();
            // Non-overlapping ranges inside paragraphs of the body (not headings).
            let bodies: Vec<(usize, usize)> = d
                .nodes()
                .filter(|x| x.kind == crate::model::NodeKind::Paragraph)
                .map(|x| {
                    let i = flat.node_index(x.id).unwrap();
                    (flat.nodes[i].1, flat.nodes[i].1 + flat.nodes[i].2)
                })
                .collect();
            let mut taken: Vec<(usize, usize)> = Vec::new();
            let mut changes = Vec::new();
            for (k, (at, len, new)) in spans.into_iter().enumerate() {
                let (s0, e0) = bodies[at % bodies.len()];
                let a = s0 + at % (e0 - s0 + 1);
                let b = (a + len).min(e0);
                if a == b && new.is_empty() { continue; }
                if taken.iter().any(|&(x, y)| overlaps(a, b, x, y) || (a == b && x == y && a == x)) { continue; }
                taken.push((a, b));
                let (prefix, suffix) = flat.context(a, b);
                let old = flat.slice(a, b);
                changes.push(Change {
                    id: format!("c{k}"), report_id: "r".into(),
                    kind: ChangeKind::of(&old, &new).unwrap(),
                    start: flat.pos(a), end: flat.pos(b), old, new, prefix, suffix,
                    author: "甲".into(), role: None, created_at: format!("{k}"),
                    status: ChangeStatus::Pending, decided_by: None, decided_at: None,
                    orphaned: false, part_id: None, location: String::new(), mine: false,
                });
            }
            prop_assume!(!changes.is_empty());
            let view = accepted_view(&d, &changes).unwrap();
            // Expected flat text: replace the ranges from the end.
            let mut expect: Vec<char> = flat.chars.clone();
            let mut order: Vec<&Change> = changes.iter().collect();
            // At one place the deletion goes first, then insertions, later ones first.
            order.sort_by_key(|c| {
                let (a, b) = flat.range(&c.start, &c.end).unwrap();
                std::cmp::Reverse((a, b, c.created_at.clone()))
            });
            for c in order {
                let (a, b) = flat.range(&c.start, &c.end).unwrap();
                expect.splice(a..b, c.new.chars());
            }
            let got = Flat::of(&view).chars;
            prop_assert_eq!(got.iter().collect::<String>(), expect.iter().collect::<String>());
            prop_assert!(n > 0);
            // One at a time, mapping the rest each time: same result.
            let mut cur = d.clone();
            let mut rest = changes.clone();
            while !rest.is_empty() {
                let c = rest.remove(0);
                let f0 = Flat::of(&cur);
                let applied = [Applied::of(&f0, &c).unwrap()];
                cur = apply_one(&cur, &c.start, &c.end, &c.new).unwrap();
                let f = Flat::of(&cur);
                for o in &mut rest {
                    let r = f0.range(&o.start, &o.end).unwrap();
                    let (a, b) = map_range(r, (&o.created_at, &o.id), &applied);
                    prop_assert_eq!(f.slice(a, b), o.old.clone());
                    o.start = f.pos(a);
                    o.end = f.pos(b);
                }
            }
            prop_assert_eq!(Flat::of(&cur).chars, got);
        }
    }
}

#[test]
fn a_change_in_a_table_cell_applies_and_crossing_a_table_is_refused() {
    let mut d = doc();
    let mut t = Paragraph::new("");
    t.table = Some(crate::model::Table::from_texts(
        [["类别", "件数"], ["行政复议", "30"]],
        1,
    ));
    d.parts[0].paragraphs.insert(1, t);
    let d = crate::validate::validated(d).unwrap().into_inner();
    let c = change(&d, "30", "32", "1");
    let out = accepted_view(&d, &[c]).unwrap();
    let cells: Vec<String> = out.parts[0].paragraphs[1]
        .table
        .as_ref()
        .unwrap()
        .paragraphs()
        .map(|p| p.text.clone())
        .collect();
    assert_eq!(cells, ["类别", "件数", "行政复议", "32"]);
    let flat = Flat::of(&d);
    let (a, _) = flat.find("12件。", 1).unwrap();
    let (_, b) = flat.find("纠正", 1).unwrap();
    assert_eq!(
        apply_one(&d, &flat.pos(a), &flat.pos(b), ""),
        Err(ChangeError::Table)
    );
}

#[test]
fn locations_name_the_heading_the_paragraph_and_a_tables_cell() {
    use crate::model::{Cell, Table};
    let mut d = doc();
    let cell = |t: &str| Cell {
        colspan: 1,
        rowspan: 1,
        paragraphs: vec![Paragraph::new(t)],
    };
    let mut table = Paragraph::new("");
    table.table = Some(Table {
        title: Some("行政复议案件统计表".into()),
        header_rows: 1,
        rows: vec![
            vec![cell("类别"), cell("件数")],
            vec![cell("受理"), cell("120")],
        ],
        ..Table::default()
    });
    d.parts[0].sections[0].paragraphs.push(table);
    d.parts[0].sections[0]
        .paragraphs
        .push(Paragraph::new("表后一段。"));
    d.closing = vec![Paragraph::new("特此报告。")];
    let d = crate::validate::validated(d).unwrap().into_inner();
    let id_of = |text: &str| {
        d.nodes()
            .find(|n| n.text == text)
            .map(|n| n.id.to_string())
            .unwrap()
    };
    let at = |text: &str| describe_location(&d, &id_of(text));
    assert_eq!(at("2019年，我市坚持依法行政。"), "开头 第1段");
    assert_eq!(
        at("纠正违法文件2件。"),
        "一、2019年推进法治政府建设的主要举措 第2段"
    );
    assert_eq!(
        at("执法案卷评查100卷。"),
        "（一）严格规范公正文明执法 第1段"
    );
    assert_eq!(
        at("行政复议案件统计表"),
        "（一）严格规范公正文明执法 第1个表格表题"
    );
    assert_eq!(at("120"), "（一）严格规范公正文明执法 第1个表格第2行第2列");
    // Cells are not paragraphs: the one after the table is the second.
    assert_eq!(at("表后一段。"), "（一）严格规范公正文明执法 第2段");
    // The closing is named as such, not as the last section.
    assert_eq!(at("特此报告。"), "结尾 第1段");
}
