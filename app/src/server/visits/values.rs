//! The values of a visit's forms: those the registry and earlier steps already hold
//! (shown for confirmation, never retyped) and those asked in the interview.

use super::Screened;
use crate::model::PrefilledValue;
use madoguchi_core::forms::{self, InterviewAnswers, Source};
use std::collections::HashMap;

/// The values the registry and earlier steps already hold, for the fields the chosen
/// procedures need.
pub(super) fn prefilled(s: &Screened) -> Vec<PrefilledValue> {
    let ids: Vec<&str> = s.result.procedures.iter().map(|p| p.id.as_str()).collect();
    let head = s.household.head();
    let mother = s
        .household
        .members
        .iter()
        .find(|m| m.sex == "female" && matches!(m.relationship.as_str(), "head" | "spouse"));
    let name = |m: &crate::server::entities::resident::Model| {
        format!("{}\u{3000}{}", m.family_name, m.given_name)
    };
    let b = s.baby.as_ref();
    let value = |key: &str| -> Option<String> {
        Some(match key {
            "applicant.name" => name(head?),
            "applicant.kana" => format!(
                "{}\u{3000}{}",
                head?.family_name_kana, head?.given_name_kana
            ),
            "applicant.birth_date" => head?.birth_date.format("%Y年%-m月%-d日").to_string(),
            "household.address" => format!(
                "〒{} {}",
                s.household.household.postal_code, s.household.household.address
            ),
            "household.head" => name(head?),
            "mother.name" => name(mother?),
            "baby.name" => format!(
                "{}\u{3000}{}",
                b?.family_name.as_str(),
                b?.given_name.as_str()
            ),
            "baby.kana" => format!("{}\u{3000}{}", b?.family_kana, b?.given_kana),
            "baby.birth_date" => b?.birth_date.format("%Y年%-m月%-d日").to_string(),
            "baby.sex" => b?.sex.label_ja().to_owned(),
            _ => return None,
        })
    };
    forms::interview(&ids)
        .into_iter()
        .filter(|f| f.source != Source::Asked)
        .filter_map(|f| {
            value(f.key).map(|v| PrefilledValue {
                key: f.key.into(),
                label: f.label.into(),
                value: v,
                source: f.source,
            })
        })
        .collect()
}

/// Adds the checked interview answers to the form values, as they print.
pub(super) fn asked_values(a: &InterviewAnswers, values: &mut HashMap<String, String>) {
    values.insert("applicant.phone".into(), a.phone.as_str().to_owned());
    if let Some(place) = &a.birth_place {
        values.insert("birth.place".into(), place.as_str().to_owned());
    }
    if let Some(b) = &a.bank {
        values.insert(
            "bank.account".into(),
            format!(
                "{} {} {} {} {}",
                b.bank_code,
                b.branch_code,
                b.account_type.label_ja(),
                b.number,
                b.holder
            ),
        );
    }
}
