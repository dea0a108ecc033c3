//! `licsig`: the command-line face of the library (DESIGN.md §7). The installed
//! binary (`cargo install licsig --features cli`) is a thin entry around this file.
//!
//! ```text
//! licsig verify --key KEY.pem [--node-id ID] [--require-family rsa,ml-dsa] [--json] LICENSE
//! licsig verify --ca ROOT.pem [--ca …] LICENSE
//! licsig inspect LICENSE
//! licsig canonicalize [--lines] [INPUT|-]
//! licsig fingerprint KEYFILE
//! licsig completions SHELL | licsig man
//! licsig sign --key KEY.pk8.pem --alg PS384 [--key … --alg …] [--kid ID] [--form file|jws|detached] LICENSE.json   (feature "sign")
//! ```
//!
//! Exit codes: 0 success; 1 the license or document was rejected; 2 usage or
//! configuration error (bad flags, an unreadable file, a refused key).
//!
//! Standard output carries results only. Every refusal and error goes to standard
//! error in one form, `REJECTED (<kind>): <message>` (exit 1) or `ERROR (<kind>):
//! <message>` (exit 2), where the kind is the library's or `usage` / `io`; `verify
//! --json` instead prints one JSON object on standard output for every outcome. Colour
//! only on a terminal, and never with `NO_COLOR`. A closed output pipe ends the
//! command quietly.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstyle::{AnsiColor, Color, Style};
use clap::{CommandFactory, Parser, Subcommand};
use licsig::json;
use licsig::{Algorithm, AlgorithmSet, Family, KeySet, Time, Verifier};

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
    /// Verify a license (token, license file, AWS checkout response, or a document
    /// with --signature) against trusted keys.
    Verify(Box<VerifyArgs>),
    /// Show a license's headers and document WITHOUT verifying anything.
    Inspect {
        /// The license, or `-` for standard input.
        input: PathBuf,
    },
    /// Write the RFC 8785 (JCS) canonical form of a JSON text.
    Canonicalize {
        /// Read one JSON text per line; write one line each: the canonical text, or
        /// `!error <kind>`. Exit 1 if any line was rejected.
        #[arg(long)]
        lines: bool,
        /// The JSON file, or `-` (the default) for standard input.
        input: Option<PathBuf>,
    },
    /// Print each key's type, size and key id.
    Fingerprint {
        /// A key file: PEM (one or several keys), DER, base64 DER, JWK or JWK Set.
        keyfile: PathBuf,
    },
    /// Print a shell completion script for licsig.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print licsig's man page (roff).
    Man,
    /// Sign a license document with a PKCS#8 private key (feature "sign").
    #[cfg(feature = "sign")]
    Sign(SignArgs),
    /// Built without feature "sign": says how to get it.
    #[cfg(not(feature = "sign"))]
    #[command(hide = true)]
    Sign {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        _args: Vec<String>,
    },
}

#[cfg(feature = "sign")]
#[derive(clap::Args)]
struct SignArgs {
    /// The PKCS#8 private key: PEM ("PRIVATE KEY") or DER. Repeat `--key` and
    /// `--alg` to sign a license file with several keys (a hybrid license: an RSA key
    /// and an ML-DSA key), one signature each, in order.
    #[arg(long, value_name = "FILE", required = true)]
    key: Vec<PathBuf>,
    /// The algorithm (JOSE or AWS KMS name), e.g. PS384 or RSASSA_PSS_SHA_384; one
    /// per `--key`, in the same order.
    #[arg(long, value_name = "ALG", required = true)]
    alg: Vec<String>,
    /// The key id written into headers; default: SHA-256 of the public key's SPKI DER.
    /// Only with one key.
    #[arg(long, value_name = "ID")]
    kid: Option<String>,
    /// What to write: a license file (JSON), a compact JWS, or a detached signature
    /// (base64 of the signature over the document's RFC 8785 form).
    #[arg(long, value_enum, default_value = "file")]
    form: SignForm,
    /// The license document, or `-` for standard input.
    input: PathBuf,
}

