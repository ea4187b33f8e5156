use super::*;
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
    doc.parts[0].paragraphs = vec![crate::Paragraph::new(
        "全年共审查规范性文件12件，纠正违法文件2件。",
    )];
    doc.parts[1].paragraphs = vec![crate::Paragraph::new("行政执法规范化水平有待提高。")];
    s.save_report(&r.id, doc, None).unwrap();
    s.get_report(&r.id).unwrap()
}

fn quote(q: &str) -> CommentTarget {
    CommentTarget::Quote {
        quote: q.into(),
        occurrence: None,
    }
}

fn set_as(s: &mut Store, name: &str, role: ReviewRole) {
    s.set_identity(name, role).unwrap();
}

#[test]
fn identity_round_trip_and_checks() {
    let mut s = Store::open_in_memory().unwrap();
    assert!(!s.identity().unwrap().is_set());
    let r = new_report(&mut s);
    let err = s.add_comment(&r.id, &quote("规范性文件"), "x").unwrap_err();
    assert!(
        matches!(err, Error::Review(ReviewError::NoIdentity)),
        "{err:?}"
    );
    assert!(err.to_string().contains("fazhi whoami"));
    let id = s.set_identity("  张三 ", ReviewRole::Reviewer).unwrap();
    assert_eq!(id.name, "张三");
    assert_eq!(id.role_label.as_deref(), Some("审核人"));
    assert!(s.set_identity("", ReviewRole::Drafter).is_err());
    assert!(s.set_identity("a\u{7}b", ReviewRole::Drafter).is_err());
    assert_eq!(ReviewRole::parse("签发人"), Some(ReviewRole::Approver));
}

