//! Server-side drafts of counter visits: saved at each step, offered for resuming by
//! number and time only, loaded (and audited) on resume, and gone once the visit is
//! submitted or ended.

use crate::common::{now, TestDb};
use crate::counter::{interview, visit};
use chrono::Duration;
use madoguchi_services::visits::Owner;
use madoguchi_services::visits::{self, drafts};
use madoguchi_services::Clock;
use madoguchi_types::error::AppError;
use madoguchi_types::model::{SavedDraft, StaffMe, SubmitVisit};

fn draft(visit_number: &str, step: &str) -> SavedDraft {
    SavedDraft {
        visit_number: visit_number.into(),
        step: format!("\"{step}\""),
        state:
            r#"{"household":{"name":"山田 太郎"},"interview":{"applicant.phone":"090-1234-5678"}}"#
                .into(),
    }
}

/// A visit `staff` started and left at `step`, as an interrupted tablet leaves it: its
/// number.
pub async fn interrupted_visit(t: &TestDb, staff: &StaffMe, step: &str) -> String {
    let number = visits::start(&t.db, Owner::Staff(staff), Clock::Fixed(now()))
        .await
        .unwrap();
    drafts::save(&t.db, Owner::Staff(staff), &draft(&number, step), now())
        .await
        .unwrap();
    number
}

#[tokio::test]
async fn a_saved_draft_is_offered_by_number_only_and_resumed_with_an_audit_entry() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let number = interrupted_visit(&t, &counter, "Review").await;
    // Saved again at the next step: one draft, the latest state.
    let mut later = draft(&number, "Receipt");
    later.step = "\"Review\"".into();
    later.state = later.state.replace("090-1234-5678", "0859-22-1111");
    drafts::save(&t.db, Owner::Staff(&counter), &later, now())
        .await
        .unwrap();
    assert_eq!(t.count("visit_drafts").await, 1);

    let offered = drafts::resumable(&t.db, Owner::Staff(&counter), now(), Duration::minutes(30))
        .await
        .unwrap()
        .expect("the interrupted visit is offered");
    assert_eq!(offered.visit_number, number);
    let shown = serde_json::to_string(&offered).unwrap();
    assert!(
        !shown.contains("山田") && !shown.contains("0859"),
        "{shown}"
    );

    let audits = t.count("audit_log").await;
    let saved = drafts::load(&t.db, Owner::Staff(&counter), &number, now(), "test")
        .await
        .unwrap();
    assert!(saved.state.contains("0859-22-1111"));
    assert_eq!(saved.step, "\"Review\"");
    assert_eq!(t.count("audit_log").await, audits + 1);
}

#[tokio::test]
async fn an_old_draft_or_another_staff_members_draft_is_not_offered() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let other = t.staff("kodomo").await;
    let number = interrupted_visit(&t, &counter, "Event").await;
    let later = now() + Duration::minutes(31);
    assert!(
        drafts::resumable(&t.db, Owner::Staff(&counter), later, Duration::minutes(30))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        drafts::resumable(&t.db, Owner::Staff(&other), now(), Duration::minutes(30))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        drafts::load(&t.db, Owner::Staff(&other), &number, now(), "test")
            .await
            .unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(
        drafts::save(&t.db, Owner::Staff(&other), &draft(&number, "Event"), now())
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}

#[tokio::test]
async fn ending_a_visit_deletes_its_draft_and_closes_it() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let number = interrupted_visit(&t, &counter, "Find").await;
    drafts::end(&t.db, Owner::Staff(&counter), &number, now(), "test")
        .await
        .unwrap();
    assert_eq!(t.count("visit_drafts").await, 0);
    assert!(
        drafts::resumable(&t.db, Owner::Staff(&counter), now(), Duration::minutes(30))
            .await
            .unwrap()
            .is_none()
    );
    // The ended visit takes no more drafts, and ending it again does nothing.
    assert_eq!(
        drafts::save(
            &t.db,
            Owner::Staff(&counter),
            &draft(&number, "Find"),
            now()
        )
        .await
        .unwrap_err(),
        AppError::VisitClosed
    );
    drafts::end(&t.db, Owner::Staff(&counter), &number, now(), "test")
        .await
        .unwrap();
}

#[tokio::test]
async fn submitting_a_visit_deletes_its_draft() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let number = crate::counter::start(&t, &counter, clock).await;
    drafts::save(
        &t.db,
        Owner::Staff(&counter),
        &draft(&number, "Review"),
        now(),
    )
    .await
    .unwrap();
    let input = SubmitVisit {
        visit: visit(number),
        answers: interview(),
        signature_png: crate::counter::signature(),
    };
    crate::counter::submit(&t, &counter, &input, clock)
        .await
        .unwrap();
    assert_eq!(t.count("visit_drafts").await, 0);
}

#[tokio::test]
async fn a_draft_that_is_not_json_is_refused() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let number = visits::start(&t.db, Owner::Staff(&counter), Clock::Fixed(now()))
        .await
        .unwrap();
    let mut bad = draft(&number, "Event");
    bad.state = "{not json".into();
    assert!(matches!(
        drafts::save(&t.db, Owner::Staff(&counter), &bad, now())
            .await
            .unwrap_err(),
        AppError::InvalidInput { .. }
    ));
    assert_eq!(t.count("visit_drafts").await, 0);
}

/// Tablets save their drafts at the same moment: every save lands. (On SQLite a
/// transaction that read before it wrote used to fail with `database is locked` when
/// another connection wrote in between; write transactions now begin IMMEDIATE.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn drafts_saved_at_the_same_moment_all_land() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let mut numbers = Vec::new();
    for _ in 0..6 {
        numbers.push(interrupted_visit(&t, &counter, "Event").await);
    }
    let mut tasks = Vec::new();
    for number in numbers {
        let (db, staff) = (t.db.clone(), counter.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0..15 {
                let mut d = draft(&number, "Event");
                d.step = format!("\"Step{i}\"");
                drafts::save(&db, Owner::Staff(&staff), &d, now()).await?;
            }
            Ok::<_, AppError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().expect("every save lands");
    }
    assert_eq!(t.count("visit_drafts").await, 6);
}
