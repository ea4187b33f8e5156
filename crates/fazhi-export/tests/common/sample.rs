//! The sample report (梅河口市 2019) as a user would export it: the repo copy of
//! `assets/samples/meihekou-2019-web.txt` imported with `fazhi_import`, the safe
//! fixes of `fazhi_checks` applied (full-width punctuation and the like), and
//! the filing metadata a web page does not carry (主送机关, 发文字号, 签发人,
//! 成文日期, 附注) filled in. Ids are replaced by positional ones so snapshots are
//! stable. Used by the layout proof, the snapshots and the benchmark.

use fazhi_core::model::HeadingStyle;
use fazhi_core::{Document, Section};

const SAMPLE: &[u8] = include_bytes!("../../../../assets/samples/meihekou-2019-web.txt");

/// The sample report with the given heading style.
pub fn sample_document(style: HeadingStyle) -> Document {
    let imported = fazhi_import::import_bytes(
        "meihekou-2019-web.txt",
        SAMPLE,
        &fazhi_import::ImportOptions::default(),
    )
    .expect("the sample imports");
    let mut doc = imported.document;
    fazhi_checks::fix(&mut doc, &fazhi_checks::RuleConfig::default(), None);
    doc.addressee = Some("通化市人民政府".into());
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("王某某".into());
    doc.date = Some("2020-03-13".into());
    doc.note = Some("此件公开发布".into());
    // 版记 (filing only)
    doc.copy_to = Some("市委办公室，市人大常委会办公室，市政协办公室".into());
    doc.printed_by = Some("梅河口市人民政府办公室".into());
    doc.printed_on = Some("2020-03-13".into());
    doc.settings.heading_style = style;
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
