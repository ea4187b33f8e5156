//! Tables (GB/T 9704 §8) as WordprocessingML tables from the layout model's
//! [`TableBlock`]: a `w:tbl` as wide as the block with its grid (the layout's column
//! widths), single grid lines, merges as `w:gridSpan` and `w:vMerge`, header rows
//! marked `w:tblHeader` (Word, WPS and LibreOffice repeat them on every page), every
//! row `w:cantSplit` (kept whole), each cell line on the 22-row grid, the cells' size
//! (三号, or 四号 when the table asks for it); the 表题 centred above it in 黑体.
//!
//! docx-rs writes no `w:tblHeader`: header rows carry a row height no other row
//! has ([`HEADER_MARK`]), which [`mark_header_rows`] turns into `w:tblHeader` when
//! the package is re-packed.

use docx_rs::{
    AlignmentType, BorderType, Docx, PageMargin, PageOrientationType, PageSize, Paragraph, Run,
    SectionProperty, Table, TableBorder, TableBorderPosition, TableBorders, TableCell as DocxCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use fazhi_layout::redline::{Piece, RedlineCell};
use fazhi_layout::table::CELL_PAD_MM;
use fazhi_layout::{TableBlock, TableCell};

use crate::layout::*;

use super::body::Insert;
use super::comments::{Comments, Span};
use super::styles::STYLE_FLUSH;

/// The stand-in row height (twips, "at least": no effect on the row) that marks a
/// header row until the package is re-packed.
const HEADER_MARK_TWIPS: f32 = 1.0;
/// What docx-rs writes for it.
pub(super) const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// `document.xml` with the header rows' stand-in height replaced by `w:tblHeader`
/// (which follows `w:cantSplit` and `w:trHeight` in CT_TrPr, as the mark does).
pub(super) fn mark_header_rows(xml: &str) -> String {
    xml.replace(HEADER_MARK, "<w:tblHeader />")
}

/// The grid lines: 0.5 pt (4 eighths), black.
const GRID_EIGHTHS: usize = 4;

/// The widths in twips, summing exactly to `total`.
fn grid_twips(t: &TableBlock, total: i32) -> Vec<usize> {
    let mm = t.width_mm().max(1.0);
    let mut out: Vec<i32> = t
        .widths_mm
        .iter()
        .map(|w| (w / mm * f64::from(total)).round() as i32)
        .collect();
    let sum: i32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - sum;
    }
    out.into_iter().map(|w| w.max(1) as usize).collect()
}

/// The width of the block the table fills, in twips.
pub(super) fn block_twips(t: &TableBlock) -> i32 {
    if t.landscape {
        LANDSCAPE_TEXT_WIDTH
    } else {
        TEXT_WIDTH
    }
}

/// The 表题: centred, 黑体, kept with the table.
pub(super) fn title(t: &TableBlock) -> Option<Paragraph> {
    t.title.as_deref().map(|s| {
        Paragraph::new()
            .style(STYLE_FLUSH)
            .align(AlignmentType::Center)
            .keep_next(true)
            .add_run(
                Run::new()
                    .fonts(super::fonts(FONT_HEI))
                    .add_text(super::clean(s)),
            )
    })
}

/// Twips a cell line gives up beyond its grid line, so that 22 one-line rows fit a
/// page under the table's top line as in the PDF (LibreOffice: 21 at 0).
const ROW_SLACK: i32 = 3;

/// A cell line's exact height: the grid's pitch less the grid line under it, which
/// LibreOffice adds to the row (measured: 589 twips a row at 579), so that a table
/// row of one line takes one row of the 22-row grid, as in the PDF.
fn cell_lines() -> docx_rs::LineSpacing {
    docx_rs::LineSpacing::new()
        .line_rule(docx_rs::LineSpacingType::Exact)
        .line(LINE_PITCH - (GRID_EIGHTHS as i32 * 20 / 8) - ROW_SLACK)
        .before(0)
        .after(0)
}

