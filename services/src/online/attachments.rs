//! Documents a resident attaches to an online application: a photo or PDF of what a
//! procedure asks for (the rules' `documents`). Each is checked by its content
//! (`core::attachment`: a whole PDF, JPEG or PNG, the type it claims, within the size
//! limit, a PDF without scripts), kept with its SHA-256, and belongs to the visit until
//! it is submitted, then to the application of its procedure. Staff of that department
//! read it back as a download of its checked type, never run in the browser. Every
//! step is audited.

use super::mine;
use crate::audit::{self, Audit};
use crate::entities::{application, attachment, resident_account, visit};
use crate::visits::{open_visit, Owner};
use chrono::{DateTime, Utc};
use madoguchi_core::attachment::{self as check, Kind, DEFAULT_MAX_BYTES};
use madoguchi_core::jp::ValueError;
use madoguchi_core::screening::{ProcedureResult, ScreeningResult};
use madoguchi_types::error::AppError;
use madoguchi_types::model::online::AttachmentView;
use madoguchi_types::model::StaffMe;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// At most this many files per application (each up to `DEFAULT_MAX_BYTES`).
pub const MAX_PER_APPLICATION: u64 = 10;

/// What a file is for: a procedure of the resident's open application (a visit not
/// sent yet), or one of their applications the department returned (差戻し), where
/// it waits to be sent back with the correction.
#[derive(Clone, Copy, Debug)]
pub enum Holder<'a> {
    Visit {
        number: &'a str,
        procedure_id: &'a str,
    },
    Returned(i32),
}

/// A file as the resident's phone sent it.
pub struct Upload<'a> {
    pub to: Holder<'a>,
    pub document: &'a str,
    pub name: &'a str,
    /// The type the browser claimed (`Content-Type`), if any.
    pub claimed: Option<&'a str>,
    pub bytes: &'a [u8],
}

/// Where a file is kept: its visit and procedure, and what the audit names.
struct Place {
    visit: visit::Model,
    procedure_id: String,
    target: String,
}

/// The holder, if it is the resident's and still takes files: an open visit, or a
/// returned application (anything else of theirs is a conflict; someone else's is
/// not found, audited as denied).
async fn place(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    to: Holder<'_>,
    action: &'static str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Place, AppError> {
    match to {
        Holder::Visit {
            number,
            procedure_id,
        } => {
            let visit = open_visit(db, Owner::Resident(account), number).await?;
            Ok(Place {
                target: format!("visit:{}", visit.visit_number),
                visit,
                procedure_id: procedure_id.to_owned(),
            })
        }
        Holder::Returned(id) => {
            let (app, visit) = mine::owned(db, account, id, action, now, origin).await?;
            mine::returned(&app)?;
            Ok(Place {
                visit,
                procedure_id: app.procedure_id,
                target: format!("application:{id}"),
            })
        }
    }
}

