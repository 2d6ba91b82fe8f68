//! The rule set shipped in the repository (`rules/`), compiled into the binary. The
//! server stores it in the database as the first published version; the CLI and the
//! tests use it directly.

use super::{compile, RuleFiles, Ruleset};
use std::sync::OnceLock;

macro_rules! files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../../rules/", $path)))),*]
    };
}

const RULE_FILES: &[(&str, &str)] = files!(
    "ruleset.toml",
    "facts.toml",
    "parameters.toml",
    "procedures.toml",
    "calendar.toml",
    "events/birth.toml",
    "events/moving.toml",
    "events/death.toml",
    "events/family.toml",
    "events/insurance.toml",
    "events/pregnancy.toml",
);

const CASE_FILES: &[(&str, &str)] = files!(
    "tests/birth.toml",
    "tests/moving.toml",
    "tests/death.toml",
    "tests/family.toml",
    "tests/insurance.toml",
    "tests/pregnancy.toml",
    "tests/child_allowance.toml",
    "tests/child_rearing.toml",
    "tests/calendar.toml",
    "tests/errors.toml",
);

/// The rule files as shipped, with their rule tests (`tests/…`).
pub fn bundled_files() -> RuleFiles {
    RULE_FILES
        .iter()
        .chain(CASE_FILES)
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect()
}

/// The rule tests as shipped (path → TOML).
pub fn bundled_cases() -> RuleFiles {
    CASE_FILES
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect()
}

/// The shipped rule set, compiled once. Its files are checked by `cargo test`, so a
/// release cannot carry rules that do not compile.
pub fn bundled() -> &'static Ruleset {
    static RULES: OnceLock<Ruleset> = OnceLock::new();
    RULES.get_or_init(|| match compile(&bundled_files()) {
        Ok(r) => r,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!(
                "the bundled rule set does not compile:\n{}",
                list.join("\n")
            )
        }
    })
}
