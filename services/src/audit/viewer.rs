//! The auditor's view of the log: filters (staff member, resident, action, time,
//! outside office hours, denials), pages from the newest entry back, alerts for staff
//! who read many households in a short time, and the same rows as CSV. Reading the
//! log is itself audited.

use super::super::entities::{audit_entry, household, resident, staff_user};
use super::{record, Audit};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use madoguchi_types::error::AppError;
use madoguchi_types::model::audit::{AuditPage, AuditQuery, AuditRow, BulkReadAlert};
use madoguchi_types::model::StaffMe;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{BTreeSet, HashMap, VecDeque};

const PAGE: usize = 100;
/// Rows scanned at most for one page (the after-hours filter is applied in Rust).
const SCAN: u64 = 20_000;
/// "Many residents in a short time": this many households within this many minutes.
pub const BULK_HOUSEHOLDS: usize = 30;
pub const BULK_MINUTES: i64 = 10;
/// Office hours in Japan: 8:00–19:00 on weekdays.
const OPEN_HOUR: u32 = 8;
const CLOSE_HOUR: u32 = 19;

fn jst(t: DateTime<Utc>) -> String {
    t.with_timezone(&crate::time::jst())
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// Weekends, or before 8:00 / from 19:00, in Japan.
pub fn after_hours(t: DateTime<Utc>) -> bool {
    let local = t.with_timezone(&crate::time::jst());
    matches!(local.weekday(), Weekday::Sat | Weekday::Sun)
        || local.hour() < OPEN_HOUR
        || local.hour() >= CLOSE_HOUR
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::time::jst()).single())
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}

/// Outcomes that mean something was refused.
const DENIALS: [&str; 5] = [
    "denied",
    "throttled",
    "replayed",
    "account_locked",
    "address_locked",
];

/// The query as a database condition (everything but office hours). `None` when a
/// named staff member or resident does not exist: nothing can match.
async fn condition(db: &DatabaseConnection, q: &AuditQuery) -> Result<Option<Condition>, AppError> {
    let mut c = Condition::all();
    if let Some(name) = q.staff.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let Some(u) = staff_user::Entity::find()
            .filter(staff_user::Column::Username.eq(name))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        c = c.add(audit_entry::Column::StaffUserId.eq(u.id));
    }
    if let Some(number) = q
        .resident
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let Some(r) = resident::Entity::find()
            .filter(resident::Column::PersonNumber.eq(number))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        c = c.add(
            Condition::any()
                .add(audit_entry::Column::ResidentId.eq(r.id))
                .add(audit_entry::Column::HouseholdId.eq(r.household_id)),
        );
    }
    if let Some(action) = q.action.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        c = c.add(audit_entry::Column::Action.eq(action));
    }
    if let Some(from) = q.from {
        c = c.add(audit_entry::Column::At.gte(day_start(from)));
    }
    if let Some(to) = q.to {
        c = c.add(audit_entry::Column::At.lt(day_start(to + Duration::days(1))));
    }
    if q.denied_only {
        c = c.add(
            Condition::any()
                .add(audit_entry::Column::Outcome.is_in(DENIALS))
                .add(audit_entry::Column::Action.is_in(["lockout", "request_denied"])),
        );
    }
    if let Some(before) = q.before_seq {
        c = c.add(audit_entry::Column::Seq.lt(before));
    }
    Ok(Some(c))
}

struct Names {
    staff: HashMap<i32, String>,
    households: HashMap<i32, String>,
    residents: HashMap<i32, String>,
}

