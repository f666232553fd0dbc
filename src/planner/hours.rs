//! Hours per week, kept in tenths of an hour so that no planning figure
//! needs floating point.

use serde::{Serialize, Serializer};
use std::fmt;

/// A weekly study load, in tenths of an hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct HoursPerWeek {
    pub tenths: u32,
}

impl HoursPerWeek {
    /// `None` for more hours than fit in tenths.
    pub fn whole(hours: u32) -> Option<HoursPerWeek> {
        Some(HoursPerWeek {
            tenths: hours.checked_mul(10)?,
        })
    }

    /// The load that fits `hours` into `days`, rounded up to the next tenth
    /// so that keeping to it always finishes in time.
    pub fn needed(hours: u32, days: i64) -> Option<HoursPerWeek> {
        if days <= 0 {
            return None;
        }
        // hours / (days / 7) in tenths = hours * 70 / days, rounded up.
        let numerator = u64::from(hours) * 70;
        let days = u64::try_from(days).ok()?;
        Some(HoursPerWeek {
            tenths: u32::try_from(numerator.div_ceil(days)).ok()?,
        })
    }

    /// The load in words: "1 hour a week", "2.5 hours a week".
    pub fn a_week(self) -> String {
        let unit = if self.tenths == 10 { "hour" } else { "hours" };
        format!("{self} {unit} a week")
    }

    /// Whole weeks to do `hours` at this load, rounded up.
    pub fn weeks_for(self, hours: u32) -> Option<u32> {
        if self.tenths == 0 {
            return None;
        }
        // A u32 of hours times 10 always fits in a u64.
        let weeks = (u64::from(hours) * 10).div_ceil(u64::from(self.tenths));
        u32::try_from(weeks).ok()
    }
}

impl fmt::Display for HoursPerWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if self.tenths.is_multiple_of(10) {
            format!("{}", self.tenths / 10)
        } else {
            format!("{}.{}", self.tenths / 10, self.tenths % 10)
        };
        f.pad(&text)
    }
}

/// Hours as people write them: "3", "2.5" (to the tenth of an hour).
impl std::str::FromStr for HoursPerWeek {
    type Err = HoursError;

    fn from_str(text: &str) -> Result<HoursPerWeek, HoursError> {
        let t = text.trim();
        if t.starts_with('-') {
            return Err(HoursError::Negative);
        }
        let (whole, tenth) = t.split_once('.').unwrap_or((t, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(tenth) {
            return Err(HoursError::NotANumber);
        }
        if tenth.len() > 1 {
            return Err(HoursError::TooPrecise);
        }
        let whole: u32 = whole.parse().map_err(|_| HoursError::TooLarge)?;
        let tenth: u32 = tenth.parse().unwrap_or(0);
        whole
            .checked_mul(10)
            .and_then(|t| t.checked_add(tenth))
            .map(|tenths| HoursPerWeek { tenths })
            .ok_or(HoursError::TooLarge)
    }
}

/// Why text is not a number of hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoursError {
    NotANumber,
    Negative,
    /// More than one decimal place.
    TooPrecise,
    TooLarge,
}

/// JSON shows the number of hours, e.g. `3.2`.
impl Serialize for HoursPerWeek {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(f64::from(self.tenths) / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One hour is singular; every other load, whole or not, plural
    /// (the reasons said "at 1 hours a week").
    #[test]
    fn a_week_in_words() {
        let words = |t: &str| t.parse::<HoursPerWeek>().unwrap().a_week();
        assert_eq!(words("1"), "1 hour a week");
        assert_eq!(words("1.0"), "1 hour a week");
        assert_eq!(words("0.5"), "0.5 hours a week");
        assert_eq!(words("1.5"), "1.5 hours a week");
        assert_eq!(words("3"), "3 hours a week");
    }

    #[test]
    fn needed_rounds_up_to_the_tenth() {
        // 370 hours over 3 years (1096 days) = 2.363... -> 2.4 hours a week.
        assert_eq!(HoursPerWeek::needed(370, 1096).unwrap().to_string(), "2.4");
        // 100 hours over 70 days (10 weeks) = exactly 10.
        assert_eq!(HoursPerWeek::needed(100, 70).unwrap().to_string(), "10");
        assert_eq!(HoursPerWeek::needed(10, 0), None);
    }

    #[test]
    fn hours_parse_to_the_tenth() {
        assert_eq!("2.5".parse(), Ok(HoursPerWeek { tenths: 25 }));
        assert_eq!(" 3 ".parse(), Ok(HoursPerWeek { tenths: 30 }));
        assert_eq!("3.".parse(), Ok(HoursPerWeek { tenths: 30 }));
        assert_eq!("-1".parse::<HoursPerWeek>(), Err(HoursError::Negative));
        assert_eq!("2.25".parse::<HoursPerWeek>(), Err(HoursError::TooPrecise));
        assert_eq!("two".parse::<HoursPerWeek>(), Err(HoursError::NotANumber));
        assert_eq!(".5".parse::<HoursPerWeek>(), Err(HoursError::NotANumber));
        assert_eq!(
            "99999999999".parse::<HoursPerWeek>(),
            Err(HoursError::TooLarge)
        );
    }

    #[test]
    fn weeks_for_rounds_up() {
        // 100 hours at 3 a week: 33.3 -> 34 weeks.
        assert_eq!(HoursPerWeek::whole(3).unwrap().weeks_for(100), Some(34));
        assert_eq!(HoursPerWeek::whole(u32::MAX), None);
        // u32::MAX hours at a tenth of an hour a week: more weeks than a u32.
        assert_eq!(HoursPerWeek { tenths: 1 }.weeks_for(u32::MAX), None);
        assert_eq!(HoursPerWeek::needed(u32::MAX, 1), None);
        assert_eq!(HoursPerWeek { tenths: 25 }.weeks_for(10), Some(4));
        assert_eq!(HoursPerWeek { tenths: 0 }.weeks_for(10), None);
    }
}
