//! The catalog in the page: the current language, the texts loaded so far, and the
//! furigana switch. Provided once by the app; pages read texts with [`t`].

use super::{primary, ruby, Key};
use leptos::prelude::*;
use madoguchi_core::jp::ValueError;
use madoguchi_core::lang::Lang;
use std::collections::{HashMap, HashSet};

#[derive(Default)]
struct Tables {
    /// Texts by language, then key (the primary language is built in, not here).
    texts: HashMap<Lang, HashMap<String, String>>,
    /// The (language, area) files loaded or being loaded.
    #[cfg_attr(not(feature = "csr"), allow(dead_code))]
    requested: HashSet<(Lang, &'static str)>,
    /// The (language, area) files that arrived.
    loaded: HashSet<(Lang, &'static str)>,
    /// Gaps already logged, so each is logged once.
    logged: HashSet<(Lang, String)>,
}

/// The page's message catalog.
#[derive(Clone, Copy)]
pub struct Catalog {
    /// The language texts are shown in: on the counter, the visit's.
    lang: RwSignal<Lang>,
    /// The language last chosen, shown once its files have come: a choice made while
    /// another language's files are still coming wins over it.
    wanted: StoredValue<Lang>,
    /// The language of the staff and admin pages: the staff's choice on this device.
    staff_lang: RwSignal<Lang>,
    /// Readings over kanji, for Japanese texts.
    pub furigana: RwSignal<bool>,
    /// Bumped when a file arrives, so texts waiting for it show.
    arrived: RwSignal<u32>,
    /// The areas the pages shown so far use, loaded for every language chosen.
    areas: StoredValue<Vec<&'static str>>,
    tables: StoredValue<Tables>,
}

impl Catalog {
    /// Creates the catalog for the app, in the primary language, and keeps the page's
    /// `lang` attribute on the current language.
    pub fn provide() -> Catalog {
        let staff_lang = stored_staff_lang();
        let catalog = Catalog {
            lang: RwSignal::new(Lang::JA),
            wanted: StoredValue::new(Lang::JA),
            staff_lang: RwSignal::new(staff_lang),
            furigana: RwSignal::new(false),
            arrived: RwSignal::new(0),
            areas: StoredValue::new(vec!["common"]),
            tables: StoredValue::new(Tables::default()),
        };
        provide_context(catalog);
        #[cfg(feature = "csr")]
        Effect::new(move |_| super::load::set_document_lang(catalog.lang.get().html()));
        catalog
    }

    pub fn get() -> Catalog {
        expect_context::<Catalog>()
    }

    /// The current language.
    pub fn lang(&self) -> Signal<Lang> {
        self.lang.into()
    }

    /// The language of the staff and admin pages.
    pub fn staff_lang(&self) -> Signal<Lang> {
        self.staff_lang.into()
    }

    /// The staff choose the language of their pages; it is kept on this device and
    /// shown at once (a language without staff texts is refused).
    pub fn set_staff_lang(self, lang: Lang) {
        if !lang.language().staff {
            return;
        }
        #[cfg(feature = "csr")]
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(STAFF_LANG_KEY, lang.code());
        }
        self.staff_lang.set(lang);
        self.switch(lang);
    }

    /// A resident chooses the language of the public pages: shown at once, and kept on
    /// this device (a language, nothing about the resident), so a reload, a bookmark or
    /// coming back from the sign-in opens in it.
    pub fn set_public_lang(self, lang: Lang) {
        #[cfg(feature = "csr")]
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(PUBLIC_LANG_KEY, lang.code());
        }
        self.switch(lang);
    }

    /// A staff or admin page is shown: the texts of `area` are loaded, and the page
    /// speaks the staff's language (the counter's visit language ends with the visit).
    /// The `staff` area comes too: the staff's shared texts and errors.
    pub fn staff_page(self, area: &'static str) {
        self.need("staff");
        self.need(area);
        self.switch(self.staff_lang.get_untracked());
    }

    /// Shows texts in `lang` from now on, once its files for the areas in use have
    /// arrived (Japanese stays meanwhile, rather than a screen half in each).
    pub fn switch(self, lang: Lang) {
        self.wanted.set_value(lang);
        if lang == self.lang.get_untracked() {
            return;
        }
        #[cfg(feature = "csr")]
        leptos::task::spawn_local(async move {
            let areas = self.areas.get_value();
            futures_join(areas.into_iter().map(|area| self.load(lang, area))).await;
            if self.wanted.get_value() != lang {
                // Another language was chosen while these files came.
                return;
            }
            self.lang.set(lang);
            // Areas a page asked for while the files came (`need` loaded them in the
            // language then shown): load them in this one too (nothing twice).
            let areas = self.areas.get_value();
            futures_join(areas.into_iter().map(|area| self.load(lang, area))).await;
        });
        #[cfg(not(feature = "csr"))]
        self.lang.set(lang);
    }