#[test]
fn comment_on_quote_and_range_with_threads() {
    let mut s = store_as("张三", ReviewRole::Reviewer);
    let r = new_report(&mut s);
    let c = s
        .add_comment(&r.id, &quote("纠正违法文件"), "请写明文件名称")
        .unwrap();
    let a = c.anchor.clone().unwrap();
    assert_eq!(a.node_id, r.document.parts[0].paragraphs[0].id);
    assert_eq!((a.start, a.end), (14, 20));
    assert_eq!(c.author, "张三");
    assert_eq!(c.part_id.as_deref(), Some(r.document.parts[0].id.as_str()));

    let node = r.document.parts[1].paragraphs[0].id.clone();
    let c2 = s
        .add_comment(
            &r.id,
            &CommentTarget::Range {
                node_id: node.clone(),
                start: 0,
                end: 4,
            },
            "具体说明",
        )
        .unwrap();
    assert_eq!(c2.anchor.unwrap().quote, "行政执法");
    let err = s
        .add_comment(
            &r.id,
            &CommentTarget::Range {
                node_id: node,
                start: 3,
                end: 99,
            },
            "x",
        )
        .unwrap_err();
    assert!(err.to_string().contains("超出"), "{err}");
    let err = s.add_comment(&r.id, &quote("不存在的话"), "x").unwrap_err();
    assert!(matches!(
        err,
        Error::Review(ReviewError::QuoteNotFound { .. })
    ));
    assert!(s.add_comment(&r.id, &quote("行政执法"), "   ").is_err());

    set_as(&mut s, "李四", ReviewRole::Drafter);
    let reply = s.reply_comment(&r.id, &c.id, "已补充").unwrap();
    assert_eq!(reply.parent_id.as_deref(), Some(c.id.as_str()));
    // A reply to a reply joins the thread.
    let reply2 = s.reply_comment(&r.id, &reply.id, "好").unwrap();
    assert_eq!(reply2.parent_id.as_deref(), Some(c.id.as_str()));
    // Not one's own: no edit, no delete.
    let err = s.edit_comment(&c.id, "改").unwrap_err();
    assert!(matches!(err, Error::Review(ReviewError::NotYourComment(_))));
    assert!(s.delete_comment(&c.id).is_err());
    assert!(matches!(
        s.resolve_comment(&reply.id).unwrap_err(),
        Error::Review(ReviewError::NotAThread)
    ));
    // A drafter does not close a reviewer's comment: they mark it 已处理 (#20).
    assert!(matches!(
        s.resolve_comment(&c.id).unwrap_err(),
        Error::Review(ReviewError::Forbidden { .. })
    ));
    let handled = s.mark_comment_handled(&c.id, "已补充文件名称").unwrap();
    assert!(handled.handled && !handled.resolved);
    set_as(&mut s, "张三", ReviewRole::Reviewer);
    let resolved = s.resolve_comment(&c.id).unwrap();
    assert!(resolved.resolved && !resolved.handled);
    assert_eq!(resolved.resolved_by.as_deref(), Some("张三"));
    set_as(&mut s, "李四", ReviewRole::Drafter);

    let all = s.list_comments(&r.id, &CommentFilter::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].id, c.id, "document order");
    assert_eq!(all[0].replies.len(), 3);
    let open = s
        .list_comments(
            &r.id,
            &CommentFilter {
                state: CommentState::Open,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(open.len(), 1);
    let mine = s
        .list_comments(
            &r.id,
            &CommentFilter {
                mine: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(mine.is_empty());
    let part1 = s
        .list_comments(
            &r.id,
            &CommentFilter {
                part_id: Some(r.document.parts[1].id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(part1.len(), 1);
    let counts = s.comment_counts(&r.id).unwrap();
    assert_eq!((counts.open, counts.resolved), (1, 1));
    assert_eq!(counts.by_part.len(), 2);

    // The reviewer cannot delete a comment others replied to; can edit it.
    set_as(&mut s, "张三", ReviewRole::Reviewer);
    assert!(matches!(
        s.delete_comment(&c.id).unwrap_err(),
        Error::Review(ReviewError::HasReplies)
    ));
    let edited = s.edit_comment(&c.id, "请写明文件名称和文号").unwrap();
    assert!(edited.edited_at.is_some());
    s.delete_comment(&c2.id).unwrap();
    let reopened = s.reopen_comment(&c.id).unwrap();
    assert!(!reopened.resolved);

    let log = s.audit_log(&r.id).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"comment_add"));
    assert!(actions.contains(&"comment_reply"));
    assert!(actions.contains(&"comment_resolve"));
    assert!(actions.contains(&"comment_delete"));
    assert!(actions.contains(&"comment_reopen"));
}

#[test]
fn comments_follow_edits_and_orphan_without_loss() {
    let mut s = store_as("张三", ReviewRole::Reviewer);
    let r = new_report(&mut s);
    let c = s
        .add_comment(&r.id, &quote("纠正违法文件"), "写明名称")
        .unwrap();
    let mut doc = r.document.clone();
    doc.parts[0].paragraphs[0].text =
        "2019年，全年共审查规范性文件12件，依法纠正违法文件2件。".into();
    s.save_report(&r.id, doc.clone(), None).unwrap();
    let now = s.get_comment(&c.id).unwrap();
    let a = now.anchor.unwrap();
    let text: Vec<char> = doc.parts[0].paragraphs[0].text.chars().collect();
    let slice: String = text[a.start as usize..a.end as usize].iter().collect();
    assert_eq!(slice, "纠正违法文件");
    assert!(!now.orphaned);

    // Split: the words move to a new paragraph.
    doc.parts[0].paragraphs[0].text = "2019年，全年共审查规范性文件12件。".into();
    doc.parts[0]
        .paragraphs
        .push(crate::Paragraph::new("依法纠正违法文件2件。"));
    s.save_report(&r.id, doc.clone(), None).unwrap();
    let moved = s.get_comment(&c.id).unwrap().anchor.unwrap();
    assert_eq!(moved.node_id, doc.parts[0].paragraphs[1].id);
    assert_eq!((moved.start, moved.end), (2, 8));

    // Deleted: kept, orphaned, with its quote.
    doc.parts[0].paragraphs.pop();
    s.save_report(&r.id, doc.clone(), None).unwrap();
    let gone = s.get_comment(&c.id).unwrap();
    assert!(gone.orphaned);
    assert_eq!(gone.anchor.unwrap().quote, "纠正违法文件");
    let list = s.list_comments(&r.id, &CommentFilter::default()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(s.comment_counts(&r.id).unwrap().orphaned, 1);

    // The editor places it again explicitly.
    let node = doc.parts[0].paragraphs[0].id.clone();
    s.save_report_with_anchors(
        &r.id,
        doc.clone(),
        None,
        &[AnchorUpdate {
            comment_id: c.id.clone(),
            node_id: Some(node.clone()),
            start: 11,
            end: 16,
        }],
    )
    .unwrap();
    let back = s.get_comment(&c.id).unwrap();
    assert!(!back.orphaned);
    assert_eq!(back.anchor.unwrap().quote, "规范性文件");
    // An update that does not fit falls back to the quote search; the save succeeds.
    s.save_report_with_anchors(
        &r.id,
        doc,
        None,
        &[AnchorUpdate {
            comment_id: c.id.clone(),
            node_id: Some(node),
            start: 5,
            end: 500,
        }],
    )
    .unwrap();
    assert_eq!(
        s.get_comment(&c.id).unwrap().anchor.unwrap().quote,
        "规范性文件"
    );
}

#[test]
fn reanchor_all_touches_only_the_comments_of_the_report_it_is_given() {
    let mut s = store_as("张三", ReviewRole::Reviewer);
    let with = new_report(&mut s);
    let without = new_report(&mut s);
    let c = s
        .add_comment(&with.id, &quote("纠正违法文件"), "写明名称")
        .unwrap();
    let mut gone = with.document.clone();
    gone.parts[0].paragraphs[0].text = "全年共审查规范性文件12件。".into();
    let orphan_c = [AnchorUpdate {
        comment_id: c.id.clone(),
        node_id: None,
        start: 0,
        end: 0,
    }];

    // A report without threads: nothing to re-anchor, and an update naming
    // another report's comment does not reach it.
    let tx = s.conn_mut().transaction().unwrap();
    crate::store::comments::reanchor_all(&tx, &without.id, &gone, &orphan_c).unwrap();
    tx.commit().unwrap();
    let kept = s.get_comment(&c.id).unwrap();
    assert!(!kept.orphaned);
    assert_eq!(kept.anchor, c.anchor);

    // The report holding it: the text walk runs and the deleted words orphan it.
    let tx = s.conn_mut().transaction().unwrap();
    crate::store::comments::reanchor_all(&tx, &with.id, &gone, &[]).unwrap();
    tx.commit().unwrap();
    let now = s.get_comment(&c.id).unwrap();
    assert!(now.orphaned);
    assert_eq!(now.anchor.unwrap().quote, "纠正违法文件");
}

fn finalize_req(errors: u32) -> TransitionRequest {
    TransitionRequest {
        check_errors: errors,
        ..TransitionRequest::to(Status::Final)
    }
}

#[test]
fn workflow_roles_conditions_and_lock() {
    let mut s = store_as("李四", ReviewRole::Drafter);
    let r = new_report(&mut s);
    let err = s.transition(&r.id, &finalize_req(0)).unwrap_err();
    assert!(err.to_string().contains("请先送审"), "{err}");
    s.transition(&r.id, &TransitionRequest::to(Status::Review))
        .unwrap();

    // In 审阅中 every save keeps a revision.
    let before = s.list_revisions(&r.id).unwrap().len();
    let mut doc = s.get_report(&r.id).unwrap().document;
    doc.preface[0].text.push_str("（修改）");
    s.save_report(&r.id, doc.clone(), None).unwrap();
    s.save_report(&r.id, doc.clone(), None).unwrap(); // unchanged: no new revision
    let revs = s.list_revisions(&r.id).unwrap();
    assert_eq!(revs.len(), before + 1);
    assert_eq!(revs.last().unwrap().author.as_deref(), Some("李四"));

    // 退回修改 needs a reason.
    let err = s
        .transition(&r.id, &TransitionRequest::to(Status::Draft))
        .unwrap_err();
    assert!(matches!(err, Error::Review(ReviewError::NeedReason(_))));
    s.transition(
        &r.id,
        &TransitionRequest {
            reason: Some("第二部分要补充".into()),
            ..TransitionRequest::to(Status::Draft)
        },
    )
    .unwrap();
    s.transition(&r.id, &TransitionRequest::to(Status::Review))
        .unwrap();

    // Only a 签发人 finalizes.
    let err = s.transition(&r.id, &finalize_req(0)).unwrap_err();
    assert!(
        matches!(err, Error::Review(ReviewError::Forbidden { .. })),
        "{err:?}"
    );
    set_as(&mut s, "王五", ReviewRole::Approver);
    let c = s.add_comment(&r.id, &quote("行政执法"), "再斟酌").unwrap();
    let err = s.transition(&r.id, &finalize_req(2)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Review(ReviewError::FinalizeBlocked { errors: 2, open: 1 })
        ),
        "{err:?}"
    );
    let err = s
        .transition(
            &r.id,
            &TransitionRequest {
                override_checks: true,
                ..finalize_req(2)
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::Review(ReviewError::NeedReason(_))));
    s.resolve_comment(&c.id).unwrap();
    let out = s
        .transition(
            &r.id,
            &TransitionRequest {
                override_checks: true,
                reason: Some("错误为误报，经法制科确认".into()),
                ..finalize_req(2)
            },
        )
        .unwrap();
    assert_eq!(out.status, Status::Final);
    assert_eq!(out.entry.action, "finalize_override");
    assert_eq!(
        out.entry.reason.as_deref(),
        Some("错误为误报，经法制科确认")
    );

    // Locked: save, restore and anything editing content refuse.
    let err = s.save_report(&r.id, doc.clone(), None).unwrap_err();
    assert!(matches!(err, Error::Locked("已定稿")), "{err:?}");
    let err = s.restore_revision(&r.id, 1, None).unwrap_err();
    assert!(matches!(err, Error::Locked(_)), "{err:?}");
    assert!(matches!(
        s.ensure_editable(&r.id).unwrap_err(),
        Error::Locked(_)
    ));
    // Comments stay allowed.
    s.add_comment(&r.id, &quote("行政执法"), "定稿后意见")
        .unwrap();
    let info = s.workflow_info(&r.id).unwrap();
    assert!(info.locked);
    assert!(info.allowed.iter().any(|a| a.to == Status::Filed));
    assert!(info.allowed.iter().any(|a| a.label == "撤销定稿"));

    // 报送 needs a date and recipients; then 公开 needs a date and an address.
    let err = s
        .transition(&r.id, &TransitionRequest::to(Status::Filed))
        .unwrap_err();
    assert!(err.to_string().contains("报送日期"), "{err}");
    s.transition(
        &r.id,
        &TransitionRequest {
            date: Some("2020-02-28".into()),
            recipients: Some("市委、市人大常委会".into()),
            ..TransitionRequest::to(Status::Filed)
        },
    )
    .unwrap();
    let err = s
        .transition(&r.id, &TransitionRequest::to(Status::Draft))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Review(ReviewError::NeedReason("撤销定稿"))
    ));
    s.transition(
        &r.id,
        &TransitionRequest {
            date: Some("2020-03-20".into()),
            address: Some("http://www.mhk.gov.cn/".into()),
            ..TransitionRequest::to(Status::Published)
        },
    )
    .unwrap();
    let info = s.workflow_info(&r.id).unwrap();
    assert_eq!(info.filed_to.as_deref(), Some("市委、市人大常委会"));
    assert_eq!(info.published_on.as_deref(), Some("2020-03-20"));

    // 撤销定稿 by a 签发人 with a reason unlocks.
    s.transition(
        &r.id,
        &TransitionRequest {
            reason: Some("发现数据错误".into()),
            ..TransitionRequest::to(Status::Draft)
        },
    )
    .unwrap();
    s.save_report(&r.id, doc, None).unwrap();
    let log = s.audit_log(&r.id).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "submit",
        "return",
        "finalize_override",
        "file",
        "publish",
        "unfinalize",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    let last = log.iter().rfind(|e| e.action == "unfinalize").unwrap();
    assert_eq!(last.who, "王五");
    assert_eq!(last.from_status, Some(Status::Published));
    assert_eq!(last.action_label, "撤销定稿");
}

#[test]
fn package_round_trip_between_two_libraries() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    a.set_identity("李四", ReviewRole::Drafter).unwrap();
    let r = new_report(&mut a);
    let first = a
        .add_comment(&r.id, &quote("规范性文件"), "起草说明")
        .unwrap();
    let pkg = dir.path().join("审阅.fzbg");
    let info = a.export_package(&r.id, &pkg).unwrap();
    assert_eq!(info.report_id, r.id);
    assert_eq!(info.comments, 1);

    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    b.set_identity("张三", ReviewRole::Reviewer).unwrap();
    let opened = b.open_package(&pkg).unwrap();
    assert_eq!(opened.report.id, r.id);
    assert_eq!(opened.comments_added, 1);
    // The copy's text is read-only; comments are not.
    let err = b
        .save_report(&r.id, opened.report.document.clone(), None)
        .unwrap_err();
    assert!(
        matches!(err, Error::Review(ReviewError::ReviewCopy)),
        "{err:?}"
    );
    assert!(b
        .transition(&r.id, &TransitionRequest::to(Status::Review))
        .is_err());
    b.reply_comment(&r.id, &first.id, "同意").unwrap();
    b.add_comment(&r.id, &quote("行政执法规范化"), "补充数据")
        .unwrap();
    let back = dir.path().join("返回.fzbg");
    b.export_package(&r.id, &back).unwrap();
    // Opening the original's package where it came from is refused.
    let err = a.open_package(&back).unwrap_err();
    assert!(matches!(
        err,
        Error::Review(ReviewError::PackageIsOriginal(_))
    ));

    // Meanwhile the drafter edited the text: comments are re-anchored.
    let mut doc = a.get_report(&r.id).unwrap().document;
    doc.parts[1].paragraphs[0].text = "当前，行政执法规范化水平有待提高。".into();
    a.save_report(&r.id, doc, None).unwrap();
    let out = a.merge_package(&back).unwrap();
    assert_eq!((out.added_comments, out.added_replies), (1, 1));
    assert_eq!(out.already_present, 1);
    assert!(
        out.notices.iter().any(|n| n.contains("重新定位")),
        "{:?}",
        out.notices
    );
    let threads = a.list_comments(&r.id, &CommentFilter::default()).unwrap();
    assert_eq!(threads.len(), 2);
    let added = threads.iter().find(|t| t.text == "补充数据").unwrap();
    assert_eq!(added.author, "张三");
    assert_eq!(added.anchor.as_ref().unwrap().start, 3);
    assert_eq!(
        threads
            .iter()
            .find(|t| t.id == first.id)
            .unwrap()
            .replies
            .len(),
        1
    );
    // Idempotent.
    let again = a.merge_package(&back).unwrap();
    assert_eq!(again.added_comments + again.added_replies, 0);
    assert_eq!(
        a.list_comments(&r.id, &CommentFilter::default())
            .unwrap()
            .len(),
        2
    );

    // A package for a report this library does not have is explained.
    let mut c = Store::open(&dir.path().join("c.sqlite3")).unwrap();
    c.set_identity("赵六", ReviewRole::Drafter).unwrap();
    let err = c.merge_package(&back).unwrap_err();
    assert!(
        matches!(err, Error::Review(ReviewError::PackageOtherReport { .. })),
        "{err:?}"
    );
    // A library file is not a package.
    let err = c.merge_package(&dir.path().join("a.sqlite3")).unwrap_err();
    assert!(
        matches!(err, Error::Review(ReviewError::NotAPackage(_))),
        "{err:?}"
    );
    std::fs::write(dir.path().join("x.fzbg"), b"not sqlite at all").unwrap();
    assert!(c.merge_package(&dir.path().join("x.fzbg")).is_err());
}

#[test]
fn opening_a_newer_package_refreshes_the_review_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    a.set_identity("李四", ReviewRole::Drafter).unwrap();
    let r = new_report(&mut a);
    a.add_comment(&r.id, &quote("规范性文件"), "起草说明")
        .unwrap();
    let first = dir.path().join("第一版.fzbg");
    a.export_package(&r.id, &first).unwrap();

    // A new review copy.
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    b.set_identity("张三", ReviewRole::Reviewer).unwrap();
    let opened = b.open_package(&first).unwrap();
    assert!(!opened.refreshed);
    assert_eq!(opened.comments_added, 1);
    assert_eq!(opened.report.version, r.version);
    let mine = b
        .add_comment(&r.id, &quote("行政执法规范化"), "补充数据")
        .unwrap();

    // The drafter edits the text and sends a newer package.
    let mut doc = a.get_report(&r.id).unwrap().document;
    doc.parts[1].paragraphs[0].text = "当前，行政执法规范化水平有待提高。".into();
    let saved = a.save_report(&r.id, doc, None).unwrap();
    a.add_comment(&r.id, &quote("纠正违法文件"), "请核实数字")
        .unwrap();
    let second = dir.path().join("第二版.fzbg");
    a.export_package(&r.id, &second).unwrap();

    // Opening it refreshes the same copy: new text and version, same created_at,
    // still a review copy, the reviewer's own comment kept and re-anchored.
    let refreshed = b.open_package(&second).unwrap();
    assert!(refreshed.refreshed);
    assert_eq!(refreshed.comments_added, 1);
    assert_eq!(b.report_count().unwrap(), 1);
    let copy = refreshed.report;
    assert_eq!(copy.version, saved.version);
    assert_eq!(copy.created_at, opened.report.created_at);
    assert_eq!(
        copy.document.parts[1].paragraphs[0].text,
        "当前，行政执法规范化水平有待提高。"
    );
    let review_copy: bool = b
        .connection()
        .query_row(
            "SELECT review_copy FROM reports WHERE id = ?1",
            [&r.id],
            |row| row.get(0),
        )
        .unwrap();
    assert!(review_copy);
    assert!(matches!(
        b.save_report(&r.id, copy.document.clone(), None)
            .unwrap_err(),
        Error::Review(ReviewError::ReviewCopy)
    ));
    let threads = b.list_comments(&r.id, &CommentFilter::default()).unwrap();
    assert_eq!(threads.len(), 3);
    let kept = threads.iter().find(|t| t.id == mine.id).unwrap();
    assert_eq!(kept.anchor.as_ref().unwrap().start, 3);
    assert!(!kept.orphaned);
}

