//! The wire forms (DESIGN.md §2), and which one some bytes are, decided from the bytes
//! alone.
//!
//! - A JSON object with `SignedToken`: an AWS CheckoutLicense / CheckoutBorrowLicense
//!   response. Only the token is signed; the fields beside it are kept aside to be
//!   compared with the token, never used as content.
//! - A JSON object with `license` or `signatures`: a license file.
//! - Any other JSON object: a bare license document, which needs a detached signature.
//! - Anything else: a compact JWS, which must be the whole input — no surrounding
//!   whitespace.

mod checkout;
mod detached;
mod file;

use core::fmt;

pub(crate) use checkout::CheckoutFields;
pub(crate) use detached::Detached;
pub(crate) use file::{FileSignature, LicenseFile};

use crate::error::{Error, Limit};
use crate::json::Document;
use crate::jws::Compact;
use crate::limits::Limits;

/// The four wire forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Form {
    /// A compact JWS (`header.payload.signature`), such as License Manager's
    /// `SignedToken`.
    Token,
    /// A license file: the document and its JWS signatures in one JSON object.
    LicenseFile,
    /// A license document with a signature kept apart (as AWS KMS `Sign` returns it).
    Detached,
    /// An AWS CheckoutLicense or CheckoutBorrowLicense response.
    AwsCheckout,
}

impl Form {
    /// A stable name: `token`, `license_file`, `detached` or `aws_checkout`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::LicenseFile => "license_file",
            Self::Detached => "detached",
            Self::AwsCheckout => "aws_checkout",
        }
    }
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Input read into one of the forms, every JSON text around the signed content
/// parsed strictly. The signed content is read as a license document only after a
/// signature over it verified (DESIGN.md §4).
pub(crate) enum Wire<'a> {
    Token(Compact<'a>),
    File(LicenseFile<'a>),
    Checkout {
        /// Owned: the token may have been unescaped out of the JSON text.
        jws: Compact<'static>,
        unsigned: CheckoutFields,
    },
    /// A bare document: the signed message is its canonical form.
    Document(Detached<'a>),
}

impl Wire<'_> {
    pub(crate) fn form(&self) -> Form {
        match self {
            Self::Token(_) => Form::Token,
            Self::File(_) => Form::LicenseFile,
            Self::Checkout { .. } => Form::AwsCheckout,
            Self::Document(_) => Form::Detached,
        }
    }
}

/// UTF-8's byte-order mark, which editors on some systems write at the start of a file.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// A compact token is the whole input: whitespace before or after it is refused with
/// a message that names it, rather than as a byte that is not base64url.
fn surrounding_whitespace(bytes: &[u8]) -> Result<(), Error> {
    let (offset, byte, place) = match (bytes.first(), bytes.last()) {
        (Some(&b), _) if b.is_ascii_whitespace() => (0, b, "before"),
        (_, Some(&b)) if b.is_ascii_whitespace() => (bytes.len() - 1, b, "after"),
        _ => return Ok(()),
    };
    let name = crate::b64::whitespace(byte).unwrap_or("whitespace");
    Err(Error::malformed(format!(
        "a compact token is the whole input, with nothing {place} it: remove {name} at \
         offset {offset}"
    )))
}

/// Reads `bytes` into its wire form. `limits` bound the input and every JSON text in
/// it, and `limits.max_signatures` a license file's signatures.
pub(crate) fn read<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Wire<'a>, Error> {
    if bytes.len() > limits.max_bytes {
        return Err(too_long(bytes.len(), limits.max_bytes));
    }
    if bytes.starts_with(BYTE_ORDER_MARK) {
        return Err(Error::malformed(
            "the input starts with a UTF-8 byte-order mark (EF BB BF), which no license form \
             has; save the file as UTF-8 without a byte-order mark",
        ));
    }
    let first = bytes
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    match first {
        None => return Err(Error::malformed("the input is empty")),
        Some(b'{') => {}
        Some(_) => {
            surrounding_whitespace(bytes)?;
            return Ok(Wire::Token(Compact::parse(bytes, limits)?));
        }
    }
    let doc = Document::parse_with(bytes, limits)?;
    let root = doc.root();
    if let Some(token) = root.get("SignedToken") {
        let token = token.as_str().ok_or_else(|| {
            Error::malformed(format!(
                "\"SignedToken\" must be a string, not a JSON {}",
                token.kind()
            ))
        })?;
        let jws = Compact::parse(token.as_bytes(), limits)
            .map_err(|e| e.within("\"SignedToken\""))?
            .into_owned();
        let unsigned = CheckoutFields::from_json(root)?;
        return Ok(Wire::Checkout { jws, unsigned });
    }
    if root.get("license").is_some() || root.get("signatures").is_some() {
        return LicenseFile::from_json(doc, limits).map(Wire::File);
    }
    Ok(Wire::Document(Detached::from_document(doc)))
}

