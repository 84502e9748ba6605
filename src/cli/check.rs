//! `newsscan check`: lint article files before publication, for CI.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use newsscan::analyze::Options;
use newsscan::check::{self, Finding, Levels, Severity};
use newsscan::corpus::{self, for_each_ordered};
use newsscan::entities::hash::FxHashMap;

use super::analyze::{analyze_safely, load, Done};
use super::{InputArgs, Outcome};

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
    fn name(self) -> &'static str {
        match self {
            CheckFormat::Text => "text",
            CheckFormat::Json => "json",
            CheckFormat::Github => "github",
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

enum Item {
    /// Findings, the file, its text fingerprint and the index of its root.
    Findings(Vec<Finding>, String, Option<u64>, usize),
    Skip(Done),
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
            levels.set(r, level)?;
        }
    }
    Ok(levels)
}

pub fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    if args.list_rules {
        let mut out = io::stdout().lock();
        for (id, level, what) in check::RULES {
            writeln!(
                out,
                "{id:<24}{:<8}{what}",
                level.name().replace("error", "deny").replace("warning", "warn")
            )?;
        }
        return Ok(Outcome::Success);
    }
    let paths = args.files.resolved_paths()?;
    let walk = args.files.walk_options()?;
    // One set of levels per path argument: a folder's newsscan.toml applies
    // to the files under it.
    let mut levels = Vec::new();
    for p in &paths {
        let root = p.is_dir().then_some(p.as_path());
        levels.push(levels_for(root, &args)?);
    }
    let options = Options::default();
    let limit = args.files.max_file_size;
    let (k, n) = args.files.shard.unwrap_or((0, 1));
    let items = paths
        .iter()
        .enumerate()
        .flat_map(|(i, p)| corpus::sources(std::slice::from_ref(p), &walk).map(move |s| (i, s)));
    let items = corpus::shard(items, k, n);
    let levels = &levels;
    let work = |(i, source): (usize, _)| match load(source, limit) {
        Err(done) => Item::Skip(done),
        Ok((name, decoded)) => match analyze_safely(&decoded, &options) {
            Ok(record) => {
                let mut found = check::check_article(&name, &record, &decoded.text, &levels[i]);
                found.sort_by_key(|f| (f.line, f.column));
                Item::Findings(found, name, check::fingerprint(&record), i)
            }
            Err(err) => Item::Skip(Done::Failed(format!("{name}: {err}"))),
        },
    };
    let mut seen: FxHashMap<u64, String> = FxHashMap::default();
    let (mut denied, mut errors) = (false, false);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let format = args.format.name();
    let threads = args.files.thread_count();
    for_each_ordered(items, threads, threads * 16, work, |item| {
        match item {
            Item::Findings(mut found, name, print, root) => {
                if let Some(p) = print {
                    match seen.get(&p) {
                        Some(first) => {
                            if let Some(f) = check::duplicate_article(&name, first, &levels[root]) {
                                found.insert(0, f);
                            }
                        }
                        None => {
                            seen.insert(p, name.clone());
                        }
                    }
                }
                for f in found {
                    denied |= f.severity == Severity::Deny;
                    writeln!(out, "{}", check::render(&f, format))?;
                }
            }
            Item::Skip(Done::Failed(msg)) => {
                errors = true;
                out.flush()?;
                super::report_line(&msg);
            }
            Item::Skip(Done::Note(msg)) => {
                out.flush()?;
                super::report_line(&msg);
            }
            Item::Skip(Done::Output(..)) => {}
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