#[test]
fn hostile_and_newer_packages_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = store_as("李四", ReviewRole::Drafter);
    let r = new_report(&mut a);
    let pkg = dir.path().join("p.fzbg");
    a.export_package(&r.id, &pkg).unwrap();
    {
        let conn = rusqlite::Connection::open(&pkg).unwrap();
        conn.pragma_update(None, "user_version", 9).unwrap();
    }
    let err = a.merge_package(&pkg).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Review(ReviewError::PackageTooNew { found: 9, .. })
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("升级"));

    a.export_package(&r.id, &pkg).unwrap();
    {
        let conn = rusqlite::Connection::open(&pkg).unwrap();
        conn.execute(
            "INSERT INTO comments (id, parent_id, author, role, created_at, text, resolved, orphaned)
             VALUES ('x''; DROP TABLE reports;--', NULL, 'a', NULL, '2020', 't', 0, 0)",
            [],
        )
        .unwrap();
    }
    let err = a.merge_package(&pkg).unwrap_err();
    assert!(
        matches!(err, Error::Review(ReviewError::BadPackage(_))),
        "{err:?}"
    );
    assert_eq!(a.report_count().unwrap(), 1);
}

#[test]
fn word_comments_are_anchored_by_quote_and_idempotent() {
    let mut s = store_as("李四", ReviewRole::Drafter);
    let r = new_report(&mut s);
    let list = vec![
        ExternalComment {
            author: "王科长".into(),
            date: Some("2020-02-01T09:00:00Z".into()),
            text: "数字核实".into(),
            anchor_text: "12件".into(),
            node_id: None,
            reply_to: None,
        },
        ExternalComment {
            author: "李四".into(),
            date: None,
            text: "已核实".into(),
            anchor_text: String::new(),
            node_id: None,
            reply_to: Some(0),
        },
        ExternalComment {
            author: "王科长".into(),
            date: None,
            text: "这句已删".into(),
            anchor_text: "早已不在的句子".into(),
            node_id: None,
            reply_to: None,
        },
    ];
    let out = s.import_external_comments(&r.id, &list).unwrap();
    assert_eq!((out.added, out.duplicates, out.orphaned), (3, 0, 1));
    let threads = s.list_comments(&r.id, &CommentFilter::default()).unwrap();
    assert_eq!(threads.len(), 2);
    let t = threads.iter().find(|t| t.text == "数字核实").unwrap();
    assert_eq!(t.author, "王科长");
    assert_eq!(t.created_at, "2020-02-01T09:00:00Z");
    assert_eq!(t.anchor.as_ref().unwrap().quote, "12件");
    assert_eq!(t.replies.len(), 1);
    let again = s.import_external_comments(&r.id, &list).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 3));
}

