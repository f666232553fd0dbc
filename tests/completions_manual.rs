//! `qualplan completions SHELL` and `qualplan man`, run as the real binary:
//! the scripts load in bash and complete every subcommand, and the manual
//! pages cover every subcommand and render through groff without a warning.
//! (The Debian package's copies are checked in zsh and fish as well by
//! packaging/check-deb.sh, which CI runs.)

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Output;

#[path = "support/home.rs"]
mod support;

/// The binary with a home of its own: nothing here reads the real one.
fn qualplan(home: &Path) -> Command {
    let mut command = support::command(home);
    command.env_remove("SOURCE_DATE_EPOCH");
    command
}

fn stdout_of(output: Output) -> String {
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs a command that must fail as a usage error (exit 2, nothing on
/// stdout), and gives its message.
fn usage_error(command: &mut Command) -> String {
    failure(command, 2)
}

/// Runs a command that must fail with `code` (docs/cli.md, "Exit codes")
/// and nothing on stdout, and gives its message.
fn failure(command: &mut Command, code: i32) -> String {
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(code), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    String::from_utf8(output.stderr).unwrap()
}

fn ok(home: &Path, args: &[&str]) -> String {
    stdout_of(qualplan(home).args(args).output().unwrap())
}

/// The subcommands `qualplan PATH... --help` lists, as the user sees them
/// (clap's own `help` aside), so that a command added later is covered too.
fn subcommands(home: &Path, path: &[&str]) -> Vec<String> {
    let mut args = path.to_vec();
    args.push("--help");
    let help = ok(home, &args);
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every subcommand at every depth, as paths: `["list"]`, `["enquiries",
/// "show"]`, ...
fn all_subcommands(home: &Path) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    let mut pending = vec![Vec::<String>::new()];
    while let Some(path) = pending.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        for name in subcommands(home, &args) {
            let mut child = path.clone();
            child.push(name);
            pending.push(child.clone());
            all.push(child);
        }
    }
    all.sort();
    all
}

/// The words bash offers after `line` (which ends where Tab is pressed),
/// through the script `qualplan completions bash` prints.
fn bash_completes(home: &Path, line: &str) -> Vec<String> {
    let bin = assert_cmd::cargo::cargo_bin("qualplan");
    let script = r#"
        source <("$QUALPLAN" completions bash) || exit 3
        complete -p qualplan || exit 4
        read -r -a COMP_WORDS <<< "$LINE"
        [[ "$LINE" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="$LINE"; COMP_POINT=${#LINE}
        prev=""; (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
        _qualplan qualplan "${COMP_WORDS[COMP_CWORD]}" "$prev" 2>/dev/null
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let output = std::process::Command::new("bash")
        .args(["--noprofile", "--norc", "-c", script])
        .env("QUALPLAN", &bin)
        .env("LINE", line)
        .envs(support::home_env(home))
        .output()
        .unwrap();
    let text = stdout_of(output);
    let mut lines = text.lines();
    let spec = lines.next().unwrap_or_default();
    assert!(
        spec.starts_with("complete ")
            && spec.contains("-F _qualplan")
            && spec.ends_with(" qualplan"),
        "bash registered no completion for qualplan: {spec}"
    );
    lines.map(str::to_string).collect()
}

#[test]
fn bash_loads_the_script_and_completes_every_subcommand() {
    let home = tempfile::tempdir().unwrap();
    let offered = bash_completes(home.path(), "qualplan ");
    let top = subcommands(home.path(), &[]);
    assert!(top.len() >= 15, "{top:?}");
    for name in &top {
        assert!(
            offered.contains(name),
            "bash does not offer `{name}`: {offered:?}"
        );
    }
    for option in ["--catalogue", "--color", "--help", "--version"] {
        assert!(offered.iter().any(|o| o == option), "{option}: {offered:?}");
    }
}

#[test]
fn bash_completes_subcommands_and_option_values() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assert_eq!(
        bash_completes(home, "qualplan recommend --role "),
        [
            "first-line-manager",
            "middle-manager",
            "senior-leader",
            "hr-ld",
            "new-to-hr-ld"
        ]
    );
    let enquiries = bash_completes(home, "qualplan enquiries ");
    for name in ["list", "show", "delete"] {
        assert!(enquiries.iter().any(|o| o == name), "{enquiries:?}");
    }
    let shells = bash_completes(home, "qualplan completions ");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(shells.iter().any(|o| o == shell), "{shells:?}");
    }
    assert_eq!(bash_completes(home, "qualplan compl"), ["completions"]);
    // Each command offers the formats it writes.
    assert_eq!(
        bash_completes(home, "qualplan list --format "),
        ["table", "json", "csv", "markdown"]
    );
    assert_eq!(
        bash_completes(home, "qualplan quote --format "),
        ["markdown", "text", "html", "json"]
    );
}

#[test]
fn every_shell_script_names_every_subcommand_and_option() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let all = all_subcommands(home);
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ok(home, &["completions", shell]);
        for path in &all {
            let name = path.last().unwrap();
            assert!(
                script.contains(name.as_str()),
                "the {shell} script does not name `{}`",
                path.join(" ")
            );
        }
        for option in [
            "hours-per-week",
            "instalments",
            "no-final-payment",
            "catalogue",
        ] {
            assert!(
                script.contains(option),
                "the {shell} script lacks --{option}"
            );
        }
    }
}

#[test]
fn completions_need_no_catalogue_and_refuse_an_unknown_shell() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    // Scripts are printed even when the catalogue cannot be read, as in a
    // shell's start-up file on a machine with a broken configuration.
    let script = ok(
        home,
        &["--catalogue", "/nonexistent.ron", "completions", "fish"],
    );
    assert!(script.contains("complete -c qualplan"), "{script}");

    let error = usage_error(qualplan(home).args(["completions", "tcsh"]));
    assert!(
        error.contains("invalid value 'tcsh'")
            && error.contains("bash, elvish, fish, powershell, zsh"),
        "{error}"
    );
}

