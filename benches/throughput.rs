//! Throughput on one core over a generated corpus (at least 50 MB):
//! layout, tokens and sentences alone, then the whole analysis with quotes,
//! entities and JSON output. Run with `cargo bench`; set NEWSSCAN_BENCH_MB
//! to change the corpus size.

use std::time::Instant;

use newsscan::input::decode;
use newsscan::layout::blocks;
use newsscan::output::{JsonLines, Printer};
use newsscan::{analyze, Options};
use newsscan::{layout, synth, text};

fn main() {
    let mb: usize = std::env::var("NEWSSCAN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let corpus = synth::corpus(1, mb << 20);
    let bytes: usize = corpus.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1e6;
    println!("corpus: {} articles, {megabytes:.1} MB", corpus.len());

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
    let printer = JsonLines::default();
    let start = Instant::now();
    let mut out = Vec::new();
    let mut entities = 0usize;
    let mut quotes = 0usize;
    for a in &corpus {
        let decoded = decode(a.as_bytes()).expect("generated text decodes");
        let record = analyze(&decoded, &options);
        entities += record.entities.len();
        quotes += record.quotes.len();
        out.clear();
        printer.article(&record, &mut out).expect("render");
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "full analysis + JSON: {:.1} MB/s ({entities} entities, {quotes} quotes, {secs:.2} s)",
        megabytes / secs
    );
}
