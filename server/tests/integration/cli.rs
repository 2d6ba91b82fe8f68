//! The `madoguchi` binary itself: the screening contract on the command line and the
//! staff account command.

use std::io::Write;
use std::process::{Command, Stdio};

const OK: &str = r#"{"as_of":"2026-11-24","events":[{"type":"birth","date":"2026-11-20","person":"c1"}],"household":{"members":[{"id":"p1","relationship":"head","birth_date":"1995-03-03","sex":"female","insurance":"nhi","income":1500000,"public_servant":false,"receives":[]},{"id":"c1","relationship":"child","birth_date":"2026-11-20","sex":"male"}]},"answers":{}}"#;

fn madoguchi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
}

/// Runs `madoguchi --database-url URL ARGS…` and returns its output.
fn on(url: &str, args: &[&str]) -> std::process::Output {
    madoguchi()
        .args(["--database-url", url])
        .args(args)
        .output()
        .unwrap()
}

fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    let out = screen_stdin(OK.replace("\"male\"}", "\"robot\"}").as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["error"]["code"], "unknown_value");
    assert_eq!(e["error"]["path"], "household.members[1].sex");
}

/// Runs `madoguchi screen --input -` with `input` on standard input.
fn screen_stdin(input: &[u8]) -> std::process::Output {
    let mut child = madoguchi()
        .args(["screen", "--input", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn screen_reads_a_batch_from_standard_input_one_line_at_a_time() {
    let out = screen_stdin(format!("{OK}\n{OK}\n").as_bytes());
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["contract"] == "v1"));
}

#[test]
fn screen_refuses_a_line_that_is_not_utf8_and_goes_on() {
    let mut input = format!("{OK}\n").into_bytes();
    input.extend_from_slice(b"{\"as_of\": \"\xff\"}\n");
    input.extend_from_slice(format!("{OK}\n").as_bytes());
    let out = screen_stdin(&input);
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["error"]["code"], "invalid_json");
    assert_eq!(lines[2]["contract"], "v1");
    let one = screen_stdin(b"{\"as_of\": \"\xff\"}");
    assert_eq!(one.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(e["error"]["code"], "invalid_json");
}

#[test]
fn screen_takes_one_request_spread_over_many_lines_as_one() {
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(OK).unwrap())
            .unwrap();
    let out = screen_stdin(pretty.as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["contract"], "v1");
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
        .env("MADOGUCHI_PASSWORD", "hoshigaoka-sakura-namiki")
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
        let db = madoguchi_services::db::connect(&url).await.unwrap();
        let now = chrono::Utc::now();
        let settings = crate::common::settings();
        let (_, me) = madoguchi_services::auth::sign_in::with_password(
            &db,
            &settings,
            "sato",
            "hoshigaoka-sakura-namiki",
            now,
            &crate::common::meta(),
        )
        .await
        .unwrap();
        assert_eq!(me.department_id.as_deref(), Some("kodomo"));
        assert_eq!(me.roles, ["department"]);
        assert_eq!(
            me.state,
            madoguchi_types::model::SessionState::Enrol,
            "a new account enrols a second factor first"
        );
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
    assert_ok(&on(
        &url,
        &["demo-data", "--households", "1500", "--today", "2026-11-25"],
    ));
    let outreach = [
        "outreach",
        "--procedure",
        "child_allowance",
        "--as-of",
        "2026-11-25",
    ];
    let csv = on(&url, &outreach);
    assert_ok(&csv);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("\u{feff}世帯番号,世帯主,住所,"));
    assert!(text.lines().count() > 1, "no household listed:\n{text}");
    let json = on(&url, &[&outreach[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let leads = v["leads"].as_array().unwrap();
    assert_eq!(leads.len(), text.lines().count() - 1);
    assert!(leads
        .iter()
        .all(|l| l["monthly_or_once"].as_i64().unwrap() >= 10000));
    assert!(!on(&url, &["outreach", "--procedure", "child_alowance"])
        .status
        .success());
}
