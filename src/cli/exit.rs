//! Why a command failed, and the exit code each kind of mistake gives: the
//! same mistake exits with the same code in every command (docs/cli.md,
//! "Exit codes", which a test keeps in step with this list).

use std::process::ExitCode;

/// The kinds of failure, one exit code each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Understood, but it cannot be done: a qualification already held, a
    /// price on request, instalments larger than the fee, a deletion not
    /// confirmed.
    Refused,
    /// The command line is wrong: an unknown option, a value badly written
    /// or out of range, options that do nothing together, a unit where a
    /// qualification is wanted.
    Usage,
    /// A name, code or enquiry id matches nothing, or several things.
    NotFound,
    /// The catalogue is not valid.
    InvalidCatalogue,
    /// A file or folder cannot be read or written (the catalogue, an
    /// output folder, the data directory, standard output).
    File,
    /// The shared enquiry store cannot be reached, or refuses the login.
    Unreachable,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Refused,
        Kind::Usage,
        Kind::NotFound,
        Kind::InvalidCatalogue,
        Kind::File,
        Kind::Unreachable,
    ];

    pub fn code(self) -> u8 {
        match self {
            Kind::Refused => 1,
            Kind::Usage => 2,
            Kind::NotFound => 3,
            Kind::InvalidCatalogue => 4,
            Kind::File => 5,
            Kind::Unreachable => 6,
        }
    }

    /// What the code means, as the help and docs/cli.md give it.
    pub fn meaning(self) -> &'static str {
        match self {
            Kind::Refused => {
                "understood but cannot be done (already held, price on request, declined)"
            }
            Kind::Usage => {
                "the command line or the config file is wrong (a bad value, options that do nothing together, a key remapped onto one in use)"
            }
            Kind::NotFound => "a name, code or enquiry id matches nothing, or several things",
            Kind::InvalidCatalogue => "the catalogue is not valid",
            Kind::File => "a file or folder cannot be read or written",
            Kind::Unreachable => "the shared enquiry store cannot be reached, or refuses the login",
        }
    }

    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

/// The exit codes as `--help` (and so the manual page) lists them.
pub fn exit_status() -> String {
    let mut text = String::from("Exit status:\n  0    success, also when the answer is empty\n");
    for kind in Kind::ALL {
        text.push_str(&format!("  {:<4} {}\n", kind.code(), kind.meaning()));
    }
    text.push_str("  101  a bug in qualplan (it says where its log is)");
    text
}

/// A failed command: its kind and what to tell the user (empty when it
/// has been told already, as `validate --format json` does on stdout).
#[derive(Debug)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
}

impl Failure {
    fn new(kind: Kind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
        }
    }

    pub fn refused(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Refused, message)
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Usage, message)
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(Kind::NotFound, message)
    }

    pub fn file(message: impl Into<String>) -> Failure {
        Failure::new(Kind::File, message)
    }

    pub fn unreachable(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Unreachable, message)
    }

    pub fn invalid_catalogue(message: impl Into<String>) -> Failure {
        Failure::new(Kind::InvalidCatalogue, message)
    }

    /// Already reported; exits with `kind`'s code and says nothing more.
    pub fn reported(kind: Kind) -> Failure {
        Failure::new(kind, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/cli.md lists every code with the meaning `Kind` gives it.
    #[test]
    fn the_docs_list_every_exit_code() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
        for kind in Kind::ALL {
            let row = format!("| {} | {} |", kind.code(), kind.meaning());
            assert!(docs.contains(&row), "docs/cli.md lacks `{row}`");
        }
        let codes: Vec<u8> = Kind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, [1, 2, 3, 4, 5, 6], "one code per kind");
        assert!(exit_status().contains("  3    a name, code or enquiry id matches nothing"));
    }
}
