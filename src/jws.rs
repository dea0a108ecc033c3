//! JWS (RFC 7515): strict base64url, protected headers, the compact serialization and
//! the license file (general JSON serialization with a detached payload).
//!
//! This layer checks shape only: what each part is and that every byte is accounted
//! for. Which algorithm and key are acceptable is the verifier's decision.

use core::fmt;
use std::borrow::Cow;

use crate::error::{Error, Limit};
use crate::json::{self, Document, Value};
use crate::limits::Limits;
use crate::span::Span;

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
    crate::b64::decode_url(text, what).map_err(Error::malformed)
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
            return Err(Error::limit(
                Limit::HeaderBytes,
                MAX_HEADER_BYTES,
                format!("the protected header is over the limit of {MAX_HEADER_BYTES} bytes"),
            ));
        }
        let json = b64url_decode(text, "the protected header")?;
        let limits = Limits {
            max_bytes: limits.max_bytes.min(MAX_HEADER_BYTES),
            ..*limits
        };
        let doc = Document::parse_with(&json, &limits).map_err(|e| e.within("protected header"))?;
        Self::from_json(doc.root())
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
        return Err(Error::limit(
            Limit::X5cCertificates,
            MAX_X5C_CERTIFICATES,
            format!(
                "\"x5c\" has {} certificates, over the limit of {MAX_X5C_CERTIFICATES}",
                arr.len()
            ),
        ));
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
            crate::b64::decode_standard(text.as_bytes())
                .map_err(|e| Error::malformed(format!("\"x5c\"[{i}] is not canonical base64: {e}")))
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
    /// Splits `token` into exactly three base64url segments, the header's non-empty.
    /// Nothing else is allowed: no whitespace, no padding, no fourth segment. An empty
    /// signature (an unsecured JWS) is the verifier's to refuse, after its `alg`.
    pub(crate) fn parse(token: &'a [u8], limits: &Limits) -> Result<Self, Error> {
        let segments = || {
            let n = token.iter().filter(|&&b| b == b'.').count() + 1;
            Error::malformed(format!(
                "a compact JWS has exactly three segments separated by '.', this has {n}"
            ))
        };
        // A further `.` is in `s`, where base64url decoding refuses it; the error then
        // counts the segments.
        let Some((h, p, s)) = split3(token) else {
            return Err(segments());
        };
        // An empty payload is a valid JWS (RFC 7515 §3.1); a license token with one
        // fails later, as a payload that is not JSON.
        if h.is_empty() {
            return Err(Error::malformed(
                "the header segment of the compact JWS is empty",
            ));
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

/// The first `.` in `bytes`: `memchr` looks at 16 or 32 bytes a step, where a byte
/// loop over a token's kilobyte costs about 1.5 % of an RSA-2048 verification
/// (BENCHMARKS.md).
fn find_dot(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'.', bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::b64::encode_url as b64url_encode;
    use crate::error::ErrorKind;

    fn header(json: &str) -> Result<Header, Error> {
        Header::from_b64(
            b64url_encode(json.as_bytes()).as_bytes(),
            &Limits::default(),
        )
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
        // An empty signature parses: the verifier refuses it after the algorithm.
        let unsigned = format!("{h}.eyJhIjoxfQ.");
        let c = Compact::parse(unsigned.as_bytes(), &Limits::default()).unwrap();
        assert!(c.signature.is_empty());
        for bad in [
            format!("{h}.eyJhIjoxfQ"),
            format!("{h}.eyJhIjoxfQ.AAEC."),
            format!("{h}.eyJhIjoxfQ.AAEC.AAEC"),
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
}
