//! Rule ids: the stable strings of [`crate::rules`], [`crate::Finding::rule`],
//! [`crate::RuleConfig`]'s keys (stored in the library's settings) and the
//! 校对 panel. The crate writes an id only through these constants; each is
//! registered in the rule table (tested both ways).

/// Defines the constants and [`ALL`] from one list, so that none is left out.
macro_rules! ids {
    ($($name:ident = $id:literal;)*) => {
        $(pub const $name: &str = $id;)*

        /// Every rule id, in the order of the rule table.
        pub const ALL: &[&str] = &[$($name),*];

        /// Each constant's name with its value, to check they agree.
        #[cfg(test)]
        const NAMED: &[(&str, &str)] = &[$((stringify!($name), $id)),*];
    };
}

ids! {
    STRUCTURE_EMPTY_PART = "structure.empty_part";
    STRUCTURE_NO_CAUSES = "structure.no_causes";
    STRUCTURE_LEADERSHIP_ACTIONS = "structure.leadership_actions";
    NUMBERING_SEQUENCE = "numbering.sequence";
    NUMBERING_LEVEL = "numbering.level";
    YEAR_TITLE = "year.title";
    YEAR_HEADING = "year.heading";
    YEAR_BODY = "year.body";
    YEAR_PLACEHOLDER = "year.placeholder";
    YEAR_JINNIAN = "year.jinnian";
    PUNCT_HALFWIDTH = "punct.halfwidth";
    PUNCT_UNBALANCED = "punct.unbalanced";
    PUNCT_NESTED_TITLE = "punct.nested_title";
    PUNCT_TITLE_DUNHAO = "punct.title_dunhao";
    PUNCT_SPACE = "punct.space";
    PUNCT_FULLWIDTH_ALNUM = "punct.fullwidth_alnum";
    PUNCT_TITLE_END = "punct.title_end";
    PUNCT_YEAR_SPAN = "punct.year_span";
    PUNCT_NUM_RANGE = "punct.num_range";
    PUNCT_HEADING_END = "punct.heading_end";
    DOCNUM_FORMAT = "docnum.format";
    DATE_FORMAT = "date.format";
    CITE_OUTLINE = "cite.outline";
    CITE_RULE_TITLE = "cite.rule_title";
    GENRE_HUIBAO = "genre.huibao";
    GENRE_QINGSHI = "genre.qingshi";
    SECRET_MARKING = "secret.marking";
    SECRET_ID_NUMBER = "secret.id_number";
    SECRET_MOBILE = "secret.mobile";
    SECRET_TERM = "secret.term";
    FIGURE_INCONSISTENT = "figure.inconsistent";
    FIGURE_PERCENT = "figure.percent";
    WORD_TYPO = "word.typo";
    WORD_NAME = "word.name";
    LEX_TYPO = "lex.typo";
    LEX_CONFUSION = "lex.confusion";
    LEX_GRAMMAR = "lex.grammar";
    LEX_STYLE = "lex.style";
    LEX_ADDRESS = "lex.address";
    LEX_LEGAL = "lex.legal";
    CITE_LAW_TITLE = "cite.law_title";
    DATE_WEEKDAY = "date.weekday";
    NUMBER_ZERO = "number.zero";
    NUMBER_MIXED = "number.mixed";
    NUMBER_APPROX = "number.approx";
    NUMBER_ARTICLE = "number.article";
}

/// The rules whose findings depend on the report's 成文日期 (what 今年 means):
/// their finding ids name the date's year (`finding_ids::assign_dated`).
pub const DATED: &[&str] = &[YEAR_JINNIAN];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::registry::RULES;

    #[test]
    fn the_constants_are_exactly_the_registered_rules() {
        let constants: BTreeSet<&str> = ALL.iter().copied().collect();
        let registered: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(constants.len(), ALL.len(), "an id is defined twice");
        assert_eq!(constants, registered);
        let listed: Vec<String> = crate::rules().into_iter().map(|r| r.id).collect();
        assert_eq!(ALL, listed.as_slice(), "ALL follows the rule table's order");
    }

    #[test]
    fn each_constant_is_named_after_its_id() {
        for (name, id) in NAMED {
            assert_eq!(*name, id.replace('.', "_").to_uppercase(), "{id}");
        }
    }

    /// Outside this file (and the tests, which spell the ids out to pin the
    /// stored strings) no rule id is written as a string literal.
    #[test]
    fn rule_ids_are_written_only_here() {
        fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).expect("src is readable") {
                let p = e.expect("a directory entry").path();
                if p.is_dir() {
                    rust_files(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        assert!(files.len() > 10, "found the sources: {files:?}");
        for f in files {
            let rel = f
                .strip_prefix(&src)
                .unwrap_or(&f)
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "ids.rs" || rel.ends_with("tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&f).expect("a source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for id in ALL {
                assert!(
                    !code.contains(&format!("\"{id}\"")),
                    "{rel} writes \"{id}\": use ids::{}",
                    id.replace('.', "_").to_uppercase()
                );
            }
        }
    }
}
