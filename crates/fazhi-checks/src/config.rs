//! Per-library rule settings: rules on/off, severities and the editable word
//! lists. Stored as JSON in the library's settings table.

use std::collections::BTreeMap;

use fazhi_core::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids;
use crate::model::Severity;
use crate::registry;

/// The settings key the configuration is stored under.
pub const SETTINGS_KEY: &str = "checks.config";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("读取或保存校对设置失败：{0}")]
    Store(#[from] fazhi_core::Error),
    #[error("校对设置（{key}）不是有效的 JSON：{reason}")]
    BadJson { key: &'static str, reason: String },
    #[error("校对设置中没有规则“{0}”")]
    UnknownRule(String),
    #[error("词库条目有误：{0}")]
    Lexicon(String),
}

/// A rule's setting; absent fields keep the rule's default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleSetting {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub severity: Option<Severity>,
}

fn yes() -> bool {
    true
}

/// A wrong form and the right one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WordPair {
    pub wrong: String,
    pub right: String,
}

impl WordPair {
    pub fn new(wrong: &str, right: &str) -> WordPair {
        WordPair {
            wrong: wrong.to_string(),
            right: right.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleConfig {
    /// Only rules that differ from their defaults need an entry.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// Common typos (word.typo).
    #[serde(default = "default_typos")]
    pub typos: Vec<WordPair>,
    /// Terms that must not appear in a published report (secret.term).
    #[serde(default)]
    pub sensitive_terms: Vec<String>,
    /// Office-specific names: an outdated or misspelt name and the right one (word.name).
    #[serde(default)]
    pub names: Vec<WordPair>,
    /// This library's lexicon entries and overrides of built-in ones (the
    /// `lexicon_entries` table, not this JSON): filled by [`RuleConfig::load`].
    #[serde(skip)]
    #[ts(skip)]
    pub lexicon: Vec<crate::lexicon::LexEntry>,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig {
            rules: BTreeMap::new(),
            typos: default_typos(),
            sensitive_terms: Vec::new(),
            names: Vec::new(),
            lexicon: Vec::new(),
        }
    }
}

/// The built-in misspellings moved to the curated lexicon (lex.*); this list
/// holds only what a library adds to word.typo.
fn default_typos() -> Vec<WordPair> {
    Vec::new()
}

impl RuleConfig {
    /// The stored configuration, or the defaults when none is stored.
    pub fn load(store: &Store) -> Result<RuleConfig, ConfigError> {
        let mut cfg = match store.setting(SETTINGS_KEY)? {
            None => RuleConfig::default(),
            Some(s) => RuleConfig::from_json(&s)?,
        };
        cfg.lexicon = crate::lexicon::store::load(store)?;
        Ok(cfg)
    }

    pub fn save(&self, store: &mut Store) -> Result<(), ConfigError> {
        self.validate()?;
        let json = serde_json::to_string(self).map_err(|e| ConfigError::BadJson {
            key: SETTINGS_KEY,
            reason: e.to_string(),
        })?;
        store.set_setting(SETTINGS_KEY, &json)?;
        Ok(())
    }

    pub fn from_json(s: &str) -> Result<RuleConfig, ConfigError> {
        let bad = |reason: String| ConfigError::BadJson {
            key: SETTINGS_KEY,
            reason,
        };
        let value: serde_json::Value = serde_json::from_str(s).map_err(|e| bad(e.to_string()))?;
        // serde reads a struct from an array of its fields in order, so `[]` would
        // pass as "all defaults"; settings are objects, anything else is damage.
        let all_objects = |v: Option<&serde_json::Value>, list: bool| {
            v.is_none_or(|v| match (list, v) {
                (true, serde_json::Value::Array(items)) => items.iter().all(|i| i.is_object()),
                (false, serde_json::Value::Object(m)) => m.values().all(|i| i.is_object()),
                _ => false,
            })
        };
        let objects = value.as_object().is_some_and(|o| {
            all_objects(o.get("rules"), false)
                && all_objects(o.get("typos"), true)
                && all_objects(o.get("names"), true)
        });
        if !objects {
            return Err(bad(
                "应为 JSON 对象（{…}），每条规则的设置和每个词条也应为对象".into(),
            ));
        }
        let cfg: RuleConfig = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
        cfg.validate()?;
        Ok(cfg)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        match self.rules.keys().find(|k| registry::def(k).is_none()) {
            Some(k) => Err(ConfigError::UnknownRule(k.clone())),
            None => Ok(()),
        }
    }

    pub fn is_enabled(&self, rule: &str) -> bool {
        self.rules.get(rule).is_none_or(|s| s.enabled)
    }

    /// The severity in force: the library's choice, else the rule's default.
    pub fn severity(&self, rule: &str) -> Severity {
        self.rules
            .get(rule)
            .and_then(|s| s.severity)
            .or_else(|| registry::def(rule).map(|d| d.severity))
            .unwrap_or(Severity::Warning)
    }

    /// Whether `rule` can give a finding of severity 错误 here: it is on and its severity
    /// in force is 错误. A lexicon group's findings (lex.*) take each entry's level unless
    /// the library set the group's severity, so a group can while it is on and its
    /// severity is 错误 or not set (its entries are sorted out hit by hit).
    pub(crate) fn can_give_error(&self, rule: &str) -> bool {
        if !self.is_enabled(rule) {
            return false;
        }
        let set = self.rules.get(rule).and_then(|s| s.severity);
        if crate::lexicon::LexGroup::ALL
            .iter()
            .any(|g| g.rule() == rule)
        {
            return set.is_none_or(|s| s == Severity::Error);
        }
        self.severity(rule) == Severity::Error
    }

    /// This configuration with every rule switched off that cannot give an error (see
    /// [`RuleConfig::can_give_error`]) — except the document-number rule while the
    /// half-width punctuation rule can: that one leaves the brackets of a document
    /// number to it. Rules are independent otherwise (each reads only the text, its own
    /// patterns and its switch), so the rules kept give exactly the findings they give
    /// with every rule on: [`crate::check_errors`].
    pub(crate) fn for_errors(&self) -> RuleConfig {
        let mut cfg = self.clone();
        let docnum_read = self.can_give_error(ids::PUNCT_HALFWIDTH);
        for def in registry::RULES {
            let keep = self.can_give_error(def.id) || (def.id == ids::DOCNUM_FORMAT && docnum_read);
            if !keep {
                cfg.rules
                    .entry(def.id.to_string())
                    .or_insert_with(|| RuleSetting {
                        enabled: true,
                        severity: None,
                    })
                    .enabled = false;
            }
        }
        cfg
    }

    pub fn set_enabled(&mut self, rule: &str, enabled: bool) -> Result<(), ConfigError> {
        self.entry(rule)?.enabled = enabled;
        Ok(())
    }

    pub fn set_severity(&mut self, rule: &str, severity: Severity) -> Result<(), ConfigError> {
        self.entry(rule)?.severity = Some(severity);
        Ok(())
    }

    fn entry(&mut self, rule: &str) -> Result<&mut RuleSetting, ConfigError> {
        if registry::def(rule).is_none() {
            return Err(ConfigError::UnknownRule(rule.to_string()));
        }
        Ok(self
            .rules
            .entry(rule.to_string())
            .or_insert_with(|| RuleSetting {
                enabled: true,
                severity: None,
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_nothing_is_stored_and_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let cfg = RuleConfig::load(&store).unwrap();
        assert_eq!(cfg, RuleConfig::default());
        assert!(cfg.is_enabled("punct.halfwidth"));
        assert_eq!(cfg.severity("punct.halfwidth"), Severity::Error);

        let mut cfg = cfg;
        cfg.set_enabled("year.jinnian", false).unwrap();
        cfg.set_severity("punct.halfwidth", Severity::Warning)
            .unwrap();
        cfg.sensitive_terms.push("某项目代号".into());
        cfg.names.push(WordPair::new("法制办", "司法局"));
        cfg.save(&mut store).unwrap();

        let back = RuleConfig::load(&store).unwrap();
        assert_eq!(back, cfg);
        assert!(!back.is_enabled("year.jinnian"));
        assert_eq!(back.severity("punct.halfwidth"), Severity::Warning);
        assert!(store.setting(SETTINGS_KEY).unwrap().is_some());
    }

    #[test]
    fn unknown_rules_and_bad_json_are_refused_in_chinese() {
        let mut cfg = RuleConfig::default();
        let e = cfg.set_enabled("no.such", false).unwrap_err();
        assert!(e.to_string().contains("no.such"));
        let e = RuleConfig::from_json("{ not json").unwrap_err();
        assert!(e.to_string().contains("不是有效的 JSON"));
        let e = RuleConfig::from_json(r#"{"rules":{"x.y":{"enabled":false}}}"#).unwrap_err();
        assert!(matches!(e, ConfigError::UnknownRule(_)));
        // Arrays would deserialize field by field: refused, not read as defaults.
        for damaged in [
            "[]",
            "[{}]",
            r#"{"rules":{"punct.space":[false]}}"#,
            r#"{"rules":[]}"#,
            r#"{"typos":[["a","b"]]}"#,
            r#"{"names":{}}"#,
            "null",
        ] {
            let e = RuleConfig::from_json(damaged).unwrap_err();
            assert!(e.to_string().contains("应为 JSON 对象"), "{damaged}: {e}");
        }
    }

    #[test]
    fn partial_json_keeps_defaults() {
        let cfg = RuleConfig::from_json(r#"{"rules":{"punct.space":{"enabled":false}}}"#).unwrap();
        assert!(!cfg.is_enabled("punct.space"));
        assert_eq!(cfg.typos, default_typos());
    }
}
