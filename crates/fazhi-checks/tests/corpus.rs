//! The guard on the real-text corpus (tests/fixtures/corpus, issue #18): the
//! checks keep finding what reviewers marked and stay quiet elsewhere.
//! Three sets: the 43 report openings, a second set of 42 other reports in
//! `corpus/set2` and a third of 14 in `corpus/set3` (the whole stored excerpt of
//! each: opening and first body part — lists of measures, figures, agency names,
//! law titles). Each report is checked with its issuer and, where its page shows
//! one, its date as 成文日期.
//! Thresholds are set a little under the figures measured (`make quality`
//! prints them): openings recall 77.4 %, no false alarm; set2 (42 files) recall
//! 89.3 %, none; set3 (14 files) 94.4 %, none (72.2 % before its five lexicon entries). Before the lexicon, openings recall was 25.8 %.
//! Files 31–39 of set2 and 01–06 of set3 were annotated and then measured before
//! any rule was changed for them: 50 % recall (6/12), 0.35 false alarms per 2,000
//! characters; and 64 % (9/14), 0.55 — the fairest figures here for unseen
//! reports (corpus README).

mod support;

use support::corpus;

#[test]
fn recall_and_false_alarms_on_report_openings() {
    let m = corpus::measure();
    assert!(m.files >= 30, "the corpus has {} files", m.files);
    m.print("真实报告开头");
    assert!(
        m.recall() >= 0.75,
        "overall recall fell to {:.1}%",
        100.0 * m.recall()
    );
    assert!(
        m.false_alarms_per_2000() <= 0.1,
        "{:.2} false alarms per 2,000 characters (target ≤ 1, measured 0.00)",
        m.false_alarms_per_2000()
    );
}

#[test]
fn recall_and_false_alarms_on_the_second_set() {
    let m = corpus::measure_set2();
    assert!(m.files >= 39, "corpus/set2 has {} files", m.files);
    assert!(m.chars >= 25_000, "corpus/set2 has {} characters", m.chars);
    m.print("真实报告第二组");
    // Every finding that matched, so that each can be read (--nocapture).
    m.print_hits();
    assert!(
        m.false_alarms_per_2000() <= 0.5,
        "{:.2} false alarms per 2,000 characters on set2 (target ≤ 1, measured 0.00)",
        m.false_alarms_per_2000()
    );
    assert!(
        m.recall() >= 0.80,
        "recall on set2 fell to {:.1}%",
        100.0 * m.recall()
    );
}

/// Set3 (session 9): files 01–06 annotated and measured before any rule was
/// changed for them — 6/11 found and 7 false alarms (3.83 per 2,000) on the first
/// run; 9/14 and 1 false alarm (0.55) once the annotations were read against the
/// findings; files 07–10 gathered after the fixes and run once on them: 0/1, no
/// false alarm; files 11–14 gathered after all the changes, run once: 1/3, no
/// false alarm. Then 13/18, none; 17/18 with the five lexicon entries those
/// reports showed (corpus README "Third set").
#[test]
fn recall_and_false_alarms_on_the_third_set() {
    let m = corpus::measure_set3();
    assert!(m.files >= 14, "corpus/set3 has {} files", m.files);
    m.print("真实报告第三组");
    m.print_hits();
    assert!(
        m.false_alarms_per_2000() <= 0.4,
        "{:.2} false alarms per 2,000 characters on set3",
        m.false_alarms_per_2000()
    );
    assert!(
        m.recall() >= 0.88,
        "recall on set3 fell to {:.1}%",
        100.0 * m.recall()
    );
}

#[test]
fn recall_per_group_on_all_annotated_defects() {
    // The floors are over the openings and set2; set3 is guarded on its own above
    // (its few annotations would move a group's figure by a whole finding).
    let m = corpus::measure().plus(corpus::measure_set2());
    assert!(
        m.recall() >= 0.75,
        "overall recall fell to {:.1}%",
        100.0 * m.recall()
    );
    for (group, floor) in [
        ("错别字", 0.45),
        ("语病", 0.55),
        ("标点", 0.80),
        ("称谓", 0.60),
        ("法治术语", 0.70),
        ("法规名称", 1.0),
        ("公文用语", 1.0),
        ("数字", 0.60),
        ("日期星期", 1.0),
        ("近义混淆", 1.0),
    ] {
        assert!(
            m.group_recall(group) >= floor,
            "recall of {group} fell to {:.1}%",
            100.0 * m.group_recall(group)
        );
    }
    assert!(
        m.false_alarms_per_2000() <= 0.5,
        "{:.2} false alarms per 2,000 characters over both sets",
        m.false_alarms_per_2000()
    );
}
