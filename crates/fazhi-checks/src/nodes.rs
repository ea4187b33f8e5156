//! The text-bearing nodes of a document, in reading order, with the context a
//! rule needs (which part, which heading level), and the way back from a
//! node id to its text.

use fazhi_core::model::{Paragraph, Table};
use fazhi_core::numbering;
use fazhi_core::{Document, Role, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// A title override.
    Title,
    /// A metadata field (issuer, addressee, doc number, signer, signature, note).
    Meta,
    PartHeading,
    SectionHeading,
    Paragraph,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    Front,
    Preface,
    Part,
    Closing,
    /// An 附件 (its title and paragraphs), after the closing.
    Attachment,
}

#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub place: Place,
    pub text: &'a str,
    /// The statutory part the node belongs to.
    pub role: Option<Role>,
    /// Heading level of the node (headings) or of the heading it stands under
    /// (paragraphs): 1 = part, 2 = （一）, 3 = 1., 4 = （1）; 0 outside parts.
    pub level: usize,
    /// The part or section holding a paragraph (numbering runs per container).
    pub container: Option<&'a str>,
    /// Index of the paragraph in its container.
    pub index: usize,
}

pub(crate) const META_FIELDS: [(&str, &str); 6] = [
    ("meta:issuer", "发文机关"),
    ("meta:addressee", "主送机关"),
    ("meta:doc_number", "发文字号"),
    ("meta:signer", "签发人"),
    ("meta:signature", "署名"),
    ("meta:note", "附注"),
];

fn meta_value<'a>(doc: &'a Document, id: &str) -> Option<&'a str> {
    match id {
        "meta:issuer" => Some(doc.issuer.as_str()),
        "meta:addressee" => doc.addressee.as_deref(),
        "meta:doc_number" => doc.doc_number.as_deref(),
        "meta:signer" => doc.signer.as_deref(),
        "meta:signature" => doc.signature.as_deref(),
        "meta:note" => doc.note.as_deref(),
        _ => None,
    }
}

pub(crate) fn nodes(doc: &Document) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    if let Some(t) = doc
        .title_override
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        out.push(Node {
            id: "title",
            kind: Kind::Title,
            place: Place::Front,
            text: t,
            role: None,
            level: 0,
            container: None,
            index: 0,
        });
    }
    for (id, _) in META_FIELDS {
        if let Some(v) = meta_value(doc, id) {
            out.push(Node {
                id,
                kind: Kind::Meta,
                place: Place::Front,
                text: v,
                role: None,
                level: 0,
                container: None,
                index: 0,
            });
        }
    }
    let at = |place, role, level| Holder { place, role, level };
    paragraphs(&doc.preface, at(Place::Preface, None, 0), None, &mut out);
    fn section<'a>(s: &'a Section, role: Role, level: usize, out: &mut Vec<Node<'a>>) {
        out.push(Node {
            id: &s.id,
            kind: Kind::SectionHeading,
            place: Place::Part,
            text: &s.heading,
            role: Some(role),
            level,
            container: None,
            index: 0,
        });
        let at = Holder {
            place: Place::Part,
            role: Some(role),
            level,
        };
        paragraphs(&s.paragraphs, at, Some(&s.id), out);
        for c in &s.sections {
            section(c, role, level + 1, out);
        }
    }
    for part in &doc.parts {
        out.push(Node {
            id: &part.id,
            kind: Kind::PartHeading,
            place: Place::Part,
            text: &part.heading,
            role: Some(part.role),
            level: 1,
            container: None,
            index: 0,
        });
        let holder = at(Place::Part, Some(part.role), 1);
        paragraphs(&part.paragraphs, holder, Some(&part.id), &mut out);
        for s in &part.sections {
            section(s, part.role, 2, &mut out);
        }
    }
    paragraphs(&doc.closing, at(Place::Closing, None, 0), None, &mut out);
    // 附件 are proofread like the body: the title as a heading (no numbering of
    // its own), the paragraphs numbered per attachment.
    for a in &doc.attachments {
        out.push(Node {
            id: &a.id,
            kind: Kind::SectionHeading,
            place: Place::Attachment,
            text: &a.title,
            role: None,
            level: 0,
            container: None,
            index: 0,
        });
        let holder = at(Place::Attachment, None, 0);
        paragraphs(&a.paragraphs, holder, Some(&a.id), &mut out);
    }
    out
}

