//! A two-character word written twice in a row (积极配合配合): a slip of the
//! keyboard, reported in the lexicon's 语病 group. Reduplicated verbs
//! (研究研究), 一个一个 and the distributive 一X一Y (办案一案一卷一审: 案一案一
//! is not a doubled word) are left alone.

use crate::ids;
use crate::rules::{fix, Cx};
use crate::text::is_han;

/// Verbs whose ABAB form is a real (if informal) word.
const REDUPLICATED: [&str; 14] = [
    "研究", "讨论", "商量", "学习", "锻炼", "考虑", "了解", "认识", "休息", "打扫", "整理", "检查",
    "比较", "交流",
];

pub(super) fn repeats(cx: &mut Cx) {
    if !cx.on(ids::LEX_GRAMMAR) {
        return;
    }
    let c = cx.t.chars.clone();
    let mut hits = Vec::new();
    let mut i = 0;
    while i + 4 <= c.len() {
        let word = &c[i..i + 2];
        if word.iter().all(|&x| is_han(x))
            && word[0] != word[1]
            && !word.contains(&'一')
            && c[i + 2..i + 4] == *word
            && !REDUPLICATED.contains(&word.iter().collect::<String>().as_str())
        {
            hits.push(i + 2);
            i += 4;
        } else {
            i += 1;
        }
    }
    for at in hits {
        let w: String = c[at..at + 2].iter().collect();
        cx.emit(
            ids::LEX_GRAMMAR,
            at,
            at + 2,
            format!("“{w}{w}”词语重复；建议删除一个“{w}”"),
            fix("", false),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, RuleConfig};

    fn found(text: &str) -> Vec<String> {
        let (mut d, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2022, false);
        d.parts[0].sections[0]
            .paragraphs
            .push(fazhi_core::Paragraph::new(text));
        check(&d, &RuleConfig::default())
            .into_iter()
            .filter(|f| f.rule == "lex.grammar" && f.message.contains("词语重复"))
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn doubled_words() {
        assert_eq!(found("积极配合配合上级检查。"), ["配合"]);
        assert!(found("研究研究再说，一个一个解决，层层压实，常委会会议。").is_empty());
        // Real report (corpus set2/38): the distributive 一X一Y.
        assert!(found("明确办案一案一卷一审，做到责任到人。").is_empty());
        assert!(found("打造一村一品，建立一户一档。").is_empty());
    }
}
