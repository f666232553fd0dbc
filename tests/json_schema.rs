//! The JSON contract: every command's real `--format json` output (and the
//! quote's JSON file) is valid against its JSON Schema in docs/schema,
//! whatever the data: a qualification and a unit, an empty answer, a valid
//! catalogue and a broken one. The schemas forbid fields they do not list,
//! so a field added to the output without its schema fails here.

use jsonschema::{Retrieve, Uri};
use qualplan::enquiry::{Enquiry, EnquiryStore, PaymentChoice};
use serde_json::Value;
use std::path::{Path, PathBuf};

#[path = "support/home.rs"]
mod support;

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

/// Reads the schemas one refers to (`common.schema.json`) from docs/schema.
struct SchemaFiles;

impl Retrieve for SchemaFiles {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or_default();
        let text = std::fs::read_to_string(schema_dir().join(name))?;
        Ok(serde_json::from_str(&text)?)
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let path = schema_dir().join(format!("{name}.schema.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("{name}: not a schema: {e}"));
    jsonschema::options()
        .with_base_uri(format!("file://{}", path.display()))
        .with_retriever(SchemaFiles)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(name: &str, what: &str, instance: &Value) {
    let v = validator(name);
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} against {name}.schema.json:\n{}\n{instance:#}",
        errors.join("\n")
    );
}

/// `qualplan ARGS --format json` in `home`; its JSON, whatever the exit code.
fn output(home: &Path, args: &[&str]) -> Value {
    let out = support::command(home)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// An enquiry that chose a top-up and pays by instalments.
fn saved_enquiry(home: &Path) -> String {
    let store = EnquiryStore::open(home.join("data/qualplan/enquiries")).unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut e = Enquiry::new("enq-20261201-100000".into(), now);
    e.caller.name = "Jane Smith".into();
    e.role = Some(qualplan::planner::Role::HrLdProfessional);
    e.shortlist = vec!["l5-dip-cm".into()];
    e.choose(
        "l5-dip-cm",
        &qualplan::planner::Holding::one("l5-cert-cm", true),
    );
    e.payment = Some(PaymentChoice {
        instalments: true,
        start: now.date(),
        instalment: qualplan::money::Pence::pounds(100),
        monthly_payments: 3,
        final_payment_on_completion: true,
    });
    store.save(&mut e).unwrap();
    e.id
}

#[test]
fn every_command_matches_its_schema() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let broken = h.join("broken.ron");
    std::fs::write(
        &broken,
        qualplan::catalogue::EMBEDDED_CATALOGUE.replacen("fee_ex_vat: 53000,", "fee_ex_vat: 1,", 1),
    )
    .unwrap();
    let broken = broken.to_str().unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("list", &["list"]),
        ("list", &["list", "--all"]),
        ("list", &["list", "--units", "--all"]),
        ("show", &["show", "l5-dip-cm"]),
        ("show", &["show", "l3-cert-cm"]),
        ("show", &["show", "old-l5-dip-cm"]),
        ("show", &["show", "8578-302"]),
        ("show", &["show", "D7.01"]),
        ("routes", &["routes"]),
        (
            "recommend",
            &[
                "recommend",
                "--role",
                "middle-manager",
                "--hours-per-week",
                "2.5",
                "--budget",
                "2000",
                "--start",
                "2026-12-01",
                "--target-date",
                "2028-01-01",
            ],
        ),
        ("recommend", &["recommend", "--route", "1", "--level", "5"]),
        (
            "recommend",
            &["recommend", "--route", "4", "--holds", "l5-cert-cm"],
        ),
        (
            "compare",
            &["compare", "--all", "--sort", "price-per-credit", "--desc"],
        ),
        ("compare", &["compare", "--level", "5", "--size", "award"]),
        (
            "upgrade",
            &["upgrade", "--from", "l5-cert-cm", "--to", "l5-dip-cm"],
        ),
        (
            "upgrade",
            &[
                "upgrade",
                "--from",
                "l3-award-coaching",
                "--unit",
                "8577-304",
            ],
        ),
        ("upgrade", &["upgrade", "--from", "old-l5-cert-cm"]),
        ("upgrade", &["upgrade", "--from", "l7-dip-ecm"]),
        (
            "plan",
            &[
                "plan",
                "l5-dip-cm",
                "--start",
                "2027-01-04",
                "--hours-per-week",
                "4",
            ],
        ),
        (
            "plan",
            &[
                "plan",
                "l3-award-coaching",
                "--start",
                "2027-01-04",
                "--target-date",
                "2027-06-01",
            ],
        ),
        (
            "plan",
            &[
                "plan",
                "l3-cert-cm",
                "--from",
                "l3-award-coaching",
                "--unit",
                "8577-304",
            ],
        ),
        (
            "pay",
            &[
                "pay",
                "l3-award-coaching",
                "--instalments",
                "--start",
                "2027-01-31",
            ],
        ),
        ("pay", &["pay", "l5-dip-cm", "--from", "l5-cert-cm"]),
        ("search", &["search", "reflecting", "mentoring"]),
        ("search", &["search", "dipolma"]),
        ("search", &["search", "zzzzqqq"]),
        ("validate", &["validate"]),
        ("validate", &["validate", broken]),
        ("catalogue-path", &["catalogue", "path"]),
        ("enquiries-list", &["enquiries", "list"]),
    ];
    for (schema, args) in cases {
        assert_valid(schema, &format!("{args:?}"), &output(h, args));
    }
    let id = saved_enquiry(h);
    assert_valid(
        "enquiries-list",
        "a list",
        &output(h, &["enquiries", "list"]),
    );
    assert_valid(
        "enquiries-show",
        "an enquiry",
        &output(h, &["enquiries", "show", &id]),
    );
    for args in [
        &["quote", id.as_str(), "--stdout"][..],
        &["quote", id.as_str(), "--stdout", "--from", "l3-cert-cm"],
    ] {
        assert_valid("quote", &format!("{args:?}"), &output(h, args));
    }
    // The export (with an advisor and with none), and its import into
    // another home: once new, once already there.
    let export = output(h, &["enquiries", "export"]);
    assert_valid("enquiries-export", "an export", &export);
    let file = h.join("export.json");
    std::fs::write(&file, export.to_string()).unwrap();
    let other = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let said = output(
            other.path(),
            &["enquiries", "import", file.to_str().unwrap()],
        );
        assert_valid("enquiries-import", "an import", &said);
    }
    let store = EnquiryStore::open(h.join("data/qualplan/enquiries")).unwrap();
    let mut e = store.load(&id).unwrap();
    e.advisor = "Sam Patel".into();
    store.save(&mut e).unwrap();
    assert_valid(
        "enquiries-export",
        "an export with an advisor",
        &output(h, &["enquiries", "export"]),
    );
    assert_valid(
        "enquiries-list",
        "a list with an advisor",
        &output(h, &["enquiries", "list"]),
    );
    assert_valid(
        "enquiries-delete",
        "a deletion",
        &output(h, &["enquiries", "delete", &id, "--yes"]),
    );
}

