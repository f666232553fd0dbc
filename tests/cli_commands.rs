//! Every subcommand in every format, run as the real binary with its home
//! in a temporary folder: the figures are the seeds', the JSON is the
//! documented contract, tables fit the width they are given (and are never
//! wrapped into a pipe), options are range-checked, and each kind of
//! mistake has its own exit code.

use serde_json::Value;
use std::path::Path;

#[path = "support/home.rs"]
mod support;

/// `qualplan ARGS` in a fresh home, with extra environment.
fn run_with(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    support::command(home.path())
        .envs(env.iter().copied())
        .args(args)
        .output()
        .unwrap()
}

fn qualplan(args: &[&str]) -> std::process::Output {
    run_with(args, &[])
}

fn ok_with(args: &[&str], env: &[(&str, &str)]) -> String {
    let out = run_with(args, env);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn ok(args: &[&str]) -> String {
    ok_with(args, &[])
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let v: Value = serde_json::from_str(&ok(&all)).unwrap();
    assert_eq!(v["schema_version"], 1, "{args:?}");
    v
}

fn fails(args: &[&str], code: i32) -> String {
    let out = qualplan(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

/// Every line fits in `width` columns.
fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "too wide ({} > {width}): {line}",
            line.chars().count()
        );
    }
}

const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["list", "--all"],
    &["list", "--units"],
    &["show", "l5-dip-cm"],
    &["show", "8578-302"],
    &["routes"],
    &[
        "recommend",
        "--role",
        "middle-manager",
        "--interest",
        "both",
        "--hours-per-week",
        "3",
        "--start",
        "2026-12-01",
    ],
    &["compare"],
    &["compare", "--sort", "price-per-credit"],
    &["upgrade", "--from", "l5-cert-cm", "--to", "l5-dip-cm"],
    &["upgrade", "--from", "l3-award-coaching"],
    &["plan", "l5-dip-cm", "--start", "2026-12-01"],
    &[
        "pay",
        "l3-award-coaching",
        "--instalments",
        "--start",
        "2027-01-31",
    ],
    &["search", "reflecting", "mentoring"],
];

#[test]
fn every_subcommand_in_every_format() {
    for args in COMMANDS {
        for width in ["80", "100", "200"] {
            let table = ok_with(args, &[("COLUMNS", width)]);
            assert!(!table.is_empty(), "{args:?}");
            assert_fits(&table, width.parse().unwrap());
        }
        json(args);
        let mut with = args.to_vec();
        with.extend(["--format", "csv"]);
        let text = ok(&with);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert!(header.iter().all(|h| !h.is_empty()), "{args:?}: {header:?}");
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(record.len(), header.len(), "{args:?}");
            assert!(
                record.iter().all(|cell| !cell.contains('\n')),
                "{args:?}: a line break in {record:?}"
            );
        }
        let mut with = args.to_vec();
        with.extend(["--format", "markdown"]);
        assert!(!ok(&with).is_empty(), "{args:?} markdown");
    }
    for args in [&["validate"][..], &["catalogue", "path"]] {
        json(args);
        assert!(!ok(args).is_empty());
    }
}

/// Into a pipe, a table row is one line, however long: `grep` finds every
/// row. On a narrow terminal (`COLUMNS`), rows wrap to fit.
#[test]
fn tables_fit_the_terminal_and_never_wrap_into_a_pipe() {
    let text = ok(&["list"]);
    assert_eq!(text.lines().count(), 10, "{text}");
    let matching: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("Coaching and Mentoring"))
        .collect();
    assert_eq!(matching.len(), 5, "{text}");
    assert!(text.contains(
        "l7-dip-ecm               40  £2,550.00  ILM Level 7 Diploma in Executive Coaching and Mentoring\n"
    ));
    let narrow = ok_with(&["list"], &[("COLUMNS", "60")]);
    assert_fits(&narrow, 60);
    assert!(narrow.lines().count() > 10, "{narrow}");
    let wide = ok_with(&["show", "l5-dip-cm"], &[("COLUMNS", "200")]);
    assert!(
        wide.lines().any(|l| l.chars().count() > 100),
        "a wide terminal is used: {wide}"
    );
    // Search hits with a matched outcome stay on one line in a pipe.
    let hits = ok(&["search", "reflecting", "mentoring", "--limit", "3"]);
    assert_eq!(hits.lines().count(), 4, "{hits}");
}