/// Word's range over a run-in heading and its text (our export writes them in one
/// paragraph) quotes "（一）标题。正文" that no node holds: the comment lands on the
/// longest sentence found, not among the orphans.
#[test]
fn a_word_comment_over_a_heading_and_its_text_lands_on_the_text() {
    let mut s = store_as("李四", ReviewRole::Drafter);
    let r = new_report(&mut s);
    let heading = r.document.parts[0].sections[0].heading.clone();
    let list = vec![ExternalComment {
        author: "王科长".into(),
        date: None,
        text: "这一段再充实".into(),
        anchor_text: format!("（一）{heading}。全年共审查规范性文件12件，纠正违法文件2件。"),
        node_id: None,
        reply_to: None,
    }];
    let out = s.import_external_comments(&r.id, &list).unwrap();
    assert_eq!((out.added, out.orphaned), (1, 0));
    let threads = s.list_comments(&r.id, &CommentFilter::default()).unwrap();
    let a = threads[0].anchor.as_ref().unwrap();
    assert_eq!(a.quote, "全年共审查规范性文件12件，纠正违法文件2件。");
    assert!(!threads[0].orphaned);
}

#[test]
fn deadlines_for_the_list() {
    let mut s = store_as("李四", ReviewRole::Drafter);
    let r = new_report(&mut s);
    let d = s.deadline(&r.id, "2020-02-25").unwrap();
    assert_eq!(d.state, DeadlineState::Soon);
    s.set_setting(deadline::SETTING_FILING, "02-20").unwrap();
    let all = s.deadlines("2020-02-25").unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].state, DeadlineState::Late);
}

