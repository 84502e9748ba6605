//! The `newsscan` command line: parses flags and hands over to the library.

#![warn(clippy::too_many_lines)]

mod cli;

use std::process::ExitCode;

/// The analysis makes many small, short-lived allocations (tokens, spans,
/// record fields); mimalloc serves them in fewer instructions than the
/// system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
