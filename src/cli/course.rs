//! What `upgrade`, `plan`, `pay` and `quote` share: reading the holding
//! options, working the course out, and the CLI's own hints on the
//! planner's errors.

use super::names::Given;
use super::output::{Doc, Table};
use super::{Context, Failure, HoldingArgs};
use qualplan::planner::{Course, CourseError, CourseKind, Holding, PayError};

impl Context {
    /// The holding the options describe, every name resolved.
    pub fn holding(&self, a: &HoldingArgs) -> Result<Holding, Failure> {
        if a.elsewhere && a.from.is_empty() {
            return Err(Failure::usage(
                "--elsewhere says where the qualifications held were completed: name them with --from, e.g. --from l5-cert-cm --elsewhere",
            ));
        }
        let mut holding = Holding {
            qualifications: Vec::new(),
            units: Vec::new(),
            with_provider: !a.elsewhere,
        };
        for name in &a.from {
            let id = self
                .qualification(name, Given::Option("--from"))?
                .id
                .clone();
            if !holding.qualifications.contains(&id) {
                holding.qualifications.push(id);
            }
        }
        for code in &a.units {
            let unit = self.unit(code, Given::Option("--unit"))?;
            if !holding.units.contains(&unit.code) {
                holding.units.push(unit.code.clone());
            }
        }
        Ok(holding)
    }

    /// The course for `target` (an id) given `holding`.
    pub fn course(&self, target: &str, holding: &Holding) -> Result<Course, Failure> {
        Course::new(&self.catalogue, target, holding).map_err(course_failure)
    }
}

/// The planner's error, with what to do on the command line.
pub fn course_failure(e: CourseError) -> Failure {
    match &e {
        CourseError::UnknownQualification(_) => {
            Failure::not_found(format!("{e}\n  help: `qualplan list` shows every id"))
        }
        CourseError::UnknownUnit(_) => {
            Failure::not_found(format!("{e}\n  help: `qualplan list --units` lists them"))
        }
        CourseError::NotOnSale(_) => Failure::refused(format!(
            "{e}\n  help: `qualplan list` shows what is on sale; `qualplan upgrade --from ...` what is open from a qualification held"
        )),
        CourseError::AlreadyHeld(_) | CourseError::NoRoute(_) | CourseError::TooLarge { .. } => {
            Failure::refused(e.to_string())
        }
    }
}

/// A payment plan that cannot be made, with what to change on the
/// command line.
pub fn pay_failure(e: PayError, fee: Option<qualplan::money::Pence>, later: i64) -> Failure {
    use qualplan::pricing::PricingError;
    let hint = match (&e, fee) {
        // Whole-pound instalments that leave a first payment at least as
        // large as each of them.
        (PayError::Pricing(PricingError::InstalmentsExceedPrice { .. }), Some(price)) => Some(
            format!("for example --instalment {}", price.0 / 100 / (later + 1)),
        ),
        (PayError::Pricing(PricingError::NoInstalments), _) => {
            Some("give --months 1 or more, or leave out --no-final-payment".to_string())
        }
        _ => None,
    };
    Failure::refused(match hint {
        Some(hint) => format!("{e}\n  help: {hint}"),
        None => e.to_string(),
    })
}

/// The course's figures as a two-column table.
pub fn figures_table(course: &Course) -> Table {
    let mut t = Table::new(&["figure", "value"]);
    for f in course.figures() {
        t.row(vec![f.label, f.value]);
    }
    t
}

/// "Upgrade from l5-cert-cm to l5-dip-cm: top-up"; "l5-dip-cm, holding
/// l5-cert-cm, held elsewhere: new registration".
pub fn heading(course: &Course) -> String {
    let to = &course.qualification;
    match (&course.from, course.kind) {
        (Some(from), CourseKind::TopUp | CourseKind::Upgrade) => {
            format!("Upgrade from {from} to {to}: {}", course.kind)
        }
        _ if course.holding.is_empty() => {
            format!("{} ({to}): {}", course.title, course.kind)
        }
        _ => format!("{to}, holding {}: {}", course.holding, course.kind),
    }
}

impl HoldingArgs {
    /// The holding options as given, for a quote that overrides the
    /// enquiry's own.
    pub fn override_for(&self, ctx: &Context) -> Result<Option<Holding>, Failure> {
        if self.given() {
            ctx.holding(self).map(Some)
        } else {
            Ok(None)
        }
    }
}

/// For someone who holds something: the course in a line, then how its
/// figures were worked out.
pub fn explain(doc: &mut Doc, course: &Course) {
    if course.holding.is_empty() {
        return;
    }
    doc.para(format!("{}.", course.summary()));
    for n in &course.notes {
        doc.para(format!("{n}."));
    }
}
