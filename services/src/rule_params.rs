//! Editing one parameter's dated values through a table: read them from the edit's
//! files, or write new periods back into the TOML — only that parameter's `values`
//! changes; comments and the rest of the file stay as they were. The result is compiled,
//! so overlapping or gapped periods are refused with the rule set's own messages.

use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::ValueError;
use madoguchi_core::rules::{compile, is_test_file, source::SourceFile, ParamKind};
use madoguchi_types::error::AppError;
use madoguchi_types::model::admin::{ParamEdit, ParamForm, PeriodInput};
use std::collections::BTreeMap;
use toml_edit::{Array, DocumentMut, InlineTable, Value};

pub fn edit(input: &ParamEdit) -> Result<ParamForm, AppError> {
    let (file, def) = find(&input.files, &input.name)?;
    let kind = ParamKind::parse(&def.kind).ok_or(AppError::NotFound)?;
    let mut files = input.files.clone();
    let periods = match &input.periods {
        None => def
            .values
            .iter()
            .map(|p| PeriodInput {
                from: p.from.to_string(),
                until: p.until.map(|u| u.to_string()).unwrap_or_default(),
                value: match &p.value {
                    toml::Value::Integer(n) => n.to_string(),
                    toml::Value::Boolean(b) => if *b { "はい" } else { "いいえ" }.into(),
                    other => other.to_string(),
                },
            })
            .collect(),
        Some(periods) => {
            let array = values_array(periods, kind)?;
            let text = files.get(&file).cloned().unwrap_or_default();
            let mut doc: DocumentMut = text.parse().map_err(|_| AppError::NotFound)?;
            let tables = doc
                .get_mut("param")
                .and_then(|i| i.as_array_of_tables_mut())
                .ok_or(AppError::NotFound)?;
            let table = tables
                .iter_mut()
                .find(|t| t.get("name").and_then(|n| n.as_str()) == Some(input.name.as_str()))
                .ok_or(AppError::NotFound)?;
            table["values"] = toml_edit::value(array);
            files.insert(file.clone(), doc.to_string());
            compile(&files).map_err(|errors| AppError::InvalidRules { errors })?;
            periods.clone()
        }
    };
    Ok(ParamForm {
        files,
        file,
        name: input.name.clone(),
        label: def.label,
        kind: def.kind,
        periods,
    })
}

fn find(
    files: &BTreeMap<String, String>,
    name: &str,
) -> Result<(String, madoguchi_core::rules::source::ParamDef), AppError> {
    for (path, text) in files.iter().filter(|(p, _)| !is_test_file(p)) {
        let Ok(doc) = toml::from_str::<SourceFile>(text) else {
            continue;
        };
        if let Some(def) = doc.param.into_iter().find(|p| p.name.get_ref() == name) {
            return Ok((path.clone(), def));
        }
    }
    Err(AppError::NotFound)
}

fn date(s: &str) -> Result<toml_edit::Datetime, ValueError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ValueError::Required);
    }
    s.parse::<chrono::NaiveDate>()
        .map_err(|_| ValueError::InvalidDate)?;
    s.parse().map_err(|_| ValueError::InvalidDate)
}