/// Where a run of paragraphs stands.
#[derive(Clone, Copy)]
struct Holder {
    place: Place,
    role: Option<Role>,
    level: usize,
}

/// The paragraphs of one holder; a table gives its title (as a heading: no
/// sentence of its own) and then its cells' paragraphs, proofread like any
/// paragraph. A table is its cells' container, so list numbering (一是、二是)
/// runs per table, not across the text around it; their index runs through
/// the whole table, so only its first cell counts as "the start" of a text.
fn paragraphs<'a>(
    ps: &'a [Paragraph],
    at: Holder,
    container: Option<&'a str>,
    out: &mut Vec<Node<'a>>,
) {
    for (i, p) in ps.iter().enumerate() {
        let Some(t) = &p.table else {
            out.push(Node {
                id: &p.id,
                kind: Kind::Paragraph,
                place: at.place,
                text: &p.text,
                role: at.role,
                level: at.level,
                container,
                index: i,
            });
            continue;
        };
        if let Some(title) = &t.title {
            out.push(Node {
                id: &p.id,
                kind: Kind::SectionHeading,
                place: at.place,
                text: title,
                role: at.role,
                level: at.level,
                container: None,
                index: 0,
            });
        }
        for (k, c) in t.paragraphs().enumerate() {
            out.push(Node {
                id: &c.id,
                kind: Kind::Paragraph,
                place: at.place,
                text: &c.text,
                role: at.role,
                level: at.level,
                container: Some(&p.id),
                index: k,
            });
        }
    }
}

/// The node with this id, if any.
pub(crate) fn find<'a>(doc: &'a Document, id: &str) -> Option<Node<'a>> {
    nodes(doc).into_iter().find(|n| n.id == id)
}

/// The text of a node, for applying a fix. A derived title has no text of its
/// own (it follows the issuer and year) and is not reachable here.
pub(crate) fn text_mut<'a>(doc: &'a mut Document, id: &str) -> Option<&'a mut String> {
    fn in_section<'a>(s: &'a mut Section, id: &str) -> Option<&'a mut String> {
        if s.id == id {
            return Some(&mut s.heading);
        }
        s.sections.iter_mut().find_map(|c| in_section(c, id))
    }
    match id {
        "title" => return doc.title_override.as_mut(),
        "meta:issuer" => return Some(&mut doc.issuer),
        "meta:addressee" => return doc.addressee.as_mut(),
        "meta:doc_number" => return doc.doc_number.as_mut(),
        "meta:signer" => return doc.signer.as_mut(),
        "meta:signature" => return doc.signature.as_mut(),
        "meta:note" => return doc.note.as_mut(),
        _ => {}
    }
    // Headings first (their ids never name a paragraph), then any paragraph,
    // a table's cells included; a table's own id names its title.
    let heading = doc.parts.iter().any(|p| p.id == id)
        || doc.attachments.iter().any(|a| a.id == id)
        || doc
            .nodes()
            .any(|n| n.id == id && n.kind == fazhi_core::model::NodeKind::Section);
    if heading {
        for part in &mut doc.parts {
            if part.id == id {
                return Some(&mut part.heading);
            }
            if let Some(t) = part.sections.iter_mut().find_map(|s| in_section(s, id)) {
                return Some(t);
            }
        }
        return doc
            .attachments
            .iter_mut()
            .find(|a| a.id == id)
            .map(|a| &mut a.title);
    }
    let p = doc.paragraph_mut(id)?;
    match &mut p.table {
        Some(t) => t.title.as_mut(),
        None => Some(&mut p.text),
    }
}

