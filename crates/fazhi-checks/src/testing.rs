//! A plain-text report turned into a [`Document`] the simple way (one line, one
//! paragraph; 一、 starts a part, （一） a run-in section). For tests and the
//! benchmark only: the real importer is `fazhi-import`.

use fazhi_core::{template, Document, Paragraph, Part, Section};

fn part_marker(line: &str) -> Option<&str> {
    let (num, rest) = line.split_once('、')?;
    (!num.is_empty() && num.chars().all(|c| "一二三四五六七八九十".contains(c))).then_some(rest)
}

fn section_marker(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(['(', '（'])?;
    let (num, rest) = rest.split_once([')', '）'])?;
    (!num.is_empty() && num.chars().all(|c| "一二三四五六七八九十".contains(c))).then_some(rest)
}

/// Builds a statutory four-part document from the body lines of `text`:
/// lines before the first long line (page chrome) and from `[ 纠错 ]` on are
/// dropped.
pub fn document_from_text(text: &str, issuer: &str, year: i32) -> Document {
    let (mut doc, _) = template::latest(template::DEFAULT_TEMPLATE)
        .map(|t| t.instantiate(issuer, year, false))
        .unwrap_or_else(|e| panic!("statutory template: {e}"));
    let roles: Vec<_> = doc.parts.iter().map(|p| p.role).collect();
    doc.preface.clear();
    doc.parts.clear();
    doc.settings.heading_style = fazhi_core::model::HeadingStyle::RunIn;
    let mut started = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("[ 纠错") {
            break;
        }
        if !started && line.chars().count() < 30 {
            continue;
        }
        started = true;
        if line.is_empty() {
            continue;
        }
        if let Some(h) = part_marker(line) {
            let role = roles
                .get(doc.parts.len())
                .copied()
                .unwrap_or(fazhi_core::Role::Other);
            doc.parts.push(Part {
                id: fazhi_core::ids::new_id(),
                role,
                // As the importer does (#20): a statutory part heading takes
                // full-width punctuation (职责,加强 → 职责，加强).
                heading: h.replace(',', "，"),
                paragraphs: Vec::new(),
                sections: Vec::new(),
            });
            continue;
        }
        let Some(part) = doc.parts.last_mut() else {
            doc.preface.push(Paragraph::new(line));
            continue;
        };
        if let Some(rest) = section_marker(line) {
            let (heading, body) = match rest.split_once('。') {
                Some((h, b)) => (h, b),
                None => (rest, ""),
            };
            let mut s = Section::new(heading);
            if !body.is_empty() {
                s.paragraphs.push(Paragraph::new(body));
            }
            part.sections.push(s);
            continue;
        }
        match part.sections.last_mut() {
            Some(s) => s.paragraphs.push(Paragraph::new(line)),
            None => part.paragraphs.push(Paragraph::new(line)),
        }
    }
    doc
}
