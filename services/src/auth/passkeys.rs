//! Passkeys and security keys (WebAuthn, through webauthn-rs): registered by a signed-in
//! staff member (or during enrolment), used as the second factor after the password, or
//! alone ("passwordless": a discoverable credential names its user, user verification
//! is required, so the key and its PIN or fingerprint are two factors in one).
//! The browser speaks the WebAuthn JSON forms (`parseCreationOptionsFromJSON`,
//! `toJSON()`), so nothing is converted by hand on either side.

use super::super::audit;
use super::super::entities::{auth_ceremony, passkey, staff_user};
use super::sessions::{self, Current, RequestMeta};
use super::settings::SecuritySettings;
use super::sign_in::{entry, step_up};
use super::throttle;
use super::totp::{new_recovery_codes, with_factor};
use crate::db::begin_write;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use madoguchi_types::error::{AppError, ConflictReason};
use madoguchi_types::model::{SessionState, StaffMe};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyAuthentication,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Url, Uuid, Webauthn,
    WebauthnBuilder,
};

const CEREMONY_MINUTES: i64 = 5;

/// The relying party: the public URL's host; any port, so one build serves the demo on
/// `localhost:3000` and the tests on another port.
pub fn relying_party(settings: &SecuritySettings, city: &str) -> Result<Webauthn, String> {
    let origin =
        Url::parse(&settings.public_url).map_err(|e| format!("MADOGUCHI_PUBLIC_URL: {e}"))?;
    WebauthnBuilder::new(&settings.rp_id(), &origin)
        .and_then(|b| {
            b.rp_name(&format!("{city} 窓口"))
                .allow_any_port(true)
                .build()
        })
        .map_err(|e| {
            format!("passkeys need a host name in MADOGUCHI_PUBLIC_URL (not an IP address): {e:?}")
        })
}

/// The user handle a passkey carries: a fixed prefix and the account id (no name, no
/// personal data).
fn user_handle(staff_user_id: i32) -> Uuid {
    Uuid::from_u64_pair(
        0x6d61_646f_6775_6368,
        u64::try_from(staff_user_id).unwrap_or(0),
    )
}

fn user_of_handle(handle: Uuid) -> Option<i32> {
    let (prefix, id) = handle.as_u64_pair();
    (prefix == 0x6d61_646f_6775_6368)
        .then(|| i32::try_from(id).ok())
        .flatten()
}

fn cred_id_text(p: &Passkey) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(p.cred_id().as_ref())
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(|_| AppError::Internal)
}

fn failed(e: impl std::fmt::Debug) -> AppError {
    tracing::info!(error = ?e, "a passkey did not verify");
    AppError::PasskeyFailed
}

async fn passkeys_of<C: ConnectionTrait>(
    db: &C,
    staff_user_id: i32,
) -> Result<Vec<(passkey::Model, Passkey)>, AppError> {
    let rows = passkey::Entity::find()
        .filter(passkey::Column::StaffUserId.eq(staff_user_id))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let p: Passkey = serde_json::from_str(&r.passkey).map_err(|_| AppError::Internal)?;
            Ok((r, p))
        })
        .collect()
}

/// Starts registering a passkey for the caller; returns the options for
/// `navigator.credentials.create()` as JSON.
pub async fn register_start<C: ConnectionTrait>(
    db: &C,
    webauthn: &Webauthn,
    current: &Current,
) -> Result<String, AppError> {
    let existing: Vec<_> = passkeys_of(db, current.user.id)
        .await?
        .into_iter()
        .map(|(_, p)| p.cred_id().clone())
        .collect();
    let (options, state) = webauthn
        .start_passkey_registration(
            user_handle(current.user.id),
            &current.user.username,
            &current.user.display_name,
            Some(existing),
        )
        .map_err(failed)?;
    sessions::set_pending(db, &current.session, Some(json(&state)?)).await?;
    // Ask for a discoverable credential, so the same key also signs in without a
    // username (the state does not depend on it).
    let mut options = serde_json::to_value(&options).map_err(|_| AppError::Internal)?;
    if let Some(sel) = options
        .get_mut("publicKey")
        .and_then(|p| p.get_mut("authenticatorSelection"))
        .and_then(|s| s.as_object_mut())
    {
        sel.insert("residentKey".into(), "preferred".into());
    }
    json(&options)
}