/// Where a node is, in the words a reviewer uses: 标题, 发文字号, 前言第1段,
/// 一、标题, 一、（二）第3段, 结尾第1段, 附件1第2个表格第3行第1列, 一、第1个表格表题.
/// `None` when the id is unknown.
pub fn node_label(doc: &Document, id: &str) -> Option<String> {
    if id == "title" {
        return Some("标题".into());
    }
    if let Some((_, name)) = META_FIELDS.iter().find(|(k, _)| *k == id) {
        return Some((*name).to_string());
    }
    if let Some(l) = in_paragraphs(&doc.preface, "前言", id) {
        return Some(l);
    }
    if let Some(l) = in_paragraphs(&doc.closing, "结尾", id) {
        return Some(l);
    }
    fn in_section(s: &Section, path: &str, level: usize, id: &str) -> Option<String> {
        if s.id == id {
            return Some(format!("{path}标题"));
        }
        if let Some(l) = in_paragraphs(&s.paragraphs, path, id) {
            return Some(l);
        }
        s.sections.iter().enumerate().find_map(|(j, c)| {
            let p = format!("{path}{}", numbering::prefix(level + 1, j));
            in_section(c, &p, level + 1, id)
        })
    }
    for (i, part) in doc.parts.iter().enumerate() {
        let path = numbering::prefix(1, i);
        if part.id == id {
            return Some(format!("{path}标题"));
        }
        if let Some(l) = in_paragraphs(&part.paragraphs, &path, id) {
            return Some(l);
        }
        let found = part.sections.iter().enumerate().find_map(|(j, s)| {
            let p = format!("{path}{}", numbering::prefix(2, j));
            in_section(s, &p, 2, id)
        });
        if found.is_some() {
            return found;
        }
    }
    for (i, a) in doc.attachments.iter().enumerate() {
        if a.id == id {
            return Some(format!("附件{}标题", i + 1));
        }
        if let Some(l) = in_paragraphs(&a.paragraphs, &format!("附件{}", i + 1), id) {
            return Some(l);
        }
    }
    None
}

/// The label of `id` among one holder's paragraphs: 第3段, or for a table
/// (counted among the holder's tables) 第1个表格表题, 第1个表格第2行第3列
/// (with 第2段 when the cell has more than one paragraph).
fn in_paragraphs(ps: &[Paragraph], path: &str, id: &str) -> Option<String> {
    let mut tables = 0;
    for (i, p) in ps.iter().enumerate() {
        let Some(t) = &p.table else {
            if p.id == id {
                return Some(format!("{path}第{}段", i + 1));
            }
            continue;
        };
        tables += 1;
        if p.id == id {
            return Some(format!("{path}第{tables}个表格表题"));
        }
        if let Some(place) = cell_place(t, id) {
            return Some(format!("{path}第{tables}个表格{place}"));
        }
    }
    None
}

