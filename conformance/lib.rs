//! Nothing: this crate only carries the licsig suites that need the repository (see
//! its Cargo.toml), so that the published `licsig` crate holds only the tests that pass
//! from it.
