//! The counter's first screen, sent inside the page itself so the tablet shows it before
//! the app (the wasm) has arrived: on a slow network the screen is there in one round
//! trip instead of after half a megabyte. Only for a signed-in session that may run the
//! counter; everyone else gets the plain page, which sends them to sign in.
//!
//! The markup mirrors what the app draws for the start screen (same elements, classes
//! and Japanese texts from the message catalog), with every button disabled until the
//! app takes over. The app is mounted behind it (hidden by `#first-screen ~ *` in the
//! style sheet) and removes it once its own start screen is ready
//! (`app::ui::display::first_screen`), so nothing moves and no tap is lost to a dead
//! button. The browser suite checks that the two match, element by element.

use super::{access, HttpState};
use app::ui::i18n::{m, ruby, Key};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use madoguchi_core::lang::Lang;
use madoguchi_services::auth::RequestMeta;
use madoguchi_types::model::{DraftSummary, Permission, StaffMe};
use std::path::Path;
use std::sync::Arc;

/// Where the counter's page is in the built site.
pub const COUNTER_PAGE: &str = "counter-app/index.html";
/// Where the public pages' page is (the residents' build: the navigator at `/`).
pub const PUBLIC_PAGE: &str = "public-app/index.html";

/// The counter's built page (`counter-app/index.html`: the browser build with only the
/// counter's screens, `scripts/post-build.mjs`), read once at start: as it is
/// (`plain`), and split where the first screen goes (just before `</body>`), without the wasm's preload, so the download
/// starts only once the screen is painted (the loader waits for that:
/// `scripts/post-build.mjs`). `None` when there is no build (the API tests).
#[derive(Debug, Clone, Default)]
pub struct Shell(Option<Arc<Parts>>);

#[derive(Debug)]
struct Parts {
    plain: String,
    head: String,
    tail: String,
}

impl Shell {
    pub fn load(site_dir: &Path) -> Self {
        Self(Parts::load(site_dir, COUNTER_PAGE).map(Arc::new))
    }
}

impl Parts {
    fn load(site_dir: &Path, page: &str) -> Option<Parts> {
        let plain = std::fs::read_to_string(site_dir.join(page)).unwrap_or_default();
        let without_preload = without_wasm_preload(&plain);
        without_preload.rfind("</body>").map(|at| Parts {
            head: without_preload[..at].to_owned(),
            tail: without_preload[at..].to_owned(),
            plain: plain.clone(),
        })
    }
}

/// The public pages' page: as built (`plain`), and with the navigator's first screen
/// (the same for every visitor, so made once at start).
#[derive(Debug, Clone, Default)]
pub struct PublicPage(Option<Arc<(String, String)>>);

impl PublicPage {
    pub fn load(site_dir: &Path) -> Self {
        Self(Parts::load(site_dir, PUBLIC_PAGE).map(|p| {
            let with_screen = format!("{}{}{}", p.head, public_markup(), p.tail);
            Arc::new((p.plain, with_screen))
        }))
    }
}

/// `GET /`: the public navigator, with its first screen in Japanese; a link that names
/// another language (`/?lang=en`) gets the plain page, which the app draws in it.
pub async fn public(
    State(http): State<HttpState>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let Some(pages) = http.public.0.as_deref() else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let japanese = query
        .get("lang")
        .is_none_or(|code| Lang::parse_or_ja(code) == Lang::JA);
    Html(if japanese {
        pages.1.clone()
    } else {
        pages.0.clone()
    })
    .into_response()
}

/// `GET /my` and other public pages without a first screen of their own: the plain
/// public page.
pub async fn public_plain(State(http): State<HttpState>) -> Response {
    match http.public.0.as_deref() {
        Some(pages) => Html(pages.0.clone()).into_response(),
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}

/// The navigator's first step as the app draws it in Japanese (no furigana, nothing
/// chosen), every button disabled until the app takes over.
pub fn public_markup() -> String {
    use madoguchi_core::lang::offered;
    use madoguchi_core::screening::EventType;
    let mut out = format!(
        r##"<div id="first-screen" aria-busy="true"><header class="site-header public-header"><a class="skip-link" href="#first-main">{skip}</a><a class="brand" href="/">{brand} <span class="brand-sub">{city}</span></a><div class="public-options"><div class="lang-switch" role="group" aria-label="{language}">"##,
        skip = text(m::common::skip_to_main),
        brand = text(m::common::brand),
        city = text(m::common::city),
        language = text(m::common::language::label),
    );
    out.push_str(&lang_buttons(offered("public")));
    out.push_str(&format!(
        r#"</div><button type="button" class="btn btn-ghost" aria-pressed="false" disabled>{furigana}</button><a class="btn btn-ghost my-link" href="/my">{my_page}</a></div></header><main id="first-main" class="page page-public"><section class="navigator"><p class="step-count">{step}</p><h1 tabindex="-1">{title}</h1><p class="lead">{lead}</p><p class="hint privacy">{privacy}</p><h2>{events}</h2><p class="hint">{hint}</p><ul class="choices">"#,
        furigana = text(m::public::page::furigana),
        my_page = text(m::public::page::my_page),
        step = escape(&ruby::plain(m::public::page::step.primary()).replace("{n}", "1")),
        title = text(m::public::page::title),
        lead = text(m::public::page::lead),
        privacy = text(m::public::page::privacy),
        events = text(m::public::events::title),
        hint = text(m::public::events::hint),
    ));
    for kind in EventType::ALL {
        let (title, hint) = app::ui::counter::event_texts(kind);
        out.push_str(&format!(
            r#"<li><button type="button" class="choice" aria-pressed="false" disabled><span class="choice-title">{}</span><span class="choice-text">{}</span><span class="choice-mark" aria-hidden="true"></span></button></li>"#,
            text(title),
            text(hint),
        ));
    }
    out.push_str(&format!(
        r#"</ul><div class="actions"><button type="button" class="btn btn-primary" disabled>{}</button></div></section></main></div>"#,
        text(m::common::next)
    ));
    out
}

/// The page without its `<link rel="preload" … type="application/wasm">`.
fn without_wasm_preload(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link rel=\"preload\"") {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at..=at + len];
        out.push_str(&rest[..at]);
        if !tag.contains("application/wasm") {
            out.push_str(tag);
        }
        rest = &rest[at + len + 1..];
    }
    out.push_str(rest);
    out
}

