//! Printed documents: an application in the layout of its official form (for the
//! department that handles it) and a visit's receipt (for the counter that took it).
//! Each print is a read of the resident's data, so it is checked and audited like one.
//! Typesetting is CPU work, so it runs off the async threads.

use super::audit::{self, Audit};
use super::catalog;
use super::entities::{application, department, visit};
use super::queue;
use crate::error::AppError;
use crate::model::StaffMe;
use crate::ui::i18n::m::counter::receipt as words;
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_core::jp::format_wareki;
use madoguchi_core::lang::Lang;
use madoguchi_core::rules::Ruleset;
use madoguchi_print::{
    FormContext, PrintError, Printer, ReceiptDoc, ReceiptLine, ReceiptTranslation, ReceiptWords,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::sync::Arc;

/// A PDF and the name it is downloaded under.
pub struct Pdf {
    pub filename: String,
    pub bytes: Vec<u8>,
}

fn jst(t: DateTime<Utc>) -> chrono::DateTime<FixedOffset> {
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset"))
}

async fn typeset<F>(printer: &Arc<Printer>, f: F) -> Result<Vec<u8>, AppError>
where
    F: FnOnce(&Printer) -> Result<Vec<u8>, madoguchi_print::PrintError> + Send + 'static,
{
    let printer = printer.clone();
    tokio::task::spawn_blocking(move || f(&printer))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the typesetting task failed");
            AppError::Internal
        })?
        .map_err(|e| {
            tracing::error!(error = %e, "a document could not be typeset");
            AppError::Internal
        })
}

