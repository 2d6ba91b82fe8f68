//! Pre-entries: what a resident types at home (from the public navigator) for a faster
//! counter visit — the baby's name, a bank account, the hospital — kept until the visit
//! under a short code the resident brings as a QR code.
//!
//! At rest a pre-entry is sealed: AES-256-GCM under a key derived (HMAC-SHA-256) from
//! the server's pre-entry key *and* the short code, and found by another HMAC of the
//! code. The database alone reveals nothing, not even which code a row belongs to; the
//! server's key alone opens nothing without the code. A pre-entry holds no identity
//! beyond what was typed, and is deleted when taken at the counter or once expired.

use crate::entities::pre_entry;
use crate::Clock;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use madoguchi_core::audit::{from_hex, hex};
use madoguchi_core::forms::{self, FieldType, Plan};
use madoguchi_core::navigator::Sketch;
use madoguchi_core::pre_entry as code;
use madoguchi_core::screening::EventType;
use madoguchi_types::error::AppError;
use madoguchi_types::model::public::{PreEntry, PreEntryForm, PreEntryRequest, PreEntryTicket};
use madoguchi_types::model::InterviewSpec;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use sha2::Sha256;
use std::collections::BTreeSet;
use std::path::Path;

/// The server's pre-entry key (32 random bytes), kept in a file of its own — outside
/// the database and its backups.
#[derive(Clone)]
pub struct PreEntryKey([u8; 32]);

impl std::fmt::Debug for PreEntryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PreEntryKey(…)")
    }
}

impl PreEntryKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A new random key.
    pub fn random() -> Result<Self, getrandom::Error> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k)?;
        Ok(Self(k))
    }

    /// Reads the key file (64 hex digits), or creates it (readable by its owner only)
    /// when there is none. Returns whether it was created.
    pub fn load_or_create(path: &Path) -> std::io::Result<(Self, bool)> {
        use std::io::{Error, ErrorKind};
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let bytes = from_hex(text.trim())
                    .and_then(|b| <[u8; 32]>::try_from(b).ok())
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidData,
                            "the pre-entry key is not 64 hex digits",
                        )
                    })?;
                Ok((Self(bytes), false))
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let key = Self::random().map_err(|e| Error::other(e.to_string()))?;
                crate::secret_file::create(path, format!("{}\n", hex(&key.0)).as_bytes())?;
                Ok((key, true))
            }
            Err(e) => Err(e),
        }
    }

    fn derive(&self, label: &str, code: &str) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length");
        mac.update(label.as_bytes());
        mac.update(&[0]);
        mac.update(code.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The row id of a code.
    fn id(&self, code: &str) -> String {
        hex(&self.derive("madoguchi pre-entry id", code))
    }

    fn cipher(&self, code: &str) -> Aes256Gcm {
        Aes256Gcm::new(&self.derive("madoguchi pre-entry key", code).into())
    }
}

/// The city's pre-entry settings.
#[derive(Debug, Clone)]
pub struct PreEntrySettings {
    pub key: PreEntryKey,
    /// Days a code stays valid after the day it was made (Japan time).
    pub days: u32,
}

impl PreEntrySettings {
    pub const DEFAULT_DAYS: u32 = 14;
}

/// The form of a pre-entry for this sketch: the procedures are screened from it, and
/// their forms' fields without a prefill source are asked.
pub fn form(
    rules: &crate::LiveRules,
    settings: &PreEntrySettings,
    sketch: &Sketch,
    today: NaiveDate,
) -> Result<PreEntryForm, AppError> {
    let (request, result) = crate::navigator::screen(rules, sketch, today)?;
    let cat = forms::bundled();
    let ids: Vec<&str> = result.procedures.iter().map(|p| p.id.as_str()).collect();
    let events: Vec<EventType> = request.events.iter().map(|e| e.kind).collect();
    // Whatever has a source is read at the counter (the registry, the visit's steps).
    let known: BTreeSet<String> = cat
        .fields
        .iter()
        .filter(|f| f.prefill.is_some())
        .map(|f| f.key.clone())
        .collect();
    let mut plan = Plan::new(cat, &ids, &events, &known);
    // My Number is shown with the card at the counter, never kept in a pre-entry.
    for topic in &mut plan.topics {
        topic
            .fields
            .retain(|k| cat.field(k).is_some_and(|f| f.ty != FieldType::MyNumber));
    }
    plan.topics.retain(|t| !t.fields.is_empty());
    Ok(PreEntryForm {
        interview: InterviewSpec {
            catalog: crate::visits::values::catalog_for(cat, &plan),
            plan,
        },
        baby: events.contains(&EventType::Birth),
        days: settings.days,
    })
}