    /// A page of `area` is shown: its texts are loaded for the current language and
    /// for any language chosen later.
    pub fn need(self, area: &'static str) {
        let known = self.areas.with_value(|a| a.contains(&area));
        if !known {
            self.areas.update_value(|a| a.push(area));
        }
        #[cfg(feature = "csr")]
        {
            let lang = self.lang.get_untracked();
            leptos::task::spawn_local(async move { self.load(lang, area).await });
        }
    }

    #[cfg(feature = "csr")]
    async fn load(self, lang: Lang, area: &'static str) {
        if lang == Lang::JA || (madoguchi_core::lang::is_data_area(area) && lang.reads_inline(area))
        {
            return;
        }
        let first = self
            .tables
            .try_update_value(|t| t.requested.insert((lang, area)))
            .unwrap_or(false);
        if !first {
            return;
        }
        match super::load::fetch_area(lang.code(), area).await {
            Ok(texts) => {
                self.tables.update_value(|t| {
                    t.texts.entry(lang).or_default().extend(texts);
                    t.loaded.insert((lang, area));
                });
                self.arrived.update(|n| *n += 1);
            }
            Err(e) => {
                super::load::warn(&format!("messages {}/{area}: {e}", lang.code()));
                // Another page may try again.
                self.tables.update_value(|t| {
                    t.requested.remove(&(lang, area));
                });
            }
        }
    }

    /// The text of `key` in the current language, with its markup; tracked, so a view
    /// reading it follows language changes and arriving files.
    pub fn raw(self, key: Key) -> String {
        self.raw_str(key.0)
    }

    /// [`Catalog::raw`] for a key made at run time (an error's code, an event's id);
    /// the catalog test checks each such family of keys.
    pub fn raw_str(self, key: &str) -> String {
        let lang = self.lang.get();
        self.arrived.track();
        self.text_in(lang, key)
    }

    /// The plain text of `key` now (not tracked), for messages kept in a signal.
    pub fn plain_now(self, key: Key) -> String {
        ruby::plain(&self.text_in(self.lang.get_untracked(), key.0))
    }

    /// [`Catalog::plain_now`] with values filled in (`{user}` and the like).
    pub fn fill_now(self, key: Key, values: &[(&str, String)]) -> String {
        ruby::plain(&ruby::fill(
            &self.text_in(self.lang.get_untracked(), key.0),
            values,
        ))
    }

    /// The text of `key` in `lang` (not tracked): Japanese where `lang` lacks it.
    pub fn text_in(self, lang: Lang, key: &str) -> String {
        if lang != Lang::JA {
            let found = self
                .tables
                .with_value(|t| t.texts.get(&lang).and_then(|texts| texts.get(key)).cloned());
            if let Some(text) = found {
                return text;
            }
            self.log_gap(lang, key);
        }
        match primary(key) {
            Some(text) => text.to_owned(),
            None => {
                #[cfg(feature = "csr")]
                super::load::warn(&format!("message {key} does not exist"));
                String::new()
            }
        }
    }

    /// A text missing from a language whose file has arrived is logged, once.
    fn log_gap(self, lang: Lang, key: &str) {
        let area = key.split_once('.').map_or(key, |(a, _)| a);
        let arrived = self
            .tables
            .with_value(|t| t.loaded.iter().any(|(l, a)| *l == lang && *a == area));
        if !arrived {
            return;
        }
        let first = self
            .tables
            .try_update_value(|t| t.logged.insert((lang, key.to_owned())))
            .unwrap_or(false);
        if first {
            #[cfg(feature = "csr")]
            {
                super::load::warn(&format!(
                    "message {key} has no {} text: shown in Japanese",
                    lang.code()
                ));
                // And to the server's log, where whoever runs the city's server looks.
                let (code, key) = (lang.code().to_owned(), key.to_owned());
                leptos::task::spawn_local(async move {
                    let _ = crate::api::catalog::report_gap(code, key).await;
                });
            }
        }
    }

    /// `key`'s text with values filled in, markup kept (tracked).
    pub fn fill(self, key: Key, values: &[(&str, String)]) -> String {
        ruby::fill(&self.raw(key), values)
    }

    /// A date as the current language writes it, markup kept (tracked).
    pub fn date(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        self.fill(
            super::m::common::date,
            &[
                ("y", date.year().to_string()),
                ("m", date.month().to_string()),
                ("d", date.day().to_string()),
            ],
        )
    }

    /// An amount of yen as the current language writes it, markup kept (tracked).
    pub fn yen(self, amount: i64) -> String {
        self.fill(
            super::m::common::yen,
            &[("amount", madoguchi_core::jp::group_thousands(amount))],
        )
    }

