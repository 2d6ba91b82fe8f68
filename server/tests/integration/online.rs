//! Residents online: the account an identity becomes and its match with the registry
//! by the four basic facts (exactly one resident, or no match — never a guess), the
//! resident's own session (another cookie, another kind of caller: never staff), its
//! timeouts and sign-out, every step audited into the same hash chain; the sign-in
//! routes' refusals. (The whole flow through a real OpenID Connect provider is the
//! browser suite's `public-online.spec.ts`; the ID token checks are unit tests of
//! `services::online::oidc::id_token`.)

use crate::common::{now, TestDb};
use crate::web::Web;
use axum::http::{header, StatusCode};
use chrono::Duration;
use madoguchi_services::audit::verify;
use madoguchi_services::entities::{audit_entry, household, resident, resident_account};
use madoguchi_services::online::oidc::{ClientAuth, OidcSettings, Provider};
use madoguchi_services::online::{accounts, sessions, Identity};
use madoguchi_services::Clock;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// A change to an identity.
type Change = fn(&mut Identity);

pub fn taro() -> Identity {
    Identity {
        issuer: "http://localhost:3900".into(),
        subject: "yamada-taro".into(),
        name: Some("山田 太郎".into()),
        birthdate: Some("1990-05-01".into()),
        // As a card reader writes it: the prefecture, kanji and full-width numbers.
        address: Some("星ヶ丘県星ヶ丘市本町一丁目２番３号".into()),
        gender: Some("male".into()),
    }
}

async fn registry_taro(t: &TestDb) -> resident::Model {
    resident::Entity::find()
        .filter(resident::Column::FamilyName.eq("山田"))
        .filter(resident::Column::GivenName.eq("太郎"))
        .one(&t.db)
        .await
        .unwrap()
        .expect("the showcase's 山田 太郎")
}

