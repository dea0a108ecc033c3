//! JWS (RFC 7515): strict base64url, protected headers, the compact serialization and
//! the license file (general JSON serialization with a detached payload).
//!
//! This layer checks shape only: what each part is and that every byte is accounted
//! for. Which algorithm and key are acceptable is the verifier's decision.

use core::fmt;
use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::json::{self, Document, Kind, Limits, Value};
use crate::license::License;
use crate::span::Span;
use crate::Error;

/// Longest protected header accepted, decoded: 32 KiB, room for an `x5c` chain of a
/// few certificates.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// Most certificates accepted in an `x5c` header.
pub const MAX_X5C_CERTIFICATES: usize = 8;

/// Header parameters licsig reads or deliberately ignores; a case variant of any of
/// them is refused.
const HEADER_KNOWN: [&str; 12] = [
    "alg", "b64", "crit", "cty", "jku", "jwk", "kid", "typ", "x5c", "x5t", "x5t#S256", "x5u",
];

/// Decodes unpadded, canonical base64url (RFC 7515 §2): the URL-safe alphabet, no
/// `=` padding, no whitespace, no stray bits in the last character.
pub(crate) fn b64url_decode(text: &[u8], what: &str) -> Result<Vec<u8>, Error> {
    crate::b64url::decode(text).map_err(|e| b64url_error(what, e))
}

fn b64url_error(what: &str, e: crate::b64url::DecodeError) -> Error {
    Error::malformed(format!("{what} is not unpadded canonical base64url: {e}"))
}

/// Encodes unpadded base64url.
#[cfg(any(feature = "sign", test))]
pub(crate) fn b64url_encode(bytes: &[u8]) -> String {
    crate::b64url::encode(bytes)
}

/// A protected header, checked for shape.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// `alg`, `kid` and `typ`, one after another: one allocation, not three.
    text: String,
    alg: Span,
    kid: Option<Span>,
    typ: Option<Span>,
    x5c: Vec<Vec<u8>>,
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Header")
            .field("alg", &self.alg())
            .field("kid", &self.kid())
            .field("typ", &self.typ())
            .field("x5c", &self.x5c)
            .finish()
    }
}

impl Header {
    /// Parses a protected header from its base64url text.
    pub(crate) fn from_b64(text: &[u8], limits: &Limits) -> Result<Self, Error> {
        // 4 characters carry 3 bytes: refuse before decoding anything too large.
        if text.len() / 4 * 3 > MAX_HEADER_BYTES {
            return Err(Error::limit(format!(
                "the protected header is over the limit of {MAX_HEADER_BYTES} bytes"
            )));
        }
        // A usual header decodes onto the stack.
        let mut stack = [0u8; 256];
        let json: Cow<'_, [u8]> = match crate::b64url::decode_to_slice(text, &mut stack) {
            Some(Ok(json)) => Cow::Borrowed(json),
            Some(Err(e)) => return Err(b64url_error("the protected header", e)),
            None => Cow::Owned(b64url_decode(text, "the protected header")?),
        };
        let limits = Limits {
            max_bytes: limits.max_bytes.min(MAX_HEADER_BYTES),
            ..*limits
        };
        if let Some(header) = Self::from_plain_json(&json, &limits) {
            return Ok(header);
        }
        let doc = Document::parse_with(&json, &limits)
            .map_err(|e| Error::new(e.kind(), format!("protected header: {e}")))?;
        Self::from_json(doc.root())
    }

    /// The header signers write — `{"alg":"…"}`, then optionally `"kid"` and `"typ"`,
    /// in that order, compact, each value a string with no escape, quote or control
    /// character — read without the general parser (a tenth of licsig's own cost per
    /// token went to parsing these forty bytes). `None` for anything else, which the
    /// general path then reads: on every text this accepts, the general path gives the
    /// same header (`plain_header_agrees_with_the_parser` holds the two together).
    fn from_plain_json(json: &[u8], limits: &Limits) -> Option<Self> {
        if json.len() > limits.max_bytes || limits.max_depth == 0 {
            return None;
        }
        const NAMES: [&str; 3] = ["alg", "kid", "typ"];
        let mut values: [Option<&str>; 3] = [None; 3];
        let mut next = 0;
        // Validated whole: one call, where one per value cost three times as much.
        let json = core::str::from_utf8(json).ok()?;
        let mut rest = json.strip_prefix('{')?;
        loop {
            // `"name":"` with a name after the last one read.
            let i = (next..NAMES.len())
                .find(|&i| NAMES.get(i).is_some_and(|n| rest.get(1..4) == Some(n)))?;
            rest = rest.strip_prefix('"')?.get(3..)?.strip_prefix("\":\"")?;
            let end = json::plain_run(rest.as_bytes());
            // The run stops at an ASCII byte: `end` is a character boundary.
            let (value, tail) = (rest.get(..end)?, rest.get(end..)?);
            *values.get_mut(i)? = Some(value);
            next = i + 1;
            match tail.as_bytes() {
                b"\"}" => break,
                [b'"', b',', ..] => rest = tail.get(2..)?,
                _ => return None,
            }
        }
        let [alg, kid, typ] = values;
        Some(Self::new(alg?, kid, typ, Vec::new()))
    }

    /// A header of these parameters, their strings in one buffer.
    fn new(alg: &str, kid: Option<&str>, typ: Option<&str>, x5c: Vec<Vec<u8>>) -> Self {
        let len = |s: Option<&str>| s.map_or(0, str::len);
        let mut text = String::with_capacity(alg.len() + len(kid) + len(typ));
        Self {
            alg: Span::push(&mut text, alg),
            kid: kid.map(|k| Span::push(&mut text, k)),
            typ: typ.map(|t| Span::push(&mut text, t)),
            text,
            x5c,
        }
    }

    fn from_json(v: Value<'_>) -> Result<Self, Error> {
        let Some(obj) = v.as_object() else {
            return Err(Error::malformed(format!(
                "the protected header is a JSON {}, not an object",
                v.kind()
            )));
        };
        // One pass picks up the parameters read below (cheaper than a lookup each).
        let (mut alg, mut b64, mut crit, mut kid, mut typ, mut chain) =
            (None, None, None, None, None, None);
        for (name, value) in obj.iter() {
            if let Some(k) = json::case_variant_of(name, &HEADER_KNOWN) {
                return Err(Error::malformed(format!(
                    "the protected header has \"{}\", a case variant of \"{k}\"",
                    name.escape_debug()
                )));
            }
            match name {
                "alg" => alg = Some(value),
                "b64" => b64 = Some(value),
                "crit" => crit = Some(value),
                "kid" => kid = Some(value),
                "typ" => typ = Some(value),
                "x5c" => chain = Some(value),
                _ => {}
            }
        }
        if let Some(crit) = crit {
            // licsig implements no JWS extension, so every critical one is unknown.
            return Err(Error::malformed(format!(
                "the protected header marks {crit:?} as critical (\"crit\"); licsig \
                 understands no JWS extension, and RFC 7515 §4.1.11 requires refusing \
                 what it does not understand"
            )));
        }
        match b64.map(|b| b.as_bool()) {
            None | Some(Some(true)) => {}
            Some(Some(false)) => {
                return Err(Error::malformed(
                    "the protected header has \"b64\": false (RFC 7797 unencoded payload), \
                     which licsig does not accept",
                ))
            }
            Some(None) => return Err(Error::malformed("\"b64\" must be a boolean")),
        }
        let alg = match alg {
            None => return Err(Error::malformed("the protected header has no \"alg\"")),
            Some(a) => str_param(a, "alg")?,
        };
        let kid = kid.map(|k| str_param(k, "kid")).transpose()?;
        let typ = typ.map(|t| str_param(t, "typ")).transpose()?;
        let x5c = match chain {
            None => Vec::new(),
            Some(chain) => x5c(chain)?,
        };
        Ok(Self::new(alg, kid, typ, x5c))
    }

    /// The `alg` parameter, as written.
    pub fn alg(&self) -> &str {
        self.alg.get(&self.text)
    }

    /// The `kid` parameter, when present.
    pub fn kid(&self) -> Option<&str> {
        self.kid.map(|k| k.get(&self.text))
    }

    /// The `typ` parameter, when present.
    pub fn typ(&self) -> Option<&str> {
        self.typ.map(|t| t.get(&self.text))
    }

    /// The DER certificates of the `x5c` parameter, leaf first (empty when absent).
    pub fn x5c(&self) -> &[Vec<u8>] {
        &self.x5c
    }
}

