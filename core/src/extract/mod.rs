//! Municipal extracts (住基, 税 所得, 国保・後期高齢 資格, 児童手当 受給者, 要介護認定) as CSV
//! files in the layouts of `docs/REGISTRY_LAYOUTS.md`: decoded (UTF-8 or CP932), read
//! by column name, every value parsed, and every problem reported with its line and
//! column — all before anything is written. Applying a parsed extract to the database is
//! the services crate's work.

mod layouts;
mod read;
mod values;

#[cfg(test)]
mod tests;

pub use layouts::{AllowanceRow, CareRow, InsuranceRow, ResidentRow, ResidentStatus, TaxRow};
pub use read::decode;

use crate::jp::ValueError;

/// Which extract a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 住民基本台帳: residents and their households.
    Juki,
    /// 個人住民税: income per fiscal year.
    Tax,
    /// 国民健康保険 and 後期高齢者医療 qualifications.
    Insurance,
    /// 児童手当 recipients.
    ChildAllowance,
    /// 要介護・要支援認定.
    Care,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Juki,
        Kind::Tax,
        Kind::Insurance,
        Kind::ChildAllowance,
        Kind::Care,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Juki => "juki",
            Kind::Tax => "tax",
            Kind::Insurance => "insurance",
            Kind::ChildAllowance => "child-allowance",
            Kind::Care => "care",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The columns the file must have (in any order; other columns are ignored).
    pub fn columns(self) -> &'static [&'static str] {
        layouts::columns(self)
    }
}

/// How the file's bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Shift_JIS as Windows writes it (CP932, Windows-31J): what legacy systems export.
    Cp932,
}

impl Encoding {
    pub fn parse(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "cp932" | "shift-jis" | "sjis" | "windows-31j" | "ms932" => Some(Encoding::Cp932),
            _ => None,
        }
    }
}

/// A parsed extract: each row with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extract {
    Juki(Vec<(u64, ResidentRow)>),
    Tax(Vec<(u64, TaxRow)>),
    Insurance(Vec<(u64, InsuranceRow)>),
    ChildAllowance(Vec<(u64, AllowanceRow)>),
    Care(Vec<(u64, CareRow)>),
}

impl Extract {
    pub fn kind(&self) -> Kind {
        match self {
            Extract::Juki(_) => Kind::Juki,
            Extract::Tax(_) => Kind::Tax,
            Extract::Insurance(_) => Kind::Insurance,
            Extract::ChildAllowance(_) => Kind::ChildAllowance,
            Extract::Care(_) => Kind::Care,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Extract::Juki(r) => r.len(),
            Extract::Tax(r) => r.len(),
            Extract::Insurance(r) => r.len(),
            Extract::ChildAllowance(r) => r.len(),
            Extract::Care(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What is wrong with a file, or with one of its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Bytes that are not text in the given encoding.
    Encoding,
    /// Not CSV (an unclosed quote, a row with another number of fields).
    Csv,
    /// A column the layout needs is not in the header.
    MissingColumn,
    /// A value that is not what the column holds.
    Value(ValueError),
    /// The same record twice in one file (the other line is in the message).
    Duplicate,
    /// A 宛名番号 that is not in the registry.
    UnknownResident,
    /// Two rows of one household that disagree about its address.
    Conflict,
    /// A file with a header and no rows.
    Empty,
}

impl Problem {
    /// The stable code (for scripts reading the command's JSON output).
    pub fn code(self) -> &'static str {
        match self {
            Problem::Encoding => "encoding",
            Problem::Csv => "csv",
            Problem::MissingColumn => "missing_column",
            Problem::Value(e) => e.code(),
            Problem::Duplicate => "duplicate",
            Problem::UnknownResident => "unknown_resident",
            Problem::Conflict => "conflict",
            Problem::Empty => "empty",
        }
    }

    /// What the operator reads.
    pub fn message_ja(self) -> &'static str {
        match self {
            Problem::Encoding => "文字コードが正しくありません (--encoding を確かめてください)",
            Problem::Csv => "CSV として読めません",
            Problem::MissingColumn => "必要な列がありません",
            Problem::Value(e) => e.message_ja(),
            Problem::Duplicate => "同じ記録が二度あります",
            Problem::UnknownResident => "住民基本台帳にない宛名番号です",
            Problem::Conflict => "同じ世帯の住所が行によって違います",
            Problem::Empty => "データの行がありません",
        }
    }
}

/// One problem, where it is: line (1 = the header) and column (1-based, counted in
/// characters for an encoding error, in fields otherwise), and the column's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: Option<usize>,
    pub field: Option<String>,
    pub problem: Problem,
    /// More about it: the value found, the other line.
    pub detail: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}行目", self.line)?;
        if let Some(c) = self.column {
            write!(f, " {c}列目")?;
        }
        if let Some(name) = &self.field {
            write!(f, " ({name})")?;
        }
        write!(
            f,
            ": {} [{}]",
            self.problem.message_ja(),
            self.problem.code()
        )?;
        if !self.detail.is_empty() {
            write!(f, " — {}", self.detail)?;
        }
        Ok(())
    }
}

/// Reads a whole extract: every problem of every row, or the rows.
pub fn parse(kind: Kind, bytes: &[u8], encoding: Encoding) -> Result<Extract, Vec<RowError>> {
    let text = decode(bytes, encoding)?;
    let table = read::Table::new(&text, kind.columns())?;
    let extract = layouts::rows(kind, table)?;
    if extract.is_empty() {
        return Err(vec![RowError {
            line: 2,
            column: None,
            field: None,
            problem: Problem::Empty,
            detail: String::new(),
        }]);
    }
    Ok(extract)
}
