//! Numbers, money and dates as people type them, each checked against its
//! range (`bounds`) with what is wrong and an example that works. The one
//! home of these rules: the command line's options (`cli::args`) and the
//! plain mode's answers (`plain`) both call them.

use crate::bounds;
use crate::money::Pence;
use crate::planner::{HoursError, HoursPerWeek};
use chrono::{Datelike, NaiveDate};
use std::ops::RangeInclusive;

/// Pounds as people type them ("2500", "£1,695.50"), to exact pence,
/// within `bounds::MONEY`.
pub fn pounds(s: &str) -> Result<Pence, String> {
    if s.trim().starts_with('-') {
        return Err("an amount cannot be negative: write e.g. 2500 or 1695.50".into());
    }
    let pence: Pence = s.parse()?;
    if bounds::MONEY.contains(&pence) {
        Ok(pence)
    } else {
        Err(format!(
            "{pence} is more than qualplan works with ({} at most)",
            bounds::MONEY.end()
        ))
    }
}

/// An instalment in pounds: as `pounds`, and more than nothing.
pub fn instalment(s: &str) -> Result<Pence, String> {
    let pence = pounds(s)?;
    if pence == Pence::ZERO {
        Err("an instalment of £0.00 pays nothing: give at least 0.01, e.g. 150".into())
    } else {
        Ok(pence)
    }
}

/// Hours a week as people write them ("3", "2.5"), within
/// `bounds::HOURS_PER_WEEK`.
pub fn hours_per_week(s: &str) -> Result<HoursPerWeek, String> {
    let (low, high) = (bounds::HOURS_PER_WEEK.start(), bounds::HOURS_PER_WEEK.end());
    let range = format!("give from {low} to {high} hours, e.g. 3 or 2.5");
    let h: HoursPerWeek = s.parse().map_err(|e| match e {
        HoursError::Negative => format!("hours cannot be negative: {range}"),
        HoursError::NotANumber => format!("`{s}` is not a number of hours: {range}"),
        HoursError::TooPrecise => "give the hours to one decimal place, e.g. 2.5".into(),
        HoursError::TooLarge => format!("that is more hours than a week has: {range}"),
    })?;
    if h.tenths < low * 10 {
        Err(format!("{h} hours a week is too few to plan with: {range}"))
    } else if h.tenths > high * 10 {
        Err(format!(
            "{h} hours a week is more than anyone can study alongside work: {range}"
        ))
    } else {
        Ok(h)
    }
}

/// A date written YYYY-MM-DD, within `bounds::YEARS`.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let example = "e.g. 2027-01-04";
    let parts: Vec<&str> = t.split('-').collect();
    let shaped = matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len())
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())));
    if !shaped {
        return Err(format!("write the date as YYYY-MM-DD, {example}"));
    }
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(parts[0]), number(parts[1]), number(parts[2]));
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}: {example}"));
    }
    let year = i32::try_from(year).unwrap_or(0);
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Err(format!("write the date as YYYY-MM-DD, {example}"));
    };
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day());
    if !(1..=last).contains(&day) {
        return Err(format!(
            "{} has {last} days: write a day from 1 to {last}",
            first.format("%B %Y")
        ));
    }
    let (low, high) = (bounds::YEARS.start(), bounds::YEARS.end());
    if !bounds::YEARS.contains(&year) {
        return Err(format!(
            "qualplan plans with dates from {low} to {high}: {example}"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("not a date: {example}"))
}

/// A whole number within `range`, or what is wrong with it.
pub fn whole<T>(s: &str, range: &RangeInclusive<T>, example: &str) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let t = s.trim();
    let give = format!(
        "give from {} to {}, e.g. {example}",
        range.start(),
        range.end()
    );
    if t.starts_with('-') && t.len() > 1 && t[1..].chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("it cannot be negative: {give}"));
    }
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("`{s}` is not a whole number: {give}"));
    }
    match t.parse::<T>() {
        Ok(n) if range.contains(&n) => Ok(n),
        Ok(n) => Err(format!("{n} is out of range: {give}")),
        Err(_) => Err(format!("{t} is out of range: {give}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_take_decimals_within_a_week() {
        assert_eq!(hours_per_week("2.5").unwrap().to_string(), "2.5");
        assert_eq!(hours_per_week("80").unwrap().to_string(), "80");
        for (bad, why) in [
            ("0", "0 hours a week is too few to plan with"),
            ("0.5", "0.5 hours a week is too few"),
            ("200", "200 hours a week is more than anyone"),
            ("-3", "hours cannot be negative"),
            ("2.25", "one decimal place"),
            ("three", "`three` is not a number of hours"),
        ] {
            let e = hours_per_week(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
            assert!(e.contains("e.g."), "{bad}: {e}");
        }
    }

    #[test]
    fn dates_say_what_is_wrong() {
        assert_eq!(
            date("2027-01-04"),
            Ok(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap())
        );
        assert_eq!(
            date("2027-02-30"),
            Err("February 2027 has 28 days: write a day from 1 to 28".into())
        );
        assert_eq!(
            date("2028-02-30"),
            Err("February 2028 has 29 days: write a day from 1 to 29".into())
        );
        assert_eq!(
            date("2027-13-01"),
            Err("there is no month 13: e.g. 2027-01-04".into())
        );
        assert_eq!(
            date("04/01/2027"),
            Err("write the date as YYYY-MM-DD, e.g. 2027-01-04".into())
        );
        assert_eq!(
            date("1999-12-31"),
            Err("qualplan plans with dates from 2000 to 2100: e.g. 2027-01-04".into())
        );
    }

    #[test]
    fn money_is_bounded_and_never_negative() {
        assert_eq!(pounds("1,695.50"), Ok(Pence(169_550)));
        assert!(pounds("-5").unwrap_err().contains("cannot be negative"));
        assert!(instalment("0").unwrap_err().contains("pays nothing"));
        assert_eq!(instalment("0.01"), Ok(Pence(1)));
        assert_eq!(
            pounds("2000000"),
            Err("£2,000,000.00 is more than qualplan works with (£1,000,000.00 at most)".into())
        );
    }
}
