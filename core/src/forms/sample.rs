//! Sample answers: a valid value for every field an interview asks, by its type. Used
//! to render any form with demo data (`madoguchi forms render --sample`), by the
//! benchmarks, and by tests that walk an interview they did not write by hand.

use super::catalog::{Catalog, FieldType};
use super::interview::{Answers, Plan};
use super::values::part;

pub fn answers(cat: &Catalog, plan: &Plan) -> Answers {
    let mut a = Answers::new();
    for key in plan.topics.iter().flat_map(|t| &t.fields) {
        let Some(field) = cat.field(key) else {
            continue;
        };
        let value = match &field.ty {
            FieldType::Name => "星野 花子".to_owned(),
            FieldType::Kana => "ホシノ ハナコ".to_owned(),
            FieldType::Date => "令和8年11月1日".to_owned(),
            FieldType::Time => "10:30".to_owned(),
            FieldType::PostalCode => "683-0823".to_owned(),
            FieldType::Address => "星ヶ丘市中央1丁目2-3".to_owned(),
            FieldType::Phone => "0859-22-1111".to_owned(),
            FieldType::Text { max } => "星ヶ丘市立病院".chars().take(*max).collect(),
            FieldType::Number { min, max, .. } => 12.clamp(*min, *max).to_string(),
            FieldType::Choice { options } => options[0].id.clone(),
            FieldType::YesNo => "yes".to_owned(),
            FieldType::MyNumber => "123456789018".to_owned(),
            FieldType::Members => continue,
            FieldType::BankAccount => {
                for (p, v) in [
                    ("bank_code", "0001"),
                    ("branch_code", "123"),
                    ("account_type", "ordinary"),
                    ("number", "1234567"),
                    ("holder", "ホシノ ハナコ"),
                ] {
                    a.insert(part(key, p), v.to_owned());
                }
                continue;
            }
        };
        a.insert(key.clone(), value);
    }
    a
}
