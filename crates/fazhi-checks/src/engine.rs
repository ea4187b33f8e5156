//! Running the rules: whole document, one node, incrementally, and fixing.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use fazhi_core::Document;

use crate::config::RuleConfig;
use crate::model::{AppliedFix, Finding, Location, Severity};
use crate::nodes::{self, Node};
use crate::rules::{self, Cx, Facts, Lists};
use crate::text::Text;

struct Cached {
    key: u64,
    findings: Vec<Finding>,
    facts: Facts,
}

/// Checks documents and remembers each node's findings, so that after an edit
/// only the nodes whose text (or place) changed are read again. The editor
/// keeps one per open report.
pub struct Checker {
    cfg: RuleConfig,
    lists: Lists,
    cache: HashMap<String, Cached>,
}

/// What a node's rules know of the report besides the node: the year reported on,
/// the year of its 成文日期 (when set and valid), which decides what 今年, 明年
/// and 去年 mean, and the issuer, whose name the text should write whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Dating<'d> {
    pub year: i32,
    pub written: Option<i32>,
    pub issuer: &'d str,
}

impl Dating<'_> {
    pub fn of(doc: &Document) -> Dating<'_> {
        Dating {
            year: doc.year,
            written: doc
                .date
                .as_deref()
                .and_then(fazhi_core::dates::parse_iso)
                .map(|(y, _, _)| y),
            issuer: &doc.issuer,
        }
    }
}

/// Everything a node's own findings depend on besides the configuration.
fn node_key(node: &Node, dating: Dating<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    node.id.hash(&mut h);
    node.text.hash(&mut h);
    node.kind.hash(&mut h);
    node.place.hash(&mut h);
    node.role.hash(&mut h);
    node.level.hash(&mut h);
    node.container.hash(&mut h);
    node.index.hash(&mut h);
    dating.hash(&mut h);
    h.finish()
}

fn check_node(
    node: &Node,
    dating: Dating<'_>,
    cfg: &RuleConfig,
    lists: &Lists,
) -> (Vec<Finding>, Facts) {
    let mut cx = Cx {
        node,
        t: Text::new(node.text),
        year: dating.year,
        written: dating.written,
        issuer: dating.issuer,
        cfg,
        lists,
        out: Vec::new(),
        claimed: Vec::new(),
    };
    let facts = rules::run_node(&mut cx);
    let mut out = cx.out;
    crate::finding_ids::assign(&mut out, "");
    // A finding that says what 今年 means under the 成文日期 is another finding
    // under another date: its id names the date's year (without a date, the ids
    // of before dates were read, so that stored “ignore once” rows still hold).
    if let Some(w) = dating.written {
        crate::finding_ids::assign_dated(&mut out, w);
    }
    out.sort_by(|a, b| {
        (a.location.start, a.location.end, &a.rule).cmp(&(
            b.location.start,
            b.location.end,
            &b.rule,
        ))
    });
    (out, facts)
}

impl Checker {
    pub fn new(cfg: RuleConfig) -> Checker {
        Checker {
            lists: Lists::new(&cfg),
            cfg,
            cache: HashMap::new(),
        }
    }

    pub fn config(&self) -> &RuleConfig {
        &self.cfg
    }

    /// Replaces the configuration; every node is checked afresh next time.
    pub fn set_config(&mut self, cfg: RuleConfig) {
        self.lists = Lists::new(&cfg);
        self.cfg = cfg;
        self.cache.clear();
    }

