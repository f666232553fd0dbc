//! The planner: the brain of qualplan. Pure functions over the catalogue
//! (no terminal, no I/O, no clock) that the command line, the TUI and the
//! tests all call.

mod compare;
mod course;
mod facts;
mod hours;
mod payment;
mod profile;
mod recommend;
mod resolve;
mod routes;
mod search;
mod timeline;

pub use compare::{ComparisonRow, Filter, SortKey, compare};
pub use course::{Basis, Course, CourseError, CourseKind, Figure, Holding, PayError, all_upgrades};
pub use facts::{Fact, FactSource, onward_facts, qualification_facts, unit_facts};
pub use hours::{HoursError, HoursPerWeek};
pub use payment::{Due, Payment, PaymentKind, PaymentPlan, pay_by_instalments, pay_in_full};
pub use profile::{Interest, LearnerProfile, Role};
pub use recommend::{Candidate, Fit, Reason, ReasonKind, Recommendation, recommend};
pub use resolve::{
    Found, ResolveError, Suggestion, check_length, resolve, resolve_qualification, resolve_unit,
};
pub use routes::DevelopmentRoute;
pub use search::{HitKind, SearchHit, SearchIndex, SearchResults, search_once};
pub use timeline::{Timeline, add_months, add_weeks, timeline};
