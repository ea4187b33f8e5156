//! The "Required on the sample" block of issue 4, on the committed copy of the
//! 梅河口市 2019 web text.

use fazhi_core::numbering::prefix;
use fazhi_core::{Document, Role, Section};
use fazhi_import::{import_bytes, import_file, ImportFormat, ImportOptions, ValueSource};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/samples/meihekou-2019-web.txt"
);

fn sample() -> fazhi_import::ImportResult {
    import_file(std::path::Path::new(SAMPLE), &ImportOptions::default())
        .expect("the sample imports")
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The document as it reads, with the numbers derived from position.
fn rendered(doc: &Document) -> String {
    fn section(s: &Section, level: usize, i: usize, out: &mut Vec<String>) {
        out.push(format!("{}{}", prefix(level, i), s.heading));
        out.extend(s.paragraphs.iter().map(|p| p.text.clone()));
        for (j, c) in s.sections.iter().enumerate() {
            section(c, level + 1, j, out);
        }
    }
    let mut out: Vec<String> = doc.preface.iter().map(|p| p.text.clone()).collect();
    for (i, part) in doc.parts.iter().enumerate() {
        out.push(format!("{}{}", prefix(1, i), part.heading));
        out.extend(part.paragraphs.iter().map(|p| p.text.clone()));
        for (j, s) in part.sections.iter().enumerate() {
            section(s, 2, j, &mut out);
        }
    }
    out.extend(doc.closing.iter().map(|p| p.text.clone()));
    out.join("\n")
}

#[test]
fn year_issuer_and_format() {
    let r = sample();
    assert_eq!(r.format, ImportFormat::Text);
    assert_eq!(r.encoding, "UTF-8");
    assert_eq!(r.year, 2019);
    assert_eq!(r.year_source, ValueSource::Inferred);
    assert_eq!(r.document.year, 2019);
    assert_eq!(r.issuer, "梅河口市人民政府");
    assert_eq!(r.issuer_source, ValueSource::Inferred);
    assert_eq!(
        r.document.title(),
        "梅河口市人民政府关于2019年法治政府建设情况的报告"
    );
}

#[test]
fn preface_and_four_parts_in_statutory_order() {
    let d = sample().document;
    assert_eq!(d.template.id, "statutory");
    assert_eq!(d.preface.len(), 2, "{:?}", d.preface);
    assert!(d.preface[0].text.starts_with("为贯彻落实"));
    assert!(d.preface[0].text.ends_with("报告如下:"));
    assert!(d.preface[1].text.starts_with("2019年,在省委"));
    let roles: Vec<Role> = d.parts.iter().map(|p| p.role).collect();
    assert_eq!(
        roles,
        [
            Role::Measures,
            Role::Shortcomings,
            Role::Leadership,
            Role::Plans
        ]
    );
    assert_eq!(d.parts[0].heading, "2019年法治政府建设的主要举措和成效");
    assert_eq!(d.parts[3].heading, "2020年推进法治政府建设的主要安排");
}

#[test]
fn part_one_has_the_eight_outline_sections() {
    let d = sample().document;
    let headings: Vec<&str> = d.parts[0]
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "依法全面履行政府职能",
            "完善依法行政制度体系",
            "推进依法科学民主决策",
            "坚持严格规范公正文明执法",
            "强化对行政权力的监督制约",
            "依法有效化解社会矛盾纠纷",
            "提高政府工作人员法治思维和依法行政能力",
            "完善法治政府建设组织保障和落实机制",
        ]
    );
    // run-in headings: the text after the heading sentence is the section's paragraph
    assert!(d.parts[0].sections[0].paragraphs[0]
        .text
        .starts_with("全面推行行政审批制度改革。"));
    assert!(d.parts[0]
        .sections
        .iter()
        .all(|s| s.paragraphs.len() == 1 && s.sections.is_empty()));
    assert_eq!(
        d.settings.heading_style,
        fazhi_core::model::HeadingStyle::RunIn
    );
}

#[test]
fn parts_two_three_and_four() {
    let d = sample().document;
    assert_eq!(d.parts[1].paragraphs.len(), 1);
    assert!(d.parts[1].paragraphs[0].text.starts_with("过去的一年"));
    assert!(d.parts[1].paragraphs[0]
        .text
        .contains("四是监督体系还不健全"));
    assert!(d.parts[1].sections.is_empty());
    assert_eq!(d.parts[2].paragraphs.len(), 1);
    assert!(d.parts[2].paragraphs[0].text.contains("第一次会议"));
    assert_eq!(
        d.parts[3].paragraphs.len(),
        1,
        "the plans part's lead paragraph"
    );
    assert_eq!(d.parts[3].sections.len(), 8);
    assert_eq!(d.parts[3].sections[0].heading, "深入推进法治政府建设");
    assert_eq!(d.parts[3].sections[7].heading, "增强法治意识");
    assert!(d.closing.is_empty());
}

