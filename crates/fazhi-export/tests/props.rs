//! Properties over arbitrary text: whatever a user types, the DOCX opens and
//! holds it, the HTML parses cleanly and holds it, and a comment anchors to
//! exactly the characters it names.

use fazhi_core::model::HeadingStyle;
use fazhi_core::{template, Document, Paragraph};
use fazhi_export::{docx, html, DocxOptions, ExportComment, Profile};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Chinese, ASCII, XML specials, quotes, control characters, astral plane
    proptest::collection::vec(
        prop_oneof![
            "[\u{4e00}-\u{4e80}，。、；：“”《》（）]{1,8}",
            "[a-zA-Z0-9 .]{1,5}",
            Just("<&>\"'".to_string()),
            Just("\u{1}\u{b}\u{7f}".to_string()),
            Just("𠀀🙂".to_string()),
        ],
        1..8,
    )
    .prop_map(|v| v.concat())
}

fn doc_with(texts: &[String], style: HeadingStyle) -> Document {
    let (mut d, _) = template::latest("statutory")
        .expect("template")
        .instantiate("某县人民政府", 2019, false);
    d.settings.heading_style = style;
    d.preface = vec![Paragraph::new("现将有关情况报告如下：")];
    d.parts[0].sections[0].paragraphs = texts.iter().map(|t| Paragraph::new(t.clone())).collect();
    d
}

fn visible(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect::<String>()
}

fn paragraph_texts(bytes: &[u8]) -> Vec<String> {
    let read = docx_rs::read_docx(bytes).expect("docx-rs reads the export");
    read.document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_text_survives_docx_and_html(texts in proptest::collection::vec(text(), 1..4), run_in in any::<bool>()) {
        let style = if run_in { HeadingStyle::RunIn } else { HeadingStyle::Separate };
        let d = doc_with(&texts, style);
        let bytes = docx(&d, &DocxOptions::default()).expect("export");
        let paras = paragraph_texts(&bytes);
        let mut at = 0;
        for t in texts.iter().filter(|t| !t.trim().is_empty()) {
            let want = visible(t);
            let pos = paras[at..].iter().position(|p| p.ends_with(&want));
            prop_assert!(pos.is_some(), "missing {want:?} in {paras:?}");
            at += pos.unwrap_or(0) + 1;
        }
        let page = html(&d, Profile::Publication);
        let parsed = scraper::Html::parse_document(&page);
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let body: String = parsed.root_element().text().collect();
        for t in texts.iter().filter(|t| !t.trim().is_empty()) {
            let want: String = t.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
            prop_assert!(body.contains(&want), "html misses {want:?}");
        }
    }

    #[test]
    fn a_comment_anchors_exactly_its_range(t in "[\u{4e00}-\u{4e80}a-z0-9，。]{1,40}", a in 0usize..50, b in 0usize..50, run_in in any::<bool>()) {
        let style = if run_in { HeadingStyle::RunIn } else { HeadingStyle::Separate };
        let d = doc_with(std::slice::from_ref(&t), style);
        let id = d.parts[0].sections[0].paragraphs[0].id.clone();
        let (start, end) = (a.min(b), a.max(b));
        let c = ExportComment {
            node_id: id,
            start,
            end,
            author: "审核人".into(),
            date: "2020-03-01".into(),
            text: "意见".into(),
            replies: vec![],
        };
        let bytes = docx(&d, &DocxOptions { profile: Profile::Filing, comments: vec![c] }).expect("export");
        let read = docx_rs::read_docx(&bytes).expect("read");
        prop_assert_eq!(read.comments.inner().len(), 1);
        // the text between the range marks
        let mut inside = String::new();
        let mut open = false;
        for child in &read.document.children {
            if let docx_rs::DocumentChild::Paragraph(p) = child {
                for pc in &p.children {
                    match pc {
                        docx_rs::ParagraphChild::CommentStart(_) => open = true,
                        docx_rs::ParagraphChild::CommentEnd(_) => open = false,
                        docx_rs::ParagraphChild::Run(r) if open => {
                            for rc in &r.children {
                                if let docx_rs::RunChild::Text(x) = rc {
                                    inside.push_str(&x.text);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        let n = t.chars().count();
        let want: String = t.chars().skip(start.min(n)).take(end.min(n) - start.min(n)).collect();
        prop_assert_eq!(inside, want);
    }
}
