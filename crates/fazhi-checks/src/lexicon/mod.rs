//! The curated lexicon: wrong forms, their suggestions, a level, a context
//! condition, a group and an explanation. The built-in entries are data
//! (`assets/lexicon/lexicon.v1.tsv`, embedded); a library adds its own entries
//! and overrides built-in ones (same [`LexEntry::key`]) — they are stored in the
//! library (`lexicon_entries`) and merged here.

mod condition;
pub mod file;
mod matcher;
pub mod store;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids;
use crate::model::Severity;

pub use condition::{Condition, ConditionError};
pub(crate) use matcher::Matcher;

/// The version of the built-in lexicon (the file's name carries it too).
pub const BUILTIN_VERSION: u32 = 1;
const BUILTIN_TSV: &str = include_str!("../../../../assets/lexicon/lexicon.v1.tsv");

/// The reviewer's groups of lexicon entries; each is a rule of its own, so
/// that recall is measured and rules are switched per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum LexGroup {
    #[serde(rename = "错别字")]
    Typo,
    #[serde(rename = "近义混淆")]
    Confusion,
    #[serde(rename = "语病")]
    Grammar,
    #[serde(rename = "公文用语")]
    Style,
    #[serde(rename = "称谓")]
    Address,
    #[serde(rename = "法治术语")]
    Legal,
}

impl LexGroup {
    pub const ALL: [LexGroup; 6] = [
        LexGroup::Typo,
        LexGroup::Confusion,
        LexGroup::Grammar,
        LexGroup::Style,
        LexGroup::Address,
        LexGroup::Legal,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LexGroup::Typo => "错别字",
            LexGroup::Confusion => "近义混淆",
            LexGroup::Grammar => "语病",
            LexGroup::Style => "公文用语",
            LexGroup::Address => "称谓",
            LexGroup::Legal => "法治术语",
        }
    }

    pub fn parse(s: &str) -> Option<LexGroup> {
        LexGroup::ALL.into_iter().find(|g| g.label() == s.trim())
    }

    /// The rule id findings of this group carry.
    pub fn rule(self) -> &'static str {
        match self {
            LexGroup::Typo => ids::LEX_TYPO,
            LexGroup::Confusion => ids::LEX_CONFUSION,
            LexGroup::Grammar => ids::LEX_GRAMMAR,
            LexGroup::Style => ids::LEX_STYLE,
            LexGroup::Address => ids::LEX_ADDRESS,
            LexGroup::Legal => ids::LEX_LEGAL,
        }
    }
}

/// Where an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum LexSource {
    /// Shipped with the program.
    Builtin,
    /// A built-in entry changed in this library (level, enabled, …).
    Override,
    /// Added in this library.
    User,
}

/// One lexicon entry, as listed by `fazhi lexicon list --json`, edited in
/// 设置 → 词库 and written to CSV/XLSX.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LexEntry {
    pub wrong: String,
    /// Empty: delete the wrong form.
    pub suggestion: String,
    pub level: Severity,
    /// `always`, `followed_by:甲|乙`, `not_followed_by:…`, `preceded_by:…`,
    /// `not_preceded_by:…`, `regex:…`, several joined by `;`.
    pub condition: String,
    pub group: LexGroup,
    pub explanation: String,
    pub enabled: bool,
    /// A sentence the entry must flag.
    #[serde(default)]
    pub example: String,
    /// Sentences (separated by ／) the entry must leave alone.
    #[serde(default)]
    pub counter: String,
    pub source: LexSource,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LexError {
    #[error("第{line}行：{reason}")]
    Line { line: usize, reason: String },
}

impl LexEntry {
    /// Identifies an entry across the built-in list and a library's changes.
    pub fn key(&self) -> String {
        entry_key(&self.wrong, &self.condition)
    }

    /// Checks the fields a user can get wrong; `line` names the row.
    pub fn validate(&self, line: usize) -> Result<(), LexError> {
        self.validate_with(line, Compile::Now)
    }

    /// [`LexEntry::validate`], the condition's pattern compiled now or left
    /// for its first use (the built-in file, whose patterns the tests compile).
    fn validate_with(&self, line: usize, compile: Compile) -> Result<(), LexError> {
        let bad = |reason: String| LexError::Line { line, reason };
        if self.wrong.trim().is_empty() {
            return Err(bad("错误写法为空".into()));
        }
        if self.wrong == self.suggestion && !self.condition.starts_with("regex:") {
            return Err(bad(format!("“{}”的建议写法与错误写法相同", self.wrong)));
        }
        match compile {
            Compile::Now => Condition::parse(&self.condition).map(drop),
            Compile::OnFirstUse => Condition::parse_deferred(&self.condition).map(drop),
        }
        .map_err(|e| bad(e.to_string()))?;
        Ok(())
    }
}

pub fn entry_key(wrong: &str, condition: &str) -> String {
    format!("{}|{}", wrong.trim(), condition.trim())
}