#[cfg(feature = "sign")]
#[derive(Clone, Copy, clap::ValueEnum)]
enum SignForm {
    File,
    Jws,
    Detached,
}

#[derive(clap::Args)]
struct VerifyArgs {
    /// A trusted key file (PEM, DER, base64 DER, JWK or JWK Set); repeatable.
    /// `KID=FILE` also names the file's one key KID, the kid its issuer writes into
    /// headers (for example `vendor-key-1=vendor.pem`).
    #[arg(long = "key", value_name = "[KID=]FILE")]
    keys: Vec<String>,
    /// Refuse a token whose kid names no trusted key. By default such a kid is a
    /// hint, and the trusted keys that fit the algorithm are tried.
    #[arg(long)]
    strict_kid: bool,
    /// A trusted JWK Set.
    #[arg(long, value_name = "FILE")]
    jwks: Option<PathBuf>,
    /// A trusted root certificate for x5c chains (PEM, possibly a bundle, or DER);
    /// repeatable. With it, a signature whose header carries x5c is verified by the
    /// chain's leaf key, and only if the chain validates to one of these roots.
    #[arg(long = "ca", value_name = "FILE")]
    ca: Vec<PathBuf>,
    /// A detached signature (raw bytes or base64) over INPUT's canonical form.
    #[arg(long, value_name = "FILE", requires = "alg")]
    signature: Option<PathBuf>,
    /// The detached signature's algorithm (JOSE or AWS KMS name).
    #[arg(long, value_name = "ALG", requires = "signature")]
    alg: Option<String>,
    /// This machine's node id, for node-locked licenses.
    #[arg(long, value_name = "ID")]
    node_id: Option<String>,
    /// The time to verify at (RFC 3339, YYYY-MM-DDTHH:MM:SS for UTC, or a date
    /// YYYY-MM-DD for its midnight UTC); default now.
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
    /// Leeway for time checks, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = licsig::verify::DEFAULT_LEEWAY_SECS)]
    leeway: u32,
    /// Allow only these algorithms (JOSE or AWS KMS names); repeatable.
    #[arg(long = "allow-alg", value_name = "ALG")]
    allow_alg: Vec<String>,
    /// Refuse the license unless it has this entitlement; repeatable.
    #[arg(long = "require", value_name = "NAME")]
    require: Vec<String>,
    /// Refuse the license unless a trusted key of this family signed it; repeatable
    /// or comma-separated. Two or more make a hybrid policy (`rsa,ml-dsa`): a
    /// license file with a verified signature by each (kind `missing_signature`
    /// otherwise).
    #[arg(
        long = "require-family",
        value_name = "FAMILY",
        value_delimiter = ',',
        value_parser = ["rsa", "ecdsa", "eddsa", "ml-dsa"]
    )]
    require_family: Vec<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The license, or `-` for standard input.
    input: PathBuf,
}

/// Why the command stopped early.
enum Failure {
    /// The input was rejected (exit 1).
    Rejected(licsig::Error),
    /// A library error that is the configuration's fault (exit 2), such as a refused
    /// key, with what it concerns.
    Config(licsig::Error, String),
    /// Bad flags or arguments (exit 2, kind `usage`).
    Usage(String),
    /// A file that cannot be read, output that cannot be written (exit 2, kind `io`).
    Io(String),
    /// Standard output was closed by its reader (`licsig … | head`): nothing more to
    /// say, and no one to say it to.
    Closed,
}

impl From<licsig::Error> for Failure {
    fn from(e: licsig::Error) -> Self {
        Self::Rejected(e)
    }
}

/// The failure of a write to standard output.
fn output_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Io(format!("cannot write output: {e}"))
    }
}

