//! The ML-DSA private keys licsig signs with (feature `sign`), read by licsig's own DER
//! reader for both backends, so that both take the same keys and refuse the others with
//! the same reason.

use crate::alg::MlDsaParameterSet;
use crate::der::{self, Reader};

/// `None` unless `der` is a PKCS#8 `PrivateKeyInfo` for id-ml-dsa-44/65/87; then its
/// parameter set and 32-byte seed, or why it was refused. Only version 0 with the seed
/// (`[0] IMPLICIT OCTET STRING`, RFC 9881) and no attributes is read: the expanded
/// forms would need a check that the expanded key belongs to a seed.
pub(crate) fn read_seed(der: &[u8]) -> Option<Result<(MlDsaParameterSet, &[u8; 32]), String>> {
    let body = der::read_whole(der, der::SEQUENCE, "PKCS#8").ok()?;
    let mut r = Reader::new(body, "PKCS#8");
    let version = r.read(der::INTEGER).ok()?;
    let mut alg = Reader::new(r.read(der::SEQUENCE).ok()?, "PKCS#8");
    let oid = alg.read(der::OID).ok()?;
    let set = [
        MlDsaParameterSet::MlDsa44,
        MlDsaParameterSet::MlDsa65,
        MlDsaParameterSet::MlDsa87,
    ]
    .into_iter()
    .find(|s| s.oid() == oid)?;
    Some(seed(set, version, &alg, &mut r).map(|seed| (set, seed)))
}

fn seed<'a>(
    set: MlDsaParameterSet,
    version: &[u8],
    alg: &Reader<'_>,
    r: &mut Reader<'a>,
) -> Result<&'a [u8; 32], String> {
    let name = set.name();
    alg.finish()
        .map_err(|_| format!("PKCS#8 {name} key: the parameters must be absent"))?;
    if version != [0] {
        return Err(format!("PKCS#8 {name} key: version must be 0"));
    }
    let octets = r
        .read(der::OCTET_STRING)
        .map_err(|e| format!("PKCS#8 {name} key: {e}"))?;
    r.finish()
        .map_err(|_| format!("PKCS#8 {name} key: attributes or trailing bytes"))?;
    let mut inner = Reader::new(octets, "ML-DSA private key");
    if inner.peek_tag() != Some(der::CONTEXT_0_PRIMITIVE) {
        return Err(format!(
            "PKCS#8 {name} key in the expanded or the both form: licsig signs from the \
             seed form (RFC 9881, 32 bytes) only"
        ));
    }
    let seed = inner
        .read(der::CONTEXT_0_PRIMITIVE)
        .map_err(|e| format!("PKCS#8 {name} key: {e}"))?;
    inner
        .finish()
        .map_err(|_| format!("PKCS#8 {name} key: trailing bytes after the seed"))?;
    <&[u8; 32]>::try_from(seed).map_err(|_| format!("PKCS#8 {name} key: the seed is not 32 bytes"))
}
