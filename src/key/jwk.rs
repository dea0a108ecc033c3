//! JSON Web Keys and JWK Sets (RFC 7517), public signature keys only.
//!
//! `kty` `RSA` (`n`, `e`), `EC` (`crv` P-256 or P-384, `x`, `y` of exactly the
//! coordinate length), `OKP` (`crv` Ed25519, `x`), `AKP` (`alg` ML-DSA-44, ML-DSA-65
//! or ML-DSA-87, which is required and names the parameter set; `pub`, the raw
//! public key; IETF JOSE ML-DSA draft). Members are base64url without
//! padding and canonical; integers have no leading zero bytes (RFC 7518 §6.3.1.1,
//! refused rather than stripped). A key with any private member is refused, and so is
//! a symmetric (`oct`) key. A declared `alg` must be one licsig verifies and fit the
//! key. `use` and `key_ops` are kept and enforced at verification. Other members
//! (`x5c`, `x5t`, …) are ignored and never used for trust.
//!
//! In a JWK Set every key must load: one bad key refuses the set, so that a mistake
//! in a vendor's key file shows at once rather than as a missing key later. Key ids
//! must be distinct.

use super::{invalid, Curve, PublicKey, MAX_JSON_DEPTH, MAX_KEYS, MAX_KEY_INPUT_BYTES};
use crate::alg::{Algorithm, MlDsaParameterSet};
use crate::error::{Error, ErrorKind, Limit};
use crate::json::{Document, Kind, Value};
use crate::limits::Limits;

/// RFC 7518's private members, and AKP's `priv` (the ML-DSA seed).
const PRIVATE_MEMBERS: [&str; 9] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

fn limits() -> Limits {
    Limits {
        max_bytes: MAX_KEY_INPUT_BYTES,
        max_depth: MAX_JSON_DEPTH,
        ..Limits::default()
    }
}

pub(crate) fn parse_jwk(json: &[u8]) -> Result<PublicKey, Error> {
    let doc = Document::parse_with(json, &limits())?;
    from_value(doc.root())
}

pub(crate) fn parse_jwks(json: &[u8]) -> Result<Vec<PublicKey>, Error> {
    let doc = Document::parse_with(json, &limits())?;
    set_from_value(doc.root())
}

/// A JWK Set if the object has `keys`, else a single JWK.
pub(crate) fn parse_jwk_or_jwks(json: &[u8]) -> Result<Vec<PublicKey>, Error> {
    let doc = Document::parse_with(json, &limits())?;
    let root = doc.root();
    if root.get("keys").is_some() {
        set_from_value(root)
    } else {
        Ok(vec![from_value(root)?])
    }
}

fn set_from_value(root: Value<'_>) -> Result<Vec<PublicKey>, Error> {
    if root.kind() != Kind::Object {
        return Err(invalid("JWK Set is not a JSON object"));
    }
    let keys = root
        .get("keys")
        .ok_or_else(|| invalid("JWK Set has no \"keys\" member"))?
        .as_array()
        .ok_or_else(|| invalid("JWK Set \"keys\" is not an array"))?;
    if keys.len() > MAX_KEYS {
        return Err(Error::limit(
            Limit::Keys,
            MAX_KEYS,
            format!(
                "JWK Set holds {} keys, more than the limit of {MAX_KEYS}",
                keys.len()
            ),
        ));
    }
    let mut out: Vec<PublicKey> = Vec::with_capacity(keys.len());
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    for (i, v) in keys.iter().enumerate() {
        let key = from_value(v).map_err(|e| e.within(&format!("JWK Set key {i}")))?;
        if !seen.insert(key.kid().to_owned()) {
            return Err(invalid(format!(
                "JWK Set key {i}: duplicate kid {:?}",
                key.kid()
            )));
        }
        out.push(key);
    }
    Ok(out)
}

fn str_member<'d>(jwk: Value<'d>, name: &str) -> Result<Option<&'d str>, Error> {
    match jwk.get(name) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .map(Some)
            .ok_or_else(|| invalid(format!("JWK member \"{name}\" is not a string"))),
    }
}

fn required<'d>(jwk: Value<'d>, name: &str) -> Result<&'d str, Error> {
    str_member(jwk, name)?.ok_or_else(|| invalid(format!("JWK has no \"{name}\" member")))
}

fn b64url(jwk: Value<'_>, name: &str) -> Result<Vec<u8>, Error> {
    let text = required(jwk, name)?;
    crate::b64::decode_url(text.as_bytes(), name).map_err(|_| {
        invalid(format!(
            "JWK member \"{name}\" is not unpadded, canonical base64url"
        ))
    })
}

fn unsigned(jwk: Value<'_>, name: &str) -> Result<Vec<u8>, Error> {
    let bytes = b64url(jwk, name)?;
    match bytes.first() {
        None => Err(invalid(format!("JWK member \"{name}\" is empty"))),
        Some(0) => Err(invalid(format!(
            "JWK member \"{name}\" has a leading zero byte (RFC 7518 §6.3.1.1 forbids it)"
        ))),
        Some(_) => Ok(bytes),
    }
}