const GOOD: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Green)));
const BAD: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Red)));
const WARNING: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Yellow)));
const HEADING: Style = Style::new().bold();

pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return arguments_refused(&e),
    };
    let json = matches!(&cli.command, Command::Verify(args) if args.json);
    let result = match cli.command {
        Command::Verify(args) => verify(&args),
        Command::Inspect { input } => inspect(&input),
        Command::Canonicalize { lines, input } => canonicalize(lines, input.as_deref()),
        Command::Fingerprint { keyfile } => fingerprint(&keyfile),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
        #[cfg(feature = "sign")]
        Command::Sign(args) => sign(&args),
        #[cfg(not(feature = "sign"))]
        Command::Sign { .. } => Err(Failure::Usage(
            "sign: this licsig was built without feature \"sign\"; install one with \
             cargo install licsig --features cli,sign"
                .into(),
        )),
    };
    match result {
        Ok(code) => code,
        Err(failure) => report(failure, json),
    }
}

/// Reports `failure` in the command's one style, or as the JSON object of `verify
/// --json`, and gives its exit code. A report that cannot be written (a closed
/// stream) leaves the exit code to speak.
fn report(failure: Failure, json: bool) -> ExitCode {
    let (code, kind, message) = match failure {
        Failure::Rejected(e) => (1, e.kind().as_str(), e.to_string()),
        Failure::Config(e, what) => (2, e.kind().as_str(), format!("{what}: {e}")),
        Failure::Usage(message) => (2, "usage", message),
        Failure::Io(message) => (2, "io", message),
        Failure::Closed => return ExitCode::SUCCESS,
    };
    if json {
        let _ = writeln!(io::stdout(), "{}", error_json(kind, &message));
    } else {
        let word = if code == 1 { "REJECTED" } else { "ERROR" };
        let _ = writeln!(
            anstream::stderr(),
            "{BAD}{word}{BAD:#} ({kind}): {}",
            for_terminal(&message)
        );
    }
    ExitCode::from(code)
}

/// clap's refusal of the arguments, reported as every other error is (its hint and
/// usage lines kept on the terminal); help and version as clap prints them.
fn arguments_refused(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind as Clap;
    match e.kind() {
        Clap::DisplayHelp | Clap::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Clap::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let text = e.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text).trim_end();
    // `verify --json` asked for one JSON object, which carries the refusal alone.
    let mut args = std::env::args_os().skip(1);
    let json = args.next().is_some_and(|a| a == "verify") && args.any(|a| a == "--json");
    let message = if json {
        text.lines().next().unwrap_or_default()
    } else {
        text
    };
    report(Failure::Usage(message.to_owned()), json)
}

/// `text` safe to print on a terminal: control characters (C0 but the line break,
/// DEL, C1) and the bidirectional overrides a crafted license could carry are shown as
/// `\u{…}` escapes instead of acting on the terminal.
fn for_terminal(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, |c| format!("\\u{{{:04X}}}", u32::from(c)))
}

/// A JSON text made safe for a terminal as [`for_terminal`] does, with JSON's own
/// `\uXXXX` escapes, so it stays the same JSON.
fn json_for_terminal(text: &str) -> Cow<'_, str> {
    escape_unsafe(text, |c| format!("\\u{:04x}", u32::from(c)))
}

fn escape_unsafe(text: &str, escape: impl Fn(char) -> String) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                escape(c)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// `--now`: a time as `Time::parse` reads it, or a date alone (`2040-01-01`), meaning
/// its midnight UTC.
fn parse_now(text: &str) -> Result<Time, licsig::InvalidTime> {
    if text.len() == 10 {
        if let Ok(midnight) = Time::parse(&format!("{text}T00:00:00Z")) {
            return Ok(midnight);
        }
    }
    Time::parse(text)
}

