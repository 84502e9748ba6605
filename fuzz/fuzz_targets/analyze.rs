//! Feeds arbitrary bytes through decoding, layout, tokens, sentences,
//! quotes and entities, and checks the record against its text instead of
//! only checking that nothing panics.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsscan::{analyze, Options};
use newsscan::output::{JsonLines, Printer, Style, Table};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = newsscan::input::decode(data) else {
        return;
    };
    let options = Options {
        tokens: true,
        sentences: true,
        ..Options::default()
    };
    let record = analyze(&decoded, &options);
    if let Err(problem) = newsscan::invariants::verify(&decoded.text, &record) {
        panic!("invariant broken: {problem}");
    }
    // Same input, same record.
    assert_eq!(record, analyze(&decoded, &options));
    let mut out = Vec::new();
    JsonLines::default().article(&record, &mut out).expect("JSON output");
    out.clear();
    Table { style: Style::default() }.article(&record, &mut out).expect("table output");
    let table = String::from_utf8(out).expect("table is UTF-8");
    assert!(!table.chars().any(|c| c.is_control() && c != '\n'), "control character in the table");
});
