//! A saved web page: the sample's text inside a typical government site page
//! (navigation, AQI widget, breadcrumbs, article info, footer) imports to the
//! same document as the text, and the page around the article is listed.

use fazhi_import::{import_bytes, ImportFormat, ImportOptions};

const SAMPLE: &str = include_str!("../../../assets/samples/meihekou-2019-web.txt");

fn page() -> String {
    let start = SAMPLE.find("为贯彻落实").unwrap();
    let end = SAMPLE.find("[ 纠错 ]").unwrap();
    let paras: String = SAMPLE[start..end]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p style=\"text-indent:2em\">{l}</p>\n"))
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>梅河口市人民政府关于2019年法治政府建设情况的报告</title>
<script>document.write("统计代码");</script></head>
<body>
<div class="top"><a href="/">首页</a> <a>政务公开</a> <a>政民互动</a> <a>站群导航</a></div>
<div class="weather">AQI<ul><li>轻度污染</li><li>中度污染</li></ul></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="article">
<h1>梅河口市人民政府关于2019年法治政府建设情况的报告</h1>
<div class="info">2020-03-13 14:57:00来源: 浏览次数：1024</div>
<div class="content">
{paras}</div>
<div class="tools">[ 纠错 ] [ 打印 ] [ 关闭 ]</div>
</div>
<div class="footer">主办：梅河口市人民政府办公室　备案号：吉ICP备05001234号</div>
</body></html>"#
    )
}

#[test]
fn saved_page_gives_the_same_report_as_the_text() {
    let from_text =
        import_bytes("sample.txt", SAMPLE.as_bytes(), &ImportOptions::default()).unwrap();
    let r = import_bytes(
        "法治政府建设情况.html",
        page().as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(r.format, ImportFormat::Html);
    assert_eq!(r.issuer, "梅河口市人民政府");
    assert_eq!(r.year, 2019);
    let d = &r.document;
    // the page's h1 was recognised as the title, which is the derived one
    assert!(r
        .recognised
        .iter()
        .any(|x| x.kind == fazhi_import::RecognisedKind::Title));
    assert_eq!(d.title_override, None);
    let texts = |doc: &fazhi_core::Document| -> Vec<String> {
        doc.paragraphs()
            .iter()
            .map(|(p, _)| p.text.clone())
            .collect()
    };
    assert_eq!(texts(d), texts(&from_text.document));
    assert_eq!(d.parts.len(), 4);
    assert_eq!(d.parts[0].sections.len(), 8);
    assert_eq!(d.parts[3].sections.len(), 8);
    let all = d.plain_text();
    for chrome in [
        "首页",
        "政民互动",
        "站群导航",
        "AQI",
        "轻度污染",
        "当前位置",
        "来源",
        "浏览次数",
        "纠错",
        "打印",
        "备案号",
        "统计代码",
    ] {
        assert!(!all.contains(chrome), "{chrome} left");
    }
    let removed: String = r
        .removed
        .iter()
        .map(|x| x.text.as_str())
        .collect::<Vec<_>>()
        .join("|");
    for listed in ["站群导航", "备案号", "纠错"] {
        assert!(removed.contains(listed), "{listed} not listed in {removed}");
    }
    fazhi_core::validate::validate(d).unwrap();
}

#[test]
fn gbk_page_with_meta_charset() {
    let html = page().replace("charset=\"utf-8\"", "charset=\"gbk\"");
    let (bytes, _, _) = encoding_rs::GBK.encode(&html);
    let r = import_bytes("gbk.htm", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(r.encoding, "GBK（网页声明）");
    assert_eq!(r.document.parts[0].sections.len(), 8);
}
