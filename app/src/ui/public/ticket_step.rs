//! The pre-entry made: its QR code and short code to show at the counter, and the last
//! day it can be used. Nothing is kept on the phone: the resident saves the screen,
//! prints it or writes the code down.

use super::{Navigator, Step};
use crate::ui::i18n::{m, t, t_with, Catalog};
use crate::ui::qr_code::QrCode;
use leptos::prelude::*;
use madoguchi_core::pre_entry::display;

#[component]
pub fn TicketStep() -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let Some(ticket) = nav.ticket.get_untracked() else {
        nav.go(Step::Prepare);
        return ().into_any();
    };
    let code = display(&ticket.code);
    let until = ticket.valid_until;
    let label = Signal::derive(move || catalog.plain_now(m::public::ticket::qr_label));
    view! {
        <section class="navigator ticket">
            <h1 id="step-heading" tabindex="-1">{t(m::public::ticket::title)}</h1>
            <p class="lead">{t(m::public::ticket::lead)}</p>
            <div class="ticket-card">
                <QrCode modules=ticket.qr label/>
                <p class="ticket-code-label">{t(m::public::ticket::code)}</p>
                <p class="ticket-code" id="pre-entry-code">{code}</p>
                <p class="ticket-until">{t_with(m::public::ticket::until, move || vec![("date", catalog.date(until))])}</p>
            </div>
            <ul class="ticket-notes">
                <li>{t(m::public::ticket::save)}</li>
                <li>{t(m::public::ticket::bring)}</li>
                <li>{t(m::public::ticket::once)}</li>
            </ul>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| {
                    let _ = leptos::prelude::window().print();
                }>{t(m::public::ticket::print)}</button>
                <button type="button" class="btn btn-secondary" on:click=move |_| nav.restart()>{t(m::public::page::restart)}</button>
            </div>
        </section>
    }
    .into_any()
}
