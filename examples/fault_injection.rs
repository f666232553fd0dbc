//! Real disk faults for docs/reliability.md: the enquiry store on a tiny
//! tmpfs that fills up, then on the same tmpfs remounted read-only. Saves
//! must fail with a clear error, never a panic, and every enquiry must
//! still load with its last saved content. Mounting needs root:
//! `sudo cargo run --release --example fault_injection`.

use chrono::NaiveDateTime;
use qualplan::enquiry::{Enquiry, EnquiryStore};
use std::path::Path;
use std::process::Command;

fn mount(args: &[&str]) -> Result<(), String> {
    let out = Command::new("mount")
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Every enquiry loads and holds what was last saved successfully.
fn check(store: &EnquiryStore, saved: &[Enquiry]) -> usize {
    let report = store.load_all().expect("the directory reads");
    assert!(report.set_aside.is_empty(), "{:?}", report.set_aside);
    let mut lost = 0;
    for e in saved {
        match store.load(&e.id) {
            Ok(on_disk) if on_disk == *e => {}
            _ => lost += 1,
        }
    }
    lost
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let point = dir.path();
    let point_str = point.to_str().expect("a UTF-8 path");
    if let Err(e) = mount(&["-t", "tmpfs", "-o", "size=256k", "tmpfs", point_str]) {
        eprintln!("cannot mount a tmpfs ({e}); run as root");
        std::process::exit(2);
    }
    let result = std::panic::catch_unwind(|| run(point, point_str));
    let _ = mount(&["-o", "remount,rw", point_str]);
    let _ = Command::new("umount").arg(point_str).status();
    if result.is_err() {
        std::process::exit(1);
    }
}

fn run(point: &Path, point_str: &str) {
    let store = EnquiryStore::open(point.join("enquiries")).expect("the store opens");
    let now = NaiveDateTime::parse_from_str("2026-11-22 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
    // Fill the disk: enquiries with long notes until saves fail.
    let mut saved: Vec<Enquiry> = Vec::new();
    let (mut attempts, mut full) = (0, 0);
    for i in 0..400 {
        let mut e = Enquiry::new(format!("enq-20261122-{i:06}"), now);
        e.caller.name = format!("Caller {i}");
        e.notes = "n".repeat(2_000);
        attempts += 1;
        match store.save(&mut e) {
            Ok(()) => saved.push(e),
            Err(err) => {
                full += 1;
                assert!(err.to_string().contains("No space left"), "{err}");
            }
        }
    }
    // Growing an existing enquiry on a full disk fails and keeps the old one.
    let mut grown = saved[0].clone();
    grown.notes = "m".repeat(100_000);
    assert!(store.save(&mut grown).is_err());
    let lost = check(&store, &saved);
    println!(
        "full disk (256 KiB tmpfs): {attempts} saves tried, {} saved, {full} refused with \"No space left on device\", files lost: {lost}",
        saved.len()
    );

    // Read-only: every save fails, everything still loads.
    mount(&["-o", "remount,ro", point_str]).expect("remount read-only");
    let mut refused = 0;
    for e in saved.iter().take(20) {
        let mut changed = e.clone();
        changed.notes = "changed".into();
        if store.save(&mut changed).is_err() {
            refused += 1;
        }
    }
    let lost = check(&store, &saved);
    // Opened afresh on the read-only disk, the store still lists, loads
    // and quotes every enquiry.
    let reopened = EnquiryStore::open(point.join("enquiries")).expect("opens read-only");
    let listed = reopened.load_all().expect("lists").enquiries.len();
    let catalogue =
        qualplan::catalogue::load_cached(&qualplan::catalogue::CatalogueOrigin::Embedded, None)
            .expect("the built-in catalogue");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut quoted = 0;
    for e in &saved {
        let mut e = reopened.load(&e.id).expect("loads");
        e.chosen = Some("l5-dip-cm".into());
        if qualplan::quote::build(&catalogue, &e, today).is_ok() {
            quoted += 1;
        }
    }
    println!(
        "read-only disk: 20 saves tried, {refused} refused, files lost: {lost}, {} enquiries load; reopened read-only: {listed} listed, {quoted} quoted",
        saved.len()
    );
    assert_eq!((listed, quoted), (saved.len(), saved.len()));
}
