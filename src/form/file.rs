//! The license file (DESIGN.md §2.2): RFC 7515's general JSON serialization with a
//! detached payload, the RFC 8785 form of its `license` member.

use crate::error::{Error, Limit};
use crate::json::{Document, Kind, Value};
use crate::jws::{b64url_decode, Header};
use crate::limits::Limits;

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
pub(crate) struct LicenseFile<'a> {
    /// The whole file, parsed; its `license` is read as a license document only once
    /// a signature over it verified.
    doc: Document<'a>,
    /// The RFC 8785 bytes of `license`: the detached payload.
    pub(crate) canonical: Vec<u8>,
    pub(crate) signatures: Vec<FileSignature>,
}

impl<'a> LicenseFile<'a> {
    /// Reads a parsed license file. `limits.max_signatures` bounds the work per file.
    pub(crate) fn from_json(doc: Document<'a>, limits: &Limits) -> Result<Self, Error> {
        let root = doc.root();
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
        let max_signatures = limits.max_signatures;
        if list.len() > max_signatures {
            return Err(Error::limit(
                Limit::Signatures,
                max_signatures,
                format!(
                    "the license file has {} signatures, over the limit of {max_signatures}",
                    list.len()
                ),
            ));
        }
        let signatures = list
            .iter()
            .enumerate()
            .map(|(i, entry)| file_signature(entry, i, limits))
            .collect::<Result<Vec<_>, _>>()?;
        let canonical = license_value.to_canonical();
        Ok(Self {
            doc,
            canonical,
            signatures,
        })
    }

    /// The file's `license` member (an object: checked when the file was read).
    pub(crate) fn license(&self) -> Value<'_> {
        self.doc.root().get("license").unwrap_or(self.doc.root())
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
            .map_err(|e| e.within(&format!("\"signatures\"[{i}]")))?;
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
    use crate::b64::encode_url as b64url_encode;
    use crate::error::ErrorKind;

    fn file(json: &str) -> Result<LicenseFile<'_>, Error> {
        let doc = Document::parse(json.as_bytes())?;
        let limits = Limits {
            max_signatures: 4,
            ..Limits::default()
        };
        LicenseFile::from_json(doc, &limits)
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
}
