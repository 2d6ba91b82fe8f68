//! Rule tests as data: named cases (a request, and what must come out) kept beside the
//! rules in `rules/tests/*.toml`, run by `cargo test` and from the admin page.
//!
//! ```toml
//! [households.nhi_family]
//! members = [{ id = "p1", relationship = "head", birth_date = 1990-05-01, sex = "male" }]
//!
//! [[case]]
//! name = "…"
//! as_of = 2026-11-24
//! events = [{ type = "birth", date = 2026-11-20, person = "c1" }]
//! household = "nhi_family"           # or `members = [...]`
//! patch = { p1 = { insurance = "employee" } }
//! add = [{ id = "c1", relationship = "child", birth_date = 2026-11-20, sex = "female" }]
//! answers = { "p1.public_servant" = false }
//! expect = ["birth_registration"]    # exactly these procedure ids
//! includes = [], excludes = []        # at least / none of these
//! questions = []                     # exactly these question ids (empty when `expect` is given)
//! deadlines = { birth_registration = 2026-12-03 }   # or "none"
//! benefits = { child_allowance = 15000 }
//! benefit_ranges = { child_rearing_allowance = [10740, 45490] }   # lowest, highest
//! deadline_notes = { child_allowance = "閉庁日" }   # the note contains this, or "none"
//! not_applicable = { child_rearing_allowance = "所得制限" }   # ruled out, why contains this
//! subjects = { child_allowance = "c1", nhi_enrollment = ["p1", "c1"] }   # whom each is for
//! error = "duplicate_member_id"      # the request must be refused with this code
//! ```

use super::{RuleFiles, Ruleset};
use crate::screening::parse_request;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;
use toml::Value;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    households: BTreeMap<String, HouseholdDef>,
    #[serde(default)]
    case: Vec<CaseDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HouseholdDef {
    members: Vec<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseDef {
    name: String,
    as_of: Value,
    events: Vec<Value>,
    household: Option<String>,
    members: Option<Vec<Value>>,
    #[serde(default)]
    patch: BTreeMap<String, toml::Table>,
    #[serde(default)]
    add: Vec<Value>,
    #[serde(default)]
    answers: toml::Table,
    expect: Option<Vec<String>>,
    #[serde(default)]
    includes: Vec<String>,
    #[serde(default)]
    excludes: Vec<String>,
    questions: Option<Vec<String>>,
    #[serde(default)]
    deadlines: BTreeMap<String, Value>,
    #[serde(default)]
    benefits: BTreeMap<String, i64>,
    #[serde(default)]
    benefit_ranges: BTreeMap<String, [i64; 2]>,
    #[serde(default)]
    deadline_notes: BTreeMap<String, String>,
    #[serde(default)]
    not_applicable: BTreeMap<String, String>,
    #[serde(default)]
    subjects: BTreeMap<String, OneOrMany>,
    error: Option<String>,
    error_path: Option<String>,
}

/// A member id, or the list of every member a procedure is listed for.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// One case's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseResult {
    pub file: String,
    pub name: String,
    pub passed: bool,
    pub failures: Vec<super::Msg>,
    /// The procedure ids the case names (expected or excluded), for coverage.
    pub procedures: Vec<String>,
}