fn values_array(periods: &[PeriodInput], kind: ParamKind) -> Result<Array, AppError> {
    let mut errors = Vec::new();
    let mut array = Array::new();
    if periods.is_empty() {
        errors.push(FieldError {
            field: "period-0-from".into(),
            error: ValueError::Required,
        });
    }
    for (i, p) in periods.iter().enumerate() {
        let mut field = |name: &str, e: ValueError| {
            errors.push(FieldError {
                field: format!("period-{i}-{name}"),
                error: e,
            })
        };
        let from = date(&p.from).map_err(|e| field("from", e)).ok();
        let until = if p.until.trim().is_empty() {
            Some(None)
        } else {
            date(&p.until).map(Some).map_err(|e| field("until", e)).ok()
        };
        let raw = p.value.trim();
        let value: Option<Value> = match kind {
            ParamKind::Date => date(raw)
                .map(Value::from)
                .map_err(|e| field("value", e))
                .ok(),
            ParamKind::Flag => match raw {
                "はい" | "true" => Some(Value::from(true)),
                "いいえ" | "false" => Some(Value::from(false)),
                _ => {
                    field("value", ValueError::InvalidChoice);
                    None
                }
            },
            _ => {
                let digits: String = raw
                    .chars()
                    .filter(|c| !matches!(c, ',' | '，' | '円' | ' '))
                    .collect();
                match digits.parse::<i64>() {
                    Ok(n) if n >= 0 => Some(Value::from(n)),
                    _ if digits.is_empty() => {
                        field("value", ValueError::Required);
                        None
                    }
                    _ => {
                        field("value", ValueError::InvalidCharacter);
                        None
                    }
                }
            }
        };
        if let (Some(from), Some(until), Some(value)) = (from, until, value) {
            let mut t = InlineTable::new();
            t.insert("from", Value::from(from));
            if let Some(u) = until {
                t.insert("until", Value::from(u));
            }
            t.insert("value", value);
            array.push(t);
        }
    }
    if !errors.is_empty() {
        return Err(AppError::InvalidInput { fields: errors });
    }
    array.fmt();
    Ok(array)
}

#[cfg(test)]
mod tests {
    use super::*;
    use madoguchi_core::rules::bundled_files;

    fn period(from: &str, until: &str, value: &str) -> PeriodInput {
        PeriodInput {
            from: from.into(),
            until: until.into(),
            value: value.into(),
        }
    }

    #[test]
    fn reads_and_writes_one_parameter_keeping_the_rest_of_the_file() {
        let files = bundled_files();
        let read = edit(&ParamEdit {
            files: files.clone(),
            name: "childbirth_lump_sum".into(),
            periods: None,
        })
        .unwrap();
        assert_eq!(read.file, "parameters.toml");
        assert_eq!(
            read.periods,
            vec![
                period("2009-10-01", "", "420000"),
                period("2023-04-01", "", "500000")
            ]
        );
        let mut periods = read.periods.clone();
        periods.push(period("2027-04-01", "", "550,000円"));
        let written = edit(&ParamEdit {
            files,
            name: "childbirth_lump_sum".into(),
            periods: Some(periods),
        })
        .unwrap();
        let text = &written.files["parameters.toml"];
        assert!(
            text.contains("{ from = 2027-04-01, value = 550000 }"),
            "{text}"
        );
        assert!(text.contains("# Every amount, age, deadline and date boundary"));
        let rules = compile(&written.files).unwrap();
        let day = "2027-04-01".parse().unwrap();
        assert_eq!(
            rules.param("childbirth_lump_sum").unwrap().at(day),
            Some(madoguchi_core::rules::ParamValue::Int(550000))
        );
    }

    #[test]
    fn bad_cells_are_field_errors_and_overlaps_are_rule_errors() {
        let files = bundled_files();
        let bad = edit(&ParamEdit {
            files: files.clone(),
            name: "childbirth_lump_sum".into(),
            periods: Some(vec![period("2009-13-01", "", "42万")]),
        })
        .unwrap_err();
        let AppError::InvalidInput { fields } = bad else {
            panic!("{bad:?}")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, vec!["period-0-from", "period-0-value"]);
        let overlap = edit(&ParamEdit {
            files,
            name: "childbirth_lump_sum".into(),
            periods: Some(vec![
                period("2009-10-01", "2023-05-01", "420000"),
                period("2023-04-01", "", "500000"),
            ]),
        })
        .unwrap_err();
        assert!(
            matches!(overlap, AppError::InvalidRules { ref errors } if errors[0].message.contains("重なって")),
            "{overlap:?}"
        );
    }
}
