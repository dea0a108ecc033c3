#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Canonicalises one benchmark document in a loop, for instruction counts that a shared
//! machine cannot disturb (`BENCHMARKS.md`):
//!
//! ```text
//! cargo build --release --example canonicalize_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/canonicalize_loop licsig 720 500
//! ```
//!
//! Arguments: `licsig`, `serde_json` (parse to `Value`, write compact) or `serde_jcs`
//! (parse to `Value`, `serde_jcs::to_vec`); the document's target size in bytes, as in
//! `benches/canonicalize.rs` (720, 4096, 1048576); the number of calls. Running N and 2N
//! calls and dividing the difference by N gives the cost of one call without the setup.

use std::hint::black_box;

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, which, target, calls] = args.as_slice() else {
        panic!("usage: canonicalize_loop licsig|serde_json|serde_jcs TARGET_BYTES CALLS");
    };
    let input = support::license_document(target.parse().unwrap());
    let calls: usize = calls.parse().unwrap();
    let run: fn(&[u8]) -> Vec<u8> = match which.as_str() {
        "licsig" => |input| licsig::json::canonicalize(input).unwrap(),
        "serde_json" => |input| {
            let value: serde_json::Value = serde_json::from_slice(input).unwrap();
            serde_json::to_vec(&value).unwrap()
        },
        "serde_jcs" => |input| {
            let value: serde_json::Value = serde_json::from_slice(input).unwrap();
            serde_jcs::to_vec(&value).unwrap()
        },
        other => panic!("unknown contender {other:?}"),
    };
    let mut out_bytes = 0;
    for _ in 0..calls {
        out_bytes += black_box(run(black_box(&input))).len();
    }
    println!(
        "{which}: {} input bytes, {calls} calls, {out_bytes} output bytes",
        input.len()
    );
}
