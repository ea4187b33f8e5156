//! The blocks as paragraphs: 发文字号/签发人, title, addressee, headings and
//! paragraphs (with their comments), signature and date, 附注, and the 版记
//! table.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Paragraph, Run, SpecialIndentType, Tab, TabValueType,
    Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableRow,
    WidthType,
};

use crate::blocks::{Block, RunIn};
use crate::layout::*;

use super::comments::{Comments, Span};
use super::styles::{heading_font, heading_style_id, STYLE_BODY, STYLE_FLUSH, STYLE_TITLE};
use super::{clean, exact_lines, fonts};

/// The document body before it goes into the package.
pub(super) struct Body {
    pub paragraphs: Vec<Paragraph>,
    /// Where the title paragraph is.
    pub title_index: Option<usize>,
    /// The 版记, set after the last paragraph.
    pub imprint: Option<Table>,
}

/// One paragraph per block (the 版记 becomes the table).
pub(super) fn body(bs: &[Block], comments: &mut Comments) -> Body {
    let date = bs.iter().find_map(|b| match b {
        Block::Date(d) => Some(d.clone()),
        _ => None,
    });
    let mut out = Body {
        paragraphs: Vec::with_capacity(bs.len()),
        title_index: None,
        imprint: None,
    };
    for b in bs {
        let p = match b {
            Block::DocNumber { number, signer } => doc_number(*number, *signer),
            Block::Title(lines) => {
                out.title_index = Some(out.paragraphs.len());
                add_title_lines(Paragraph::new().style(STYLE_TITLE), lines)
            }
            Block::Blank => Paragraph::new().style(STYLE_FLUSH),
            Block::Addressee(a) => Paragraph::new()
                .style(STYLE_FLUSH)
                .add_run(Run::new().add_text(clean(a))),
            Block::Heading {
                level,
                number,
                text,
                node_id,
            } => heading(comments, *level, number, text, node_id),
            Block::Para {
                node_id,
                lead,
                text,
            } => para(comments, lead.as_ref(), *node_id, text),
            Block::Signature(s) => {
                let (right, _) = signature_indents(s, date.as_deref());
                right_aligned(s, right)
            }
            Block::Date(d) => {
                let sig = bs.iter().find_map(|b| match b {
                    Block::Signature(s) => Some(*s),
                    _ => None,
                });
                let (_, right) = signature_indents(sig.unwrap_or(""), Some(d));
                right_aligned(d, right)
            }
            Block::Note(n) => Paragraph::new()
                .style(STYLE_BODY)
                .add_run(Run::new().add_text(clean(n))),
            Block::Imprint(im) => {
                out.imprint = Some(imprint_table(
                    im.copy_to.as_deref(),
                    im.printed_by.as_deref(),
                    im.printed_on.as_deref(),
                ));
                continue;
            }
        };
        out.paragraphs.push(p);
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

/// 发文字号 on the left and 签发人 on the right of one line.
fn doc_number(number: Option<&str>, signer: Option<&str>) -> Paragraph {
    let mut p = Paragraph::new()
        .style(STYLE_FLUSH)
        .indent(
            Some(BODY_CHAR),
            Some(SpecialIndentType::FirstLine(0)),
            None,
            None,
        )
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos((TEXT_WIDTH - BODY_CHAR) as usize),
        );
    if let Some(n) = number {
        p = p.add_run(Run::new().add_text(clean(n)));
    }
    if let Some(s) = signer {
        p = p
            .add_run(Run::new().add_tab().add_text("签发人："))
            .add_run(Run::new().fonts(fonts(FONT_KAI)).add_text(clean(s)));
    }
    p
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

/// Right indents of the signature and the date: the date four characters
/// in, the signature centred over it (a wider signature pushes the date in).
fn signature_indents(signature: &str, date: Option<&str>) -> (i32, i32) {
    let width = |s: &str| (em_width(s) * 320.0) as i32 + CHAR_SPACING * s.chars().count() as i32;
    let mut date_right = 4 * BODY_CHAR;
    let Some(date) = date else {
        return (date_right, date_right);
    };
    let mut sig_right = date_right + (width(date) - width(signature)) / 2;
    if sig_right < 0 {
        date_right -= sig_right;
        sig_right = 0;
    }
    (sig_right, date_right)
}

/// 版记 (GB/T 9704 7.4): a table the width of the text block after the last element of
/// the document, with a thick rule
/// (0.35 mm) above and below and a thin one (0.25 mm) between 抄送 and 印发; 四号仿宋,
/// 抄送 one character in on both sides (a second line aligns after 抄送：), 印发机关 one
/// character in on the left and 印发日期 one character in on the right. Word and WPS
/// paginate the DOCX themselves, so moving it to the bottom of an even page is left to
/// the office (the PDF does it). A floating table anchored to the page bottom was tried:
/// LibreOffice moved the 附注 and the table to a new page and left it at the top.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_centred_over_the_date() {
        let (sig, date) = signature_indents("梅河口市人民政府", Some("2020年3月13日"));
        assert_eq!(date, 4 * BODY_CHAR);
        // the signature (8 em) is wider than the date (6.5 em): its right edge
        // moves right by half the difference
        assert!(sig < date);
        let centre = |right: i32, w: f64| right as f64 + w / 2.0;
        let w = |s: &str| em_width(s) * 320.0 + CHAR_SPACING as f64 * s.chars().count() as f64;
        assert!(
            (centre(sig, w("梅河口市人民政府")) - centre(date, w("2020年3月13日"))).abs() < 1.0
        );
    }

    #[test]
    fn a_very_long_signature_pushes_the_date_in() {
        let long = "中共某某自治县委员会办公室某某自治县人民政府办公室";
        let (sig, date) = signature_indents(long, Some("2020年3月13日"));
        assert_eq!(sig, 0);
        assert!(date > 4 * BODY_CHAR);
    }
}
