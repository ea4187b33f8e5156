//! Parts → the template's statutory parts: each heading's role, the template,
//! parts demoted when they have no role or a taken one, the template's order,
//! missing parts added empty.

use fazhi_core::numbering::MAX_LEVEL;
use fazhi_core::template::{self, PartSpec, Template};
use fazhi_core::{Paragraph, Part, Role, Section};

use crate::{ImportError, ImportOptions, Recognised, RecognisedKind, Uncertain};

use super::{excerpt, Builder, RawPart};

/// The statutory role a part heading names. Leadership is tested first: its
/// heading also says 加强法治政府建设的有关情况.
pub fn role_of(heading: &str) -> Option<Role> {
    let has = |ws: &[&str]| ws.iter().any(|w| heading.contains(w));
    if has(&["第一责任人", "主要负责人"]) {
        Some(Role::Leadership)
    } else if has(&["不足", "存在的问题", "问题", "差距", "短板"]) {
        Some(Role::Shortcomings)
    } else if has(&[
        "主要安排",
        "工作安排",
        "安排",
        "下一步",
        "打算",
        "计划",
        "思路",
        "下一年",
    ]) {
        Some(Role::Plans)
    } else if has(&["其他", "其它"]) {
        Some(Role::Other)
    } else if has(&[
        "举措",
        "措施",
        "做法",
        "成效",
        "主要工作",
        "基本情况",
        "建设情况",
        "工作情况",
        "情况",
    ]) {
        Some(Role::Measures)
    } else {
        None
    }
}

/// The template asked for, else the one whose order the parts follow
/// (leadership first or not).
pub(super) fn choose_template(
    file: &str,
    opts: &ImportOptions,
    raw_parts: &[RawPart],
) -> Result<&'static Template, ImportError> {
    let first_role = raw_parts.iter().find_map(|p| p.role);
    let template_id = opts.template_id.clone().unwrap_or_else(|| {
        if first_role == Some(Role::Leadership) {
            "leadership-first".to_string()
        } else {
            template::DEFAULT_TEMPLATE.to_string()
        }
    });
    template::latest(&template_id).map_err(|_| ImportError::UnknownTemplate {
        file: file.to_string(),
        template: template_id.clone(),
    })
}

/// Keeps the parts whose role the template has and no earlier part took.
/// The others become a section of the nearest part so that nothing is lost;
/// those before any kept part are returned to go in front of the first one.
pub(super) fn place_parts(
    b: &mut Builder,
    raw_parts: Vec<RawPart>,
    tpl: &Template,
) -> (Vec<RawPart>, Vec<RawPart>) {
    let mut placed: Vec<RawPart> = Vec::new();
    let mut pending_front: Vec<RawPart> = Vec::new();
    for p in raw_parts {
        let taken = p
            .role
            .is_some_and(|r| placed.iter().any(|q| q.role == Some(r)));
        let fits = p.role.is_some_and(|r| tpl.spec(r).is_some());
        if fits && !taken {
            placed.push(p);
            if !pending_front.is_empty() {
                let front = std::mem::take(&mut pending_front);
                let target = placed.len() - 1;
                for f in front.into_iter().rev() {
                    demote_into(b, &mut placed[target], f, true);
                }
            }
            continue;
        }
        let why = if taken {
            "与前面的部分重复"
        } else {
            "无法对应到法定部分"
        };
        match p
            .role
            .and_then(|r| placed.iter().position(|q| q.role == Some(r)))
            .or(placed.len().checked_sub(1))
        {
            Some(target) => {
                b.uncertain.push(Uncertain {
                    node_id: Some(p.id.clone()),
                    message: format!(
                        "部分“{}{}”{why}，已并入“{}”作为小标题，请核对。",
                        p.source_label, p.heading, placed[target].heading
                    ),
                    excerpt: excerpt(&p.heading),
                });
                demote_into(b, &mut placed[target], p, false);
            }
            None => {
                b.uncertain.push(Uncertain {
                    node_id: Some(p.id.clone()),
                    message: format!(
                        "部分“{}{}”{why}，已并入后面的部分作为小标题，请核对。",
                        p.source_label, p.heading
                    ),
                    excerpt: excerpt(&p.heading),
                });
                pending_front.push(p);
            }
        }
    }
    (placed, pending_front)
}

