//! The rule set in the database: the shipped version is stored once; an edit is saved
//! only if it compiles; it is published only when put up by one administrator and
//! approved by another, with its rule tests passing; it takes over on its effective
//! day; a rollback goes the same way; a new release never overwrites the city's edits.

use crate::common::{now, today, TestDb};
use madoguchi_core::rules::{bundled, RuleFiles};
use madoguchi_core::screening::{parse_request, ScreeningResult};
use madoguchi_services::rules::{self, review};
use madoguchi_services::LiveRules;
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::admin::PublicationRequest;

fn pregnancy(as_of: &str) -> madoguchi_core::screening::Request {
    parse_request(&format!(
        r#"{{"as_of":"{as_of}","events":[{{"type":"pregnancy","date":"{as_of}","person":"p1"}}],
 "household":{{"members":[{{"id":"p1","relationship":"head","birth_date":"1995-01-01","sex":"female"}}]}}}}"#
    ))
    .unwrap()
}

fn amount(r: &ScreeningResult) -> Option<i64> {
    r.procedures
        .iter()
        .find(|p| p.id == "pregnancy_support_benefit")
        .and_then(|p| p.benefit.as_ref())
        .map(|b| b.amount)
}

/// The support benefit rises to 60,000 yen from `from`, with the rule test that pins
/// the amount on 2026-11-24 updated when that day is covered.
fn raised(from: &str) -> RuleFiles {
    let mut files = bundled().files().clone();
    let params = files.get_mut("parameters.toml").unwrap();
    *params = params.replace(
        "values = [{ from = 2025-04-01, value = 50000 }]",
        &format!(
            "values = [{{ from = 2025-04-01, value = 50000 }}, {{ from = {from}, value = 60000 }}]"
        ),
    );
    if from <= "2026-11-24" {
        let tests = files.get_mut("tests/pregnancy.toml").unwrap();
        *tests = tests.replace(
            "pregnancy_support_benefit = 50000",
            "pregnancy_support_benefit = 60000",
        );
    }
    files
}

fn asking(version: &str, effective_from: &str, transition: &str) -> PublicationRequest {
    PublicationRequest {
        version: version.into(),
        effective_from: effective_from.into(),
        transition: transition.into(),
        note: "支援給付 6万円".into(),
    }
}

/// An edit saved by `admin`, put up for today and approved by `kanri2`.
async fn published_now(t: &TestDb, live: &LiveRules, files: &RuleFiles) -> String {
    let (admin, second) = (t.staff("admin").await, t.staff("kanri2").await);
    let base = live.on(today()).version.clone();
    let version = rules::save_draft(&t.db, &admin, &base, files, "", now(), "test")
        .await
        .unwrap();
    let request = asking(&version, "", "as_of");
    review::request(&t.db, &admin, &request, today(), now(), "test")
        .await
        .unwrap();
    review::approve(&t.db, &second, &version, live, today(), now(), "test")
        .await
        .unwrap();
    version
}

async fn stored(t: &TestDb) -> LiveRules {
    rules::load(&t.db, now()).await.unwrap()
}

