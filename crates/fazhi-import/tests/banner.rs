//! A filing copy's 版头 read back: the 发文机关标志, the 发文字号 and 签发人 (on one line,
//! as our DOCX and Word's tab-aligned copies write them, or on two), the title and the
//! 主送 — metadata, not preface text.

use fazhi_import::{import_bytes, ImportOptions, ImportResult};

fn import(text: &str) -> ImportResult {
    import_bytes("报告.txt", text.as_bytes(), &ImportOptions::default()).expect("imported")
}

const BODY: &str =
    "为贯彻落实《法治政府建设与责任落实督察工作规定》，现将我市2019年法治政府建设情况报告如下：
一、2019年推进法治政府建设的主要举措和成效
全面推行行政审批制度改革。
二、存在的不足和原因
基层执法力量不足。
三、党政主要负责人履行推进法治建设第一责任人职责情况
市政府主要负责同志带头学法。
四、2020年推进法治政府建设的主要安排
持续深化“放管服”改革。
";

#[test]
fn a_banner_with_number_and_signer_on_one_line_is_metadata() {
    let text = format!(
        "梅河口市人民政府文件\n梅政发〔2020〕1号\t签发人：王某某\n梅河口市人民政府关于\n2019年法治政府建设情况的报告\n通化市人民政府：\n{BODY}"
    );
    let d = import(&text).document;
    assert_eq!(d.issuer, "梅河口市人民政府");
    assert_eq!(d.issuer_mark.as_deref(), Some("梅河口市人民政府文件"));
    assert_eq!(d.doc_number.as_deref(), Some("梅政发〔2020〕1号"));
    assert_eq!(d.signer.as_deref(), Some("王某某"));
    assert_eq!(d.addressee.as_deref(), Some("通化市人民政府"));
    assert_eq!(d.year, 2019);
    assert!(
        d.preface[0].text.starts_with("为贯彻落实"),
        "the banner stays out of the preface: {:?}",
        d.preface
    );
}

#[test]
fn a_banner_on_separate_lines_with_the_issuer_alone_keeps_no_mark() {
    // The mark that only repeats the issuer is null (it prints the issuer).
    let text = format!(
        "东岗县司法局\n东司发〔2023〕5号\n签发人：李某　张某\n东岗县司法局2022年法治政府建设情况报告\n东岗县人民政府：\n{BODY}"
    );
    let d = import(&text).document;
    assert_eq!(d.issuer, "东岗县司法局");
    assert_eq!(d.issuer_mark, None);
    assert_eq!(d.doc_number.as_deref(), Some("东司发〔2023〕5号"));
    assert_eq!(d.signer.as_deref(), Some("李某　张某"));
    assert_eq!(d.addressee.as_deref(), Some("东岗县人民政府"));
    assert!(
        d.preface[0].text.starts_with("为贯彻落实"),
        "{:?}",
        d.preface
    );
}

#[test]
fn a_site_name_above_a_title_is_no_banner() {
    // Without a 发文字号 below it, an organ's name above the title is a web page's.
    let text = format!("青山区人民政府\n2021年青山区法治政府建设情况报告\n{BODY}");
    let d = import(&text).document;
    assert_eq!(d.issuer_mark, None);
    assert_eq!(d.doc_number, None);
    assert_eq!(d.year, 2021);
}
