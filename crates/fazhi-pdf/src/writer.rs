//! Draws a [`Layout`] into a PDF: one text run per line and font, each glyph at the
//! position the typesetter chose (a run's even squeeze or spread as character spacing,
//! TJ offsets for the glyphs off that pitch).
//!
//! Every face is embedded as a subset of the glyphs the document uses (typst's
//! `subsetter`), as a CID font with Identity-H encoding (two-byte glyph ids), its widths
//! and a ToUnicode map so that the text can be searched and copied. CFF fonts (.otf, the
//! Fandol and Noto faces) go in as `CIDFontType0C`, TrueType fonts (an office's licensed
//! .ttf) as `CIDFontType2`. Content streams and font programs are deflated (the
//! programs at a faster level: they are most of the bytes and of the deflate time).

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use fazhi_core::Document;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use crate::fonts::{FontMetrics, LoadedFont};
use crate::typeset::{redline, FontRole, Glyph, Layout, Line, Rule, Turned};
use crate::PdfError;

const MM_PER_PT: f32 = 25.4 / 72.0;

/// The standard's print red (`fazhi_layout::geometry::RED_RGB`) as PDF colour values.
const RED: (f32, f32, f32) = (
    fazhi_layout::geometry::RED_RGB.0 as f32 / 255.0,
    fazhi_layout::geometry::RED_RGB.1 as f32 / 255.0,
    fazhi_layout::geometry::RED_RGB.2 as f32 / 255.0,
);

fn pt(mm: f32) -> f32 {
    mm / MM_PER_PT
}

/// Level 3: within 1 % of level 6's size on the sample's fonts, at about half the time
/// (deflating was a seventh of a whole `fazhi export` process at level 6).
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 3)
}

/// Deflate for font programs, the bulk of the file: at level 1 it costs ≈ 8 ms less CPU
/// per export of the sample than level 3 (a fifth of the whole process) for ≈ 3.5 KB more
/// on ≈ 288 KB — CFF charstrings are compact already and gain little from a deeper search.
fn deflate_program(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 1)
}

/// One face as used by the document: its glyphs renumbered for the subset, and which
/// character each stands for (for the ToUnicode map).
struct UsedFont<'a> {
    font: &'a LoadedFont,
    face: ttf_parser::Face<'a>,
    remapper: GlyphRemapper,
    /// New glyph id → character.
    chars: BTreeMap<u16, char>,
    /// New glyph id → advance in thousandths of an em.
    widths: BTreeMap<u16, f32>,
    name: String,
}

impl<'a> UsedFont<'a> {
    fn new(metrics: &FontMetrics<'a>, role: FontRole) -> Result<Self, PdfError> {
        let font: &'a LoadedFont = metrics.fonts().get(role);
        let face = metrics
            .face(role)
            .cloned()
            .ok_or_else(|| PdfError::FontInvalid {
                role: font.role.label(),
                path: font.file.path.clone(),
                reason: "无法解析字体".to_string(),
            })?;
        Ok(UsedFont {
            name: format!("F{}", font.role as u8),
            font,
            face,
            remapper: GlyphRemapper::new(),
            chars: BTreeMap::new(),
            widths: BTreeMap::new(),
        })
    }

    /// The subset's glyph id for `ch` (0, .notdef, when the face has none: the
    /// typesetter only lets that happen when no configured font has the character).
    fn glyph(&mut self, ch: char) -> u16 {
        let Some(gid) = self.face.glyph_index(ch) else {
            return 0;
        };
        let new = self.remapper.remap(gid.0);
        if let std::collections::btree_map::Entry::Vacant(e) = self.widths.entry(new) {
            let upem = f32::from(self.face.units_per_em());
            let adv = self.face.glyph_hor_advance(gid).unwrap_or(0);
            e.insert(f32::from(adv) * 1000.0 / upem);
            self.chars.insert(new, ch);
        }
        new
    }

    fn postscript_name(&self) -> String {
        let name = self
            .face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| format!("Font{}", self.font.role as u8));
        name.chars()
            .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
            .collect()
    }

    /// Six capital letters naming the subset (PDF 9.6.4), from the glyphs it holds.
    fn subset_tag(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for g in self.remapper.remapped_gids() {
            h ^= u64::from(g);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        (0..6)
            .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
            .collect()
    }
}

/// What the content stream has already set, so a line repeats neither font nor spacing.
#[derive(Default)]
struct TextState {
    font: Option<(FontRole, f32)>,
    char_spacing_pt: f32,
}

