//! Man pages and the command the shells complete: one page per command,
//! with its options from the flag definitions, the exit codes and
//! examples; hidden commands appear in neither.

use std::fmt::Write as _;

use clap::CommandFactory;

use super::Cli;

/// The command line as users see it: hidden commands left out.
pub fn public_command() -> clap::Command {
    let full = Cli::command();
    let mut cmd = clap::Command::new("newsscan")
        .version(full.get_version().unwrap_or_default().to_string())
        .about(full.get_about().cloned().unwrap_or_default())
        .max_term_width(100);
    for arg in full.get_arguments() {
        cmd = cmd.arg(arg.clone());
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        cmd = cmd.subcommand(sub.clone());
    }
    cmd
}

/// Examples for each page: `(command line, what it does)`.
fn examples(command: Option<&str>) -> &'static [(&'static str, &'static str)] {
    match command {
        None | Some("analyze") => &[
            ("newsscan analyze article.txt", "one JSON record on one line"),
            ("newsscan analyze --format table article.txt", "the record for reading"),
            ("newsscan analyze archive/ > records.jsonl", "a folder, recursively, sorted by path"),
            (
                "newsscan analyze archive/ --quotes-only | jq -r '.speaker // \"unattributed\"' | sort | uniq -c",
                "who is quoted, and how often",
            ),
            (
                "cat articles.jsonl | newsscan analyze --input jsonl --threads 1",
                "JSON Lines in, one record per line out (Spark, Hadoop streaming)",
            ),
        ],
        Some("report") => &[
            ("newsscan report archive/ --top 20", "a table with bars"),
            ("newsscan report archive/ --format csv", "section,kind,name,count,articles rows"),
        ],
        Some("check") => &[
            ("newsscan check drafts/", "findings as path:line:col: level[rule] message"),
            ("newsscan check drafts/ --format github", "workflow annotations for GitHub Actions"),
            ("newsscan check drafts/ --deny unattributed-quote --allow mixed-quotes", "levels from flags"),
        ],
        Some("train") => &[(
            "newsscan train --train ours.conll --dev ours-dev.conll -o model.bin",
            "a model from annotated text; the development set picks the epoch",
        )],
        Some("eval") => &[
            ("newsscan eval --gold test.conll", "precision, recall and F1 per kind"),
            ("newsscan eval --quotes gold.jsonl", "quote recall, precision and speaker accuracy"),
        ],
        Some(_) => &[("newsscan completions bash > ~/.local/share/bash-completion/completions/newsscan", "bash completions")],
    }
}

/// The roff man page for the overview (`None`) or one command.
pub fn page(command: Option<&str>) -> anyhow::Result<Vec<u8>> {
    let top = public_command();
    let cmd = match command {
        None => top,
        Some(name) => {
            let sub = top.find_subcommand(name).cloned().ok_or_else(|| {
                let names: Vec<&str> = top.get_subcommands().map(|s| s.get_name()).collect();
                anyhow::anyhow!("no such command {name:?} (commands: {})", names.join(", "))
            })?;
            let full_name = format!("newsscan-{name}");
            sub.name(full_name.clone()).bin_name(format!("newsscan {name}"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    let mut extra = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in [
        ("0", "every input was processed (for check: no finding at deny level)"),
        ("1", "check only: a finding at deny level"),
        (
            "2",
            "an input could not be processed, a bad flag, or a bad configuration; the rest of the batch still ran and each problem was reported on one line of standard error as newsscan: PATH: reason",
        ),
        ("130, 143", "stopped by SIGINT or SIGTERM, after the last whole record"),
    ] {
        let _ = write!(extra, ".TP\n\\fB{code}\\fR\n{}\n", roff_text(meaning));
    }
    extra.push_str(".SH EXAMPLES\n");
    for (line, what) in examples(command) {
        let _ = write!(extra, ".TP\n\\fB{}\\fR\n{}\n", roff_text(line), roff_text(what));
    }
    out.extend_from_slice(extra.as_bytes());
    Ok(out)
}

/// Text made safe for roff: backslashes doubled, and a leading period or
/// quote escaped so it is not read as a request.
fn roff_text(s: &str) -> String {
    let s = s.replace('\\', "\\e");
    if s.starts_with(['.', '\'']) {
        format!("\\&{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_commands_are_left_out() {
        let cmd = public_command();
        assert!(cmd.find_subcommand("analyze").is_some());
        assert!(cmd.find_subcommand("generate").is_none());
    }

    #[test]
    fn every_command_has_a_page() {
        for name in ["analyze", "report", "check", "train", "eval", "completions"] {
            let page = String::from_utf8(page(Some(name)).expect("page")).expect("utf-8");
            assert!(
                page.contains("EXIT STATUS") && page.contains("EXAMPLES"),
                "{name}"
            );
            assert!(page.contains(&format!("newsscan-{name}")), "{name}");
        }
        assert!(page(Some("nope")).is_err());
    }
}
