use crate::common::{now, today, TestDb};
use madoguchi_services::demo;
use madoguchi_services::entities::resident;
use sea_orm::{EntityTrait, QueryOrder};

#[tokio::test]
async fn runs_on_the_backend_the_run_asked_for() {
    let t = TestDb::new().await;
    let expected = match std::env::var("MADOGUCHI_TEST_BACKEND").as_deref() {
        Ok("postgres") => sea_orm::DatabaseBackend::Postgres,
        _ => sea_orm::DatabaseBackend::Sqlite,
    };
    assert_eq!(t.backend(), expected);
    println!("integration backend: {:?}", t.backend());
}

#[tokio::test]
async fn demo_city_has_the_households_asked_for_with_their_facts() {
    let t = TestDb::new().await.with_city(300).await;
    assert_eq!(t.count("households").await, 300);
    let residents = t.count("residents").await;
    assert!(
        residents > 500,
        "expected families, got {residents} residents"
    );
    assert!(t.count("insurance_memberships").await > 100);
    assert!(t.count("tax_incomes").await > 300);
    assert!(t.count("child_allowance_recipients").await > 10);
    assert!(t.count("care_certifications").await > 0);
    assert!(t.count("property_ownerships").await > 10);
    assert_eq!(
        t.count("departments").await,
        madoguchi_core::rules::bundled().departments.len() as i64
    );
    assert_eq!(t.count("staff_users").await, demo::DEMO_STAFF.len() as i64);
}

#[tokio::test]
async fn the_same_seed_gives_the_same_city() {
    let a = TestDb::new().await.with_city(120).await;
    let b = TestDb::new().await.with_city(120).await;
    let names = |db: sea_orm::DatabaseConnection| async move {
        resident::Entity::find()
            .order_by_asc(resident::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.person_number, r.family_name, r.given_name, r.birth_date))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(a.db.clone()).await, names(b.db.clone()).await);
}

#[tokio::test]
async fn a_second_load_into_a_full_registry_is_refused() {
    let t = TestDb::new().await.with_city(10).await;
    let again = demo::generate(&t.db, 10, 7, today(), now()).await;
    assert!(matches!(again, Err(demo::DemoError::NotEmpty(10))));
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys() {
    let t = TestDb::new().await;
    if t.backend() != sea_orm::DatabaseBackend::Sqlite {
        return;
    }
    let pragma = |name: &'static str| {
        let db = t.db.clone();
        async move {
            use sea_orm::ConnectionTrait;
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Sqlite,
                    format!("PRAGMA {name}"),
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap()
        }
    };
    assert_eq!(pragma("journal_mode").await, "wal");
    assert_eq!(pragma("synchronous").await, "2", "FULL");
    assert_eq!(pragma("foreign_keys").await, "1");
}
