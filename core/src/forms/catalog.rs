//! The checked form catalog: interview topics, fields (each defined once) and one form
//! per procedure. `compile` refuses files with an unknown type, topic, prefill source,
//! field or option, so a typo never reaches a resident.

use super::source::{SourceFile, TextDef};
pub use crate::lang::{Lang, Text};
use crate::screening::EventType;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

impl From<&TextDef> for Text {
    fn from(t: &TextDef) -> Self {
        Self {
            ja: t.ja.clone(),
            easy: t.easy.clone(),
            en: t.en.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: Text,
    pub help: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// How a field is typed and checked (the value types of `jp`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FieldType {
    Name,
    Kana,
    Date,
    Time,
    PostalCode,
    Address,
    Phone,
    Text {
        max: usize,
    },
    Number {
        unit: String,
        min: i64,
        max: i64,
    },
    Choice {
        options: Vec<Choice>,
    },
    YesNo,
    BankAccount,
    MyNumber,
    /// The members an application concerns; always from the registry.
    Members,
}

impl FieldType {
    fn parse(f: &super::source::FieldDef) -> Result<Self, String> {
        Ok(match f.ty.as_str() {
            "name" => Self::Name,
            "kana" => Self::Kana,
            "date" => Self::Date,
            "time" => Self::Time,
            "postal_code" => Self::PostalCode,
            "address" => Self::Address,
            "phone" => Self::Phone,
            "text" => Self::Text {
                max: f.max.unwrap_or(60).clamp(1, 400) as usize,
            },
            "number" => Self::Number {
                unit: f.unit.clone().unwrap_or_default(),
                min: f.min.unwrap_or(0),
                max: f.max.unwrap_or(i64::MAX),
            },
            "choice" => {
                if f.options.len() < 2 {
                    return Err("選択肢 (options) が2つ以上必要です".into());
                }
                Self::Choice {
                    options: f
                        .options
                        .iter()
                        .map(|o| Choice {
                            id: o.id.clone(),
                            label: Text {
                                ja: o.ja.clone(),
                                easy: o.easy.clone(),
                                en: o.en.clone(),
                            },
                        })
                        .collect(),
                }
            }
            "yes_no" => Self::YesNo,
            "bank_account" => Self::BankAccount,
            "my_number" => Self::MyNumber,
            "members" => Self::Members,
            t => return Err(format!("型 `{t}` はありません")),
        })
    }
}

/// Where a value the city already knows comes from. The server fills each one; a source
/// that is empty for a household (no father in it, say) leaves the field to be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefill {
    ApplicantName,
    ApplicantKana,
    ApplicantBirthDate,
    HouseholdAddress,
    HeadName,
    FatherName,
    MotherName,
    MotherBirthDate,
    SpouseName,
    Subjects,
    /// The household's children up to the first 31 March after 18, and the baby.
    Children,
    DeceasedName,
    DeceasedBirthDate,
    BabyName,
    BabyKana,
    BabyBirthDate,
    BabySex,
    /// The date of the visit's event of this kind.
    EventDate(EventType),
}

impl Prefill {
    const NAMED: [(&'static str, Prefill); 17] = [
        ("registry.applicant.name", Prefill::ApplicantName),
        ("registry.applicant.kana", Prefill::ApplicantKana),
        ("registry.applicant.birth_date", Prefill::ApplicantBirthDate),
        ("registry.household.address", Prefill::HouseholdAddress),
        ("registry.head.name", Prefill::HeadName),
        ("registry.father.name", Prefill::FatherName),
        ("registry.mother.name", Prefill::MotherName),
        ("registry.mother.birth_date", Prefill::MotherBirthDate),
        ("registry.spouse.name", Prefill::SpouseName),
        ("registry.subjects", Prefill::Subjects),
        ("registry.children", Prefill::Children),
        ("registry.deceased.name", Prefill::DeceasedName),
        ("registry.deceased.birth_date", Prefill::DeceasedBirthDate),
        ("visit.baby.name", Prefill::BabyName),
        ("visit.baby.kana", Prefill::BabyKana),
        ("visit.baby.birth_date", Prefill::BabyBirthDate),
        ("visit.baby.sex", Prefill::BabySex),
    ];

    pub fn from_id(id: &str) -> Option<Self> {
        if let Some(event) = id
            .strip_prefix("visit.event.")
            .and_then(|rest| rest.strip_suffix(".date"))
        {
            return EventType::from_id(event).map(Prefill::EventDate);
        }
        Self::NAMED.iter().find(|(n, _)| *n == id).map(|(_, p)| *p)
    }

    /// Where the value comes from, as the resident reads it next to the value.
    pub fn source(self) -> Source {
        match self {
            Self::BabyName
            | Self::BabyKana
            | Self::BabyBirthDate
            | Self::BabySex
            | Self::EventDate(_) => Source::Visit,
            _ => Source::Registry,
        }
    }
}

/// Where a field's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The resident registry (住民記録): shown for confirmation, never retyped.
    Registry,
    /// Entered earlier in this visit (the baby, the date of the event).
    Visit,
    /// Asked in the interview.
    Asked,
}

impl Source {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Registry => "住民記録から",
            Self::Visit => "入力済み",
            Self::Asked => "今回の入力",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub key: String,
    pub ty: FieldType,
    pub topic: String,
    pub label: Text,
    pub help: Option<Text>,
    pub prefill: Option<Prefill>,
}

/// When a field of a form applies: only for some events, or only when another field
/// has one of some values (the amount paid to the hospital, when there is a remainder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    Event(Vec<EventType>),
    Field { key: String, is: Vec<String> },
}

