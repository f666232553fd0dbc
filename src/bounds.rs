//! The range every number qualplan accepts must lie in, in one place. The
//! catalogue validator, the command line, the enquiry loader and the app's
//! fields all check against these, and docs/reliability.md tables them.
//!
//! Each range is far wider than any real figure (the dearest qualification
//! is £2,225; the longest registration 36 months), and narrow enough that
//! nothing qualplan works out from figures inside them can overflow: the
//! largest total is 121 payments of £1,000,000 plus VAT at 100%, about
//! 2.4 x 10^10 pence against an `i64` limit of 9.2 x 10^18; the most hours
//! are 100 units x 10,000 hours, 10^6 against a `u32` limit of 4.3 x 10^9.
//! The arithmetic is checked all the same (see `money`, `pricing`,
//! `planner`), so a figure outside them is an error, never a wrapped number.

use crate::money::Pence;
use chrono::NaiveDate;
use std::fmt;
use std::ops::RangeInclusive;

/// Any amount of money: a price, premium, instalment, fee or budget
/// (£0 to £1,000,000.00).
pub const MONEY: RangeInclusive<Pence> = Pence::ZERO..=Pence(100_000_000);
/// A VAT rate, in whole percent.
pub const VAT_PERCENT: RangeInclusive<u32> = 0..=100;
/// Levels of the Regulated Qualifications Framework.
pub const LEVEL: RangeInclusive<u8> = 1..=8;
/// A unit's credits.
pub const UNIT_CREDITS: RangeInclusive<u32> = 1..=1_000;
/// A qualification's credits, and an optional group's.
pub const QUALIFICATION_CREDITS: RangeInclusive<u32> = 1..=10_000;
/// Hours of any kind in a catalogue: guided learning, practice,
/// induction, tutorials.
pub const HOURS: RangeInclusive<u32> = 0..=10_000;
/// The clients a unit's practice needs.
pub const CLIENTS: RangeInclusive<u32> = 0..=1_000;
/// A registration period or a suggested target, in months.
pub const MONTHS: RangeInclusive<u32> = 1..=120;
/// Monthly payments after the first one.
pub const MONTHLY_PAYMENTS: RangeInclusive<u32> = 0..=120;
/// The units a qualification's rules of combination name, all told.
pub const UNITS_PER_QUALIFICATION: usize = 100;
/// A budget that needs no second look: outside it, the questionnaire asks
/// whether the amount was meant (a "2" meant as £2,000, or a "200000"
/// with a digit too many). The pack's fees, top-ups included, run from
/// hundreds of pounds to a few thousand.
pub const PLAUSIBLE_BUDGET: RangeInclusive<Pence> = Pence::pounds(50)..=Pence::pounds(20_000);
/// Hours a learner studies a week.
pub const HOURS_PER_WEEK: RangeInclusive<u32> = 1..=80;
/// The first and last year of a start or target date.
pub const YEARS: RangeInclusive<i32> = 2000..=2100;
/// Characters in a name or query given on the command line or typed into
/// a search box (matching is quadratic in it).
pub const QUERY_CHARS: usize = 200;
/// Search hits listed at once.
pub const SEARCH_HITS: RangeInclusive<usize> = 1..=500;
/// Options a recommendation lists at once.
pub const RECOMMENDATIONS: RangeInclusive<usize> = 1..=100;
/// How many times an enquiry may have been saved.
pub const REVISIONS: RangeInclusive<u64> = 0..=(1 << 53);

/// The longest text of each enquiry field, in characters, enforced as the
/// advisor types (a file written by hand may hold more, up to its size
/// limit, and still loads).
pub mod enquiry {
    pub const NAME_CHARS: usize = 200;
    pub const EMAIL_CHARS: usize = 254;
    pub const PHONE_CHARS: usize = 50;
    pub const ORGANISATION_CHARS: usize = 200;
    pub const NOTES_CHARS: usize = 20_000;
    /// Qualifications on the shortlist, or held.
    pub const LIST_ENTRIES: usize = 100;
    /// An id (of an enquiry, qualification or unit) in an enquiry.
    pub const ID_CHARS: usize = 100;
}

