//! X.509 certificate paths: `x5c` chains (RFC 7515 §4.1.6) validated to the vendor's
//! trust anchors.
//!
//! `x509-parser` parses; licsig decides. A path is the `x5c` array read in order — the
//! leaf (whose key signed the license) first, each next certificate the issuer of the
//! one before — ending at a certificate issued by a [`TrustAnchor`]. There is no path
//! *search*: the order is the signer's, so the work is linear and bounded.
//!
//! # What is checked, for every certificate of the path
//!
//! - DER with nothing after it ([`Reason::TrailingData`]); version 3.
//! - The signature algorithm, parsed strictly from the DER AlgorithmIdentifier:
//!   sha256/384/512WithRSAEncryption (parameters NULL), RSASSA-PSS with SHA-256/384/512,
//!   MGF1 over the same hash and a salt as long as the digest (every parameter explicit,
//!   trailer field absent), ecdsa-with-SHA256/SHA384 (no parameters), Ed25519 (no
//!   parameters). SHA-1, MD5, MD2, SHA-224 and anything else are refused. The
//!   `TBSCertificate`'s inner `signature` AlgorithmIdentifier must be byte-equal to the
//!   outer `signatureAlgorithm`.
//! - The subject key is loaded with the same validation as every licsig key (RSA
//!   2048–8192 bits, named curves, no small-order Ed25519 point…).
//! - No critical extension other than basicConstraints and keyUsage (the two licsig
//!   processes); a duplicated extension is malformed.
//! - Validity (`notBefore ≤ t ≤ notAfter`, inclusive, no leeway) at every time passed to
//!   [`TrustAnchors::verify_chain`]. The verifier passes the license's `issuedAt` and
//!   the verification time: see [`crate::verify::CertificateTime`].
//! - Issuer and subject names chain by exact DER equality of the `Name`.
//! - The signature, by the issuer's key, through the crypto backend.
//!
//! Roles: the leaf must not be a CA (basicConstraints cA) and, when it has keyUsage,
//! must have digitalSignature. Every issuer — intermediates and the anchor — must have
//! basicConstraints with cA true and keyUsage with keyCertSign (RFC 5280 §4.2.1.3 makes
//! keyUsage mandatory in CA certificates), and a pathLenConstraint no smaller than the
//! number of intermediates below it (self-issued intermediates count too: stricter than
//! RFC 5280 §4.2.1.9).
//!
//! # Limits
//!
//! - [`MAX_PATH_LEN`] certificates in a path, counting the anchor (so at most two
//!   intermediates) — [`Reason::PathTooLong`].
//! - [`MAX_SIGNATURE_CHECKS`] certificate signature checks per chain, counted; trying an
//!   anchor whose name matches counts whether or not it verifies —
//!   [`Reason::SignatureBudgetExceeded`].
//! - A certificate repeated in a path (same DER, or same subject and key) is a loop —
//!   [`Reason::Loop`].
//! - `x5c` holds exactly the path, optionally followed by a copy of the anchor's own
//!   certificate; anything after that is [`Reason::UnusedCertificates`].
//!
//! # Trust anchors
//!
//! An anchor is loaded from a certificate and checked once, at load: it must parse
//! under the rules above, be self-issued with a valid self-signature (catches a
//! truncated or wrong file early), be a CA with keyCertSign, and carry no unknown
//! critical extension. During path validation it is, as in webpki, a name and a key —
//! its own dates are **not** checked (the vendor decides when to stop trusting its
//! root, by shipping a new anchor set) — plus its pathLenConstraint, which is honoured.

use core::fmt;

use x509_parser::extensions::ParsedExtension;

use crate::alg::Algorithm;
use crate::crypto;
use crate::der::{self, Reader};
use crate::key::{self, PublicKey};
use crate::time::Time;

pub use crate::error::chain::{ChainError, Position, Reason, MAX_PATH_LEN, MAX_SIGNATURE_CHECKS};
use crate::error::{Error, Limit};

/// Most trust anchors in one [`TrustAnchors`].
pub const MAX_TRUST_ANCHORS: usize = 64;

/// Largest certificate accepted, in bytes.
pub const MAX_CERTIFICATE_BYTES: usize = 16 * 1024;

