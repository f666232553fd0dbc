//! Money as integer pence, VAT and the display format used everywhere.
//!
//! Prices in the provider pack are whole pounds excluding VAT; everything is
//! kept in pence so that no figure ever passes through floating point.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Mul, Sub};

/// An amount of money in pence. Signed so that a difference (a downgrade's
/// "balance") can be represented and rejected, rather than wrapping.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Pence(pub i64);

impl Pence {
    pub const ZERO: Pence = Pence(0);

    /// Whole pounds, for figures quoted in pounds in the sources.
    pub const fn pounds(pounds: i64) -> Pence {
        Pence(pounds * 100)
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl Add for Pence {
    type Output = Pence;
    fn add(self, rhs: Pence) -> Pence {
        Pence(self.0 + rhs.0)
    }
}

impl Sub for Pence {
    type Output = Pence;
    fn sub(self, rhs: Pence) -> Pence {
        Pence(self.0 - rhs.0)
    }
}

impl Mul<i64> for Pence {
    type Output = Pence;
    fn mul(self, rhs: i64) -> Pence {
        Pence(self.0 * rhs)
    }
}

impl std::iter::Sum for Pence {
    fn sum<I: Iterator<Item = Pence>>(iter: I) -> Pence {
        iter.fold(Pence::ZERO, Add::add)
    }
}

/// Formats as a UK price: `£1,695.00`, `-£5.50`.
impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let pounds = abs / 100;
        let pence = abs % 100;
        let digits = pounds.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let text = format!("{sign}£{grouped}.{pence:02}");
        f.pad(&text)
    }
}

impl std::str::FromStr for Pence {
    type Err = String;

    /// Pounds as people type them ("2500", "£2,500", "1695.50"), to exact
    /// pence without passing through floating point.
    fn from_str(text: &str) -> Result<Pence, String> {
        let bad = || format!("`{text}` is not an amount in pounds: write e.g. 2500 or 1695.50");
        let t: String = text
            .trim()
            .trim_start_matches('£')
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let (whole, fraction) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || fraction.len() > 2 || !digits(whole) || !digits(fraction) {
            return Err(bad());
        }
        let pounds: i64 = whole.parse().map_err(|_| bad())?;
        let pence: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
        pounds
            .checked_mul(100)
            .and_then(|p| p.checked_add(pence))
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
    pub fn vat_on(self, ex_vat: Pence) -> Pence {
        let scaled = i128::from(ex_vat.0) * i128::from(self.percent);
        let quotient = scaled / 100;
        let remainder = scaled % 100;
        let rounded = if remainder.abs() * 2 >= 100 {
            quotient + scaled.signum()
        } else {
            quotient
        };
        Pence(rounded as i64)
    }

    /// Ex VAT, VAT and inc VAT for an amount excluding VAT.
    pub fn breakdown(self, ex_vat: Pence) -> VatBreakdown {
        let vat = self.vat_on(ex_vat);
        VatBreakdown {
            ex_vat,
            vat,
            inc_vat: ex_vat + vat,
        }
    }
}

/// An amount split into its VAT parts; `inc_vat` is always `ex_vat + vat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VatBreakdown {
    pub ex_vat: Pence,
    pub vat: Pence,
    pub inc_vat: Pence,
}

/// In JSON: integer pence in `_pence` fields beside the formatted amounts.
impl Serialize for VatBreakdown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("VatBreakdown", 6)?;
        st.serialize_field("ex_vat_pence", &self.ex_vat.0)?;
        st.serialize_field("vat_pence", &self.vat.0)?;
        st.serialize_field("inc_vat_pence", &self.inc_vat.0)?;
        st.serialize_field("ex_vat", &self.ex_vat.to_string())?;
        st.serialize_field("vat", &self.vat.to_string())?;
        st.serialize_field("inc_vat", &self.inc_vat.to_string())?;
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

    #[test]
    fn vat_at_twenty_percent_of_pack_prices() {
        let vat = VatRate { percent: 20 };
        assert_eq!(vat.vat_on(Pence::pounds(995)), Pence(19_900));
        assert_eq!(vat.vat_on(Pence::pounds(1_695)), Pence(33_900));
        assert_eq!(vat.vat_on(Pence::pounds(530)), Pence(10_600));
        let b = vat.breakdown(Pence::pounds(2_225));
        assert_eq!(
            (b.ex_vat, b.vat, b.inc_vat),
            (Pence(222_500), Pence(44_500), Pence(267_000))
        );
    }

    #[test]
    fn vat_rounds_half_pennies_away_from_zero() {
        let vat = VatRate { percent: 20 };
        // 20% of 2p is 0.4p -> 0p; of 3p is 0.6p -> 1p.
        assert_eq!(vat.vat_on(Pence(2)), Pence(0));
        assert_eq!(vat.vat_on(Pence(3)), Pence(1));
        let five = VatRate { percent: 5 };
        // 5% of 10p is 0.5p -> 1p (half rounds up); of 9p is 0.45p -> 0p.
        assert_eq!(five.vat_on(Pence(10)), Pence(1));
        assert_eq!(five.vat_on(Pence(9)), Pence(0));
        assert_eq!(five.vat_on(Pence(-10)), Pence(-1));
    }
}
