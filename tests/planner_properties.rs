//! Properties of the planner that must hold for any input.

use proptest::prelude::*;
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin};
use qualplan::money::{Pence, VatRate};
use qualplan::planner::{Course, CourseKind, Holding, HoursPerWeek, add_months, all_upgrades};
use qualplan::pricing::InstalmentTerms;
use std::sync::OnceLock;

fn catalogue() -> &'static Catalogue {
    static C: OnceLock<Catalogue> = OnceLock::new();
    C.get_or_init(|| catalogue::load(&CatalogueOrigin::Embedded).unwrap())
}

fn ids() -> Vec<String> {
    catalogue()
        .qualifications
        .iter()
        .map(|q| q.id.clone())
        .collect()
}

fn unit_codes() -> Vec<String> {
    catalogue().units.iter().map(|u| u.code.clone()).collect()
}

fn terms(premium: i64, instalment: i64, months: u32, final_payment: bool) -> InstalmentTerms {
    InstalmentTerms {
        premium: Pence(premium),
        instalment: Pence(instalment),
        monthly_payments: months,
        final_on_completion: final_payment,
    }
}

prop_compose! {
    fn holdings()(
        held in proptest::sample::subsequence(ids(), 1..4),
        units in proptest::sample::subsequence(unit_codes(), 0..4),
        with_provider in any::<bool>(),
    ) -> Holding {
        Holding { qualifications: held, units, with_provider }
    }
}

