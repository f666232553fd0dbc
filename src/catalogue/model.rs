//! The typed catalogue: what `catalogue.ron` holds, field by field.
//!
//! Every type denies unknown fields so that a misspelt field in a
//! hand-edited catalogue is an error rather than silently ignored.
//! `docs/catalogue.md` documents the format for providers.

use crate::money::Pence;
use serde::{Deserialize, Serialize};

/// The whole catalogue: the source documents it is built from, the pricing
/// policy, level equivalents, units and qualifications.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub awarding_body: String,
    pub sources: Vec<SourceDocument>,
    pub provider: Provider,
    pub pricing: PricingPolicy,
    pub levels: Vec<LevelEquivalents>,
    /// The two long lists, read so that the text behind them can be let
    /// go while a large catalogue file is parsed (`reading`).
    #[serde(deserialize_with = "super::reading::list")]
    pub units: Vec<Unit>,
    #[serde(deserialize_with = "super::reading::list")]
    pub qualifications: Vec<Qualification>,
    /// Lookups by code and id, built on first use; not part of the file.
    #[serde(skip)]
    pub(crate) index: std::sync::OnceLock<super::Index>,
}

/// A document the catalogue's figures are taken from, described as a
/// reader would look it up: its title, who published it and when.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// Short id that citations use, e.g. `pack`.
    pub id: String,
    /// The document's title, as printed on it.
    pub title: String,
    /// Who published it: the awarding body, the provider, HMRC.
    pub publisher: String,
    /// When the document dates from, as the document or its index says.
    pub date: String,
    /// For maintainers: the file the text was transcribed from, when it is
    /// one of the source documents kept with qualplan. Never shown.
    #[serde(default)]
    pub file: Option<String>,
}

/// Where in which source document a figure was found.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// A `SourceDocument::id`.
    pub doc: String,
    /// The section, table or heading within the document.
    pub at: String,
}

/// A value together with the source it was taken from, so that the app can
/// always say where a figure came from.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Cite,
}

/// The training provider whose prices the catalogue carries.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub name: String,
    /// What every listed price includes, as the pack states it.
    pub price_includes: Vec<String>,
    /// Terms the pack states that a quote should repeat.
    pub terms: Vec<String>,
    pub source: Cite,
}

/// How prices become what a learner pays.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PricingPolicy {
    /// VAT rate in whole percent; listed prices exclude VAT.
    pub vat_rate_percent: Sourced<u32>,
    pub top_up: TopUpRule,
    pub instalments: InstalmentPlan,
}

/// Progressing with the same provider to a further qualification at the same
/// level costs only the balance (target price minus held price).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TopUpRule {
    pub rule: Sourced<String>,
    /// Which progressions the rule covers; the pack's own words by default.
    #[serde(default)]
    pub reading: TopUpReading,
    /// The pack's worked example, checked by the validator.
    pub example: TopUpExample,
}

/// How widely a provider applies its top-up rule (docs/sources.md, "Top-ups").
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum TopUpReading {
    /// As the pack words it: any further qualification at the same level
    /// that costs more, whether or not a held unit counts towards it.
    #[default]
    SameLevel,
    /// Stricter: only where at least one unit of the held qualification
    /// counts towards the new one.
    UnitsCarryOver,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TopUpExample {
    /// Qualification id held.
    pub from: String,
    /// Qualification id progressed to.
    pub to: String,
    pub fee_ex_vat: Pence,
    pub source: Cite,
}

/// The provider's instalment plan: an initial payment that includes a
/// premium, then equal payments monthly, the last one on completion.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InstalmentPlan {
    /// Added to the price for paying by instalments.
    pub premium: Sourced<Pence>,
    /// Amount of each payment after the initial one.
    pub instalment: Sourced<Pence>,
    /// Number of monthly payments after the initial one.
    pub monthly_payments: Sourced<u32>,
    /// Whether one further instalment is due on successful completion.
    pub final_payment_on_completion: Sourced<bool>,
    /// The pack's worked example, checked by the validator.
    pub example: InstalmentExample,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InstalmentExample {
    pub price: Pence,
    pub initial_payment: Pence,
    pub monthly_payment: Pence,
    pub final_payment: Pence,
    pub total: Pence,
    pub source: Cite,
}

/// Academic equivalents of a qualification level (RQF).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelEquivalents {
    pub level: u8,
    pub equivalents: Vec<String>,
    pub source: Cite,
}

/// Which edition of the suite a unit or qualification belongs to.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edition {
    /// On sale: the provider pack of 2016 and the Level 3 specification of 2014.
    Current,
    /// The D-coded suite: not on sale, kept so an advisor can look up what a
    /// caller already holds.
    Older,
}

