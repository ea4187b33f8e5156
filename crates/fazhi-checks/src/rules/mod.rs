//! The rules. Node rules look at one text node (with its place in the
//! document); document rules look at the parts as a whole and at facts the node
//! pass collected (list markers, stated quantities).

pub(crate) mod doc;
pub(crate) mod patterns;
pub(crate) mod punct;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::config::{RuleConfig, WordPair};
use crate::lexicon::Matcher;
use crate::model::Severity;
use crate::model::{Finding, Fix, Location};
use crate::nodes::Node;
use crate::registry;
use crate::text::Text;

/// The built-in lexicon compiled once per process (most libraries add nothing).
static BUILTIN_LEXICON: std::sync::LazyLock<std::sync::Arc<Matcher>> =
    std::sync::LazyLock::new(|| std::sync::Arc::new(Matcher::new(crate::lexicon::builtin())));

/// Word lists compiled once per configuration.
pub(crate) struct Lists {
    pub lexicon: std::sync::Arc<Matcher>,
    pub typos: Option<(AhoCorasick, Vec<WordPair>)>,
    pub names: Option<(AhoCorasick, Vec<WordPair>)>,
    pub terms: Option<(AhoCorasick, Vec<String>)>,
    /// Only findings of severity 错误 are wanted ([`crate::check_errors`]): the lexicon
    /// looks for its warnings only where it found an error.
    pub errors_only: bool,
}

fn automaton(words: &[&str]) -> Option<AhoCorasick> {
    if words.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .ok()
}

impl Lists {
    pub fn new(cfg: &RuleConfig) -> Lists {
        let pairs = |list: &[WordPair]| {
            let kept: Vec<WordPair> = list
                .iter()
                .filter(|p| !p.wrong.trim().is_empty() && p.wrong != p.right)
                .cloned()
                .collect();
            let words: Vec<&str> = kept.iter().map(|p| p.wrong.as_str()).collect();
            automaton(&words).map(|a| (a, kept))
        };
        let terms: Vec<String> = cfg
            .sensitive_terms
            .iter()
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .collect();
        let words: Vec<&str> = terms.iter().map(String::as_str).collect();
        let lexicon = if cfg.lexicon.is_empty() {
            BUILTIN_LEXICON.clone()
        } else {
            std::sync::Arc::new(Matcher::new(&crate::lexicon::effective(&cfg.lexicon)))
        };
        Lists {
            lexicon,
            typos: pairs(&cfg.typos),
            names: pairs(&cfg.names),
            terms: automaton(&words).map(|a| (a, terms)),
            errors_only: false,
        }
    }

    /// The lists for [`crate::check_errors`].
    pub fn errors_only(cfg: &RuleConfig) -> Lists {
        Lists {
            errors_only: true,
            ..Lists::new(cfg)
        }
    }
}

/// A numbering marker found in a paragraph: 一是 (`list`) or a leading
/// 一、/（一）/1./（1） (`level` 1..=4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Marker {
    pub level: usize,
    pub value: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A stated quantity: 开展法治讲座 75 场, keyed by the words before the number,
/// the unit and the years named in the same sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Quantity {
    pub key: String,
    /// The words just before the key's label when the label was cut from a
    /// longer run (县政府|县政府部门 + 规范性文件备案): two figures whose
    /// qualifiers differ count different things.
    pub qualifier: String,
    pub value: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// 一是、二是 markers anywhere in the paragraph.
    pub list_markers: Vec<Marker>,
    /// A marker that opens the paragraph.
    pub lead: Option<Marker>,
    pub quantities: Vec<Quantity>,
}

/// What a node rule sees.
pub(crate) struct Cx<'a, 'b> {
    pub node: &'b Node<'a>,
    pub t: Text<'a>,
    pub year: i32,
    /// The year of the report's 成文日期, when it has one.
    pub written: Option<i32>,
    /// The report's 发文机关.
    pub issuer: &'b str,
    pub cfg: &'b RuleConfig,
    pub lists: &'b Lists,
    pub out: Vec<Finding>,
    /// Char ranges already claimed by a document-number finding, so that the
    /// punctuation rule does not report the same brackets twice.
    pub claimed: Vec<(usize, usize)>,
}

impl Cx<'_, '_> {
    pub fn on(&self, rule: &str) -> bool {
        self.cfg.is_enabled(rule)
    }

    pub fn emit(
        &mut self,
        rule: &'static str,
        start: usize,
        end: usize,
        message: String,
        fix: Option<Fix>,
    ) {
        let severity = self.cfg.severity(rule);
        self.emit_at(rule, severity, start, end, message, fix);
    }

    /// Like [`Cx::emit`] with the severity given (a lexicon entry's level).
    pub fn emit_at(
        &mut self,
        rule: &'static str,
        severity: Severity,
        start: usize,
        end: usize,
        message: String,
        fix: Option<Fix>,
    ) {
        if !self.on(rule) {
            return;
        }
        let Some(def) = registry::def_of_emitted(rule) else {
            return;
        };
        self.out.push(Finding {
            id: String::new(),
            rule: rule.to_string(),
            category: def.category,
            severity,
            message,
            location: Location {
                node_id: self.node.id.to_string(),
                start,
                end,
            },
            text: self.t.slice(start, end),
            fix,
        });
    }
}

pub(crate) fn fix(replacement: impl Into<String>, safe: bool) -> Option<Fix> {
    let replacement = replacement.into();
    let label = if replacement.is_empty() {
        "删除".to_string()
    } else {
        format!("改为“{replacement}”")
    };
    Some(Fix {
        replacement,
        safe,
        label,
    })
}

/// Runs every node rule and collects the node's facts.
pub(crate) fn run_node(cx: &mut Cx) -> Facts {
    patterns::doc_numbers(cx);
    punct::run(cx);
    patterns::run(cx);
    doc::facts(cx)
}

#[cfg(test)]
mod tests;
