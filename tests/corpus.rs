//! Corpus work end to end: check, report, JSON Lines streaming, shards,
//! globs, hidden files, symbolic link loops, completions and the man page.

mod common;

use common::*;
use serde_json::Value;

const GOOD: &str = "Harbor tunnel approved\n\nBy Dana Whitfield\n\nThe council approved the tunnel on Tuesday.\n\n\"This is a great day,\" Mayor Elena Park said.\n";

fn broken_folder() -> Scratch {
    let s = Scratch::new("check");
    s.write("a_good.txt", GOOD);
    // Line 5: an opening mark never closed.
    s.write(
        "b_unbalanced.txt",
        "Storm hits coast\n\nBy Omar Haddad\n\nThe storm arrived on Monday.\n\"We lost power at noon, said Ana Cruz.\n",
    );
    s.write("c_no_headline.txt", "");
    s.write("d_copy.txt", GOOD);
    s.write(
        "e_duplicate_paragraph.txt",
        "Fair opens\n\nThe county fair opened on Friday with rides.\n\nThe county fair opened on Friday with rides.\n",
    );
    s
}

#[test]
fn check_reports_on_the_right_lines_and_fails_on_deny() {
    let dir = broken_folder();
    let out = run(&["check", &dir.arg()]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(out.status.code(), Some(1), "{text}");
    let root = dir.arg();
    let has = |needle: String| assert!(text.contains(&needle), "missing {needle:?} in\n{text}");
    has(format!("{root}/b_unbalanced.txt:6:1: error[unbalanced-quotes]"));
    has(format!("{root}/c_no_headline.txt:1:1: error[missing-headline]"));
    has(format!("{root}/c_no_headline.txt:1:1: error[empty-body]"));
    has(format!(
        "{root}/d_copy.txt:1:1: warning[duplicate-article] same text as {root}/a_good.txt"
    ));
    has(format!(
        "{root}/e_duplicate_paragraph.txt:5:1: warning[duplicate-paragraph]"
    ));
    assert!(!text.contains("a_good.txt:"), "{text}");
}

#[test]
fn check_formats() {
    let dir = broken_folder();
    let out = run(&["check", "--format", "json", &dir.arg()]);
    let findings = records(&out);
    let f = findings
        .iter()
        .find(|f| f["rule"] == "unbalanced-quotes")
        .expect("finding");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(6), Some(1)));
    assert_eq!(f["severity"], "deny");
    let out = run(&["check", "--format", "github", &dir.arg()]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.lines().any(|l| l.starts_with("::error file=")
            && l.contains(",line=6,col=1,")
            && l.contains("b_unbalanced.txt")),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("::warning file=")), "{text}");
}

