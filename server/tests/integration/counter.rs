//! A counter visit through the services, as the tablet drives them.

use crate::common::{now, TestDb};
use madoguchi_core::forms::Answers;
use madoguchi_services::visits::Owner;
use madoguchi_services::{registry, visits, Clock};
use madoguchi_types::error::AppError;
use madoguchi_types::model::{BabyInput, HouseholdQuery, StaffMe, SubmitVisit, VisitInput};
use std::collections::BTreeMap;

pub fn baby() -> BabyInput {
    BabyInput {
        family_name: "山田".into(),
        given_name: "陽菜".into(),
        family_kana: "ヤマダ".into(),
        given_kana: "ヒナ".into(),
        birth_date: "2026-11-20".into(),
        sex: "female".into(),
    }
}

/// Starts a visit in which the resident consents to the use of tax data, as most do.
pub async fn start(t: &TestDb, staff: &StaffMe, clock: Clock) -> String {
    let number = visits::start(&t.db, Owner::Staff(staff), clock)
        .await
        .unwrap();
    visits::consent::record(&t.db, Owner::Staff(staff), &number, true, now(), "test")
        .await
        .unwrap();
    number
}

/// A signature as the tablet sends it (a tiny PNG).
pub fn signature() -> Option<String> {
    Some("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAAAAADRSSBWAAAAC0lEQVR4nGNg+A8AAQIBAEK+vGgAAAAASUVORK5CYII=".into())
}

/// What the resident types in the 山田 household's birth interview.
pub fn interview() -> Answers {
    [
        ("applicant.relationship", "father"),
        ("applicant.phone", "090-1234-5678"),
        ("baby.birth_place", "星ヶ丘市立病院"),
        ("baby.birth_place_address", "星ヶ丘市中央1丁目1-1"),
        ("birth.multiple", "single"),
        ("birth.due_date", "令和8年11月22日"),
        ("birth.direct_payment", "partial"),
        ("birth.hospital_paid", "480000"),
        ("birth.compensation_scheme", "yes"),
        ("bank.account/bank_code", "0001"),
        ("bank.account/branch_code", "123"),
        ("bank.account/account_type", "ordinary"),
        ("bank.account/number", "1234567"),
        ("bank.account/holder", "ヤマダ タロウ"),
        ("applicant.my_number", "123456789018"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn birth() -> madoguchi_types::model::EventInput {
    madoguchi_types::model::EventInput {
        kind: madoguchi_core::screening::EventType::Birth,
        date: String::new(),
        person: None,
    }
}

/// The 山田 household's visit with the standard baby and no answers.
pub fn visit(visit_number: String) -> VisitInput {
    VisitInput {
        visit_number,
        household_number: "20000001".into(),
        applicant: None,
        events: vec![birth()],
        baby: Some(baby()),
        answers: BTreeMap::new(),
    }
}

fn yamada() -> HouseholdQuery {
    HouseholdQuery::KanaAndBirthDate {
        kana: "やまだ たろう".into(),
        birth_date: "1990-05-01".into(),
    }
}

pub async fn submitted_visit(t: &TestDb) -> madoguchi_types::model::Receipt {
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(t, &counter, clock).await;
    let h = registry::find(&t.db, &counter, &yamada(), clock.today(), now(), "test")
        .await
        .unwrap();
    assert_eq!(h.household.household_number, "20000001");
    let input = SubmitVisit {
        visit: visit(visit_number),
        answers: interview(),
        signature_png: signature(),
    };
    submit(t, &counter, &input, clock).await.unwrap()
}

#[tokio::test]
async fn finds_the_household_by_kana_and_birth_date_and_audits_the_search() {
    let t = TestDb::new().await.with_city(50).await;
    let counter = t.staff("counter").await;
    let before = t.count("audit_log").await;
    let h = registry::find(
        &t.db,
        &counter,
        &yamada(),
        crate::common::today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    assert_eq!(h.view().members.len(), 2);
    assert_eq!(h.head().unwrap().given_name, "太郎");
    assert_eq!(t.count("audit_log").await, before + 1);
}

#[tokio::test]
async fn finds_the_household_by_resident_number() {
    let t = TestDb::new().await.with_city(50).await;
    let counter = t.staff("counter").await;
    let q = HouseholdQuery::PersonNumber("1000000001".into());
    let h = registry::find(&t.db, &counter, &q, crate::common::today(), now(), "test")
        .await
        .unwrap();
    assert_eq!(h.head().unwrap().family_name, "山田");
}

#[tokio::test]
async fn an_unknown_resident_is_not_found() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let q = HouseholdQuery::KanaAndBirthDate {
        kana: "ダレモイナイ".into(),
        birth_date: "1970-01-01".into(),
    };
    let e = registry::find(&t.db, &counter, &q, crate::common::today(), now(), "test")
        .await
        .unwrap_err();
    assert_eq!(e, AppError::NotFound);
}

#[tokio::test]
async fn kanji_in_the_kana_field_and_a_future_birth_date_are_field_errors() {
    let t = TestDb::new().await.with_city(5).await;
    let counter = t.staff("counter").await;
    let q = HouseholdQuery::KanaAndBirthDate {
        kana: "山田太郎".into(),
        birth_date: "2027-01-01".into(),
    };
    match registry::find(&t.db, &counter, &q, crate::common::today(), now(), "test")
        .await
        .unwrap_err()
    {
        AppError::InvalidInput { fields } => {
            let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(names, vec!["kana", "birth_date"]);
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn screening_the_nhi_household_lists_the_birth_procedures_with_prefilled_values() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(&t, &counter, clock).await;
    let s = screen(&t, &counter, &visit(visit_number), clock)
        .await
        .unwrap();
    let mut ids: Vec<&str> = s
        .procedures
        .iter()
        .map(|p| p.procedure.id.as_str())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        vec![
            "birth_registration",
            "child_allowance",
            "child_medical_subsidy",
            "childbirth_lump_sum",
            "nhi_enrollment",
            "nhi_perinatal_premium_exemption"
        ]
    );
    assert!(
        s.questions.is_empty(),
        "the registry answers everything: {:?}",
        s.questions
    );
    let name = s
        .prefilled
        .iter()
        .find(|p| p.key == "applicant.name")
        .unwrap();
    assert_eq!(name.value, "山田\u{3000}太郎");
    // The registry's postal code prints once, 〒NNN-NNNN, before the address.
    let address = &s
        .prefilled
        .iter()
        .find(|p| p.key == "applicant.address")
        .unwrap()
        .value;
    let postal: Vec<char> = address.chars().take(9).collect();
    assert_eq!(postal[0], '〒');
    assert_eq!(postal[4], '-');
    assert!(
        postal[1..4]
            .iter()
            .chain(&postal[5..9])
            .all(char::is_ascii_digit),
        "{address}"
    );
    let reasons = &s
        .procedures
        .iter()
        .find(|p| p.procedure.id == "child_allowance")
        .unwrap()
        .procedure
        .reasons;
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("太郎さんは児童手当を受けていません")),
        "{reasons:?}"
    );
}

#[tokio::test]
async fn submit_creates_one_application_per_procedure_in_its_department() {
    let t = TestDb::new().await.with_city(20).await;
    let receipt = submitted_visit(&t).await;
    assert_eq!(receipt.applications.len(), 6);
    assert_eq!(t.count("applications").await, 6);
    assert_eq!(t.count("application_events").await, 6);
    let depts: Vec<&str> = receipt
        .applications
        .iter()
        .map(|a| a.department_name.as_str())
        .collect();
    assert!(
        depts.contains(&"こども支援課")
            && depts.contains(&"保険年金課")
            && depts.contains(&"市民課")
    );
}

#[tokio::test]
async fn a_bad_interview_saves_nothing() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(&t, &counter, clock).await;
    let mut bad = interview();
    bad.insert("bank.account/holder".into(), "山田太郎".into());
    bad.insert("applicant.phone".into(), "12".into());
    let input = SubmitVisit {
        visit: visit(visit_number),
        answers: bad,
        signature_png: signature(),
    };
    let e = submit(&t, &counter, &input, clock).await.unwrap_err();
    let AppError::InvalidInput { fields } = e else {
        panic!("expected field errors, got {e:?}");
    };
    let fields: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["applicant.phone", "bank.account/holder"]);
    assert_eq!(t.count("applications").await, 0);
    assert_eq!(t.count("answers").await, 0);
}

