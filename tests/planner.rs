//! The planner with figures from the seeds: every top-up between the
//! current-edition qualifications, the instalment example, payment dates,
//! comparison, search, name resolution and recommendations.

use chrono::NaiveDate;
use qualplan::catalogue::{
    self, Catalogue, CatalogueOrigin, Edition, Glh, MonthRange, Range, Size, Stream,
};
use qualplan::money::{Pence, VatBreakdown};
use qualplan::planner::*;
use qualplan::pricing::InstalmentTerms;

fn catalogue() -> Catalogue {
    catalogue::load(&CatalogueOrigin::Embedded).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn holding(ids: &[&str]) -> Holding {
    Holding {
        qualifications: ids.iter().map(|s| s.to_string()).collect(),
        units: Vec::new(),
        with_provider: true,
    }
}

fn pounds(ex: i32, vat: i32, inc: i32) -> Option<VatBreakdown> {
    Some(VatBreakdown {
        ex_vat: Pence::pounds(ex),
        vat: Pence::pounds(vat),
        inc_vat: Pence::pounds(inc),
    })
}

// --- upgrades ------------------------------------------------------------------

/// Every top-up between current-edition qualifications.
#[test]
fn every_current_top_up() {
    let c = catalogue();
    // (from, to, carried, to take, credits to take, practice, clients, fee ex/VAT/inc, months)
    #[allow(clippy::type_complexity)]
    let table: [(
        &str,
        &str,
        &[&str],
        &[&str],
        u32,
        u32,
        Option<u32>,
        (i32, i32, i32),
        (u32, u32),
    ); 10] = [
        (
            "l3-award-mentoring",
            "l3-cert-mentoring",
            &["8577-304", "8577-307"],
            &["8577-306"],
            7,
            36,
            Some(3),
            (500, 100, 600),
            (10, 10),
        ),
        (
            "l3-award-mentoring",
            "l3-cert-cm",
            &["8578-304", "8578-307"],
            &["8578-300", "8578-306"],
            10,
            36,
            Some(3),
            (700, 140, 840),
            (12, 12),
        ),
        // Across streams: the pack's rule covers any further qualification
        // at the same level, though no unit carries over.
        (
            "l3-award-mentoring",
            "l3-cert-coaching",
            &[],
            &["8577-300", "8577-302", "8577-303"],
            13,
            36,
            Some(3),
            (500, 100, 600),
            (18, 18),
        ),
        (
            "l3-award-coaching",
            "l3-cert-mentoring",
            &[],
            &["8577-304", "8577-306", "8577-307"],
            13,
            36,
            Some(3),
            (500, 100, 600),
            (18, 18),
        ),
        (
            "l3-award-coaching",
            "l3-cert-coaching",
            &["8577-300", "8577-303"],
            &["8577-302"],
            7,
            36,
            Some(3),
            (500, 100, 600),
            (10, 10),
        ),
        (
            "l3-award-coaching",
            "l3-cert-cm",
            &["8578-300", "8578-303"],
            &["8578-304", "8578-302"],
            10,
            36,
            Some(3),
            (700, 140, 840),
            (12, 12),
        ),
        (
            "l3-cert-mentoring",
            "l3-cert-cm",
            &["8578-304", "8578-306", "8578-307"],
            &["8578-300"],
            3,
            0,
            None,
            (200, 40, 240),
            (4, 4),
        ),
        (
            "l3-cert-coaching",
            "l3-cert-cm",
            &["8578-300", "8578-302", "8578-303"],
            &["8578-304"],
            3,
            0,
            None,
            (200, 40, 240),
            (4, 4),
        ),
        (
            "l5-cert-cm",
            "l5-dip-cm",
            &["5015", "5018"],
            &["5017"],
            29,
            100,
            Some(6),
            (530, 106, 636),
            (19, 29),
        ),
        (
            "l7-cert-ecm",
            "l7-dip-ecm",
            &["8581-700", "8581-703"],
            &["8581-702"],
            30,
            100,
            None,
            (300, 60, 360),
            (18, 27),
        ),
    ];
    for (from, to, carried, take, credits, practice, clients, (ex, vat, inc), (min, max)) in table {
        let plan = Course::new(&c, to, &holding(&[from])).unwrap();
        assert_eq!(plan.kind, CourseKind::TopUp, "{from} -> {to}");
        assert_eq!(plan.from.as_deref(), Some(from));
        assert_eq!(plan.units_carried, carried, "{from} -> {to}");
        assert_eq!(plan.units_to_take, take, "{from} -> {to}");
        assert_eq!(plan.credits_to_take, credits, "{from} -> {to}");
        assert_eq!(
            plan.credits_carried + plan.credits_to_take,
            c.qualification(to).unwrap().credits.value
        );
        assert_eq!(plan.practice_hours_to_take, practice, "{from} -> {to}");
        assert_eq!(plan.min_clients, clients, "{from} -> {to}");
        assert_eq!(plan.fee, pounds(ex, vat, inc), "{from} -> {to}");
        assert_eq!(
            plan.suggested_months,
            Some(MonthRange { min, max }),
            "{from} -> {to}"
        );
    }
}

#[test]
fn level_5_top_up_matches_the_pack_example() {
    let c = catalogue();
    let plan = Course::new(&c, "l5-dip-cm", &holding(&["l5-cert-cm"])).unwrap();
    assert_eq!(
        plan.fee.unwrap().ex_vat,
        c.pricing.top_up.example.fee_ex_vat
    );
    assert_eq!(plan.glh_to_take, Some(20));
    assert!(
        plan.notes[0].contains("£2,225.00 (l5-dip-cm) less £1,695.00 already paid"),
        "{:?}",
        plan.notes
    );
}

#[test]
fn completed_elsewhere_is_a_new_registration_at_full_price() {
    let c = catalogue();
    let mut h = holding(&["l5-cert-cm"]);
    h.with_provider = false;
    let plan = Course::new(&c, "l5-dip-cm", &h).unwrap();
    assert_eq!(plan.kind, CourseKind::NewRegistration);
    assert_eq!(
        plan.basis,
        Basis::HeldElsewhere {
            from: "l5-cert-cm".into()
        }
    );
    assert_eq!(plan.fee, pounds(2_225, 445, 2_670));
    // Units still carry over: only 5017 is left to take.
    assert_eq!(plan.units_to_take, ["5017"]);
}

#[test]
fn every_upgrade_cheapest_first() {
    let c = catalogue();
    let plans = all_upgrades(&c, &holding(&["l3-award-coaching"])).unwrap();
    let summary: Vec<(&str, Pence)> = plans
        .iter()
        .map(|p| (p.qualification.as_str(), p.fee.unwrap().ex_vat))
        .collect();
    // Cheapest first, then least to take: the Certificate in Coaching
    // carries two units, the one in Mentoring (a top-up across streams)
    // none.
    assert_eq!(
        summary,
        [
            ("l3-cert-coaching", Pence::pounds(500)),
            ("l3-cert-mentoring", Pence::pounds(500)),
            ("l3-cert-cm", Pence::pounds(700))
        ]
    );
    // Holding both Level 3 Certificates: only the C&M Certificate remains.
    let plans = all_upgrades(&c, &holding(&["l3-cert-coaching", "l3-cert-mentoring"])).unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].qualification, "l3-cert-cm");
    assert_eq!(
        plans[0].units_to_take.len(),
        0,
        "both groups' units are held"
    );
}

