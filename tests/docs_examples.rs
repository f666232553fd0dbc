//! The examples in docs/cli.md are real: each `$ qualplan ...` line in a
//! console block is run, and its output must be what the docs show.
//! `UPDATE_DOCS=1 cargo test --test docs_examples` rewrites the outputs.

use assert_cmd::Command;

fn run(command: &str) -> String {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = Command::cargo_bin("qualplan")
        .unwrap()
        .env("HOME", "/nonexistent")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .env_remove("NO_COLOR")
        .args(&args)
        .output()
        .unwrap();
    let mut actual = String::from_utf8(out.stdout).unwrap();
    actual.push_str(&String::from_utf8(out.stderr).unwrap());
    actual.trim_end().to_string()
}

#[test]
fn cli_docs_examples_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md");
    let docs = std::fs::read_to_string(path).unwrap();
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut rewritten = String::new();
    let mut examples = 0;
    let mut in_console = false;
    let mut skipping_output = false;
    let mut current: Option<(String, String)> = None;
    let mut finish = |example: Option<(String, String)>, out: &mut String| {
        if let Some((command, expected)) = example {
            let actual = run(&command);
            if update {
                out.push_str(&actual);
                out.push('\n');
            } else {
                assert_eq!(
                    actual,
                    expected.trim_end(),
                    "docs/cli.md is out of date for `{command}` (UPDATE_DOCS=1 rewrites it)"
                );
            }
            examples += 1;
        }
    };
    for line in docs.lines() {
        if line.starts_with("```") {
            if in_console {
                finish(current.take(), &mut rewritten);
                skipping_output = false;
            }
            in_console = line == "```console";
            rewritten.push_str(line);
            rewritten.push('\n');
            continue;
        }
        if in_console && let Some(command) = line.strip_prefix("$ ") {
            finish(current.take(), &mut rewritten);
            current = Some((command.to_string(), String::new()));
            skipping_output = true;
            rewritten.push_str(line);
            rewritten.push('\n');
            continue;
        }
        if in_console && skipping_output {
            if let Some((_, expected)) = current.as_mut() {
                expected.push_str(line);
                expected.push('\n');
            }
            continue;
        }
        rewritten.push_str(line);
        rewritten.push('\n');
    }
    assert!(examples >= 15, "only {examples} examples found");
    if update {
        std::fs::write(path, rewritten).unwrap();
    }
}

/// Every screen capture in docs/guide.md is one of the TUI's snapshots, so
/// the guide shows what the app really draws.
#[test]
fn guide_screens_are_current_snapshots() {
    let root = env!("CARGO_MANIFEST_DIR");
    let guide = std::fs::read_to_string(format!("{root}/docs/guide.md")).unwrap();
    let snapshots: Vec<String> = std::fs::read_dir(format!("{root}/src/tui/snapshots"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|s| {
            s.splitn(3, "---\n")
                .nth(2)
                .unwrap_or_default()
                .trim_end()
                .to_string()
        })
        .collect();
    let mut captures = 0;
    for block in guide.split("```text\n").skip(1) {
        let capture = block.split("\n```").next().unwrap().trim_end();
        assert!(
            snapshots.iter().any(|s| s == capture),
            "a capture in docs/guide.md is not a current TUI snapshot:\n{capture}"
        );
        captures += 1;
    }
    assert!(captures >= 10, "only {captures} captures");
}
