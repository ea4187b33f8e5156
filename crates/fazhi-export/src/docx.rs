//! DOCX: the blocks set in the official layout with docx-rs, review comments as
//! Word comments, re-packed deflated.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BorderType, BreakType, Comment, DocGrid, DocGridType, Docx, FieldCharType,
    Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts,
    SpecialIndentType, Style, StyleType, Tab, TabValueType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableRow, WidthType,
};
use fazhi_core::Document;

use crate::blocks::{blocks, Block};
use crate::layout::*;
use crate::{DocxOptions, ExportComment, ExportError, Profile};

const STYLE_BODY: &str = "Normal";
const STYLE_TITLE: &str = "Title";
const STYLE_FLUSH: &str = "FlushLeft";
const STYLE_FOOTER: &str = "Footer";
const STYLE_COMMENT: &str = "CommentText";

fn heading_style_id(level: usize) -> String {
    format!("Heading{}", level.clamp(1, 4))
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
}

fn heading_font(level: usize) -> &'static str {
    match level {
        1 => FONT_HEI,
        2 => FONT_KAI,
        _ => FONT_FANGSONG,
    }
}

fn exact_lines() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_PITCH)
        .before(0)
        .after(0)
}

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(name)
}

fn styles() -> Vec<Style> {
    let mut body = paragraph_style(STYLE_BODY, "Normal")
        .fonts(fonts(FONT_FANGSONG))
        .size(BODY_SIZE)
        .line_spacing(exact_lines())
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(2 * BODY_CHAR)),
            None,
            None,
        )
        .q_format(true);
    body.run_property = body.run_property.character_spacing(CHAR_SPACING);
    // The 22-line grid only fills when no line is pushed to the next page.
    body.paragraph_property = body.paragraph_property.widow_control(false);

    let mut title = paragraph_style(STYLE_TITLE, "Title")
        .based_on(STYLE_BODY)
        .next(STYLE_BODY)
        .fonts(fonts(FONT_TITLE))
        .size(TITLE_SIZE)
        .align(AlignmentType::Center)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        // 22 pt is taller than the grid pitch: snapped, each title line would
        // take two grid lines; with the exact line height it takes one.
        .snap_to_grid(false)
        .q_format(true);
    title.run_property = title.run_property.character_spacing(0);

    let flush = paragraph_style(STYLE_FLUSH, "Flush Left")
        .based_on(STYLE_BODY)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None);

    let mut footer = paragraph_style(STYLE_FOOTER, "footer")
        .fonts(fonts(FONT_SONG))
        .size(PAGE_NUMBER_SIZE)
        .snap_to_grid(false)
        .line_spacing(LineSpacing::new().before(0).after(0));
    footer.paragraph_property = footer.paragraph_property.widow_control(false);

    // Word's "annotation text": comments read in the margin at 五号, off the grid.
    let mut comment = paragraph_style(STYLE_COMMENT, "annotation text")
        .fonts(fonts(FONT_SONG))
        .size(21)
        .snap_to_grid(false)
        .line_spacing(LineSpacing::new().before(0).after(0));
    comment.paragraph_property = comment.paragraph_property.widow_control(false);

    let mut out = vec![body, title, flush, footer, comment];
    for level in 1..=4 {
        out.push(
            paragraph_style(&heading_style_id(level), &format!("heading {level}"))
                .based_on(STYLE_BODY)
                .next(STYLE_BODY)
                .fonts(fonts(heading_font(level)))
                .outline_lvl(level - 1)
                .q_format(true),
        );
    }
    out
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
        rows.push(TableRow::new(vec![TableCell::new()
            .width(TEXT_WIDTH as usize, WidthType::Dxa)
            .add_paragraph(p)]));
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
        rows.push(TableRow::new(vec![TableCell::new()
            .width(TEXT_WIDTH as usize, WidthType::Dxa)
            .add_paragraph(p)]));
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