#[test]
fn held_single_units_count() {
    let c = catalogue();
    let mut h = holding(&["l3-award-coaching"]);
    h.units = vec!["8577-304".to_string()];
    let plan = Course::new(&c, "l3-cert-cm", &h).unwrap();
    assert_eq!(plan.units_to_take, ["8578-302"]);
    assert_eq!(plan.credits_to_take, 7);
}

#[test]
fn older_edition_routes_are_upgrades_with_the_fee_on_request() {
    let c = catalogue();
    // The suite overview's "Upgrade route"s: shown as upgrades, never as
    // new registrations, with the fee on request.
    for (from, to, take, practice) in [
        (
            "old-l3-award-mentoring",
            "old-l3-cert-mentoring",
            &["D3.07"][..],
            20,
        ),
        (
            "old-l3-award-coaching",
            "old-l3-cert-coaching",
            &["D3.04"],
            30,
        ),
        ("old-l5-cert-cm", "old-l5-dip-cm", &["D5.04"], 100),
        ("old-l7-cert-ecm", "old-l7-dip-ecm", &["D7.04"], 125),
    ] {
        for with_provider in [true, false] {
            let plan = Course::new(&c, to, &Holding::one(from, with_provider)).unwrap();
            assert_eq!(plan.kind, CourseKind::Upgrade, "{from} -> {to}");
            assert_eq!(plan.from.as_deref(), Some(from));
            assert_eq!(plan.fee, None);
            assert_eq!(plan.units_to_take, take, "{from} -> {to}");
            assert_eq!(plan.practice_hours_to_take, practice, "{from} -> {to}");
        }
    }
    // Not on sale for anyone else.
    assert_eq!(
        Course::new(&c, "old-l5-dip-cm", &Holding::none()).unwrap_err(),
        CourseError::NotOnSale("old-l5-dip-cm".into())
    );
}