/// Every schema is a valid schema, and every command that writes JSON has
/// one (the names are the commands', spaces as hyphens).
#[test]
fn every_command_has_a_schema() {
    let mut names: Vec<String> = std::fs::read_dir(schema_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected = [
        "catalogue-path",
        "common",
        "compare",
        "enquiries-delete",
        "enquiries-export",
        "enquiries-import",
        "enquiries-list",
        "enquiries-show",
        "list",
        "pay",
        "plan",
        "quote",
        "recommend",
        "routes",
        "search",
        "show",
        "upgrade",
        "validate",
    ]
    .map(|n| format!("{n}.schema.json"));
    assert_eq!(names, expected);
    for name in expected {
        validator(name.trim_end_matches(".schema.json"));
    }
}

/// The schemas are strict: a field they do not list, or money without its
/// formatted twin, is caught.
#[test]
fn the_schemas_catch_drift() {
    let home = tempfile::tempdir().unwrap();
    let mut plan = output(home.path(), &["plan", "l5-dip-cm", "--start", "2027-01-04"]);
    plan["course"]["surprise"] = Value::from(1);
    assert!(!validator("plan").is_valid(&plan));
    let mut pay = output(home.path(), &["pay", "l5-dip-cm"]);
    pay["payments"][0]["amount_ex_vat"] = Value::from(222_500);
    assert!(!validator("pay").is_valid(&pay));
    let mut list = output(home.path(), &["list"]);
    list["qualifications"][0]["size"] = Value::from("Diploma");
    assert!(!validator("list").is_valid(&list));
}
