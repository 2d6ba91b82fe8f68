//! Madoguchi's printed documents, typeset with Typst as a library: each application in
//! the layout of the official form it follows, and the receipt (受付票) of a visit with
//! a QR code of its number. The layouts are Typst templates (`templates/`); the values
//! reach them as a JSON file, never spliced into Typst text, so nothing a resident types
//! can change a layout.
//!
//! No network, no system font lookup: the fonts are given (the server loads them once
//! from the Debian packages `fonts-ipaexfont-mincho` and `fonts-ipaexfont-gothic`, and
//! `fonts-noto-cjk` for the receipt's lines in the resident's language; both licences
//! allow embedding), and the documents are pure functions of their data.

mod world;

pub use world::Fonts;

use madoguchi_core::forms::{Filled, Signature};
use serde::Serialize;
use world::Doc;

const FORM: &str = include_str!("../templates/form.typ");
const RECEIPT: &str = include_str!("../templates/receipt.typ");

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("fonts: {0}")]
    Fonts(String),
    #[error("typesetting: {0}")]
    Typeset(String),
    #[error("PDF: {0}")]
    Pdf(String),
}

/// Typesets documents. Made once (it holds the fonts and Typst's library) and shared.
pub struct Printer {
    fonts: Fonts,
    library: typst::utils::LazyHash<typst::Library>,
    city: String,
}

/// What an application's form prints besides its fields.
#[derive(Debug, Clone, Default)]
pub struct FormContext {
    pub visit_number: String,
    /// The day it was filed, as printed (令和8年11月25日).
    pub filed_on: String,
    pub department: String,
    /// The resident's signature from the tablet (PNG), where the form takes it.
    pub signature_png: Option<Vec<u8>>,
}

/// One line of the receipt.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReceiptLine {
    pub procedure: String,
    pub department: String,
    pub counter: String,
    pub deadline: String,
    /// The procedure's name, the department's, its counter and the deadline in the
    /// resident's language (empty without a translation, or where it is the same).
    pub procedure_tr: String,
    pub department_tr: String,
    pub counter_tr: String,
    pub deadline_tr: String,
}

/// The receipt's own words in one language, as printed (no markup).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReceiptWords {
    /// 受付票
    pub title: String,
    /// 受付番号
    pub number: String,
    /// 3件の申請を受け付けました
    pub headline: String,
    /// 手続き, 担当課, 窓口, 期限
    pub columns: [String; 4],
    /// このあとの流れ
    pub next_title: String,
    pub next_steps: [String; 3],
    pub note: String,
}

/// The resident's language on the receipt, line by line below the Japanese.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptTranslation {
    /// The language's code as Typst takes it (ISO 639: `ko`, `zh`, `pt`).
    pub lang: String,
    /// The font family its lines are set in (`locales/languages.toml`, `print_font`).
    pub font: String,
    pub words: ReceiptWords,
}

/// The receipt of a visit: printed in Japanese (it is an official document), with the
/// resident's language below each line when they chose one.
#[derive(Debug, Clone)]
pub struct ReceiptDoc {
    pub visit_number: String,
    /// When it was submitted, as printed.
    pub submitted_at: String,
    pub applications: Vec<ReceiptLine>,
    pub japanese: ReceiptWords,
    pub translation: Option<ReceiptTranslation>,
}

#[derive(Serialize)]
struct FormData<'a> {
    city: &'a str,
    title: &'a str,
    model: String,
    addressee: String,
    filed_on: &'a str,
    visit_number: String,
    sections: &'a [madoguchi_core::forms::FilledSection],
    signature: &'a str,
    has_signature: bool,
    signature_note: &'a str,
    footer: String,
    note: &'a str,
}

#[derive(Serialize)]
struct ReceiptData<'a> {
    city: &'a str,
    office: &'a str,
    visit_number: &'a str,
    submitted_at: &'a str,
    applications: &'a [ReceiptLine],
    ja: &'a ReceiptWords,
    tr: Option<&'a ReceiptTranslation>,
}

impl Printer {
    pub fn new(fonts: Fonts, city: impl Into<String>) -> Self {
        use typst::LibraryExt;
        Self {
            fonts,
            library: typst::utils::LazyHash::new(typst::Library::default()),
            city: city.into(),
        }
    }

    /// The PDF of one application, laid out like its official form.
    pub fn application(&self, form: &Filled, cx: &FormContext) -> Result<Vec<u8>, PrintError> {
        let signature = match form.signature {
            Signature::One => "one",
            Signature::Own => "own",
            Signature::None => "none",
        };
        let signature_note = match form.signature {
            Signature::One if cx.signature_png.is_none() => "窓口で署名します",
            Signature::One => "",
            Signature::Own => "この届書は、法律の定めにより届出人 (と証人) が窓口で署名します。",
            Signature::None => "",
        };
        let data = FormData {
            city: &self.city,
            title: &form.title,
            model: format!("{} にならう様式", form.model),
            addressee: format!("{}長 様", self.city),
            filed_on: &cx.filed_on,
            visit_number: format!("受付番号 {}", cx.visit_number),
            sections: &form.sections,
            signature,
            has_signature: cx.signature_png.is_some() && form.signature == Signature::One,
            signature_note,
            footer: format!(
                "{} ・ 受付番号 {} ・ {}",
                self.city, cx.visit_number, cx.department
            ),
            note: "この申請書は、窓口のタブレットで住民記録と入力内容から作成しました。手書きの必要はありません。",
        };
        let mut doc = Doc::new(self, FORM);
        doc.add_json("data.json", &data)?;
        if let (Some(png), true) = (&cx.signature_png, data.has_signature) {
            doc.add_file("signature.png", png.clone());
        }
        doc.pdf()
    }

    /// The receipt (受付票) of a submitted visit, with a QR code of its number. A
    /// translation whose font is missing, or lacks a character of it, is refused
    /// (`PrintError::Fonts`) rather than printed as empty boxes.
    pub fn receipt(&self, r: &ReceiptDoc) -> Result<Vec<u8>, PrintError> {
        if let Some(tr) = &r.translation {
            let text = translated_text(tr, &r.applications);
            if let Some(c) = self.fonts.missing_glyph(&tr.font, &text) {
                return Err(PrintError::Fonts(format!(
                    "{} has no '{c}' for the receipt in {} (install fonts-noto-cjk)",
                    tr.font, tr.lang
                )));
            }
        }
        let data = ReceiptData {
            city: &self.city,
            office: "市民窓口",
            visit_number: &r.visit_number,
            submitted_at: &r.submitted_at,
            applications: &r.applications,
            ja: &r.japanese,
            tr: r.translation.as_ref(),
        };
        let mut doc = Doc::new(self, RECEIPT);
        doc.add_json("data.json", &data)?;
        doc.add_file("qr.svg", qr_svg(&r.visit_number)?.into_bytes());
        doc.pdf()
    }
}

/// Everything a translation prints, as one text (to check its font has every glyph).
fn translated_text(tr: &ReceiptTranslation, lines: &[ReceiptLine]) -> String {
    let w = &tr.words;
    let mut text = [&w.title, &w.number, &w.headline, &w.next_title, &w.note]
        .into_iter()
        .chain(&w.columns)
        .chain(&w.next_steps)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    for l in lines {
        for s in [
            &l.procedure_tr,
            &l.department_tr,
            &l.counter_tr,
            &l.deadline_tr,
        ] {
            text.push(' ');
            text.push_str(s);
        }
    }
    text
}

/// A QR code of the visit number, as SVG.
fn qr_svg(text: &str) -> Result<String, PrintError> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| PrintError::Pdf(e.to_string()))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}
