//! Peak memory of the first load of a large catalogue, whole process: the
//! text is let go of behind the parser, and the compiled copy's search
//! texts are written a field at a time, so that a first load takes little
//! more than the catalogue it builds (docs/performance.md, "Peak memory").
//! Proportions, not times: each check fails if a change holds the text, or
//! the search texts, whole beside the catalogue again (each adds about the
//! file's size), and none depends on how busy the machine is.

#[path = "support/home.rs"]
mod home;
#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::Path;

/// GNU time: the peak memory it reports is the command's own. (A child's
/// own count starts from its parent's peak, so a test process that has
/// just written a large catalogue cannot measure its children itself.)
const TIME: &str = "/usr/bin/time";

/// The peak resident memory of `qualplan ARGS`, in bytes.
fn peak(home: &Path, args: &[&str]) -> u64 {
    let report = home.join("peak.txt");
    let qualplan = assert_cmd::cargo::cargo_bin("qualplan");
    let done = home::std_command(home)
        .get_envs()
        .fold(std::process::Command::new(TIME), |mut cmd, (k, v)| {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
            cmd
        })
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(&qualplan)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{TIME} (GNU time: apt-get install time): {e}"));
    assert!(done.status.success(), "qualplan {args:?} failed: {done:?}");
    let kib: u64 = std::fs::read_to_string(&report)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    kib * 1024
}

#[test]
fn a_first_load_takes_less_than_twice_the_file_beyond_the_built_in_catalogue() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("big.ron");
    std::fs::write(&file, synthetic::text(2_000)).unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    let big = file.to_str().unwrap();
    let cache = home.path().join("cache");
    // What qualplan itself takes, with the catalogue built in.
    let base = peak(home.path(), &["validate"]);
    let first_load = peak(home.path(), &["--catalogue", big, "validate"]);
    assert!(cache.exists(), "the first load made no compiled copy");
    let again = peak(home.path(), &["--catalogue", big, "list"]);
    std::fs::remove_dir_all(&cache).unwrap();
    let first_search = peak(home.path(), &["--catalogue", big, "search", "reflective"]);
    for (what, peak) in [
        ("first load", first_load),
        ("load from the copy", again),
        ("first search", first_search),
    ] {
        let ratio = peak.saturating_sub(base) as f64 / size as f64;
        assert!(
            ratio < 2.0,
            "{what}: {:.1} MiB beyond the built-in catalogue's {:.1} MiB is {ratio:.2}x the file ({:.1} MiB)",
            (peak - base) as f64 / 1048576.0,
            base as f64 / 1048576.0,
            size as f64 / 1048576.0,
        );
        eprintln!("{what}: {ratio:.2}x the file beyond the built-in catalogue");
    }
}
