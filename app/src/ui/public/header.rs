//! The public pages' header: the city, the language (those the public pages are
//! translated into, each named in its own words), furigana for Japanese, and the
//! resident's own page (`/my`: signing in online).

use crate::ui::i18n::{m, stored_public_lang, t, t_plain, Catalog};
use leptos::prelude::*;
use madoguchi_core::lang::{offered, Lang};

#[component]
pub fn PublicHeader() -> impl IntoView {
    let catalog = Catalog::get();
    // A link may name the language (`/?lang=en`: from the city's site, or back from the
    // sign-in); otherwise the one this device chose last on these pages.
    let query = leptos_router::hooks::use_query_map();
    let linked = query
        .with_untracked(|q| q.get("lang"))
        .and_then(|c| Lang::parse(&c))
        .filter(|lang| offered("public").any(|l| l == *lang));
    match (linked, stored_public_lang()) {
        (Some(lang), _) => catalog.set_public_lang(lang),
        (None, Some(lang)) if offered("public").any(|l| l == lang) => catalog.switch(lang),
        _ => {}
    }
    let japanese = move || catalog.lang().get().is_japanese();
    view! {
        <header class="site-header public-header">
            <a class="skip-link" href="#main">{t(m::common::skip_to_main)}</a>
            <a class="brand" href="/">{t(m::common::brand)} " " <span class="brand-sub">{t(m::common::city)}</span></a>
            <div class="public-options">
                <div class="lang-switch" role="group" aria-label=t_plain(m::common::language::label)>
                    {offered("public").map(|l| view! {
                        <button type="button" class="btn btn-ghost lang" lang=l.html()
                            aria-pressed=move || (catalog.lang().get() == l).to_string()
                            on:click=move |_| catalog.set_public_lang(l)>{l.name()}</button>
                    }).collect_view()}
                </div>
                {move || japanese().then(|| view! {
                    <button type="button" class="btn btn-ghost" aria-pressed=move || catalog.furigana.get().to_string()
                        on:click=move |_| catalog.furigana.update(|f| *f = !*f)>{t(m::public::page::furigana)}</button>
                })}
                <a class="btn btn-ghost my-link" href="/my">{t(m::public::page::my_page)}</a>
            </div>
        </header>
    }
}
