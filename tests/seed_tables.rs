//! Golden tests: each table in the seed documents, reproduced from the
//! loaded catalogue. The expected values are transcribed from the seeds
//! (`../shared/seeds/`); where the catalogue deliberately departs from a
//! seed, the reason is in docs/sources.md and the test says so.

use qualplan::catalogue::{self, Catalogue, CatalogueOrigin, Edition, MonthRange, Size, Stream};
use qualplan::money::Pence;

fn catalogue() -> Catalogue {
    catalogue::load(&CatalogueOrigin::Embedded).expect("the embedded catalogue is valid")
}

fn title_of(c: &Catalogue, id: &str) -> String {
    c.qualification(id)
        .unwrap_or_else(|| panic!("no qualification {id}"))
        .title
        .clone()
}

#[test]
fn embedded_catalogue_validates_and_holds_every_qualification() {
    let c = catalogue();
    let current: Vec<&str> = c.on_sale().map(|q| q.id.as_str()).collect();
    assert_eq!(
        current,
        [
            "l3-award-mentoring",
            "l3-cert-mentoring",
            "l3-award-coaching",
            "l3-cert-coaching",
            "l3-cert-cm",
            "l5-cert-cm",
            "l5-dip-cm",
            "l7-cert-ecm",
            "l7-dip-ecm"
        ]
    );
    let older: Vec<&str> = c
        .qualifications
        .iter()
        .filter(|q| q.edition == Edition::Older)
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(older.len(), 9);
    assert!(
        c.qualifications
            .iter()
            .filter(|q| q.edition == Edition::Older)
            .all(|q| q.price.is_none())
    );
    assert_eq!(c.units.len(), 33);
}

/// Pack section 8, "Our prices" (all prices exclude VAT).
#[test]
fn pack_price_list() {
    let c = catalogue();
    let table = [
        ("Level 3 Award in Mentoring", 995),
        ("Level 3 Certificate in Mentoring", 1_495),
        ("Level 3 Certificate in Coaching and Mentoring", 1_695),
        ("Level 3 Award in Coaching", 995),
        ("Level 3 Certificate in Coaching", 1_495),
        ("Level 5 Certificate in Coaching and Mentoring", 1_695),
        ("Level 5 Diploma in Coaching and Mentoring", 2_225),
        (
            "Level 7 Certificate in Executive Coaching and Mentoring",
            2_250,
        ),
        ("Level 7 Diploma in Executive Coaching and Mentoring", 2_550),
    ];
    for (title, pounds) in table {
        let q = c
            .on_sale()
            .find(|q| q.title == format!("ILM {title}"))
            .unwrap_or_else(|| panic!("no qualification titled {title}"));
        assert_eq!(
            q.price.as_ref().map(|p| p.value),
            Some(Pence::pounds(pounds)),
            "{title}"
        );
        assert_eq!(q.price.as_ref().unwrap().source.doc, "pack");
    }
}

/// Pack section 6, "Timescales": registration period and suggested target.
#[test]
fn pack_timescales() {
    let c = catalogue();
    let table = [
        ("l3-award-mentoring", 36, (9, 9), "9 months"),
        ("l3-cert-mentoring", 36, (18, 18), "18 months"),
        ("l3-cert-cm", 36, (18, 18), "18 months"),
        ("l3-award-coaching", 36, (9, 9), "9 months"),
        ("l3-cert-coaching", 36, (18, 18), "18 months"),
        ("l5-cert-cm", 36, (18, 18), "18 months"),
        ("l5-dip-cm", 36, (24, 36), "2-3 years"),
        ("l7-cert-ecm", 36, (18, 18), "18 months"),
        ("l7-dip-ecm", 36, (24, 36), "2-3 years"),
    ];
    for (id, registration, (min, max), shown) in table {
        let q = c.qualification(id).unwrap();
        assert_eq!(
            q.registration_months.as_ref().unwrap().value,
            registration,
            "{id}"
        );
        let target = q.target_months.as_ref().unwrap().value;
        assert_eq!(target, MonthRange { min, max }, "{id}");
        assert_eq!(target.to_string(), shown, "{id}");
    }
}

