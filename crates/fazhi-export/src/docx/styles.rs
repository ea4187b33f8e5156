//! The paragraph styles (正文 仿宋三号 on the 22-line grid, 标题 小标宋二号,
//! headings 黑体/楷体/仿宋, footer, comment text) and the patches of
//! styles.xml that docx-rs cannot express.

use docx_rs::{AlignmentType, LineSpacing, SpecialIndentType, Style, StyleType};

use crate::layout::*;

use super::{exact_lines, fonts};

pub(super) const STYLE_BODY: &str = "Normal";
pub(super) const STYLE_TITLE: &str = "Title";
pub(super) const STYLE_FLUSH: &str = "FlushLeft";
pub(super) const STYLE_FOOTER: &str = "Footer";
pub(super) const STYLE_COMMENT: &str = "CommentText";

pub(super) fn heading_style_id(level: usize) -> String {
    format!("Heading{}", level.clamp(1, 4))
}

pub(super) fn heading_font(level: usize) -> &'static str {
    match level {
        1 => FONT_HEI,
        2 => FONT_KAI,
        _ => FONT_FANGSONG,
    }
}

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(name)
}

/// Every style the document uses.
pub(super) fn styles() -> Vec<Style> {
    let mut out = vec![body(), title(), flush(), footer(), comment()];
    for level in 1..=4 {
        let mut h = paragraph_style(&heading_style_id(level), &format!("heading {level}"))
            .based_on(STYLE_BODY)
            .next(STYLE_BODY)
            .fonts(fonts(heading_font(level)))
            .outline_lvl(level - 1)
            .q_format(true);
        // 与下段同页: a heading never ends a page, as our typesetter keeps it.
        h.paragraph_property = h.paragraph_property.keep_next(true);
        out.push(h);
    }
    out
}

fn body() -> Style {
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
    // 孤行控制, as our typesetter pages: no line of a paragraph alone at a page's foot
    // or head (the rows left stay empty; the grid never squeezes).
    body.paragraph_property = body.paragraph_property.widow_control(true);
    body
}

fn title() -> Style {
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
    title
}

fn flush() -> Style {
    paragraph_style(STYLE_FLUSH, "Flush Left")
        .based_on(STYLE_BODY)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
}

fn footer() -> Style {
    let mut footer = paragraph_style(STYLE_FOOTER, "footer")
        .fonts(fonts(FONT_SONG))
        .size(PAGE_NUMBER_SIZE)
        .snap_to_grid(false)
        .line_spacing(LineSpacing::new().before(0).after(0));
    footer.paragraph_property = footer.paragraph_property.widow_control(false);
    footer
}

/// Word's "annotation text": comments read in the margin at 五号, off the grid.
fn comment() -> Style {
    let mut comment = paragraph_style(STYLE_COMMENT, "annotation text")
        .fonts(fonts(FONT_SONG))
        .size(21)
        .snap_to_grid(false)
        .line_spacing(LineSpacing::new().before(0).after(0));
    comment.paragraph_property = comment.paragraph_property.widow_control(false);
    comment
}

/// docx-rs always writes an empty "Normal" style before the document's own;
/// two styles with one id leave it to each word processor which one wins.
const DOCX_RS_EMPTY_NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;
const WIDOW_OFF: &str = r#"<w:widowControl w:val="0" />"#;
const WIDOW_ON: &str = r#"<w:widowControl w:val="1" />"#;
/// No punctuation hanging into the margin (docx-rs has no setter): a hanging
/// 。 would make a 29th character on a 28-character grid.
const OVERFLOW_PUNCT_OFF: &str = r#"<w:overflowPunct w:val="0" />"#;
/// No extra space between Chinese and Latin letters or digits (Word's and
/// LibreOffice's default adds about a quarter em at each change): an official
/// document sets 2020年3月13日 on the grid, and the PDF does not add it either.
const AUTO_SPACE_OFF: &str = r#"<w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#;

/// What docx-rs cannot express, patched into styles.xml. Both patches are
/// checked by the styles snapshot and the layout test.
pub(crate) fn patch_styles(xml: &str) -> String {
    xml.replacen(DOCX_RS_EMPTY_NORMAL, "", 1)
        .replace(
            WIDOW_OFF,
            &format!("{WIDOW_OFF}{OVERFLOW_PUNCT_OFF}{AUTO_SPACE_OFF}"),
        )
        .replace(
            WIDOW_ON,
            &format!("{WIDOW_ON}{OVERFLOW_PUNCT_OFF}{AUTO_SPACE_OFF}"),
        )
}
