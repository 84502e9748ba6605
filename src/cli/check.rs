//! `newsscan check`: lint article files before publication, for CI.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;
use clap::{Args, ValueEnum};

use newsscan::check::{self, Finding, Levels, RuleSelector, Severity};
use newsscan::hash::FxHashMap;
use newsscan::Options;

use super::analyze::analyze_safely;
use super::inputs::{InputArgs, Skipped};
use super::progress::Progress;
use super::{signals, ColorArg, Outcome};

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
    #[arg(long, value_name = "RULE", value_parser = rule_names())]
    pub deny: Vec<String>,

    /// Report a rule without failing the run (repeatable).
    #[arg(long, value_name = "RULE", value_parser = rule_names())]
    pub warn: Vec<String>,

    /// Do not report a rule (repeatable).
    #[arg(long, value_name = "RULE", value_parser = rule_names())]
    pub allow: Vec<String>,

    /// Read rule levels from this file instead of `newsscan.toml` at the root of each checked folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// List the rules with their default levels and exit.
    #[arg(long)]
    pub list_rules: bool,

    #[command(flatten)]
    pub color: ColorArg,
}

/// The rule ids and `all`, offered by completions and checked by clap.
fn rule_names() -> PossibleValuesParser {
    PossibleValuesParser::new(std::iter::once("all").chain(check::Rule::ALL.map(check::Rule::id)))
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
    /// Size of the input, for the progress line.
    input_bytes: u64,
}

/// A configuration file larger than this is not one.
const CONFIG_LIMIT: u64 = 1 << 20;

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
        let src = super::read_named_text(&path, CONFIG_LIMIT)?;
        levels
            .apply_toml(&src)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
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

fn list_rules() -> anyhow::Result<Outcome> {
    let mut out = String::new();
    for rule in check::Rule::ALL {
        let level = rule
            .default_severity()
            .name()
            .replace("error", "deny")
            .replace("warning", "warn");
        out.push_str(&format!("{:<24}{level:<8}{}\n", rule.id(), rule.description()));
    }
    super::write_stdout(out.as_bytes())?;
    Ok(Outcome::Success)
}

pub fn run(args: CheckArgs, quiet: bool) -> anyhow::Result<Outcome> {
    if args.list_rules {
        return list_rules();
    }
    let inputs = args.files.inputs(super::inputs::ARTICLE_EXTENSIONS)?;
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
            input_bytes: loaded.decoded.bytes as u64,
        })
    };
    let mut progress = Progress::new(!quiet);
    if progress.enabled() {
        inputs.count_in_background(progress.totals.clone());
    }
    let mut seen: FxHashMap<u64, String> = FxHashMap::default();
    let (mut denied, mut errors, mut files) = (false, false, 0u64);
    let terminal = io::stdout().is_terminal();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let (format, color) = (args.format.format(), args.color.enabled());
    let items = inputs.sources_by_root().map(|(root, s)| {
        let size = inputs.weight(&s);
        ((root, s), size)
    });
    let result = inputs.for_each_weighted(items, work, |item| {
        signals::check()?;
        match item {
            Ok(mut file) => {
                files += 1;
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
                let mut text = String::new();
                for f in &file.findings {
                    denied |= f.severity == Severity::Deny;
                    text.push_str(&check::render(f, format, color));
                    text.push('\n');
                }
                if terminal && !text.is_empty() {
                    progress.suspend(|| out.write_all(text.as_bytes()).and_then(|()| out.flush()))?;
                } else {
                    out.write_all(text.as_bytes())?;
                }
                progress.tick(file.input_bytes);
            }
            Err(Skipped::Failed(msg)) => {
                errors = true;
                out.flush()?;
                progress.message(&msg);
            }
            Err(Skipped::Note(msg)) => {
                if !quiet {
                    out.flush()?;
                    progress.message(&msg);
                }
            }
        }
        Ok(())
    });
    let flushed = out.flush();
    progress.finish();
    if let Some(outcome) = super::finish_run(result, flushed)? {
        return Ok(outcome);
    }
    if files == 0 && !errors && !quiet {
        inputs.note_nothing_found();
    }
    Ok(if errors {
        Outcome::Errors
    } else if denied {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
