//! 修订 (tracked changes) commands [#17]: list, suggest, accept, reject, the
//! editor's reviewed save and the runs of a redline. Thin wrappers over
//! `fazhi_core::review::changes`; every rule lives there.

use fazhi_core::review::{
    AnchorUpdate, Change, ChangeFilter, ChangeTarget, ChangeUpdate, ChangesDecided, NodeRuns,
    SavedReviewed,
};
use fazhi_core::{ids, Document};

use crate::error::{AppError, CmdResult};
use crate::reports::check_id;
use crate::App;

/// More than any editor holds at once: a guard against a runaway caller.
const MAX_CHANGE_UPDATES: usize = 10_000;

fn check_change_id(id: &str) -> CmdResult<()> {
    if ids::is_valid_id(id) {
        Ok(())
    } else {
        Err(AppError::new("bad_change_id", "修订编号无效"))
    }
}

/// An author filter as typed: blank means everyone.
fn author_filter(author: &Option<String>) -> Option<&str> {
    author.as_deref().map(str::trim).filter(|a| !a.is_empty())
}

impl App {
    pub fn list_changes(&self, id: String, filter: Option<ChangeFilter>) -> CmdResult<Vec<Change>> {
        check_id(&id)?;
        self.with_store(|s| s.list_changes(&id, filter.unwrap_or_default()))
    }

    /// `new_text`: what replaces the target ("" deletes it).
    pub fn suggest_change(
        &self,
        id: String,
        target: ChangeTarget,
        new_text: String,
    ) -> CmdResult<Change> {
        check_id(&id)?;
        self.with_store(|s| s.suggest_change(&id, &target, &new_text))
    }

    pub fn accept_change(
        &self,
        change_id: String,
        expected_version: Option<i64>,
    ) -> CmdResult<ChangesDecided> {
        check_change_id(&change_id)?;
        self.with_store(|s| s.accept_change(&change_id, expected_version))
    }

    pub fn reject_change(&self, change_id: String) -> CmdResult<ChangesDecided> {
        check_change_id(&change_id)?;
        self.with_store(|s| s.reject_change(&change_id))
    }

    pub fn accept_all_changes(
        &self,
        id: String,
        author: Option<String>,
        expected_version: Option<i64>,
    ) -> CmdResult<ChangesDecided> {
        check_id(&id)?;
        self.with_store(|s| s.accept_all_changes(&id, author_filter(&author), expected_version))
    }

    pub fn reject_all_changes(
        &self,
        id: String,
        author: Option<String>,
    ) -> CmdResult<ChangesDecided> {
        check_id(&id)?;
        self.with_store(|s| s.reject_all_changes(&id, author_filter(&author)))
    }

    /// The editor's save in 修订 mode: the original text, the comment ranges
    /// and the full list of its pending changes (see the contract in
    /// ARCHITECTURE.md, “Tracked changes”).
    pub fn save_report_reviewed(
        &self,
        id: String,
        expected_version: Option<i64>,
        document: Document,
        anchors: Vec<AnchorUpdate>,
        changes: Vec<ChangeUpdate>,
    ) -> CmdResult<SavedReviewed> {
        check_id(&id)?;
        if anchors.len() > MAX_CHANGE_UPDATES || changes.len() > MAX_CHANGE_UPDATES {
            return Err(AppError::new("bad_change_position", "批注或修订的位置过多"));
        }
        self.with_store(|s| {
            s.save_report_reviewed(&id, document, expected_version, &anchors, &changes)
        })
    }

    pub fn change_runs(&self, id: String) -> CmdResult<Vec<NodeRuns>> {
        check_id(&id)?;
        self.with_store(|s| s.change_runs(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::review::{ChangeStatus, ReviewRole, TransitionRequest};
    use fazhi_core::store::NewReport;
    use fazhi_core::Status;
    use serde_json::json;

    use crate::host::NoWindow;

    fn app() -> (App, String, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(dir.path().join("library.sqlite3"), Box::new(NoWindow));
        app.set_identity("王起草".into(), ReviewRole::Drafter)
            .unwrap();
        let r = app
            .create_report(NewReport {
                issuer: "梅河口市人民政府".into(),
                year: 2019,
                template_id: None,
                include_optional: false,
            })
            .unwrap()
            .report;
        let mut doc = r.document.clone();
        doc.parts[0].paragraphs = vec![fazhi_core::Paragraph::new("办理行政复议案件30件。")];
        app.save_report(r.id.clone(), None, doc).unwrap();
        (app, r.id, dir)
    }

    #[test]
    fn commands_through_dispatch_suggest_list_accept() {
        let (app, id, _dir) = app();
        app.transition_report(id.clone(), TransitionRequest::to(Status::Review))
            .unwrap();
        app.set_identity("李审核".into(), ReviewRole::Reviewer)
            .unwrap();
        let c = crate::dispatch(
            &app,
            "suggest_change",
            json!({ "id": id, "target": { "kind": "quote", "quote": "30件" }, "newText": "32件" }),
        )
        .unwrap();
        let change_id = c["id"].as_str().unwrap().to_string();
        assert_eq!(c["kind"], "replace");
        let list = crate::dispatch(&app, "list_changes", json!({ "id": id })).unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        // A reviewer's reviewed save with the original text stores nothing new
        // and keeps the version; a changed text is refused in Chinese.
        let r = app.get_report(id.clone()).unwrap();
        let ok = crate::dispatch(
            &app,
            "save_report_reviewed",
            json!({ "id": id, "expectedVersion": r.version, "document": r.document,
                    "anchors": [], "changes": [ { "id": change_id,
                    "start": c["start"], "end": c["end"], "new": "2" } ] }),
        )
        .unwrap();
        assert_eq!(ok["version"], r.version);
        let mut edited = r.document.clone();
        edited.parts[0].paragraphs[0].text = "改了".into();
        let err = crate::dispatch(
            &app,
            "save_report_reviewed",
            json!({ "id": id, "expectedVersion": r.version, "document": edited,
                    "anchors": [], "changes": [] }),
        )
        .unwrap_err();
        assert_eq!(err.code, "reviewer_must_suggest");
        app.set_identity("王起草".into(), ReviewRole::Drafter)
            .unwrap();
        let out = crate::dispatch(&app, "accept_change", json!({ "changeId": change_id })).unwrap();
        assert_eq!(out["decided"][0]["status"], "accepted");
        let doc = app.get_report(id.clone()).unwrap().document;
        assert_eq!(doc.parts[0].paragraphs[0].text, "办理行政复议案件32件。");
        let all = app
            .list_changes(id.clone(), Some(ChangeFilter::All))
            .unwrap();
        assert_eq!(all[0].status, ChangeStatus::Accepted);
        let err =
            crate::dispatch(&app, "reject_change", json!({ "changeId": "坏编号" })).unwrap_err();
        assert_eq!(err.code, "bad_change_id");
    }
}
