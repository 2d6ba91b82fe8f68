//! Every form renders to a PDF with demo data, and so does a receipt.

use madoguchi_core::forms::{bundled, sample, Filled, Plan};
use madoguchi_core::screening::EventType;
use madoguchi_print::{Fonts, FormContext, Printer, ReceiptDoc, ReceiptLine};
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

#[test]
fn a_receipt_renders_with_its_qr_code() {
    let pdf = printer()
        .receipt(&ReceiptDoc {
            visit_number: "261125-ABC123".into(),
            submitted_at: "令和8年11月25日 14時05分".into(),
            applications: vec![ReceiptLine {
                procedure: "出生届".into(),
                department: "市民課".into(),
                counter: "本庁舎1階 1番窓口".into(),
                deadline: "令和8年12月3日".into(),
            }],
        })
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if std::env::var_os("MADOGUCHI_PRINT_OUT").is_some() {
        std::fs::write("/tmp/receipt.pdf", &pdf).unwrap();
    }
}