// DER contents of object identifiers.
const RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
const MGF1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08];
const MD2_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x02];
const MD5_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04];
const SHA1_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05];
const SHA256_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
const SHA384_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c];
const SHA512_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d];
const SHA224_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0e];
const ECDSA_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01];
const ECDSA_SHA224: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01];
const ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const ECDSA_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
const ECDSA_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04];
const DSA_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03];
const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
const SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
const SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
const SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
const EXT_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
const EXT_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];

/// One certificate, parsed and checked on its own (no role, time or issuer yet).
struct Cert<'a> {
    der: &'a [u8],
    tbs: &'a [u8],
    signature_alg: Algorithm,
    signature: &'a [u8],
    subject: &'a [u8],
    issuer: &'a [u8],
    not_before: Time,
    not_after: Time,
    key: PublicKey,
    /// basicConstraints: (cA, pathLenConstraint).
    basic: Option<(bool, Option<u32>)>,
    /// keyUsage: (digitalSignature, keyCertSign).
    key_usage: Option<(bool, bool)>,
}

fn malformed(e: impl fmt::Display) -> Reason {
    Reason::Malformed(e.to_string())
}

impl<'a> Cert<'a> {
    fn parse(der: &'a [u8]) -> Result<Self, Reason> {
        if der.len() > MAX_CERTIFICATE_BYTES {
            return Err(Reason::Malformed(format!(
                "{} bytes, over the limit of {MAX_CERTIFICATE_BYTES}",
                der.len()
            )));
        }
        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
        let mut outer = Reader::new(der, "certificate");
        let whole = outer.read_tlv(der::SEQUENCE).map_err(malformed)?;
        if whole.len() != der.len() {
            return Err(Reason::TrailingData(der.len() - whole.len()));
        }
        let body = der::read_whole(whole, der::SEQUENCE, "certificate").map_err(malformed)?;
        let mut r = Reader::new(body, "certificate");
        let tbs = r.read_tlv(der::SEQUENCE).map_err(malformed)?;
        let outer_alg = r.read_tlv(der::SEQUENCE).map_err(malformed)?;
        let bits = r.read(der::BIT_STRING).map_err(malformed)?;
        r.finish().map_err(malformed)?;
        let signature = match bits.split_first() {
            Some((0, sig)) => sig,
            _ => {
                return Err(Reason::Malformed(
                    "signature BIT STRING has unused bits".into(),
                ))
            }
        };
        // TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature, … }
        let mut t = Reader::new(
            der::read_whole(tbs, der::SEQUENCE, "TBSCertificate").map_err(malformed)?,
            "TBSCertificate",
        );
        if t.peek_tag() == Some(der::CONTEXT_0) {
            t.read(der::CONTEXT_0).map_err(malformed)?;
        }
        t.read(der::INTEGER).map_err(malformed)?;
        let inner_alg = t.read_tlv(der::SEQUENCE).map_err(malformed)?;
        let signature_alg = signature_algorithm(outer_alg)?;
        if inner_alg != outer_alg {
            return Err(Reason::SignatureAlgorithmMismatch);
        }

        let (rest, cert) = x509_parser::parse_x509_certificate(der).map_err(malformed)?;
        if !rest.is_empty() {
            return Err(Reason::TrailingData(rest.len()));
        }
        let version = cert.version().0;
        if version != 2 {
            return Err(Reason::UnsupportedVersion(version));
        }
        let time = |t: &x509_parser::time::ASN1Time| {
            Time::from_unix(t.timestamp())
                .ok_or_else(|| Reason::Malformed("a validity date out of range".into()))
        };
        let not_before = time(&cert.validity().not_before)?;
        let not_after = time(&cert.validity().not_after)?;
        let key = key::parse_spki(cert.public_key().raw)
            .map_err(|e| Reason::KeyRefused(e.message().to_owned()))?;

        let mut basic = None;
        let mut key_usage = None;
        // A hash set: a certificate in a 32 KiB header can hold thousands of
        // extensions, too many to compare pairwise.
        let mut seen: std::collections::HashSet<&[u8]> = std::collections::HashSet::new();
        for ext in cert.extensions() {
            let oid = ext.oid.as_bytes();
            if !seen.insert(oid) {
                return Err(Reason::BadExtension(format!(
                    "{} appears twice",
                    ext.oid.to_id_string()
                )));
            }
            match (oid, ext.parsed_extension()) {
                (EXT_BASIC_CONSTRAINTS, ParsedExtension::BasicConstraints(bc)) => {
                    basic = Some((bc.ca, bc.path_len_constraint));
                }
                (EXT_KEY_USAGE, ParsedExtension::KeyUsage(ku)) => {
                    key_usage = Some((ku.digital_signature(), ku.key_cert_sign()));
                }
                (EXT_BASIC_CONSTRAINTS | EXT_KEY_USAGE, _) => {
                    return Err(Reason::BadExtension(format!(
                        "{} does not parse",
                        ext.oid.to_id_string()
                    )))
                }
                _ if ext.critical => {
                    return Err(Reason::UnknownCriticalExtension(ext.oid.to_id_string()))
                }
                _ => {}
            }
        }
        Ok(Self {
            der,
            tbs,
            signature_alg,
            signature,
            subject: cert.tbs_certificate.subject.as_raw(),
            issuer: cert.tbs_certificate.issuer.as_raw(),
            not_before,
            not_after,
            key,
            basic,
            key_usage,
        })
    }

