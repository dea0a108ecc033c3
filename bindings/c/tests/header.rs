//! include/licsig.h is what cbindgen generates from src/ with cbindgen.toml, byte for
//! byte: a change to the exported functions or their docs that was not written to
//! the header fails here.

use std::path::Path;

#[test]
fn the_committed_header_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml"))
        .unwrap_or_else(|e| panic!("cbindgen.toml: {e}"));
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .unwrap_or_else(|e| panic!("cbindgen: {e}"))
        .write(&mut generated);
    let path = dir.join("include/licsig.h");
    if std::env::var_os("LICSIG_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    if committed == generated {
        return;
    }
    let committed = String::from_utf8_lossy(&committed);
    let generated = String::from_utf8_lossy(&generated);
    let mut lines = committed.lines().zip(generated.lines()).enumerate();
    let first = lines.find(|(_, (a, b))| a != b).map_or_else(
        || "one is a prefix of the other".to_owned(),
        |(i, (a, b))| format!("line {}: committed {a:?}, generated {b:?}", i + 1),
    );
    panic!(
        "bindings/c/include/licsig.h is not what cbindgen generates from bindings/c/src \
         (stale, or edited by hand); first difference at {first}.\n\
         Regenerate it with\n\n    LICSIG_BLESS=1 cargo test -p licsig-c --test header\n\n\
         and commit the result."
    );
}