fn to_json(v: &Value) -> Json {
    match v {
        Value::String(s) => Json::String(s.clone()),
        Value::Integer(i) => json!(i),
        Value::Float(f) => json!(f),
        Value::Boolean(b) => Json::Bool(*b),
        Value::Datetime(d) => Json::String(d.to_string()),
        Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        Value::Table(t) => Json::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// Runs every case of every file against `rules`. A file that does not parse is one
/// failed case named after the file.
pub fn run(rules: &Ruleset, files: &RuleFiles) -> Vec<CaseResult> {
    let mut out = Vec::new();
    for (file, text) in files {
        let doc: CaseFile = match toml::from_str(text) {
            Ok(d) => d,
            Err(e) => {
                out.push(CaseResult {
                    file: file.clone(),
                    name: "(file)".into(),
                    passed: false,
                    failures: vec![crate::msg!(
                        "{file}: {error}",
                        file,
                        error = e.to_string().trim()
                    )],
                    procedures: vec![],
                });
                continue;
            }
        };
        for case in &doc.case {
            let failures = run_case(rules, &doc, case);
            let mut procedures: Vec<String> = case
                .expect
                .iter()
                .flatten()
                .chain(&case.includes)
                .chain(&case.excludes)
                .chain(case.not_applicable.keys())
                .cloned()
                .collect();
            procedures.sort();
            procedures.dedup();
            out.push(CaseResult {
                file: file.clone(),
                name: case.name.clone(),
                passed: failures.is_empty(),
                failures,
                procedures,
            });
        }
    }
    out
}

fn members(doc: &CaseFile, case: &CaseDef) -> Result<Vec<Json>, super::Msg> {
    let mut members: Vec<Json> = match (&case.household, &case.members) {
        (Some(name), None) => doc
            .households
            .get(name)
            .ok_or_else(|| crate::msg!("このファイルに世帯 `{name}` はありません", name))?
            .members
            .iter()
            .map(to_json)
            .collect(),
        (None, Some(list)) => list.iter().map(to_json).collect(),
        (None, None) => Vec::new(),
        (Some(_), Some(_)) => {
            return Err(crate::msg!(
                "`household` か `members` のどちらかを書きます (両方は書けません)"
            ))
        }
    };
    for (id, changes) in &case.patch {
        let m = members
            .iter_mut()
            .find(|m| m["id"] == json!(id))
            .ok_or_else(|| crate::msg!("patch の世帯員 `{id}` は世帯にいません", id))?;
        for (k, v) in changes {
            if let Json::Object(obj) = m {
                if v.as_str() == Some("-") {
                    obj.remove(k);
                } else {
                    obj.insert(k.clone(), to_json(v));
                }
            }
        }
    }
    members.extend(case.add.iter().map(to_json));
    Ok(members)
}

fn run_case(rules: &Ruleset, doc: &CaseFile, case: &CaseDef) -> Vec<super::Msg> {
    let members = match members(doc, case) {
        Ok(m) => m,
        Err(e) => return vec![e],
    };
    let answers: Map<String, Json> = case
        .answers
        .iter()
        .map(|(k, v)| (k.clone(), to_json(v)))
        .collect();
    let request = json!({
        "as_of": to_json(&case.as_of),
        "events": case.events.iter().map(to_json).collect::<Vec<_>>(),
        "household": { "members": members },
        "answers": answers,
    });
    let result = parse_request(&request.to_string()).and_then(|r| rules.screen(&r));
    let mut f = Vec::new();
    let result = match (result, &case.error) {
        (Err(e), Some(code)) => {
            if &e.code != code {
                f.push(crate::msg!(
                    "エラー `{code}` のはずが `{got}` でした ({message})",
                    code,
                    got = &e.code,
                    message = &e.message
                ));
            }
            if let Some(path) = &case.error_path {
                if &e.path != path {
                    f.push(crate::msg!(
                        "エラーの場所は `{path}` のはずが `{got}` でした",
                        path,
                        got = &e.path
                    ));
                }
            }
            return f;
        }
        (Err(e), None) => {
            return vec![crate::msg!(
                "判定が拒否されました: {code} ({path}): {message}",
                code = &e.code,
                path = &e.path,
                message = &e.message
            )]
        }
        (Ok(_), Some(code)) => {
            return vec![crate::msg!(
                "エラー `{code}` のはずが、判定されました",
                code
            )]
        }
        (Ok(r), None) => r,
    };
    let mut listed: Vec<&str> = result.procedures.iter().map(|p| p.id.as_str()).collect();
    listed.sort();
    listed.dedup();
    if let Some(expect) = &case.expect {
        let mut want: Vec<&str> = expect.iter().map(String::as_str).collect();
        want.sort();
        if want != listed {
            f.push(crate::msg!(
                "手続きは {want} のはずが {listed} でした",
                want = format!("{want:?}"),
                listed = format!("{listed:?}")
            ));
        }
    }
    for id in &case.includes {
        if !listed.contains(&id.as_str()) {
            f.push(crate::msg!(
                "`{id}` が出るはずが出ません (出たもの: {listed})",
                id,
                listed = format!("{listed:?}")
            ));
        }
    }
    for id in &case.excludes {
        if listed.contains(&id.as_str()) {
            f.push(crate::msg!("`{id}` は出ないはずが出ました", id));
        }
    }
    let asked: Vec<&str> = result.questions.iter().map(|q| q.id.as_str()).collect();
    let want_questions = case
        .questions
        .clone()
        .or_else(|| case.expect.as_ref().map(|_| Vec::new()));
    if let Some(mut want) = want_questions {
        let mut got = asked.clone();
        want.sort();
        got.sort();
        if want != got {
            f.push(crate::msg!(
                "質問は {want} のはずが {got} でした",
                want = format!("{want:?}"),
                got = format!("{got:?}")
            ));
        }
    }
    let find = |id: &str| result.procedures.iter().find(|p| p.id == id);
    for (id, want) in &case.deadlines {
        let Some(p) = find(id) else {
            f.push(crate::msg!("`{id}` の期限: 手続きが出ていません", id));
            continue;
        };
        let got = p.deadline.map_or("none".to_owned(), |d| d.to_string());
        let want = match want {
            Value::Datetime(d) => d.to_string(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if got != want {
            f.push(crate::msg!(
                "`{id}` の期限は {want} のはずが {got} でした",
                id,
                want,
                got
            ));
        }
    }
    for (id, want) in &case.benefits {
        match find(id) {
            None => f.push(crate::msg!("`{id}` の金額: 手続きが出ていません", id)),
            Some(p) => {
                let got = p.benefit.as_ref().map_or(0, |b| b.amount);
                if got != *want {
                    f.push(crate::msg!(
                        "`{id}` の金額は {want} 円のはずが {got} 円でした",
                        id,
                        want,
                        got
                    ));
                }
            }
        }
    }
    for (id, [low, high]) in &case.benefit_ranges {
        let got = find(id).and_then(|p| p.benefit.as_ref());
        let got = got.map(|b| (b.min.unwrap_or(b.amount), b.amount));
        if got != Some((*low, *high)) {
            f.push(crate::msg!(
                "`{id}` の金額の幅は {low}〜{high} 円のはずが {got} でした",
                id,
                low,
                high,
                got = format!("{got:?}")
            ));
        }
    }
    for (id, want) in &case.deadline_notes {
        let Some(p) = find(id) else {
            f.push(crate::msg!("`{id}` の期限の注記: 手続きが出ていません", id));
            continue;
        };
        let ok = match (&p.deadline_note, want.as_str()) {
            (None, "none") => true,
            (Some(n), w) => w != "none" && n.contains(w),
            (None, _) => false,
        };
        if !ok {
            f.push(crate::msg!(
                "`{id}` の期限の注記は「{want}」のはずが {got} でした",
                id,
                want,
                got = format!("{:?}", p.deadline_note)
            ));
        }
    }
    for (id, want) in &case.not_applicable {
        let got = result.not_applicable.iter().find(|n| &n.id == id);
        match got {
            Some(n) if n.reasons.iter().any(|r| r.contains(want.as_str())) => {}
            Some(n) => f.push(crate::msg!(
                "`{id}` が対象外の理由に「{want}」がありません ({got})",
                id,
                want,
                got = format!("{:?}", n.reasons)
            )),
            None => f.push(crate::msg!("`{id}` が対象外として示されていません", id)),
        }
    }
    for (id, want) in &case.subjects {
        let mut want: Vec<&str> = match want {
            OneOrMany::One(m) => vec![m.as_str()],
            OneOrMany::Many(list) => list.iter().map(String::as_str).collect(),
        };
        let mut got: Vec<&str> = result
            .procedures
            .iter()
            .filter(|p| &p.id == id)
            .filter_map(|p| p.subject.as_deref())
            .collect();
        want.sort();
        got.sort();
        if got.is_empty() {
            f.push(crate::msg!("`{id}` の対象者: 手続きが出ていません", id));
        } else if want != got {
            f.push(crate::msg!(
                "`{id}` の対象者は {want} のはずが {got} でした",
                id,
                want = format!("{want:?}"),
                got = format!("{got:?}")
            ));
        }
    }
    f
}