/// Checks and keeps a file for the resident's open application, or for a returned one.
pub async fn add(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    upload: &Upload<'_>,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<AttachmentView, AppError> {
    let owner = Owner::Resident(account);
    let at = place(db, account, upload.to, "attachment_add", now, origin).await?;
    let v = &at.visit;
    asked_for(v, &at.procedure_id, upload.document)?;
    let held = attachment::Entity::find()
        .filter(attachment::Column::VisitId.eq(v.id))
        .filter(attachment::Column::ProcedureId.eq(&at.procedure_id))
        .count(db)
        .await?;
    if held >= MAX_PER_APPLICATION {
        return Err(AppError::field("attachment", ValueError::OutOfRange));
    }
    let entry = |outcome| Audit {
        target: at.target.clone(),
        ..owner.entry(&v.visit_number, v.household_id, "attachment_add", outcome)
    };
    let kind = match check::check(upload.bytes, upload.claimed, DEFAULT_MAX_BYTES) {
        Ok(kind) => kind,
        Err(refusal) => {
            // The reason for the audit log; the resident hears what to do.
            // (`mismatch`, `too_large`…: the code without its prefix fits the column.)
            let outcome = refusal.code().trim_start_matches("attachment_");
            owner.audit(db, now, origin, entry(outcome)).await?;
            return Err(AppError::field("attachment", refusal.value_error()));
        }
    };
    let row = attachment::ActiveModel {
        visit_id: Set(v.id),
        application_id: Set(None),
        procedure_id: Set(at.procedure_id.clone()),
        document: Set(upload.document.to_owned()),
        name: Set(file_name(upload.name, kind)),
        kind: Set(kind.extension().to_owned()),
        size: Set(i32::try_from(upload.bytes.len()).map_err(|_| AppError::Internal)?),
        sha256: Set(check::digest(upload.bytes)),
        data: Set(upload.bytes.to_vec()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    owner.audit(db, now, origin, entry("ok")).await?;
    Ok(view(&row))
}

/// The files of the resident's open application.
pub async fn list(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    visit_number: &str,
) -> Result<Vec<AttachmentView>, AppError> {
    let v = open_visit(db, Owner::Resident(account), visit_number).await?;
    views(db, attachment::Column::VisitId.eq(v.id)).await
}

/// Removes a file from the resident's open application.
pub async fn remove(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    visit_number: &str,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let owner = Owner::Resident(account);
    let v = open_visit(db, owner, visit_number).await?;
    let gone = attachment::Entity::delete_many()
        .filter(attachment::Column::Id.eq(id))
        .filter(attachment::Column::VisitId.eq(v.id))
        .exec(db)
        .await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    let e = owner.entry(&v.visit_number, v.household_id, "attachment_remove", "ok");
    owner.audit(db, now, origin, e).await
}

/// Takes a file not yet sent off a returned application.
pub async fn remove_returned(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    application_id: i32,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let owner = Owner::Resident(account);
    let to = Holder::Returned(application_id);
    let at = place(db, account, to, "attachment_remove", now, origin).await?;
    let gone = attachment::Entity::delete_many()
        .filter(attachment::Column::Id.eq(id))
        .filter(pending(at.visit.id, &at.procedure_id))
        .exec(db)
        .await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    let e = Audit {
        target: at.target,
        ..owner.entry(
            &at.visit.visit_number,
            at.visit.household_id,
            "attachment_remove",
            "ok",
        )
    };
    owner.audit(db, now, origin, e).await
}

/// The files added to a returned application and not yet sent back with it.
fn pending(visit_id: i32, procedure_id: &str) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(attachment::Column::VisitId.eq(visit_id))
        .add(attachment::Column::ApplicationId.is_null())
        .add(attachment::Column::ProcedureId.eq(procedure_id))
}

/// The files waiting to go with a returned application (no bytes).
pub(crate) async fn pending_of<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
) -> Result<Vec<AttachmentView>, AppError> {
    views(db, pending(app.visit_id, &app.procedure_id)).await
}

/// At resubmission, in its transaction: the files waiting go to the application.
/// Their names, for its history.
pub(crate) async fn hand_over_pending<C: ConnectionTrait>(
    txn: &C,
    app: &application::Model,
) -> Result<Vec<String>, AppError> {
    let names = views(txn, pending(app.visit_id, &app.procedure_id))
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    attachment::Entity::update_many()
        .col_expr(
            attachment::Column::ApplicationId,
            sea_orm::sea_query::Expr::value(app.id),
        )
        .filter(pending(app.visit_id, &app.procedure_id))
        .exec(txn)
        .await?;
    Ok(names)
}

/// At submission, in its transaction: each file goes to the application of its
/// procedure; files of procedures not applied for are deleted.
pub(crate) async fn hand_over<C: ConnectionTrait>(
    txn: &C,
    visit_id: i32,
    applications: &[(String, i32)],
) -> Result<(), AppError> {
    for (procedure_id, application_id) in applications {
        attachment::Entity::update_many()
            .col_expr(
                attachment::Column::ApplicationId,
                sea_orm::sea_query::Expr::value(*application_id),
            )
            .filter(attachment::Column::VisitId.eq(visit_id))
            .filter(attachment::Column::ProcedureId.eq(procedure_id))
            .exec(txn)
            .await?;
    }
    drop_unsubmitted(txn, visit_id).await
}