#[test]
fn check_levels_from_flags_and_config() {
    let dir = broken_folder();
    let out = run(&[
        "check",
        "--allow",
        "unbalanced-quotes",
        "--allow",
        "missing-headline",
        "--allow",
        "empty-body",
        &dir.arg(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    dir.write("newsscan.toml", "[rules]\nunbalanced-quotes = \"allow\"\nmissing-headline = \"warn\"\nempty-body = \"warn\"\nduplicate-article = \"deny\"\n");
    let out = run(&["check", &dir.arg()]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        out.status.code(),
        Some(1),
        "duplicate-article is denied now: {text}"
    );
    assert!(!text.contains("unbalanced-quotes"));
    assert!(text.contains("warning[missing-headline]"));
    assert!(text.contains("error[duplicate-article]"));
    let out = run(&["check", "--deny", "no-such-rule", &dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invalid value 'no-such-rule'") && err.contains("mixed-quotes"),
        "{err}"
    );
}

#[test]
fn check_clean_folder_and_errors() {
    let dir = Scratch::new("clean");
    dir.write("a.txt", GOOD);
    let out = run(&["check", &dir.arg()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    dir.write("bin.txt", b"x\0y");
    let out = run(&["check", &dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn report_json_shape() {
    let out = run(&["report", "--format", "json", "--top", "3", "fixtures/articles"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the binary fixture counts as an error"
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(r["errors"], 1);
    assert!(r["articles"].as_u64().expect("articles") >= 20);
    for kind in ["person", "organization", "location", "misc"] {
        assert!(r["entities"][kind].as_array().expect("list").len() <= 3);
    }
    let people = r["entities"]["person"].as_array().expect("people");
    assert_eq!(people[0]["name"], "Elena Park");
    let speakers = r["speakers"].as_array().expect("speakers");
    assert!(speakers[0]["count"].as_u64().expect("count") >= speakers[1]["count"].as_u64().expect("count"));
    assert!(r["without_headline"]["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .any(|p| p == "fixtures/articles/empty.txt"));
}

#[test]
fn report_table_and_csv() {
    let out = run(&["report", "fixtures/articles/quotes_long_statement.txt"]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("Most quoted") && text.contains("Derek Fenn") && text.contains('█'),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let out = run(&[
        "report",
        "--format",
        "csv",
        "fixtures/articles/quotes_long_statement.txt",
    ]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("section,kind,name,count,articles\n"));
    assert!(text.contains("speaker,person,Derek Fenn,4,1"), "{text}");
}

#[test]
fn jsonl_input_gives_one_record_per_line() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Tunnel approved\\n\\nThe council voted.\", \"source\": \"wire\"}\n",
        "not json\n",
        "{\"id\": 7, \"body\": \"no text field\"}\n",
        "{\"id\": \"c\", \"text\": \"Second\\n\\n\\\"We won,\\\" said Elena Park.\"}\n",
    );
    let out = run_stdin(&["analyze", "--input", "jsonl"], input.as_bytes());
    let lines = records(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["headline"], "Tunnel approved");
    assert_eq!(lines[0]["meta"]["source"], "wire");
    assert!(lines[0].get("path").is_none());
    assert!(
        lines[1]["id"].is_null()
            && lines[1]["error"]
                .as_str()
                .expect("error")
                .contains("invalid JSON")
    );
    assert_eq!(lines[2]["id"], 7);
    assert!(lines[2]["error"]
        .as_str()
        .expect("error")
        .contains("no \"text\" field"));
    assert_eq!(lines[3]["quotes"][0]["speaker"], "Elena Park");
}

#[test]
fn jsonl_split_and_joined_give_the_same_records() {
    let mut input = String::new();
    for i in 0..60 {
        let text =
            format!("Headline {i}\n\nParagraph {i} about the council.\n\n\"We agree,\" said Dana Whitfield.");
        input.push_str(&serde_json::json!({"id": i, "text": text}).to_string());
        input.push('\n');
    }
    let whole = run_stdin(
        &["analyze", "--input", "jsonl", "--threads", "3"],
        input.as_bytes(),
    );
    let dir = Scratch::new("jsonl");
    let lines: Vec<&str> = input.lines().collect();
    dir.write("part1.jsonl", lines[..25].join("\n") + "\n");
    dir.write("part2.jsonl", lines[25..].join("\n") + "\n");
    let mut parts = Vec::new();
    for p in ["part1.jsonl", "part2.jsonl"] {
        let out = run(&[
            "analyze",
            "--input",
            "jsonl",
            "--threads",
            "1",
            dir.path(p).to_str().expect("utf-8"),
        ]);
        parts.extend(out.stdout);
    }
    assert_eq!(whole.stdout, parts);
    assert_eq!(records(&whole).len(), 60);
}

#[test]
fn shards_partition_the_folder() {
    let all = records(&run(&["analyze", "fixtures/articles"]));
    let mut seen = Vec::new();
    for k in 0..3 {
        let shard = records(&run(&[
            "analyze",
            "--shard",
            &format!("{k}/3"),
            "fixtures/articles",
        ]));
        seen.extend(
            shard
                .into_iter()
                .map(|r| r["path"].as_str().expect("path").to_string()),
        );
    }
    seen.sort();
    let mut want: Vec<String> = all
        .iter()
        .map(|r| r["path"].as_str().expect("path").to_string())
        .collect();
    want.sort();
    assert_eq!(seen, want);
}

#[test]
fn globs_hidden_files_and_extensions() {
    let dir = Scratch::new("globs");
    dir.write("a.txt", GOOD);
    dir.write("b.md", GOOD);
    dir.write("c.json", GOOD);
    dir.write(".hidden.txt", GOOD);
    dir.write(".secret/d.txt", GOOD);
    dir.write("drafts/e.txt", GOOD);
    let names = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["analyze"];
        full.extend_from_slice(args);
        let root = dir.arg();
        full.push(&root);
        records(&run(&full))
            .iter()
            .map(|r| {
                r["path"]
                    .as_str()
                    .expect("path")
                    .rsplit('/')
                    .next()
                    .expect("name")
                    .to_string()
            })
            .collect()
    };
    assert_eq!(names(&[]), ["a.txt", "b.md", "e.txt"]);
    assert_eq!(
        names(&["--hidden"]),
        [".hidden.txt", "d.txt", "a.txt", "b.md", "e.txt"]
    );
    assert_eq!(names(&["--glob", "*.json"]), ["c.json"]);
    assert_eq!(names(&["--glob", "!drafts"]), ["a.txt", "b.md"]);
    assert_eq!(names(&["--ext", "json"]), ["c.json"]);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_reported_not_followed() {
    let dir = Scratch::new("loop");
    dir.write("a/x.txt", GOOD);
    std::os::unix::fs::symlink(dir.path("a"), dir.path("a/again")).expect("symlink");
    let out = run(&["analyze", &dir.arg()]);
    assert_eq!(records(&out).len(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("symbolic link loop"), "{err}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("analyze"),
            "{shell}"
        );
    }
    let out = run(&["man"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH"));
}