    fn valid_at(&self, times: &[Time]) -> Result<(), Reason> {
        for &at in times {
            if at < self.not_before {
                return Err(Reason::NotYetValid {
                    not_before: self.not_before,
                    at,
                });
            }
            if at > self.not_after {
                return Err(Reason::Expired {
                    not_after: self.not_after,
                    at,
                });
            }
        }
        Ok(())
    }

    /// May this certificate issue others, with `below` intermediates under it?
    fn may_issue(&self, below: usize) -> Result<(), Reason> {
        let Some((true, path_len)) = self.basic else {
            return Err(Reason::NotCa);
        };
        if !matches!(self.key_usage, Some((_, true))) {
            return Err(Reason::MissingKeyCertSign);
        }
        if let Some(path_len) = path_len {
            if usize::try_from(path_len).is_ok_and(|n| n < below) {
                return Err(Reason::PathLenExceeded { path_len, below });
            }
        }
        Ok(())
    }

    /// May this certificate's key sign licenses?
    fn may_sign(&self) -> Result<(), Reason> {
        if matches!(self.basic, Some((true, _))) {
            return Err(Reason::CaUsedAsLeaf);
        }
        if matches!(self.key_usage, Some((false, _))) {
            return Err(Reason::MissingDigitalSignature);
        }
        Ok(())
    }

    /// Whether `issuer_key` verifies this certificate's signature.
    fn signed_by(&self, issuer_key: &PublicKey) -> bool {
        crypto::verify_certificate(
            self.signature_alg,
            issuer_key.key_type(),
            issuer_key.verifying_key(),
            self.tbs,
            self.signature,
        ) == Some(Ok(()))
    }
}

/// A signature AlgorithmIdentifier (the whole DER TLV), strictly.
fn signature_algorithm(tlv: &[u8]) -> Result<Algorithm, Reason> {
    let unsupported = |name: &str| Err(Reason::UnsupportedSignatureAlgorithm(name.to_owned()));
    let contents = der::read_whole(tlv, der::SEQUENCE, "AlgorithmIdentifier").map_err(malformed)?;
    let mut r = Reader::new(contents, "AlgorithmIdentifier");
    let oid = r.read(der::OID).map_err(malformed)?;
    let bad_params = |name: &str, want: &str| {
        Reason::UnsupportedSignatureAlgorithm(format!("{name} with parameters that are not {want}"))
    };
    let null_params = |r: &mut Reader<'_>, name: &str| -> Result<(), Reason> {
        match r.read(der::NULL) {
            Ok([]) => r.finish().map_err(|_| bad_params(name, "NULL")),
            _ => Err(bad_params(name, "NULL")),
        }
    };
    let no_params = |r: &Reader<'_>, name: &str| r.finish().map_err(|_| bad_params(name, "absent"));
    match oid {
        SHA256_RSA => null_params(&mut r, "sha256WithRSAEncryption").map(|()| Algorithm::Rs256),
        SHA384_RSA => null_params(&mut r, "sha384WithRSAEncryption").map(|()| Algorithm::Rs384),
        SHA512_RSA => null_params(&mut r, "sha512WithRSAEncryption").map(|()| Algorithm::Rs512),
        ECDSA_SHA256 => no_params(&r, "ecdsa-with-SHA256").map(|()| Algorithm::Es256),
        ECDSA_SHA384 => no_params(&r, "ecdsa-with-SHA384").map(|()| Algorithm::Es384),
        ED25519 => no_params(&r, "Ed25519").map(|()| Algorithm::EdDsa),
        RSA_PSS => {
            let params = r
                .read(der::SEQUENCE)
                .map_err(|_| bad_params("RSASSA-PSS", "RSASSA-PSS-params"))?;
            r.finish()
                .map_err(|_| bad_params("RSASSA-PSS", "RSASSA-PSS-params"))?;
            pss_params(params)
        }
        SHA1_RSA => unsupported("sha1WithRSAEncryption (SHA-1)"),
        MD5_RSA => unsupported("md5WithRSAEncryption (MD5)"),
        MD2_RSA => unsupported("md2WithRSAEncryption (MD2)"),
        ECDSA_SHA1 => unsupported("ecdsa-with-SHA1 (SHA-1)"),
        DSA_SHA1 => unsupported("dsa-with-sha1 (DSA, SHA-1)"),
        SHA224_RSA => unsupported("sha224WithRSAEncryption"),
        ECDSA_SHA224 => unsupported("ecdsa-with-SHA224"),
        ECDSA_SHA512 => {
            unsupported("ecdsa-with-SHA512 (ECDSA is verified with SHA-256 or SHA-384 only)")
        }
        other => unsupported(&format!("the unknown algorithm {}", oid_text(other))),
    }
}

