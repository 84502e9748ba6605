//! Throughput on one core. First over a generated corpus (at least 50 MB):
//! layout, tokens and sentences alone, then the whole analysis with quotes,
//! entities and JSON output. Then the whole analysis over real news, read
//! at run time from the shared data folder and never committed: the
//! PolNeAR article texts, the saved pages as text dumps, and the pages as
//! HTML. Each corpus is reported with its vocabulary (distinct lower-case
//! words), which is what keeps a tagger's weights in cache or not.
//!
//! Run with `cargo bench`; NEWSSCAN_BENCH_MB changes the generated
//! corpus's size, NEWSSCAN_DATA points at the shared data (default
//! `../shared/data`); a corpus that is not there is skipped with a note.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsscan::input::{decode, Decoded, SourceFormat};
use newsscan::layout::blocks;
use newsscan::output::{JsonLines, Printer};
use newsscan::{analyze, Options};
use newsscan::{layout, synth, text};

/// The allocator the binary uses (see `src/main.rs`), so that the figures
/// are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mb: usize = std::env::var("NEWSSCAN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let corpus = synth::corpus(1, mb << 20);
    let bytes: usize = corpus.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1e6;
    println!(
        "generated corpus: {} articles, {megabytes:.1} MB, vocabulary {}",
        corpus.len(),
        vocabulary(corpus.iter().map(String::as_str))
    );

    let start = Instant::now();
    let mut words = 0usize;
    let mut sentences = 0usize;
    for a in &corpus {
        let l = layout::parse(a);
        for b in blocks(&l) {
            words += text::count_words(a, b.range.clone());
            sentences += text::sentences(a, b.range.clone()).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "layout + tokens + sentences: {:.1} MB/s ({words} words, {sentences} sentences, {secs:.2} s)",
        megabytes / secs
    );

    // Load the model before timing: loading is a one-off cost per process.
    let options = Options::default();
    let _ = options.model.features();
    let decoded: Vec<Decoded> = corpus
        .iter()
        .map(|a| decode(a.as_bytes()).expect("generated text decodes"))
        .collect();
    full_analysis("generated: full analysis + JSON", &decoded, bytes, &options);

    let data = std::env::var_os("NEWSSCAN_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let real: [(&str, &[&str], &str); 3] = [
        (
            "PolNeAR articles (text)",
            &["polnear/data/train/text", "polnear/data/dev/text"],
            ".txt",
        ),
        (
            "saved pages (text dumps)",
            &["pages/text-html2text", "pages/text-inscriptis"],
            ".txt",
        ),
        ("saved pages (HTML)", &["pages/html"], ".html.gz"),
    ];
    for (name, folders, ext) in real {
        let files = read_files(&data, folders, ext);
        if files.is_empty() {
            println!("{name}: not found under {} (skipped)", data.display());
            continue;
        }
        let bytes: usize = files.iter().map(Vec::len).sum();
        let mut decoded: Vec<Decoded> = Vec::new();
        for f in &files {
            let mut d = decode(f).expect("real article decodes");
            if ext.contains("html") {
                d.format = SourceFormat::Html;
            }
            decoded.push(d);
        }
        println!(
            "{name}: {} files, {:.1} MB, vocabulary {}",
            files.len(),
            bytes as f64 / 1e6,
            vocabulary(decoded.iter().map(|d| d.text.as_str()))
        );
        full_analysis(
            &format!("{name}: full analysis + JSON"),
            &decoded,
            bytes,
            &options,
        );
    }
}

/// Times the whole analysis and JSON output of `decoded` (best of three
/// runs, so that a busy moment of the machine does not decide the figure).
fn full_analysis(label: &str, decoded: &[Decoded], bytes: usize, options: &Options) {
    let printer = JsonLines::default();
    let mut best = f64::INFINITY;
    let (mut entities, mut quotes) = (0usize, 0usize);
    let runs = if bytes > 20_000_000 { 1 } else { 3 };
    for _ in 0..runs {
        let start = Instant::now();
        let mut out = Vec::new();
        entities = 0;
        quotes = 0;
        for d in decoded {
            let record = analyze(d, options);
            entities += record.entities.len();
            quotes += record.quotes.len();
            out.clear();
            printer.article(&record, &mut out).expect("render");
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{label}: {:.2} MB/s ({entities} entities, {quotes} quotes, {best:.2} s)",
        bytes as f64 / 1e6 / best
    );
}

/// Files of `folders` under `data` ending in `ext`, sorted by name; gzip
/// files inflated.
fn read_files(data: &Path, folders: &[&str], ext: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(data.join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(ext))
            .collect();
        paths.sort();
        for p in paths {
            let Ok(bytes) = std::fs::read(&p) else { continue };
            if ext.ends_with(".gz") {
                let mut inflated = Vec::new();
                if flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut inflated)
                    .is_ok()
                {
                    out.push(inflated);
                }
            } else {
                out.push(bytes);
            }
        }
    }
    out
}

/// Distinct lower-case words.
fn vocabulary<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    let mut seen: HashSet<String> = HashSet::new();
    for t in texts {
        for w in t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            if !seen.contains(w) {
                seen.insert(w.to_lowercase());
            }
        }
    }
    seen.len()
}
