//! `madoguchi import`: municipal extracts into the registry, all or nothing, idempotent,
//! a newer extract changing only what changed — run as the binary a city runs.

use crate::common::{madoguchi_on, TestDb};
use madoguchi_services::entities::{household, resident};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const JUKI: &str = "宛名番号,世帯番号,続柄,氏,名,氏_カナ,名_カナ,生年月日,性別,郵便番号,住所,住民となった年月日,住民状態\n";

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// Runs `madoguchi import ARGS… --json` and answers its JSON and whether it succeeded.
fn import(t: &TestDb, args: &[&str]) -> (bool, serde_json::Value) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = madoguchi_on(&t.url, &all);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "JSON from import: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.success(), json)
}

fn line(r: &resident::Model, household: &str, postal: &str, address: &str, status: &str) -> String {
    let rel = match r.relationship.as_str() {
        "head" => "世帯主",
        "spouse" => "妻",
        "child" => "子",
        _ => "その他",
    };
    let sex = if r.sex == "female" { "2" } else { "1" };
    format!(
        "{},{household},{rel},{},{},{},{},{},{sex},{postal},{address},{},{status}\n",
        r.person_number,
        r.family_name,
        r.given_name,
        r.family_name_kana,
        r.given_name_kana,
        r.birth_date,
        r.moved_in_on
    )
}

fn three_households() -> String {
    let mut s = JUKI.to_owned();
    s.push_str("9000001,8000001,世帯主,鈴木,一郎,スズキ,イチロウ,1980-01-02,1,683-0801,鳥取県米子市新開1-1,2010-04-01,住民\n");
    s.push_str("9000002,8000001,妻,鈴木,花子,スズキ,ハナコ,1982-03-04,2,683-0801,鳥取県米子市新開1-1,2010-04-01,住民\n");
    s.push_str("9000003,8000002,世帯主,髙橋,次郎,タカハシ,ジロウ,1950-05-06,1,683-0802,鳥取県米子市東福原2-2,1975-04-01,住民\n");
    s.push_str("9000004,8000003,世帯主,佐藤,さくら,サトウ,サクラ,1999-07-08,2,689-3401,鳥取県米子市淀江町淀江3-3,2020-10-01,住民\n");
    s
}

#[tokio::test]
async fn importing_the_same_extract_twice_changes_nothing_the_second_time() {
    let t = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "juki.csv", three_households().as_bytes());
    let (ok, first) = import(&t, &["juki", &file]);
    assert!(ok, "{first}");
    assert_eq!(first["inserted"], 4);
    assert_eq!(first["households_inserted"], 3);
    let audit_after_first = t.count("audit_log").await;

    let (ok, again) = import(&t, &["juki", &file]);
    assert!(ok);
    assert_eq!(
        (&again["inserted"], &again["updated"], &again["unchanged"]),
        (&0.into(), &0.into(), &4.into())
    );
    assert_eq!(again["households_inserted"], 0);
    assert_eq!(again["households_updated"], 0);
    assert_eq!(t.count("residents").await, 4);
    assert_eq!(t.count("households").await, 3);
    // Each import is audited, with the file's hash.
    assert_eq!(t.count("audit_log").await, audit_after_first + 1);

    // A dry run reports and writes nothing.
    let newer = three_households().replace(
        "9000004,8000003,世帯主,佐藤,さくら,サトウ,サクラ,1999-07-08,2,689-3401,鳥取県米子市淀江町淀江3-3,2020-10-01,住民",
        "9000004,8000003,世帯主,佐藤,さくら,サトウ,サクラ,1999-07-08,2,689-3401,鳥取県米子市淀江町淀江3-3,2020-10-01,転出",
    );
    let newer = write(&dir, "newer.csv", newer.as_bytes());
    let (ok, dry) = import(&t, &["juki", &newer, "--dry-run"]);
    assert!(ok);
    assert_eq!(
        (&dry["updated"], &dry["dry_run"]),
        (&1.into(), &true.into())
    );
    let sato = resident::Entity::find()
        .filter(resident::Column::PersonNumber.eq("9000004"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sato.status, "active", "a dry run writes nothing");
    assert_eq!(t.count("audit_log").await, audit_after_first + 1);
}

