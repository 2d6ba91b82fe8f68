//! Life events other than a birth at the counter: several in one visit, bad details,
//! and every event of the catalog walked to submitted applications.

use crate::common::{now, TestDb};
use crate::counter::{screen, signature, start, submit, visit};
use madoguchi_services::Clock;
use madoguchi_types::error::AppError;
use madoguchi_types::model::{StaffMe, SubmitVisit, VisitInput};

fn event(kind: &str, date: &str, person: Option<&str>) -> madoguchi_types::model::EventInput {
    madoguchi_types::model::EventInput {
        kind: madoguchi_core::screening::EventType::from_id(kind).unwrap(),
        date: date.into(),
        person: person.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_death_and_a_move_in_one_visit_are_screened_together_and_submitted() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(&t, &counter, clock).await;
    let mut input = visit(visit_number);
    input.baby = None;
    input.events = vec![
        event("death", "2026-11-23", Some("1000000001")),
        event("move_within", "2026-11-24", None),
    ];
    // Answer whatever the data cannot tell, as the counter would.
    let s = answer_all(&t, &counter, &mut input, clock).await;
    let ids: Vec<&str> = s
        .procedures
        .iter()
        .map(|p| p.procedure.id.as_str())
        .collect();
    for id in [
        "death_registration",
        "move_within_notification",
        "nhi_withdrawal",
        "funeral_expenses_nhi",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(!ids.contains(&"birth_registration"));
    // The interview of a death and a move: its own questions, answered.
    let spec = &s.interview;
    assert!(spec.plan.asks("death.place") && spec.plan.asks("moving.new_address"));
    assert!(!spec.plan.asks("bank.account/number") && !spec.plan.asks("baby.birth_place"));
    let receipt = submit_sample(&t, &counter, input, &s, clock).await.unwrap();
    // One application per procedure, naming every member it concerns.
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(receipt.applications.len(), unique.len());
    assert_eq!(t.count("applications").await, unique.len() as i64);
}

#[tokio::test]
async fn events_without_a_member_or_with_a_far_date_are_field_errors() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(&t, &counter, clock).await;
    let mut input = visit(visit_number);
    input.baby = None;
    input.events = vec![
        event("death", "2026-11-23", None),
        event("move_out", "2020-01-01", None),
    ];
    let e = screen(&t, &counter, &input, clock).await.unwrap_err();
    let AppError::InvalidInput { fields } = e else {
        panic!("{e:?}")
    };
    let got: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.field.as_str(), f.error.code()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("event-0-person", "invalid_choice"),
            ("event-1-date", "date_out_of_range")
        ]
    );
    input.events = vec![event("death", "2026-11-23", Some("9999999999"))];
    let e = screen(&t, &counter, &input, clock).await.unwrap_err();
    assert!(
        matches!(e, AppError::InvalidInput { ref fields } if fields[0].field == "event-0-person")
    );
    input.events = vec![];
    let e = screen(&t, &counter, &input, clock).await.unwrap_err();
    assert!(matches!(e, AppError::InvalidInput { ref fields } if fields[0].field == "events"));
}

/// Submits `input` with the interview of its screening answered with sample values and
/// a signature, as a resident would fill it in.
async fn submit_sample(
    t: &TestDb,
    staff: &StaffMe,
    input: VisitInput,
    s: &madoguchi_types::model::VisitScreening,
    clock: Clock,
) -> Result<madoguchi_types::model::Receipt, AppError> {
    let answers = madoguchi_core::forms::sample::answers(&s.interview.catalog, &s.interview.plan);
    let visit = SubmitVisit {
        visit: input,
        answers,
        signature_png: signature(),
    };
    submit(t, staff, &visit, clock).await
}

/// Screens `input`, answering every question as a resident might (no / the first
/// option), until nothing is asked.
async fn answer_all(
    t: &TestDb,
    staff: &StaffMe,
    input: &mut VisitInput,
    clock: Clock,
) -> madoguchi_types::model::VisitScreening {
    for _ in 0..8 {
        let s = screen(t, staff, input, clock).await.unwrap();
        if s.questions.is_empty() {
            return s;
        }
        for q in &s.questions {
            let v = match q.kind.as_str() {
                "boolean" => serde_json::json!(false),
                "number" => serde_json::json!(3_000_000),
                _ => serde_json::json!(q.options[0]),
            };
            input.answers.insert(q.id.clone(), v);
        }
    }
    panic!("questions kept coming for {:?}", input.events);
}

#[tokio::test]
async fn every_life_event_of_the_catalog_walks_to_submitted_applications() {
    use madoguchi_core::screening::EventType;
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    for kind in EventType::ALL {
        let number = start(&t, &counter, clock).await;
        let mut input = visit(number);
        if kind != EventType::Birth {
            input.baby = None;
            // 太郎 (the head) dies, marries or changes jobs; 花子 is pregnant or leaves.
            let person = match kind {
                EventType::Pregnancy | EventType::Divorce => Some("1000000002"),
                EventType::Death | EventType::Marriage => Some("1000000001"),
                EventType::InsuranceLoss | EventType::InsuranceGain => Some("1000000001"),
                _ => None,
            };
            input.events = vec![event(kind.id(), "2026-11-20", person)];
        }
        let s = answer_all(&t, &counter, &mut input, clock).await;
        assert!(!s.procedures.is_empty(), "{kind:?} lists nothing");
        let receipt = submit_sample(&t, &counter, input, &s, clock)
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        assert!(!receipt.applications.is_empty(), "{kind:?}");
    }
}
