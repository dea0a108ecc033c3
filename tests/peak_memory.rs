#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Peak heap use of `licsig::json::canonicalize`, relative to the input: at most 4×.
//!
//! A counting global allocator (`peak_alloc`, a thin wrapper over `System`) tracks the
//! bytes currently allocated and their high-water mark. The figure for one call is the
//! high-water mark during the call less what was allocated before it, so the input —
//! which the caller owns and has allocated already — is excluded, and everything the
//! call allocates counts: the tape, the sort order, scratch, stacks, and the returned
//! canonical bytes. `peak_alloc` grows a block by allocating the new one before freeing
//! the old, so a `Vec` regrowth counts both, as it may in a real allocator.
//!
//! Heap bytes are counted, not timed, so the bound is deterministic. Run with
//! `cargo test --test peak_memory -- --nocapture` to see the figures; they are recorded
//! in `BENCHMARKS.md`. There is one test function, so no other test thread allocates
//! during a measurement.

use peak_alloc::PeakAlloc;

#[path = "../benches/support/mod.rs"]
mod support;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// What `f` returns, and the most bytes it held allocated at once beyond what was
/// allocated when it started.
fn peak_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let out = f();
    (out, ALLOC.peak_usage() - before)
}

#[test]
fn canonicalize_peak_heap_is_at_most_four_times_the_input() {
    // The same documents as benches/canonicalize.rs.
    for target in [720, 4 * 1024, licsig::limits::DEFAULT_MAX_BYTES] {
        let input = support::license_document(target);
        let (canonical, peak) = peak_during(|| licsig::json::canonicalize(&input).unwrap());
        let ratio = peak as f64 / input.len() as f64;
        println!(
            "input {:>9} B  output {:>9} B  peak heap {:>9} B  = {ratio:.2}× input",
            input.len(),
            canonical.len(),
            peak
        );
        assert!(
            peak <= 4 * input.len(),
            "peak heap {peak} B is {ratio:.2}× the {} B input",
            input.len()
        );
    }
}
