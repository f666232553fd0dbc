//! The four development routes of the suite overview, and for each what
//! qualplan offers and what it needs to know.

use crate::catalogue::Cite;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One of the suite's four ways for a person to develop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DevelopmentRoute {
    /// (1) Update knowledge without a qualification.
    UpdateKnowledge,
    /// (2) A unit certificate.
    UnitCertificate,
    /// (3) A full qualification at a chosen level.
    FullQualification,
    /// (4) Upgrade a prior ILM qualification to a larger one at the same level.
    Upgrade,
}

impl DevelopmentRoute {
    pub const ALL: [DevelopmentRoute; 4] = [
        DevelopmentRoute::UpdateKnowledge,
        DevelopmentRoute::UnitCertificate,
        DevelopmentRoute::FullQualification,
        DevelopmentRoute::Upgrade,
    ];

    /// The route's number in the suite overview, 1 to 4.
    pub fn number(self) -> u8 {
        match self {
            DevelopmentRoute::UpdateKnowledge => 1,
            DevelopmentRoute::UnitCertificate => 2,
            DevelopmentRoute::FullQualification => 3,
            DevelopmentRoute::Upgrade => 4,
        }
    }

    pub fn from_number(n: u8) -> Option<DevelopmentRoute> {
        DevelopmentRoute::ALL.into_iter().find(|r| r.number() == n)
    }

    pub fn title(self) -> &'static str {
        match self {
            DevelopmentRoute::UpdateKnowledge => "Update your knowledge",
            DevelopmentRoute::UnitCertificate => "A unit certificate",
            DevelopmentRoute::FullQualification => "A full qualification",
            DevelopmentRoute::Upgrade => "Upgrade a qualification you hold",
        }
    }

    /// Who the route suits, in the suite overview's words.
    pub fn suits(self) -> &'static str {
        match self {
            DevelopmentRoute::UpdateKnowledge => {
                "A manager, HR or L&D professional who wishes to update their knowledge and does not want a qualification"
            }
            DevelopmentRoute::UnitCertificate => {
                "A manager, HR or L&D professional who wishes to have a unit certificate"
            }
            DevelopmentRoute::FullQualification => {
                "An HR or L&D professional, or a person new to HR or L&D, who wishes to have a full qualification at a specific level: Award, Certificate or Diploma"
            }
            DevelopmentRoute::Upgrade => {
                "An HR or L&D professional with a prior ILM coaching or mentoring qualification who wishes to upgrade to a larger qualification at the same level"
            }
        }
    }

    /// What qualplan offers on this route.
    pub fn offers(self) -> &'static str {
        match self {
            DevelopmentRoute::UpdateKnowledge => {
                "The units at your level with their learning outcomes, to read as a syllabus; the provider lists no knowledge-only course, so ask for a price"
            }
            DevelopmentRoute::UnitCertificate => {
                "The units at your level with credits, guided learning hours and practice; the provider's price list covers whole qualifications only, so a single unit is price on request"
            }
            DevelopmentRoute::FullQualification => {
                "Qualifications ranked for you, with price ex and inc VAT, hours, practice, suggested time and a payment plan"
            }
            DevelopmentRoute::Upgrade => {
                "Every upgrade from what you hold, cheapest first: units carried over and still to take, the balance fee and the time for the rest"
            }
        }
    }

    /// What qualplan needs to know to help on this route.
    pub fn needs(self) -> &'static [&'static str] {
        match self {
            DevelopmentRoute::UpdateKnowledge | DevelopmentRoute::UnitCertificate => &[
                "interest (coaching, mentoring or both)",
                "level, or your role so qualplan can advise",
            ],
            DevelopmentRoute::FullQualification => &[
                "role",
                "interest (coaching, mentoring or both)",
                "level, or 'advise me'",
                "hours available per week",
                "budget",
                "target date",
            ],
            DevelopmentRoute::Upgrade => &[
                "the ILM coaching or mentoring qualification you hold",
                "whether you completed it with this provider (for the top-up fee)",
                "the qualification you want, or none to see every upgrade",
            ],
        }
    }

    /// Where the routes are described.
    pub fn source() -> Cite {
        Cite {
            doc: "suite".to_string(),
            at: "There are 4 possible development routes".to_string(),
        }
    }
}

impl fmt::Display for DevelopmentRoute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}) {}", self.number(), self.title())
    }
}