/// One paragraph of a cell, with the comments on it, or (花脸稿) its marked `pieces`.
fn cell_paragraph(
    comments: &mut Comments,
    t: &TableBlock,
    c: &TableCell,
    node_id: &str,
    text: &str,
    pieces: Option<&[Piece]>,
) -> Paragraph {
    let mut anchors = Vec::new();
    comments.anchor(node_id, 0, text.chars().count(), &mut anchors);
    let font = c.header.then_some(FONT_HEI);
    let align = if t.centred(c) {
        AlignmentType::Center
    } else {
        AlignmentType::Both
    };
    // Off the document grid, which would round each line up to a grid row and the
    // row (with its line) past it.
    let p = Paragraph::new()
        .style(STYLE_FLUSH)
        .snap_to_grid(false)
        .align(align)
        .line_spacing(cell_lines());
    let mut p = match pieces {
        Some(pieces) => {
            let mut p = p;
            for piece in pieces.iter().filter(|x| !x.text.is_empty()) {
                let mut r = super::redline::run(piece);
                if let Some(f) = font {
                    r = r.fonts(super::fonts(f));
                }
                p = p.add_run(r);
            }
            p
        }
        None => comments.add_spans(p, &[Span { text, font }], &anchors),
    };
    let half_points = (t.cell_pt * 2.0).round() as usize;
    if half_points != BODY_SIZE {
        // The smaller size on every run (the body style's is 三号); no squeeze to
        // the body's 28-character grid.
        p.children = std::mem::take(&mut p.children)
            .into_iter()
            .map(|ch| match ch {
                docx_rs::ParagraphChild::Run(r) => {
                    docx_rs::ParagraphChild::Run(Box::new(r.size(half_points).character_spacing(0)))
                }
                other => other,
            })
            .collect();
    }
    p
}

/// A cell that starts at its place: its paragraphs, span and first merged row;
/// `marked`: the 花脸稿's pieces of its paragraphs.
fn cell(
    comments: &mut Comments,
    t: &TableBlock,
    c: &TableCell,
    grid: &[usize],
    marked: Option<&RedlineCell>,
) -> DocxCell {
    let width: usize = grid[c.col..(c.col + c.colspan).min(grid.len())]
        .iter()
        .sum();
    let mut cell = DocxCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    if c.colspan > 1 {
        cell = cell.grid_span(c.colspan);
    }
    if c.rowspan > 1 {
        cell = cell.vertical_merge(VMergeType::Restart);
    }
    let mut any = false;
    for (i, p) in c.paragraphs.iter().enumerate() {
        if p.text.trim().is_empty() {
            continue;
        }
        let pieces = marked.and_then(|m| m.paragraphs.get(i)).map(Vec::as_slice);
        cell = cell.add_paragraph(cell_paragraph(comments, t, c, &p.id, p.text.trim(), pieces));
        any = true;
    }
    if !any {
        cell = cell.add_paragraph(
            Paragraph::new()
                .style(STYLE_FLUSH)
                .snap_to_grid(false)
                .line_spacing(cell_lines()),
        );
    }
    cell
}

/// The place of a cell merged down from above: an empty continuation of it.
fn continued(c: &TableCell, grid: &[usize]) -> DocxCell {
    let width: usize = grid[c.col..(c.col + c.colspan).min(grid.len())]
        .iter()
        .sum();
    let mut cell = DocxCell::new()
        .width(width, WidthType::Dxa)
        .vertical_merge(VMergeType::Continue)
        .add_paragraph(
            Paragraph::new()
                .style(STYLE_FLUSH)
                .snap_to_grid(false)
                .line_spacing(cell_lines()),
        );
    if c.colspan > 1 {
        cell = cell.grid_span(c.colspan);
    }
    cell
}

/// The table as a `w:tbl`.
pub(super) fn table(t: &TableBlock, comments: &mut Comments) -> Table {
    marked_table(t, comments, None)
}

