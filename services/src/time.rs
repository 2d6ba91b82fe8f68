//! Japan time, as staff read it.

use chrono::{DateTime, FixedOffset, Utc};

/// UTC+9 (Japan has no daylight saving).
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset")
}

/// `YYYY-MM-DD HH:MM`, Japan time.
pub fn minutes(at: DateTime<Utc>) -> String {
    at.with_timezone(&jst())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