#[test]
fn same_level_without_a_balance_says_what_applies() {
    let c = catalogue();
    // Equal prices: the balance rule leaves nothing to credit, so the full
    // price applies, and the note says so.
    let plan = Course::new(&c, "l3-award-coaching", &holding(&["l3-award-mentoring"])).unwrap();
    assert_eq!(plan.kind, CourseKind::NewRegistration);
    assert_eq!(plan.fee, pounds(995, 199, 1_194));
    assert_eq!(
        plan.basis,
        Basis::NotDearer {
            from: "l3-award-mentoring".into(),
            held_price: Pence::pounds(995),
            target_price: Pence::pounds(995)
        }
    );
    assert!(plan.notes[0].contains("no more than the £995.00 paid for l3-award-mentoring"));
    // A cheaper target at the same level: the same.
    let plan = Course::new(&c, "l5-cert-cm", &holding(&["l5-dip-cm"])).unwrap();
    assert_eq!(plan.kind, CourseKind::NewRegistration);
    assert_eq!(plan.fee, pounds(1_695, 339, 2_034));
    assert_eq!(plan.units_to_take, ["5016"]);
    // Another level: full price, and why.
    let plan = Course::new(&c, "l5-dip-cm", &holding(&["l3-cert-cm"])).unwrap();
    assert_eq!(plan.basis, Basis::OtherLevel { level: 5 });
    assert_eq!(plan.fee, pounds(2_225, 445, 2_670));
    assert_eq!(plan.units_to_take, ["5015", "5017", "5018"]);
    // An older qualification held: no price to take a balance from.
    let plan = Course::new(&c, "l5-dip-cm", &holding(&["old-l5-cert-cm"])).unwrap();
    assert_eq!(
        plan.basis,
        Basis::HeldNotPriced {
            from: "old-l5-cert-cm".into()
        }
    );
}

#[test]
fn the_stricter_reading_needs_units_to_carry_over() {
    let mut c = catalogue();
    c.pricing.top_up.reading = qualplan::catalogue::TopUpReading::UnitsCarryOver;
    let plan = Course::new(&c, "l3-cert-coaching", &holding(&["l3-award-mentoring"])).unwrap();
    assert_eq!(plan.kind, CourseKind::NewRegistration);
    assert_eq!(plan.fee, pounds(1_495, 299, 1_794));
    assert_eq!(
        plan.basis,
        Basis::NoUnitCarries {
            from: "l3-award-mentoring".into()
        }
    );
    // Where units carry over, the top-up stands.
    let plan = Course::new(&c, "l3-cert-cm", &holding(&["l3-award-mentoring"])).unwrap();
    assert_eq!(plan.kind, CourseKind::TopUp);
    assert_eq!(plan.fee, pounds(700, 140, 840));
    // And the list of upgrades drops the top-up across streams.
    let listed: Vec<String> = all_upgrades(&c, &holding(&["l3-award-mentoring"]))
        .unwrap()
        .into_iter()
        .map(|x| x.qualification)
        .collect();
    assert_eq!(listed, ["l3-cert-mentoring", "l3-cert-cm"]);
}

/// Figures too large to add up are an error that says which, never a
/// panic or a wrapped amount.
#[test]
fn figures_too_large_are_refused_not_wrapped() {
    let mut c = catalogue();
    let set_price = |c: &mut Catalogue, id: &str, pence: i64| {
        let q = c.qualifications.iter_mut().find(|q| q.id == id).unwrap();
        q.price.as_mut().unwrap().value = Pence(pence);
    };
    set_price(&mut c, "l5-dip-cm", i64::MAX - 1);
    let too_large = CourseError::TooLarge {
        qualification: "l5-dip-cm".into(),
        figure: "prices",
    };
    assert_eq!(
        Course::new(&c, "l5-dip-cm", &Holding::none()).unwrap_err(),
        too_large
    );
    set_price(&mut c, "l5-dip-cm", i64::MAX / 2);
    set_price(&mut c, "l5-cert-cm", i64::MIN);
    assert_eq!(
        Course::new(&c, "l5-dip-cm", &holding(&["l5-cert-cm"])).unwrap_err(),
        too_large
    );
    let mut c = catalogue();
    for code in ["5015", "5017"] {
        c.units
            .iter_mut()
            .find(|u| u.code == code)
            .unwrap()
            .credits
            .value = u32::MAX / 2 + 1;
    }
    c.reindex();
    assert_eq!(
        Course::new(&c, "l5-dip-cm", &Holding::none()).unwrap_err(),
        CourseError::TooLarge {
            qualification: "l5-dip-cm".into(),
            figure: "credits"
        }
    );
    assert!(all_upgrades(&c, &holding(&["l5-cert-cm"])).is_err());
}

