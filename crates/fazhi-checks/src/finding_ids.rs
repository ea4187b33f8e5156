//! Stable finding ids. An id names a finding by what it is — the rule, the
//! node, the text found and which occurrence of that (rule, text) in the node
//! it is — and not by its offset, so that it survives edits elsewhere in the
//! report (and elsewhere in the same paragraph, unless an earlier occurrence of
//! the same text is added). Ignoring a finding once stores this id.

use std::collections::HashMap;

use crate::model::Finding;

/// FNV-1a, 64 bits: stable across runs and Rust versions (DefaultHasher is not).
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

pub(crate) fn id_for(salt: &str, rule: &str, node: &str, text: &str, occurrence: usize) -> String {
    let n = occurrence.to_string();
    format!(
        "{:012x}",
        fnv(&[salt, rule, node, text, &n]) & 0xffff_ffff_ffff
    )
}

/// Gives each finding its id; `findings` are in reading order.
pub(crate) fn assign(findings: &mut [Finding], salt: &str) {
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    for f in findings {
        let k = (f.rule.clone(), f.location.node_id.clone(), f.text.clone());
        let n = seen.entry(k).or_default();
        f.id = id_for(salt, &f.rule, &f.location.node_id, &f.text, *n);
        *n += 1;
    }
}

/// Re-ids the findings of the rules whose meaning depends on the report's
/// 成文日期 (`ids::DATED`) with the date's year in the salt, so that a finding
/// ignored once under one date is not taken for the finding under another.
/// `findings` are one node's, in reading order, ids given by [`assign`].
pub(crate) fn assign_dated(findings: &mut [Finding], written: i32) {
    let salt = format!("成文{written}");
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for f in findings
        .iter_mut()
        .filter(|f| crate::ids::DATED.contains(&f.rule.as_str()))
    {
        let n = seen.entry((f.rule.clone(), f.text.clone())).or_default();
        f.id = id_for(&salt, &f.rule, &f.location.node_id, &f.text, *n);
        *n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fixed_strings() {
        // Pinned: a change here would orphan every stored “ignore once”.
        assert_eq!(id_for("", "lex.typo", "abc", "布署", 0).len(), 12);
        assert_eq!(
            id_for("", "lex.typo", "abc", "布署", 0),
            id_for("", "lex.typo", "abc", "布署", 0)
        );
        assert_ne!(
            id_for("", "lex.typo", "abc", "布署", 0),
            id_for("", "lex.typo", "abc", "布署", 1)
        );
    }
}