/// `--key`'s value: `KID=FILE`, or a file (a path that exists is always a file, so a
/// file name with `=` in it still works).
fn key_arg(arg: &str) -> (Option<&str>, &Path) {
    match arg.split_once('=') {
        Some((kid, file)) if !kid.is_empty() && !Path::new(arg).exists() => {
            (Some(kid), Path::new(file))
        }
        _ => (None, Path::new(arg)),
    }
}

fn verify(args: &VerifyArgs) -> Result<ExitCode, Failure> {
    let mut keys = KeySet::new();
    for arg in &args.keys {
        let (kid, path) = key_arg(arg);
        let mut set = KeySet::from_bytes(&read_file(path)?)
            .map_err(|e| config(e, &format!("key file {}", path.display())))?;
        if let Some(kid) = kid {
            let [key] = set.iter().collect::<Vec<_>>()[..] else {
                return Err(Failure::Usage(format!(
                    "--key {arg}: a KID names one key, and {} holds {}",
                    path.display(),
                    set.len()
                )));
            };
            let own = key.kid().to_owned();
            set.add_kid(&own, kid)
                .map_err(|e| config(e, &format!("--key {arg}")))?;
        }
        keys.extend(set).map_err(|e| config(e, "keys"))?;
    }
    if let Some(path) = &args.jwks {
        let set = KeySet::from_jwks(&read_file(path)?)
            .map_err(|e| config(e, &format!("JWK Set {}", path.display())))?;
        keys.extend(set).map_err(|e| config(e, "keys"))?;
    }
    let mut anchors = licsig::chain::TrustAnchors::new();
    for path in &args.ca {
        let set = licsig::chain::TrustAnchors::from_bytes(&read_file(path)?)
            .map_err(|e| config(e, &format!("CA file {}", path.display())))?;
        anchors.extend(set).map_err(|e| config(e, "CA files"))?;
    }
    if keys.is_empty() && anchors.is_empty() {
        return Err(Failure::Usage(
            "no trusted keys: pass --key FILE, --jwks FILE or --ca FILE".into(),
        ));
    }
    let now = match &args.now {
        None => Time::now(),
        Some(text) => parse_now(text).map_err(|e| Failure::Usage(format!("--now: {e}")))?,
    };
    let mut verifier = Verifier::new(keys)
        .trust_anchors(anchors)
        .map_err(|e| Failure::Usage(format!("--ca: {e}")))?
        .leeway(args.leeway)
        .strict_kid(args.strict_kid);
    if !args.allow_alg.is_empty() {
        let mut set = AlgorithmSet::EMPTY;
        for name in &args.allow_alg {
            let alg = Algorithm::from_name(name)
                .map_err(|e| Failure::Usage(format!("--allow-alg: {e}")))?;
            set = set.with(alg);
        }
        verifier = verifier.allow_algorithms(set);
    }
    if let Some(id) = &args.node_id {
        verifier = verifier.node_id(id.clone());
    }
    for name in &args.require {
        verifier = verifier.require_entitlement(name.clone());
    }
    for name in &args.require_family {
        let family = Family::from_name(name)
            .ok_or_else(|| Failure::Usage(format!("--require-family: unknown family {name:?}")))?;
        verifier = verifier.require_family(family);
    }
    let input = read_input(&args.input, licsig::limits::DEFAULT_MAX_BYTES)?;
    let verified = match (&args.signature, &args.alg) {
        (Some(sig_path), Some(alg)) => {
            let alg =
                Algorithm::from_name(alg).map_err(|e| Failure::Usage(format!("--alg: {e}")))?;
            let signature = read_file(sig_path)?;
            verifier.verify_detached(&input, &signature, alg, None, now)?
        }
        _ => verifier.verify(trim_token(&input), now)?,
    };
    if args.json {
        let mut line = verified_json(&verified, now).into_bytes();
        line.push(b'\n');
        write_stdout(&line)
    } else {
        write_human(&verified_text(&verified, now))
    }
}