#[test]
fn upgrade_errors_say_why() {
    let c = catalogue();
    let err = Course::new(&c, "l5-dip-cm", &holding(&["l5-dip-cm"])).unwrap_err();
    assert_eq!(err, CourseError::AlreadyHeld("l5-dip-cm".into()));
    assert_eq!(
        err.to_string(),
        "`l5-dip-cm` is already held: nothing is left to take"
    );
    let err = Course::new(&c, "old-l5-dip-cm", &holding(&["l5-cert-cm"])).unwrap_err();
    assert_eq!(err, CourseError::NotOnSale("old-l5-dip-cm".into()));
    assert_eq!(
        Course::new(&c, "nope", &Holding::none()).unwrap_err(),
        CourseError::UnknownQualification("nope".into())
    );
    let mut h = holding(&["l5-cert-cm"]);
    h.units.push("X9".into());
    assert_eq!(
        Course::new(&c, "l5-dip-cm", &h).unwrap_err(),
        CourseError::UnknownUnit("X9".into())
    );
    // No planner error names a command-line option.
    for e in [
        CourseError::AlreadyHeld("a".into()),
        CourseError::NotOnSale("a".into()),
        CourseError::UnknownQualification("a".into()),
        CourseError::UnknownUnit("a".into()),
        CourseError::NoRoute("a".into()),
    ] {
        assert!(!e.to_string().contains("--"), "{e}");
    }
}

// --- payments and timelines -------------------------------------------------------

#[test]
fn instalment_example_with_dates_to_the_penny() {
    let c = catalogue();
    let terms = InstalmentTerms::from(&c.pricing.instalments);
    let plan = pay_by_instalments(
        c.vat_rate(),
        &terms,
        Pence::pounds(995),
        d(2027, 1, 31),
        Some(d(2027, 10, 31)),
    )
    .unwrap();
    let rows: Vec<(String, Pence, Pence, Pence)> = plan
        .payments
        .iter()
        .map(|p| {
            (
                p.due.to_string(),
                p.amount.ex_vat,
                p.amount.vat,
                p.amount.inc_vat,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "2027-01-31".to_string(),
                Pence::pounds(420),
                Pence::pounds(84),
                Pence::pounds(504)
            ),
            (
                "2027-02-28".to_string(),
                Pence::pounds(150),
                Pence::pounds(30),
                Pence::pounds(180)
            ),
            (
                "2027-03-31".to_string(),
                Pence::pounds(150),
                Pence::pounds(30),
                Pence::pounds(180)
            ),
            (
                "2027-04-30".to_string(),
                Pence::pounds(150),
                Pence::pounds(30),
                Pence::pounds(180)
            ),
            (
                "on completion (target 2027-10-31)".to_string(),
                Pence::pounds(150),
                Pence::pounds(30),
                Pence::pounds(180)
            ),
        ]
    );
    assert_eq!(plan.total, pounds(1_020, 204, 1_224).unwrap());
    assert_eq!(plan.premium_ex_vat, Pence::pounds(25));
}

#[test]
fn pay_in_full_and_varied_instalments() {
    let c = catalogue();
    let full = pay_in_full(c.vat_rate(), Pence::pounds(2_225), d(2026, 12, 1)).unwrap();
    assert_eq!(full.total, pounds(2_225, 445, 2_670).unwrap());
    assert_eq!(full.payments.len(), 1);
    // Six monthly payments of £300, no final payment: £2,225 + £25 premium.
    let terms = InstalmentTerms {
        premium: Pence::pounds(25),
        instalment: Pence::pounds(300),
        monthly_payments: 6,
        final_on_completion: false,
    };
    let plan = pay_by_instalments(
        c.vat_rate(),
        &terms,
        Pence::pounds(2_225),
        d(2026, 12, 1),
        None,
    )
    .unwrap();
    assert_eq!(plan.payments.len(), 7);
    assert_eq!(plan.payments[0].amount.ex_vat, Pence::pounds(450));
    assert_eq!(plan.payments[6].due, Due::On(d(2027, 6, 1)));
    assert_eq!(plan.total.ex_vat, Pence::pounds(2_250));
}

#[test]
fn odd_pence_vat_adds_up_per_payment() {
    let c = catalogue();
    let terms = InstalmentTerms {
        premium: Pence(1),
        instalment: Pence(3_333),
        monthly_payments: 3,
        final_on_completion: false,
    };
    let plan =
        pay_by_instalments(c.vat_rate(), &terms, Pence(10_001), d(2026, 1, 1), None).unwrap();
    // 20% of 3,333p is 666.6p -> 667p per monthly payment.
    assert_eq!(plan.payments[1].amount.vat, Pence(667));
    let vat_sum = Pence::checked_sum(plan.payments.iter().map(|p| p.amount.vat));
    assert_eq!(Some(plan.total.vat), vat_sum);
    assert_eq!(
        Some(plan.total.inc_vat),
        plan.total.ex_vat.checked_add(plan.total.vat)
    );
}

