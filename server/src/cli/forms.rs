//! `madoguchi forms render`: any form of the catalog (or the receipt) as a PDF with
//! demo data, to check a layout without a visit. No database is read.

use app::server::{catalog, documents};
use madoguchi_core::forms::{self, Filled, Plan};
use madoguchi_core::lang::Lang;
use madoguchi_core::screening::EventType;
use madoguchi_print::{Fonts, FormContext, Printer, ReceiptDoc, ReceiptLine};
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Render one form (by procedure id) or the receipt with demo data.
    Render(RenderArgs),
    /// List the forms of the catalog: procedure id and title.
    List,
}

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// The procedure whose form to render (see `madoguchi forms list`).
    #[arg(long, required_unless_present = "receipt")]
    pub procedure: Option<String>,
    /// Render the visit receipt (受付票) instead of a form.
    #[arg(long, conflicts_with = "procedure")]
    pub receipt: bool,
    /// The resident's language printed below the receipt's Japanese (a code of
    /// `locales/languages.toml`, e.g. `ko`).
    #[arg(long, requires = "receipt", default_value = "ja")]
    pub lang: String,
    /// Fill it with demo data (the only source for now: real applications are printed
    /// from the department queue).
    #[arg(long, required = true)]
    pub sample: bool,
    #[arg(long)]
    pub out: PathBuf,
    /// Fonts (IPAex Mincho and Gothic); default: where Debian installs them.
    #[arg(long, env = "MADOGUCHI_FONT_DIR")]
    pub font_dir: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        Command::List => {
            for f in &forms::bundled().forms {
                println!("{}\t{}", f.procedure, f.title);
            }
            Ok(())
        }
        Command::Render(r) => render(r),
    }
}

fn render(args: RenderArgs) -> anyhow::Result<()> {
    let printer = Printer::new(Fonts::load(args.font_dir.as_deref())?, super::serve::CITY);
    let pdf = match &args.procedure {
        Some(procedure) => {
            let cat = forms::bundled();
            let Some(form) = cat.form(procedure) else {
                anyhow::bail!("no form for `{procedure}` (see `madoguchi forms list`)");
            };
            let plan = Plan::new(
                cat,
                &[procedure.as_str()],
                &EventType::ALL,
                &BTreeSet::new(),
            );
            let answers = forms::sample::answers(cat, &plan);
            let mut values = forms::check(cat, &plan, &answers)
                .map_err(|e| anyhow::anyhow!("the sample answers do not pass: {e:?}"))?;
            values.insert(
                "subjects".into(),
                "星野 一郎 (令和2年4月1日生)、星野 花子 (平成2年6月1日生)".into(),
            );
            values.insert("children".into(), "星野 一郎 (令和2年4月1日生)".into());
            let filled = Filled::new(cat, form, &values, &answers, &EventType::ALL);
            printer.application(
                &filled,
                &FormContext {
                    visit_number: "261125-SAMPLE".into(),
                    filed_on: "令和8年11月25日".into(),
                    department: "見本".into(),
                    signature_png: None,
                },
            )?
        }
        None => {
            let lang = Lang::parse(&args.lang)
                .ok_or_else(|| anyhow::anyhow!("no language `{}`", args.lang))?;
            let in_lang = |key: &str| {
                (lang != Lang::JA)
                    .then(|| catalog::printed_if_any(lang, key))
                    .flatten()
                    .unwrap_or_default()
            };
            printer.receipt(&ReceiptDoc {
                visit_number: "261125-SAMPLE".into(),
                submitted_at: "令和8年11月25日 10時30分".into(),
                applications: vec![ReceiptLine {
                    procedure: "出生届".into(),
                    department: "市民課".into(),
                    counter: "本庁舎1階 1番窓口".into(),
                    deadline: "令和8年12月3日".into(),
                    procedure_tr: in_lang("rules.procedures.birth_registration.name"),
                    department_tr: in_lang("rules.departments.shimin.name"),
                    counter_tr: in_lang("rules.departments.shimin.counter"),
                    deadline_tr: String::new(),
                }],
                japanese: documents::receipt_words(Lang::JA, 1),
                translation: documents::receipt_translation(lang, 1),
            })?
        }
    };
    std::fs::write(&args.out, pdf)?;
    println!("wrote {}", args.out.display());
    Ok(())
}