fn str_param<'d>(v: Value<'d>, name: &str) -> Result<&'d str, Error> {
    v.as_str().ok_or_else(|| {
        Error::malformed(format!(
            "header parameter \"{name}\" must be a string, not a JSON {}",
            v.kind()
        ))
    })
}

/// `x5c`: a non-empty array of standard (padded) base64 DER certificates (RFC 7515
/// §4.1.6).
fn x5c(v: Value<'_>) -> Result<Vec<Vec<u8>>, Error> {
    let arr = v.as_array().ok_or_else(|| {
        Error::malformed(format!("\"x5c\" must be an array, not a JSON {}", v.kind()))
    })?;
    if arr.is_empty() {
        return Err(Error::malformed("\"x5c\" is empty"));
    }
    if arr.len() > MAX_X5C_CERTIFICATES {
        return Err(Error::limit(format!(
            "\"x5c\" has {} certificates, over the limit of {MAX_X5C_CERTIFICATES}",
            arr.len()
        )));
    }
    arr.iter()
        .enumerate()
        .map(|(i, c)| {
            let text = c.as_str().ok_or_else(|| {
                Error::malformed(format!(
                    "\"x5c\"[{i}] must be a string, not a JSON {}",
                    c.kind()
                ))
            })?;
            STANDARD.decode(text).map_err(|e| {
                Error::malformed(format!("\"x5c\"[{i}] is not canonical base64 ({e})"))
            })
        })
        .collect()
}

/// A compact JWS, split and decoded.
#[derive(Debug)]
pub(crate) struct Compact<'a> {
    /// `header.payload` exactly as received: the ASCII bytes the signature covers,
    /// borrowed from the input (no copy of a kilobyte or more per token).
    pub(crate) signing_input: Cow<'a, [u8]>,
    pub(crate) header: Header,
    pub(crate) payload: Vec<u8>,
    pub(crate) signature: Vec<u8>,
}

