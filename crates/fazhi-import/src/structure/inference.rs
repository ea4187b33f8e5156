//! 发文机关 and 报告年度: given by the user, else inferred from the title, the
//! parts, the preface, the signature or the date, else flagged as missing.

use fazhi_core::{Paragraph, Role};

use crate::{infer, ImportOptions, Uncertain, ValueSource};

use super::{Builder, Line, RawPart};

/// The issuer: the option, else the title's, the signature, the opening
/// sentence's subject or the place named most in the text. A guess (a name
/// without its place, or one read from the text) comes with a note for the
/// user to confirm instead of a refusal.
pub(super) fn issuer(
    opts: &ImportOptions,
    title: Option<&str>,
    signature: Option<&str>,
    lines: &[Line],
    page_organs: &[String],
) -> (String, ValueSource, Option<String>) {
    if let Some(i) = opts
        .issuer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return (i.to_string(), ValueSource::Given, None);
    }
    let titled = title.and_then(infer::issuer_in_title);
    if let Some(i) = titled.clone().filter(|i| i.sure) {
        return (i.name, ValueSource::Inferred, None);
    }
    // 市水务局 in the title, 武汉市水务局 as the page's source: the page names
    // the place.
    if let Some(i) = &titled {
        let bare: String = i.name.chars().skip(1).collect();
        if let Some(o) = page_organs
            .iter()
            .find(|o| o.ends_with(&bare) && o.chars().count() > i.name.chars().count())
        {
            let note = format!("发文机关由网页的来源补全为“{o}”，请核对。");
            return (o.clone(), ValueSource::Inferred, Some(note));
        }
    }
    if let Some(s) = signature {
        return (s.to_string(), ValueSource::Inferred, None);
    }
    let opening = lines
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty() && Some(*t) != title)
        // The addressee (市委全面依法治市委员会：) names who reads the report.
        .filter(|t| !addressee_like(t))
        .take(6)
        .find_map(infer::issuer_in_opening);
    let partial = title.and_then(infer::issuer_in_title);
    let from_text = || infer::issuer_in_text(&start_of_text(lines));
    match (opening, partial) {
        (Some(i), _) if i.sure => {
            // A 新区 or zone run by a 管委会 the text names (郑东新区 → 《…郑东新区
            // 管委会2025年度领导干部学法计划》): the 管委会, not a 人民政府.
            if let Some(body) = zone_body(&i.name, &start_of_text(lines)) {
                let note = format!("发文机关由正文第一句推断为“{body}”，请核对。");
                return (body, ValueSource::Inferred, Some(note));
            }
            // Sure when the text names the same place most often too.
            let agrees = from_text().is_some_and(|t| {
                let place = t.trim_end_matches("人民政府");
                i.name.starts_with(place)
            });
            let note =
                (!agrees).then(|| format!("发文机关由正文第一句推断为“{}”，请核对。", i.name));
            (i.name, ValueSource::Inferred, note)
        }
        (o, p) => {
            // A level word only (区人民政府, 市人社局): the place may be named
            // elsewhere in the text.
            let guess = p.or(o);
            let place = from_text();
            let name = match (&guess, place) {
                // 市公安局 in the opening, 《宜春市公安局…》 in the text.
                (Some(g), _) if !g.sure => {
                    match infer::complete_in_text(&g.name, &start_of_text(lines)) {
                        Some(full) => {
                            let note = format!(
                                "发文机关未写全（原文作“{}”），按正文中的名称暂定为“{full}”，请核对。",
                                g.name
                            );
                            return (full, ValueSource::Inferred, Some(note));
                        }
                        None => g.name.clone(),
                    }
                }
                (Some(g), _) => g.name.clone(),
                (None, Some(t)) => {
                    // Complete, but read from the text, not from a title or
                    // the opening: say where it came from.
                    let note = format!("发文机关按正文中最常提到的“{t}”暂定，请核对。");
                    return (t, ValueSource::Inferred, Some(note));
                }
                (None, None) => {
                    // 我市 / 我局 only: the name the text writes in full elsewhere.
                    return match infer::own_organ_in_text(&start_of_text(lines)) {
                        Some((name, own)) => {
                            let note = format!(
                                "原文只称“{own}”，发文机关按正文中写出的名称暂定为“{name}”，请核对。"
                            );
                            (name, ValueSource::Inferred, Some(note))
                        }
                        None => (String::new(), ValueSource::Missing, None),
                    };
                }
            };
            let note = format!("发文机关未写全，暂定为“{name}”，请补全地名后核对。");
            (name, ValueSource::Inferred, Some(note))
        }
    }
}

/// The 管委会 of a place the text names as one (X管委会, X管理委员会) when the
/// guess is X人民政府: a 新区 or zone is often run by a 管委会 (郑东新区), and only
/// the text can tell (浦东新区 has a 人民政府).
fn zone_body(name: &str, text: &str) -> Option<String> {
    let place = name.strip_suffix("人民政府")?;
    (place.chars().count() >= 2
        && [format!("{place}管委会"), format!("{place}管理委员会")]
            .iter()
            .any(|b| text.contains(b.as_str())))
    .then(|| format!("{place}管委会"))
}

