//! The layout's blocks as paragraphs: the 版头, title, addressee, headings and
//! paragraphs (with their comments), 附件说明, signature and date, 附注, the 附件
//! pages, and the 版记 table.

use docx_rs::{
    AlignmentType, BorderType, BreakType, HeightRule, LineSpacing, LineSpacingType, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, SpecialIndentType, Tab,
    TabValueType, Table, TableAlignmentType, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};
use fazhi_layout::geometry::{self, RED_HEX};
use fazhi_layout::width::em_width;
use fazhi_layout::{
    AttachmentNote, AttachmentPage, Block, Closing, DocNumberRow, IssuerMark, RunIn, TableBlock,
};

use crate::layout::*;

use super::comments::{Comments, Span};
use super::styles::{heading_font, heading_style_id, STYLE_BODY, STYLE_FLUSH, STYLE_TITLE};
use super::{clean, exact_lines, fonts};

/// What goes between the paragraphs: a table, or the end of a section (a landscape
/// table has a section of its own).
pub(super) enum Insert {
    Table(Box<Table>),
    /// Ends the section before it: a landscape one (the table's) or a portrait one.
    SectionEnd {
        landscape: bool,
    },
}

/// The document body before it goes into the package.
pub(super) struct Body {
    pub paragraphs: Vec<Paragraph>,
    /// [tables #21] Each goes before the paragraph of its index (after the last one
    /// when the index is past the end), in order.
    pub inserts: Vec<(usize, Insert)>,
    /// Where the title paragraph is, and its lines.
    pub title_index: Option<usize>,
    pub title_lines: Vec<String>,
    /// The 版记, set after the last paragraph on its page (`imprint`).
    pub imprint: Option<Table>,
}

/// An empty paragraph exactly `height` twips high: the 版头 moves its elements to
/// their places with such spacers, so that everything after it is back on the
/// 22-row grid.
pub(super) fn spacer(height: i32) -> Paragraph {
    Paragraph::new()
        .style(STYLE_FLUSH)
        .snap_to_grid(false)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(height.max(1))
                .before(0)
                .after(0),
        )
}

