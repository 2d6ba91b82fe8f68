//! The audit log's hash chain: each entry's hash covers its own fields and the hash of
//! the entry before it, so an edited, deleted or reordered entry breaks the chain from
//! that point on. Pure: the server computes it when it writes an entry, the migration
//! when it seals entries written before the chain existed, and `madoguchi audit verify`
//! when it walks the log.

use sha2::{Digest, Sha256};

/// The `prev_hash` of the very first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of one entry that the chain protects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainFields<'a> {
    /// Position in the chain, 1 for the first entry.
    pub seq: i64,
    /// When, in microseconds since the Unix epoch (UTC). Microseconds because both
    /// PostgreSQL and SQLite keep that precision exactly.
    pub at_micros: i64,
    pub staff_user_id: Option<i32>,
    pub action: &'a str,
    pub target: &'a str,
    pub household_id: Option<i32>,
    pub resident_id: Option<i32>,
    pub purpose: &'a str,
    pub outcome: &'a str,
    pub origin: &'a str,
    /// The resident account that acted (a resident signed in online), if any. Written
    /// into the hash only when present, so entries from before it existed still verify.
    pub resident_account_id: Option<i32>,
}

/// The entry's hash, lowercase hex SHA-256 over the previous hash and the fields in a
/// fixed, unambiguous encoding (a JSON array: no field can run into the next).
pub fn entry_hash(prev_hash: &str, f: &ChainFields<'_>) -> String {
    let mut canonical = serde_json::json!([
        prev_hash,
        f.seq,
        f.at_micros,
        f.staff_user_id,
        f.action,
        f.target,
        f.household_id,
        f.resident_id,
        f.purpose,
        f.outcome,
        f.origin,
    ]);
    if let (Some(id), Some(list)) = (f.resident_account_id, canonical.as_array_mut()) {
        list.push(serde_json::json!({ "resident_account": id }));
    }
    let canonical = canonical.to_string();
    hex(&Sha256::digest(canonical.as_bytes()))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a hex string (either case), or `None` if it is not one.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> ChainFields<'static> {
        ChainFields {
            seq: 1,
            at_micros: 1_764_032_400_000_000,
            staff_user_id: Some(3),
            action: "application_read",
            target: "application:12",
            household_id: Some(40),
            resident_id: None,
            purpose: "department_processing",
            outcome: "ok",
            origin: "10.0.0.5",
            resident_account_id: None,
        }
    }

    #[test]
    fn the_hash_is_stable_and_hex() {
        let h = entry_hash(GENESIS, &fields());
        assert_eq!(h.len(), 64);
        assert_eq!(h, entry_hash(GENESIS, &fields()));
    }

    #[test]
    fn every_field_and_the_previous_hash_change_the_hash() {
        let base = entry_hash(GENESIS, &fields());
        let changed = [
            ChainFields { seq: 2, ..fields() },
            ChainFields {
                at_micros: 1,
                ..fields()
            },
            ChainFields {
                staff_user_id: None,
                ..fields()
            },
            ChainFields {
                action: "x",
                ..fields()
            },
            ChainFields {
                target: "application:13",
                ..fields()
            },
            ChainFields {
                household_id: Some(41),
                ..fields()
            },
            ChainFields {
                resident_id: Some(1),
                ..fields()
            },
            ChainFields {
                purpose: "print",
                ..fields()
            },
            ChainFields {
                outcome: "denied",
                ..fields()
            },
            ChainFields {
                origin: "10.0.0.6",
                ..fields()
            },
            ChainFields {
                resident_account_id: Some(1),
                ..fields()
            },
        ];
        for c in changed {
            assert_ne!(entry_hash(GENESIS, &c), base, "{c:?}");
        }
        assert_ne!(entry_hash(&"1".repeat(64), &fields()), base);
    }

    #[test]
    fn fields_cannot_run_into_each_other() {
        let a = ChainFields {
            action: "ab",
            target: "c",
            ..fields()
        };
        let b = ChainFields {
            action: "a",
            target: "bc",
            ..fields()
        };
        assert_ne!(entry_hash(GENESIS, &a), entry_hash(GENESIS, &b));
    }
}
