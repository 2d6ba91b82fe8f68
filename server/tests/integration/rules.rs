//! The rule set in the database: the shipped version is stored once, an edit is saved
//! only if it compiles, published only if its rule tests pass, and a published edit is
//! what the next screening uses. Every version stays in the history.

use crate::common::{now, TestDb};
use app::error::AppError;
use app::server::rules;
use madoguchi_core::rules::bundled;
use madoguchi_core::screening::parse_request;

const PREGNANCY: &str = r#"{"as_of":"2026-11-24","events":[{"type":"pregnancy","date":"2026-11-20","person":"p1"}],
 "household":{"members":[{"id":"p1","relationship":"head","birth_date":"1995-01-01","sex":"female"}]}}"#;

#[tokio::test]
async fn the_shipped_rule_set_is_stored_once_and_is_live() {
    let t = TestDb::new().await;
    let live = rules::load(&t.db, now()).await.unwrap();
    assert_eq!(live.version, bundled().version);
    rules::load(&t.db, now()).await.unwrap();
    let history = rules::history(&t.db).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, "published");
    assert_eq!(history[0].created_by, "repository");
}

#[tokio::test]
async fn an_edit_that_does_not_compile_is_not_saved() {
    let t = TestDb::new().await.with_city(5).await;
    let admin = t.staff("admin").await;
    let mut files = bundled().files().clone();
    let death = files.get_mut("events/death.toml").unwrap();
    *death = death.replace("subject.property_owner", "subject.property_owned");
    let e = rules::save_draft(
        &t.db,
        &admin,
        &bundled().version,
        &files,
        "typo",
        now(),
        "test",
    )
    .await
    .unwrap_err();
    let AppError::InvalidRules { errors } = e else {
        panic!("{e:?}")
    };
    assert!(errors[0].message.contains("property_owned"));
    assert_eq!(errors[0].file, "events/death.toml");
    assert_eq!(rules::history(&t.db).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_published_edit_changes_the_next_screening_and_keeps_the_history() {
    let t = TestDb::new().await.with_city(5).await;
    let admin = t.staff("admin").await;
    let state = t.state();
    let mut files = bundled().files().clone();
    // The support benefit rises from April 2026: a dated parameter edit, with the rule
    // test that pins the amount updated alongside.
    let params = files.get_mut("parameters.toml").unwrap();
    *params = params.replace(
        "values = [{ from = 2025-04-01, value = 50000 }]",
        "values = [{ from = 2025-04-01, value = 50000 }, { from = 2026-04-01, value = 60000 }]",
    );
    let tests = files.get_mut("tests/pregnancy.toml").unwrap();
    *tests = tests.replace(
        "pregnancy_support_benefit = 50000",
        "pregnancy_support_benefit = 60000",
    );
    let version = rules::save_draft(
        &t.db,
        &admin,
        &bundled().version,
        &files,
        "支援給付 6万円",
        now(),
        "test",
    )
    .await
    .unwrap();
    assert_eq!(version, format!("{}+city.1", bundled().version));
    let before = state
        .rules
        .get()
        .screen(&parse_request(PREGNANCY).unwrap())
        .unwrap();
    // Published after the shipped version was stored (at the real time, on open).
    let later = chrono::Utc::now() + chrono::Duration::seconds(1);
    rules::publish(&t.db, &admin, &version, &state.rules, later, "test")
        .await
        .unwrap();
    let after = state
        .rules
        .get()
        .screen(&parse_request(PREGNANCY).unwrap())
        .unwrap();
    let amount = |r: &madoguchi_core::screening::ScreeningResult| {
        r.procedures
            .iter()
            .find(|p| p.id == "pregnancy_support_benefit")
            .and_then(|p| p.benefit.as_ref())
            .map(|b| b.amount)
    };
    assert_eq!(amount(&before), Some(50000));
    assert_eq!(amount(&after), Some(60000));
    assert_eq!(after.ruleset, version);
    // After a restart the published edit is still the live one.
    assert_eq!(rules::load(&t.db, later).await.unwrap().version, version);
    let history = rules::history(&t.db).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].published_by.as_deref(), Some("admin"));
}

#[tokio::test]
async fn an_edit_whose_rule_tests_fail_is_saved_as_a_draft_but_not_published() {
    let t = TestDb::new().await.with_city(5).await;
    let admin = t.staff("admin").await;
    let state = t.state();
    let mut files = bundled().files().clone();
    let params = files.get_mut("parameters.toml").unwrap();
    *params = params.replace(
        "values = [{ from = 2009-10-01, value = 420000 }, { from = 2023-04-01, value = 500000 }]",
        "values = [{ from = 2009-10-01, value = 420000 }, { from = 2023-04-01, value = 550000 }]",
    );
    let version = rules::save_draft(&t.db, &admin, &bundled().version, &files, "", now(), "test")
        .await
        .unwrap();
    let e = rules::publish(&t.db, &admin, &version, &state.rules, now(), "test")
        .await
        .unwrap_err();
    let AppError::InvalidRules { errors } = e else {
        panic!("{e:?}")
    };
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("500000 円のはずが 550000 円でした")),
        "{errors:?}"
    );
    assert_eq!(state.rules.get().version, bundled().version);
}
