//! An HTML `<table>` as read: rows of its own (through `<thead>`, `<tbody>`,
//! `<tfoot>`, never a nested table's), `<td>`/`<th>` cells with `colspan` and
//! `rowspan`, their text split at block elements like the page's, `<thead>`
//! rows as header rows and `<caption>` as the title. A cell whose text is all
//! bold (`<b>`, `<strong>`, `font-weight:bold` on the cell, its row or a span
//! — as TRS, Hanweb and Word's web pages mark a 表头 written in `<td>`s) counts
//! as a header cell like a `<th>`. Walks are iterative.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::Node;

use crate::html::{collapse, is_block, skipped};
use crate::tables::{RawCell, RawTable};

fn name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn span(n: &NodeRef<Node>, attr: &str) -> u32 {
    let Node::Element(e) = n.value() else {
        return 1;
    };
    match e.attr(attr).map(|v| v.trim().parse::<u32>()) {
        // rowspan="0": to the end of the table.
        Some(Ok(0)) if attr == "rowspan" => u32::MAX,
        Some(Ok(v)) if v > 0 => v,
        _ => 1,
    }
}

/// Class names a page's `<style>` makes bold (`.xl66{font-weight:700}` of an
/// Excel range, `td.bt{font-weight:bold}` of a CMS template).
pub(crate) type BoldClasses = std::collections::HashSet<String>;

