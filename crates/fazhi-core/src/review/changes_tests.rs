//! The review actions on 修订: stored, decided, gated and carried in packages.

use super::*;
use crate::review::{ChangeError, TransitionRequest};
use crate::store::{NewReport, ReportView};
use crate::{Error, Status};

fn store_as(name: &str, role: ReviewRole) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.set_identity(name, role).unwrap();
    s
}

fn new_report(s: &mut Store) -> ReportView {
    let r = s
        .create_report(&NewReport {
            issuer: "梅河口市人民政府".into(),
            year: 2019,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report;
    let mut doc = r.document.clone();
    doc.parts[0].paragraphs = vec![
        crate::Paragraph::new("全年共审查规范性文件12件，纠正违法文件2件。"),
        crate::Paragraph::new("办理行政复议案件30件。"),
    ];
    doc.parts[1].paragraphs = vec![crate::Paragraph::new("行政执法规范化水平有待提高。")];
    s.save_report(&r.id, doc, None).unwrap();
    s.get_report(&r.id).unwrap()
}

fn quote(q: &str) -> ChangeTarget {
    ChangeTarget::Quote {
        quote: q.into(),
        occurrence: None,
    }
}

fn as_(s: &mut Store, name: &str, role: ReviewRole) {
    s.set_identity(name, role).unwrap();
}

fn code(e: Error) -> &'static str {
    e.code()
}

fn code_of(e: &Error) -> &'static str {
    e.code()
}

fn in_review(s: &mut Store) -> ReportView {
    let r = new_report(s);
    s.transition(&r.id, &TransitionRequest::to(Status::Review))
        .unwrap();
    s.get_report(&r.id).unwrap()
}

#[test]
fn a_reviewer_suggests_and_the_original_text_stays() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let r = in_review(&mut s);
    as_(&mut s, "李审核", ReviewRole::Reviewer);
    let c = s.suggest_change(&r.id, &quote("12件"), "15件").unwrap();
    // Narrowed to what differs.
    assert_eq!(
        (c.kind, c.old.as_str(), c.new.as_str()),
        (ChangeKind::Replace, "2", "5")
    );
    assert_eq!(c.author, "李审核");
    assert_eq!(c.role, Some(ReviewRole::Reviewer));
    assert!(c.location.contains("第1段"), "{}", c.location);
    let after = s.get_report(&r.id).unwrap();
    assert_eq!(after.document, r.document);
    assert_eq!(after.version, r.version);
    // A direct edit by the reviewer in 审阅中 is refused, in Chinese.
    let mut edited = r.document.clone();
    edited.parts[0].paragraphs[0].text.push_str("另增。");
    let err = s.save_report(&r.id, edited, None).unwrap_err();
    assert_eq!(code_of(&err), "reviewer_must_suggest");
    assert!(err.to_string().contains("修订模式"));
    // Saving the unchanged original is fine.
    s.save_report(&r.id, r.document.clone(), None).unwrap();
    let log = s.audit_log(&r.id).unwrap();
    assert!(log.iter().any(|e| e.action == "change_suggest"));
}

