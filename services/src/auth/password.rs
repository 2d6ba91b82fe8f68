//! Passwords: Argon2id hashes, and the policy a new password must meet — at least 12
//! characters, at most 128, not a common password (nor a common one with digits or
//! symbols around it), not the username, not one character or a keyboard run repeated.
//! No composition rules (NIST SP 800-63B; OWASP ASVS 5.0 V6.2).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use madoguchi_types::error::{AppError, PasswordProblem};
use std::collections::HashSet;
use std::sync::LazyLock;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// The 10,000 most common passwords (the list zxcvbn-ts ships, MIT licence), lower case.
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common_passwords.txt").lines().collect());

/// A hash of nothing in particular, verified against when an account does not exist so
/// both answers take the same time.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash("no such account here").unwrap_or_default());

pub fn hash(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| AppError::Internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| AppError::Internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AppError::Internal)
}

/// Checks `password` against `hash`; with no hash (no such account), spends the same
/// time on a dummy and answers false.
pub fn verify(password: &str, hash: Option<&str>) -> bool {
    let (hash, real) = match hash {
        Some(h) => (h, true),
        None => (DUMMY_HASH.as_str(), false),
    };
    let ok = PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false);
    ok && real
}

/// Whether `password` may be chosen by `username`.
pub fn check_policy(password: &str, username: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let user = username.trim().to_lowercase();
    if user.chars().count() >= 3 && lower.contains(&user) {
        return Err(PasswordProblem::ContainsUsername);
    }
    if is_common(&lower) || is_repetitive(&lower) {
        return Err(PasswordProblem::Common);
    }
    Ok(())
}

/// A common password, as it is or with digits and symbols before or after it
/// (`password2024!`, `123dragon`), or the name of this system.
fn is_common(lower: &str) -> bool {
    let core =
        lower.trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ');
    let words = ["madoguchi", "窓口"];
    COMMON.contains(lower) || core.is_empty() || COMMON.contains(core) || words.contains(&core)
}

/// One short unit over and over (`aaaaaaaaaaaa`, `abcabcabcabc`) or a run of
/// neighbouring characters (`abcdefghijkl`, `123456789012`).
fn is_repetitive(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let repeated = (1..=4).any(|unit| {
        chars.len() > unit && chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit])
    });
    let run = chars.windows(2).all(|w| {
        let d = w[1] as i64 - w[0] as i64;
        d == 1 || d == -1 || (w[0] == '9' && w[1] == '0')
    });
    repeated || run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_characters_of_anything_uncommon_are_enough() {
        assert_eq!(check_policy("hoshigaoka-sakura", "sato"), Ok(()));
        assert_eq!(
            check_policy("ながいながいあいことば", "sato").err(),
            Some(PasswordProblem::TooShort)
        );
        assert_eq!(check_policy("ながいながいあいことばです", "sato"), Ok(()));
    }

    #[test]
    fn too_short_and_too_long_are_refused() {
        assert_eq!(
            check_policy("elevenchars", "x").err(),
            Some(PasswordProblem::TooShort)
        );
        assert_eq!(
            check_policy(&"z".repeat(129), "x").err(),
            Some(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn common_passwords_are_refused_even_dressed_up() {
        for p in [
            "password1234",
            "qwertyuiop123",
            "1qaz2wsx3edc",
            "iloveyou2024!",
            "!!dragon2026!!",
            "madoguchi-2026",
        ] {
            assert_eq!(
                check_policy(p, "sato").err(),
                Some(PasswordProblem::Common),
                "{p}"
            );
        }
    }

    #[test]
    fn repeats_and_runs_are_refused() {
        for p in [
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "123456789012",
            "abcdefghijklm",
            "zyxwvutsrqpo",
        ] {
            assert_eq!(
                check_policy(p, "sato").err(),
                Some(PasswordProblem::Common),
                "{p}"
            );
        }
    }

    #[test]
    fn the_username_may_not_be_in_it() {
        assert_eq!(
            check_policy("Sato-of-the-city-hall", "sato").err(),
            Some(PasswordProblem::ContainsUsername)
        );
    }

    #[test]
    fn hashes_verify_and_no_hash_never_does() {
        let h = hash("hoshigaoka-sakura").unwrap();
        assert!(verify("hoshigaoka-sakura", Some(&h)));
        assert!(!verify("hoshigaoka-sakurb", Some(&h)));
        assert!(!verify("no such account here", None));
    }
}
