//! One course, worked out once. For every (holding, target, with this
//! provider or elsewhere) pair in the built-in catalogue, the JSON of
//! `upgrade`, `plan` and `pay` (the real binary), the TUI's Plan & pay state
//! and the quote agree to the penny and the unit; and the pack's own worked
//! figures come out as the pack words them.

use chrono::NaiveDate;
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin};
use qualplan::enquiry::{Enquiry, PaymentChoice};
use qualplan::planner::{Course, CourseError, Holding, PayError, all_upgrades};
use qualplan::quote::{self, QuoteError};
use qualplan::tui::{App, Ctx, Key, Plan, Screen, Theme};
use serde_json::Value;

#[path = "support/home.rs"]
mod support;

const START: &str = "2027-01-04";

fn start() -> NaiveDate {
    NaiveDate::parse_from_str(START, "%Y-%m-%d").unwrap()
}

fn catalogue() -> Catalogue {
    catalogue::load(&CatalogueOrigin::Embedded).unwrap()
}

/// What one run of the binary gave.
#[derive(Debug)]
struct Run {
    ok: bool,
    json: Value,
    stderr: String,
}

fn qualplan(home: &std::path::Path, args: &[String]) -> Run {
    let out = support::command(home)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        json: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The holding as command-line options.
fn holding_args(h: &Holding) -> Vec<String> {
    let mut args = Vec::new();
    for q in &h.qualifications {
        args.extend(["--from".to_string(), q.clone()]);
    }
    for u in &h.units {
        args.extend(["--unit".to_string(), u.clone()]);
    }
    if !h.with_provider {
        args.push("--elsewhere".to_string());
    }
    args
}

/// The four commands for one pair.
struct Cli {
    upgrade: Option<Run>,
    plan: Run,
    pay: Run,
    instalments: Run,
}

fn cli(target: &str, h: &Holding) -> Cli {
    let home = tempfile::tempdir().unwrap();
    let qualplan = |args: &[String]| qualplan(home.path(), args);
    let held = holding_args(h);
    let with = |mut args: Vec<String>| {
        args.extend(held.iter().cloned());
        args
    };
    let s = |x: &str| x.to_string();
    Cli {
        upgrade: (!h.qualifications.is_empty())
            .then(|| qualplan(&with(vec![s("upgrade"), s("--to"), s(target)]))),
        plan: qualplan(&with(vec![s("plan"), s(target), s("--start"), s(START)])),
        pay: qualplan(&with(vec![s("pay"), s(target), s("--start"), s(START)])),
        instalments: qualplan(&with(vec![
            s("pay"),
            s(target),
            s("--instalments"),
            s("--start"),
            s(START),
        ])),
    }
}

/// The TUI's Plan & pay for the pair, in full or (after `i`) by
/// instalments: reached through the Upgrade planner (marking what is held,
/// `o` for another provider, Enter on the target) wherever the planner lists the
/// target, else opened as every other screen opens it.
fn tui(c: &Catalogue, target: &str, h: &Holding, instalments: bool) -> Plan {
    let mut app = App::new(Ctx::new(c.clone(), start(), Theme::Monochrome));
    app.size = (200, 60);
    let listed = all_upgrades(c, h)
        .unwrap()
        .iter()
        .position(|x| x.qualification == target);
    if let (Some(index), [held]) = (listed, h.qualifications.as_slice()) {
        app.act(Key::Char('u'));
        let Some(Screen::Upgrade(u)) = app.stack.last() else {
            panic!("the Upgrade planner")
        };
        let row = u.choices.iter().position(|x| x == held).unwrap();
        for _ in 0..row {
            app.act(Key::Down);
        }
        app.act(Key::Char(' '));
        if !h.with_provider {
            app.act(Key::Char('o'));
        }
        app.act(Key::Tab);
        for _ in 0..index {
            app.act(Key::Down);
        }
        app.act(Key::Enter);
    } else {
        let plan = Plan::new(&app.ctx, target, h.clone());
        app.stack.push(Screen::Plan(Box::new(plan)));
    }
    if instalments {
        app.act(Key::Char('i'));
    }
    match app.stack.pop() {
        Some(Screen::Plan(p)) => {
            let p = *p;
            assert_eq!(p.id, target);
            assert_eq!(&p.holding, h, "the holding travels whole");
            assert_eq!(p.instalments, instalments);
            p
        }
        _ => panic!("{target} from {h}: not on Plan & pay"),
    }
}

/// The quote for an enquiry that chose the pair, in full or by the
/// catalogue's instalments.
fn quote_for(
    c: &Catalogue,
    target: &str,
    h: &Holding,
    instalments: bool,
) -> Result<quote::Quote, QuoteError> {
    let now = start().and_hms_opt(9, 0, 0).unwrap();
    let mut e = Enquiry::new("enq-20270104-090000".into(), now);
    e.choose(target, h);
    let plan = &c.pricing.instalments;
    e.payment = Some(PaymentChoice {
        instalments,
        start: start(),
        instalment: plan.instalment.value,
        monthly_payments: plan.monthly_payments.value,
        final_payment_on_completion: plan.final_payment_on_completion.value,
    });
    quote::build(c, &e, start())
}

/// The one course of `upgrade --to`.
fn course_of(upgrade: &Value) -> &Value {
    let courses = upgrade["courses"].as_array().unwrap();
    assert_eq!(courses.len(), 1, "{upgrade:#}");
    &courses[0]
}

fn pence(v: &Value) -> Option<i64> {
    v.as_i64()
}

/// Amounts of a payment plan: (ex VAT, VAT, inc VAT) pence, in order.
type Amounts = Vec<(i64, i64, i64)>;

fn cli_amounts(pay: &Value) -> Amounts {
    pay["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["amount_ex_vat_pence"].as_i64().unwrap(),
                p["vat_pence"].as_i64().unwrap(),
                p["amount_inc_vat_pence"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn check(c: &Catalogue, target: &str, h: &Holding, run: &Cli) {
    let what = format!("{target} for someone holding {h}");
    let expected = Course::new(c, target, h);
    let tui_full = tui(c, target, h, false);
    let quoted = quote_for(c, target, h, false);
    let quoted_instalments = quote_for(c, target, h, true);
    let course = match expected {
        Err(e) => {
            // Refused everywhere, for the same reason.
            let said = e.to_string();
            for r in [run.upgrade.as_ref(), Some(&run.plan), Some(&run.pay)]
                .into_iter()
                .flatten()
            {
                assert!(!r.ok, "{what}: accepted by the CLI");
                assert!(r.stderr.contains(&said), "{what}: {}", r.stderr);
            }
            assert_eq!(tui_full.course, Err(e.clone()), "{what}");
            assert!(
                matches!(&quoted, Err(QuoteError::Course(x)) if *x == e),
                "{what}: {quoted:?}"
            );
            assert!(!matches!(e, CourseError::TooLarge { .. }), "{what}: {e}");
            return;
        }
        Ok(course) => course,
    };
    // The course itself: one object, the same in the upgrade command, the
    // plan, the payments, the TUI and the quote.
    let expected_json = serde_json::to_value(&course).unwrap();
    if let Some(up) = &run.upgrade {
        assert!(up.ok, "{what}: {}", up.stderr);
        assert_eq!(up.json["holding"], expected_json["holding"], "{what}");
        assert_eq!(course_of(&up.json), &expected_json, "{what}: upgrade");
    }
    assert!(run.plan.ok, "{what}: {}", run.plan.stderr);
    assert_eq!(run.plan.json["course"], expected_json, "{what}: plan");
    assert_eq!(run.plan.json["qualification"], target, "{what}");
    assert_eq!(tui_full.course.as_ref(), Ok(&course), "{what}: TUI");
    // Hours and dates from the same course.
    let t = course.timeline(start(), None, None).unwrap();
    assert_eq!(run.plan.json["total_hours"], course.hours_to_take, "{what}");
    assert_eq!(
        run.plan.json["practice_hours"], course.practice_hours_to_take,
        "{what}"
    );
    assert_eq!(
        tui_full.timeline.as_ref().unwrap().total_hours,
        course.hours_to_take,
        "{what}"
    );
    assert_eq!(
        tui_full.timeline.as_ref().unwrap().target,
        t.target,
        "{what}"
    );
    let dates = |v: &Value| {
        v.as_str()
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
    };
    let plan_target = match (
        dates(&run.plan.json["suggested_completion_min"]),
        dates(&run.plan.json["suggested_completion_max"]),
    ) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    assert_eq!(plan_target, t.target, "{what}");
    // The money, to the penny.
    let fee = expected_json["fee_ex_vat_pence"].clone();
    match course.fee {
        None => {
            assert!(fee.is_null());
            assert!(!run.pay.ok, "{what}: paid for a fee on request");
            let said = PayError::OnRequest {
                qualification: course.qualification.clone(),
                kind: course.kind,
            }
            .to_string();
            assert!(run.pay.stderr.contains(&said), "{what}: {}", run.pay.stderr);
            assert!(
                matches!(&tui_full.payments, Some(Err(PayError::OnRequest { .. }))),
                "{what}"
            );
            assert!(
                matches!(
                    &quoted,
                    Err(QuoteError::Payment(PayError::OnRequest { .. }))
                ),
                "{what}: {quoted:?}"
            );
        }
        Some(f) => {
            assert!(run.pay.ok, "{what}: {}", run.pay.stderr);
            let pay = &run.pay.json;
            assert_eq!(pay["course"], expected_json, "{what}: pay");
            assert_eq!(
                pence(&pay["price_ex_vat_pence"]),
                Some(f.ex_vat.0),
                "{what}"
            );
            assert_eq!(
                pence(&pay["total_ex_vat_pence"]),
                Some(f.ex_vat.0),
                "{what}"
            );
            assert_eq!(pence(&pay["total_vat_pence"]), Some(f.vat.0), "{what}");
            assert_eq!(
                pence(&pay["total_inc_vat_pence"]),
                Some(f.inc_vat.0),
                "{what}"
            );
            let tui_plan = tui_full.payments.clone().unwrap().unwrap();
            assert_eq!(tui_plan.total, f, "{what}: TUI");
            let q = quoted.unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(q.fee, f, "{what}: quote");
            assert_eq!(q.total, f, "{what}: quote");
            assert_eq!(serde_json::to_value(&q.course).unwrap(), expected_json);
            // The units, one by one.
            let codes: Vec<&str> = q.units.iter().map(|u| u.code.as_str()).collect();
            assert_eq!(codes, course.units_to_take, "{what}: quote units");
            assert_eq!(
                q.credits,
                q.units.iter().map(|u| u.credits).sum::<u32>(),
                "{what}"
            );
            assert_eq!(q.credits, course.credits_to_take, "{what}");
            assert_eq!(q.hours, course.hours_to_take, "{what}");
            assert_eq!(q.practice_hours, course.practice_hours_to_take, "{what}");
            assert_eq!(
                q.practice_hours,
                q.units.iter().map(|u| u.practice_hours).sum::<u32>(),
                "{what}"
            );
            assert_eq!(q.target_to, t.target.map(|(_, b)| b), "{what}");
            assert_eq!(
                q.top_up.as_ref().map(|x| x.from.as_str()),
                course.from.as_deref(),
                "{what}"
            );
            // By instalments: all three schedule the same payments, or all
            // three refuse them for the same reason.
            let tui = tui(c, target, h, true).payments.unwrap();
            let quoted = quoted_instalments;
            match tui {
                Ok(plan) => {
                    assert!(run.instalments.ok, "{what}: {}", run.instalments.stderr);
                    let amounts: Amounts = plan
                        .payments
                        .iter()
                        .map(|p| (p.amount.ex_vat.0, p.amount.vat.0, p.amount.inc_vat.0))
                        .collect();
                    assert_eq!(cli_amounts(&run.instalments.json), amounts, "{what}");
                    let q = quoted.unwrap_or_else(|e| panic!("{what}: {e}"));
                    let from_quote: Amounts = q
                        .payments
                        .iter()
                        .map(|p| (p.amount.ex_vat.0, p.amount.vat.0, p.amount.inc_vat.0))
                        .collect();
                    assert_eq!(from_quote, amounts, "{what}: quote");
                    assert_eq!(q.total, plan.total, "{what}");
                }
                Err(e) => {
                    assert!(!run.instalments.ok, "{what}");
                    assert!(
                        run.instalments.stderr.contains(&e.to_string()),
                        "{what}: {}",
                        run.instalments.stderr
                    );
                    assert_eq!(quoted.unwrap_err(), QuoteError::Payment(e), "{what}");
                }
            }
        }
    }
}

#[test]
fn every_holding_and_target_agree_everywhere() {
    let c = catalogue();
    let ids: Vec<String> = c.qualifications.iter().map(|q| q.id.clone()).collect();
    let mut pairs: Vec<(String, Holding)> =
        ids.iter().map(|to| (to.clone(), Holding::none())).collect();
    for held in &ids {
        for to in &ids {
            for with_provider in [true, false] {
                pairs.push((to.clone(), Holding::one(held, with_provider)));
            }
        }
    }
    // A holding of several qualifications and a single unit, to show the
    // whole holding travels.
    let several = Holding {
        qualifications: vec!["l3-award-coaching".into(), "l3-award-mentoring".into()],
        units: vec!["8577-302".into()],
        with_provider: true,
    };
    for to in &ids {
        pairs.push((to.clone(), several.clone()));
    }
    // The binary runs in a few threads; the TUI and quote are checked here.
    let runs: Vec<Cli> = std::thread::scope(|s| {
        let chunks: Vec<_> = pairs
            .chunks(pairs.len().div_ceil(4))
            .map(|chunk| {
                s.spawn(move || chunk.iter().map(|(to, h)| cli(to, h)).collect::<Vec<_>>())
            })
            .collect();
        chunks.into_iter().flat_map(|t| t.join().unwrap()).collect()
    });
    for ((to, h), run) in pairs.iter().zip(&runs) {
        check(&c, to, h, run);
    }
    assert_eq!(runs.len(), 18 + 18 * 18 * 2 + 18, "every pair was tried");
}

/// The pack's own words, worked by hand (seed 004, "8. Our prices").
#[test]
fn the_pack_worked_by_hand() {
    let c = catalogue();
    let run = |target: &str, h: &Holding| cli(target, h);
    // "the Level 5 Certificate completed with us costs £1,695, so the top up
    // fee due for progression to Level 5 Diploma would be £530 (plus VAT)":
    // £2,225 - £1,695 = £530; VAT 20% = £106; £636 in all.
    let with_us = run("l5-dip-cm", &Holding::one("l5-cert-cm", true));
    let up = course_of(&with_us.upgrade.as_ref().unwrap().json);
    assert_eq!(up["kind"], "top-up");
    assert_eq!(
        (
            up["fee_ex_vat_pence"].as_i64(),
            up["vat_pence"].as_i64(),
            up["fee_inc_vat_pence"].as_i64()
        ),
        (Some(53_000), Some(10_600), Some(63_600))
    );
    assert_eq!(up["units_to_take"], serde_json::json!(["5017"]));
    assert_eq!(with_us.pay.json["total_inc_vat_pence"], 63_600);
    // Completed elsewhere: "progress with us" does not apply, so the full
    // £2,225 + £445 VAT = £2,670, though 5015 and 5018 still count.
    let elsewhere = run("l5-dip-cm", &Holding::one("l5-cert-cm", false));
    let up = course_of(&elsewhere.upgrade.as_ref().unwrap().json);
    assert_eq!(up["kind"], "new-registration");
    assert_eq!(
        (
            up["fee_ex_vat_pence"].as_i64(),
            up["vat_pence"].as_i64(),
            up["fee_inc_vat_pence"].as_i64()
        ),
        (Some(222_500), Some(44_500), Some(267_000))
    );
    assert_eq!(up["units_carried"], serde_json::json!(["5015", "5018"]));
    assert_eq!(elsewhere.pay.json["total_ex_vat_pence"], 222_500);
    let tui = tui(&c, "l5-dip-cm", &Holding::one("l5-cert-cm", false), false);
    assert_eq!(tui.payments.unwrap().unwrap().total.ex_vat.0, 222_500);
    // "a further qualification at the same level": the Level 3 Award in
    // Mentoring (£995) to the Level 3 Certificate in Coaching (£1,495), a
    // balance of £500 + £100 VAT, though none of the Award's units (304,
    // 305, 307) is one of the Certificate's (300, 302, 303): all three are
    // still to take.
    let across = run(
        "l3-cert-coaching",
        &Holding::one("l3-award-mentoring", true),
    );
    let up = course_of(&across.upgrade.as_ref().unwrap().json);
    assert_eq!(up["kind"], "top-up");
    assert_eq!(
        (up["fee_ex_vat_pence"].as_i64(), up["vat_pence"].as_i64()),
        (Some(50_000), Some(10_000))
    );
    assert_eq!(up["credits_carried"], 0);
    assert_eq!(
        up["units_to_take"],
        serde_json::json!(["8577-300", "8577-302", "8577-303"])
    );
    assert_eq!(up["credits_to_take"], 13);
    assert!(
        up["notes"].as_array().unwrap().iter().any(|n| n
            == "None of the units held count towards l3-cert-coaching, so all of its units are still to take: 8577-300, 8577-302, 8577-303 (13 credits)"),
        "{up:#}"
    );
    // The same level and price (Award to Award): no balance, so the full
    // £995 applies, and the notes say so.
    let level = run(
        "l3-award-coaching",
        &Holding::one("l3-award-mentoring", true),
    );
    let up = course_of(&level.upgrade.as_ref().unwrap().json);
    assert_eq!(up["kind"], "new-registration");
    assert_eq!(up["fee_ex_vat_pence"], 99_500);
    assert!(
        up["notes"][0]
            .as_str()
            .unwrap()
            .contains("no more than the £995.00 paid for l3-award-mentoring"),
        "{up:#}"
    );
    // The instalment plan's one example: £995 as £420 (incl. £25 premium),
    // three of £150 and £150 on completion, £1,020 in all.
    let award = run("l3-award-coaching", &Holding::none());
    assert_eq!(
        cli_amounts(&award.instalments.json)
            .iter()
            .map(|a| a.0)
            .collect::<Vec<_>>(),
        [42_000, 15_000, 15_000, 15_000, 15_000]
    );
    assert_eq!(award.instalments.json["total_ex_vat_pence"], 102_000);
}
