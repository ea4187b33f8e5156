//! `make bench`: the first check in a fresh process (what `fazhi export` pays
//! for its error count: lexicon read, patterns compiled on first use), all
//! checks on a 100,000-character report (target ≤ 50 ms) and a re-check after
//! a one-paragraph edit (target ≤ 5 ms). Run in release:
//! `cargo run --release -p fazhi-checks --example bench_checks`.

use std::time::{Duration, Instant};

use fazhi_checks::{check, check_paragraph, Checker, RuleConfig};
use fazhi_core::{ids, Document, Paragraph, Section};

const SAMPLE: &str = include_str!("../../../assets/samples/meihekou-2019-web.txt");
const TARGET_CHARS: usize = 100_000;

fn renew(s: &mut Section) {
    s.id = ids::new_id();
    s.paragraphs.iter_mut().for_each(|p| p.id = ids::new_id());
    s.sections.iter_mut().for_each(renew);
}

fn chars(doc: &Document) -> usize {
    doc.plain_text().chars().count()
}

/// The sample report, its part one repeated until the text reaches 100,000
/// characters (with its real defects: some 250 findings per copy).
fn big_report() -> Document {
    let mut doc = fazhi_checks::testing::document_from_text(SAMPLE, "梅河口市人民政府", 2019);
    let template: Vec<Section> = doc.parts[0].sections.clone();
    while chars(&doc) < TARGET_CHARS {
        for s in &template {
            let mut s = s.clone();
            renew(&mut s);
            doc.parts[0].sections.push(s);
        }
    }
    doc
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut times: Vec<Duration>, target_ms: f64) {
    times.sort();
    let p50 = percentile(&times, 0.5);
    let p95 = percentile(&times, 0.95);
    let ok = p95.as_secs_f64() * 1000.0 <= target_ms;
    println!(
        "{name}: p50 {:.2} ms, p95 {:.2} ms（目标 ≤ {target_ms} ms，{}，{} 次）",
        p50.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        if ok { "达标" } else { "未达标" },
        times.len()
    );
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let v = f();
    (t.elapsed(), v)
}

fn main() {
    let cfg = RuleConfig::default();
    // First, before anything is compiled: the sample report checked cold, as a
    // `fazhi export` process does once, then again warm.
    let sample = fazhi_checks::testing::document_from_text(SAMPLE, "梅河口市人民政府", 2019);
    let (cold, found) = time(|| check(&sample, &cfg));
    let (warm, again) = time(|| check(&sample, &cfg));
    assert_eq!(found, again);
    println!(
        "样例报告（{} 字）首次检查（冷启动，导出时的计数）：{:.2} ms，再次检查：{:.2} ms，{} 处问题",
        chars(&sample),
        cold.as_secs_f64() * 1000.0,
        warm.as_secs_f64() * 1000.0,
        found.len()
    );

    let mut doc = big_report();
    let paragraphs = doc.paragraphs().len();
    let n = check(&doc, &cfg).len();
    println!("报告：{} 字，{paragraphs} 段，{n} 处问题", chars(&doc));

    let full: Vec<Duration> = (0..30).map(|_| time(|| check(&doc, &cfg)).0).collect();
    report("全部检查（新建检查器）", full, 50.0);

    // The editor's case: one checker per open report, a keystroke in one paragraph.
    let mut checker = Checker::new(cfg.clone());
    checker.check(&doc);
    let target = doc.parts[0].sections[3].paragraphs[0].id.clone();
    let mut incremental = Vec::new();
    let mut single = Vec::new();
    for i in 0..200 {
        {
            let p: &mut Paragraph = doc.parts[0].sections[3]
                .paragraphs
                .iter_mut()
                .find(|p| p.id == target)
                .expect("the edited paragraph exists");
            if i % 2 == 0 {
                p.text.push_str("法治,");
            } else {
                let keep = p.text.chars().count() - 3;
                p.text = p.text.chars().take(keep).collect();
            }
        }
        let (d, found) = time(|| checker.check(&doc));
        incremental.push(d);
        assert!(!found.is_empty());
        single.push(time(|| check_paragraph(&doc, &target, &cfg)).0);
    }
    report("编辑一段后重新检查（Checker 增量）", incremental, 5.0);
    report("只检查被编辑的一段（check_paragraph）", single, 5.0);
}