#[test]
fn timeline_for_a_qualification() {
    let c = catalogue();
    let q = c.qualification("l3-award-coaching").unwrap();
    let t = timeline(
        d(2028, 2, 29),
        q.tqt_hours(),
        q.practice_hours_range(&c).min,
        q.target_months.as_ref().map(|t| t.value),
        q.registration_months.as_ref().map(|r| r.value),
        None,
        None,
    )
    .unwrap();
    assert_eq!(t.target, Some((d(2028, 11, 29), d(2028, 11, 29))));
    assert_eq!(t.registration_expires, Some(d(2031, 2, 28)));
    // 100 hours over 274 days: 100 * 70 / 274 = 25.5 -> 2.6 hours a week.
    assert_eq!(t.hours_per_week_needed.unwrap().to_string(), "2.6");
}

// --- comparison -------------------------------------------------------------------

#[test]
fn compare_sorts_by_price_per_credit() {
    let c = catalogue();
    let on_sale = Filter {
        edition: Some(Edition::Current),
        ..Filter::default()
    };
    let rows = compare(&c, &[], &on_sale, SortKey::PricePerCredit, false);
    let ids: Vec<(&str, Pence)> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.price_per_credit.unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("l5-dip-cm", Pence(6_014)),         // 222500 / 37 = 6013.5 -> 6014
            ("l7-dip-ecm", Pence(6_375)),        // 255000 / 40
            ("l3-award-coaching", Pence(9_950)), // 99500 / 10
            ("l3-award-mentoring", Pence(9_950)),
            ("l3-cert-cm", Pence(10_594)), // 169500 / 16 = 10593.75
            ("l3-cert-coaching", Pence(11_500)), // 149500 / 13
            ("l3-cert-mentoring", Pence(11_500)),
            ("l5-cert-cm", Pence(13_038)), // 169500 / 13 = 13038.46
            ("l7-cert-ecm", Pence(15_000)),
        ]
    );
}

/// Where a source states a qualification's GLH, compare shows that figure,
/// marked as stated, never a sum of some units' hours or nothing.
#[test]
fn compare_uses_the_stated_glh() {
    let c = catalogue();
    let all = Filter::default();
    let rows = compare(&c, &[], &all, SortKey::Id, false);
    let glh = |id: &str| rows.iter().find(|r| r.id == id).unwrap().glh;
    let stated = |hours: u32| {
        Some(Glh {
            hours: Range {
                min: hours,
                max: hours,
            },
            stated: true,
        })
    };
    // The older Level 5 Certificate: "Minimum 45 Glh" (its units add up
    // to 42, without induction and tutorials).
    assert_eq!(glh("old-l5-cert-cm"), stated(45));
    assert_eq!(glh("old-l7-cert-ecm"), stated(45));
    assert_eq!(glh("old-l7-dip-ecm"), stated(65));
    assert_eq!(glh("l3-cert-cm"), stated(36));
    assert_eq!(glh("l5-dip-cm").unwrap().to_string(), "45");
    assert_eq!(glh("old-l7-dip-ecm").unwrap().to_string(), "65*");
    // No source gives any figure for these.
    assert_eq!(glh("old-l5-dip-cm"), None);
}

#[test]
fn compare_filters_and_sorts_descending() {
    let c = catalogue();
    let filter = Filter {
        level: Some(3),
        stream: Some(Stream::Coaching),
        edition: Some(Edition::Current),
        ..Filter::default()
    };
    let rows = compare(&c, &[], &filter, SortKey::Credits, true);
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["l3-cert-coaching", "l3-award-coaching"]);
    let r = &rows[0];
    assert_eq!(
        (
            r.credits,
            r.tqt_hours,
            r.glh.unwrap().hours.min,
            r.practice_hours.min
        ),
        (13, 130, 27, 36)
    );
    assert!(!r.glh.unwrap().stated, "the units' own hours");
    assert_eq!(r.price, pounds(1_495, 299, 1_794));
    let diplomas = compare(
        &c,
        &[],
        &Filter {
            size: Some(Size::Diploma),
            ..Filter::default()
        },
        SortKey::Level,
        false,
    );
    let ids: Vec<&str> = diplomas.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["l5-dip-cm", "old-l5-dip-cm", "l7-dip-ecm", "old-l7-dip-ecm"]
    );
}

