//! One broken catalogue per validation rule, each with the exact problem
//! expected: the item, the message, and the line it points at.

use qualplan::catalogue::{self, CatalogueError, EMBEDDED_CATALOGUE, Problem};

/// The embedded catalogue with each `(from, to)` edit applied; every `from`
/// must occur exactly once, so an edit can never silently miss.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = EMBEDDED_CATALOGUE.to_string();
    for (from, to) in edits {
        let n = text.matches(from).count();
        assert_eq!(n, 1, "edit target must occur once, found {n}: {from}");
        text = text.replacen(from, to, 1);
    }
    text
}

fn problems(text: &str) -> Vec<Problem> {
    match catalogue::parse(text, "test.ron") {
        Ok(_) => panic!("the broken catalogue was accepted"),
        Err(CatalogueError { file, problems }) => {
            assert_eq!(file, "test.ron");
            problems
        }
    }
}

/// Exactly one problem, for `item`, with `message`, on a line holding `on_line`.
fn expect(edits: &[(&str, &str)], item: &str, message: &str, on_line: &str) {
    let text = edited(edits);
    let found = problems(&text);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let p = &found[0];
    assert_eq!(p.item, item);
    assert_eq!(p.message, message);
    assert!(!p.help.is_empty());
    let line = text.lines().nth(p.line - 1).unwrap();
    assert!(
        line.contains(on_line),
        "line {} is `{line}`, expected it to hold `{on_line}`",
        p.line
    );
}

/// The problem for `item` with `message` is among those found (an edit can
/// rightly break more than one rule), on a line holding `on_line`.
fn expect_among(edits: &[(&str, &str)], item: &str, message: &str, on_line: &str) {
    let text = edited(edits);
    let found = problems(&text);
    let p = found
        .iter()
        .find(|p| p.item == item && p.message == message)
        .unwrap_or_else(|| panic!("no problem `{item}: {message}` in {found:#?}"));
    let line = text.lines().nth(p.line - 1).unwrap();
    assert!(
        line.contains(on_line),
        "line {} is `{line}`, expected it to hold `{on_line}`",
        p.line
    );
}

const L5_DIP_CREDITS: &str = r#"credits: (value: 37, source: (doc: "pack", at: "Annex: ILM Level 5 Diploma in Coaching and Mentoring")),"#;

#[test]
fn the_embedded_catalogue_is_valid() {
    catalogue::parse(EMBEDDED_CATALOGUE, "catalogue.ron").unwrap();
}

// --- syntax and types (reported by the parser with its position) --------

#[test]
fn misspelt_field_is_an_error_not_ignored() {
    let text = edited(&[(
        L5_DIP_CREDITS,
        &L5_DIP_CREDITS.replace("credits:", "credit:"),
    )]);
    let p = &problems(&text)[0];
    assert!(
        p.message
            .starts_with("Unexpected field named `credit` in `Qualification`"),
        "{}",
        p.message
    );
    assert!(
        text.lines()
            .nth(p.line - 1)
            .unwrap()
            .contains("credit: (value: 37")
    );
    assert!(p.help.contains("docs/catalogue.md"));
}

#[test]
fn negative_hours_are_a_parse_error() {
    let text = edited(&[(
        r#"hours: (value: 100, source: (doc: "pack", at: "Annex: Unit 5017, criterion 2.1")),"#,
        r#"hours: (value: -100, source: (doc: "pack", at: "Annex: Unit 5017, criterion 2.1")),"#,
    )]);
    let p = &problems(&text)[0];
    assert!(
        text.lines()
            .nth(p.line - 1)
            .unwrap()
            .contains("value: -100")
    );
    assert!(p.help.contains("cannot be negative"), "{}", p.help);
}

#[test]
fn unknown_size_is_a_parse_error() {
    let text = edited(&[(
        "id: \"l5-dip-cm\",\n            title: \"ILM Level 5 Diploma in Coaching and Mentoring\",\n            level: 5,\n            size: Diploma,",
        "id: \"l5-dip-cm\",\n            title: \"ILM Level 5 Diploma in Coaching and Mentoring\",\n            level: 5,\n            size: Degree,",
    )]);
    let p = &problems(&text)[0];
    assert!(p.message.contains("Degree"), "{}", p.message);
    assert!(
        text.lines()
            .nth(p.line - 1)
            .unwrap()
            .contains("size: Degree")
    );
}

