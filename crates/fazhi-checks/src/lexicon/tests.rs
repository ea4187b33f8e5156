//! Every entry of the built-in lexicon flags its own example, is silent once
//! its suggestion is applied, and is silent on its counter-examples; the
//! negative set (correct sentences, official names that contain a listed form,
//! amounts, legitimate reduplication) stays silent under the whole checker.

use super::*;
use crate::{check, RuleConfig};

/// The entry's hits in `text` (switched on: entries shipped off are tested
/// too) and the text with its suggestion applied.
fn apply(entry: &LexEntry, text: &str) -> (usize, String) {
    let on = LexEntry {
        enabled: true,
        ..entry.clone()
    };
    let m = Matcher::new(std::slice::from_ref(&on));
    let hits = m.find(text);
    let mut out = text.to_string();
    for h in hits.iter().rev() {
        out.replace_range(h.start..h.end, &entry.suggestion);
    }
    (hits.len(), out)
}

#[test]
fn the_builtin_lexicon_is_large_and_every_group_is_used() {
    let all = builtin();
    assert!(
        all.iter().filter(|e| e.enabled).count() >= 200,
        "{}",
        all.len()
    );
    for g in LexGroup::ALL {
        assert!(
            all.iter().filter(|e| e.group == g).count() >= 10,
            "group {} has fewer than 10 entries",
            g.label()
        );
    }
    let mut keys = std::collections::HashSet::new();
    for e in all {
        assert!(keys.insert(e.key()), "duplicate key {}", e.key());
    }
}

#[test]
fn every_entry_flags_its_example_and_not_its_correction_or_counters() {
    let mut failures = Vec::new();
    for e in builtin() {
        if e.example.is_empty() {
            failures.push(format!("{}: no example", e.key()));
            continue;
        }
        let (n, corrected) = apply(e, &e.example);
        if n == 0 {
            failures.push(format!("{}: example «{}» not flagged", e.key(), e.example));
            continue;
        }
        let (again, _) = apply(e, &corrected);
        if again != 0 {
            failures.push(format!(
                "{}: corrected «{corrected}» still flagged",
                e.key()
            ));
        }
        for c in e.counter.split('／').filter(|c| !c.trim().is_empty()) {
            let (n, _) = apply(e, c);
            if n != 0 {
                failures.push(format!("{}: counter «{c}» flagged", e.key()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rules that the lexicon and this issue add.
const PROOFING_RULES: [&str; 10] = [
    crate::ids::LEX_TYPO,
    crate::ids::LEX_CONFUSION,
    crate::ids::LEX_GRAMMAR,
    crate::ids::LEX_STYLE,
    crate::ids::LEX_ADDRESS,
    crate::ids::LEX_LEGAL,
    crate::ids::CITE_LAW_TITLE,
    crate::ids::DATE_WEEKDAY,
    crate::ids::NUMBER_ZERO,
    crate::ids::NUMBER_MIXED,
];

fn proofing_findings(text: &str) -> Vec<crate::Finding> {
    let (mut d, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate("某县人民政府", 2023, false);
    d.parts[0].sections[0]
        .paragraphs
        .push(fazhi_core::Paragraph::new(text));
    check(&d, &RuleConfig::default())
        .into_iter()
        .filter(|f| PROOFING_RULES.contains(&f.rule.as_str()))
        .collect()
}

#[test]
fn the_negative_set_stays_silent() {
    let set = include_str!("../../tests/negatives.txt");
    let mut alarms = Vec::new();
    let mut n = 0;
    for line in set.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        for f in proofing_findings(line) {
            alarms.push(format!("«{line}»: {} «{}» {}", f.rule, f.text, f.message));
        }
    }
    assert!(n >= 100, "the negative set has {n} sentences");
    assert!(alarms.is_empty(), "false alarms:\n{}", alarms.join("\n"));
}

#[test]
fn overrides_and_user_entries_merge_by_key() {
    let b = builtin()[0].clone();
    let mut off = b.clone();
    off.enabled = false;
    off.source = LexSource::User;
    let mut mine = b.clone();
    mine.wrong = "某某错词".into();
    mine.suggestion = "某某正词".into();
    mine.example = String::new();
    let eff = effective(&[off.clone(), mine.clone()]);
    assert_eq!(eff.len(), builtin().len() + 1);
    let got = eff.iter().find(|e| e.key() == b.key()).unwrap();
    assert!(!got.enabled);
    assert_eq!(got.source, LexSource::Override);
    assert_eq!(eff.last().unwrap().source, LexSource::User);
    // Merging an import: the same key replaces, a row equal to the built-in
    // entry removes the override.
    let merged = merge(&[off.clone()], std::slice::from_ref(&mine));
    assert_eq!(merged.len(), 2);
    let merged = merge(&merged, std::slice::from_ref(&b));
    assert_eq!(merged, vec![mine]);
}

#[test]
fn files_round_trip_and_bad_rows_are_refused_in_chinese() {
    let some: Vec<LexEntry> = builtin().iter().take(20).cloned().collect();
    let back = file::from_csv(&file::to_csv(&some).unwrap()).unwrap();
    let strip = |v: &[LexEntry]| -> Vec<LexEntry> {
        v.iter()
            .map(|e| LexEntry {
                source: LexSource::User,
                ..e.clone()
            })
            .collect()
    };
    assert_eq!(back, strip(&some));
    let back = file::from_xlsx(&file::to_xlsx(&some).unwrap()).unwrap();
    assert_eq!(back, strip(&some));
    let e = file::from_csv("错误写法,建议写法,级别\n布署,部署,严重\n".as_bytes()).unwrap_err();
    assert!(
        e.to_string().contains("第2行") && e.to_string().contains("严重"),
        "{e}"
    );
    let e = file::from_csv("wrong,suggestion\n".as_bytes()).unwrap();
    assert!(e.is_empty());
    let e = file::from_csv("a,b\n".as_bytes()).unwrap_err();
    assert!(matches!(e, file::FileError::Empty));
    let e =
        file::from_csv("wrong,suggestion,level,condition\n错词,对词,错误,regex:((\n".as_bytes())
            .unwrap_err();
    assert!(e.to_string().contains("正则表达式"), "{e}");
}

/// The built-in file is read without compiling its patterns (they compile on
/// first use); here every one of them must compile.
#[test]
fn every_builtin_pattern_compiles() {
    let mut with_pattern = 0;
    for (i, e) in builtin().iter().enumerate() {
        if e.condition.contains("regex:") {
            with_pattern += 1;
        }
        if let Err(err) = e.validate(i + 1) {
            panic!("{}: {err}", e.key());
        }
    }
    assert!(with_pattern > 0);
}
