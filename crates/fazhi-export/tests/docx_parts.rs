//! The DOCX package: snapshots of its main parts, well-formed XML, deflated
//! entries, and review comments read back with docx-rs's reader.

mod common;

use std::path::PathBuf;

use common::sample::sample_document;
use fazhi_core::model::HeadingStyle;
use fazhi_export::{docx, CommentReply, DocxOptions, ExportComment, Profile};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Makes a part diffable and stable: one element per line, docx-rs's
/// per-thread paragraph ids replaced.
fn normalise(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() * 11 / 10);
    let mut rest = xml;
    const KEY: &str = "w14:paraId=\"";
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        let end = rest.find('"').unwrap_or(0);
        out.push_str("PARAID");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("><", ">\n<")
}

fn snapshot(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    let actual = normalise(actual);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).expect("golden dir");
        std::fs::write(&path, &actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {} (run with UPDATE_GOLDEN=1)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n(run with UPDATE_GOLDEN=1 if the change is intended)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn export(style: HeadingStyle, profile: Profile, comments: Vec<ExportComment>) -> Vec<u8> {
    docx(&sample_document(style), &DocxOptions { profile, comments }).expect("export")
}

#[test]
fn snapshots_of_document_styles_and_footers() {
    let filing = export(HeadingStyle::RunIn, Profile::Filing, vec![]);
    snapshot(
        "filing-runin.document.xml",
        &common::part(&filing, "word/document.xml"),
    );
    snapshot("styles.xml", &common::part(&filing, "word/styles.xml"));
    let footers: Vec<String> = common::unzip(&filing)
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/footer") && n.ends_with(".xml"))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(footers.len(), 2, "odd and even footers: {footers:?}");
    for f in &footers {
        let name = f.trim_start_matches("word/");
        snapshot(name, &common::part(&filing, f));
    }
    let publication = export(HeadingStyle::Separate, Profile::Publication, vec![]);
    snapshot(
        "publication-separate.document.xml",
        &common::part(&publication, "word/document.xml"),
    );
}

#[test]
fn every_xml_part_is_well_formed_and_the_package_is_deflated() {
    for bytes in [
        export(HeadingStyle::RunIn, Profile::Filing, synthetic_comments()),
        export(HeadingStyle::Separate, Profile::Publication, vec![]),
    ] {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
        for i in 0..z.len() {
            let f = z.by_index(i).expect("entry");
            if f.size() > 0 {
                assert_eq!(
                    f.compression(),
                    zip::CompressionMethod::Deflated,
                    "{} is stored uncompressed",
                    f.name()
                );
            }
        }
        let parts = common::unzip(&bytes);
        let mut checked = 0;
        for (name, data) in &parts {
            if !(name.ends_with(".xml") || name.ends_with(".rels")) {
                continue;
            }
            let text = std::str::from_utf8(data).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
            let mut r = quick_xml::Reader::from_str(text);
            r.config_mut().check_end_names = true;
            let mut depth: i64 = 0;
            loop {
                match r.read_event() {
                    Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                    Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{name} is not well-formed: {e}"),
                }
            }
            assert_eq!(depth, 0, "{name}: unclosed elements");
            checked += 1;
        }
        assert!(checked >= 10, "only {checked} XML parts");
        // odd/even footers are switched on
        assert!(common::part(&bytes, "word/settings.xml").contains("w:evenAndOddHeaders"));
    }
}

#[test]
fn the_package_names_the_official_fonts_and_geometry() {
    let bytes = export(HeadingStyle::RunIn, Profile::Filing, vec![]);
    let styles = common::part(&bytes, "word/styles.xml");
    for font in [
        "仿宋_GB2312",
        "黑体",
        "楷体_GB2312",
        "方正小标宋简体",
        "宋体",
    ] {
        let slots =
            format!(r#"w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}""#);
        assert!(styles.contains(&slots), "{font} not set in every slot");
    }
    assert_eq!(
        styles.matches(r#"w:styleId="Normal""#).count(),
        1,
        "one Normal style"
    );
    assert!(styles.contains(r#"<w:overflowPunct w:val="0" />"#));
    let doc = common::part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(doc.contains(r#"w:top="2098""#) && doc.contains(r#"w:left="1587""#));
    assert!(doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579""#));
    // property elements in schema order (docx-rs writes them otherwise)
    assert!(doc.contains(r#"<w:sectPr><w:footerReference w:type="default""#));
    for part in [&doc, &styles] {
        assert!(
            !part.contains("<w:pPr><w:rPr /><w:"),
            "rPr must close a pPr"
        );
        assert!(!part.contains("<w:rPr><w:sz "), "rFonts comes before sz");
    }
    assert!(styles.contains(r#"<w:widowControl w:val="0" /><w:overflowPunct w:val="0" />"#));
    let footers: String = common::unzip(&bytes)
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/footer"))
        .map(|(_, b)| String::from_utf8(b).unwrap_or_default())
        .collect();
    assert_eq!(footers.matches("PAGE").count(), 2);
    assert_eq!(
        footers.matches(r#"w:eastAsia="宋体""#).count(),
        2 * 7,
        "every page-number run in 宋体"
    );
}

fn synthetic_comments() -> Vec<ExportComment> {
    vec![
        ExportComment {
            // first paragraph of （一）, run in after its heading
            node_id: "part0-s0-p0".into(),
            start: 0,
            end: 12,
            author: "张审核".into(),
            date: "2020-03-01".into(),
            text: "此处请补充数据来源。".into(),
            replies: vec![CommentReply {
                author: "李起草".into(),
                date: "2020-03-02T09:30:00Z".into(),
                text: "已补充。".into(),
            }],
        },
        ExportComment {
            // the run-in heading of （二） itself
            node_id: "part0-s1".into(),
            start: 0,
            end: 4,
            author: "王法制".into(),
            date: "2020-03-03".into(),
            text: "标题与纲要表述不一致。".into(),
            replies: vec![],
        },
        ExportComment {
            // a part heading, range past its end (clamped)
            node_id: "part1".into(),
            start: 5,
            end: 999,
            author: "张审核".into(),
            date: "2020-03-04".into(),
            text: "不足要写原因。".into(),
            replies: vec![],
        },
        ExportComment {
            node_id: "deleted-paragraph".into(),
            start: 0,
            end: 3,
            author: "赵某".into(),
            date: "2020-03-05".into(),
            text: "这段删了吗？".into(),
            replies: vec![],
        },
    ]
}

/// Text inside each comment range, by comment id, read from the document.
fn anchored_text(doc: &docx_rs::Docx) -> std::collections::HashMap<usize, String> {
    use docx_rs::{DocumentChild, ParagraphChild, RunChild};
    let mut open: Vec<usize> = Vec::new();
    let mut out: std::collections::HashMap<usize, String> = Default::default();
    for child in &doc.document.children {
        let DocumentChild::Paragraph(p) = child else {
            continue;
        };
        for c in &p.children {
            match c {
                ParagraphChild::CommentStart(s) => {
                    open.push(s.id);
                    out.entry(s.id).or_default();
                }
                ParagraphChild::CommentEnd(e) => {
                    let id = serde_json::to_value(e).expect("json")["id"]
                        .as_u64()
                        .expect("end id") as usize;
                    open.retain(|o| *o != id);
                }
                ParagraphChild::Run(r) => {
                    for rc in &r.children {
                        if let RunChild::Text(t) = rc {
                            for id in &open {
                                out.entry(*id).or_default().push_str(&t.text);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn comment_text(c: &docx_rs::Comment) -> String {
    c.children
        .iter()
        .filter_map(|ch| match ch {
            docx_rs::CommentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn comments_read_back_with_authors_dates_replies_and_anchors() {
    let bytes = export(HeadingStyle::RunIn, Profile::Filing, synthetic_comments());
    let read = docx_rs::read_docx(&bytes).expect("docx-rs reads the export");
    let comments = read.comments.inner();
    assert_eq!(comments.len(), 5, "four comments and one reply");
    let anchors = anchored_text(&read);
    let find = |author: &str, text: &str| {
        comments
            .iter()
            .find(|c| c.author == author && comment_text(c).contains(text))
            .unwrap_or_else(|| panic!("no comment by {author}: {text}"))
    };

    let c1 = find("张审核", "数据来源");
    assert_eq!(c1.date, "2020-03-01T00:00:00Z");
    assert_eq!(anchors[&c1.id], "全面推行行政审批制度改革");
    let reply = find("李起草", "已补充");
    assert_eq!(reply.date, "2020-03-02T09:30:00Z");
    assert_eq!(
        anchors[&reply.id], anchors[&c1.id],
        "a reply shares its parent's range"
    );

    let c2 = find("王法制", "纲要");
    assert_eq!(
        anchors[&c2.id], "完善依法",
        "range inside a run-in heading, after its number"
    );

    let c3 = find("张审核", "原因");
    assert_eq!(
        anchors[&c3.id], "对推进法治政府建设存在的不足和原因",
        "clamped to the heading's end"
    );

    let orphan = find("赵某", "这段删了吗");
    assert!(comment_text(orphan).starts_with("（批注原位置已不在文中）"));
    assert_eq!(
        anchors[&orphan.id],
        "梅河口市人民政府关于2019年法治政府建设情况的报告"
    );

    // comments.xml lists them; commentsExtended.xml threads the reply under its
    // parent, which is how Word shows replies
    let xml = common::part(&bytes, "word/comments.xml");
    assert_eq!(xml.matches("<w:comment ").count(), 5);
    snapshot("comments.xml", &xml);
    let ext = common::part(&bytes, "word/commentsExtended.xml");
    assert_eq!(ext.matches("w15:paraIdParent=").count(), 1, "{ext}");
}

#[test]
fn publication_never_carries_comments() {
    let bytes = export(
        HeadingStyle::RunIn,
        Profile::Publication,
        synthetic_comments(),
    );
    let read = docx_rs::read_docx(&bytes).expect("read");
    assert!(read.comments.inner().is_empty());
    let doc = common::part(&bytes, "word/document.xml");
    assert!(!doc.contains("commentRangeStart"));
}

#[test]
fn separate_and_run_in_headings_both_export_their_numbers() {
    for (style, needle) in [
        (HeadingStyle::Separate, "（一）"),
        (HeadingStyle::RunIn, "（一）依法全面履行政府职能。"),
    ] {
        let bytes = export(style, Profile::Filing, vec![]);
        let read = docx_rs::read_docx(&bytes).expect("read");
        let texts: Vec<String> = read
            .document
            .children
            .iter()
            .filter_map(|c| match c {
                docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
                _ => None,
            })
            .collect();
        assert!(
            texts.iter().any(|t| t.starts_with("一、2019年")),
            "{style:?}"
        );
        assert!(
            texts.iter().any(|t| t.starts_with("四、2020年")),
            "{style:?}"
        );
        assert!(
            texts.iter().any(|t| t.starts_with(needle)),
            "{style:?}: {needle}"
        );
        // every paragraph of the sample is in the document, in order
        let doc = sample_document(style);
        let mut at = 0;
        for (p, _) in doc.paragraphs() {
            let pos = texts[at..]
                .iter()
                .position(|t| t.ends_with(p.text.as_str()))
                .unwrap_or_else(|| {
                    panic!("{style:?}: paragraph missing or out of order: {}", p.text)
                });
            at += pos + 1;
        }
    }
}

#[test]
fn imprint_is_a_ruled_table_at_the_bottom_in_the_filing_profile_only() {
    let filing = common::part(
        &export(HeadingStyle::RunIn, Profile::Filing, Vec::new()),
        "word/document.xml",
    );
    let at = filing.find("<w:tbl>").expect("the 版记 table");
    let table = &filing[at..filing[at..].find("</w:tbl>").unwrap() + at];
    // after the body: nothing but the anchor paragraph and sectPr follow
    assert!(filing[at..].find("抄送：").is_some());
    assert!(!filing[..at].contains("抄送："));
    // the block's width
    assert!(table.contains(r#"<w:tblW w:w="8845" w:type="dxa""#));
    // thick (1 pt ≈ 0.35 mm) rules above and below, a thin one (¾ pt ≈ 0.26 mm) between
    assert!(
        table.contains(r#"<w:top w:val="single" w:sz="8""#),
        "{table}"
    );
    assert!(table.contains(r#"<w:bottom w:val="single" w:sz="8""#));
    assert!(table.contains(r#"<w:insideH w:val="single" w:sz="6""#));
    let borders =
        &table[table.find("<w:tblBorders>").unwrap()..table.find("</w:tblBorders>").unwrap()];
    assert!(
        !borders.contains("<w:left ") && !borders.contains("<w:insideV "),
        "{borders}"
    );
    // 四号仿宋, 抄送 one character in on both sides and hanging after 抄送：,
    // 印发机关 one character in, 印发日期 right-aligned one character in
    assert_eq!(table.matches(r#"<w:sz w:val="28" />"#).count(), 3);
    assert!(table.contains(r#"<w:ind w:left="1120" w:right="280" w:hanging="840" />"#));
    assert!(table.contains("抄送：市委办公室，市人大常委会办公室，市政协办公室。"));
    assert!(table.contains("梅河口市人民政府办公室"));
    assert!(table.contains(r#"<w:tab w:val="right" w:pos="8565" />"#));
    assert!(table.contains("2020年3月13日印发"));
    let public = common::part(
        &export(HeadingStyle::RunIn, Profile::Publication, Vec::new()),
        "word/document.xml",
    );
    assert!(!public.contains("<w:tbl>") && !public.contains("抄送") && !public.contains("日印发"));
}