/// A token copied from a file, a terminal or `echo` often carries whitespace around
/// it, which is not part of it; JSON forms need no trimming.
fn trim_token(input: &[u8]) -> &[u8] {
    let trimmed = input.trim_ascii();
    match trimmed.first() {
        Some(b'{') | None => input,
        _ => trimmed,
    }
}

fn config(e: licsig::Error, what: &str) -> Failure {
    Failure::Config(e, what.to_owned())
}

/// `verify`'s report: the verdict, then the license as a person reads it.
fn verified_text(v: &licsig::VerifiedLicense, now: Time) -> String {
    let mut out = format!("{GOOD}VALID{GOOD:#}\n");
    let row = |out: &mut String, name: &str, value: &str| {
        out.push_str(&format!("  {name:<12} {}\n", for_terminal(value)));
    };
    row(&mut out, "license", v.license_arn());
    row(&mut out, "form", v.form().as_str());
    row(&mut out, "key id", v.kid());
    row(&mut out, "algorithm", v.algorithm().jose_name());
    for other in v.signatures().skip(1) {
        let by = format!("{} by {}", other.algorithm().jose_name(), other.kid());
        row(&mut out, "also signed", &by);
    }
    row(&mut out, "issued", &v.issued_at().to_string());
    row(&mut out, "expires", &expiry(v.not_after(), now));
    match v.node_id() {
        None => row(&mut out, "node", "any (not node-locked)"),
        Some(node) => row(&mut out, "node", node),
    }
    entitlements_table(&mut out, v.entitlements());
    out
}

/// The expiry and the time left (or past, within the leeway) at `now`.
fn expiry(not_after: Option<Time>, now: Time) -> String {
    match not_after {
        None => "never (perpetual)".to_owned(),
        Some(end) => {
            let left = end.seconds_since(now);
            if left >= 0 {
                format!("{end} (in {})", span(left))
            } else {
                format!("{end} ({} ago, within the leeway)", span(-left))
            }
        }
    }
}

