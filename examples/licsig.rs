//! `licsig`: the command-line face of the library (DESIGN.md §7).
//!
//! ```text
//! cargo run --release --example licsig -- verify --key KEY.pem [--node-id ID] LICENSE
//! cargo run --release --example licsig -- verify --ca ROOT.pem [--ca …] LICENSE
//! cargo run --release --example licsig -- inspect LICENSE
//! cargo run --release --example licsig -- canonicalize [--lines] [INPUT|-]
//! cargo run --release --example licsig -- fingerprint KEYFILE
//! cargo run --release --example licsig --features sign -- sign --key KEY.pk8.pem --alg PS384 [--kid ID] [--form file|jws|detached] LICENSE.json
//! ```
//!
//! Exit codes: 0 success; 1 the license or document was rejected; 2 usage or
//! configuration error (bad flags, unreadable or refused key).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use licsig::json;
use licsig::{Algorithm, AlgorithmSet, KeySet, Time, Verifier};

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
    /// The PKCS#8 private key: PEM ("PRIVATE KEY") or DER.
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The algorithm (JOSE or AWS KMS name), e.g. PS384 or RSASSA_PSS_SHA_384.
    #[arg(long, value_name = "ALG")]
    alg: String,
    /// The key id written into headers; default: SHA-256 of the public key's SPKI DER.
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
    /// Usage or configuration error (exit 2).
    Usage(String),
    /// A library error that is the configuration's fault (exit 2), such as a refused
    /// key, with what it concerns.
    Config(licsig::Error, String),
}

impl From<licsig::Error> for Failure {
    fn from(e: licsig::Error) -> Self {
        Self::Rejected(e)
    }
}

/// How a failure is reported.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Report {
    /// `verify`: the verdict is the output, on standard output.
    Verdict,
    /// `verify --json`: one JSON object on standard output.
    Json,
    /// Other commands: standard output is data; errors go to standard error.
    Stderr,
}

pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, report) = match cli.command {
        Command::Verify(args) => {
            let report = if args.json {
                Report::Json
            } else {
                Report::Verdict
            };
            (verify(&args), report)
        }
        Command::Inspect { input } => (inspect(&input), Report::Stderr),
        Command::Canonicalize { lines, input } => {
            (canonicalize(lines, input.as_deref()), Report::Stderr)
        }
        Command::Fingerprint { keyfile } => (fingerprint(&keyfile), Report::Stderr),
        Command::Completions { shell } => (completions(shell), Report::Stderr),
        Command::Man => (man(), Report::Stderr),
        #[cfg(feature = "sign")]
        Command::Sign(args) => (sign(&args), Report::Stderr),
        #[cfg(not(feature = "sign"))]
        Command::Sign { .. } => (
            Err(Failure::Usage(
                "sign: this licsig was built without feature \"sign\"; install one with \
                 cargo install licsig --features cli,sign"
                    .into(),
            )),
            Report::Stderr,
        ),
    };
    let failure = match result {
        Ok(code) => return code,
        Err(failure) => failure,
    };
    let (code, kind, message) = match failure {
        Failure::Rejected(e) => (1, Some(e.kind()), e.to_string()),
        Failure::Config(e, what) => (2, Some(e.kind()), format!("{what}: {e}")),
        Failure::Usage(msg) => (2, None, msg),
    };
    match (report, kind) {
        // Only the kinds of DESIGN.md §6 appear in JSON; a usage error has none.
        (Report::Json, Some(kind)) => println!("{}", error_json(kind.as_str(), &message)),
        (Report::Verdict, Some(kind)) if code == 1 => println!("REJECTED ({kind}): {message}"),
        (_, Some(kind)) if code == 1 => eprintln!("licsig: rejected ({kind}): {message}"),
        (_, Some(kind)) => eprintln!("licsig: {message} ({kind})"),
        (_, None) => eprintln!("licsig: {message}"),
    }
    ExitCode::from(code)
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
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let write_err = |e: io::Error| Failure::Usage(format!("cannot write output: {e}"));
    if args.json {
        writeln!(out, "{}", verified_json(&verified)).map_err(write_err)?;
    } else {
        write_verified(&mut out, &verified, now).map_err(write_err)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A token read from a file or `echo` usually ends with a line break, which is not
/// part of it; JSON forms need no trimming.
fn trim_token(input: &[u8]) -> &[u8] {
    match input.first() {
        Some(b'{') => input,
        _ => input.trim_ascii_end(),
    }
}

fn config(e: licsig::Error, what: &str) -> Failure {
    Failure::Config(e, what.to_owned())
}

fn write_verified(out: &mut impl Write, v: &licsig::VerifiedLicense, now: Time) -> io::Result<()> {
    writeln!(out, "VALID")?;
    writeln!(out, "  license      {}", v.license_arn())?;
    writeln!(out, "  form         {}", v.form())?;
    writeln!(out, "  key id       {}", v.kid())?;
    writeln!(out, "  algorithm    {}", v.algorithm())?;
    writeln!(out, "  issued       {}", v.issued_at())?;
    match v.not_after() {
        None => writeln!(out, "  expires      never (perpetual)")?,
        Some(end) => {
            let left = end.seconds_since(now);
            if left >= 0 {
                writeln!(out, "  expires      {end} (in {})", span(left))?;
            } else {
                writeln!(
                    out,
                    "  expires      {end} ({} ago, within the leeway)",
                    span(-left)
                )?;
            }
        }
    }
    match v.node_id() {
        None => writeln!(out, "  node         any (not node-locked)")?,
        Some(node) => writeln!(out, "  node         {node}")?,
    }
    let rows: Vec<[&str; 3]> = v
        .entitlements()
        .iter()
        .map(|e| [e.name(), e.unit().as_str(), e.value().unwrap_or("-")])
        .collect();
    writeln!(out, "  entitlements {}", rows.len())?;
    if !rows.is_empty() {
        let width = |column: &mut dyn Iterator<Item = &str>, head: &str| {
            column
                .map(|cell| cell.chars().count())
                .chain([head.chars().count()])
                .max()
                .unwrap_or(0)
        };
        let w0 = width(&mut rows.iter().map(|[name, _, _]| *name), "NAME");
        let w1 = width(&mut rows.iter().map(|[_, unit, _]| *unit), "UNIT");
        writeln!(out, "    {:w0$}  {:w1$}  VALUE", "NAME", "UNIT")?;
        for [name, unit, value] in &rows {
            writeln!(out, "    {name:w0$}  {unit:w1$}  {value}")?;
        }
    }
    Ok(())
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

/// `{"valid":true,"algorithm":…,"kid":…,"license":{…}}`, DESIGN.md §7.
fn verified_json(v: &licsig::VerifiedLicense) -> String {
    let license = json::canonicalize(v.signed_document())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| "null".into());
    format!(
        r#"{{"valid":true,"algorithm":{},"kid":{},"license":{license}}}"#,
        json_string(v.algorithm().jose_name()),
        json_string(v.kid())
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

fn inspect(input: &Path) -> Result<ExitCode, Failure> {
    let bytes = read_input(input, licsig::limits::DEFAULT_MAX_BYTES)?;
    let seen = licsig::unverified::inspect(trim_token(&bytes), &licsig::Limits::default())?;
    let seen = seen.get_unverified();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let write_err = |e: io::Error| Failure::Usage(format!("cannot write output: {e}"));
    let mut text = String::new();
    text.push_str("UNVERIFIED: nothing below has been checked; do not trust it\n");
    text.push_str(&format!("form: {}\n", seen.form()));
    for (i, h) in seen.headers().iter().enumerate() {
        text.push_str(&format!(
            "header {i}: alg {}, kid {}{}{}\n",
            h.alg(),
            h.kid().unwrap_or("(none)"),
            h.typ().map(|t| format!(", typ {t}")).unwrap_or_default(),
            if h.x5c().is_empty() {
                String::new()
            } else {
                format!(", x5c {} certificate(s)", h.x5c().len())
            }
        ));
    }
    let doc = String::from_utf8_lossy(seen.document()).into_owned();
    text.push_str(&format!("license: {doc}\n"));
    out.write_all(text.as_bytes()).map_err(write_err)?;
    Ok(ExitCode::SUCCESS)
}

/// `sign`: the signed form on standard output — a license file (JSON, ending in a
/// line break), a token (no line break, as the verifier wants it), or a detached
/// signature (base64 and a line break, as `aws kms sign` prints it).
#[cfg(feature = "sign")]
fn sign(args: &SignArgs) -> Result<ExitCode, Failure> {
    let alg = Algorithm::from_name(&args.alg).map_err(|e| Failure::Usage(format!("--alg: {e}")))?;
    let key = read_file(&args.key)?;
    let mut signer = licsig::Signer::from_pkcs8(&key, alg)
        .map_err(|e| config(e, &format!("private key {}", args.key.display())))?;
    if let Some(kid) = &args.kid {
        signer = signer
            .with_kid(kid.clone())
            .map_err(|e| Failure::Usage(format!("--kid: {e}")))?;
    }
    let document = read_input(&args.input, licsig::limits::DEFAULT_MAX_BYTES)?;
    let form = match args.form {
        SignForm::File => licsig::sign::SignedForm::LicenseFile,
        SignForm::Jws => licsig::sign::SignedForm::Token,
        SignForm::Detached => licsig::sign::SignedForm::Detached,
    };
    // A refused document is exit 1; a signer failure (an external key, a signature
    // that does not verify under the key) is the configuration's (exit 2).
    let signed = signer.sign(&document, form).map_err(|e| match e.kind() {
        licsig::ErrorKind::Malformed | licsig::ErrorKind::LimitExceeded => Failure::Rejected(e),
        _ => config(e, "signing"),
    })?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(&signed)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Usage(format!("cannot write output: {e}")))?;
    Ok(ExitCode::SUCCESS)
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
        .map_err(|e| Failure::Usage(format!("cannot render the man page: {e}")))?;
    write_stdout(&page)
}

/// Writes `bytes` to standard output.
fn write_stdout(bytes: &[u8]) -> Result<ExitCode, Failure> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Usage(format!("cannot write output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

fn fingerprint(path: &Path) -> Result<ExitCode, Failure> {
    let bytes = read_file(path)?;
    let keys = KeySet::from_bytes(&bytes).map_err(|e| config(e, &path.display().to_string()))?;
    for key in &keys {
        println!("{key}");
    }
    Ok(ExitCode::SUCCESS)
}

fn canonicalize(lines: bool, input: Option<&Path>) -> Result<ExitCode, Failure> {
    let limits = licsig::Limits::default();
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
            .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", p.display()))),
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
