//! Every form renders to a PDF with demo data, and so does a receipt.

use madoguchi_core::forms::{bundled, sample, Filled, Plan};
use madoguchi_core::screening::EventType;
use madoguchi_print::{
    Fonts, FormContext, PrintError, Printer, ReceiptDoc, ReceiptLine, ReceiptTranslation,
    ReceiptWords,
};
use std::collections::BTreeSet;

fn printer() -> Printer {
    Printer::new(
        Fonts::load(None).expect("IPAex fonts installed"),
        "星ヶ丘市",
    )
}

#[test]
fn every_form_renders_with_sample_data() {
    let p = printer();
    let cat = bundled();
    for form in &cat.forms {
        let plan = Plan::new(
            cat,
            &[form.procedure.as_str()],
            &EventType::ALL,
            &BTreeSet::new(),
        );
        let answers = sample::answers(cat, &plan);
        let mut values = madoguchi_core::forms::check(cat, &plan, &answers).unwrap();
        values.insert("subjects".into(), "星野 一郎 (令和2年4月1日生)".into());
        values.insert("children".into(), "星野 一郎 (令和2年4月1日生)".into());
        let filled = Filled::new(cat, form, &values, &answers, &EventType::ALL);
        let pdf = p
            .application(
                &filled,
                &FormContext {
                    visit_number: "261125-ABC123".into(),
                    filed_on: "令和8年11月25日".into(),
                    department: "こども支援課".into(),
                    signature_png: None,
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", form.procedure));
        assert!(pdf.starts_with(b"%PDF-"), "{}", form.procedure);
        if std::env::var_os("MADOGUCHI_PRINT_OUT").is_some() {
            std::fs::write(format!("/tmp/form-{}.pdf", form.procedure), &pdf).unwrap();
        }
    }
}

fn words(title: &str, number: &str) -> ReceiptWords {
    ReceiptWords {
        title: title.into(),
        number: number.into(),
        headline: format!("1 {title}"),
        columns: [number.into(), number.into(), number.into(), number.into()],
        next_title: title.into(),
        next_steps: [number.into(), number.into(), number.into()],
        note: title.into(),
    }
}

fn receipt(translation: Option<ReceiptTranslation>) -> ReceiptDoc {
    // A translated text, or nothing without a translation.
    let on = translation.is_some();
    let tr = move |text: &str| if on { text.to_owned() } else { String::new() };
    ReceiptDoc {
        visit_number: "261125-ABC123".into(),
        submitted_at: "令和8年11月25日 14時05分".into(),
        applications: vec![ReceiptLine {
            procedure: "出生届".into(),
            department: "市民課".into(),
            counter: "本庁舎1階 1番窓口".into(),
            deadline: "令和8年12月3日".into(),
            procedure_tr: tr("출생신고"),
            department_tr: tr("시민과"),
            counter_tr: tr("본청사 1층 1번 창구"),
            deadline_tr: tr("2026. 12. 3."),
        }],
        japanese: words("受付票", "受付番号"),
        translation,
    }
}

fn korean() -> Option<ReceiptTranslation> {
    Some(ReceiptTranslation {
        lang: "ko".into(),
        font: "Noto Sans CJK KR".into(),
        words: words("접수표", "접수번호"),
    })
}

#[test]
fn a_receipt_renders_with_its_qr_code() {
    let pdf = printer().receipt(&receipt(None)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if std::env::var_os("MADOGUCHI_PRINT_OUT").is_some() {
        std::fs::write("/tmp/receipt.pdf", &pdf).unwrap();
    }
}

#[test]
fn a_receipt_carries_the_residents_language_in_its_font() {
    let fonts = Fonts::load(None).expect("fonts installed");
    assert!(
        fonts.families().iter().any(|f| f == "Noto Sans CJK KR"),
        "Noto Sans CJK installed (fonts-noto-cjk): {:?}",
        fonts.families()
    );
    let printer = Printer::new(fonts, "星ヶ丘市");
    let pdf = printer.receipt(&receipt(korean())).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if std::env::var_os("MADOGUCHI_PRINT_OUT").is_some() {
        std::fs::write("/tmp/receipt-ko.pdf", &pdf).unwrap();
    }
}

#[test]
fn a_translation_its_fonts_cannot_set_is_refused_not_printed_as_boxes() {
    // Only the IPAex fonts: no Hangul.
    let ipaex = [
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    ]
    .map(|p| std::fs::read(p).expect("IPAex fonts installed"));
    let printer = Printer::new(Fonts::from_data(ipaex.to_vec()).unwrap(), "星ヶ丘市");
    let err = printer.receipt(&receipt(korean())).unwrap_err();
    assert!(matches!(err, PrintError::Fonts(_)), "{err}");
    // In Japanese it still prints.
    assert!(printer.receipt(&receipt(None)).is_ok());
}
