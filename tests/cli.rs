//! The `licsig` command (examples/licsig.rs): output bytes and exit codes, DESIGN.md §7.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// `cargo test` builds the examples next to the test binaries' `deps/` folder.
fn licsig_exe() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let path = dir
        .join("examples")
        .join(format!("licsig{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} not built", path.display());
    path
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(licsig_exe())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The command may exit before reading everything (an over-long input).
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

#[test]
fn canonicalize_file_writes_exact_jcs_bytes() {
    let out = run(&["canonicalize", "test-vectors/sample/license.json"], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = licsig::json::canonicalize(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/test-vectors/sample/license.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(out.stdout, expected);
    assert!(out.stdout.starts_with(br#"{"checkoutMetadata":{"Customer":"Example Corp","Tier":"Enterprise"},"entitlementsAllowed":[{"name":"Seats","unit":"Count","value":"25"}"#));
    assert!(
        out.stdout.ends_with(br#""nodeId":"100.20.15.10"}"#),
        "no trailing newline"
    );
}

#[test]
fn canonicalize_stdin() {
    for args in [&["canonicalize"][..], &["canonicalize", "-"]] {
        let out = run(
            args,
            b" { \"b\" : [ 1.0 , -0, 1E3 ], \"a\" : \"\\u00e9\\n\" } ",
        );
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            out.stdout,
            "{\"a\":\"\u{e9}\\n\",\"b\":[1,0,1000]}".as_bytes()
        );
    }
}

#[test]
fn canonicalize_rejections_exit_1_with_kind() {
    for (input, kind) in [
        (&b"{\"a\":1,\"\\u0061\":2}"[..], "malformed"),
        (b"[1e400]", "malformed"),
        (b"\xEF\xBB\xBF{}", "malformed"),
        (b"{} x", "malformed"),
    ] {
        let out = run(&["canonicalize"], input);
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with(&format!("licsig: rejected ({kind}): ")),
            "{err}"
        );
    }
    let deep = "[".repeat(65) + &"]".repeat(65);
    let out = run(&["canonicalize"], deep.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("(limit_exceeded)"));
    // Over 1 MiB: refused without reading the whole stream.
    let big = vec![b' '; (1 << 20) + 10];
    let out = run(&["canonicalize"], &big);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("(limit_exceeded)"));
}

#[test]
fn canonicalize_lines() {
    let input = b"{\"b\":2,\"a\":1}\n[1e400]\n{\"a\":1,\"a\":2}\n\n\"x\"\r\n[1,2]";
    let out = run(&["canonicalize", "--lines"], input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a rejected line makes the exit code 1"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"a\":1,\"b\":2}\n!error malformed\n!error malformed\n!error malformed\n\"x\"\n[1,2]\n"
    );
    let out = run(&["canonicalize", "--lines"], b"1\n2.50\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"1\n2.5\n");
    // An over-long line is refused on its own; the next line is still read.
    let mut long = vec![b'1'; (1 << 20) + 5];
    long.extend_from_slice(b"\ntrue\n");
    let out = run(&["canonicalize", "--lines"], &long);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, b"!error limit_exceeded\ntrue\n");
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["canonicalize", "/nonexistent/license.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read /nonexistent/license.json"));
    for args in [&["canonicalize", "--bogus"][..], &["no-such-command"], &[]] {
        assert_eq!(run(args, b"").status.code(), Some(2), "{args:?}");
    }
}
