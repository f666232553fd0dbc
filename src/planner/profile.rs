//! What a learner tells qualplan about themselves.

use super::{DevelopmentRoute, Holding};
use crate::catalogue::Size;
use crate::money::Pence;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The learner's job, which suggests a level when they ask to be advised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    FirstLineManager,
    MiddleManager,
    SeniorLeader,
    HrLdProfessional,
    NewToHrLd,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::FirstLineManager,
        Role::MiddleManager,
        Role::SeniorLeader,
        Role::HrLdProfessional,
        Role::NewToHrLd,
    ];

    /// The level the sources aim at people in this role, and why.
    pub fn suggested_level(self) -> (u8, &'static str) {
        match self {
            Role::FirstLineManager => (
                3,
                "Level 3 is designed for junior and first-line managers who coach and mentor as part of their role",
            ),
            Role::NewToHrLd => (
                3,
                "Level 3 is the ideal starting point for a career in coaching and mentoring",
            ),
            Role::MiddleManager => (
                5,
                "Level 5 is aimed at managers coaching and mentoring in management",
            ),
            Role::HrLdProfessional => (
                5,
                "Level 5 suits HR and L&D professionals who coach or mentor managers",
            ),
            Role::SeniorLeader => (
                7,
                "Level 7 is aimed at practising senior leaders and managers",
            ),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Role::FirstLineManager => "first-line manager",
            Role::MiddleManager => "middle manager",
            Role::SeniorLeader => "senior leader",
            Role::HrLdProfessional => "HR or L&D professional",
            Role::NewToHrLd => "new to HR or L&D",
        })
    }
}

/// What the learner wants to practise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Interest {
    Coaching,
    Mentoring,
    Both,
}

impl fmt::Display for Interest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Interest::Coaching => "coaching",
            Interest::Mentoring => "mentoring",
            Interest::Both => "coaching and mentoring",
        })
    }
}

/// Everything the recommender can take into account; every field but the
/// start date may be unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnerProfile {
    pub role: Option<Role>,
    pub interest: Option<Interest>,
    pub route: Option<DevelopmentRoute>,
    /// The level wanted; `None` means "advise me".
    pub level: Option<u8>,
    pub size: Option<Size>,
    pub hours_per_week: Option<super::HoursPerWeek>,
    /// What the learner can spend, including VAT.
    pub budget_inc_vat: Option<Pence>,
    pub start: NaiveDate,
    pub target_date: Option<NaiveDate>,
    /// Qualification ids already held.
    pub held: Vec<String>,
    /// Whether the held qualifications were completed with this provider
    /// (which makes a further one at the same level a top-up).
    pub held_with_provider: bool,
    /// Qualification ids the learner asked about: always in the answer.
    pub asked_about: Vec<String>,
}

impl LearnerProfile {
    /// What the learner holds, as the planner works a course out from it.
    pub fn holding(&self) -> Holding {
        Holding {
            qualifications: self.held.clone(),
            units: Vec::new(),
            with_provider: self.held_with_provider,
        }
    }

    /// What "advise me" chose and why, in words for the learner: `None`
    /// when a level was asked for. The recommender weighs levels by the
    /// same `Role::suggested_level`.
    pub fn advice(&self) -> Option<String> {
        if self.level.is_some() {
            return None;
        }
        Some(match self.role {
            Some(role) => {
                let (level, why) = role.suggested_level();
                format!("Advise me chose Level {level}: {why} (you are a {role}).")
            }
            None => "Advise me, with no role given: every level is weighed alike (give a role to have one suggested).".to_string(),
        })
    }

    /// A profile that knows nothing but the start date.
    pub fn starting(start: NaiveDate) -> LearnerProfile {
        LearnerProfile {
            role: None,
            interest: None,
            route: None,
            level: None,
            size: None,
            hours_per_week: None,
            budget_inc_vat: None,
            start,
            target_date: None,
            held: Vec::new(),
            held_with_provider: true,
            asked_about: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_names_the_level_chosen_and_why() {
        let mut p = LearnerProfile::starting(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        p.role = Some(Role::MiddleManager);
        assert_eq!(
            p.advice().as_deref(),
            Some(
                "Advise me chose Level 5: Level 5 is aimed at managers coaching and mentoring in management (you are a middle manager)."
            )
        );
        p.role = None;
        assert!(p.advice().unwrap().contains("no role given"));
        p.level = Some(3);
        assert_eq!(p.advice(), None);
    }
}