/// groff's warnings (all of them: `-ww`) about a page; none is wanted.
fn groff_warnings(page: &Path) -> String {
    let output = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(page)
        .output()
        .expect("groff runs (apt-get install groff-base)");
    assert!(
        output.status.success(),
        "groff failed on {}",
        page.display()
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A page as `man` shows it on an 80-column terminal.
fn man_text(page: &Path) -> String {
    let output = std::process::Command::new("man")
        .arg("-l")
        .arg(page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man runs (apt-get install man-db)");
    assert!(
        output.status.success(),
        "man -l failed on {}",
        page.display()
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `qualplan man --dir DIR` with umask 022, as a package build runs it.
fn write_pages(home: &Path, dir: &Path) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("qualplan");
    std::process::Command::new("sh")
        .args(["-c", "umask 022 && exec \"$0\" man --dir \"$1\""])
        .arg(&bin)
        .arg(dir)
        .envs(support::home_env(home))
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap()
}

fn page_path(dir: &Path, path: &[String]) -> PathBuf {
    let mut name = String::from("qualplan");
    for part in path {
        name.push('-');
        name.push_str(part);
    }
    dir.join(format!("{name}.1"))
}

#[test]
fn manual_has_a_page_for_every_subcommand_and_groff_has_no_warning() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let dir = home.join("man/man1");
    let listed = stdout_of(write_pages(home, &dir));
    let all = all_subcommands(home);

    let main = man_text(&dir.join("qualplan.1"));
    assert!(main.starts_with("QUALPLAN(1)"), "{main}");
    assert!(
        main.contains("2026-01-01"),
        "SOURCE_DATE_EPOCH dates the page: {main}"
    );
    assert!(main.contains(&format!("qualplan {}", env!("CARGO_PKG_VERSION"))));
    assert!(main.contains("EXAMPLES"), "{main}");
    assert!(main.contains("qualplan upgrade --from l5-cert-cm --to l5-dip-cm"));
    for path in all.iter().filter(|p| p.len() == 1) {
        let reference = format!("qualplan-{}(1)", path[0]);
        assert!(main.contains(&reference), "qualplan(1) lacks {reference}");
    }

    let mut expected: Vec<PathBuf> = all.iter().map(|p| page_path(&dir, p)).collect();
    expected.push(dir.join("qualplan.1"));
    expected.sort();
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    found.sort();
    assert_eq!(found, expected, "one page per command, and no stray file");
    let mut listed: Vec<PathBuf> = listed.lines().map(PathBuf::from).collect();
    listed.sort();
    assert_eq!(listed, expected, "the command lists the pages it wrote");

    for page in &expected {
        assert_eq!(groff_warnings(page), "", "{}", page.display());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(page).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644, "{} is not readable by all", page.display());
        }
    }

    let recommend = man_text(&dir.join("qualplan-recommend.1"));
    for words in [
        "QUALPLAN-RECOMMEND(1)",
        "--hours-per-week",
        "Budget in pounds, including VAT",
        "middle-manager",
    ] {
        assert!(
            recommend.contains(words),
            "qualplan-recommend(1) lacks {words}: {recommend}"
        );
    }
    let enquiries = man_text(&dir.join("qualplan-enquiries.1"));
    assert!(
        enquiries.contains("qualplan-enquiries-delete(1)"),
        "{enquiries}"
    );
}

#[test]
fn man_prints_the_main_page_and_every_line_fits_eighty_columns() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let roff = ok(home, &["man"]);
    assert!(roff.contains(".TH QUALPLAN 1 "), "{roff}");
    let page = home.join("qualplan.1");
    std::fs::write(&page, &roff).unwrap();
    assert_eq!(groff_warnings(&page), "");
    let text = man_text(&page);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    let today = chrono::Local::now().date_naive().to_string();
    let yesterday = (chrono::Local::now().date_naive() - chrono::Days::new(1)).to_string();
    assert!(
        text.contains(&today) || text.contains(&yesterday),
        "undated builds carry today's date: {text}"
    );
}

