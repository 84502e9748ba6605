//! Helpers shared by the integration tests: run the built binary, compare
//! parsed JSON against hand-written expectations, make scratch folders.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command for the built `newsscan` binary, run from the repository root.
pub fn newsscan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsscan"));
    cmd.current_dir(root());
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}

/// Runs `newsscan` with `args` and no input on stdin.
pub fn run(args: &[&str]) -> Output {
    newsscan()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run newsscan")
}

/// Runs `newsscan` with `args`, feeding `input` on stdin.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = newsscan()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsscan");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait newsscan");
    writer.join().expect("writer");
    out
}

/// Parses JSON Lines output.
pub fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// The one record for one file.
pub fn analyze_one(path: &str) -> Value {
    let out = run(&["analyze", path]);
    let mut recs = records(&out);
    assert_eq!(
        recs.len(),
        1,
        "one record for {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    recs.remove(0)
}

/// Checks that `actual` contains everything `expected` states. Objects are
/// compared key by key (extra keys in `actual` are fine), arrays element by
/// element with equal lengths, and an expected string matches an actual
/// object through its `text` field.
pub fn check_subset(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let got = a.get(k).ok_or_else(|| format!("{at}.{k}: missing"))?;
                check_subset(v, got, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{at}: expected {} items, got {}: {}",
                    e.len(),
                    a.len(),
                    serde_json::to_string_pretty(actual).unwrap_or_default()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                check_subset(ev, av, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::String(e), Value::Object(a)) => match a.get("text") {
            Some(Value::String(t)) if t == e => Ok(()),
            other => Err(format!("{at}: expected text {e:?}, got {other:?}")),
        },
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{at}: expected {e}, got {a}")),
    }
}

static SCRATCH: AtomicUsize = AtomicUsize::new(0);

/// A fresh scratch folder under the target directory, removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// Makes a new empty folder.
    pub fn new(name: &str) -> Scratch {
        let n = SCRATCH.fetch_add(1, Ordering::SeqCst);
        let dir = root()
            .join("target")
            .join("test-scratch")
            .join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    /// Writes a file (creating parent folders) and returns its path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, bytes).expect("write scratch file");
        path
    }

    /// The folder as a string argument.
    pub fn arg(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }

    /// A path inside the folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Reads a fixture file relative to the repository root.
pub fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// True when `path` exists relative to the root.
pub fn exists(rel: &str) -> bool {
    Path::new(&root().join(rel)).exists()
}