/// Millimetres to twips.
fn tw(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Where LibreOffice draws a glyph's top in an exact line of `line` twips for a font
/// of `size_twips`: the line's extra height goes above the text, less the font's
/// descent below the em box (calibrated in LibreOffice: see tests/official.rs).
fn glyph_top_in_line(line: i32, size_twips: i32) -> i32 {
    line - size_twips - size_twips * DESCENT_PERMILLE / 1000
}

/// The font's descent below the em box, in thousandths of the size.
const DESCENT_PERMILLE: i32 = 120;

/// The rule's thickness in eighths of a point (1 pt ≈ 0.35 mm).
const RULE_EIGHTHS: usize = 8;

/// The 版头 (GB/T 9704 7.2) on page one: 份号, 密级, 紧急程度 on the first rows, the red
/// mark 35 mm into the block, 发文字号 and 签发人 on their rows, the red rule, and the
/// rows down to the title — each at the place `fazhi_layout::geometry::masthead`
/// gives, which the PDF uses too.
fn masthead(bs: &[Block], body: &mut Body) {
    let out = &mut body.paragraphs;
    let mut rows = 0;
    let mut mark: Option<&IssuerMark> = None;
    let mut row: Option<&DocNumberRow> = None;
    for b in bs {
        match b {
            Block::CopyNumber { text } => {
                out.push(
                    Paragraph::new()
                        .style(STYLE_FLUSH)
                        .add_run(Run::new().add_text(clean(text))),
                );
                rows += 1;
            }
            Block::Secrecy { text } | Block::Urgency { text } => {
                out.push(
                    Paragraph::new()
                        .style(STYLE_FLUSH)
                        .add_run(Run::new().fonts(fonts(FONT_HEI)).add_text(clean(text))),
                );
                rows += 1;
            }
            Block::IssuerMark(m) => mark = Some(m),
            Block::DocNumber(r) => row = Some(r),
            _ => {}
        }
    }
    let (Some(mark), Some(row)) = (mark, row) else {
        return;
    };
    let signer_rows = row.signer_lines.len().max(1);
    let g = geometry::masthead(mark.lines.len(), mark.size_pt, signer_rows);
    let pitch = LINE_PITCH;
    let mut y = rows * pitch;
    // The mark: exact lines of its pitch, moved down so that its top is 35 mm in.
    let size_tw = (mark.size_pt * 20.0).round() as i32;
    let line = tw(g.mark_pitch_mm);
    let top = tw(g.mark_top_mm - geometry::BLOCK_TOP_MM);
    let before = (top - y - glyph_top_in_line(line, size_tw)).max(0);
    let half_points = (mark.size_pt * 2.0).round() as usize;
    // A red run of the mark, after a line break when `br`.
    let red = |t: &str, spacing: i32, br: bool| {
        let r = Run::new()
            .fonts(fonts(FONT_TITLE))
            .size(half_points)
            .color(RED_HEX)
            .character_spacing(spacing);
        let r = if br {
            r.add_break(BreakType::TextWrapping)
        } else {
            r
        };
        r.add_text(clean(t))
    };
    let mark_para = |before: i32| {
        Paragraph::new()
            .style(STYLE_FLUSH)
            .snap_to_grid(false)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(line)
                    .before(before as u32)
                    .after(0),
            )
    };
    if mark.suffix.is_some() {
        out.push(spacer(before));
        let table = joint_mark(mark, line, &red, &mark_para);
        body.inserts
            .push((out.len(), Insert::Table(Box::new(table))));
    } else {
        let mut p = mark_para(before).align(AlignmentType::Center);
        for (i, l) in mark.lines.iter().enumerate() {
            p = p.add_run(red(l, 0, i > 0));
        }
        out.push(p);
    }
    y += before + line * mark.lines.len() as i32;
    let signer_top = g.first_signer_row as i32 * pitch;
    out.push(spacer(signer_top - y));
    // 签发人 lines; the 发文字号 on the last.
    let label_at = ((row.names_left_em - 4.0) * BODY_CHAR as f64).round() as usize;
    let names_at = (row.names_left_em * BODY_CHAR as f64).round() as usize;
    for i in 0..signer_rows {
        let last = i + 1 == signer_rows;
        let mut p = Paragraph::new()
            .style(STYLE_FLUSH)
            .indent(
                Some(BODY_CHAR),
                Some(SpecialIndentType::FirstLine(0)),
                None,
                None,
            )
            .add_tab(Tab::new().val(TabValueType::Left).pos(label_at))
            .add_tab(Tab::new().val(TabValueType::Left).pos(names_at));
        if last {
            if let Some(n) = &row.number {
                p = p.add_run(Run::new().add_text(clean(n)));
            }
        }
        if let Some(names) = row.signer_lines.get(i) {
            p = if i == 0 {
                p.add_run(Run::new().add_tab().add_text("签发人："))
            } else {
                p.add_run(Run::new().add_tab().add_tab())
            };
            p = p.add_run(Run::new().fonts(fonts(FONT_KAI)).add_text(clean(names)));
        }
        out.push(p);
    }
    y = (g.doc_number_row as i32 + 1) * pitch;
    // The red rule: the top border of a paragraph that starts where the rule is.
    let rule_at = tw(g.rule_y_mm - geometry::BLOCK_TOP_MM);
    out.push(spacer(rule_at - y));
    let title_top = g.title_row as i32 * pitch;
    // The border's own width (1 pt) adds to the paragraph's height.
    let mut rule = spacer(title_top - rule_at - RULE_EIGHTHS as i32 * 20 / 8);
    rule.property = rule.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(RULE_EIGHTHS)
                .space(0)
                .color(RED_HEX),
        ),
    );
    out.push(rule);
}