#[test]
fn accept_applies_through_the_save_and_keeps_the_others_in_place() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let r = in_review(&mut s);
    as_(&mut s, "李审核", ReviewRole::Reviewer);
    let a = s.suggest_change(&r.id, &quote("12件"), "15件").unwrap();
    let b = s.suggest_change(&r.id, &quote("纠正"), "依法纠正").unwrap();
    let c = s.suggest_change(&r.id, &quote("30件"), "").unwrap();
    assert_eq!(b.kind, ChangeKind::Insert);
    assert_eq!(c.kind, ChangeKind::Delete);
    // A reviewer cannot accept.
    assert_eq!(
        code(s.accept_change(&a.id, None).unwrap_err()),
        "reviewer_cannot_accept"
    );
    as_(&mut s, "王起草", ReviewRole::Drafter);
    let out = s.accept_change(&a.id, Some(r.version)).unwrap();
    assert_eq!(out.version, r.version + 1);
    assert_eq!(out.decided[0].status, ChangeStatus::Accepted);
    assert_eq!(out.decided[0].decided_by.as_deref(), Some("王起草"));
    let doc = s.get_report(&r.id).unwrap().document;
    assert_eq!(
        doc.parts[0].paragraphs[0].text,
        "全年共审查规范性文件15件，纠正违法文件2件。"
    );
    // The others still quote their text at their (mapped) places.
    let pending = s.list_changes(&r.id, ChangeFilter::Pending).unwrap();
    assert_eq!(pending.len(), 2);
    assert!(pending.iter().all(|c| !c.orphaned));
    // Reject one: text unchanged, version unchanged.
    let v = s.get_report(&r.id).unwrap().version;
    let out = s.reject_change(&c.id).unwrap();
    assert_eq!(out.version, v);
    assert_eq!(s.get_report(&r.id).unwrap().document, doc);
    assert_eq!(code(s.reject_change(&c.id).unwrap_err()), "change_decided");
    let log = s.audit_log(&r.id).unwrap();
    assert!(log.iter().any(|e| e.action == "change_accept"
        && e.detail.as_deref().is_some_and(|d| d.contains("李审核"))));
    assert!(log.iter().any(|e| e.action == "change_reject"));
    // In 审阅中 the accepted text is kept as a revision.
    assert!(s
        .list_revisions(&r.id)
        .unwrap()
        .iter()
        .any(|x| x.message.as_deref() == Some("审阅中保存")));
}

#[test]
fn accept_all_of_one_author_and_reject_the_rest() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let r = in_review(&mut s);
    as_(&mut s, "李审核", ReviewRole::Reviewer);
    s.suggest_change(&r.id, &quote("12件"), "15件").unwrap();
    s.suggest_change(&r.id, &quote("30件"), "32件").unwrap();
    as_(&mut s, "赵审核", ReviewRole::Reviewer);
    s.suggest_change(&r.id, &quote("有待提高"), "仍需提高")
        .unwrap();
    as_(&mut s, "王起草", ReviewRole::Drafter);
    let out = s.accept_all_changes(&r.id, Some("李审核"), None).unwrap();
    assert_eq!(out.decided.len(), 2);
    let doc = s.get_report(&r.id).unwrap().document;
    assert_eq!(doc.parts[0].paragraphs[1].text, "办理行政复议案件32件。");
    assert_eq!(
        doc.parts[1].paragraphs[0].text,
        "行政执法规范化水平有待提高。"
    );
    let out = s.reject_all_changes(&r.id, None).unwrap();
    assert_eq!(out.decided.len(), 1);
    assert_eq!(s.pending_change_count(&r.id).unwrap(), 0);
}

#[test]
fn finalize_waits_for_pending_changes_unless_overridden() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let r = in_review(&mut s);
    as_(&mut s, "李审核", ReviewRole::Reviewer);
    s.suggest_change(&r.id, &quote("12件"), "15件").unwrap();
    as_(&mut s, "张签发", ReviewRole::Approver);
    assert_eq!(s.workflow_info(&r.id).unwrap().pending_changes, 1);
    let err = s
        .transition(&r.id, &TransitionRequest::to(Status::Final))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Change(ChangeError::FinalizeBlocked { changes: 1, .. })
    ));
    assert!(err.to_string().contains("1处待处理修订"), "{err}");
    let out = s
        .transition(
            &r.id,
            &TransitionRequest {
                override_checks: true,
                reason: Some("修订意见已线下确认".into()),
                ..TransitionRequest::to(Status::Final)
            },
        )
        .unwrap();
    assert_eq!(out.status, Status::Final);
    assert!(out
        .entry
        .detail
        .as_deref()
        .unwrap_or("")
        .contains("待处理修订1处"));
    // No more suggestions on a final text.
    as_(&mut s, "李审核", ReviewRole::Reviewer);
    assert_eq!(
        code(s.suggest_change(&r.id, &quote("30件"), "31件").unwrap_err()),
        "locked"
    );
}

