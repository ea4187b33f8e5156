//! 设置 → 词库: the lexicon in force, one entry added, edited, switched off or
//! reset, and the whole list exported to / imported from CSV or XLSX through
//! the host's file dialogs. Every change reaches the next 校对.

use fazhi_checks::lexicon::{Condition, LexEntry};
use fazhi_checks::proofing::{self, LexiconImport, ProofingError};
use fazhi_checks::{Checker, RuleConfig};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::lock;
use crate::error::{AppError, CmdResult};
use crate::host::{DialogKind, FileDialog, Purpose};
use crate::App;

pub(crate) fn proofing_error(e: ProofingError) -> AppError {
    AppError::new(e.code(), e.to_string())
}

/// An entry as 词库 lists it: the entry, and its condition in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LexEntryView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub entry: LexEntry,
    /// The condition as shown and typed (后接：甲｜乙；不前接：丙, 正则：…,
    /// 任意位置), from [`Condition::label`].
    pub condition_label: String,
}

fn views(entries: Vec<LexEntry>) -> Vec<LexEntryView> {
    entries
        .into_iter()
        .map(|entry| LexEntryView {
            condition_label: Condition::label(&entry.condition),
            entry,
        })
        .collect()
}

impl App {
    /// The checker follows the library's configuration and lexicon again.
    pub(crate) fn reload_checker(&self) -> CmdResult<()> {
        let cfg = {
            let store = self.store_guard();
            RuleConfig::load(&store).map_err(|e| AppError::new("config", e.to_string()))?
        };
        *lock(&self.checker) = Checker::new(cfg);
        Ok(())
    }

    pub fn list_lexicon(&self) -> CmdResult<Vec<LexEntryView>> {
        proofing::lexicon(&self.store_guard())
            .map(views)
            .map_err(proofing_error)
    }

    /// Adds or changes an entry (`replaces`: its key before the edit). The
    /// condition may be typed in Chinese (后接：之) or in English
    /// (followed_by:之); it is kept in the stored syntax
    /// ([`Condition::normalize`]).
    pub fn save_lexicon_entry(
        &self,
        mut entry: LexEntry,
        replaces: Option<String>,
    ) -> CmdResult<Vec<LexEntryView>> {
        // One that does not parse is refused by save_entry, in Chinese.
        if let Ok(c) = Condition::normalize(&entry.condition) {
            entry.condition = c;
        }
        proofing::save_entry(&mut self.store_guard(), &entry, replaces.as_deref())
            .map_err(proofing_error)?;
        self.reload_checker()?;
        self.list_lexicon()
    }

    /// Deletes the library's own entry, or resets a built-in one.
    pub fn remove_lexicon_entry(&self, key: String) -> CmdResult<Vec<LexEntryView>> {
        proofing::remove_entry(&mut self.store_guard(), &key).map_err(proofing_error)?;
        self.reload_checker()?;
        self.list_lexicon()
    }

    /// 导出词库 as CSV or XLSX (`format`: "csv" | "xlsx"); the path, or `None`
    /// when cancelled.
    pub fn export_lexicon(&self, format: String) -> CmdResult<Option<String>> {
        let ext: &'static str = match format.as_str() {
            "csv" => "csv",
            "xlsx" => "xlsx",
            _ => return Err(AppError::new("bad_format", "词库只能导出为 CSV 或 XLSX")),
        };
        let dialog = FileDialog {
            purpose: Purpose::Export,
            title: "导出词库",
            filter_name: if ext == "csv" {
                "CSV 表格"
            } else {
                "Excel 工作簿"
            }
            .into(),
            extensions: vec![ext],
            suggested_name: Some(format!("校对词库.{ext}")),
        };
        let Some(path) = self.host.choose_file(DialogKind::Save, &dialog) else {
            return Ok(None);
        };
        proofing::export_file(&self.store_guard(), &path).map_err(proofing_error)?;
        Ok(Some(path.display().to_string()))
    }

    /// 导入词库: merges a CSV or XLSX file the user chooses.
    pub fn import_lexicon(&self) -> CmdResult<Option<LexiconImport>> {
        let dialog = FileDialog {
            purpose: Purpose::Import,
            title: "导入词库",
            filter_name: "词库（CSV、XLSX）".into(),
            extensions: vec!["csv", "xlsx"],
            suggested_name: None,
        };
        let Some(path) = self.host.choose_file(DialogKind::Open, &dialog) else {
            return Ok(None);
        };
        let r = proofing::import_file(&mut self.store_guard(), &path).map_err(proofing_error)?;
        self.reload_checker()?;
        Ok(Some(r))
    }
}

