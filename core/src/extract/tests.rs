use super::*;

const HEADER: &str = "宛名番号,世帯番号,続柄,氏,名,氏_カナ,名_カナ,生年月日,性別,郵便番号,住所,住民となった年月日,住民状態\n";

fn juki(rows: &str) -> String {
    format!("{HEADER}{rows}")
}

#[test]
fn a_juki_extract_reads_into_rows_with_their_lines() {
    let text = juki(
        "100,10,世帯主,山田,太郎,ヤマダ,タロウ,1990-04-01,1,683-0001,鳥取県米子市旗ヶ崎1-2-3,2015/04/01,住民\n\
         101,10,長女,山田,花子,やまだ,はなこ,20260105,女,6830001,鳥取県米子市旗ヶ崎1-2-3,令和8年1月5日,住民\n",
    );
    let Extract::Juki(rows) = parse(Kind::Juki, text.as_bytes(), Encoding::Utf8).unwrap() else {
        panic!("a juki extract")
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, 2);
    assert_eq!(rows[1].0, 3);
    let baby = &rows[1].1;
    assert_eq!(baby.relationship, "child");
    assert_eq!(baby.sex, "female");
    assert_eq!(baby.family_name_kana, "ヤマダ");
    assert_eq!(baby.postal_code, "6830001");
    assert_eq!(
        baby.birth_date,
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    );
    assert_eq!(baby.moved_in_on, baby.birth_date);
    assert_eq!(baby.kana_key(), "ヤマダハナコ");
}

use chrono::NaiveDate;

#[test]
fn every_bad_cell_is_reported_with_its_line_and_column() {
    let text = juki(
        "100,10,世帯主,山田,太郎,ヤマダ,タロウ,1990-02-30,1,683-0001,米子市,2015-04-01,住民\n\
         1x1,10,妻,山田,花子,ヤマダ,Hanako,1991-01-01,3,683-0001,米子市,2015-04-01,不在\n",
    );
    let errors = parse(Kind::Juki, text.as_bytes(), Encoding::Utf8).unwrap_err();
    let found: Vec<(u64, Option<usize>, &str)> = errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.code()))
        .collect();
    assert_eq!(
        found,
        vec![
            (2, Some(8), "invalid_date"),
            (3, Some(1), "invalid_number"),
            (3, Some(7), "not_kana"),
            (3, Some(9), "invalid_choice"),
            (3, Some(13), "invalid_choice"),
        ]
    );
    assert!(errors[0]
        .to_string()
        .starts_with("2行目 8列目 (生年月日): "));
}

#[test]
fn columns_are_found_by_name_in_any_order_and_a_missing_one_is_named() {
    let text = "課税年度,宛名番号,備考,非課税区分,合計所得金額\n2026,100,,課税,\"3,200,000\"\n";
    let Extract::Tax(rows) = parse(Kind::Tax, text.as_bytes(), Encoding::Utf8).unwrap() else {
        panic!("a tax extract")
    };
    assert_eq!(rows[0].1.income, 3_200_000);
    assert_eq!(rows[0].1.fiscal_year, 2026);
    let errors = parse(
        Kind::Tax,
        "宛名番号,課税年度\n1,2026\n".as_bytes(),
        Encoding::Utf8,
    )
    .unwrap_err();
    let missing: Vec<_> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(missing, vec!["合計所得金額", "非課税区分"]);
    assert!(errors
        .iter()
        .all(|e| e.line == 1 && e.problem == Problem::MissingColumn));
}

#[test]
fn a_cp932_file_decodes_and_a_utf8_reading_of_it_fails_at_the_first_bad_byte() {
    let text = juki(
        "100,10,世帯主,髙橋,太郎,タカハシ,タロウ,1990-04-01,1,683-0001,米子市①丁目,2015-04-01,住民\n",
    );
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable, "髙 and ① are in CP932");
    let Extract::Juki(rows) = parse(Kind::Juki, &bytes, Encoding::Cp932).unwrap() else {
        panic!("a juki extract")
    };
    assert_eq!(rows[0].1.family_name, "髙橋");
    assert_eq!(rows[0].1.address, "米子市①丁目");
    let errors = parse(Kind::Juki, &bytes, Encoding::Utf8).unwrap_err();
    assert_eq!(errors[0].problem, Problem::Encoding);
    assert_eq!((errors[0].line, errors[0].column), (1, Some(1)));
}