pub async fn last_audit(t: &TestDb) -> audit_entry::Model {
    audit_entry::Entity::find()
        .order_by_desc(audit_entry::Column::Seq)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn an_identity_matches_the_one_resident_with_all_four_facts_or_nobody() {
    let t = TestDb::new().await.with_city(10).await;
    let taro_row = registry_taro(&t).await;

    let account = accounts::sign_in(&t.db, now(), "10.0.0.9", &taro())
        .await
        .unwrap();
    assert_eq!(account.resident_id, Some(taro_row.id));
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.outcome.as_str(), a.purpose.as_str()),
        ("resident_sign_in", "matched", "online_sign_in")
    );
    assert_eq!(a.resident_account_id, Some(account.id));
    assert_eq!(a.resident_id, Some(taro_row.id));
    assert_eq!(a.household_id, Some(taro_row.household_id));
    assert_eq!(a.staff_user_id, None);

    // One fact off, or missing: no match, said as such, and nothing guessed.
    let wrong: [(&str, Change); 6] = [
        ("another day", |i| i.birthdate = Some("1990-05-02".into())),
        ("another house", |i| {
            i.address = Some("星ヶ丘県星ヶ丘市本町1丁目2番4号".into())
        }),
        ("another sex", |i| i.gender = Some("female".into())),
        ("another name", |i| i.name = Some("山田 大郎".into())),
        ("no address", |i| i.address = None),
        ("an unknown sex", |i| i.gender = Some("other".into())),
    ];
    for (why, change) in wrong {
        let mut id = taro();
        id.subject = format!("someone-{why}");
        change(&mut id);
        let acc = accounts::sign_in(&t.db, now(), "10.0.0.9", &id)
            .await
            .unwrap();
        assert_eq!(acc.resident_id, None, "{why}");
        assert_eq!(last_audit(&t).await.outcome, "no_match", "{why}");
    }

    // The same identity again is the same account; a twin registration at the same
    // address (two residents with all four facts) is no match at all.
    let home = household::Entity::find_by_id(taro_row.household_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let twin_home = household::ActiveModel {
        household_number: Set("99999999".into()),
        postal_code: Set(home.postal_code.clone()),
        address: Set(home.address.clone()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let mut twin: resident::ActiveModel = taro_row.clone().into();
    twin.id = sea_orm::ActiveValue::NotSet;
    twin.person_number = Set("999999999999".into());
    twin.household_id = Set(twin_home.id);
    twin.insert(&t.db).await.unwrap();
    let again = accounts::sign_in(&t.db, now(), "10.0.0.9", &taro())
        .await
        .unwrap();
    assert_eq!(again.id, account.id);
    assert_eq!(again.resident_id, None, "two residents fit: no guess");
    let same = resident_account::Entity::find()
        .filter(resident_account::Column::Subject.eq("yamada-taro"))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(same.len(), 1);
    assert!(verify::walk(&t.db).await.unwrap().ok(), "the chain holds");
    // The auditor's viewer names the resident account as the one who acted.
    let auditor = t.staff("kansa").await;
    let page = madoguchi_services::audit::viewer::search(
        &t.db,
        &auditor,
        &Default::default(),
        now(),
        "10.0.0.1",
    )
    .await
    .unwrap();
    let row = page
        .rows
        .iter()
        .find(|r| r.action == "resident_sign_in")
        .expect("the sign-ins are listed");
    assert_eq!(
        (row.staff.as_deref(), row.resident_account.is_some()),
        (None, true)
    );
}

/// A new session of `account`, as the cookie the browser would send.
pub async fn resident_cookie(web: &Web, account: &resident_account::Model) -> String {
    let token = sessions::open(
        &web.state.db,
        &web.state.security,
        account,
        now(),
        &madoguchi_services::auth::RequestMeta::local("10.0.0.9"),
    )
    .await
    .unwrap();
    format!("madoguchi_resident={token}")
}

#[tokio::test]
async fn a_resident_session_is_a_caller_of_its_own_kind_that_times_out_and_signs_out() {
    let t = TestDb::new().await.with_city(10).await;
    let web = Web::new(&t);
    let account = accounts::sign_in(&t.db, now(), "10.0.0.9", &taro())
        .await
        .unwrap();
    let cookie = resident_cookie(&web, &account).await;

    let status = web
        .post("/api/resident/online_status", "{}", Some(&cookie))
        .await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.body);
    assert_eq!(status.body["me"]["name"], "山田 太郎");
    assert_eq!(status.body["me"]["matched"], true);
    assert_eq!(status.body["available"], false, "no provider in this test");
    let nobody = web.post("/api/resident/online_status", "{}", None).await;
    assert!(nobody.body["me"].is_null());

    // A resident is never staff, and staff are never a resident.
    let counter = web
        .post("/api/counter/kiosk_settings", "{}", Some(&cookie))
        .await;
    assert_eq!(counter.status, StatusCode::UNAUTHORIZED);
    let staff = t.cookie("counter").await;
    let as_staff = web
        .post("/api/resident/online_status", "{}", Some(&staff))
        .await;
    assert!(as_staff.body["me"].is_null());

    // Idle past the limit: the session ends, audited.
    let mut later = t.state();
    later.clock = Clock::Fixed(now() + web.state.security.resident_idle + Duration::minutes(1));
    let idle = Web::with(later)
        .post("/api/resident/online_status", "{}", Some(&cookie))
        .await;
    assert!(idle.body["me"].is_null());
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.outcome.as_str()),
        ("resident_session_end", "idle_timeout")
    );
    assert_eq!(a.resident_account_id, Some(account.id));

    // Sign-out ends the session on the server and removes the cookie.
    let cookie = resident_cookie(&web, &account).await;
    let out = web
        .post("/api/resident/sign_out", "{}", Some(&cookie))
        .await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.body);
    let set = out
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("madoguchi_resident="))
        .expect("the cookie removed");
    assert!(
        set.contains("Max-Age=0") && set.contains("HttpOnly") && set.contains("SameSite=Strict")
    );
    assert_eq!(last_audit(&t).await.outcome, "sign_out");
    let after = web
        .post("/api/resident/online_status", "{}", Some(&cookie))
        .await;
    assert!(after.body["me"].is_null());
    assert_eq!(t.count("resident_sessions").await, 0);

    // Signing in again on a device that kept a session ends the older one (what the
    // callback does in its transaction, before the new session opens).
    let cookie = resident_cookie(&web, &account).await;
    let old = cookie.trim_start_matches("madoguchi_resident=");
    sessions::end_token(&t.db, old, "replaced", now(), "10.0.0.9")
        .await
        .unwrap();
    let a = last_audit(&t).await;
    assert_eq!(
        (a.action.as_str(), a.outcome.as_str()),
        ("resident_session_end", "replaced")
    );
    let replaced = web
        .post("/api/resident/online_status", "{}", Some(&cookie))
        .await;
    assert!(replaced.body["me"].is_null());
    assert_eq!(t.count("resident_sessions").await, 0);
    // A token no longer there (or never there) changes nothing.
    sessions::end_token(&t.db, old, "replaced", now(), "10.0.0.9")
        .await
        .unwrap();
    assert!(verify::walk(&t.db).await.unwrap().ok());
}