/// Whether the visit's own signature is printed on a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signature {
    /// The one signature given on the tablet.
    One,
    /// The law wants signatures of its own (both spouses, witnesses): printed for
    /// signing at the counter.
    Own,
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub procedure: String,
    pub title: String,
    /// The official form this one follows.
    pub model: String,
    pub signature: Signature,
    pub optional: Vec<String>,
    pub when: BTreeMap<String, When>,
    pub sections: Vec<Section>,
}

impl Form {
    /// Every field the form prints, in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|s| s.fields.iter().map(String::as_str))
    }
}

/// A problem in the form files, with the file it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormError {
    pub file: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub topics: Vec<Topic>,
    pub fields: Vec<Field>,
    pub forms: Vec<Form>,
}

impl Catalog {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn form(&self, procedure: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.procedure == procedure)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}

/// Checks the form files and builds the catalog, or lists every problem.
pub fn compile(files: &[(&str, &str)]) -> Result<Catalog, Vec<FormError>> {
    let mut errors = Vec::new();
    let mut docs = Vec::new();
    for (file, text) in files {
        match toml::from_str::<SourceFile>(text) {
            Ok(doc) => docs.push((*file, doc)),
            Err(e) => errors.push(FormError {
                file: (*file).to_owned(),
                message: e.to_string(),
            }),
        }
    }
    let mut err = |file: &str, message: String| {
        errors.push(FormError {
            file: file.to_owned(),
            message,
        })
    };
    let mut cat = Catalog {
        topics: Vec::new(),
        fields: Vec::new(),
        forms: Vec::new(),
    };
    for (file, doc) in &docs {
        for t in &doc.topic {
            if cat.topic(&t.id).is_some() {
                err(file, format!("話題 `{}` が2回定義されています", t.id));
            }
            cat.topics.push(Topic {
                id: t.id.clone(),
                title: (&t.title).into(),
                help: t.help.as_ref().map(Text::from),
            });
        }
    }
    for (file, doc) in &docs {
        for f in &doc.field {
            let at = format!("項目 `{}`", f.key);
            if cat.field(&f.key).is_some() {
                err(file, format!("{at} が2回定義されています"));
                continue;
            }
            if cat.topic(&f.topic).is_none() {
                err(file, format!("{at}: 話題 `{}` はありません", f.topic));
            }
            let ty = match FieldType::parse(f) {
                Ok(t) => t,
                Err(m) => {
                    err(file, format!("{at}: {m}"));
                    continue;
                }
            };
            let prefill = match f.prefill.as_deref().map(|p| (p, Prefill::from_id(p))) {
                None => None,
                Some((_, Some(p))) => Some(p),
                Some((p, None)) => {
                    err(file, format!("{at}: 値の出どころ `{p}` はありません"));
                    None
                }
            };
            if ty == FieldType::Members
                && !matches!(prefill, Some(Prefill::Subjects | Prefill::Children))
            {
                err(
                    file,
                    format!(
                        "{at}: members の項目は registry.subjects か registry.children からです"
                    ),
                );
            }
            cat.fields.push(Field {
                key: f.key.clone(),
                ty,
                topic: f.topic.clone(),
                label: (&f.label).into(),
                help: f.help.as_ref().map(Text::from),
                prefill,
            });
        }
    }
    for (file, doc) in &docs {
        for f in &doc.form {
            let at = format!("様式 `{}`", f.procedure);
            if cat.form(&f.procedure).is_some() {
                err(file, format!("{at} が2回定義されています"));
                continue;
            }
            let signature = match f.signature.as_str() {
                "one" => Signature::One,
                "own" => Signature::Own,
                "none" => Signature::None,
                s => {
                    err(
                        file,
                        format!("{at}: signature `{s}` は one, own, none のどれかです"),
                    );
                    Signature::None
                }
            };
            let sections: Vec<Section> = f
                .section
                .iter()
                .map(|s| Section {
                    title: s.title.clone(),
                    fields: s.fields.clone(),
                })
                .collect();
            let mut printed = HashSet::new();
            for key in sections.iter().flat_map(|s| &s.fields) {
                if cat.field(key).is_none() {
                    err(file, format!("{at}: 項目 `{key}` はありません"));
                }
                if !printed.insert(key.as_str()) {
                    err(file, format!("{at}: 項目 `{key}` が2回あります"));
                }
            }
            for key in &f.optional {
                if !printed.contains(key.as_str()) {
                    err(
                        file,
                        format!("{at}: optional の `{key}` は様式にありません"),
                    );
                }
            }
            let mut when = BTreeMap::new();
            for (key, w) in &f.when {
                if !printed.contains(key.as_str()) {
                    err(file, format!("{at}: when の `{key}` は様式にありません"));
                    continue;
                }
                match check_when(&cat, w, &printed) {
                    Ok(w) => {
                        when.insert(key.clone(), w);
                    }
                    Err(m) => err(file, format!("{at}: when の `{key}`: {m}")),
                }
            }
            cat.forms.push(Form {
                procedure: f.procedure.clone(),
                title: f.title.clone(),
                model: f.model.clone(),
                signature,
                optional: f.optional.clone(),
                when,
                sections,
            });
        }
    }
    if errors.is_empty() {
        Ok(cat)
    } else {
        Err(errors)
    }
}

fn check_when(
    cat: &Catalog,
    w: &super::source::WhenDef,
    printed: &HashSet<&str>,
) -> Result<When, String> {
    match (&w.event, &w.field, &w.is) {
        (Some(events), None, None) => events
            .list()
            .into_iter()
            .map(|e| EventType::from_id(e).ok_or_else(|| format!("出来事 `{e}` はありません")))
            .collect::<Result<Vec<_>, _>>()
            .map(When::Event),
        (None, Some(key), Some(is)) => {
            if !printed.contains(key.as_str()) {
                return Err(format!("`{key}` は様式にありません"));
            }
            let Some(FieldType::Choice { options }) = cat.field(key).map(|f| &f.ty) else {
                return Err(format!("`{key}` は選択肢の項目ではありません"));
            };
            let is: Vec<String> = is.list().into_iter().map(str::to_owned).collect();
            if let Some(bad) = is.iter().find(|v| !options.iter().any(|o| &o.id == *v)) {
                return Err(format!("`{key}` に選択肢 `{bad}` はありません"));
            }
            Ok(When::Field {
                key: key.clone(),
                is,
            })
        }
        _ => Err("event か、field と is のどちらかを書きます".into()),
    }
}
