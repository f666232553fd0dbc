//! A synthetic catalogue of any size: the real one plus N generated
//! qualifications with realistic units, titles and learning outcomes, valid
//! by construction. For benchmarks and load tests of large catalogues.

use qualplan::catalogue::{
    self, AssessmentCriterion, Catalogue, CatalogueOrigin, Cite, Edition, LearningOutcome,
    MonthRange, Practice, Qualification, RulesOfCombination, Size, Sourced, Stream, Unit,
};
use qualplan::money::Pence;

const TOPICS: [&str; 12] = [
    "Coaching Conversations",
    "Mentoring Relationships",
    "Reflective Practice",
    "Contracting and Ethics",
    "Supervision in Practice",
    "Coaching for Performance",
    "Developing Others",
    "Team Coaching",
    "Feedback and Questioning",
    "Organisational Coaching Culture",
    "Career Mentoring",
    "Evaluating Coaching Outcomes",
];

const VERBS: [&str; 6] = [
    "Understanding",
    "Undertaking",
    "Reflecting on",
    "Planning",
    "Evaluating",
    "Leading",
];

fn cite(at: &str) -> Cite {
    Cite {
        doc: "pack".to_string(),
        at: at.to_string(),
    }
}

fn sourced<T>(value: T) -> Sourced<T> {
    Sourced {
        value,
        source: cite("synthetic"),
    }
}

/// The embedded catalogue with `n` generated qualifications added.
pub fn catalogue(n: usize) -> Catalogue {
    let mut c =
        catalogue::load(&CatalogueOrigin::Embedded).expect("the embedded catalogue is valid");
    for q in 0..n {
        let level = [3u8, 5, 7][q % 3];
        let size = [Size::Award, Size::Certificate, Size::Diploma][(q / 3) % 3];
        let stream = [
            Stream::Coaching,
            Stream::Mentoring,
            Stream::CoachingAndMentoring,
        ][(q / 9) % 3];
        let units = 3 + q % 4;
        let mut codes = Vec::new();
        let mut credits = 0;
        for u in 0..units {
            let code = format!("S{q:05}-{u}");
            let unit_credits = 2 + ((q + u) % 6) as u32;
            credits += unit_credits;
            let topic = TOPICS[(q * 7 + u) % TOPICS.len()];
            let verb = VERBS[(q + u * 5) % VERBS.len()];
            let outcomes = (1..=2 + (q + u) % 3)
                .map(|o| LearningOutcome {
                    number: o as u32,
                    text: format!(
                        "Be able to apply {} in the workplace, stage {o}",
                        topic.to_lowercase()
                    ),
                    criteria: (1..=3)
                        .map(|k| AssessmentCriterion {
                            number: format!("{o}.{k}"),
                            text: format!(
                                "Explain and evidence {} with clients, aspect {k}",
                                topic.to_lowercase()
                            ),
                        })
                        .collect(),
                })
                .collect();
            c.units.push(Unit {
                code: code.clone(),
                other_codes: Vec::new(),
                title: format!("{verb} {topic} (Level {level}, set {q})"),
                level,
                edition: Edition::Current,
                source: cite("synthetic"),
                credits: sourced(unit_credits),
                glh: Some(sourced(unit_credits * 2 + 3)),
                practice: (u == units - 1).then(|| Practice {
                    hours: sourced(6 * unit_credits),
                    min_clients: Some(sourced(1 + u as u32 % 3)),
                }),
                outcomes,
                outcomes_source: Some(cite("synthetic")),
            });
            codes.push(code);
        }
        c.qualifications.push(Qualification {
            id: format!("syn-{q:05}"),
            title: format!(
                "Synthetic Level {level} {size} in {} {q}",
                TOPICS[q % TOPICS.len()]
            ),
            level,
            size,
            stream,
            edition: Edition::Current,
            source: cite("synthetic"),
            qualification_number: None,
            credits: sourced(credits),
            rules: RulesOfCombination {
                mandatory: codes,
                optional_groups: Vec::new(),
                source: cite("synthetic"),
            },
            induction_hours: Some(sourced(1)),
            tutorial_hours: Some(sourced(2)),
            stated_glh: None,
            registration_months: Some(sourced(36)),
            target_months: Some(sourced(MonthRange {
                min: 9 + (q % 3) as u32 * 9,
                max: 18 + (q % 3) as u32 * 9,
            })),
            price: Some(sourced(Pence::pounds(500 + (q as i64 % 40) * 50))),
            audience: None,
            entry_requirements: None,
            assessment: vec![sourced("Written assignments".to_string())],
            progression: Vec::new(),
            upgrades: Vec::new(),
            notes: Vec::new(),
        });
    }
    c
}

/// The catalogue as RON text, as a provider's file would be.
pub fn text(n: usize) -> String {
    ron::ser::to_string_pretty(&catalogue(n), ron::ser::PrettyConfig::default())
        .expect("serialises")
}
