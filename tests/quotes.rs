//! Quotes end to end: accuracy on the hand-annotated fixtures, the
//! one-line-per-quote output, and quotes in the table.

mod common;

use common::*;

fn figure(report: &str, label: &str) -> f64 {
    report
        .lines()
        .find(|l| l.starts_with(label))
        .and_then(|l| l[label.len()..].split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {label} in {report}"))
}

#[test]
fn accuracy_on_annotated_fixtures() {
    for gold in ["fixtures/quotes/gold.jsonl", "fixtures/holdout/gold.jsonl"] {
        let out = run(&["eval", "--quotes", gold]);
        let report = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(0), "{report}");
        assert!(figure(&report, "recall") >= 95.0, "{gold}: {report}");
        assert!(figure(&report, "precision") >= 95.0, "{gold}: {report}");
        assert!(figure(&report, "speaker accuracy") >= 90.0, "{gold}: {report}");
    }
}

#[test]
fn gold_covers_enough_quotes_and_articles() {
    let text = String::from_utf8(fixture("fixtures/quotes/gold.jsonl")).expect("utf-8");
    let articles: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let quotes: usize = articles
        .iter()
        .map(|a| a["quotes"].as_array().expect("quotes").len())
        .sum();
    assert!(
        articles.len() >= 10 && quotes >= 60,
        "{} articles, {quotes} quotes",
        articles.len()
    );
}

#[test]
fn one_line_per_quote() {
    let out = run(&[
        "analyze",
        "--quotes-only",
        "fixtures/articles/quotes_long_statement.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let lines = records(&out);
    assert_eq!(lines.len(), 10);
    for l in &lines {
        assert_eq!(l["path"], "fixtures/articles/quotes_long_statement.txt");
        assert!(l["text"].is_string() && l["start"].is_u64());
    }
    let fenn = lines.iter().filter(|l| l["speaker"] == "Derek Fenn").count();
    assert_eq!(fenn, 4);
    let first = &lines[0];
    assert_eq!(first["speaker"], "Marta Kowalczyk");
    assert_eq!(first["speaker_kind"], "person");
    assert_eq!(first["paragraph"], 1, "the quote starts in the second paragraph");
}

#[test]
fn quotes_in_bullets_and_captions() {
    let rec = analyze_one("fixtures/articles/quotes_bullets_captions.txt");
    let quotes = rec["quotes"].as_array().expect("quotes");
    let caption = quotes
        .iter()
        .find(|q| q["block"] == "caption")
        .expect("caption quote");
    assert_eq!(caption["speaker"], "Nadia Mensah");
    assert!(caption["paragraph"].is_null());
    let bullet = quotes
        .iter()
        .find(|q| q["block"] == "bullet")
        .expect("bullet quote");
    assert_eq!(bullet["speaker"], "Paul Grant");
}

#[test]
fn table_shows_quotes() {
    let out = run(&[
        "analyze",
        "--format",
        "table",
        "fixtures/articles/quotes_long_statement.txt",
    ]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("SPEAKER"));
    assert!(text.contains("Derek Fenn"));
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}