/// An autosave re-anchors every comment in its transaction: with 300 comments
/// on a long report it must stay well inside an autosave's budget.
#[test]
fn reanchoring_300_comments_on_a_long_report_is_cheap() {
    let mut s = store_as("张三", ReviewRole::Reviewer);
    let r = new_report(&mut s);
    let mut doc = r.document.clone();
    doc.parts[0].paragraphs = (0..400)
        .map(|i| {
            crate::Paragraph::new(format!(
                "第{i}段：全年共审查规范性文件{i}件，纠正违法文件{}件，开展执法检查{}次，推进依法行政工作取得新进展。",
                i % 7,
                i * 3
            ))
        })
        .collect();
    s.save_report(&r.id, doc.clone(), None).unwrap();
    for i in 0..300 {
        let node = doc.parts[0].paragraphs[i].id.clone();
        s.add_comment(
            &r.id,
            &CommentTarget::Range {
                node_id: node,
                start: 4,
                end: 12,
            },
            "核实",
        )
        .unwrap();
    }
    // Typing at the start of every paragraph moves every anchor.
    for p in &mut doc.parts[0].paragraphs {
        p.text.insert_str(0, "（新）");
    }
    let t = std::time::Instant::now();
    s.save_report(&r.id, doc.clone(), None).unwrap();
    let moved = t.elapsed();
    let t = std::time::Instant::now();
    s.save_report(&r.id, doc, None).unwrap();
    let unchanged = t.elapsed();
    eprintln!("save with 300 comments: all moved {moved:?}, none moved {unchanged:?}");
    let c = s.list_comments(&r.id, &CommentFilter::default()).unwrap();
    assert!(c
        .iter()
        .all(|c| !c.orphaned && c.anchor.as_ref().unwrap().start == 7));
    assert!(moved < std::time::Duration::from_secs(2), "{moved:?}");
}

