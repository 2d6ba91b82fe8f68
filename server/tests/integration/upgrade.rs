//! Upgrading a city's database: the online visits' migration (a visit's staff member
//! becomes optional; on SQLite the tables are rebuilt) keeps every row and every link,
//! and the foreign keys still hold afterwards.

use crate::common::TestDb;
use ::migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

async fn exec(db: &DatabaseConnection, sql: &str) -> Result<(), sea_orm::DbErr> {
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .map(|_| ())
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

#[tokio::test]
async fn the_online_visits_migration_keeps_every_visit_and_its_links() {
    let t = TestDb::new().await;
    let (url, _keep) = t.empty_database().await;
    let db = madoguchi_services::db::connect(&url).await.unwrap();
    // The schema of round 1's last migration, with a counter visit in it.
    Migrator::up(&db, Some(12)).await.unwrap();
    let at = "'2026-11-20T01:00:00+00:00'";
    for sql in [
        format!("INSERT INTO staff_users (username, display_name, password_hash, active, created_at) VALUES ('counter', '窓口', 'x', TRUE, {at})"),
        "INSERT INTO households (household_number, postal_code, address) VALUES ('20000001', '6830000', '本町1-2-3')".into(),
        format!("INSERT INTO visits (visit_number, staff_user_id, household_id, channel, status, events, values_prefilled, values_asked, values_on_paper, created_at, satisfaction) VALUES ('261120-ABCDEF', (SELECT id FROM staff_users), (SELECT id FROM households), 'counter', 'submitted', '[]', 5, 3, 0, {at}, 4)"),
        "INSERT INTO answers (visit_id, key, value, source) VALUES ((SELECT id FROM visits), 'applicant.phone', '090-1234-5678', 'asked')".into(),
        format!("INSERT INTO consents (visit_id, scope, granted, purposes, staff_user_id, at) VALUES ((SELECT id FROM visits), 'tax', TRUE, '[]', (SELECT id FROM staff_users), {at})"),
    ] {
        exec(&db, &sql).await.unwrap();
    }

    Migrator::up(&db, None).await.unwrap();

    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM visits v JOIN staff_users s ON s.id = v.staff_user_id JOIN households h ON h.id = v.household_id WHERE v.satisfaction = 4 AND v.values_prefilled = 5 AND v.resident_account_id IS NULL").await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM answers a JOIN visits v ON v.id = a.visit_id"
        )
        .await,
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM consents c JOIN visits v ON v.id = c.visit_id WHERE c.staff_user_id IS NOT NULL").await,
        1
    );
    // A visit without a staff member (online) is now allowed; a broken link is not.
    exec(&db, &format!("INSERT INTO visits (visit_number, household_id, channel, status, events, values_prefilled, values_asked, values_on_paper, created_at, resident_account_id) VALUES ('261120-000001', (SELECT id FROM households), 'online', 'open', '[]', 0, 0, 0, {at}, 1)")).await.unwrap();
    exec(&db, &format!("INSERT INTO consents (visit_id, scope, granted, purposes, at) VALUES ((SELECT id FROM visits WHERE channel = 'online'), 'tax', TRUE, '[]', {at})")).await.unwrap();
    assert!(exec(
        &db,
        "INSERT INTO answers (visit_id, key, value, source) VALUES (999999, 'k', 'v', 'asked')"
    )
    .await
    .is_err());
    assert!(exec(&db, &format!("INSERT INTO visits (visit_number, staff_user_id, channel, status, events, values_prefilled, values_asked, values_on_paper, created_at) VALUES ('261120-000002', 999999, 'counter', 'open', '[]', 0, 0, 0, {at})")).await.is_err());
    // A visit number stays unique.
    assert!(exec(&db, &format!("INSERT INTO visits (visit_number, channel, status, events, values_prefilled, values_asked, values_on_paper, created_at) VALUES ('261120-ABCDEF', 'online', 'open', '[]', 0, 0, 0, {at})")).await.is_err());
}
