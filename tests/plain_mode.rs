//! `qualplan --plain` end to end: answers piped in, the text out asserted,
//! and its figures checked against the commands' JSON for the same inputs.
//! Every run has a temporary home.

mod support {
    pub mod enquiries;
    pub mod home;
}

use serde_json::Value;
use std::path::Path;
use support::enquiries::enquiry_id;
use support::home;

/// `qualplan --plain` (or `args`) with `input` on standard input.
fn plain_with(
    home: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    input: &str,
) -> (i32, String, String) {
    let out = home::command(home)
        .args(args)
        .envs(env.iter().copied())
        .write_stdin(input)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn plain(home: &Path, input: &str) -> String {
    let (code, out, err) = plain_with(home, &["--plain"], &[], input);
    assert_eq!(code, 0, "{err}\n{out}");
    assert!(err.is_empty(), "{err}");
    out
}

fn json(home: &Path, args: &[&str]) -> Value {
    let out = home::qualplan(home, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn nothing_draws_or_colours_the_screen() {
    let home = tempfile::tempdir().unwrap();
    let out = plain(home.path(), "5\n\n\n\n\n6\nl5-dip-cm\nq\n");
    assert!(!out.contains('\u{1b}'), "an escape sequence: {out}");
    let drawn = |c: char| ('\u{2500}'..='\u{259f}').contains(&c);
    assert!(!out.chars().any(drawn), "box drawing: {out}");
    assert!(out.contains("What would you like to do?\n1. Route 1: Update your knowledge\n"));
    assert!(out.ends_with("Goodbye.\n"), "{out}");
}

#[test]
fn a_route_ranks_what_recommend_ranks() {
    let home = tempfile::tempdir().unwrap();
    // Route 3; a wrong role, then back to the role from the interest, a
    // review that changes the hours, and the rest skipped.
    let out = plain(
        home.path(),
        "3\nsenior leader\nb\nmiddle\nboth\nadvise\n5\n\nreview\nhours\n3\n\nnothing\nquit\n",
    );
    assert!(out.contains("Route 3, question 2 of 6"), "{out}");
    assert!(
        out.contains("1. Role: Middle manager\n2. Interest: Coaching and mentoring\n3. Level: Advise me from my role\n4. Hours a week: 5 hours a week\n5. Budget: no budget given\n6. Finish by: not answered yet\n7. Held: not answered yet\n"),
        "{out}"
    );
    let cli = json(
        home.path(),
        &[
            "recommend",
            "--route",
            "3",
            "--role",
            "middle-manager",
            "--interest",
            "both",
            "--hours-per-week",
            "3",
            "--format",
            "json",
        ],
    );
    let options = cli["options"].as_array().unwrap();
    assert!(options.len() >= 3);
    for o in options {
        let id = o["qualification"].as_str().or(o["unit"].as_str()).unwrap();
        let line = format!(
            "{}. {} ({id}): {}, {} ex VAT ({} inc VAT)\n",
            o["rank"],
            text(&o["title"]),
            match text(&o["fit"]) {
                "good" => "good fit",
                "poor" => "poor fit",
                other => other,
            },
            text(&o["fee_ex_vat"]),
            text(&o["fee_inc_vat"])
        );
        assert!(out.contains(&line), "{line} not in {out}");
    }
    assert!(out.contains("1. ILM Level 5 Certificate in Coaching and Mentoring (l5-cert-cm): good fit, £1,695.00 ex VAT (£2,034.00 inc VAT)\n"));
    assert!(out.contains("For: "), "{out}");
}

#[test]
fn plan_and_pay_agree_with_plan_and_pay() {
    let home = tempfile::tempdir().unwrap();
    let out = plain(
        home.path(),
        "plan\nl5 dip\nl5-cert-cm\nyes\n2027-01-04\n4\nby instalments\n100\n\nq\n",
    );
    let pay = json(
        home.path(),
        &[
            "pay",
            "l5-dip-cm",
            "--from",
            "l5-cert-cm",
            "--instalments",
            "--instalment",
            "100",
            "--start",
            "2027-01-04",
            "--format",
            "json",
        ],
    );
    for p in pay["payments"].as_array().unwrap() {
        let due = match p["due"].as_str() {
            Some(d) => format!("due {d}"),
            None => format!("due on completion, expected by {}", text(&p["expected"])),
        };
        let line = format!(
            "{}, {due}: {} ex VAT, VAT 20% {}, {} inc VAT\n",
            text(&p["label"]),
            text(&p["amount_ex_vat"]),
            text(&p["vat"]),
            text(&p["amount_inc_vat"])
        );
        assert!(out.contains(&line), "{line} not in {out}");
    }
    assert!(out.contains(&format!(
        "Total: {} ex VAT, VAT 20% {}, {} inc VAT\n",
        text(&pay["total_ex_vat"]),
        text(&pay["total_vat"]),
        text(&pay["total_inc_vat"])
    )));
    assert!(
        out.contains("Total: £555.00 ex VAT, VAT 20% £111.00, £666.00 inc VAT\n"),
        "{out}"
    );
    let plan = json(
        home.path(),
        &[
            "plan",
            "l5-dip-cm",
            "--from",
            "l5-cert-cm",
            "--start",
            "2027-01-04",
            "--hours-per-week",
            "4",
            "--format",
            "json",
        ],
    );
    for line in [
        format!(
            "Registration expires: {}\n",
            text(&plan["registration_expires"])
        ),
        format!(
            "Finish at 4 hours a week: {}\n",
            text(&plan["projected_finish"])
        ),
        format!(
            "Suggested completion: {} to {}\n",
            text(&plan["suggested_completion_min"]),
            text(&plan["suggested_completion_max"])
        ),
        format!(
            "Hours of learning: {} (practice {})\n",
            plan["total_hours"], plan["practice_hours"]
        ),
    ] {
        assert!(out.contains(&line), "{line} not in {out}");
    }
}

#[test]
fn an_upgrade_costs_what_upgrade_says() {
    let home = tempfile::tempdir().unwrap();
    let out = plain(home.path(), "upgrade\nl5-cert-cm\n1\nl5-dip-cm\nq\n");
    let cli = json(
        home.path(),
        &[
            "upgrade",
            "--from",
            "l5-cert-cm",
            "--to",
            "l5-dip-cm",
            "--format",
            "json",
        ],
    );
    let course = &cli["courses"][0];
    for (label, field) in [
        ("Fee ex VAT", "fee_ex_vat"),
        ("VAT (20%)", "vat"),
        ("Fee inc VAT", "fee_inc_vat"),
    ] {
        let line = format!("{label}: {}\n", text(&course[field]));
        assert!(out.contains(&line), "{line} not in {out}\n{cli}");
    }
    assert!(out.contains("Fee ex VAT: £530.00\n"), "{out}");
    // Held elsewhere: the full price, not the balance.
    let out = plain(home.path(), "upgrade\nl5-cert-cm\nno\nl5-dip-cm\nq\n");
    assert!(out.contains("Fee ex VAT: £2,225.00\n"), "{out}");
}

#[test]
fn one_qualification_lists_the_facts_show_lists() {
    let home = tempfile::tempdir().unwrap();
    let out = plain(home.path(), "show\nlevel 5 diploma\nq\n");
    let cli = json(home.path(), &["show", "l5-dip-cm", "--format", "json"]);
    assert!(out.contains("Credits: 37 (source: "), "{out}");
    let price = text(&cli["price_ex_vat"]);
    assert!(out.contains(price), "{price} not in {out}");
}

#[test]
fn compare_lists_the_filtered_qualifications() {
    let home = tempfile::tempdir().unwrap();
    let out = plain(
        home.path(),
        "compare\nlevel 5\nany\nany\nprice per credit\nq\n",
    );
    assert!(out.contains("2 qualifications:"), "{out}");
    assert!(
        out.contains("1. ILM Level 5 Diploma in Coaching and Mentoring (l5-dip-cm)\n"),
        "{out}"
    );
    assert!(
        out.contains("Price: £1,695.00 ex VAT, VAT £339.00, £2,034.00 inc VAT\n"),
        "{out}"
    );
}

#[test]
fn an_enquiry_survives_the_end_of_input_mid_question() {
    let home = tempfile::tempdir().unwrap();
    // Control characters in the name are left out; the input ends while
    // the organisation is asked.
    let out = plain(
        home.path(),
        "enquiry\nJane \u{1b}[31mDoe\u{202e}\njane@example.org\n07700 900123\n",
    );
    let id = enquiry_id(&out);
    assert!(out.contains(&format!("Enquiry {id} is saved;")), "{out}");
    let e = json(home.path(), &["enquiries", "show", id, "--format", "json"]);
    assert_eq!(e["caller"]["name"], "Jane [31mDoe", "{e}");
    assert_eq!(e["caller"]["phone"], "07700 900123");
    // A route's answers and a plan's choice are recorded in it.
    let home = tempfile::tempdir().unwrap();
    let out = plain(
        home.path(),
        "enquiry\nAnn\n\n\n\nmiddle\ncoaching\n\n3\n2\n3\nadvise\n4\n\n\nnothing\nplan\nl3-cert-cm\nnothing\n2027-01-04\n\nfull\nq\n",
    );
    let id = enquiry_id(&out);
    let e = json(home.path(), &["enquiries", "show", id, "--format", "json"]);
    assert_eq!(e["caller"]["name"], "Ann", "{e}");
    assert_eq!(e["role"], "middle-manager", "{e}");
    assert_eq!(e["interest"], "both", "{e}");
    assert_eq!(e["route"], 3, "{e}");
    assert_eq!(e["answers"]["hours_per_week"], 4, "{e}");
    assert_eq!(e["qualification"], "l3-cert-cm", "{e}");
    assert_eq!(e["payment"]["start"], "2027-01-04", "{e}");
}

#[test]
fn the_environment_chooses_it_and_commands_refuse_it() {
    let home = tempfile::tempdir().unwrap();
    for env in [[("QUALPLAN_PLAIN", "1")], [("TERM", "dumb")]] {
        let (code, out, _) = plain_with(home.path(), &[], &env, "quit\n");
        assert_eq!(code, 0);
        assert!(out.contains("What would you like to do?"), "{env:?}: {out}");
    }
    let (code, out, err) = plain_with(home.path(), &["--plain", "list"], &[], "");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("error: --plain runs the app as numbered questions"),
        "{err}"
    );
    // The plain mode has no colour: --theme is refused, however the plain
    // mode was chosen, before a question is asked.
    for (args, env) in [
        (&["--plain", "--theme", "high-contrast"][..], &[][..]),
        (&["--theme", "dark"], &[("QUALPLAN_PLAIN", "1")]),
        (&["--theme", "light"], &[("TERM", "dumb")]),
    ] {
        let (code, out, err) = plain_with(home.path(), args, env, "quit\n");
        assert_eq!(code, 2, "{args:?} {env:?}: {out}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("error: --theme sets the app's colours, and the plain mode (--plain, QUALPLAN_PLAIN=1 or TERM=dumb) has none"),
            "{err}"
        );
    }
    // A command with QUALPLAN_PLAIN set is the command as ever.
    let (code, out, _) = plain_with(home.path(), &["list"], &[("QUALPLAN_PLAIN", "1")], "");
    assert_eq!(code, 0);
    assert!(out.contains("l5-dip-cm"));
}

#[test]
fn hostile_answers_are_refused_and_asked_again() {
    let home = tempfile::tempdir().unwrap();
    let huge = "9".repeat(200_000);
    let input = format!(
        "{huge}\n99999999999999999999999\n-1\n\u{1b}]0;x\u{7}\nplan\n1\nnothing\n2100-13-01\n99999999999\n2027-01-04\n-3\n200\n\u{0}\n\n"
    );
    let (code, out, err) = plain_with(home.path(), &["--plain"], &[], &input);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.contains("That answer is too long"), "{out}");
    assert!(
        out.contains("There is no choice 99999999999999999999999"),
        "{out}"
    );
    assert!(out.contains("there is no month 13"), "{out}");
    assert!(out.contains("hours cannot be negative"), "{out}");
    assert!(
        out.contains("more hours than a week has") || out.contains("more than anyone can study"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
    assert!(out.ends_with("Goodbye.\n"), "{out}");
}

#[test]
fn a_closed_output_ends_quietly() {
    use std::io::Write;
    use std::process::Stdio;
    let home = tempfile::tempdir().unwrap();
    let mut child = home::std_command(home.path())
        .arg("--plain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    // The answers may meet a process already gone.
    let _ = stdin.write_all("5\n\n\n\n\n".repeat(100).as_bytes());
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The plain mode saves where the app saves: the store and the advisor's
/// name come from the config file (and `--store`), as for the app.
#[test]
fn enquiries_go_to_the_chosen_store_with_the_advisor_named() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("qualplan");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.ron"), "(advisor: \"Sam Patel\")\n").unwrap();
    let out = plain(home.path(), "enquiry\nAnn Lee\n");
    let id = enquiry_id(&out);
    let e = json(home.path(), &["enquiries", "show", id, "--format", "json"]);
    assert_eq!(e["caller"]["name"], "Ann Lee", "{e}");
    assert_eq!(e["advisor"], "Sam Patel", "{e}");
    // A store named with its password is refused before a question is
    // asked, as it is for the app.
    let (code, out, err) = plain_with(
        home.path(),
        &[
            "--plain",
            "--store",
            "postgres://qualplan:secret@127.0.0.1/qualplan",
        ],
        &[],
        "q\n",
    );
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(!err.contains("secret"), "{err}");
}

/// Answers that each pass their question but do not work together are
/// said, and only the answer at fault is asked again.
#[test]
fn answers_that_do_not_work_together_ask_that_answer_again() {
    let home = tempfile::tempdir().unwrap();
    let out = plain(
        home.path(),
        "plan\nl3-award-coaching\nnothing\n2027-01-04\n\ninstalments\n5000\n3\n100\n\nq\n",
    );
    let refused = "The instalments after the first add up to £20,000.00, more than the price of £995.00; use smaller or fewer instalments. Change that answer.\n\nPlan and pay, question 6 of 7\nEach instalment after the first, in pounds?\nAnswer (Enter keeps £5,000.00):";
    assert!(out.contains(refused), "{out}");
    // £100 a month: £995 and the £25 premium, £620 first, three of £100,
    // the last £100 on completion.
    assert!(out.contains("First payment, incl. £25.00 premium, due 2027-01-04: £620.00 ex VAT, VAT 20% £124.00, £744.00 inc VAT\n"), "{out}");
    assert!(out.contains("Monthly payment 3 of 3, due 2027-04-04: £100.00 ex VAT, VAT 20% £20.00, £120.00 inc VAT\n"), "{out}");
    assert!(
        out.contains("Total: £1,020.00 ex VAT, VAT 20% £204.00, £1,224.00 inc VAT\n"),
        "{out}"
    );
}

/// The enquiry files in the enquiries folder of `home`.
fn enquiry_files(home: &Path) -> Vec<String> {
    std::fs::read_dir(home.join("data/qualplan/enquiries"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with("enq-"))
                .collect()
        })
        .unwrap_or_default()
}

/// An enquiry exists once something is typed: a capture left with
/// nothing typed (every answer left empty, `back` at once, the end of
/// input) makes no file, and says so.
#[test]
fn a_capture_with_nothing_typed_saves_nothing_and_says_so() {
    for input in [
        "enquiry\n\n\n\n\nnone\nnone\n\nq\n",
        "enquiry\nback\nq\n",
        "enquiry\n",
        "enquiry\n\n\nq\n",
    ] {
        let home = tempfile::tempdir().unwrap();
        let out = plain(home.path(), input);
        assert!(
            out.contains("Nothing was typed, so no enquiry was saved (no file was made for enq-"),
            "{input:?}: {out}"
        );
        assert!(!out.contains("is saved"), "{input:?}: {out}");
        assert_eq!(
            enquiry_files(home.path()),
            Vec::<String>::new(),
            "{input:?}"
        );
        let list = home::qualplan(home.path(), &["enquiries", "list"]);
        assert!(list.status.success());
        assert!(
            !String::from_utf8_lossy(&list.stdout).contains("enq-"),
            "{input:?}"
        );
    }
    // One answer typed is an enquiry, saved at once.
    let home = tempfile::tempdir().unwrap();
    let out = plain(home.path(), "enquiry\n\n\n07700 900123\n");
    let id = enquiry_id(&out);
    assert!(out.contains(&format!("Enquiry {id} is saved;")), "{out}");
    assert_eq!(enquiry_files(home.path()), vec![format!("{id}.ron")]);
    assert!(!out.contains("Nothing was typed"), "{out}");
}