#[test]
fn compare_named_includes_older_and_sorts_unknown_last() {
    let c = catalogue();
    let chosen = [
        c.qualification("old-l5-dip-cm").unwrap(),
        c.qualification("l5-dip-cm").unwrap(),
    ];
    for descending in [false, true] {
        let rows = compare(
            &c,
            &chosen,
            &Filter::default(),
            SortKey::PriceExVat,
            descending,
        );
        assert_eq!(rows[0].id, "l5-dip-cm");
        assert_eq!(rows[1].price, None);
    }
}

#[test]
fn sort_keys_parse() {
    assert_eq!(
        "price-per-credit".parse::<SortKey>(),
        Ok(SortKey::PricePerCredit)
    );
    assert!(
        "cost"
            .parse::<SortKey>()
            .unwrap_err()
            .starts_with("unknown sort key `cost`; use one of: id, title")
    );
}

// --- search and names ---------------------------------------------------------------

#[test]
fn search_finds_the_right_thing_first() {
    let c = catalogue();
    let index = SearchIndex::new(&c);
    let first = |q: &str| index.search(q, 1).hits.remove(0);
    let hit = first("l5 dip");
    assert_eq!(
        (hit.kind, hit.key.as_str()),
        (HitKind::Qualification, "l5-dip-cm")
    );
    // The phrase is marked as one run, the hyphen between its words too.
    assert_eq!(hit.key_positions, [0, 1, 2, 3, 4, 5]);
    let hit = first("reflecting mentoring");
    assert_eq!(
        (hit.kind, hit.title.as_str()),
        (HitKind::Unit, "Reflecting on Workplace Mentoring Skills")
    );
    let hit = first("8578-302");
    assert_eq!((hit.kind, hit.key.as_str()), (HitKind::Unit, "8578-302"));
    assert_eq!(hit.key_positions, (0..8).collect::<Vec<_>>());
    assert_eq!(
        hit.title,
        "Undertaking an Extended Period of Coaching in the Workplace"
    );
    assert_eq!(index.search("   ", 10), SearchResults::default());
}

#[test]
fn search_reports_positions_in_the_title() {
    let c = catalogue();
    let hit = SearchIndex::new(&c)
        .search("reflecting mentoring", 1)
        .hits
        .remove(0);
    let title: Vec<char> = hit.title.chars().collect();
    let highlighted: String = hit.title_positions.iter().map(|&i| title[i]).collect();
    assert_eq!(highlighted, "ReflectingMentoring");
}

#[test]
fn search_reaches_learning_outcomes() {
    let c = catalogue();
    let hits = SearchIndex::new(&c)
        .search("emotional intelligence", 10)
        .hits;
    assert_eq!(hits[0].key, "8581-703");
    assert!(
        hits[0]
            .matched_outcome
            .as_ref()
            .unwrap()
            .contains("emotional intelligence")
    );
}

#[test]
fn names_resolve_by_id_code_and_words() {
    let c = catalogue();
    assert_eq!(
        resolve_qualification(&c, "l5-dip-cm").unwrap().id,
        "l5-dip-cm"
    );
    assert_eq!(
        resolve_qualification(&c, "Level 5 Diploma").unwrap().id,
        "l5-dip-cm"
    );
    assert_eq!(
        resolve_qualification(&c, "ILM Level 3 Award in Coaching")
            .unwrap()
            .id,
        "l3-award-coaching"
    );
    assert_eq!(
        resolve_qualification(&c, "l7 dip").unwrap().id,
        "l7-dip-ecm"
    );
    match resolve_qualification(&c, "level 3 award").unwrap_err() {
        ResolveError::Ambiguous { candidates, .. } => {
            let named: Vec<String> = candidates.iter().map(|c| c.to_string()).collect();
            assert_eq!(
                named,
                [
                    "l3-award-mentoring (ILM Level 3 Award in Mentoring)",
                    "l3-award-coaching (ILM Level 3 Award in Coaching)"
                ]
            );
        }
        e => panic!("{e}"),
    }
    let err = resolve_qualification(&c, "l5-dipp").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("no qualification or unit matches `l5-dipp`; did you mean l5-dip-cm"),
        "{err}"
    );
    match resolve(&c, "7004").unwrap() {
        Found::Unit(u) => assert_eq!(u.code, "8581-703"),
        Found::Qualification(q) => panic!("{}", q.id),
    }
    match resolve(&c, "d5.04").unwrap() {
        Found::Unit(u) => assert_eq!(u.code, "D5.04"),
        Found::Qualification(q) => panic!("{}", q.id),
    }
}

// --- routes and recommendations ------------------------------------------------------

