//! The HTML page: parses without a single html5ever error, holds every
//! paragraph and heading, and nothing internal.

mod common;

use common::sample::sample_document;
use fazhi_core::model::HeadingStyle;
use fazhi_core::numbering::prefix;
use fazhi_export::{html, Profile};
use scraper::{Html, Selector};

fn texts(page: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).expect("selector");
    page.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn sample_html_validates_and_holds_every_paragraph() {
    for style in [HeadingStyle::Separate, HeadingStyle::RunIn] {
        for profile in [Profile::Publication, Profile::Filing] {
            let doc = sample_document(style);
            let out = html(&doc, profile);
            let page = Html::parse_document(&out);
            assert!(
                page.errors.is_empty(),
                "{style:?}/{profile:?}: html5ever reports {:?}",
                page.errors
            );
            assert!(out.starts_with("<!DOCTYPE html>"));
            assert!(out.contains("<meta charset=\"utf-8\">"));
            assert_eq!(texts(&page, "h1").concat(), doc.title());
            assert_eq!(texts(&page, "title"), [doc.title()]);

            let ps = texts(&page, "p");
            let mut at = 0;
            for (p, _) in doc.paragraphs() {
                let pos = ps[at..]
                    .iter()
                    .position(|t| t.ends_with(p.text.as_str()))
                    .unwrap_or_else(|| panic!("paragraph missing or out of order: {}", p.text));
                at += pos + 1;
            }
            // headings: parts as h2, sections as h3 (or run in, in the paragraph)
            let h2 = texts(&page, "h2");
            assert_eq!(h2.len(), doc.parts.len());
            for (i, part) in doc.parts.iter().enumerate() {
                assert_eq!(h2[i], format!("{}{}", prefix(1, i), part.heading));
            }
            let first = &doc.parts[0].sections[0].heading;
            match style {
                HeadingStyle::Separate => {
                    assert_eq!(texts(&page, "h3")[0], format!("（一）{first}"))
                }
                HeadingStyle::RunIn => {
                    assert!(texts(&page, "h3").is_empty());
                    assert!(ps
                        .iter()
                        .any(|p| p.starts_with(&format!("（一）{first}。全面推行"))));
                }
            }
            assert!(ps.iter().any(|p| p == "梅河口市人民政府"));
            assert!(ps.iter().any(|p| p == "2020年3月13日"));
            // The 附注 is the filing copy's only.
            let note = ps.iter().any(|p| p == "（此件公开发布）");
            assert_eq!(note, profile == Profile::Filing);
        }
    }
}

#[test]
fn no_scripts_comments_or_internal_metadata() {
    let doc = sample_document(HeadingStyle::RunIn);
    let out = html(&doc, Profile::Publication);
    let lower = out.to_lowercase();
    for banned in [
        "<script",
        "<!--",
        "javascript:",
        " id=",
        "data-",
        "onload",
        "<link",
        "<img",
    ] {
        assert!(!lower.contains(banned), "HTML contains {banned}");
    }
    // no node ids, no filing metadata
    assert!(!out.contains("part0"));
    for internal in ["梅政发〔2020〕1号", "签发人", "王某某", "此件公开发布"] {
        assert!(!out.contains(internal), "公开版 must not show {internal}");
    }
    // 公开版 keeps the addressee ([official]: title, 主送, body, signature, date).
    assert!(out.contains("通化市人民政府："));
    // the filing profile shows them
    let filing = html(&doc, Profile::Filing);
    for shown in ["梅政发〔2020〕1号", "签发人", "王某某", "通化市人民政府："] {
        assert!(filing.contains(shown), "报送版 must show {shown}");
    }
    // one small inline stylesheet, print-friendly
    let style_start = out.find("<style>").expect("inline style");
    let style_end = out.find("</style>").expect("style end");
    assert!(style_end - style_start < 2048, "stylesheet stays small");
    assert!(out[style_start..style_end].contains("@media print"));
    assert_eq!(out.matches("<style>").count(), 1);
}

#[test]
fn markup_in_the_text_cannot_break_the_page() {
    let mut doc = sample_document(HeadingStyle::Separate);
    doc.parts[1].paragraphs[0].text = "关于<script>alert(1)</script>&“测试”</p><p>".into();
    let out = html(&doc, Profile::Publication);
    assert!(!out.contains("<script>"));
    let page = Html::parse_document(&out);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    assert!(texts(&page, "p")
        .iter()
        .any(|p| p == "关于<script>alert(1)</script>&“测试”</p><p>"));
}

#[test]
fn the_web_page_has_no_imprint() {
    // 版记 (抄送, 印发) is internal distribution data, in no HTML profile.
    let doc = sample_document(HeadingStyle::RunIn);
    assert!(doc.copy_to.is_some() && doc.printed_by.is_some());
    for profile in [Profile::Filing, Profile::Publication] {
        let page = html(&doc, profile);
        assert!(
            !page.contains("抄送") && !page.contains("日印发"),
            "{profile:?}"
        );
    }
}

#[test]
fn a_joint_document_marks_and_signs_as_the_layout_model_says() {
    // Two issuers: the mark's names stacked with 文件 once beside them (the filing
    // copy), the 署名 one issuer a line (both profiles) — as the PDF and DOCX print them.
    let mut doc = sample_document(HeadingStyle::RunIn);
    doc.issuer_mark = Some("中共梅河口市委员会 梅河口市人民政府 文件".into());
    doc.signature = Some("中共梅河口市委员会 梅河口市人民政府".into());
    let filing = html(&doc, Profile::Filing);
    assert!(
        filing.contains(
            "<div class=\"m j\"><span>中共梅河口市委员会<br>梅河口市人民政府</span><span>文件</span></div>"
        ),
        "{}",
        &filing[filing.find("class=\"m").unwrap_or(0)..][..200.min(filing.len())]
    );
    for profile in [Profile::Filing, Profile::Publication] {
        let page = html(&doc, profile);
        let a = page
            .find(">中共梅河口市委员会</p>")
            .expect("first issuer on its own line");
        let b = page
            .find(">梅河口市人民政府</p>")
            .expect("second issuer on its own line");
        assert!(a < b, "{profile:?}");
    }
}
