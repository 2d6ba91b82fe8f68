//! Signing in, the second factor, lockout, timeouts and sign-out, with the clock
//! under the test's control.

use crate::common::{demo_password, meta, now, settings, sign_in_with_totp, TestDb};
use chrono::{DateTime, Duration, Utc};
use madoguchi_services::auth::{self, sessions, sign_in, totp, RequestMeta, SecuritySettings};
use madoguchi_services::staff;
use madoguchi_types::error::{AppError, PasswordProblem};
use madoguchi_types::model::staff::{StaffAction, StaffInput};
use madoguchi_types::model::SessionState;
use sea_orm::DatabaseConnection;

async fn password(
    db: &DatabaseConnection,
    s: &SecuritySettings,
    user: &str,
    pw: &str,
    at: DateTime<Utc>,
    from: &str,
) -> Result<(String, madoguchi_types::model::StaffMe), AppError> {
    sign_in::with_password(db, s, user, pw, at, &RequestMeta::local(from)).await
}

/// A wrong password for `user` from `from` at `at`: refused (with what answer).
async fn wrong(
    t: &TestDb,
    s: &SecuritySettings,
    user: &str,
    at: DateTime<Utc>,
    from: &str,
) -> AppError {
    password(&t.db, s, user, "wrong-password-123", at, from)
        .await
        .expect_err("a wrong password is refused")
}

async fn current(
    db: &DatabaseConnection,
    s: &SecuritySettings,
    token: &str,
    at: DateTime<Utc>,
) -> Result<auth::Current, AppError> {
    sessions::resolve(db, s, token, at, &meta()).await
}

