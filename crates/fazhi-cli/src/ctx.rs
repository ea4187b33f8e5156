//! What every subcommand shares: the library path, the output mode, and the
//! turning of typed library errors into a Chinese message and an exit code.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use fazhi_core::Store;
use serde::Serialize;

pub struct Ctx {
    pub db: PathBuf,
    pub json: bool,
}

/// An error as the user sees it: a Chinese message, a stable code and an exit code.
#[derive(Debug)]
pub struct CliError {
    pub code: String,
    pub message: String,
    pub exit: u8,
}

impl CliError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CliError {
            code: code.to_string(),
            message: message.into(),
            exit: 2,
        }
    }
}

impl From<fazhi_core::Error> for CliError {
    fn from(e: fazhi_core::Error) -> Self {
        CliError::new(e.code(), e.to_string())
    }
}

impl Ctx {
    pub fn new(db: Option<PathBuf>, json: bool) -> Ctx {
        Ctx {
            db: db.unwrap_or_else(fazhi_core::store::default_path),
            json,
        }
    }

    pub fn store(&self) -> Result<Store, CliError> {
        Ok(Store::open(&self.db)?)
    }

    /// Prints `value` as JSON in `--json` mode, else the human text.
    pub fn emit<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) {
        let text = if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("错误：无法输出 JSON：{e}");
                    return;
                }
            }
        } else {
            human()
        };
        if !text.is_empty() {
            // A closed pipe (`fazhi show ID | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{text}");
        }
    }

    pub fn fail(&self, e: &CliError) -> ExitCode {
        if self.json {
            let v = serde_json::json!({ "error": { "code": e.code, "message": e.message } });
            eprintln!("{v}");
        } else {
            eprintln!("错误：{}", e.message);
        }
        ExitCode::from(e.exit)
    }
}
