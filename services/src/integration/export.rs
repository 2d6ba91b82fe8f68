//! Applications of one procedure as a table, for business systems that take files
//! (`madoguchi export`, and `GET /api/v1/departments/{department}/exports/{procedure}`).
//! The columns are `madoguchi_core::export::columns` of the procedure's form; every
//! application exported is audited as a read of the resident's data.

use super::keys::ApiCaller;
use crate::audit::{self, Audit};
use crate::db::begin_write;
use crate::entities::{application, resident, visit};
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::export::{columns, Column, Row};
use madoguchi_core::forms::{self, Filled};
use madoguchi_core::jp::ValueError;
use madoguchi_core::workflow::Status;
use madoguchi_types::error::AppError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Which applications: one procedure of one department, optionally received within
/// days (Japan time) and of one status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportQuery {
    pub department_id: String,
    pub procedure: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Option<String>,
}

/// Who exports: an operator on the server's command line, or a business system's key.
#[derive(Debug, Clone, Copy)]
pub enum Exporter<'a> {
    Operator,
    System(&'a ApiCaller),
}

impl Exporter<'_> {
    fn target(&self, id: i32) -> String {
        match self {
            Exporter::Operator => format!("cli/application:{id}"),
            Exporter::System(c) => format!("{}/application:{id}", c.audit_name()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportTable {
    pub procedure: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

pub async fn export(
    db: &DatabaseConnection,
    who: Exporter<'_>,
    q: &ExportQuery,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<ExportTable, AppError> {
    if let Exporter::System(c) = who {
        if c.department_id != q.department_id {
            return Err(AppError::Forbidden);
        }
    }
    let form = forms::bundled()
        .form(&q.procedure)
        .ok_or_else(|| AppError::field("procedure", ValueError::InvalidChoice))?;
    let status = match &q.status {
        None => None,
        Some(s) => Some(
            Status::parse(s).ok_or_else(|| AppError::field("status", ValueError::InvalidChoice))?,
        ),
    };
    let jst = crate::time::jst();
    let mut find = application::Entity::find()
        .filter(application::Column::DepartmentId.eq(&q.department_id))
        .filter(application::Column::ProcedureId.eq(&q.procedure))
        .order_by_asc(application::Column::Id);
    if let Some(from) = q.from {
        let start = from
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(jst).single());
        find = find.filter(application::Column::CreatedAt.gte(start.map(|t| t.to_utc())));
    }
    if let Some(to) = q.to {
        let end = to
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| t.and_local_timezone(jst).single());
        find = find.filter(application::Column::CreatedAt.lt(end.map(|t| t.to_utc())));
    }
    if let Some(s) = status {
        find = find.filter(application::Column::Status.eq(s.code()));
    }
    let apps = find.all(db).await?;
    let visits: HashMap<i32, Option<i32>> = visit::Entity::find()
        .filter(visit::Column::Id.is_in(apps.iter().map(|a| a.visit_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.household_id))
        .collect();
    let numbers: HashMap<i32, String> = resident::Entity::find()
        .filter(resident::Column::Id.is_in(apps.iter().filter_map(|a| a.subject_resident_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.person_number))
        .collect();
    let columns = columns(form);
    let txn = begin_write(db).await?;
    let mut rows = Vec::with_capacity(apps.len());
    for a in apps {
        audit::record(
            &txn,
            now,
            origin,
            Audit {
                staff_user_id: None,
                action: "application_export",
                target: who.target(a.id),
                household_id: visits.get(&a.visit_id).copied().flatten(),
                resident_id: a.subject_resident_id,
                purpose: "business_system",
                outcome: "ok",
            },
        )
        .await?;
        let filled: Filled = serde_json::from_str(&a.data).map_err(|e| {
            tracing::error!(application = a.id, error = %e, "stored form is not a filled form");
            AppError::Internal
        })?;
        let values: HashMap<String, String> = filled
            .sections
            .into_iter()
            .flat_map(|s| s.rows)
            .map(|r| (r.key, r.value))
            .collect();
        let received = a
            .created_at
            .with_timezone(&jst)
            .format("%Y-%m-%dT%H:%M:%S%:z");
        let mut row = vec![
            a.id.to_string(),
            a.procedure_id.clone(),
            a.department_id.clone(),
            Status::parse(&a.status).map_or(a.status.clone(), |s| s.code().to_owned()),
            received.to_string(),
            a.deadline.map(|d| d.to_string()).unwrap_or_default(),
            a.subject_resident_id
                .and_then(|id| numbers.get(&id).cloned())
                .unwrap_or_default(),
            a.subject_name.clone(),
        ];
        row.extend(
            columns[madoguchi_core::export::FIXED.len()..]
                .iter()
                .map(|c| values.get(&c.key).cloned().unwrap_or_default()),
        );
        rows.push(row);
    }
    txn.commit().await?;
    Ok(ExportTable {
        procedure: q.procedure.clone(),
        columns,
        rows,
    })
}