#[test]
fn man_refuses_a_bad_source_date_epoch_and_an_unwritable_folder() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let error = usage_error(
        qualplan(home)
            .env("SOURCE_DATE_EPOCH", "yesterday")
            .arg("man"),
    );
    assert!(
        error.contains("SOURCE_DATE_EPOCH is `yesterday`"),
        "{error}"
    );

    let file = home.join("a-file");
    std::fs::write(&file, "kept").unwrap();
    // A folder that cannot be written: exit 5.
    let error = failure(qualplan(home).args(["man", "--dir"]).arg(&file), 5);
    assert!(
        error.starts_with(&format!(
            "error: cannot write the manual pages into {}",
            file.display()
        )),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "kept");
}

/// A link planted where a page goes is neither written through nor
/// replaced (as for every file qualplan writes: docs/reliability.md): the
/// command stops, naming it, and the link and its target stay as they were.
#[cfg(unix)]
#[test]
fn man_refuses_a_planted_link_and_writes_nothing_through_it() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let dir = home.join("man1");
    std::fs::create_dir_all(&dir).unwrap();
    let victim = home.join("victim");
    std::fs::write(&victim, "not a manual page").unwrap();
    let page = dir.join("qualplan.1");
    std::os::unix::fs::symlink(&victim, &page).unwrap();
    let out = write_pages(home, &dir);
    assert_eq!(
        out.status.code(),
        Some(5),
        "a file that cannot be written: {out:?}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{} is a link: qualplan does not write through or over links",
            page.display()
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "not a manual page"
    );
    assert!(
        std::fs::symlink_metadata(&page)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Without the link the pages are written, and a second run replaces
    // them whole, leaving no temporary file.
    std::fs::remove_file(&page).unwrap();
    stdout_of(write_pages(home, &dir));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains(".TH QUALPLAN 1")
    );
    stdout_of(write_pages(home, &dir));
    assert!(
        std::fs::read_dir(&dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with('.'))
    );
}