/// A joint mark with 文件 (GB/T 9704 7.2.4): a borderless table of one exact row, as
/// wide as the mark and centred — the names spread to one width in the first cell, the
/// 文件 in the second, centred on them. Exact lines of `line` twips, as the other marks.
fn joint_mark(
    mark: &IssuerMark,
    line: i32,
    red: &dyn Fn(&str, i32, bool) -> Run,
    mark_para: &dyn Fn(i32) -> Paragraph,
) -> Table {
    let em_tw = mark.size_pt * 20.0;
    let names_tw = (mark.names_em * em_tw).round() as usize;
    let width_tw = (mark.width_em() * em_tw).round() as usize;
    let mut names = mark_para(0).align(AlignmentType::Left);
    for (i, l) in mark.lines.iter().enumerate() {
        // The spread after every character but the last (w:spacing follows each one).
        let spread = tw(mark.spread_mm(i));
        let cut = l.char_indices().last().map_or(0, |(k, _)| k);
        let (head, last) = l.split_at(cut);
        names = names
            .add_run(red(head, spread, i > 0))
            .add_run(red(last, 0, false));
    }
    let suffix = mark.suffix.as_deref().unwrap_or_default();
    let file = mark_para(0)
        .align(AlignmentType::Right)
        .add_run(red(suffix, 0, false));
    let rows = vec![TableRow::new(vec![
        TableCell::new()
            .width(names_tw, WidthType::Dxa)
            .add_paragraph(names),
        TableCell::new()
            .width(width_tw - names_tw, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(file),
    ])
    .row_height((line * mark.lines.len() as i32) as f32)
    .height_rule(HeightRule::Exact)];
    Table::new(rows)
        .set_grid(vec![names_tw, width_tw - names_tw])
        .width(width_tw, WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .set_borders(TableBorders::with_empty())
}

/// [official #16] How our typesetter paged the signature block, if it set the document.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClosingPage {
    /// The blank rows kept before the signature (the seal's room).
    pub seal_rows: Option<usize>,
    /// The last paragraphs before the signature that start its page.
    pub carried: Option<usize>,
}

/// One paragraph per block (the 版记 becomes the table), the signature block paged as
/// `closing_page` says.
pub(super) fn body(bs: &[Block], comments: &mut Comments, closing_page: ClosingPage) -> Body {
    let mut out = Body {
        paragraphs: Vec::with_capacity(bs.len()),
        inserts: Vec::new(),
        title_index: None,
        title_lines: Vec::new(),
        imprint: None,
    };
    masthead(bs, &mut out);
    // Where the run of body paragraphs and headings that ends the text so far starts.
    let mut text_from: Option<usize> = None;
    for b in bs {
        let at = out.paragraphs.len();
        let is_text = matches!(b, Block::Para { .. } | Block::Heading { .. });
        match b {
            Block::CopyNumber { .. }
            | Block::Secrecy { .. }
            | Block::Urgency { .. }
            | Block::IssuerMark(_)
            | Block::DocNumber(_)
            | Block::RedRule => {}
            Block::Title { lines } => {
                out.title_index = Some(out.paragraphs.len());
                out.title_lines = lines.clone();
                out.paragraphs
                    .push(add_title_lines(Paragraph::new().style(STYLE_TITLE), lines));
            }
            Block::Blank => out.paragraphs.push(Paragraph::new().style(STYLE_FLUSH)),
            Block::Addressee { text } => out.paragraphs.push(
                Paragraph::new()
                    .style(STYLE_FLUSH)
                    .add_run(Run::new().add_text(clean(text))),
            ),
            Block::Heading {
                level,
                number,
                text,
                node_id,
            } => out
                .paragraphs
                .push(heading(comments, *level, number, text, node_id)),
            Block::Para {
                node_id,
                lead,
                text,
            } => out
                .paragraphs
                .push(para(comments, lead.as_ref(), *node_id, text)),
            Block::AttachmentNote(n) => attachment_note(n, &mut out.paragraphs),
            Block::Closing(c) => {
                // The paragraphs our typesetter carried to the signature's page start
                // it here too — when they are the last text paragraphs written.
                if let Some(k) = closing_page.carried {
                    let n = out.paragraphs.len();
                    if n >= k && text_from.is_some_and(|from| from <= n - k) {
                        let p = out.paragraphs.remove(n - k);
                        out.paragraphs.insert(n - k, p.page_break_before(true));
                    }
                }
                closing(c, closing_page.seal_rows, &mut out.paragraphs)
            }
            Block::Attachment(a) => attachment(comments, a, &mut out),
            Block::Table(t) => table(comments, t, &mut out),
            Block::Imprint {
                copy_to,
                printed_by,
                printed_on,
            } => {
                out.imprint = Some(imprint_table(
                    copy_to.as_deref(),
                    printed_by.as_deref(),
                    printed_on.as_deref(),
                ));
            }
        }
        text_from = if is_text {
            text_from.or(Some(at))
        } else {
            None
        };
    }
    out
}

/// The title's lines, one run each, separated by line breaks.
pub(super) fn add_title_lines(mut p: Paragraph, lines: &[String]) -> Paragraph {
    for (i, l) in lines.iter().enumerate() {
        let mut r = Run::new();
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r.add_text(clean(l)));
    }
    p
}

