//! An entry's context condition: where its wrong form is really wrong.

use std::sync::OnceLock;

use regex::Regex;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConditionError {
    #[error("条件“{0}”无法识别，应为 always、followed_by:…、not_followed_by:…、preceded_by:…、not_preceded_by:… 或 regex:…")]
    Unknown(String),
    #[error("条件“{0}”缺少词语")]
    Empty(String),
    #[error("正则表达式“{0}”无效：{1}")]
    Regex(String, String),
}

#[derive(Debug, Clone)]
enum Test {
    Followed(Vec<String>),
    NotFollowed(Vec<String>),
    Preceded(Vec<String>),
    NotPreceded(Vec<String>),
}

/// A condition's pattern, compiled on first use: most regex entries never
/// meet their wrong form in a report, and compiling them all is most of what a
/// cold check (a `fazhi export`'s count) would spend on the lexicon.
#[derive(Debug, Clone)]
struct Pattern {
    source: String,
    /// `None` inside: the pattern does not compile (only possible for a
    /// condition parsed with [`Condition::parse_deferred`]).
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
    }
}

/// A parsed condition: context tests, and at most one regex (the last part).
#[derive(Debug, Clone)]
pub struct Condition {
    tests: Vec<Test>,
    regex: Option<Pattern>,
}

fn words(kind: &str, rest: &str) -> Result<Vec<String>, ConditionError> {
    let w: Vec<String> = rest
        .split('|')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if w.is_empty() {
        Err(ConditionError::Empty(kind.to_string()))
    } else {
        Ok(w)
    }
}

impl Condition {
    /// Parses and compiles the condition: an invalid pattern is an error here
    /// (what a user typing an entry must hear).
    pub fn parse(s: &str) -> Result<Condition, ConditionError> {
        let c = Condition::parse_deferred(s)?;
        if let Some(p) = &c.regex {
            let r = Regex::new(&p.source)
                .map_err(|e| ConditionError::Regex(p.source.clone(), e.to_string()))?;
            // A fresh OnceLock: cannot be set yet.
            let _ = p.compiled.set(Some(r));
        }
        Ok(c)
    }

    /// Parses the condition and leaves its pattern to be compiled on first use
    /// ([`Condition::regex`]); a pattern that does not compile then matches
    /// nothing. For entries validated before: the built-in lexicon (every
    /// pattern compiled by its tests) and the library's stored entries.
    pub(crate) fn parse_deferred(s: &str) -> Result<Condition, ConditionError> {
        let mut tests = Vec::new();
        let mut regex = None;
        let mut rest = s.trim();
        while !rest.is_empty() {
            if let Some(p) = rest.strip_prefix("regex:") {
                // The pattern runs to the end: it may contain ';' and '|'.
                regex = Some(Pattern {
                    source: p.to_string(),
                    compiled: OnceLock::new(),
                });
                break;
            }
            let (part, next) = rest.split_once(';').unwrap_or((rest, ""));
            rest = next.trim();
            let part = part.trim();
            if part.is_empty() || part == "always" {
                continue;
            }
            let (kind, list) = part
                .split_once(':')
                .ok_or_else(|| ConditionError::Unknown(part.to_string()))?;
            let w = words(kind, list)?;
            tests.push(match kind.trim() {
                "followed_by" => Test::Followed(w),
                "not_followed_by" => Test::NotFollowed(w),
                "preceded_by" => Test::Preceded(w),
                "not_preceded_by" => Test::NotPreceded(w),
                _ => return Err(ConditionError::Unknown(part.to_string())),
            });
        }
        Ok(Condition { tests, regex })
    }

    /// Whether the condition has a pattern (compiled or not yet).
    pub(crate) fn has_regex(&self) -> bool {
        self.regex.is_some()
    }

    /// The pattern, compiled now if it was not yet; `None` without one, or
    /// when it does not compile.
    pub(crate) fn regex(&self) -> Option<&Regex> {
        self.regex.as_ref().and_then(Pattern::get)
    }

    /// Whether the context tests hold around `text[start..end]` (bytes).
    pub(crate) fn holds(&self, text: &str, start: usize, end: usize) -> bool {
        let before = &text[..start];
        let after = &text[end..];
        self.tests.iter().all(|t| match t {
            Test::Followed(w) => w.iter().any(|x| after.starts_with(x.as_str())),
            Test::NotFollowed(w) => !w.iter().any(|x| after.starts_with(x.as_str())),
            Test::Preceded(w) => w.iter().any(|x| before.ends_with(x.as_str())),
            Test::NotPreceded(w) => !w.iter().any(|x| before.ends_with(x.as_str())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_tests_context() {
        let c = Condition::parse("not_preceded_by:不|甚;not_followed_by:之").unwrap();
        let t = "不了了之，完成了了任务";
        let at = |s: &str| t.find(s).unwrap();
        assert!(!c.holds(t, at("了了"), at("了了") + 6));
        let second = t.rfind("了了").unwrap();
        assert!(c.holds(t, second, second + 6));
        assert!(Condition::parse("always").unwrap().holds("x", 0, 1));
        assert!(Condition::parse("regex:a;b|c").unwrap().regex().is_some());
        assert!(matches!(
            Condition::parse("sometimes:x"),
            Err(ConditionError::Unknown(_))
        ));
        assert!(matches!(
            Condition::parse("followed_by:"),
            Err(ConditionError::Empty(_))
        ));
        assert!(matches!(
            Condition::parse("regex:(("),
            Err(ConditionError::Regex(..))
        ));
    }

    #[test]
    fn a_deferred_pattern_compiles_on_first_use_and_a_bad_one_matches_nothing() {
        let c = Condition::parse_deferred("followed_by:乙;regex:甲(?P<w>乙)").unwrap();
        assert!(c.has_regex());
        assert!(
            c.regex.as_ref().unwrap().compiled.get().is_none(),
            "not compiled at parse"
        );
        assert!(c.regex().unwrap().is_match("甲乙"));
        let bad = Condition::parse_deferred("regex:((").unwrap();
        assert!(bad.has_regex() && bad.regex().is_none());
        assert!(matches!(
            Condition::parse_deferred("followed_by:"),
            Err(ConditionError::Empty(_))
        ));
        let eager = Condition::parse("regex:甲").unwrap();
        assert!(eager.regex.as_ref().unwrap().compiled.get().is_some());
    }
}
