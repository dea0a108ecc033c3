//! FIPS 204's message representative μ for pure ML-DSA with an empty context,
//! computed outside the signer: what AWS KMS signs with `MessageType` `EXTERNAL_MU`.
//!
//! SHAKE256 through RustCrypto's `shake`, the crate `ml-dsa` hashes with: neither ring
//! nor aws-lc-rs offers SHAKE.

use shake::{ExtendableOutput as _, Shake256, Update as _};

/// The length of μ and of `tr`, in bytes (FIPS 204 Algorithm 7, lines 6–7).
const MU_LEN: usize = 64;

/// μ = SHAKE256(tr ‖ M′, 64) with tr = SHAKE256(pk, 64) and M′ = 0x00 ‖ 0x00 ‖ M:
/// domain separator 0 (pure, not pre-hashed) and a context of length 0 (FIPS 204
/// Algorithm 2, line 10). `encoded` is the raw public key (`pkEncode`), not its SPKI.
pub(crate) fn ml_dsa_external_mu(encoded: &[u8], message: &[u8]) -> [u8; MU_LEN] {
    let mut tr = [0; MU_LEN];
    Shake256::digest_xof(encoded, &mut tr);
    let mut h = Shake256::default();
    h.update(&tr);
    h.update(&[0, 0]);
    h.update(message);
    let mut mu = [0; MU_LEN];
    h.finalize_xof_into(&mut mu);
    mu
}