proptest! {
    #[test]
    fn inc_vat_is_ex_vat_plus_vat(pence in 0i64..10_000_000_000, percent in 0u32..=100) {
        let b = VatRate { percent }.breakdown(Pence(pence)).unwrap();
        prop_assert_eq!(Some(b.inc_vat), b.ex_vat.checked_add(b.vat));
        prop_assert!(b.vat >= Pence::ZERO);
        // Within half a penny of the exact VAT.
        let exact = i128::from(pence) * i128::from(percent);
        prop_assert!((i128::from(b.vat.0) * 100 - exact).abs() <= 50);
    }

    /// Any amount and rate at all: the VAT is right to the half penny, or
    /// there is none (it would not fit); never a wrapped figure, never a
    /// panic.
    #[test]
    fn vat_on_any_amount_is_right_or_refused(pence in any::<i64>(), percent in any::<u32>()) {
        let rate = VatRate { percent };
        match rate.breakdown(Pence(pence)) {
            Some(b) => {
                let exact = i128::from(pence) * i128::from(percent);
                prop_assert!((i128::from(b.vat.0) * 100 - exact).abs() <= 50);
                prop_assert_eq!(i128::from(b.inc_vat.0), i128::from(pence) + i128::from(b.vat.0));
            }
            None => {
                let vat = i128::from(pence) * i128::from(percent) / 100;
                prop_assert!(i64::try_from(vat).is_err() || i64::try_from(i128::from(pence) + vat).is_err());
            }
        }
    }

    /// Any terms at all (`--instalment`, `--premium`, `--months` or an
    /// enquiry file can hold anything): a schedule adds up exactly, or is
    /// refused; never wraps, never allocates more than the bound.
    #[test]
    fn any_instalment_terms_add_up_or_are_refused(
        price in any::<i64>(),
        premium in any::<i64>(),
        instalment in any::<i64>(),
        months in any::<u32>(),
        final_payment in any::<bool>(),
    ) {
        let terms = terms(premium, instalment, months, final_payment);
        if let Ok(s) = terms.schedule(Pence(price)) {
            prop_assert!(s.monthly.len() <= *qualplan::bounds::MONTHLY_PAYMENTS.end() as usize);
            let later = i128::from(instalment) * (i128::from(months) + i128::from(final_payment));
            prop_assert!(later <= i128::from(price));
            let paid = [s.initial].into_iter().chain(s.monthly.iter().copied()).chain(s.on_completion)
                .map(|p| i128::from(p.0)).sum::<i128>();
            prop_assert_eq!(paid, i128::from(s.total.0));
            prop_assert_eq!(i128::from(s.total.0), i128::from(price) + i128::from(premium));
        }
    }

    #[test]
    fn a_course_is_never_negative_and_completes_the_target(h in holdings(), to in proptest::sample::select(ids())) {
        let c = catalogue();
        if let Ok(course) = Course::new(c, &to, &h) {
            let target = c.qualification(&course.qualification).unwrap();
            if let Some(fee) = course.fee {
                prop_assert!(fee.ex_vat >= Pence::ZERO);
                prop_assert_eq!(Some(fee.inc_vat), fee.ex_vat.checked_add(fee.vat));
            }
            // The top-up rule: with this provider, from a cheaper held
            // qualification at the same level, for the difference.
            match course.kind {
                CourseKind::TopUp => {
                    let from = c.qualification(course.from.as_ref().unwrap()).unwrap();
                    prop_assert!(h.with_provider);
                    prop_assert_eq!(from.level, target.level);
                    let (held, list) = (from.price.as_ref().unwrap().value, course.list_price.unwrap());
                    prop_assert!(held < list);
                    prop_assert_eq!(Some(course.fee.unwrap().ex_vat), list.checked_sub(held));
                }
                CourseKind::NewRegistration => {
                    prop_assert_eq!(course.fee.map(|f| f.ex_vat), course.list_price);
                }
                CourseKind::Upgrade => {
                    prop_assert!(!target.is_on_sale());
                    prop_assert_eq!(course.fee, None);
                }
            }
            // Carried and remaining units together make one of the target's
            // routes, so they reach its rule of combination.
            prop_assert_eq!(course.credits_carried + course.credits_to_take, target.credits.value);
            prop_assert_eq!(course.hours_to_take, course.credits_to_take * 10);
            let mut chosen: Vec<&str> = course.units_carried.iter().chain(&course.units_to_take).map(|code| c.unit(code).unwrap().code.as_str()).collect();
            chosen.sort_unstable();
            let fits_a_route = target.routes(c).iter().any(|r| {
                let mut route: Vec<&str> = r.units.iter().map(|u| u.code.as_str()).collect();
                route.sort_unstable();
                route == chosen
            });
            prop_assert!(fits_a_route, "{:?} is not a route of {}", chosen, target.id);
            // Holding it elsewhere never costs less, and never takes less.
            let elsewhere = Holding { with_provider: false, ..h.clone() };
            if !h.qualifications.is_empty() {
                let other = Course::new(c, &to, &elsewhere).unwrap();
                prop_assert!(other.kind != CourseKind::TopUp);
                prop_assert_eq!(other.credits_to_take, course.credits_to_take);
                if let (Some(a), Some(b)) = (course.fee, other.fee) {
                    prop_assert!(a.ex_vat <= b.ex_vat);
                }
            }
            // A unit more held never leaves more to take.
            for u in unit_codes() {
                let mut more = h.clone();
                more.units.push(u);
                let bigger = Course::new(c, &to, &more).unwrap();
                prop_assert!(bigger.credits_to_take <= course.credits_to_take);
            }
        }
    }

    #[test]
    fn every_listed_upgrade_is_cheapest_first(h in holdings()) {
        let c = catalogue();
        if let Ok(plans) = all_upgrades(c, &h) {
            let fees: Vec<i64> = plans.iter().map(|p| p.fee.map_or(i64::MAX, |f| f.ex_vat.0)).collect();
            prop_assert!(fees.windows(2).all(|w| w[0] <= w[1]));
            for p in &plans {
                prop_assert!(!h.qualifications.contains(&p.qualification));
            }
        }
    }

    #[test]
    fn instalments_add_up_to_price_plus_premium(
        price in 0i64..1_000_000,
        premium in 0i64..10_000,
        instalment in 1i64..100_000,
        months in 0u32..24,
        final_payment in any::<bool>(),
    ) {
        let terms = terms(premium, instalment, months, final_payment);
        if let Ok(s) = terms.schedule(Pence(price)) {
            let paid = Pence::checked_sum([s.initial].into_iter().chain(s.monthly.iter().copied()).chain(s.on_completion));
            prop_assert_eq!(paid, Some(s.total));
            prop_assert_eq!(s.total, Pence(price + premium));
            prop_assert!(s.initial >= s.premium);
        }
    }

    #[test]
    fn months_move_forward_and_keep_the_day_when_they_can(days in 0i64..40_000, months in 0u32..240) {
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let end = add_months(start, months).unwrap();
        prop_assert!(end >= start);
        use chrono::Datelike;
        prop_assert!(end.day() <= start.day());
        let month_index = |d: chrono::NaiveDate| d.year() * 12 + d.month0() as i32;
        prop_assert_eq!(month_index(end) - month_index(start), months as i32);
    }

    #[test]
    fn hours_needed_are_enough(hours in 0u32..5_000, days in 1i64..5_000) {
        let h = HoursPerWeek::needed(hours, days).unwrap();
        // Keeping to the rounded-up load does all the hours in time.
        prop_assert!(u64::from(h.tenths) * days as u64 >= u64::from(hours) * 70);
    }
}