#[test]
fn a_utf8_bom_is_dropped_and_a_broken_byte_is_found_mid_line() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("宛名番号,課税年度,合計所得金額,非課税区分\n".as_bytes());
    bytes.extend_from_slice(b"100,2026,1\xFF0,0\n");
    let errors = parse(Kind::Tax, &bytes, Encoding::Utf8).unwrap_err();
    assert_eq!(
        (errors[0].line, errors[0].column, errors[0].problem),
        (2, Some(11), Problem::Encoding)
    );
}

#[test]
fn duplicates_broken_rows_and_disagreeing_households_are_refused() {
    let dup = juki(
        "100,10,世帯主,山田,太郎,ヤマダ,タロウ,1990-04-01,1,683-0001,米子市1,2015-04-01,住民\n\
         100,10,世帯主,山田,太郎,ヤマダ,タロウ,1990-04-01,1,683-0001,米子市1,2015-04-01,住民\n",
    );
    let errors = parse(Kind::Juki, dup.as_bytes(), Encoding::Utf8).unwrap_err();
    assert_eq!(errors[0].problem, Problem::Duplicate);
    assert_eq!(errors[0].line, 3);

    let split = juki(
        "100,10,世帯主,山田,太郎,ヤマダ,タロウ,1990-04-01,1,683-0001,米子市1,2015-04-01,住民\n\
         101,10,妻,山田,花子,ヤマダ,ハナコ,1991-04-01,2,683-0001,米子市2,2015-04-01,住民\n",
    );
    let errors = parse(Kind::Juki, split.as_bytes(), Encoding::Utf8).unwrap_err();
    assert_eq!((errors[0].line, errors[0].problem), (3, Problem::Conflict));

    let short = "宛名番号,課税年度,合計所得金額,非課税区分\n100,2026,5\n";
    let errors = parse(Kind::Tax, short.as_bytes(), Encoding::Utf8).unwrap_err();
    assert_eq!((errors[0].line, errors[0].problem), (2, Problem::Csv));

    let empty = "宛名番号,課税年度,合計所得金額,非課税区分\n";
    let errors = parse(Kind::Tax, empty.as_bytes(), Encoding::Utf8).unwrap_err();
    assert_eq!(errors[0].problem, Problem::Empty);
}

#[test]
fn the_other_layouts_read_their_codes() {
    let ins = "宛名番号,保険区分,資格取得年月日,資格喪失年月日\n100,国保,2020-04-01,\n101,2,2024-01-01,2026-03-31\n";
    let Extract::Insurance(rows) = parse(Kind::Insurance, ins.as_bytes(), Encoding::Utf8).unwrap()
    else {
        panic!()
    };
    assert_eq!(rows[0].1.kind, "nhi");
    assert_eq!(rows[0].1.valid_to, None);
    assert_eq!(rows[1].1.kind, "late_elderly");

    let ca = "宛名番号,認定年月日,支給対象児童数,公務員区分,消滅年月日\n100,2024-10-01,2,0,\n101,2020-01-01,1,0,2026-03-31\n";
    let Extract::ChildAllowance(rows) =
        parse(Kind::ChildAllowance, ca.as_bytes(), Encoding::Utf8).unwrap()
    else {
        panic!()
    };
    assert_eq!(rows[0].1.children_counted, 2);
    assert!(rows[1].1.ended_on.is_some());

    let care = "宛名番号,要介護状態区分,認定有効期間開始年月日,認定有効期間終了年月日\n100,要介護３,2026-01-01,2026-12-31\n101,要介護9,2026-01-01,2025-12-31\n";
    let errors = parse(Kind::Care, care.as_bytes(), Encoding::Utf8).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].line, 3);
    assert_eq!(errors[0].field.as_deref(), Some("要介護状態区分"));
    assert_eq!(
        errors[1].problem,
        Problem::Value(ValueError::DateOutOfRange)
    );
    assert_eq!(Kind::parse("child-allowance"), Some(Kind::ChildAllowance));
    assert_eq!(Encoding::parse("Shift_JIS"), Some(Encoding::Cp932));
}

use crate::jp::ValueError;
