//! Turning the names on a command line into qualifications and units, and
//! a name that does not resolve into an error that helps: the closest
//! names (those on sale first), the candidates when it could mean several,
//! and the right option when it names a unit where a qualification is
//! wanted, or the reverse.

use super::{Context, Failure};
use qualplan::catalogue::{Qualification, Unit};
use qualplan::planner::{self, Found, ResolveError, Suggestion};

/// Where a name was given, for the hint on a wrong one.
#[derive(Clone, Copy, Debug)]
pub enum Given<'a> {
    /// A command's own argument (`qualplan pay NAME`).
    Argument(&'a str),
    /// An option (`--from NAME`).
    Option(&'a str),
}

impl Context {
    /// The one qualification a command's words name (`pay level 5
    /// diploma`): the words are read together as one name.
    pub fn named_qualification(
        &self,
        words: &[String],
        command: &str,
    ) -> Result<&Qualification, Failure> {
        let name = words.join(" ");
        check_length(&name)?;
        if name.trim().is_empty() {
            return Err(Failure::usage(format!(
                "name the qualification: e.g. `qualplan {command} l5-dip-cm`"
            )));
        }
        match planner::resolve_qualification(&self.catalogue, &name) {
            Ok(q) => Ok(q),
            Err(e @ ResolveError::NotFound { .. }) if words.len() > 1 => {
                let whole: Vec<&str> = words
                    .iter()
                    .map(String::as_str)
                    .filter(|w| {
                        self.catalogue.qualification(&w.to_lowercase()).is_some()
                            || self.catalogue.unit(w).is_some()
                    })
                    .collect();
                if whole.len() > 1 {
                    return Err(Failure::usage(format!(
                        "`qualplan {command}` takes one qualification, and {} are separate ones: one at a time, e.g. `qualplan {command} {}`",
                        quoted(&whole),
                        whole[0]
                    )));
                }
                Err(failure(
                    e,
                    Given::Argument(command),
                    " (the words are read together, as one name)",
                ))
            }
            Err(e) => Err(failure(e, Given::Argument(command), "")),
        }
    }

    /// A qualification named where only one can be meant.
    pub fn qualification(&self, name: &str, given: Given) -> Result<&Qualification, Failure> {
        given_at_all(name, given, "a qualification's id or title, e.g. l5-dip-cm")?;
        planner::resolve_qualification(&self.catalogue, name).map_err(|e| failure(e, given, ""))
    }

    /// A unit, by any of its codes.
    pub fn unit(&self, code: &str, given: Given) -> Result<&Unit, Failure> {
        given_at_all(code, given, "a unit's code, e.g. 5017")?;
        planner::resolve_unit(&self.catalogue, code).map_err(|e| failure(e, given, ""))
    }

    /// A qualification or a unit (`show`).
    pub fn found(&self, name: &str) -> Result<Found<'_>, Failure> {
        check_length(name)?;
        planner::resolve(&self.catalogue, name).map_err(|e| failure(e, Given::Argument("show"), ""))
    }
}

/// A name that is there at all: `--from ""` says what it needs.
fn given_at_all(name: &str, given: Given, needs: &str) -> Result<(), Failure> {
    if name.trim().is_empty() {
        return Err(Failure::usage(format!(
            "{} needs {needs}",
            where_given(given)
        )));
    }
    Ok(())
}

/// Words given as several arguments, together no longer than one may be.
pub fn check_length(words: &str) -> Result<(), Failure> {
    planner::check_length(words).map_err(|e| Failure::usage(e.to_string()))
}

/// "`--from`", "`qualplan pay`".
fn where_given(given: Given) -> String {
    match given {
        Given::Argument(command) => format!("`qualplan {command}`"),
        Given::Option(option) => option.to_string(),
    }
}

/// "`a` and `b`", "`a`, `b` and `c`".
fn quoted(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// Names and titles, one a line, the names aligned.
fn listed(items: &[Suggestion]) -> String {
    let width = items
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    items
        .iter()
        .map(|s| {
            let note = if s.current { "" } else { " (older edition)" };
            format!("\n    {:<width$}  {}{note}", s.name, s.title)
        })
        .collect()
}

/// The resolver's error as the command line tells it: what is wrong, and
/// what to do.
fn failure(e: ResolveError, given: Given, note: &str) -> Failure {
    match &e {
        ResolveError::NotFound { name, suggestions } => {
            let what = match given {
                Given::Argument("show") => "qualification or unit",
                Given::Option("--unit") => "unit",
                _ => "qualification",
            };
            let mut message = format!("no {what} matches `{name}`{note}");
            if suggestions.is_empty() {
                let list = if what == "unit" {
                    "`qualplan list --units` lists every unit"
                } else {
                    "`qualplan list` shows every id"
                };
                message.push_str(&format!(
                    "\n  help: {list}, and `qualplan search WORDS` finds them by their words"
                ));
            } else {
                let these = if suggestions.len() == 1 {
                    "this"
                } else {
                    "one of these"
                };
                message.push_str(&format!(
                    "\n  help: did you mean {these}?{}",
                    listed(suggestions)
                ));
            }
            Failure::not_found(message)
        }
        ResolveError::Ambiguous { name, candidates } => Failure::not_found(format!(
            "`{name}` could mean any of these; name one by its id:{}",
            listed(candidates)
        )),
        ResolveError::IsUnit { unit, .. } => {
            let hint = match given {
                Given::Option("--from") => {
                    format!("name a unit held on its own with --unit {}", unit.name)
                }
                Given::Option(option) => format!(
                    "{option} takes qualifications; `qualplan show {}` shows the unit and the qualifications it is part of",
                    unit.name
                ),
                Given::Argument(command) => format!(
                    "`qualplan {command}` takes qualifications; `qualplan show {}` shows the unit and the qualifications it is part of",
                    unit.name
                ),
            };
            Failure::usage(format!("{e}\n  help: {hint}"))
        }
        ResolveError::TooLong { .. } => Failure::usage(e.to_string()),
        ResolveError::IsQualification { qualification, .. } => Failure::usage(format!(
            "{e}\n  help: name a qualification held with --from {}",
            qualification.name
        )),
    }
}
