//! [`check_errors`] gives exactly the errors of [`check`] — same findings, ids and
//! order — on every text the project has (the fixtures, the corpus, the checks' own
//! test texts, the sample, every lexicon entry's example and counter-example), under
//! the default settings and settings that move rules between 错误 and 警告, switch
//! rules and lexicon groups off, or set a group's severity over its entries' levels.

use std::path::{Path, PathBuf};

use fazhi_core::{Document, Paragraph};

use super::{check, check_errors};
use crate::config::RuleConfig;
use crate::lexicon::LexGroup;
use crate::model::Severity;
use crate::testing::document_from_text;
use crate::{ids, registry};

fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![
        root.join("tests/fixtures"),
        root.join("crates/fazhi-checks/tests"),
        root.join("assets/samples"),
    ];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("fixture folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("fixture text");
            (p.display().to_string(), text)
        })
        .collect();
    // The lexicon's own sentences: every entry's hits and near misses.
    let sentences: Vec<String> = crate::lexicon::builtin()
        .iter()
        .flat_map(|e| {
            e.example
                .split('／')
                .chain(e.counter.split('／'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.trim().is_empty())
        .collect();
    out.push(("lexicon sentences".into(), sentences.join("\n")));
    assert!(out.len() > 100, "fixture texts found: {}", out.len());
    out
}

/// Every line a paragraph of the preface, the first line the title.
fn as_lines(text: &str) -> Document {
    let mut doc = document_from_text("", "某县人民政府", 2019);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    doc.title_override = lines.next().map(str::to_string);
    doc.preface.extend(lines.map(Paragraph::new));
    doc
}

fn configs() -> Vec<(&'static str, RuleConfig)> {
    let set = |f: &dyn Fn(&mut RuleConfig)| {
        let mut c = RuleConfig::default();
        f(&mut c);
        c
    };
    let sev = |c: &mut RuleConfig, rule: &str, s: Severity| {
        c.set_severity(rule, s).expect("a registered rule");
    };
    let off = |c: &mut RuleConfig, rule: &str| {
        c.set_enabled(rule, false).expect("a registered rule");
    };
    vec![
        ("default", RuleConfig::default()),
        (
            // The document-number rule is a warning, but the half-width rule still
            // leaves a document number's brackets to it.
            "docnum a warning",
            set(&|c| sev(c, ids::DOCNUM_FORMAT, Severity::Warning)),
        ),
        (
            "every severity flipped",
            set(&|c| {
                for r in registry::RULES {
                    let s = if r.severity == Severity::Error {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    sev(c, r.id, s);
                }
            }),
        ),
        (
            "groups set and off",
            set(&|c| {
                sev(c, ids::LEX_CONFUSION, Severity::Error);
                sev(c, ids::LEX_TYPO, Severity::Warning);
                off(c, ids::LEX_STYLE);
                off(c, ids::PUNCT_HALFWIDTH);
                sev(c, ids::FIGURE_INCONSISTENT, Severity::Error);
                sev(c, ids::LEX_GRAMMAR, Severity::Error);
            }),
        ),
        (
            // A group that is off still holds its places: the errors of another
            // group overlapping its hits stay unreported, in both.
            "a group with errors off",
            set(&|c| {
                off(c, ids::LEX_TYPO);
                off(c, ids::DOCNUM_FORMAT);
                sev(c, ids::NUMBER_MIXED, Severity::Error);
                sev(c, ids::PUNCT_NUM_RANGE, Severity::Error);
            }),
        ),
    ]
}

#[test]
fn check_errors_gives_exactly_the_errors_of_check_on_every_fixture_text() {
    let texts = texts();
    let mut errors = 0;
    let mut lexicon_errors = 0;
    for (name, cfg) in configs() {
        for (file, text) in &texts {
            for (form, doc) in [
                ("parts", document_from_text(text, "某县人民政府", 2019)),
                ("lines", as_lines(text)),
            ] {
                let mut want = check(&doc, &cfg);
                want.retain(|f| f.severity == Severity::Error);
                let got = check_errors(&doc, &cfg);
                assert_eq!(got, want, "{name}: {file} ({form})");
                errors += want.len();
                lexicon_errors += want
                    .iter()
                    .filter(|f| LexGroup::ALL.iter().any(|g| g.rule() == f.rule))
                    .count();
            }
        }
    }
    // The texts exercise the rules, and the lexicon's errors in particular.
    assert!(errors > 5_000, "{errors} errors");
    assert!(lexicon_errors > 300, "{lexicon_errors} lexicon errors");
}

#[test]
fn only_the_rules_that_can_give_an_error_run() {
    let cfg = RuleConfig::default().for_errors();
    for r in registry::RULES {
        let lexicon = LexGroup::ALL.iter().any(|g| g.rule() == r.id);
        let expected = lexicon || r.severity == Severity::Error;
        assert_eq!(cfg.is_enabled(r.id), expected, "{}", r.id);
    }
    let mut warn = RuleConfig::default();
    warn.set_severity(ids::DOCNUM_FORMAT, Severity::Warning)
        .expect("rule");
    warn.set_severity(ids::LEX_CONFUSION, Severity::Info)
        .expect("rule");
    let cfg = warn.for_errors();
    assert!(
        cfg.is_enabled(ids::DOCNUM_FORMAT),
        "read by punct.halfwidth"
    );
    assert!(!cfg.is_enabled(ids::LEX_CONFUSION));
    warn.set_enabled(ids::PUNCT_HALFWIDTH, false).expect("rule");
    assert!(!warn.for_errors().is_enabled(ids::DOCNUM_FORMAT));
}