#[cfg(test)]
mod tests {
    use fazhi_checks::lexicon::{LexGroup, LexSource};
    use fazhi_checks::Severity;
    use fazhi_core::store::ignored::IgnoreScope;

    use crate::host::NoWindow;
    use crate::App;

    #[test]
    fn an_entry_saved_in_the_app_is_found_and_a_finding_ignored_and_restored() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(dir.path().join("library.sqlite3"), Box::new(NoWindow));
        let id = app.list_reports(None).unwrap()[0].id.clone();
        let mut doc = app.get_report(id.clone()).unwrap().document;
        doc.preface[0].text = "推行阳光执法，统一布署。".into();
        let entry = fazhi_checks::LexEntry {
            wrong: "阳光执法".into(),
            suggestion: "公开透明执法".into(),
            level: Severity::Warning,
            condition: "always".into(),
            group: LexGroup::Style,
            explanation: "本单位统一说法".into(),
            enabled: true,
            example: String::new(),
            counter: String::new(),
            source: LexSource::User,
        };
        let all = app.save_lexicon_entry(entry, None).unwrap();
        assert!(all
            .iter()
            .any(|e| e.entry.wrong == "阳光执法" && e.entry.source == LexSource::User));
        let checked = app.check_report(id.clone(), doc.clone()).unwrap();
        let f = checked
            .findings
            .iter()
            .find(|f| f.text == "阳光执法")
            .expect("the new entry is found")
            .clone();
        let i = app
            .ignore_finding(id.clone(), f, IgnoreScope::Report)
            .unwrap();
        let checked = app.check_report(id.clone(), doc.clone()).unwrap();
        assert!(!checked.findings.iter().any(|f| f.text == "阳光执法"));
        assert_eq!(checked.ignored.len(), 1);
        assert_eq!(app.list_ignored(id.clone()).unwrap().len(), 1);
        app.restore_ignored(i.id).unwrap();
        let checked = app.check_report(id.clone(), doc).unwrap();
        assert!(checked.findings.iter().any(|f| f.text == "阳光执法"));
        // Cancelled dialogs change nothing.
        assert_eq!(app.export_lexicon("csv".into()).unwrap(), None);
        assert!(app.export_lexicon("pdf".into()).is_err());
        assert_eq!(app.import_lexicon().unwrap(), None);
        let all = app.remove_lexicon_entry("阳光执法|always".into()).unwrap();
        assert!(!all.iter().any(|e| e.entry.wrong == "阳光执法"));
    }

    #[test]
    fn a_condition_is_listed_in_chinese_and_saved_as_typed_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(dir.path().join("library.sqlite3"), Box::new(NoWindow));
        let listed = app.list_lexicon().unwrap();
        let shown = |wrong: &str, all: &[super::LexEntryView]| {
            all.iter()
                .find(|e| e.entry.wrong == wrong)
                .map(|e| e.condition_label.clone())
        };
        assert!(listed
            .iter()
            .any(|e| e.entry.condition.starts_with("not_preceded_by:")
                && e.condition_label.starts_with("不前接：")));
        assert!(listed
            .iter()
            .all(|e| !e.condition_label.contains("_by") && !e.condition_label.contains("regex")));
        let id = app.list_reports(None).unwrap()[0].id.clone();
        let mut doc = app.get_report(id.clone()).unwrap().document;
        doc.preface[0].text = "推行清单制管理，完善清单制。".into();
        let entry = fazhi_checks::LexEntry {
            wrong: "清单制".into(),
            suggestion: "清单制度".into(),
            level: Severity::Error,
            condition: "后接：管理｜工作".into(),
            group: LexGroup::Typo,
            explanation: String::new(),
            enabled: true,
            example: String::new(),
            counter: String::new(),
            source: LexSource::User,
        };
        let all = app.save_lexicon_entry(entry.clone(), None).unwrap();
        assert_eq!(shown("清单制", &all).as_deref(), Some("后接：管理｜工作"));
        let saved = all.iter().find(|e| e.entry.wrong == "清单制").unwrap();
        assert_eq!(saved.entry.condition, "followed_by:管理|工作");
        let checked = app.check_report(id, doc).unwrap();
        let hits: Vec<_> = checked
            .findings
            .iter()
            .filter(|f| f.text == "清单制" && f.message.contains("清单制度"))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "only 清单制 followed by 管理: {:?}",
            checked.findings
        );
        // A bad condition is refused in Chinese, naming the keywords.
        let e = app
            .save_lexicon_entry(
                fazhi_checks::LexEntry {
                    condition: "后面是到".into(),
                    ..entry
                },
                None,
            )
            .unwrap_err();
        assert!(
            e.message.contains("后接：") && e.message.contains("不前接："),
            "{}",
            e.message
        );
    }
}
