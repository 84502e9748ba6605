//! What a command-line user meets: configuration errors, output failures,
//! signals, escaping of file names, messages and manual pages. Each test
//! names the item of issue 15 it guards.

mod common;

use std::io::Read;
use std::process::Stdio;

use common::*;

const ARTICLE: &str = "Harbor tunnel approved\n\nBy Dana Whitfield\n\nThe council approved the tunnel on Tuesday.\n\n\"This is the most important vote of my career,\" Mayor Elena Park said.\n";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Issue 15, item 1: a broken configuration is an error naming the file and
/// the line, never silently ignored.
#[test]
fn broken_configurations_are_errors_with_file_and_line() {
    let dir = Scratch::new("config");
    let article = dir.write("a.txt", ARTICLE);
    let article = article.to_str().expect("utf-8");
    let cases = [
        (
            "unclosed.toml",
            "[rules\nmixed-quotes = \"allow\"\n",
            "unclosed.toml: line 1:",
        ),
        (
            "typo.toml",
            "[ruels]\nmixed-quotes = \"allow\"\n",
            "typo.toml: line 1: unknown field `ruels`",
        ),
        (
            "string.toml",
            "[rules]\nmixed-quotes = \"allow\n",
            "string.toml: line 2:",
        ),
        (
            "level.toml",
            "[rules]\nmixed-quotes = \"loud\"\n",
            "level.toml: line 2: level must be allow",
        ),
        (
            "rule.toml",
            "[rules]\nmixed-quote = \"deny\"\n",
            "rule.toml: line 2: unknown rule \"mixed-quote\"",
        ),
    ];
    for (name, body, want) in cases {
        let config = dir.write(name, body);
        let out = run(&["check", "--config", config.to_str().expect("utf-8"), article]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert!(err.contains(want) && err.lines().count() == 1, "{name}: {err}");
    }
    // Inline tables and dotted keys are the same table in TOML: honoured.
    for body in [
        "rules = { unattributed-quote = \"deny\" }\n",
        "rules.unattributed-quote = \"deny\"\n",
    ] {
        let config = dir.write("inline.toml", body);
        let dir2 = Scratch::new("config-quote");
        let quoted = dir2.write("q.txt", "Headline\n\nBody text here.\n\n\"We will win the vote on Tuesday and then some more,\" the crowd chanted loudly.\n");
        let out = run(&[
            "check",
            "--config",
            config.to_str().expect("utf-8"),
            quoted.to_str().expect("utf-8"),
        ]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{body}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // A configuration that never ends is refused, not read forever.
    let out = run(&["check", "--config", "/dev/zero", article]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/dev/zero: larger than 1 MiB"),
        "{}",
        stderr(&out)
    );
}

/// Runs `args` with standard output going to a pipe that is closed at once.
fn run_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = newsscan()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait")
}

/// Runs `args` with standard output on /dev/full.
fn run_into_full_disk(args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    newsscan()
        .args(args)
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("run")
}

/// Issue 15, item 2: no command panics when its output fails; a closed pipe
/// ends quietly with 0, other write errors with one line and exit 2.
#[cfg(target_os = "linux")]
#[test]
fn output_failures_never_panic() {
    let dir = Scratch::new("outfail");
    let conll = dir.write(
        "gold.conll",
        "Elena B-PER\nPark I-PER\nspoke O\n\nHarbor B-LOC\nCity I-LOC\n",
    );
    let conll = conll.to_str().expect("utf-8");
    let model = dir.path("m.bin");
    let model = model.to_str().expect("utf-8");
    let commands: Vec<Vec<&str>> = vec![
        vec!["eval", "--gold", conll],
        vec!["eval", "--quotes", "fixtures/holdout/gold.jsonl"],
        vec![
            "train", "--train", conll, "--dev", conll, "--epochs", "1", "-o", model,
        ],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["man", "analyze"],
        vec!["check", "--list-rules"],
        vec!["report", "fixtures/articles"],
        vec!["analyze", "fixtures/articles/scraped_harbor_tunnel.txt"],
    ];
    for args in &commands {
        let out = run_into_closed_pipe(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?} into a closed pipe: {}",
            stderr(&out)
        );
        let out = run_into_full_disk(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} on a full disk");
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.contains("newsscan: cannot write to standard output: no space left on device"),
            "{args:?}: {err}"
        );
    }
}

