//! The command line over a team's stores, run as the real binary with a
//! home of its own: a password is never taken on the command line nor
//! shown in a message or the log; a config file holding one must be
//! private; enquiries move between stores through `export` and `import`
//! without losing anything (the local folder and a real PostgreSQL); the
//! CSV is what a CRM imports, with formula cells neutralised; vCard 4.0.

mod support {
    pub mod enquiries;
    pub mod home;
    pub mod postgres;
}

use assert_cmd::Command;
use chrono::NaiveDateTime;
use qualplan::enquiry::exchange::Export;
use qualplan::enquiry::{Enquiry, EnquiryStore, PaymentChoice};
use qualplan::money::Pence;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use support::enquiries::at;
use support::{home, postgres};

/// A home of its own: HOME and the XDG folders inside one temporary folder.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn config_dir(&self) -> PathBuf {
        self.path().join("config/qualplan")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.path().join("state/qualplan/qualplan.log")).unwrap_or_default()
    }

    /// The advisor's own enquiries folder, holding `enquiries`.
    fn with(self, enquiries: &mut [Enquiry]) -> Home {
        let store = EnquiryStore::open(self.path().join("data/qualplan/enquiries")).unwrap();
        for e in enquiries {
            store.save(e).unwrap();
        }
        self
    }

    /// Writes `config.ron` with `mode`.
    fn config(&self, text: &str, mode: u32) {
        std::fs::create_dir_all(self.config_dir()).unwrap();
        let path = self.config_dir().join("config.ron");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    /// qualplan in this home, run by `sam`, with no password from the
    /// developer's own environment.
    fn command(&self, args: &[&str]) -> Command {
        let mut c = home::command(self.path());
        c.env("USER", "sam")
            .env_remove("PGPASSWORD")
            .env_remove("PGPASSFILE")
            .args(args);
        c
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.command(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Fails with `code`: what it said on standard error.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        String::from_utf8(out.stderr).unwrap()
    }
}

/// Enquiries with every kind of field filled, and cells a spreadsheet
/// would run.
fn enquiries() -> Vec<Enquiry> {
    let mut jane = Enquiry::new("enq-20261201-100000".into(), at("2026-12-01 10:00:00"));
    jane.caller.name = "Jane Smith-Jones".into();
    jane.caller.email = "jane@example.org".into();
    jane.caller.phone = "+44 1225 000000".into();
    jane.caller.organisation = "=HYPERLINK(\"http://evil.example\",\"Wessex\")".into();
    jane.shortlist = vec!["l3-award-coaching".into(), "l3-cert-coaching".into()];
    jane.chosen = Some("l3-award-coaching".into());
    jane.payment = Some(PaymentChoice {
        instalments: true,
        start: chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
        instalment: Pence::pounds(150),
        monthly_payments: 3,
        final_payment_on_completion: true,
    });
    jane.notes = "Rang twice; \"quotes\", commas, and\na new line. 🎓".into();
    jane.advisor = "Alex Jones".into();
    jane.quoted = Some(at("2026-12-02 11:30:00"));
    let mut ravi = Enquiry::new("enq-20261202-090000".into(), at("2026-12-02 09:00:00"));
    ravi.caller.name = "@Ravi".into();
    ravi.caller.phone = "-1".into();
    ravi.notes = "+SUM(A1:A9)".into();
    // A line break where a vCard would end a property, or the card.
    ravi.caller.organisation = "Acme\nEND:VCARD\nBEGIN:VCARD\nFN:Mallory".into();
    // Saved before times were stamped to the second: the fraction is kept.
    ravi.updated = at("2026-12-02 09:00:00") + chrono::Duration::milliseconds(250);
    vec![jane, ravi]
}

#[test]
fn a_password_on_the_command_line_is_refused_and_never_repeated() {
    let home = Home::new();
    let err = home.fails(
        &[
            "enquiries",
            "list",
            "--store",
            "postgres://sam:hunter2-secret@db.example.org/qualplan",
        ],
        2,
    );
    assert!(!err.contains("hunter2"), "{err}");
    for place in ["PGPASSWORD", ".pgpass", "config"] {
        assert!(err.contains(place), "{err}");
    }
    // The same in a key=value connection string and percent-encoded.
    let err = home.fails(
        &[
            "enquiries",
            "export",
            "--format",
            "json",
            "--store",
            "postgres://sam:hunter%32-secret@db.example.org/qualplan",
        ],
        2,
    );
    assert!(!err.contains("hunter"), "{err}");
    assert!(!home.log().contains("hunter"), "{}", home.log());
}

#[test]
fn a_password_in_the_config_files_url_is_refused_naming_the_file() {
    let home = Home::new();
    home.config(
        r#"(store: (url: "postgres://sam:hunter2-secret@db.example.org/qualplan"))"#,
        0o600,
    );
    let err = home.fails(&["enquiries", "list"], 2);
    assert!(err.contains("config.ron"), "{err}");
    assert!(err.contains("`password` in the config file"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn a_config_file_holding_a_password_must_be_private() {
    let home = Home::new();
    home.config(
        r#"(store: (url: "postgres://sam@db.example.org/qualplan", password: "hunter2-secret"))"#,
        0o644,
    );
    let err = home.fails(&["enquiries", "list"], 2);
    assert!(err.contains("chmod 600"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn the_csv_is_ready_for_a_crm() {
    let home = Home::new().with(&mut enquiries());
    let csv = home.ok(&["enquiries", "export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..14],
        [
            "First name",
            "Last name",
            "Email",
            "Phone",
            "Organisation",
            "Role",
            "Interest",
            "Qualification id",
            "Qualification",
            "Price inc VAT (GBP)",
            "Status",
            "Created",
            "Updated",
            "Advisor"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Newest first: Ravi, then Jane.
    let jane = &rows[1];
    assert_eq!(&jane[0], "Jane");
    assert_eq!(&jane[1], "Smith-Jones");
    assert_eq!(&jane[2], "jane@example.org");
    // A phone number's + would be a formula: neutralised, as is the rest.
    assert_eq!(&jane[3], "'+44 1225 000000");
    assert_eq!(&jane[4], "'=HYPERLINK(\"http://evil.example\",\"Wessex\")");
    assert_eq!(&jane[7], "l3-award-coaching");
    assert_eq!(&jane[8], "ILM Level 3 Award in Coaching");
    // The pack's £995.00 for the Level 3 Award, its £25.00 premium for
    // paying by instalments, and 20% VAT.
    assert_eq!(&jane[9], "1224.00");
    assert_eq!(&jane[10], "quoted");
    assert_eq!(&jane[11], "2026-12-01T10:00:00");
    assert_eq!(&jane[13], "Alex Jones");
    // When the quote was written, last, so the CRM's columns stay first.
    assert_eq!(header.last().map(String::as_str), Some("Quoted"));
    assert_eq!(jane.iter().next_back(), Some("2026-12-02T11:30:00"));
    let ravi = &rows[0];
    assert_eq!((&ravi[0], &ravi[3]), ("'@Ravi", "'-1"));
    assert!(
        rows.iter()
            .all(|r| r.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@'])))
    );
}

#[test]
fn vcards_are_version_4() {
    let home = Home::new().with(&mut enquiries());
    let text = home.ok(&["enquiries", "export", "--format", "vcard"]);
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 2, "{text}");
    assert_eq!(text.matches("VERSION:4.0\r\n").count(), 2, "{text}");
    assert!(text.contains("FN:Jane Smith-Jones\r\n"), "{text}");
    assert!(text.contains("N:Smith-Jones;Jane;;;\r\n"), "{text}");
    assert!(text.contains("EMAIL:jane@example.org\r\n"), "{text}");
    // Text values escaped as the standard says, long lines folded.
    assert!(
        text.contains("ORG:=HYPERLINK(\"http://evil.example\"\\,\"Wessex\")\r\n"),
        "{text}"
    );
    assert!(
        text.contains("Status: quo\r\n ted. Advisor: Alex Jones."),
        "{text}"
    );
    // A line break in a field is escaped: it never ends a property or a
    // card, and every line is a property or a fold.
    assert!(
        text.contains("ORG:Acme\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Mallory\r\n"),
        "{text}"
    );
    let unfolded = text.replace("\r\n ", "");
    for line in unfolded.split_terminator("\r\n") {
        let name = line.split([':', ';']).next().unwrap();
        assert!(
            [
                "BEGIN",
                "VERSION",
                "PRODID",
                "UID",
                "FN",
                "N",
                "ORG",
                "EMAIL",
                "TEL",
                "TITLE",
                "CATEGORIES",
                "NOTE",
                "REV",
                "END"
            ]
            .contains(&name),
            "{line:?} in {text}"
        );
    }
}

/// Times are stamped to the second, so the CSV's dates are plain ISO 8601
/// that a CRM takes as they are: checked on an enquiry captured for real.
#[test]
fn the_csvs_times_are_whole_seconds() {
    let home = Home::new();
    let out = home
        .command(&["--plain"])
        .write_stdin("enquiry\nAnn Lee\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = home.ok(&["enquiries", "export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    for cell in [&rows[0][11], &rows[0][12]] {
        assert!(
            NaiveDateTime::parse_from_str(cell, "%Y-%m-%dT%H:%M:%S").is_ok(),
            "{cell:?} is not YYYY-MM-DDTHH:MM:SS"
        );
    }
}

/// What is wrong with a file to import is said with the file, the line
/// (as an editor counts it, CRLF or not) and the column, and nothing of it
/// is imported; a link is never followed.
#[test]
fn an_import_says_where_a_file_is_wrong() {
    let from = Home::new().with(&mut enquiries());
    let csv = from.ok(&["enquiries", "export", "--format", "csv"]);
    let dir = tempfile::tempdir().unwrap();
    let to = Home::new();
    let import = |name: &str, text: &str, code: i32| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let err = to.fails(&["enquiries", "import", path.to_str().unwrap()], code);
        assert!(
            err.starts_with(&format!("error: {}", path.display()))
                || err.contains(&path.display().to_string()),
            "{err}"
        );
        err
    };
    // Jane's row with a date a spreadsheet rewrote. It starts on line 6:
    // the header, then Ravi's row, whose organisation holds three line
    // breaks.
    let rewritten = csv.replacen("2026-12-01T10:00:00", "01/12/2026 10:00", 1);
    let err = import("dates.csv", &rewritten, 2);
    assert!(
        err.contains("line 6, column \"Created\": `01/12/2026 10:00` is not a date and time: write it as YYYY-MM-DDTHH:MM:SS"),
        "{err}"
    );
    // The same with LF line ends; a row cut short, after the last line.
    let err = import("dates-lf.csv", &rewritten.replace("\r\n", "\n"), 2);
    assert!(err.contains("line 6, column \"Created\""), "{err}");
    let cut = format!("{csv}a,b,c\r\n");
    let err = import("short.csv", &cut, 2);
    let last = csv.matches('\n').count() + 1;
    assert!(
        err.contains(&format!(
            "line {last}: this row has 3 cells, and qualplan's header row 34"
        )),
        "{err}"
    );
    // JSON: the line and column of what is wrong.
    let err = import(
        "bad.json",
        "{\"schema_version\": 1,\n \"enquiries\": [\n  {\"id\": 5}\n ]}",
        2,
    );
    assert!(
        err.contains("line 3, column 10: invalid type: integer `5`, expected a string"),
        "{err}"
    );
    // A link, even to a good export, is refused.
    let good = dir.path().join("good.csv");
    std::fs::write(&good, &csv).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&good, &link).unwrap();
    let err = to.fails(&["enquiries", "import", link.to_str().unwrap()], 5);
    assert!(err.contains("it is a link"), "{err}");
    assert!(err.contains("never follows a link"), "{err}");
    let listed = to.ok(&["enquiries", "list"]);
    assert!(!listed.contains("enq-"), "nothing imported: {listed}");
    // The file itself imports.
    let said = to.ok(&["enquiries", "import", good.to_str().unwrap()]);
    assert!(said.contains("Imported 2 enquiries"), "{said}");
}

/// Exports from one home in `format`, imports into another, and exports
/// again: the same enquiries, field for field.
fn round_trip(format: &str) {
    let mut original = enquiries();
    let from = Home::new().with(&mut original);
    let file = from.path().join(format!("export.{format}"));
    from.ok(&[
        "enquiries",
        "export",
        "--format",
        format,
        "--output",
        file.to_str().unwrap(),
    ]);
    let to = Home::new();
    let said = to.ok(&["enquiries", "import", file.to_str().unwrap()]);
    assert!(said.contains("Imported 2 enquiries"), "{said}");
    let store = EnquiryStore::open(to.path().join("data/qualplan/enquiries")).unwrap();
    let mut moved = store.load_all().unwrap().enquiries;
    moved.sort_by(|a, b| a.id.cmp(&b.id));
    original.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(moved, original);
    // Importing again changes nothing.
    let again = to.ok(&["enquiries", "import", file.to_str().unwrap()]);
    assert!(again.contains("2 already there unchanged"), "{again}");
    assert_eq!(store.load_all().unwrap().enquiries.len(), 2);
}

#[test]
fn enquiries_move_between_folders_through_json() {
    round_trip("json");
}

#[test]
fn enquiries_move_between_folders_through_csv() {
    round_trip("csv");
}

#[test]
fn enquiries_move_into_a_shared_store_and_out_again() {
    let test = "enquiries_move_into_a_shared_store_and_out_again";
    let Some(server) = postgres::own_or_skip(test, &[]) else {
        return;
    };
    let url = server.url(&server.database("team"));
    let mut original = enquiries();
    let from = Home::new().with(&mut original);
    let file = from.path().join("export.json");
    from.ok(&[
        "enquiries",
        "export",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    // Into the shared store, the password from the environment, all that
    // is done logged.
    let advisor = Home::new();
    let run = |args: &[&str]| {
        let out = advisor
            .command(args)
            .args(["--store", &url, "--verbose"])
            .env("PGPASSWORD", postgres::PASSWORD)
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert!(out.status.success(), "{args:?}: {stderr}");
        stdout
    };
    let said = run(&["enquiries", "import", file.to_str().unwrap()]);
    assert!(
        said.contains("Imported 2 enquiries into the shared store"),
        "{said}"
    );
    let listed = run(&["enquiries", "list", "--format", "csv"]);
    assert!(
        listed.contains("Jane Smith-Jones") && listed.contains("Alex Jones"),
        "{listed}"
    );
    // Out again: the same enquiries, field for field (the revision is the
    // store's own).
    let export = run(&["enquiries", "export", "--format", "json"]);
    let back = serde_json::from_str::<Export>(&export.replacen("\"schema_version\": 1,", "", 1))
        .unwrap()
        .enquiries;
    let strip = |mut all: Vec<Enquiry>| {
        all.sort_by(|a, b| a.id.cmp(&b.id));
        all.into_iter()
            .map(|mut e| {
                e.revision = 0;
                e
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(back), strip(original));
    // The password is nowhere the advisor's qualplan writes.
    assert!(!advisor.log().contains(postgres::PASSWORD));
    assert!(advisor.log().contains("shared store"), "{}", advisor.log());
}

#[test]
fn a_wrong_password_is_said_without_it_on_screen_or_in_the_log() {
    let test = "a_wrong_password_is_said_without_it_on_screen_or_in_the_log";
    let Some(server) = postgres::own_or_skip(test, &[]) else {
        return;
    };
    let url = server.url(&server.database("wrong"));
    let home = Home::new();
    home.config(
        &format!(r#"(store: (url: "{url}", password: "wrong-password-5e1d"))"#),
        0o600,
    );
    let out = home.run(&["enquiries", "list", "--verbose"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(6), "{stderr}");
    assert!(stderr.contains("refused the login"), "{stderr}");
    assert!(!stderr.contains("wrong-password-5e1d"), "{stderr}");
    assert!(
        !home.log().contains("wrong-password-5e1d"),
        "{}",
        home.log()
    );
    // And from the environment.
    let out = home
        .command(&["enquiries", "list", "--store", &url])
        .env("PGPASSWORD", "env-password-77aa")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("refused the login"), "{stderr}");
    assert!(!stderr.contains("env-password-77aa"), "{stderr}");
    assert!(!home.log().contains("env-password-77aa"));
}

/// A password file others may read is passed over, as libpq does, and the
/// refused login says so and what to do; once private, it is used.
#[test]
fn a_password_file_others_can_read_is_passed_over_and_said() {
    let test = "a_password_file_others_can_read_is_passed_over_and_said";
    let Some(server) = postgres::own_or_skip(test, &[]) else {
        return;
    };
    let url = server.url(&server.database("pgpass"));
    let home = Home::new();
    let pgpass = home.path().join(".pgpass");
    std::fs::write(&pgpass, format!("*:*:*:*:{}\n", postgres::PASSWORD)).unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = home.run(&["enquiries", "list", "--store", &url]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(6), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the password file {} was not used, since others may read it (mode 0644): chmod 600 it",
            pgpass.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains(postgres::PASSWORD), "{stderr}");
    assert!(!home.log().contains(postgres::PASSWORD));
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    home.ok(&["enquiries", "list", "--store", &url]);
}

/// A link planted where the outbox (edits kept offline: personal data)
/// goes is refused, not followed: nothing is written where it points.
#[test]
fn a_link_planted_where_the_outbox_goes_is_refused() {
    let home = Home::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let data = home.path().join("data/qualplan");
    std::fs::create_dir_all(&data).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), data.join("outbox")).unwrap();
    // No server is needed: the folder is checked before connecting.
    let err = home.fails(
        &[
            "enquiries",
            "list",
            "--store",
            "postgres://sam@127.0.0.1:1/qualplan?sslmode=disable",
        ],
        5,
    );
    assert!(err.contains("is a link"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}
