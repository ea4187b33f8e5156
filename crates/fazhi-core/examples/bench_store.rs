//! `make bench`: load and save of a 100,000-character report in a file library
//! (WAL, synchronous=FULL), p50/p95 over repeated runs. Target: save ≤ 20 ms p95.

use std::time::Instant;

use fazhi_core::store::NewReport;
use fazhi_core::{Paragraph, Store};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}: p50 {:.2} ms, p95 {:.2} ms (n={})",
        percentile(&ms, 0.5),
        percentile(&ms, 0.95),
        ms.len()
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("fazhi-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut store = Store::open(&dir.join("bench.sqlite3"))?;
    let created = store.create_report(&NewReport {
        issuer: "梅河口市人民政府".into(),
        year: 2019,
        template_id: None,
        include_optional: false,
    })?;
    let id = created.report.id.clone();
    let mut doc = created.report.document;
    // ~100,000 characters: 8 sections × 25 paragraphs × 500 characters.
    let sentence = "全面推行行政审批制度改革，录入政务服务事项890项，减少审批环节313个，平均办理时限由20.2个工作日缩短到6.9个工作日。";
    let para: String = sentence.chars().cycle().take(500).collect();
    for s in &mut doc.parts[0].sections {
        s.paragraphs = (0..25).map(|_| Paragraph::new(para.clone())).collect();
    }
    let total: usize = doc.plain_text().chars().count();
    println!("report size: {total} characters");
    let mut version = store.save_report(&id, doc.clone(), None)?.version;

    let mut saves = Vec::new();
    let mut loads = Vec::new();
    for i in 0..200 {
        // an autosave after typing into one paragraph
        let p = &mut doc.parts[0].sections[i % 8].paragraphs[i % 25];
        p.text.push('法');
        let t = Instant::now();
        version = store.save_report(&id, doc.clone(), Some(version))?.version;
        saves.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let r = store.get_report(&id)?;
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.version, version);
    }
    report("save (validate + write + FTS + commit)", saves);
    report("load (read + parse)", loads);
    drop(store);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
