//! Argument values: the choices clap offers, and parsers for money and
//! levels. Kept here so the domain types stay free of clap.

use clap::ValueEnum;
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

/// Pounds as people type them, to exact pence.
pub fn parse_pounds(s: &str) -> Result<Pence, String> {
    s.parse()
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
}
