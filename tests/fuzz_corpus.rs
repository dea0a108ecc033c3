#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) and the crash inputs found so far
//! (`fuzz/artifacts/<target>/`) through the checks each fuzz target makes, less its
//! differential oracle, which is a dependency of the fuzz workspace only. A fixed crash
//! therefore stays fixed without nightly or cargo-fuzz.
//!
//! Every directory under `fuzz/corpus/` and `fuzz/artifacts/` must name a target in
//! `TARGETS`: a new target's corpus is never skipped unnoticed.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// The checks a fuzz target makes on one input; they panic on failure.
type Check = fn(&[u8]);

/// The targets' checks, shared with the fuzz binaries.
#[path = "../fuzz/checks.rs"]
mod checks;

/// Fuzz target name (a file in `fuzz/fuzz_targets/`) → its checks.
const TARGETS: &[(&str, Check)] = &[
    ("canonicalize", check_canonicalize),
    ("jws", checks::jws),
    ("license", checks::license),
    ("ml_dsa_key", checks::ml_dsa_key),
    ("ml_dsa_signature", checks::ml_dsa_signature),
    ("parse_key", checks::parse_key),
    ("tamper", checks::tamper),
    ("verify", checks::verify),
    ("x509_chain", checks::x509_chain),
];

/// `fuzz/fuzz_targets/canonicalize.rs` without the serde_json comparisons.
fn check_canonicalize(data: &[u8]) {
    let _ = checks::canonicalize(data);
}

/// The regular, non-hidden files of `dir`, sorted (`.gitkeep` keeps empty dirs in git).
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

#[test]
fn replay_fuzz_corpora_and_artifacts() {
    let fuzz = Path::new(common::ROOT).join("fuzz");
    let mut total = 0;
    for kind in ["corpus", "artifacts"] {
        let base = fuzz.join(kind);
        let mut dirs: Vec<PathBuf> = fs::read_dir(&base)
            .unwrap_or_else(|e| panic!("{}: {e}", base.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let Some(&(_, check)) = TARGETS.iter().find(|(t, _)| *t == name) else {
                panic!(
                    "{} has no entry in TARGETS of tests/fuzz_corpus.rs; add the target's checks",
                    dir.display()
                );
            };
            let mut replayed = 0;
            for file in inputs(&dir) {
                let data = match fs::read(&file) {
                    Ok(data) => data,
                    // A fuzzer running meanwhile replaces corpus files as it reduces them.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => panic!("{}: {e}", file.display()),
                };
                // Name the input before a panic inside the check hides which it was.
                let result = std::panic::catch_unwind(|| check(&data));
                assert!(result.is_ok(), "{} fails its checks", file.display());
                replayed += 1;
            }
            println!("{kind}/{name}: {replayed} inputs replayed");
            total += replayed;
        }
    }
    println!("{total} inputs replayed in all");
    assert!(total > 0, "no fuzz inputs found under {}", fuzz.display());
}

#[test]
fn every_fuzz_target_has_checks() {
    let targets = Path::new(common::ROOT).join("fuzz/fuzz_targets");
    for file in inputs(&targets) {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            TARGETS.iter().any(|(t, _)| *t == stem),
            "fuzz target {stem} has no entry in TARGETS of tests/fuzz_corpus.rs"
        );
    }
}