/// `entitlements N` and, when there are any, a NAME / UNIT / VALUE table.
fn entitlements_table(out: &mut String, entitlements: &[licsig::Entitlement]) {
    out.push_str(&format!(
        "  {:<12} {}\n",
        "entitlements",
        entitlements.len()
    ));
    if entitlements.is_empty() {
        return;
    }
    let rows: Vec<[String; 3]> = entitlements
        .iter()
        .map(|e| {
            [
                for_terminal(e.name()).into_owned(),
                for_terminal(e.unit().as_str()).into_owned(),
                for_terminal(e.value().unwrap_or("-")).into_owned(),
            ]
        })
        .collect();
    let width = |i: usize, head: &str| {
        rows.iter()
            .filter_map(|row| row.get(i))
            .map(|cell| cell.chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let (w0, w1) = (width(0, "NAME"), width(1, "UNIT"));
    out.push_str(&format!(
        "    {HEADING}{:w0$}  {:w1$}  VALUE{HEADING:#}\n",
        "NAME", "UNIT"
    ));
    for [name, unit, value] in &rows {
        out.push_str(&format!("    {name:w0$}  {unit:w1$}  {value}\n"));
    }
}

fn span(secs: i64) -> String {
    let days = secs / 86_400;
    if days >= 2 {
        format!("{days} days")
    } else if secs >= 7_200 {
        format!("{} hours", secs / 3_600)
    } else if secs >= 120 {
        format!("{} minutes", secs / 60)
    } else {
        format!("{secs} seconds")
    }
}

/// `{"valid":true,"form":…,"algorithm":…,"kid":…,"signatures":[{"algorithm":…,"kid":…},…],
/// "expires":…,"seconds_left":…,"license":{…}}`: what the text shows, for a program.
/// `algorithm` and `kid` are the first verified signature's, `signatures` lists every
/// verified one. `expires` and `seconds_left` are `null` for a perpetual license;
/// `seconds_left` is negative within the leeway.
fn verified_json(v: &licsig::VerifiedLicense, now: Time) -> String {
    let license = json::canonicalize(v.signed_document())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| "null".into());
    let (expires, left) = match v.not_after() {
        None => ("null".to_owned(), "null".to_owned()),
        Some(end) => (
            json_string(&end.to_string()),
            end.seconds_since(now).to_string(),
        ),
    };
    let signatures: Vec<String> = v
        .signatures()
        .map(|s| {
            format!(
                r#"{{"algorithm":{},"kid":{}}}"#,
                json_string(s.algorithm().jose_name()),
                json_string(s.kid())
            )
        })
        .collect();
    format!(
        r#"{{"valid":true,"form":{},"algorithm":{},"kid":{},"signatures":[{}],"expires":{expires},"seconds_left":{left},"license":{license}}}"#,
        json_string(v.form().as_str()),
        json_string(v.algorithm().jose_name()),
        json_string(v.kid()),
        signatures.join(",")
    )
}

/// `{"valid":false,"error":{"kind":…,"message":…}}`, DESIGN.md §7.
fn error_json(kind: &str, message: &str) -> String {
    format!(
        r#"{{"valid":false,"error":{{"kind":{},"message":{}}}}}"#,
        json_string(kind),
        json_string(message)
    )
}

/// A JSON string literal (RFC 8785 escaping).
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `inspect`: a summary and the document, indented, marked UNVERIFIED. Every string
/// of every form is escaped the same way: as RFC 8785 writes it, and with
/// [`json_for_terminal`]'s escapes in the document, [`for_terminal`]'s in the summary.
fn inspect(input: &Path) -> Result<ExitCode, Failure> {
    let limits = licsig::Limits::default();
    let bytes = read_input(input, limits.max_bytes)?;
    let seen = licsig::unverified::inspect(trim_token(&bytes), &limits)?;
    let seen = seen.get_unverified();
    let license = seen.license();
    let mut out = format!(
        "{WARNING}UNVERIFIED{WARNING:#}: nothing below has been checked; do not trust it\n"
    );
    let row = |out: &mut String, name: &str, value: &str| {
        out.push_str(&format!("  {name:<12} {}\n", for_terminal(value)));
    };
    row(&mut out, "form", seen.form().as_str());
    if seen.headers().is_empty() {
        row(
            &mut out,
            "signature",
            "none (a detached signature goes with it)",
        );
    }
    for (i, h) in seen.headers().iter().enumerate() {
        let mut about = format!("{}, key id {}", h.alg(), h.kid().unwrap_or("(none)"));
        if let Some(typ) = h.typ() {
            about.push_str(&format!(", typ {typ}"));
        }
        if !h.x5c().is_empty() {
            about.push_str(&format!(", x5c {} certificate(s)", h.x5c().len()));
        }
        row(&mut out, &format!("signature {i}"), &about);
    }
    row(&mut out, "license", license.license_arn());
    row(&mut out, "issued", &license.issued_at().to_string());
    let expires = license
        .not_after()
        .map_or_else(|| "never (perpetual)".to_owned(), |t| t.to_string());
    row(&mut out, "expires", &expires);
    row(
        &mut out,
        "node",
        license.node_id().unwrap_or("any (not node-locked)"),
    );
    entitlements_table(&mut out, license.entitlements());
    out.push_str("  document\n");
    let document = json::Document::parse_with(seen.document(), &limits)?;
    indented(&mut out, document.root(), 2);
    out.push('\n');
    write_human(&out)
}

/// `value` as indented JSON (two spaces a level, members in RFC 8785 order), starting
/// at `depth` levels. Scalars are written as RFC 8785 writes them, then escaped for
/// the terminal ([`json_for_terminal`]): still the same JSON.
fn indented(out: &mut String, value: json::Value<'_>, depth: usize) {
    let pad = |depth: usize| "  ".repeat(depth);
    if depth == 2 {
        out.push_str(&pad(depth));
    }
    if let Some(object) = value.as_object() {
        if object.is_empty() {
            out.push_str("{}");
            return;
        }
        out.push_str("{\n");
        for (i, (name, member)) in object.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            out.push_str(&pad(depth + 1));
            out.push_str(&json_for_terminal(&json_string(name)));
            out.push_str(": ");
            indented(out, member, depth + 1);
        }
        out.push_str(&format!("\n{}}}", pad(depth)));
    } else if let Some(array) = value.as_array() {
        if array.is_empty() {
            out.push_str("[]");
            return;
        }
        out.push_str("[\n");
        for (i, item) in array.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            out.push_str(&pad(depth + 1));
            indented(out, item, depth + 1);
        }
        out.push_str(&format!("\n{}]", pad(depth)));
    } else {
        out.push_str(&json_for_terminal(&String::from_utf8_lossy(
            &value.to_canonical(),
        )));
    }
}