/// 附件说明: "附件：" two characters in, each title aligned after its number, the
/// continuation lines aligned with the title.
fn attachment_note(n: &AttachmentNote, out: &mut Vec<Paragraph>) {
    let label = em_width("附件：");
    let twips = |em: f64| (em * BODY_CHAR as f64).round() as i32;
    for (i, (num, title)) in n.items.iter().enumerate() {
        let numw = em_width(num);
        let hang = if i == 0 { label + numw } else { numw };
        let text = if i == 0 {
            format!("附件：{num}{title}")
        } else {
            format!("{num}{title}")
        };
        out.push(
            Paragraph::new()
                .style(STYLE_BODY)
                .align(AlignmentType::Left)
                .indent(
                    Some(twips(2.0 + label + numw)),
                    Some(SpecialIndentType::Hanging(twips(hang))),
                    None,
                    None,
                )
                .keep_next(true)
                .add_run(Run::new().add_text(clean(&text))),
        );
    }
}

/// 署名, 成文日期 and 附注 at the places the layout gives, kept on one page with the
/// rows left for the seal — as many as our typesetter kept (`seal_rows`: fewer when
/// the block only fitted on its page that way), so that the page ends where it does.
fn closing(c: &Closing, seal_rows: Option<usize>, out: &mut Vec<Paragraph>) {
    let blanks = seal_rows.map_or(c.place.rows_before, |k| k.min(c.place.rows_before));
    for _ in 0..blanks {
        out.push(Paragraph::new().style(STYLE_FLUSH).keep_next(true));
    }
    let right = |em: f64| (em * BODY_CHAR as f64).round() as i32;
    let more = c.date.is_some() || c.note.is_some();
    // One line per issuer (joint issuers stacked).
    let n = c.issuer_lines.len();
    for (i, (issuer, right_em)) in c.issuer_lines.iter().enumerate() {
        out.push(right_aligned(issuer, right(*right_em)).keep_next(more || i + 1 < n));
    }
    if let Some(d) = &c.date {
        out.push(right_aligned(d, right(c.place.date_right_em)).keep_next(c.note.is_some()));
    }
    if let Some(n) = &c.note {
        out.push(
            Paragraph::new()
                .style(STYLE_BODY)
                .add_run(Run::new().add_text(clean(n))),
        );
    }
}

/// [tables #21] A table: its title paragraph, the `w:tbl`; a landscape one between
/// section ends, on pages of its own.
fn table(comments: &mut Comments, t: &TableBlock, body: &mut Body) {
    if t.landscape {
        body.inserts.push((
            body.paragraphs.len(),
            Insert::SectionEnd { landscape: false },
        ));
    }
    body.paragraphs.extend(super::table::title(t));
    let tbl = super::table::table(t, comments);
    body.inserts
        .push((body.paragraphs.len(), Insert::Table(Box::new(tbl))));
    if t.landscape {
        body.inserts.push((
            body.paragraphs.len(),
            Insert::SectionEnd { landscape: true },
        ));
    }
}

/// An 附件 on a new page: "附件1" in 黑体 at the top left, the title centred on the
/// third line, the text in the body style.
fn attachment(comments: &mut Comments, a: &AttachmentPage, body: &mut Body) {
    let out = &mut body.paragraphs;
    out.push(
        Paragraph::new()
            .style(STYLE_FLUSH)
            .page_break_before(true)
            .add_run(Run::new().fonts(fonts(FONT_HEI)).add_text(clean(&a.label))),
    );
    out.push(Paragraph::new().style(STYLE_FLUSH));
    let mut anchors = Vec::new();
    comments.anchor(a.node_id, 0, a.title.chars().count(), &mut anchors);
    let title = Paragraph::new().style(STYLE_TITLE);
    if anchors.is_empty() {
        out.push(add_title_lines(title, &a.title_lines));
    } else {
        // A comment on the title spans it whole: one run, the word processor breaks it.
        let spans = [Span {
            text: &a.title,
            font: None,
        }];
        out.push(comments.add_spans(title, &spans, &anchors));
    }
    out.push(Paragraph::new().style(STYLE_FLUSH));
    for b in &a.body {
        match b {
            Block::Para { node_id, text, .. } => {
                body.paragraphs.push(para(comments, None, *node_id, text))
            }
            Block::Table(t) => table(comments, t, body),
            _ => {}
        }
    }
}