/// Finishes a registration with the browser's `credential.toJSON()`. During
/// enrolment this completes the sign-in (and gives recovery codes, returned once).
#[expect(
    clippy::too_many_arguments,
    reason = "the request's parts, each needed once"
)]
pub async fn register_finish(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    webauthn: &Webauthn,
    current: &Current,
    credential: &str,
    name: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe, Vec<String>), AppError> {
    let target = format!("user:{}", current.user.username);
    let state: PasskeyRegistration = current
        .session
        .pending
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .ok_or(AppError::PasskeyFailed)?;
    let reg: RegisterPublicKeyCredential = serde_json::from_str(credential).map_err(failed)?;
    let key = match webauthn.finish_passkey_registration(&reg, &state) {
        Ok(k) => k,
        Err(e) => {
            audit::record(
                db,
                now,
                &meta.address,
                entry(Some(current.user.id), "passkey_register", target, "denied"),
            )
            .await?;
            return Err(failed(e));
        }
    };
    let name: String = name.trim().chars().take(64).collect();
    let txn = begin_write(db).await?;
    let first = passkey::Entity::find()
        .filter(passkey::Column::StaffUserId.eq(current.user.id))
        .count(&txn)
        .await?
        == 0;
    passkey::ActiveModel {
        staff_user_id: Set(current.user.id),
        credential_id: Set(cred_id_text(&key)),
        name: Set(if name.is_empty() {
            "パスキー".into()
        } else {
            name
        }),
        passkey: Set(json(&key)?),
        created_at: Set(now),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let codes = if first && current.user.totp_secret.is_none() {
        new_recovery_codes(&txn, current.user.id, now).await?
    } else {
        Vec::new()
    };
    sessions::set_pending(&txn, &current.session, None).await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(Some(current.user.id), "passkey_register", target, "ok"),
    )
    .await?;
    txn.commit().await?;
    let method = with_factor(&current.session.method, current.me.state, "passkey");
    let (token, me) = if current.me.state == SessionState::Full {
        (String::new(), current.me.clone())
    } else {
        step_up(db, settings, current, &method, now, meta).await?
    };
    Ok((token, me, codes))
}

/// Starts the second step of a sign-in with one of the caller's passkeys.
pub async fn verify_start<C: ConnectionTrait>(
    db: &C,
    webauthn: &Webauthn,
    current: &Current,
) -> Result<String, AppError> {
    let keys: Vec<Passkey> = passkeys_of(db, current.user.id)
        .await?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    if keys.is_empty() {
        return Err(AppError::PasskeyFailed);
    }
    let (options, state) = webauthn
        .start_passkey_authentication(&keys)
        .map_err(failed)?;
    sessions::set_pending(db, &current.session, Some(json(&state)?)).await?;
    json(&options)
}

/// Finishes the second step with the browser's assertion.
pub async fn verify_finish(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    webauthn: &Webauthn,
    current: &Current,
    credential: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe), AppError> {
    let user = &current.user;
    let target = format!("user:{}", user.username);
    let keys = throttle::Keys::new(&user.username, &meta.address);
    let state: Option<PasskeyAuthentication> = current
        .session
        .pending
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok());
    let cred: Option<PublicKeyCredential> = serde_json::from_str(credential).ok();
    let result = match (state, cred) {
        (Some(state), Some(cred)) => webauthn
            .finish_passkey_authentication(&cred, &state)
            .map_err(failed),
        _ => Err(AppError::PasskeyFailed),
    };
    sessions::set_pending(db, &current.session, None).await?;
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            throttle::fail(db, &settings.throttle, &keys, now).await?;
            audit::record(
                db,
                now,
                &meta.address,
                entry(Some(user.id), "second_factor", target, "denied"),
            )
            .await?;
            return Err(e);
        }
    };
    record_use(db, user.id, &result, now).await?;
    throttle::succeed(db, &keys).await?;
    audit::record(
        db,
        now,
        &meta.address,
        entry(Some(user.id), "second_factor", target, "passkey"),
    )
    .await?;
    let method = with_factor(&current.session.method, current.me.state, "passkey");
    step_up(db, settings, current, &method, now, meta).await
}