/// `sign`: the signed form on standard output — a license file (JSON, ending in a
/// line break), a token (no line break, as the verifier wants it), or a detached
/// signature (base64 and a line break, as `aws kms sign` prints it).
#[cfg(feature = "sign")]
fn sign(args: &SignArgs) -> Result<ExitCode, Failure> {
    if args.key.len() != args.alg.len() {
        return Err(Failure::Usage(format!(
            "{} --key and {} --alg: give one --alg per --key, in the same order",
            args.key.len(),
            args.alg.len()
        )));
    }
    let several = args.key.len() > 1;
    if several && (args.kid.is_some() || !matches!(args.form, SignForm::File)) {
        return Err(Failure::Usage(
            "several keys sign a license file (--form file), each under its own key id \
             (no --kid)"
                .into(),
        ));
    }
    let mut signers = Vec::with_capacity(args.key.len());
    for (path, alg) in args.key.iter().zip(&args.alg) {
        let alg = Algorithm::from_name(alg).map_err(|e| Failure::Usage(format!("--alg: {e}")))?;
        let mut signer = licsig::Signer::from_pkcs8(&read_file(path)?, alg)
            .map_err(|e| config(e, &format!("private key {}", path.display())))?;
        if let Some(kid) = &args.kid {
            signer = signer
                .with_kid(kid.clone())
                .map_err(|e| Failure::Usage(format!("--kid: {e}")))?;
        }
        signers.push(signer);
    }
    let document = read_input(&args.input, licsig::limits::DEFAULT_MAX_BYTES)?;
    // A refused document is exit 1; a signer failure (an external key, a signature
    // that does not verify under the key) is the configuration's (exit 2).
    let refused = |e: licsig::Error| match e.kind() {
        licsig::ErrorKind::Malformed | licsig::ErrorKind::LimitExceeded => Failure::Rejected(e),
        _ => config(e, "signing"),
    };
    let signed = match (args.form, &signers[..]) {
        (SignForm::Jws, [signer]) => signer.sign_token(&document).map(String::into_bytes),
        (SignForm::Detached, [signer]) => signer
            .sign_detached_base64(&document)
            .map(String::into_bytes),
        _ => {
            let all: Vec<&licsig::Signer> = signers.iter().collect();
            licsig::sign::license_file(&document, &all).map(String::into_bytes)
        }
    }
    .map_err(refused)?;
    write_stdout(&signed)
}

/// `completions SHELL`: the script clap_complete generates from the flags' definition.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "licsig", &mut script);
    write_stdout(&script)
}

/// `man`: the man page clap_mangen generates from the flags' definition.
fn man() -> Result<ExitCode, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Failure::Io(format!("cannot render the man page: {e}")))?;
    write_stdout(&page)
}

/// Writes `bytes`, data such as JSON, a signed license or a script, to standard
/// output as they are.
fn write_stdout(bytes: &[u8]) -> Result<ExitCode, Failure> {
    write_all(io::stdout().lock(), bytes)
}

