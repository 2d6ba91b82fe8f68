//! Applications as files for systems without an API: one table per procedure, its
//! columns named after the national standard's data items where one exists (see
//! docs/EXPORT.md), written as CSV or JSON, in UTF-8 or in CP932 for legacy systems.

use crate::forms::Form;
use serde::Serialize;

/// The columns every export starts with: (key, header).
pub const FIXED: [(&str, &str); 8] = [
    ("application_id", "申請番号"),
    ("procedure_id", "手続コード"),
    ("department_id", "担当課コード"),
    ("status", "処理状況"),
    ("received_at", "受付日時"),
    ("deadline", "処理期限"),
    ("subject_person_number", "宛名番号"),
    ("subject_name", "対象者氏名"),
];

/// Form fields with a standard data item name (住民記録 and the benefits' standard
/// specifications). The others keep the form's own key (`madoguchi.<key>`).
const STANDARD: &[(&str, &str)] = &[
    ("applicant.name", "申請者_氏名"),
    ("applicant.kana", "申請者_氏名_フリガナ"),
    ("applicant.birth_date", "申請者_生年月日"),
    ("applicant.address", "申請者_住所"),
    ("applicant.phone", "申請者_電話番号"),
    ("applicant.relationship", "申請者_続柄"),
    ("applicant.my_number", "申請者_個人番号"),
    ("household.head", "世帯主_氏名"),
    ("father.name", "父_氏名"),
    ("mother.name", "母_氏名"),
    ("mother.birth_date", "母_生年月日"),
    ("spouse.name", "配偶者_氏名"),
    ("baby.name", "子_氏名"),
    ("baby.kana", "子_氏名_フリガナ"),
    ("baby.birth_date", "子_生年月日"),
    ("baby.sex", "子_性別"),
    ("baby.birth_place_address", "出生地"),
    ("deceased.name", "死亡者_氏名"),
    ("deceased.birth_date", "死亡者_生年月日"),
    ("death.date", "死亡年月日"),
    ("death.place", "死亡地"),
    ("move_in.date", "転入年月日"),
    ("move_out.date", "転出予定年月日"),
    ("move_within.date", "転居年月日"),
    ("moving.previous_address", "前住所"),
    ("moving.new_postal_code", "新住所_郵便番号"),
    ("moving.new_address", "新住所"),
    ("marriage.date", "婚姻年月日"),
    ("divorce.date", "離婚年月日"),
    ("family.registered_domicile", "本籍"),
    ("insurance_loss.date", "資格喪失年月日"),
    ("insurance_gain.date", "資格取得年月日"),
    ("bank.account", "口座情報"),
    ("children", "支給対象児童"),
];

/// The standard data item name of form field `key`, if it has one.
pub fn standard_name(key: &str) -> Option<&'static str> {
    STANDARD.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
}

/// A column: the form's key and the header written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub key: String,
    pub header: String,
    /// Whether the header is a national standard item name.
    pub standard: bool,
}

/// The columns of `form`'s export, fixed ones first.
pub fn columns(form: &Form) -> Vec<Column> {
    let fixed = FIXED.iter().map(|(key, header)| Column {
        key: (*key).to_owned(),
        header: (*header).to_owned(),
        standard: true,
    });
    let fields = form.fields().map(|key| match standard_name(key) {
        Some(name) => Column {
            key: key.to_owned(),
            header: name.to_owned(),
            standard: true,
        },
        None => Column {
            key: key.to_owned(),
            header: format!("madoguchi.{key}"),
            standard: false,
        },
    });
    fixed.chain(fields).collect()
}

/// One application: its values in the order of the columns.
pub type Row = Vec<String>;

/// The table as CSV (RFC 4180, CRLF line ends as legacy systems expect).
pub fn to_csv(columns: &[Column], rows: &[Row]) -> String {
    let mut out = String::new();
    line(&mut out, columns.iter().map(|c| c.header.as_str()));
    for row in rows {
        line(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A cell a spreadsheet would run as a formula is written as text.
        let guarded = matches!(cell.chars().next(), Some('=' | '+' | '-' | '@'))
            && cell.parse::<f64>().is_err();
        if guarded || cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if guarded {
                out.push('\'');
            }
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

/// The table as JSON: `{"procedure", "columns": [{key, header, standard}], "applications":
/// [{header: value}]}`.
pub fn to_json(procedure: &str, columns: &[Column], rows: &[Row]) -> serde_json::Value {
    let applications: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .zip(row)
                .map(|(c, v)| (c.header.clone(), serde_json::Value::String(v.clone())))
                .collect()
        })
        .collect();
    serde_json::json!({
        "procedure": procedure,
        "columns": columns,
        "applications": applications,
    })
}

/// `text` in CP932. A character CP932 does not have (𠮷, 𩸽, emoji) becomes 〓 (ゲタ), as
/// legacy systems mark a character to fix by hand; the count of such is answered.
pub fn to_cp932(text: &str) -> (Vec<u8>, usize) {
    let mut replaced = 0;
    let mut out = Vec::with_capacity(text.len());
    let mut encoder = encoding_rs::SHIFT_JIS.new_encoder();
    let mut rest = text;
    let mut buf = vec![0u8; text.len() * 2 + 16];
    loop {
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut buf, true);
        out.extend_from_slice(&buf[..written]);
        rest = &rest[read..];
        match result {
            encoding_rs::EncoderResult::InputEmpty => break,
            encoding_rs::EncoderResult::OutputFull => buf.resize(buf.len() * 2, 0),
            encoding_rs::EncoderResult::Unmappable(_) => {
                replaced += 1;
                out.extend_from_slice(&[0x81, 0xAC]); // 〓
            }
        }
    }
    (out, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<Column> {
        ["申請番号", "申請者_氏名", "madoguchi.baby.birth_place"]
            .iter()
            .map(|h| Column {
                key: String::new(),
                header: (*h).to_owned(),
                standard: true,
            })
            .collect()
    }

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let rows = vec![vec![
            "12".to_owned(),
            "山田 \"太郎\"".to_owned(),
            "=HYPERLINK(\"x\")".to_owned(),
        ]];
        let csv = to_csv(&cols(), &rows);
        assert_eq!(
            csv,
            "申請番号,申請者_氏名,madoguchi.baby.birth_place\r\n12,\"山田 \"\"太郎\"\"\",\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
        assert_eq!(
            to_csv(&cols(), &[vec!["-5".into()]]).lines().nth(1),
            Some("-5")
        );
    }

    #[test]
    fn cp932_keeps_what_it_has_and_marks_what_it_lacks() {
        let (bytes, replaced) = to_cp932("髙橋①\r\n𠮷田");
        assert_eq!(replaced, 1);
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!bad);
        assert_eq!(back, "髙橋①\r\n〓田");
    }

    #[test]
    fn json_names_values_by_their_headers() {
        let json = to_json(
            "birth_registration",
            &cols(),
            &[vec!["1".into(), "山田 太郎".into(), "米子市".into()]],
        );
        assert_eq!(json["applications"][0]["申請者_氏名"], "山田 太郎");
        assert_eq!(json["columns"][2]["header"], "madoguchi.baby.birth_place");
    }
}
