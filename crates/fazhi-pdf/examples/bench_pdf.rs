//! PDF export of the sample-sized report: p50/p95 over repeated runs in one process and
//! the file size. `make bench` runs it in release (targets: ≤ 150 ms, ≤ 300 KB).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use fazhi_pdf::PdfOptions;

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let doc = common::sample_document();
    let opts = PdfOptions::default();
    // The first run reads and parses the fonts; the app keeps them for later exports.
    let t = Instant::now();
    let first = match fazhi_pdf::render(&doc, &opts) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("PDF 导出失败：{e}");
            std::process::exit(1);
        }
    };
    let cold = t.elapsed();
    if let Some(out) = std::env::var_os("FAZHI_PDF_OUT") {
        std::fs::write(&out, &first).expect("write FAZHI_PDF_OUT");
    }
    let runs = 30;
    let mut times = Vec::with_capacity(runs);
    let mut size = first.len();
    for _ in 0..runs {
        let t = Instant::now();
        let bytes = fazhi_pdf::render(&doc, &opts).expect("render");
        times.push(t.elapsed());
        size = bytes.len();
    }
    times.sort();
    let mut lay = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let _ = fazhi_pdf::layout_with_fonts(&doc, &opts);
        lay.push(t.elapsed());
    }
    lay.sort();
    let pages = fazhi_pdf::layout_with_fonts(&doc, &opts)
        .map(|l| l.page_count())
        .unwrap_or(0);
    println!(
        "typesetting alone: p50 {:.1} ms, p95 {:.1} ms",
        pct(&lay, 0.5).as_secs_f64() * 1e3,
        pct(&lay, 0.95).as_secs_f64() * 1e3
    );
    println!(
        "pdf export (sample, {pages} pages, {} chars): first run (font loading) {:.1} ms; p50 {:.1} ms, p95 {:.1} ms over {runs} runs; file {:.1} KB",
        doc.plain_text().chars().count(),
        cold.as_secs_f64() * 1e3,
        pct(&times, 0.5).as_secs_f64() * 1e3,
        pct(&times, 0.95).as_secs_f64() * 1e3,
        size as f64 / 1024.0
    );
}
