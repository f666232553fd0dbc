//! `qualplan validate` and `qualplan catalogue path`.

use super::Failure;
use super::output::{Format, Table, json};
use qualplan::catalogue::{self, CONFIG_FILE_NAME, CatalogueOrigin, LoadError};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Serialize)]
struct Verdict {
    file: String,
    valid: bool,
    qualifications: Option<usize>,
    qualifications_on_sale: Option<usize>,
    units: Option<usize>,
    problems: Vec<ProblemJson>,
}

#[derive(Serialize)]
struct ProblemJson {
    line: usize,
    column: usize,
    item: String,
    message: String,
    help: String,
}

pub fn validate(origin: &CatalogueOrigin, format: Format) -> Result<String, Failure> {
    let file = origin.file_name();
    match catalogue::load(origin) {
        Ok(c) => {
            let on_sale = c.on_sale().count();
            let total = c.qualifications.len();
            Ok(match format {
                Format::Json => json(&Verdict {
                    file,
                    valid: true,
                    qualifications: Some(total),
                    qualifications_on_sale: Some(on_sale),
                    units: Some(c.units.len()),
                    problems: Vec::new(),
                }),
                Format::Table => format!(
                    "{file}: valid ({total} qualifications, {on_sale} on sale; {} units)\n",
                    c.units.len()
                ),
                other => {
                    let mut t =
                        Table::new(&["file", "valid", "qualifications", "on sale", "units"]);
                    t.row(vec![
                        file,
                        "yes".into(),
                        total.to_string(),
                        on_sale.to_string(),
                        c.units.len().to_string(),
                    ]);
                    t.render(other)
                }
            })
        }
        Err(LoadError::Invalid(e)) if format == Format::Json => {
            let verdict = Verdict {
                file,
                valid: false,
                qualifications: None,
                qualifications_on_sale: None,
                units: None,
                problems: e
                    .problems
                    .into_iter()
                    .map(|p| ProblemJson {
                        line: p.line,
                        column: p.column,
                        item: p.item,
                        message: p.message,
                        help: p.help,
                    })
                    .collect(),
            };
            // Written as every output is (a closed pipe is no panic), and
            // still a failure whatever the writing did.
            let _ = super::output::emit(&json(&verdict));
            Err(Failure::Reported(ExitCode::from(1)))
        }
        Err(e) => {
            qualplan::text::report(&e.to_string());
            Err(Failure::Reported(ExitCode::from(match e {
                LoadError::Read { .. } => 2,
                LoadError::Invalid(_) => 1,
            })))
        }
    }
}

#[derive(Serialize)]
struct PathJson {
    origin: &'static str,
    path: Option<String>,
    config_path: Option<String>,
}

pub fn path(origin: &CatalogueOrigin, config_dir: Option<&Path>, format: Format) -> String {
    let config_file = config_dir.map(|d| d.join(CONFIG_FILE_NAME));
    if format == Format::Json {
        let (kind, path) = match origin {
            CatalogueOrigin::Embedded => ("embedded", None),
            CatalogueOrigin::ConfigDir(p) => ("config-dir", Some(p.display().to_string())),
            CatalogueOrigin::Argument(p) => ("argument", Some(p.display().to_string())),
        };
        return json(&PathJson {
            origin: kind,
            path,
            config_path: config_file.map(|p| p.display().to_string()),
        });
    }
    let mut text = format!("{origin}\n");
    match (origin, config_file) {
        (CatalogueOrigin::Embedded, Some(file)) => text.push_str(&format!(
            "A catalogue here would override it:\n  {}\n--catalogue PATH overrides both.\n",
            file.display()
        )),
        (CatalogueOrigin::ConfigDir(_), _) => {
            text.push_str("It overrides the built-in catalogue; --catalogue PATH overrides it.\n")
        }
        _ => {}
    }
    text
}
