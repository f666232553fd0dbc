//! The examples in docs/cli.md are real: each `$ qualplan ...` line in a
//! console block is run (as in an 80-column terminal), and its output must
//! be what the docs show.
//! `UPDATE_DOCS=1 cargo test --test docs_examples` rewrites the outputs.

#[path = "support/home.rs"]
mod support;

/// The command's output as a person reads it in an 80-column terminal
/// (`COLUMNS`), standard error after standard output, run in a home of its
/// own.
fn run(command: &str) -> String {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let home = tempfile::tempdir().unwrap();
    let out = support::command(home.path())
        .env("COLUMNS", "80")
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

/// Every screen capture in docs/guide.md is the TUI snapshot it names
/// (`<!-- screen: NAME -->` before the block), so the guide shows what the
/// app really draws. `UPDATE_DOCS=1` refreshes the captures.
#[test]
fn guide_screens_are_current_snapshots() {
    let root = env!("CARGO_MANIFEST_DIR");
    let path = format!("{root}/docs/guide.md");
    let guide = std::fs::read_to_string(&path).unwrap();
    let snapshot = |name: &str| -> String {
        let file = format!("{root}/src/tui/snapshots/qualplan__tui__tests__{name}.snap");
        let text = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("no snapshot {name}"));
        text.splitn(3, "---\n")
            .nth(2)
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    let mut out = String::new();
    let mut captures = 0;
    let mut rest = guide.as_str();
    while let Some(at) = rest.find("<!-- screen: ") {
        let (before, marker) = rest.split_at(at);
        out.push_str(before);
        let name_end = marker.find(" -->").unwrap();
        let name = &marker["<!-- screen: ".len()..name_end];
        let block_start = marker.find("```text\n").unwrap() + "```text\n".len();
        let block_end = block_start + marker[block_start..].find("\n```").unwrap();
        let current = snapshot(name);
        if std::env::var_os("UPDATE_DOCS").is_none() {
            assert_eq!(
                &marker[block_start..block_end],
                current,
                "docs/guide.md capture `{name}` is out of date (UPDATE_DOCS=1 refreshes it)"
            );
        }
        out.push_str(&marker[..block_start]);
        out.push_str(&current);
        rest = &marker[block_end..];
        captures += 1;
    }
    out.push_str(rest);
    assert!(captures >= 10, "only {captures} captures");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, out).unwrap();
    }
}