/// 错误/警告/提示 (or error/warning/info).
pub fn parse_level(s: &str) -> Option<Severity> {
    Severity::parse(s)
}

/// The columns of the file forms (TSV, CSV, XLSX), in order.
pub const COLUMNS: [&str; 9] = [
    "wrong",
    "suggestion",
    "level",
    "condition",
    "group",
    "explanation",
    "example",
    "counter",
    "enabled",
];

/// When a condition's pattern is compiled while an entry is read.
#[derive(Clone, Copy)]
enum Compile {
    Now,
    OnFirstUse,
}

/// One row of text fields → an entry. Missing trailing fields take defaults
/// (level 警告, condition always, group 错别字, enabled).
pub fn entry_from_fields(
    fields: &[String],
    line: usize,
    source: LexSource,
) -> Result<LexEntry, LexError> {
    entry_from_fields_with(fields, line, source, Compile::Now)
}

fn entry_from_fields_with(
    fields: &[String],
    line: usize,
    source: LexSource,
    compile: Compile,
) -> Result<LexEntry, LexError> {
    let get = |i: usize| {
        fields
            .get(i)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let bad = |reason: String| LexError::Line { line, reason };
    let level_text = get(2);
    let level = if level_text.is_empty() {
        Severity::Warning
    } else {
        parse_level(&level_text)
            .ok_or_else(|| bad(format!("级别“{level_text}”无效，应为 错误、警告 或 提示")))?
    };
    let condition = match get(3) {
        c if c.is_empty() => "always".to_string(),
        c => c,
    };
    let group_text = get(4);
    let group = if group_text.is_empty() {
        LexGroup::Typo
    } else {
        LexGroup::parse(&group_text).ok_or_else(|| {
            bad(format!(
                "分组“{group_text}”无效，应为 错别字、近义混淆、语病、公文用语、称谓 或 法治术语"
            ))
        })?
    };
    let enabled = match get(8).as_str() {
        "" | "1" | "true" | "是" | "启用" | "yes" => true,
        "0" | "false" | "否" | "停用" | "no" => false,
        other => return Err(bad(format!("启用列“{other}”无效，应为 是 或 否"))),
    };
    let e = LexEntry {
        wrong: get(0),
        suggestion: get(1),
        level,
        condition,
        group,
        explanation: get(5),
        enabled,
        example: get(6),
        counter: get(7),
        source,
    };
    e.validate_with(line, compile)?;
    Ok(e)
}

fn parse_builtin(tsv: &str) -> Result<Vec<LexEntry>, LexError> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        // The file's patterns are compiled by its tests
        // (`every_builtin_pattern_compiles`), not by every process that reads it.
        out.push(entry_from_fields_with(
            &fields,
            i + 1,
            LexSource::Builtin,
            Compile::OnFirstUse,
        )?);
    }
    Ok(out)
}

static BUILTIN: LazyLock<Vec<LexEntry>> = LazyLock::new(|| {
    // The file is part of the program and covered by the tests.
    parse_builtin(BUILTIN_TSV).unwrap_or_else(|e| panic!("assets/lexicon/lexicon.v1.tsv: {e}"))
});

/// The shipped entries.
pub fn builtin() -> &'static [LexEntry] {
    &BUILTIN
}

/// The entries in force: the built-in ones with this library's overrides
/// applied (same key), then the library's own entries.
pub fn effective(library: &[LexEntry]) -> Vec<LexEntry> {
    let mut out: Vec<LexEntry> = builtin().to_vec();
    for e in library {
        let key = e.key();
        match out.iter_mut().find(|b| b.key() == key) {
            Some(b) => {
                let mut e = e.clone();
                e.source = if b.source == LexSource::User {
                    LexSource::User
                } else {
                    LexSource::Override
                };
                *b = e;
            }
            None => {
                let mut e = e.clone();
                e.source = LexSource::User;
                out.push(e);
            }
        }
    }
    out
}

/// Merges imported entries into a library's list: an entry with the same key
/// replaces the earlier one, new keys are appended. Imported rows that equal
/// the built-in entry exactly are not stored (nothing to override).
pub fn merge(library: &[LexEntry], imported: &[LexEntry]) -> Vec<LexEntry> {
    let mut out = library.to_vec();
    for e in imported {
        let key = e.key();
        let same_as_builtin = builtin().iter().any(|b| {
            b.key() == key
                && b.suggestion == e.suggestion
                && b.level == e.level
                && b.group == e.group
                && b.explanation == e.explanation
                && b.enabled == e.enabled
        });
        let pos = out.iter().position(|x| x.key() == key);
        match (pos, same_as_builtin) {
            (Some(i), true) => {
                out.remove(i);
            }
            (Some(i), false) => out[i] = e.clone(),
            (None, true) => {}
            (None, false) => out.push(e.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests;