fn coordinate(jwk: Value<'_>, name: &str, curve: Curve) -> Result<Vec<u8>, Error> {
    let bytes = b64url(jwk, name)?;
    if bytes.len() != curve.coordinate_len() {
        return Err(invalid(format!(
            "JWK member \"{name}\" is {} bytes; a {} coordinate is {}",
            bytes.len(),
            curve.name(),
            curve.coordinate_len()
        )));
    }
    Ok(bytes)
}

pub(crate) fn from_value(jwk: Value<'_>) -> Result<PublicKey, Error> {
    if jwk.kind() != Kind::Object {
        return Err(invalid("JWK is not a JSON object"));
    }
    if str_member(jwk, "kty")? == Some("oct") {
        return Err(invalid(
            "JWK kty \"oct\" is a symmetric secret; licenses are verified with public keys only",
        ));
    }
    if let Some(m) = PRIVATE_MEMBERS.iter().find(|m| jwk.get(m).is_some()) {
        return Err(invalid(format!(
            "JWK holds private key material (\"{m}\"); a private or secret key must never \
             be loaded as a trusted key — publish the public key only"
        )));
    }
    let kty = required(jwk, "kty")?;
    let key = match kty {
        "RSA" => PublicKey::from_rsa_components(&unsigned(jwk, "n")?, &unsigned(jwk, "e")?)?,
        "EC" => {
            let curve = match required(jwk, "crv")? {
                "P-256" => Curve::P256,
                "P-384" => Curve::P384,
                "P-521" => return Err(Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    "P-521 keys are not supported (ES512): licsig verifies ECDSA on P-256 and P-384 only",
                )),
                "secp256k1" => {
                    return Err(Error::new(
                        ErrorKind::UnsupportedAlgorithm,
                        "secp256k1 keys are not supported (ES256K): licsig verifies ECDSA on P-256 and P-384 only",
                    ))
                }
                other => {
                    return Err(invalid(format!(
                        "JWK crv {other:?} is not a curve licsig knows for kty EC"
                    )))
                }
            };
            let mut point = Vec::with_capacity(1 + 2 * curve.coordinate_len());
            point.push(0x04);
            point.extend(coordinate(jwk, "x", curve)?);
            point.extend(coordinate(jwk, "y", curve)?);
            PublicKey::from_ec_point(curve, &point)?
        }
        "OKP" => match required(jwk, "crv")? {
            "Ed25519" => PublicKey::from_ed25519(&b64url(jwk, "x")?)?,
            "Ed448" => {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlgorithm,
                    "Ed448 keys are not supported: licsig verifies Ed25519 only",
                ))
            }
            "X25519" | "X448" => {
                return Err(invalid(
                    "JWK crv X25519/X448 is for key agreement, not signatures",
                ))
            }
            other => {
                return Err(invalid(format!(
                    "JWK crv {other:?} is not a curve licsig knows for kty OKP"
                )))
            }
        },
        "AKP" => {
            let set = match required(jwk, "alg")? {
                "ML-DSA-44" => MlDsaParameterSet::MlDsa44,
                "ML-DSA-65" => MlDsaParameterSet::MlDsa65,
                "ML-DSA-87" => MlDsaParameterSet::MlDsa87,
                other => {
                    let shown: String = other.chars().take(40).collect();
                    return Err(invalid(format!(
                        "JWK kty AKP with alg {shown:?}: licsig knows ML-DSA-44, ML-DSA-65 and ML-DSA-87"
                    )));
                }
            };
            PublicKey::from_ml_dsa(set, &b64url(jwk, "pub")?)?
        }
        "oct" => return Err(invalid(
            "JWK kty \"oct\" is a symmetric secret; licenses are verified with public keys only",
        )),
        other => {
            return Err(invalid(format!(
                "JWK kty {other:?} is not RSA, EC, OKP or AKP"
            )))
        }
    };
    let mut key = key;
    if let Some(alg) = str_member(jwk, "alg")? {
        let alg = Algorithm::from_jose(alg).map_err(|e| {
            invalid(format!(
                "JWK declares alg {alg:?}, which licsig cannot verify with: {e}"
            ))
        })?;
        if !alg.fits(key.key_type()) {
            return Err(invalid(format!(
                "JWK declares alg {alg}, which does not fit its {} key",
                key.key_type()
            )));
        }
        key.alg = Some(alg);
    }
    if let Some(u) = str_member(jwk, "use")? {
        key.key_use = Some(u.to_owned());
    }
    if let Some(ops) = jwk.get("key_ops") {
        let arr = ops
            .as_array()
            .ok_or_else(|| invalid("JWK member \"key_ops\" is not an array"))?;
        let mut list: Vec<String> = Vec::with_capacity(arr.len());
        // A hash set, not a scan of the list per op: a large key file could hold a
        // long key_ops array.
        let mut seen = std::collections::HashSet::with_capacity(arr.len());
        for op in arr.iter() {
            let op = op
                .as_str()
                .ok_or_else(|| invalid("JWK \"key_ops\" holds a value that is not a string"))?;
            if !seen.insert(op) {
                return Err(invalid(format!(
                    "JWK \"key_ops\" lists {op:?} twice (RFC 7517 §4.3)"
                )));
            }
            list.push(op.to_owned());
        }
        key.key_ops = Some(list);
    }
    if let Some(kid) = str_member(jwk, "kid")? {
        key = key.with_kid(kid)?;
    }
    Ok(key)
}
