//! 打印预览: the report laid out by the same GB/T 9704 typesetter the PDF export
//! uses (`fazhi_pdf::typeset`), sent to the UI as pages of positioned lines. The
//! payload is one object per line (its text, baseline and size) holding its runs —
//! the stretches of glyphs the PDF draws in one face each (the writer's
//! `chunk_by(font)`), with their face and the x offset of each character — not one
//! object per glyph. A line mixes faces where the PDF does: the 签发人 line ("签发人："
//! and the 发文字号 in 仿宋, the names in 楷体, GB/T 9704 7.2.4), a run-in heading
//! (黑体/楷体 lead, then the paragraph in 仿宋), and any glyph the role's font lacks
//! (the fallback face).

use fazhi_core::profile::Profile;
use fazhi_core::Document;
use fazhi_pdf::typeset::{self, Glyph, SimpleMetrics};
use fazhi_pdf::{FontRole, Layout, LineKind, PdfOptions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CmdResult;
use crate::reports::check_id;
use crate::App;

/// A laid-out report, in millimetres from each page's top-left corner.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PdfPreview {
    pub page_width_mm: f32,
    pub page_height_mm: f32,
    pub pages: Vec<PreviewPage>,
    /// Set when the fonts could not be loaded and the preview used approximate
    /// character widths (the export would fail with the same reason).
    pub notice: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewPage {
    /// 1-based, as printed in the footer.
    pub number: u32,
    pub lines: Vec<PreviewLine>,
    /// Rules (the 版头's, the 版记's, GB/T 9704 7.4; a table's grid lines), as the PDF
    /// strokes them.
    pub rules: Vec<PreviewRule>,
    /// [tables #21] A landscape page's table (GB/T 9704 §8): lines and rules in the
    /// turned frame (297 × 210 mm, its top the sheet's left edge; frame (x, y) is
    /// sheet (y, 297 − x)). Empty on other pages.
    pub turned_lines: Vec<PreviewLine>,
    pub turned_rules: Vec<PreviewRule>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewRule {
    pub x0_mm: f32,
    pub x1_mm: f32,
    /// Centre of the stroke (a vertical rule's top end).
    pub y_mm: f32,
    /// The other end: `y_mm` for a horizontal rule (a table's column lines are vertical).
    pub y1_mm: f32,
    /// Stroke thickness.
    pub width_mm: f32,
    /// `#RRGGBB` when not black: the 版头's rule is the standard's print red.
    pub color: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewLine {
    /// `title`, `body`, `heading1`…`heading4`, `signature`, `date`, `note` (附注),
    /// `imprint` (版记), `page_number`…
    pub kind: String,
    /// The whole line (its runs' text, in order).
    pub text: String,
    /// Left edge of the first character.
    pub x_mm: f32,
    /// Baseline.
    pub y_mm: f32,
    pub size_pt: f32,
    /// The line's glyphs by face, in order, as the PDF draws them: one run when the
    /// line has one face.
    pub runs: Vec<PreviewRun>,
    /// `#RRGGBB` when not black: the 发文机关标志 is the standard's print red.
    pub color: Option<String>,
}

/// Consecutive glyphs of a line that the PDF draws in one face, at its positions.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewRun {
    pub text: String,
    /// The face: `fang` (仿宋), `hei` (黑体), `kai` (楷体), `song` (宋体), `title`
    /// (小标宋), `fallback` (characters the role's font lacks).
    pub font: String,
    /// Where the run's first glyph is drawn, from the page's left edge.
    pub x_mm: f32,
    /// From `x_mm` to the right edge of the run's last glyph cell.
    pub width_mm: f32,
    /// Each character's left edge relative to `x_mm`, in hundredths of a
    /// millimetre (one number per character of `text`).
    pub xs: Vec<i32>,
}

fn kind_name(k: LineKind) -> String {
    match k {
        LineKind::Masthead => "masthead".into(),
        LineKind::IssuerMark => "issuer_mark".into(),
        LineKind::AttachmentNote => "attachment_note".into(),
        LineKind::AttachmentLabel => "attachment_label".into(),
        LineKind::AttachmentTitle => "attachment_title".into(),
        LineKind::DocNumber => "doc_number".into(),
        LineKind::Title => "title".into(),
        LineKind::Addressee => "addressee".into(),
        LineKind::Body => "body".into(),
        LineKind::Heading(n) => format!("heading{n}"),
        LineKind::Signature => "signature".into(),
        LineKind::Date => "date".into(),
        LineKind::Note => "note".into(),
        LineKind::Imprint => "imprint".into(),
        LineKind::PageNumber => "page_number".into(),
        LineKind::TableTitle => "table_title".into(),
        LineKind::TableHeader => "table_header".into(),
        LineKind::TableCell => "table_cell".into(),
    }
}

fn font_name(f: FontRole) -> &'static str {
    match f {
        FontRole::Fang => "fang",
        FontRole::Hei => "hei",
        FontRole::Kai => "kai",
        FontRole::Song => "song",
        FontRole::Title => "title",
        FontRole::Fallback => "fallback",
    }
}

/// The standard's print red as the PDF prints it, when `is_red`.
fn red(is_red: bool) -> Option<String> {
    is_red.then(|| format!("#{}", fazhi_layout::geometry::RED_HEX))
}

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// A line's glyphs as the PDF writer groups them: one run per stretch of one face.
fn preview_runs(glyphs: &[Glyph]) -> Vec<PreviewRun> {
    glyphs
        .chunk_by(|a, b| a.font == b.font)
        .map(|run| {
            let x0 = run[0].x_mm;
            let last = &run[run.len() - 1];
            PreviewRun {
                text: run.iter().map(|g| g.ch).collect(),
                font: font_name(run[0].font).into(),
                x_mm: round2(x0),
                width_mm: round2(last.x_mm + last.width_mm - x0),
                xs: run
                    .iter()
                    .map(|g| ((g.x_mm - x0) * 100.0).round() as i32)
                    .collect(),
            }
        })
        .collect()
}

fn preview_lines(lines: &[fazhi_pdf::Line]) -> Vec<PreviewLine> {
    lines
        .iter()
        .filter(|l| !l.glyphs.is_empty())
        .map(|l| PreviewLine {
            kind: kind_name(l.kind),
            text: l.glyphs.iter().map(|g| g.ch).collect(),
            x_mm: round2(l.glyphs[0].x_mm),
            y_mm: round2(l.y_mm),
            size_pt: l.size_pt,
            runs: preview_runs(&l.glyphs),
            color: red(l.red),
        })
        .collect()
}

fn preview_rules(rules: &[fazhi_pdf::Rule]) -> Vec<PreviewRule> {
    rules
        .iter()
        .map(|r| PreviewRule {
            x0_mm: round2(r.x0_mm),
            x1_mm: round2(r.x1_mm),
            y_mm: round2(r.y_mm),
            y1_mm: round2(r.y1_mm),
            width_mm: round2(r.width_mm),
            color: red(r.red),
        })
        .collect()
}

/// The preview payload of a layout.
pub fn from_layout(layout: &Layout, notice: Option<String>) -> PdfPreview {
    PdfPreview {
        page_width_mm: layout.page_width_mm,
        page_height_mm: layout.page_height_mm,
        pages: layout
            .pages
            .iter()
            .map(|p| PreviewPage {
                number: u32::try_from(p.page_number).unwrap_or(u32::MAX),
                lines: preview_lines(&p.lines),
                rules: preview_rules(&p.rules),
                turned_lines: p
                    .turned
                    .as_ref()
                    .map(|t| preview_lines(&t.lines))
                    .unwrap_or_default(),
                turned_rules: p
                    .turned
                    .as_ref()
                    .map(|t| preview_rules(&t.rules))
                    .unwrap_or_default(),
            })
            .collect(),
        notice,
    }
}

/// Lays `doc` out with the export's fonts; without them, with approximate widths
/// and a notice saying so (a preview is still useful; the export will explain).
pub fn preview_of(doc: &Document, profile: Profile) -> PdfPreview {
    preview_with(
        doc,
        &PdfOptions {
            profile,
            ..Default::default()
        },
    )
}

/// [`preview_of`] with the options of a render (the fonts named, or the process's).
pub fn preview_with(doc: &Document, opts: &PdfOptions) -> PdfPreview {
    match fazhi_pdf::layout_with_fonts(doc, opts) {
        Ok(layout) => from_layout(&layout, None),
        Err(e) => {
            let layout = typeset::layout(doc, opts, &SimpleMetrics::default());
            from_layout(
                &layout,
                Some(format!(
                    "{e}（预览按近似字宽排版，分行可能与导出的 PDF 不同）"
                )),
            )
        }
    }
}

/// What the editor's page shows around the text, as the layout model decides it for
/// every output ([official]): the title's lines, the 主送 line, the 附件说明, the
/// signature block at its places and the 版记 — so the page never words or places
/// them differently from the DOCX and the PDF.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PageView {
    pub title_lines: Vec<String>,
    /// With its full-width colon.
    pub addressee: Option<String>,
    /// "附件：1.…" then "2.…" (filing copy only).
    pub attachment_note: Vec<String>,
    pub issuer: String,
    /// The 署名 as printed: one line per issuer of a joint document, each with its
    /// right edge in characters from the text block's right edge.
    pub issuer_lines: Vec<SignatureLine>,
    /// 2020年3月13日
    pub date: Option<String>,
    /// In （）.
    pub note: Option<String>,
    pub sealed: bool,
    /// Right edges in characters from the text block's right edge.
    pub issuer_right_em: f64,
    pub date_right_em: f64,
    /// The 版记's lines (抄送：…。, 印发机关, …印发).
    pub imprint: Vec<String>,
    /// Run-in headings and the stop the layout prints after each (empty unless the
    /// report's headings are run into their paragraphs).
    pub run_in: Vec<RunInStop>,
    /// Each 附件's title on the lines the layout model breaks it into (the DOCX's
    /// and the PDF's), by the 附件's id.
    pub attachments: Vec<AttachmentTitleLines>,
}