impl<'a> Compact<'a> {
    /// Splits `token` into exactly three non-empty base64url segments. Nothing else is
    /// allowed: no whitespace, no padding, no fourth segment.
    pub(crate) fn parse(token: &'a [u8], limits: &Limits) -> Result<Self, Error> {
        let segments = || {
            let n = token.iter().filter(|&&b| b == b'.').count() + 1;
            Error::malformed(format!(
                "a compact JWS has exactly three segments separated by '.', this has {n}"
            ))
        };
        // A further `.` is in `s`, where base64url decoding refuses it; only then is
        // it looked for (a third scan of the token cost as much as the other two).
        let Some((h, p, s)) = split3(token) else {
            return Err(segments());
        };
        // An empty payload is a valid JWS (RFC 7515 §3.1); a license token with one
        // fails later, as a payload that is not JSON.
        for (seg, name) in [(h, "header"), (s, "signature")] {
            if seg.is_empty() {
                return Err(Error::malformed(format!(
                    "the {name} segment of the compact JWS is empty"
                )));
            }
        }
        let header = Header::from_b64(h, limits)?;
        let payload = b64url_decode(p, "the payload segment")?;
        let signature = b64url_decode(s, "the signature segment").map_err(|e| {
            if s.contains(&b'.') {
                segments()
            } else {
                e
            }
        })?;
        let signing_input = Cow::Borrowed(token.get(..h.len() + 1 + p.len()).unwrap_or_default());
        Ok(Self {
            signing_input,
            header,
            payload,
            signature,
        })
    }

    /// The same token, owning its signing input.
    pub(crate) fn into_owned(self) -> Compact<'static> {
        Compact {
            signing_input: Cow::Owned(self.signing_input.into_owned()),
            header: self.header,
            payload: self.payload,
            signature: self.signature,
        }
    }
}

/// `h.p.s`, split at the first two `.` (`s` may hold more), or `None` with fewer.
fn split3(token: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let i = find_dot(token)?;
    let (h, rest) = (token.get(..i)?, token.get(i + 1..)?);
    let j = find_dot(rest)?;
    Some((h, rest.get(..j)?, rest.get(j + 1..)?))
}

/// The index of the first `.` in `bytes`: `memchr`, sixteen or thirty-two bytes a
/// step (a token is a kilobyte or more; a byte-at-a-time split was a tenth of
/// licsig's own cost per token).
fn find_dot(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'.', bytes)
}

/// One entry of a license file's `signatures`.
#[derive(Debug)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct FileSignature {
    /// The `protected` text as received (base64url).
    pub(crate) protected: String,
    pub(crate) header: Header,
    pub(crate) signature: Vec<u8>,
}

/// A license file: `{"license": {…}, "signatures": [{"protected", "signature"}, …]}`
/// (DESIGN.md §2.2).
#[derive(Debug)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct LicenseFile {
    /// The license document; an error in it is reported after the signatures are
    /// checked, as DESIGN.md §4 orders the checks.
    pub(crate) license: Result<License, Error>,
    /// The RFC 8785 bytes of `license`: the detached payload.
    pub(crate) canonical: Vec<u8>,
    pub(crate) signatures: Vec<FileSignature>,
}

impl LicenseFile {
    /// Reads a parsed license file. `max_signatures` bounds the work per file.
    pub(crate) fn from_json(
        root: Value<'_>,
        limits: &Limits,
        max_signatures: usize,
    ) -> Result<Self, Error> {
        let obj = root.as_object().ok_or_else(|| {
            Error::malformed(format!(
                "a license file is a JSON object, not a {}",
                root.kind()
            ))
        })?;
        for (name, _) in obj.iter() {
            if name != "license" && name != "signatures" {
                return Err(Error::malformed(format!(
                    "a license file has only \"license\" and \"signatures\"; \"{}\" is not \
                     allowed",
                    name.escape_debug()
                )));
            }
        }
        let license_value = obj
            .get("license")
            .ok_or_else(|| Error::malformed("the license file has no \"license\""))?;
        if license_value.kind() != Kind::Object {
            return Err(Error::malformed(format!(
                "\"license\" must be an object, not a JSON {}",
                license_value.kind()
            )));
        }
        let list = obj
            .get("signatures")
            .ok_or_else(|| Error::malformed("the license file has no \"signatures\""))?;
        let list = list.as_array().ok_or_else(|| {
            Error::malformed(format!(
                "\"signatures\" must be an array, not a JSON {}",
                list.kind()
            ))
        })?;
        if list.is_empty() {
            return Err(Error::malformed(
                "\"signatures\" is empty: the license is unsigned",
            ));
        }
        if list.len() > max_signatures {
            return Err(Error::limit(format!(
                "the license file has {} signatures, over the limit of {max_signatures}",
                list.len()
            )));
        }
        let signatures = list
            .iter()
            .enumerate()
            .map(|(i, entry)| file_signature(entry, i, limits))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            license: License::from_json(license_value),
            canonical: license_value.to_canonical(),
            signatures,
        })
    }

    /// Reads a license file as signers write one, without the general parser: any JSON
    /// whitespace between tokens; `license` first, in the shape
    /// [`License::from_ordered_json`] reads (members in RFC 8785 order, plain strings);
    /// then `signatures`, each entry `protected` then `signature`, strings without
    /// escapes. `None` for anything else, and for every file with an error in it: the
    /// general path reads those and reports what is wrong. On every file read here,
    /// [`LicenseFile::from_json`] reads the same.
    pub(crate) fn from_plain_json(
        bytes: &[u8],
        limits: &Limits,
        max_signatures: usize,
    ) -> Option<Self> {
        /// The file, then the license's three levels.
        const DEPTH: usize = 4;
        if bytes.len() > limits.max_bytes || limits.max_depth < DEPTH {
            return None;
        }
        let mut r = Tokens(bytes);
        r.take(b"{")?;
        r.take(b"\"license\"")?;
        r.take(b":")?;
        r.skip_whitespace();
        let (license, canonical, used) = License::from_ordered_json(r.0, limits)?;
        r.0 = r.0.get(used..)?;
        r.take(b",")?;
        r.take(b"\"signatures\"")?;
        r.take(b":")?;
        r.take(b"[")?;
        let mut signatures = Vec::with_capacity(1);
        loop {
            let i = signatures.len();
            if i == max_signatures {
                return None;
            }
            r.take(b"{")?;
            r.take(b"\"protected\"")?;
            r.take(b":")?;
            let protected = core::str::from_utf8(r.base64()?).ok()?;
            r.take(b",")?;
            r.take(b"\"signature\"")?;
            r.take(b":")?;
            let signature = r.base64()?;
            r.take(b"}")?;
            signatures.push(FileSignature {
                protected: protected.to_owned(),
                header: FileSignature::header(i, protected, limits).ok()?,
                signature: FileSignature::signature(i, signature).ok()?,
            });
            if r.take(b",").is_none() {
                r.take(b"]")?;
                break;
            }
        }
        r.take(b"}")?;
        r.skip_whitespace();
        if !r.0.is_empty() {
            return None;
        }
        Some(Self {
            license: Ok(license),
            canonical,
            signatures,
        })
    }
}

