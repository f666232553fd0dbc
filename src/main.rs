//! The `qualplan` command.

mod cli;
mod tui;

fn main() -> std::process::ExitCode {
    cli::run()
}
