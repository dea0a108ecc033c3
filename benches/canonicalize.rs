#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! RFC 8785 canonicalisation, bytes to bytes, against its floor and its peer, in one run.
//!
//! For each of three license documents (707 bytes with three entitlements, 4,054 bytes
//! and 1,048,570 bytes, just under 1 MiB; see `support/mod.rs`):
//!
//! - `licsig`: `licsig::json::canonicalize` (default limits; the largest document is
//!   generated to fit the default 1 MiB `max_bytes`);
//! - `serde_json`: parse to `serde_json::Value`, write compact to a `Vec` — no
//!   canonicalisation, so the floor for a parse-and-write round trip;
//! - `serde_jcs`: parse to `serde_json::Value`, then `serde_jcs::to_vec` — the peer.
//!
//! Throughput is in input bytes, so the per-byte cost at each size can be compared.
//!
//! Time is the benchmarking thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), not wall
//! time: on a small machine shared with builds and fuzzers, time spent descheduled
//! would otherwise land on whichever contender was running, and skew the ratios. Set
//! `LICSIG_BENCH_CLOCK=wall` for criterion's usual wall clock.
//!
//! Before measuring, the three documents are checked to canonicalise to the same bytes
//! through licsig and serde_jcs. Results and ratios: `BENCHMARKS.md`.
//!
//! ```text
//! cargo bench --bench canonicalize
//! ```

use std::hint::black_box;
use std::time::Duration;

use cpu_time::ThreadTime;
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};

mod support;

/// The documents: group name, target size in bytes.
const SIZES: [(&str, usize); 3] = [
    ("small_0.7KB", 720),
    ("medium_4KB", 4 * 1024),
    ("large_1MB", licsig::limits::DEFAULT_MAX_BYTES),
];

fn licsig(input: &[u8]) -> Vec<u8> {
    licsig::json::canonicalize(input).unwrap()
}

fn round_trip(input: &[u8]) -> Vec<u8> {
    let value: serde_json::Value = serde_json::from_slice(input).unwrap();
    serde_json::to_vec(&value).unwrap()
}

fn serde_jcs(input: &[u8]) -> Vec<u8> {
    let value: serde_json::Value = serde_json::from_slice(input).unwrap();
    serde_jcs::to_vec(&value).unwrap()
}

fn canonicalize(c: &mut Criterion) {
    let wall = std::env::var_os("LICSIG_BENCH_CLOCK").is_some_and(|v| v == "wall");
    for (name, target) in SIZES {
        let input = support::license_document(target);
        assert!(input.len() <= target, "{name}: {} bytes", input.len());
        assert_eq!(
            licsig(&input),
            serde_jcs(&input),
            "{name}: licsig and serde_jcs disagree"
        );

        let mut group = c.benchmark_group(name);
        configure(&mut group, input.len());
        group.throughput(Throughput::Bytes(input.len() as u64));
        bench(&mut group, "licsig", &input, licsig, wall);
        bench(&mut group, "serde_json", &input, round_trip, wall);
        bench(&mut group, "serde_jcs", &input, serde_jcs, wall);
        group.finish();
    }
}

fn bench(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: &str,
    input: &[u8],
    f: fn(&[u8]) -> Vec<u8>,
    wall: bool,
) {
    group.bench_function(id, |b| {
        if wall {
            b.iter(|| f(black_box(input)));
        } else {
            b.iter_custom(|iters| {
                let start = ThreadTime::now();
                for _ in 0..iters {
                    black_box(f(black_box(input)));
                }
                start.elapsed()
            });
        }
    });
}

/// Short, steady runs: the machine has two cores shared with other work, and the
/// whole bench should finish in a few minutes.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, len: usize) {
    if len > 64 * 1024 {
        // Milliseconds per iteration: fewer samples, a longer window.
        group
            .sample_size(30)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(12));
    } else {
        group
            .sample_size(100)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
    }
}

criterion_group!(benches, canonicalize);
criterion_main!(benches);
