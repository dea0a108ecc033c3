//! Reading license content **without verifying it**.
//!
//! Nothing returned from this module has been checked: anyone can write a file that
//! parses. Use it to show a license to a person (`licsig inspect`), to find which key
//! or algorithm a license names, or to debug — never to decide what a user may do.
//! Trusted content comes only from the verifier, as a `VerifiedLicense`.

use crate::json::{Document, Limits};
use crate::license::License;
use crate::Error;

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
        assert_eq!(
            license.canonical_json(),
            crate::json::canonicalize(bytes).unwrap()
        );
    }
}
