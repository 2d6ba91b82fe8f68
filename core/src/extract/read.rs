//! From bytes to rows: decoding with the line and column of a bad byte, and CSV read
//! by column name.

use super::{Encoding, Problem, RowError};

/// The file as text. A UTF-8 byte order mark is dropped; any byte sequence that is not
/// text in `encoding` is an error at its line and column.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, Vec<RowError>> {
    let (bytes, enc) = match encoding {
        Encoding::Utf8 => (
            bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
            encoding_rs::UTF_8,
        ),
        Encoding::Cp932 => (bytes, encoding_rs::SHIFT_JIS),
    };
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut errors = Vec::new();
    // 0x0A is never part of a two-byte character in Shift_JIS or UTF-8, so lines can be
    // decoded one by one and a bad byte found on its own line.
    for (i, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let mut decoder = enc.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(line.len() * 3 / 2 + 4);
        let (result, _read) = decoder.decode_to_string_without_replacement(line, &mut out, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => text.push_str(&out),
            _ => errors.push(RowError {
                line: i as u64 + 1,
                column: Some(out.chars().count() + 1),
                field: None,
                problem: Problem::Encoding,
                detail: String::new(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(text)
    } else {
        Err(errors)
    }
}

/// The CSV's rows, with the index of each needed column.
pub(super) struct Table {
    /// For each needed column (in the layout's order), its index in the file.
    index: Vec<usize>,
    pub(super) rows: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    pub(super) fn new(text: &str, columns: &[&str]) -> Result<Self, Vec<RowError>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| vec![csv_error(&e, 1)])?
            .clone();
        let names: Vec<&str> = header.iter().map(str::trim).collect();
        let mut index = Vec::with_capacity(columns.len());
        let mut errors = Vec::new();
        for column in columns {
            match names.iter().position(|n| n == column) {
                Some(i) => index.push(i),
                None => errors.push(RowError {
                    line: 1,
                    column: None,
                    field: Some((*column).to_owned()),
                    problem: Problem::MissingColumn,
                    detail: String::new(),
                }),
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(r) => {
                    let line = r.position().map_or(0, |p| p.line());
                    if r.iter().all(|f| f.trim().is_empty()) {
                        continue; // a blank line at the end
                    }
                    rows.push((line, r));
                }
                Err(e) => errors.push(csv_error(&e, 0)),
            }
        }
        if errors.is_empty() {
            Ok(Self { index, rows })
        } else {
            Err(errors)
        }
    }

    /// The value of needed column `i` in `record`, trimmed, and its 1-based field number.
    pub(super) fn get<'r>(&self, record: &'r csv::StringRecord, i: usize) -> (&'r str, usize) {
        let at = self.index[i];
        (record.get(at).unwrap_or("").trim(), at + 1)
    }
}

fn csv_error(e: &csv::Error, fallback_line: u64) -> RowError {
    let line = e.position().map_or(fallback_line, |p| p.line());
    let detail = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("列の数が {len} です ({expected_len} のはず)"),
        _ => e.to_string(),
    };
    RowError {
        line,
        column: None,
        field: None,
        problem: Problem::Csv,
        detail,
    }
}
