//! `newsscan check`: lint article files before publication, for CI.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use newsscan::check::{self, Finding, Levels, RuleSelector, Severity};
use newsscan::corpus::for_each_ordered;
use newsscan::hash::FxHashMap;
use newsscan::Options;

use super::analyze::analyze_safely;
use super::inputs::{InputArgs, Skipped};
use super::Outcome;

/// Output format of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: level[rule] message`.
    Text,
    /// One JSON object per finding per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

impl CheckFormat {
    fn format(self) -> check::FindingFormat {
        match self {
            CheckFormat::Text => check::FindingFormat::Text,
            CheckFormat::Json => check::FindingFormat::Json,
            CheckFormat::Github => check::FindingFormat::Github,
        }
    }
}

/// Flags of `newsscan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub files: InputArgs,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Make a rule fail the run (repeatable; `all` for every rule).
    #[arg(long, value_name = "RULE")]
    pub deny: Vec<String>,

    /// Report a rule without failing the run (repeatable).
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,

    /// Do not report a rule (repeatable).
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,

    /// Read rule levels from this file instead of `newsscan.toml` at the root of each checked folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// List the rules with their default levels and exit.
    #[arg(long)]
    pub list_rules: bool,
}

/// One file checked.
struct Checked {
    /// What was found, sorted by position.
    findings: Vec<Finding>,
    /// The file's name.
    name: String,
    /// Its text fingerprint, for finding the same article twice.
    fingerprint: Option<u64>,
    /// Index of the path argument it came from (its rule levels).
    root: usize,
}

/// Rule levels for files under `root`: defaults, then the configuration
/// file, then the flags.
fn levels_for(root: Option<&Path>, args: &CheckArgs) -> anyhow::Result<Levels> {
    let mut levels = Levels::default();
    let config = match (&args.config, root) {
        (Some(c), _) => Some(c.clone()),
        (None, Some(r)) => Some(r.join("newsscan.toml")).filter(|p| p.is_file()),
        (None, None) => Some(PathBuf::from("newsscan.toml")).filter(|p| p.is_file()),
    };
    if let Some(path) = config {
        let src = std::fs::read_to_string(&path).with_context(|| format!("{}", path.display()))?;
        levels
            .apply_toml(&src)
            .with_context(|| format!("{}", path.display()))?;
    }
    for (rules, level) in [
        (&args.allow, Severity::Allow),
        (&args.warn, Severity::Warn),
        (&args.deny, Severity::Deny),
    ] {
        for r in rules {
            levels.set(RuleSelector::parse(r)?, level);
        }
    }
    Ok(levels)
}

pub fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    if args.list_rules {
        let mut out = io::stdout().lock();
        for rule in check::Rule::ALL {
            writeln!(
                out,
                "{:<24}{:<8}{}",
                rule.id(),
                rule.default_severity()
                    .name()
                    .replace("error", "deny")
                    .replace("warning", "warn"),
                rule.description()
            )?;
        }
        return Ok(Outcome::Success);
    }
    let inputs = args.files.inputs()?;
    // One set of levels per path argument: a folder's newsscan.toml applies
    // to the files under it.
    let mut levels = Vec::new();
    for p in &inputs.paths {
        let root = p.is_dir().then_some(p.as_path());
        levels.push(levels_for(root, &args)?);
    }
    let options = Options::default();
    let levels = &levels;
    let work = |(root, source)| -> Result<Checked, Skipped> {
        let loaded = inputs.load(source)?;
        let name = loaded.name;
        let record = analyze_safely(&loaded.decoded, &options)
            .map_err(|err| Skipped::Failed(format!("{name}: {err}")))?;
        let mut findings = check::check_article(&name, &record, &loaded.decoded.text, &levels[root]);
        findings.sort_by_key(|f| (f.line, f.column));
        Ok(Checked {
            findings,
            name,
            fingerprint: check::fingerprint(&record),
            root,
        })
    };
    let mut seen: FxHashMap<u64, String> = FxHashMap::default();
    let (mut denied, mut errors) = (false, false);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let format = args.format.format();
    let threads = inputs.threads;
    for_each_ordered(inputs.sources_by_root(), threads, threads * 16, work, |item| {
        match item {
            Ok(mut file) => {
                if let Some(p) = file.fingerprint {
                    match seen.get(&p) {
                        Some(first) => {
                            if let Some(f) = check::duplicate_article(&file.name, first, &levels[file.root]) {
                                file.findings.insert(0, f);
                            }
                        }
                        None => {
                            seen.insert(p, file.name.clone());
                        }
                    }
                }
                for f in file.findings {
                    denied |= f.severity == Severity::Deny;
                    writeln!(out, "{}", check::render(&f, format))?;
                }
            }
            Err(Skipped::Failed(msg)) => {
                errors = true;
                out.flush()?;
                super::report_line(&msg);
            }
            Err(Skipped::Note(msg)) => {
                out.flush()?;
                super::report_line(&msg);
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(if errors {
        Outcome::Errors
    } else if denied {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