/// The template's parts in its order, from the placed parts; a required part
/// the source lacks is added empty (flagged when the source had parts).
pub(super) fn fill_template(
    b: &mut Builder,
    tpl: &Template,
    mut placed: Vec<RawPart>,
    year: i32,
    source_had_parts: bool,
) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for spec in &tpl.parts {
        match placed.iter().position(|p| p.role == Some(spec.role)) {
            Some(pos) => {
                let p = placed.remove(pos);
                parts.push(placed_part(b, tpl, spec, p, year));
            }
            None if spec.optional => {}
            None => {
                let heading = tpl
                    .heading(spec.role, year)
                    .unwrap_or_else(|| spec.role.label().to_string());
                let part = Part {
                    id: fazhi_core::ids::new_id(),
                    role: spec.role,
                    heading,
                    paragraphs: vec![Paragraph::new("")],
                    sections: Vec::new(),
                };
                if source_had_parts {
                    b.blank_part_notes.push(b.uncertain.len());
                    b.uncertain.push(Uncertain {
                        node_id: Some(part.id.clone()),
                        message: format!(
                            "原文没有“{}”部分，已按模板补上空白部分，请补写。",
                            spec.role.label()
                        ),
                        excerpt: String::new(),
                    });
                }
                parts.push(part);
            }
        }
    }
    parts
}

/// A source part as the template's part `spec`: a heading that does not name
/// the statutory item is replaced, an empty body gets one empty paragraph.
fn placed_part(
    b: &mut Builder,
    tpl: &Template,
    spec: &PartSpec,
    mut p: RawPart,
    year: i32,
) -> Part {
    let role = spec.role;
    let mut heading = p.heading.clone();
    if !spec.keywords.iter().any(|k| heading.contains(k.as_str())) {
        let replaced = tpl
            .heading(role, year)
            .unwrap_or_else(|| role.label().to_string());
        b.uncertain.push(Uncertain {
            node_id: Some(p.id.clone()),
            message: format!(
                "部分标题“{heading}”没有写明法定事项，已改为模板标题“{replaced}”，请核对。"
            ),
            excerpt: excerpt(&heading),
        });
        heading = replaced;
    } else if let Some(normal) = normalised_heading(&heading, tpl.heading(role, year).as_deref()) {
        b.uncertain.push(Uncertain {
            node_id: Some(p.id.clone()),
            message: format!("部分标题已按模板规范：“{heading}”改为“{normal}”，请核对。"),
            excerpt: excerpt(&heading),
        });
        heading = normal;
    }
    if p.paragraphs.is_empty() && p.sections.is_empty() {
        p.paragraphs.push(Paragraph::new(""));
        b.uncertain.push(Uncertain {
            node_id: Some(p.id.clone()),
            message: format!("“{}”部分没有正文，请补写。", role.label()),
            excerpt: excerpt(&heading),
        });
    }
    b.recognised.push(Recognised {
        kind: RecognisedKind::Part,
        text: heading.clone(),
        node_id: Some(p.id.clone()),
        level: Some(1),
        role: Some(role),
    });
    Part {
        id: p.id,
        role,
        heading,
        paragraphs: p.paragraphs,
        sections: p.sections,
    }
}

/// A statutory heading in the template's form, when that differs from the
/// source: the template's own wording when the source says the same thing
/// (differing only in punctuation, spaces or 年度 for 年); else the source's
/// wording — a variant the template allows, as it names its item — with
/// half-width punctuation made full-width (GB/T 15834: a heading copied from a
/// web page keeps 职责,加强). `None` when nothing changes.
pub(super) fn normalised_heading(source: &str, template: Option<&str>) -> Option<String> {
    let same = |a: &str, b: &str| comparable(a) == comparable(b);
    let out = match template {
        Some(t) if same(source, t) => t.to_string(),
        _ => full_width_punct(source),
    };
    (out != source).then_some(out)
}

/// The words of a heading, without punctuation and spaces, 年度 read as 年.
fn comparable(s: &str) -> String {
    s.replace("年度", "年")
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punct(*c))
        .collect()
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// Half-width , ; : ? ! ( ) as their full-width forms; a comma or colon
/// between digits (1,000 or 8:30) is kept.
fn full_width_punct(s: &str) -> String {
    let cs: Vec<char> = s.trim().chars().collect();
    let digit = |i: Option<usize>| i.and_then(|i| cs.get(i)).is_some_and(char::is_ascii_digit);
    cs.iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits = digit(i.checked_sub(1)) && digit(Some(i + 1));
            match c {
                ',' if !between_digits => '，',
                ':' if !between_digits => '：',
                ';' => '；',
                '?' => '？',
                '!' => '！',
                '(' => '（',
                ')' => '）',
                c => c,
            }
        })
        .collect()
}