/// "— N —" with a PAGE field whose runs all carry the 宋体 font and 四号 size
/// (docx-rs's PageNum would drop them).
fn page_number_paragraph(odd: bool) -> Paragraph {
    let run = || Run::new().fonts(fonts(FONT_SONG)).size(PAGE_NUMBER_SIZE);
    let p = Paragraph::new()
        .style(STYLE_FOOTER)
        .add_run(run().add_text("— "))
        .add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
        .add_run(run().add_text(" —"));
    if odd {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(PAGE_NUMBER_INSET), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(PAGE_NUMBER_INSET), None, None, None)
    }
}

/// A comment's place in one block, in characters of the block's text.
struct Anchor<'c> {
    start: usize,
    end: usize,
    comment: &'c ExportComment,
}

/// One piece of a block's text with the font it is set in (None: the style's).
struct Span<'t> {
    text: &'t str,
    font: Option<&'static str>,
}

fn clamp_range(c: &ExportComment, len: usize) -> (usize, usize) {
    let s = c.start.min(len);
    (s, c.end.clamp(s, len))
}

/// XML 1.0 forbids most control characters; one pasted into a paragraph would
/// make Word refuse the whole file. They carry no meaning in a report.
fn allowed_in_xml(c: char) -> bool {
    !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
}

fn clean(s: &str) -> String {
    s.chars().filter(|c| allowed_in_xml(*c)).collect()
}

/// Word wants a date-time; a bare ISO date becomes midnight UTC.
fn word_date(d: &str) -> String {
    let d = d.trim();
    if d.len() == 10 && d.as_bytes().get(4) == Some(&b'-') {
        format!("{d}T00:00:00Z")
    } else {
        d.to_string()
    }
}

fn comment_body(c: Comment, text: &str) -> Comment {
    text.split('\n').fold(c, |c, line| {
        c.add_paragraph(
            Paragraph::new()
                .style(STYLE_COMMENT)
                .add_run(Run::new().add_text(clean(line))),
        )
    })
}

/// Writes `spans` into `p`, opening and closing the comment ranges at their
/// character offsets. Replies share their parent's range, as Word stores them.
fn add_spans(
    mut p: Paragraph,
    spans: &[Span],
    anchors: &[Anchor],
    next_id: &mut usize,
) -> Paragraph {
    // ids: the comment first, then its replies
    let ids: Vec<Vec<usize>> = anchors
        .iter()
        .map(|a| {
            let n = 1 + a.comment.replies.len();
            let v: Vec<usize> = (*next_id..*next_id + n).collect();
            *next_id += n;
            v
        })
        .collect();
    let mut cuts: Vec<usize> = anchors.iter().flat_map(|a| [a.start, a.end]).collect();
    let mut pos = 0;
    for s in spans {
        pos += s.text.chars().count();
        cuts.push(pos);
    }
    cuts.push(0);
    cuts.sort_unstable();
    cuts.dedup();
    let total = pos;

    let chars: Vec<(usize, &'static str, char)> = {
        let mut v = Vec::with_capacity(total);
        for s in spans {
            for c in s.text.chars() {
                v.push((v.len(), s.font.unwrap_or(""), c));
            }
        }
        v
    };

    for (k, &cut) in cuts.iter().enumerate() {
        // ends before starts, so that touching ranges do not nest
        for (a, id) in anchors.iter().zip(&ids) {
            if a.end == cut && a.start != cut {
                for i in id {
                    p = p.add_comment_end(*i);
                }
            }
        }
        for (a, id) in anchors.iter().zip(&ids) {
            if a.start == cut {
                let c = a.comment;
                p = p.add_comment_start(comment_body(
                    Comment::new(id[0])
                        .author(clean(&c.author))
                        .date(word_date(&c.date)),
                    &c.text,
                ));
                for (r, rid) in c.replies.iter().zip(&id[1..]) {
                    p = p.add_comment_start(comment_body(
                        Comment::new(*rid)
                            .author(clean(&r.author))
                            .date(word_date(&r.date))
                            .parent_comment_id(id[0]),
                        &r.text,
                    ));
                }
                if a.end == cut {
                    for i in id {
                        p = p.add_comment_end(*i);
                    }
                }
            }
        }
        let Some(&next) = cuts.get(k + 1) else {
            break;
        };
        // the characters between two cuts, one run per change of font
        let mut i = cut;
        while i < next {
            let font = chars[i].1;
            let mut j = i;
            let mut text = String::new();
            while j < next && chars[j].1 == font {
                if allowed_in_xml(chars[j].2) {
                    text.push(chars[j].2);
                }
                j += 1;
            }
            let mut run = Run::new().add_text(text);
            if !font.is_empty() {
                run = run.fonts(fonts(font));
            }
            p = p.add_run(run);
            i = j;
        }
    }
    p
}

