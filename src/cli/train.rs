//! `newsscan train` and `newsscan eval`: build an entity model from
//! CoNLL-format files and score a model against annotated text.

use std::io::Write as _;
use std::path::PathBuf;

use clap::Args;

use newsscan::entities::conll::{self, AnnotatedDoc, AnnotatedSentence};
use newsscan::entities::eval::evaluate_with;
use newsscan::entities::tags::{self, Pos, Tag};
use newsscan::entities::train::{train, TrainOptions};
use newsscan::entities::{default_model, tag_tokens, Model};
use newsscan::quote_eval::{GoldArticle, QuoteScores};
use newsscan::{analyze, Options};

use super::Outcome;

/// Flags of `newsscan train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Annotated training files in CoNLL format (token first, tag last; repeatable).
    #[arg(long = "train", value_name = "FILE", required = true, num_args = 1..)]
    pub train: Vec<PathBuf>,

    /// Annotated files from other sources or with other conventions; they
    /// help through domain adaptation without imposing their conventions.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub aux: Vec<PathBuf>,

    /// Annotated files of informal text (web pages, social media): used as
    /// --aux files are, but their capitalization is not learned as the
    /// usual casing of words, which headlines in capitals are recased by.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub aux_informal: Vec<PathBuf>,

    /// Weight of auxiliary-file mistakes relative to training-file ones.
    #[arg(long, default_value_t = 1.0)]
    pub aux_weight: f32,

    /// Running text for learning word clusters only: articles (`.txt` files, or folders of them) or CoNLL files whose tags are ignored.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub unlabeled: Vec<PathBuf>,

    /// Annotated development file, used to choose the best epoch (never trained on).
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,

    /// Where to write the model.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,

    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,

    /// Drop context features seen fewer times than this.
    #[arg(long, default_value_t = 1)]
    pub min_count: u32,

    /// Drop averaged weights smaller than this from the saved model.
    #[arg(long, default_value_t = 0.0)]
    pub prune: f32,

    /// Seed for shuffling documents between epochs.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Tokens of --train and --aux text accepted at most (they cost memory while training).
    #[arg(long, value_name = "N", default_value_t = MAX_TRAINING_TOKENS, hide = true)]
    pub max_tokens: usize,

    /// Learn word clusters from the training text at these sizes (comma separated, at most three; 0 for none).
    #[arg(long, value_delimiter = ',', default_value = "0")]
    pub clusters: Vec<usize>,
}

/// Flags of `newsscan eval`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["gold", "quotes"])))]
pub struct EvalArgs {
    /// Entity-annotated files in CoNLL format to score against (repeatable).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub gold: Vec<PathBuf>,

    /// Quote-annotated articles, JSON Lines `{"path", "quotes": [{"text", "speaker", "named"}]}`, to score quotes against.
    #[arg(long, value_name = "FILE")]
    pub quotes: Option<PathBuf>,

    /// Score this model instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Score the tagger alone, without the rules applied after it.
    #[arg(long)]
    pub no_rules: bool,

    /// Also write `token gold predicted` lines (the input format of conlleval) to this file.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Annotated files larger than this are refused.
const ANNOTATED_LIMIT: u64 = 1 << 30;

/// Tokens of annotated training text (train and auxiliary) at most: each
/// costs about a kilobyte of memory while training.
const MAX_TRAINING_TOKENS: usize = 4_000_000;

/// Reads CoNLL files; a file without a single annotated sentence is an
/// error naming it.
fn read_docs(paths: &[PathBuf]) -> anyhow::Result<Vec<AnnotatedDoc>> {
    let mut docs = Vec::new();
    for path in paths {
        let text = super::read_named_text(path, ANNOTATED_LIMIT)?;
        let found = conll::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if found.is_empty() {
            anyhow::bail!(
                "{}: no annotated sentences (CoNLL format: a token and its tag per line)",
                path.display()
            );
        }
        docs.extend(found);
    }
    Ok(docs)
}

/// Running text for clusters: folders of `.txt` articles (sorted, so
/// that training is reproducible), `.txt` articles, or CoNLL files.
fn read_unlabeled(paths: &[PathBuf]) -> anyhow::Result<Vec<AnnotatedDoc>> {
    let mut docs = Vec::new();
    for path in paths {
        let mut articles = Vec::new();
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "txt") {
                    articles.push(entry.into_path());
                }
            }
        } else if path.extension().is_some_and(|e| e == "txt") {
            articles.push(path.clone());
        } else {
            docs.extend(read_docs(std::slice::from_ref(path))?);
            continue;
        }
        for article in articles {
            let bytes = std::fs::read(&article)
                .map_err(|e| anyhow::anyhow!("{}: {}", article.display(), newsscan::input::io_reason(&e)))?;
            let decoded =
                newsscan::input::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", article.display()))?;
            let doc: AnnotatedDoc = newsscan::pipeline::tagger_sentences(&decoded.text)
                .into_iter()
                .map(|words| AnnotatedSentence {
                    tags: vec![tags::O; words.len()],
                    words,
                })
                .collect();
            docs.push(doc);
        }
    }
    Ok(docs)
}

fn tokens(docs: &[AnnotatedDoc]) -> usize {
    docs.iter().flatten().map(|s| s.words.len()).sum()
}

/// Writes a line of progress to standard error (a closed one is ignored).
fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Model files larger than this are refused.
const MODEL_LIMIT: u64 = 1 << 30;