#[test]
fn list_shows_prices_from_the_pack() {
    let all = json(&["list", "--all"]);
    let all = all["qualifications"].as_array().unwrap();
    assert_eq!(all.len(), 18);
    let dip = all
        .iter()
        .find(|q| q["qualification"] == "l5-dip-cm")
        .unwrap();
    assert_eq!(dip["size"], "diploma");
    assert_eq!(dip["stream"], "coaching-and-mentoring");
    assert_eq!(dip["price_ex_vat_pence"], 222_500);
    assert_eq!(dip["price_ex_vat"], "£2,225.00");
    assert_eq!(dip["on_sale"], true);
    let csv = ok(&["list", "--format", "csv"]);
    assert_eq!(
        csv.lines().next(),
        Some(
            "qualification,title,level,size,stream,edition,on_sale,credits,price_ex_vat_pence,price_ex_vat"
        )
    );
    assert!(
        csv.contains("l7-dip-ecm,ILM Level 7 Diploma in Executive Coaching and Mentoring,7,diploma,coaching-and-mentoring,current,true,40,255000,\"£2,550.00\""),
        "{csv}"
    );
    let units = json(&["list", "--units"]);
    let u5017 = units["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "5017")
        .unwrap();
    assert_eq!(
        (
            u5017["credits"].as_u64(),
            u5017["glh"].as_u64(),
            u5017["practice_hours"].as_u64()
        ),
        (Some(29), Some(20), Some(100))
    );
    // Zero is zero in CSV, and a figure no source gives is empty.
    let csv = ok(&["list", "--units", "--format", "csv"]);
    assert!(
        csv.contains("\n5015,500,\"Understanding the Skills"),
        "{csv}"
    );
    let line = csv.lines().find(|l| l.starts_with("5015,")).unwrap();
    assert!(line.ends_with(",5,18,50,0,"), "{line}");
}

#[test]
fn compare_json_contract() {
    let all = json(&["compare", "--level", "5"]);
    assert_eq!(all["sort"], "level");
    assert_eq!(all["descending"], false);
    let rows = all["qualifications"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let dip = &rows[1];
    let expected = [
        ("qualification", Value::from("l5-dip-cm")),
        (
            "title",
            Value::from("ILM Level 5 Diploma in Coaching and Mentoring"),
        ),
        ("level", Value::from(5)),
        ("size", Value::from("diploma")),
        ("stream", Value::from("coaching-and-mentoring")),
        ("edition", Value::from("current")),
        ("credits", Value::from(37)),
        ("glh_min", Value::from(45)),
        ("glh_max", Value::from(45)),
        ("induction_hours", Value::from(1)),
        ("tutorial_hours", Value::from(2)),
        ("tqt_hours", Value::from(370)),
        ("practice_hours_min", Value::from(100)),
        ("min_clients", Value::from(6)),
        ("price_ex_vat_pence", Value::from(222_500)),
        ("price_ex_vat", Value::from("£2,225.00")),
        ("vat_pence", Value::from(44_500)),
        ("vat", Value::from("£445.00")),
        ("price_inc_vat_pence", Value::from(267_000)),
        ("price_inc_vat", Value::from("£2,670.00")),
        ("price_per_credit_pence", Value::from(6_014)),
        ("price_per_credit", Value::from("£60.14")),
        ("target_months_min", Value::from(24)),
        ("target_months_max", Value::from(36)),
        ("registration_months", Value::from(36)),
    ];
    for (field, value) in expected {
        assert_eq!(dip[field], value, "{field}");
    }
    // A price on request is null in both twins.
    let old = json(&["compare", "old-l5-dip-cm"]);
    assert_eq!(old["qualifications"][0]["price_ex_vat_pence"], Value::Null);
    assert_eq!(old["qualifications"][0]["price_ex_vat"], Value::Null);
}

#[test]
fn compare_filters_and_sorts() {
    let rows = json(&[
        "compare",
        "--stream",
        "mentoring",
        "--sort",
        "price",
        "--desc",
    ]);
    let ids: Vec<&str> = rows["qualifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["qualification"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["l3-cert-mentoring", "l3-award-mentoring"]);
    let rows = json(&["compare", "--size", "diploma", "--all"]);
    assert_eq!(rows["qualifications"].as_array().unwrap().len(), 4);
    let named = json(&["compare", "level 7 diploma", "l3-cert-cm"]);
    let ids: Vec<&str> = named["qualifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["qualification"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["l3-cert-cm", "l7-dip-ecm"]);
    // A level the catalogue does not have is a mistake; filters that
    // together match nothing are an empty answer.
    let err = fails(&["compare", "--level", "4"], 2);
    assert!(
        err.contains("no qualification on sale (--all adds the older edition) is at Level 4: the levels are 3, 5 and 7"),
        "{err}"
    );
    assert_eq!(
        ok(&["compare", "--level", "5", "--size", "award"]),
        "No qualification passes these filters.\n"
    );
    let empty = json(&["compare", "--level", "5", "--size", "award"]);
    assert_eq!(empty["qualifications"], serde_json::json!([]));
    let csv = ok(&[
        "compare", "--level", "5", "--size", "award", "--format", "csv",
    ]);
    assert!(csv.starts_with("qualification,title,level,"), "{csv}");
    assert_eq!(csv.lines().count(), 1, "a header and no rows");
    // Options that would do nothing are refused.
    let err = fails(&["compare", "l5-dip-cm", "--level", "3"], 2);
    assert!(err.contains("--level chooses among"), "{err}");
    let err = fails(&["compare", "l5-dip-cm", "level 5 diploma"], 2);
    assert!(err.contains("l5-dip-cm is named twice"), "{err}");
}

#[test]
fn upgrade_json_contract() {
    let up = json(&["upgrade", "--from", "l5-cert-cm", "--to", "l5-dip-cm"]);
    assert_eq!(
        up["holding"],
        serde_json::json!({"qualifications": ["l5-cert-cm"], "units": [], "with_provider": true})
    );
    let courses = up["courses"].as_array().unwrap();
    assert_eq!(courses.len(), 1);
    let plan = &courses[0];
    assert_eq!(plan["qualification"], "l5-dip-cm");
    assert_eq!(plan["from_qualification"], "l5-cert-cm");
    assert_eq!(plan["kind"], "top-up");
    assert_eq!(plan["units_carried"], serde_json::json!(["5015", "5018"]));
    assert_eq!(plan["units_to_take"], serde_json::json!(["5017"]));
    assert_eq!(plan["credits_to_take"], 29);
    assert_eq!(plan["practice_hours_to_take"], 100);
    assert_eq!(plan["fee_ex_vat_pence"], 53_000);
    assert_eq!(plan["fee_ex_vat"], "£530.00");
    assert_eq!(plan["vat_pence"], 10_600);
    assert_eq!(plan["fee_inc_vat_pence"], 63_600);
    assert_eq!(plan["list_price_ex_vat"], "£2,225.00");
    // The same, named as an argument.
    assert_eq!(
        json(&["upgrade", "l5-dip-cm", "--from", "l5-cert-cm"])["courses"],
        up["courses"]
    );
    let all = json(&["upgrade", "--from", "l3-award-mentoring"]);
    let fees: Vec<i64> = all["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["fee_ex_vat_pence"].as_i64().unwrap())
        .collect();
    // The Certificate in Mentoring, the Certificate in Coaching (across
    // streams, same balance) and the C&M Certificate.
    assert_eq!(fees, [50_000, 50_000, 70_000]);
    let elsewhere = json(&[
        "upgrade",
        "--from",
        "l5-cert-cm",
        "--to",
        "l5-dip-cm",
        "--elsewhere",
    ]);
    assert_eq!(elsewhere["courses"][0]["kind"], "new-registration");
    assert_eq!(elsewhere["courses"][0]["fee_ex_vat_pence"], 222_500);
    // Nothing open is an empty answer, in every format.
    let none = json(&["upgrade", "--from", "l7-dip-ecm"]);
    assert_eq!(none["courses"], serde_json::json!([]));
    assert!(
        ok(&["upgrade", "--from", "l7-dip-ecm"]).starts_with("No upgrade is open from l7-dip-ecm")
    );
}

#[test]
fn upgrade_table_shows_the_balance() {
    let text = ok(&["upgrade", "--from", "l5-cert-cm", "--to", "level 5 diploma"]);
    assert!(
        text.starts_with("Upgrade from l5-cert-cm to l5-dip-cm: top-up\n"),
        "{text}"
    );
    assert!(
        text.contains("Units to take          5017 (29 credits)"),
        "{text}"
    );
    assert!(text.contains("Fee ex VAT             £530.00"), "{text}");
    assert!(text.contains("VAT (20%)              £106.00"), "{text}");
    assert!(text.contains("Fee inc VAT            £636.00"), "{text}");
}

#[test]
fn upgrade_errors_say_what_and_where() {
    let err = fails(&["upgrade", "--from", "l5-dip-cm", "--to", "l5-dip-cm"], 1);
    assert_eq!(
        err,
        "error: `l5-dip-cm` is already held: nothing is left to take\n"
    );
    let err = fails(
        &["upgrade", "--from", "l5-cert-cm", "--to", "old-l5-dip-cm"],
        1,
    );
    assert!(
        err.contains("belongs to the older edition and is not on sale"),
        "{err}"
    );
    assert!(
        err.contains("`qualplan list`"),
        "the CLI adds its own hint: {err}"
    );
    fails(&["upgrade", "--to", "l5-dip-cm"], 2);
    fails(
        &[
            "upgrade",
            "l5-dip-cm",
            "--to",
            "l5-dip-cm",
            "--from",
            "l5-cert-cm",
        ],
        2,
    );
    let err = fails(&["upgrade", "--from", "l5-cert-cm", "--unit", "9999"], 3);
    assert!(err.contains("no unit matches `9999`"), "{err}");
    let err = fails(
        &["upgrade", "--from", "l5-cert-cm", "--unit", "l3-cert-cm"],
        2,
    );
    assert!(
        err.contains("`l3-cert-cm` is a qualification (ILM Level 3 Certificate in Coaching and Mentoring), not a unit")
            && err.contains("--from l3-cert-cm"),
        "{err}"
    );
    let err = fails(&["upgrade", "--from", "5017"], 2);
    assert!(
        err.contains("name a unit held on its own with --unit 5017"),
        "{err}"
    );
    let err = fails(&["plan", "l5-dip-cm", "--elsewhere"], 2);
    assert!(err.contains("name them with --from"), "{err}");
}

/// What used to be refused is now worked out, and says what applies:
/// a downgrade, a change of level, a top-up across streams.
#[test]
fn upgrade_explains_what_applies() {
    let text = ok(&["upgrade", "--from", "l5-dip-cm", "--to", "l5-cert-cm"]);
    assert!(text.contains("Fee ex VAT             £1,695.00"), "{text}");
    let down = json(&["upgrade", "--from", "l5-dip-cm", "--to", "l5-cert-cm"]);
    let down = &down["courses"][0];
    assert_eq!(down["kind"], "new-registration");
    assert_eq!(
        down["notes"][0],
        "New registration at the full price: l5-cert-cm costs £1,695.00, no more than the £2,225.00 paid for l5-dip-cm, so the top-up rule leaves no balance to pay"
    );
    let text = ok(&["upgrade", "--from", "l3-cert-cm", "--to", "l5-dip-cm"]);
    assert!(text.contains("nothing held is at Level 5"), "{text}");
}

#[test]
fn pay_json_contract_and_instalment_example() {
    let plan = json(&[
        "pay",
        "l3-award-coaching",
        "--instalments",
        "--start",
        "2027-01-31",
    ]);
    assert_eq!(plan["qualification"], "l3-award-coaching");
    assert_eq!(plan["kind"], "instalments");
    assert_eq!(plan["premium_ex_vat_pence"], 2_500);
    assert_eq!(plan["premium_ex_vat"], "£25.00");
    assert_eq!(plan["total_ex_vat_pence"], 102_000);
    assert_eq!(plan["total_ex_vat"], "£1,020.00");
    assert_eq!(plan["total_vat_pence"], 20_400);
    assert_eq!(plan["total_inc_vat_pence"], 122_400);
    let payments = plan["payments"].as_array().unwrap();
    let rows: Vec<(Value, bool, i64, i64, i64)> = payments
        .iter()
        .map(|p| {
            (
                p["due"].clone(),
                p["on_completion"].as_bool().unwrap(),
                p["amount_ex_vat_pence"].as_i64().unwrap(),
                p["vat_pence"].as_i64().unwrap(),
                p["amount_inc_vat_pence"].as_i64().unwrap(),
            )
        })
        .collect();
    let date = |d: &str| Value::from(d);
    assert_eq!(
        rows,
        [
            (date("2027-01-31"), false, 42_000, 8_400, 50_400),
            (date("2027-02-28"), false, 15_000, 3_000, 18_000),
            (date("2027-03-31"), false, 15_000, 3_000, 18_000),
            (date("2027-04-30"), false, 15_000, 3_000, 18_000),
            (Value::Null, true, 15_000, 3_000, 18_000),
        ]
    );
    assert_eq!(payments[4]["expected"], "2027-10-31");
    assert_eq!(payments[0]["amount_ex_vat"], "£420.00");
    assert!(
        payments[0]["label"]
            .as_str()
            .unwrap()
            .starts_with("First payment, incl. £25.00 premium")
    );
    // The pack's worked example, cited as a reader would look it up.
    let text = ok(&["pay", "l3-award-coaching", "--instalments"]);
    assert!(
        text.contains("(Self Study Information Pack; inspired2learn; updated July 2016; section \"8. Our prices: typical payment plan\")"),
        "{text}"
    );
    assert!(!text.contains("docs/"), "{text}");
}

#[test]
fn pay_varied_plan_and_top_up() {
    let plan = json(&[
        "pay",
        "l5-dip-cm",
        "--instalments",
        "--instalment",
        "300",
        "--months",
        "6",
        "--no-final-payment",
        "--start",
        "2026-12-01",
    ]);
    assert_eq!(plan["payments"].as_array().unwrap().len(), 7);
    assert_eq!(plan["payments"][0]["amount_ex_vat_pence"], 45_000);
    assert_eq!(plan["total_ex_vat_pence"], 225_000);
    let top_up = json(&[
        "pay",
        "l5-dip-cm",
        "--from",
        "l5-cert-cm",
        "--start",
        "2026-12-01",
    ]);
    assert_eq!(top_up["total_ex_vat_pence"], 53_000);
    assert_eq!(top_up["total_inc_vat_pence"], 63_600);
    let err = fails(
        &[
            "pay",
            "l3-award-coaching",
            "--instalments",
            "--instalment",
            "500",
        ],
        1,
    );
    assert!(err.contains("more than the price of £995.00"), "{err}");
    fails(&["pay", "old-l5-dip-cm"], 1);
    fails(&["pay", "l5-dip-cm", "--premium", "lots"], 2);
    let err = fails(
        &[
            "pay",
            "l5-dip-cm",
            "--instalments",
            "--months",
            "0",
            "--no-final-payment",
        ],
        1,
    );
    assert!(
        err.contains("help: give --months 1 or more, or leave out --no-final-payment"),
        "{err}"
    );
    // Instalment options without --instalments would do nothing.
    for option in [
        &["--premium", "30"][..],
        &["--instalment", "200"],
        &["--months", "6"],
        &["--no-final-payment"],
    ] {
        let mut args = vec!["pay", "l5-dip-cm"];
        args.extend(option);
        let err = fails(&args, 2);
        assert!(
            err.contains(&format!("{} changes the instalment plan", option[0]))
                && err.contains("add --instalments"),
            "{err}"
        );
    }
}

#[test]
fn plan_json_contract() {
    let plan = json(&["plan", "l3-award-coaching", "--start", "2028-02-29"]);
    assert_eq!(plan["qualification"], "l3-award-coaching");
    assert_eq!(plan["start"], "2028-02-29");
    assert_eq!(plan["suggested_completion_min"], "2028-11-29");
    assert_eq!(plan["suggested_completion_max"], "2028-11-29");
    assert_eq!(plan["target_date"], Value::Null);
    assert_eq!(plan["registration_expires"], "2031-02-28");
    assert_eq!(plan["hours_per_week_needed"], 2.6);
    let range = json(&[
        "plan",
        "l5-dip-cm",
        "--start",
        "2026-12-01",
        "--hours-per-week",
        "2",
    ]);
    // The same fields, whatever the qualification.
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&plan), keys(&range));
    assert_eq!(range["suggested_completion_min"], "2028-12-01");
    assert_eq!(range["suggested_completion_max"], "2029-12-01");
    assert_eq!(range["projected_finish"], "2030-06-18");
    assert_eq!(
        range["warnings"][0],
        "At 2 hours a week the 370 hours take until 2030-06-18, after the registration expires on 2029-12-01"
    );
    let rest = json(&[
        "plan",
        "l5-dip-cm",
        "--from",
        "l5-cert-cm",
        "--start",
        "2026-12-01",
    ]);
    assert_eq!(rest["total_hours"], 290);
    assert_eq!(rest["practice_hours"], 100);
    // Decimal hours, as the output prints them.
    let half = json(&[
        "plan",
        "l5-dip-cm",
        "--start",
        "2026-12-01",
        "--hours-per-week",
        "2.5",
    ]);
    assert_eq!(half["hours_per_week"], 2.5);
    assert_eq!(half["projected_finish"], "2029-10-02");
    // The first way of naming it still works.
    assert_eq!(
        json(&[
            "plan",
            "--qualification",
            "l3-award-coaching",
            "--start",
            "2028-02-29"
        ]),
        plan
    );
}

#[test]
fn plan_refuses_a_target_that_cannot_be_met() {
    let err = fails(
        &[
            "plan",
            "l5-dip-cm",
            "--start",
            "2027-01-04",
            "--target-date",
            "2027-01-11",
        ],
        2,
    );
    assert!(
        err.contains("--target-date 2027-01-11 leaves 370 hours a week for the 370 hours, more than the 80 a week qualplan plans with: give a date from 2027-02-06"),
        "{err}"
    );
    // The date it offers is one that works.
    json(&[
        "plan",
        "l5-dip-cm",
        "--start",
        "2027-01-04",
        "--target-date",
        "2027-02-06",
    ]);
    let err = fails(
        &[
            "plan",
            "l5-dip-cm",
            "--start",
            "2027-01-04",
            "--target-date",
            "2026-12-01",
        ],
        2,
    );
    assert!(err.contains("is not after the start, 2027-01-04"), "{err}");
}

#[test]
fn recommend_json_contract() {
    let all = json(&[
        "recommend",
        "--level",
        "5",
        "--hours-per-week",
        "3",
        "--start",
        "2026-12-01",
        "--ask",
        "l7-dip-ecm",
        "--limit",
        "2",
    ]);
    let options = all["options"].as_array().unwrap();
    assert_eq!(options.len(), 3, "two best plus the one asked about");
    assert!(all["more"].as_u64().unwrap() > 0);
    assert_eq!(options[0]["kind"], "qualification");
    let asked = options
        .iter()
        .find(|o| o["qualification"] == "l7-dip-ecm")
        .unwrap();
    assert_eq!(asked["asked_about"], true);
    assert_eq!(asked["fit"], "poor");
    assert_eq!(asked["unit"], Value::Null);
    let dip = options
        .iter()
        .find(|o| o["qualification"] == "l5-dip-cm")
        .unwrap();
    let texts: Vec<&str> = dip["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Needs 100 hours of practice with at least 6 clients; at 3 hours a week that is 8 months of practice alone"), "{texts:?}");
    let upgrades = json(&["recommend", "--route", "4", "--holds", "l5-cert-cm"]);
    assert_eq!(upgrades["options"][0]["kind"], "upgrade");
    assert_eq!(upgrades["options"][0]["fee_ex_vat_pence"], 53_000);
    let err = fails(&["recommend", "--route", "4"], 2);
    assert!(err.contains("--holds"), "{err}");
    fails(&["recommend", "--level", "9"], 2);
    let err = fails(&["recommend", "--level", "4"], 2);
    assert!(err.contains("the levels are 3, 5 and 7"), "{err}");
    // A target date is weighed against the weekly hours; alone it would
    // do nothing.
    let err = fails(&["recommend", "--target-date", "2028-01-01"], 2);
    assert!(err.contains("add --hours-per-week"), "{err}");
    let err = fails(&["recommend", "--elsewhere"], 2);
    assert!(err.contains("--holds"), "{err}");
    let err = fails(&["recommend", "--limit", "0"], 2);
    assert!(
        err.contains("0 is out of range: give from 1 to 100, e.g. 5"),
        "{err}"
    );
}

#[test]
fn show_cites_documents_as_a_reader_looks_them_up() {
    let text = ok_with(&["show", "l5", "dip"], &[("COLUMNS", "80")]);
    assert!(
        text.starts_with("ILM Level 5 Diploma in Coaching and Mentoring (l5-dip-cm)\n"),
        "{text}"
    );
    assert!(
        text.contains("Price ex VAT              £2,225.00                   pack: 8. Our prices"),
        "{text}"
    );
    assert!(
        ok(&["show", "l5", "dip"])
            .contains("\npack = Self Study Information Pack; inspired2learn; updated July 2016\n"),
        "{text}"
    );
    assert!(
        ok(&["show", "l5", "dip"]).contains("vat = VAT rates; HM Revenue & Customs, GOV.UK; standard rate in force since 4 January 2011"),
        "{text}"
    );
    for internal in ["004_", ".txt", "seed", "product brief", "docs/"] {
        assert!(!text.contains(internal), "`{internal}` in {text}");
    }
    let shown = json(&["show", "l3-cert-cm"]);
    assert_eq!(shown["kind"], "qualification");
    assert_eq!(shown["qualification"], "l3-cert-cm");
    assert_eq!(shown["qualification_number"], "601/3698/4");
    assert_eq!(shown["glh_min"], 36);
    let credits = shown["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["figure"] == "Credits")
        .unwrap();
    assert_eq!(credits["value"], "16");
    assert_eq!(credits["source"]["document"], "l3spec");
    assert_eq!(
        credits["source"]["publisher"],
        "Institute of Leadership & Management (ILM)"
    );
    assert_eq!(credits["source"]["date"], "2014");
    assert!(!shown.to_string().contains(".txt"), "no file names");
    let unit = json(&["show", "3060"]);
    assert_eq!(unit["kind"], "unit");
    assert_eq!(unit["unit"], "8577-307");
    let used: Vec<&str> = unit["used_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["qualification"].as_str().unwrap())
        .collect();
    assert_eq!(
        used,
        ["l3-award-mentoring", "l3-cert-mentoring", "l3-cert-cm"]
    );
    let err = fails(&["show", "level", "3", "award"], 3);
    assert!(err.contains("could mean any of these"), "{err}");
    assert!(
        err.contains("\n    l3-award-mentoring  ILM Level 3 Award in Mentoring"),
        "{err}"
    );
}

/// Every name that matches nothing suggests the closest, those on sale
/// first; a unit where a qualification is wanted is named as such.
#[test]
fn names_that_match_nothing_suggest_what_was_meant() {
    for (args, first) in [
        (&["show", "dipolma"][..], "l5-dip-cm"),
        (&["show", "level", "5", "diplomma"], "l5-dip-cm"),
        (&["show", "l5-dipp"], "l5-dip-cm"),
        (&["pay", "l3-award-coachng"], "l3-award-coaching"),
        (&["upgrade", "--from", "l5-cert-cn"], "l5-cert-cm"),
    ] {
        let err = fails(args, 3);
        let first_line = err.lines().nth(2).unwrap_or_default();
        assert!(
            err.contains("help: did you mean") && first_line.trim_start().starts_with(first),
            "{args:?}: {err}"
        );
    }
    let err = fails(&["show", "dipolma"], 3);
    let older = err.find("(older edition)").unwrap();
    assert!(
        err.find("l7-dip-ecm").unwrap() < older,
        "on sale first: {err}"
    );
    let err = fails(&["compare", "5017"], 2);
    assert!(
        err.starts_with("error: `5017` is a unit (Undertaking an Extended Period of Management Coaching or Mentoring in the Workplace), not a qualification\n"),
        "{err}"
    );
    assert!(err.contains("`qualplan show 5017`"), "{err}");
    let err = fails(&["pay", "l5-dip-cm", "l3-cert-cm"], 2);
    assert!(
        err.contains("`qualplan pay` takes one qualification, and `l5-dip-cm` and `l3-cert-cm` are separate ones"),
        "{err}"
    );
    let err = fails(&["pay", "A", "B"], 3);
    assert!(
        err.contains("no qualification matches `A B` (the words are read together, as one name)"),
        "{err}"
    );
}

#[test]
fn routes_and_search() {
    let routes = json(&["routes"]);
    let routes = routes["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 4);
    assert_eq!(routes[3]["route"], 4);
    assert_eq!(routes[3]["title"], "Upgrade a qualification you hold");
    assert_eq!(
        routes[3]["source"]["title"],
        "Coaching and Mentoring Qualification Suite"
    );
    let hits = json(&["search", "8578-302"]);
    assert_eq!(hits["hits"][0]["unit"], "8578-302");
    assert_eq!(hits["hits"][0]["qualification"], Value::Null);
    assert_eq!(hits["hits"][0]["kind"], "unit");
    let hits = json(&["search", "l5", "dip"]);
    assert_eq!(hits["hits"][0]["qualification"], "l5-dip-cm");
    // Two letters swapped still find it.
    let hits = json(&["search", "dipolma"]);
    assert_eq!(hits["hits"][0]["qualification"], "l5-dip-cm");
    let none = ok(&["search", "zzzzqqq"]);
    assert!(none.starts_with("Nothing matches `zzzzqqq`"), "{none}");
    let none = json(&["search", "zzzzqqq"]);
    assert_eq!(none["hits"], serde_json::json!([]));
    assert_eq!(none["total"], 0);
    let csv = ok(&["search", "zzzzqqq", "--format", "csv"]);
    assert_eq!(
        csv,
        "kind,qualification,unit,title,score,id_positions,title_positions,matched_outcome\n"
    );
    fails(&["search", "x", "--limit", "0"], 2);
}

#[test]
fn markdown_is_markdown() {
    let md = ok(&["compare", "--format", "markdown"]);
    assert!(md.starts_with("| id | title | level |"), "{md}");
    assert!(
        md.lines()
            .nth(1)
            .unwrap()
            .starts_with("| --- | --- | ---: |")
    );
    let md = ok(&["show", "l5-dip-cm", "--format", "markdown"]);
    assert!(
        md.starts_with("## ILM Level 5 Diploma in Coaching and Mentoring (l5-dip-cm)\n"),
        "{md}"
    );
}

/// Bold only where asked or allowed: `--color`, `NO_COLOR`, `TERM=dumb`.
#[test]
fn colour_follows_the_flag_and_the_environment() {
    let bold = |text: &str| text.contains("\x1b[1m");
    assert!(!bold(&ok(&["list"])), "not a terminal");
    assert!(bold(&ok(&["list", "--color", "always"])));
    assert!(bold(&ok_with(
        &["list", "--color", "always"],
        &[("NO_COLOR", "1")]
    )));
    assert!(!bold(&ok(&["list", "--color", "never"])));
    let err =
        String::from_utf8(run_with(&["show", "nothing-at-all", "--color", "always"], &[]).stderr)
            .unwrap();
    assert!(err.starts_with("\x1b[1;31merror:\x1b[0m "), "{err:?}");
    fails(&["list", "--color", "sometimes"], 2);
}

/// Each kind of mistake exits with its own code, in every command
/// (docs/cli.md, "Exit codes").
#[test]
fn one_exit_code_per_kind_of_mistake() {
    let cases: &[(&[&str], i32)] = &[
        // 1: understood, but cannot be done.
        (&["upgrade", "--from", "l5-dip-cm", "--to", "l5-dip-cm"], 1),
        (&["pay", "old-l5-dip-cm"], 1),
        (&["plan", "old-l5-dip-cm"], 1),
        // 2: the command line is wrong.
        (&["list", "--bogus"], 2),
        (&["plan", "l5-dip-cm", "--hours-per-week", "0"], 2),
        (&["recommend", "--hours-per-week", "200"], 2),
        (&["pay", "l5-dip-cm", "--months", "-1"], 2),
        (&["compare", "--level", "4"], 2),
        (&["recommend", "--level", "4"], 2),
        (&["compare", "5017"], 2),
        (&["pay", "5017"], 2),
        // 3: a name matches nothing (or several things).
        (&["show", "dipolma"], 3),
        (&["compare", "dipolma"], 3),
        (&["pay", "dipolma"], 3),
        (&["plan", "dipolma"], 3),
        (&["upgrade", "--from", "dipolma"], 3),
        (&["recommend", "--holds", "dipolma"], 3),
        (&["show", "level 3 award"], 3),
        (&["enquiries", "show", "enq-nope"], 3),
        // 4: the catalogue is not valid; 5: a file cannot be read.
        (&["validate", "Cargo.toml"], 4),
        (&["validate", "/nonexistent-qualplan/catalogue.ron"], 5),
        (
            &["list", "--catalogue", "/nonexistent-qualplan/catalogue.ron"],
            5,
        ),
    ];
    for (args, code) in cases {
        let out = run_with(args, &[]);
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty(), "{args:?} says why");
    }
}

/// Every option is range-checked with a message that says what is wrong
/// and gives an example; negative numbers get a real message.
#[test]
fn options_say_what_is_wrong() {
    for (args, says) in [
        (
            &["plan", "l5-dip-cm", "--hours-per-week", "-5"][..],
            "hours cannot be negative: give from 1 to 80 hours, e.g. 3 or 2.5",
        ),
        (
            &["plan", "l5-dip-cm", "--hours-per-week", "2.25"],
            "give the hours to one decimal place, e.g. 2.5",
        ),
        (
            &["recommend", "--budget", "-100"],
            "an amount cannot be negative: write e.g. 2500 or 1695.50",
        ),
        (
            &["recommend", "--budget", "abc"],
            "`abc` is not an amount in pounds: write e.g. 2500, £2,000, 1695.50 or 2k",
        ),
        (
            &["pay", "l5-dip-cm", "--start", "2027-02-30"],
            "February 2027 has 28 days: write a day from 1 to 28",
        ),
        (
            &["pay", "l5-dip-cm", "--start", "tomorrow"],
            "write the date as YYYY-MM-DD, e.g. 2027-01-04",
        ),
        (
            &["compare", "--level", "five"],
            "levels are numbers from 1 to 8, e.g. 5",
        ),
        (
            &["recommend", "--route", "-1"],
            "it cannot be negative: give from 1 to 4, e.g. 3",
        ),
        (
            &["pay", "l5-dip-cm", "--instalments", "--months", "500"],
            "500 is out of range: give from 0 to 120, e.g. 3",
        ),
        (
            &["pay", "l5-dip-cm", "--instalments", "--instalment", "0"],
            "an instalment of £0.00 pays nothing: give at least 0.01, e.g. 150",
        ),
        (
            &["upgrade", "--from", "l5-cert-cm", "--unit", " "],
            "--unit needs a unit's code, e.g. 5017",
        ),
    ] {
        let err = fails(args, 2);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("-- -"), "no `-- -5` tip: {err}");
        assert!(!err.contains("invalid digit"), "{err}");
    }
}

/// An option the command does not have is named as such, with the one
/// meant when there is one, never clap's "use `-- --option`" tip.
#[test]
fn unknown_options_are_named() {
    let err = fails(&["pay", "l5-dip-cm", "--hours-per-week", "3"], 2);
    assert_eq!(
        err,
        "error: `qualplan pay` has no option --hours-per-week\n  help: `qualplan pay --help` lists its options\n"
    );
    let err = fails(&["enquiries", "delete", "x", "--yess"], 2);
    assert!(err.contains("did you mean --yes?"), "{err}");
    // An option the command has, written before its name, is moved there.
    let err = fails(&["--format", "json", "list"], 2);
    assert_eq!(
        err,
        "error: --format goes after the command's name: `qualplan list --format …`\n  help: `qualplan list --help` lists its options\n"
    );
}

/// `--help` offers each command only the formats it writes, and every
/// option says what it does.
#[test]
fn help_is_per_command() {
    // The help as words, however clap wraps it.
    let help = |args: &[&str]| ok(args).split_whitespace().collect::<Vec<_>>().join(" ");
    let plan = help(&["plan", "-h"]);
    assert!(plan.contains("Hours a week the learner can give"), "{plan}");
    assert!(
        plan.contains("[possible values: table, json, csv, markdown]"),
        "{plan}"
    );
    assert!(!plan.contains("html"), "{plan}");
    let quote = help(&["quote", "-h"]);
    assert!(
        quote.contains("[possible values: markdown, text, html, json]"),
        "{quote}"
    );
    let compare = help(&["compare", "-h"]);
    assert!(
        compare.contains("Only qualifications at this level"),
        "{compare}"
    );
    assert!(!compare.contains("1-8"), "{compare}");
    assert!(ok(&["--help"]).contains("Exit status:"));
}

/// A command that only reads writes nothing at all: no log, no cache, no
/// data folder. `--verbose` asks for the log.
#[test]
fn reading_writes_nothing_unless_asked() {
    let home = tempfile::tempdir().unwrap();
    for args in COMMANDS {
        let out = support::qualplan(home.path(), args);
        assert!(out.status.success(), "{args:?}");
    }
    support::qualplan(home.path(), &["show", "dipolma"]);
    let written: Vec<_> = walk(home.path());
    assert!(written.is_empty(), "{written:?}");
    let out = support::qualplan(home.path(), &["list", "--verbose"]);
    assert!(out.status.success());
    let log = home.path().join("state/qualplan/qualplan.log");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("command line read"), "{text}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}
