//! The negative set (tests/negatives.txt, issue #18) under every text rule,
//! not only the proofing ones: a correct sentence from a real report must not
//! draw a finding from any rule that reads sentences (citations, years,
//! figures, punctuation, repeats …). Structure rules are about the whole
//! report and are left out.

use fazhi_checks::{check, RuleConfig};
use fazhi_core::{template, Paragraph};

#[test]
fn the_negative_set_stays_silent_under_every_text_rule() {
    let set = include_str!("negatives.txt");
    let mut alarms = Vec::new();
    let mut n = 0;
    for line in set.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        let (mut d, _) = template::latest("statutory")
            .expect("statutory template")
            .instantiate("某县人民政府", 2023, false);
        let p = Paragraph::new(line);
        let id = p.id.clone();
        d.parts[0].sections[0].paragraphs.push(p);
        for f in check(&d, &RuleConfig::default()) {
            if f.location.node_id == id && !f.rule.starts_with("structure.") {
                alarms.push(format!("«{line}»: {} «{}» {}", f.rule, f.text, f.message));
            }
        }
    }
    assert!(n >= 100, "the negative set has {n} sentences");
    assert!(alarms.is_empty(), "false alarms:\n{}", alarms.join("\n"));
}