/// One line of the 署名 and where its right edge stands.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SignatureLine {
    pub text: String,
    pub right_em: f64,
}

/// An 附件 (by its id) and its title's lines as DOCX and PDF print them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachmentTitleLines {
    pub id: String,
    pub title_lines: Vec<String>,
}

/// A run-in heading (by its section's id) and what DOCX and PDF print after its text.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunInStop {
    pub section_id: String,
    /// "。", or "" when the heading ends in its own stop.
    pub stop: String,
}

/// The page view of `doc` for `profile`.
pub fn page_view_of(doc: &Document, profile: Profile) -> PageView {
    use fazhi_layout::Block;
    let mut v = PageView {
        title_lines: Vec::new(),
        addressee: None,
        attachment_note: Vec::new(),
        issuer: String::new(),
        issuer_lines: Vec::new(),
        date: None,
        note: None,
        sealed: false,
        issuer_right_em: 0.0,
        date_right_em: 0.0,
        imprint: Vec::new(),
        run_in: Vec::new(),
        attachments: Vec::new(),
    };
    for b in fazhi_layout::blocks(doc, profile) {
        match b {
            Block::Para { lead: Some(l), .. } => v.run_in.push(RunInStop {
                section_id: l.node_id.to_string(),
                stop: l.stop,
            }),
            Block::Title { lines } => v.title_lines = lines,
            Block::Addressee { text } => v.addressee = Some(text),
            Block::Attachment(a) => v.attachments.push(AttachmentTitleLines {
                id: a.node_id.to_string(),
                title_lines: a.title_lines,
            }),
            Block::AttachmentNote(n) => {
                v.attachment_note = n
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, (num, t))| format!("{}{num}{t}", if i == 0 { "附件：" } else { "" }))
                    .collect()
            }
            Block::Closing(c) => {
                v.issuer = c.issuer;
                v.issuer_lines = c
                    .issuer_lines
                    .into_iter()
                    .map(|(text, right_em)| SignatureLine { text, right_em })
                    .collect();
                v.date = c.date;
                v.note = c.note;
                v.sealed = c.sealed;
                v.issuer_right_em = c.place.issuer_right_em;
                v.date_right_em = c.place.date_right_em;
            }
            Block::Imprint {
                copy_to,
                printed_by,
                printed_on,
            } => {
                v.imprint = [copy_to, printed_by, printed_on]
                    .into_iter()
                    .flatten()
                    .collect()
            }
            _ => {}
        }
    }
    v
}

impl App {
    /// The editor page's view of the document being edited (unsaved edits included).
    pub fn page_view(&self, document: Document, profile: Profile) -> CmdResult<PageView> {
        Ok(page_view_of(&document, profile))
    }

    /// 打印预览 of a saved report (the UI saves pending edits first).
    pub fn preview_pdf(&self, id: String, profile: Profile) -> CmdResult<PdfPreview> {
        check_id(&id)?;
        // The library's 设置 → 字体 resolved now, as 导出 and 打印 do, so that a font removed
        // or a library restored since start is seen: the layout measures, and the
        // fazhi-font: scheme serves, the files the PDF would embed.
        let report = self.with_store(|s| {
            crate::fonts::apply(s);
            s.get_report(&id)
        })?;
        Ok(preview_of(&report.document, profile))
    }
}

#[cfg(test)]
mod tests;
