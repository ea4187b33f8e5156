//! What must not be published: secrecy markings, citizen ID numbers, mobile
//! numbers and the library's sensitive terms.

use std::sync::LazyLock;

use regex::Regex;

use super::{char_after, digit_before, digit_run, has, re};
use crate::ids;
use crate::nodes::Kind;
use crate::rules::Cx;

static MARKING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:绝密|机密|秘密)[ \u{3000}]*★|内部资料|不得外传|内部文件"));
static LEADING_SECRET: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \u{3000}]*(?:绝密|机密|秘密)(?:[ \u{3000}★]|$)"));
static ID_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\d{17}[\dXx]"));
static MOBILE: LazyLock<Regex> = LazyLock::new(|| re(r"1[3-9]\d{9}"));

/// GB 11643 check digit of an 18-digit citizen ID number.
fn id_checksum_ok(s: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let mut sum = 0;
    for (c, w) in chars[..17].iter().zip(W) {
        match c.to_digit(10) {
            Some(d) => sum += d * w,
            None => return false,
        }
    }
    let month: u32 = s[10..12].parse().unwrap_or(0);
    let century = &s[6..8];
    (century == "19" || century == "20")
        && (1..=12).contains(&month)
        && chars[17].to_ascii_uppercase() == C[(sum % 11) as usize]
}

pub(super) fn secrecy(cx: &mut Cx) {
    let mut hits: Vec<(&'static str, usize, usize, String)> = Vec::new();
    if cx.on(ids::SECRET_MARKING) {
        // Every match of MARKING holds one of these.
        if has(cx.t.s, &["★", "内部资料", "不得外传", "内部文件"]) {
            for m in MARKING.find_iter(cx.t.s) {
                hits.push((
                    ids::SECRET_MARKING,
                    m.start(),
                    m.end(),
                    format!(
                        "公开发布的报告不得含有“{}”等密级或内部标志，请核实并删除，必要时先做保密审查",
                        m.as_str()
                    ),
                ));
            }
        }
        if (matches!(cx.node.kind, Kind::Title | Kind::Meta) || cx.node.index == 0)
            // LEADING_SECRET's match starts the text, after spaces.
            && ["绝密", "机密", "秘密"]
                .iter()
                .any(|w| cx.t.s.trim_start_matches([' ', '\u{3000}']).starts_with(w))
        {
            if let Some(m) = LEADING_SECRET.find(cx.t.s) {
                if !hits.iter().any(|h| h.1 <= m.start() && m.start() < h.2) {
                    let t = m.as_str().trim();
                    let lead = m.as_str().len() - m.as_str().trim_start().len();
                    hits.push((
                        ids::SECRET_MARKING,
                        m.start() + lead,
                        m.start() + lead + t.len(),
                        format!("公开发布的报告不得标注密级“{t}”，请核实并做保密审查"),
                    ));
                }
            }
        }
    }
    let digit_around = |cx: &Cx, a: usize, b: usize| {
        digit_before(cx, a) || char_after(cx, b).is_some_and(|c| c.is_ascii_digit())
    };
    if cx.on(ids::SECRET_ID_NUMBER) && digit_run(cx.t.s) >= 17 {
        for m in ID_NUMBER.find_iter(cx.t.s) {
            if digit_around(cx, m.start(), m.end()) || !id_checksum_ok(m.as_str()) {
                continue;
            }
            hits.push((
                ids::SECRET_ID_NUMBER,
                m.start(),
                m.end(),
                "公开发布的报告不得含有公民身份号码，请删除或隐去".into(),
            ));
        }
    }
    if cx.on(ids::SECRET_MOBILE) && digit_run(cx.t.s) >= 11 {
        for m in MOBILE.find_iter(cx.t.s) {
            if digit_around(cx, m.start(), m.end()) {
                continue;
            }
            hits.push((
                ids::SECRET_MOBILE,
                m.start(),
                m.end(),
                "含有手机号码：如属个人信息，公开前应删除；如是公开的服务电话可忽略".into(),
            ));
        }
    }
    if cx.on(ids::SECRET_TERM) {
        if let Some((ac, terms)) = &cx.lists.terms {
            for m in ac.find_iter(cx.t.s) {
                let term = terms
                    .get(m.pattern().as_usize())
                    .cloned()
                    .unwrap_or_default();
                hits.push((
                    ids::SECRET_TERM,
                    m.start(),
                    m.end(),
                    format!("含有本资料库设定的敏感词“{term}”，公开前请核实"),
                ));
            }
        }
    }
    for (rule, from, to, msg) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(rule, s, e, msg, None);
    }
}