/// Issue 15, item 5: JSON Lines input keeps line 1 after a byte order mark,
/// reports failed lines on standard error with exit 2, and takes `*.jsonl`
/// files from folders.
#[test]
fn jsonl_input_bom_errors_and_folders() {
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"Ok\\n\\nFine.\"}\n{\"id\": 2}\n");
    let out = run_stdin(&["analyze", "--input", "jsonl"], &input);
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], 1, "record 1 survives the byte order mark");
    assert!(recs[1]["error"]
        .as_str()
        .expect("error")
        .contains("no \"text\" field"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("-:2: no \"text\" field"),
        "{}",
        stderr(&out)
    );

    let dir = Scratch::new("jsonl-dir");
    dir.write("a.jsonl", "{\"id\": \"a\", \"text\": \"Ok\\n\\nFine.\"}\n");
    dir.write("sub/b.ndjson", "{\"id\": \"b\", \"text\": \"Ok\\n\\nFine.\"}\n");
    dir.write("c.txt", "not json");
    let out = run(&["analyze", "--input", "jsonl", &dir.arg()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<_> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["a", "b"]);
}

/// Issue 15, item 6: file names never reach the terminal raw.
#[cfg(unix)]
#[test]
fn file_names_are_escaped_in_human_output() {
    let dir = Scratch::new("evil");
    dir.write("evil\x1b]0;owned\x07\nname.txt", "A headline and nothing else");
    let out = run(&["check", &dir.arg()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(
        text.contains("evil\\u{1b}]0;owned\\u{7}\\nname.txt:1:1: error[empty-body]"),
        "{text:?}"
    );
    assert_eq!(text.lines().count(), 1, "one line per finding: {text:?}");
    let out = run(&["check", "--format", "github", &dir.arg()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert_eq!(text.lines().count(), 1, "{text:?}");
    let out = run(&["report", "--format", "csv", &dir.arg()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("evil\\u{1b}]0;owned\\u{7}\\nname.txt"), "{text:?}");
}

/// Issue 15, items 7 and 8: the one-line BBC caption style, and acronyms
/// defined in the text.
#[test]
fn bbc_captions_and_defined_acronyms() {
    let dir = Scratch::new("bbc");
    let path = dir.write(
        "bbc.txt",
        "Bridge reopens after repairs\n\nImage source, Reuters\nImage caption, Commuters crossed the bridge on Monday.\n\nThe Federal Highway Administration (FHWA) paid for the repairs. The FHWA said so.\n\nThe U.S. Department of Agriculture (USDA) objected. The USDA said the plan was flawed.\n",
    );
    let rec = analyze_one(path.to_str().expect("utf-8"));
    assert_eq!(
        rec["captions"],
        serde_json::json!([{"text": "Commuters crossed the bridge on Monday.", "credit": "Reuters"}])
    );
    let names: Vec<(String, Vec<String>)> = rec["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["kind"] == "organization")
        .map(|e| {
            let aliases = e["aliases"].as_array().expect("aliases");
            (
                e["name"].as_str().unwrap_or_default().to_string(),
                aliases
                    .iter()
                    .map(|a| a.as_str().unwrap_or_default().to_string())
                    .collect(),
            )
        })
        .collect();
    assert!(
        names.contains(&(
            "Federal Highway Administration".into(),
            vec!["Federal Highway Administration".into(), "FHWA".into()]
        )),
        "{names:?}"
    );
    assert!(
        names.contains(&(
            "U.S. Department of Agriculture".into(),
            vec!["U.S. Department of Agriculture".into(), "USDA".into()]
        )),
        "{names:?}"
    );
    let out = run(&["check", path.to_str().expect("utf-8")]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("caption-without-credit"));
}

/// Issue 15, item 9: training data that cannot make a model is refused.
#[test]
fn training_refuses_empty_unknown_and_oversized_data() {
    let dir = Scratch::new("train");
    let empty = dir.write("empty.conll", "");
    let foo = dir.write("foo.conll", "Acme B-ORG\nrose O\n\nMonday B-FOO\n");
    let good = dir.write("good.conll", "Elena B-PER\nPark I-PER\nspoke O\n");
    let model = dir.path("m.bin");
    let model = model.to_str().expect("utf-8");
    let arg = |p: &std::path::Path| p.to_str().expect("utf-8").to_string();
    let out = run(&["train", "--train", &arg(&empty), "-o", model]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("empty.conll: no annotated sentences"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path("m.bin").exists(), "no empty model written");
    let out = run(&["train", "--train", &arg(&foo), "-o", model]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("foo.conll: line 4: unknown entity type \"FOO\""),
        "{}",
        stderr(&out)
    );
    let out = run(&["train", "--train", &arg(&good), "--max-tokens", "2", "-o", model]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("training data too large: 3 tokens"),
        "{}",
        stderr(&out)
    );
}

/// Issue 15, item 13: one article's cost is bounded; the record says what
/// was left out.
#[test]
fn one_article_cost_is_bounded() {
    let dir = Scratch::new("bounded");
    let path = dir.write("dense.txt", "\"a\" ".repeat(30_000));
    let out = run(&["analyze", "--max-analyzed", "64K", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let rec = &records(&out)[0];
    let warnings = rec["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w["code"] == "truncated" && w["offset"] == 65536),
        "{warnings:?}"
    );
    assert_eq!(rec["stats"]["bytes"], 120_000, "counts cover the whole input");
    let last_para_end = rec["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .last()
        .map_or(0, |p| p["end"].as_u64().unwrap_or(0));
    assert!(last_para_end <= 65536);
    let quotes = "\"“”„«»‘’'".repeat(2_000);
    let path = dir.write("marks.txt", &quotes);
    let rec = analyze_one(path.to_str().expect("utf-8"));
    let warnings = rec["warnings"].as_array().expect("warnings");
    assert!(warnings.len() <= 1001, "{} warnings", warnings.len());
    assert!(warnings.iter().any(|w| w["code"] == "too-many"));
}

/// Issue 15, item 14: SIGTERM while a large record is being written to a
/// pipe leaves whole records only.
#[cfg(unix)]
#[test]
fn sigterm_leaves_whole_records() {
    let dir = Scratch::new("sigterm");
    let body = "Headline\n\n".to_string() + &"\"We will win the vote,\" Elena Park said. ".repeat(20_000);
    for i in 0..4 {
        dir.write(&format!("a{i}.txt"), &body);
    }
    let mut child = newsscan()
        .args(["analyze", "-q", "--threads", "1", &dir.arg()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = vec![0u8; 100_000];
    stdout.read_exact(&mut first).expect("part of the first record");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).expect("rest");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(143));
    first.extend(rest);
    assert!(first.ends_with(b"\n"), "the output ends with a whole record");
    for line in first.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line).expect("every line is a whole record");
    }
}

/// Issue 15, items 15 and 17: manual pages per command, completions without
/// hidden commands and with rule names, uniform messages.
#[test]
fn manual_completions_and_messages() {
    let out = run(&["man", "check"]);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH newsscan-check") && page.contains("EXIT STATUS") && page.contains("EXAMPLES"));
    let out = run(&["completions", "bash"]);
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(!script.contains("generate"), "hidden commands are not offered");
    assert!(script.contains("caption-without-credit"), "rule names complete");
    for (args, want) in [
        (
            vec![
                "check",
                "--config",
                "/no/such.toml",
                "fixtures/articles/empty.txt",
            ],
            "newsscan: /no/such.toml: no such file or directory",
        ),
        (
            vec![
                "analyze",
                "--model",
                "/no/such.bin",
                "fixtures/articles/empty.txt",
            ],
            "newsscan: /no/such.bin: no such file or directory",
        ),
        (
            vec!["eval", "--gold", "/no/such.conll"],
            "newsscan: /no/such.conll: no such file or directory",
        ),
        (
            vec!["analyze", "--threads", "0", "fixtures/articles/empty.txt"],
            "invalid value '0' for '--threads <N>'",
        ),
        (
            vec![
                "analyze",
                "--format",
                "table",
                "--pretty",
                "fixtures/articles/empty.txt",
            ],
            "cannot be used with --format table",
        ),
        (
            vec![
                "analyze",
                "--format",
                "table",
                "--quotes-only",
                "fixtures/articles/empty.txt",
            ],
            "cannot be used with --format table",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(want) && !err.contains("os error"), "{args:?}: {err}");
    }
    let out = run(&[
        "analyze",
        "--max-file-size",
        "1.5M",
        "fixtures/articles/scraped_harbor_tunnel.txt",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let empty = Scratch::new("nothing");
    let out = run(&["analyze", &empty.arg()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains(
            "no input: no file with the extensions txt, text, md, html, htm, html.gz, htm.gz under"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(&[
        "analyze",
        "--format",
        "table",
        "fixtures/articles/quotes_long_statement.txt",
    ]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains(" · 1 quote · ") || table.contains(" quotes · "),
        "{table}"
    );
    assert!(!table.contains(" 1 quotes "), "{table}");
}
