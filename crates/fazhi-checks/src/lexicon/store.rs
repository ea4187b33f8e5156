//! The library's lexicon entries ↔ the store's rows.

use fazhi_core::store::lexicon::LexiconRow;
use fazhi_core::Store;

use super::{entry_from_fields, LexEntry, LexSource};
use crate::config::ConfigError;
use crate::model::Severity;

fn level_sql(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

pub fn to_row(e: &LexEntry) -> LexiconRow {
    LexiconRow {
        wrong: e.wrong.trim().to_string(),
        suggestion: e.suggestion.clone(),
        level: level_sql(e.level).to_string(),
        condition: e.condition.trim().to_string(),
        group: e.group.label().to_string(),
        explanation: e.explanation.clone(),
        example: e.example.clone(),
        counter: e.counter.clone(),
        enabled: e.enabled,
    }
}

pub fn from_row(r: &LexiconRow, line: usize) -> Result<LexEntry, ConfigError> {
    let fields = [
        r.wrong.clone(),
        r.suggestion.clone(),
        r.level.clone(),
        r.condition.clone(),
        r.group.clone(),
        r.explanation.clone(),
        r.example.clone(),
        r.counter.clone(),
        if r.enabled { "1" } else { "0" }.to_string(),
    ];
    entry_from_fields(&fields, line, LexSource::User)
        .map_err(|e| ConfigError::Lexicon(e.to_string()))
}

/// The library's entries (own and overrides), as stored. A row that does not
/// make a valid entry (one brought by a review package from a newer build,
/// say) is skipped rather than stopping every check.
pub fn load(store: &Store) -> Result<Vec<LexEntry>, ConfigError> {
    Ok(store
        .lexicon_entries()?
        .iter()
        .enumerate()
        .filter_map(|(i, r)| from_row(r, i + 1).ok())
        .collect())
}

/// Replaces the library's entries (validated first; nothing is written when
/// one is invalid).
pub fn save(store: &mut Store, entries: &[LexEntry]) -> Result<(), ConfigError> {
    for (i, e) in entries.iter().enumerate() {
        e.validate(i + 1)
            .map_err(|e| ConfigError::Lexicon(e.to_string()))?;
    }
    let rows: Vec<LexiconRow> = entries.iter().map(to_row).collect();
    store.set_lexicon_entries(&rows)?;
    Ok(())
}
