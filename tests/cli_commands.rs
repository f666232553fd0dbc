//! Every subcommand in every format, run as the real binary: the figures
//! are the seeds', the JSON is the documented contract, and the exit codes
//! are 0 / 1 (domain error) / 2 (usage error).

use assert_cmd::Command;
use serde_json::Value;

fn qualplan(args: &[&str]) -> std::process::Output {
    let home = std::env::temp_dir().join("qualplan-cli-tests-home");
    Command::cargo_bin("qualplan")
        .unwrap()
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .args(args)
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = qualplan(args);
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

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).unwrap()
}

fn fails(args: &[&str], code: i32) -> String {
    let out = qualplan(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

/// Every line of table output fits in 80 columns.
fn assert_fits(text: &str) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "too wide ({}): {line}",
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
    &[
        "plan",
        "--qualification",
        "l5-dip-cm",
        "--start",
        "2026-12-01",
    ],
    &[
        "pay",
        "l3-award-coaching",
        "--instalments",
        "--start",
        "2027-01-31",
    ],
    &["search", "reflecting", "mentoring"],
    &["validate"],
    &["catalogue", "path"],
];

#[test]
fn every_subcommand_in_every_format() {
    for args in COMMANDS {
        let table = ok(args);
        assert!(!table.is_empty(), "{args:?}");
        assert_fits(&table);
        let mut with = args.to_vec();
        with.extend(["--format", "json"]);
        let text = ok(&with);
        serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"));
        for format in ["csv", "markdown"] {
            let mut with = args.to_vec();
            with.extend(["--format", format]);
            assert!(!ok(&with).is_empty(), "{args:?} {format}");
        }
    }
}

#[test]
fn list_shows_prices_from_the_pack() {
    let text = ok(&["list"]);
    assert!(
        text.contains(
            "l5-dip-cm                37  £2,225.00  ILM Level 5 Diploma in Coaching and"
        ),
        "{text}"
    );
    let all = json(&["list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 18);
    let csv = ok(&["list", "--format", "csv"]);
    assert_eq!(csv.lines().next(), Some("id,credits,ex VAT,title"));
    assert!(
        csv.contains(
            "l7-dip-ecm,40,\"£2,550.00\",ILM Level 7 Diploma in Executive Coaching and Mentoring"
        ),
        "{csv}"
    );
    let units = json(&["list", "--units"]);
    let u5017 = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "5017")
        .unwrap();
    assert_eq!(
        (
            u5017["credits"].as_u64(),
            u5017["glh"].as_u64(),
            u5017["practice_hours"].as_u64()
        ),
        (Some(29), Some(20), Some(100))
    );
}

#[test]
fn compare_json_contract() {
    let rows = json(&["compare", "--level", "5"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let dip = &rows[1];
    let expected = [
        ("id", Value::from("l5-dip-cm")),
        (
            "title",
            Value::from("ILM Level 5 Diploma in Coaching and Mentoring"),
        ),
        ("level", Value::from(5)),
        ("size", Value::from("Diploma")),
        ("stream", Value::from("Coaching and Mentoring")),
        ("edition", Value::from("current")),
        ("credits", Value::from(37)),
        ("glh", Value::from(45)),
        ("induction_hours", Value::from(1)),
        ("tutorial_hours", Value::from(2)),
        ("tqt_hours", Value::from(370)),
        ("practice_hours", Value::from(100)),
        ("min_clients", Value::from(6)),
        ("price_ex_vat_pence", Value::from(222_500)),
        ("vat_pence", Value::from(44_500)),
        ("price_inc_vat_pence", Value::from(267_000)),
        ("price_ex_vat", Value::from("£2,225.00")),
        ("price_inc_vat", Value::from("£2,670.00")),
        ("target_months_min", Value::from(24)),
        ("target_months_max", Value::from(36)),
        ("registration_months", Value::from(36)),
    ];
    for (field, value) in expected {
        assert_eq!(dip[field], value, "{field}");
    }
    // A price on request is null.
    let old = json(&["compare", "old-l5-dip-cm"]);
    assert_eq!(old[0]["price_ex_vat_pence"], Value::Null);
    assert_eq!(old[0]["price_ex_vat"], Value::Null);
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
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["l3-cert-mentoring", "l3-award-mentoring"]);
    let rows = json(&["compare", "--size", "diploma", "--all"]);
    assert_eq!(rows.as_array().unwrap().len(), 4);
    let named = json(&["compare", "level 7 diploma", "l3-cert-cm"]);
    let ids: Vec<&str> = named
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["l3-cert-cm", "l7-dip-ecm"]);
    let err = fails(&["compare", "--level", "4"], 1);
    assert_eq!(err, "error: no qualification matches these filters\n");
}

#[test]
fn upgrade_json_contract() {
    let plan = json(&["upgrade", "--from", "l5-cert-cm", "--to", "l5-dip-cm"]);
    assert_eq!(plan["from"], "l5-cert-cm");
    assert_eq!(plan["to"], "l5-dip-cm");
    assert_eq!(plan["kind"], "top-up");
    assert_eq!(plan["units_carried"], serde_json::json!(["5015", "5018"]));
    assert_eq!(plan["units_to_take"], serde_json::json!(["5017"]));
    assert_eq!(plan["credits_to_take"], 29);
    assert_eq!(plan["practice_hours_to_take"], 100);
    assert_eq!(plan["fee_ex_vat_pence"], 53_000);
    assert_eq!(plan["vat_pence"], 10_600);
    assert_eq!(plan["fee_inc_vat_pence"], 63_600);
    let all = json(&["upgrade", "--from", "l3-award-mentoring"]);
    let fees: Vec<i64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["fee_ex_vat_pence"].as_i64().unwrap())
        .collect();
    // The Certificate in Mentoring, the Certificate in Coaching (across
    // streams, same balance) and the C&M Certificate.
    assert_eq!(fees, [50_000, 50_000, 70_000]);
    // The holding options, echoed whole.
    assert_eq!(
        plan["holding"],
        serde_json::json!({"qualifications": ["l5-cert-cm"], "units": [], "with_provider": true})
    );
    let elsewhere = json(&[
        "upgrade",
        "--from",
        "l5-cert-cm",
        "--to",
        "l5-dip-cm",
        "--elsewhere",
    ]);
    assert_eq!(elsewhere["kind"], "new-registration");
    assert_eq!(elsewhere["fee_ex_vat_pence"], 222_500);
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
fn upgrade_errors_are_domain_errors() {
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
    let err = fails(&["upgrade", "--from", "l5-cert-cm", "--unit", "9999"], 2);
    assert!(err.contains("`9999` is not a unit code"), "{err}");
    let err = fails(&["plan", "--qualification", "l5-dip-cm", "--elsewhere"], 2);
    assert!(err.contains("name them with --from"), "{err}");
}

/// What used to be refused is now worked out, and says what applies:
/// a downgrade, a change of level, a top-up across streams.
#[test]
fn upgrade_explains_what_applies() {
    let text = ok(&["upgrade", "--from", "l5-dip-cm", "--to", "l5-cert-cm"]);
    assert!(text.contains("Fee ex VAT             £1,695.00"), "{text}");
    let down = json(&["upgrade", "--from", "l5-dip-cm", "--to", "l5-cert-cm"]);
    assert_eq!(down["kind"], "new-registration");
    assert_eq!(
        down["notes"][0],
        "New registration at the full price: l5-cert-cm costs £1,695.00, no more than the £2,225.00 paid for l5-dip-cm, so the top-up rule leaves no balance to pay"
    );
    let text = ok(&["upgrade", "--from", "l3-cert-cm", "--to", "l5-dip-cm"]);
    assert!(text.contains("nothing held is at Level 5"), "{text}");
    let across = json(&[
        "upgrade",
        "--from",
        "l3-award-mentoring",
        "--to",
        "l3-cert-coaching",
    ]);
    assert_eq!(across["kind"], "top-up");
    assert_eq!(across["fee_ex_vat_pence"], 50_000);
    assert_eq!(across["vat_pence"], 10_000);
    assert_eq!(across["units_carried"], serde_json::json!([]));
    assert_eq!(
        across["units_to_take"],
        serde_json::json!(["8577-300", "8577-302", "8577-303"])
    );
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
    assert_eq!(plan["total_ex_vat_pence"], 102_000);
    assert_eq!(plan["total_vat_pence"], 20_400);
    assert_eq!(plan["total_inc_vat_pence"], 122_400);
    let payments = plan["payments"].as_array().unwrap();
    let rows: Vec<(&str, i64, i64, i64)> = payments
        .iter()
        .map(|p| {
            (
                p["due"].as_str().unwrap(),
                p["amount_ex_vat_pence"].as_i64().unwrap(),
                p["vat_pence"].as_i64().unwrap(),
                p["amount_inc_vat_pence"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2027-01-31", 42_000, 8_400, 50_400),
            ("2027-02-28", 15_000, 3_000, 18_000),
            ("2027-03-31", 15_000, 3_000, 18_000),
            ("2027-04-30", 15_000, 3_000, 18_000),
            ("on-completion", 15_000, 3_000, 18_000),
        ]
    );
    assert_eq!(payments[4]["expected"], "2027-10-31");
    assert!(
        payments[0]["label"]
            .as_str()
            .unwrap()
            .starts_with("First payment, incl. £25.00 premium")
    );
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
}

#[test]
fn plan_json_contract() {
    let plan = json(&[
        "plan",
        "--qualification",
        "l3-award-coaching",
        "--start",
        "2028-02-29",
    ]);
    assert_eq!(plan["start"], "2028-02-29");
    assert_eq!(plan["target_date"], "2028-11-29");
    assert!(plan.get("target_date_min").is_none());
    assert_eq!(plan["registration_expires"], "2031-02-28");
    assert_eq!(plan["hours_per_week_needed"], 2.6);
    let range = json(&[
        "plan",
        "--qualification",
        "l5-dip-cm",
        "--start",
        "2026-12-01",
        "--hours-per-week",
        "2",
    ]);
    assert_eq!(range["target_date_min"], "2028-12-01");
    assert_eq!(range["target_date_max"], "2029-12-01");
    assert_eq!(range["projected_finish"], "2030-06-18");
    assert_eq!(
        range["warnings"][0],
        "At 2 hours a week the 370 hours take until 2030-06-18, after the registration expires on 2029-12-01"
    );
    let rest = json(&[
        "plan",
        "--qualification",
        "l5-dip-cm",
        "--from",
        "l5-cert-cm",
        "--start",
        "2026-12-01",
    ]);
    assert_eq!(rest["total_hours"], 290);
    assert_eq!(rest["practice_hours"], 100);
}

#[test]
fn recommend_json_contract() {
    let options = json(&[
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
    let options = options.as_array().unwrap();
    assert_eq!(options.len(), 3, "two best plus the one asked about");
    assert_eq!(options[0]["type"], "qualification");
    let asked = options.iter().find(|o| o["id"] == "l7-dip-ecm").unwrap();
    assert_eq!(asked["asked_about"], true);
    assert_eq!(asked["fit"], "poor");
    let dip = options.iter().find(|o| o["id"] == "l5-dip-cm").unwrap();
    let texts: Vec<&str> = dip["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Needs 100 hours of practice with at least 6 clients; at 3 hours a week that is 8 months of practice alone"), "{texts:?}");
    let upgrades = json(&["recommend", "--route", "4", "--holds", "l5-cert-cm"]);
    assert_eq!(upgrades[0]["type"], "upgrade");
    assert_eq!(upgrades[0]["fee_ex_vat_pence"], 53_000);
    let err = fails(&["recommend", "--route", "4"], 2);
    assert!(err.contains("--holds"), "{err}");
    fails(&["recommend", "--level", "9"], 2);
}

#[test]
fn show_names_sources() {
    let text = ok(&["show", "l5", "dip"]);
    assert!(
        text.starts_with("ILM Level 5 Diploma in Coaching and Mentoring (l5-dip-cm)\n"),
        "{text}"
    );
    assert!(
        text.contains("Price ex VAT              £2,225.00                   pack: 8. Our prices"),
        "{text}"
    );
    assert!(
        text.contains("Sources: pack = inspired2learn Self Study Information Pack"),
        "{text}"
    );
    let shown = json(&["show", "l3-cert-cm"]);
    assert_eq!(
        shown["qualification"]["qualification_number"]["value"],
        "601/3698/4"
    );
    assert_eq!(shown["qualification"]["credits"]["source"]["doc"], "l3spec");
    assert_eq!(shown["derived"]["glh_min"], 36);
    let unit = json(&["show", "3060"]);
    assert_eq!(unit["unit"]["code"], "8577-307");
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
    let err = fails(&["show", "level", "3", "award"], 2);
    assert!(
        err.contains("could mean any of: l3-award-mentoring"),
        "{err}"
    );
    let err = fails(&["show", "l5-dipp"], 2);
    assert!(err.contains("did you mean l5-dip-cm"), "{err}");
}

#[test]
fn routes_and_search() {
    let routes = json(&["routes"]);
    assert_eq!(routes.as_array().unwrap().len(), 4);
    assert_eq!(routes[3]["title"], "Upgrade a qualification you hold");
    let hits = json(&["search", "8578-302"]);
    assert_eq!(hits[0]["key"], "8578-302");
    assert_eq!(hits[0]["kind"], "unit");
    let hits = json(&["search", "l5", "dip"]);
    assert_eq!(hits[0]["key"], "l5-dip-cm");
    let none = ok(&["search", "zzzzqqq"]);
    assert!(none.starts_with("Nothing matches `zzzzqqq`"), "{none}");
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

#[test]
fn no_color_output_has_no_escapes() {
    let out = Command::cargo_bin("qualplan")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["show", "l5-dip-cm"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}
