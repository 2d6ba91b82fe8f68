//! The department workflow: 受付 → 審査中 → 完了, 差戻し with a reason and back, refusals of
//! what does not follow, of stale views and of other departments; assignment and
//! comments; each change kept in the history with who and when.

use crate::common::{now, TestDb};
use crate::counter::submitted_visit;
use madoguchi_core::jp::ValueError;
use madoguchi_core::workflow::Status::{self, *};
use madoguchi_services::{queue, workflow};
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::{ApplicationDetail, StaffMe};

async fn detail(t: &TestDb, staff: &StaffMe, id: i32) -> ApplicationDetail {
    queue::get(
        &t.db,
        staff,
        madoguchi_core::rules::bundled(),
        id,
        now(),
        "test",
    )
    .await
    .unwrap()
}

async fn change(
    t: &TestDb,
    staff: &StaffMe,
    id: i32,
    from: Status,
    to: Status,
    note: &str,
) -> Result<(), AppError> {
    let actor = workflow::Actor::Staff(staff);
    workflow::change_status(&t.db, actor, id, from, to, note, now(), "test").await
}

/// The child allowance claim of a submitted birth visit, and 子育て支援課's staff.
async fn claim(t: &TestDb) -> (i32, StaffMe) {
    submitted_visit(t).await;
    let kodomo = t.staff("kodomo").await;
    let q = madoguchi_types::model::QueueQuery::default();
    let bundled = madoguchi_core::rules::bundled();
    let page = queue::list(&t.db, &kodomo, bundled, &q, now(), "test")
        .await
        .unwrap();
    (page.items[0].id, kodomo)
}

#[tokio::test]
async fn an_application_goes_through_review_to_completion_with_its_history() {
    let t = TestDb::new().await.with_city(20).await;
    let (id, kodomo) = claim(&t).await;
    let d = detail(&t, &kodomo, id).await;
    assert_eq!(d.summary.status, "received");
    assert!(d.can_process);
    // The visit's other applications are listed; only the department's own open.
    assert!(
        d.visit_applications.len() >= 2,
        "{:?}",
        d.visit_applications
    );
    assert!(d.visit_applications.iter().all(|o| o.id != id));
    for o in &d.visit_applications {
        assert_eq!(o.can_open, o.department_id == "kodomo", "{o:?}");
    }
    assert!(d.visit_applications.iter().any(|o| !o.can_open));
    assert_eq!(d.next, vec![InReview, Returned, Rejected, Withdrawn]);
    let audit_before = t.count("audit_log").await;
    change(&t, &kodomo, id, Received, InReview, "")
        .await
        .unwrap();
    change(&t, &kodomo, id, InReview, Completed, "支給を決定")
        .await
        .unwrap();
    assert_eq!(t.count("audit_log").await, audit_before + 2);
    let d = detail(&t, &kodomo, id).await;
    assert_eq!(d.summary.status, "completed");
    assert!(d.next.is_empty(), "completed is final");
    let steps: Vec<(&str, &str, &str)> = d
        .history
        .iter()
        .map(|h| (h.kind.as_str(), h.status.as_str(), h.note.as_str()))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("status", "received", ""),
            ("status", "in_review", ""),
            ("status", "completed", "支給を決定"),
        ]
    );
    assert_eq!(d.history[2].who, kodomo.display_name);
}

#[tokio::test]
async fn a_change_out_of_order_is_refused_and_changes_nothing() {
    let t = TestDb::new().await.with_city(20).await;
    let (id, kodomo) = claim(&t).await;
    let events = t.count("application_events").await;
    assert_eq!(
        change(&t, &kodomo, id, Received, Completed, "").await,
        Err(AppError::Conflict {
            reason: ConflictReason::StatusOrder {
                from: "received".into(),
                to: "completed".into()
            }
        })
    );
    change(&t, &kodomo, id, Received, InReview, "")
        .await
        .unwrap();
    change(&t, &kodomo, id, InReview, Completed, "")
        .await
        .unwrap();
    // 完了 → 受付: never.
    assert!(matches!(
        change(&t, &kodomo, id, Completed, Received, "").await,
        Err(AppError::Conflict {
            reason: ConflictReason::StatusOrder { .. }
        })
    ));
    assert_eq!(t.count("application_events").await, events + 2);
    assert_eq!(detail(&t, &kodomo, id).await.summary.status, "completed");
}