#[tokio::test]
async fn the_shipped_rule_set_is_stored_once_and_is_live() {
    let t = TestDb::new().await;
    let live = stored(&t).await;
    assert_eq!(live.on(today()).version, bundled().version);
    stored(&t).await;
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
async fn two_administrators_publish_an_edit_and_the_author_cannot_approve_it() {
    let t = TestDb::new().await.with_city(5).await;
    let (admin, second) = (t.staff("admin").await, t.staff("kanri2").await);
    let live = stored(&t).await;
    let files = raised("2026-04-01");
    let version = rules::save_draft(&t.db, &admin, &bundled().version, &files, "", now(), "test")
        .await
        .unwrap();
    assert_eq!(version, format!("{}+city.1", bundled().version));
    // A draft cannot be approved before it is put up for publication.
    let e = review::approve(&t.db, &second, &version, &live, today(), now(), "test").await;
    assert!(matches!(e, Err(AppError::Conflict { .. })), "{e:?}");
    review::request(
        &t.db,
        &admin,
        &asking(&version, "", "as_of"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    let e = review::approve(&t.db, &admin, &version, &live, today(), now(), "test")
        .await
        .unwrap_err();
    assert_eq!(e, AppError::FourEyes);
    assert_eq!(e.status(), 403);
    assert_eq!(
        amount(&live.on(today()).screen(&pregnancy("2026-11-25")).unwrap()),
        Some(50000)
    );
    // The reviewer sees the changed file and the impact before approving.
    let r = review::review(&t.db, &second, &version, &live, today(), now(), "test")
        .await
        .unwrap();
    assert_eq!(
        r.files.len(),
        2,
        "{:?}",
        r.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    assert!(r.files.iter().any(|f| f.path == "parameters.toml"));
    assert!(r.check.tests_failed.is_empty());
    assert!(r.check.impact.is_some());
    review::approve(&t.db, &second, &version, &live, today(), now(), "test")
        .await
        .unwrap();
    let after = live.on(today()).screen(&pregnancy("2026-11-25")).unwrap();
    assert_eq!(amount(&after), Some(60000));
    assert_eq!(after.ruleset, version);
    // After a restart the published edit is still the one in force.
    assert_eq!(stored(&t).await.on(today()).version, version);
    let history = rules::history(&t.db).await.unwrap();
    assert_eq!(history[0].published_by.as_deref(), Some("kanri2"));
    assert_eq!(history[0].requested_by.as_deref(), Some("admin"));
    for (action, outcome) in [
        ("rules_request_publication", "ok"),
        ("rules_approve", "denied"),
        ("rules_approve", "ok"),
    ] {
        let n = t
            .count(&format!(
                "audit_log WHERE action = '{action}' AND outcome = '{outcome}'"
            ))
            .await;
        assert_eq!(n, 1, "{action} {outcome}");
    }
}

#[tokio::test]
async fn a_version_takes_over_on_its_effective_day_by_itself() {
    let t = TestDb::new().await.with_city(5).await;
    let (admin, second) = (t.staff("admin").await, t.staff("kanri2").await);
    let live = stored(&t).await;
    let version = rules::save_draft(
        &t.db,
        &admin,
        &bundled().version,
        &raised("2027-04-01"),
        "",
        now(),
        "test",
    )
    .await
    .unwrap();
    review::request(
        &t.db,
        &admin,
        &asking(&version, "2027-04-01", "as_of"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    review::approve(&t.db, &second, &version, &live, today(), now(), "test")
        .await
        .unwrap();
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(live.on(day("2027-03-31")).version, bundled().version);
    assert_eq!(live.on(day("2027-04-01")).version, version);
    assert_eq!(
        live.scheduled_after(today()),
        vec![(day("2027-04-01"), version.clone())]
    );
    let before = live.for_request(&pregnancy("2027-03-31"));
    let after = live.for_request(&pregnancy("2027-04-01"));
    assert_eq!(
        amount(&before.screen(&pregnancy("2027-03-31")).unwrap()),
        Some(50000)
    );
    assert_eq!(
        amount(&after.screen(&pregnancy("2027-04-01")).unwrap()),
        Some(60000)
    );
}

#[tokio::test]
async fn with_the_event_date_transition_earlier_events_keep_the_old_rules() {
    let t = TestDb::new().await.with_city(5).await;
    let (admin, second) = (t.staff("admin").await, t.staff("kanri2").await);
    let live = stored(&t).await;
    let version = rules::save_draft(
        &t.db,
        &admin,
        &bundled().version,
        &raised("2027-04-01"),
        "",
        now(),
        "test",
    )
    .await
    .unwrap();
    review::request(
        &t.db,
        &admin,
        &asking(&version, "2027-04-01", "event_date"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    review::approve(&t.db, &second, &version, &live, today(), now(), "test")
        .await
        .unwrap();
    // Screened on 2 April for a pregnancy reported on 31 March: the old rules.
    let mut late = pregnancy("2027-04-02");
    late.events[0].date = "2027-03-31".parse().unwrap();
    assert_eq!(live.for_request(&late).version, bundled().version);
    assert_eq!(live.for_request(&pregnancy("2027-04-02")).version, version);
}

#[tokio::test]
async fn bad_publication_requests_are_refused_and_nothing_is_published() {
    let t = TestDb::new().await.with_city(5).await;
    let admin = t.staff("admin").await;
    let mut files = bundled().files().clone();
    let params = files.get_mut("parameters.toml").unwrap();
    *params = params.replace(
        "values = [{ from = 2009-10-01, value = 420000 }, { from = 2023-04-01, value = 500000 }]",
        "values = [{ from = 2009-10-01, value = 420000 }, { from = 2023-04-01, value = 550000 }]",
    );
    let failing = rules::save_draft(&t.db, &admin, &bundled().version, &files, "", now(), "test")
        .await
        .unwrap();
    let e = review::request(
        &t.db,
        &admin,
        &asking(&failing, "", "as_of"),
        today(),
        now(),
        "test",
    )
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
    let good = rules::save_draft(
        &t.db,
        &admin,
        &bundled().version,
        &raised("2026-04-01"),
        "",
        now(),
        "test",
    )
    .await
    .unwrap();
    for (day, code) in [("2026-11-24", "past_date"), ("2026-13-01", "invalid_date")] {
        let e = review::request(
            &t.db,
            &admin,
            &asking(&good, day, "as_of"),
            today(),
            now(),
            "test",
        )
        .await
        .unwrap_err();
        let AppError::InvalidInput { fields } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(
            (fields[0].field.as_str(), fields[0].error.code()),
            ("effective_from", code)
        );
        assert_eq!(e.status(), 422);
    }
    let e = review::request(
        &t.db,
        &admin,
        &asking(&good, "", "sometime"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap_err();
    assert!(matches!(e, AppError::InvalidInput { .. }));
    let history = rules::history(&t.db).await.unwrap();
    assert!(history.iter().all(|v| v.status != "pending"));
    assert_eq!(
        history.iter().filter(|v| v.status == "published").count(),
        1
    );
}

#[tokio::test]
async fn a_returned_version_carries_the_reason_and_a_rollback_needs_two_people_too() {
    let t = TestDb::new().await.with_city(5).await;
    let (admin, second) = (t.staff("admin").await, t.staff("kanri2").await);
    let live = stored(&t).await;
    let version = rules::save_draft(
        &t.db,
        &admin,
        &bundled().version,
        &raised("2026-04-01"),
        "",
        now(),
        "test",
    )
    .await
    .unwrap();
    review::request(
        &t.db,
        &admin,
        &asking(&version, "", "as_of"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    let e = review::send_back(&t.db, &second, &version, "  ", now(), "test").await;
    assert!(matches!(e, Err(AppError::InvalidInput { .. })));
    review::send_back(
        &t.db,
        &second,
        &version,
        "根拠の資料を添えてください",
        now(),
        "test",
    )
    .await
    .unwrap();
    let row = rules::find(&t.db, &version).await.unwrap();
    assert_eq!(
        (row.status.as_str(), row.review_note.as_deref()),
        ("returned", Some("根拠の資料を添えてください"))
    );
    // Put up again and approved; then rolled back to the shipped rules.
    review::request(
        &t.db,
        &admin,
        &asking(&version, "", "as_of"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    review::approve(&t.db, &second, &version, &live, today(), now(), "test")
        .await
        .unwrap();
    let back = review::rollback_draft(
        &t.db,
        &admin,
        &bundled().version,
        &live.on(today()),
        now(),
        "test",
    )
    .await
    .unwrap();
    assert_eq!(
        live.on(today()).version,
        version,
        "a rollback draft changes nothing yet"
    );
    review::request(
        &t.db,
        &admin,
        &asking(&back, "", "as_of"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    assert_eq!(
        review::approve(&t.db, &admin, &back, &live, today(), now(), "test").await,
        Err(AppError::FourEyes)
    );
    review::approve(&t.db, &second, &back, &live, today(), now(), "test")
        .await
        .unwrap();
    let r = live.on(today()).screen(&pregnancy("2026-11-25")).unwrap();
    assert_eq!(
        (r.ruleset.as_str(), amount(&r)),
        (back.as_str(), Some(50000))
    );
}

#[tokio::test]
async fn a_new_release_arrives_as_a_proposal_and_never_replaces_the_citys_rules() {
    let t = TestDb::new().await.with_city(5).await;
    let live = stored(&t).await;
    let version = published_now(&t, &live, &raised("2026-04-01")).await;
    // The shipped row stands for an older release: the next start sees this release as new.
    t.exec(&format!(
        "UPDATE rulesets SET version = '2026-01-01.1' WHERE version = '{}'",
        bundled().version
    ))
    .await;
    let restarted = stored(&t).await;
    assert_eq!(restarted.on(today()).version, version);
    let shipped = rules::find(&t.db, &bundled().version).await.unwrap();
    assert_eq!(shipped.status, "proposed");
}

#[tokio::test]
async fn a_release_is_merged_with_the_citys_edits_and_its_conflicts_resolved_by_choice() {
    use madoguchi_core::diff::Choice;
    use std::collections::BTreeMap;
    let t = TestDb::new().await.with_city(5).await;
    let (admin, second) = (t.staff("admin").await, t.staff("kanri2").await);
    let live = stored(&t).await;
    let city = published_now(&t, &live, &raised("2026-04-01")).await;
    // The next release sets the same amount differently, and rewords a birth reason.
    let mut release = bundled().files().clone();
    let set = |files: &mut RuleFiles, path: &str, from: &str, to: &str| {
        let text = files.get_mut(path).unwrap();
        assert!(text.contains(from), "{path}: {from}");
        *text = text.replace(from, to);
    };
    set(
        &mut release,
        "ruleset.toml",
        &format!("version = \"{}\"", bundled().version),
        "version = \"2026-12-15.1\"",
    );
    set(
        &mut release,
        "parameters.toml",
        "values = [{ from = 2025-04-01, value = 50000 }]",
        "values = [{ from = 2025-04-01, value = 50000 }, { from = 2026-04-01, value = 55000 }]",
    );
    set(
        &mut release,
        "events/birth.toml",
        "出生の日を含めて14日以内に届け出ます",
        "出生の日を含めて14日以内に出生届を出します",
    );
    let proposed = rules::release::propose(&t.db, &release, now())
        .await
        .unwrap();
    assert_eq!(proposed, "2026-12-15.1");
    assert_eq!(live.on(today()).version, city, "a proposal changes nothing");

    let m = rules::release::view(&t.db, &proposed, &live, today())
        .await
        .unwrap();
    let status = |p: &str| {
        m.files
            .iter()
            .find(|f| f.path == p)
            .map(|f| (f.status.as_str(), f.conflicts))
    };
    assert_eq!(status("parameters.toml"), Some(("conflict", 1)));
    assert_eq!(status("events/birth.toml"), Some(("release", 0)));
    assert_eq!(status("tests/pregnancy.toml"), Some(("city", 0)));
    assert_eq!(status("events/moving.toml"), Some(("unchanged", 0)));

    let e = rules::release::save(
        &t.db,
        &admin,
        &proposed,
        &BTreeMap::new(),
        &live,
        today(),
        now(),
        "test",
    )
    .await
    .unwrap_err();
    let AppError::Conflict {
        reason: ConflictReason::Unresolved { path, count: 1 },
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(path, "parameters.toml");
    assert_eq!(e.status(), 409);

    let choices = BTreeMap::from([("parameters.toml".to_owned(), vec![Choice::Ours])]);
    let merged = rules::release::save(
        &t.db,
        &admin,
        &proposed,
        &choices,
        &live,
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    assert_eq!(merged, "2026-12-15.1+city.1");
    let (_, files) = rules::open(&t.db, &merged).await.unwrap();
    assert!(files["parameters.toml"].contains("{ from = 2026-04-01, value = 60000 }"));
    assert!(!files["parameters.toml"].contains("55000"));
    assert!(files["events/birth.toml"].contains("出生届を出します"));
    review::request(
        &t.db,
        &admin,
        &asking(&merged, "", "as_of"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    review::approve(&t.db, &second, &merged, &live, today(), now(), "test")
        .await
        .unwrap();
    let r = live.on(today()).screen(&pregnancy("2026-11-25")).unwrap();
    assert_eq!(
        (r.ruleset.as_str(), amount(&r)),
        ("2026-12-15.1+city.1", Some(60000))
    );
}

#[tokio::test]
async fn the_next_release_is_merged_against_the_release_the_citys_rules_descend_from() {
    use std::collections::BTreeMap;
    let t = TestDb::new().await.with_city(5).await;
    let (admin, second) = (t.staff("admin").await, t.staff("kanri2").await);
    let live = stored(&t).await;
    let release = |version: &str| {
        let mut files = bundled().files().clone();
        let text = files.get_mut("ruleset.toml").unwrap();
        *text = text.replace(
            &format!("version = \"{}\"", bundled().version),
            &format!("version = \"{version}\""),
        );
        files
    };
    // A first release, taken as shipped (no city edits): merged, approved.
    let first = rules::release::propose(&t.db, &release("2026-12-15.1"), now())
        .await
        .unwrap();
    let merged = rules::release::save(
        &t.db,
        &admin,
        &first,
        &BTreeMap::new(),
        &live,
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    review::request(
        &t.db,
        &admin,
        &asking(&merged, "", "as_of"),
        today(),
        now(),
        "test",
    )
    .await
    .unwrap();
    review::approve(&t.db, &second, &merged, &live, today(), now(), "test")
        .await
        .unwrap();
    // The next release is compared with the first, not with the shipped rules.
    let next = rules::release::propose(&t.db, &release("2027-01-10.1"), now())
        .await
        .unwrap();
    let m = rules::release::view(&t.db, &next, &live, today())
        .await
        .unwrap();
    assert_eq!(
        (m.base.as_str(), m.city.as_str()),
        ("2026-12-15.1", merged.as_str())
    );
    assert!(m.files.iter().all(|f| f.conflicts == 0));
}
