//! E-mail notices, against a local SMTP sink: a resident's address is used only once
//! the code sent to it is typed; then each status change of their online application
//! sends a notice — in their language, naming neither the procedure nor anyone — tried
//! again while the SMTP server refuses it; stopping the notices forgets the address.

use crate::common::{now, TestDb};
use crate::my_applications::sent;
use crate::online::last_audit;
use crate::smtp_sink::Sink;
use crate::web::Web;
use axum::http::StatusCode;
use madoguchi_services::entities::{notice, resident_account};
use madoguchi_services::online::notices::{self, MailSettings, Sender};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use std::sync::atomic::Ordering;
use std::sync::Arc;

fn settings(sink: &Sink) -> MailSettings {
    MailSettings {
        url: sink.url.clone(),
        from: "星ヶ丘市 <noreply@city.example.jp>".into(),
        my_page: "https://madoguchi.example.jp/my".into(),
    }
}

async fn last_notice(t: &TestDb) -> notice::Model {
    notice::Entity::find()
        .order_by_desc(notice::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .expect("a notice")
}

#[tokio::test]
async fn a_confirmed_address_hears_of_each_status_change_and_nothing_more() {
    let t = TestDb::new().await.with_city(10).await;
    let sink = Sink::start().await;
    let mut state = t.state();
    state.mail = Some(Arc::new(settings(&sink)));
    let web = Web::with(state);
    let sender = Sender::new(t.db.clone(), settings(&sink), Box::new(server::mail::Texts)).unwrap();
    let (cookie, id) = sent(&web, &t).await;

    let status = web
        .post("/api/resident/online_status", "{}", Some(&cookie))
        .await;
    assert_eq!(status.body["mail"], true);
    assert!(status.body["me"]["email"].is_null());

    // A mistyped address is refused, and nothing is queued.
    let wrong = web
        .post(
            "/api/resident/set_notice_address",
            r#"{"address":"taro@example","lang":"en"}"#,
            Some(&cookie),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.body["fields"][0]["field"], "email");
    assert_eq!(wrong.body["fields"][0]["error"], "invalid_email");
    assert_eq!(notice::Entity::find().all(&t.db).await.unwrap().len(), 0);

    // The code goes to the address given, in the page's language.
    let given = web
        .post(
            "/api/resident/set_notice_address",
            r#"{"address":"taro@example.jp","lang":"en"}"#,
            Some(&cookie),
        )
        .await;
    assert_eq!(given.status, StatusCode::OK, "{}", given.body);
    assert_eq!(sender.round(now()).await.unwrap().sent, 1);
    let mails = sink.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "taro@example.jp");
    let text = mails[0].text();
    let code: String = text
        .split("Confirmation code: ")
        .nth(1)
        .expect("the code in English")
        .chars()
        .take(6)
        .collect();
    assert!(code.chars().all(|c| c.is_ascii_digit()), "{text}");

    // Until confirmed, a status change sends nothing.
    let staff = t.cookie("kodomo").await;
    let change =
        |from: &str, to: &str| json!({"id": id, "from": from, "to": to, "note": ""}).to_string();
    let moved = web
        .post(
            "/api/staff/change_status",
            &change("received", "in_review"),
            Some(&staff),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(last_notice(&t).await.kind, "email_code");

    // A wrong code counts against it; the right one confirms the address.
    let other = if code == "000000" { "111111" } else { "000000" };
    let no = web
        .post(
            "/api/resident/confirm_notice_address",
            &json!({ "code": other }).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(no.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no.body["fields"][0]["error"], "code_mismatch");
    assert_eq!(last_audit(&t).await.outcome, "denied");
    let yes = web
        .post(
            "/api/resident/confirm_notice_address",
            &json!({ "code": format!(" {code} ") }).to_string(),
            Some(&cookie),
        )
        .await;
    assert_eq!(yes.status, StatusCode::OK, "{}", yes.body);
    let status = web
        .post("/api/resident/online_status", "{}", Some(&cookie))
        .await;
    assert_eq!(status.body["me"]["email"], "taro@example.jp");
    assert_eq!(status.body["me"]["email_confirmed"], true);

    // Now a change queues a notice; while the SMTP server refuses, it is kept and
    // tried again later.
    let moved = web
        .post(
            "/api/staff/change_status",
            &change("in_review", "completed"),
            Some(&staff),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    sink.refuse.store(true, Ordering::SeqCst);
    let round = sender.round(now()).await.unwrap();
    assert_eq!((round.sent, round.failed), (0, 1));
    let waiting = last_notice(&t).await;
    assert_eq!((waiting.status.as_str(), waiting.attempts), ("pending", 1));
    assert!(waiting.last_error.is_some());
    assert!(waiting.next_attempt_at > now());
    assert_eq!(
        sender.round(now()).await.unwrap().failed,
        0,
        "not before its time"
    );
    sink.refuse.store(false, Ordering::SeqCst);
    let later = now() + chrono::Duration::hours(1);
    assert_eq!(sender.round(later).await.unwrap().sent, 1);
    let mails = sink.mails();
    assert_eq!(mails.len(), 2);
    let text = mails[1].text();
    assert!(text.contains("Completed"), "{text}");
    assert!(text.contains("https://madoguchi.example.jp/my"), "{text}");
    // Nothing of the application itself.
    for private in ["児童手当", "child", "山田", "Yamada", "陽菜"] {
        assert!(!text.contains(private), "{private} in {text}");
        assert!(!mails[1].raw.contains(private), "{private} in the headers");
    }
    assert_eq!(last_notice(&t).await.status, "sent");

    // Stopping forgets the address: no more notices.
    let stopped = web
        .post("/api/resident/remove_notice_address", "{}", Some(&cookie))
        .await;
    assert_eq!(stopped.status, StatusCode::OK);
    let account = resident_account::Entity::find()
        .filter(resident_account::Column::Subject.eq("yamada-taro"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.email, None);
    assert_eq!(last_audit(&t).await.action, "email_remove");
}

#[tokio::test]
async fn a_code_expires_and_is_not_guessed() {
    let t = TestDb::new().await.with_city(10).await;
    let sink = Sink::start().await;
    let mut state = t.state();
    state.mail = Some(Arc::new(settings(&sink)));
    let web = Web::with(state);
    let (cookie, _) = sent(&web, &t).await;
    let given = web
        .post(
            "/api/resident/set_notice_address",
            r#"{"address":"taro@example.jp","lang":"ja"}"#,
            Some(&cookie),
        )
        .await;
    assert_eq!(given.status, StatusCode::OK);
    let account = || async {
        resident_account::Entity::find()
            .filter(resident_account::Column::Subject.eq("yamada-taro"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
    };
    // Past its time, even the right code is refused: a new one must be sent.
    let late = now() + chrono::Duration::minutes(notices::CODE_MINUTES + 1);
    let expired = notices::confirm(&t.db, &account().await, "123456", late, "test").await;
    assert!(
        format!("{expired:?}").contains("CodeExpired"),
        "{expired:?}"
    );
    // Five wrong tries, then no more.
    for _ in 0..notices::CODE_TRIES {
        let _ = notices::confirm(&t.db, &account().await, "x", now(), "test").await;
    }
    let a = account().await;
    assert_eq!(a.email_code_attempts, notices::CODE_TRIES);
    let blocked = notices::confirm(&t.db, &a, "123456", now(), "test").await;
    assert!(
        format!("{blocked:?}").contains("CodeExpired"),
        "{blocked:?}"
    );
    assert!(a.email_confirmed_at.is_none());
    // Without an SMTP server, the city offers no notices.
    let plain = Web::new(&t);
    let off = plain
        .post(
            "/api/resident/set_notice_address",
            r#"{"address":"taro@example.jp","lang":"ja"}"#,
            Some(&cookie),
        )
        .await;
    assert_eq!(off.status, StatusCode::NOT_FOUND);
}
