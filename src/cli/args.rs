//! Argument values: the choices clap offers, and the parsers for levels,
//! routes and counts (numbers, money and dates are `qualplan::parse`'s).
//! Each parser checks its range (`bounds`) and
//! says what is wrong with an example that works; clap puts the option
//! and the value in front ("invalid value '0' for '--hours-per-week
//! <HOURS>': ..."). Kept here so that the domain types stay free of clap.
//!
//! The choices are also the spelling of the same values in JSON
//! (`flag_name`), so that a value can be copied from one to the other.

use clap::ValueEnum;
use qualplan::bounds;
use qualplan::catalogue::{Size, Stream};
use qualplan::parse::whole;
pub use qualplan::parse::{
    date as parse_date, hours_per_week as parse_hours_per_week, instalment as parse_instalment,
    pounds as parse_pounds,
};
use qualplan::planner::{Interest, Role};

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
    fn json_spells_values_as_the_options_do() {
        assert_eq!(
            flag_name::<StreamArg, _>(Stream::CoachingAndMentoring),
            "coaching-and-mentoring"
        );
        assert_eq!(flag_name::<RoleArg, _>(Role::HrLdProfessional), "hr-ld");
        assert_eq!(flag_name::<SizeArg, _>(Size::Diploma), "diploma");
    }
}
