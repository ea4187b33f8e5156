//! The layout model's blocks (`fazhi_layout::blocks`: what the profile shows, worded,
//! numbered and with the title's lines decided) as [`Item`]s for the pager: this module
//! only sets them in type and places them; it decides nothing about content.

use fazhi_core::profile::Profile;
use fazhi_core::Document;
use fazhi_layout::geometry::{self, Masthead};
use fazhi_layout::{AttachmentNote, Block, Closing, DocNumberRow, IssuerMark};

use super::grid::{block_right_mm, cell_mm, BLOCK_LEFT_MM, BODY_PT, EM_ASCENT, MM_PER_PT};
use super::linebreak::{set_paragraph, set_paragraph_indented};
use super::metrics::{FontRole, Metrics};
use super::page::{Line, LineKind, Rule};
use super::place::{run_width, set_run, shifted, Draft};
use super::table::{set_table, SetTable};
use super::title::set_title;

pub(super) enum Item {
    Line(Draft),
    /// An empty row; dropped at the top of a page.
    Blank,
    /// Rows that must stay on one page (signature, date, note).
    Together(Vec<Item>),
    /// A line at a fixed place of the current page, taking no row (the 版头's mark).
    Fixed(Line),
    /// A rule on the current page (the 版头's red rule).
    Rule(Rule),
    /// Continue on this row of the current page (the 版头's rows).
    ToRow(usize),
    /// Continue on a new page (an 附件).
    NewPage,
    /// A table, paged by `table::put_table` (header repeated, rows kept whole).
    Table(Box<SetTable>),
    /// A paragraph's lines: never one of them alone at a page's foot or head (widow and
    /// orphan control, Word's widowControl); `keep_next` (a heading on its own line) keeps
    /// it on the page of what follows (Word's keepNext).
    Para {
        lines: Vec<Draft>,
        keep_next: bool,
    },
}

/// The document's items for `profile`, in order.
pub(super) fn items(doc: &Document, profile: Profile, metrics: &dyn Metrics) -> Vec<Item> {
    let bs = fazhi_layout::blocks(doc, profile);
    let mut items = Vec::new();
    masthead(&bs, metrics, &mut items);
    for b in &bs {
        match b {
            // Set by `masthead`.
            Block::CopyNumber { .. }
            | Block::Secrecy { .. }
            | Block::Urgency { .. }
            | Block::IssuerMark(_)
            | Block::DocNumber(_)
            | Block::RedRule => {}
            Block::Title { lines } => {
                items.extend(set_title(lines, metrics).into_iter().map(Item::Line))
            }
            Block::Blank => items.push(Item::Blank),
            Block::Addressee { text } => lines(
                &mut items,
                set_paragraph(
                    &[(text.clone(), FontRole::Fang)],
                    LineKind::Addressee,
                    0.0,
                    metrics,
                ),
            ),
            Block::Heading {
                level,
                number,
                text,
                ..
            } => items.push(Item::Para {
                lines: set_paragraph(
                    &[(format!("{number}{}", text.trim()), heading_font(*level))],
                    LineKind::Heading(*level),
                    2.0,
                    metrics,
                ),
                keep_next: true,
            }),
            Block::Para { lead, text, .. } => {
                let mut spans = Vec::new();
                if let Some(l) = lead {
                    spans.push((l.text.clone(), heading_font(l.level)));
                }
                let t = text.trim();
                if !t.is_empty() {
                    spans.push((t.to_string(), FontRole::Fang));
                }
                let kind = lead
                    .as_ref()
                    .map_or(LineKind::Body, |l| LineKind::Heading(l.level));
                lines(&mut items, set_paragraph(&spans, kind, 2.0, metrics));
            }
            Block::AttachmentNote(n) => attachment_note(n, metrics, &mut items),
            Block::Closing(c) => items.push(closing(c, metrics)),
            Block::Attachment(a) => {
                items.push(Item::NewPage);
                let label = set_run(
                    &[(a.label.clone(), FontRole::Hei)],
                    BODY_PT,
                    cell_mm(),
                    metrics,
                );
                items.push(Item::Line(Draft {
                    font: FontRole::Hei,
                    ..Draft::single(LineKind::AttachmentLabel, shifted(label, BLOCK_LEFT_MM))
                }));
                items.push(Item::Blank);
                for mut d in set_title(&a.title_lines, metrics) {
                    d.kind = LineKind::AttachmentTitle;
                    items.push(Item::Line(d));
                }
                items.push(Item::Blank);
                for b in &a.body {
                    match b {
                        Block::Para { text, .. } => lines(
                            &mut items,
                            set_paragraph(
                                &[(text.trim().to_string(), FontRole::Fang)],
                                LineKind::Body,
                                2.0,
                                metrics,
                            ),
                        ),
                        Block::Table(t) => items.push(Item::Table(Box::new(set_table(t, metrics)))),
                        _ => {}
                    }
                }
            }
            // The 版记 is placed after paging (`imprint`).
            Block::Imprint { .. } => {}
            Block::Table(t) => items.push(Item::Table(Box::new(set_table(t, metrics)))),
        }
    }
    items
}

