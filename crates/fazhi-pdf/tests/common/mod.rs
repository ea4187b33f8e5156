//! The sample report (梅河口市 2019, `assets/samples/meihekou-2019-web.txt`) as a document:
//! imported with `fazhi_import`, plus the filing metadata the web page lacks (a 发文字号,
//! a 签发人 whose name has a character the Fandol fonts lack, 主送机关, 附注).
//! `built_document` makes a similar one from the template without the importer.

#![allow(dead_code)]

use fazhi_core::model::{HeadingStyle, Paragraph, Section};
use fazhi_core::Document;

pub const SAMPLE: &str = include_str!("../../../../assets/samples/meihekou-2019-web.txt");

fn clean(s: &str) -> String {
    s.trim()
        .replace(',', "，")
        .replace(':', "：")
        .replace(';', "；")
        .replace('(', "（")
        .replace(')', "）")
}

const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn part_heading(line: &str) -> Option<String> {
    NUMS.iter()
        .find_map(|n| line.strip_prefix(&format!("{n}、")))
        .map(str::to_string)
}

fn section_start(line: &str) -> Option<(String, String)> {
    let rest = NUMS
        .iter()
        .find_map(|n| line.strip_prefix(&format!("（{n}）")))?;
    let (head, body) = rest.split_once('。')?;
    Some((head.to_string(), body.to_string()))
}

pub fn sample_document() -> Document {
    let imported = fazhi_import::import_bytes(
        "meihekou-2019-web.txt",
        SAMPLE.as_bytes(),
        &fazhi_import::ImportOptions::default(),
    )
    .expect("the sample imports");
    let mut doc = imported.document;
    // The web text's half-width punctuation is a defect the checks report and `fix`
    // corrects; the exported report is the corrected one.
    fn fix_section(s: &mut Section) {
        s.heading = clean(&s.heading);
        for p in &mut s.paragraphs {
            p.text = clean(&p.text);
        }
        for c in &mut s.sections {
            fix_section(c);
        }
    }
    for p in doc.preface.iter_mut().chain(doc.closing.iter_mut()) {
        p.text = clean(&p.text);
    }
    for part in &mut doc.parts {
        part.heading = clean(&part.heading);
        for p in &mut part.paragraphs {
            p.text = clean(&p.text);
        }
        for s in &mut part.sections {
            fix_section(s);
        }
    }
    add_filing_metadata(&mut doc);
    doc
}

fn add_filing_metadata(doc: &mut Document) {
    doc.date = Some("2020-03-13".into());
    doc.addressee = Some("通化市人民政府：".into());
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("张堃".into());
    doc.note = Some("此件公开发布".into());
}

pub fn built_document() -> Document {
    let (mut doc, _) = fazhi_core::template::latest("statutory")
        .expect("statutory template")
        .instantiate("梅河口市人民政府", 2019, false);
    doc.settings.heading_style = HeadingStyle::RunIn;
    add_filing_metadata(&mut doc);
    let lines: Vec<String> = SAMPLE
        .lines()
        .map(clean)
        .filter(|l| !l.is_empty() && !l.starts_with('['))
        .skip_while(|l| !l.starts_with("为贯彻落实"))
        .collect();
    doc.preface.clear();
    let mut part: Option<usize> = None;
    for p in &mut doc.parts {
        p.paragraphs.clear();
        p.sections.clear();
    }
    for line in lines {
        if let Some(h) = part_heading(&line) {
            let i = part.map_or(0, |i| i + 1);
            doc.parts[i].heading = h;
            part = Some(i);
            continue;
        }
        match part {
            None => doc.preface.push(Paragraph::new(line)),
            Some(i) => {
                if let Some((head, body)) = section_start(&line) {
                    let mut s = Section::new(head);
                    s.paragraphs.push(Paragraph::new(body));
                    doc.parts[i].sections.push(s);
                } else {
                    doc.parts[i].paragraphs.push(Paragraph::new(line));
                }
            }
        }
    }
    doc
}
