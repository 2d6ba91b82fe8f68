//! What a visit records besides its applications: consent to use tax data (which
//! changes what the screening knows), the one signature, and the survey.

use crate::common::{now, TestDb};
use crate::counter::{interview, signature, start, submit, visit};
use madoguchi_core::jp::ValueError;
use madoguchi_services::visits::Owner;
use madoguchi_services::{visits, Clock};
use madoguchi_types::error::AppError;
use madoguchi_types::model::SubmitVisit;

#[tokio::test]
async fn without_consent_tax_data_becomes_a_question_and_the_answer_is_audited() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let number = visits::start(&t.db, Owner::Staff(&counter), clock)
        .await
        .unwrap();
    let audits = t.count("audit_log").await;
    visits::consent::record(&t.db, Owner::Staff(&counter), &number, false, now(), "test")
        .await
        .unwrap();
    assert_eq!(t.count("consents").await, 1);
    assert_eq!(t.count("audit_log").await, audits + 1);
    let s = visits::screen(
        &t.db,
        Owner::Staff(&counter),
        &madoguchi_services::LiveRules::bundled(),
        &visit(number.clone()),
        clock,
        "test",
    )
    .await
    .unwrap();
    // Who claims child allowance is decided by income, which is tax data: asked.
    let asked: Vec<&str> = s.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(asked, ["claimant"], "{asked:?}");
    // Consent given later: the city's data answers it.
    visits::consent::record(&t.db, Owner::Staff(&counter), &number, true, now(), "test")
        .await
        .unwrap();
    let s = visits::screen(
        &t.db,
        Owner::Staff(&counter),
        &madoguchi_services::LiveRules::bundled(),
        &visit(number),
        clock,
        "test",
    )
    .await
    .unwrap();
    assert!(s.questions.is_empty(), "{:?}", s.questions);
}

#[tokio::test]
async fn a_visit_whose_forms_take_a_signature_is_not_submitted_without_one() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let number = start(&t, &counter, clock).await;
    let mut input = SubmitVisit {
        visit: visit(number),
        answers: interview(),
        signature_png: None,
    };
    let e = submit(&t, &counter, &input, clock).await.unwrap_err();
    assert_eq!(e, AppError::field("signature", ValueError::Required));
    input.signature_png = Some("data:image/png;base64,bm90IGEgcG5n".into());
    assert!(submit(&t, &counter, &input, clock).await.is_err());
    assert_eq!(t.count("applications").await, 0);
    input.signature_png = signature();
    submit(&t, &counter, &input, clock).await.unwrap();
    assert_eq!(t.count("visit_signatures").await, 1);
}

#[tokio::test]
async fn the_survey_is_kept_with_a_submitted_visit() {
    let t = TestDb::new().await.with_city(20).await;
    let counter = t.staff("counter").await;
    let receipt = crate::counter::submitted_visit(&t).await;
    let n = &receipt.visit_number;
    assert_eq!(
        visits::survey::record(&t.db, &counter, n, 7, "")
            .await
            .unwrap_err(),
        AppError::field("satisfaction", ValueError::InvalidChoice)
    );
    visits::survey::record(&t.db, &counter, n, 4, "説明がわかりやすかった")
        .await
        .unwrap();
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let v = madoguchi_services::entities::visit::Entity::find()
        .filter(madoguchi_services::entities::visit::Column::VisitNumber.eq(n.as_str()))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.satisfaction, Some(4));
    assert_eq!(
        v.satisfaction_comment.as_deref(),
        Some("説明がわかりやすかった")
    );
    // An open visit has no survey yet.
    let open = start(&t, &counter, Clock::Fixed(now())).await;
    assert_eq!(
        visits::survey::record(&t.db, &counter, &open, 5, "")
            .await
            .unwrap_err(),
        AppError::NotFound
    );
}