// ---- #20: comment rights, identity changes, versions at status changes, edits in the log

#[test]
fn only_the_author_or_an_approver_closes_a_comment_the_drafter_marks_it_handled() {
    let mut s = store_as("张审核", ReviewRole::Reviewer);
    let r = new_report(&mut s);
    let c = s
        .add_comment(&r.id, &quote("纠正违法文件"), "请写明文件名称")
        .unwrap();
    set_as(&mut s, "王起草", ReviewRole::Drafter);
    let err = s.resolve_comment(&c.id).unwrap_err();
    assert!(err.to_string().contains("批注人或签发人"), "{err}");
    // 已处理 needs a reply saying what was done.
    assert!(s.mark_comment_handled(&c.id, "  ").is_err());
    let h = s
        .mark_comment_handled(&c.id, "已写明：梅政发〔2019〕3号")
        .unwrap();
    assert!(h.handled && !h.resolved);
    assert_eq!(h.resolved_by.as_deref(), Some("王起草"));
    // Still open: it blocks 定稿 until closed.
    assert_eq!(s.open_comment_count(&r.id).unwrap(), 1);
    let thread = &s.list_comments(&r.id, &CommentFilter::default()).unwrap()[0];
    assert_eq!(
        thread.replies.last().unwrap().text,
        "已写明：梅政发〔2019〕3号"
    );
    assert!(!thread.may_close, "not the drafter's to close");
    // The approver may close anyone's comment.
    set_as(&mut s, "赵签发", ReviewRole::Approver);
    assert!(s.list_comments(&r.id, &CommentFilter::default()).unwrap()[0].may_close);
    let closed = s.resolve_comment(&c.id).unwrap();
    assert!(closed.resolved);
    assert_eq!(s.open_comment_count(&r.id).unwrap(), 0);
    set_as(&mut s, "王起草", ReviewRole::Drafter);
    assert!(
        s.reopen_comment(&c.id).is_err(),
        "nor may the drafter reopen it"
    );
    assert!(s.mark_comment_handled(&c.id, "再改").is_err(), "closed");
    let actions: Vec<String> = s
        .audit_log(&r.id)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"comment_handled".to_string()),
        "{actions:?}"
    );
}