/// 第2行第3列 (grid column, merged cells counted), + 第2段 in a cell of several paragraphs.
fn cell_place(t: &Table, id: &str) -> Option<String> {
    let grid = t.grid().ok();
    for (r, row) in t.rows.iter().enumerate() {
        for (k, cell) in row.iter().enumerate() {
            let Some(j) = cell.paragraphs.iter().position(|p| p.id == id) else {
                continue;
            };
            let col = grid
                .as_ref()
                .and_then(|g| g.places.get(r)?.get(k))
                .map_or(k, |at| at.col);
            let para = if cell.paragraphs.len() > 1 {
                format!("第{}段", j + 1)
            } else {
                String::new()
            };
            return Some(format!("第{}行第{}列{para}", r + 1, col + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use fazhi_core::model::{Attachment, Cell, Paragraph, Table};
    use fazhi_core::template;

    use crate::config::RuleConfig;
    use crate::{check, fix};

    /// An attachment holding a statistics table whose cells carry a typo
    /// (布署) and a half-width comma, and a titled table in a section.
    fn doc() -> (fazhi_core::Document, String, String, String) {
        let mut d = template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2023, false)
            .0;
        let mut t = Table::from_texts(
            [
                vec!["任务", "完成情况"],
                vec!["统一布署执法检查", "已完成,纠错率下降"],
            ],
            1,
        );
        t.rows[1].push(Cell::new("备注"));
        t.rows[0][1].colspan = 2;
        let typo = t.rows[1][0].paragraphs[0].id.clone();
        let comma = t.rows[1][1].paragraphs[0].id.clone();
        let mut a = Attachment::new("2023年度重点任务完成情况表");
        a.paragraphs.push(Paragraph::new("说明如下。"));
        a.paragraphs.push(Paragraph::table(t));
        d.attachments.push(a);
        let titled = Paragraph::table(Table {
            title: Some("20XX年案件情况统计表".into()),
            ..Table::from_texts([["项目"]], 0)
        });
        let tid = titled.id.clone();
        d.parts[0].sections[0].paragraphs.push(titled);
        fazhi_core::validate::validate(&d).unwrap();
        (d, typo, comma, tid)
    }

    #[test]
    fn cell_text_is_proofread_located_and_fixed() {
        let (mut d, typo, comma, tid) = doc();
        let found = check(&d, &RuleConfig::default());
        let at = |rule: &str| {
            found
                .iter()
                .find(|f| f.rule == rule)
                .unwrap_or_else(|| panic!("{rule} not found in {found:?}"))
        };
        assert_eq!(at("lex.typo").location.node_id, typo);
        assert_eq!(at("lex.typo").text, "布署");
        assert_eq!(at("punct.halfwidth").location.node_id, comma);
        // The table's title is proofread as a heading: the placeholder year.
        assert_eq!(at("year.placeholder").location.node_id, tid);
        assert_eq!(
            super::node_label(&d, &typo).as_deref(),
            Some("附件1第1个表格第2行第1列")
        );
        assert_eq!(
            super::node_label(&d, &comma).as_deref(),
            Some("附件1第1个表格第2行第2列")
        );
        assert_eq!(
            super::node_label(&d, &tid).as_deref(),
            Some("一、（一）第1个表格表题")
        );
        assert_eq!(
            at("lex.typo").fix.as_ref().map(|f| f.replacement.as_str()),
            Some("部署")
        );
        let applied = fix(&mut d, &RuleConfig::default(), Some("punct.halfwidth"));
        assert_eq!(applied.len(), 1);
        let t = d.attachments[0].paragraphs[1].table.as_ref().unwrap();
        assert_eq!(t.rows[1][1].paragraphs[0].text, "已完成，纠错率下降");
        // A fix reaches a table's title through its id.
        *super::text_mut(&mut d, &tid).unwrap() = "2023年案件情况统计表".into();
        let t = d.parts[0].sections[0].paragraphs[0].table.as_ref().unwrap();
        assert_eq!(t.title.as_deref(), Some("2023年案件情况统计表"));
        *super::text_mut(&mut d, &typo).unwrap() = "统一部署执法检查".into();
        assert!(!check(&d, &RuleConfig::default())
            .iter()
            .any(|f| f.rule == "lex.typo"));
    }

    #[test]
    fn a_check_of_one_cell_matches_the_whole_check() {
        let (d, typo, _, _) = doc();
        let whole: Vec<_> = check(&d, &RuleConfig::default())
            .into_iter()
            .filter(|f| f.location.node_id == typo)
            .collect();
        let node = super::find(&d, &typo).unwrap();
        assert_eq!(node.text, "统一布署执法检查");
        assert_eq!(
            node.container,
            Some(d.attachments[0].paragraphs[1].id.as_str())
        );
        assert!(!whole.is_empty());
    }
}
