//! Faults around the files qualplan reads: an unreadable catalogue in the
//! config directory is reported with what to do, never skipped silently.
//! (Saves that fail midway: tests/enquiries.rs; kills, signals and an
//! unusable data directory: tests/e2e.rs; a full or read-only disk:
//! `examples/fault_injection.rs`, as docs/reliability.md describes.)

use assert_cmd::Command;

/// `qualplan list` with its home in `home`.
fn list(home: &std::path::Path) -> std::process::Output {
    Command::cargo_bin("qualplan")
        .unwrap()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .arg("list")
        .output()
        .unwrap()
}

#[test]
fn an_unreadable_config_catalogue_is_reported_with_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    // A directory where the catalogue file should be: it cannot be read.
    let file = home.path().join("config/qualplan/catalogue.ron");
    std::fs::create_dir_all(&file).unwrap();
    let out = list(home.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "error: cannot read the catalogue {}: Is a directory",
            file.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "help: fix the file's permissions, or move it away to use the built-in catalogue"
        ),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_config_directory_that_cannot_be_looked_into_is_reported() {
    let home = tempfile::tempdir().unwrap();
    // A file where the config directory should be.
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(home.path().join("config/qualplan"), "not a directory").unwrap();
    let out = list(home.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("error: cannot read the catalogue") && stderr.contains("Not a directory"),
        "{stderr}"
    );
}
