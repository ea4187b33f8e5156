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
