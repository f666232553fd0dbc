//! The `qualplan` command.

mod cli;

fn main() -> std::process::ExitCode {
    qualplan::crash::install(qualplan::crash::state_dir().as_deref());
    cli::run()
}
