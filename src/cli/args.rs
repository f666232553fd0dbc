//! Argument values: the choices clap offers, and parsers for money and
//! levels. Kept here so the domain types stay free of clap.

use chrono::NaiveDate;
use clap::ValueEnum;
use qualplan::bounds;
use qualplan::catalogue::{Size, Stream};
use qualplan::money::Pence;
use qualplan::planner::{Interest, Role};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RoleArg {
    FirstLineManager,
    MiddleManager,
    SeniorLeader,
    HrLd,
    NewToHrLd,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::FirstLineManager => Role::FirstLineManager,
            RoleArg::MiddleManager => Role::MiddleManager,
            RoleArg::SeniorLeader => Role::SeniorLeader,
            RoleArg::HrLd => Role::HrLdProfessional,
            RoleArg::NewToHrLd => Role::NewToHrLd,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum InterestArg {
    Coaching,
    Mentoring,
    Both,
}

impl From<InterestArg> for Interest {
    fn from(i: InterestArg) -> Interest {
        match i {
            InterestArg::Coaching => Interest::Coaching,
            InterestArg::Mentoring => Interest::Mentoring,
            InterestArg::Both => Interest::Both,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StreamArg {
    Coaching,
    Mentoring,
    CoachingAndMentoring,
}

impl From<StreamArg> for Stream {
    fn from(s: StreamArg) -> Stream {
        match s {
            StreamArg::Coaching => Stream::Coaching,
            StreamArg::Mentoring => Stream::Mentoring,
            StreamArg::CoachingAndMentoring => Stream::CoachingAndMentoring,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SizeArg {
    Award,
    Certificate,
    Diploma,
}

impl From<SizeArg> for Size {
    fn from(s: SizeArg) -> Size {
        match s {
            SizeArg::Award => Size::Award,
            SizeArg::Certificate => Size::Certificate,
            SizeArg::Diploma => Size::Diploma,
        }
    }
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
    match t.trim_start_matches('l').parse::<u8>() {
        Ok(n @ 1..=8) => Ok(LevelArg::Level(n)),
        _ => Err(format!("`{s}` is not a level: use 1 to 8, or `advise`")),
    }
}

/// Pounds as people type them, to exact pence, within `bounds::MONEY`.
pub fn parse_pounds(s: &str) -> Result<Pence, String> {
    let pence: Pence = s.parse()?;
    in_range(pence, &bounds::MONEY)
}

/// A date as YYYY-MM-DD, within `bounds::YEARS`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| "write the date as YYYY-MM-DD, e.g. 2027-01-04".to_string())?;
    bounds::check_date("the date", d)
        .map_err(|e| format!("it must be from {} to {}", e.low, e.high))
}

/// Weekly hours of study, within `bounds::HOURS_PER_WEEK`.
pub fn parse_hours_per_week(s: &str) -> Result<u32, String> {
    in_range(whole(s)?, &bounds::HOURS_PER_WEEK)
}

/// Monthly payments after the first, within `bounds::MONTHLY_PAYMENTS`.
pub fn parse_monthly_payments(s: &str) -> Result<u32, String> {
    in_range(whole(s)?, &bounds::MONTHLY_PAYMENTS)
}

/// How many search hits to list, within `bounds::SEARCH_HITS`.
pub fn parse_search_limit(s: &str) -> Result<usize, String> {
    in_range(whole(s)?, &bounds::SEARCH_HITS)
}

/// How many recommendations to list, within `bounds::RECOMMENDATIONS`.
pub fn parse_recommend_limit(s: &str) -> Result<usize, String> {
    in_range(whole(s)?, &bounds::RECOMMENDATIONS)
}

/// A level number, within `bounds::LEVEL`.
pub fn parse_level_number(s: &str) -> Result<u8, String> {
    in_range(whole(s)?, &bounds::LEVEL)
}

/// A name, id or words of a query: at most `bounds::QUERY_CHARS`.
pub fn parse_text(s: &str) -> Result<String, String> {
    match s.chars().count() {
        n if n > bounds::QUERY_CHARS => Err(format!(
            "it has {n} characters; a name or query may have at most {}",
            bounds::QUERY_CHARS
        )),
        _ => Ok(s.to_string()),
    }
}

/// A whole number, or why it is not one (too large for any range counts
/// as outside the range, not as "not a number").
fn whole<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    let t = s.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        t.parse()
            .map_err(|_| "it is larger than qualplan allows".to_string())
    } else {
        Err("write a whole number, e.g. 3".to_string())
    }
}

fn in_range<T: PartialOrd + std::fmt::Display + Copy>(
    value: T,
    range: &std::ops::RangeInclusive<T>,
) -> Result<T, String> {
    bounds::check("it", value, range)
        .map_err(|e| format!("it must be from {} to {}", e.low, e.high))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse() {
        assert_eq!(parse_level("5"), Ok(LevelArg::Level(5)));
        assert_eq!(parse_level("L7"), Ok(LevelArg::Level(7)));
        assert_eq!(parse_level("advise"), Ok(LevelArg::Advise));
        assert!(parse_level("9").is_err());
    }

    #[test]
    fn numbers_are_bounded() {
        assert_eq!(parse_monthly_payments("3"), Ok(3));
        assert_eq!(
            parse_monthly_payments("4294967294"),
            Err("it must be from 0 to 120".to_string())
        );
        assert_eq!(
            parse_monthly_payments("99999999999999999999999"),
            Err("it is larger than qualplan allows".to_string())
        );
        assert_eq!(
            parse_monthly_payments("-1"),
            Err("write a whole number, e.g. 3".to_string())
        );
        assert_eq!(
            parse_hours_per_week("0"),
            Err("it must be from 1 to 80".into())
        );
        assert_eq!(
            parse_pounds("92233720368547758.07"),
            Err("it must be from £0.00 to £1,000,000.00".into())
        );
        assert_eq!(parse_pounds("150"), Ok(Pence::pounds(150)));
        assert_eq!(
            parse_date("262000-01-01"),
            Err("write the date as YYYY-MM-DD, e.g. 2027-01-04".into())
        );
        assert_eq!(
            parse_date("2999-01-01"),
            Err("it must be from 2000-01-01 to 2100-12-31".into())
        );
        assert!(parse_text(&"x".repeat(201)).is_err());
        assert!(parse_text(&"x".repeat(200)).is_ok());
    }
}
