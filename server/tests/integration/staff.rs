//! Staff management and the departments as data.

use crate::common::{meta, now, TestDb};
use crate::counter::{screen, start};
use madoguchi_core::jp::ValueError;
use madoguchi_services::{staff, Clock};
use madoguchi_types::error::AppError;
use madoguchi_types::model::staff::{DepartmentInfo, StaffInput};

fn field_errors(e: &AppError) -> Vec<(String, ValueError)> {
    match e {
        AppError::InvalidInput { fields } => {
            fields.iter().map(|f| (f.field.clone(), f.error)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn a_department_as_the_city_keeps_it_is_what_the_counter_shows() {
    let t = TestDb::new().await.with_city(20).await;
    let admin = t.staff("admin").await;
    staff::departments::save(
        &t.db,
        &admin,
        &DepartmentInfo {
            id: "kodomo".into(),
            name: "こども家庭課".into(),
            counter: "1階 3番窓口".into(),
            building: "第2庁舎".into(),
            phone: "0859-00-0300".into(),
        },
        now(),
        &meta(),
    )
    .await
    .unwrap();
    let counter = t.staff("counter").await;
    let clock = Clock::Fixed(now());
    let number = start(&t, &counter, clock).await;
    let s = screen(&t, &counter, &crate::counter::visit(number), clock)
        .await
        .unwrap();
    let allowance = s
        .procedures
        .iter()
        .find(|p| p.procedure.id == "child_allowance")
        .unwrap();
    assert_eq!(allowance.department_name, "こども家庭課");
    assert_eq!(allowance.counter, "第2庁舎 1階 3番窓口");
    assert_eq!(allowance.phone.as_deref(), Some("0859-00-0300"));
    // Loading the rules again (a restart) keeps the city's edit.
    madoguchi_services::rules::load(&t.db, now()).await.unwrap();
    let d = staff::departments::list(&t.db).await.unwrap();
    assert_eq!(
        d.iter().find(|d| d.id == "kodomo").unwrap().name,
        "こども家庭課"
    );
}

#[tokio::test]
async fn a_department_with_bad_fields_is_refused_field_by_field() {
    let t = TestDb::new().await.with_city(5).await;
    let admin = t.staff("admin").await;
    let e = staff::departments::save(
        &t.db,
        &admin,
        &DepartmentInfo {
            id: "Bad Id".into(),
            name: String::new(),
            counter: "1階".into(),
            building: String::new(),
            phone: "12-34".into(),
        },
        now(),
        &meta(),
    )
    .await
    .unwrap_err();
    let fields: Vec<String> = field_errors(&e).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["id", "name", "phone"]);
}

#[tokio::test]
async fn a_new_account_is_checked_before_anything_is_saved() {
    let t = TestDb::new().await.with_city(5).await;
    let admin = t.staff("admin").await;
    let before = t.count("staff_users").await;
    let input = |username: &str, roles: &[&str], dept: Option<&str>| StaffInput {
        username: username.into(),
        display_name: "新人".into(),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        department_id: dept.map(str::to_owned),
    };
    let cases = [
        (
            input("counter", &["counter"], None),
            ("username", ValueError::Taken),
        ),
        (
            input("sato san", &["counter"], None),
            ("username", ValueError::InvalidUsername),
        ),
        (
            input("sato", &[], None),
            ("roles", ValueError::InvalidChoice),
        ),
        (
            input("sato", &["superuser"], None),
            ("roles", ValueError::InvalidChoice),
        ),
        (
            input("sato", &["department"], None),
            ("department_id", ValueError::Required),
        ),
        (
            input("sato", &["department"], Some("nowhere")),
            ("department_id", ValueError::InvalidChoice),
        ),
    ];
    for (i, (bad, expected)) in cases.iter().enumerate() {
        let e = staff::create(&t.db, &admin, bad, now(), &meta())
            .await
            .unwrap_err();
        assert!(
            field_errors(&e).contains(&(expected.0.to_owned(), expected.1)),
            "case {i}: {e:?}"
        );
    }
    assert_eq!(t.count("staff_users").await, before, "nothing saved");
    let made = staff::create(
        &t.db,
        &admin,
        &input("sato", &["department"], Some("kodomo")),
        now(),
        &meta(),
    )
    .await
    .unwrap();
    assert_eq!(made.temporary_password.unwrap().len(), 19);
}