/// `RSASSA-PSS-params` (RFC 4055 §3.1): hash, MGF1 over the same hash and salt = digest
/// length, all three explicit (their DEFAULTs are SHA-1), trailer field absent.
fn pss_params(params: &[u8]) -> Result<Algorithm, Reason> {
    let refuse = |why: &str| {
        Err(Reason::UnsupportedSignatureAlgorithm(format!(
            "RSASSA-PSS {why}"
        )))
    };
    let mut r = Reader::new(params, "RSASSA-PSS-params");
    if r.peek_tag() != Some(der::CONTEXT_0) {
        return refuse("with the default hash (SHA-1)");
    }
    let hash = hash_algorithm(r.read(der::CONTEXT_0).map_err(malformed)?)?;
    if r.peek_tag() != Some(der::CONTEXT_1) {
        return refuse("with the default mask generation (MGF1 with SHA-1)");
    }
    let mgf = der::read_whole(
        r.read(der::CONTEXT_1).map_err(malformed)?,
        der::SEQUENCE,
        "MaskGenAlgorithm",
    )
    .map_err(malformed)?;
    let mut m = Reader::new(mgf, "MaskGenAlgorithm");
    if m.read(der::OID).map_err(malformed)? != MGF1 {
        return refuse("with a mask generation function other than MGF1");
    }
    let mgf_hash = hash_algorithm(m.read_tlv(der::SEQUENCE).map_err(malformed)?)?;
    m.finish().map_err(malformed)?;
    if r.peek_tag() != Some(der::CONTEXT_2) {
        return refuse("with the default salt length (20)");
    }
    let mut s = Reader::new(r.read(der::CONTEXT_2).map_err(malformed)?, "saltLength");
    let salt = s.read_unsigned().map_err(malformed)?;
    s.finish().map_err(malformed)?;
    if r.peek_tag().is_some() {
        // trailerField: its only value is the DEFAULT, which DER omits.
        return refuse("with an explicit trailer field (not DER)");
    }
    let salt_len = match salt {
        [n] => usize::from(*n),
        _ => usize::MAX,
    };
    Algorithm::rsa_pss(hash, mgf_hash, salt_len)
        .map_err(|e| Reason::UnsupportedSignatureAlgorithm(e.to_string()))
}

/// A hash AlgorithmIdentifier inside PSS parameters (TLV), as its output length.
/// Parameters absent or NULL (RFC 4055 §2.1 asks to accept both).
fn hash_algorithm(tlv: &[u8]) -> Result<usize, Reason> {
    let contents =
        der::read_whole(tlv, der::SEQUENCE, "hash AlgorithmIdentifier").map_err(malformed)?;
    let mut r = Reader::new(contents, "hash AlgorithmIdentifier");
    let len = match r.read(der::OID).map_err(malformed)? {
        SHA256 => 32,
        SHA384 => 48,
        SHA512 => 64,
        SHA1 => {
            return Err(Reason::UnsupportedSignatureAlgorithm(
                "RSASSA-PSS with SHA-1".into(),
            ))
        }
        other => {
            return Err(Reason::UnsupportedSignatureAlgorithm(format!(
                "RSASSA-PSS with the hash {}",
                oid_text(other)
            )))
        }
    };
    if r.peek_tag() == Some(der::NULL) && !r.read(der::NULL).map_err(malformed)?.is_empty() {
        return Err(Reason::Malformed("NULL with contents".into()));
    }
    r.finish().map_err(malformed)?;
    Ok(len)
}