    /// What the reader reads for an error the server answered with, in the current
    /// language: `common.app_errors.<code>` (every language), then, for the errors only
    /// staff meet, `staff.app_errors.<code>` (the staff languages); a conflict by its
    /// reason, `staff.app_errors.conflict.<kind>`. Failing those, the server's Japanese.
    pub fn app_error(self, error: &crate::error::AppError) -> String {
        use crate::error::AppError;
        let lang = self.lang.get_untracked();
        let text = |key: &str| {
            primary(key)
                .is_some()
                .then(|| ruby::plain(&self.text_in(lang, key)))
        };
        let staff = lang.language().staff;
        let found = match error {
            AppError::Conflict { reason } if staff => {
                text(&format!("staff.app_errors.conflict.{}", reason.kind()))
                    .map(|t| ruby::fill(&t, &reason.args()))
            }
            AppError::PasswordRejected { problem } if staff => serde_json::to_value(problem)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .and_then(|p| text(&format!("staff.app_errors.password.{p}"))),
            AppError::TooManyAttempts { retry_after } if staff => {
                let (key, n) = if *retry_after < 60 {
                    (super::m::staff::app_errors::wait_seconds, *retry_after)
                } else {
                    (
                        super::m::staff::app_errors::wait_minutes,
                        retry_after.div_ceil(60),
                    )
                };
                let wait = ruby::fill(&self.text_in(lang, key.0), &[("n", n.to_string())]);
                text("staff.app_errors.too_many_attempts")
                    .map(|t| ruby::fill(&t, &[("wait", ruby::plain(&wait))]))
            }
            _ => serde_json::to_value(error)
                .ok()
                .and_then(|v| v.get("code")?.as_str().map(str::to_owned))
                .and_then(|code| {
                    text(&format!("common.app_errors.{code}")).or_else(|| {
                        staff
                            .then(|| text(&format!("staff.app_errors.{code}")))
                            .flatten()
                    })
                }),
        };
        found.unwrap_or_else(|| error.message_ja())
    }

    /// A text of the form catalog (a topic's title, a field's label or help, a choice) in
    /// the current language (tracked): written with the forms for 日本語, やさしい日本語
    /// and English, from `locales/<code>/forms.toml` (`key` below `forms.`) for the
    /// others, Japanese where that lacks it.
    pub fn form(self, text: &madoguchi_core::lang::Text, key: &str) -> String {
        let lang = self.lang.get();
        self.arrived.track();
        if lang.reads_forms_inline() {
            return text.get(lang).to_owned();
        }
        self.data_text(lang, "forms", key)
            .unwrap_or_else(|| text.ja.clone())
    }

    /// A text the city's rules write in Japanese (a procedure's name, a department, its
    /// counter) in the current language (tracked), from `locales/<code>/rules.toml`
    /// (`key` below `rules.`): `None` in Japanese, where the rules' own text stands, and
    /// where the language lacks it (the gap logged).
    pub fn rules(self, key: &str) -> Option<String> {
        let lang = self.lang.get();
        self.arrived.track();
        if lang.is_japanese() {
            return None;
        }
        self.data_text(lang, "rules", key)
    }

    /// A message of the rule compiler or of a rule test in the current language
    /// (tracked): each Japanese template and translated value from
    /// `locales/<code>/rule_errors.toml`, Japanese where that lacks it (the gap logged).
    /// A page showing one calls `need("rule_errors")`.
    pub fn diagnostic(self, msg: &madoguchi_core::rules::Msg) -> String {
        let lang = self.lang.get();
        self.arrived.track();
        if lang.is_japanese() {
            return msg.to_string();
        }
        let words = |c: char| c.is_alphabetic() && !c.is_ascii();
        msg.render(&|template: &str| {
            // A template of values and symbols only (`{file}: {error}`) reads the same.
            template
                .chars()
                .any(words)
                .then(|| self.data_text(lang, "rule_errors", template))
                .flatten()
        })
    }

    /// A data area's text in `lang` (not tracked), the gap logged when it lacks one.
    fn data_text(self, lang: Lang, area: &str, key: &str) -> Option<String> {
        let full = format!("{area}.{key}");
        let found = self.tables.with_value(|t| {
            t.texts
                .get(&lang)
                .and_then(|texts| texts.get(&full))
                .cloned()
        });
        if found.is_none() {
            self.log_gap(lang, &full);
        }
        found
    }

    /// A text with markup as shown now (furigana if on).
    pub fn show(self, text: &str) -> AnyView {
        ruby::view(text, self.furigana_on())
    }

    /// Whether Japanese texts show their readings now.
    pub fn furigana_on(self) -> bool {
        self.furigana.get() && self.lang.get().is_japanese()
    }
}

/// Where the staff's language is kept in the browser.
#[cfg(feature = "csr")]
const STAFF_LANG_KEY: &str = "madoguchi.staff_lang";

