//! A synthetic catalogue of any size: the real one plus N generated
//! qualifications with realistic units, titles and learning outcomes, valid
//! by construction. For benchmarks and load tests of large catalogues.

use qualplan::catalogue::{
    self, AssessmentCriterion, Catalogue, CatalogueOrigin, Cite, Edition, LearningOutcome,
    MonthRange, Practice, Qualification, RulesOfCombination, Size, Sourced, Stream, Unit,
    UpgradeRoute,
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

/// Credits of a family's units, in order: the shared core unit, then the
/// family's own units. An Award takes the first two, a Certificate the
/// first four, a Diploma all six, as in the real suite.
const UNITS_PER_SIZE: [usize; 3] = [2, 4, 6];

/// The embedded catalogue with `n` generated qualifications added, in
/// families of an Award, a Certificate and a Diploma at one level and
/// stream. Every family shares the core unit of its level and stream (as
/// the real units are shared across the suite), the larger sizes contain
/// the smaller ones' units, and the Award and Certificate list their
/// upgrade routes within the family.
pub fn catalogue(n: usize) -> Catalogue {
    let mut c =
        catalogue::load(&CatalogueOrigin::Embedded).expect("the embedded catalogue is valid");
    let families = n.div_ceil(3);
    let shape = |f: usize| {
        let level = [3u8, 5, 7][f % 3];
        let stream = [
            Stream::Coaching,
            Stream::Mentoring,
            Stream::CoachingAndMentoring,
        ][(f / 3) % 3];
        (level, stream)
    };
    // One core unit per level and stream, shared by every family there.
    let core_code = |f: usize| format!("SCORE-{}", f % 9);
    for f in 0..families.min(9) {
        let (level, _) = shape(f);
        c.units.push(unit(core_code(f), f, 0, level, 6));
    }
    for f in 0..families {
        let (level, _) = shape(f);
        // The last family may lack its larger sizes, and their units.
        let largest = (n - 3 * f).min(3) - 1;
        for u in 1..UNITS_PER_SIZE[largest] {
            let credits = 4 + ((f + u) % 5) as u32;
            c.units
                .push(unit(format!("S{f:05}-{u}"), f, u, level, credits));
        }
    }
    // The units are all in: look them up by the index, not by a walk
    // through ever more of them (which made 10,000 take seconds).
    c.reindex();
    for q in 0..n {
        let f = q / 3;
        let (level, stream) = shape(f);
        let size = [Size::Award, Size::Certificate, Size::Diploma][q % 3];
        let codes: Vec<String> = (0..UNITS_PER_SIZE[q % 3])
            .map(|u| {
                if u == 0 {
                    core_code(f)
                } else {
                    format!("S{f:05}-{u}")
                }
            })
            .collect();
        let credits = codes
            .iter()
            .map(|code| c.unit(code).expect("generated above").credits.value)
            .sum();
        let upgrades = (q % 3 + 1..3)
            .map(|larger| 3 * f + larger)
            .filter(|&to| to < n)
            .map(|to| UpgradeRoute {
                to: id(to),
                source: cite("synthetic"),
            })
            .collect();
        let topic = TOPICS[f % TOPICS.len()];
        c.qualifications.push(Qualification {
            id: id(q),
            title: format!("Synthetic Level {level} {size} in {stream}: {topic} {f}"),
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
                min: 6 + (q % 3) as u32 * 6,
                max: 9 + (q % 3) as u32 * 9,
            })),
            price: Some(sourced(Pence::pounds(
                [400, 1_200, 2_400][q % 3] + (f as i32 % 20) * 25,
            ))),
            audience: None,
            entry_requirements: None,
            assessment: vec![sourced("Written assignments".to_string())],
            progression: Vec::new(),
            upgrades,
            notes: Vec::new(),
        });
    }
    c.reindex();
    c
}

fn id(q: usize) -> String {
    format!("syn-{q:05}")
}

/// Unit `u` of family `f`, with two to four learning outcomes of three
/// criteria each; the last unit of a Diploma has supervised practice.
fn unit(code: String, f: usize, u: usize, level: u8, credits: u32) -> Unit {
    let topic = TOPICS[(f * 7 + u) % TOPICS.len()];
    let verb = VERBS[(f + u * 5) % VERBS.len()];
    let outcomes = (1..=2 + (f + u) % 3)
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
    let title = if u == 0 {
        format!("{verb} {topic} (Level {level} core)")
    } else {
        format!("{verb} {topic} (Level {level}, set {f})")
    };
    Unit {
        code,
        other_codes: Vec::new(),
        title,
        level,
        edition: Edition::Current,
        source: cite("synthetic"),
        credits: sourced(credits),
        glh: Some(sourced(credits * 2 + 3)),
        practice: (u == UNITS_PER_SIZE[2] - 1).then(|| Practice {
            hours: sourced(6 * credits),
            min_clients: Some(sourced(1 + (f % 3) as u32)),
        }),
        outcomes,
        outcomes_source: Some(cite("synthetic")),
    }
}

/// The catalogue as RON text, laid out as the real `catalogue.ron` is: one
/// field per line, each figure and its citation on one line.
pub fn text(n: usize) -> String {
    let layout = ron::ser::PrettyConfig::default().depth_limit(4);
    ron::ser::to_string_pretty(&catalogue(n), layout).expect("serialises")
}