/// Dotted text of an OID's DER contents, for messages (at most 16 arcs).
fn oid_text(contents: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for &b in contents {
        acc = acc.saturating_mul(128).saturating_add(u64::from(b & 0x7f));
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (acc / 40).min(2);
                arcs.push(first);
                arcs.push(acc - first * 40);
            } else {
                arcs.push(acc);
            }
            acc = 0;
            if arcs.len() >= 16 {
                break;
            }
        }
    }
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// A vendor root: a name and a key (plus the pathLenConstraint it carries), from a
/// certificate checked at load (see the [module docs](self)).
#[derive(Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    der: Box<[u8]>,
    subject: Box<[u8]>,
    key: PublicKey,
    path_len: Option<u32>,
}

impl TrustAnchor {
    /// A trust anchor from a DER certificate, checked: it parses under the path
    /// rules, is self-issued, its self-signature verifies, it is a CA with
    /// keyCertSign and carries no critical extension licsig does not process. Its
    /// dates are not checked, now or later.
    pub fn from_der(der: &[u8]) -> Result<Self, ChainError> {
        Self::load(der, 0)
    }

    fn load(der: &[u8], index: usize) -> Result<Self, ChainError> {
        let at = |reason| ChainError::new(Position::Anchor(index), reason);
        let cert = Cert::parse(der).map_err(at)?;
        cert.may_issue(0).map_err(at)?;
        if cert.subject != cert.issuer || !cert.signed_by(&cert.key) {
            return Err(at(Reason::NotSelfSigned));
        }
        Ok(Self {
            der: der.into(),
            subject: cert.subject.into(),
            path_len: cert.basic.and_then(|(_, p)| p),
            key: cert.key,
        })
    }

    /// The anchor's key.
    pub fn key(&self) -> &PublicKey {
        &self.key
    }

    /// The anchor certificate's DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.der
    }
}

impl fmt::Debug for TrustAnchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrustAnchor")
            .field("kid", &self.key.kid())
            .field("path_len", &self.path_len)
            .finish_non_exhaustive()
    }
}

/// The vendor root certificates a verifier trusts for `x5c` chains; at most
/// [`MAX_TRUST_ANCHORS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustAnchors {
    anchors: Vec<TrustAnchor>,
}

impl TrustAnchors {
    /// No anchor: `x5c` is then ignored.
    pub fn new() -> Self {
        Self::default()
    }

    /// The anchors of a PEM text: one or several `CERTIFICATE` blocks (a bundle).
    /// A refused certificate is [`ErrorKind::CertificateInvalid`](crate::ErrorKind::CertificateInvalid); other PEM blocks,
    /// bad base64 and an empty text are [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey).
    pub fn from_pem(text: &str) -> Result<Self, Error> {
        let mut out = Self::new();
        for der in key::certificate_blocks(text, MAX_TRUST_ANCHORS)? {
            out.add_der(&der)?;
        }
        Ok(out)
    }