#[test]
fn missing_field_is_named() {
    let text = edited(&[(L5_DIP_CREDITS, "")]);
    let p = &problems(&text)[0];
    assert!(p.message.contains("credits"), "{}", p.message);
}

#[test]
fn not_utf8_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    let mut bytes = b"(\n  awarding_body: \"".to_vec();
    bytes.push(0xff);
    std::fs::write(&path, bytes).unwrap();
    let origin = catalogue::CatalogueOrigin::Argument(path);
    match catalogue::load(&origin) {
        Err(catalogue::LoadError::Invalid(e)) => {
            assert_eq!(e.problems[0].message, "the file is not valid UTF-8 text");
            assert_eq!((e.problems[0].line, e.problems[0].column), (2, 19));
        }
        other => panic!("expected invalid, got {other:?}"),
    }
}

// --- sources and text ------------------------------------------------------

#[test]
fn duplicate_source_id() {
    expect_among(
        &[(
            r#"(id: "vat", title: "VAT rates""#,
            r#"(id: "pack", title: "VAT rates""#,
        )],
        "source `pack`",
        "the source id `pack` is used twice",
        r#"(id: "pack", title: "VAT rates""#,
    );
}

/// A source is described as a reader would look it up: a publisher is
/// required, and a maintainer's file name is a name, never a path.
#[test]
fn a_source_names_its_publisher_and_no_path() {
    let text = edited(&[(r#"publisher: "HM Revenue & Customs, GOV.UK", "#, "")]);
    let err = catalogue::parse(&text, "test.ron").unwrap_err();
    assert!(
        err.problems[0]
            .message
            .contains("missing field named `publisher`"),
        "{err}"
    );
    expect(
        &[(
            r#"file: Some("004_0d65da030e960d1a.txt")"#,
            r#"file: Some("../seeds/004_0d65da030e960d1a.txt")"#,
        )],
        "source `pack`",
        "the file `../seeds/004_0d65da030e960d1a.txt` is a path, not a file name",
        r#"(id: "pack""#,
    );
    expect(
        &[(r#"publisher: "inspired2learn", "#, r#"publisher: " ", "#)],
        "source `pack`",
        "the text is empty",
        r#"(id: "pack""#,
    );
}

#[test]
fn citation_of_unknown_source() {
    expect(
        &[(
            L5_DIP_CREDITS,
            &L5_DIP_CREDITS.replace("doc: \"pack\"", "doc: \"brochure\""),
        )],
        "qualification `l5-dip-cm`",
        "the source `brochure` is not in the catalogue's `sources`",
        "credits: (value: 37",
    );
}

#[test]
fn control_characters_are_rejected() {
    expect(
        &[(
            r#"title: "ILM Level 5 Diploma in Coaching and Mentoring","#,
            r#"title: "ILM Level 5 Diploma\u{1b}[2J in Coaching and Mentoring","#,
        )],
        "qualification `l5-dip-cm`",
        "the text holds the control character U+001B",
        "title:",
    );
}

#[test]
fn empty_text_is_rejected() {
    expect(
        &[(
            r#"title: "ILM Level 5 Diploma in Coaching and Mentoring","#,
            r#"title: "  ","#,
        )],
        "qualification `l5-dip-cm`",
        "the text is empty",
        "title:",
    );
}

// --- pricing -----------------------------------------------------------------

#[test]
fn implausible_vat_rate() {
    expect(
        &[(
            "vat_rate_percent: (value: 20,",
            "vat_rate_percent: (value: 2000,",
        )],
        "catalogue",
        "the VAT rate is 2000; it must be from 0 to 100",
        "vat_rate_percent",
    );
}

#[test]
fn negative_premium() {
    expect(
        &[("premium: (value: 2500,", "premium: (value: -2500,")],
        "catalogue",
        "the instalment premium is -£25.00; it must be from £0.00 to £1,000,000.00",
        "premium:",
    );
}

#[test]
fn instalment_example_must_follow_from_the_plan() {
    expect(
        &[("initial_payment: 42000,", "initial_payment: 40000,")],
        "catalogue",
        "the plan gives £420.00 initial, 3 x £150.00 monthly and £1,020.00 total for a price of £995.00, but the example says £400.00 initial, £150.00 monthly and £1,020.00 total",
        "example: (",
    );
}

#[test]
fn top_up_example_names_unknown_qualification() {
    expect(
        &[(
            r#"example: (from: "l5-cert-cm", to: "l5-dip-cm","#,
            r#"example: (from: "l5-cert-cm", to: "l5-diploma","#,
        )],
        "catalogue",
        "the top-up example names `l5-diploma`, which is not a qualification in the catalogue",
        "example: (from:",
    );
}

#[test]
fn top_up_example_must_be_an_upgrade_route() {
    expect(
        &[(
            r#"example: (from: "l5-cert-cm", to: "l5-dip-cm", fee_ex_vat: 53000,"#,
            r#"example: (from: "l3-cert-cm", to: "l5-dip-cm", fee_ex_vat: 53000,"#,
        )],
        "catalogue",
        "the top-up example goes from `l3-cert-cm` to `l5-dip-cm`, which is not one of its upgrade routes",
        "example: (from:",
    );
}

#[test]
fn top_up_example_fee_must_be_the_balance() {
    expect(
        &[("fee_ex_vat: 53000,", "fee_ex_vat: 50000,")],
        "catalogue",
        "the example's fee is £500.00, but the prices give a balance of £530.00",
        "fee_ex_vat",
    );
}

// --- levels ----------------------------------------------------------------

#[test]
fn duplicate_level_equivalents() {
    expect(
        &[(
            r#"(level: 5, equivalents: ["Foundation Degree""#,
            r#"(level: 3, equivalents: ["Foundation Degree""#,
        )],
        "catalogue",
        "level 3 is listed twice",
        "levels: [",
    );
}

#[test]
fn level_outside_the_framework() {
    expect_among(
        &[(
            "code: \"D2.01\",\n            title: \"Developing effective listening and questioning skills\",\n            level: 2,",
            "code: \"D2.01\",\n            title: \"Developing effective listening and questioning skills\",\n            level: 9,",
        )],
        "unit `D2.01`",
        "level 9 is outside the framework's levels 1 to 8",
        "level: 9",
    );
}

// --- units -------------------------------------------------------------------

#[test]
fn a_code_names_one_unit_only() {
    expect(
        &[(
            r#"other_codes: [(value: "700", source: (doc: "pack", at: "Annex: rules of combination, Level 7; Level 7 Units in more detail"))],"#,
            r#"other_codes: [(value: "700", source: (doc: "pack", at: "Annex: rules of combination, Level 7; Level 7 Units in more detail")), (value: "701", source: (doc: "pack", at: "x"))],"#,
        )],
        "unit `8581-701`",
        "the code `701` already names unit `8581-700`",
        r#"code: "8581-701""#,
    );
}

#[test]
fn codes_hold_no_spaces() {
    expect(
        &[(r#"(value: "3053", source"#, r#"(value: "30 53", source"#)],
        "unit `8577-300`",
        "the code `30 53` is empty or holds spaces",
        r#"code: "8577-300""#,
    );
}

#[test]
fn unit_without_credits() {
    expect(
        &[
            (
                r#"credits: (value: 2, source: (doc: "suite", at: "Mentoring Stream - Level 2")),
        ),
        (
            code: "D2.02","#,
                r#"credits: (value: 0, source: (doc: "suite", at: "Mentoring Stream - Level 2")),
        ),
        (
            code: "D2.02","#,
            ),
            (
                r#"credits: (value: 4, source: (doc: "suite", at: "Mentoring Stream - Level 2")),"#,
                r#"credits: (value: 2, source: (doc: "suite", at: "Mentoring Stream - Level 2")),"#,
            ),
        ],
        "unit `D2.01`",
        "the credit value is 0; it must be from 1 to 1000",
        "credits: (value: 0",
    );
}

#[test]
fn every_unit_is_used() {
    expect(
        &[(
            "(\n            code: \"D2.01\",",
            "(code: \"D2.99\", title: \"Spare\", level: 2, edition: Older, source: (doc: \"suite\", at: \"x\"), credits: (value: 1, source: (doc: \"suite\", at: \"x\"))),\n        (\n            code: \"D2.01\",",
        )],
        "unit `D2.99`",
        "no qualification uses this unit",
        r#"code: "D2.99""#,
    );
}

#[test]
fn outcomes_are_numbered_in_order() {
    expect_among(
        &[(
            r#"(number: 2, text: "Understand the process and content of effective workplace coaching""#,
            r#"(number: 3, text: "Understand the process and content of effective workplace coaching""#,
        )],
        "unit `8577-300`",
        "learning outcome 3 should be numbered 2",
        "outcomes: [",
    );
}

#[test]
fn criteria_are_numbered_under_their_outcome() {
    expect(
        &[(
            r#"(number: "2.4", text: "Recognise any potential barriers"#,
            r#"(number: "2.5", text: "Recognise any potential barriers"#,
        )],
        "unit `8577-300`",
        "assessment criterion `2.5` under outcome 2 should be numbered `2.4`",
        "outcomes: [",
    );
}

#[test]
fn outcome_needs_criteria() {
    expect(
        &[(
            r#"(number: 5, text: "Be able to plan own future development activities based on own critical reflection", criteria: [
                    (number: "5.1", text: "Provide a detailed development action plan to address future development plans and continuous professional development needs as a coach and/or mentor"),
                ]),"#,
            r#"(number: 5, text: "Be able to plan own future development activities based on own critical reflection", criteria: []),"#,
        )],
        "unit `8581-702`",
        "learning outcome 5 has no assessment criteria",
        "outcomes: [",
    );
}

#[test]
fn outcomes_need_a_source() {
    expect(
        &[(
            r#"outcomes_source: Some((doc: "pack", at: "Annex: Level 3 Units in more detail, Unit 3053")),"#,
            "",
        )],
        "unit `8577-300`",
        "the learning outcomes have no source",
        "outcomes: [",
    );
}

// --- qualifications ------------------------------------------------------------

#[test]
fn duplicate_qualification_id() {
    let text = edited(&[(r#"id: "l7-dip-ecm","#, r#"id: "l7-cert-ecm","#)]);
    let found = problems(&text);
    let dup = found
        .iter()
        .find(|p| p.message.contains("more than one"))
        .expect("a duplicate problem");
    assert_eq!(dup.item, "qualification `l7-cert-ecm`");
    assert_eq!(
        dup.message,
        "the id `l7-cert-ecm` is used by more than one qualification"
    );
    // It points at the second one, not the first.
    let first = text
        .lines()
        .position(|l| l.contains(r#"id: "l7-cert-ecm","#))
        .unwrap()
        + 1;
    assert!(dup.line > first);
    assert!(
        text.lines()
            .nth(dup.line - 1)
            .unwrap()
            .contains(r#"id: "l7-cert-ecm""#)
    );
}

#[test]
fn ids_are_short_and_typable() {
    let text = edited(&[(r#"id: "old-l2-award-mentoring","#, r#"id: "Old L2 Award","#)]);
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "the id `Old L2 Award` is not a short typable id"
    );
}

#[test]
fn unit_references_resolve() {
    expect_among(
        &[(
            r#"mandatory: ["5015", "5017", "5018"],"#,
            r#"mandatory: ["5015", "5099", "5018"],"#,
        )],
        "qualification `l5-dip-cm`",
        "the rules of combination name unit `5099`, which is not in the catalogue",
        "rules: (",
    );
}

#[test]
fn unit_listed_twice_under_two_codes() {
    let text = edited(&[(
        r#"mandatory: ["5015", "5016", "5018"],"#,
        r#"mandatory: ["5015", "5016", "5018", "503"],"#,
    )]);
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.item == "qualification `l5-cert-cm`"
            && p.message
                == "unit `503` appears twice in the rules of combination (also as `5018`)"),
        "{found:#?}"
    );
}

#[test]
fn unit_level_above_the_qualification() {
    expect_among(
        &[
            (
                r#"mandatory: ["8577-304", "8577-305", "8577-307"],"#,
                r#"mandatory: ["8577-304", "8577-305", "8577-307"],"#,
            ),
            (
                "mandatory: [\"D3.05\", \"D3.06\"],",
                "mandatory: [\"D3.05\", \"D3.06\"],",
            ),
            (
                "code: \"D3.02\",\n            title: \"Organising workplace coaching\",\n            level: 3,",
                "code: \"D3.02\",\n            title: \"Organising workplace coaching\",\n            level: 5,",
            ),
        ],
        "qualification `old-l3-award-coaching`",
        "unit `D3.02` is at level 5, above the qualification's level 3",
        "rules: (",
    );
}

#[test]
fn units_belong_to_the_qualification_edition() {
    let text = edited(&[(
        r#"mandatory: ["D2.01", "D2.02"],"#,
        r#"mandatory: ["D2.01", "D2.02", "8577-305"],"#,
    )]);
    let found = problems(&text);
    assert!(found.iter().any(|p| p.message == "unit `8577-305` belongs to the current edition but the qualification to the older edition"), "{found:#?}");
}

#[test]
fn mandatory_units_add_up_to_the_credit_value() {
    expect(
        &[(L5_DIP_CREDITS, &L5_DIP_CREDITS.replace("37", "38"))],
        "qualification `l5-dip-cm`",
        "the mandatory units add up to 37 credits, but the stated credit value is 38",
        "credits: (value: 38",
    );
}

#[test]
fn optional_group_must_be_reachable() {
    let text = edited(&[
        (
            r#"units: ["8578-306", "8578-307"], min_credits: 10"#,
            r#"units: ["8578-307"], min_credits: 10"#,
        ),
        (
            "(value: \"8578-306\", source: (doc: \"l3spec\", at: \"Overview of Units: Group 2\")),\n",
            "",
        ),
    ]);
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.message
            == "optional group `Group 2 (mentoring)` needs 10 credits but its units offer only 3"),
        "{found:#?}"
    );
}

#[test]
fn optional_groups_add_up_to_the_credit_value() {
    expect_among(
        &[(
            r#"units: ["8578-302", "8578-303"], min_credits: 10"#,
            r#"units: ["8578-302", "8578-303"], min_credits: 7"#,
        )],
        "qualification `l3-cert-cm`",
        "the mandatory units (6 credits) plus optional group `Group 1 (coaching)` (7 credits) make 13, but the stated credit value is 16",
        "credits: (value: 16",
    );
}

#[test]
fn optional_group_asks_for_credits() {
    let text = edited(&[(
        r#"units: ["8578-302", "8578-303"], min_credits: 10"#,
        r#"units: ["8578-302", "8578-303"], min_credits: 0"#,
    )]);
    let found = problems(&text);
    assert!(
        found
            .iter()
            .any(|p| p.message
                == "`min_credits` of optional group `Group 1 (coaching)` is 0; it must be from 1 to 10000"),
        "{found:#?}"
    );
}

#[test]
fn negative_price() {
    expect(
        &[(
            "price: Some((value: 222500,",
            "price: Some((value: -222500,",
        )],
        "qualification `l5-dip-cm`",
        "the price is -£2,225.00; it must be from £0.00 to £1,000,000.00",
        "price:",
    );
}

#[test]
fn older_edition_is_not_on_sale() {
    expect(
        &[(
            r#"credits: (value: 45, source: (doc: "l7spec", at: "Qualifications overview: notional credit value")),"#,
            r#"credits: (value: 45, source: (doc: "l7spec", at: "Qualifications overview: notional credit value")), price: Some((value: 100, source: (doc: "pack", at: "x"))),"#,
        )],
        "qualification `old-l7-dip-ecm`",
        "an older-edition qualification is not on sale but has a price",
        "price: Some",
    );
}

#[test]
fn target_is_a_range() {
    expect(
        &[(
            "target_months: Some((value: (min: 24, max: 36), source: (doc: \"pack\", at: \"6. Timescales\"))),\n            price: Some((value: 222500,",
            "target_months: Some((value: (min: 30, max: 24), source: (doc: \"pack\", at: \"6. Timescales\"))),\n            price: Some((value: 222500,",
        )],
        "qualification `l5-dip-cm`",
        "the suggested target of 30..24 months is not a range",
        "target_months",
    );
}

#[test]
fn target_fits_the_registration_period() {
    expect(
        &[(
            "target_months: Some((value: (min: 24, max: 36), source: (doc: \"pack\", at: \"6. Timescales\"))),\n            price: Some((value: 222500,",
            "target_months: Some((value: (min: 24, max: 48), source: (doc: \"pack\", at: \"6. Timescales\"))),\n            price: Some((value: 222500,",
        )],
        "qualification `l5-dip-cm`",
        "the suggested target of up to 48 months is longer than the 36-month registration",
        "target_months",
    );
}

#[test]
fn registration_period_is_not_zero() {
    expect(
        &[(
            r#"registration_months: Some((value: 24, source"#,
            r#"registration_months: Some((value: 0, source"#,
        )],
        "qualification `old-l7-cert-ecm`",
        "the registration period in months is 0; it must be from 1 to 120",
        "registration_months",
    );
}

#[test]
fn stated_glh_agrees_with_the_units() {
    expect(
        &[(
            r#"stated_glh: Some((value: 36,"#,
            r#"stated_glh: Some((value: 40,"#,
        )],
        "qualification `l3-cert-cm`",
        "the stated 40 guided learning hours match neither the units' 36 hours nor those plus 5 hours of induction and tutorials",
        "stated_glh",
    );
}

#[test]
fn progression_names_a_known_qualification() {
    expect(
        &[(
            r#"(to: Some("l5-cert-cm"), text:"#,
            r#"(to: Some("l5-certificate"), text:"#,
        )],
        "qualification `l3-cert-cm`",
        "progression names `l5-certificate`, which is not a qualification in the catalogue",
        "progression: [",
    );
}

// --- upgrade routes --------------------------------------------------------------

const L7_CERT_UPGRADE: &str =
    r#"(to: "l7-dip-ecm", source: (doc: "pack", at: "8. Our prices: 'Top-up' fees")),"#;

fn expect_bad_upgrade(to: &str, why: &str) {
    expect(
        &[(L7_CERT_UPGRADE, &L7_CERT_UPGRADE.replace("l7-dip-ecm", to))],
        "qualification `l7-cert-ecm`",
        &format!("the upgrade to `{to}` is not an upgrade: {why}"),
        "upgrades: [",
    );
}

#[test]
fn upgrade_to_a_lower_or_other_level() {
    expect_bad_upgrade("l5-dip-cm", "it changes level (7 to 5)");
}

#[test]
fn upgrade_to_itself() {
    expect_bad_upgrade("l7-cert-ecm", "it leads to the same qualification");
}

#[test]
fn upgrade_must_be_larger() {
    expect_bad_upgrade(
        "old-l7-cert-ecm",
        "`old-l7-cert-ecm` is not larger (15 credits, against 15)",
    );
}

#[test]
fn upgrade_stays_in_its_edition() {
    expect_bad_upgrade("old-l7-dip-ecm", "it crosses editions (current to older)");
}

#[test]
fn upgrade_carries_a_unit() {
    let route = r#"(to: "l3-cert-cm", source: (doc: "pack", at: "8. Our prices: 'Top-up' fees")),
            ],
        ),
        (
            id: "l3-cert-mentoring","#;
    expect(
        &[(route, &route.replacen("l3-cert-cm", "l3-cert-coaching", 1))],
        "qualification `l3-award-mentoring`",
        "the upgrade to `l3-cert-coaching` is not an upgrade: no unit of `l3-award-mentoring` counts towards `l3-cert-coaching`",
        "upgrades: [",
    );
}

#[test]
fn upgrade_target_exists() {
    expect(
        &[(
            L7_CERT_UPGRADE,
            &L7_CERT_UPGRADE.replace("l7-dip-ecm", "l7-phd"),
        )],
        "qualification `l7-cert-ecm`",
        "the upgrade route leads to `l7-phd`, which is not a qualification in the catalogue",
        "upgrades: [",
    );
}

#[test]
fn upgrade_listed_once() {
    expect(
        &[(
            L7_CERT_UPGRADE,
            &format!("{L7_CERT_UPGRADE} {L7_CERT_UPGRADE}"),
        )],
        "qualification `l7-cert-ecm`",
        "the upgrade to `l7-dip-ecm` is listed twice",
        "upgrades: [",
    );
}

// --- reporting -----------------------------------------------------------------

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = edited(&[
        (L5_DIP_CREDITS, &L5_DIP_CREDITS.replace("37", "38")),
        (
            "price: Some((value: 222500,",
            "price: Some((value: -222500,",
        ),
        (
            "vat_rate_percent: (value: 20,",
            "vat_rate_percent: (value: 200,",
        ),
    ]);
    let err = catalogue::parse(&text, "my.ron").unwrap_err();
    assert_eq!(err.problems.len(), 3, "{err}");
    let shown = err.to_string();
    assert!(shown.contains("error: my.ron:"), "{shown}");
    assert!(shown.contains("  help: "), "{shown}");
    assert!(
        shown.ends_with("3 problems in my.ron; the catalogue was not loaded"),
        "{shown}"
    );
}

/// The worked example in docs/catalogue.md: adding a Level 5 Award.
#[test]
fn docs_worked_example_validates() {
    let qualification = r#"
        (
            id: "l5-award-cm",
            title: "ILM Level 5 Award in Coaching and Mentoring",
            level: 5,
            size: Award,
            stream: CoachingAndMentoring,
            edition: Current,
            source: (doc: "prices-2027", at: "Level 5 Award"),
            credits: (value: 5, source: (doc: "prices-2027", at: "Level 5 Award")),
            rules: (
                mandatory: ["5015"],
                source: (doc: "prices-2027", at: "Level 5 Award: units"),
            ),
            induction_hours: Some((value: 1, source: (doc: "prices-2027", at: "Level 5 Award"))),
            tutorial_hours: Some((value: 2, source: (doc: "prices-2027", at: "Level 5 Award"))),
            registration_months: Some((value: 36, source: (doc: "prices-2027", at: "Level 5 Award"))),
            target_months: Some((value: (min: 9, max: 9), source: (doc: "prices-2027", at: "Level 5 Award"))),
            price: Some((value: 69500, source: (doc: "prices-2027", at: "Price list"))),
            upgrades: [
                (to: "l5-cert-cm", source: (doc: "pack", at: "8. Our prices: 'Top-up' fees")),
                (to: "l5-dip-cm", source: (doc: "pack", at: "8. Our prices: 'Top-up' fees")),
            ],
        ),
"#;
    let source = r#"(id: "prices-2027", title: "Price list", publisher: "inspired2learn", date: "January 2027"),
    ],

    provider: ("#;
    let text = edited(&[
        (
            "    qualifications: [\n",
            &format!("    qualifications: [\n{qualification}"),
        ),
        ("    ],\n\n    provider: (", &format!("    {source}")),
    ]);
    let c = catalogue::parse(&text, "catalogue.ron").unwrap();
    let q = c.qualification("l5-award-cm").unwrap();
    assert_eq!(q.glh_range(&c).unwrap().max, 18);
    assert_eq!(q.tqt_hours(), 50);

    let wrong = text.replacen(
        r#"mandatory: ["5015"],"#,
        r#"mandatory: ["5015", "5018"],"#,
        1,
    );
    let err = catalogue::parse(&wrong, "catalogue.ron").unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(
        err.problems[0].message,
        "the mandatory units add up to 8 credits, but the stated credit value is 5"
    );
}

/// Figures the first round's validator let through, each of which later
/// wrapped, showed negative or panicked: every number in a catalogue now
/// lies in the range docs/reliability.md gives for it.
#[test]
fn a_price_near_the_largest_number_is_refused() {
    expect(
        &[(
            "price: Some((value: 222500,",
            "price: Some((value: 9223372036854775807,",
        )],
        "qualification `l5-dip-cm`",
        "the price is £92,233,720,368,547,758.07; it must be from £0.00 to £1,000,000.00",
        "price:",
    );
}

#[test]
fn credits_whose_sum_would_wrap_are_refused() {
    // Two units of 2^31 credits each add up to 2^32, which wraps to 0 in a
    // u32: with the stated credits 0 as well, the sums used to agree.
    let text = edited(&[(
        r#"credits: (value: 2, source: (doc: "suite", at: "Mentoring Stream - Level 2")),
        ),
        (
            code: "D2.02","#,
        r#"credits: (value: 2147483648, source: (doc: "suite", at: "Mentoring Stream - Level 2")),
        ),
        (
            code: "D2.02","#,
    )]);
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.item == "unit `D2.01`"
            && p.message == "the credit value is 2147483648; it must be from 1 to 1000"),
        "{found:#?}"
    );
}

#[test]
fn months_that_would_overflow_a_date_are_refused() {
    let text = edited(&[(
        r#"registration_months: Some((value: 24, source"#,
        r#"registration_months: Some((value: 4294967295, source"#,
    )]);
    let found = problems(&text);
    assert!(
        found
            .iter()
            .any(|p| p.item == "qualification `old-l7-cert-ecm`"
                && p.message
                    == "the registration period in months is 4294967295; it must be from 1 to 120"),
        "{found:#?}"
    );
}

#[test]
fn a_plan_of_billions_of_payments_is_refused() {
    let text = edited(&[(
        "monthly_payments: (value: 3,",
        "monthly_payments: (value: 4294967294,",
    )]);
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.message
            == "the number of monthly payments is 4294967294; it must be from 0 to 120"),
        "{found:#?}"
    );
}

#[test]
fn hours_and_clients_are_bounded() {
    expect_among(
        &[(
            r#"stated_glh: Some((value: 36,"#,
            r#"stated_glh: Some((value: 4294967295,"#,
        )],
        "qualification `l3-cert-cm`",
        "the number of hours is 4294967295; it must be from 0 to 10000",
        "stated_glh",
    );
}