async fn audited(t: &TestDb, action: &str, outcome: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let row = t
        .db
        .query_one_raw(Statement::from_string(
            t.backend(),
            format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND outcome = '{outcome}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn a_new_account_enrols_an_authenticator_and_then_needs_its_code() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    let (token, me, secret) = sign_in_with_totp(&t.db, &s, "kodomo", demo_password("kodomo")).await;
    assert_eq!(me.roles, ["department"]);
    assert_eq!(me.department_id.as_deref(), Some("kodomo"));
    assert!(current(&t.db, &s, &token, now()).await.is_ok());

    // Next time: the password alone opens only the second-factor step.
    let later = now() + Duration::minutes(5);
    let (token, me) = password(
        &t.db,
        &s,
        "kodomo",
        demo_password("kodomo"),
        later,
        "192.0.2.10",
    )
    .await
    .unwrap();
    assert_eq!(me.state, SessionState::SecondFactor);
    assert!(
        !me.can(madoguchi_types::model::Permission::QueueRead),
        "no permission before the second factor"
    );
    let c = current(&t.db, &s, &token, later).await.unwrap();
    assert_eq!(
        totp::verify(&t.db, &s, &c, "000000", later, &meta())
            .await
            .unwrap_err(),
        AppError::InvalidCode
    );
    let code = totp::code_at(&secret, totp::step_of(later)).unwrap();
    let (new_token, me) = totp::verify(&t.db, &s, &c, &code, later, &meta())
        .await
        .unwrap();
    assert_eq!(me.state, SessionState::Full);
    assert_ne!(new_token, token, "a new session id at the step up");
    assert_eq!(
        current(&t.db, &s, &token, later).await.unwrap_err(),
        AppError::Unauthenticated,
        "the token from before the step up is dead"
    );

    // The same code again (a replay) is refused and logged.
    let (token, _) = password(
        &t.db,
        &s,
        "kodomo",
        demo_password("kodomo"),
        later,
        "192.0.2.10",
    )
    .await
    .unwrap();
    let c = current(&t.db, &s, &token, later).await.unwrap();
    assert_eq!(
        totp::verify(&t.db, &s, &c, &code, later, &meta())
            .await
            .unwrap_err(),
        AppError::InvalidCode
    );
    assert_eq!(audited(&t, "second_factor", "replayed").await, 1);
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    let (token, _) = password(
        &t.db,
        &s,
        "hoken",
        demo_password("hoken"),
        now(),
        "192.0.2.10",
    )
    .await
    .unwrap();
    let c = current(&t.db, &s, &token, now()).await.unwrap();
    let enrolment = totp::start(&t.db, &c).await.unwrap();
    let c = current(&t.db, &s, &token, now()).await.unwrap();
    let code = totp::code_at(&enrolment.secret, totp::step_of(now())).unwrap();
    let (_, _, codes) = totp::confirm(&t.db, &s, &c, &code, now(), &meta())
        .await
        .unwrap();

    let at = now() + Duration::hours(1);
    let (token, _) = password(&t.db, &s, "hoken", demo_password("hoken"), at, "192.0.2.10")
        .await
        .unwrap();
    let c = current(&t.db, &s, &token, at).await.unwrap();
    let typed = codes[3].to_lowercase().replace('-', " ");
    let (_, me) = totp::verify(&t.db, &s, &c, &typed, at, &meta())
        .await
        .unwrap();
    assert_eq!(me.state, SessionState::Full);

    let (token, _) = password(&t.db, &s, "hoken", demo_password("hoken"), at, "192.0.2.10")
        .await
        .unwrap();
    let c = current(&t.db, &s, &token, at).await.unwrap();
    assert_eq!(
        totp::verify(&t.db, &s, &c, &codes[3], at, &meta())
            .await
            .unwrap_err(),
        AppError::InvalidCode
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer_and_are_audited() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    let before = t.count("audit_log").await;
    let wrong = password(
        &t.db,
        &s,
        "counter",
        "not-the-password",
        now(),
        "192.0.2.10",
    )
    .await
    .unwrap_err();
    let unknown = password(
        &t.db,
        &s,
        "nobody",
        "whatever-password",
        now(),
        "192.0.2.10",
    )
    .await
    .unwrap_err();
    assert_eq!(wrong, AppError::InvalidCredentials);
    assert_eq!(unknown, wrong);
    assert_eq!(t.count("audit_log").await, before + 2);
}

#[tokio::test]
async fn five_failures_lock_that_address_out_of_the_account_but_not_the_rest_of_the_counter() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    let pw = demo_password("counter");
    for i in 0..5 {
        let at = now() + Duration::seconds(i);
        let e = wrong(&t, &s, "counter", at, "203.0.113.66").await;
        assert_eq!(e, AppError::InvalidCredentials, "attempt {i}");
    }
    assert_eq!(audited(&t, "lockout", "account_locked").await, 1);
    // Even the right password is refused from that address now …
    let at = now() + Duration::minutes(1);
    let e = password(&t.db, &s, "counter", pw, at, "203.0.113.66")
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::TooManyAttempts { retry_after } if retry_after > 60 && retry_after <= 15 * 60),
        "{e:?}"
    );
    // … while a tablet elsewhere signs in (after the account's short delay).
    let at = now() + Duration::seconds(40);
    assert!(password(&t.db, &s, "counter", pw, at, "192.0.2.10")
        .await
        .is_ok());
    // After the cool-down the address may try again.
    let at = now() + Duration::minutes(16);
    assert!(password(&t.db, &s, "counter", pw, at, "203.0.113.66")
        .await
        .is_ok());
}

