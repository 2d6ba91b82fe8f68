//! How the navigator names the people of a household it knows only by their tie to the
//! visitor: "あなた", "配偶者", "子ども 2", in the page's language — on its own screens
//! and inside the rules' reasons and questions (`screening::MemberNames`).

use super::Navigator;
use crate::ui::i18n::{m, ruby, Catalog, Key};
use crate::ui::screening::MemberNames;
use leptos::prelude::*;
use madoguchi_core::navigator::{Kin, BABY};

/// The word for a kind of member.
pub fn kin_key(kin: Kin) -> Key {
    use m::public::kin;
    match kin {
        Kin::Me => kin::me,
        Kin::Partner => kin::partner,
        Kin::Child => kin::child,
        Kin::Parent => kin::parent,
        Kin::Grandparent => kin::grandparent,
        Kin::Sibling => kin::sibling,
        Kin::Other => kin::other,
    }
}

/// The word for a kind of member inside a sentence ("the person answering").
fn kin_in_text(kin: Kin) -> Key {
    use m::public::kin_in_text as k;
    match kin {
        Kin::Me => k::me,
        Kin::Partner => k::partner,
        Kin::Child => k::child,
        Kin::Parent => k::parent,
        Kin::Grandparent => k::grandparent,
        Kin::Sibling => k::sibling,
        Kin::Other => k::other,
    }
}

/// A member's name by id as a heading or a choice shows it (tracked): the kind,
/// numbered when there are several of it.
pub fn name(nav: Navigator, id: &str) -> Option<String> {
    named(nav, id, false).map(|n| ruby::plain(&n))
}

/// The same with its readings, for a heading (shown with furigana when they are on).
pub fn name_markup(nav: Navigator, id: &str) -> Option<String> {
    named(nav, id, false)
}

/// The name with the catalog's readings (`{夫|おっと}`).
fn named(nav: Navigator, id: &str, in_text: bool) -> Option<String> {
    let catalog = Catalog::get();
    if id == BABY {
        let key = if in_text {
            m::public::kin_in_text::baby
        } else {
            m::public::kin::baby
        };
        return Some(catalog.raw(key));
    }
    nav.sketch.with(|s| {
        let member = s.members.iter().find(|m| m.id == id)?;
        let same: Vec<_> = s.members.iter().filter(|m| m.kin == member.kin).collect();
        let key = if in_text {
            kin_in_text(member.kin)
        } else {
            kin_key(member.kin)
        };
        let word = catalog.raw(key);
        Some(if same.len() > 1 {
            let n = same.iter().position(|m| m.id == id).unwrap_or(0) + 1;
            catalog.fill(
                m::public::kin::numbered,
                &[("kin", word), ("n", n.to_string())],
            )
        } else {
            word
        })
    })
}

/// Gives the rules' texts on this page the navigator's names.
pub fn provide(nav: Navigator) {
    provide_context(MemberNames(std::sync::Arc::new(move |id: &str| {
        named(nav, id, true).map(|n| ruby::plain(&n))
    })));
}
