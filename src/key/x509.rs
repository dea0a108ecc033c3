//! The public key of an X.509 certificate, through `x509-parser`.
//!
//! Only the key is taken. Validity dates, issuer, extensions and chains are not
//! judged here (a verifier with trust anchors does that); trailing bytes after the
//! certificate are refused.

use super::{invalid, spki, PublicKey};
use crate::error::Error;

pub(crate) fn parse_certificate(der: &[u8]) -> Result<PublicKey, Error> {
    let (rest, cert) = x509_parser::parse_x509_certificate(der)
        .map_err(|e| invalid(format!("not a valid X.509 certificate: {e}")))?;
    if !rest.is_empty() {
        return Err(invalid(format!(
            "{} trailing bytes after the X.509 certificate",
            rest.len()
        )));
    }
    spki::parse_spki(cert.public_key().raw)
}
