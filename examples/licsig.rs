//! `licsig`: the command-line face of the library (see DESIGN.md §7).
//!
//! ```text
//! cargo run --release --example licsig -- canonicalize [--lines] [INPUT|-]
//! ```
//!
//! Exit codes: 0 success; 1 the license or document was rejected; 2 usage or
//! configuration error (bad flags, unreadable file).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use licsig::json;

#[derive(Parser)]
#[command(
    name = "licsig",
    version,
    about = "Verify signed software licenses offline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the RFC 8785 (JCS) canonical form of a JSON text.
    Canonicalize {
        /// Read one JSON text per line; write one line each: the canonical text, or
        /// `!error <kind>`. Exit 1 if any line was rejected.
        #[arg(long)]
        lines: bool,
        /// The JSON file, or `-` (the default) for standard input.
        input: Option<PathBuf>,
    },
}

/// Why the command stopped early.
enum Failure {
    /// The input was rejected (exit 1).
    Rejected(licsig::Error),
    /// Usage or configuration error (exit 2).
    Usage(String),
}

impl From<licsig::Error> for Failure {
    fn from(e: licsig::Error) -> Self {
        Self::Rejected(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Canonicalize { lines, input } => canonicalize(lines, input.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Rejected(e)) => {
            eprintln!("licsig: rejected ({}): {e}", e.kind());
            ExitCode::from(1)
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("licsig: {msg}");
            ExitCode::from(2)
        }
    }
}

fn canonicalize(lines: bool, input: Option<&std::path::Path>) -> Result<ExitCode, Failure> {
    let limits = json::Limits::default();
    let reader = open(input)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let write_err = |e: io::Error| Failure::Usage(format!("cannot write output: {e}"));
    if !lines {
        let bytes = read_bounded(reader, limits.max_bytes, input)?;
        let canonical = json::canonicalize_with(&bytes, &limits)?;
        out.write_all(&canonical).map_err(write_err)?;
        out.flush().map_err(write_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut reader = BufReader::new(reader);
    let mut line = Vec::new();
    let mut rejected = false;
    loop {
        line.clear();
        // An over-long line arrives cut at `max_bytes + 1`, which the parser refuses
        // as limit_exceeded.
        match read_line_bounded(&mut reader, &mut line, limits.max_bytes) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(Failure::Usage(format!("cannot read input: {e}"))),
        }
        let outcome = json::canonicalize_with(&line, &limits);
        match outcome {
            Ok(canonical) => out.write_all(&canonical).map_err(write_err)?,
            Err(e) => {
                rejected = true;
                write!(out, "!error {}", e.kind()).map_err(write_err)?;
            }
        }
        out.write_all(b"\n").map_err(write_err)?;
    }
    out.flush().map_err(write_err)?;
    Ok(if rejected {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Opens INPUT, or standard input for `-` or none.
fn open(input: Option<&std::path::Path>) -> Result<Box<dyn Read>, Failure> {
    match input {
        None => Ok(Box::new(io::stdin())),
        Some(p) if p.as_os_str() == "-" => Ok(Box::new(io::stdin())),
        Some(p) => File::open(p)
            .map(|f| Box::new(f) as Box<dyn Read>)
            .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", p.display()))),
    }
}

/// Reads at most `max + 1` bytes: enough to tell an over-long input from a fitting
/// one without reading an unbounded stream.
fn read_bounded(
    reader: impl Read,
    max: usize,
    name: Option<&std::path::Path>,
) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let name = name.map_or("standard input".into(), |p| p.display().to_string());
            Failure::Usage(format!("cannot read {name}: {e}"))
        })?;
    Ok(bytes)
}

/// Reads one line (without its `\n`) into `line`, keeping at most `max + 1` bytes of
/// it and skipping the rest. `false` at the end of input.
fn read_line_bounded(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<bool> {
    let n = reader
        .by_ref()
        .take(max as u64 + 1)
        .read_until(b'\n', line)?;
    if n == 0 {
        return Ok(false);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        return Ok(true);
    }
    if line.len() > max {
        // Over-long: discard up to the end of the line.
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    reader.consume(i + 1);
                    break;
                }
                None => {
                    let len = buf.len();
                    reader.consume(len);
                }
            }
        }
    }
    Ok(true)
}