/// A paragraph's lines, kept from standing alone at a page's foot or head.
fn lines(items: &mut Vec<Item>, drafts: Vec<Draft>) {
    if !drafts.is_empty() {
        items.push(Item::Para {
            lines: drafts,
            keep_next: false,
        });
    }
}

fn heading_font(level: usize) -> FontRole {
    match level {
        1 => FontRole::Hei,
        2 => FontRole::Kai,
        _ => FontRole::Fang,
    }
}

/// The 版头 on page one at the places of `fazhi_layout::geometry::masthead`: 份号,
/// 密级 and 紧急程度 on the first rows, the red mark with its top 35 mm into the block,
/// 签发人 and 发文字号 on their rows, the red rule, then on to the title's row.
fn masthead(bs: &[Block], metrics: &dyn Metrics, items: &mut Vec<Item>) {
    let mut mark: Option<&IssuerMark> = None;
    let mut row: Option<&DocNumberRow> = None;
    for b in bs {
        match b {
            Block::CopyNumber { text } => {
                let run = set_run(
                    &[(text.clone(), FontRole::Fang)],
                    BODY_PT,
                    cell_mm(),
                    metrics,
                );
                items.push(Item::Line(Draft::single(
                    LineKind::Masthead,
                    shifted(run, BLOCK_LEFT_MM),
                )));
            }
            Block::Secrecy { text } | Block::Urgency { text } => {
                let run = set_run(
                    &[(text.clone(), FontRole::Hei)],
                    BODY_PT,
                    cell_mm(),
                    metrics,
                );
                items.push(Item::Line(Draft {
                    font: FontRole::Hei,
                    ..Draft::single(LineKind::Masthead, shifted(run, BLOCK_LEFT_MM))
                }));
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
    for (i, text) in mark.lines.iter().enumerate() {
        items.push(Item::Fixed(mark_line(mark, text, &g, i, metrics)));
    }
    if let (Some(suffix), Some(left)) = (&mark.suffix, mark.suffix_left_mm()) {
        let top = g.mark_top_mm + mark.suffix_drop_mm();
        items.push(Item::Fixed(mark_run(
            suffix,
            mark.size_pt as f32,
            BLOCK_LEFT_MM + left as f32,
            top as f32,
            0.0,
            metrics,
        )));
    }
    items.push(Item::ToRow(g.first_signer_row));
    for i in 0..signer_rows {
        items.push(Item::Line(signer_line(
            row,
            i,
            i + 1 == signer_rows,
            metrics,
        )));
    }
    items.push(Item::Rule(Rule::horizontal(
        BLOCK_LEFT_MM,
        block_right_mm(),
        g.rule_y_mm as f32,
        geometry::RULE_WIDTH_MM as f32,
        true,
    )));
    items.push(Item::ToRow(g.title_row));
}

/// Line `i` of the mark, red, its em box's top on the masthead's place: centred, or
/// in a joint mark with 文件 spread to the names' column.
fn mark_line(mark: &IssuerMark, text: &str, g: &Masthead, i: usize, metrics: &dyn Metrics) -> Line {
    let top = g.mark_top_mm + i as f64 * g.mark_pitch_mm;
    let size = mark.size_pt as f32;
    if mark.suffix.is_some() {
        let left = BLOCK_LEFT_MM + mark.names_left_mm() as f32;
        return mark_run(
            text,
            size,
            left,
            top as f32,
            mark.spread_mm(i) as f32,
            metrics,
        );
    }
    let em = size * MM_PER_PT;
    let w = run_width(&set_run(
        &[(text.to_string(), FontRole::Title)],
        size,
        em,
        metrics,
    ));
    let left = BLOCK_LEFT_MM + (super::grid::BLOCK_WIDTH_MM - w) / 2.0;
    mark_run(text, size, left, top as f32, 0.0, metrics)
}

/// A red run of the mark from `left`, its em box's top at `top`, `spread` mm after each
/// character but the last.
fn mark_run(
    text: &str,
    size: f32,
    left: f32,
    top: f32,
    spread: f32,
    metrics: &dyn Metrics,
) -> Line {
    let em = size * MM_PER_PT;
    let mut run = set_run(&[(text.to_string(), FontRole::Title)], size, em, metrics);
    for (k, g) in run.iter_mut().enumerate() {
        g.x_mm += k as f32 * spread;
    }
    let glyphs = shifted(run, left);
    let right = glyphs.last().map_or(left, |g| g.x_mm + g.width_mm);
    Line {
        kind: LineKind::IssuerMark,
        text: text.to_string(),
        x_mm: left,
        y_mm: top + EM_ASCENT * em,
        right_mm: right,
        size_pt: size,
        font: FontRole::Title,
        row: None,
        justified: false,
        paragraph_end: true,
        red: true,
        glyphs,
    }
}

/// 签发人 line `i` (names in 楷体, the first line ending one character from the right
/// edge, later lines aligned with its first name); the 发文字号 one character in on
/// the last.
fn signer_line(row: &DocNumberRow, i: usize, last: bool, metrics: &dyn Metrics) -> Draft {
    let cell = cell_mm();
    let mut glyphs = Vec::new();
    if last {
        if let Some(n) = &row.number {
            glyphs.extend(shifted(
                set_run(&[(n.clone(), FontRole::Fang)], BODY_PT, cell, metrics),
                BLOCK_LEFT_MM + cell,
            ));
        }
    }
    if let Some(names) = row.signer_lines.get(i) {
        let names_left = BLOCK_LEFT_MM + row.names_left_em as f32 * cell;
        if i == 0 {
            let label = set_run(
                &[("签发人：".into(), FontRole::Fang)],
                BODY_PT,
                cell,
                metrics,
            );
            let w = run_width(&label);
            glyphs.extend(shifted(label, names_left - w));
        }
        glyphs.extend(shifted(
            set_run(&[(names.clone(), FontRole::Kai)], BODY_PT, cell, metrics),
            names_left,
        ));
    }
    Draft::single(LineKind::DocNumber, glyphs)
}

/// 附件说明: "附件：" two characters in; each title after its number, continuation lines
/// aligned with the title.
fn attachment_note(n: &AttachmentNote, metrics: &dyn Metrics, items: &mut Vec<Item>) {
    let label = 3.0;
    for (i, (num, title)) in n.items.iter().enumerate() {
        let numw = fazhi_layout::width::em_width(num) as f32;
        let (text, first) = if i == 0 {
            (format!("附件：{num}{title}"), 2.0)
        } else {
            (format!("{num}{title}"), 2.0 + label)
        };
        let rest = 2.0 + label + numw;
        // A list, not prose: never spread to the block's width.
        lines(
            items,
            set_paragraph_indented(
                &[(text, FontRole::Fang)],
                LineKind::AttachmentNote,
                (first, rest),
                false,
                metrics,
            ),
        );
    }
}

/// 署名, 成文日期 and 附注 as one block, at the places the layout gives, after the rows
/// left for the seal.
fn closing(c: &Closing, metrics: &dyn Metrics) -> Item {
    let cell = cell_mm();
    let mut tail: Vec<Item> = (0..c.place.rows_before).map(|_| Item::Blank).collect();
    let right_at = |em: f64| block_right_mm() - em as f32 * cell;
    // One line per issuer (joint issuers stacked).
    for (issuer, right_em) in &c.issuer_lines {
        let run = set_run(&[(issuer.clone(), FontRole::Fang)], BODY_PT, cell, metrics);
        let w = run_width(&run);
        let left = (right_at(*right_em) - w).max(BLOCK_LEFT_MM);
        tail.push(Item::Line(Draft::single(
            LineKind::Signature,
            shifted(run, left),
        )));
    }
    if let Some(d) = &c.date {
        let run = set_run(&[(d.clone(), FontRole::Fang)], BODY_PT, cell, metrics);
        let w = run_width(&run);
        tail.push(Item::Line(Draft::single(
            LineKind::Date,
            shifted(run, right_at(c.place.date_right_em) - w),
        )));
    }
    if let Some(n) = &c.note {
        for d in set_paragraph(&[(n.clone(), FontRole::Fang)], LineKind::Note, 2.0, metrics) {
            tail.push(Item::Line(d));
        }
    }
    Item::Together(tail)
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::testing::{m, sample_doc};
    use super::*;
    use crate::PdfOptions;
    use fazhi_core::model::HeadingStyle;

    #[test]
    fn profiles_differ_in_internal_metadata() {
        let doc = sample_doc();
        let text = |p: Profile| -> String {
            let l = layout(
                &doc,
                &PdfOptions {
                    profile: p,
                    fonts: None,
                },
                &m(),
            );
            l.pages
                .iter()
                .flat_map(|p| p.lines.iter().map(|l| l.text.clone()))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let filing = text(Profile::Filing);
        let public = text(Profile::Publication);
        for s in ["梅政发〔2020〕1号", "签发人：张堃", "（此件公开发布）"] {
            assert!(filing.contains(s), "{s}");
            assert!(!public.contains(s), "{s}");
        }
        for s in [
            "梅河口市人民政府关于",
            "2020年3月13日",
            "一、2019年",
            "通化市人民政府：",
        ] {
            assert!(public.contains(s), "{s}");
            assert!(filing.contains(s), "{s}");
        }
    }

    fn lines_of(l: &super::super::Layout, kind: LineKind) -> Vec<(usize, &Line)> {
        l.pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.lines.iter().map(move |l| (i, l)))
            .filter(|(_, l)| l.kind == kind)
            .collect()
    }

    #[test]
    fn signers_two_a_line_with_the_number_on_the_last() {
        let mut doc = sample_doc();
        doc.signer = Some("张三、李四、王五".into());
        let l = layout(&doc, &PdfOptions::default(), &m());
        let rows = lines_of(&l, LineKind::DocNumber);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.text, "签发人：张三\u{3000}李四");
        assert!(
            rows[1].1.text.starts_with("梅政发〔2020〕1号") && rows[1].1.text.ends_with("王五")
        );
        // the second line's names start under the first line's first name
        let first_name = rows[0].1.glyphs[4].x_mm;
        let last = rows[1].1.glyphs.iter().find(|g| g.ch == '王').unwrap();
        assert!((first_name - last.x_mm).abs() < 1e-3);
        assert!((rows[0].1.right_mm - (block_right_mm() - cell_mm())).abs() < 1e-3);
        assert_eq!(rows[1].1.row, Some(rows[0].1.row.unwrap() + 1));
    }

    #[test]
    fn unsealed_and_attachments() {
        let mut doc = sample_doc();
        doc.sealed = false;
        for t in ["甲表", "乙表"] {
            let mut a = fazhi_core::model::Attachment::new(t);
            a.paragraphs.push(fazhi_core::Paragraph::new("附件正文。"));
            doc.attachments.push(a);
        }
        let l = layout(&doc, &PdfOptions::default(), &m());
        // Unsealed (GB/T 9704 7.3.5.2): the date starts two characters right of the
        // issuer's start; here the date is the longer, so it stands two characters
        // from the right edge and the issuer moves left to keep the offset.
        let (sp, sig) = lines_of(&l, LineKind::Signature)[0];
        let (_, date) = lines_of(&l, LineKind::Date)[0];
        assert!((date.right_mm - (block_right_mm() - 2.0 * cell_mm())).abs() < 1e-3);
        assert!((date.x_mm - sig.x_mm - 2.0 * cell_mm()).abs() < 1e-3);
        // 附件说明 numbered, before the signature; each attachment on a new page.
        let note = lines_of(&l, LineKind::AttachmentNote);
        assert_eq!(note[0].1.text, "附件：1.甲表");
        assert_eq!(note[1].1.text, "2.乙表");
        assert!((note[1].1.x_mm - (BLOCK_LEFT_MM + 5.0 * cell_mm())).abs() < 1e-3);
        let labels = lines_of(&l, LineKind::AttachmentLabel);
        assert_eq!(labels.len(), 2);
        assert!(labels[0].0 > sp && labels[1].0 > labels[0].0);
        for (page, label) in &labels {
            assert_eq!(label.row, Some(0));
            assert_eq!(label.glyphs[0].font, FontRole::Hei);
            let title = l.pages[*page]
                .lines
                .iter()
                .find(|x| x.kind == LineKind::AttachmentTitle)
                .unwrap();
            assert_eq!(title.row, Some(2));
        }
        assert_eq!(labels[0].1.text, "附件1");
    }

    #[test]
    fn the_mark_is_red_at_35_mm_and_the_rule_red_under_the_number() {
        let doc = sample_doc();
        let l = layout(&doc, &PdfOptions::default(), &m());
        let p = &l.pages[0];
        let mark = p
            .lines
            .iter()
            .find(|l| l.kind == LineKind::IssuerMark)
            .unwrap();
        assert!(mark.red && mark.row.is_none());
        let em = mark.size_pt * MM_PER_PT;
        assert!((mark.y_mm - EM_ASCENT * em - 72.0).abs() < 1e-3);
        let rule = &p.rules[0];
        assert!(rule.red);
        let num = p
            .lines
            .iter()
            .find(|l| l.kind == LineKind::DocNumber)
            .unwrap();
        assert!((rule.y_mm - (num.y_mm + 0.12 * BODY_PT * MM_PER_PT) - 4.0).abs() < 0.2);
        // The publication copy has none of it.
        let public = layout(
            &doc,
            &PdfOptions {
                profile: Profile::Publication,
                fonts: None,
            },
            &m(),
        );
        assert!(public.pages[0].rules.is_empty());
        assert!(public.pages[0].lines.iter().all(|l| !l.red));
    }

    #[test]
    fn run_in_headings_share_the_paragraph() {
        let mut doc = sample_doc();
        doc.settings.heading_style = HeadingStyle::RunIn;
        let l = layout(&doc, &PdfOptions::default(), &m());
        let first = l
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .find(|l| l.kind == LineKind::Heading(2))
            .unwrap();
        assert!(
            first.text.starts_with("（一）依法全面履行政府职能。法治"),
            "{}",
            first.text
        );
        assert_eq!(first.glyphs[2].font, FontRole::Kai);
        assert_eq!(first.glyphs[first.glyphs.len() - 1].font, FontRole::Fang);
    }
}