/// Whatever could not be placed in front (no part at all took a role) goes
/// into the first part, after its text.
pub(super) fn absorb_front(b: &mut Builder, parts: &mut [Part], leftover_front: Vec<RawPart>) {
    if leftover_front.is_empty() {
        return;
    }
    let Some(first) = parts.first_mut() else {
        return;
    };
    // The part was added for want of its heading, but it holds the source's
    // parts now: it is not blank, and the note says what happened.
    let label = first.role.label();
    // Found by its place, not by its wording.
    let blank_note = b
        .blank_part_notes
        .iter()
        .copied()
        .find(|&k| b.uncertain[k].node_id.as_deref() == Some(first.id.as_str()));
    if let Some(u) = blank_note.map(|k| &mut b.uncertain[k]) {
        u.message = format!(
            "原文没有写明“{label}”的部分标题，已按模板补上标题，原文的{}个部分作为其中的小标题，请核对。",
            leftover_front.len()
        );
    }
    for f in leftover_front {
        let mut rp = RawPart {
            heading: first.heading.clone(),
            role: Some(first.role),
            paragraphs: std::mem::take(&mut first.paragraphs),
            sections: std::mem::take(&mut first.sections),
            id: first.id.clone(),
            source_label: String::new(),
        };
        rp.paragraphs.retain(|p| !p.text.is_empty());
        demote_into(b, &mut rp, f, false);
        first.paragraphs = rp.paragraphs;
        first.sections = rp.sections;
    }
}

/// Says so when the source's parts came in another order than the template's.
pub(super) fn check_order(b: &mut Builder, tpl: &Template, source_order: &[Role]) {
    let template_order: Vec<Role> = tpl
        .parts
        .iter()
        .map(|s| s.role)
        .filter(|r| source_order.contains(r))
        .collect();
    if source_order != template_order {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: format!(
                "原文各部分的顺序与模板“{}”不同，已按模板顺序排列，请核对。",
                tpl.name
            ),
            excerpt: String::new(),
        });
    }
}

/// Makes part `p` a section of `target` (at the front or the end), flattening
/// anything that would end up deeper than four levels.
fn demote_into(b: &mut Builder, target: &mut RawPart, p: RawPart, front: bool) {
    let mut s = Section {
        id: p.id,
        // The number is the section's place (（一）), not the source's 一、:
        // kept, it printed twice (（一）一、坚持以法治思想为统领…).
        heading: p.heading.trim().to_string(),
        paragraphs: p.paragraphs,
        sections: p.sections,
    };
    flatten_below(&mut s, MAX_LEVEL - 2);
    b.recognised.push(Recognised {
        kind: RecognisedKind::Section,
        text: s.heading.clone(),
        node_id: Some(s.id.clone()),
        level: Some(2),
        role: None,
    });
    if front {
        target.sections.insert(0, s);
    } else {
        target.sections.push(s);
    }
}

/// Keeps at most `levels` levels of subsections under `s`; deeper headings
/// become paragraphs (text kept, in order).
fn flatten_below(s: &mut Section, levels: usize) {
    if levels == 0 {
        let mut paras = Vec::new();
        fn collect(sec: Section, out: &mut Vec<Paragraph>) {
            out.push(Paragraph::new(sec.heading));
            out.extend(sec.paragraphs);
            for c in sec.sections {
                collect(c, out);
            }
        }
        for c in std::mem::take(&mut s.sections) {
            collect(c, &mut paras);
        }
        s.paragraphs.extend(paras);
        return;
    }
    for c in &mut s.sections {
        flatten_below(c, levels - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_wording_and_synonyms() {
        let cases = [
            ("2019年推进法治政府建设的主要举措和成效", Role::Measures),
            ("主要措施和成效", Role::Measures),
            ("基本情况和主要成效", Role::Measures),
            ("2019年推进法治政府建设情况", Role::Measures),
            ("存在的不足和原因", Role::Shortcomings),
            ("存在的问题", Role::Shortcomings),
            (
                "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
                Role::Leadership,
            ),
            ("2020年推进法治政府建设的主要安排", Role::Plans),
            ("2021年工作安排", Role::Plans),
            ("下一步工作打算", Role::Plans),
            ("2022年工作计划", Role::Plans),
            ("其他需要报告的情况", Role::Other),
        ];
        for (h, r) in cases {
            assert_eq!(role_of(h), Some(r), "{h}");
        }
        assert_eq!(role_of("工作亮点"), None);
    }

    #[test]
    fn statutory_headings_take_the_templates_form() {
        let tpl = "2019年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况";
        // The same words: the template's wording.
        assert_eq!(
            normalised_heading(
                "2019年度党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况",
                Some(tpl)
            )
            .as_deref(),
            Some(tpl)
        );
        // A variant (no 的有关情况): the source's words, full-width punctuation.
        assert_eq!(
            normalised_heading(
                "2019年度党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设",
                Some(tpl)
            )
            .as_deref(),
            Some("2019年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设")
        );
        assert_eq!(
            normalised_heading(tpl, Some(tpl)),
            None,
            "already the template's"
        );
        assert_eq!(
            normalised_heading("2019年主要举措(重点)和成效", None).as_deref(),
            Some("2019年主要举措（重点）和成效")
        );
        assert_eq!(
            normalised_heading("投入1,000万元的成效", None),
            None,
            "digits keep their comma"
        );
    }
}