#[test]
fn a_suggestion_cannot_delete_a_statutory_heading() {
    let mut s = store_as("李审核", ReviewRole::Reviewer);
    let r = new_report(&mut s);
    let heading = r.document.parts[1].heading.clone();
    let err = s.suggest_change(&r.id, &quote(&heading), "").unwrap_err();
    assert_eq!(code_of(&err), "change_breaks_template");
    assert!(err.to_string().contains("法定结构"), "{err}");
    assert!(s.list_changes(&r.id, ChangeFilter::All).unwrap().is_empty());
    // Overlapping an existing suggestion is refused too.
    s.suggest_change(&r.id, &quote("12件"), "15件").unwrap();
    assert_eq!(
        code(
            s.suggest_change(&r.id, &quote("文件12"), "文件13")
                .unwrap_err()
        ),
        "change_overlaps"
    );
    // Bad input answers in Chinese, without panicking.
    assert_eq!(
        code(
            s.suggest_change(&r.id, &quote("不存在的话"), "x")
                .unwrap_err()
        ),
        "quote_not_found"
    );
    assert_eq!(
        code(s.suggest_change(&r.id, &quote("12件"), "12件").unwrap_err()),
        "no_change"
    );
    assert_eq!(
        code(s.accept_change("nope", None).unwrap_err()),
        "change_not_found"
    );
    let bad = ChangeTarget::Range {
        start: crate::change::ChangePos {
            node_id: "x".into(),
            offset: 0,
        },
        end: crate::change::ChangePos {
            node_id: "x".into(),
            offset: 99,
        },
    };
    assert_eq!(
        code(s.suggest_change(&r.id, &bad, "x").unwrap_err()),
        "bad_change_position"
    );
}

#[test]
fn edits_orphan_a_change_whose_text_vanished() {
    let mut s = store_as("李审核", ReviewRole::Reviewer);
    let r = new_report(&mut s);
    let c = s.suggest_change(&r.id, &quote("30件"), "32件").unwrap();
    as_(&mut s, "王起草", ReviewRole::Drafter);
    let mut doc = s.get_report(&r.id).unwrap().document;
    doc.parts[0].paragraphs[0].text = format!("今年{}", doc.parts[0].paragraphs[0].text);
    s.save_report(&r.id, doc.clone(), None).unwrap();
    let moved = s.get_change(&c.id).unwrap();
    assert!(!moved.orphaned);
    doc.parts[0].paragraphs[1].text = "办理行政复议案件若干件。".into();
    s.save_report(&r.id, doc, None).unwrap();
    let gone = s.get_change(&c.id).unwrap();
    assert!(gone.orphaned);
    assert_eq!(gone.status, ChangeStatus::Pending);
    assert_eq!(
        code(s.accept_change(&c.id, None).unwrap_err()),
        "change_orphaned"
    );
    s.reject_change(&c.id).unwrap();
}

#[test]
fn the_editors_reviewed_save_adds_moves_and_withdraws() {
    let mut s = store_as("李审核", ReviewRole::Reviewer);
    let r = in_review_as_drafter_then(&mut s);
    let doc = r.document.clone();
    let p0 = doc.parts[0].paragraphs[0].id.clone();
    let p1 = doc.parts[0].paragraphs[1].id.clone();
    let pos = |n: &str, o: u32| crate::change::ChangePos {
        node_id: n.into(),
        offset: o,
    };
    let up = |id: Option<&str>, a, b, new: &str| ChangeUpdate {
        id: id.map(str::to_string),
        start: a,
        end: b,
        new: new.into(),
    };
    let out = s
        .save_report_reviewed(
            &r.id,
            doc.clone(),
            Some(r.version),
            &[],
            &[
                up(Some("aaaaaaaaaaaa"), pos(&p0, 10), pos(&p0, 12), "15"),
                // Across the paragraph break: merges the two paragraphs.
                up(None, pos(&p0, 22), pos(&p1, 0), "；"),
            ],
        )
        .unwrap();
    assert_eq!(out.version, r.version, "the original text was not written");
    assert_eq!(out.changes.len(), 2);
    let cross = out.changes.iter().find(|c| c.id != "aaaaaaaaaaaa").unwrap();
    assert_eq!(cross.old, "。\n");
    assert_eq!(s.accepted_view(&r.id).unwrap().parts[0].paragraphs.len(), 1);
    // The next save lists only the cross change: the other is withdrawn.
    let out = s
        .save_report_reviewed(
            &r.id,
            doc.clone(),
            Some(r.version),
            &[],
            &[up(Some(&cross.id), pos(&p0, 22), pos(&p1, 0), "；")],
        )
        .unwrap();
    assert_eq!(out.changes.len(), 1);
    assert!(s
        .audit_log(&r.id)
        .unwrap()
        .iter()
        .any(|e| e.action == "change_withdraw"));
    // Someone else's change may be moved but not rewritten.
    as_(&mut s, "赵审核", ReviewRole::Reviewer);
    let err = s
        .save_report_reviewed(
            &r.id,
            doc.clone(),
            None,
            &[],
            &[up(Some(&cross.id), pos(&p0, 22), pos(&p1, 0), "，")],
        )
        .unwrap_err();
    assert_eq!(code(err), "others_change");
    // A reused id is refused.
    let err = s
        .save_report_reviewed(
            &r.id,
            doc,
            None,
            &[],
            &[
                up(Some(&cross.id), pos(&p0, 22), pos(&p1, 0), "；"),
                up(Some("bad id!"), pos(&p0, 1), pos(&p0, 2), "x"),
            ],
        )
        .unwrap_err();
    assert_eq!(code(err), "bad_change_id");
}

