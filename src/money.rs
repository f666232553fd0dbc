//! Money as integer pence, VAT and the display format used everywhere.
//!
//! Prices in the provider pack are whole pounds excluding VAT; everything is
//! kept in pence so that no figure ever passes through floating point.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in pence. Signed so that a difference (a downgrade's
/// "balance") can be represented and rejected, rather than wrapping.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Pence(pub i64);

impl Pence {
    pub const ZERO: Pence = Pence(0);

    /// Whole pounds, for figures quoted in pounds in the sources. An `i32`
    /// of pounds always fits in pence.
    pub const fn pounds(pounds: i32) -> Pence {
        Pence(pounds as i64 * 100)
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The sum, or `None` if it would not fit. Money has no unchecked
    /// `+`, `-` or `*`: every sum, difference and product is checked.
    pub const fn checked_add(self, rhs: Pence) -> Option<Pence> {
        match self.0.checked_add(rhs.0) {
            Some(p) => Some(Pence(p)),
            None => None,
        }
    }

    pub const fn checked_sub(self, rhs: Pence) -> Option<Pence> {
        match self.0.checked_sub(rhs.0) {
            Some(p) => Some(Pence(p)),
            None => None,
        }
    }

    pub const fn checked_mul(self, times: i64) -> Option<Pence> {
        match self.0.checked_mul(times) {
            Some(p) => Some(Pence(p)),
            None => None,
        }
    }

    /// The sum of every amount, or `None` if it would not fit.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Pence>) -> Option<Pence> {
        amounts
            .into_iter()
            .try_fold(Pence::ZERO, |total, p| total.checked_add(p))
    }
}

/// Formats as a UK price: `£1,695.00`, `-£5.50`.
impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let pounds = crate::text::thousands(abs / 100);
        let pence = abs % 100;
        let text = format!("{sign}£{pounds}.{pence:02}");
        f.pad(&text)
    }
}

impl std::str::FromStr for Pence {
    type Err = String;

    /// Pounds as people type them ("2500", "£2,500", "1695.50", "2k",
    /// "2.5k", "£1.2K"), to exact pence without passing through floating
    /// point. A "k" means thousands of pounds (at most three decimals:
    /// "1.005k" is £1,005.00).
    fn from_str(text: &str) -> Result<Pence, String> {
        let bad = || {
            format!("`{text}` is not an amount in pounds: write e.g. 2500, £2,000, 1695.50 or 2k")
        };
        let t: String = text
            .trim()
            .trim_start_matches('£')
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let (t, thousands) = match t.strip_suffix(['k', 'K']) {
            Some(rest) => (rest.trim_end().to_string(), true),
            None => (t, false),
        };
        let (whole, fraction) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        // Pence in a unit, and the decimals it may have: pounds to the
        // penny, thousands to the pound.
        let (scale, places) = if thousands { (100_000, 3) } else { (100, 2) };
        if whole.is_empty() || fraction.len() > places || !digits(whole) || !digits(fraction) {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        // The fraction in pence: ".5" is 50p, or £500 of a "k".
        let fraction: i64 = format!("{fraction:0<places$}").parse().map_err(|_| bad())?;
        let fraction_pence = if thousands { fraction * 100 } else { fraction };
        whole
            .checked_mul(scale)
            .and_then(|p| p.checked_add(fraction_pence))
            .map(Pence)
            .ok_or_else(bad)
    }
}

/// A VAT rate in whole percent (the UK standard rate is 20).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VatRate {
    pub percent: u32,
}

impl VatRate {
    /// VAT due on an amount excluding VAT, rounded to the nearest penny with
    /// halves rounded away from zero (HMRC allows rounding to the nearest
    /// penny on a line total; whole-pound prices never need it at 20%).
    /// `None` only if the VAT would not fit in pence.
    pub fn vat_on(self, ex_vat: Pence) -> Option<Pence> {
        // An i64 times a u32 always fits in an i128.
        let scaled = i128::from(ex_vat.0) * i128::from(self.percent);
        let quotient = scaled / 100;
        let remainder = scaled % 100;
        let rounded = if remainder.abs() * 2 >= 100 {
            quotient + scaled.signum()
        } else {
            quotient
        };
        i64::try_from(rounded).ok().map(Pence)
    }

    /// Ex VAT, VAT and inc VAT for an amount excluding VAT; `None` only if
    /// a figure would not fit in pence.
    pub fn breakdown(self, ex_vat: Pence) -> Option<VatBreakdown> {
        let vat = self.vat_on(ex_vat)?;
        Some(VatBreakdown {
            ex_vat,
            vat,
            inc_vat: ex_vat.checked_add(vat)?,
        })
    }
}

/// An amount split into its VAT parts; `inc_vat` is always `ex_vat + vat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VatBreakdown {
    pub ex_vat: Pence,
    pub vat: Pence,
    pub inc_vat: Pence,
}

/// Writes an amount as JSON writes every amount: integer pence in the
/// field `pence` (a name ending `_pence`), then the same amount formatted
/// in `formatted`; both `null` when there is no amount (a price on
/// request). The one home of that rule for every serialised figure.
pub fn serialize_amount<S: serde::ser::SerializeStruct>(
    st: &mut S,
    pence: &'static str,
    formatted: &'static str,
    amount: Option<Pence>,
) -> Result<(), S::Error> {
    debug_assert!(pence.ends_with("_pence") && pence.starts_with(formatted));
    st.serialize_field(pence, &amount.map(|p| p.0))?;
    st.serialize_field(formatted, &amount.map(|p| p.to_string()))
}

