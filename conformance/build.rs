//! Tells the shared test scaffolding (tests/common) that the repository's root is
//! this crate's parent.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(licsig_conformance)");
    println!("cargo::rustc-cfg=licsig_conformance");
}