/// Why a budget needs a second look, or `None` when it is plausible.
pub fn budget_doubt(budget: Pence) -> Option<String> {
    if budget < *PLAUSIBLE_BUDGET.start() {
        Some(format!(
            "{budget} is less than any qualification costs (under {}): is that right?",
            PLAUSIBLE_BUDGET.start()
        ))
    } else if budget > *PLAUSIBLE_BUDGET.end() {
        Some(format!(
            "{budget} is far more than any qualification costs (over {}): is that right?",
            PLAUSIBLE_BUDGET.end()
        ))
    } else {
        None
    }
}

/// A start or target date qualplan plans with.
pub fn date_in_range(d: NaiveDate) -> bool {
    use chrono::Datelike;
    YEARS.contains(&d.year())
}

/// A number outside its range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    /// What the number is, e.g. "--months" or "payment.monthly_payments".
    pub what: String,
    pub value: String,
    pub low: String,
    pub high: String,
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is {}; it must be from {} to {}",
            self.what,
            crate::text::neutralise(&self.value),
            self.low,
            self.high
        )
    }
}

impl std::error::Error for OutOfRange {}

/// `value` if it lies in `range`, else what is wrong with it.
pub fn check<T: PartialOrd + fmt::Display>(
    what: &str,
    value: T,
    range: &RangeInclusive<T>,
) -> Result<T, OutOfRange> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(OutOfRange {
            what: what.to_string(),
            value: value.to_string(),
            low: range.start().to_string(),
            high: range.end().to_string(),
        })
    }
}

/// A date inside `YEARS`, else what is wrong with it.
pub fn check_date(what: &str, d: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    if date_in_range(d) {
        Ok(d)
    } else {
        Err(OutOfRange {
            what: what.to_string(),
            value: d.to_string(),
            low: format!("{}-01-01", YEARS.start()),
            high: format!("{}-12-31", YEARS.end()),
        })
    }
}

/// A figure that could not be worked out because it would not fit: a
/// checked sum, product or date that overflowed. Inputs inside the ranges
/// above never cause one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow(pub &'static str);

impl fmt::Display for Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} is too large to work out", self.0)
    }
}

impl std::error::Error for Overflow {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_says_what_and_where() {
        assert_eq!(check("--months", 3, &MONTHLY_PAYMENTS), Ok(3));
        assert_eq!(
            check("--months", 4_294_967_294, &MONTHLY_PAYMENTS)
                .unwrap_err()
                .to_string(),
            "--months is 4294967294; it must be from 0 to 120"
        );
        assert_eq!(
            check("the price", Pence(100_000_001), &MONEY)
                .unwrap_err()
                .to_string(),
            "the price is £1,000,000.01; it must be from £0.00 to £1,000,000.00"
        );
        let d = NaiveDate::from_ymd_opt(262_000, 1, 1).unwrap();
        assert_eq!(
            check_date("--start", d).unwrap_err().to_string(),
            "--start is +262000-01-01; it must be from 2000-01-01 to 2100-12-31"
        );
    }

    #[test]
    fn implausible_budgets_are_questioned() {
        assert_eq!(budget_doubt(Pence::pounds(2_000)), None);
        assert_eq!(budget_doubt(Pence::pounds(50)), None);
        assert_eq!(budget_doubt(Pence::pounds(20_000)), None);
        assert_eq!(
            budget_doubt(Pence::pounds(2)).as_deref(),
            Some("£2.00 is less than any qualification costs (under £50.00): is that right?")
        );
        assert!(
            budget_doubt(Pence(2_000_001))
                .unwrap()
                .contains("over £20,000.00")
        );
    }

    /// The claim in the module's documentation: the largest figures
    /// inside the ranges fit with room to spare.
    #[test]
    fn the_largest_figures_fit() {
        let most = MONEY.end().0;
        let payments = i64::from(*MONTHLY_PAYMENTS.end()) + 1;
        let with_vat = most.checked_mul(2).unwrap();
        assert!(with_vat.checked_mul(payments).unwrap() < i64::MAX / 1_000_000);
        let hours = HOURS
            .end()
            .checked_mul(UNITS_PER_QUALIFICATION as u32)
            .unwrap();
        assert!(hours.checked_mul(10).is_some());
        let credits = UNIT_CREDITS.end() * UNITS_PER_QUALIFICATION as u32;
        assert!(
            credits
                .checked_mul(crate::catalogue::HOURS_PER_CREDIT)
                .is_some()
        );
    }
}