/// Shows a run of glyphs of one font and size: a character spacing (Tc) carrying the
/// run's even squeeze or spread (a full line of the 28-character grid is 0.2 pt a
/// character tighter than 三号), then glyph ids with adjustments (thousandths of an em,
/// positive moving left) only where the typesetter moved a glyph off that even pitch.
///
/// The pitch is the median gap, so one hung or squeezed mark does not put every other
/// glyph off it. The pen advances as a viewer's does, by the width the PDF declares
/// (`W`, or the default 1000 for .notdef). Adjustments are rounded to a tenth of a
/// thousandth of an em (0.0006 mm at 三号) and measured from where the viewer's pen
/// really is, so rounding never accumulates along a line. Per-glyph full-precision
/// offsets made the page streams three times larger.
fn show_run(
    content: &mut Content,
    state: &mut TextState,
    font: &mut UsedFont,
    glyphs: &[Glyph],
    size_pt: f32,
) {
    let em_mm = size_pt * MM_PER_PT;
    let Some(first) = glyphs.first() else {
        return;
    };
    let ids: Vec<u16> = glyphs.iter().map(|g| font.glyph(g.ch)).collect();
    let widths_mm: Vec<f32> = ids
        .iter()
        .map(|id| font.widths.get(id).copied().unwrap_or(1000.0) / 1000.0 * em_mm)
        .collect();
    let mut gaps: Vec<f32> = glyphs
        .windows(2)
        .zip(&widths_mm)
        .map(|(pair, width)| pair[1].x_mm - pair[0].x_mm - width)
        .collect();
    // A single glyph has no pitch: keep whatever spacing is set rather than reset it.
    let spacing_pt = if gaps.is_empty() {
        state.char_spacing_pt
    } else {
        gaps.sort_by(f32::total_cmp);
        (gaps[gaps.len() / 2] / MM_PER_PT * 1000.0).round() / 1000.0
    };
    if spacing_pt != state.char_spacing_pt {
        content.set_char_spacing(spacing_pt);
        state.char_spacing_pt = spacing_pt;
    }
    let spacing_mm = spacing_pt * MM_PER_PT;

    let mut shown = content.show_positioned();
    let mut items = shown.items();
    let mut run: Vec<u8> = Vec::new();
    let mut pen_mm = first.x_mm;
    for ((g, id), width_mm) in glyphs.iter().zip(&ids).zip(&widths_mm) {
        let offset = ((pen_mm - g.x_mm) / em_mm * 10_000.0).round() / 10.0;
        if offset != 0.0 {
            if !run.is_empty() {
                items.show(Str(&run));
                run.clear();
            }
            items.adjust(offset);
            pen_mm -= offset / 1000.0 * em_mm;
        }
        run.extend(id.to_be_bytes());
        pen_mm += width_mm + spacing_mm;
    }
    if !run.is_empty() {
        items.show(Str(&run));
    }
}

/// Strokes `rules` (horizontal or vertical) on a page `height_mm` high.
fn draw_rules(content: &mut Content, rules: &[Rule], height_mm: f32) {
    for rule in rules {
        let (r, g, b) = if rule.red { RED } else { (0.0, 0.0, 0.0) };
        content
            .set_stroke_rgb(r, g, b)
            .set_line_width(pt(rule.width_mm))
            .move_to(pt(rule.x0_mm), pt(height_mm - rule.y_mm))
            .line_to(pt(rule.x1_mm), pt(height_mm - rule.y1_mm))
            .stroke();
    }
}

/// Shows `lines` on a page (or turned frame) `height_mm` high, marked glyphs (a
/// 花脸稿's, `marks`) in their colours and every other glyph black or red as its line
/// is, then strokes the marks' underlines and strike-throughs.
fn draw_lines(
    content: &mut Content,
    lines: &[Line],
    marks: &[redline::SpanMark],
    used: &mut BTreeMap<FontRole, UsedFont>,
    height_mm: f32,
) {
    content.begin_text();
    let mut state = TextState::default();
    let mut fill = (0.0, 0.0, 0.0);
    content.set_fill_rgb(fill.0, fill.1, fill.2);
    for (li, line) in lines.iter().enumerate() {
        let y = pt(height_mm - line.y_mm);
        let base = if line.red { RED } else { (0.0, 0.0, 0.0) };
        // [tracking #17] a 花脸稿's marked glyphs in their colours (else all `base`).
        let colours = redline::glyph_colours(marks, li, line.glyphs.len(), base);
        let mut start = 0;
        while start < line.glyphs.len() {
            let role = line.glyphs[start].font;
            let mut end = start + 1;
            while end < line.glyphs.len()
                && line.glyphs[end].font == role
                && colours[end] == colours[start]
            {
                end += 1;
            }
            if colours[start] != fill {
                fill = colours[start];
                content.set_fill_rgb(fill.0, fill.1, fill.2);
            }
            let run = &line.glyphs[start..end];
            if let Some(font) = used.get_mut(&role) {
                if state.font != Some((role, line.size_pt)) {
                    content.set_font(Name(font.name.as_bytes()), line.size_pt);
                    state.font = Some((role, line.size_pt));
                }
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, pt(run[0].x_mm), y]);
                show_run(content, &mut state, font, run, line.size_pt);
            }
            start = end;
        }
    }
    content.end_text();
    // [tracking #17] a 花脸稿's underlines (inserted) and strike-throughs (deleted).
    for m in redline::mark_strokes(lines, marks) {
        let y = pt(height_mm - m.y_mm);
        content
            .set_stroke_rgb(m.rgb.0, m.rgb.1, m.rgb.2)
            .set_line_width(pt(m.width_mm))
            .move_to(pt(m.x0_mm), y)
            .line_to(pt(m.x1_mm), y)
            .stroke();
    }
}

