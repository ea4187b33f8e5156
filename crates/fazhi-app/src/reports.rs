//! Reports, versions and comparison: argument checks, then one store call.

use fazhi_core::diff::Comparison;
use fazhi_core::store::{Created, NewReport, ReportSummary, ReportView, RevisionInfo, Saved};
use fazhi_core::template::{self, TemplateInfo};
use fazhi_core::{ids, Document, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, CmdResult};
use crate::App;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub notices: Vec<String>,
}

pub fn check_id(id: &str) -> CmdResult<()> {
    if ids::is_valid_id(id) {
        Ok(())
    } else {
        Err(AppError::new("bad_id", "报告编号无效"))
    }
}

const MAX_QUERY_CHARS: usize = 200;
const MAX_MESSAGE_CHARS: usize = 500;

impl App {
    pub fn app_info(&self) -> CmdResult<AppInfo> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            db_path: self.library.display().to_string(),
            notices: self.notices.clone(),
        })
    }

    pub fn list_templates(&self) -> CmdResult<Vec<TemplateInfo>> {
        Ok(template::list())
    }

    pub fn list_reports(&self, query: Option<String>) -> CmdResult<Vec<ReportSummary>> {
        if query
            .as_ref()
            .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
        {
            return Err(AppError::new("bad_query", "搜索内容过长"));
        }
        self.with_store(|s| s.list_reports(query.as_deref()))
    }

    pub fn create_report(&self, input: NewReport) -> CmdResult<Created> {
        self.with_store(|s| s.create_report(&input))
    }

    /// The report this library already has for the same issuer and year (the
    /// newest, review copies aside), so that 新建报告 can warn and offer to
    /// open it instead of making a second one.
    pub fn find_same_report(&self, issuer: String, year: i32) -> CmdResult<Option<ReportSummary>> {
        let issuer = issuer.trim();
        if issuer.is_empty() {
            return Ok(None);
        }
        let reports = self.with_store(|s| {
            let all = s.list_reports(None)?;
            let mut same = Vec::new();
            for r in all {
                if r.year == year && r.issuer.trim() == issuer && !s.report_status(&r.id)?.1 {
                    same.push(r);
                }
            }
            Ok(same)
        })?;
        Ok(reports
            .into_iter()
            .max_by(|a, b| a.updated_at.cmp(&b.updated_at)))
    }

    pub fn get_report(&self, id: String) -> CmdResult<ReportView> {
        check_id(&id)?;
        self.with_store(|s| s.get_report(&id))
    }

    pub fn save_report(
        &self,
        id: String,
        expected_version: Option<i64>,
        document: Document,
    ) -> CmdResult<Saved> {
        check_id(&id)?;
        self.with_store(|s| s.save_report(&id, document, expected_version))
    }

    pub fn delete_report(&self, id: String) -> CmdResult<()> {
        check_id(&id)?;
        self.with_store(|s| s.delete_report(&id))
    }

    pub fn save_version(&self, id: String, message: Option<String>) -> CmdResult<RevisionInfo> {
        check_id(&id)?;
        if message
            .as_ref()
            .is_some_and(|m| m.chars().count() > MAX_MESSAGE_CHARS)
        {
            return Err(AppError::new("bad_message", "版本说明过长（上限500字）"));
        }
        self.with_store(|s| {
            let author = s.setting("identity.name")?;
            s.save_version(&id, message.as_deref(), author.as_deref())
        })
    }

    pub fn list_revisions(&self, id: String) -> CmdResult<Vec<RevisionInfo>> {
        check_id(&id)?;
        self.with_store(|s| s.list_revisions(&id))
    }

    pub fn get_revision(&self, id: String, revision: i64) -> CmdResult<Document> {
        check_id(&id)?;
        self.with_store(|s| s.get_revision(&id, revision))
    }

    pub fn restore_revision(&self, id: String, revision: i64) -> CmdResult<RevisionInfo> {
        check_id(&id)?;
        self.with_store(|s| {
            let author = s.setting("identity.name")?;
            s.restore_revision(&id, revision, author.as_deref())
        })
    }

    /// Compares two versions of a report: `from`/`to` are revision numbers, or
    /// `None` for the working copy (what the editor last saved).
    pub fn compare_revisions(
        &self,
        id: String,
        from: Option<i64>,
        to: Option<i64>,
    ) -> CmdResult<Comparison> {
        check_id(&id)?;
        self.with_store(|s| {
            let load = |s: &Store, rev: Option<i64>| match rev {
                Some(n) => s.get_revision(&id, n),
                None => s.get_report(&id).map(|v| v.document),
            };
            let a = load(s, from)?;
            let b = load(s, to)?;
            Ok(fazhi_core::diff::compare(&a, &b))
        })
    }
}

#[cfg(test)]
mod polish_tests {
    use std::path::{Path, PathBuf};

    use fazhi_core::review::ReviewRole;
    use fazhi_core::store::NewReport;

    use crate::host::{DialogKind, FileDialog, Host};
    use crate::App;

    /// Answers every save dialog with one path.
    struct SaveTo(PathBuf);
    impl Host for SaveTo {
        fn choose_file(&self, _: DialogKind, _: &FileDialog) -> Option<PathBuf> {
            Some(self.0.clone())
        }
        fn reveal(&self, _: &Path) -> Result<(), String> {
            Ok(())
        }
        fn close_window(&self) -> Result<(), String> {
            Ok(())
        }
    }

    fn new(app: &App, issuer: &str, year: i32) -> String {
        app.create_report(NewReport {
            issuer: issuer.into(),
            year,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report
        .id
    }

    #[test]
    fn a_second_report_for_the_same_issuer_and_year_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(
            dir.path().join("l.sqlite3"),
            Box::new(crate::host::NoWindow),
        );
        let before = app.list_reports(None).unwrap().len();
        let id = new(&app, "梅河口市人民政府", 2019);
        new(&app, "梅河口市人民政府", 2020);
        let same = app
            .find_same_report(" 梅河口市人民政府 ".into(), 2019)
            .unwrap();
        assert_eq!(same.map(|r| r.id), Some(id));
        assert!(app
            .find_same_report("通化市人民政府".into(), 2019)
            .unwrap()
            .is_none());
        assert!(app
            .find_same_report("梅河口市人民政府".into(), 2021)
            .unwrap()
            .is_none());
        assert!(app.find_same_report("".into(), 2019).unwrap().is_none());
        assert_eq!(app.list_reports(None).unwrap().len(), before + 2);
    }

    #[test]
    fn the_audit_log_exports_as_csv_with_names_and_local_times() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("审计日志.csv");
        let app = App::start(dir.path().join("l.sqlite3"), Box::new(SaveTo(out.clone())));
        app.set_identity("王起草".into(), ReviewRole::Drafter)
            .unwrap();
        let id = new(&app, "梅河口市人民政府", 2019);
        app.set_identity("王起草".into(), ReviewRole::Approver)
            .unwrap();
        let path = app
            .export_audit_log(id.clone(), 480)
            .unwrap()
            .expect("saved");
        assert_eq!(PathBuf::from(path), out);
        let csv = std::fs::read_to_string(&out).unwrap();
        assert!(
            csv.starts_with("\u{feff}时间,人员,角色,操作,内容,理由"),
            "{csv}"
        );
        assert!(
            csv.contains("王起草,签发人,变更身份,王起草（起草人） → 王起草（签发人）"),
            "{csv}"
        );
        assert!(app.export_audit_log(id, 24 * 60).is_err(), "offset checked");
    }
}
