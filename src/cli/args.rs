//! Argument values: the choices clap offers, and the parsers for numbers,
//! money, dates and levels. Each parser checks its range (`bounds`) and
//! says what is wrong with an example that works; clap puts the option
//! and the value in front ("invalid value '0' for '--hours-per-week
//! <HOURS>': ..."). Kept here so that the domain types stay free of clap.
//!
//! The choices are also the spelling of the same values in JSON
//! (`flag_name`), so that a value can be copied from one to the other.

use chrono::{Datelike, NaiveDate};
use clap::ValueEnum;
use qualplan::bounds;
use qualplan::catalogue::{Size, Stream};
use qualplan::money::Pence;
use qualplan::planner::{HoursError, HoursPerWeek, Interest, Role};
use std::ops::RangeInclusive;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// A first-line manager or team leader.
    FirstLineManager,
    /// A middle manager.
    MiddleManager,
    /// A senior leader or executive.
    SeniorLeader,
    /// An HR or L&D professional.
    HrLd,
    /// New to HR or L&D.
    NewToHrLd,
}

/// Each value with its domain twin, both ways.
macro_rules! twins {
    ($arg:ident, $domain:ident, [$(($a:ident, $d:ident)),* $(,)?]) => {
        impl From<$arg> for $domain {
            fn from(v: $arg) -> $domain {
                match v { $($arg::$a => $domain::$d),* }
            }
        }
        impl From<$domain> for $arg {
            fn from(v: $domain) -> $arg {
                match v { $($domain::$d => $arg::$a),* }
            }
        }
    };
}