/// Where the language a resident chose on the public pages is kept in the browser.
#[cfg(feature = "csr")]
const PUBLIC_LANG_KEY: &str = "madoguchi.public_lang";

/// The language this device last chose on the public pages, if any.
pub fn stored_public_lang() -> Option<Lang> {
    #[cfg(feature = "csr")]
    let code = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(PUBLIC_LANG_KEY).ok().flatten());
    #[cfg(not(feature = "csr"))]
    let code: Option<String> = None;
    code.and_then(|c| Lang::parse(&c))
}

/// The staff's language as this device keeps it: Japanese if none, or if it is not a
/// staff language (any more).
fn stored_staff_lang() -> Lang {
    #[cfg(feature = "csr")]
    {
        let code = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(STAFF_LANG_KEY).ok().flatten());
        if let Some(lang) = code.and_then(|c| Lang::parse(&c)) {
            if lang.language().staff {
                return lang;
            }
        }
    }
    Lang::JA
}

#[cfg(feature = "csr")]
async fn futures_join(futures: impl Iterator<Item = impl std::future::Future<Output = ()>>) {
    // Few areas, each a small file: loaded one after another is fast enough and keeps
    // this free of an executor dependency.
    for f in futures {
        f.await;
    }
}

/// A message, shown in the current language (with furigana when they are on).
pub fn t(key: Key) -> impl IntoView + Copy + 'static {
    let catalog = Catalog::get();
    move || ruby::view(&catalog.raw(key), catalog.furigana_on())
}

/// A message with values filled in (`{count}` and the like).
pub fn t_with<F>(key: Key, values: F) -> impl IntoView + Clone + 'static
where
    F: Fn() -> Vec<(&'static str, String)> + Clone + Send + Sync + 'static,
{
    let catalog = Catalog::get();
    move || {
        ruby::view(
            &ruby::fill(&catalog.raw(key), &values()),
            catalog.furigana_on(),
        )
    }
}

/// A message in a given language whatever the page's (staff controls on the counter
/// stay in the staff's language); mark the element with that language's `lang`.
pub fn t_in(lang: Lang, key: Key) -> impl IntoView + Copy + 'static {
    let catalog = Catalog::get();
    move || {
        catalog.arrived.track();
        ruby::plain(&catalog.text_in(lang, key.0))
    }
}

/// A date as the current language writes it (20/11/2026, 2026年11月20日).
pub fn t_date(date: chrono::NaiveDate) -> impl IntoView + Copy + 'static {
    let catalog = Catalog::get();
    move || catalog.show(&catalog.date(date))
}

/// A value's error next to its field, in the current language.
pub fn t_error(error: ValueError) -> impl IntoView + Copy + 'static {
    let catalog = Catalog::get();
    move || {
        let key = format!("common.errors.{}", error.code());
        ruby::view(&catalog.raw_str(&key), catalog.furigana_on())
    }
}

/// What a shared component (a field, a button) is labelled with: a catalog message,
/// or fixed text on pages whose texts are not in the catalog yet.
#[derive(Debug, Clone, Copy)]
pub enum Label {
    Key(Key),
    Fixed(&'static str),
}

impl From<Key> for Label {
    fn from(key: Key) -> Self {
        Label::Key(key)
    }
}

impl From<&'static str> for Label {
    fn from(text: &'static str) -> Self {
        Label::Fixed(text)
    }
}

impl Label {
    pub fn view(self) -> AnyView {
        match self {
            Label::Key(key) => t(key).into_any(),
            Label::Fixed(text) => text.into_any(),
        }
    }

    pub fn plain(self) -> Signal<String> {
        match self {
            Label::Key(key) => t_plain(key),
            Label::Fixed(text) => Signal::stored(text.to_owned()),
        }
    }
}

/// A message as plain text, for attributes (`aria-label`, `placeholder`) and messages
/// built in code.
pub fn t_plain(key: Key) -> Signal<String> {
    let catalog = Catalog::get();
    Signal::derive(move || ruby::plain(&catalog.raw(key)))
}

/// A code's name from a family of messages (`admin.audit.actions` and `sign_in` give
/// `admin.audit.actions.sign_in`), or the code itself where the catalog names no such
/// code (one newer than this page).
pub fn t_code(family: &'static str, code: &str) -> impl IntoView + Clone + 'static {
    t_name(family, code, code.to_owned())
}

/// [`t_code`] with what to show where the catalog names no such code: the name the
/// city's data gives (a role or department the city added).
pub fn t_name(
    family: &'static str,
    code: &str,
    fallback: String,
) -> impl IntoView + Clone + 'static {
    let catalog = Catalog::get();
    let key = format!("{family}.{code}");
    move || {
        if super::primary(&key).is_some() {
            ruby::plain(&catalog.raw_str(&key))
        } else {
            fallback.clone()
        }
    }
}