/// Pack annex: each qualification summary's credit value, induction,
/// tutorial support and rules of combination.
#[test]
fn pack_annex_qualification_summaries() {
    let c = catalogue();
    let table: [(&str, u32, u32, &[&str]); 8] = [
        ("l3-award-mentoring", 10, 2, &["304", "305", "307"]),
        ("l3-cert-mentoring", 13, 2, &["304", "306", "307"]),
        ("l3-award-coaching", 10, 2, &["300", "301", "303"]),
        ("l3-cert-coaching", 13, 2, &["300", "302", "303"]),
        ("l5-cert-cm", 13, 2, &["500", "501", "503"]),
        ("l5-dip-cm", 37, 2, &["500", "502", "503"]),
        ("l7-cert-ecm", 15, 2, &["700", "701", "703"]),
        ("l7-dip-ecm", 40, 2, &["700", "702", "703"]),
    ];
    for (id, credits, tutorial, units) in table {
        let q = c.qualification(id).unwrap();
        assert_eq!(q.credits.value, credits, "{id}");
        assert_eq!(q.induction_hours.as_ref().unwrap().value, 1, "{id}");
        assert_eq!(q.tutorial_hours.as_ref().unwrap().value, tutorial, "{id}");
        let route = &q.routes(&c)[0];
        assert_eq!(route.credits(), credits, "{id}: the units add up");
        for (unit, short) in route.units.iter().zip(units) {
            assert!(
                unit.has_code(short),
                "{id}: {} should be known as {short}",
                unit.code
            );
        }
        assert_eq!(q.tqt_hours(), credits * 10);
    }
}

/// Pack annex: the Level 3 unit table (8577-300..307).
#[test]
fn pack_level_3_unit_table() {
    let c = catalogue();
    let table = [
        (
            "8577-300",
            "Understanding Good Practice in Workplace Coaching",
            3,
            3,
            9,
        ),
        ("8577-301", "Undertaking Coaching in the Workplace", 3, 4, 6),
        (
            "8577-302",
            "Undertaking an Extended Period of Coaching in the Workplace",
            3,
            7,
            12,
        ),
        (
            "8577-303",
            "Reflecting on Workplace Coaching Skills",
            3,
            3,
            6,
        ),
        (
            "8577-304",
            "Understanding Good Practice in Workplace Mentoring",
            3,
            3,
            9,
        ),
        (
            "8577-305",
            "Undertaking Mentoring in the Workplace",
            3,
            4,
            6,
        ),
        (
            "8577-306",
            "Undertaking an Extended Period of Mentoring in the Workplace",
            3,
            7,
            12,
        ),
        (
            "8577-307",
            "Reflecting on Workplace Mentoring Skills",
            3,
            3,
            6,
        ),
    ];
    assert_unit_table(&c, &table);
}

