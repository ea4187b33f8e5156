//! An entry's context condition: where its wrong form is really wrong.

use std::sync::OnceLock;

use regex::Regex;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConditionError {
    #[error("条件“{0}”无法识别，应为 任意位置、后接：…、不后接：…、前接：…、不前接：… 或 正则：…（多项用“；”连接，几个词语之间用“｜”分隔）")]
    Unknown(String),
    #[error("条件“{0}”缺少词语")]
    Empty(String),
    #[error("正则表达式“{0}”无效：{1}")]
    Regex(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Test {
    Followed(Vec<String>),
    NotFollowed(Vec<String>),
    Preceded(Vec<String>),
    NotPreceded(Vec<String>),
}

/// Each test's keyword: (English, as stored and in the shipped lexicon;
/// Chinese, as shown and typed).
const KEYWORDS: [(&str, &str); 4] = [
    ("followed_by", "后接"),
    ("not_followed_by", "不后接"),
    ("preceded_by", "前接"),
    ("not_preceded_by", "不前接"),
];
const ALWAYS: (&str, &str) = ("always", "任意位置");
const REGEX: (&str, &str) = ("regex", "正则");

impl Test {
    fn new(kind: &str, w: Vec<String>) -> Option<Test> {
        let i = KEYWORDS
            .iter()
            .position(|(en, zh)| kind == *en || kind == *zh)?;
        Some(match i {
            0 => Test::Followed(w),
            1 => Test::NotFollowed(w),
            2 => Test::Preceded(w),
            _ => Test::NotPreceded(w),
        })
    }

    fn parts(&self) -> ((&'static str, &'static str), &[String]) {
        match self {
            Test::Followed(w) => (KEYWORDS[0], w),
            Test::NotFollowed(w) => (KEYWORDS[1], w),
            Test::Preceded(w) => (KEYWORDS[2], w),
            Test::NotPreceded(w) => (KEYWORDS[3], w),
        }
    }
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

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

impl Pattern {
    fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
    }
}

/// A parsed condition: context tests, and at most one regex (the last part).
///
/// Written in English (`followed_by:甲|乙;regex:…`, the stored form and the
/// shipped lexicon's) or in Chinese (`后接：甲｜乙；正则：…`, what 词库 shows and
/// the CSV/XLSX export writes); full-width and ASCII `：;|` are both read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    tests: Vec<Test>,
    regex: Option<Pattern>,
}

fn words(kind: &str, rest: &str) -> Result<Vec<String>, ConditionError> {
    let w: Vec<String> = rest
        .split(['|', '｜'])
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

/// `rest` after `keyword` and a colon (ASCII or full-width: the flag).
fn after_keyword<'a>(rest: &'a str, keyword: &str) -> Option<(&'a str, bool)> {
    let r = rest.strip_prefix(keyword)?.trim_start();
    r.strip_prefix(':')
        .map(|p| (p, false))
        .or_else(|| r.strip_prefix('：').map(|p| (p, true)))
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
        Condition::parse_syntax(s).map(|(c, _)| c)
    }

    /// The condition, and whether it was written (in part) in the Chinese
    /// syntax: a Chinese keyword, or a full-width colon or separator.
    fn parse_syntax(s: &str) -> Result<(Condition, bool), ConditionError> {
        let mut tests = Vec::new();
        let mut regex = None;
        let mut zh = false;
        let mut rest = s.trim();
        while !rest.is_empty() {
            let pattern = after_keyword(rest, REGEX.0)
                .or_else(|| after_keyword(rest, REGEX.1).map(|(p, _)| (p, true)));
            if let Some((p, chinese)) = pattern {
                zh |= chinese;
                // The pattern runs to the end: it may contain ';' and '|'.
                regex = Some(Pattern {
                    source: p.to_string(),
                    compiled: OnceLock::new(),
                });
                break;
            }
            let (part, next) = match rest.split_once([';', '；']) {
                Some((part, next)) => {
                    zh |= rest[part.len()..].starts_with('；');
                    (part, next)
                }
                None => (rest, ""),
            };
            rest = next.trim();
            let part = part.trim();
            if part.is_empty() || part == ALWAYS.0 {
                continue;
            }
            if part == ALWAYS.1 {
                zh = true;
                continue;
            }
            let (kind, list) = part
                .split_once([':', '：'])
                .ok_or_else(|| ConditionError::Unknown(part.to_string()))?;
            zh |= part[kind.len()..].starts_with('：') || list.contains('｜');
            let kind = kind.trim();
            zh |= KEYWORDS.iter().any(|(_, k)| *k == kind);
            let w = words(kind, list)?;
            tests
                .push(Test::new(kind, w).ok_or_else(|| ConditionError::Unknown(part.to_string()))?);
        }
        Ok((Condition { tests, regex }, zh))
    }

    fn write(&self, zh: bool) -> String {
        let pick = |k: (&'static str, &'static str)| if zh { k.1 } else { k.0 };
        let (colon, and, or) = if zh {
            ("：", "；", "｜")
        } else {
            (":", ";", "|")
        };
        let mut parts: Vec<String> = self
            .tests
            .iter()
            .map(|t| {
                let (k, w) = t.parts();
                format!("{}{colon}{}", pick(k), w.join(or))
            })
            .collect();
        if let Some(p) = &self.regex {
            parts.push(format!("{}{colon}{}", pick(REGEX), p.source));
        }
        if parts.is_empty() {
            pick(ALWAYS).to_string()
        } else {
            parts.join(and)
        }
    }

    /// The condition in Chinese, as 词库 shows it and the CSV/XLSX export
    /// writes it: `后接：甲｜乙；不前接：丙`, `正则：…`, `任意位置`.
    pub fn display(&self) -> String {
        self.write(true)
    }

    /// The condition in the stored (English) syntax: `followed_by:甲|乙;…`.
    pub fn stored(&self) -> String {
        self.write(false)
    }

    /// How a condition typed or imported (in Chinese or in English) is kept:
    /// English syntax as typed, Chinese syntax in its English form — so that
    /// an entry's key (wrong form and condition) is the same whichever way
    /// its condition was written, and a built-in entry edited in 词库 keeps
    /// its key.
    pub fn normalize(s: &str) -> Result<String, ConditionError> {
        let (c, zh) = Condition::parse_syntax(s)?;
        // Compiles the pattern: a bad one is the user's error now.
        Condition::parse(s)?;
        Ok(if zh { c.stored() } else { s.trim().to_string() })
    }

    /// A stored condition in Chinese ([`Condition::display`]); one that does
    /// not parse is shown as it is.
    pub fn label(s: &str) -> String {
        Condition::parse_deferred(s)
            .map(|c| c.display())
            .unwrap_or_else(|_| s.trim().to_string())
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

    #[test]
    fn the_chinese_syntax_parses_as_the_english_one() {
        let pairs = [
            ("always", "任意位置"),
            ("", "任意位置"),
            ("followed_by:之", "后接：之"),
            ("followed_by:之|乎", "后接:之｜乎"),
            ("not_followed_by:督查室|信访局", "不后接：督查室 ｜ 信访局"),
            ("preceded_by:不", "前接：不"),
            ("not_preceded_by:原", "不前接：原"),
            ("regex:甲(?P<w>乙)", "正则：甲(?P<w>乙)"),
            (
                "regex:关于[^。，；的]{2,40}(?P<w>情况报告)$",
                "正则:关于[^。，；的]{2,40}(?P<w>情况报告)$",
            ),
            (
                "not_preceded_by:不|甚;not_followed_by:之;regex:a;b|c",
                "不前接：不｜甚；不后接：之；正则：a;b|c",
            ),
            ("followed_by:之;preceded_by:乙", "后接：之;前接：乙"),
        ];
        for (en, zh) in pairs {
            let e = Condition::parse(en).unwrap();
            assert_eq!(Condition::parse(zh).unwrap(), e, "{zh} ≡ {en}");
            assert_eq!(Condition::normalize(zh).unwrap(), e.stored(), "{zh}");
            assert_eq!(
                Condition::parse(&e.display()).unwrap(),
                e,
                "{}",
                e.display()
            );
        }
        // An English condition is kept as typed (its key does not move).
        assert_eq!(
            Condition::normalize(" not_preceded_by:原 ").unwrap(),
            "not_preceded_by:原"
        );
        assert_eq!(
            Condition::normalize("regex:关于[^。，；的]{2,40}(?P<w>工作报告)$").unwrap(),
            "regex:关于[^。，；的]{2,40}(?P<w>工作报告)$"
        );
        assert_eq!(
            Condition::label("not_preceded_by:不|甚;not_followed_by:之"),
            "不前接：不｜甚；不后接：之"
        );
        assert_eq!(Condition::label("always"), "任意位置");
        assert_eq!(Condition::label("regex:a;b"), "正则：a;b");
        // The Chinese form holds where the English one does.
        let c = Condition::parse("不前接：不｜甚；不后接：之").unwrap();
        let t = "不了了之，完成了了任务";
        let first = t.find("了了").unwrap();
        let second = t.rfind("了了").unwrap();
        assert!(!c.holds(t, first, first + 6) && c.holds(t, second, second + 6));
    }

    #[test]
    fn a_bad_chinese_condition_is_told_in_chinese_with_the_keywords() {
        for bad in ["有时：甲", "后面是之", "不后接之"] {
            let e = Condition::parse(bad).unwrap_err();
            assert!(matches!(e, ConditionError::Unknown(_)), "{bad}");
            let m = e.to_string();
            for k in [
                "任意位置",
                "后接：",
                "不后接：",
                "前接：",
                "不前接：",
                "正则：",
                "；",
                "｜",
            ] {
                assert!(m.contains(k), "{m} names {k}");
            }
            assert!(!m.contains("followed_by"), "{m}");
        }
        assert_eq!(
            Condition::parse("后接：").unwrap_err(),
            ConditionError::Empty("后接".into())
        );
        assert!(matches!(
            Condition::normalize("正则：(("),
            Err(ConditionError::Regex(..))
        ));
    }

    mod round_trip {
        use super::super::*;
        use proptest::prelude::*;

        fn word() -> impl Strategy<Value = String> {
            "[甲乙丙之不了a-z0-9（）“”]{1,4}"
        }

        fn test() -> impl Strategy<Value = Test> {
            (0..4usize, prop::collection::vec(word(), 1..4))
                .prop_map(|(k, w)| Test::new(KEYWORDS[k].0, w).unwrap())
        }

        proptest! {
            #[test]
            fn display_parses_back_to_the_condition(
                tests in prop::collection::vec(test(), 0..4),
                pattern in prop::option::of("[甲乙;|：:（）a-z]{1,8}"),
            ) {
                let c = Condition {
                    tests,
                    regex: pattern.map(|source| Pattern { source, compiled: OnceLock::new() }),
                };
                let shown = c.display();
                prop_assert_eq!(&Condition::parse_deferred(&shown).unwrap(), &c, "{}", shown);
                prop_assert_eq!(&Condition::parse_deferred(&c.stored()).unwrap(), &c);
                prop_assert_eq!(Condition::normalize(&shown).map_err(|_| ()).ok().unwrap_or_else(|| c.stored()), c.stored());
            }
        }
    }
}
