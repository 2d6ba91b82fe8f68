//! How long one printed document takes: the heaviest form (出生届, four sections) and
//! the receipt with its QR code, fonts already loaded as in the server.
//! `cargo bench -p madoguchi-print`

use criterion::{criterion_group, criterion_main, Criterion};
use madoguchi_core::forms::{bundled, check, sample, Filled, Plan};
use madoguchi_core::screening::EventType;
use madoguchi_print::{Fonts, FormContext, Printer, ReceiptDoc, ReceiptLine, ReceiptWords};
use std::collections::BTreeSet;

fn bench(c: &mut Criterion) {
    let printer = Printer::new(
        Fonts::load(None).expect("IPAex fonts installed"),
        "星ヶ丘市",
    );
    let cat = bundled();
    let form = cat.form("birth_registration").expect("a form");
    let plan = Plan::new(
        cat,
        &["birth_registration"],
        &[EventType::Birth],
        &BTreeSet::new(),
    );
    let answers = sample::answers(cat, &plan);
    let values = check(cat, &plan, &answers).expect("sample answers pass");
    let filled = Filled::new(cat, form, &values, &answers, &[EventType::Birth]);
    let cx = FormContext {
        visit_number: "261125-ABC123".into(),
        filed_on: "令和8年11月25日".into(),
        department: "市民課".into(),
        signature_png: None,
    };
    // Every iteration prints a different application (another visit number), so Typst's
    // memoised layout cannot simply hand back the last document.
    let mut n = 0u64;
    c.bench_function("pdf/birth_registration", |b| {
        b.iter(|| {
            n += 1;
            let cx = FormContext {
                visit_number: format!("261125-{n:06}"),
                ..cx.clone()
            };
            printer.application(&filled, &cx).expect("pdf")
        })
    });
    let receipt = ReceiptDoc {
        visit_number: "261125-ABC123".into(),
        submitted_at: "令和8年11月25日 14時05分".into(),
        applications: (0..6)
            .map(|i| ReceiptLine {
                procedure: format!("手続き {i}"),
                department: "市民課".into(),
                counter: "本庁舎1階 1番窓口".into(),
                deadline: "令和8年12月3日".into(),
                ..Default::default()
            })
            .collect(),
        japanese: ReceiptWords {
            title: "受付票".into(),
            ..Default::default()
        },
        translation: None,
    };
    c.bench_function("pdf/receipt", |b| {
        b.iter(|| printer.receipt(&receipt).expect("pdf"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