fn in_review_as_drafter_then(s: &mut Store) -> ReportView {
    let me = s.identity().unwrap();
    as_(s, "王起草", ReviewRole::Drafter);
    let r = in_review(s);
    as_(s, &me.name, me.role.unwrap());
    r
}

#[test]
fn packages_carry_changes_and_merge_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let mut drafter = store_as("王起草", ReviewRole::Drafter);
    let r = in_review(&mut drafter);
    let out_pkg = dir.path().join("out.fzbg");
    drafter.export_package(&r.id, &out_pkg).unwrap();
    // The reviewer opens it as a review copy and suggests there.
    let mut reviewer = store_as("李审核", ReviewRole::Reviewer);
    reviewer.open_package(&out_pkg).unwrap();
    let c = reviewer
        .suggest_change(&r.id, &quote("30件"), "32件")
        .unwrap();
    let back = dir.path().join("back.fzbg");
    reviewer.export_package(&r.id, &back).unwrap();
    let m = drafter.merge_package(&back).unwrap();
    assert_eq!(m.changes_added, 1);
    let again = drafter.merge_package(&back).unwrap();
    assert_eq!(again.changes_added, 0);
    let list = drafter.list_changes(&r.id, ChangeFilter::All).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, c.id);
    assert_eq!(list[0].author, "李审核");
    assert!(!list[0].orphaned);
    drafter.accept_change(&c.id, None).unwrap();
    assert_eq!(
        drafter.get_report(&r.id).unwrap().document.parts[0].paragraphs[1].text,
        "办理行政复议案件32件。"
    );
    // Merging the old package again does not bring the change back.
    drafter.merge_package(&back).unwrap();
    assert_eq!(drafter.pending_change_count(&r.id).unwrap(), 0);
}

#[test]
fn external_changes_are_placed_by_text_and_listed_when_not_found() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let r = new_report(&mut s);
    let input = vec![
        NewChange {
            id: None,
            author: "Word审核人".into(),
            role: None,
            created_at: Some("2026-12-01T08:00:00Z".into()),
            old: "30".into(),
            new: "32".into(),
            prefix: "行政复议案件".into(),
            suffix: "件。".into(),
            start: None,
            end: None,
        },
        NewChange {
            id: None,
            author: "Word审核人".into(),
            role: None,
            created_at: None,
            old: "".into(),
            new: "全面".into(),
            prefix: "不存在的上文".into(),
            suffix: "也不存在的下文".into(),
            start: None,
            end: None,
        },
    ];
    let out = s.add_changes(&r.id, input.clone()).unwrap();
    assert_eq!(out.ids.len(), 2);
    assert_eq!(out.orphaned.len(), 1);
    let again = s.add_changes(&r.id, input).unwrap();
    assert_eq!(again.ids, out.ids);
    let list = s.list_changes(&r.id, ChangeFilter::Pending).unwrap();
    assert_eq!(list.len(), 2);
    let placed = list.iter().find(|c| !c.orphaned).unwrap();
    assert_eq!(placed.created_at, "2026-12-01T08:00:00Z");
    let runs = s.change_runs(&r.id).unwrap();
    assert!(runs.iter().any(|n| n
        .runs
        .iter()
        .any(|r| matches!(r, crate::change::Run::Inserted { text, .. } if text == "32"))));
}
