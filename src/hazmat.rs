//! Raw signature checks and ECDSA encoders, for those who know why they need them.
//!
//! Nothing here consults a verifier's policy: no algorithm allow-list, no revocation,
//! no key validity window, no license claims. Verifying a license with
//! [`hazmat::verify`](verify) alone accepts what [`Verifier`](crate::verify::Verifier)
//! refuses. It exists for signed data other than licenses and for conformance tests.

use crate::alg::{Algorithm, Curve, EcdsaEncoding};
use crate::error::{Error, ErrorKind};
use crate::key::PublicKey;

/// Verifies `signature` over `message` with `key` under `alg`.
///
/// In order: the key's type must fit `alg`, and the key's declared JWK `alg`, `use`
/// and `key_ops`, when present, must allow verifying with `alg`
/// ([`ErrorKind::KeyMismatch`], before any cryptography); then the crypto backend verifies
/// ([`ErrorKind::BadSignature`] on any failure). `ecdsa` says how an ECDSA signature
/// is encoded and is ignored for the other algorithms.
///
/// This does no parsing of its own: the key bytes were prepared when the key was
/// loaded. It does not consult a policy's allow-list, revocation or validity windows;
/// the verifier does.
pub fn verify(
    alg: Algorithm,
    key: &PublicKey,
    message: &[u8],
    signature: &[u8],
    ecdsa: EcdsaEncoding,
) -> Result<(), Error> {
    key.verify(alg, message, signature, ecdsa)
}

/// Converts an ECDSA signature from DER (`Ecdsa-Sig-Value`, as AWS KMS and OpenSSL
/// produce it) to the fixed-size `r || s` of JWS (RFC 7518 §3.4) for `curve`.
///
/// Strict: DER only (minimal lengths and integers, no trailing bytes), `r` and `s`
/// positive and no longer than the curve's coordinate size. Anything else is
/// [`ErrorKind::BadSignature`]: it cannot be a signature under a key on `curve`.
///
/// ```
/// use licsig::hazmat::{ecdsa_der_to_fixed, ecdsa_fixed_to_der};
/// use licsig::alg::Curve;
/// let der = [0x30, 0x07, 0x02, 0x01, 0x05, 0x02, 0x02, 0x00, 0x80];
/// let fixed = ecdsa_der_to_fixed(&der, Curve::P256)?;
/// assert_eq!(fixed.len(), 64);
/// assert_eq!((fixed[31], fixed[63]), (0x05, 0x80));
/// assert_eq!(ecdsa_fixed_to_der(&fixed, Curve::P256)?, der);
/// # Ok::<(), licsig::Error>(())
/// ```
pub fn ecdsa_der_to_fixed(der: &[u8], curve: Curve) -> Result<Vec<u8>, Error> {
    use crate::der as d;
    let bad = |why: &str| {
        Error::new(
            ErrorKind::BadSignature,
            format!("not a DER ECDSA signature for {}: {why}", curve.name()),
        )
    };
    let body = d::read_whole(der, d::SEQUENCE, "ECDSA signature").map_err(|e| bad(e.message()))?;
    let mut r = d::Reader::new(body, "ECDSA signature");
    let int_r = r.read_unsigned().map_err(|e| bad(e.message()))?;
    let int_s = r.read_unsigned().map_err(|e| bad(e.message()))?;
    r.finish().map_err(|e| bad(e.message()))?;
    let n = curve.coordinate_len();
    let mut out = vec![0u8; 2 * n];
    for (int, half) in [(int_r, 0), (int_s, n)] {
        if int.iter().all(|&b| b == 0) {
            return Err(bad("r or s is zero"));
        }
        if int.len() > n {
            return Err(bad("r or s is longer than the curve's order"));
        }
        let start = half + n - int.len();
        out.get_mut(start..half + n)
            .ok_or_else(|| bad("length"))?
            .copy_from_slice(int);
    }
    Ok(out)
}

/// Converts a fixed-size `r || s` ECDSA signature (JWS, IEEE P1363) for `curve` to
/// DER (`Ecdsa-Sig-Value`), the encoding of detached signatures, KMS and OpenSSL.
///
/// The input must be exactly twice the coordinate size with `r` and `s` non-zero;
/// anything else is [`ErrorKind::BadSignature`].
pub fn ecdsa_fixed_to_der(fixed: &[u8], curve: Curve) -> Result<Vec<u8>, Error> {
    use crate::der as d;
    let n = curve.coordinate_len();
    if fixed.len() != 2 * n {
        return Err(Error::new(
            ErrorKind::BadSignature,
            format!(
                "a fixed-size ECDSA signature for {} is {} bytes, not {}",
                curve.name(),
                2 * n,
                fixed.len()
            ),
        ));
    }
    let (r, s) = fixed.split_at(n);
    let mut body = Vec::with_capacity(2 * n + 6);
    for int in [r, s] {
        let skip = int.iter().take_while(|&&b| b == 0).count();
        let magnitude = int.get(skip..).unwrap_or_default();
        if magnitude.is_empty() {
            return Err(Error::new(
                ErrorKind::BadSignature,
                "ECDSA signature with r or s zero",
            ));
        }
        d::write_unsigned(&mut body, magnitude);
    }
    let mut out = Vec::with_capacity(body.len() + 3);
    d::write(&mut out, d::SEQUENCE, &body);
    Ok(out)
}