/// Deletes the files of a visit not (or not yet) handed to an application: at
/// submission, and when the application is thrown away.
pub(crate) async fn drop_unsubmitted<C: ConnectionTrait>(
    db: &C,
    visit_id: i32,
) -> Result<(), AppError> {
    attachment::Entity::delete_many()
        .filter(attachment::Column::VisitId.eq(visit_id))
        .filter(attachment::Column::ApplicationId.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The files of an application, for its page (no bytes).
pub async fn of_application<C: ConnectionTrait>(
    db: &C,
    application_id: i32,
) -> Result<Vec<AttachmentView>, AppError> {
    views(db, attachment::Column::ApplicationId.eq(application_id)).await
}

/// A file of an application, for staff who may read the application (its department,
/// or every department); audited. Anything else is "not found".
pub async fn for_staff(
    db: &DatabaseConnection,
    staff: &StaffMe,
    application_id: i32,
    id: i32,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(Kind, attachment::Model), AppError> {
    let dept = crate::queue::scope(staff)?;
    let app = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .filter(|a| dept.is_none_or(|d| a.department_id == d));
    let found = match &app {
        Some(_) => {
            attachment::Entity::find_by_id(id)
                .filter(attachment::Column::ApplicationId.eq(application_id))
                .one(db)
                .await?
        }
        None => None,
    };
    let household_id = match &app {
        Some(a) => visit::Entity::find_by_id(a.visit_id)
            .one(db)
            .await?
            .and_then(|v| v.household_id),
        None => None,
    };
    let entry = |outcome| Audit {
        staff_user_id: Some(staff.id),
        action: "attachment_read",
        target: format!("application:{application_id}/attachment:{id}"),
        household_id,
        resident_id: None,
        purpose: "department_processing",
        outcome,
    };
    // Read back only what still is what it was checked to be.
    let checked = found.and_then(|a| {
        let kind = check::sniff(&a.data).filter(|k| k.extension() == a.kind)?;
        (check::digest(&a.data) == a.sha256).then_some((kind, a))
    });
    match checked {
        Some(found) => {
            audit::record(db, now, origin, entry("ok")).await?;
            Ok(found)
        }
        None => {
            audit::record(db, now, origin, entry("not_found")).await?;
            Err(AppError::NotFound)
        }
    }
}

/// The procedure is one of the visit's last screening that can be done online, and
/// it asks for this document.
fn asked_for(v: &visit::Model, procedure_id: &str, document: &str) -> Result<(), AppError> {
    let p = online_procedure(v, procedure_id).ok_or(AppError::NotFound)?;
    if p.documents.iter().any(|d| d == document) {
        Ok(())
    } else {
        Err(AppError::field("document", ValueError::InvalidChoice))
    }
}

/// The documents an online procedure of the visit asks for (none for any other).
pub(crate) fn documents(v: &visit::Model, procedure_id: &str) -> Vec<String> {
    online_procedure(v, procedure_id).map_or_else(Vec::new, |p| p.documents)
}

fn online_procedure(v: &visit::Model, procedure_id: &str) -> Option<ProcedureResult> {
    let result: ScreeningResult = serde_json::from_str(v.screening.as_deref()?).ok()?;
    result
        .procedures
        .into_iter()
        .find(|p| p.id == procedure_id && p.online)
}

/// The name to show: the last part of what the phone gave, without control
/// characters, at most 100 characters; or one made from the type.
fn file_name(given: &str, kind: Kind) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(100)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        format!("file.{}", kind.extension())
    } else {
        clean.to_owned()
    }
}

type ViewRow = (i32, String, String, String, String, i32, String);

const VIEW_COLUMNS: [attachment::Column; 7] = [
    attachment::Column::Id,
    attachment::Column::ProcedureId,
    attachment::Column::Document,
    attachment::Column::Name,
    attachment::Column::Kind,
    attachment::Column::Size,
    attachment::Column::Sha256,
];

fn from_row((id, procedure_id, document, name, kind, size, sha256): ViewRow) -> AttachmentView {
    AttachmentView {
        id,
        procedure_id,
        document,
        name,
        kind,
        size: i64::from(size),
        sha256,
    }
}

fn view(a: &attachment::Model) -> AttachmentView {
    from_row((
        a.id,
        a.procedure_id.clone(),
        a.document.clone(),
        a.name.clone(),
        a.kind.clone(),
        a.size,
        a.sha256.clone(),
    ))
}

/// The files `filter` selects, without their bytes, oldest first.
async fn views<C: ConnectionTrait>(
    db: &C,
    filter: impl sea_orm::sea_query::IntoCondition,
) -> Result<Vec<AttachmentView>, AppError> {
    let rows = attachment::Entity::find()
        .select_only()
        .columns(VIEW_COLUMNS)
        .filter(filter)
        .order_by_asc(attachment::Column::Id)
        .into_tuple::<ViewRow>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(from_row).collect())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_shown_never_used_as_a_path() {
        assert_eq!(file_name("../../etc/passwd", Kind::Pdf), "passwd");
        assert_eq!(
            file_name("C:\\Users\\me\\出生証明書.pdf", Kind::Pdf),
            "出生証明書.pdf"
        );
        assert_eq!(file_name("a\"b\u{0}.png", Kind::Png), "ab.png");
        assert_eq!(file_name("  ", Kind::Jpeg), "file.jpg");
        assert_eq!(file_name(&"x".repeat(300), Kind::Png).len(), 100);
    }
}