/// Level 3 specification (2014), "Overview of Units", and the pack's
/// "Level 3 Certificate in Coaching and Mentoring - unit choices".
#[test]
fn level_3_certificate_in_coaching_and_mentoring() {
    let c = catalogue();
    let table = [
        (
            "8578-300",
            "Understanding Good Practice in Workplace Coaching",
            3,
            3,
            9,
        ),
        (
            "8578-304",
            "Understanding Good Practice in Workplace Mentoring",
            3,
            3,
            9,
        ),
        (
            "8578-302",
            "Undertaking an Extended Period of Coaching in the Workplace",
            3,
            7,
            12,
        ),
        (
            "8578-303",
            "Reflecting on Workplace Coaching Skills",
            3,
            3,
            6,
        ),
        (
            "8578-306",
            "Undertaking an Extended Period of Mentoring in the Workplace",
            3,
            7,
            12,
        ),
        (
            "8578-307",
            "Reflecting on Workplace Mentoring Skills",
            3,
            3,
            6,
        ),
    ];
    assert_unit_table(&c, &table);
    let q = c.qualification("l3-cert-cm").unwrap();
    assert_eq!(q.qualification_number.as_ref().unwrap().value, "601/3698/4");
    assert_eq!(q.credits.value, 16);
    assert_eq!(q.induction_hours.as_ref().unwrap().value, 1);
    assert_eq!(q.tutorial_hours.as_ref().unwrap().value, 4);
    assert_eq!(q.stated_glh.as_ref().unwrap().value, 36);
    assert_eq!(q.registration_months.as_ref().unwrap().value, 36);
    assert_eq!(q.rules.mandatory, ["8578-300", "8578-304"]);
    let groups: Vec<(&str, u32)> = q
        .rules
        .optional_groups
        .iter()
        .map(|g| (g.name.as_str(), g.min_credits))
        .collect();
    assert_eq!(
        groups,
        [("Group 1 (coaching)", 10), ("Group 2 (mentoring)", 10)]
    );
    // Both routes: 6 mandatory + 10 optional credits, 36 GLH, 36 hours of
    // practice with at least 3 clients.
    let routes = q.routes(&c);
    assert_eq!(routes.len(), 2);
    for r in &routes {
        assert_eq!(r.credits(), 16);
        assert_eq!(r.glh(), Some(36));
        assert_eq!(r.practice_hours(), 36);
        assert_eq!(r.min_clients(), Some(3));
    }
    assert_eq!(q.glh_range(&c).unwrap().to_string(), "36");
}

/// Pack annex: "The level 5 Units" and "The level 7 Units".
#[test]
fn pack_level_5_and_7_unit_tables() {
    let c = catalogue();
    assert_unit_table(
        &c,
        &[
            (
                "5015",
                "Understanding the Skills, Principles and Practice of Effective Management Coaching and Mentoring",
                5,
                5,
                18,
            ),
            (
                "5016",
                "Undertaking Management Coaching or Mentoring in the Workplace",
                5,
                5,
                12,
            ),
            (
                "5017",
                "Undertaking an Extended Period of Management Coaching or Mentoring in the Workplace",
                5,
                29,
                20,
            ),
            (
                "5018",
                "Reviewing Own Ability as a Management Coach or Mentor",
                5,
                3,
                7,
            ),
        ],
    );
    assert_unit_table(
        &c,
        &[
            (
                "8581-700",
                "Understanding the Context of Coaching and Mentoring in a Strategic Business Environment",
                7,
                5,
                14,
            ),
            (
                "8581-701",
                "Undertaking Coaching or Mentoring at a Senior and Strategic Level",
                7,
                5,
                12,
            ),
            (
                "8581-702",
                "Undertaking an Extended Period of Supervised Coaching or Mentoring at a Senior or Strategic Level",
                7,
                30,
                20,
            ),
            (
                "8581-703",
                "Reflecting on Your Own Ability to Perform Effectively as a Coach or Mentor Practising at a Senior Level",
                7,
                5,
                21,
            ),
        ],
    );
}

