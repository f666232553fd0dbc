//! Properties of the planner that must hold for any input.

use proptest::prelude::*;
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin};
use qualplan::money::{Pence, VatRate};
use qualplan::planner::{Holding, HoursPerWeek, add_months, all_upgrades, plan_upgrade};
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
        let b = VatRate { percent }.breakdown(Pence(pence));
        prop_assert_eq!(b.inc_vat, b.ex_vat + b.vat);
        prop_assert!(b.vat >= Pence::ZERO);
        // Within half a penny of the exact VAT.
        let exact = i128::from(pence) * i128::from(percent);
        prop_assert!((i128::from(b.vat.0) * 100 - exact).abs() <= 50);
    }

    #[test]
    fn upgrades_are_never_negative_never_down_and_complete_the_target(h in holdings(), to in proptest::sample::select(ids())) {
        let c = catalogue();
        if let Ok(plan) = plan_upgrade(c, &h, &to) {
            let from = c.qualification(&plan.from).unwrap();
            let target = c.qualification(&plan.to).unwrap();
            prop_assert_eq!(from.level, target.level);
            prop_assert!(target.credits.value > from.credits.value);
            if let Some(fee) = plan.fee {
                prop_assert!(fee.ex_vat >= Pence::ZERO);
                prop_assert_eq!(fee.inc_vat, fee.ex_vat + fee.vat);
            }
            // Carried and remaining units together make one of the target's
            // routes, so they reach its rule of combination.
            prop_assert_eq!(plan.credits_carried + plan.credits_to_take, target.credits.value);
            let mut chosen: Vec<&str> = plan.units_carried.iter().chain(&plan.units_to_take).map(|code| c.unit(code).unwrap().code.as_str()).collect();
            chosen.sort_unstable();
            let fits_a_route = target.routes(c).iter().any(|r| {
                let mut route: Vec<&str> = r.units.iter().map(|u| u.code.as_str()).collect();
                route.sort_unstable();
                route == chosen
            });
            prop_assert!(fits_a_route, "{:?} is not a route of {}", chosen, target.id);
        }
    }

    #[test]
    fn every_listed_upgrade_is_cheapest_first(h in holdings()) {
        let c = catalogue();
        if let Ok(plans) = all_upgrades(c, &h) {
            let fees: Vec<i64> = plans.iter().map(|p| p.fee.map_or(i64::MAX, |f| f.ex_vat.0)).collect();
            prop_assert!(fees.windows(2).all(|w| w[0] <= w[1]));
            for p in &plans {
                prop_assert!(!h.qualifications.contains(&p.to));
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
        let terms = InstalmentTerms {
            premium: Pence(premium),
            instalment: Pence(instalment),
            monthly_payments: months,
            final_on_completion: final_payment,
        };
        if let Ok(s) = terms.schedule(Pence(price)) {
            let paid = s.initial + s.monthly.iter().copied().sum::<Pence>() + s.on_completion.unwrap_or(Pence::ZERO);
            prop_assert_eq!(paid, s.total);
            prop_assert_eq!(s.total, Pence(price + premium));
            prop_assert!(s.initial >= s.premium);
        }
    }

    #[test]
    fn months_move_forward_and_keep_the_day_when_they_can(days in 0i64..40_000, months in 0u32..240) {
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let end = add_months(start, months);
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
