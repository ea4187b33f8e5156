//! DOCX export time for the sample-sized report (target: p95 ≤ 50 ms, release).
//! `make bench` runs `cargo run --release -p fazhi-export --example bench_export`.

use std::time::{Duration, Instant};

use fazhi_core::model::HeadingStyle;
use fazhi_export::{docx, html, DocxOptions, Profile};

#[path = "../tests/common/sample.rs"]
mod sample;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let doc = sample::sample_document(HeadingStyle::RunIn);
    let opts = DocxOptions {
        profile: Profile::Filing,
        comments: Vec::new(),
    };
    const RUNS: usize = 100;
    let mut bytes = 0;
    for _ in 0..5 {
        bytes = docx(&doc, &opts).map(|b| b.len()).unwrap_or(0);
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        match docx(&doc, &opts) {
            Ok(b) => bytes = b.len(),
            Err(e) => {
                eprintln!("导出失败：{e}");
                std::process::exit(1);
            }
        }
        times.push(t.elapsed());
    }
    times.sort();
    // scripts/bench.sh converts this file with LibreOffice for the PDF comparison.
    if let Some(out) = std::env::var_os("FAZHI_DOCX_OUT") {
        match docx(&doc, &opts) {
            Ok(b) => std::fs::write(&out, b).expect("write FAZHI_DOCX_OUT"),
            Err(e) => {
                eprintln!("导出失败：{e}");
                std::process::exit(1);
            }
        }
    }
    let mut html_times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(html(&doc, Profile::Publication));
            t.elapsed()
        })
        .collect();
    html_times.sort();
    let p50 = percentile(&times, 0.5);
    let p95 = percentile(&times, 0.95);
    println!(
        "docx export ({} characters, {bytes} bytes, {RUNS} runs): p50 {:.2} ms, p95 {:.2} ms (target ≤ 50 ms)",
        doc.plain_text().chars().count(),
        p50.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
    println!(
        "html export: p50 {:.3} ms, p95 {:.3} ms",
        percentile(&html_times, 0.5).as_secs_f64() * 1e3,
        percentile(&html_times, 0.95).as_secs_f64() * 1e3
    );
    if p95 > Duration::from_millis(50) {
        eprintln!("DOCX 导出超过 50 毫秒目标");
        std::process::exit(1);
    }
}