/// [tables #21] The table as a `w:tbl`; `marked` (花脸稿): each cell's marked pieces,
/// in the order of `t.cells`.
pub(super) fn marked_table(
    t: &TableBlock,
    comments: &mut Comments,
    marked: Option<&[&RedlineCell]>,
) -> Table {
    let total = block_twips(t);
    let grid = grid_twips(t, total);
    let mut rows = Vec::with_capacity(t.rows);
    for r in 0..t.rows {
        let mut cells = Vec::new();
        let mut col = 0;
        while col < t.columns {
            let here = t.cells.iter().find(|c| c.row == r && c.col == col);
            let above = || {
                t.cells
                    .iter()
                    .find(|c| c.col == col && c.row < r && r < c.row + c.rowspan)
            };
            let here = here.map(|c| {
                let i = t.cells.iter().position(|x| std::ptr::eq(x, c));
                (c, i.and_then(|i| marked.and_then(|m| m.get(i)).copied()))
            });
            match (here, above()) {
                (Some((c, m)), _) => {
                    cells.push(cell(comments, t, c, &grid, m));
                    col += c.colspan.max(1);
                }
                (None, Some(c)) => {
                    cells.push(continued(c, &grid));
                    col += c.colspan.max(1);
                }
                // A hole (the layout fills ragged rows' ends): an empty cell.
                (None, None) => {
                    cells.push(
                        DocxCell::new()
                            .width(grid[col], WidthType::Dxa)
                            .add_paragraph(Paragraph::new().style(STYLE_FLUSH)),
                    );
                    col += 1;
                }
            }
        }
        let mut row = TableRow::new(cells).cant_split();
        if r < t.header_rows {
            row = row.row_height(HEADER_MARK_TWIPS);
        }
        rows.push(row);
    }
    let line = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(GRID_EIGHTHS)
            .color("000000")
    };
    let borders = TableBorders::with_empty()
        .set(line(TableBorderPosition::Top))
        .set(line(TableBorderPosition::Bottom))
        .set(line(TableBorderPosition::Left))
        .set(line(TableBorderPosition::Right))
        .set(line(TableBorderPosition::InsideH))
        .set(line(TableBorderPosition::InsideV));
    let pad = mm(CELL_PAD_MM) as usize;
    Table::new(rows)
        .set_grid(grid)
        .width(total as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, pad, 0, pad))
        .set_borders(borders)
}

/// The section property of a landscape page: A4 turned, the margins turned with it,
/// the same grid and page-number footers as the portrait pages.
pub(super) fn landscape(portrait: &SectionProperty) -> SectionProperty {
    portrait
        .clone()
        .page_size(
            PageSize::new()
                .size(PAGE_HEIGHT, PAGE_WIDTH)
                .orient(PageOrientationType::Landscape),
        )
        .page_margin(
            PageMargin::new()
                .top(LANDSCAPE_MARGIN_TOP)
                .bottom(LANDSCAPE_MARGIN_BOTTOM)
                .left(LANDSCAPE_MARGIN_LEFT)
                .right(LANDSCAPE_MARGIN_RIGHT)
                .header(mm(15.0))
                .footer(FOOTER_DISTANCE)
                .gutter(0),
        )
}

/// Adds `ins` to `docx`: a table, or the empty paragraph that ends a section (its
/// `w:sectPr` the portrait page's or the landscape one). Returns whether the body
/// now ends with a table.
pub(super) fn insert(docx: Docx, ins: Insert, portrait: &SectionProperty) -> (Docx, bool) {
    match ins {
        Insert::Table(t) => (docx.add_table(*t), true),
        Insert::SectionEnd { landscape: turned } => {
            let props = if turned {
                landscape(portrait)
            } else {
                portrait.clone()
            };
            let end = Paragraph::new().style(STYLE_FLUSH).section_property(props);
            (docx.add_paragraph(end), false)
        }
    }
}