/// [tables #21] A landscape page's table, set in the turned frame (the sheet turned a
/// quarter, its top the binding edge): drawn as on a page `sheet_width_mm` high and
/// 297 mm wide, turned back by the matrix that takes frame (x, y) to sheet
/// (width − y, x) — text reads upwards, its top towards the left (binding) edge. A
/// 花脸稿's marks in the frame are drawn in it, as on a portrait page.
fn draw_turned(
    content: &mut Content,
    t: &Turned,
    used: &mut BTreeMap<FontRole, UsedFont>,
    sheet_width_mm: f32,
) {
    content.save_state();
    content.transform([0.0, 1.0, -1.0, 0.0, pt(sheet_width_mm), 0.0]);
    draw_rules(content, &t.rules, sheet_width_mm);
    draw_lines(content, &t.lines, &t.marks, used, sheet_width_mm);
    content.restore_state();
}

/// A face's embedded program, made ready off the main thread.
struct Program {
    /// Deflated `CFF ` table (CFF outlines) or whole subset font (TrueType outlines).
    data: Vec<u8>,
    is_cff: bool,
    /// Uncompressed length (TrueType's /Length1).
    len: usize,
}

/// Subsets and compresses one face (the slow part of an export: a few tens of ms for
/// the body font's ~700 glyphs, so the faces are done in parallel).
fn program(font: &UsedFont) -> Result<Program, PdfError> {
    let f = font.font;
    let subset = subsetter::subset(f.bytes(), f.file.index, &font.remapper).map_err(|e| {
        PdfError::FontInvalid {
            role: f.role.label(),
            path: f.file.path.clone(),
            reason: format!("无法提取字形子集（{e}）"),
        }
    })?;
    // A CFF font program is embedded as its bare `CFF ` table; TrueType as the whole subset.
    let cff = ttf_parser::RawFace::parse(&subset, 0)
        .ok()
        .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")));
    Ok(match cff {
        Some(table) => Program {
            data: deflate_program(table),
            is_cff: true,
            len: table.len(),
        },
        None => Program {
            data: deflate_program(&subset),
            is_cff: false,
            len: subset.len(),
        },
    })
}

/// Embeds one subset face; returns the reference of its Type0 font dictionary.
fn write_font(pdf: &mut Pdf, next: &mut Ref, font: &UsedFont, program: &Program) -> Ref {
    let mut alloc = || {
        let r = *next;
        *next = Ref::new(next.get() + 1);
        r
    };
    let (type0, cid, descriptor, cmap, file) = (alloc(), alloc(), alloc(), alloc(), alloc());
    let f = font.font;
    let base = format!("{}+{}", font.subset_tag(), font.postscript_name());
    let base = Name(base.as_bytes());
    let is_cff = program.is_cff;

    pdf.type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);

    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(if is_cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(base)
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor)
        .default_width(1000.0);
    if !is_cff {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    {
        let mut w = cid_font.widths();
        // Glyph 0 and every glyph whose advance is not the default 1000.
        for (&gid, &width) in &font.widths {
            if (width - 1000.0).abs() > 0.01 {
                w.consecutive(gid, [width]);
            }
        }
    }
    cid_font.finish();

    let face = &font.face;
    let s = 1000.0 / f32::from(face.units_per_em());
    let bb = face.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    if matches!(
        f.role,
        FontRole::Fang | FontRole::Kai | FontRole::Song | FontRole::Title
    ) {
        flags |= FontFlags::SERIF;
    }
    let mut d = pdf.font_descriptor(descriptor);
    d.name(base)
        .flags(flags)
        .bbox(Rect::new(
            f32::from(bb.x_min) * s,
            f32::from(bb.y_min) * s,
            f32::from(bb.x_max) * s,
            f32::from(bb.y_max) * s,
        ))
        .italic_angle(face.italic_angle())
        .ascent(f32::from(face.ascender()) * s)
        .descent(f32::from(face.descender()) * s)
        .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * s)
        .stem_v(if f.role == FontRole::Title || f.role == FontRole::Hei {
            120.0
        } else {
            80.0
        });
    if is_cff {
        d.font_file3(file);
    } else {
        d.font_file2(file);
    }
    d.finish();

    let mut map = UnicodeCmap::new(
        Name(b"Adobe-Identity-UCS"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (&gid, &ch) in &font.chars {
        map.pair(gid, ch);
    }
    let map = deflate(&map.finish());
    pdf.cmap(cmap, &map).filter(Filter::FlateDecode);

    let mut stream = pdf.stream(file, &program.data);
    stream.filter(Filter::FlateDecode);
    if is_cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        stream.pair(Name(b"Length1"), program.len as i32);
    }
    stream.finish();
    type0
}