/// Writes `text` for a person to standard output, its colours only on a terminal
/// (anstream removes them otherwise, and for `NO_COLOR`). Never for data: anstream
/// also removes what looks like a terminal escape in the text.
fn write_human(text: &str) -> Result<ExitCode, Failure> {
    write_all(anstream::stdout().lock(), text.as_bytes())
}

fn write_all(mut out: impl Write, bytes: &[u8]) -> Result<ExitCode, Failure> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(output_failure)?;
    Ok(ExitCode::SUCCESS)
}

/// `fingerprint`: one line per key, `<type> <size> <key id>`. A PKCS#8 private key
/// (feature "sign") shows its public half, whose key id its signatures carry.
fn fingerprint(path: &Path) -> Result<ExitCode, Failure> {
    let bytes = read_file(path)?;
    let what = path.display().to_string();
    let lines = match KeySet::from_bytes(&bytes) {
        Ok(keys) => keys.iter().map(|key| format!("{key}\n")).collect(),
        Err(e) if is_private_key(&bytes) => private_fingerprint(&bytes, e, &what)?,
        Err(e) => return Err(config(e, &what)),
    };
    write_stdout(lines.as_bytes())
}

/// Whether `bytes` are a PEM PKCS#8 private key (`-----BEGIN PRIVATE KEY-----`).
fn is_private_key(bytes: &[u8]) -> bool {
    bytes
        .windows(b"-----BEGIN PRIVATE KEY-----".len())
        .any(|w| w == b"-----BEGIN PRIVATE KEY-----")
}

#[cfg(feature = "sign")]
fn private_fingerprint(bytes: &[u8], _: licsig::Error, what: &str) -> Result<String, Failure> {
    let key = licsig::sign::public_key_from_pkcs8(bytes).map_err(|e| config(e, what))?;
    Ok(format!("{key}\n"))
}

#[cfg(not(feature = "sign"))]
fn private_fingerprint(_: &[u8], e: licsig::Error, what: &str) -> Result<String, Failure> {
    Err(config(
        e,
        &format!(
            "{what} (a private key: a licsig built with feature \"sign\" shows its public \
             half's key id)"
        ),
    ))
}

fn canonicalize(lines: bool, input: Option<&Path>) -> Result<ExitCode, Failure> {
    let limits = licsig::Limits::default();
    let reader = open(input)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let write_err = output_failure;
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
            Err(e) => return Err(Failure::Io(format!("cannot read input: {e}"))),
        }
        match json::canonicalize_with(&line, &limits) {
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
fn open(input: Option<&Path>) -> Result<Box<dyn Read>, Failure> {
    match input {
        None => Ok(Box::new(io::stdin())),
        Some(p) if p.as_os_str() == "-" => Ok(Box::new(io::stdin())),
        Some(p) => File::open(p)
            .map(|f| Box::new(f) as Box<dyn Read>)
            .map_err(|e| Failure::Io(format!("cannot read {}: {e}", p.display()))),
    }
}

/// INPUT (or standard input for `-`), at most `max + 1` bytes, so that an over-long
/// input is refused by the library's own limit without reading an unbounded stream.
fn read_input(input: &Path, max: usize) -> Result<Vec<u8>, Failure> {
    read_bounded(open(Some(input))?, max, Some(input))
}

/// A configuration file (a key, a signature), at most 1 MiB + 1 byte.
fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    read_bounded(open(Some(path))?, 1 << 20, Some(path))
}

/// Reads at most `max + 1` bytes: enough to tell an over-long input from a fitting
/// one without reading an unbounded stream.
fn read_bounded(reader: impl Read, max: usize, name: Option<&Path>) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let name = name.map_or("standard input".into(), |p| p.display().to_string());
            Failure::Io(format!("cannot read {name}: {e}"))
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
