use crate::common::{now, TestDb};
use crate::counter::submitted_visit;
use madoguchi_services::queue;
use madoguchi_types::error::AppError;
use madoguchi_types::model::{
    ApplicationDetail, ApplicationSummary, QueuePage, QueueQuery, QueueSort, StaffMe,
};

/// The caller's queue, with the shipped rules' procedure names.
async fn list(t: &TestDb, staff: &StaffMe) -> Result<Vec<ApplicationSummary>, AppError> {
    page(t, staff, &QueueQuery::default())
        .await
        .map(|p| p.items)
}

async fn page(t: &TestDb, staff: &StaffMe, q: &QueueQuery) -> Result<QueuePage, AppError> {
    queue::list(
        &t.db,
        staff,
        madoguchi_core::rules::bundled(),
        q,
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
    let names = |l: &[madoguchi_types::model::ApplicationSummary]| {
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

#[tokio::test]
async fn the_queue_filters_sorts_and_pages_and_refuses_nonsense() {
    let t = TestDb::new().await.with_city(20).await;
    submitted_visit(&t).await;
    let hoken = t.staff("hoken").await;
    let all = page(&t, &hoken, &QueueQuery::default()).await.unwrap();
    assert_eq!(all.total, 3);
    assert!(all.procedures.iter().any(|(id, _)| id == "nhi_enrollment"));
    // By procedure.
    let q = QueueQuery {
        procedure: Some("nhi_enrollment".into()),
        ..Default::default()
    };
    let one = page(&t, &hoken, &q).await.unwrap();
    assert_eq!(one.total, 1);
    assert_eq!(one.items[0].procedure_name, "国民健康保険 加入");
    // Into review: gone from 受付, in 審査中; a completed one leaves the open queue.
    let id = one.items[0].id;
    let actor = madoguchi_services::workflow::Actor::Staff(&hoken);
    use madoguchi_core::workflow::Status::*;
    madoguchi_services::workflow::change_status(
        &t.db,
        actor,
        id,
        Received,
        InReview,
        "",
        now(),
        "t",
    )
    .await
    .unwrap();
    let in_review = QueueQuery {
        status: Some("in_review".into()),
        ..Default::default()
    };
    assert_eq!(page(&t, &hoken, &in_review).await.unwrap().items[0].id, id);
    madoguchi_services::workflow::change_status(
        &t.db,
        actor,
        id,
        InReview,
        Completed,
        "",
        now(),
        "t",
    )
    .await
    .unwrap();
    assert_eq!(
        page(&t, &hoken, &QueueQuery::default())
            .await
            .unwrap()
            .total,
        2
    );
    let every = QueueQuery {
        status: Some("all".into()),
        ..Default::default()
    };
    assert_eq!(page(&t, &hoken, &every).await.unwrap().total, 3);
    // Mine: none until one is taken on.
    let mine = QueueQuery {
        mine: true,
        ..Default::default()
    };
    assert_eq!(page(&t, &hoken, &mine).await.unwrap().total, 0);
    let other = all.items.iter().find(|a| a.id != id).unwrap().id;
    madoguchi_services::workflow::assign(&t.db, &hoken, other, Some(hoken.id), now(), "t")
        .await
        .unwrap();
    let mine_now = page(&t, &hoken, &mine).await.unwrap();
    assert_eq!(mine_now.items.len(), 1);
    assert_eq!(
        mine_now.items[0].assignee.as_deref(),
        Some(hoken.display_name.as_str())
    );
    // Received between: the visit was today (Japan time); nothing tomorrow.
    let today = now()
        .with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap())
        .date_naive();
    let today_only = QueueQuery {
        status: Some("all".into()),
        received_from: Some(today),
        received_to: Some(today),
        ..Default::default()
    };
    assert_eq!(page(&t, &hoken, &today_only).await.unwrap().total, 3);
    let tomorrow = QueueQuery {
        received_from: today.succ_opt(),
        ..Default::default()
    };
    assert_eq!(page(&t, &hoken, &tomorrow).await.unwrap().total, 0);
    // Oldest first is the reverse of newest first.
    let newest: Vec<i32> = page(&t, &hoken, &every)
        .await
        .unwrap()
        .items
        .iter()
        .map(|a| a.id)
        .collect();
    let oldest_q = QueueQuery {
        sort: QueueSort::Oldest,
        ..every.clone()
    };
    let mut oldest: Vec<i32> = page(&t, &hoken, &oldest_q)
        .await
        .unwrap()
        .items
        .iter()
        .map(|a| a.id)
        .collect();
    oldest.reverse();
    assert_eq!(newest, oldest);
    // Deadline order works with applications that have none.
    let by_deadline = QueueQuery {
        sort: QueueSort::Deadline,
        ..every.clone()
    };
    assert_eq!(page(&t, &hoken, &by_deadline).await.unwrap().items.len(), 3);
    // Nonsense is a field error, not a 500.
    let backwards = QueueQuery {
        received_from: today.succ_opt(),
        received_to: Some(today),
        ..Default::default()
    };
    assert!(matches!(
        page(&t, &hoken, &backwards).await,
        Err(AppError::InvalidInput { .. })
    ));
    let unknown = QueueQuery {
        status: Some("done".into()),
        ..Default::default()
    };
    assert!(matches!(
        page(&t, &hoken, &unknown).await,
        Err(AppError::InvalidInput { .. })
    ));
    // Past the last page: an empty page, the total still told.
    let far = QueueQuery { page: 5, ..every };
    let p = page(&t, &hoken, &far).await.unwrap();
    assert!(p.items.is_empty());
    assert_eq!(p.total, 3);
}
