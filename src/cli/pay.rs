//! `qualplan pay`: what to pay and when.

use super::course::{explain, pay_failure};
use super::output::{Doc, Format, Table, csv, json};
use super::{Context, Failure, PayArgs};
use chrono::NaiveDate;
use qualplan::planner::{Course, CourseKind, Due, Payment, PaymentKind, PaymentPlan};
use qualplan::pricing::InstalmentTerms;
use serde::Serialize;

/// `pay --format json` (docs/schema/pay.schema.json): the payment plan,
/// and the course it pays for.
#[derive(Serialize)]
struct PayJson<'a> {
    qualification: &'a str,
    start: NaiveDate,
    vat_percent: u32,
    #[serde(flatten)]
    plan: &'a PaymentPlan,
    course: &'a Course,
}

/// One payment in `pay --format csv`.
#[derive(Serialize)]
struct PaymentRow<'a> {
    qualification: &'a str,
    #[serde(flatten)]
    payment: &'a Payment,
}

/// The options that only shape an instalment plan.
fn instalment_options(a: &PayArgs) -> Vec<&'static str> {
    [
        ("--premium", a.premium.is_some()),
        ("--instalment", a.instalment.is_some()),
        ("--months", a.months.is_some()),
        ("--no-final-payment", a.no_final_payment),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect()
}

pub fn run(ctx: &Context, a: PayArgs) -> Result<String, Failure> {
    let c = &ctx.catalogue;
    if let (false, [first, ..]) = (a.instalments, instalment_options(&a).as_slice()) {
        return Err(Failure::usage(format!(
            "{first} changes the instalment plan, and this pays in full: add --instalments, e.g. `qualplan pay l3-award-coaching --instalments {first}{}`",
            match *first {
                "--premium" => " 30",
                "--instalment" => " 200",
                "--months" => " 6",
                _ => "",
            }
        )));
    }
    let q = ctx.named_qualification(&a.qualification, "pay")?;
    let holding = ctx.holding(&a.holding)?;
    let course = ctx.course(&q.id, &holding)?;
    let start = a.start.unwrap_or(ctx.today);
    let terms = a.instalments.then(|| {
        let defaults = InstalmentTerms::from(&c.pricing.instalments);
        InstalmentTerms {
            premium: a.premium.unwrap_or(defaults.premium),
            instalment: a.instalment.unwrap_or(defaults.instalment),
            monthly_payments: a.months.unwrap_or(defaults.monthly_payments),
            final_on_completion: defaults.final_on_completion && !a.no_final_payment,
        }
    });
    let plan = course.payments(terms.as_ref(), start).map_err(|e| {
        let later = terms.map_or(0, |t| {
            i64::from(t.monthly_payments) + i64::from(t.final_on_completion)
        });
        pay_failure(e, course.fee.map(|f| f.ex_vat), later)
    })?;
    Ok(match a.out.format {
        Format::Json => json(&PayJson {
            qualification: &q.id,
            start,
            vat_percent: course.vat_percent,
            plan: &plan,
            course: &course,
        }),
        Format::Csv => {
            let rows: Vec<PaymentRow> = plan
                .payments
                .iter()
                .map(|payment| PaymentRow {
                    qualification: &q.id,
                    payment,
                })
                .collect();
            csv(&rows, || None)
        }
        people => ctx.people(people, &document(ctx, &course, &plan)),
    })
}

fn document(ctx: &Context, course: &Course, plan: &PaymentPlan) -> Doc {
    let c = &ctx.catalogue;
    let mut doc = Doc::default();
    let what = match (&course.from, course.kind) {
        (Some(held), CourseKind::TopUp) => {
            format!("the top-up from {held} to {}", course.qualification)
        }
        _ => format!("{} ({})", course.title, course.qualification),
    };
    let how = match plan.kind {
        PaymentKind::InFull => "in full",
        PaymentKind::Instalments => "by instalments",
    };
    doc.heading(format!("Paying for {what} {how}"));
    doc.table(table(plan, course.vat_percent));
    explain(&mut doc, course);
    if let Some(Due::OnCompletion(Some(d))) = plan.payments.last().map(|p| p.due) {
        doc.para(format!(
            "The final payment falls due on successful completion, expected by {d} (the end of the suggested time)."
        ));
    }
    if plan.kind == PaymentKind::Instalments {
        doc.para(format!(
            "The instalment plan adds a {} premium, paid with the first payment; terms and conditions apply. qualplan generalises the provider's one worked example ({}).",
            plan.premium_ex_vat,
            c.cite_in_full(&c.pricing.instalments.example.source)
        ));
    }
    doc.para("Prices exclude VAT; VAT is worked out on each payment.");
    doc
}

fn table(plan: &PaymentPlan, vat_percent: u32) -> Table {
    let vat_header = format!("VAT {vat_percent}%");
    let mut t =
        Table::new(&["payment", "due", "ex VAT", &vat_header, "inc VAT"]).right_align(&[2, 3, 4]);
    for p in &plan.payments {
        let due = match p.due {
            Due::On(d) => d.to_string(),
            Due::OnCompletion(_) => "on completion".to_string(),
        };
        t.row(vec![
            p.label.clone(),
            due,
            p.amount.ex_vat.to_string(),
            p.amount.vat.to_string(),
            p.amount.inc_vat.to_string(),
        ]);
    }
    t.row(vec![
        "Total".into(),
        String::new(),
        plan.total.ex_vat.to_string(),
        plan.total.vat.to_string(),
        plan.total.inc_vat.to_string(),
    ]);
    t
}