/// Guided learning hours and practice derived from the units for every
/// current qualification.
#[test]
fn derived_hours_of_current_qualifications() {
    let c = catalogue();
    // (id, GLH of the units, TQT hours, practice hours, minimum clients)
    let table = [
        ("l3-award-mentoring", 21, 100, 6, Some(1)),
        ("l3-cert-mentoring", 27, 130, 36, Some(3)),
        ("l3-award-coaching", 21, 100, 6, Some(1)),
        ("l3-cert-coaching", 27, 130, 36, Some(3)),
        ("l3-cert-cm", 36, 160, 36, Some(3)),
        ("l5-cert-cm", 37, 130, 12, Some(1)),
        ("l5-dip-cm", 45, 370, 100, Some(6)),
        ("l7-cert-ecm", 47, 150, 20, None),
        ("l7-dip-ecm", 55, 400, 100, None),
    ];
    for (id, glh, tqt, practice, clients) in table {
        let q = c.qualification(id).unwrap();
        let g = q.glh_range(&c).unwrap();
        assert_eq!((g.min, g.max), (glh, glh), "{id} GLH");
        assert_eq!(q.tqt_hours(), tqt, "{id} TQT");
        let p = q.practice_hours_range(&c);
        assert_eq!((p.min, p.max), (practice, practice), "{id} practice");
        assert_eq!(
            q.min_clients_range(&c).map(|r| r.max),
            clients,
            "{id} clients"
        );
    }
}

/// Suite overview: the D-coded units and the older qualifications' credits.
#[test]
fn suite_overview_older_edition() {
    let c = catalogue();
    // (code, level, credits, practice hours)
    let units = [
        ("D2.01", 2, 2, 0),
        ("D2.02", 2, 2, 3),
        ("D3.05", 3, 3, 0),
        ("D3.06", 3, 4, 6),
        ("D3.07", 3, 6, 20),
        ("D3.01", 3, 3, 0),
        ("D3.02", 3, 2, 0),
        ("D3.03", 3, 3, 6),
        ("D3.04", 3, 7, 30),
        ("D5.01", 5, 5, 0),
        ("D5.02", 5, 3, 0),
        ("D5.03", 5, 5, 12),
        ("D5.04", 5, 24, 100),
        // The suite overview prints these as D5.01..D5.04 at level 7; the
        // Level 7 document numbers them D7.01..D7.04 (docs/sources.md).
        ("D7.01", 7, 5, 0),
        ("D7.02", 7, 5, 0),
        ("D7.03", 7, 5, 12),
        ("D7.04", 7, 30, 125),
    ];
    for (code, level, credits, practice) in units {
        let u = c.unit(code).unwrap_or_else(|| panic!("no unit {code}"));
        assert_eq!(
            (u.level, u.credits.value, u.practice_hours()),
            (level, credits, practice),
            "{code}"
        );
        assert_eq!(u.edition, Edition::Older);
    }
    let quals = [
        (
            "old-l2-award-mentoring",
            2,
            Size::Award,
            Stream::Mentoring,
            4,
        ),
        (
            "old-l3-award-mentoring",
            3,
            Size::Award,
            Stream::Mentoring,
            7,
        ),
        (
            "old-l3-cert-mentoring",
            3,
            Size::Certificate,
            Stream::Mentoring,
            13,
        ),
        ("old-l3-award-coaching", 3, Size::Award, Stream::Coaching, 8),
        (
            "old-l3-cert-coaching",
            3,
            Size::Certificate,
            Stream::Coaching,
            15,
        ),
        (
            "old-l5-cert-cm",
            5,
            Size::Certificate,
            Stream::CoachingAndMentoring,
            13,
        ),
        (
            "old-l5-dip-cm",
            5,
            Size::Diploma,
            Stream::CoachingAndMentoring,
            37,
        ),
        (
            "old-l7-cert-ecm",
            7,
            Size::Certificate,
            Stream::CoachingAndMentoring,
            15,
        ),
        (
            "old-l7-dip-ecm",
            7,
            Size::Diploma,
            Stream::CoachingAndMentoring,
            45,
        ),
    ];
    for (id, level, size, stream, credits) in quals {
        let q = c.qualification(id).unwrap();
        assert_eq!(
            (q.level, q.size, q.stream, q.credits.value),
            (level, size, stream, credits),
            "{id}"
        );
        assert_eq!(q.routes(&c)[0].credits(), credits, "{id}: units add up");
    }
    assert_eq!(
        title_of(&c, "old-l2-award-mentoring"),
        "ILM Level 2 Award in Mentoring (for Young Learners)"
    );
    // Upgrade routes in the suite overview: Award -> Certificate, Certificate -> Diploma.
    for (from, to) in [
        ("old-l3-award-mentoring", "old-l3-cert-mentoring"),
        ("old-l3-award-coaching", "old-l3-cert-coaching"),
        ("old-l5-cert-cm", "old-l5-dip-cm"),
        ("old-l7-cert-ecm", "old-l7-dip-ecm"),
    ] {
        let routes: Vec<&str> = c
            .qualification(from)
            .unwrap()
            .upgrades
            .iter()
            .map(|u| u.to.as_str())
            .collect();
        assert_eq!(routes, [to], "{from}");
    }
}