#[test]
fn four_development_routes() {
    let titles: Vec<String> = DevelopmentRoute::ALL
        .iter()
        .map(|r| r.to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "(1) Update your knowledge",
            "(2) A unit certificate",
            "(3) A full qualification",
            "(4) Upgrade a qualification you hold"
        ]
    );
    assert_eq!(
        DevelopmentRoute::from_number(4),
        Some(DevelopmentRoute::Upgrade)
    );
    assert!(
        DevelopmentRoute::Upgrade
            .suits()
            .starts_with("An HR or L&D professional with a prior ILM")
    );
}

fn profile() -> LearnerProfile {
    LearnerProfile::starting(d(2026, 12, 1))
}

/// The recommendation of qualification `id` among `recs`.
fn option<'a>(recs: &'a [Recommendation], id: &str) -> &'a Recommendation {
    recs.iter()
        .find(|r| r.candidate == Candidate::Qualification(id.into()))
        .unwrap_or_else(|| panic!("{id} is not recommended"))
}

/// A recommendation weighs what is left to take and pay, as Plan & pay
/// will show it: for the Level 5 Certificate's holder, the Diploma is the
/// £530 top-up and 290 hours, not £2,225 and 370.
#[test]
fn recommendations_weigh_the_course_left() {
    let c = catalogue();
    let p = LearnerProfile {
        route: Some(DevelopmentRoute::FullQualification),
        held: vec!["l5-cert-cm".into()],
        hours_per_week: HoursPerWeek::whole(3),
        ..profile()
    };
    let recs = recommend(&c, &p);
    let dip = option(&recs, "l5-dip-cm");
    assert_eq!(dip.fee_ex_vat, Some(Pence::pounds(530)));
    let texts: Vec<&str> = dip.reasons.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts.contains(&"You hold l5-cert-cm: a top-up, £530.00 ex VAT instead of £2,225.00"),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with(
            "At 3 hours a week the 290 hours still to do take about 23 months, within the suggested 19-29 months"
        )),
        "{texts:#?}"
    );
    // Held elsewhere: the full price, and still only the rest to do.
    let elsewhere = LearnerProfile {
        held_with_provider: false,
        ..p
    };
    let recs = recommend(&c, &elsewhere);
    let dip = option(&recs, "l5-dip-cm");
    assert_eq!(dip.fee_ex_vat, Some(Pence::pounds(2_225)));
}

#[test]
fn middle_manager_interested_in_both_gets_level_5() {
    let c = catalogue();
    let p = LearnerProfile {
        role: Some(Role::MiddleManager),
        interest: Some(Interest::Both),
        route: Some(DevelopmentRoute::FullQualification),
        ..profile()
    };
    let recs = recommend(&c, &p);
    let top: Vec<&Candidate> = recs.iter().take(2).map(|r| &r.candidate).collect();
    assert_eq!(
        top,
        [
            &Candidate::Qualification("l5-cert-cm".into()),
            &Candidate::Qualification("l5-dip-cm".into())
        ]
    );
    assert_eq!(recs[0].fit, Fit::Good);
    assert!(
        recs[0]
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::For && r.text == "Covers both coaching and mentoring")
    );
}

#[test]
fn practice_at_three_hours_a_week_is_spelled_out() {
    let c = catalogue();
    let p = LearnerProfile {
        level: Some(5),
        hours_per_week: HoursPerWeek::whole(3),
        ..profile()
    };
    let recs = recommend(&c, &p);
    let dip = option(&recs, "l5-dip-cm");
    assert!(
        dip.reasons.iter().any(|r| r.text == "Needs 100 hours of practice with at least 6 clients; at 3 hours a week that is 8 months of practice alone"),
        "{:#?}",
        dip.reasons
    );
}

#[test]
fn level_7_flags_entry_expectations() {
    let c = catalogue();
    let p = LearnerProfile {
        role: Some(Role::FirstLineManager),
        asked_about: vec!["l7-dip-ecm".into()],
        ..profile()
    };
    let recs = recommend(&c, &p);
    let l7 = option(&recs, "l7-dip-ecm");
    assert!(l7.asked_about);
    assert_eq!(l7.fit, Fit::Poor);
    assert!(
        l7.reasons.iter().any(
            |r| r.kind == ReasonKind::Against && r.text.starts_with("Level 7 normally expects")
        )
    );
    // A first-line manager is pointed at Level 3; the cheaper Awards lead.
    assert_eq!(
        recs[0].candidate,
        Candidate::Qualification("l3-award-coaching".into())
    );
    assert_eq!(recs[0].fit, Fit::Good);
}

#[test]
fn asked_about_older_qualification_is_kept_with_its_reason() {
    let c = catalogue();
    let p = LearnerProfile {
        asked_about: vec!["old-l3-cert-coaching".into()],
        ..profile()
    };
    let recs = recommend(&c, &p);
    let old = option(&recs, "old-l3-cert-coaching");
    assert_eq!(old.fit, Fit::Poor);
    assert!(
        old.reasons
            .iter()
            .any(|r| r.text.starts_with("Older edition, no longer on sale"))
    );
}