/// Loads a model file, or the built-in model.
pub fn load_model(path: Option<&PathBuf>) -> anyhow::Result<&'static Model> {
    match path {
        None => Ok(default_model()),
        Some(p) => {
            let bytes = super::read_named_file(p, MODEL_LIMIT)?;
            let model = Model::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            if model.gazetteer_mismatch() {
                super::print_error_line(&format!(
                    "{}: trained with other gazetteer lists than this build's; entity scores may be lower",
                    p.display()
                ));
            }
            // One model per process: leaking it gives it the same lifetime
            // as the built-in one.
            Ok(Box::leak(Box::new(model)))
        }
    }
}

pub fn run_train(args: TrainArgs, quiet: bool) -> anyhow::Result<Outcome> {
    let train_docs = read_docs(&args.train)?;
    let mut aux_docs = read_docs(&args.aux)?;
    let informal = read_docs(&args.aux_informal)?;
    let informal_docs = informal.len();
    aux_docs.extend(informal);
    let unlabeled_docs = read_unlabeled(&args.unlabeled)?;
    let dev_docs = match &args.dev {
        Some(d) => read_docs(std::slice::from_ref(d))?,
        None => Vec::new(),
    };
    let n = tokens(&train_docs) + tokens(&aux_docs);
    if n > args.max_tokens {
        anyhow::bail!(
            "training data too large: {n} tokens in --train and --aux files, at most {} fit in memory; train on a part of it",
            args.max_tokens
        );
    }
    let options = TrainOptions {
        epochs: args.epochs,
        min_count: args.min_count,
        prune: args.prune,
        seed: args.seed,
        aux_weight: args.aux_weight,
        clusters: args.clusters.iter().copied().filter(|&n| n > 0).collect(),
        informal: informal_docs,
    };
    let names: Vec<String> = args
        .train
        .iter()
        .chain(&args.aux)
        .chain(&args.aux_informal)
        .map(|p| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    let mut info = format!(
        "trained on {}; {} epochs at most, min count {}, prune {}",
        names.join(", "),
        args.epochs,
        args.min_count,
        args.prune
    );
    if let Some(d) = &args.dev {
        info.push_str(&format!(
            "; development set {}",
            d.file_name()
                .map_or_else(|| d.display().to_string(), |n| n.to_string_lossy().into_owned())
        ));
    }
    let (model, scores) = train(
        &train_docs,
        &aux_docs,
        &unlabeled_docs,
        &dev_docs,
        &options,
        &info,
        &mut |line| {
            if !quiet {
                note(line);
            }
        },
    );
    let bytes = model.to_bytes();
    std::fs::write(&args.output, &bytes)
        .map_err(|e| anyhow::anyhow!("{}: {}", args.output.display(), newsscan::input::io_reason(&e)))?;
    if let Some(s) = scores {
        super::write_stdout(s.report().as_bytes())?;
    }
    if !quiet {
        note(&format!(
            "wrote {} ({} features, {} bytes)",
            args.output.display(),
            model.features(),
            bytes.len()
        ));
    }
    Ok(Outcome::Success)
}

pub fn run_eval(args: EvalArgs) -> anyhow::Result<Outcome> {
    let model = load_model(args.model.as_ref())?;
    if let Some(path) = &args.quotes {
        let text = super::read_named_text(path, ANNOTATED_LIMIT)?;
        let mut scores = QuoteScores::default();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let gold: GoldArticle = serde_json::from_str(line)
                .map_err(|e| anyhow::anyhow!("{}:{}: invalid JSON: {e}", path.display(), n + 1))?;
            let decoded = newsscan::input::read_path(std::path::Path::new(&gold.path), 64 << 20, true)
                .map_err(|e| anyhow::anyhow!("{}: {e}", gold.path))?;
            let options = Options {
                model,
                ..Options::default()
            };
            let record = analyze(&decoded, &options);
            scores.add(&gold, &record.quotes);
        }
        super::write_stdout(scores.report().as_bytes())?;
        if args.gold.is_empty() {
            return Ok(Outcome::Success);
        }
    }
    if model.is_empty() {
        match &args.model {
            Some(p) => anyhow::bail!("{}: the model holds no weights", p.display()),
            None => anyhow::bail!("no entity model is built in (data/model.bin is empty)"),
        }
    }
    let docs = read_docs(&args.gold)?;
    let scores = evaluate_with(model, &docs, !args.no_rules);
    if let Some(path) = &args.output {
        let mut out = String::new();
        for doc in &docs {
            let words: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let predicted = tag_tokens(model, &words, !args.no_rules);
            for (s, p) in doc.iter().zip(&predicted) {
                let pred = tags::encode(p, s.words.len());
                for ((w, g), p) in s.words.iter().zip(&s.tags).zip(&pred) {
                    out.push_str(&format!("{w} {} {}\n", bio(*g), bio(*p)));
                }
                out.push('\n');
            }
        }
        std::fs::write(path, out)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), newsscan::input::io_reason(&e)))?;
    }
    super::write_stdout(scores.report().as_bytes())?;
    Ok(Outcome::Success)
}

/// A BILOU tag written as IOB2, the way conlleval reads it.
fn bio(t: Tag) -> String {
    match tags::split(t) {
        None => "O".to_string(),
        Some((Pos::B | Pos::U, k)) => format!("B-{}", k.conll()),
        Some((_, k)) => format!("I-{}", k.conll()),
    }
}