/// The current time as a PDF date (UTC).
fn now() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year)
        .month(month)
        .day(day)
        .hour((rem / 3600) as u8)
        .minute((rem % 3600 / 60) as u8)
        .second((rem % 60) as u8)
        .utc_offset_hour(0)
}

pub fn write<'a>(
    doc: &Document,
    layout: &Layout,
    metrics: &FontMetrics<'a>,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let page_tree = Ref::new(2);
    let info = Ref::new(3);
    let mut next = Ref::new(4);
    let alloc = |next: &mut Ref| {
        let r = *next;
        *next = Ref::new(next.get() + 1);
        r
    };

    // Only the faces the layout uses are embedded, in role order.
    let mut used: BTreeMap<FontRole, UsedFont> = BTreeMap::new();
    for g in layout
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().chain(p.turned.iter().flat_map(|t| &t.lines)))
        .flat_map(|l| l.glyphs.iter())
    {
        if let std::collections::btree_map::Entry::Vacant(e) = used.entry(g.font) {
            e.insert(UsedFont::new(metrics, g.font)?);
        }
    }

    let mut page_ids = Vec::with_capacity(layout.pages.len());
    let mut contents = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut content = Content::new();
        draw_rules(&mut content, &page.rules, layout.page_height_mm);
        draw_lines(
            &mut content,
            &page.lines,
            &page.marks,
            &mut used,
            layout.page_height_mm,
        );
        if let Some(t) = &page.turned {
            draw_turned(&mut content, t, &mut used, layout.page_width_mm);
        }
        page_ids.push(alloc(&mut next));
        contents.push(content.finish());
    }

    // Subsetting and compression in parallel: the body font on its own thread, the
    // others and the page contents on the rest.
    let (programs, contents) = std::thread::scope(|s| {
        let handles: Vec<_> = used
            .values()
            .map(|font| s.spawn(move || program(font)))
            .collect();
        let contents: Vec<Vec<u8>> = contents.iter().map(|c| deflate(c)).collect();
        let programs: Vec<Result<Program, PdfError>> = handles
            .into_iter()
            .zip(used.values())
            .map(|(h, font)| {
                h.join().unwrap_or_else(|_| {
                    Err(PdfError::FontInvalid {
                        role: font.font.role.label(),
                        path: font.font.file.path.clone(),
                        reason: "提取字形子集时出错".to_string(),
                    })
                })
            })
            .collect();
        (programs, contents)
    });
    let mut font_refs = Vec::with_capacity(used.len());
    for (font, program) in used.values().zip(programs) {
        let r = write_font(&mut pdf, &mut next, font, &program?);
        font_refs.push((font.name.clone(), r));
    }

    let (w, h) = (pt(layout.page_width_mm), pt(layout.page_height_mm));
    for (id, data) in page_ids.iter().zip(&contents) {
        let content_id = alloc(&mut next);
        pdf.stream(content_id, data).filter(Filter::FlateDecode);
        let mut page = pdf.page(*id);
        page.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(page_tree)
            .contents(content_id);
        let mut res = page.resources();
        let mut fonts = res.fonts();
        for (name, r) in &font_refs {
            fonts.pair(Name(name.as_bytes()), *r);
        }
    }
    pdf.pages(page_tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.catalog(catalog).pages(page_tree);

    let title = doc.title();
    let subject = format!("{}年法治政府建设情况的报告", doc.year);
    let date = now();
    let mut meta = pdf.document_info(info);
    meta.title(TextStr(&title))
        .creator(TextStr("法治报告编写器"))
        .producer(TextStr("法治报告编写器 (fazhi-pdf)"))
        .subject(TextStr(&subject))
        .creation_date(date)
        .modified_date(date);
    if !doc.issuer.trim().is_empty() {
        meta.author(TextStr(doc.issuer.trim()));
    }
    meta.finish();
    Ok(pdf.finish())
}
