//! What the city already knows for a visit's forms: each prefill source of the form
//! catalog, filled from the registry and the earlier steps of the visit. A source that
//! is empty for this household (no father in it, say) is left out, so the interview
//! asks for it instead.

use super::Screened;
use crate::entities::resident;
use madoguchi_core::forms::{Catalog, FieldType, Plan, Prefill};
use madoguchi_core::jp::format_wareki;
use madoguchi_core::screening::EventType;
use madoguchi_types::model::PrefilledValue;
use std::collections::{BTreeMap, BTreeSet};

fn name(m: &resident::Model) -> String {
    format!("{}\u{3000}{}", m.family_name, m.given_name)
}

/// The value of one source for this visit, as it prints.
fn value(s: &Screened, p: Prefill) -> Option<String> {
    let h = &s.household;
    let member = |id: &str| h.members.iter().find(|m| m.person_number == id);
    let applicant = s.applicant.as_deref().and_then(member).or_else(|| h.head());
    // The parents of the household's children: its head and the head's spouse.
    let parent = |sex: &str| {
        h.members
            .iter()
            .find(|m| m.sex == sex && matches!(m.relationship.as_str(), "head" | "spouse"))
    };
    let event = |kind: EventType| s.request.events.iter().find(|e| e.kind == kind);
    let deceased = event(EventType::Death)
        .and_then(|e| e.person.as_deref())
        .and_then(member);
    let b = s.baby.as_ref();
    Some(match p {
        Prefill::ApplicantName => name(applicant?),
        Prefill::ApplicantKana => format!(
            "{}\u{3000}{}",
            applicant?.family_name_kana, applicant?.given_name_kana
        ),
        Prefill::ApplicantBirthDate => format_wareki(applicant?.birth_date),
        Prefill::HouseholdAddress => {
            let postal = madoguchi_core::jp::PostalCode::parse(&h.household.postal_code).ok()?;
            format!("{} {}", postal.display(), h.household.address)
        }
        Prefill::HeadName => name(h.head()?),
        Prefill::FatherName => name(parent("male")?),
        Prefill::MotherName => name(parent("female")?),
        Prefill::MotherBirthDate => format_wareki(parent("female")?.birth_date),
        Prefill::SpouseName => {
            let a = applicant?;
            let other = match a.relationship.as_str() {
                "head" => "spouse",
                "spouse" => "head",
                _ => return None,
            };
            name(h.members.iter().find(|m| m.relationship == other)?)
        }
        // Whom each application concerns is filled per application.
        Prefill::Subjects => String::new(),
        Prefill::Children => {
            let day = s.request.events.first().map_or(s.request.as_of, |e| e.date);
            let mut children: Vec<String> = h
                .members
                .iter()
                .filter(|m| matches!(m.relationship.as_str(), "child" | "grandchild"))
                .filter(|m| madoguchi_core::age::within_child_period(m.birth_date, 18, day))
                .map(|m| format!("{} ({}生)", name(m), format_wareki(m.birth_date)))
                .collect();
            if let Some(b) = b {
                children.push(format!(
                    "{}\u{3000}{} ({}生)",
                    b.family_name.as_str(),
                    b.given_name.as_str(),
                    format_wareki(b.birth_date)
                ));
            }
            if children.is_empty() {
                return None;
            }
            children.join("、")
        }
        Prefill::DeceasedName => name(deceased?),
        Prefill::DeceasedBirthDate => format_wareki(deceased?.birth_date),
        Prefill::BabyName => format!(
            "{}\u{3000}{}",
            b?.family_name.as_str(),
            b?.given_name.as_str()
        ),
        Prefill::BabyKana => format!("{}\u{3000}{}", b?.family_kana, b?.given_kana),
        Prefill::BabyBirthDate => format_wareki(b?.birth_date),
        Prefill::BabySex => b?.sex.label_ja().to_owned(),
        Prefill::EventDate(kind) => format_wareki(event(kind)?.date),
    })
}

/// Every field of the catalog whose value this visit already holds, by key.
pub(super) fn known(s: &Screened, cat: &Catalog) -> BTreeMap<String, String> {
    cat.fields
        .iter()
        .filter_map(|f| Some((f.key.clone(), value(s, f.prefill?)?)))
        .collect()
}

/// The merged interview of the visit's procedures (online, of those that can be done
/// online: the others are done at the counter, and asked there).
pub(super) fn plan(s: &Screened, cat: &Catalog, known: &BTreeMap<String, String>) -> Plan {
    let ids: Vec<&str> = s
        .result
        .procedures
        .iter()
        .filter(|p| !s.online || p.online)
        .map(|p| p.id.as_str())
        .collect();
    let events: Vec<EventType> = s.request.events.iter().map(|e| e.kind).collect();
    let keys: BTreeSet<String> = known.keys().cloned().collect();
    Plan::new(cat, &ids, &events, &keys)
}

/// The values shown for confirmation, with their labels and sources.
pub(super) fn prefilled(
    cat: &Catalog,
    plan: &Plan,
    known: &BTreeMap<String, String>,
) -> Vec<PrefilledValue> {
    plan.confirm
        .iter()
        .filter_map(|key| {
            let field = cat.field(key)?;
            if field.ty == FieldType::Members {
                return None;
            }
            Some(PrefilledValue {
                key: key.clone(),
                label: field.label.clone(),
                value: known.get(key)?.clone(),
                source: plan.source(cat, key),
            })
        })
        .collect()
}

/// The part of the catalog this interview uses: its topics, fields and forms. Sent to
/// the tablet, which checks each screen with it before the server checks everything.
pub(crate) fn catalog_for(cat: &Catalog, plan: &Plan) -> Catalog {
    let used: BTreeSet<&str> = plan
        .forms
        .iter()
        .filter_map(|p| cat.form(p))
        .flat_map(|f| f.fields())
        .collect();
    Catalog {
        topics: cat
            .topics
            .iter()
            .filter(|t| plan.topics.iter().any(|p| p.topic == t.id))
            .cloned()
            .collect(),
        fields: cat
            .fields
            .iter()
            .filter(|f| used.contains(f.key.as_str()))
            .cloned()
            .collect(),
        forms: cat
            .forms
            .iter()
            .filter(|f| plan.forms.contains(&f.procedure))
            .cloned()
            .collect(),
    }
}
