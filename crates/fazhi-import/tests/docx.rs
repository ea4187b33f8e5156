//! DOCX import: typed numbers, Word's automatic numbering, heading styles,
//! comments, title/addressee/closing.

mod common;

use fazhi_core::{validate::validate, Role};
use fazhi_import::{import_bytes, ImportFormat, ImportOptions, RecognisedKind};

fn import(name: &str, bytes: &[u8]) -> fazhi_import::ImportResult {
    import_bytes(name, bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn typed_numbers_title_addressee_and_closing() {
    let r = import("报告.docx", &common::report_docx());
    assert_eq!(r.format, ImportFormat::Docx);
    let d = &r.document;
    assert_eq!(r.issuer, "某县人民政府");
    assert_eq!(r.year, 2022);
    assert_eq!(d.title_override, None, "the title is the derived one");
    assert_eq!(d.addressee.as_deref(), Some("某市人民政府"));
    assert_eq!(d.preface.len(), 1);
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
    assert_eq!(d.parts[0].sections.len(), 2);
    assert_eq!(d.parts[0].sections[1].heading, "健全依法行政制度体系");
    // 一是、二是 paragraphs stay running text of the shortcomings part (#20)
    assert!(d.parts[1].sections.is_empty());
    assert_eq!(
        d.parts[1].paragraphs[0].text,
        "一是法治意识有待增强。部分干部学法不够。"
    );
    assert_eq!(d.parts[3].heading, "2023年工作安排");
    assert_eq!(d.closing.len(), 1);
    assert_eq!(d.closing[0].text, "特此报告。");
    assert_eq!(d.signature, None, "the signature is the issuer");
    assert_eq!(d.date.as_deref(), Some("2023-03-01"));
    assert_eq!(d.note.as_deref(), Some("此件公开发布"));
    for kind in [
        RecognisedKind::Title,
        RecognisedKind::Addressee,
        RecognisedKind::Signature,
        RecognisedKind::Date,
        RecognisedKind::Note,
        RecognisedKind::Closing,
    ] {
        assert!(
            r.recognised.iter().any(|x| x.kind == kind),
            "{kind:?} not listed"
        );
    }
    validate(d).unwrap();
}

#[test]
fn word_automatic_numbering_is_rendered_and_recognised() {
    let r = import("自动编号.docx", &common::auto_numbered_docx());
    let d = &r.document;
    assert_eq!(r.year, 2021);
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
    let s = &d.parts[0].sections;
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].heading, "健全政府机构职能体系");
    assert_eq!(s[0].sections.len(), 2);
    assert_eq!(s[0].sections[0].heading, "深化简政放权");
    assert_eq!(
        s[0].sections[0].paragraphs[0].text,
        "取消行政许可事项12项。"
    );
    assert_eq!(s[1].paragraphs[0].text, "出台规范性文件3件。");
    assert!(r.uncertain.is_empty(), "{:?}", r.uncertain);
    validate(d).unwrap();
}

#[test]
fn heading_styles_and_leadership_first_order() {
    let r = import("标题样式.docx", &common::heading_styled_docx());
    let d = &r.document;
    assert_eq!(r.issuer, "某县人民政府");
    assert_eq!(r.year, 2020);
    assert_eq!(d.template.id, "leadership-first");
    let roles: Vec<Role> = d.parts.iter().map(|p| p.role).collect();
    assert_eq!(
        roles,
        [
            Role::Leadership,
            Role::Measures,
            Role::Shortcomings,
            Role::Plans
        ]
    );
    assert_eq!(d.parts[1].sections.len(), 1);
    assert_eq!(d.parts[1].sections[0].heading, "依法全面履行政府职能");
    assert_eq!(
        d.title_override.as_deref(),
        Some("某县2020年法治政府建设年度报告")
    );
    validate(d).unwrap();
    // the same file forced into the statutory template is reordered and says so
    let opts = ImportOptions {
        template_id: Some("statutory".into()),
        ..Default::default()
    };
    let r = import_bytes("标题样式.docx", &common::heading_styled_docx(), &opts).unwrap();
    assert_eq!(r.document.parts[0].role, Role::Measures);
    assert!(
        r.uncertain.iter().any(|u| u.message.contains("顺序")),
        "{:?}",
        r.uncertain
    );
    validate(&r.document).unwrap();
}

#[test]
fn comments_are_kept_aside_with_their_anchor() {
    let r = import("批注.docx", &common::commented_docx());
    assert_eq!(r.comments.len(), 1, "{:?}", r.comments);
    let c = &r.comments[0];
    assert_eq!(c.author, "李审核");
    assert_eq!(c.text, "数字请与统计局核对");
    assert_eq!(c.anchor_text, "890项");
    assert_eq!(c.date.as_deref(), Some("2020-03-10T09:00:00Z"));
    let para = &r.document.parts[0].paragraphs[0];
    assert_eq!(para.text, "录入政务服务事项890项。");
    assert_eq!(c.node_id.as_deref(), Some(para.id.as_str()));
    // the comment is not in the text
    assert!(!r.document.plain_text().contains("统计局"));
}

#[test]
fn large_docx_imports_whole() {
    let bytes = common::large_docx(100_000);
    let r = import("大文件.docx", &bytes);
    let chars = r.document.plain_text().chars().count();
    assert!(chars >= 100_000, "{chars}");
    assert_eq!(r.document.parts.len(), 4);
    validate(&r.document).unwrap();
}

#[test]
fn numbering_instances_continue_restart_and_override_levels_as_in_word() {
    let r = import("重新编号.docx", &common::restarted_numbering_docx());
    let d = &r.document;
    assert!(r.uncertain.is_empty(), "{:?}", r.uncertain);
    let one: Vec<&str> = d.parts[0]
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        one,
        [
            "健全政府机构职能体系",
            "健全依法行政制度体系",
            "健全行政决策制度体系"
        ]
    );
    assert_eq!(
        d.parts[0].sections[2].paragraphs[0].text,
        "重大决策全部经过合法性审查。"
    );
    let four = &d.parts[3].sections;
    let heads: Vec<&str> = four.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        heads,
        ["持续深化改革", "加强法治宣传"],
        "restarted at （一）"
    );
    let sub: Vec<&str> = four[0]
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(sub, ["推进综合执法", "规范执法程序"], "1. 2. under （一）");
    assert_eq!(four[0].sections[0].paragraphs[0].text, "整合执法队伍。");
    validate(d).unwrap();
}