    /// The anchor of one DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let mut out = Self::new();
        out.add_der(der)?;
        Ok(out)
    }

    /// PEM (one or several certificates) or DER, detected from the bytes.
    pub fn from_bytes(input: &[u8]) -> Result<Self, Error> {
        key::check_size(input.len())?;
        if input.first() == Some(&der::SEQUENCE) {
            return Self::from_der(input);
        }
        let text = core::str::from_utf8(input)
            .map_err(|_| key::invalid("trust anchor input is neither DER nor PEM"))?;
        Self::from_pem(text)
    }

    /// Adds the anchor of a DER certificate. A certificate already present is
    /// ignored.
    pub fn add_der(&mut self, der: &[u8]) -> Result<(), Error> {
        let anchor = TrustAnchor::load(der, self.anchors.len())?;
        self.add(anchor)
    }

    /// Adds an anchor (a duplicate is ignored).
    pub fn add(&mut self, anchor: TrustAnchor) -> Result<(), Error> {
        if self.anchors.contains(&anchor) {
            return Ok(());
        }
        if self.anchors.len() >= MAX_TRUST_ANCHORS {
            return Err(Error::limit(
                Limit::TrustAnchors,
                MAX_TRUST_ANCHORS,
                format!("at most {MAX_TRUST_ANCHORS} trust anchors"),
            ));
        }
        self.anchors.push(anchor);
        Ok(())
    }

    /// Adds every anchor of `other`, or none: on an error the set is as it was.
    pub fn extend(&mut self, other: Self) -> Result<(), Error> {
        let mut grown = self.clone();
        other.anchors.into_iter().try_for_each(|a| grown.add(a))?;
        *self = grown;
        Ok(())
    }

    /// How many anchors.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The anchors, in the order added.
    pub fn iter(&self) -> core::slice::Iter<'_, TrustAnchor> {
        self.anchors.iter()
    }

    /// Validates `x5c` (DER certificates, leaf first) as a path to one of these
    /// anchors, with every certificate valid at each of `times`. See the
    /// [module docs](self) for every rule. The caller still has to verify the
    /// license's signature with [`VerifiedPath::leaf_key`].
    pub fn verify_chain<C: AsRef<[u8]>>(
        &self,
        x5c: &[C],
        times: &[Time],
    ) -> Result<VerifiedPath, ChainError> {
        let mut budget = Budget(0);
        let mut path: Vec<Cert<'_>> = Vec::with_capacity(MAX_PATH_LEN);
        let first = x5c.first().ok_or_else(|| {
            ChainError::new(Position::Path, Reason::Malformed("x5c is empty".into()))
        })?;
        let at0 = |reason| ChainError::new(Position::X5c(0), reason);
        let leaf = Cert::parse(first.as_ref()).map_err(at0)?;
        leaf.valid_at(times).map_err(at0)?;
        leaf.may_sign().map_err(at0)?;
        path.push(leaf);

        loop {
            let i = path.len() - 1;
            let at = |reason| ChainError::new(Position::X5c(i), reason);
            let Some(current) = path.last() else {
                return Err(ChainError::new(Position::Path, Reason::UnknownIssuer));
            };
            // An anchor with the issuer's name? (Intermediates below it: i.)
            let mut named_by_anchor = false;
            for (a, anchor) in self.anchors.iter().enumerate() {
                if *anchor.subject != *current.issuer {
                    continue;
                }
                named_by_anchor = true;
                budget.spend()?;
                if !current.signed_by(&anchor.key) {
                    continue;
                }
                if let Some(path_len) = anchor.path_len {
                    if usize::try_from(path_len).is_ok_and(|n| n < i) {
                        return Err(ChainError::new(
                            Position::Anchor(a),
                            Reason::PathLenExceeded { path_len, below: i },
                        ));
                    }
                }
                let rest = x5c.get(i + 1..).unwrap_or_default();
                match rest {
                    [] => {}
                    [copy] if copy.as_ref() == &*anchor.der => {}
                    _ => {
                        return Err(ChainError::new(
                            Position::Path,
                            Reason::UnusedCertificates(rest.len()),
                        ))
                    }
                }
                return Ok(VerifiedPath {
                    leaf_key: path
                        .first()
                        .map(|c| c.key.clone())
                        .ok_or_else(|| ChainError::new(Position::Path, Reason::UnknownIssuer))?,
                    key_ids: path
                        .iter()
                        .map(|c| c.key.spki_sha256())
                        .chain([anchor.key.spki_sha256()])
                        .collect(),
                    anchor: a,
                    signature_checks: budget.0,
                });
            }
            // Otherwise the next x5c certificate must be the issuer.
            let Some(next_der) = x5c.get(i + 1) else {
                return Err(at(if named_by_anchor {
                    Reason::BadSignature
                } else {
                    Reason::UnknownIssuer
                }));
            };
            let n = i + 1;
            let at_next = |reason| ChainError::new(Position::X5c(n), reason);
            let next = Cert::parse(next_der.as_ref()).map_err(at_next)?;
            if next.subject != current.issuer {
                return Err(at(if named_by_anchor {
                    Reason::BadSignature
                } else {
                    Reason::UnknownIssuer
                }));
            }
            if path
                .iter()
                .any(|c| c.der == next.der || (c.subject == next.subject && c.key == next.key))
            {
                return Err(at_next(Reason::Loop));
            }
            if n + 2 > MAX_PATH_LEN {
                return Err(ChainError::new(Position::Path, Reason::PathTooLong));
            }
            next.valid_at(times).map_err(at_next)?;
            next.may_issue(i).map_err(at_next)?;
            budget.spend()?;
            if !current.signed_by(&next.key) {
                return Err(at(Reason::BadSignature));
            }
            path.push(next);
        }
    }
}

