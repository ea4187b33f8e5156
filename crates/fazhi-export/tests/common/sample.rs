//! The sample report (梅河口市 2019) as a document, for the layout proofs, the
//! snapshots and the benchmark.
//!
//! Built from the statutory template filled with the paragraphs of
//! `assets/samples/meihekou-2019-web.txt` (the repo copy): the page chrome is
//! dropped, half-width punctuation made full-width (as an importer does), run-in
//! headings split into heading and text. Ids are fixed so snapshots are stable.

use fazhi_core::model::HeadingStyle;
use fazhi_core::{template, Document, Paragraph, Section};

const SAMPLE: &str = include_str!("../../../../assets/samples/meihekou-2019-web.txt");

fn full_width(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
        let digit_after = chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        out.push(match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            '?' => '？',
            '!' => '！',
            // keep decimals (20.2) as they are
            '.' if digit_before && digit_after => '.',
            '<' => '〈',
            '>' => '〉',
            c => c,
        });
    }
    out
}

fn is_part_heading(l: &str) -> bool {
    ["一、", "二、", "三、", "四、", "五、"]
        .iter()
        .any(|p| l.starts_with(p))
}

/// Splits "（一）依法全面履行政府职能。全面推行…" into heading and text.
fn split_run_in(l: &str) -> Option<(String, String)> {
    let rest = l.strip_prefix('（')?;
    let close = rest.find('）')?;
    let after = &rest[close + '）'.len_utf8()..];
    let stop = after.find('。')?;
    let heading = after[..stop].to_string();
    let text = after[stop + '。'.len_utf8()..].to_string();
    Some((heading, text))
}

/// The sample report with the given heading style.
pub fn sample_document(style: HeadingStyle) -> Document {
    let lines: Vec<String> = SAMPLE
        .lines()
        .map(|l| full_width(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("为贯彻落实"))
        .expect("sample has its preface");
    let end = lines
        .iter()
        .position(|l| l.contains("纠错"))
        .unwrap_or(lines.len());
    let body = &lines[start..end];

    let (mut doc, _) = template::latest("statutory")
        .expect("statutory template")
        .instantiate("梅河口市人民政府", 2019, false);
    doc.addressee = Some("通化市人民政府".into());
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("王某某".into());
    doc.date = Some("2020-03-13".into());
    doc.note = Some("此件公开发布".into());
    doc.settings.heading_style = style;
    doc.preface.clear();
    for p in &mut doc.parts {
        p.paragraphs.clear();
        p.sections.clear();
    }

    let mut part: Option<usize> = None;
    for l in body {
        if is_part_heading(l) {
            part = Some(part.map_or(0, |p| p + 1));
            continue;
        }
        match part {
            None => doc.preface.push(Paragraph::new(l.clone())),
            Some(i) => {
                let p = &mut doc.parts[i];
                match split_run_in(l) {
                    Some((h, t)) => {
                        let mut s = Section::new(h);
                        s.paragraphs.push(Paragraph::new(t));
                        p.sections.push(s);
                    }
                    None => p.paragraphs.push(Paragraph::new(l.clone())),
                }
            }
        }
    }
    fix_ids(&mut doc);
    doc
}

fn fix_ids(doc: &mut Document) {
    fn walk(s: &mut Section, path: &str) {
        s.id = path.to_string();
        for (i, p) in s.paragraphs.iter_mut().enumerate() {
            p.id = format!("{path}-p{i}");
        }
        for (i, c) in s.sections.iter_mut().enumerate() {
            walk(c, &format!("{path}-s{i}"));
        }
    }
    for (i, p) in doc.preface.iter_mut().enumerate() {
        p.id = format!("preface-p{i}");
    }
    for (i, part) in doc.parts.iter_mut().enumerate() {
        let path = format!("part{i}");
        part.id = path.clone();
        for (j, p) in part.paragraphs.iter_mut().enumerate() {
            p.id = format!("{path}-p{j}");
        }
        for (j, s) in part.sections.iter_mut().enumerate() {
            walk(s, &format!("{path}-s{j}"));
        }
    }
    for (i, p) in doc.closing.iter_mut().enumerate() {
        p.id = format!("closing-p{i}");
    }
}
