//! Helpers shared by the stage tests: metrics without fonts, filler text, and a filled-in
//! statutory report.

use fazhi_core::Document;

use super::metrics::SimpleMetrics;

pub(super) fn m() -> SimpleMetrics {
    SimpleMetrics::default()
}

/// `n` Han characters of filler (no punctuation, so nothing to squeeze).
pub(super) fn han(n: usize) -> String {
    "法治政府建设情况报告依法行政"
        .chars()
        .cycle()
        .take(n)
        .collect()
}

pub(super) fn sample_doc() -> Document {
    let (mut doc, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate("梅河口市人民政府", 2019, false);
    doc.date = Some("2020-03-13".into());
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("张堃".into());
    doc.addressee = Some("通化市人民政府：".into());
    doc.note = Some("此件公开发布".into());
    doc.preface[0].text = han(200);
    for p in &mut doc.parts {
        for s in &mut p.sections {
            s.paragraphs.push(fazhi_core::Paragraph::new(han(120)));
        }
        for para in &mut p.paragraphs {
            para.text = han(90);
        }
    }
    doc
}