#[tokio::test]
async fn an_administrator_unlocks_an_account_at_once() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    for i in 0..5 {
        wrong(&t, &s, "shimin", now() + Duration::seconds(i), "192.0.2.20").await;
    }
    let overview = staff::overview(&t.db, now()).await.unwrap();
    let shimin = overview
        .accounts
        .iter()
        .find(|a| a.username == "shimin")
        .unwrap();
    assert!(shimin.locked);
    let admin = t.staff("admin").await;
    staff::act(
        &t.db,
        &admin,
        shimin.id,
        StaffAction::Unlock,
        now(),
        &meta(),
    )
    .await
    .unwrap();
    let at = now() + Duration::seconds(10);
    assert!(password(
        &t.db,
        &s,
        "shimin",
        demo_password("shimin"),
        at,
        "192.0.2.20"
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn guessing_one_account_from_many_addresses_slows_down_but_never_locks_it() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    for i in 0..5 {
        let from = format!("198.51.100.{i}");
        wrong(&t, &s, "kodomo", now(), &from).await;
    }
    let e = password(
        &t.db,
        &s,
        "kodomo",
        demo_password("kodomo"),
        now(),
        "198.51.100.99",
    )
    .await
    .unwrap_err();
    let AppError::TooManyAttempts { retry_after } = e else {
        panic!("{e:?}")
    };
    assert!(
        retry_after <= 30,
        "never longer than the delay cap: {retry_after}"
    );
    let at = now() + Duration::seconds(i64::from(retry_after));
    assert!(password(
        &t.db,
        &s,
        "kodomo",
        demo_password("kodomo"),
        at,
        "198.51.100.99"
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn twenty_failures_from_one_address_lock_the_address() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    for i in 0..20 {
        wrong(&t, &s, &format!("guess{i}"), now(), "203.0.113.9").await;
    }
    assert_eq!(audited(&t, "lockout", "address_locked").await, 1);
    let e = password(
        &t.db,
        &s,
        "counter",
        demo_password("counter"),
        now(),
        "203.0.113.9",
    )
    .await
    .unwrap_err();
    assert!(matches!(e, AppError::TooManyAttempts { .. }));
}

#[tokio::test]
async fn sessions_end_when_idle_at_their_absolute_end_and_at_sign_out() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    // The counter tablet: 15 minutes without a request.
    let (token, _, _) = sign_in_with_totp(&t.db, &s, "counter", demo_password("counter")).await;
    assert!(current(&t.db, &s, &token, now() + Duration::minutes(14))
        .await
        .is_ok());
    assert!(
        current(&t.db, &s, &token, now() + Duration::minutes(28))
            .await
            .is_ok(),
        "activity at 14 kept it alive"
    );
    assert_eq!(
        current(&t.db, &s, &token, now() + Duration::minutes(44))
            .await
            .unwrap_err(),
        AppError::Unauthenticated
    );
    assert_eq!(audited(&t, "session_end", "idle_timeout").await, 1);

    // Department staff: 30 minutes idle, 10 hours at most.
    let (token, _, _) = sign_in_with_totp(&t.db, &s, "kodomo", demo_password("kodomo")).await;
    assert!(current(&t.db, &s, &token, now() + Duration::minutes(29))
        .await
        .is_ok());
    let mut at = now();
    for _ in 0..20 {
        at += Duration::minutes(29);
        if at >= now() + s.absolute {
            break;
        }
        assert!(current(&t.db, &s, &token, at).await.is_ok());
    }
    assert_eq!(
        current(&t.db, &s, &token, now() + s.absolute)
            .await
            .unwrap_err(),
        AppError::Unauthenticated
    );

    // Sign-out: the old cookie no longer works.
    let (token, _, _) = sign_in_with_totp(&t.db, &s, "hoken", demo_password("hoken")).await;
    let c = current(&t.db, &s, &token, now()).await.unwrap();
    sign_in::sign_out(&t.db, &c.session, now(), &meta())
        .await
        .unwrap();
    assert_eq!(
        current(&t.db, &s, &token, now()).await.unwrap_err(),
        AppError::Unauthenticated
    );
}

#[tokio::test]
async fn a_disabled_account_and_a_changed_role_take_effect_at_the_next_request() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    let admin = t.staff("admin").await;
    let (token, me, _) = sign_in_with_totp(&t.db, &s, "seikatsu", demo_password("seikatsu")).await;
    assert!(me.can(madoguchi_types::model::Permission::QueueRead));
    staff::update(
        &t.db,
        &admin,
        me.id,
        &StaffInput {
            username: "seikatsu".into(),
            display_name: "生活 三郎".into(),
            roles: vec!["counter".into()],
            department_id: None,
        },
        now(),
        &meta(),
    )
    .await
    .unwrap();
    let c = current(&t.db, &s, &token, now()).await.unwrap();
    assert!(!c.me.can(madoguchi_types::model::Permission::QueueRead));
    assert!(c.me.can(madoguchi_types::model::Permission::CounterRun));
    staff::act(&t.db, &admin, me.id, StaffAction::Disable, now(), &meta())
        .await
        .unwrap();
    assert_eq!(
        current(&t.db, &s, &token, now()).await.unwrap_err(),
        AppError::Unauthenticated
    );
    let e = password(
        &t.db,
        &s,
        "seikatsu",
        demo_password("seikatsu"),
        now(),
        "192.0.2.10",
    )
    .await
    .unwrap_err();
    assert_eq!(
        e,
        AppError::InvalidCredentials,
        "a disabled account cannot sign in"
    );
}

#[tokio::test]
async fn a_reset_password_must_be_changed_at_the_next_sign_in() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    let admin = t.staff("admin").await;
    let (_, me, secret) = sign_in_with_totp(&t.db, &s, "shimin", demo_password("shimin")).await;
    let temporary = staff::act(
        &t.db,
        &admin,
        me.id,
        StaffAction::ResetPassword,
        now(),
        &meta(),
    )
    .await
    .unwrap()
    .temporary_password
    .unwrap();
    let at = now() + Duration::minutes(1);
    assert!(password(
        &t.db,
        &s,
        "shimin",
        demo_password("shimin"),
        at,
        "192.0.2.10"
    )
    .await
    .is_err());
    let (token, me) = password(&t.db, &s, "shimin", &temporary, at, "192.0.2.10")
        .await
        .unwrap();
    assert_eq!(
        me.state,
        SessionState::SecondFactor,
        "the factor still comes first"
    );
    let c = current(&t.db, &s, &token, at).await.unwrap();
    let code = totp::code_at(&secret, totp::step_of(at)).unwrap();
    let (token, me) = totp::verify(&t.db, &s, &c, &code, at, &meta())
        .await
        .unwrap();
    assert_eq!(me.state, SessionState::ChangePassword);
    let c = current(&t.db, &s, &token, at).await.unwrap();
    for (bad, problem) in [
        ("short", PasswordProblem::TooShort),
        ("password12345", PasswordProblem::Common),
        ("shimin-is-my-name", PasswordProblem::ContainsUsername),
    ] {
        assert_eq!(
            sign_in::change_password(&t.db, &s, &c, None, bad, at, &meta())
                .await
                .unwrap_err(),
            AppError::PasswordRejected { problem }
        );
    }
    let (_, me) =
        sign_in::change_password(&t.db, &s, &c, None, "hoshigaoka-new-koseki", at, &meta())
            .await
            .unwrap();
    assert_eq!(me.state, SessionState::Full);
}

