//! The `factdiff` binary: parse arguments, run, map the outcome to an exit status.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = factdiff::cli::Cli::parse();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    match factdiff::app::run(cli.command, &mut out, &mut err) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(e) => {
            // A closed pipe (`factdiff check | head`) is the reader's choice, not an error.
            if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(err, "error: {e:#}");
            ExitCode::from(2)
        }
    }
}
