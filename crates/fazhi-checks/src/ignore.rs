//! Ignored findings: which of a check's findings the user set aside (once, or
//! remembered for a report or the library), given the library's ignores.

use fazhi_core::store::ignored::{IgnoreScope, IgnoredFinding};

use crate::model::Finding;

/// Whether `ignore` covers `f`: an ignore-once by the finding's stable id, a
/// remembered one by rule and text (wherever it is found).
pub fn covers(ignore: &IgnoredFinding, f: &Finding) -> bool {
    match ignore.scope {
        IgnoreScope::Once => ignore.finding_id == f.id && ignore.rule == f.rule,
        IgnoreScope::Report | IgnoreScope::Library => {
            ignore.rule == f.rule && ignore.text == f.text
        }
    }
}

/// Splits findings into those shown and those ignored.
pub fn partition(
    findings: Vec<Finding>,
    ignores: &[IgnoredFinding],
) -> (Vec<Finding>, Vec<Finding>) {
    findings
        .into_iter()
        .partition(|f| !ignores.iter().any(|i| covers(i, f)))
}