#[test]
fn identity_and_role_changes_are_in_every_reports_log() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let a = new_report(&mut s);
    let b = s
        .create_report(&NewReport {
            issuer: "通化市人民政府".into(),
            year: 2020,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report;
    set_as(&mut s, "王起草", ReviewRole::Approver);
    for id in [&a.id, &b.id] {
        let log = s.audit_log(id).unwrap();
        let e = log
            .iter()
            .find(|e| e.action == "identity_change")
            .expect("recorded");
        assert_eq!(
            e.detail.as_deref(),
            Some("王起草（起草人） → 王起草（签发人）")
        );
        assert_eq!(e.action_label, "变更身份");
    }
    // Setting the same identity again records nothing more.
    set_as(&mut s, "王起草", ReviewRole::Approver);
    let n = |s: &Store| {
        s.audit_log(&a.id)
            .unwrap()
            .iter()
            .filter(|e| e.action == "identity_change")
            .count()
    };
    assert_eq!(n(&s), 1);
}

#[test]
fn submit_finalize_and_file_each_record_a_version() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let r = new_report(&mut s);
    let before = s.list_revisions(&r.id).unwrap().len();
    let go = |s: &mut Store, to: Status| {
        s.transition(
            &r.id,
            &TransitionRequest {
                to,
                date: Some("2020-02-20".into()),
                recipients: Some("梅河口市人民代表大会常务委员会".into()),
                reason: None,
                override_checks: false,
                check_errors: 0,
                address: None,
            },
        )
        .unwrap()
    };
    let out = go(&mut s, Status::Review);
    assert!(
        out.entry
            .detail
            .as_deref()
            .unwrap_or("")
            .contains("历史版本第"),
        "{:?}",
        out.entry.detail
    );
    set_as(&mut s, "赵签发", ReviewRole::Approver);
    go(&mut s, Status::Final);
    go(&mut s, Status::Filed);
    let revs = s.list_revisions(&r.id).unwrap();
    let added: Vec<&str> = revs[before..]
        .iter()
        .filter_map(|v| v.message.as_deref())
        .collect();
    assert_eq!(added, ["送审", "定稿", "报送"]);
    assert_eq!(revs.last().unwrap().author.as_deref(), Some("赵签发"));
}