    /// All findings, in reading order.
    pub fn check(&mut self, doc: &Document) -> Vec<Finding> {
        let nodes = nodes::nodes(doc);
        let mut fresh: HashMap<String, Cached> = HashMap::with_capacity(nodes.len());
        let dating = Dating::of(doc);
        for node in &nodes {
            let key = node_key(node, dating);
            let cached = match self.cache.remove(node.id) {
                Some(c) if c.key == key => c,
                _ => {
                    let (findings, facts) = check_node(node, dating, &self.cfg, &self.lists);
                    Cached {
                        key,
                        findings,
                        facts,
                    }
                }
            };
            fresh.insert(node.id.to_string(), cached);
        }
        self.cache = fresh;

        let empty = Facts::default();
        let with_facts: Vec<(Node, &Facts)> = nodes
            .iter()
            .map(|n| {
                let f = self.cache.get(n.id).map(|c| &c.facts).unwrap_or(&empty);
                (n.clone(), f)
            })
            .collect();
        let mut doc_findings = Vec::new();
        rules::doc::document(doc, &with_facts, &self.cfg, &mut doc_findings);
        // A salt keeps a document rule's ids apart from a node rule's.
        crate::finding_ids::assign(&mut doc_findings, "doc");

        // Assemble in reading order without a global sort: node findings are
        // sorted already; the few document findings join their node.
        let mut by_node: HashMap<&str, Vec<Finding>> = HashMap::new();
        for f in &doc_findings {
            by_node
                .entry(f.location.node_id.as_str())
                .or_default()
                .push(f.clone());
        }
        let total: usize = self.cache.values().map(|c| c.findings.len()).sum();
        let mut out: Vec<Finding> = Vec::with_capacity(total + doc_findings.len());
        for n in &nodes {
            let Some(c) = self.cache.get(n.id) else {
                continue;
            };
            let from = out.len();
            out.extend(c.findings.iter().cloned());
            if let Some(extra) = by_node.remove(n.id) {
                out.extend(extra);
                out[from..].sort_by_key(|f| (f.location.start, f.location.end));
            }
        }
        out
    }

    /// The findings of one node's own rules (a paragraph, a heading, `title` or
    /// a `meta:` field), without the document rules. Empty for an unknown id.
    pub fn check_paragraph(&mut self, doc: &Document, node_id: &str) -> Vec<Finding> {
        let Some(node) = nodes::find(doc, node_id) else {
            return Vec::new();
        };
        let dating = Dating::of(doc);
        let key = node_key(&node, dating);
        if let Some(c) = self.cache.get(node_id).filter(|c| c.key == key) {
            return c.findings.clone();
        }
        let (findings, facts) = check_node(&node, dating, &self.cfg, &self.lists);
        self.cache.insert(
            node_id.to_string(),
            Cached {
                key,
                findings: findings.clone(),
                facts,
            },
        );
        findings
    }
}

/// Every enabled rule over the whole document, in reading order.
pub fn check(doc: &Document, cfg: &RuleConfig) -> Vec<Finding> {
    Checker::new(cfg.clone()).check(doc)
}

/// The findings of [`check`] of severity 错误 — the same findings with the same ids, in
/// the same order — found without the rules that cannot give one under `cfg` (see
/// `RuleConfig::for_errors`): their patterns are never compiled, and the lexicon runs
/// its warnings' patterns only in a paragraph where one of its errors was found. What
/// `fazhi export` counts, in a fresh process, beside the render.
pub fn check_errors(doc: &Document, cfg: &RuleConfig) -> Vec<Finding> {
    let cfg = cfg.for_errors();
    let mut checker = Checker {
        lists: Lists::errors_only(&cfg),
        cfg,
        cache: HashMap::new(),
    };
    let mut all = checker.check(doc);
    all.retain(|f| f.severity == Severity::Error);
    all
}

/// One node's own findings (see [`Checker::check_paragraph`]).
pub fn check_paragraph(doc: &Document, paragraph_id: &str, cfg: &RuleConfig) -> Vec<Finding> {
    Checker::new(cfg.clone()).check_paragraph(doc, paragraph_id)
}