/// The rest of a license file, read token by token.
struct Tokens<'a>(&'a [u8]);

impl<'a> Tokens<'a> {
    /// Takes the JSON whitespace.
    fn skip_whitespace(&mut self) {
        let ws = self
            .0
            .iter()
            .take_while(|&&b| json::is_whitespace(b))
            .count();
        self.0 = self.0.get(ws..).unwrap_or_default();
    }

    /// Takes the JSON whitespace, then `token`.
    fn take<const N: usize>(&mut self, token: &[u8; N]) -> Option<()> {
        self.skip_whitespace();
        // A fixed-size compare, where a slice compare would call `memcmp`.
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        if head != token {
            return None;
        }
        self.0 = rest;
        Some(())
    }

    /// Takes the JSON whitespace, then a string, and returns its content. Only for a
    /// base64url value: the content is taken to the next `"`, without looking for
    /// escapes or control characters, because the strict base64url decoder that reads
    /// it next refuses both (a `\` and every byte below 0x20 are outside its alphabet).
    fn base64(&mut self) -> Option<&'a [u8]> {
        self.take(b"\"")?;
        let end = memchr::memchr(b'"', self.0)?;
        let (content, rest) = self.0.split_at_checked(end)?;
        self.0 = rest.get(1..)?;
        Some(content)
    }
}

fn file_signature(entry: Value<'_>, i: usize, limits: &Limits) -> Result<FileSignature, Error> {
    let at = |what: String| Error::malformed(format!("\"signatures\"[{i}]: {what}"));
    let obj = entry
        .as_object()
        .ok_or_else(|| at(format!("must be an object, not a JSON {}", entry.kind())))?;
    for (name, _) in obj.iter() {
        if name != "protected" && name != "signature" {
            return Err(at(format!(
                "has \"{}\"; only \"protected\" and \"signature\" are allowed (an \
                 unprotected header is not)",
                name.escape_debug()
            )));
        }
    }
    let text = |name: &str| -> Result<&str, Error> {
        let v = obj
            .get(name)
            .ok_or_else(|| at(format!("has no \"{name}\"")))?;
        v.as_str().ok_or_else(|| {
            at(format!(
                "\"{name}\" must be a string, not a JSON {}",
                v.kind()
            ))
        })
    };
    let protected = text("protected")?;
    let header = FileSignature::header(i, protected, limits)?;
    let signature = FileSignature::signature(i, text("signature")?.as_bytes())?;
    Ok(FileSignature {
        protected: protected.to_owned(),
        header,
        signature,
    })
}

impl FileSignature {
    /// Entry `i`'s header, from the text of its `protected`.
    fn header(i: usize, protected: &str, limits: &Limits) -> Result<Header, Error> {
        let header = Header::from_b64(protected.as_bytes(), limits)
            .map_err(|e| Error::new(e.kind(), format!("\"signatures\"[{i}]: {e}")))?;
        if header.kid().is_none() {
            return Err(Error::malformed(format!(
                "\"signatures\"[{i}]: the protected header has no \"kid\", which a license \
                 file requires"
            )));
        }
        Ok(header)
    }

