//! HTML input end to end: how pages are recognised (name, content, flag,
//! JSON Lines field, gzip), and what hostile or empty pages give.

mod common;

use std::io::Write;

use common::*;
use serde_json::Value;

const PAGE: &str = "<!doctype html><html><head><title>Ferry Fares Rise | Harbor Post</title></head>\
<body><nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul></nav>\
<article><h1>Ferry fares rise for the first time in a decade</h1>\
<p>The harbor authority raised ferry fares on Monday for the first time in ten years, \
citing the rising cost of fuel and repairs to the older boats.</p>\
<p>\"We held the line as long as we could,\" said Elena Park, the authority's director, \
adding that the increase would pay for two new vessels by next spring.</p>\
<p>Riders who cross every day will pay about forty dollars more a year under the plan \
approved by the board.</p></article>\
<footer><p>Copyright Harbor Post. All rights reserved.</p></footer></body></html>";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

fn paragraphs(rec: &Value) -> Vec<String> {
    rec["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn assert_page_read(rec: &Value) {
    assert_eq!(rec["source_format"], "html", "{rec}");
    assert_eq!(
        rec["headline"], "Ferry fares rise for the first time in a decade",
        "{rec}"
    );
    let paras = paragraphs(rec);
    assert_eq!(paras.len(), 3, "{paras:?}");
    assert!(paras[0].starts_with("The harbor authority raised"));
    assert!(paras
        .iter()
        .all(|p| !p.contains("Copyright") && !p.contains("Home")));
    assert_eq!(rec["quotes"][0]["speaker"], "Elena Park", "{rec}");
}

#[test]
fn pages_are_recognised_by_name_content_flag_and_field() {
    let dir = Scratch::new("html-inputs");
    dir.write("page.html", PAGE);
    dir.write("zipped.html.gz", gzip(PAGE.as_bytes()));
    // A page saved without an HTML extension is read as a page by content.
    dir.write("saved.txt", PAGE);
    let out = run(&["analyze", &dir.arg()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    for rec in &recs {
        assert_page_read(rec);
    }

    // Standard input that starts like HTML.
    let out = run_stdin(&["analyze"], PAGE.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_page_read(&records(&out)[0]);

    // --input html forces it, even for a fragment that does not look like a page.
    let fragment = "<p>The harbor authority raised ferry fares on Monday for the first time in \
                    ten years, citing the cost of fuel.</p><p>Riders will pay more.</p>";
    let plain = dir.write("fragment.txt", fragment);
    let rec = analyze_one(plain.to_str().expect("utf-8"));
    assert_eq!(rec["source_format"], "text");
    let out = run(&["analyze", "--input", "html", plain.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let rec = &records(&out)[0];
    assert_eq!(rec["source_format"], "html");
    assert!(paragraphs(rec).iter().all(|p| !p.contains("<p>")), "{rec}");

    // JSON Lines records may carry the page as "html".
    let line = serde_json::json!({"id": "p1", "html": PAGE}).to_string() + "\n";
    let out = run_stdin(&["analyze", "--input", "jsonl"], line.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_page_read(&records(&out)[0]);
}

#[test]
fn offsets_index_the_extracted_text() {
    let dir = Scratch::new("html-offsets");
    let path = dir.write("page.html", PAGE);
    let rec = analyze_one(path.to_str().expect("utf-8"));
    let text: Vec<char> = rec["text"].as_str().expect("text").chars().collect();
    let at = |v: &Value| {
        let (s, e) = (
            v["start"].as_u64().expect("start"),
            v["end"].as_u64().expect("end"),
        );
        text[s as usize..e as usize].iter().collect::<String>()
    };
    let quotes = rec["quotes"].as_array().expect("quotes");
    let paragraphs = rec["paragraphs"].as_array().expect("paragraphs");
    let mentions: Vec<&Value> = rec["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .flat_map(|e| e["mentions"].as_array().expect("mentions"))
        .collect();
    assert!(
        !quotes.is_empty() && !paragraphs.is_empty() && !mentions.is_empty(),
        "{rec}"
    );
    for v in quotes.iter().chain(paragraphs).chain(mentions) {
        assert_eq!(at(v), v["text"].as_str().expect("text"), "{v}");
    }
}

#[test]
fn a_page_without_an_article_warns_and_has_no_headline() {
    let dir = Scratch::new("html-empty");
    let menu = "<html><head><title>Harbor Post</title></head><body><h1>Harbor Post</h1><nav><ul>\
                <li><a href=/a>News</a></li><li><a href=/b>Sport</a></li><li><a href=/c>Weather</a></li>\
                </ul></nav></body></html>";
    let path = dir.write("menu.html", menu);
    let rec = analyze_one(path.to_str().expect("utf-8"));
    assert!(rec["headline"].is_null(), "{rec}");
    assert!(paragraphs(&rec).is_empty());
    assert!(
        rec["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w["code"] == "no-article"),
        "{rec}"
    );
}

#[test]
fn broken_and_oversized_pages() {
    let dir = Scratch::new("html-broken");
    // Cut off in the middle of a tag, with unclosed paragraphs and a stray
    // end tag: read as a browser would.
    let cut = &PAGE[..PAGE.find("approved by").expect("marker") + 8];
    let broken = cut.replace("</p>", "</b>");
    dir.write("cut.html", &broken);
    // A corrupt gzip file is an error for that file only.
    dir.write("bad.html.gz", b"\x1f\x8b\x08\x00not really gzip");
    dir.write(
        "big.html",
        format!("<html><body><p>{}</p></body></html>", "word ".repeat(2_000)),
    );
    let out = run(&["analyze", "--max-file-size", "5K", &dir.arg()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines.iter().any(|l| l.contains("bad.html.gz")), "{err}");
    assert!(
        lines.iter().any(|l| l.contains("big.html: file is larger than")),
        "{err}"
    );
    let recs = records(&out);
    let cut = recs
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with("cut.html")))
        .expect("cut page analyzed");
    let paras = paragraphs(cut);
    assert_eq!(paras.len(), 3, "{paras:?}");
    assert!(paras[2].ends_with("approved"), "{paras:?}");
}

/// Shapes whose cost once grew with the square of the page: nesting a
/// hundred thousand deep (the tree builder scans its stack), and one long
/// block of link text (counted again at each link).
#[test]
fn deep_nesting_and_long_link_runs() {
    let dir = Scratch::new("html-deep");
    let deep = format!(
        "<html><body>{}<p>The harbor authority raised ferry fares on Monday for the first time \
         in ten years, citing the rising cost of fuel and repairs to the boats.</p></body></html>",
        "<div>".repeat(100_000)
    );
    let path = dir.write("deep.html", &deep);
    let out = run(&["analyze", "--max-file-size", "10M", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0));
    let rec = &records(&out)[0];
    assert!(
        paragraphs(rec)
            .iter()
            .any(|p| p.starts_with("The harbor authority raised")),
        "{rec}"
    );
    let links = dir.write(
        "links.html",
        format!("<html><body>{}</body></html>", "<a>x".repeat(100_000)),
    );
    let out = run(&[
        "analyze",
        "--max-file-size",
        "10M",
        links.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 1);
}
