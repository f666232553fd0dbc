//! The command line over the catalogue: help, validate, catalogue path and
//! export, exit codes, and the loader's precedence
//! (embedded < config directory < --catalogue).

use qualplan::catalogue::{self, CatalogueOrigin, EMBEDDED_CATALOGUE};
use std::path::Path;
use std::process::Stdio;

#[path = "support/home.rs"]
mod support;

/// `qualplan` with its home in `home`, so the user's real config never
/// leaks into a test.
fn qualplan(home: &Path) -> assert_cmd::Command {
    support::command(home)
}

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write_config_catalogue(home: &Path, text: &str) -> std::path::PathBuf {
    let dir = home.join("config").join("qualplan");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("catalogue.ron");
    std::fs::write(&path, text).unwrap();
    path
}

/// The embedded catalogue with the Level 7 Diploma's price changed, so a
/// test can tell which catalogue was loaded.
fn repriced(pence: u32) -> String {
    EMBEDDED_CATALOGUE.replacen(
        "price: Some((value: 255000,",
        &format!("price: Some((value: {pence},"),
        1,
    )
}

#[test]
fn no_arguments_without_a_terminal_points_to_the_subcommands() {
    let home = tempfile::tempdir().unwrap();
    let out = qualplan(home.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("qualplan: the interactive app needs a terminal"),
        "{err}"
    );
    assert!(err.contains("`qualplan list`"), "{err}");
}

#[test]
fn help_lists_the_commands() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout_of(qualplan(home.path()).arg("--help"));
    assert!(text.contains("Usage: qualplan"), "{text}");
    assert!(text.contains("validate"));
    assert!(text.contains("catalogue export"));
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

#[test]
fn validate_the_embedded_catalogue() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout_of(qualplan(home.path()).arg("validate"));
    assert_eq!(
        text,
        "<built-in catalogue.ron>: valid (18 qualifications, 9 on sale; 33 units)\n"
    );
}

#[test]
fn validate_reports_every_problem_with_position_and_exits_4() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("broken.ron");
    let broken = EMBEDDED_CATALOGUE
        .replacen("fee_ex_vat: 53000,", "fee_ex_vat: 50000,", 1)
        .replacen(
            "vat_rate_percent: (value: 20,",
            "vat_rate_percent: (value: 120,",
            1,
        );
    std::fs::write(&path, broken).unwrap();
    let out = qualplan(home.path())
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let name = path.display().to_string();
    assert!(
        err.contains(&format!(
            "error: {name}:44:9: catalogue: the VAT rate is 120; it must be from 0 to 100"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("error: {name}:47:")), "{err}");
    assert!(
        err.contains("the example's fee is £500.00, but the prices give a balance of £530.00"),
        "{err}"
    );
    assert!(
        err.trim_end().ends_with(&format!(
            "2 problems in {name}; the catalogue was not loaded"
        )),
        "{err}"
    );
}

#[test]
fn validate_a_syntax_error_names_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("syntax.ron");
    std::fs::write(
        &path,
        "(\n    awarding_body: \"ILM\",\n    sources: [\n        (id: \"x\" file: \"y\"),\n",
    )
    .unwrap();
    let out = qualplan(home.path())
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("error: {}:4:", path.display())),
        "{err}"
    );
}

#[test]
fn unreadable_catalogue_is_exit_5_with_advice() {
    let home = tempfile::tempdir().unwrap();
    let out = qualplan(home.path())
        .args(["validate", "/no/such/catalogue.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: cannot read the catalogue /no/such/catalogue.ron:"),
        "{err}"
    );
    assert!(err.contains("help: check the path"), "{err}");
}

#[test]
fn usage_error_is_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let out = qualplan(home.path())
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = qualplan(home.path())
        .args(["catalogue", "burn"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_prints_the_embedded_catalogue_which_validates() {
    let home = tempfile::tempdir().unwrap();
    let text = stdout_of(qualplan(home.path()).args(["catalogue", "export"]));
    assert_eq!(text, EMBEDDED_CATALOGUE);
    let path = home.path().join("exported.ron");
    std::fs::write(&path, text).unwrap();
    let check = stdout_of(qualplan(home.path()).arg("validate").arg(&path));
    assert!(
        check.contains(": valid (18 qualifications, 9 on sale; 33 units)"),
        "{check}"
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    let home = tempfile::tempdir().unwrap();
    // The export is larger than a pipe's buffer, so writing into the closed
    // pipe fails part-way.
    let mut child = support::std_command(home.path())
        .args(["catalogue", "export"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "status {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn catalogue_path_follows_precedence() {
    let home = tempfile::tempdir().unwrap();
    let config_file = home
        .path()
        .join("config")
        .join("qualplan")
        .join("catalogue.ron");

    let embedded = stdout_of(qualplan(home.path()).args(["catalogue", "path"]));
    assert_eq!(
        embedded,
        format!(
            "built-in catalogue (embedded in qualplan)\nA catalogue here would override it:\n  {}\n--catalogue PATH overrides both.\n",
            config_file.display()
        )
    );

    write_config_catalogue(home.path(), &repriced(260_000));
    let config = stdout_of(qualplan(home.path()).args(["catalogue", "path"]));
    assert!(
        config.starts_with(&format!(
            "{} (from the config directory)\n",
            config_file.display()
        )),
        "{config}"
    );

    let explicit = home.path().join("mine.ron");
    std::fs::write(&explicit, EMBEDDED_CATALOGUE).unwrap();
    let argument = stdout_of(
        qualplan(home.path())
            .arg("--catalogue")
            .arg(&explicit)
            .args(["catalogue", "path"]),
    );
    assert_eq!(
        argument,
        format!("{} (from --catalogue)\n", explicit.display())
    );
}

#[test]
fn an_invalid_config_catalogue_is_reported_not_skipped() {
    let home = tempfile::tempdir().unwrap();
    let path = write_config_catalogue(home.path(), "(awarding_body: 1)");
    let out = qualplan(home.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("error: {}:1:", path.display())),
        "{err}"
    );
}

#[test]
fn loader_precedence_embedded_config_argument() {
    let home = tempfile::tempdir().unwrap();
    let config_dir = home.path().join("config-dir");
    std::fs::create_dir_all(&config_dir).unwrap();
    let price = |origin: &CatalogueOrigin| {
        let c = catalogue::load(origin).unwrap();
        c.qualification("l7-dip-ecm")
            .unwrap()
            .price
            .as_ref()
            .unwrap()
            .value
            .0
    };

    // Nothing in the config directory: the embedded catalogue.
    let origin = catalogue::resolve_origin(None, Some(&config_dir));
    assert_eq!(origin, CatalogueOrigin::Embedded);
    assert_eq!(price(&origin), 255_000);

    // A catalogue.ron in the config directory overrides it.
    let config_file = config_dir.join("catalogue.ron");
    std::fs::write(&config_file, repriced(260_000)).unwrap();
    let origin = catalogue::resolve_origin(None, Some(&config_dir));
    assert_eq!(origin, CatalogueOrigin::ConfigDir(config_file.clone()));
    assert_eq!(price(&origin), 260_000);

    // --catalogue overrides both.
    let explicit = home.path().join("explicit.ron");
    std::fs::write(&explicit, repriced(270_000)).unwrap();
    let origin = catalogue::resolve_origin(Some(&explicit), Some(&config_dir));
    assert_eq!(origin, CatalogueOrigin::Argument(explicit.clone()));
    assert_eq!(price(&origin), 270_000);
}
