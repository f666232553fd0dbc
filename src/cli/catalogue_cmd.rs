//! `qualplan validate` and `qualplan catalogue path`.

use super::output::{ReportFormat, json};
use super::{Failure, Kind};
use qualplan::catalogue::{self, CONFIG_FILE_NAME, CatalogueOrigin, LoadError};
use serde::Serialize;
use std::path::Path;

/// `validate --format json`: the same fields whether valid or not.
#[derive(Serialize)]
struct Verdict {
    file: String,
    valid: bool,
    qualification_count: Option<usize>,
    qualifications_on_sale_count: Option<usize>,
    unit_count: Option<usize>,
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

pub fn validate(origin: &CatalogueOrigin, format: ReportFormat) -> Result<String, Failure> {
    let file = origin.file_name();
    match catalogue::load(origin) {
        Ok(c) => {
            let on_sale = c.on_sale().count();
            let total = c.qualifications.len();
            Ok(match format {
                ReportFormat::Json => json(&Verdict {
                    file,
                    valid: true,
                    qualification_count: Some(total),
                    qualifications_on_sale_count: Some(on_sale),
                    unit_count: Some(c.units.len()),
                    problems: Vec::new(),
                }),
                ReportFormat::Table => format!(
                    "{file}: valid ({total} qualifications, {on_sale} on sale; {} units)\n",
                    c.units.len()
                ),
            })
        }
        Err(LoadError::Invalid(e)) if format == ReportFormat::Json => {
            let verdict = Verdict {
                file,
                valid: false,
                qualification_count: None,
                qualifications_on_sale_count: None,
                unit_count: None,
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
            // The verdict is the answer; the exit code says it is invalid.
            super::output::emit(&json(&verdict), false)
                .map_err(|e| Failure::file(format!("cannot write the output: {e}")))?;
            Err(Failure::reported(Kind::InvalidCatalogue))
        }
        Err(e @ LoadError::Invalid(_)) => Err(Failure::invalid_catalogue(e.to_string())),
        Err(e @ LoadError::Read { .. }) => Err(Failure::file(e.to_string())),
    }
}

#[derive(Serialize)]
struct PathJson {
    origin: &'static str,
    path: Option<String>,
    config_path: Option<String>,
}

pub fn path(origin: &CatalogueOrigin, config_dir: Option<&Path>, format: ReportFormat) -> String {
    let config_file = config_dir.map(|d| d.join(CONFIG_FILE_NAME));
    if format == ReportFormat::Json {
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
