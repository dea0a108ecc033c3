//! Reading license content **without verifying it**.
//!
//! Nothing returned from this module has been checked: anyone can write a file that
//! parses. Use it to show a license to a person (`licsig inspect`), to find which key
//! or algorithm a license names, or to debug — never to decide what a user may do.
//! Trusted content comes only from the verifier, as a `VerifiedLicense`.

use crate::error::Error;
use crate::form::{self, Form, Wire};
use crate::json::Document;
use crate::jws::Header;
use crate::license::License;
use crate::limits::Limits;

/// Most signatures [`inspect`] reads from a license file.
const INSPECT_MAX_SIGNATURES: usize = 64;

/// A value read without verification. Its accessors say so in their names.
#[derive(Clone, Debug, PartialEq)]
pub struct Unverified<T>(T);

impl<T> Unverified<T> {
    /// The content, which nobody has vouched for.
    pub fn get_unverified(&self) -> &T {
        &self.0
    }

    /// The content, which nobody has vouched for.
    pub fn into_unverified(self) -> T {
        self.0
    }
}

/// Parses a bare license document (DESIGN.md §3) with the default JSON limits,
/// without any signature check.
pub fn license_document(bytes: &[u8]) -> Result<Unverified<License>, Error> {
    license_document_with(bytes, &Limits::default())
}

/// Parses a bare license document without any signature check.
pub fn license_document_with(bytes: &[u8], limits: &Limits) -> Result<Unverified<License>, Error> {
    let doc = Document::parse_with(bytes, limits)?;
    License::from_json(doc.root()).map(Unverified)
}

/// What [`inspect`] found: the form, the protected headers (none for a bare
/// document) and the license document.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    form: Form,
    headers: Vec<Header>,
    license: License,
    document: Vec<u8>,
}

impl Inspection {
    /// The wire form the input was read as. A bare license document reads as
    /// [`Form::Detached`]: it has no signature of its own.
    pub fn form(&self) -> Form {
        self.form
    }

    /// The protected headers, one per signature.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The license document.
    pub fn license(&self) -> &License {
        &self.license
    }

    /// The license document's bytes: a token's payload as written, the RFC 8785 form
    /// of a license file's or bare document.
    pub fn document(&self) -> &[u8] {
        &self.document
    }
}

/// Reads input in any wire form, strictly, **without checking any signature**: for
/// showing a license to a person (`licsig inspect`) and finding which key it names.
pub fn inspect(bytes: &[u8], limits: &Limits) -> Result<Unverified<Inspection>, Error> {
    let limits = &Limits {
        max_signatures: INSPECT_MAX_SIGNATURES,
        ..*limits
    };
    let wire = form::read(bytes, limits)?;
    let form = wire.form();
    let (headers, license, document) = match wire {
        Wire::Token(jws) | Wire::Checkout { jws, .. } => {
            let license = License::from_json(form::payload(&jws, limits)?.root())?;
            (vec![jws.header], license, jws.payload)
        }
        Wire::File(file) => {
            let license = License::from_json(file.license())?;
            let headers = file.signatures.into_iter().map(|s| s.header).collect();
            (headers, license, file.canonical)
        }
        Wire::Document(doc) => (
            Vec::new(),
            License::from_json(doc.document())?,
            doc.canonical,
        ),
    };
    Ok(Unverified(Inspection {
        form,
        headers,
        license,
        document,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sample_document() {
        let bytes = include_bytes!("../test-vectors/sample/license.json");
        let license = license_document(bytes).unwrap().into_unverified();
        assert_eq!(
            license.license_arn(),
            "arn:aws:license-manager::294406891311:license:l-0bef9c1e5fb74e0eb5b5ff3c69c8a7c1"
        );
        assert_eq!(license.entitlement("Seats").unwrap().count().unwrap(), 25);
        assert_eq!(
            license.entitlement("Région").unwrap().text().unwrap(),
            "eu-west-3"
        );
    }

    #[test]
    fn inspects_a_token_without_verifying() {
        let doc =
            br#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#;
        let token = format!(
            "{}.{}.AAEC",
            crate::b64::encode_url(br#"{"alg":"PS384","kid":"k9"}"#),
            crate::b64::encode_url(doc)
        );
        let seen = inspect(token.as_bytes(), &Limits::default()).unwrap();
        let seen = seen.get_unverified();
        assert_eq!(seen.form(), Form::Token);
        assert_eq!(seen.headers()[0].kid(), Some("k9"));
        assert_eq!(seen.license().license_arn(), "a");
    }
}