/// Checks and seals a pre-entry; returns its code, QR code and last valid day. Nothing
/// is stored unless every value typed is valid. Audited (without the code: the log
/// must not open what it records).
pub async fn create(
    db: &DatabaseConnection,
    rules: &crate::LiveRules,
    settings: &PreEntrySettings,
    clock: Clock,
    request: &PreEntryRequest,
    origin: &str,
) -> Result<PreEntryTicket, AppError> {
    let today = clock.today();
    let now = clock.now();
    let form = form(rules, settings, &request.sketch, today)?;
    let entry = request
        .check(&form, today)
        .map_err(|fields| AppError::InvalidInput { fields })?;
    let plain = serde_json::to_vec(&entry).map_err(|_| AppError::Internal)?;
    purge(db, now).await?;
    let valid_until = today + Duration::days(settings.days.into());
    let expires_at = end_of_day(valid_until);
    // A code already taken by a live pre-entry is drawn again (1 in 6.5·10^11 a time).
    for _ in 0..4 {
        let mut random = [0u8; code::LEN];
        getrandom::fill(&mut random).map_err(|_| AppError::Internal)?;
        let c = code::code_from(&random);
        let id = settings.key.id(&c);
        if pre_entry::Entity::find_by_id(id.clone())
            .one(db)
            .await?
            .is_some()
        {
            continue;
        }
        let sealed = seal(&settings.key, &c, &id, &plain)?;
        pre_entry::ActiveModel {
            id: Set(id.clone()),
            sealed: Set(sealed),
            created_at: Set(now),
            expires_at: Set(expires_at),
        }
        .insert(db)
        .await?;
        crate::audit::record(
            db,
            now,
            origin,
            crate::audit::Audit {
                staff_user_id: None,
                action: "pre_entry_create",
                target: "pre_entry".into(),
                household_id: None,
                resident_id: None,
                purpose: "pre_entry",
                outcome: "ok",
            },
        )
        .await?;
        let qr = qrcode::QrCode::with_error_correction_level(
            code::qr_text(&c).as_bytes(),
            qrcode::EcLevel::M,
        )
        .map_err(|_| AppError::Internal)?;
        let width = qr.width();
        return Ok(PreEntryTicket {
            code: c,
            qr: qr
                .to_colors()
                .chunks(width)
                .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
                .collect(),
            valid_until,
        });
    }
    Err(AppError::Internal)
}

/// Takes the pre-entry of a code: opened, then deleted (a code is used once). An
/// unknown, used or expired code — or one whose row does not open — is `not_found`.
pub async fn take<C: ConnectionTrait>(
    db: &C,
    settings: &PreEntrySettings,
    now: DateTime<Utc>,
    typed: &str,
) -> Result<PreEntry, AppError> {
    let c = code::parse(typed).map_err(|error| AppError::InvalidInput {
        fields: vec![forms::FieldError {
            field: "code".into(),
            error,
        }],
    })?;
    purge(db, now).await?;
    let id = settings.key.id(&c);
    let row = pre_entry::Entity::find_by_id(id.clone())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Whoever deletes it takes it: two tablets scanning the same code cannot both.
    let gone = pre_entry::Entity::delete_by_id(id.clone()).exec(db).await?;
    if gone.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    let plain = open(&settings.key, &c, &id, &row.sealed).ok_or_else(|| {
        tracing::warn!(
            "a pre-entry did not open with the server's key (tampered, or the key changed)"
        );
        AppError::NotFound
    })?;
    serde_json::from_slice(&plain).map_err(|_| AppError::Internal)
}

/// Deletes every expired pre-entry; returns how many.
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(pre_entry::Entity::delete_many()
        .filter(pre_entry::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// The first instant after a Japan-time day.
fn end_of_day(day: NaiveDate) -> DateTime<Utc> {
    let next = (day + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    next.and_local_timezone(crate::time::jst())
        .single()
        .expect("Japan has no daylight saving")
        .with_timezone(&Utc)
}

fn seal(key: &PreEntryKey, code: &str, id: &str, plain: &[u8]) -> Result<Vec<u8>, AppError> {
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut nonce).map_err(|_| AppError::Internal)?;
    let sealed = key
        .cipher(code)
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: id.as_bytes(),
            },
        )
        .map_err(|_| AppError::Internal)?;
    Ok([nonce.as_slice(), &sealed].concat())
}

fn open(key: &PreEntryKey, code: &str, id: &str, sealed: &[u8]) -> Option<Vec<u8>> {
    let (nonce, body) = sealed.split_at_checked(12)?;
    key.cipher(code)
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: id.as_bytes(),
            },
        )
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_entry_opens_only_with_its_code_and_row() {
        let key = PreEntryKey::from_bytes([7; 32]);
        let id = key.id("K7M3Q9PX");
        let sealed = seal(&key, "K7M3Q9PX", &id, b"{\"a\":1}").unwrap();
        assert_eq!(
            open(&key, "K7M3Q9PX", &id, &sealed).as_deref(),
            Some(&b"{\"a\":1}"[..])
        );
        assert_eq!(open(&key, "K7M3Q9PY", &id, &sealed), None);
        assert_eq!(open(&key, "K7M3Q9PX", &key.id("K7M3Q9PY"), &sealed), None);
        let other = PreEntryKey::from_bytes([8; 32]);
        assert_eq!(open(&other, "K7M3Q9PX", &id, &sealed), None);
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(open(&key, "K7M3Q9PX", &id, &tampered), None);
        assert_ne!(id, key.id("K7M3Q9PY"));
        assert_eq!(id.len(), 64);
    }

    #[test]
    fn the_key_file_is_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("mdg-key-{}", std::process::id()));
        let path = dir.join("pre-entry.key");
        let _ = std::fs::remove_file(&path);
        let (a, created) = PreEntryKey::load_or_create(&path).unwrap();
        assert!(created);
        let (b, created) = PreEntryKey::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(a.0, b.0);
        std::fs::write(&path, "not hex").unwrap();
        assert!(PreEntryKey::load_or_create(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