/// The comments of one node, keyed by node id.
type ByNode<'c> = HashMap<&'c str, Vec<&'c ExportComment>>;

fn anchors_for<'c>(
    by_node: &mut ByNode<'c>,
    node: &str,
    offset: usize,
    len: usize,
    out: &mut Vec<Anchor<'c>>,
) {
    if let Some(cs) = by_node.remove(node) {
        for c in cs {
            let (s, e) = clamp_range(c, len);
            out.push(Anchor {
                start: offset + s,
                end: offset + e,
                comment: c,
            });
        }
    }
}

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

pub(crate) fn build(doc: &Document, opts: &DocxOptions) -> Docx {
    let comments: &[ExportComment] = match opts.profile {
        Profile::Filing => &opts.comments,
        Profile::Publication => &[],
    };
    let mut by_node: ByNode = HashMap::new();
    for c in comments {
        by_node.entry(c.node_id.as_str()).or_default().push(c);
    }
    let bs = blocks(doc, opts.profile);
    let date = bs.iter().find_map(|b| match b {
        Block::Date(d) => Some(d.clone()),
        _ => None,
    });

    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(bs.len());
    let mut next_id = 1;
    let mut title_index = None;
    let mut imprint = None;
    for b in &bs {
        let mut anchors = Vec::new();
        let p = match b {
            Block::DocNumber { number, signer } => {
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
            Block::Title(lines) => {
                title_index = Some(paragraphs.len());
                let mut p = Paragraph::new().style(STYLE_TITLE);
                for (i, l) in lines.iter().enumerate() {
                    let mut r = Run::new();
                    if i > 0 {
                        r = r.add_break(BreakType::TextWrapping);
                    }
                    p = p.add_run(r.add_text(clean(l)));
                }
                p
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
            } => {
                let n = number.chars().count();
                anchors_for(&mut by_node, node_id, n, text.chars().count(), &mut anchors);
                let spans = [
                    Span {
                        text: number,
                        font: None,
                    },
                    Span { text, font: None },
                ];
                add_spans(
                    Paragraph::new().style(&heading_style_id(*level)),
                    &spans,
                    &anchors,
                    &mut next_id,
                )
            }
            Block::Para {
                node_id,
                lead,
                text,
            } => {
                let mut spans = Vec::with_capacity(2);
                let mut offset = 0;
                if let Some(l) = lead {
                    let len = l.text.chars().count();
                    anchors_for(
                        &mut by_node,
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
                    anchors_for(&mut by_node, id, offset, text.chars().count(), &mut anchors);
                }
                spans.push(Span { text, font: None });
                add_spans(
                    Paragraph::new().style(STYLE_BODY),
                    &spans,
                    &anchors,
                    &mut next_id,
                )
            }
            Block::Signature(s) => {
                let (right, _) = signature_indents(s, date.as_deref());
                Paragraph::new()
                    .style(STYLE_FLUSH)
                    .align(AlignmentType::Right)
                    .indent(None, None, Some(right), None)
                    .add_run(Run::new().add_text(clean(s)))
            }
            Block::Date(d) => {
                let sig = bs.iter().find_map(|b| match b {
                    Block::Signature(s) => Some(*s),
                    _ => None,
                });
                let (_, right) = signature_indents(sig.unwrap_or(""), Some(d));
                Paragraph::new()
                    .style(STYLE_FLUSH)
                    .align(AlignmentType::Right)
                    .indent(None, None, Some(right), None)
                    .add_run(Run::new().add_text(clean(d)))
            }
            Block::Note(n) => Paragraph::new()
                .style(STYLE_BODY)
                .add_run(Run::new().add_text(clean(n))),
            Block::Imprint(im) => {
                imprint = Some(imprint_table(
                    im.copy_to.as_deref(),
                    im.printed_by.as_deref(),
                    im.printed_on.as_deref(),
                ));
                continue;
            }
        };
        paragraphs.push(p);
    }

    // Comments whose paragraph is gone are kept on the title, marked as such,
    // rather than silently dropped.
    if let Some(t) = title_index {
        let mut orphans: Vec<&ExportComment> = by_node.into_values().flatten().collect();
        orphans.sort_by_key(|c| (c.date.clone(), c.node_id.clone()));
        if !orphans.is_empty() {
            let lines = match &bs[t] {
                Block::Title(lines) => lines.clone(),
                _ => Vec::new(),
            };
            paragraphs[t] = title_with_comments(&lines, &orphans, &mut next_id);
        }
    }

    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(MARGIN_TOP)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .bottom(MARGIN_BOTTOM)
                .header(mm(15.0))
                .footer(FOOTER_DISTANCE)
                .gutter(0),
        )
        .default_fonts(fonts(FONT_FANGSONG))
        .default_size(BODY_SIZE)
        .footer(Footer::new().add_paragraph(page_number_paragraph(true)))
        .even_footer(Footer::new().add_paragraph(page_number_paragraph(false)));
    if let Some(d) = doc.date.as_deref().filter(|d| d.len() == 10) {
        docx = docx.created_at(&word_date(d)).updated_at(&word_date(d));
    }
    for s in styles() {
        docx = docx.add_style(s);
    }
    docx.document.section_property.doc_grid = Some(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_PITCH as usize),
    );
    for p in paragraphs {
        docx = docx.add_paragraph(p);
    }
    if let Some(t) = imprint {
        // A body cannot end with a table: an empty paragraph closes it.
        docx = docx
            .add_table(t)
            .add_paragraph(Paragraph::new().style(STYLE_FLUSH));
    }
    docx
}

