//! The examples in docs/cli.md are real: each `$ qualplan ...` line in a
//! console block is run, and its output must be what the docs show.

use assert_cmd::Command;

#[test]
fn cli_docs_examples_are_current() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let mut examples = 0;
    let mut in_console = false;
    let mut current: Option<(String, String)> = None;
    let mut check = |example: Option<(String, String)>| {
        if let Some((command, expected)) = example {
            let args: Vec<&str> = command.split_whitespace().skip(1).collect();
            let out = Command::cargo_bin("qualplan")
                .unwrap()
                .env("HOME", "/nonexistent")
                .env_remove("NO_COLOR")
                .args(&args)
                .output()
                .unwrap();
            let mut actual = String::from_utf8(out.stdout).unwrap();
            actual.push_str(&String::from_utf8(out.stderr).unwrap());
            assert_eq!(
                actual.trim_end(),
                expected.trim_end(),
                "docs/cli.md is out of date for `{command}`"
            );
            examples += 1;
        }
    };
    for line in docs.lines() {
        if line.starts_with("```") {
            if in_console {
                check(current.take());
            }
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            check(current.take());
            current = Some((command.to_string(), String::new()));
        } else if let Some((_, expected)) = current.as_mut() {
            expected.push_str(line);
            expected.push('\n');
        }
    }
    assert!(examples >= 15, "only {examples} examples found");
}