#[test]
fn no_chrome_left_and_chrome_listed() {
    let r = sample();
    let text = r.document.plain_text();
    for chrome in [
        "站群导航",
        "AQI",
        "轻度污染",
        "中度污染",
        "重度污染",
        "严重污染",
        "来源",
        "纠错",
        "14:57",
    ] {
        assert!(!text.contains(chrome), "{chrome} left in the document");
    }
    let removed: Vec<&str> = r.removed.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(removed.len(), 8, "{removed:?}");
    assert!(removed.contains(&"站群导航"));
    assert!(removed.contains(&"2020-03-13 14:57:00来源:"));
    assert!(removed.contains(&"[ 纠错 ]"));
}

#[test]
fn every_cjk_character_of_the_body_is_kept_in_order() {
    let src = std::fs::read_to_string(SAMPLE).unwrap();
    // The body runs from the preface to the line before [ 纠错 ].
    let start = src.find("为贯彻落实").unwrap();
    let end = src.find("[ 纠错 ]").unwrap();
    let want: String = src[start..end].chars().filter(|c| is_cjk(*c)).collect();
    let got: String = rendered(&sample().document)
        .chars()
        .filter(|c| is_cjk(*c))
        .collect();
    assert_eq!(want.chars().count(), got.chars().count());
    assert!(want == got, "CJK text differs");
    // and the text is verbatim: the half-width punctuation is still there for the checks
    let r = rendered(&sample().document);
    assert!(r.contains("〔20191号"));
    assert!(r.contains("<法治政府建设实施纲要(20152020年)的实施意见>"));
}

#[test]
fn result_passes_the_template_check_and_the_store() {
    let r = sample();
    fazhi_core::validate::validate(&r.document).unwrap();
    let mut store = fazhi_core::Store::open_in_memory().unwrap();
    let view = store.create_from_document(r.document.clone()).unwrap();
    assert_eq!(view.document.parts.len(), 4);
}

#[test]
fn recognised_lists_parts_and_sections_with_node_ids() {
    let r = sample();
    let parts: Vec<_> = r
        .recognised
        .iter()
        .filter(|x| x.kind == fazhi_import::RecognisedKind::Part)
        .collect();
    assert_eq!(parts.len(), 4);
    assert_eq!(
        parts[0].node_id.as_deref(),
        Some(r.document.parts[0].id.as_str())
    );
    let sections = r
        .recognised
        .iter()
        .filter(|x| x.kind == fazhi_import::RecognisedKind::Section)
        .count();
    assert_eq!(sections, 16);
    // the sample is clean in structure: the one flag is part three's heading,
    // normalised to full-width punctuation (职责,加强 → 职责，加强; #20)
    assert_eq!(r.uncertain.len(), 1, "{:?}", r.uncertain);
    assert!(
        r.uncertain[0].message.contains("已按模板规范"),
        "{:?}",
        r.uncertain
    );
    assert_eq!(
        r.document.parts[2].heading,
        "2019年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设"
    );
}

#[test]
fn given_issuer_and_year_win() {
    let bytes = std::fs::read(SAMPLE).unwrap();
    let opts = ImportOptions {
        issuer: Some("梅河口市".into()),
        year: Some(2019),
        template_id: None,
    };
    let r = import_bytes("meihekou.txt", &bytes, &opts).unwrap();
    assert_eq!(r.issuer, "梅河口市");
    assert_eq!(r.issuer_source, ValueSource::Given);
    assert_eq!(r.year_source, ValueSource::Given);
}

#[test]
fn the_sample_in_gbk_and_utf16_gives_the_same_document_text() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let base = rendered(&sample().document);
    // GBK has no U+2022 bullet: the widget's bullets become U+00B7 there.
    let bulleted = text.replace('•', "·");
    let (gbk, _, bad) = encoding_rs::GBK.encode(&bulleted);
    assert!(!bad);
    let r = import_bytes("gbk.txt", &gbk, &ImportOptions::default()).unwrap();
    assert_eq!(r.encoding, "GBK");
    assert!(rendered(&r.document) == base, "GBK import differs");
    let mut u16: Vec<u8> = vec![0xFF, 0xFE];
    u16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let r = import_bytes("u16.txt", &u16, &ImportOptions::default()).unwrap();
    assert!(r.encoding.starts_with("UTF-16LE"));
    assert!(rendered(&r.document) == base, "UTF-16 import differs");
}