/// Stores the authenticator's new signature counter and the time of use.
async fn record_use<C: ConnectionTrait>(
    db: &C,
    staff_user_id: i32,
    result: &webauthn_rs::prelude::AuthenticationResult,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for (row, mut key) in passkeys_of(db, staff_user_id).await? {
        if key.update_credential(result).is_some() {
            passkey::ActiveModel {
                id: sea_orm::ActiveValue::Unchanged(row.id),
                passkey: Set(json(&key)?),
                last_used_at: Set(Some(now)),
                ..Default::default()
            }
            .update(db)
            .await?;
        }
    }
    Ok(())
}

/// Starts a sign-in with a passkey alone: no username; the browser offers the keys it
/// holds for this site. Returns the ceremony token and the options.
pub async fn passwordless_start<C: ConnectionTrait>(
    db: &C,
    webauthn: &Webauthn,
    now: DateTime<Utc>,
) -> Result<(String, String), AppError> {
    auth_ceremony::Entity::delete_many()
        .filter(auth_ceremony::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    let (options, state) = webauthn
        .start_discoverable_authentication()
        .map_err(failed)?;
    let token = sessions::new_token()?;
    auth_ceremony::ActiveModel {
        id: Set(sessions::token_hash(&token)),
        state: Set(json(&state)?),
        expires_at: Set(now + Duration::minutes(CEREMONY_MINUTES)),
    }
    .insert(db)
    .await?;
    Ok((token, json(&options)?))
}

/// Finishes a passwordless sign-in: the credential names its user; their passkey must
/// verify. Opens a session (full, unless a password change is due).
pub async fn passwordless_finish(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    webauthn: &Webauthn,
    ceremony: &str,
    credential: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe), AppError> {
    let row = auth_ceremony::Entity::find_by_id(sessions::token_hash(ceremony))
        .one(db)
        .await?
        .filter(|c| c.expires_at > now);
    if let Some(r) = &row {
        // Single use, whatever the outcome.
        auth_ceremony::Entity::delete_by_id(r.id.clone())
            .exec(db)
            .await?;
    }
    let verified = async {
        let state: DiscoverableAuthentication = row
            .as_ref()
            .and_then(|r| serde_json::from_str(&r.state).ok())
            .ok_or(AppError::PasskeyFailed)?;
        let cred: PublicKeyCredential = serde_json::from_str(credential).map_err(failed)?;
        let (handle, _) = webauthn
            .identify_discoverable_authentication(&cred)
            .map_err(failed)?;
        let user_id = user_of_handle(handle).ok_or(AppError::PasskeyFailed)?;
        let user = staff_user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .filter(|u| u.active)
            .ok_or(AppError::PasskeyFailed)?;
        let keys: Vec<DiscoverableKey> = passkeys_of(db, user.id)
            .await?
            .iter()
            .map(|(_, p)| p.into())
            .collect();
        let result = webauthn
            .finish_discoverable_authentication(&cred, state, &keys)
            .map_err(failed)?;
        Ok::<_, AppError>((user, result))
    }
    .await;
    let (user, result) = match verified {
        Ok(v) => v,
        Err(e) => {
            audit::record(
                db,
                now,
                &meta.address,
                entry(None, "sign_in", "passkey".into(), "denied"),
            )
            .await?;
            return Err(e);
        }
    };
    record_use(db, user.id, &result, now).await?;
    let method = "passkey";
    let state = sessions::next_state(db, settings, &user, method).await?;
    let token = sessions::open(db, settings, &user, state, method, now, meta).await?;
    audit::record(
        db,
        now,
        &meta.address,
        entry(
            Some(user.id),
            "sign_in",
            format!("user:{}", user.username),
            if state == SessionState::Full {
                "ok"
            } else {
                state.id()
            },
        ),
    )
    .await?;
    let me = sessions::resolve(db, settings, &token, now, meta).await?.me;
    Ok((token, me))
}

/// Removes one of the caller's passkeys (not the last one where a passkey is required).
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    current: &Current,
    id: i32,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    let keys = passkeys_of(db, current.user.id).await?;
    if !keys.iter().any(|(r, _)| r.id == id) {
        return Err(AppError::NotFound);
    }
    if current.me.passkey_required && keys.len() == 1 {
        return Err(AppError::Conflict {
            reason: ConflictReason::LastPasskey,
        });
    }
    passkey::Entity::delete_by_id(id).exec(db).await?;
    audit::record(
        db,
        now,
        &meta.address,
        entry(
            Some(current.user.id),
            "passkey_remove",
            format!("passkey:{id}"),
            "ok",
        ),
    )
    .await?;
    Ok(())
}
