//! The signed-in staff member as the browser knows it (including a sign-in still under
//! way). The server decides every permission itself; this only chooses what to show.

use crate::api::auth::{current_staff, sign_out};
use crate::model::{Permission, SessionState, StaffMe};
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

    /// The session's staff member, whatever the state of the sign-in.
    pub fn staff(&self) -> Option<StaffMe> {
        self.staff.get()
    }

    /// The staff member once signed in fully.
    pub fn signed_in(&self) -> Option<StaffMe> {
        self.staff.get().filter(|m| m.state == SessionState::Full)
    }

    pub fn can(&self, p: Permission) -> bool {
        self.staff.with(|m| m.as_ref().is_some_and(|m| m.can(p)))
    }

    pub fn loaded(&self) -> bool {
        self.loaded.get()
    }

    pub fn set(&self, me: StaffMe) {
        self.staff.set(Some(me));
        self.loaded.set(true);
    }

    /// Signs out on the server (which also tells the browser to clear what it holds
    /// of this site), then loads the sign-in page afresh so nothing of the last screen
    /// stays in memory.
    pub fn sign_out(&self) {
        let s = *self;
        spawn_local(async move {
            let _ = sign_out().await;
            // Not loaded rather than signed out: pages wait for the sign-in page to
            // load instead of sending the browser to sign in again (with `next`), which
            // in the counter's build is a page load of its own that would win.
            s.loaded.set(false);
            s.staff.set(None);
            if let Some(w) = leptos::prelude::window().location().replace("/login").err() {
                leptos::logging::error!("could not leave the page: {w:?}");
            }
        });
    }
}