#[test]
fn budget_counts_vat_and_top_ups() {
    let c = catalogue();
    let p = LearnerProfile {
        level: Some(5),
        budget_inc_vat: Some(Pence::pounds(1_000)),
        held: vec!["l5-cert-cm".into()],
        ..profile()
    };
    let recs = recommend(&c, &p);
    let dip = option(&recs, "l5-dip-cm");
    assert_eq!(dip.fee_ex_vat, Some(Pence::pounds(530)));
    assert!(
        dip.reasons
            .iter()
            .any(|r| r.text == "£636.00 inc VAT is within your £1,000.00 budget"),
        "{:#?}",
        dip.reasons
    );
    let cert = option(&recs, "l5-cert-cm");
    assert!(
        cert.reasons
            .iter()
            .any(|r| r.text == "You already hold this qualification")
    );
    assert_eq!(
        recs[0].candidate,
        Candidate::Qualification("l5-dip-cm".into())
    );
}

#[test]
fn over_budget_mentions_instalments() {
    let c = catalogue();
    let p = LearnerProfile {
        budget_inc_vat: Some(Pence::pounds(1_000)),
        asked_about: vec!["l3-award-coaching".into()],
        ..profile()
    };
    let recs = recommend(&c, &p);
    let award = option(&recs, "l3-award-coaching");
    assert!(
        award.reasons.iter().any(|r| r.text == "£1,194.00 inc VAT is £194.00 over your £1,000.00 budget; by instalments the first payment is £504.00 inc VAT"),
        "{:#?}",
        award.reasons
    );
}

#[test]
fn route_4_lists_upgrades_cheapest_first() {
    let c = catalogue();
    let p = LearnerProfile {
        route: Some(DevelopmentRoute::Upgrade),
        held: vec!["l3-award-mentoring".into()],
        ..profile()
    };
    let recs = recommend(&c, &p);
    let order: Vec<(&Candidate, Option<Pence>)> =
        recs.iter().map(|r| (&r.candidate, r.fee_ex_vat)).collect();
    assert_eq!(
        order,
        [
            (
                &Candidate::Upgrade("l3-cert-mentoring".into()),
                Some(Pence::pounds(500))
            ),
            // Across streams: the same balance, with every unit to take.
            (
                &Candidate::Upgrade("l3-cert-coaching".into()),
                Some(Pence::pounds(500))
            ),
            (
                &Candidate::Upgrade("l3-cert-cm".into()),
                Some(Pence::pounds(700))
            ),
        ]
    );
    assert!(
        recs[1].reasons.iter().any(|r| r.text
            == "None of the units held count towards l3-cert-coaching, so all of its units are still to take: 8577-300, 8577-302, 8577-303 (13 credits)"),
        "{:#?}",
        recs[1].reasons
    );
    // The top-up is given once, in the upgrade's own words.
    assert!(
        !recs[0]
            .reasons
            .iter()
            .any(|r| r.text.starts_with("You hold "))
    );
}

#[test]
fn route_1_prefers_knowledge_units() {
    let c = catalogue();
    let p = LearnerProfile {
        route: Some(DevelopmentRoute::UpdateKnowledge),
        level: Some(3),
        interest: Some(Interest::Mentoring),
        ..profile()
    };
    let recs = recommend(&c, &p);
    let units: Vec<&Candidate> = recs.iter().take(2).map(|r| &r.candidate).collect();
    assert_eq!(
        units,
        [
            &Candidate::Unit("8577-304".into()),
            &Candidate::Unit("8577-307".into())
        ]
    );
    assert!(
        recs.iter()
            .all(|r| matches!(r.candidate, Candidate::Unit(_)))
    );
    assert_eq!(recs.len(), 4, "the four mentoring units at Level 3");
}

#[test]
fn the_onward_facts_quote_the_course_fee() {
    let c = catalogue();
    let held = c.qualification("l5-cert-cm").unwrap();
    let onward = onward_facts(&c, held);
    assert_eq!(onward.len(), 1);
    assert_eq!(onward[0].label, "l5-dip-cm");
    assert_eq!(
        onward[0].value,
        "top-up, £530.00 ex VAT; take 5017 (29 credits)"
    );
    // An older qualification's upgrade route: the fee is on request.
    let old = c.qualification("old-l5-cert-cm").unwrap();
    assert_eq!(
        onward_facts(&c, old)[0].value,
        "upgrade, fee on request; take D5.04 (24 credits)"
    );
}
