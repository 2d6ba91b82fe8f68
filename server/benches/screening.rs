//! Benchmarks (`cargo bench -p server --bench screening`):
//! - `engine/nhi_birth`: screening one household in the rule engine, with reasons;
//! - `engine/nhi_birth_explain`: the same with the full trace (goal: ≤ 1.5× untraced);
//! - `engine/move_in_family`: a family of four moving in (every member screened by
//!   every moving rule);
//! - `submit/nhi_birth`: the submit service on a real SQLite file — re-screening, checks
//!   and the transaction that writes six applications (a new visit each iteration);
//! - `navigator/birth_answered`: the public navigator's answer (`navigator::guide`) for
//!   a family of three after a birth with every question answered, on a real SQLite
//!   file (the departments read each time). Goal (issue 16): ≤ 50 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use madoguchi_core::rules::{bundled, Options};
use madoguchi_core::screening::{parse_request, screen};
use madoguchi_services::visits::Owner;
use madoguchi_services::{auth, demo, visits, Clock};
use madoguchi_types::model::{BabyInput, SubmitVisit, VisitInput};
use std::collections::BTreeMap;

const REQUEST: &str = r#"{"as_of":"2026-11-24","events":[{"type":"birth","date":"2026-11-20","person":"c1"}],
 "household":{"members":[
  {"id":"p1","relationship":"head","birth_date":"1990-05-01","sex":"male","insurance":"nhi","income":2800000,"public_servant":false,"receives":[]},
  {"id":"p2","relationship":"spouse","birth_date":"1992-07-10","sex":"female","insurance":"nhi","income":0},
  {"id":"c2","relationship":"child","birth_date":"2019-04-02","sex":"male"},
  {"id":"c1","relationship":"child","birth_date":"2026-11-20","sex":"female"}]},"answers":{}}"#;

fn engine(c: &mut Criterion) {
    let request = parse_request(REQUEST).expect("valid request");
    c.bench_function("engine/nhi_birth", |b| {
        b.iter(|| screen(std::hint::black_box(&request)).expect("screened"))
    });
    c.bench_function("engine/nhi_birth_explain", |b| {
        let explain = Options {
            labels: None,
            explain: true,
        };
        b.iter(|| {
            bundled()
                .screen_with(std::hint::black_box(&request), explain)
                .expect("screened")
        })
    });
    let move_in = parse_request(&REQUEST.replace(
        r#"{"type":"birth","date":"2026-11-20","person":"c1"}"#,
        r#"{"type":"move_in","date":"2026-11-20"}"#,
    ))
    .expect("valid request");
    c.bench_function("engine/move_in_family", |b| {
        b.iter(|| screen(std::hint::black_box(&move_in)).expect("screened"))
    });
    c.bench_function("engine/parse_and_screen", |b| {
        b.iter(|| {
            screen(&parse_request(std::hint::black_box(REQUEST)).expect("valid")).expect("screened")
        })
    });
}

/// A runtime and a SQLite file of its own (kept while the directory lives).
fn runtime_and_file() -> (tokio::runtime::Runtime, tempfile::TempDir, String) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    (rt, dir, url)
}

fn submit(c: &mut Criterion) {
    let (rt, _dir, url) = runtime_and_file();
    let clock = Clock::System;
    let (db, staff) = rt.block_on(async {
        let db = server::cli::open(&url).await.expect("database");
        demo::generate(&db, 200, 1, clock.today(), clock.now())
            .await
            .expect("demo city");
        let staff = signed_in(&db, clock).await;
        (db, staff)
    });
    let baby = BabyInput {
        family_name: "山田".into(),
        given_name: "陽菜".into(),
        family_kana: "ヤマダ".into(),
        given_kana: "ヒナ".into(),
        birth_date: clock.today().to_string(),
        sex: "female".into(),
    };
    let live = madoguchi_services::LiveRules::bundled();
    // The interview as the tablet sends it: every asked field answered.
    let interview = rt.block_on(async {
        let number = visits::start(&db, Owner::Staff(&staff), clock)
            .await
            .expect("visit");
        visits::consent::record(
            &db,
            Owner::Staff(&staff),
            &number,
            true,
            clock.now(),
            "bench",
        )
        .await
        .expect("consent");
        let s = visits::screen(
            &db,
            Owner::Staff(&staff),
            &live,
            &birth_visit(number, &baby),
            clock,
            "bench",
        )
        .await
        .expect("screened");
        madoguchi_core::forms::sample::answers(&s.interview.catalog, &s.interview.plan)
    });
    c.bench_function("submit/nhi_birth", |b| {
        b.iter(|| {
            rt.block_on(async {
                let visit_number = visits::start(&db, Owner::Staff(&staff), clock)
                    .await
                    .expect("visit");
                visits::consent::record(
                    &db,
                    Owner::Staff(&staff),
                    &visit_number,
                    true,
                    clock.now(),
                    "bench",
                )
                .await
                .expect("consent");
                let input = SubmitVisit {
                    visit: birth_visit(visit_number, &baby),
                    answers: interview.clone(),
                    signature_png: Some(SIGNATURE.into()),
                };
                visits::submit(&db, Owner::Staff(&staff), &live, &input, clock, "bench")
                    .await
                    .expect("submitted")
            })
        })
    });
}

