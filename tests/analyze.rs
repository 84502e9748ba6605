//! `newsscan analyze` end to end: every fixture article against its
//! hand-written expected record, bad input, stdin, pipes and threads.

mod common;

use std::io::Read;
use std::process::Stdio;

use common::*;
use serde_json::Value;

fn fixture_articles() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("fixtures/articles"))
        .expect("fixtures folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

#[test]
fn every_fixture_matches_its_expected_record() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for name in fixture_articles() {
        let expected_path = format!("fixtures/expected/{}.json", stem(&name));
        if name == "binary_blob.txt" {
            continue;
        }
        assert!(
            exists(&expected_path),
            "{name} has no expected record at {expected_path}"
        );
        let mut expected: Value = serde_json::from_slice(&fixture(&expected_path)).expect("expected JSON");
        let record = analyze_one(&format!("fixtures/articles/{name}"));
        // Entities are checked by inclusion: the listed ones must be there
        // (matched on the fields given), the absent names must not.
        let include = expected
            .as_object_mut()
            .and_then(|o| o.remove("entities_include"));
        let absent = expected
            .as_object_mut()
            .and_then(|o| o.remove("entity_names_absent"));
        let entities = record["entities"].as_array().cloned().unwrap_or_default();
        for want in include
            .iter()
            .flat_map(|v| v.as_array().cloned().unwrap_or_default())
        {
            let found = entities.iter().any(|e| check_subset(&want, e, "").is_ok());
            if !found {
                failures.push(format!(
                    "{name}: no entity like {want} in {}",
                    serde_json::to_string(&entities).unwrap_or_default()
                ));
            }
        }
        for gone in absent
            .iter()
            .flat_map(|v| v.as_array().cloned().unwrap_or_default())
        {
            if entities.iter().any(|e| e["name"] == gone) {
                failures.push(format!(
                    "{name}: entity {gone} should have been merged or left out"
                ));
            }
        }
        if let Err(e) = check_subset(&expected, &record, &name) {
            failures.push(e);
        }
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} fixtures checked");
    assert!(failures.is_empty(), "mismatches:\n{}", failures.join("\n"));
}

#[test]
fn offsets_give_the_reported_text() {
    for name in fixture_articles() {
        if name == "binary_blob.txt" {
            continue;
        }
        let path = format!("fixtures/articles/{name}");
        let decoded = newsscan::input::decode(&fixture(&path)).expect("decodes");
        let out = run(&["analyze", "--tokens", "--sentences", &path]);
        let record: newsscan::record::Article = serde_json::from_slice(&out.stdout).expect("one record");
        // A page's record carries the article text its offsets index.
        let text = record.text.clone().unwrap_or(decoded.text);
        if let Err(problem) = newsscan::invariants::verify(&text, &record) {
            panic!("{name}: {problem}");
        }
    }
}