/// Level 7 document: "Qualifications overview" and "Overview of units".
#[test]
fn level_7_older_edition_overview() {
    let c = catalogue();
    let cert = c.qualification("old-l7-cert-ecm").unwrap();
    let dip = c.qualification("old-l7-dip-ecm").unwrap();
    assert_eq!(
        cert.title,
        "ILM Level 7 Certificate in Executive Coaching and Leadership Mentoring"
    );
    assert_eq!(
        dip.title,
        "ILM Level 7 Diploma for Professional Executive Coaches and Leadership Mentors"
    );
    assert_eq!((cert.credits.value, dip.credits.value), (15, 45));
    assert_eq!(
        (
            cert.stated_glh.as_ref().unwrap().value,
            dip.stated_glh.as_ref().unwrap().value
        ),
        (45, 65)
    );
    assert_eq!(
        (
            cert.registration_months.as_ref().unwrap().value,
            dip.registration_months.as_ref().unwrap().value
        ),
        (24, 36)
    );
    assert_eq!(cert.rules.mandatory, ["D7.01", "D7.02", "D7.03"]);
    assert_eq!(dip.rules.mandatory, ["D7.01", "D7.02", "D7.03", "D7.04"]);
    // No unit GLH in the source, so no figure is derived.
    assert!(cert.glh_range(&c).is_none());
    assert!(
        cert.entry_requirements
            .as_ref()
            .unwrap()
            .value
            .contains("ILM Level 5 qualification in Management")
    );
}

/// Level 5 specification (2011): structure, unit list (credit and GLH) and
/// the summary's "Minimum 45 Glh" (units' 42 plus 1 induction and 2 tutorial).
#[test]
fn level_5_older_specification() {
    let c = catalogue();
    for (code, credits, glh) in [("D5.01", 5, 18), ("D5.02", 3, 12), ("D5.03", 5, 12)] {
        let u = c.unit(code).unwrap();
        assert_eq!(
            (u.credits.value, u.glh.as_ref().unwrap().value),
            (credits, glh),
            "{code}"
        );
    }
    let q = c.qualification("old-l5-cert-cm").unwrap();
    assert_eq!(q.credits.value, 13);
    assert_eq!(q.glh_range(&c).unwrap().max, 42);
    assert_eq!(q.stated_glh.as_ref().unwrap().value, 42 + 1 + 2);
    assert_eq!(q.registration_months.as_ref().unwrap().value, 36);
}

/// Pack section 8: the top-up example and the instalment plan example.
#[test]
fn pack_top_up_and_instalment_examples() {
    let c = catalogue();
    let t = &c.pricing.top_up.example;
    assert_eq!(
        (t.from.as_str(), t.to.as_str(), t.fee_ex_vat),
        ("l5-cert-cm", "l5-dip-cm", Pence::pounds(530))
    );
    let i = &c.pricing.instalments;
    assert_eq!(i.premium.value, Pence::pounds(25));
    assert_eq!(i.instalment.value, Pence::pounds(150));
    assert_eq!(i.monthly_payments.value, 3);
    assert!(i.final_payment_on_completion.value);
    let ex = &i.example;
    assert_eq!(
        (
            ex.price,
            ex.initial_payment,
            ex.monthly_payment,
            ex.final_payment,
            ex.total
        ),
        (
            Pence::pounds(995),
            Pence::pounds(420),
            Pence::pounds(150),
            Pence::pounds(150),
            Pence::pounds(1_020)
        )
    );
    assert_eq!(c.pricing.vat_rate_percent.value, 20);
    assert_eq!(
        c.vat_rate().vat_on(Pence::pounds(530)),
        Some(Pence::pounds(106))
    );
}