/// The paragraph a body ending in a table needs after it: 1 pt high, so that a table
/// filling its last page does not push it onto an empty page of its own.
pub(super) fn closing_paragraph() -> Paragraph {
    Paragraph::new()
        .style(STYLE_FLUSH)
        .snap_to_grid(false)
        .size(2)
        .line_spacing(
            docx_rs::LineSpacing::new()
                .line_rule(docx_rs::LineSpacingType::Exact)
                .line(20)
                .before(0)
                .after(0),
        )
}

/// [tables #21] The page number of a landscape page, where GB/T 9704 puts it on the
/// printed sheet. A landscape section's own footer would put "— N —" along a long
/// edge of the sheet; instead its footers hold the number in a text box turned a
/// quarter (VML `layout-flow:vertical`: the text runs down the landscape page, its
/// tops to the right), at the landscape page's left edge — the sheet's bottom when
/// the sheet is turned back, the table's top being its left (binding) edge as in our
/// PDF — odd pages ending one character from the block's right edge, even ones
/// starting one character from its left, as on the portrait pages.
///
/// LibreOffice 7.4 places and turns this box as written; a DrawingML text box
/// (`wps:wsp`, `vert="vert"`) in a footer it turns but puts at the page's corner,
/// ignoring its position, so VML is used (Word and WPS read it too).
///
/// Done on the package: `parts` (name, bytes) gain two footers, their relationships
/// and content types, and every landscape `w:sectPr` refers to them.
pub(super) fn turned_page_numbers(parts: &mut Vec<(String, Vec<u8>)>) {
    let text = |parts: &[(String, Vec<u8>)], name: &str| {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
    };
    let Some(doc) = text(parts, "word/document.xml") else {
        return;
    };
    if !doc.contains(r#"w:orient="landscape""#) {
        return;
    }
    let rels_name = "word/_rels/document.xml.rels";
    let (Some(rels), Some(types)) = (text(parts, rels_name), text(parts, "[Content_Types].xml"))
    else {
        return;
    };
    let mut turned = Vec::new();
    // The portrait footers: the odd pages' (default) and the even pages'.
    for (kind, odd) in [("default", true), ("even", false)] {
        let Some(rid) = footer_rid(&doc, kind) else {
            continue;
        };
        let Some(target) = rel_target(&rels, &rid) else {
            continue;
        };
        let Some(footer) = text(parts, &format!("word/{target}")) else {
            continue;
        };
        let Some(xml) = turned_footer(&footer, odd) else {
            continue;
        };
        let new_rid = format!("{rid}Turned");
        let file = format!("footer-turned-{}.xml", if odd { "odd" } else { "even" });
        turned.push((kind, rid, new_rid, file, xml));
    }
    if turned.is_empty() {
        return;
    }
    let mut rels = rels;
    let mut types = types;
    for (_, _, new_rid, file, xml) in &turned {
        rels = rels.replace(
            "</Relationships>",
            &format!(
                r#"<Relationship Id="{new_rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="{file}" /></Relationships>"#
            ),
        );
        types = types.replace(
            "</Types>",
            &format!(
                r#"<Override PartName="/word/{file}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" /></Types>"#
            ),
        );
        parts.push((format!("word/{file}"), xml.clone().into_bytes()));
    }
    // Every landscape section's footer references.
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc.as_str();
    while let Some(at) = rest.find("<w:sectPr") {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find("</w:sectPr>")
            .map_or(rest.len(), |e| at + e + "</w:sectPr>".len());
        let mut sect = rest[at..end].to_string();
        if sect.contains(r#"w:orient="landscape""#) {
            for (kind, rid, new_rid, _, _) in &turned {
                sect = sect.replace(
                    &format!(r#"w:type="{kind}" r:id="{rid}""#),
                    &format!(r#"w:type="{kind}" r:id="{new_rid}""#),
                );
            }
        }
        out.push_str(&sect);
        rest = &rest[end..];
    }
    out.push_str(rest);
    for (name, bytes) in parts.iter_mut() {
        match name.as_str() {
            "word/document.xml" => *bytes = out.clone().into_bytes(),
            "word/_rels/document.xml.rels" => *bytes = rels.clone().into_bytes(),
            "[Content_Types].xml" => *bytes = types.clone().into_bytes(),
            _ => {}
        }
    }
}

/// The r:id of the first section's footer of `kind` (default, even).
fn footer_rid(doc: &str, kind: &str) -> Option<String> {
    let key = format!(r#"<w:footerReference w:type="{kind}" r:id=""#);
    let at = doc.find(&key)? + key.len();
    Some(doc[at..].split('"').next()?.to_string())
}

/// The target of relationship `rid`.
fn rel_target(rels: &str, rid: &str) -> Option<String> {
    let at = rels.find(&format!(r#"Id="{rid}""#))?;
    let start = rels[..at].rfind("<Relationship")?;
    let end = at + rels[at..].find("/>")?;
    let el = &rels[start..end];
    let t = el.find(r#"Target=""#)? + r#"Target=""#.len();
    Some(el[t..].split('"').next()?.to_string())
}

/// Where the turned page number stands on the landscape page (297 × 210 mm, from its
/// top-left corner): the box's left edge, measured so that LibreOffice draws the
/// digits 265.5–270.4 mm down the turned-back sheet, as on its portrait pages.
const TURNED_NUMBER_LEFT_MM: f64 = 23.1;
/// The box's width across the sheet's bottom edge and its length along it.
const TURNED_NUMBER_DEPTH_MM: f64 = 8.0;
const TURNED_NUMBER_LENGTH_MM: f64 = 40.0;

/// A landscape page's footer for odd (`odd`) or even pages, from the portrait one
/// (`footer`: its page-number runs, fonts and field kept).
fn turned_footer(footer: &str, odd: bool) -> Option<String> {
    let head = &footer[..footer.find("<w:p ").or_else(|| footer.find("<w:p>"))?];
    let runs = &footer[footer.find("<w:r>")?..footer.rfind("</w:r>")? + "</w:r>".len()];
    let twip_mm = |t: i32| f64::from(t) * 25.4 / 1440.0;
    let inset = twip_mm(PAGE_NUMBER_INSET);
    // Along the landscape page's left edge, top to bottom = the sheet's left to right.
    let top = if odd {
        twip_mm(PAGE_WIDTH as i32) - twip_mm(MARGIN_RIGHT) - inset - TURNED_NUMBER_LENGTH_MM
    } else {
        twip_mm(MARGIN_LEFT) + inset
    };
    let jc = if odd { "right" } else { "left" };
    let flow = "layout-flow:vertical";
    Some(format!(
        r##"{head}<w:p><w:pPr><w:pStyle w:val="Footer" /></w:pPr><w:r><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter" /><v:path gradientshapeok="t" o:connecttype="rect" /></v:shapetype><v:shape id="TurnedPageNumber{n}" type="#_x0000_t202" style="position:absolute;margin-left:{left:.1}mm;margin-top:{top:.1}mm;width:{w:.1}mm;height:{h:.1}mm;z-index:2;mso-position-horizontal-relative:page;mso-position-vertical-relative:page;{flow}" filled="f" stroked="f"><v:textbox style="{flow}" inset="0,0,0,0"><w:txbxContent><w:p><w:pPr><w:pStyle w:val="Footer" /><w:jc w:val="{jc}" /></w:pPr>{runs}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p></w:ftr>"##,
        n = u8::from(odd),
        left = TURNED_NUMBER_LEFT_MM,
        w = TURNED_NUMBER_DEPTH_MM,
        h = TURNED_NUMBER_LENGTH_MM,
    ))
}
