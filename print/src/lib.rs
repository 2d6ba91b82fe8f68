//! Madoguchi's printed documents, typeset with Typst as a library: each application in
//! the layout of the official form it follows, and the receipt (受付票) of a visit with
//! a QR code of its number. The layouts are Typst templates (`templates/`); the values
//! reach them as a JSON file, never spliced into Typst text, so nothing a resident types
//! can change a layout.
//!
//! No network, no system font lookup: the fonts are given (the server loads them once
//! from the Debian packages `fonts-ipaexfont-mincho` and `fonts-ipaexfont-gothic`, whose
//! licence allows embedding), and the documents are pure functions of their data.

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
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptLine {
    pub procedure: String,
    pub department: String,
    pub counter: String,
    pub deadline: String,
}

/// The receipt of a visit.
#[derive(Debug, Clone)]
pub struct ReceiptDoc {
    pub visit_number: String,
    /// When it was submitted, as printed.
    pub submitted_at: String,
    pub applications: Vec<ReceiptLine>,
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
    headline: String,
    applications: &'a [ReceiptLine],
    next_steps: [&'a str; 3],
    note: &'a str,
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

    /// The receipt (受付票) of a submitted visit, with a QR code of its number.
    pub fn receipt(&self, r: &ReceiptDoc) -> Result<Vec<u8>, PrintError> {
        let data = ReceiptData {
            city: &self.city,
            office: "市民窓口",
            visit_number: &r.visit_number,
            submitted_at: &r.submitted_at,
            headline: format!("{}件の申請を受け付けました", r.applications.len()),
            applications: &r.applications,
            next_steps: [
                "担当課の職員が内容を確認します。窓口の番号の順にご案内します。",
                "お持ちいただくものは、各窓口でご確認ください。",
                "この受付票の受付番号 (QRコード) で、申請の状況を職員がすぐに確認できます。",
            ],
            note: "この受付票は大切に保管してください。",
        };
        let mut doc = Doc::new(self, RECEIPT);
        doc.add_json("data.json", &data)?;
        doc.add_file("qr.svg", qr_svg(&r.visit_number)?.into_bytes());
        doc.pdf()
    }
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