/// A signature as the tablet sends it (a tiny PNG).
const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAAAAADRSSBWAAAAC0lEQVR4nGNg+A8AAQIBAEK+vGgAAAAASUVORK5CYII=";

/// The 山田 household's birth visit.
fn birth_visit(visit_number: String, baby: &BabyInput) -> VisitInput {
    VisitInput {
        visit_number,
        household_number: "20000001".into(),
        applicant: None,
        events: vec![madoguchi_types::model::EventInput {
            kind: madoguchi_core::screening::EventType::Birth,
            date: String::new(),
            person: None,
        }],
        baby: Some(baby.clone()),
        answers: BTreeMap::new(),
    }
}

fn navigator(c: &mut Criterion) {
    use madoguchi_core::navigator::{EventSketch, Kin, Sketch};
    use madoguchi_core::screening::{EventType, Sex};
    let (rt, _dir, url) = runtime_and_file();
    let clock = Clock::System;
    let today = clock.today();
    let db = rt.block_on(async {
        let db = server::cli::open(&url).await.expect("database");
        demo::generate(&db, 10, 1, today, clock.now())
            .await
            .expect("demo city");
        db
    });
    let live = madoguchi_services::LiveRules::bundled();
    let mut sketch = Sketch::default();
    sketch.members[0].birth_date = "1992-07-10".into();
    sketch.members[0].sex = Sex::Female;
    sketch.add(Kin::Partner);
    sketch.members[1].birth_date = "1990-05-01".into();
    sketch.add(Kin::Child);
    sketch.members[2].birth_date = "2020-04-01".into();
    sketch.events.push(EventSketch {
        kind: EventType::Birth,
        date: (today - chrono::Days::new(3)).to_string(),
        person: None,
    });
    // Every question answered, as the phone does round after round.
    rt.block_on(async {
        for _ in 0..10 {
            let g = madoguchi_services::navigator::guide(&db, &live, &sketch, today)
                .await
                .expect("guided");
            if g.questions.is_empty() {
                break;
            }
            for q in g.questions {
                let value = match q.kind.as_str() {
                    "boolean" => serde_json::json!(false),
                    "number" => serde_json::json!(0),
                    _ if q.options.iter().any(|o| o == "nhi") => serde_json::json!("nhi"),
                    _ => serde_json::json!(q.options.first()),
                };
                sketch.answers.insert(q.id, value);
            }
        }
    });
    c.bench_function("navigator/birth_answered", |b| {
        b.iter(|| {
            rt.block_on(madoguchi_services::navigator::guide(
                &db,
                &live,
                std::hint::black_box(&sketch),
                today,
            ))
            .expect("guided")
        })
    });
}

criterion_group!(benches, engine, submit, navigator);
criterion_main!(benches);

/// The demo counter account, signed in with its password and an authenticator app
/// enrolled as a phone would (the services take a fully signed-in staff member).
async fn signed_in(
    db: &sea_orm::DatabaseConnection,
    clock: Clock,
) -> madoguchi_types::model::StaffMe {
    let settings = auth::SecuritySettings::new("http://localhost:3000");
    let meta = auth::RequestMeta::local("127.0.0.1");
    let password = demo::DEMO_STAFF
        .iter()
        .find(|s| s.0 == "counter")
        .expect("counter")
        .4;
    let (token, _) =
        auth::sign_in::with_password(db, &settings, "counter", password, clock.now(), &meta)
            .await
            .expect("sign in");
    let current = auth::sessions::resolve(db, &settings, &token, clock.now(), &meta)
        .await
        .expect("session");
    let enrolment = auth::totp::start(db, &current).await.expect("enrolment");
    let current = auth::sessions::resolve(db, &settings, &token, clock.now(), &meta)
        .await
        .expect("session");
    let code =
        auth::totp::code_at(&enrolment.secret, auth::totp::step_of(clock.now())).expect("code");
    auth::totp::confirm(db, &settings, &current, &code, clock.now(), &meta)
        .await
        .expect("enrolled")
        .1
}
