//! Hostile input: nothing may panic, hang, lose an article from the batch or
//! use memory out of proportion to the file.

mod common;

use std::time::Duration;

use common::*;

#[test]
fn file_over_the_size_limit_is_refused_cheaply() {
    let dir = Scratch::new("huge");
    // 200 MB without writing 200 MB: a sparse file.
    let f = std::fs::File::create(dir.path("huge.txt")).expect("create");
    f.set_len(200 << 20).expect("set_len");
    dir.write("small.txt", "Headline\n\nBody.\n");
    let out = run(&["analyze", &dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("huge.txt: file is larger than the 64 MiB limit; raise it with --max-file-size"),
        "{err}"
    );
    assert_eq!(records(&out).len(), 1, "the rest of the batch still runs");
    let out = run(&[
        "analyze",
        "--max-file-size",
        "1K",
        dir.path("small.txt").to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn long_single_line_is_analyzed() {
    let dir = Scratch::new("longline");
    let sentence = "The council met in Harbor City and \"voted\" on Tuesday, Elena Park said. ";
    let text = sentence.repeat(40_000); // about 3 MB on one line
    let path = dir.write("line.txt", &text);
    let out = run(&["analyze", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let rec = &records(&out)[0];
    assert_eq!(rec["stats"]["bytes"], text.len());
}

#[test]
fn only_quotation_marks() {
    let dir = Scratch::new("marks");
    let path = dir.write("marks.txt", "\"“”„«»‘’'".repeat(20_000));
    let out = run(&["analyze", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let rec = &records(&out)[0];
    assert!(rec["quotes"].as_array().expect("quotes").is_empty());
}

#[test]
fn a_million_capitalized_words() {
    let dir = Scratch::new("caps");
    let words = [
        "Harbor",
        "City",
        "Council",
        "Elena",
        "Park",
        "Mayor",
        "Transit",
        "Authority",
    ];
    let text: String = (0..1_000_000)
        .map(|i| words[i % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let path = dir.write("caps.txt", text);
    let out = run(&["analyze", path.to_str().expect("utf-8")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn deeply_nested_folders() {
    let dir = Scratch::new("deep");
    let mut rel = String::new();
    for i in 0..120 {
        rel.push_str(&format!("d{}/", i % 10));
    }
    dir.write(&format!("{rel}deep.txt"), "Deep headline\n\nBody text.\n");
    dir.write("top.txt", "Top headline\n\nBody text.\n");
    let out = run(&["analyze", &dir.arg()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 2);
}

#[cfg(unix)]
#[test]
fn fifo_and_device_files_are_skipped_not_read() {
    let dir = Scratch::new("special");
    dir.write("a.txt", "Headline\n\nBody.\n");
    let fifo = dir.path("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success();
    assert!(made);
    std::os::unix::fs::symlink("/dev/zero", dir.path("zero.txt")).expect("symlink");
    let mut child = newsscan()
        .args(["analyze", &dir.arg()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // A FIFO read would block forever: the run must end by itself.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("newsscan hung on a FIFO or device");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pipe.txt: not a regular file, skipped"), "{err}");
    assert!(err.contains("zero.txt: not a regular file, skipped"), "{err}");
}

#[cfg(unix)]
#[test]
fn file_gone_before_it_is_read() {
    // A dangling link is a file that vanished between listing and reading.
    let dir = Scratch::new("gone");
    dir.write("a.txt", "Headline\n\nBody.\n");
    std::os::unix::fs::symlink(dir.path("removed.txt"), dir.path("b.txt")).expect("symlink");
    dir.write("c.txt", "Headline\n\nBody.\n");
    let out = run(&["analyze", &dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(records(&out).len(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.txt: no such file or directory"));
}

#[cfg(unix)]
#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("perm");
    let path = dir.write("secret.txt", "Headline\n\nBody.\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = std::fs::read(&path).is_ok(); // true for root
    let out = run(&["analyze", &dir.arg()]);
    if readable {
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(records(&out).len(), 1);
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("secret.txt: permission denied"));
    }
}

#[cfg(unix)]
#[test]
fn newlines_in_file_names() {
    let dir = Scratch::new("names");
    dir.write(
        "two\nlines.txt",
        "Headline\n\nBody with \"a quote that runs long enough,\" she said.\n",
    );
    dir.write("bad\nname.txt", b"x\0y");
    let out = run(&["analyze", &dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["path"]
        .as_str()
        .expect("path")
        .ends_with("two\nlines.txt"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line per error: {err:?}");
    let out = run(&["analyze", "--format", "table", &dir.arg()]);
    let table = String::from_utf8_lossy(&out.stdout);
    // The table prints the name on one line: the line break becomes a space.
    assert!(table.contains("two lines.txt"), "{table}");
    assert!(
        err.contains("bad\\nname.txt"),
        "the error escapes the line break: {err:?}"
    );
}

#[test]
fn jsonl_with_huge_and_broken_lines() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"Ok\\n\\nFine.\"}\n");
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"");
    input.extend(std::iter::repeat_n(b'a', 3 << 20));
    input.extend_from_slice(b"\"}\n");
    input.extend_from_slice(b"\xff\xfe not json\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"Last\\n\\nOne.\"}\n");
    let out = run_stdin(&["analyze", "--input", "jsonl", "--max-file-size", "1M"], &input);
    let recs = records(&out);
    assert_eq!(recs.len(), 4, "one output line per input line");
    assert_eq!(recs[0]["id"], 1);
    assert!(recs[1]["error"].as_str().expect("error").contains("longer than"));
    assert!(recs[2]["error"].is_string());
    assert_eq!(recs[3]["id"], 4);
    assert_eq!(out.status.code(), Some(2), "failed lines make the run fail");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().count(),
        2,
        "one line per failed line"
    );
}

/// Issue 15, items 10 to 12: shapes whose cost once grew with the square of
/// the input (unclosed brackets after names, thousands of people sharing a
/// surname, single quotes inside double quotes). The sizes are small enough
/// for a debug build now, and took minutes before.
#[test]
fn shapes_that_were_quadratic() {
    let dir = Scratch::new("quadratic");
    let brackets = dir.write("brackets.txt", "Foo Bar (".repeat(30_000));
    let out = run(&["analyze", brackets.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let mut surnames = String::new();
    for i in 0..4_000 {
        let first: String = format!("{i:04}")
            .bytes()
            .map(|b| (b'a' + b - b'0') as char)
            .collect();
        let first = format!("{}{}", first[..1].to_uppercase(), &first[1..]);
        surnames.push_str(&format!("{first}o Smith arrived. Smith left. "));
    }
    let path = dir.write("surnames.txt", &surnames);
    let rec = analyze_one(path.to_str().expect("utf-8"));
    let smiths = rec["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["name"].as_str().is_some_and(|n| n.ends_with(" Smith")))
        .count();
    assert!(smiths > 1_000, "each Smith is their own person: {smiths}");
    let nested = dir.write("nested.txt", "\"brown 'fox' jumps\" ".repeat(30_000));
    let rec = analyze_one(nested.to_str().expect("utf-8"));
    let quotes = rec["quotes"].as_array().expect("quotes");
    assert!(
        quotes.iter().all(|q| q["text"] == "brown 'fox' jumps"),
        "single quotes stay inside"
    );
}