#[tokio::test]
async fn a_submitted_visit_cannot_be_submitted_again() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(&t, &counter, clock).await;
    let input = SubmitVisit {
        visit: visit(visit_number),
        answers: interview(),
        signature_png: signature(),
    };
    submit(&t, &counter, &input, clock).await.unwrap();
    let e = submit(&t, &counter, &input, clock).await.unwrap_err();
    assert_eq!(e, AppError::VisitClosed);
    assert_eq!(t.count("applications").await, 6);
}

#[tokio::test]
async fn a_baby_born_tomorrow_is_refused() {
    let t = TestDb::new().await.with_city(5).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(&t, &counter, clock).await;
    let mut input = visit(visit_number);
    if let Some(b) = input.baby.as_mut() {
        b.birth_date = "2026-11-26".into();
    }
    let e = screen(&t, &counter, &input, clock).await.unwrap_err();
    assert!(
        matches!(e, AppError::InvalidInput { ref fields } if fields[0].field == "birth_date"),
        "{e:?}"
    );
}

#[tokio::test]
async fn another_staff_members_visit_is_not_found() {
    let t = TestDb::new().await.with_city(5).await;
    let counter = t.staff("counter").await;
    let admin = t.staff("admin").await;
    let clock = Clock::Fixed(now());
    let visit_number = start(&t, &counter, clock).await;
    let e = screen(&t, &admin, &visit(visit_number), clock)
        .await
        .unwrap_err();
    assert_eq!(e, AppError::NotFound);
}

/// Screens a visit with the shipped rules, as the counter's server function does.
pub async fn screen(
    t: &TestDb,
    staff: &StaffMe,
    input: &VisitInput,
    clock: Clock,
) -> Result<madoguchi_types::model::VisitScreening, AppError> {
    visits::screen(
        &t.db,
        Owner::Staff(staff),
        &madoguchi_services::LiveRules::bundled(),
        input,
        clock,
        "test",
    )
    .await
}

/// Submits a visit with the shipped rules.
pub async fn submit(
    t: &TestDb,
    staff: &StaffMe,
    input: &SubmitVisit,
    clock: Clock,
) -> Result<madoguchi_types::model::Receipt, AppError> {
    visits::submit(
        &t.db,
        Owner::Staff(staff),
        &madoguchi_services::LiveRules::bundled(),
        input,
        clock,
        "test",
    )
    .await
}