#[test]
fn binary_file_is_reported_and_the_batch_goes_on() {
    let out = run(&["analyze", "fixtures/articles"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("newsscan: fixtures/articles/binary_blob.txt: binary file"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let recs = records(&out);
    assert_eq!(recs.len(), fixture_articles().len() - 1);
    let paths: Vec<&str> = recs.iter().map(|r| r["path"].as_str().expect("path")).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "records come in sorted path order");
}

#[test]
fn missing_path_and_directory_named_as_file() {
    let scratch = Scratch::new("missing");
    std::fs::create_dir(scratch.path("folder.txt")).expect("mkdir");
    let good = scratch.write("good.txt", "Headline\n\nBody.\n");
    let out = run(&["analyze", "no/such/file.txt", good.to_str().expect("utf-8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("newsscan: no/such/file.txt: no such file or directory"),
        "{stderr}"
    );
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn clean_batch_exits_zero() {
    let out = run(&[
        "analyze",
        "fixtures/articles/title_first_dump.txt",
        "fixtures/articles/empty.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn standard_input_with_dash_and_implicit() {
    let article = fixture("fixtures/articles/title_first_dump.txt");
    for args in [&["analyze", "-"][..], &["analyze"][..]] {
        let out = run_stdin(args, &article);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let recs = records(&out);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0]["path"], "-");
        assert_eq!(
            recs[0]["headline"],
            "Library extends weekend hours after record summer"
        );
    }
}

#[test]
fn closed_pipe_ends_quietly() {
    let scratch = Scratch::new("pipe");
    let article = fixture("fixtures/articles/scraped_harbor_tunnel.txt");
    for i in 0..400 {
        scratch.write(&format!("a{i:04}.txt"), &article);
    }
    let mut child = newsscan()
        .args(["analyze", &scratch.arg()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = run(&["analyze", "--threads", "1", "fixtures/articles"]);
    let many = run(&["analyze", "--threads", "6", "fixtures/articles"]);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn pretty_output_is_the_same_record() {
    let plain = analyze_one("fixtures/articles/wire_ap_dateline.txt");
    let out = run(&["analyze", "--pretty", "fixtures/articles/wire_ap_dateline.txt"]);
    let pretty: Value = serde_json::from_slice(&out.stdout).expect("one pretty object");
    assert_eq!(plain, pretty);
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() > 10);
}

#[test]
fn tokens_and_sentences_on_request() {
    let plain = analyze_one("fixtures/articles/title_first_dump.txt");
    assert!(plain.get("tokens").is_none() && plain.get("sentences").is_none());
    let out = run(&[
        "analyze",
        "--tokens",
        "--sentences",
        "fixtures/articles/title_first_dump.txt",
    ]);
    let rec = &records(&out)[0];
    let tokens = rec["tokens"].as_array().expect("tokens");
    assert_eq!(
        tokens.len() as u64,
        rec["stats"]["words"].as_u64().expect("words")
    );
    assert_eq!(tokens[0]["text"], "Library");
    let sentences = rec["sentences"].as_array().expect("sentences");
    assert_eq!(sentences.len(), 6);
    assert_eq!(
        sentences[1]["text"],
        "The Northfield Public Library will stay open until 8 p.m. on Saturdays and Sundays starting next month, after a summer in which more than 60,000 people visited its three branches."
    );
}

#[test]
fn table_output_fits_and_is_clean() {
    let scratch = Scratch::new("table");
    let hostile = scratch.write(
        "hostile.txt",
        "Head\x1b[2Jline \x1b]0;pwned\x07title\n\nBody with \x1b[31mred\x1b[0m text and a bell\x07.\n",
    );
    let out = run(&[
        "analyze",
        "--format",
        "table",
        "fixtures/articles/scraped_harbor_tunnel.txt",
        hostile.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        !text.contains('\x1b') && !text.contains('\x07'),
        "control characters leaked"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(text.contains("City council approves harbor tunnel after decade of debate"));
    assert!(text.contains("Tom Reyes") && text.contains("Coastline Photo"));
}

#[test]
fn table_shows_each_block_with_its_class_score_and_features() {
    let out = run(&[
        "analyze",
        "--format",
        "table",
        "--blocks",
        "fixtures/articles/newsroom_cms.html",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let blocks = text.split_once("\nBlocks\n").expect("a Blocks section").1;
    let lines: Vec<&str> = blocks.lines().collect();
    // The menu's first item, its score, then its features indented under it.
    let home = lines
        .iter()
        .position(|l| l.starts_with("  boilerplate") && l.ends_with("  Home"));
    let home = home.expect("the menu item as boilerplate");
    assert!(
        lines[home + 1].trim_start().starts_with("tag=li "),
        "{}",
        lines[home + 1]
    );
    assert!(lines
        .iter()
        .any(|l| l.starts_with("  body") && l.contains("The Harbor City council voted")));
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn blocks_mark_stamps_that_the_headline_passes_over() {
    let out = run(&[
        "analyze",
        "--blocks",
        "fixtures/articles/page_story_highlights_dump.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let record: Value = serde_json::from_slice(&out.stdout).expect("a JSON record");
    assert_eq!(
        record["headline"],
        "Rivertown school board delays vote on four-day week"
    );
    let stamped: Vec<&str> = record["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter(|b| {
            b["features"]
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f == "title=stamp"))
        })
        .map(|b| b["text"].as_str().expect("text"))
        .collect();
    assert_eq!(
        stamped,
        ["By Marcy Alden, CNN", "Updated 4:12 PM ET, Tue November 19, 2019"]
    );
}

#[test]
fn any_bytes_give_a_record_or_a_clean_error() {
    let scratch = Scratch::new("bytes");
    let samples: Vec<Vec<u8>> = vec![
        vec![0xff, 0xfe, 0x00],
        vec![0xfe, 0xff, 0xd8, 0x00],
        b"\"\"\"\"\"''''\xe2\x80\x9c\xe2\x80\x9c".to_vec(),
        b"\r\r\r\n\n\r".to_vec(),
        (0u8..=255).filter(|&b| b != 0).collect(),
        "# \n---\n---\n•\n- \n* * *\n(\n)\n".as_bytes().to_vec(),
    ];
    for (i, bytes) in samples.iter().enumerate() {
        let path = scratch.write(&format!("s{i}.txt"), bytes);
        let out = run(&["analyze", path.to_str().expect("utf-8")]);
        let code = out.status.code();
        assert!(code == Some(0) || code == Some(2), "sample {i}: {code:?}");
        if code == Some(0) {
            assert_eq!(records(&out).len(), 1, "sample {i}");
        } else {
            assert_eq!(
                String::from_utf8_lossy(&out.stderr).lines().count(),
                1,
                "sample {i}"
            );
        }
    }
}
