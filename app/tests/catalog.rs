//! The message catalog (`locales/`) is complete: every language listed in
//! `languages.toml` has every text residents read, staff languages every staff text,
//! no language has texts the primary one lacks, values (`{count}`) match, and every
//! kanji in a Japanese text residents read has its reading for furigana.

use app::ui::i18n::ruby::{pieces, Piece};
use madoguchi_core::lang::{Lang, LanguagesFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales")
}

/// An area's texts in a language, flattened to `table.key`, or None without a file.
fn texts(code: &str, area: &str) -> Option<BTreeMap<String, String>> {
    let path = locales().join(code).join(format!("{area}.toml"));
    let text = std::fs::read_to_string(&path).ok()?;
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeMap::new();
    flatten("", &table, &mut out);
    Some(out)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, out),
            other => panic!("{key}: not a text: {other:?}"),
        }
    }
}

fn areas() -> Vec<String> {
    let mut areas: Vec<String> = std::fs::read_dir(locales().join(Lang::JA.code()))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "toml").then(|| p.file_stem().unwrap().to_str().unwrap().to_owned())
        })
        .collect();
    areas.sort();
    areas
}

fn values(text: &str) -> Vec<String> {
    let mut v: Vec<String> = pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Value(name) => Some(name.to_owned()),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヶ')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}')
}

#[test]
fn every_language_has_every_text_it_ships_and_no_other() {
    let file = LanguagesFile::shipped();
    let mut gaps = Vec::new();
    for area in areas() {
        let primary = texts(Lang::JA.code(), &area).unwrap();
        let residents = file.resident_areas.contains(&area);
        let partial = file.partial_areas.get(&area);
        for lang in &file.language {
            let listed = partial.is_some_and(|codes| codes.contains(&lang.code));
            if !(residents || listed || (lang.staff && partial.is_none())) {
                continue;
            }
            let Some(theirs) = texts(&lang.code, &area) else {
                gaps.push(format!("{}/{area}.toml is missing", lang.code));
                continue;
            };
            for (key, text) in &primary {
                match theirs.get(key) {
                    None => gaps.push(format!("{}: {area}.{key} is missing", lang.code)),
                    Some(t) if t.trim().is_empty() => {
                        gaps.push(format!("{}: {area}.{key} is empty", lang.code))
                    }
                    Some(t) if values(t) != values(text) => gaps.push(format!(
                        "{}: {area}.{key} has values {:?}, Japanese {:?}",
                        lang.code,
                        values(t),
                        values(text)
                    )),
                    Some(_) => {}
                }
            }
            for key in theirs.keys().filter(|k| !primary.contains_key(*k)) {
                gaps.push(format!("{}: {area}.{key} is not in Japanese", lang.code));
            }
        }
    }
    assert!(gaps.is_empty(), "catalog gaps:\n{}", gaps.join("\n"));
}

