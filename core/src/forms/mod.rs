//! Forms as data: the fields every form of the city prints, each defined once
//! (`forms/fields.toml`), and one form per procedure (`forms/*.toml`) in the layout of
//! the official form it follows. From them the counter builds one merged interview —
//! a value several forms need is asked or confirmed once — and the server prints each
//! application. No I/O: the browser checks a screen with the same code the server uses
//! to check the whole interview again.

mod catalog;
mod filled;
mod interview;
pub mod sample;
mod source;
mod values;

pub use catalog::{
    compile, Catalog, Choice, Field, FieldType, Form, FormError, Lang, Prefill, Section, Signature,
    Source, Text, Topic, When,
};
pub use filled::{Filled, FilledRow, FilledSection};
pub use interview::{Answers, Plan, PlanTopic};
pub use values::{
    check, check_correction, check_field, check_topic, part, FieldError, Values, BANK_PARTS,
};

use std::sync::OnceLock;

macro_rules! files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../../forms/", $path)))),*]
    };
}

/// The form files shipped in the repository.
pub const FORM_FILES: &[(&str, &str)] = files!(
    "fields.toml",
    "birth.toml",
    "pregnancy.toml",
    "moving.toml",
    "death.toml",
    "family.toml",
);

/// The shipped catalog, checked once. The files are part of the release, and
/// `core/tests/forms.rs` compiles them on every `cargo test`.
pub fn bundled() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| match compile(FORM_FILES) {
        Ok(c) => c,
        Err(errors) => panic!("the bundled form files do not compile: {errors:?}"),
    })
}