/// The classes the page's stylesheets make bold: rules whose declarations
/// set `font-weight` bold/700+, each selector's last class names.
pub(crate) fn bold_classes(root: NodeRef<Node>) -> BoldClasses {
    let mut out = BoldClasses::new();
    for n in root.descendants() {
        if name(&n) != Some("style") {
            continue;
        }
        let css: String = n
            .children()
            .filter_map(|c| match c.value() {
                Node::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        let css = css.replace("<!--", " ").replace("-->", " ");
        let mut rest = css.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let selectors = &rest[..open];
            if bold_declarations(&rest[open + 1..close]) {
                for sel in selectors.split(',') {
                    let last = sel.split_whitespace().last().unwrap_or("");
                    for class in last.split('.').skip(1) {
                        let class = class.split([':', '[', '>']).next().unwrap_or("");
                        if !class.is_empty() {
                            out.insert(class.to_ascii_lowercase());
                        }
                    }
                }
            }
            rest = &rest[close + 1..];
        }
    }
    out
}

/// Declarations (`a:b;c:d`) setting a bold `font-weight`.
fn bold_declarations(style: &str) -> bool {
    style.to_ascii_lowercase().split(';').any(|decl| {
        let mut kv = decl.splitn(2, ':');
        let (Some(k), Some(v)) = (kv.next(), kv.next()) else {
            return false;
        };
        k.trim() == "font-weight"
            && matches!(
                v.trim().trim_end_matches("!important").trim(),
                "bold" | "bolder" | "600" | "700" | "800" | "900"
            )
    })
}

pub(crate) fn read(table: NodeRef<Node>, bold: &BoldClasses) -> RawTable {
    let mut raw = RawTable::default();
    let mut head_rows = 0u32;
    let mut body_seen = false;
    let row_of = |tr: NodeRef<Node>, raw: &mut RawTable| {
        let cells = tr
            .children()
            .filter(|c| matches!(name(c), Some("td" | "th")))
            .map(|c| {
                let (lines, nested, all_bold) = cell_lines(c, bold);
                raw.nested |= nested;
                RawCell {
                    lines,
                    colspan: span(&c, "colspan"),
                    rowspan: span(&c, "rowspan"),
                    header: name(&c) == Some("th") || all_bold || bold_element(&tr, bold),
                }
            })
            .collect();
        raw.rows.push(cells);
    };
    for child in table.children() {
        match name(&child) {
            Some("caption") => {
                let (lines, _, _) = cell_lines(child, bold);
                raw.caption = Some(lines.join("")).filter(|c| !c.is_empty());
            }
            Some("tr") => {
                body_seen = true;
                row_of(child, &mut raw);
            }
            Some(section @ ("thead" | "tbody" | "tfoot")) => {
                for tr in child.children().filter(|c| name(c) == Some("tr")) {
                    // Only a <thead> at the top makes header rows.
                    if section == "thead" && !body_seen {
                        head_rows += 1;
                    } else {
                        body_seen = true;
                    }
                    row_of(tr, &mut raw);
                }
            }
            _ => {}
        }
    }
    raw.header_rows = head_rows;
    raw
}

/// An element that makes its text bold: `<b>`, `<strong>`, `<th>`, a style
/// `font-weight` of bold, bolder or 600–900, or a class the page's
/// stylesheet makes bold.
fn bold_element(n: &NodeRef<Node>, bold: &BoldClasses) -> bool {
    let Node::Element(e) = n.value() else {
        return false;
    };
    matches!(e.name(), "b" | "strong" | "th")
        || e.attr("style").is_some_and(bold_declarations)
        || (!bold.is_empty() && e.classes().any(|c| bold.contains(&c.to_ascii_lowercase())))
}

/// A cell's text, one line per block (p, div, br, li…), whether it holds
/// a table of its own, and whether all its text is bold.
fn cell_lines(cell: NodeRef<Node>, classes: &BoldClasses) -> (Vec<String>, bool, bool) {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut nested = false;
    let mut skip = 0usize;
    // Bold elements open around the text, and the text seen outside any.
    let mut bold = 0usize;
    let mut plain_text = false;
    let flush = |cur: &mut String, lines: &mut Vec<String>| {
        let t = collapse(cur);
        if !t.is_empty() {
            lines.push(t);
        }
        cur.clear();
    };
    for edge in cell.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip > 0 || name(&n).is_some_and(skipped) {
                    skip += 1;
                    continue;
                }
                if n.id() != cell.id() && name(&n) == Some("table") {
                    nested = true;
                }
                if bold_element(&n, classes) {
                    bold += 1;
                }
                match n.value() {
                    Node::Element(e) if is_block(e.name()) => flush(&mut cur, &mut lines),
                    Node::Text(t) => {
                        plain_text |= bold == 0 && t.chars().any(|c| !c.is_whitespace());
                        cur.push_str(t)
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if bold_element(&n, classes) {
                    bold = bold.saturating_sub(1);
                }
                if name(&n).is_some_and(is_block) {
                    flush(&mut cur, &mut lines);
                }
            }
        }
    }
    flush(&mut cur, &mut lines);
    let all_bold = !plain_text && !lines.is_empty();
    (lines, nested, all_bold)
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    fn first_table(html: &str) -> crate::tables::RawTable {
        let doc = Html::parse_document(html);
        let t = doc
            .tree
            .root()
            .descendants()
            .find(|n| matches!(n.value(), scraper::Node::Element(e) if e.name() == "table"))
            .unwrap();
        super::read(t, &super::bold_classes(doc.tree.root()))
    }

    #[test]
    fn rows_cells_spans_and_header() {
        let t = first_table(
            r#"<table><caption>案件情况统计表</caption>
            <thead><tr><th rowspan="2">项目</th><th colspan="2">数量</th></tr>
            <tr><th>2022年</th><th>2023年</th></tr></thead>
            <tbody><tr><td>收案</td><td><p>12</p></td><td>15<br>（含移送3件）</td></tr></tbody></table>"#,
        );
        assert_eq!(t.caption.as_deref(), Some("案件情况统计表"));
        assert_eq!(t.header_rows, 2);
        assert_eq!(t.rows.len(), 3);
        assert_eq!((t.rows[0][0].rowspan, t.rows[0][1].colspan), (2, 2));
        assert_eq!(t.rows[2][2].lines, ["15", "（含移送3件）"]);
        assert!(!t.nested && !t.is_layout());
    }

    #[test]
    fn bold_cells_are_header_cells() {
        let t = first_table(
            r#"<table><tr style="font-weight:bold"><td>序号</td><td>任务</td></tr>
            <tr><td><p><strong><span>项目</span></strong></p></td><td style="FONT-WEIGHT: 700">数量</td><td><b>&nbsp;</b></td></tr>
            <tr><td><b>合计</b>（件）</td><td>12</td><td style="font-weight:normal">3</td></tr></table>"#,
        );
        let h: Vec<Vec<bool>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.header).collect())
            .collect();
        assert_eq!(
            h,
            [
                vec![true, true],
                vec![true, true, false],
                vec![false, false, false]
            ]
        );
    }

    #[test]
    fn classes_the_stylesheet_makes_bold() {
        let t = first_table(
            r#"<html><head><style><!--
            .xl65{mso-number-format:"\#\,\#\#0";text-align:center}
            .xl66 {font-weight:700; text-align:center}
            table.grid TD.Head, .other:hover { FONT-WEIGHT: bold }
            td { font-weight: bold }
            --></style></head><body><table class="grid">
            <tr><td class="xl66">执法主体</td><td class="head">合计</td></tr>
            <tr><td class="xl65">县市场监管局</td><td>12</td></tr></table></body></html>"#,
        );
        let h: Vec<Vec<bool>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.header).collect())
            .collect();
        assert_eq!(h, [vec![true, true], vec![false, false]]);
    }

    #[test]
    fn a_nested_table_marks_the_outer_one() {
        let t = first_table(
            "<table><tr><td>左</td><td><table><tr><td>甲</td><td>乙</td></tr></table></td></tr></table>",
        );
        assert!(t.nested && t.is_layout());
        assert_eq!(
            t.rows.len(),
            1,
            "the inner table's rows are not the outer's"
        );
        assert_eq!(t.rows[0][1].lines, ["甲", "乙"]);
    }
}
