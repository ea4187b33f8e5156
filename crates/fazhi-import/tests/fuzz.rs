//! In place of cargo-fuzz (nightly only): arbitrary bytes and report-like
//! strings fed to every importer. The importer must not panic, must answer
//! quickly, and whatever it accepts must pass the template check once an
//! issuer is set.

mod common;

use std::time::{Duration, Instant};

use fazhi_import::{import_bytes, ImportOptions};
use proptest::prelude::*;

const BOUND: Duration = Duration::from_secs(3);

fn check(name: &str, bytes: &[u8]) {
    let t = Instant::now();
    let r = import_bytes(name, bytes, &ImportOptions::default());
    assert!(t.elapsed() < BOUND, "{name}: {:?}", t.elapsed());
    match r {
        Ok(mut res) => {
            if res.document.issuer.is_empty() {
                res.document.issuer = "某县人民政府".into();
            }
            if let Err(e) = fazhi_core::validate::validate(&res.document) {
                panic!("accepted but invalid: {e}\n{:?}", res.document);
            }
        }
        Err(e) => assert!(e.to_string().contains(name), "{e}"),
    }
}

/// Lines that look like report lines, to reach deep into the recogniser.
fn report_line() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "十一、",
        "（一）",
        "(二)",
        "（十）",
        "1.",
        "2．",
        "3、",
        "（1）",
        "(2)",
        "⑴",
        "①",
        "一是",
        "二是",
        "2019年推进法治政府建设的主要举措和成效",
        "存在的不足和原因",
        "第一责任人",
        "2020年主要安排",
        "其他需要报告的情况",
        "依法全面履行政府职能。",
        "全面推行行政审批制度改革，",
        "。",
        "：",
        ":",
        "梅河口市人民政府",
        "2020年3月13日",
        "特此报告。",
        "（此件公开发布）",
        "站群导航",
        "AQI",
        "• 轻度污染",
        "[ 纠错 ]",
        "2020-03-13 14:57:00来源:",
        "关于",
        "报告",
        "\t",
        " ",
        "\u{3000}",
        "<p>",
        "</p>",
        "<div>",
        "<br>",
        "&amp;",
        "签发人：张三",
        "梅政发〔2020〕1号",
        "通化市人民政府：",
        "工作亮点",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        for name in ["a.txt", "a.html", "a.docx", "a"] {
            check(name, &bytes);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,400}") {
        check("s.txt", s.as_bytes());
        check("s.html", s.as_bytes());
    }

    #[test]
    fn report_like_text_gives_valid_documents(lines in prop::collection::vec(report_line(), 0..40)) {
        let text = lines.join("\n");
        check("r.txt", text.as_bytes());
        let html = format!("<html><body>{}</body></html>", lines.iter().map(|l| format!("<p>{l}</p>")).collect::<String>());
        check("r.html", html.as_bytes());
    }

    #[test]
    fn damaged_docx_never_panics(cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
        let mut d = common::report_docx();
        let n = d.len();
        d[flip % n] ^= byte | 1;
        d.truncate((cut % n).max(1));
        check("d.docx", &d);
        let mut d = common::report_docx();
        d[flip % n] ^= byte | 1;
        check("d.docx", &d);
    }
}

/// A long run of spaces (how TXT/DOCX authors align text) and a long line of
/// space-separated openings answer in time: the run-together split once
/// looked past every space of a run to its end (20,000 spaces took 12 s).
#[test]
fn long_runs_of_spaces_answer_quickly() {
    for space in [" ", "\u{3000}"] {
        let run = format!(
            "关于2024年法治政府建设情况的报告\n甲{}乙\n",
            space.repeat(50_000)
        );
        check("spaces.txt", run.as_bytes());
        let opens = format!(
            "关于2024年法治政府建设情况的报告\n甲{}乙\n",
            format!("{space}（").repeat(20_000)
        );
        check("opens.txt", opens.as_bytes());
    }
    // Split at the spaces, or written so: 10,000 short heading lines.
    let parts = format!(
        "关于2024年法治政府建设情况的报告\n甲{}乙\n",
        " 一、 （一）".repeat(5_000)
    );
    check("parts.txt", parts.as_bytes());
}

/// A 我局 report naming thousands of different organs (each a candidate for
/// its own name) answers in time.
#[test]
fn many_distinct_organ_names_answer_quickly() {
    let han: Vec<char> = ('\u{4E00}'..='\u{9FA5}').collect();
    let mut text = String::from("关于2024年法治政府建设情况的报告\n我局高度重视。");
    for k in 0..6_000usize {
        let name: String = (0..3)
            .map(|j| han[(k * 7 + j * 131 + k / 50) % han.len()])
            .collect();
        text.push_str(&format!("在{name}市交通局，"));
    }
    text.push_str("我局。\n");
    check("organs.txt", text.as_bytes());
}

/// A 市公安局 report (its title names no place) writing thousands of
/// different places before 市公安局, each twice: completing the name must
/// not search the text once per place.
#[test]
fn many_places_before_a_partial_name_answer_quickly() {
    let han: Vec<char> = ('\u{4E00}'..='\u{9FA5}').collect();
    let mut text = String::from("市公安局2024年法治政府建设情况的报告\n市公安局高度重视。");
    for k in 0..4_000usize {
        let name: String = (0..3)
            .map(|j| han[(k * 7 + j * 131 + k / 50) % han.len()])
            .collect();
        text.push_str(&format!("，{name}市公安局，{name}市公安局"));
    }
    text.push_str("。\n");
    check("places.txt", text.as_bytes());
}
