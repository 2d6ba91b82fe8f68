//! The signed-in staff member as the browser knows it. The server decides every
//! permission itself; this only chooses what to show.

use crate::api::auth::{current_staff, sign_out};
use crate::model::StaffMe;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
pub struct Session {
    staff: RwSignal<Option<StaffMe>>,
    loaded: RwSignal<bool>,
}

impl Session {
    /// Creates the session, asks the server who is signed in, and provides it.
    pub fn provide() -> Self {
        let s = Session {
            staff: RwSignal::new(None),
            loaded: RwSignal::new(false),
        };
        spawn_local(async move {
            if let Ok(me) = current_staff().await {
                s.staff.set(me);
            }
            s.loaded.set(true);
        });
        provide_context(s);
        s
    }

    pub fn get() -> Self {
        expect_context::<Session>()
    }

    pub fn staff(&self) -> Option<StaffMe> {
        self.staff.get()
    }

    pub fn loaded(&self) -> bool {
        self.loaded.get()
    }

    pub fn set(&self, me: StaffMe) {
        self.staff.set(Some(me));
        self.loaded.set(true);
    }

    /// Signs out on the server, then reloads the sign-in page so nothing of the last
    /// screen stays in the browser's memory.
    pub fn sign_out(&self) {
        let s = *self;
        spawn_local(async move {
            let _ = sign_out().await;
            s.staff.set(None);
            if let Some(w) = leptos::prelude::window().location().replace("/login").err() {
                leptos::logging::error!("could not leave the page: {w:?}");
            }
        });
    }
}