#[tokio::test]
async fn a_return_says_why_and_comes_back_when_corrected() {
    let t = TestDb::new().await.with_city(20).await;
    let (id, kodomo) = claim(&t).await;
    change(&t, &kodomo, id, Received, InReview, "")
        .await
        .unwrap();
    let refused = change(&t, &kodomo, id, InReview, Returned, "  ").await;
    let Err(AppError::InvalidInput { fields }) = refused else {
        panic!("a return without a reason: {refused:?}");
    };
    assert_eq!(
        (fields[0].field.as_str(), fields[0].error),
        ("note", ValueError::Required)
    );
    assert_eq!(detail(&t, &kodomo, id).await.summary.status, "in_review");
    let reason = "口座の名義が申請者と違います。申請者名義の口座を教えてください";
    change(&t, &kodomo, id, InReview, Returned, reason)
        .await
        .unwrap();
    let d = detail(&t, &kodomo, id).await;
    assert_eq!(d.summary.status, "returned");
    assert_eq!(d.next, vec![Received, Withdrawn]);
    assert_eq!(d.history.last().unwrap().note, reason);
    change(&t, &kodomo, id, Returned, Received, "")
        .await
        .unwrap();
    assert_eq!(detail(&t, &kodomo, id).await.summary.status, "received");
}

#[tokio::test]
async fn a_stale_view_is_refused_so_two_people_cannot_both_move_it() {
    let t = TestDb::new().await.with_city(20).await;
    let (id, kodomo) = claim(&t).await;
    change(&t, &kodomo, id, Received, InReview, "")
        .await
        .unwrap();
    // Someone still looking at 受付 tries to reject it.
    assert_eq!(
        change(&t, &kodomo, id, Received, Rejected, "重複した申請").await,
        Err(AppError::Conflict {
            reason: ConflictReason::ChangedMeanwhile {
                status: "in_review".into()
            }
        })
    );
}

#[tokio::test]
async fn only_the_department_that_processes_it_may_act_and_refusals_are_audited() {
    let t = TestDb::new().await.with_city(20).await;
    let (id, _) = claim(&t).await;
    let hoken = t.staff("hoken").await;
    let before = t.count("audit_log").await;
    assert_eq!(
        change(&t, &hoken, id, Received, InReview, "").await,
        Err(AppError::NotFound)
    );
    assert_eq!(t.count("audit_log").await, before + 1);
    let counter = t.staff("counter").await;
    assert_eq!(
        change(&t, &counter, id, Received, InReview, "").await,
        Err(AppError::Forbidden)
    );
    // A supervisor reads every queue but does not process applications.
    let supervisor = t.staff("shunin").await;
    assert!(!detail(&t, &supervisor, id).await.can_process);
}

#[tokio::test]
async fn staff_take_an_application_on_comment_and_hand_it_back() {
    let t = TestDb::new().await.with_city(20).await;
    let (id, kodomo) = claim(&t).await;
    workflow::assign(&t.db, &kodomo, id, Some(kodomo.id), now(), "test")
        .await
        .unwrap();
    let d = detail(&t, &kodomo, id).await;
    assert!(d.mine);
    assert_eq!(d.assignee.as_deref(), Some(kodomo.display_name.as_str()));
    // Not to someone of another department.
    let hoken = t.staff("hoken").await;
    let refused = workflow::assign(&t.db, &kodomo, id, Some(hoken.id), now(), "test").await;
    let Err(AppError::InvalidInput { fields }) = refused else {
        panic!("assigned across departments: {refused:?}");
    };
    assert_eq!(fields[0].field, "assignee");
    let empty = workflow::comment(&t.db, &kodomo, id, " ", now(), "test").await;
    assert!(matches!(empty, Err(AppError::InvalidInput { .. })));
    workflow::comment(
        &t.db,
        &kodomo,
        id,
        "所得の確認を税務課に依頼中",
        now(),
        "test",
    )
    .await
    .unwrap();
    workflow::assign(&t.db, &kodomo, id, None, now(), "test")
        .await
        .unwrap();
    let d = detail(&t, &kodomo, id).await;
    assert!(!d.mine && d.assignee.is_none());
    let kinds: Vec<&str> = d.history.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(kinds, vec!["status", "assigned", "comment", "assigned"]);
    assert_eq!(d.history[2].note, "所得の確認を税務課に依頼中");
    assert_eq!(
        d.summary.status, "received",
        "assigning and commenting change no status"
    );
}
