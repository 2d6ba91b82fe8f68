use crate::common::{now, TestDb};
use crate::counter::submitted_visit;
use app::error::AppError;
use app::model::{ApplicationDetail, ApplicationSummary, StaffMe};
use app::server::queue;

/// The caller's queue, with the shipped rules' procedure names.
async fn list(t: &TestDb, staff: &StaffMe) -> Result<Vec<ApplicationSummary>, AppError> {
    queue::list(
        &t.db,
        staff,
        madoguchi_core::rules::bundled(),
        now(),
        "test",
    )
    .await
}

async fn get(t: &TestDb, staff: &StaffMe, id: i32) -> Result<ApplicationDetail, AppError> {
    queue::get(
        &t.db,
        staff,
        madoguchi_core::rules::bundled(),
        id,
        now(),
        "test",
    )
    .await
}

#[tokio::test]
async fn each_department_sees_only_its_own_applications_newest_first() {
    let t = TestDb::new().await.with_city(20).await;
    submitted_visit(&t).await;
    let kodomo = t.staff("kodomo").await;
    let hoken = t.staff("hoken").await;
    let k = list(&t, &kodomo).await.unwrap();
    let h = list(&t, &hoken).await.unwrap();
    let names = |l: &[app::model::ApplicationSummary]| {
        l.iter()
            .map(|a| a.procedure_name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&k), vec!["児童手当 認定請求"]);
    let mut hn = names(&h);
    hn.sort();
    assert_eq!(
        hn,
        vec![
            "出産育児一時金 支給申請",
            "国保 産前産後期間 保険料免除 届出",
            "国民健康保険 加入"
        ]
    );
    assert!(h.windows(2).all(|w| w[0].id > w[1].id), "newest first");
}

#[tokio::test]
async fn staff_open_their_application_with_data_and_reasons() {
    let t = TestDb::new().await.with_city(20).await;
    submitted_visit(&t).await;
    let kodomo = t.staff("kodomo").await;
    let id = list(&t, &kodomo).await.unwrap()[0].id;
    let d = get(&t, &kodomo, id).await.unwrap();
    assert_eq!(d.form.title, "児童手当 認定請求書");
    let row = |label: &str| {
        d.form
            .rows()
            .find(|r| r.label == label)
            .map(|r| r.value.clone())
    };
    assert!(row("振込先の口座").unwrap().contains("1234567"));
    assert_eq!(
        row("対象の児童 (18歳の年度末までのお子さん)").unwrap(),
        "山田\u{3000}陽菜 (令和8年11月20日生)"
    );
    assert_eq!(
        row("申請者のマイナンバー (個人番号)").unwrap(),
        "123456789018"
    );
    assert!(d
        .reasons
        .iter()
        .any(|r| r.contains("陽菜さんが2026年11月20日に生まれました")));
}

#[tokio::test]
async fn another_departments_application_is_not_found_and_the_attempt_is_audited() {
    let t = TestDb::new().await.with_city(20).await;
    submitted_visit(&t).await;
    let kodomo = t.staff("kodomo").await;
    let hoken = t.staff("hoken").await;
    let theirs = list(&t, &hoken).await.unwrap()[0].id;
    let before = t.count("audit_log").await;
    assert_eq!(
        get(&t, &kodomo, theirs).await.unwrap_err(),
        AppError::NotFound
    );
    assert_eq!(t.count("audit_log").await, before + 1);
}

#[tokio::test]
async fn counter_staff_have_no_queue() {
    let t = TestDb::new().await.with_city(5).await;
    let counter = t.staff("counter").await;
    assert_eq!(list(&t, &counter).await.unwrap_err(), AppError::Forbidden);
}