/// `GET /counter`: the page with the first screen for counter staff; otherwise the
/// plain page.
pub async fn counter(State(http): State<HttpState>, req: Request) -> Response {
    let Some(parts) = http.shell.0.as_deref() else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let plain = || Html(parts.plain.clone()).into_response();
    let meta = req
        .extensions()
        .get::<RequestMeta>()
        .cloned()
        .unwrap_or_default();
    let state = &http.app;
    let me = match access::resolve(state, &meta, req.headers()).await {
        Ok(Some(c)) if c.me.can(Permission::CounterRun) => c.me,
        _ => return plain(),
    };
    let window = chrono::Duration::minutes(state.kiosk.resume_minutes.into());
    let interrupted = madoguchi_services::visits::drafts::resumable(
        &state.db,
        madoguchi_services::visits::Owner::Staff(&me),
        state.clock.now(),
        window,
    )
    .await
    .ok()
    .flatten();
    let body = format!(
        "{}{}{}",
        parts.head,
        markup(&me, interrupted.as_ref()),
        parts.tail
    );
    let mut res = Html(body).into_response();
    // It names the signed-in staff member: never kept by a cache.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The start screen as the app draws it before anything is chosen (Japanese, no
/// furigana). With an interrupted visit the app first asks about it, so only the
/// heading shows here.
pub fn markup(me: &StaffMe, interrupted: Option<&DraftSummary>) -> String {
    let ja = Lang::JA.html();
    let who = match &me.department_name {
        Some(d) => format!("{} ({})", escape(&me.display_name), escape(d)),
        None => escape(&me.display_name),
    };
    let mut out = format!(
        r##"<div id="first-screen" aria-busy="true"><header class="site-header"><a class="skip-link" href="#first-main">{skip}</a><span class="brand">{brand} <span class="brand-sub">{city}</span></span><div class="who" lang="{ja}"><span>{who}</span><button type="button" class="btn btn-ghost" disabled>{sign_out}</button></div></header><main id="first-main" class="page"><div class="wizard"><div class="display-bar"><div class="display-options" role="group" aria-label="{display}"><button type="button" class="btn btn-ghost toggle" aria-pressed="false" disabled>{furigana}</button><button type="button" class="btn btn-ghost toggle" aria-pressed="false" disabled>{large}</button><button type="button" class="btn btn-ghost toggle" aria-pressed="false" disabled>{contrast}</button></div></div><section class="start"><h1 tabindex="-1">{title}</h1><p class="lead">{lead}</p>"##,
        skip = text(m::common::skip_to_main),
        brand = text(m::common::brand),
        city = text(m::common::city),
        sign_out = text(m::common::sign_out),
        display = text(m::common::display::label),
        furigana = text(m::common::display::furigana),
        large = text(m::common::display::large_text),
        contrast = text(m::common::display::high_contrast),
        title = text(m::counter::start::title),
        lead = text(m::counter::start::lead),
    );
    if interrupted.is_none() {
        out.push_str(&format!(
            r#"<h2 class="choose-language">{}</h2><div class="lang-switch lang-switch-large" role="group" aria-label="{}">"#,
            text(m::counter::start::choose_language),
            text(m::common::language::label),
        ));
        out.push_str(&lang_buttons(Lang::all()));
        out.push_str(&format!(
            r#"</div><button type="button" class="btn btn-primary btn-large" disabled>{}</button>"#,
            text(m::counter::start::begin)
        ));
    }
    out.push_str("</section></div></main></div>");
    out
}

/// The languages' buttons as the app draws them, Japanese pressed, all disabled.
fn lang_buttons(langs: impl Iterator<Item = Lang>) -> String {
    langs
        .map(|l| {
            format!(
                r#"<button type="button" class="btn btn-ghost lang" lang="{}" aria-pressed="{}" disabled>{}</button>"#,
                l.html(),
                l == Lang::JA,
                escape(l.name()),
            )
        })
        .collect()
}

/// A catalog text in Japanese, without readings, escaped for HTML.
fn text(key: Key) -> String {
    escape(&ruby::plain(key.primary()))
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_preload_goes_and_nothing_else() {
        let html = r#"<head><link rel="modulepreload" href="/a.js"><link rel="preload" href="/a_bg.wasm" as="fetch" type="application/wasm"></head>"#;
        assert_eq!(
            without_wasm_preload(html),
            r#"<head><link rel="modulepreload" href="/a.js"></head>"#
        );
        let css = r#"<link rel="preload" href="/a.css" as="style"><link rel="preload" href="/b.wasm" type="application/wasm"><p>"#;
        assert_eq!(
            without_wasm_preload(css),
            r#"<link rel="preload" href="/a.css" as="style"><p>"#
        );
    }

    #[test]
    fn escapes_what_a_name_could_carry() {
        assert_eq!(
            escape(r#"<b>"O'Neil" & co</b>"#),
            "&lt;b&gt;&quot;O&#39;Neil&quot; &amp; co&lt;/b&gt;"
        );
    }
}