async fn names(db: &DatabaseConnection, rows: &[audit_entry::Model]) -> Result<Names, AppError> {
    let staff_ids: BTreeSet<i32> = rows.iter().filter_map(|r| r.staff_user_id).collect();
    let household_ids: BTreeSet<i32> = rows.iter().filter_map(|r| r.household_id).collect();
    let resident_ids: BTreeSet<i32> = rows.iter().filter_map(|r| r.resident_id).collect();
    Ok(Names {
        staff: staff_user::Entity::find()
            .filter(staff_user::Column::Id.is_in(staff_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.username))
            .collect(),
        households: household::Entity::find()
            .filter(household::Column::Id.is_in(household_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|h| (h.id, h.household_number))
            .collect(),
        residents: resident::Entity::find()
            .filter(resident::Column::Id.is_in(resident_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.person_number))
            .collect(),
    })
}

fn row(e: &audit_entry::Model, n: &Names) -> AuditRow {
    AuditRow {
        seq: e.seq,
        at: jst(e.at),
        staff: e.staff_user_id.and_then(|id| n.staff.get(&id).cloned()),
        resident_account: e.resident_account_id,
        action: e.action.clone(),
        target: e.target.clone(),
        household: e.household_id.and_then(|id| n.households.get(&id).cloned()),
        resident: e.resident_id.and_then(|id| n.residents.get(&id).cloned()),
        purpose: e.purpose.clone(),
        outcome: e.outcome.clone(),
        origin: e.origin.clone(),
        after_hours: after_hours(e.at),
    }
}

/// The entries matching `q`, newest first, up to `limit` (scanning at most `scan`).
async fn matching(
    db: &DatabaseConnection,
    q: &AuditQuery,
    limit: usize,
    scan: u64,
) -> Result<(Vec<audit_entry::Model>, bool), AppError> {
    let Some(cond) = condition(db, q).await? else {
        return Ok((Vec::new(), false));
    };
    let mut out = Vec::new();
    let mut scanned = 0u64;
    let mut before = q.before_seq;
    loop {
        let mut c = cond.clone();
        if let Some(b) = before {
            c = c.add(audit_entry::Column::Seq.lt(b));
        }
        let batch = audit_entry::Entity::find()
            .filter(c)
            .order_by_desc(audit_entry::Column::Seq)
            .limit(1_000)
            .all(db)
            .await?;
        let done = batch.len() < 1_000;
        scanned += batch.len() as u64;
        for e in batch {
            before = Some(e.seq);
            if !q.after_hours || after_hours(e.at) {
                out.push(e);
                if out.len() > limit {
                    out.pop();
                    return Ok((out, true));
                }
            }
        }
        if done || scanned >= scan {
            return Ok((out, !done));
        }
    }
}

/// One page of the viewer, with the bulk-read alerts of the period.
pub async fn search(
    db: &DatabaseConnection,
    auditor: &StaffMe,
    q: &AuditQuery,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<AuditPage, AppError> {
    let (rows, more) = matching(db, q, PAGE, SCAN).await?;
    let n = names(db, &rows).await?;
    let next_before = if more {
        rows.last().map(|r| r.seq)
    } else {
        None
    };
    let alerts = bulk_reads(db, q, now).await?;
    let actions: Vec<String> = audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::Action)
        .distinct()
        .order_by_asc(audit_entry::Column::Action)
        .into_tuple::<String>()
        .all(db)
        .await?;
    record(db, now, origin, read_entry(auditor, "audit_read", q)).await?;
    Ok(AuditPage {
        rows: rows.iter().map(|e| row(e, &n)).collect(),
        next_before,
        alerts,
        actions,
    })
}

fn read_entry<'a>(auditor: &StaffMe, action: &'a str, q: &AuditQuery) -> Audit<'a> {
    Audit {
        staff_user_id: Some(auditor.id),
        action,
        target: format!(
            "staff:{} resident:{} action:{}",
            q.staff.as_deref().unwrap_or("*"),
            q.resident.as_deref().unwrap_or("*"),
            q.action.as_deref().unwrap_or("*")
        ),
        household_id: None,
        resident_id: None,
        purpose: "audit",
        outcome: "ok",
    }
}

/// Staff who read at least `BULK_HOUSEHOLDS` different households within
/// `BULK_MINUTES` in the period (the last 7 days when the query names none).
async fn bulk_reads(
    db: &DatabaseConnection,
    q: &AuditQuery,
    now: DateTime<Utc>,
) -> Result<Vec<BulkReadAlert>, AppError> {
    let from = q.from.map_or(now - Duration::days(7), day_start);
    let to = q.to.map_or(now + Duration::minutes(1), |d| {
        day_start(d + Duration::days(1))
    });
    let reads: Vec<(Option<i32>, DateTime<Utc>, Option<i32>)> = audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::StaffUserId)
        .column(audit_entry::Column::At)
        .column(audit_entry::Column::HouseholdId)
        .filter(audit_entry::Column::HouseholdId.is_not_null())
        .filter(audit_entry::Column::StaffUserId.is_not_null())
        .filter(audit_entry::Column::At.gte(from))
        .filter(audit_entry::Column::At.lt(to))
        .order_by_asc(audit_entry::Column::Seq)
        .limit(200_000)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_staff: HashMap<i32, Vec<(DateTime<Utc>, i32)>> = HashMap::new();
    for (s, at, h) in reads {
        if let (Some(s), Some(h)) = (s, h) {
            by_staff.entry(s).or_default().push((at, h));
        }
    }
    let mut alerts = Vec::new();
    for (staff, events) in &by_staff {
        if let Some((start, count)) = busiest_window(events) {
            let name = staff_user::Entity::find_by_id(*staff)
                .one(db)
                .await?
                .map_or_else(|| format!("#{staff}"), |u| u.username);
            alerts.push(BulkReadAlert {
                staff: name,
                from: jst(start),
                households: u32::try_from(count).unwrap_or(u32::MAX),
                minutes: BULK_MINUTES as u32,
            });
        }
    }
    alerts.sort_by(|a, b| b.households.cmp(&a.households).then(a.staff.cmp(&b.staff)));
    Ok(alerts)
}