/// The title paragraph again, with the orphaned comments around all its lines.
fn title_with_comments(
    lines: &[String],
    orphans: &[&ExportComment],
    next_id: &mut usize,
) -> Paragraph {
    // The line breaks sit between runs; the comments span the whole title,
    // so they open before the first line and close after the last.
    let mut p = Paragraph::new().style(STYLE_TITLE);
    let mut ids = Vec::new();
    for c in orphans {
        let id = *next_id;
        *next_id += 1 + c.replies.len();
        ids.push(id);
        p = p.add_comment_start(comment_body(
            Comment::new(id)
                .author(clean(&c.author))
                .date(word_date(&c.date)),
            &format!("（批注原位置已不在文中）{}", c.text),
        ));
        for (k, r) in c.replies.iter().enumerate() {
            p = p.add_comment_start(comment_body(
                Comment::new(id + 1 + k)
                    .author(clean(&r.author))
                    .date(word_date(&r.date))
                    .parent_comment_id(id),
                &r.text,
            ));
        }
    }
    for (i, l) in lines.iter().enumerate() {
        let mut r = Run::new();
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r.add_text(clean(l)));
    }
    for (c, id) in orphans.iter().zip(ids) {
        for k in 0..=c.replies.len() {
            p = p.add_comment_end(id + k);
        }
    }
    p
}