/// A qualification's size: how much of the subject it covers.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Size {
    Award,
    Certificate,
    Diploma,
}

/// Which stream of the suite a qualification belongs to.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stream {
    Coaching,
    Mentoring,
    CoachingAndMentoring,
}

/// A unit of learning with its own credit value and assessment. The same
/// unit can be known by several codes (the sources number it differently);
/// all of them resolve to this unit.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The code the unit is listed under; unique across the catalogue.
    pub code: String,
    /// Other codes the sources use for the same unit.
    #[serde(default)]
    pub other_codes: Vec<Sourced<String>>,
    pub title: String,
    pub level: u8,
    pub edition: Edition,
    /// Where the code, title and level come from.
    pub source: Cite,
    pub credits: Sourced<u32>,
    /// Guided learning hours, where a source gives them.
    #[serde(default)]
    pub glh: Option<Sourced<u32>>,
    /// Coaching or mentoring practice the unit requires in the workplace.
    #[serde(default)]
    pub practice: Option<Practice>,
    #[serde(default)]
    pub outcomes: Vec<LearningOutcome>,
    #[serde(default)]
    pub outcomes_source: Option<Cite>,
}

/// Required workplace practice: hours with real clients.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    pub hours: Sourced<u32>,
    /// Minimum number of clients, where a source states one.
    #[serde(default)]
    pub min_clients: Option<Sourced<u32>>,
}

/// What the learner will do ("Be able to ..."), with the criteria an
/// assessor checks.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LearningOutcome {
    pub number: u32,
    pub text: String,
    pub criteria: Vec<AssessmentCriterion>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentCriterion {
    /// `outcome.criterion`, e.g. `2.3`.
    pub number: String,
    pub text: String,
}

/// A qualification a learner can register for (or may already hold).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Short stable id a person can type, e.g. `l5-cert-cm`.
    pub id: String,
    pub title: String,
    pub level: u8,
    pub size: Size,
    pub stream: Stream,
    pub edition: Edition,
    /// Where the title, level, size and stream come from.
    pub source: Cite,
    /// Ofqual qualification accreditation number, where given.
    #[serde(default)]
    pub qualification_number: Option<Sourced<String>>,
    /// The stated credit value; the rules of combination must add up to it.
    pub credits: Sourced<u32>,
    pub rules: RulesOfCombination,
    #[serde(default)]
    pub induction_hours: Option<Sourced<u32>>,
    /// Minimum tutorial support hours.
    #[serde(default)]
    pub tutorial_hours: Option<Sourced<u32>>,
    /// Guided learning hours as a source states them for the whole
    /// qualification (the units' own hours are summed separately).
    #[serde(default)]
    pub stated_glh: Option<Sourced<u32>>,
    /// How long an ILM registration is valid for.
    #[serde(default)]
    pub registration_months: Option<Sourced<u32>>,
    /// The provider's suggested target time for completing.
    #[serde(default)]
    pub target_months: Option<Sourced<MonthRange>>,
    /// Price excluding VAT; `None` means price on request.
    #[serde(default)]
    pub price: Option<Sourced<Pence>>,
    #[serde(default)]
    pub audience: Option<Sourced<String>>,
    #[serde(default)]
    pub entry_requirements: Option<Sourced<String>>,
    #[serde(default)]
    pub assessment: Vec<Sourced<String>>,
    #[serde(default)]
    pub progression: Vec<Progression>,
    /// Larger qualifications at the same level this one can be upgraded to.
    #[serde(default)]
    pub upgrades: Vec<UpgradeRoute>,
    /// Further facts worth showing, each with its source.
    #[serde(default)]
    pub notes: Vec<Sourced<String>>,
}

/// A span of months, e.g. a suggested target of 2-3 years is 24..=36.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MonthRange {
    pub min: u32,
    pub max: u32,
}

/// Which units make up a qualification: all mandatory units, plus, when
/// there are optional groups, one group completed to its credit value.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesOfCombination {
    /// Unit codes (any of a unit's codes).
    pub mandatory: Vec<String>,
    /// The learner completes one of these groups.
    #[serde(default)]
    pub optional_groups: Vec<OptionalGroup>,
    pub source: Cite,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionalGroup {
    pub name: String,
    pub units: Vec<String>,
    /// Credits the learner must reach from this group.
    pub min_credits: u32,
}

/// Where a learner can go next (not necessarily within this catalogue).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Progression {
    /// A qualification id in this catalogue, if the destination is one.
    #[serde(default)]
    pub to: Option<String>,
    pub text: String,
    pub source: Cite,
}

/// An upgrade to a larger qualification at the same level.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UpgradeRoute {
    /// Qualification id.
    pub to: String,
    pub source: Cite,
}