/// A heading on its own line, in its level's style.
fn heading(
    comments: &mut Comments,
    level: usize,
    number: &str,
    text: &str,
    node_id: &str,
) -> Paragraph {
    let mut anchors = Vec::new();
    let n = number.chars().count();
    comments.anchor(node_id, n, text.chars().count(), &mut anchors);
    let spans = [
        Span {
            text: number,
            font: None,
        },
        Span { text, font: None },
    ];
    comments.add_spans(
        Paragraph::new().style(&heading_style_id(level)),
        &spans,
        &anchors,
    )
}

/// A body paragraph, led by the heading run into it, if any.
fn para(
    comments: &mut Comments,
    lead: Option<&RunIn>,
    node_id: Option<&str>,
    text: &str,
) -> Paragraph {
    let mut anchors = Vec::new();
    let mut spans = Vec::with_capacity(2);
    let mut offset = 0;
    if let Some(l) = lead {
        let len = l.text.chars().count();
        comments.anchor(
            l.node_id,
            l.heading_offset,
            len - l.heading_offset,
            &mut anchors,
        );
        spans.push(Span {
            text: &l.text,
            font: Some(heading_font(l.level)).filter(|f| *f != FONT_FANGSONG),
        });
        offset = len;
    }
    if let Some(id) = node_id {
        comments.anchor(id, offset, text.chars().count(), &mut anchors);
    }
    spans.push(Span { text, font: None });
    comments.add_spans(Paragraph::new().style(STYLE_BODY), &spans, &anchors)
}

/// The signature or the date, set right with `right` twips of indent.
fn right_aligned(text: &str, right: i32) -> Paragraph {
    Paragraph::new()
        .style(STYLE_FLUSH)
        .align(AlignmentType::Right)
        .indent(None, None, Some(right), None)
        .add_run(Run::new().add_text(clean(text)))
}

/// 版记 (GB/T 9704 7.4): a table the width of the text block, with a thick rule
/// (0.35 mm) above and below and a thin one (0.25 mm) between 抄送 and 印发; 四号仿宋,
/// 抄送 one character in on both sides (a second line aligns after 抄送：), 印发机关 one
/// character in on the left and 印发日期 one character in on the right. `imprint` puts
/// it at the foot of the page our typesetter gives it (the last, even page).
fn imprint_table(
    copy_to: Option<&str>,
    printed_by: Option<&str>,
    printed_on: Option<&str>,
) -> Table {
    const CH: i32 = PAGE_NUMBER_INSET; // one 四号 character
    let run = |t: &str| {
        Run::new()
            .fonts(fonts(FONT_FANGSONG))
            .size(PAGE_NUMBER_SIZE)
            .character_spacing(0)
            .add_text(clean(t))
    };
    let para = || {
        Paragraph::new()
            .style(STYLE_FLUSH)
            .align(AlignmentType::Left)
            .line_spacing(exact_lines())
    };
    let row = |p: Paragraph| {
        TableRow::new(vec![TableCell::new()
            .width(TEXT_WIDTH as usize, WidthType::Dxa)
            .add_paragraph(p)])
    };
    let mut rows = Vec::new();
    if let Some(c) = copy_to {
        let p = para()
            .indent(
                Some(CH + 3 * CH),
                Some(SpecialIndentType::Hanging(3 * CH)),
                Some(CH),
                None,
            )
            .add_run(run(c));
        rows.push(row(p));
    }
    if printed_by.is_some() || printed_on.is_some() {
        let mut p = para()
            .indent(Some(CH), Some(SpecialIndentType::FirstLine(0)), None, None)
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos((TEXT_WIDTH - CH) as usize),
            );
        if let Some(b) = printed_by {
            p = p.add_run(run(b));
        }
        if let Some(d) = printed_on {
            p = p.add_run(Run::new().add_tab()).add_run(run(d));
        }
        rows.push(row(p));
    }
    let rule = |pos, size| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(size)
            .color("000000")
    };
    let borders = TableBorders::with_empty()
        .set(rule(TableBorderPosition::Top, 8))
        .set(rule(TableBorderPosition::Bottom, 8))
        .set(rule(TableBorderPosition::InsideH, 6));
    Table::new(rows)
        .set_grid(vec![TEXT_WIDTH as usize])
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .set_borders(borders)
}