twins!(
    RoleArg,
    Role,
    [
        (FirstLineManager, FirstLineManager),
        (MiddleManager, MiddleManager),
        (SeniorLeader, SeniorLeader),
        (HrLd, HrLdProfessional),
        (NewToHrLd, NewToHrLd),
    ]
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InterestArg {
    Coaching,
    Mentoring,
    Both,
}

twins!(
    InterestArg,
    Interest,
    [(Coaching, Coaching), (Mentoring, Mentoring), (Both, Both)]
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StreamArg {
    Coaching,
    Mentoring,
    CoachingAndMentoring,
}

twins!(
    StreamArg,
    Stream,
    [
        (Coaching, Coaching),
        (Mentoring, Mentoring),
        (CoachingAndMentoring, CoachingAndMentoring),
    ]
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SizeArg {
    Award,
    Certificate,
    Diploma,
}

twins!(
    SizeArg,
    Size,
    [
        (Award, Award),
        (Certificate, Certificate),
        (Diploma, Diploma)
    ]
);

/// The value as its option takes it ("coaching-and-mentoring"): the one
/// spelling JSON uses too.
pub fn flag_name<A: ValueEnum, D: Into<A>>(value: D) -> String {
    value
        .into()
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// A wanted level: a number, or "advise" to let qualplan suggest one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelArg {
    Level(u8),
    Advise,
}

pub fn parse_level(s: &str) -> Result<LevelArg, String> {
    let t = s.trim().to_lowercase();
    if t == "advise" || t == "advise-me" {
        return Ok(LevelArg::Advise);
    }
    parse_level_number(s)
        .map(LevelArg::Level)
        .map_err(|e| format!("{e}, or `advise` to let qualplan suggest one"))
}

/// A level, "5" or "L5", within `bounds::LEVEL`.
pub fn parse_level_number(s: &str) -> Result<u8, String> {
    let t = s.trim().to_lowercase();
    let (low, high) = (bounds::LEVEL.start(), bounds::LEVEL.end());
    let wrong = || format!("levels are numbers from {low} to {high}, e.g. 5");
    if t.starts_with('-') {
        return Err(wrong());
    }
    let n: u32 = t.trim_start_matches('l').parse().map_err(|_| wrong())?;
    u8::try_from(n)
        .ok()
        .filter(|n| bounds::LEVEL.contains(n))
        .ok_or_else(|| format!("there is no Level {n}: {}", wrong()))
}

/// A development route, 1 to 4.
pub fn parse_route(s: &str) -> Result<u8, String> {
    whole(s, &(1..=4), "3").map_err(|e| format!("{e} (`qualplan routes` describes the four)"))
}

/// Pounds as people type them ("2500", "£1,695.50"), to exact pence,
/// within `bounds::MONEY`.
pub fn parse_pounds(s: &str) -> Result<Pence, String> {
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

/// An instalment in pounds: as `parse_pounds`, and more than nothing.
pub fn parse_instalment(s: &str) -> Result<Pence, String> {
    let pence = parse_pounds(s)?;
    if pence == Pence::ZERO {
        Err("an instalment of £0.00 pays nothing: give at least 0.01, e.g. 150".into())
    } else {
        Ok(pence)
    }
}

/// Hours a week as people write them ("3", "2.5"), within
/// `bounds::HOURS_PER_WEEK`.
pub fn parse_hours_per_week(s: &str) -> Result<HoursPerWeek, String> {
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

/// Monthly instalments after the first, within `bounds::MONTHLY_PAYMENTS`.
pub fn parse_monthly_payments(s: &str) -> Result<u32, String> {
    whole(s, &bounds::MONTHLY_PAYMENTS, "3")
}

/// How many search hits to list, within `bounds::SEARCH_HITS`.
pub fn parse_search_limit(s: &str) -> Result<usize, String> {
    whole(s, &bounds::SEARCH_HITS, "10")
}

/// How many recommendations to list, within `bounds::RECOMMENDATIONS`.
pub fn parse_recommend_limit(s: &str) -> Result<usize, String> {
    whole(s, &bounds::RECOMMENDATIONS, "5")
}

/// A date written YYYY-MM-DD, within `bounds::YEARS`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
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

/// A name, id or words of a query: at most `bounds::QUERY_CHARS`.
pub fn parse_text(s: &str) -> Result<String, String> {
    match s.chars().count() {
        n if n > bounds::QUERY_CHARS => Err(format!(
            "it has {n} characters; a name or query has at most {}",
            bounds::QUERY_CHARS
        )),
        _ => Ok(s.to_string()),
    }
}

/// A whole number within `range`, or what is wrong with it.
fn whole<T>(s: &str, range: &RangeInclusive<T>, example: &str) -> Result<T, String>
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
    fn levels_parse() {
        assert_eq!(parse_level("5"), Ok(LevelArg::Level(5)));
        assert_eq!(parse_level("L7"), Ok(LevelArg::Level(7)));
        assert_eq!(parse_level("advise"), Ok(LevelArg::Advise));
        assert_eq!(
            parse_level("9"),
            Err("there is no Level 9: levels are numbers from 1 to 8, e.g. 5, or `advise` to let qualplan suggest one".into())
        );
        assert_eq!(
            parse_level_number("five"),
            Err("levels are numbers from 1 to 8, e.g. 5".into())
        );
    }

    #[test]
    fn hours_take_decimals_within_a_week() {
        assert_eq!(parse_hours_per_week("2.5").unwrap().to_string(), "2.5");
        assert_eq!(parse_hours_per_week("80").unwrap().to_string(), "80");
        for (bad, why) in [
            ("0", "0 hours a week is too few to plan with"),
            ("0.5", "0.5 hours a week is too few"),
            ("200", "200 hours a week is more than anyone"),
            ("-3", "hours cannot be negative"),
            ("2.25", "one decimal place"),
            ("three", "`three` is not a number of hours"),
        ] {
            let e = parse_hours_per_week(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
            assert!(e.contains("e.g."), "{bad}: {e}");
        }
    }

    #[test]
    fn whole_numbers_are_bounded() {
        assert_eq!(parse_monthly_payments("3"), Ok(3));
        assert_eq!(
            parse_search_limit("0"),
            Err("0 is out of range: give from 1 to 500, e.g. 10".into())
        );
        assert_eq!(
            parse_monthly_payments("-1"),
            Err("it cannot be negative: give from 0 to 120, e.g. 3".into())
        );
        assert_eq!(
            parse_monthly_payments("99999999999999999999999"),
            Err("99999999999999999999999 is out of range: give from 0 to 120, e.g. 3".into())
        );
        assert_eq!(
            parse_recommend_limit("2.5"),
            Err("`2.5` is not a whole number: give from 1 to 100, e.g. 5".into())
        );
    }

    #[test]
    fn dates_say_what_is_wrong() {
        assert_eq!(
            parse_date("2027-01-04"),
            Ok(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap())
        );
        assert_eq!(
            parse_date("2027-02-30"),
            Err("February 2027 has 28 days: write a day from 1 to 28".into())
        );
        assert_eq!(
            parse_date("2028-02-30"),
            Err("February 2028 has 29 days: write a day from 1 to 29".into())
        );
        assert_eq!(
            parse_date("2027-13-01"),
            Err("there is no month 13: e.g. 2027-01-04".into())
        );
        assert_eq!(
            parse_date("04/01/2027"),
            Err("write the date as YYYY-MM-DD, e.g. 2027-01-04".into())
        );
        assert_eq!(
            parse_date("1999-12-31"),
            Err("qualplan plans with dates from 2000 to 2100: e.g. 2027-01-04".into())
        );
    }

    #[test]
    fn money_is_bounded_and_never_negative() {
        assert_eq!(parse_pounds("1,695.50"), Ok(Pence(169_550)));
        assert!(
            parse_pounds("-5")
                .unwrap_err()
                .contains("cannot be negative")
        );
        assert!(parse_instalment("0").unwrap_err().contains("pays nothing"));
        assert_eq!(parse_instalment("0.01"), Ok(Pence(1)));
        assert_eq!(
            parse_pounds("2000000"),
            Err("£2,000,000.00 is more than qualplan works with (£1,000,000.00 at most)".into())
        );
    }

    #[test]
    fn json_spells_values_as_the_options_do() {
        assert_eq!(
            flag_name::<StreamArg, _>(Stream::CoachingAndMentoring),
            "coaching-and-mentoring"
        );
        assert_eq!(flag_name::<RoleArg, _>(Role::HrLdProfessional), "hr-ld");
        assert_eq!(flag_name::<SizeArg, _>(Size::Diploma), "diploma");
    }
}