struct Budget(usize);

impl Budget {
    fn spend(&mut self) -> Result<(), ChainError> {
        if self.0 >= MAX_SIGNATURE_CHECKS {
            return Err(ChainError::new(
                Position::Path,
                Reason::SignatureBudgetExceeded,
            ));
        }
        self.0 += 1;
        Ok(())
    }
}

/// A certificate path that validated to a trust anchor. Only
/// [`TrustAnchors::verify_chain`] constructs one.
#[derive(Clone, Debug)]
pub struct VerifiedPath {
    leaf_key: PublicKey,
    key_ids: Vec<String>,
    anchor: usize,
    signature_checks: usize,
}

impl VerifiedPath {
    /// The leaf's key: the one that must verify the license's signature.
    pub fn leaf_key(&self) -> &PublicKey {
        &self.leaf_key
    }

    /// The SHA-256 of each key on the path, leaf first, anchor last (key ids, for
    /// revocation).
    pub fn key_ids(&self) -> &[String] {
        &self.key_ids
    }

    /// Which anchor (index in load order).
    pub fn anchor(&self) -> usize {
        self.anchor
    }

    /// How many certificates the path has, with the anchor.
    pub fn len(&self) -> usize {
        self.key_ids.len()
    }

    /// Always false: a path holds at least a leaf and an anchor.
    pub fn is_empty(&self) -> bool {
        self.key_ids.is_empty()
    }

    /// Certificate signature checks spent (at most [`MAX_SIGNATURE_CHECKS`]).
    pub fn signature_checks(&self) -> usize {
        self.signature_checks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    const PSS_256: &str = "304106092a864886f70d01010a3034a00f300d06096086480165030402010500\
                           a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";

    #[test]
    fn signature_algorithm_identifiers_are_parsed_strictly() {
        assert_eq!(signature_algorithm(&hex(PSS_256)), Ok(Algorithm::Ps256));
        // Salt 20 instead of 32.
        let salt20 = PSS_256.replace("a203020120", "a203020114");
        assert!(matches!(
            signature_algorithm(&hex(&salt20)),
            Err(Reason::UnsupportedSignatureAlgorithm(_))
        ));
        // MGF1 over SHA-384 with a SHA-256 message hash.
        let mixed = PSS_256.replacen(
            "06092a864886f70d010108300d0609608648016503040201",
            "06092a864886f70d010108300d0609608648016503040202",
            1,
        );
        assert!(matches!(
            signature_algorithm(&hex(&mixed)),
            Err(Reason::UnsupportedSignatureAlgorithm(_))
        ));
        // An explicit trailer field (the DEFAULT; not DER).
        let trailer = PSS_256
            .replacen("3041", "3046", 1)
            .replacen("3034", "3039", 1)
            + "a303020101";
        assert!(matches!(
            signature_algorithm(&hex(&trailer)),
            Err(Reason::UnsupportedSignatureAlgorithm(_))
        ));
        // sha256WithRSAEncryption: NULL required.
        assert_eq!(
            signature_algorithm(&hex("300d06092a864886f70d01010b0500")),
            Ok(Algorithm::Rs256)
        );
        assert!(matches!(
            signature_algorithm(&hex("300b06092a864886f70d01010b")),
            Err(Reason::UnsupportedSignatureAlgorithm(_))
        ));
        // ecdsa-with-SHA256: parameters absent.
        assert_eq!(
            signature_algorithm(&hex("300a06082a8648ce3d040302")),
            Ok(Algorithm::Es256)
        );
        assert!(matches!(
            signature_algorithm(&hex("300c06082a8648ce3d0403020500")),
            Err(Reason::UnsupportedSignatureAlgorithm(_))
        ));
        // SHA-1 and MD5 say so.
        for (der, needle) in [
            ("300d06092a864886f70d0101050500", "SHA-1"),
            ("300d06092a864886f70d0101040500", "MD5"),
        ] {
            match signature_algorithm(&hex(der)) {
                Err(Reason::UnsupportedSignatureAlgorithm(n)) => assert!(n.contains(needle)),
                other => panic!("{der}: {other:?}"),
            }
        }
        assert_eq!(
            oid_text(&hex("2b0601040183b2030101")),
            "1.3.6.1.4.1.55555.1.1"
        );
    }
}
