//! Inputs the fuzzer once broke, kept so they stay fixed: each must analyze
//! without a panic into a record consistent with its text.

use newsscan::{analyze, Options};

#[test]
fn fuzz_regressions_hold_their_invariants() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("regressions folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    let options = Options {
        tokens: true,
        sentences: true,
        ..Options::default()
    };
    for path in entries {
        let bytes = std::fs::read(&path).expect("read");
        let Ok(decoded) = newsscan::input::decode(&bytes) else {
            continue;
        };
        let record = analyze(&decoded, &options);
        if let Err(problem) = newsscan::invariants::verify(&decoded.text, &record) {
            panic!("{}: {problem}", path.display());
        }
        assert_eq!(
            record,
            analyze(&decoded, &options),
            "{}: not deterministic",
            path.display()
        );
    }
}
