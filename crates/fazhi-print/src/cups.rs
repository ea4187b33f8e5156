//! The printers CUPS knows (`lpstat`) and their options (`lpoptions -l`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::PrintError;

/// One destination (a printer or a class).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
    /// Enabled and accepting jobs.
    pub ready: bool,
    /// CUPS's state line, translated (空闲, 正在打印, 已停用…).
    pub state: String,
    /// Whether the printer offers two-sided printing (`sides`/`Duplex` option).
    pub duplex: bool,
    pub options: Vec<PrinterOption>,
}

/// An option of a printer's driver: its name, label, choices and current choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrinterOption {
    pub name: String,
    pub label: String,
    pub choices: Vec<String>,
    pub default: Option<String>,
}

/// Runs a CUPS client in the C locale; `stdin` is written to it when given.
pub(crate) fn run(
    tool: &'static str,
    args: &[&str],
    stdin: Option<&[u8]>,
) -> Result<Output, PrintError> {
    let mut cmd = Command::new(tool);
    cmd.args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PrintError::NoCups(tool),
        _ => PrintError::Failed(e.to_string()),
    })?;
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(bytes)
            .map_err(|e| PrintError::Failed(e.to_string()))?;
    }
    child
        .wait_with_output()
        .map_err(|e| PrintError::Failed(e.to_string()))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_string()
}

/// The destination names (`lpstat -e`); an error when the scheduler cannot be reached.
pub(crate) fn destinations() -> Result<Vec<String>, PrintError> {
    let o = run("lpstat", &["-e"], None)?;
    let err = stderr(&o);
    if !o.status.success() && !err.is_empty() && !err.contains("No destinations") {
        return Err(PrintError::SchedulerDown(err));
    }
    Ok(stdout(&o)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect())
}

/// `printer NAME is idle.  enabled since …` / `… disabled since …` → (state, enabled).
fn states(text: &str) -> Vec<(String, String, bool)> {
    text.lines()
        .filter_map(|l| l.strip_prefix("printer "))
        .filter_map(|rest| {
            let (name, rest) = rest.split_once(' ')?;
            let state = if rest.contains("disabled") {
                "已停用"
            } else if rest.contains("now printing") {
                "正在打印"
            } else if rest.contains("is idle") {
                "空闲"
            } else {
                "未知"
            };
            Some((
                name.to_string(),
                state.to_string(),
                !rest.contains("disabled"),
            ))
        })
        .collect()
}

/// `NAME accepting requests since …` / `NAME not accepting requests since …`.
fn accepting(text: &str, name: &str) -> bool {
    text.lines().any(|l| {
        l.split_once(' ')
            .is_some_and(|(n, rest)| n == name && rest.starts_with("accepting"))
    })
}

/// `PageSize/Page Size: Letter *A4 …` lines.
fn parse_options(text: &str) -> Vec<PrinterOption> {
    text.lines()
        .filter_map(|l| {
            let (head, values) = l.split_once(':')?;
            let (name, label) = head.split_once('/').unwrap_or((head, head));
            let mut default = None;
            let choices = values
                .split_whitespace()
                .map(|v| match v.strip_prefix('*') {
                    Some(d) => {
                        default = Some(d.to_string());
                        d.to_string()
                    }
                    None => v.to_string(),
                })
                .collect();
            Some(PrinterOption {
                name: name.trim().to_string(),
                label: label.trim().to_string(),
                choices,
                default,
            })
        })
        .collect()
}

fn offers_duplex(options: &[PrinterOption]) -> bool {
    options.iter().any(|o| {
        (o.name == "sides" || o.name == "Duplex")
            && o.choices
                .iter()
                .any(|c| c.contains("two-sided") || c.contains("Tumble") || c == "DuplexNoTumble")
    })
}

/// The printers CUPS knows, the default first.
pub fn printers() -> Result<Vec<Printer>, PrintError> {
    let names = destinations()?;
    let status = stdout(&run("lpstat", &["-p"], None)?);
    let accept = stdout(&run("lpstat", &["-a"], None)?);
    let default = stdout(&run("lpstat", &["-d"], None)?);
    let default = default
        .split_once(':')
        .map(|(_, d)| d.trim().to_string())
        .unwrap_or_default();
    let states = states(&status);
    let mut out: Vec<Printer> = names
        .into_iter()
        .map(|name| {
            let (state, enabled) = states
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|(_, s, e)| (s.clone(), *e))
                .unwrap_or(("未知".into(), true));
            let options = run("lpoptions", &["-p", &name, "-l"], None)
                .map(|o| parse_options(&stdout(&o)))
                .unwrap_or_default();
            let ready = enabled && accepting(&accept, &name);
            Printer {
                is_default: name == default,
                duplex: offers_duplex(&options),
                state: if ready {
                    state
                } else {
                    "不接收任务".into()
                },
                ready,
                options,
                name,
            }
        })
        .collect();
    out.sort_by_key(|p| !p.is_default);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_with_their_default() {
        let o = parse_options(
            "PageSize/Page Size: Letter *A4 A5\nsides/Two-Sided: *one-sided two-sided-long-edge two-sided-short-edge\n",
        );
        assert_eq!(o[0].name, "PageSize");
        assert_eq!(o[0].label, "Page Size");
        assert_eq!(o[0].default.as_deref(), Some("A4"));
        assert_eq!(o[1].choices.len(), 3);
        assert!(offers_duplex(&o));
        assert!(!offers_duplex(&o[..1]));
    }

    #[test]
    fn states_and_acceptance_are_read_per_printer() {
        let s = states(
            "printer Office is idle.  enabled since Fri\nprinter Old disabled since Fri -\n\treason\n",
        );
        assert_eq!(s[0], ("Office".into(), "空闲".into(), true));
        assert_eq!(s[1], ("Old".into(), "已停用".into(), false));
        let a = "Office accepting requests since Fri\nOld not accepting requests since Fri -\n";
        assert!(accepting(a, "Office"));
        assert!(!accepting(a, "Old"));
    }
}