/// One application as its official form, for staff of its department.
pub async fn application_pdf(
    db: &DatabaseConnection,
    printer: &Arc<Printer>,
    staff: &StaffMe,
    rules: &Ruleset,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Pdf, AppError> {
    // The same check and audited read as opening it in the queue.
    let detail = queue::get(db, staff, rules, id, now, origin).await?;
    let a = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let cx = FormContext {
        visit_number: detail.summary.visit_number.clone(),
        filed_on: format_wareki(jst(a.created_at).date_naive()),
        department: detail.department_name.clone(),
        signature_png: super::visits::signature::load(db, a.visit_id).await?,
    };
    let form = detail.form.clone();
    let bytes = typeset(printer, move |p| p.application(&form, &cx)).await?;
    audit::record(
        db,
        now,
        origin,
        print_entry(staff, "application_print", format!("application:{id}")),
    )
    .await?;
    Ok(Pdf {
        filename: format!("{}-{id}.pdf", a.procedure_id),
        bytes,
    })
}

/// The receipt of a submitted visit, for the one who ran it — the counter staff member
/// who took it, or the resident who applied online: in Japanese, with the resident's
/// language (`lang`) below each line.
#[allow(clippy::too_many_arguments)]
pub async fn receipt_pdf(
    db: &DatabaseConnection,
    printer: &Arc<Printer>,
    owner: super::visits::Owner<'_>,
    rules: &Ruleset,
    visit_number: &str,
    lang: Lang,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Pdf, AppError> {
    let translated = lang != Lang::JA;
    // A name of the city's rules in the resident's language, if it has one.
    let in_lang = |key: String| {
        translated
            .then(|| catalog::printed_if_any(lang, &key))
            .flatten()
            .unwrap_or_default()
    };
    let v = visit::Entity::find()
        .filter(visit::Column::VisitNumber.eq(visit_number))
        .one(db)
        .await?
        .filter(|v| owner.owns(v) && v.status == "submitted")
        .ok_or(AppError::NotFound)?;
    let apps = application::Entity::find()
        .filter(application::Column::VisitId.eq(v.id))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?;
    let mut lines = Vec::new();
    for a in &apps {
        let d = department::Entity::find_by_id(a.department_id.clone())
            .one(db)
            .await?;
        lines.push(ReceiptLine {
            procedure_tr: in_lang(format!("rules.procedures.{}.name", a.procedure_id)),
            department_tr: in_lang(format!("rules.departments.{}.name", a.department_id)),
            counter_tr: in_lang(format!("rules.departments.{}.counter", a.department_id)),
            deadline_tr: match a.deadline {
                Some(d) if translated => date_in(lang, d),
                _ => String::new(),
            },
            procedure: rules
                .procedure(&a.procedure_id)
                .map_or_else(|| a.procedure_id.clone(), |p| p.name.clone()),
            department: d
                .as_ref()
                .map_or_else(|| a.department_id.clone(), |d| d.name.clone()),
            counter: d
                .map(|d| {
                    let place = format!("{} {}", d.building, d.counter).trim().to_owned();
                    if d.phone.is_empty() {
                        place
                    } else {
                        format!("{place} (電話 {})", d.phone)
                    }
                })
                .unwrap_or_default(),
            deadline: a.deadline.map_or_else(|| "—".into(), format_wareki),
        });
    }
    let submitted = jst(v.submitted_at.unwrap_or(v.created_at));
    let doc = ReceiptDoc {
        visit_number: v.visit_number.clone(),
        submitted_at: format!(
            "{} {}",
            format_wareki(submitted.date_naive()),
            submitted.format("%-H時%M分")
        ),
        japanese: receipt_words(Lang::JA, apps.len()),
        translation: receipt_translation(lang, apps.len()),
        applications: lines,
    };
    // Without the fonts for the resident's language, the receipt is still printed, in
    // Japanese; whoever runs the server sees why in its log.
    let bytes = typeset(printer, move |p| match p.receipt(&doc) {
        Err(PrintError::Fonts(why)) if doc.translation.is_some() => {
            tracing::warn!(%why, "the receipt is printed in Japanese only");
            p.receipt(&ReceiptDoc {
                translation: None,
                ..doc
            })
        }
        printed => printed,
    })
    .await?;
    let entry = Audit {
        purpose: match owner {
            super::visits::Owner::Staff(_) => "print",
            super::visits::Owner::Resident(_) => owner.purpose(),
        },
        ..owner.entry(&v.visit_number, v.household_id, "receipt_print", "ok")
    };
    owner.audit(db, now, origin, entry).await?;
    Ok(Pdf {
        filename: format!("receipt-{}.pdf", v.visit_number),
        bytes,
    })
}

/// The receipt's own words in the resident's language (none for 日本語).
pub fn receipt_translation(lang: Lang, count: usize) -> Option<ReceiptTranslation> {
    (lang != Lang::JA).then(|| ReceiptTranslation {
        lang: lang.html().split('-').next().unwrap_or("ja").to_owned(),
        font: lang.language().print_font.clone(),
        words: receipt_words(lang, count),
    })
}

/// The receipt's own words in `lang`, as printed.
pub fn receipt_words(lang: Lang, count: usize) -> ReceiptWords {
    let p = |key: crate::ui::i18n::Key| catalog::printed(lang, key.0, &[]);
    ReceiptWords {
        title: p(words::paper::title),
        number: p(words::number),
        headline: catalog::printed(
            lang,
            words::paper::headline.0,
            &[("count", count.to_string())],
        ),
        columns: [
            words::procedure,
            words::department,
            words::counter,
            words::deadline,
        ]
        .map(p),
        next_title: p(words::paper::next_title),
        next_steps: [
            words::paper::step1,
            words::paper::step2,
            words::paper::step3,
        ]
        .map(p),
        note: p(words::paper::note),
    }
}

/// A day as `lang` writes it (`common.date`).
fn date_in(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    catalog::printed(
        lang,
        crate::ui::i18n::m::common::date.0,
        &[
            ("y", date.year().to_string()),
            ("m", date.month().to_string()),
            ("d", date.day().to_string()),
        ],
    )
}

fn print_entry(staff: &StaffMe, action: &'static str, target: String) -> Audit<'static> {
    Audit {
        staff_user_id: Some(staff.id),
        action,
        target,
        household_id: None,
        resident_id: None,
        purpose: "print",
        outcome: "ok",
    }
}