#[test]
fn saves_are_in_the_log_summarised_with_versions_characters_and_sections() {
    let mut s = store_as("王起草", ReviewRole::Drafter);
    let r = new_report(&mut s);
    let mut doc = s.get_report(&r.id).unwrap().document;
    let v0 = s.get_report(&r.id).unwrap().version;
    doc.parts[0].paragraphs[0]
        .text
        .push_str("新增十个字的一句话。");
    s.save_report(&r.id, doc.clone(), None).unwrap();
    doc.parts[1].paragraphs[0].text = "行政执法水平有待提高。".into();
    s.save_report(&r.id, doc.clone(), None).unwrap();
    // The same content again: no entry.
    s.save_report(&r.id, doc.clone(), None).unwrap();
    let edits: Vec<AuditEntry> = s
        .audit_log(&r.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "edit")
        .collect();
    assert_eq!(
        edits.len(),
        3,
        "one per changing save (the first is new_report's own)"
    );
    let rows = s.audit_table(&r.id).unwrap();
    let edit_rows: Vec<&AuditRow> = rows.iter().filter(|r| r.action == "edit").collect();
    assert_eq!(
        edit_rows.len(),
        1,
        "consecutive saves of one person are one row: {rows:?}"
    );
    let what = &edit_rows[0].what;
    assert!(what.contains("增加") && what.contains("删除"), "{what}");
    assert!(what.contains(&format!("→第{}版", v0 + 2)), "{what}");
    assert!(
        what.contains("一、2019年法治政府建设的主要举措和成效") || what.contains("一、"),
        "{what}"
    );
    assert!(what.contains("二、"), "the sections touched: {what}");
    assert_eq!(edit_rows[0].who, "王起草");
    assert_eq!(edit_rows[0].action_label, "修改正文");
    // Comments are named by their words, not ids.
    let c = s.add_comment(&r.id, &quote("行政执法"), "请举例").unwrap();
    s.reply_comment(&r.id, &c.id, "已举例").unwrap();
    let rows = s.audit_table(&r.id).unwrap();
    let reply = rows.iter().find(|r| r.action == "comment_reply").unwrap();
    assert!(
        reply.what.contains("回复“已举例”") && reply.what.contains("批注“请举例”"),
        "{}",
        reply.what
    );
    assert!(!reply.what.contains(&c.id));
    let csv = audit_csv(&rows, 480);
    assert!(csv.starts_with("\u{feff}时间,人员,角色,操作,内容,理由"));
    assert!(csv.contains("修改正文"));
}
