//! Running the `qualplan` binary as a user whose home (config, data,
//! state and cache folders) is a temporary folder, never the real one.

use assert_cmd::Command;
use std::path::Path;

/// `qualplan ARGS` with its home in `home`.
pub fn qualplan(home: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("qualplan")
        .unwrap()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .args(args)
        .output()
        .unwrap()
}