/// 市委全面依法治市委员会： — an addressee, not a sentence naming the issuer.
fn addressee_like(t: &str) -> bool {
    t.ends_with(['：', ':'])
        && t.chars().count() <= 40
        && !t.contains("如下")
        && !t.contains(['，', ',', '。'])
}

/// The lines joined, up to about 300 000 bytes. Inference needs the start of
/// the report only; a bound keeps hostile files from making it slow.
fn start_of_text(lines: &[Line]) -> String {
    let mut text_all = String::new();
    for l in lines {
        if text_all.len() > 300_000 {
            break;
        }
        text_all.push_str(&l.text);
        text_all.push('\n');
    }
    text_all
}

/// The report year: the option, else the title's, a part heading's (the
/// plans name the next year), the preface's 报告如下 sentence, the year the
/// opening sentence starts with (2022年，…) or the year before the date; else
/// last calendar year. A year read from the opening or the date comes with a
/// note for the user to confirm.
pub(super) fn year(
    opts: &ImportOptions,
    title: Option<&str>,
    raw_parts: &[RawPart],
    preface: &[Paragraph],
    date: Option<&str>,
) -> (i32, ValueSource, Option<String>) {
    if let Some(y) = opts.year {
        return (y, ValueSource::Given, None);
    }
    let from_parts = |role: Role, shift: i32| {
        raw_parts
            .iter()
            .find(|p| p.role == Some(role))
            .and_then(|p| infer::year_in(&p.heading))
            .map(|y| y + shift)
    };
    let found = title
        .and_then(infer::year_in_title)
        .or_else(|| from_parts(Role::Measures, 0))
        .or_else(|| from_parts(Role::Shortcomings, 0))
        .or_else(|| from_parts(Role::Plans, -1))
        .or_else(|| {
            // 现将…2021年…报告如下 (or …报告予以公开).
            preface
                .iter()
                .find(|p| p.text.contains("报告如下") || p.text.contains("现将"))
                .and_then(|p| {
                    // The year after 现将, not one in a cited title before it
                    // (《…纲要（2021—2025年）》).
                    let after = p
                        .text
                        .split_once("现将")
                        .map_or(p.text.as_str(), |(_, a)| a);
                    infer::year_in(after).or_else(|| {
                        // The sentence of 现将 (…认真总结我局2024年法治政府建设工作开展情况，现将…),
                        // never a year inside a cited title.
                        let sentence = p
                            .text
                            .split('。')
                            .find(|s| s.contains("现将") || s.contains("报告如下"))
                            .unwrap_or(&p.text);
                        infer::year_in(&infer::without_titles(sentence))
                    })
                })
        });
    if let Some(y) = found {
        return (y, ValueSource::Inferred, None);
    }
    let opening = preface
        .iter()
        .map(|p| p.text.trim())
        .find(|t| !t.is_empty())
        .and_then(|t| {
            infer::year_in(t.get(..12.min(t.len())).unwrap_or(t)).or_else(|| {
                // 2022年，… : the year the report opens with.
                let head: String = t.chars().take(6).collect();
                infer::year_in(&head)
            })
        });
    if let Some(y) = opening {
        let note = format!("报告年度由正文第一句推断为 {y} 年，请核对。");
        return (y, ValueSource::Inferred, Some(note));
    }
    if let Some(y) = date.and_then(|d| d.get(..4)?.parse::<i32>().ok()) {
        let note = format!("报告年度按成文日期推断为 {} 年，请核对。", y - 1);
        return (y - 1, ValueSource::Inferred, Some(note));
    }
    let mut text = String::new();
    fn section_text(s: &fazhi_core::Section, out: &mut String) {
        out.push_str(&s.heading);
        for p in &s.paragraphs {
            out.push_str(&p.text);
        }
        s.sections.iter().for_each(|c| section_text(c, out));
    }
    preface.iter().for_each(|p| text.push_str(&p.text));
    for part in raw_parts {
        if text.len() > 120_000 {
            break;
        }
        text.push_str(&part.heading);
        part.paragraphs.iter().for_each(|p| text.push_str(&p.text));
        part.sections
            .iter()
            .for_each(|s| section_text(s, &mut text));
    }
    if let Some(y) = infer::most_named_year(&text) {
        let note = format!("报告年度按正文中最常提到的年份暂定为 {y} 年，请核对。");
        return (y, ValueSource::Inferred, Some(note));
    }
    (infer::previous_calendar_year(), ValueSource::Missing, None)
}

/// Says what was guessed, for the import preview and the CLI.
pub(super) fn note_guesses(b: &mut Builder, notes: [Option<String>; 2]) {
    for message in notes.into_iter().flatten() {
        b.uncertain.push(Uncertain {
            node_id: None,
            message,
            excerpt: String::new(),
        });
    }
}

/// Asks the user for what could not be found.
pub(super) fn flag_missing(
    b: &mut Builder,
    issuer_source: ValueSource,
    year: i32,
    year_source: ValueSource,
) {
    if issuer_source == ValueSource::Missing {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: "没有识别出发文机关，请填写。".into(),
            excerpt: String::new(),
        });
    }
    if year_source == ValueSource::Missing {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: format!("没有识别出报告年度，暂定为 {year} 年，请核对。"),
            excerpt: String::new(),
        });
    }
}
