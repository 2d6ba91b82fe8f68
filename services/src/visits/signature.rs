//! The visit's one signature: a PNG drawn on the tablet, sent as a data URL, checked
//! (a real PNG of sensible size) and kept with the visit, to be printed on every form
//! that accepts it.

use crate::entities::visit_signature;
use base64::Engine;
use chrono::{DateTime, Utc};
use madoguchi_core::jp::ValueError;
use madoguchi_types::error::AppError;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

const MAX_BYTES: usize = 400 * 1024;
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The PNG inside a `data:image/png;base64,` URL, or a field error for `signature`.
pub fn decode(data_url: &str) -> Result<Vec<u8>, AppError> {
    let bad = || AppError::field("signature", ValueError::Required);
    let b64 = data_url
        .strip_prefix("data:image/png;base64,")
        .ok_or_else(bad)?;
    if b64.len() > MAX_BYTES * 4 / 3 + 4 {
        return Err(AppError::field("signature", ValueError::TooLong));
    }
    let png = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| bad())?;
    if !png.starts_with(PNG) {
        return Err(bad());
    }
    Ok(png)
}

pub async fn store<C: ConnectionTrait>(
    db: &C,
    visit_id: i32,
    png: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    visit_signature::ActiveModel {
        visit_id: Set(visit_id),
        png: Set(png),
        at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn load<C: ConnectionTrait>(db: &C, visit_id: i32) -> Result<Option<Vec<u8>>, AppError> {
    Ok(visit_signature::Entity::find_by_id(visit_id)
        .one(db)
        .await?
        .map(|s| s.png))
}