/// In JSON: integer pence in `_pence` fields, each followed by the same
/// amount formatted.
impl Serialize for VatBreakdown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("VatBreakdown", 6)?;
        serialize_amount(&mut st, "ex_vat_pence", "ex_vat", Some(self.ex_vat))?;
        serialize_amount(&mut st, "vat_pence", "vat", Some(self.vat))?;
        serialize_amount(&mut st, "inc_vat_pence", "inc_vat", Some(self.inc_vat))?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_thousands_separators() {
        assert_eq!(Pence(169_500).to_string(), "£1,695.00");
        assert_eq!(Pence(2_500).to_string(), "£25.00");
        assert_eq!(Pence(5).to_string(), "£0.05");
        assert_eq!(Pence(-550).to_string(), "-£5.50");
        assert_eq!(Pence(123_456_789).to_string(), "£1,234,567.89");
        assert_eq!(Pence(100_000).to_string(), "£1,000.00");
        assert_eq!(format!("{:>10}", Pence(99_500)), "   £995.00");
    }

    #[test]
    fn pounds_parse_exactly() {
        assert_eq!("2500".parse(), Ok(Pence(250_000)));
        assert_eq!("£2,500".parse(), Ok(Pence(250_000)));
        assert_eq!("1695.5".parse(), Ok(Pence(169_550)));
        assert_eq!("0.07".parse(), Ok(Pence(7)));
        assert!("-5".parse::<Pence>().is_err());
        assert!("1.234".parse::<Pence>().is_err());
        assert!("ten".parse::<Pence>().is_err());
        assert!("99999999999999999999".parse::<Pence>().is_err());
    }

    /// The ways people write a budget: "2k" is £2,000 (not £2.00).
    #[test]
    fn pounds_parse_as_people_write_them() {
        assert_eq!("2k".parse(), Ok(Pence(200_000)));
        assert_eq!("2K".parse(), Ok(Pence(200_000)));
        assert_eq!("£2.5k".parse(), Ok(Pence(250_000)));
        assert_eq!("1.995k".parse(), Ok(Pence(199_500)));
        assert_eq!(" £2,000 ".parse(), Ok(Pence(200_000)));
        assert_eq!("2,000.50".parse(), Ok(Pence(200_050)));
        assert_eq!("2 k".parse(), Ok(Pence(200_000)));
        for bad in ["k", "£k", "1.2345k", "2kk", "2m", "2k5", ".5k", "-2k", ""] {
            assert!(bad.parse::<Pence>().is_err(), "{bad}");
        }
        assert!(
            "99999999999999k".parse::<Pence>().is_err(),
            "a thousand-fold that does not fit is an error"
        );
    }

    #[test]
    fn vat_at_twenty_percent_of_pack_prices() {
        let vat = VatRate { percent: 20 };
        assert_eq!(vat.vat_on(Pence::pounds(995)), Some(Pence(19_900)));
        assert_eq!(vat.vat_on(Pence::pounds(1_695)), Some(Pence(33_900)));
        assert_eq!(vat.vat_on(Pence::pounds(530)), Some(Pence(10_600)));
        let b = vat.breakdown(Pence::pounds(2_225)).unwrap();
        assert_eq!(
            (b.ex_vat, b.vat, b.inc_vat),
            (Pence(222_500), Pence(44_500), Pence(267_000))
        );
    }

    #[test]
    fn vat_rounds_half_pennies_away_from_zero() {
        let vat = VatRate { percent: 20 };
        // 20% of 2p is 0.4p -> 0p; of 3p is 0.6p -> 1p.
        assert_eq!(vat.vat_on(Pence(2)), Some(Pence(0)));
        assert_eq!(vat.vat_on(Pence(3)), Some(Pence(1)));
        let five = VatRate { percent: 5 };
        // 5% of 10p is 0.5p -> 1p (half rounds up); of 9p is 0.45p -> 0p.
        assert_eq!(five.vat_on(Pence(10)), Some(Pence(1)));
        assert_eq!(five.vat_on(Pence(9)), Some(Pence(0)));
        assert_eq!(five.vat_on(Pence(-10)), Some(Pence(-1)));
    }

    /// Sums, differences, products and VAT that would not fit are `None`,
    /// never a wrapped (negative) amount.
    #[test]
    fn money_arithmetic_is_checked() {
        let max = Pence(i64::MAX);
        assert_eq!(max.checked_add(Pence(1)), None);
        assert_eq!(Pence(i64::MIN).checked_sub(Pence(1)), None);
        assert_eq!(Pence(i64::MAX / 2 + 1).checked_mul(2), None);
        assert_eq!(Pence::checked_sum([max, Pence(1)]), None);
        assert_eq!(Pence::checked_sum([Pence(1), Pence(2)]), Some(Pence(3)));
        let vat = VatRate { percent: 20 };
        assert_eq!(vat.breakdown(max), None);
        assert_eq!(VatRate { percent: 100 }.vat_on(max), Some(max));
        assert_eq!(VatRate { percent: u32::MAX }.vat_on(max), None);
        assert_eq!(Pence::pounds(i32::MAX).0, 214_748_364_700);
    }
}
