//! The `madoguchi` binary itself: the screening contract on the command line and the
//! staff account command.

use std::io::Write;
use std::process::{Command, Stdio};

const OK: &str = r#"{"as_of":"2026-11-24","events":[{"type":"birth","date":"2026-11-20","person":"c1"}],"household":{"members":[{"id":"p1","relationship":"head","birth_date":"1995-03-03","sex":"female","insurance":"nhi","income":1500000,"public_servant":false,"receives":[]},{"id":"c1","relationship":"child","birth_date":"2026-11-20","sex":"male"}]},"answers":{}}"#;

fn madoguchi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
}

/// Runs `madoguchi screen --input FILE` on `contents` saved as `name`.
fn screen_file(name: &str, contents: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, contents).unwrap();
    madoguchi()
        .args(["screen", "--input"])
        .arg(&file)
        .output()
        .unwrap()
}

#[test]
fn screen_prints_the_result_of_a_json_file() {
    let out = screen_file("req.json", OK);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(result["contract"], "v1");
    let ids: Vec<&str> = result["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"child_rearing_allowance"), "{ids:?}");
}

#[test]
fn screen_reads_standard_input_and_exits_2_with_the_error_object() {
    let mut child = madoguchi()
        .args(["screen", "--input", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(OK.replace("\"male\"}", "\"robot\"}").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["error"]["code"], "unknown_value");
    assert_eq!(e["error"]["path"], "household.members[1].sex");
}

#[test]
fn screen_batch_answers_each_line_in_order() {
    let out = screen_file("many.jsonl", &format!("{OK}\nnot json\n{OK}\n"));
    assert_eq!(
        out.status.code(),
        Some(2),
        "one bad line makes the batch exit 2"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["contract"], "v1");
    assert_eq!(lines[1]["error"]["code"], "invalid_json");
    assert_eq!(lines[2]["contract"], "v1");
}

#[test]
fn user_creates_an_account_that_can_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("u.db").display());
    let out = madoguchi()
        .args([
            "user",
            "--username",
            "sato",
            "--name",
            "佐藤 一郎",
            "--role",
            "department",
            "--department",
            "kodomo",
        ])
        .env("DATABASE_URL", &url)
        .env("MADOGUCHI_PASSWORD", "correct-horse-battery")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let short = madoguchi()
        .args([
            "user",
            "--username",
            "kato",
            "--name",
            "加藤",
            "--role",
            "counter",
        ])
        .env("DATABASE_URL", &url)
        .env("MADOGUCHI_PASSWORD", "short")
        .output()
        .unwrap();
    assert!(!short.status.success());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = app::server::db::connect(&url).await.unwrap();
        let now = chrono::Utc::now();
        let (_, me) = app::server::auth::sign_in(&db, "sato", "correct-horse-battery", now, "test")
            .await
            .unwrap();
        assert_eq!(me.department_id.as_deref(), Some("kodomo"));
    });
}

#[test]
fn screen_explain_prints_the_trace() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("req.json");
    std::fs::write(&file, OK).unwrap();
    let out = madoguchi()
        .args(["screen", "--explain", "--input"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = result["trace"]["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .any(|r| r["rule"] == "birth.child_rearing_allowance" && r["outcome"] == "applies"));
}

#[test]
fn outreach_lists_households_eligible_for_child_allowance_that_do_not_receive_it() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("city.db").display());
    let load = madoguchi()
        .args([
            "--database-url",
            &url,
            "demo-data",
            "--households",
            "1500",
            "--today",
            "2026-11-25",
        ])
        .output()
        .unwrap();
    assert!(
        load.status.success(),
        "{}",
        String::from_utf8_lossy(&load.stderr)
    );
    let csv = madoguchi()
        .args([
            "--database-url",
            &url,
            "outreach",
            "--procedure",
            "child_allowance",
            "--as-of",
            "2026-11-25",
        ])
        .output()
        .unwrap();
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("\u{feff}世帯番号,世帯主,住所,"));
    assert!(text.lines().count() > 1, "no household listed:\n{text}");
    let json = madoguchi()
        .args([
            "--database-url",
            &url,
            "outreach",
            "--procedure",
            "child_allowance",
            "--as-of",
            "2026-11-25",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let leads = v["leads"].as_array().unwrap();
    assert_eq!(leads.len(), text.lines().count() - 1);
    assert!(leads
        .iter()
        .all(|l| l["monthly_or_once"].as_i64().unwrap() >= 10000));
    let unknown = madoguchi()
        .args([
            "--database-url",
            &url,
            "outreach",
            "--procedure",
            "child_alowance",
        ])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
}
