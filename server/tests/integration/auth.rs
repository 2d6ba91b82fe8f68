use crate::common::{now, TestDb};
use app::error::AppError;
use app::model::Role;
use app::server::auth;

#[tokio::test]
async fn demo_staff_sign_in_and_the_session_names_them() {
    let t = TestDb::new().await.with_city(5).await;
    let (token, me) = auth::sign_in(&t.db, "kodomo", "madoguchi-kodomo", now(), "test")
        .await
        .unwrap();
    assert_eq!(me.role, Role::Department);
    assert_eq!(me.department_id.as_deref(), Some("kodomo"));
    let again = auth::session_staff(&t.db, &token, now()).await.unwrap();
    assert_eq!(again.username, "kodomo");
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_audited() {
    let t = TestDb::new().await.with_city(5).await;
    let before = t.count("audit_log").await;
    let e = auth::sign_in(&t.db, "counter", "not-the-password", now(), "test")
        .await
        .unwrap_err();
    assert_eq!(e, AppError::InvalidCredentials);
    let unknown = auth::sign_in(&t.db, "nobody", "whatever-password", now(), "test")
        .await
        .unwrap_err();
    assert_eq!(
        unknown,
        AppError::InvalidCredentials,
        "an unknown user gets the same answer"
    );
    assert_eq!(t.count("audit_log").await, before + 2);
}

#[tokio::test]
async fn a_session_ends_at_sign_out_and_when_it_expires() {
    let t = TestDb::new().await.with_city(5).await;
    let (token, _) = auth::sign_in(&t.db, "counter", "madoguchi-counter", now(), "test")
        .await
        .unwrap();
    let later = now() + chrono::Duration::hours(auth::SESSION_HOURS) + chrono::Duration::seconds(1);
    assert_eq!(
        auth::session_staff(&t.db, &token, later).await.unwrap_err(),
        AppError::Unauthenticated
    );
    auth::sign_out(&t.db, &token).await.unwrap();
    assert_eq!(
        auth::session_staff(&t.db, &token, now()).await.unwrap_err(),
        AppError::Unauthenticated
    );
}

#[tokio::test]
async fn short_passwords_are_refused_for_new_accounts() {
    let t = TestDb::new().await;
    let e = auth::upsert_user(&t.db, "x", "X", Role::Counter, None, "short", now()).await;
    assert!(matches!(e, Err(auth::UserError::PasswordTooShort)));
}

#[tokio::test]
async fn resetting_a_password_ends_the_accounts_sessions() {
    let t = TestDb::new().await.with_city(5).await;
    let (token, _) = auth::sign_in(&t.db, "counter", "madoguchi-counter", now(), "test")
        .await
        .unwrap();
    auth::upsert_user(
        &t.db,
        "counter",
        "窓口 一郎",
        Role::Counter,
        None,
        "a-brand-new-password",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        auth::session_staff(&t.db, &token, now()).await.unwrap_err(),
        AppError::Unauthenticated
    );
    assert!(
        auth::sign_in(&t.db, "counter", "a-brand-new-password", now(), "test")
            .await
            .is_ok()
    );
}