/// The window of `BULK_MINUTES` with the most different households, if it reaches
/// `BULK_HOUSEHOLDS`. `events` are in time order.
pub fn busiest_window(events: &[(DateTime<Utc>, i32)]) -> Option<(DateTime<Utc>, usize)> {
    let mut window: VecDeque<(DateTime<Utc>, i32)> = VecDeque::new();
    let mut counts: HashMap<i32, usize> = HashMap::new();
    let mut best: Option<(DateTime<Utc>, usize)> = None;
    for &(at, h) in events {
        window.push_back((at, h));
        *counts.entry(h).or_default() += 1;
        while let Some(&(first, fh)) = window.front() {
            if at - first < Duration::minutes(BULK_MINUTES) {
                break;
            }
            window.pop_front();
            if let Some(c) = counts.get_mut(&fh) {
                *c -= 1;
                if *c == 0 {
                    counts.remove(&fh);
                }
            }
        }
        let distinct = counts.len();
        if distinct >= BULK_HOUSEHOLDS && best.is_none_or(|(_, n)| distinct > n) {
            best = window.front().map(|&(t, _)| (t, distinct));
        }
    }
    best
}

/// The entries matching `q` (newest first, at most 100,000) as CSV, for the auditor.
pub async fn csv(
    db: &DatabaseConnection,
    auditor: &StaffMe,
    q: &AuditQuery,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<String, AppError> {
    let (rows, _) = matching(db, q, 100_000, 1_000_000).await?;
    let n = names(db, &rows).await?;
    let mut out = String::from(
        "seq,at_jst,staff,resident_account,action,target,household,resident,purpose,outcome,origin,after_hours\n",
    );
    for e in &rows {
        let r = row(e, &n);
        let cells = [
            r.seq.to_string(),
            r.at,
            r.staff.unwrap_or_default(),
            r.resident_account
                .map(|a| a.to_string())
                .unwrap_or_default(),
            r.action,
            r.target,
            r.household.unwrap_or_default(),
            r.resident.unwrap_or_default(),
            r.purpose,
            r.outcome,
            r.origin,
            r.after_hours.to_string(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    record(db, now, origin, read_entry(auditor, "audit_export", q)).await?;
    Ok(out)
}

/// A CSV cell, quoted when needed; a leading `= + - @` is defused so a spreadsheet
/// does not run it as a formula.
fn csv_cell(s: &str) -> String {
    let defused = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn office_hours_are_weekdays_eight_to_seven_in_japan() {
        // 2026-11-25 is a Wednesday. 10:00 JST = 01:00 UTC.
        assert!(!after_hours(
            Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap()
        ));
        // 07:59 JST
        assert!(after_hours(
            Utc.with_ymd_and_hms(2026, 11, 24, 22, 59, 0).unwrap()
        ));
        // 19:00 JST
        assert!(after_hours(
            Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap()
        ));
        // Saturday 10:00 JST
        assert!(after_hours(
            Utc.with_ymd_and_hms(2026, 11, 28, 1, 0, 0).unwrap()
        ));
    }

    #[test]
    fn thirty_households_in_ten_minutes_is_an_alert_twenty_nine_is_not() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap();
        let reads = |n: i32, every_secs: i64| -> Vec<(DateTime<Utc>, i32)> {
            (0..n)
                .map(|i| (t0 + Duration::seconds(i64::from(i) * every_secs), i))
                .collect()
        };
        assert_eq!(busiest_window(&reads(30, 20)).map(|(_, n)| n), Some(30));
        assert_eq!(busiest_window(&reads(29, 20)), None);
        // Thirty, but spread over more than ten minutes.
        assert_eq!(busiest_window(&reads(30, 30)), None);
        // The same household thirty times is one household.
        let same: Vec<_> = (0..30).map(|i| (t0 + Duration::seconds(i), 7)).collect();
        assert_eq!(busiest_window(&same), None);
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("plain"), "plain");
    }
}
