//! Issuer and year inferred from real report openings (tests/fixtures/corpus,
//! openings.tsv, issue #18): every title form and, without a title, the first
//! sentence. Nothing that names its issuer is refused; a guess is imported
//! and marked for the user to confirm.

use std::path::Path;

use fazhi_import::{import_bytes, ImportOptions, ValueSource};

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// The expected name as the importer writes it: a bare place is its government.
fn fits(got: &str, named: &str, full: &str) -> bool {
    let named_gov = |s: &str| {
        if s.ends_with("政府") || s.ends_with('局') || s.ends_with("委会") || s.ends_with("委员会")
        {
            s.replace("区政府", "区人民政府")
        } else {
            format!("{s}人民政府")
        }
    };
    // A name written without its place, completed with the full name's place
    // (市市场监管局 → 绍兴市市场监管局 for 绍兴市市场监督管理局).
    let completed = || {
        let level = named.chars().next().filter(|c| "省市县区".contains(*c))?;
        let place_end = full.find(level)? + level.len_utf8();
        Some(got == format!("{}{}", &full[..place_end], &named[level.len_utf8()..]))
    };
    got == full
        || got == named
        || got == named_gov(named)
        || full.ends_with(got) && got.chars().count() >= 4
        || completed().unwrap_or(false)
}

#[test]
fn issuer_and_year_from_real_openings() {
    let table = std::fs::read_to_string(corpus().join("openings.tsv")).expect("openings.tsv");
    let (mut n, mut issuer_ok, mut year_ok, mut refused) = (0, 0, 0, Vec::new());
    let mut wrong = Vec::new();
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (file, named, full, year, from) = (f[0], f[2], f[3], f[5], f[6]);
        let bytes = std::fs::read(corpus().join(file)).expect("a corpus file");
        let r = import_bytes(file, &bytes, &ImportOptions::default()).expect("imports");
        n += 1;
        let expected_year: i32 = year.parse().expect("year");
        if r.year == expected_year && r.year_source != ValueSource::Missing {
            year_ok += 1;
        } else {
            wrong.push(format!(
                "{file}: year {} ({:?}), expected {year}",
                r.year, r.year_source
            ));
        }
        let names_itself = !matches!(from, "none" | "url_only");
        if r.issuer_source == ValueSource::Missing {
            if names_itself {
                refused.push(file.to_string());
            }
            continue;
        }
        if fits(&r.issuer, named, full) {
            issuer_ok += 1;
        } else if names_itself {
            wrong.push(format!(
                "{file}: issuer {} , expected {named} / {full}",
                r.issuer
            ));
        }
        // A guess is said: an issuer read from the text carries a note.
        if from != "title" && names_itself && !fits(&r.issuer, full, full) {
            assert!(
                r.uncertain.iter().any(|u| u.message.contains("发文机关")),
                "{file}: guessed {} without a note: {:?}",
                r.issuer,
                r.uncertain
            );
        }
    }
    println!(
        "{n} openings: issuer {issuer_ok}, year {year_ok}, refused {}\n{}",
        refused.len(),
        wrong.join("\n")
    );
    assert!(n >= 30);
    assert!(refused.is_empty(), "refused: {refused:?}");
    assert!(
        issuer_ok * 100 >= n * 85,
        "issuer right in {issuer_ok} of {n}:\n{}",
        wrong.join("\n")
    );
    assert!(
        year_ok * 100 >= n * 95,
        "year right in {year_ok} of {n}:\n{}",
        wrong.join("\n")
    );
}