/// docx-rs always writes an empty "Normal" style before the document's own;
/// two styles with one id leave it to each word processor which one wins.
const DOCX_RS_EMPTY_NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;
const WIDOW_OFF: &str = r#"<w:widowControl w:val="0" />"#;
/// No punctuation hanging into the margin (docx-rs has no setter): a hanging
/// 。 would make a 29th character on a 28-character grid.
const OVERFLOW_PUNCT_OFF: &str = r#"<w:overflowPunct w:val="0" />"#;

/// What docx-rs cannot express, patched into styles.xml. Both patches are
/// checked by the styles snapshot and the layout test.
pub(crate) fn patch_styles(xml: &str) -> String {
    let xml = xml
        .replacen(DOCX_RS_EMPTY_NORMAL, "", 1)
        .replace(WIDOW_OFF, &format!("{WIDOW_OFF}{OVERFLOW_PUNCT_OFF}"));
    raise_title(&xml)
}

/// The title's 22 pt glyphs in a one-row (579 twip) exact line sit at the bottom of the
/// row, their tops ~1 mm below the text block's top edge; raised by 2.5 pt (w:position,
/// which docx-rs cannot write) the first title line starts at 37 mm (±0.5 mm, checked in
/// LibreOffice by the layout test) while every row stays on the grid.
const TITLE_RAISE: &str = r#"<w:position w:val="5" />"#;

fn raise_title(xml: &str) -> String {
    const SIZE: &str = r#"<w:sz w:val="44" />"#;
    let Some(start) = xml.find(r#"w:styleId="Title""#) else {
        return xml.to_string();
    };
    let end = xml[start..]
        .find("</w:style>")
        .map_or(xml.len(), |e| start + e);
    match xml[start..end].find(SIZE) {
        Some(at) => {
            let at = start + at;
            format!("{}{TITLE_RAISE}{}", &xml[..at], &xml[at..])
        }
        None => xml.to_string(),
    }
}

/// docx-rs stores its parts uncompressed; offices mail these files around, so
/// re-pack them deflated, patching the styles and putting property elements in
/// schema order on the way.
fn repack(stored: &[u8]) -> Result<Vec<u8>, ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError::Package(e.to_string());
    let mut zin = zip::ZipArchive::new(Cursor::new(stored)).map_err(|e| err(&e))?;
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 3)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut buf = Vec::new();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(|e| err(&e))?;
        buf.clear();
        f.read_to_end(&mut buf).map_err(|e| err(&e))?;
        zout.start_file(f.name(), options).map_err(|e| err(&e))?;
        let name = f.name();
        if name.starts_with("word/") && name.ends_with(".xml") {
            let xml = String::from_utf8_lossy(&buf);
            let xml = if name == "word/styles.xml" {
                patch_styles(&xml)
            } else {
                xml.into_owned()
            };
            let ordered = crate::order::schema_order(&xml).map_err(|e| err(&e))?;
            zout.write_all(ordered.as_bytes()).map_err(|e| err(&e))?;
        } else {
            zout.write_all(&buf).map_err(|e| err(&e))?;
        }
    }
    let out = zout.finish().map_err(|e| err(&e))?;
    Ok(out.into_inner())
}

/// The report as a DOCX file for `opts.profile`, with the review comments
/// (filing profile only).
pub fn docx(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    let mut stored = Cursor::new(Vec::new());
    build(doc, opts)
        .build()
        .pack(&mut stored)
        .map_err(|e| ExportError::Package(e.to_string()))?;
    repack(stored.get_ref())
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

    #[test]
    fn bare_dates_become_date_times() {
        assert_eq!(word_date("2020-03-01"), "2020-03-01T00:00:00Z");
        assert_eq!(word_date("2020-03-01T08:00:00Z"), "2020-03-01T08:00:00Z");
    }
}
