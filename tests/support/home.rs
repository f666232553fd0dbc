//! Running the `qualplan` binary as a user whose home (config, data,
//! state and cache folders) is a temporary folder, never the real one, and
//! whose environment says nothing about colour or width unless a test
//! asks.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;

/// The variables that point qualplan at a home of its own.
pub fn home_env(home: &Path) -> [(&'static str, std::path::PathBuf); 5] {
    [
        ("HOME", home.to_path_buf()),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_CACHE_HOME", home.join("cache")),
    ]
}

/// Variables of the developer's own shell that would change the output.
const UNSET: [&str; 5] = [
    "NO_COLOR",
    "COLUMNS",
    "CLICOLOR_FORCE",
    "TERM",
    "QUALPLAN_PLAIN",
];

/// `qualplan` with its home in `home`, ready for arguments.
pub fn command(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("qualplan").unwrap();
    cmd.envs(home_env(home));
    for name in UNSET {
        cmd.env_remove(name);
    }
    cmd
}

/// The same as a `std::process::Command`, for tests that manage the child.
pub fn std_command(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("qualplan"));
    cmd.envs(home_env(home));
    for name in UNSET {
        cmd.env_remove(name);
    }
    cmd
}

/// `qualplan ARGS` with its home in `home`.
pub fn qualplan(home: &Path, args: &[&str]) -> std::process::Output {
    command(home).args(args).output().unwrap()
}
