//! SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) and PKCS#1 `RSAPublicKey` (RFC 8017
//! §A.1.1): reading, and writing the canonical SPKI a key id is computed from.

use super::{invalid, PublicKey};
use crate::alg::{Curve, MlDsaParameterSet};
use crate::der::{self, Reader};
use crate::error::{Error, ErrorKind};

// DER contents of the object identifiers (without tag and length).
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const RSASSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
const DSA: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01];
const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
const SECP256K1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x0a];
const X25519: &[u8] = &[0x2b, 0x65, 0x6e];
const X448: &[u8] = &[0x2b, 0x65, 0x6f];
const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
const ED448: &[u8] = &[0x2b, 0x65, 0x71];
const ML_DSA_44: &[u8] = MlDsaParameterSet::MlDsa44.oid();
const ML_DSA_65: &[u8] = MlDsaParameterSet::MlDsa65.oid();
const ML_DSA_87: &[u8] = MlDsaParameterSet::MlDsa87.oid();

const WHAT: &str = "SubjectPublicKeyInfo";

fn unsupported(message: &'static str) -> Error {
    Error::new(ErrorKind::UnsupportedAlgorithm, message)
}

/// Reads a DER SubjectPublicKeyInfo and validates the key. The input must be the
/// canonical encoding licsig would write for the same key.
pub(crate) fn parse_spki(input: &[u8]) -> Result<PublicKey, Error> {
    let outer = der::read_whole(input, der::SEQUENCE, WHAT)?;
    let mut r = Reader::new(outer, WHAT);
    let alg_id = r.read(der::SEQUENCE)?;
    let bits = r.read(der::BIT_STRING)?;
    r.finish()?;
    let key_bytes = match bits.split_first() {
        Some((0, rest)) => rest,
        _ => {
            return Err(invalid(
                "SubjectPublicKeyInfo: the key BIT STRING has unused bits",
            ))
        }
    };

    let mut a = Reader::new(alg_id, WHAT);
    let oid = a.read(der::OID)?;
    let key = match oid {
        RSA_ENCRYPTION => {
            let null = a.read(der::NULL).map_err(|_| {
                invalid("SubjectPublicKeyInfo: rsaEncryption parameters must be NULL")
            })?;
            if !null.is_empty() {
                return Err(invalid("SubjectPublicKeyInfo: NULL with contents"));
            }
            a.finish()?;
            parse_pkcs1(key_bytes)?
        }
        EC_PUBLIC_KEY => {
            let curve = match a.peek_tag() {
                Some(der::OID) => match a.read(der::OID)? {
                    P256 => Curve::P256,
                    P384 => Curve::P384,
                    P521 => {
                        return Err(unsupported(
                            "P-521 keys are not supported (ES512): licsig verifies ECDSA on P-256 and P-384 only",
                        ))
                    }
                    SECP256K1 => {
                        return Err(unsupported(
                            "secp256k1 keys are not supported (ES256K): licsig verifies ECDSA on P-256 and P-384 only",
                        ))
                    }
                    _ => return Err(unsupported("EC key on a curve licsig does not support")),
                },
                Some(der::SEQUENCE) => {
                    return Err(invalid(
                        "EC key with explicit curve parameters: only named curves (P-256, P-384) are accepted",
                    ))
                }
                _ => {
                    return Err(invalid(
                        "EC key without a named curve: only named curves (P-256, P-384) are accepted",
                    ))
                }
            };
            a.finish()?;
            PublicKey::from_ec_point(curve, key_bytes)?
        }
        ED25519 => {
            a.finish()
                .map_err(|_| invalid("SubjectPublicKeyInfo: Ed25519 parameters must be absent"))?;
            PublicKey::from_ed25519(key_bytes)?
        }
        ML_DSA_44 | ML_DSA_65 | ML_DSA_87 => {
            let set = match oid {
                ML_DSA_44 => MlDsaParameterSet::MlDsa44,
                ML_DSA_65 => MlDsaParameterSet::MlDsa65,
                _ => MlDsaParameterSet::MlDsa87,
            };
            a.finish().map_err(|_| {
                invalid("SubjectPublicKeyInfo: ML-DSA parameters must be absent (RFC 9881)")
            })?;
            PublicKey::from_ml_dsa(set, key_bytes)?
        }
        RSASSA_PSS => {
            return Err(unsupported(
                "RSASSA-PSS-restricted keys (OID 1.2.840.113549.1.1.10) are not supported; \
                 export the key as rsaEncryption, as AWS KMS does",
            ))
        }
        ED448 => {
            return Err(unsupported(
                "Ed448 keys are not supported: licsig verifies Ed25519 only",
            ))
        }
        DSA => return Err(unsupported("DSA keys are not supported")),
        X25519 | X448 => {
            return Err(invalid(
                "X25519/X448 keys are for key agreement, not signatures",
            ))
        }
        _ => {
            return Err(invalid(
                "SubjectPublicKeyInfo names an unknown key algorithm",
            ))
        }
    };
    if key.spki_der() != input {
        return Err(invalid("SubjectPublicKeyInfo is not in canonical DER form"));
    }
    Ok(key)
}

/// Reads a DER PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus, publicExponent }`.
pub(crate) fn parse_pkcs1(input: &[u8]) -> Result<PublicKey, Error> {
    let body = der::read_whole(input, der::SEQUENCE, "RSAPublicKey")?;
    let mut r = Reader::new(body, "RSAPublicKey");
    let n = r.read_unsigned()?;
    let e = r.read_unsigned()?;
    r.finish()?;
    PublicKey::from_rsa_components(n, e)
}

fn spki(alg_id: &[u8], key: &[u8]) -> Vec<u8> {
    let mut bits = Vec::with_capacity(key.len() + 1);
    bits.push(0);
    bits.extend_from_slice(key);
    let mut body = Vec::with_capacity(alg_id.len() + bits.len() + 8);
    der::write(&mut body, der::SEQUENCE, alg_id);
    der::write(&mut body, der::BIT_STRING, &bits);
    let mut out = Vec::with_capacity(body.len() + 4);
    der::write(&mut out, der::SEQUENCE, &body);
    out
}

/// `SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING { RSAPublicKey } }`
pub(crate) fn rsa_spki(pkcs1: &[u8]) -> Vec<u8> {
    let mut alg = Vec::new();
    der::write(&mut alg, der::OID, RSA_ENCRYPTION);
    der::write(&mut alg, der::NULL, &[]);
    spki(&alg, pkcs1)
}

/// `SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve }, BIT STRING { point } }`
pub(crate) fn ec_spki(curve: Curve, point: &[u8]) -> Vec<u8> {
    let mut alg = Vec::new();
    der::write(&mut alg, der::OID, EC_PUBLIC_KEY);
    der::write(
        &mut alg,
        der::OID,
        match curve {
            Curve::P256 => P256,
            Curve::P384 => P384,
        },
    );
    spki(&alg, point)
}

/// `SEQUENCE { SEQUENCE { id-Ed25519 }, BIT STRING { A } }` (RFC 8410)
pub(crate) fn ed25519_spki(a: &[u8; 32]) -> Vec<u8> {
    let mut alg = Vec::new();
    der::write(&mut alg, der::OID, ED25519);
    spki(&alg, a)
}

/// `SEQUENCE { SEQUENCE { id-ml-dsa-NN }, BIT STRING { pk } }` (RFC 9881)
pub(crate) fn ml_dsa_spki(set: MlDsaParameterSet, encoded: &[u8]) -> Vec<u8> {
    let mut alg = Vec::new();
    der::write(&mut alg, der::OID, set.oid());
    spki(&alg, encoded)
}