#[tokio::test]
async fn administrators_must_enrol_a_passkey_by_default() {
    let t = TestDb::new().await.with_city(5).await;
    let s = settings();
    let (_, me) = password(
        &t.db,
        &s,
        "admin",
        demo_password("admin"),
        now(),
        "192.0.2.10",
    )
    .await
    .unwrap();
    assert_eq!(me.state, SessionState::Enrol);
    assert!(me.passkey_required);
    let mut optional = settings();
    optional.passkey_for_admins = false;
    let (_, me) = password(
        &t.db,
        &optional,
        "admin",
        demo_password("admin"),
        now(),
        "192.0.2.10",
    )
    .await
    .unwrap();
    assert!(!me.passkey_required, "a city may turn the requirement off");
}

#[tokio::test]
async fn the_account_tool_refuses_weak_passwords_and_resets_factors() {
    let t = TestDb::new().await.with_city(5).await;
    let roles = vec!["counter".to_owned()];
    let weak = staff::upsert(&t.db, "kato", "加藤", &roles, None, "short", false, now()).await;
    assert!(matches!(
        weak,
        Err(staff::UserError::Password(PasswordProblem::TooShort))
    ));
    let s = settings();
    let (_, me, _) = sign_in_with_totp(&t.db, &s, "counter", demo_password("counter")).await;
    staff::upsert(
        &t.db,
        "counter",
        "窓口 一郎",
        &roles,
        None,
        demo_password("counter"),
        true,
        now(),
    )
    .await
    .unwrap();
    let (_, again) = password(
        &t.db,
        &s,
        "counter",
        demo_password("counter"),
        now(),
        "192.0.2.10",
    )
    .await
    .unwrap();
    assert_eq!(again.id, me.id);
    assert_eq!(
        again.state,
        SessionState::Enrol,
        "factors removed: enrol again"
    );
}

#[tokio::test]
async fn the_last_administrator_cannot_be_disabled() {
    let t = TestDb::new().await.with_city(5).await;
    let admin = t.staff("admin").await;
    // The second administrator may go; then `admin` is the last one.
    let second = t.staff("kanri2").await;
    staff::act(
        &t.db,
        &admin,
        second.id,
        StaffAction::Disable,
        now(),
        &meta(),
    )
    .await
    .unwrap();
    let e = staff::act(
        &t.db,
        &admin,
        admin.id,
        StaffAction::Disable,
        now(),
        &meta(),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, AppError::Conflict { .. }));
    let e = staff::update(
        &t.db,
        &admin,
        admin.id,
        &StaffInput {
            username: "admin".into(),
            display_name: "管理 者".into(),
            roles: vec!["auditor".into()],
            department_id: None,
        },
        now(),
        &meta(),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, AppError::Conflict { .. }));
}