#[tokio::test]
async fn a_newer_extract_moves_records_deaths_and_births_without_touching_applications() {
    let t = TestDb::new().await.with_city(20).await;
    crate::counter::submitted_visit(&t).await;
    let applications = |t: &TestDb| {
        let db = t.db.clone();
        async move {
            madoguchi_services::entities::application::Entity::find()
                .order_by_asc(madoguchi_services::entities::application::Column::Id)
                .all(&db)
                .await
                .unwrap()
        }
    };
    let before = applications(&t).await;
    assert!(!before.is_empty());
    let home = household::Entity::find()
        .filter(household::Column::HouseholdNumber.eq("20000001"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let members = resident::Entity::find()
        .filter(resident::Column::HouseholdId.eq(home.id))
        .order_by_asc(resident::Column::Id)
        .all(&t.db)
        .await
        .unwrap();
    assert!(members.len() >= 2);
    let residents_before = t.count("residents").await;

    // The household moved within the city; its last member moved away; a baby was born.
    let (postal, address) = ("683-0064", "鳥取県米子市道笑町9-9");
    let mut csv = JUKI.to_owned();
    let last = members.len() - 1;
    for (i, m) in members.iter().enumerate() {
        if i == last {
            csv.push_str(&line(
                m,
                "20000001",
                "683-0001",
                "鳥取県倉吉市駄経寺町1",
                "転出",
            ));
        } else {
            csv.push_str(&line(m, "20000001", postal, address, "住民"));
        }
    }
    csv.push_str(&format!(
        "7777777,20000001,子,{},ひかり,{},ヒカリ,2026-11-28,2,{postal},{address},2026-11-28,住民\n",
        members[0].family_name, members[0].family_name_kana
    ));
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "juki-1201.csv", csv.as_bytes());
    let (ok, report) = import(&t, &["juki", &file]);
    assert!(ok, "{report}");
    assert_eq!(report["inserted"], 1);
    assert_eq!(report["updated"], 1);
    assert_eq!(report["households_updated"], 1);
    assert_eq!(t.count("residents").await, residents_before + 1);

    let home = household::Entity::find_by_id(home.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(home.postal_code, "6830064");
    assert_eq!(home.address, address);
    let gone = resident::Entity::find_by_id(members[last].id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(gone.status, "moved_out");
    let baby = resident::Entity::find()
        .filter(resident::Column::PersonNumber.eq("7777777"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(baby.household_id, home.id);
    assert_eq!(
        baby.kana_key,
        format!("{}ヒカリ", members[0].family_name_kana)
    );

    // What was submitted stays exactly as it was submitted.
    assert_eq!(applications(&t).await, before);
}

#[tokio::test]
async fn a_shift_jis_extract_imports_and_a_file_with_one_bad_row_changes_nothing() {
    let t = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let text = three_households();
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    let file = write(&dir, "juki-sjis.csv", &sjis);
    let (ok, report) = import(&t, &["juki", &file, "--encoding", "cp932"]);
    assert!(ok, "{report}");
    assert_eq!(report["inserted"], 4);
    let takahashi = resident::Entity::find()
        .filter(resident::Column::PersonNumber.eq("9000003"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(takahashi.family_name, "髙橋");

    // Read as UTF-8, the same bytes fail at their first line and column.
    let (ok, wrong) = import(&t, &["juki", &file]);
    assert!(!ok);
    assert_eq!(wrong["errors"][0]["code"], "encoding");
    assert_eq!(wrong["errors"][0]["line"], 1);

    // One bad date among good rows (one new): nothing is written.
    let mut bad = three_households();
    bad.push_str("9000005,8000003,子,佐藤,ゆい,サトウ,ユイ,2026-02-30,2,689-3401,鳥取県米子市淀江町淀江3-3,2026-02-28,住民\n");
    bad = bad.replace("鈴木,花子", "鈴木,華子");
    let file = write(&dir, "bad.csv", bad.as_bytes());
    let audit = t.count("audit_log").await;
    let (ok, refused) = import(&t, &["juki", &file]);
    assert!(!ok);
    assert_eq!(refused["count"], 1);
    let e = &refused["errors"][0];
    assert_eq!((&e["line"], &e["column"]), (&6.into(), &8.into()));
    assert_eq!(e["field"], "生年月日");
    assert_eq!(t.count("residents").await, 4);
    let hanako = resident::Entity::find()
        .filter(resident::Column::PersonNumber.eq("9000002"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hanako.given_name, "花子");
    assert_eq!(t.count("audit_log").await, audit);

    // The human-readable form names the line too.
    let out = madoguchi_on(&t.url, &["import", "juki", &file]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("6行目 8列目 (生年月日)"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
}

#[tokio::test]
async fn tax_insurance_allowance_and_care_extracts_refer_to_residents() {
    let t = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let juki = write(&dir, "juki.csv", three_households().as_bytes());
    assert!(import(&t, &["juki", &juki]).0);

    let tax = write(
        &dir,
        "tax.csv",
        "宛名番号,課税年度,合計所得金額,非課税区分\n9000001,2026,4500000,0\n9000002,2026,0,1\n"
            .as_bytes(),
    );
    let (ok, r) = import(&t, &["tax", &tax]);
    assert!(ok, "{r}");
    assert_eq!(r["inserted"], 2);
    let tax2 = write(
        &dir,
        "tax2.csv",
        "宛名番号,課税年度,合計所得金額,非課税区分\n9000001,2026,4800000,0\n9000002,2026,0,1\n"
            .as_bytes(),
    );
    let (_, r) = import(&t, &["tax", &tax2]);
    assert_eq!((&r["updated"], &r["unchanged"]), (&1.into(), &1.into()));

    let ins = write(
        &dir,
        "ins.csv",
        "宛名番号,保険区分,資格取得年月日,資格喪失年月日\n9000003,後期高齢,2025-05-06,\n9000004,国保,2020-10-01,\n".as_bytes(),
    );
    assert_eq!(import(&t, &["insurance", &ins]).1["inserted"], 2);

    let ca = "宛名番号,認定年月日,支給対象児童数,公務員区分,消滅年月日\n9000001,2024-10-01,1,0,\n";
    let ca = write(&dir, "ca.csv", ca.as_bytes());
    assert_eq!(import(&t, &["child-allowance", &ca]).1["inserted"], 1);
    let ended = "宛名番号,認定年月日,支給対象児童数,公務員区分,消滅年月日\n9000001,2024-10-01,1,0,2026-11-30\n";
    let ended = write(&dir, "ca-ended.csv", ended.as_bytes());
    assert_eq!(import(&t, &["child-allowance", &ended]).1["removed"], 1);
    assert_eq!(t.count("child_allowance_recipients").await, 0);

    let care = "宛名番号,要介護状態区分,認定有効期間開始年月日,認定有効期間終了年月日\n9000003,要介護2,2026-04-01,2027-03-31\n";
    let care = write(&dir, "care.csv", care.as_bytes());
    assert_eq!(import(&t, &["care", &care]).1["inserted"], 1);

    // A 宛名番号 the registry does not know fails the whole file.
    let unknown = write(
        &dir,
        "unknown.csv",
        "宛名番号,課税年度,合計所得金額,非課税区分\n9000003,2026,1200000,0\n1234567,2026,0,1\n"
            .as_bytes(),
    );
    let (ok, r) = import(&t, &["tax", &unknown]);
    assert!(!ok);
    assert_eq!(r["errors"][0]["code"], "unknown_resident");
    assert_eq!(r["errors"][0]["line"], 3);
    assert_eq!(t.count("tax_incomes").await, 2);
}

/// A big extract: `n` residents, two per household.
pub fn big_extract(n: usize) -> String {
    let mut s = String::with_capacity(n * 140);
    s.push_str(JUKI);
    for i in 0..n {
        let (rel, given, kana) = if i % 2 == 0 {
            ("世帯主", "一郎", "イチロウ")
        } else {
            ("妻", "花子", "ハナコ")
        };
        s.push_str(&format!(
            "{},{},{rel},山本,{given},ヤマモト,{kana},1970-01-01,{},683-0001,鳥取県米子市旗ヶ崎{}-1,2000-04-01,住民\n",
            50_000_000 + i,
            60_000_000 + i / 2,
            1 + i % 2,
            i / 2
        ));
    }
    s
}

/// kill -9 during an import: the transaction is all of the file or none of it, and the
/// same command run again completes it.
#[tokio::test]
async fn an_import_killed_midway_leaves_nothing_half_written() {
    let t = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let n = 40_000;
    let file = write(&dir, "big.csv", big_extract(n).as_bytes());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["import", "juki", &file])
        .env("DATABASE_URL", &t.url)
        .env("RUST_LOG", "info")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it has read the file and begun writing, then kill it.
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    assert!(lines.any(|l| l.unwrap().contains("writing")));
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    let residents = t.count("residents").await;
    let households = t.count("households").await;
    assert!(
        (residents, households) == (0, 0) || (residents, households) == (n as i64, n as i64 / 2),
        "half written: {residents} residents, {households} households (killed: {status})"
    );
    let (ok, r) = import(&t, &["juki", &file]);
    assert!(ok, "{r}");
    assert_eq!(t.count("residents").await, n as i64);
    assert_eq!(
        r["inserted"].as_i64().unwrap() + r["unchanged"].as_i64().unwrap(),
        n as i64
    );
}
