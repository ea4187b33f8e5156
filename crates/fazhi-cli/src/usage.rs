//! clap's usage errors in Chinese. The users of `fazhi` read Chinese; clap writes
//! its own errors (a missing argument, an unknown option or subcommand, a bad
//! value) in English, so they are re-worded here from the error's kind and
//! context. Help and version output stay clap's own (their texts are the
//! arguments' Chinese doc comments).

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The Chinese message for a usage error, with the usage line and a hint.
pub fn message(e: &clap::Error) -> String {
    let ctx = |k: ContextKind| -> Vec<String> {
        match e.get(k) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
            Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
            Some(ContextValue::Number(n)) => vec![n.to_string()],
            _ => Vec::new(),
        }
    };
    let first = |k: ContextKind| ctx(k).into_iter().next().unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            format!(
                "缺少必需的参数：{}",
                ctx(ContextKind::InvalidArg).join("、")
            )
        }
        ErrorKind::MissingSubcommand => "缺少子命令".to_string(),
        ErrorKind::InvalidSubcommand => {
            let mut m = format!("没有这个子命令：{}", first(ContextKind::InvalidSubcommand));
            let tips = ctx(ContextKind::SuggestedSubcommand);
            if !tips.is_empty() {
                m.push_str(&format!("（是否想用：{}？）", tips.join("、")));
            }
            m
        }
        ErrorKind::UnknownArgument => {
            let mut m = format!("不认识的参数：{}", first(ContextKind::InvalidArg));
            let tips = ctx(ContextKind::SuggestedArg);
            if !tips.is_empty() {
                m.push_str(&format!("（是否想用：{}？）", tips.join("、")));
            }
            m
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = format!(
                "参数 {} 的值“{}”无效",
                first(ContextKind::InvalidArg),
                first(ContextKind::InvalidValue)
            );
            let valid = ctx(ContextKind::ValidValue);
            if !valid.is_empty() {
                m.push_str(&format!("：可用的值为 {}", valid.join("、")));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            let others = ctx(ContextKind::PriorArg);
            format!(
                "参数 {} 不能与 {} 同时使用",
                first(ContextKind::InvalidArg),
                if others.is_empty() {
                    "其他参数".to_string()
                } else {
                    others.join("、")
                }
            )
        }
        ErrorKind::TooManyValues => {
            format!("参数给得太多：{}", first(ContextKind::InvalidValue))
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {} 的值个数不对", first(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => format!("参数 {} 须用“=”给值", first(ContextKind::InvalidArg)),
        ErrorKind::InvalidUtf8 => "参数中有无效的字符（不是 UTF-8）".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let usage = first(ContextKind::Usage)
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .to_string();
    let mut out = format!("错误：{what}");
    if !usage.is_empty() {
        out.push_str(&format!("\n用法：{usage}"));
    }
    out.push_str("\n（加 --help 查看说明）");
    out
}

/// True when clap's output is not an error but what was asked for (help, version).
pub fn is_display(e: &clap::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::Cli;

    fn err(args: &[&str]) -> String {
        match Cli::try_parse_from(args) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => super::message(&e),
        }
    }

    #[test]
    fn usage_errors_are_worded_in_chinese() {
        let m = err(&["fazhi", "changes", "accept"]);
        assert!(m.starts_with("错误：缺少必需的参数："), "{m}");
        assert!(
            m.contains("<ID>") && m.contains("用法：fazhi changes accept"),
            "{m}"
        );
        let m = err(&["fazhi", "expor"]);
        assert!(
            m.contains("没有这个子命令：expor") && m.contains("export"),
            "{m}"
        );
        let m = err(&["fazhi", "list", "--bogus"]);
        assert!(m.contains("不认识的参数：--bogus"), "{m}");
        assert!(!m.contains("error:") && !m.contains("Usage:"), "{m}");
        let m = err(&[
            "fazhi",
            "changes",
            "suggest",
            "x",
            "--quote",
            "a",
            "--with",
            "b",
            "--occurrence",
            "abc",
        ]);
        assert!(m.contains("无效"), "{m}");
    }
}
