//! 发文机关 and 报告年度: given by the user, else inferred from the title, the
//! parts, the preface, the signature or the date, else flagged as missing.

use fazhi_core::{Paragraph, Role};

use crate::{infer, ImportOptions, Uncertain, ValueSource};

use super::{Builder, Line, RawPart};

/// The issuer: the option, else the title's, the signature or the first
/// one named in the text.
pub(super) fn issuer(
    opts: &ImportOptions,
    title: Option<&str>,
    signature: Option<&str>,
    lines: &[Line],
) -> (String, ValueSource) {
    if let Some(i) = opts
        .issuer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return (i.to_string(), ValueSource::Given);
    }
    let found = title
        .and_then(infer::issuer_in_title)
        .or_else(|| signature.map(str::to_string))
        .or_else(|| infer::issuer_in_text(&start_of_text(lines)));
    match found {
        Some(i) => (i, ValueSource::Inferred),
        None => (String::new(), ValueSource::Missing),
    }
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
/// plans name the next year), the preface's 报告如下 sentence or the year
/// before the date; else last calendar year.
pub(super) fn year(
    opts: &ImportOptions,
    title: Option<&str>,
    raw_parts: &[RawPart],
    preface: &[Paragraph],
    date: Option<&str>,
) -> (i32, ValueSource) {
    if let Some(y) = opts.year {
        return (y, ValueSource::Given);
    }
    let from_parts = |role: Role, shift: i32| {
        raw_parts
            .iter()
            .find(|p| p.role == Some(role))
            .and_then(|p| infer::year_in(&p.heading))
            .map(|y| y + shift)
    };
    let found = title
        .and_then(infer::year_in)
        .or_else(|| from_parts(Role::Measures, 0))
        .or_else(|| from_parts(Role::Shortcomings, 0))
        .or_else(|| from_parts(Role::Plans, -1))
        .or_else(|| {
            preface
                .iter()
                .find(|p| p.text.contains("报告如下"))
                .and_then(|p| infer::year_in(&p.text))
        })
        .or_else(|| {
            date.and_then(|d| d.get(..4)?.parse::<i32>().ok())
                .map(|y| y - 1)
        });
    match found {
        Some(y) => (y, ValueSource::Inferred),
        None => (infer::previous_calendar_year(), ValueSource::Missing),
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
