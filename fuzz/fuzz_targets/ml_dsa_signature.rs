//! Fuzz target `ml_dsa_signature`: see `ml_dsa_signature` in `fuzz/checks.rs` for the input format and the
//! properties checked. `tests/fuzz_corpus.rs` replays its corpus through the same code.

#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::ml_dsa_signature(data));