    /// Entry `i`'s signature, from the text of its `signature`.
    fn signature(i: usize, signature: &[u8]) -> Result<Vec<u8>, Error> {
        b64url_decode(signature, "the signature")
            .map_err(|e| Error::malformed(format!("\"signatures\"[{i}]: {}", e.message())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn header(json: &str) -> Result<Header, Error> {
        Header::from_b64(
            b64url_encode(json.as_bytes()).as_bytes(),
            &Limits::default(),
        )
    }

    /// The general path alone, for comparison with the plain-header fast path.
    fn parsed(json: &[u8], limits: &Limits) -> Result<Header, Error> {
        let doc = Document::parse_with(json, limits)?;
        Header::from_json(doc.root())
    }

    #[test]
    fn plain_headers_take_the_fast_path() {
        let limits = Limits::default();
        for json in [
            r#"{"alg":"PS384"}"#,
            r#"{"alg":"PS384","kid":"k-1"}"#,
            r#"{"alg":"PS384","typ":"JWT"}"#,
            r#"{"alg":"PS384","kid":"","typ":"JWT"}"#,
            r#"{"alg":"ES256","kid":"é€😀","typ":"JWT"}"#,
        ] {
            let fast = Header::from_plain_json(json.as_bytes(), &limits);
            assert_eq!(
                fast.as_ref(),
                Some(&parsed(json.as_bytes(), &limits).unwrap()),
                "{json}"
            );
        }
        // Left to the general path: every other shape, and the limits.
        for json in [
            r#"{"kid":"k","alg":"PS384"}"#,
            r#"{"alg":"PS384","alg":"PS384"}"#,
            r#"{"alg":"PS384","kid":"a","kid":"b"}"#,
            r#"{"kid":"k"}"#,
            r#"{}"#,
            r#"{ "alg":"PS384"}"#,
            r#"{"alg": "PS384"}"#,
            r#"{"alg":"PS384"} "#,
            r#"{"alg":"PS\u0033"}"#,
            r#"{"alg":"PS384","crit":["b64"]}"#,
            r#"{"alg":"PS384","b64":false}"#,
            r#"{"alg":"PS384","Kid":"k"}"#,
            r#"{"alg":1}"#,
            r#"{"alg":"PS384",}"#,
            r#"{"alg":"PS384""#,
            r#"{"algo":"PS384"}"#,
            "{\"alg\":\"PS\t384\"}",
            "\u{feff}{\"alg\":\"PS384\"}",
        ] {
            assert_eq!(
                Header::from_plain_json(json.as_bytes(), &limits),
                None,
                "{json}"
            );
        }
        assert_eq!(
            Header::from_plain_json(b"{\"alg\":\"\xFF\"}", &limits),
            None
        );
        let shallow = Limits {
            max_depth: 0,
            ..limits
        };
        assert_eq!(
            Header::from_plain_json(br#"{"alg":"PS384"}"#, &shallow),
            None
        );
        let small = Limits {
            max_bytes: 10,
            ..limits
        };
        assert_eq!(Header::from_plain_json(br#"{"alg":"PS384"}"#, &small), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Headers of up to four members from a mix of names and values, sometimes
        /// with one fragment inserted somewhere: whenever the fast path reads one,
        /// the general path reads the same header.
        #[test]
        fn plain_header_agrees_with_the_parser(
            members in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "alg", "kid", "typ", "alg", "kid", "typ", "x5c", "crit", "b64",
                        "ALG", "Kid", "algo", "", "al\\u0067",
                    ]),
                    proptest::sample::select(vec![
                        "\"PS384\"", "\"k\"", "\"\"", "\"\u{e9}\u{1F600}\"", "1", "true",
                        "false", "null", "[\"MIIB\"]", "\"a\\u0041\"", "\"\u{1}\"", "\"JWT\"",
                    ]),
                ),
                0..4,
            ),
            noise in proptest::option::of((
                proptest::prelude::any::<usize>(),
                proptest::sample::select(vec![
                    " ", ",", "}", "{", "\"", ":", "\\", "\u{feff}", "\n", "\u{e9}",
                ]),
            )),
        ) {
            let body: Vec<String> = members
                .iter()
                .map(|(name, value)| format!("\"{name}\":{value}"))
                .collect();
            let mut json = format!("{{{}}}", body.join(","));
            if let Some((at, fragment)) = noise {
                crate::json::insert_noise(&mut json, at, fragment);
            }
            let limits = Limits::default();
            if let Some(fast) = Header::from_plain_json(json.as_bytes(), &limits) {
                proptest::prop_assert_eq!(Some(fast), parsed(json.as_bytes(), &limits).ok(), "{}", json);
            }
        }
    }

    #[test]
    fn find_dot_finds_the_first_dot() {
        // A dot at every offset of the first two words and the tail, with fillers
        // next to '.' (0x2E) and high bytes, and a second dot after it.
        for filler in [b'A', b'-', b'/', b'_', 0x00, 0x2D, 0x2F, 0xAE, 0xFF] {
            for len in [0, 1, 7, 8, 9, 16, 17, 23] {
                let buf = vec![filler; len];
                assert_eq!(find_dot(&buf), None, "{buf:?}");
                for at in 0..len {
                    let mut buf = vec![filler; len];
                    buf[at] = b'.';
                    assert_eq!(find_dot(&buf), Some(at), "{buf:?}");
                    if at + 1 < len {
                        buf[at + 1] = b'.';
                        assert_eq!(find_dot(&buf), Some(at), "{buf:?}");
                    }
                }
            }
        }
        fn naive(t: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
            let parts: Vec<&[u8]> = t.splitn(3, |&b| b == b'.').collect();
            match parts[..] {
                [h, p, s] => Some((h, p, s)),
                _ => None,
            }
        }
        for t in [
            &b""[..],
            b".",
            b"..",
            b"...",
            b"a.b.c",
            b"a.b.c.",
            b"abcdefghij.klmnopqrstuvw.xyz0123456789",
            b"abcdefghij.klmnopqrstuvw.xyz01234.56789",
            b"abcdefghijklmnopqrstuvw..",
            b"..abcdefghijklmnopqrstuvw",
        ] {
            assert_eq!(split3(t), naive(t), "{t:?}");
        }
    }

    #[test]
    fn a_fourth_segment_is_named_as_such() {
        let h = b64url_encode(br#"{"alg":"PS384"}"#);
        let limits = Limits::default();
        for (token, n) in [
            (format!("{h}.e30.AAEC.AAEC"), 4),
            (format!("{h}.e30.AAEC."), 4),
            (format!("{h}.e30.."), 4),
            (format!("{h}.e30.AA.EC.AA"), 5),
            (format!("{h}.e30"), 2),
        ] {
            let err = Compact::parse(token.as_bytes(), &limits).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{token}");
            assert_eq!(
                err.message(),
                format!("a compact JWS has exactly three segments separated by '.', this has {n}"),
                "{token}"
            );
        }
        let err = Compact::parse(format!("{h}.e30.AA!C").as_bytes(), &limits).unwrap_err();
        assert!(err.message().starts_with("the signature segment"), "{err}");
    }

    #[test]
    fn base64url_is_strict() {
        assert_eq!(b64url_decode(b"AQAB", "x").unwrap(), [1, 0, 1]);
        assert_eq!(b64url_decode(b"_-8", "x").unwrap(), [0xff, 0xef]);
        for bad in [
            &b"AQAB="[..],
            b"AQ==",
            b"AQ",
            b"+/8",
            b"AQ B",
            b"AQAB\n",
            b"A",
            b"AR",
        ] {
            // "AQ" decodes to one byte with clean bits; "AR" has a stray bit.
            if bad == b"AQ" {
                assert_eq!(b64url_decode(bad, "x").unwrap(), [1]);
                continue;
            }
            assert_eq!(
                b64url_decode(bad, "x").unwrap_err().kind(),
                ErrorKind::Malformed,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn header_rules() {
        let h = header(r#"{"alg":"PS384","kid":"k1","typ":"JWT"}"#).unwrap();
        assert_eq!(
            (h.alg(), h.kid(), h.typ()),
            ("PS384", Some("k1"), Some("JWT"))
        );
        assert!(header(r#"{"alg":"RS256","b64":true}"#).is_ok());
        // jwk / jku / x5u are accepted as shape and never read.
        assert!(
            header(r#"{"alg":"RS256","jku":"https://evil","jwk":{"kty":"RSA"},"x5u":"x"}"#).is_ok()
        );
        for (json, kind) in [
            (r#"{"kid":"k"}"#, ErrorKind::Malformed),
            (r#"{"alg":5}"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","kid":1}"#, ErrorKind::Malformed),
            (
                r#"{"alg":"RS256","crit":["exp"],"exp":1}"#,
                ErrorKind::Malformed,
            ),
            (
                r#"{"alg":"RS256","crit":["b64"],"b64":false}"#,
                ErrorKind::Malformed,
            ),
            (r#"{"alg":"RS256","b64":false}"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","b64":"false"}"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","alg":"none"}"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","\u0061lg":"none"}"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","ALG":"none"}"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","Kid":"other"}"#, ErrorKind::Malformed),
            (r#"["alg","RS256"]"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","x5c":[]}"#, ErrorKind::Malformed),
            (r#"{"alg":"RS256","x5c":["AQAB="]}"#, ErrorKind::Malformed),
            (
                r#"{"alg":"RS256","x5c":["A","B","C","D","E","F","G","H","I"]}"#,
                ErrorKind::LimitExceeded,
            ),
        ] {
            assert_eq!(header(json).unwrap_err().kind(), kind, "{json}");
        }
        let h = header(r#"{"alg":"RS256","x5c":["AQAB","AQID"]}"#).unwrap();
        assert_eq!(h.x5c(), [vec![1, 0, 1], vec![1, 2, 3]]);
        let big = format!(
            r#"{{"alg":"RS256","pad":"{}"}}"#,
            "x".repeat(MAX_HEADER_BYTES)
        );
        assert_eq!(header(&big).unwrap_err().kind(), ErrorKind::LimitExceeded);
    }

    #[test]
    fn compact_has_exactly_three_segments() {
        let h = b64url_encode(br#"{"alg":"ES256"}"#);
        let good = format!("{h}.eyJhIjoxfQ.AAEC");
        let c = Compact::parse(good.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(c.signing_input, format!("{h}.eyJhIjoxfQ").as_bytes());
        assert_eq!(c.payload, br#"{"a":1}"#);
        assert_eq!(c.signature, [0, 1, 2]);
        let empty = format!("{h}..AAEC");
        let c = Compact::parse(empty.as_bytes(), &Limits::default()).unwrap();
        assert!(c.payload.is_empty(), "an empty payload is a valid JWS");
        for bad in [
            format!("{h}.eyJhIjoxfQ"),
            format!("{h}.eyJhIjoxfQ.AAEC."),
            format!("{h}.eyJhIjoxfQ.AAEC.AAEC"),
            format!("{h}.eyJhIjoxfQ."),
            ".eyJhIjoxfQ.AAEC".to_owned(),
            format!(" {h}.eyJhIjoxfQ.AAEC"),
            format!("{h}.eyJhIjoxfQ.AAEC\n"),
            format!("{h}.eyJhIjoxfQ=.AAEC"),
            format!("{h}.eyJhIjoxfQ.AAE="),
            format!("{h}.eyJhIjoxfR.AAEC"),
        ] {
            let err = Compact::parse(bad.as_bytes(), &Limits::default()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{bad:?}");
        }
    }

    fn file(json: &str) -> Result<LicenseFile, Error> {
        let doc = Document::parse(json.as_bytes())?;
        LicenseFile::from_json(doc.root(), &Limits::default(), 4)
    }

    #[test]
    fn license_file_shape() {
        let lic = r#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#;
        let prot = b64url_encode(br#"{"alg":"PS256","kid":"k1"}"#);
        let ok = format!(
            r#"{{"license":{lic},"signatures":[{{"protected":"{prot}","signature":"AAEC"}}]}}"#
        );
        let f = file(&ok).unwrap();
        assert_eq!(f.signatures.len(), 1);
        assert_eq!(f.signatures[0].protected, prot);
        assert_eq!(f.signatures[0].header.kid(), Some("k1"));
        assert_eq!(
            b64url_encode(&f.canonical),
            b64url_encode(
                br#"{"entitlementsAllowed":[],"issuedAt":"2026-11-01T00:00:00","licenseArn":"a"}"#
            )
        );
        let no_kid = b64url_encode(br#"{"alg":"PS256"}"#);
        let sig = |p: &str| format!(r#"{{"protected":"{p}","signature":"AAEC"}}"#);
        for (bad, kind) in [
            (format!(r#"{{"license":{lic}}}"#), ErrorKind::Malformed),
            (
                format!(r#"{{"license":{lic},"signatures":[]}}"#),
                ErrorKind::Malformed,
            ),
            (
                format!(r#"{{"license":{lic},"signatures":{{}}}}"#),
                ErrorKind::Malformed,
            ),
            (
                format!(r#"{{"license":[],"signatures":[{}]}}"#, sig(&prot)),
                ErrorKind::Malformed,
            ),
            (
                format!(
                    r#"{{"license":{lic},"signatures":[{}],"extra":1}}"#,
                    sig(&prot)
                ),
                ErrorKind::Malformed,
            ),
            (
                format!(r#"{{"license":{lic},"signatures":[{}]}}"#, sig(&no_kid)),
                ErrorKind::Malformed,
            ),
            (
                format!(
                    r#"{{"license":{lic},"signatures":[{{"protected":"{prot}","signature":"AAEC","header":{{"kid":"x"}}}}]}}"#
                ),
                ErrorKind::Malformed,
            ),
            (
                format!(r#"{{"license":{lic},"signatures":[{{"protected":"{prot}"}}]}}"#),
                ErrorKind::Malformed,
            ),
            (
                format!(
                    r#"{{"license":{lic},"signatures":[{{"protected":"{prot}","signature":"AAE="}}]}}"#
                ),
                ErrorKind::Malformed,
            ),
            (
                format!(
                    r#"{{"license":{lic},"signatures":[{0},{0},{0},{0},{0}]}}"#,
                    sig(&prot)
                ),
                ErrorKind::LimitExceeded,
            ),
        ] {
            assert_eq!(file(&bad).unwrap_err().kind(), kind, "{bad}");
        }
    }

    /// The license of the file tests, in RFC 8785 order.
    const LICENSE: &str = concat!(
        r#"{"checkoutMetadata":{"Tier":"Gold"},"entitlementsAllowed":[{"name":"Seats","#,
        r#""unit":"Count","value":"25"}],"issuedAt":"2026-11-01T00:00:00","licenseArn":"a"}"#,
    );

    /// A compact license file of [`LICENSE`] with an entry for each
    /// `(protected, signature)`.
    fn compact_file(entries: &[(&str, &str)]) -> String {
        let entries: Vec<String> = entries
            .iter()
            .map(|(p, s)| format!(r#"{{"protected":"{p}","signature":"{s}"}}"#))
            .collect();
        format!(
            r#"{{"license":{LICENSE},"signatures":[{}]}}"#,
            entries.join(",")
        )
    }

    fn general_file(text: &str, limits: &Limits, max: usize) -> Result<LicenseFile, Error> {
        let doc = Document::parse_with(text.as_bytes(), limits)?;
        LicenseFile::from_json(doc.root(), limits, max)
    }

    #[test]
    fn reads_a_plain_license_file_in_any_layout() {
        let limits = Limits::default();
        let k1 = b64url_encode(br#"{"alg":"PS256","kid":"k1"}"#);
        let k2 = b64url_encode(br#"{"kid":"k2","alg":"ES256"}"#);
        let compact = compact_file(&[(&k1, "AAEC"), (&k2, "_-8")]);
        for gaps in [
            &[][..],
            &["\n  "],
            &[" ", "", "\t", "\r\n", "    \n"],
            &["", "", "", " \n \t \r "],
        ] {
            let text = format!(" \n{}\n\n", json::spaced(&compact, gaps));
            let fast = LicenseFile::from_plain_json(text.as_bytes(), &limits, 2)
                .unwrap_or_else(|| panic!("not read: {text:?}"));
            assert_eq!(fast.canonical, LICENSE.as_bytes());
            assert_eq!(fast.license.as_ref().unwrap().license_arn(), "a");
            assert_eq!(fast.signatures.len(), 2);
            assert_eq!(fast.signatures[1].protected, k2);
            assert_eq!(fast.signatures[1].header.kid(), Some("k2"));
            assert_eq!(fast.signatures[0].signature, [0, 1, 2]);
            assert_eq!(fast.signatures[1].signature, [0xff, 0xef]);
            assert_eq!(Ok(fast), general_file(&text, &limits, 2), "{text:?}");
        }
    }

    #[test]
    fn leaves_other_license_files_to_the_general_path() {
        let limits = Limits::default();
        let k1 = b64url_encode(br#"{"alg":"PS256","kid":"k1"}"#);
        let good = compact_file(&[(&k1, "AAEC")]);
        let entry = format!(r#"{{"protected":"{k1}","signature":"AAEC"}}"#);
        let unordered = LICENSE.replace(
            r#""issuedAt":"2026-11-01T00:00:00","licenseArn":"a""#,
            r#""licenseArn":"a","issuedAt":"2026-11-01T00:00:00""#,
        );
        let other_shapes = [
            format!(r#"{{"signatures":[{entry}],"license":{LICENSE}}}"#),
            good.replace(LICENSE, &unordered),
            good.replace(r#""license""#, r#""licens\u0065""#),
            good.replace(r#""signatures""#, r#""signature\u0073""#),
            format!(
                r#"{{"license":{LICENSE},"signatures":[{{"signature":"AAEC","protected":"{k1}"}}]}}"#
            ),
            good.replace(r#""protected""#, r#""protecte\u0064""#),
            good.replace("AAEC", r#"AA\u0045C"#),
            good.replace(
                &k1,
                &format!(
                    "{}\\u{:04x}",
                    &k1[..k1.len() - 1],
                    k1.as_bytes()[k1.len() - 1]
                ),
            ),
        ];
        let refused = [
            good.replace(r#""signatures":["#, "\"signatures\":[ \u{c}"),
            compact_file(&[]),
            compact_file(&[(&k1, "AAEC"), (&k1, "AAEC"), (&k1, "AAEC")]),
            compact_file(&[(&b64url_encode(br#"{"alg":"PS256"}"#), "AAEC")]),
            compact_file(&[(&k1, "AAE=")]),
            compact_file(&[(&k1, "AA EC")]),
            compact_file(&[(&format!("{k1}="), "AAEC")]),
            compact_file(&[("", "AAEC")]),
            good.replace(
                &entry,
                &format!(r#"{},"header":{{"kid":"x"}}}}"#, &entry[..entry.len() - 1]),
            ),
            good.replace(&entry, &format!("{entry},")),
            good.replace(&format!("[{entry}]"), &entry),
            format!(r#"{{"license":{LICENSE},"signatures":[{entry}],"extra":1}}"#),
            format!(r#"{{"license":{LICENSE},"license":{LICENSE},"signatures":[{entry}]}}"#),
            format!(r#"{{"license":{LICENSE}}}"#),
            format!("{good}x"),
            format!("{good}}}"),
            format!("\u{feff}{good}"),
            format!("{good}\u{c}"),
            good[..good.len() - 1].to_owned(),
        ];
        for (texts, readable) in [(&other_shapes[..], true), (&refused[..], false)] {
            for text in texts {
                assert_eq!(
                    LicenseFile::from_plain_json(text.as_bytes(), &limits, 2),
                    None,
                    "{text}"
                );
                assert_eq!(general_file(text, &limits, 2).is_ok(), readable, "{text}");
            }
        }
        // The limits: the general path reports them.
        assert!(LicenseFile::from_plain_json(good.as_bytes(), &limits, 1).is_some());
        assert_eq!(
            LicenseFile::from_plain_json(good.as_bytes(), &limits, 0),
            None
        );
        for limits in [
            Limits {
                max_depth: 3,
                ..limits
            },
            Limits {
                max_bytes: good.len() - 1,
                ..limits
            },
        ] {
            assert_eq!(
                LicenseFile::from_plain_json(good.as_bytes(), &limits, 2),
                None
            );
            assert!(general_file(&good, &limits, 2).is_err());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// License files laid out with any whitespace, with entries of good and bad
        /// headers and signatures, in a half of the cases changed by one fragment:
        /// whatever the plain path reads, the general path reads the same.
        #[test]
        fn plain_file_agrees_with_the_parser(
            entries in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        r#"{"alg":"PS256","kid":"k1"}"#, r#"{"alg":"PS256","kid":"k1"}"#,
                        r#"{"alg":"PS256","kid":"k1"}"#, r#"{"alg":"PS256","kid":"k1"}"#,
                        r#"{"alg":"PS256","kid":"k1"}"#, r#"{"alg":"ES256","kid":"k\u0032"}"#,
                        r#"{"alg":"PS256"}"#, r#"{"alg":"none","kid":"k"}"#, r#"{"alg":"PS256","kid":"k","kid":"j"}"#,
                        r#"{"alg":"PS256","kid":"k","crit":["exp"]}"#, "[]",
                    ]),
                    proptest::sample::select(vec!["AAEC", "AAEC", "AAEC", "", "AAE=", "A", "_-8"]),
                ),
                0..3,
            ),
            gaps in proptest::collection::vec(
                proptest::sample::select(vec![
                    "", "", " ", "\n  ", "\t", "\r\n", "", " ", "\n  ", "\t", "\r\n", "\u{c}",
                ]),
                0..4,
            ),
            noise in proptest::option::weighted(0.5, (
                proptest::prelude::any::<usize>(),
                proptest::sample::select(vec![
                    " ", "\n", "\t", " ", "\n", "\t", "\u{c}", "\u{0}", ",", ":", "{", "}", "[", "]", "\"", "\\",
                    "\\u0041", "A", "=", "\"a\":\"b\",", ",\"nodeId\":\"n\"", ",\"extra\":1",
                    r#",{"protected":"eyJhbGciOiJQUzI1NiIsImtpZCI6ImsxIn0","signature":"AAEC"}"#,
                ]),
            )),
        ) {
            let protected: Vec<String> = entries.iter().map(|(h, _)| b64url_encode(h.as_bytes())).collect();
            let pairs: Vec<(&str, &str)> = protected
                .iter()
                .zip(&entries)
                .map(|(p, (_, s))| (p.as_str(), *s))
                .collect();
            let mut text = json::spaced(&compact_file(&pairs), &gaps);
            if let Some((at, fragment)) = noise {
                json::insert_noise(&mut text, at, fragment);
            }
            let limits = Limits::default();
            if let Some(fast) = LicenseFile::from_plain_json(text.as_bytes(), &limits, 3) {
                proptest::prop_assert_eq!(Ok(fast), general_file(&text, &limits, 3), "{:?}", text);
            }
        }
    }
}