#[test]
fn every_kanji_residents_read_has_its_reading() {
    let file = LanguagesFile::shipped();
    let mut missing = Vec::new();
    let read_by_residents: Vec<&String> = file
        .resident_areas
        .iter()
        .chain(file.partial_areas.keys())
        .collect();
    for lang in file.language.iter().filter(|l| l.html == "ja") {
        for area in read_by_residents.iter().copied() {
            let Some(all) = texts(&lang.code, area) else {
                continue;
            };
            for (key, text) in all {
                for piece in pieces(&text) {
                    match piece {
                        Piece::Text(s) if s.chars().any(is_kanji) => missing.push(format!(
                            "{}: {area}.{key}: no reading for {:?}",
                            lang.code,
                            s.chars().filter(|c| is_kanji(*c)).collect::<String>()
                        )),
                        Piece::Ruby(base, reading)
                            if !base.chars().any(is_kanji)
                                || reading.is_empty()
                                || !reading.chars().all(is_kana) =>
                        {
                            missing.push(format!(
                                "{}: {area}.{key}: {{{base}|{reading}}} is not kanji with a kana reading",
                                lang.code
                            ))
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "furigana gaps:\n{}", missing.join("\n"));
}

#[test]
fn each_language_has_a_folder_and_the_primary_comes_first() {
    let file = LanguagesFile::shipped();
    assert_eq!(file.language[0].code, "ja");
    for lang in &file.language {
        assert!(
            locales().join(&lang.code).is_dir(),
            "locales/{} is missing",
            lang.code
        );
    }
    for area in &file.resident_areas {
        assert!(
            areas().contains(area),
            "resident area {area} has no Japanese file"
        );
    }
}

#[test]
fn every_error_a_page_can_show_has_its_message() {
    // Looked up by code at run time (`t_error`, `Catalog::app_error`), so a missing one
    // would only show as Japanese; here it fails.
    let common = texts(Lang::JA.code(), "common").unwrap();
    for error in madoguchi_core::jp::ValueError::ALL {
        let key = format!("errors.{}", error.code());
        assert!(common.contains_key(&key), "common.{key} is missing");
    }
    // A question's choices of health insurance, looked up by the insurance's id.
    for i in madoguchi_core::screening::Insurance::ALL
        .into_iter()
        .chain([madoguchi_core::screening::Insurance::Unknown])
    {
        let key = format!("insurance.{}", i.id());
        assert!(common.contains_key(&key), "common.{key} is missing");
    }
    for code in [
        "unauthenticated",
        "forbidden",
        "not_found",
        "visit_closed",
        "invalid_input",
        "screening",
        "internal",
        "transport",
    ] {
        let error: app::error::AppError = serde_json::from_value(serde_json::json!({
            "code": code, "fields": [], "message": ""
        }))
        .unwrap_or_else(|e| panic!("{code} is not an AppError code: {e}"));
        let _ = error;
        assert!(
            common.contains_key(&format!("app_errors.{code}")),
            "common.app_errors.{code} is missing"
        );
    }
}

/// Every error the server answers with, once (a new variant fails to compile in
/// `listed` until it is added here).
fn every_app_error() -> Vec<app::error::AppError> {
    use app::error::{AppError as E, ConflictReason as C, PasswordProblem as P};
    fn listed(e: &E) {
        match e {
            E::Unauthenticated
            | E::InvalidCredentials
            | E::Forbidden
            | E::NotFound
            | E::VisitClosed
            | E::InvalidInput { .. }
            | E::Screening { .. }
            | E::InvalidRules { .. }
            | E::TooManyAttempts { .. }
            | E::InvalidCode
            | E::PasskeyFailed
            | E::PasswordRejected { .. }
            | E::FourEyes
            | E::Internal
            | E::Transport { .. } => {}
            E::Conflict { reason } => match reason {
                C::LastPasskey
                | C::LastStaffAdmin
                | C::OwnAccount
                | C::NotAProposal
                | C::Unresolved { .. }
                | C::VersionExists { .. }
                | C::NotADraft
                | C::NotPendingApproval
                | C::NotPendingReturn
                | C::NeverPublished
                | C::StatusOrder { .. }
                | C::ChangedMeanwhile { .. } => {}
            },
        }
    }
    let all = vec![
        E::Unauthenticated,
        E::InvalidCredentials,
        E::Forbidden,
        E::NotFound,
        E::VisitClosed,
        E::InvalidInput { fields: vec![] },
        E::Screening {
            message: String::new(),
        },
        E::InvalidRules { errors: vec![] },
        E::TooManyAttempts { retry_after: 60 },
        E::InvalidCode,
        E::PasskeyFailed,
        E::PasswordRejected {
            problem: P::TooShort,
        },
        E::PasswordRejected {
            problem: P::TooLong,
        },
        E::PasswordRejected { problem: P::Common },
        E::PasswordRejected {
            problem: P::ContainsUsername,
        },
        E::PasswordRejected {
            problem: P::Unchanged,
        },
        E::FourEyes,
        E::Conflict {
            reason: C::LastPasskey,
        },
        E::Conflict {
            reason: C::LastStaffAdmin,
        },
        E::Conflict {
            reason: C::OwnAccount,
        },
        E::Conflict {
            reason: C::NotAProposal,
        },
        E::Conflict {
            reason: C::Unresolved {
                path: String::new(),
                count: 1,
            },
        },
        E::Conflict {
            reason: C::VersionExists {
                version: String::new(),
            },
        },
        E::Conflict {
            reason: C::NotADraft,
        },
        E::Conflict {
            reason: C::NotPendingApproval,
        },
        E::Conflict {
            reason: C::NotPendingReturn,
        },
        E::Conflict {
            reason: C::NeverPublished,
        },
        E::Conflict {
            reason: C::StatusOrder {
                from: String::new(),
                to: String::new(),
            },
        },
        E::Conflict {
            reason: C::ChangedMeanwhile {
                status: String::new(),
            },
        },
        E::Internal,
        E::Transport {
            message: String::new(),
        },
    ];
    all.iter().for_each(listed);
    all
}

#[test]
fn every_error_staff_can_meet_has_its_message_in_the_staff_languages() {
    // `Catalog::app_error`: the residents' errors in common, the others in staff.
    for lang in Lang::all().filter(|l| l.language().staff) {
        let common = texts(lang.code(), "common").unwrap();
        let staff = texts(lang.code(), "staff").unwrap();
        for error in every_app_error() {
            let value = serde_json::to_value(&error).unwrap();
            let code = value["code"].as_str().unwrap().to_owned();
            let key = match &error {
                app::error::AppError::Conflict { reason } => {
                    format!("app_errors.conflict.{}", reason.kind())
                }
                app::error::AppError::PasswordRejected { .. } => {
                    format!("app_errors.password.{}", value["problem"].as_str().unwrap())
                }
                _ => format!("app_errors.{code}"),
            };
            assert!(
                common.contains_key(&key) || staff.contains_key(&key),
                "{}: neither common.{key} nor staff.{key}",
                lang.code()
            );
        }
    }
}

/// The keys the form catalog needs in a language that does not read it inline.
fn form_keys() -> Vec<String> {
    use madoguchi_core::forms::{bundled, FieldType};
    let cat = bundled();
    let mut keys = Vec::new();
    for topic in &cat.topics {
        keys.push(format!("topics.{}.title", topic.id));
        if topic.help.is_some() {
            keys.push(format!("topics.{}.help", topic.id));
        }
    }
    for field in &cat.fields {
        keys.push(format!("fields.{}.label", field.key));
        if field.help.is_some() {
            keys.push(format!("fields.{}.help", field.key));
        }
        if let FieldType::Choice { options } = &field.ty {
            for o in options {
                keys.push(format!("fields.{}.options.{}", field.key, o.id));
            }
        }
    }
    keys.sort();
    keys
}

#[test]
fn every_language_has_the_form_catalog_texts() {
    data_area_is_complete("forms", &form_keys());
}

/// The keys of what the city's rules name in Japanese: each procedure's name and
/// document to bring, each department's name and counter.
fn rules_keys() -> Vec<String> {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let list = |file: &str, list: &str| -> Vec<toml::Value> {
        let text = std::fs::read_to_string(rules.join(file)).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        table[list].as_array().unwrap().clone()
    };
    let id = |v: &toml::Value| v["id"].as_str().unwrap().to_owned();
    let procedures = list("procedures.toml", "procedure");
    let mut keys: Vec<String> = procedures
        .iter()
        .map(|p| format!("procedures.{}.name", id(p)))
        .collect();
    for p in &procedures {
        for d in p["documents"].as_array().unwrap() {
            keys.push(format!("documents.{}", d.as_str().unwrap()));
        }
    }
    keys.sort();
    keys.dedup();
    for d in list("ruleset.toml", "department") {
        keys.push(format!("departments.{}.name", id(&d)));
        keys.push(format!("departments.{}.counter", id(&d)));
    }
    assert!(keys.len() > 30, "the shipped rules were read: {keys:?}");
    let rs = madoguchi_core::rules::bundled();
    let texts = rs.phrase_texts();
    assert!(texts.len() > 50, "the rules' reasons were read: {texts:?}");
    keys.extend(texts.iter().map(|t| format!("texts.{t}")));
    keys.extend(rs.terms().iter().map(|t| format!("terms.{t}")));
    keys.sort();
    keys
}

#[test]
fn every_language_has_the_rules_names_reasons_and_questions() {
    data_area_is_complete("rules", &rules_keys());
}

/// A translated reason or question fills in the same values as the rules' text: a
/// dropped or misspelt `{subject}` would show a brace to the resident.
#[test]
fn translated_rules_texts_keep_their_values() {
    let mut wrong = Vec::new();
    for lang in Lang::all().filter(|l| !l.reads_inline("rules")) {
        let Some(theirs) = texts(lang.code(), "rules") else {
            continue;
        };
        for (key, text) in theirs.iter().filter(|(k, _)| k.starts_with("texts.")) {
            let source = &key["texts.".len()..];
            if values(source) != values(text) {
                wrong.push(format!("{}: {key}: {text}", lang.code()));
            }
        }
    }
    assert!(wrong.is_empty(), "values differ:\n{}", wrong.join("\n"));
}

/// Every language that does not read `area` with the city's data has a text for each of
/// `wanted`, none empty and none that the data lacks.
fn data_area_is_complete(area: &str, wanted: &[String]) {
    let file = LanguagesFile::shipped();
    assert!(file.data_areas.iter().any(|a| a == area));
    let mut gaps = Vec::new();
    for lang in Lang::all().filter(|l| !l.reads_inline(area)) {
        let Some(theirs) = texts(lang.code(), area) else {
            gaps.push(format!("{}/{area}.toml is missing", lang.code()));
            continue;
        };
        for key in wanted {
            match theirs.get(key) {
                None => gaps.push(format!("{}: {area}.{key} is missing", lang.code())),
                Some(t) if t.trim().is_empty() => {
                    gaps.push(format!("{}: {area}.{key} is empty", lang.code()))
                }
                Some(_) => {}
            }
        }
        for key in theirs.keys().filter(|k| !wanted.contains(k)) {
            gaps.push(format!(
                "{}: {area}.{key} is not in the city's data",
                lang.code()
            ));
        }
    }
    assert!(gaps.is_empty(), "{area} gaps:\n{}", gaps.join("\n"));
}

/// Every page's texts come from the catalog: no Japanese is written in the pages'
/// code, outside comments and these few places, each for its reason.
#[test]
fn no_page_writes_its_japanese_in_code() {
    const ALLOWED: &[(&str, &str)] = &[
        // The procedures' official names, shown through the rules' translations.
        ("admin/outreach_page.rs", "児童手当"),
        ("admin/outreach_page.rs", "子ども医療費助成"),
        ("admin/outreach_page.rs", "後期高齢者医療"),
        // The CSV for the letter merge: the city's data, in the city's language.
        ("admin/outreach_page.rs", "世帯番号,世帯主"),
    ];
    let ui = locales().parent().unwrap().join("app/src/ui");
    let mut found = Vec::new();
    let mut dirs = vec![ui.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path
                .strip_prefix(&ui)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests of the markup itself are Japanese by nature.
            let code = text.split("#[cfg(test)]").next().unwrap();
            for (n, line) in code.lines().enumerate() {
                let line = line.split("//").next().unwrap();
                let literals = line.split('"').skip(1).step_by(2);
                for literal in literals {
                    let japanese = literal.chars().any(|c| is_kanji(c) || is_kana(c));
                    let allowed = ALLOWED
                        .iter()
                        .any(|(file, text)| name == *file && literal.contains(text));
                    if japanese && !allowed {
                        found.push(format!("{name}:{}: \"{literal}\"", n + 1));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "Japanese written in code, not in locales/:\n{}",
        found.join("\n")
    );
}

/// The Japanese templates the rule engine writes its messages with (`msg!("…")` in
/// `core/src/rules`), those with words in them (`{file}: {error}` reads the same in any
/// language).
fn rule_error_templates() -> Vec<String> {
    let root = locales().parent().unwrap().join("core/src/rules");
    let mut found = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            for call in code.split("msg!(").skip(1) {
                let Some(literal) = call.trim_start().strip_prefix('"') else {
                    continue; // the macro's own definition
                };
                let mut template = String::new();
                let mut chars = literal.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => template.extend(chars.next()),
                        c => template.push(c),
                    }
                }
                if template.chars().any(|c| is_kanji(c) || is_kana(c)) {
                    found.push(template);
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Every staff language but Japanese has each message of the rule engine, with the
/// same values, and none it no longer writes.
#[test]
fn every_staff_language_has_every_rule_engine_message() {
    let wanted = rule_error_templates();
    assert!(
        wanted.len() > 100,
        "the rule engine's messages were read: {wanted:?}"
    );
    let mut gaps = Vec::new();
    let staff = Lang::all().filter(|l| l.language().staff && !l.is_japanese());
    for lang in staff {
        let theirs = texts(lang.code(), "rule_errors").unwrap_or_default();
        for key in &wanted {
            match theirs.get(key) {
                None => gaps.push(format!("{}: missing: {key}", lang.code())),
                Some(t) if values(t) != values(key) => {
                    gaps.push(format!("{}: values differ: {key} → {t}", lang.code()))
                }
                Some(_) => {}
            }
        }
        for key in theirs.keys().filter(|k| !wanted.contains(k)) {
            gaps.push(format!("{}: no longer written: {key}", lang.code()));
        }
    }
    assert!(gaps.is_empty(), "rule_errors gaps:\n{}", gaps.join("\n"));
}
