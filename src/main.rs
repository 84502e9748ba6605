//! The `newsscan` command line: parses flags and hands over to the library.

#![warn(clippy::too_many_lines)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