fn too_long(len: usize, max: usize) -> Error {
    Error::limit(
        Limit::InputBytes,
        max,
        format!("the input is {len} bytes, over the limit of {max}"),
    )
}

/// A compact JWS's payload, parsed strictly: the JSON text the signature covers, read
/// as a license document once the signature verified.
pub(crate) fn payload<'p>(jws: &'p Compact<'_>, limits: &Limits) -> Result<Document<'p>, Error> {
    Document::parse_with(&jws.payload, limits).map_err(|e| e.within("the token's payload"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::b64::encode_url as b64url_encode;
    use crate::error::ErrorKind;

    const DOC: &str =
        r#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#;

    fn token() -> String {
        format!(
            "{}.{}.AAEC",
            b64url_encode(br#"{"alg":"PS384"}"#),
            b64url_encode(DOC.as_bytes())
        )
    }

    fn read_default(bytes: &[u8]) -> Result<Wire<'_>, Error> {
        read(bytes, &Limits::default())
    }

    #[test]
    fn detects_each_form() {
        assert_eq!(
            read_default(token().as_bytes()).unwrap().form(),
            Form::Token
        );
        let checkout = format!(
            r#"{{"SignedToken":"{}","LicenseArn":"a","CheckoutType":"PROVISIONAL"}}"#,
            token()
        );
        let wire = read_default(checkout.as_bytes()).unwrap();
        assert_eq!(wire.form(), Form::AwsCheckout);
        let Wire::Checkout { unsigned, .. } = wire else {
            panic!()
        };
        assert_eq!(unsigned.license_arn.as_deref(), Some("a"));
        let prot = b64url_encode(br#"{"alg":"PS256","kid":"k"}"#);
        let file = format!(
            r#" {{"license":{DOC},"signatures":[{{"protected":"{prot}","signature":"AAEC"}}]}}"#
        );
        assert_eq!(
            read_default(file.as_bytes()).unwrap().form(),
            Form::LicenseFile
        );
        assert_eq!(read_default(DOC.as_bytes()).unwrap().form(), Form::Detached);
    }

    #[test]
    fn a_byte_order_mark_or_whitespace_is_named() {
        let message = |bytes: &[u8]| {
            let e = read_default(bytes).err().unwrap();
            assert_eq!(e.kind(), ErrorKind::Malformed);
            e.message().to_owned()
        };
        let bom = "the input starts with a UTF-8 byte-order mark (EF BB BF), which no license \
                   form has; save the file as UTF-8 without a byte-order mark";
        for input in [format!("\u{feff}{DOC}"), format!("\u{feff}{}", token())] {
            assert_eq!(message(input.as_bytes()), bom);
        }
        let token = token();
        assert_eq!(
            message(format!("{token}\r\n").as_bytes()),
            format!(
                "a compact token is the whole input, with nothing after it: remove a line \
                 break at offset {}",
                token.len() + 1
            )
        );
        assert_eq!(
            message(format!(" {token}").as_bytes()),
            "a compact token is the whole input, with nothing before it: remove a space at \
             offset 0"
        );
        // Wrapped: the line break is inside the payload segment.
        let (head, rest) = token.split_at(token.find('.').unwrap() + 5);
        assert_eq!(
            message(format!("{head}\n{rest}").as_bytes()),
            "the payload segment is not unpadded canonical base64url: a line break at offset \
             4 is not base64url"
        );
        assert_eq!(message(b" \n\t"), "the input is empty");
    }

    #[test]
    fn refusals() {
        let over = vec![b' '; 100];
        let small = Limits {
            max_bytes: 99,
            ..Limits::default()
        };
        assert_eq!(
            read(&over, &small).err().map(|e| e.kind()),
            Some(ErrorKind::LimitExceeded)
        );
        for bad in [
            "".to_owned(),
            "   ".to_owned(),
            format!("{}\n", token()),
            r#"{"SignedToken":7}"#.to_owned(),
            format!(r#"{{"SignedToken":"{}","NodeId":1}}"#, token()),
            r#"{"signatures":[]}"#.to_owned(),
            "[1,2]".to_owned(),
        ] {
            assert_eq!(
                read_default(bad.as_bytes()).err().map(|e| e.kind()),
                Some(ErrorKind::Malformed),
                "{bad}"
            );
        }
        // The payload is strict JSON, read apart from the token's syntax.
        let token = format!(
            "{}.{}.AAEC",
            b64url_encode(br#"{"alg":"PS384"}"#),
            b64url_encode(br#"{"a":1,"a":1}"#)
        );
        let Ok(Wire::Token(jws)) = read_default(token.as_bytes()) else {
            panic!()
        };
        assert_eq!(
            payload(&jws, &Limits::default()).err().map(|e| e.kind()),
            Some(ErrorKind::Malformed)
        );
    }
}