/// Applies the safe fixes (of one rule when `rule` is given) until none is
/// left, and returns what changed. A fix whose range no longer holds the text
/// it was found on is skipped, never forced.
pub fn fix(doc: &mut Document, cfg: &RuleConfig, rule: Option<&str>) -> Vec<AppliedFix> {
    let mut checker = Checker::new(cfg.clone());
    let mut applied = Vec::new();
    // Fixes can uncover others (a half-width comma next to one just made
    // full-width is now in Chinese context). Passes repeat until nothing
    // changes; the checker's cache makes a pass cost only the edited nodes.
    // The bound is a guard against two rules undoing each other.
    for _ in 0..64 {
        let mut by_node: HashMap<String, Vec<Finding>> = HashMap::new();
        for f in checker.check(doc) {
            let wanted = rule.is_none_or(|r| r == f.rule);
            if wanted && f.fix.as_ref().is_some_and(|x| x.safe) {
                by_node
                    .entry(f.location.node_id.clone())
                    .or_default()
                    .push(f);
            }
        }
        let mut changed = false;
        let mut node_ids: Vec<String> = by_node.keys().cloned().collect();
        node_ids.sort();
        for id in node_ids {
            let Some(mut fs) = by_node.remove(&id) else {
                continue;
            };
            let Some(text) = nodes::text_mut(doc, &id) else {
                continue;
            };
            fs.sort_by(|a, b| {
                (b.location.start, b.location.end).cmp(&(a.location.start, a.location.end))
            });
            let mut limit = usize::MAX;
            let mut done = Vec::new();
            // Byte offset of each character (and of the end), made once per node: fixes go
            // from the end backwards and never touch text before `limit`, so the offsets
            // of what is still to be fixed hold. Counting characters afresh per fix was
            // quadratic: 7 s for a 200,000-character text with 6,700 half-width commas.
            let bytes: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            for f in fs {
                let Some(fx) = &f.fix else { continue };
                let Location { start, end, .. } = f.location;
                if end > limit || start > end {
                    continue;
                }
                let (Some(&bs), Some(&be)) = (bytes.get(start), bytes.get(end)) else {
                    continue;
                };
                if text[bs..be] != f.text || text[bs..be] == fx.replacement {
                    continue;
                }
                text.replace_range(bs..be, &fx.replacement);
                limit = start;
                changed = true;
                done.push(AppliedFix {
                    rule: f.rule.clone(),
                    location: f.location.clone(),
                    before: f.text.clone(),
                    after: fx.replacement.clone(),
                });
            }
            done.reverse();
            applied.extend(done);
        }
        if !changed {
            break;
        }
    }
    // Report in reading order (a stable sort keeps each node's changes in the
    // order they were made).
    let order: HashMap<&str, usize> = nodes::nodes(doc)
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    applied.sort_by_key(|a| {
        order
            .get(a.location.node_id.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    applied
}

#[cfg(test)]
mod errors_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::{template, Paragraph};
    use proptest::prelude::*;

    /// Pieces that trigger and neighbour the rules, so that random texts hit them.
    const PIECES: [&str; 24] = [
        "法治",
        "政府",
        ",",
        ":",
        ";",
        "(",
        ")",
        "（",
        "）",
        "20152020年",
        "2015-2020年",
        "〔20191号",
        "20.2",
        "1.",
        "《",
        "》",
        "<",
        ">",
        "今年",
        " ",
        "2020.3.13",
        "一是",
        "二是",
        "75场",
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..PIECES.len(), 0..30)
            .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
    }

    fn doc(texts: &[String]) -> Document {
        let (mut d, _) =
            template::latest("statutory")
                .unwrap()
                .instantiate("某县人民政府", 2019, false);
        for (i, t) in texts.iter().enumerate() {
            let n = d.parts[0].sections.len();
            d.parts[0].sections[i % n]
                .paragraphs
                .push(Paragraph::new(t.clone()));
        }
        d
    }

    fn para_mut(d: &mut Document, k: usize) -> &mut Paragraph {
        let mut all: Vec<&mut Paragraph> = d.parts[0]
            .sections
            .iter_mut()
            .flat_map(|s| s.paragraphs.iter_mut())
            .collect();
        let n = all.len();
        all.swap_remove(k % n)
    }

    /// Fixing is linear in a paragraph's length: a 220,000-character paragraph (an
    /// imported text of one line) with 20,000 half-width commas is fixed in seconds,
    /// every comma made full-width. Each fix counted the paragraph's characters from
    /// its start again: 107 s here before, 7 s for `fazhi fix` on a 200,000-character
    /// one-line import (now 1.3 s).
    #[test]
    fn fixing_a_very_long_paragraph_is_not_quadratic() {
        let long: String = "依法行政工作,持续推进".repeat(20_000);
        let mut d = doc(&[long]);
        let cfg = RuleConfig::default();
        let t = std::time::Instant::now();
        let applied = fix(&mut d, &cfg, Some("punct.halfwidth"));
        let took = t.elapsed();
        assert_eq!(applied.len(), 20_000);
        let text = &para_mut(&mut d, 0).text;
        assert!(!text.contains(','), "a comma left");
        assert_eq!(text.matches('，').count(), 20_000);
        assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    }

    /// The 成文日期 is part of what a node's findings depend on: a cached checker
    /// re-reads the nodes when it changes, and a finding whose meaning follows the
    /// date gets another id under another year of writing (so that an “ignore
    /// once” given under one date does not hide it under another). Without a
    /// date the ids are those of before dates were read.
    #[test]
    fn the_date_written_is_part_of_the_key_and_the_ids() {
        let mut d = doc(&["今年以来开展执法检查".to_string()]);
        let cfg = RuleConfig::default();
        let mut checker = Checker::new(cfg.clone());
        let jinnian = |fs: Vec<Finding>| -> Vec<Finding> {
            fs.into_iter()
                .filter(|f| f.rule == "year.jinnian")
                .collect()
        };
        let undated = jinnian(checker.check(&d));
        assert_eq!(undated.len(), 1);
        let node = &undated[0].location.node_id;
        assert_eq!(
            undated[0].id,
            crate::finding_ids::id_for("", "year.jinnian", node, "今年", 0)
        );

        // Written the year after: still flagged, another message and another id.
        d.date = Some("2020-03-13".into());
        let after = jinnian(checker.check(&d));
        assert_eq!(after, jinnian(check(&d, &cfg)));
        assert_eq!(after.len(), 1);
        assert_ne!(after[0].id, undated[0].id);
        assert!(after[0].message.starts_with("报告成文于2020年"));
        assert_eq!(
            checker
                .check_paragraph(&d, node)
                .into_iter()
                .filter(|f| f.rule == "year.jinnian")
                .collect::<Vec<_>>(),
            after
        );

        // Another day of the same year: the same finding, the same id.
        d.date = Some("2020-04-01".into());
        assert_eq!(jinnian(checker.check(&d)), after);

        // Written in December of the year reported on: 今年 is right.
        d.date = Some("2019-12-20".into());
        assert!(jinnian(checker.check(&d)).is_empty());
        assert!(jinnian(check(&d, &cfg)).is_empty());

        // And back.
        d.date = None;
        assert_eq!(jinnian(checker.check(&d)), undated);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The cached checker, after any one-paragraph edit, says exactly what a
        /// fresh check says.
        #[test]
        fn incremental_equals_fresh(texts in proptest::collection::vec(text(), 1..8),
                                    k in 0usize..64, new in text()) {
            let mut d = doc(&texts);
            let cfg = RuleConfig::default();
            let mut checker = Checker::new(cfg.clone());
            checker.check(&d);
            para_mut(&mut d, k).text = new;
            prop_assert_eq!(checker.check(&d), check(&d, &cfg));
        }

        /// Every finding points at its own text; fixing reaches a fixed point:
        /// nothing safe is left to fix and a second fix changes nothing.
        #[test]
        fn fixes_reach_a_fixed_point(texts in proptest::collection::vec(text(), 1..6)) {
            let mut d = doc(&texts);
            let cfg = RuleConfig::default();
            for f in check(&d, &cfg) {
                if let Some(n) = nodes::find(&d, &f.location.node_id) {
                    let t = Text::new(n.text);
                    prop_assert!(f.location.start <= f.location.end && f.location.end <= t.len());
                    prop_assert_eq!(t.slice(f.location.start, f.location.end), f.text.clone());
                }
            }
            fix(&mut d, &cfg, None);
            let left: Vec<_> = check(&d, &cfg)
                .into_iter()
                .filter(|f| f.fix.as_ref().is_some_and(|x| x.safe))
                .collect();
            prop_assert!(left.is_empty(), "safe fixes left: {:?}", left);
            let before = d.clone();
            prop_assert!(fix(&mut d, &cfg, None).is_empty());
            prop_assert_eq!(d, before);
        }
    }
}
