//! What the integration tests share: where their data lives, how it is read, and what
//! a test does when the data is missing.
//!
//! Each entry point allows `dead_code`: every test binary compiles this module and uses
//! only part of it.

use std::path::{Path, PathBuf};

/// The repository's root. The suites that need the repository are compiled by the
/// unpublished `conformance/` crate, one directory down, whose build script sets the
/// `licsig_conformance` cfg.
#[cfg(not(licsig_conformance))]
macro_rules! root {
    () => {
        env!("CARGO_MANIFEST_DIR")
    };
}
#[cfg(licsig_conformance)]
macro_rules! root {
    () => {
        concat!(env!("CARGO_MANIFEST_DIR"), "/..")
    };
}

#[allow(unused_imports)]
pub(crate) use root;

/// The repository's root (the crate's, for the tests the package holds).
#[allow(dead_code)]
pub(crate) const ROOT: &str = root!();

/// This repository's own test data.
pub(crate) const TEST_VECTORS: &str = concat!(root!(), "/test-vectors");

/// Published suites kept beside the repository, never in it (see its README).
const SHARED_VECTORS: &str = concat!(root!(), "/../shared/vectors");

/// Set to `1` (CI does) to make missing test data a failure instead of a skip.
pub(crate) const REQUIRE_VECTORS: &str = "LICSIG_REQUIRE_VECTORS";

/// What a test does about a data path.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Availability {
    /// The path exists: run.
    Present,
    /// Missing, not required: print this line and pass.
    Skip(String),
    /// Missing and required: fail with this message.
    Fail(String),
}

/// The decision for `path`, with the requirement given rather than read from the
/// environment.
pub(crate) fn availability(path: &Path, required: bool) -> Availability {
    let shown = path.display();
    if path.exists() {
        Availability::Present
    } else if required {
        Availability::Fail(format!(
            "{shown} not found, and {REQUIRE_VECTORS}=1 makes missing test data a failure"
        ))
    } else {
        Availability::Skip(format!("skipped: {shown} not found"))
    }
}

/// `path` if it exists. If not, the caller returns at once: the test says it skipped,
/// or fails under `LICSIG_REQUIRE_VECTORS=1`.
#[allow(dead_code)]
pub(crate) fn present(path: impl AsRef<Path>) -> Option<PathBuf> {
    let path = path.as_ref();
    let required = std::env::var_os(REQUIRE_VECTORS).is_some_and(|v| v == "1");
    match availability(path, required) {
        Availability::Present => Some(path.to_owned()),
        Availability::Skip(line) => {
            println!("{line}");
            None
        }
        Availability::Fail(message) => panic!("{message}"),
    }
}

/// `../shared/vectors/<rel>`, through [`present`].
#[allow(dead_code)]
pub(crate) fn shared(rel: &str) -> Option<PathBuf> {
    present(format!("{SHARED_VECTORS}/{rel}"))
}

/// The JSON file `../shared/vectors/<rel>`, through [`present`].
#[allow(dead_code)]
pub(crate) fn shared_json(rel: &str) -> Option<serde_json::Value> {
    let path = shared(rel)?;
    let value =
        serde_json::from_slice(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(value)
}

/// The bytes of `path`; a failure names the path.
#[allow(dead_code)]
pub(crate) fn read(path: impl AsRef<Path>) -> Vec<u8> {
    let path = path.as_ref();
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bytes of `test-vectors/<rel>`, which is in the repository: no skip.
#[allow(dead_code)]
pub(crate) fn read_test_vector(rel: &str) -> Vec<u8> {
    read(format!("{TEST_VECTORS}/{rel}"))
}

/// A PEM block labelled `PRIVATE KEY` around bytes that are no key. licsig refuses such
/// a block by its label, before reading it, so testing that refusal needs no private
/// key in the repository or the package.
#[allow(dead_code)]
pub(crate) const PRIVATE_KEY_PEM: &str =
    "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
