//! Faults around the files qualplan reads: an unreadable catalogue in the
//! config directory is reported with what to do, never skipped silently.
//! (Saves that fail midway: tests/enquiries.rs; kills, signals and an
//! unusable data directory: tests/e2e.rs; a full or read-only disk:
//! `examples/fault_injection.rs`, as docs/reliability.md describes.)

#[path = "support/home.rs"]
mod support;

use support::qualplan;

/// `qualplan list` with its home in `home`.
fn list(home: &std::path::Path) -> std::process::Output {
    qualplan(home, &["list"])
}

#[test]
fn an_unreadable_config_catalogue_is_reported_with_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    // A directory where the catalogue file should be: it cannot be read.
    let file = home.path().join("config/qualplan/catalogue.ron");
    std::fs::create_dir_all(&file).unwrap();
    let out = list(home.path());
    assert_eq!(out.status.code(), Some(5), "a file that cannot be read");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "error: cannot read the catalogue {}: it is a folder, not a regular file",
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

/// A FIFO in place of the config catalogue is refused at once (reading it
/// used to wait for ever), and a link to nowhere is reported, not skipped
/// for the built-in catalogue.
#[cfg(unix)]
#[test]
fn special_and_dangling_config_catalogues_are_reported_without_blocking() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/qualplan");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("catalogue.ron");
    let name = std::ffi::CString::new(file.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let out = qualplan(home.path(), &["list"]);
    assert_eq!(out.status.code(), Some(5), "a file that cannot be read");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("it is a FIFO (named pipe), not a regular file"),
        "{err}"
    );
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(home.path().join("gone.ron"), &file).unwrap();
    let out = qualplan(home.path(), &["list"]);
    assert_eq!(out.status.code(), Some(5), "a file that cannot be read");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "it is a link to {}, which does not exist",
            home.path().join("gone.ron").display()
        )),
        "{err}"
    );
}

/// Everything qualplan creates in the home is private: the data, state
/// and cache folders 0700; the log, the lock, enquiries, quotes and cache
/// copies 0600.
#[cfg(unix)]
#[test]
fn everything_qualplan_creates_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let store =
        qualplan::enquiry::EnquiryStore::open(home.path().join("data/qualplan/enquiries")).unwrap();
    let mut e = qualplan::enquiry::Enquiry::new(
        "enq-20261201-100000".into(),
        chrono::NaiveDateTime::parse_from_str("2026-12-01 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap(),
    );
    e.chosen = Some("l5-dip-cm".into());
    store.save(&mut e).unwrap();
    // A catalogue file (kept compiled in the cache) and --verbose (the
    // log), so that every kind of file qualplan makes is made.
    let elsewhere = tempfile::tempdir().unwrap();
    let catalogue = elsewhere.path().join("catalogue.ron");
    std::fs::write(&catalogue, qualplan::catalogue::EMBEDDED_CATALOGUE).unwrap();
    let out = qualplan(
        home.path(),
        &[
            "quote",
            "enq-20261201-100000",
            "--verbose",
            "--catalogue",
            catalogue.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut checked = 0;
    let mut stack = vec![home.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let m = std::fs::symlink_metadata(&path).unwrap();
            let mode = m.permissions().mode() & 0o777;
            if m.is_dir() {
                assert_eq!(mode, 0o700, "{}", path.display());
                stack.push(path);
            } else {
                assert_eq!(mode, 0o600, "{}", path.display());
            }
            checked += 1;
        }
    }
    // data, state, cache and their contents: log, lock, enquiry, quote, copy.
    assert!(checked >= 12, "{checked} entries");
}

/// A read-only data folder still lets an advisor list, show and quote
/// (to the screen or elsewhere); only writing into it is refused, with
/// what to do. (Read-only for real: permissions for an ordinary user, a
/// read-only bind mount in a mount namespace of its own for root, whom
/// permissions do not stop.)
#[cfg(target_os = "linux")]
#[test]
fn a_read_only_data_folder_can_still_be_read_and_quoted() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data/qualplan");
    let store = qualplan::enquiry::EnquiryStore::open(data.join("enquiries")).unwrap();
    let mut e = qualplan::enquiry::Enquiry::new(
        "enq-20261201-100000".into(),
        chrono::NaiveDateTime::parse_from_str("2026-12-01 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap(),
    );
    e.caller.name = "Read Only".into();
    e.chosen = Some("l5-dip-cm".into());
    store.save(&mut e).unwrap();
    std::fs::write(data.join("enquiries/enq-bad.ron"), "oops").unwrap();
    let exe = assert_cmd::cargo::cargo_bin("qualplan");
    let script = format!(
        "{} '{}' \"$@\"",
        if unsafe { libc::geteuid() } == 0 {
            format!(
                "mount --bind '{0}' '{0}' && mount -o remount,bind,ro '{0}' '{0}' && exec",
                data.display()
            )
        } else {
            format!("chmod -R a-w '{}' && exec", data.display())
        },
        exe.display()
    );
    let run = |args: &[&str]| {
        let mut cmd = if unsafe { libc::geteuid() } == 0 {
            let mut c = std::process::Command::new("unshare");
            c.args(["--mount", "--propagation", "private", "sh", "-c"]);
            c
        } else {
            let mut c = std::process::Command::new("sh");
            c.arg("-c");
            c
        };
        cmd.arg(&script)
            .arg("sh")
            .args(args)
            .envs(support::home_env(home.path()))
            .output()
            .unwrap()
    };
    let out = run(&["enquiries", "list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Read Only"));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("it was left where it is (the folder cannot be written)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["enquiries", "show", "enq-20261201-100000"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["quote", "enq-20261201-100000", "--stdout"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("£2,670.00"));
    let elsewhere = home.path().join("quote.md");
    let out = run(&[
        "quote",
        "enq-20261201-100000",
        "--output",
        elsewhere.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["quote", "enq-20261201-100000"]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "a folder that cannot be written"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("help: write it elsewhere with --output PATH, or print it with --stdout"),
        "{err}"
    );
    if unsafe { libc::geteuid() } != 0 {
        // Leave the folder removable.
        std::process::Command::new("chmod")
            .args(["-R", "u+w"])
            .arg(&data)
            .status()
            .unwrap();
    }
}