/// Pack annex: the RQF equivalence table.
#[test]
fn pack_rqf_equivalents() {
    let c = catalogue();
    assert_eq!(c.equivalents(3), ["A Level"]);
    assert_eq!(
        c.equivalents(5),
        ["Foundation Degree", "Higher National Diploma"]
    );
    assert_eq!(
        c.equivalents(7),
        [
            "Master's degree",
            "Postgraduate certificate",
            "Postgraduate diploma"
        ]
    );
    assert!(c.equivalents(2).is_empty());
}

/// The pack's detailed annex numbers units differently; every numbering
/// resolves to the same unit.
#[test]
fn every_numbering_resolves_to_one_unit() {
    let c = catalogue();
    let same = [
        ["8577-300", "8578-300", "300", "3053"],
        ["8577-302", "8578-302", "302", "3055"],
        ["8577-307", "8578-307", "307", "3060"],
    ];
    for codes in same {
        let primary = &c.unit(codes[0]).unwrap().code;
        for code in codes {
            assert_eq!(&c.unit(code).unwrap().code, primary, "{code}");
        }
    }
    for (a, b) in [
        ("5015", "500"),
        ("5017", "502"),
        ("8581-702", "7003"),
        ("8581-703", "7004"),
    ] {
        assert_eq!(
            c.unit(a).unwrap().code,
            c.unit(b).unwrap().code,
            "{a} = {b}"
        );
    }
}

/// Learning outcomes are held for every unit whose source gives them.
#[test]
fn learning_outcomes_are_complete() {
    let c = catalogue();
    // (code, outcomes, criteria) counted in the seeds.
    let table = [
        ("8577-300", 2, 8),
        ("8577-301", 3, 10),
        ("8577-302", 4, 12),
        ("8577-303", 3, 6),
        ("8577-304", 2, 8),
        ("8577-305", 3, 10),
        ("8577-306", 4, 12),
        ("8577-307", 3, 7),
        ("5015", 4, 12),
        ("5016", 3, 10),
        ("5017", 4, 13),
        ("5018", 3, 9),
        ("8581-700", 4, 9),
        ("8581-701", 3, 9),
        ("8581-702", 5, 11),
        ("8581-703", 3, 6),
        ("D5.01", 2, 8),
        ("D5.02", 2, 4),
        ("D5.03", 3, 8),
    ];
    for (code, outcomes, criteria) in table {
        let u = c.unit(code).unwrap();
        let n: usize = u.outcomes.iter().map(|o| o.criteria.len()).sum();
        assert_eq!((u.outcomes.len(), n), (outcomes, criteria), "{code}");
    }
    let u = c.unit("5017").unwrap();
    assert_eq!(
        u.outcomes[1].criteria[0].text,
        "Complete a minimum of a hundred hours of coaching or mentoring activity with six or more clients"
    );
}

fn assert_unit_table(c: &Catalogue, table: &[(&str, &str, u8, u32, u32)]) {
    for &(code, title, level, credits, glh) in table {
        let u = c.unit(code).unwrap_or_else(|| panic!("no unit {code}"));
        assert_eq!(u.title, title, "{code}");
        assert_eq!(u.level, level, "{code}");
        assert_eq!(u.credits.value, credits, "{code}");
        assert_eq!(u.glh.as_ref().map(|g| g.value), Some(glh), "{code}");
        assert_eq!(u.tqt_hours(), credits * 10, "{code}");
    }
}