#[tokio::test]
async fn the_sign_in_routes_refuse_what_is_not_a_sign_in_of_this_browser() {
    let t = TestDb::new().await;
    // No provider configured: the routes are not there.
    let web = Web::new(&t);
    for path in [
        "/auth/oidc/start",
        "/auth/oidc/callback?code=x&state=y",
        "/auth/oidc/jwks.json",
    ] {
        assert_eq!(
            web.get(path, None).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // A provider that cannot be reached: starting says so on the resident's page.
    let mut state = t.state();
    let key_dir = tempfile::tempdir().unwrap();
    let (key, _) = madoguchi_services::online::oidc::client_key::ClientKey::load_or_create(
        &key_dir.path().join("client.pem"),
    )
    .unwrap();
    state.oidc = Some(std::sync::Arc::new(Provider::new(OidcSettings {
        issuer: "http://127.0.0.1:9".into(),
        client_id: "madoguchi".into(),
        auth: ClientAuth::PrivateKeyJwt(key.clone()),
        scopes: "openid".into(),
        redirect_uri: "http://localhost:3000/auth/oidc/callback".into(),
    })));
    let web = Web::with(state);
    let start = web.get("/auth/oidc/start", None).await;
    assert_eq!(start.status, StatusCode::SEE_OTHER);
    assert_eq!(start.headers[header::LOCATION], "/my?error=unavailable");
    // Back in the resident's language; anything but a language code is left out.
    let start = web.get("/auth/oidc/start?lang=en", None).await;
    assert_eq!(
        start.headers[header::LOCATION],
        "/my?error=unavailable&lang=en"
    );
    let start = web.get("/auth/oidc/start?lang=%3Cb%3E", None).await;
    assert_eq!(start.headers[header::LOCATION], "/my?error=unavailable");
    // The client's public key is published, without its private part.
    let jwks = web.get("/auth/oidc/jwks.json", None).await;
    assert_eq!(jwks.status, StatusCode::OK);
    assert_eq!(jwks.body["keys"][0]["kid"], key.kid.as_str());
    assert!(jwks.body["keys"][0].get("d").is_none());
    // A callback this browser did not start (no flow cookie, or one unknown): nothing
    // signed in, the resident told, the attempt audited.
    for cookie in [None, Some("madoguchi_oidc=0123456789abcdef")] {
        let before = t.count("audit_log").await;
        let cb = web
            .get("/auth/oidc/callback?code=stolen&state=guessed", cookie)
            .await;
        assert_eq!(cb.status, StatusCode::SEE_OTHER);
        assert_eq!(cb.headers[header::LOCATION], "/my?error=expired");
        assert!(cb
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("madoguchi_resident=")));
        assert_eq!(t.count("audit_log").await, before + 1);
        let a = last_audit(&t).await;
        assert_eq!(
            (a.action.as_str(), a.outcome.as_str()),
            ("resident_sign_in", "expired")
        );
    }
    assert_eq!(t.count("resident_sessions").await, 0);
}

#[test]
fn every_resident_function_is_under_the_residents_rate_limit() {
    let mut listed: Vec<&str> = app::api::server_fns()
        .into_iter()
        .map(|(path, _)| path)
        .filter(|p| p.starts_with("/api/resident/"))
        .collect();
    let mut limited = server::http::RESIDENT_FNS.to_vec();
    listed.sort_unstable();
    limited.sort_unstable();
    assert_eq!(listed, limited, "add the function to http::RESIDENT_FNS");
}
