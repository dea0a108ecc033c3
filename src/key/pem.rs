//! PEM (RFC 7468): `PUBLIC KEY`, `RSA PUBLIC KEY`, `CERTIFICATE`, one or several.
//!
//! Text outside the blocks is ignored, as RFC 7468 §2 asks (certificate bundles often
//! carry `subject=` lines). Headers inside a block (`Proc-Type`, encrypted PEM) are not
//! base64 and are refused. Private keys of any kind are refused: a private key must
//! never be loaded where public keys are trusted.

use super::{check_size, invalid, spki, x509, PublicKey, MAX_KEYS};
use crate::error::{Error, Limit};

/// The next PEM block of `*rest` as `(label, base64 body)`, moving `*rest` past it;
/// `None` when no `-----BEGIN ` follows. Text between blocks is ignored.
fn next_block<'t>(rest: &mut &'t str) -> Result<Option<(&'t str, &'t str)>, Error> {
    let Some((_, after_begin)) = rest.split_once("-----BEGIN ") else {
        return Ok(None);
    };
    let unterminated = || invalid("PEM: a BEGIN line is not terminated by \"-----\"");
    let (label, after_label) = after_begin.split_once("-----").ok_or_else(unterminated)?;
    if label.contains(['\n', '\r']) {
        return Err(unterminated());
    }
    let end_line = format!("-----END {label}-----");
    let (body, after_end) = after_label
        .split_once(end_line.as_str())
        .ok_or_else(|| invalid(format!("PEM: no \"{end_line}\" line")))?;
    *rest = after_end;
    Ok(Some((label, body)))
}

/// Every key in a PEM text, in order.
pub(crate) fn parse_bundle(text: &str) -> Result<Vec<PublicKey>, Error> {
    check_size(text.len())?;
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some((label, body)) = next_block(&mut rest)? {
        if keys.len() >= MAX_KEYS {
            return Err(Error::limit(
                Limit::Keys,
                MAX_KEYS,
                format!("PEM bundle holds more than {MAX_KEYS} keys"),
            ));
        }
        if label.contains("PRIVATE KEY") {
            return Err(invalid(format!(
                "PEM block \"{label}\" is a private key; load the public key only \
                 (openssl pkey -in KEY -pubout)"
            )));
        }
        let der = decode_base64_body(body)
            .map_err(|_| invalid(format!("PEM block \"{label}\" is not valid base64")))?;
        let key = match label {
            "PUBLIC KEY" => spki::parse_spki(&der)?,
            "RSA PUBLIC KEY" => spki::parse_pkcs1(&der)?,
            "CERTIFICATE" => x509::parse_certificate(&der)?,
            other => {
                return Err(invalid(format!(
                    "PEM block \"{other}\" is not a public key; expected PUBLIC KEY, \
                     RSA PUBLIC KEY or CERTIFICATE"
                )))
            }
        };
        keys.push(key);
    }
    if keys.is_empty() {
        return Err(invalid("no PEM block found"));
    }
    Ok(keys)
}

/// The DER of every `CERTIFICATE` block in a PEM text, in order (trust anchors).
/// Text outside the blocks is ignored; any other block is refused, private keys with
/// the same warning as for keys.
pub(crate) fn certificate_blocks(text: &str, max: usize) -> Result<Vec<Vec<u8>>, Error> {
    check_size(text.len())?;
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((label, body)) = next_block(&mut rest)? {
        if label != "CERTIFICATE" {
            return Err(invalid(format!(
                "PEM block \"{label}\" is not a certificate; a trust anchor is a CERTIFICATE"
            )));
        }
        if out.len() >= max {
            return Err(Error::limit(
                Limit::TrustAnchors,
                max,
                format!("PEM bundle holds more than {max} certificates"),
            ));
        }
        out.push(
            decode_base64_body(body)
                .map_err(|_| invalid("PEM block \"CERTIFICATE\" is not valid base64"))?,
        );
    }
    if out.is_empty() {
        return Err(invalid("no PEM CERTIFICATE block found"));
    }
    Ok(out)
}

/// Standard, padded, canonical base64 with any ASCII whitespace between characters
/// (PEM bodies; the AWS CLI's `PublicKey` output).
pub(crate) fn decode_base64_body(body: &str) -> Result<Vec<u8>, String> {
    let compact: Vec<u8> = body.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    crate::b64::decode_standard(&compact)
}
