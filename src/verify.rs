//! The verifier: policy, limits, and the checks of DESIGN.md §4 in order.
//!
//! size limits → form detection → strict parse of every JSON text → header (`alg` on
//! the allow-list; unknown `crit`, `b64: false` refused; `jwk`/`jku`/`x5u` never used)
//! → key selection (with trust anchors and an `x5c` header, the validated chain's leaf
//! key, see [`Verifier::trust_anchors`]; otherwise by `kid`, or without one the trusted
//! keys that fit `alg`, a bounded number) → key type fits `alg` → signature (ring) →
//! signatures by every required family ([`Verifier::require_family`]) → license
//! document → claims at the given time with leeway → [`VerifiedLicense`]. The first
//! failure wins.

use core::fmt;
use core::ops::Deref;

use crate::alg::{Algorithm, AlgorithmSet, EcdsaEncoding, Family};
use crate::chain::TrustAnchors;
use crate::error::{Context, Error, ErrorKind, Limit};
use crate::form::{self, CheckoutFields, Detached, FileSignature, Form, Wire};
use crate::json::Value;
use crate::jws::{Compact, Header};
use crate::key::{KeySet, PublicKey, CHANGED_OR_OTHER_KEY};
use crate::license::License;
use crate::limits::Limits;
use crate::time::{describe_span, Time};
use crate::trace::{self, Trail};

/// Default leeway for time checks: 60 seconds, for clocks that disagree a little.
pub const DEFAULT_LEEWAY_SECS: u32 = 60;

/// At which times every certificate of an `x5c` chain must be valid.
///
/// A signing certificate is often short-lived while the licenses it signed last for
/// years. Checking the chain only at the license's `issuedAt` keeps those licenses
/// working, but `issuedAt` is written by whoever holds the leaf key: once a leaf key
/// leaks, licenses backdated into its validity are accepted for ever (until the key is
/// revoked by kid). Checking at both times bounds that exposure by the certificate's
/// lifetime, at the price of licenses that stop verifying when their chain expires —
/// so the vendor must issue signing certificates that outlive the licenses they sign.
/// licsig picks the fail-closed default; a vendor who revokes leaked leaves
/// ([`KeySet::revoke_key`] takes a leaf's or an intermediate's key id) may choose
/// [`CertificateTime::IssuedAt`]. Certificate dates get no leeway.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertificateTime {
    /// Valid at the license's `issuedAt` and at the verification time (default).
    #[default]
    IssuedAtAndNow,
    /// Valid at the license's `issuedAt` only (at the verification time when there is
    /// no license, as in [`Verifier::verify_jws_at`]).
    IssuedAt,
}

/// The times a chain is checked at.
#[derive(Clone, Copy)]
struct ChainTimes {
    issued: Option<Time>,
    now: Option<Time>,
}

/// Verifies licenses against pinned keys under a policy.
///
/// The default policy is strict and fail-closed: every algorithm licsig implements is
/// allowed (all asymmetric; `none` and HMAC do not exist here), a leeway of
/// [`DEFAULT_LEEWAY_SECS`], no node id (so a node-locked license is refused with
/// [`ErrorKind::NodeUnbound`]), no required entitlement, and the default [`Limits`].
///
/// # Caller obligations
///
/// - Pin the vendor's keys in the binary (`include_str!`), not in a file the license
///   holder can replace.
/// - Pass a time you trust. The license holder controls the machine's clock; where
///   that matters, use a time from a source you trust (a server, or at least a lower
///   bound you store: [`crate::rollback::TimeFloor`]) rather than [`Time::now`].
/// - Set [`Verifier::node_id`] from the machine when licenses are node-locked.
/// - Pin trust anchors in the binary as you pin keys: whoever can add an anchor can
///   issue licenses.
#[derive(Clone, Debug)]
pub struct Verifier {
    keys: KeySet,
    anchors: TrustAnchors,
    certificate_time: CertificateTime,
    algorithms: AlgorithmSet,
    leeway: u32,
    node_id: Option<String>,
    required: Vec<String>,
    families: Vec<Family>,
    limits: Limits,
    strict_kid: bool,
}

impl Verifier {
    /// A verifier trusting `keys`, with the default policy.
    pub fn new(keys: KeySet) -> Self {
        Self {
            keys,
            anchors: TrustAnchors::new(),
            certificate_time: CertificateTime::default(),
            algorithms: AlgorithmSet::ALL,
            leeway: DEFAULT_LEEWAY_SECS,
            node_id: None,
            required: Vec::new(),
            families: Vec::new(),
            limits: Limits::default(),
            strict_kid: false,
        }
    }

    /// Allows only these algorithms.
    pub fn allow_algorithms(mut self, algorithms: AlgorithmSet) -> Self {
        self.algorithms = algorithms;
        self
    }

    /// The leeway for time checks, in seconds.
    pub fn leeway(mut self, secs: u32) -> Self {
        self.leeway = secs;
        self
    }

    /// This machine's node id; a license locked to another node is refused.
    pub fn node_id(mut self, id: impl Into<String>) -> Self {
        self.node_id = Some(id.into());
        self
    }

    /// Refuses licenses without this entitlement.
    pub fn require_entitlement(mut self, name: impl Into<String>) -> Self {
        self.required.push(name.into());
        self
    }

    /// Requires a verified signature by a key of `family`: called once per family, a
    /// hybrid policy, for the transition to post-quantum keys (a license file signed
    /// by an RSA key and an ML-DSA key, say, so that breaking either alone forges
    /// nothing).
    ///
    /// Every signature of a license file whose key is trusted must verify, as always;
    /// then each required family must be among those verified signatures, otherwise
    /// [`ErrorKind::MissingSignature`]. A signature by a key the verifier does not
    /// trust counts for nothing. A compact token and a detached signature carry one
    /// signature, so they pass only a policy of their own family. The check comes
    /// right after the signatures, before the license document and its claims.
    ///
    /// ```
    /// use licsig::{Family, KeySet, Verifier};
    /// # fn main() -> Result<(), licsig::Error> {
    /// let keys = KeySet::from_bytes(include_bytes!("../test-vectors/licenses/keys/rsa3072.pub.pem"))?;
    /// let verifier = Verifier::new(keys)
    ///     .require_family(Family::Rsa)
    ///     .require_family(Family::MlDsa);
    /// # let _ = verifier; Ok(()) }
    /// ```
    pub fn require_family(mut self, family: Family) -> Self {
        if !self.families.contains(&family) {
            self.families.push(family);
        }
        self
    }

    /// Adds trust anchors (vendor root certificates) for `x5c` chains (RFC 7515
    /// §4.1.6).
    ///
    /// A token's or license-file signature whose protected header carries `x5c` is
    /// then verified with the chain's leaf key, and only if the chain validates to one
    /// of these anchors (rules in [`crate::chain`]; failures are
    /// [`ErrorKind::CertificateInvalid`] with the reason). The key set is not consulted
    /// for that signature, except that a revoked key id — of the leaf, an intermediate
    /// or the anchor — gives [`ErrorKind::KeyRevoked`]. A `kid` beside `x5c` must be
    /// the leaf key's id (the SHA-256 of its SubjectPublicKeyInfo), otherwise
    /// [`ErrorKind::KeyMismatch`]; without `kid` the leaf is the key. Signatures
    /// without `x5c` are verified by the key set, as without anchors. Without anchors
    /// `x5c` is ignored.
    ///
    /// Fails as [`TrustAnchors::extend`] does (over [`crate::chain::MAX_TRUST_ANCHORS`]).
    pub fn trust_anchors(mut self, anchors: TrustAnchors) -> Result<Self, Error> {
        self.anchors.extend(anchors)?;
        Ok(self)
    }

    /// Adds the trust anchors of `pem_or_der`: PEM (one or several certificates) or
    /// one DER certificate. See [`Verifier::trust_anchors`].
    pub fn with_ca(mut self, pem_or_der: &[u8]) -> Result<Self, Error> {
        self.anchors.extend(TrustAnchors::from_bytes(pem_or_der)?)?;
        Ok(self)
    }

    /// When an `x5c` chain's certificates must be valid (default: at the license's
    /// `issuedAt` and at the verification time).
    pub fn certificate_time(mut self, when: CertificateTime) -> Self {
        self.certificate_time = when;
        self
    }

    /// The trust anchors for `x5c` chains.
    pub fn anchors(&self) -> &TrustAnchors {
        &self.anchors
    }

    /// Whether a compact token's `kid` must name a trusted key (default: no).
    ///
    /// By default a token whose `kid` names no trusted key is verified as a token
    /// without `kid` is: with the trusted keys that fit its algorithm, at most
    /// [`Limits::max_keys_tried`] of them, and accepted only if one verifies it. AWS
    /// License Manager does not document the `kid` of its tokens, and issuers write
    /// names of their own (`"vendor-key-1"`); the signature, not the name, decides.
    /// Revocation and validity windows apply as always, and a `kid` that names a
    /// trusted or revoked key is verified with that key only. `strict_kid(true)`
    /// refuses an unknown `kid` with [`ErrorKind::UnknownKey`]; give the key the
    /// issuer's name with [`KeySet::add_kid`] or [`PublicKey::with_extra_kid`].
    /// License files always name their key (DESIGN.md §2.2) and keep the strict rule;
    /// detached signatures take the caller's `kid`, which is strict too.
    pub fn strict_kid(mut self, strict: bool) -> Self {
        self.strict_kid = strict;
        self
    }

    /// Replaces the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The trusted keys.
    pub fn keys(&self) -> &KeySet {
        &self.keys
    }

    /// Verifies a license in any self-contained form (token, license file, AWS
    /// checkout response), detected from the bytes, at time `now`.
    ///
    /// A bare license document is refused: its signature is detached; use
    /// [`Verifier::verify_detached`].
    ///
    /// With feature `tracing`, emits one event (target `licsig`) with the outcome;
    /// see the crate docs.
    pub fn verify(&self, bytes: &[u8], now: Time) -> Result<VerifiedLicense, Error> {
        let mut trail = Trail::default();
        let result = self.verify_any(bytes, now, &mut trail);
        emit(&trail, &result);
        result
    }

    fn verify_any(
        &self,
        bytes: &[u8],
        now: Time,
        trail: &mut Trail,
    ) -> Result<VerifiedLicense, Error> {
        let wire = form::read(bytes, &self.limits)?;
        trail.form(wire.form());
        match wire {
            Wire::Token(jws) => {
                let (license, signer) = self.token(&jws, now)?;
                self.finish(license, jws.payload, signer, Form::Token, now, trail)
            }
            Wire::Checkout { jws, unsigned } => {
                let (license, signer) = self.token(&jws, now)?;
                same_as_token(&unsigned, &license)?;
                self.finish(license, jws.payload, signer, Form::AwsCheckout, now, trail)
            }
            Wire::File(file) => {
                let times = self.chain_times(file.license(), now);
                let signers = self.check_file(&file.signatures, &file.canonical, times)?;
                self.check_families(&signers, Form::LicenseFile)?;
                let license = License::from_json(file.license())?;
                self.finish(
                    license,
                    file.canonical,
                    signers,
                    Form::LicenseFile,
                    now,
                    trail,
                )
            }
            Wire::Document(_) => Err(Error::malformed(
                "this is a bare license document, which carries no signature: pass its \
                 detached signature and algorithm (Verifier::verify_detached, or \
                 `licsig verify --signature FILE --alg ALG`)",
            )),
        }
    }

    /// A compact token's signature, then its payload read as a license document.
    fn token(&self, jws: &Compact<'_>, now: Time) -> Result<(License, Signers<'_>), Error> {
        let payload = form::payload(jws, &self.limits)?;
        let signer = self.check_compact(jws, self.chain_times(payload.root(), now))?;
        let signer = Signers::one(signer);
        self.check_families(&signer, Form::Token)?;
        Ok((License::from_json(payload.root())?, signer))
    }

    /// The times an `x5c` chain is checked at: the time the (not yet verified)
    /// document claims it was issued, and `now`.
    fn chain_times(&self, document: Value<'_>, now: Time) -> ChainTimes {
        let issued = if self.anchors.is_empty() {
            None
        } else {
            License::claimed_issued_at(document)
        };
        ChainTimes {
            issued,
            now: Some(now),
        }
    }

    /// Verifies a license document with a detached signature over its RFC 8785
    /// canonical form, as AWS KMS `Sign` (message type RAW) returns it.
    ///
    /// `signature` is raw bytes, or their standard base64 as the AWS CLI prints it
    /// (surrounding whitespace allowed): input that is entirely valid padded base64
    /// is decoded, anything else is taken as raw bytes. ECDSA signatures are DER.
    /// `alg` is the caller's, by JOSE or KMS name ([`Algorithm::from_name`]); KMS's
    /// `ML_DSA_SHAKE_256` ([`Algorithm::MlDsaShake256`]) takes the parameter set from
    /// the key, and the license reports that set's algorithm. `kid`
    /// names the key; without it, the trusted keys that fit `alg` are tried (a bounded
    /// number).
    ///
    /// With feature `tracing`, emits one event (target `licsig`) with the outcome.
    pub fn verify_detached(
        &self,
        document: &[u8],
        signature: &[u8],
        alg: Algorithm,
        kid: Option<&str>,
        now: Time,
    ) -> Result<VerifiedLicense, Error> {
        let mut trail = Trail::default();
        trail.form(Form::Detached);
        let result = self.detached(document, signature, alg, kid, now, &mut trail);
        emit(&trail, &result);
        result
    }

    fn detached(
        &self,
        document: &[u8],
        signature: &[u8],
        alg: Algorithm,
        kid: Option<&str>,
        now: Time,
        trail: &mut Trail,
    ) -> Result<VerifiedLicense, Error> {
        let detached = Detached::read(document, &self.limits)?;
        if signature.len() > self.limits.max_bytes {
            return Err(Error::limit(
                Limit::InputBytes,
                self.limits.max_bytes,
                "the detached signature is over the input limit",
            ));
        }
        let raw = detached_signature_bytes(signature);
        self.allowed(alg)?;
        let key = self.verify_with(alg, kid, &detached.canonical, &raw, EcdsaEncoding::Der)?;
        let signer = Signers::one(Signer::trusted(key, alg));
        self.check_families(&signer, Form::Detached)?;
        let license = License::from_json(detached.document())?;
        self.finish(
            license,
            detached.canonical,
            signer,
            Form::Detached,
            now,
            trail,
        )
    }

    /// Verifies the signature of a compact JWS **only**: header rules, key selection,
    /// key type and algorithm, and the signature, as for a license token — but the
    /// payload is returned as bytes, not read as a license, and no time or claim is
    /// checked. For signed data other than licenses, and for JWS conformance tests.
    ///
    /// A token with `x5c`, on a verifier with trust anchors, needs a time for its
    /// chain: it is refused here with [`ErrorKind::CertificateInvalid`]; use
    /// [`Verifier::verify_jws_at`].
    pub fn verify_jws(&self, token: &[u8]) -> Result<VerifiedJws, Error> {
        self.jws(token, None)
    }

    /// [`Verifier::verify_jws`], with an `x5c` chain (when the verifier has trust
    /// anchors) validated at `now`.
    pub fn verify_jws_at(&self, token: &[u8], now: Time) -> Result<VerifiedJws, Error> {
        self.jws(token, Some(now))
    }

    fn jws(&self, token: &[u8], now: Option<Time>) -> Result<VerifiedJws, Error> {
        if token.len() > self.limits.max_bytes {
            return Err(Error::limit(
                Limit::InputBytes,
                self.limits.max_bytes,
                format!(
                    "the token is {} bytes, over the limit of {}",
                    token.len(),
                    self.limits.max_bytes
                ),
            ));
        }
        let jws = Compact::parse(token, &self.limits)?;
        let signer = Signers::one(self.check_compact(&jws, ChainTimes { issued: None, now })?);
        self.check_families(&signer, Form::Token)?;
        let signer = signer.first;
        Ok(VerifiedJws {
            header: jws.header,
            payload: jws.payload,
            kid: signer.kid,
            algorithm: signer.alg,
        })
    }

    fn allowed(&self, alg: Algorithm) -> Result<(), Error> {
        if self.algorithms.contains(alg) {
            Ok(())
        } else {
            Err(Error::with(
                ErrorKind::AlgorithmNotAllowed,
                Context::AlgorithmNotAllowed {
                    alg,
                    allowed: self.algorithms,
                },
                format!(
                    "algorithm {alg} is not on this verifier's allow-list ({})",
                    self.algorithms
                        .iter()
                        .map(Algorithm::jose_name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ))
        }
    }

    /// The header's algorithm, on the allow-list.
    fn header_alg(&self, header: &Header) -> Result<Algorithm, Error> {
        let alg = Algorithm::from_jose(header.alg())?;
        self.allowed(alg)?;
        Ok(alg)
    }

    /// With trust anchors and an `x5c` header: the validated chain's leaf key, after
    /// the `kid` and revocation checks. `None` when the key set decides.
    fn x5c_key(
        &self,
        header: &Header,
        alg: Algorithm,
        at: ChainTimes,
    ) -> Result<Option<PublicKey>, Error> {
        if self.anchors.is_empty() || header.x5c().is_empty() {
            return Ok(None);
        }
        let Some(now) = at.now else {
            return Err(Error::new(
                ErrorKind::CertificateInvalid,
                "an x5c chain needs a verification time: use Verifier::verify_jws_at",
            ));
        };
        let times: Vec<Time> = match self.certificate_time {
            CertificateTime::IssuedAtAndNow => at.issued.into_iter().chain([now]).collect(),
            CertificateTime::IssuedAt => vec![at.issued.unwrap_or(now)],
        };
        let path = self.anchors.verify_chain(header.x5c(), &times)?;
        let leaf = path.leaf_key().clone();
        if let Some(kid) = header.kid() {
            if kid != leaf.kid() {
                let shown: String = kid.chars().take(80).collect();
                return Err(Error::with(
                    ErrorKind::KeyMismatch,
                    Context::KeyMismatch {
                        kid: leaf.kid().to_owned(),
                        key_type: leaf.key_type(),
                        alg,
                    },
                    format!(
                        "the header's kid {shown:?} is not the x5c leaf certificate's key id {}; \
                         with x5c, kid must name the leaf's key or be absent",
                        leaf.kid()
                    ),
                ));
            }
        }
        if let Some(kid) = path.key_ids().iter().find(|k| self.keys.is_key_revoked(k)) {
            return Err(Error::with(
                ErrorKind::KeyRevoked,
                Context::KeyRevoked { kid: kid.clone() },
                format!("the x5c chain holds the revoked key {kid}"),
            ));
        }
        Ok(Some(leaf))
    }

    /// A signature by an `x5c` chain's `leaf`: the key set's key of the same id, if
    /// any, still bounds when it may have signed.
    fn chained(&self, leaf: &PublicKey, alg: Algorithm) -> Signer<'_> {
        Signer {
            kid: leaf.kid().to_owned(),
            alg,
            key: self.keys.get(leaf.kid()),
        }
    }

    fn check_compact(&self, jws: &Compact<'_>, at: ChainTimes) -> Result<Signer<'_>, Error> {
        let alg = self.header_alg(&jws.header)?;
        // After the algorithm: an unsecured JWS (`none`, empty signature) is refused
        // for its algorithm.
        if jws.signature.is_empty() {
            return Err(Error::malformed(
                "the signature segment of the compact JWS is empty",
            ));
        }
        if let Some(leaf) = self.x5c_key(&jws.header, alg, at)? {
            leaf.verify(
                alg,
                &jws.signing_input,
                &jws.signature,
                EcdsaEncoding::Fixed,
            )?;
            return Ok(self.chained(&leaf, alg));
        }
        let kid = jws.header.kid();
        let key = match kid {
            // A kid that names no trusted key is a hint, not a verdict.
            Some(kid) if !self.strict_kid && !self.keys.knows(kid) => self
                .try_keys(
                    alg,
                    &jws.signing_input,
                    &jws.signature,
                    EcdsaEncoding::Fixed,
                )
                .map_err(|_| self.keys.unknown(kid))?,
            _ => self.verify_with(
                alg,
                kid,
                &jws.signing_input,
                &jws.signature,
                EcdsaEncoding::Fixed,
            )?,
        };
        Ok(Signer::trusted(key, alg))
    }

    /// A license file: every signature whose key is trusted must verify, and at least
    /// one must. A signature by a revoked key fails the file. Gives the verified
    /// signatures, in the file's order.
    fn check_file(
        &self,
        signatures: &[FileSignature],
        payload: &[u8],
        times: ChainTimes,
    ) -> Result<Signers<'_>, Error> {
        let mut verified: Option<Signers<'_>> = None;
        let payload = crate::b64::encode_url(payload);
        for (i, sig) in signatures.iter().enumerate() {
            let at = |e: Error| e.within(&format!("signature {i}"));
            let input = [sig.protected.as_bytes(), b".", payload.as_bytes()].concat();
            // With trust anchors, a signature carrying x5c is trusted through its chain
            // or fails the file.
            let chained = if self.anchors.is_empty() || sig.header.x5c().is_empty() {
                None
            } else {
                let alg = self.header_alg(&sig.header).map_err(at)?;
                self.x5c_key(&sig.header, alg, times)
                    .map_err(at)?
                    .map(|leaf| (alg, leaf))
            };
            if let Some((alg, leaf)) = chained {
                leaf.verify(alg, &input, &sig.signature, EcdsaEncoding::Fixed)
                    .map_err(at)?;
                Signers::add(&mut verified, self.chained(&leaf, alg));
                continue;
            }
            // The parser guarantees a kid on every license-file signature.
            let kid = sig.header.kid().unwrap_or_default();
            let key = match self.keys.lookup(kid) {
                Ok(key) => key,
                Err(e) if e.kind() == ErrorKind::UnknownKey => continue,
                Err(e) => return Err(at(e)),
            };
            let alg = self.header_alg(&sig.header).map_err(at)?;
            key.verify(alg, &input, &sig.signature, EcdsaEncoding::Fixed)
                .map_err(|e| match e.kind() {
                    ErrorKind::BadSignature => at(self.keys.naming_trusted(e)),
                    _ => at(e),
                })?;
            Signers::add(&mut verified, Signer::trusted(key, alg));
        }
        if let Some(verified) = verified {
            return Ok(verified);
        }
        Err(Error::with(
            ErrorKind::UnknownKey,
            Context::UnknownKey {
                kid: signatures
                    .first()
                    .and_then(|s| s.header.kid())
                    .map(|k| k.chars().take(128).collect()),
                trusted: self.keys.trusted_kids(),
            },
            format!(
                "none of the license file's {} signature(s) is by a trusted key",
                signatures.len()
            ),
        ))
    }

    /// Each family of [`Verifier::require_family`] must be among the verified
    /// signatures' (of a license in `form`).
    fn check_families(&self, signers: &Signers<'_>, form: Form) -> Result<(), Error> {
        let has = |f: Family| signers.iter().any(|s| s.alg.family() == f);
        let Some(&missing) = self.families.iter().find(|f| !has(**f)) else {
            return Ok(());
        };
        let verified: Vec<Family> = Family::ALL.into_iter().filter(|f| has(*f)).collect();
        let names = |list: &[Family]| {
            let names: Vec<&str> = list.iter().map(|f| f.name()).collect();
            names.join(" and ")
        };
        let (required, found) = (names(&self.families), names(&verified));
        let message = match form {
            Form::LicenseFile => format!(
                "the license file has no verified signature by a trusted {missing} key, and \
                 this verifier requires signatures by {required} keys (verified: {found})"
            ),
            _ => format!(
                "a {} carries one signature ({found}), and this verifier requires signatures \
                 by {required} keys: a license signed by several keys is a license file",
                match form {
                    Form::Detached => "detached signature",
                    _ => "compact token",
                }
            ),
        };
        Err(Error::with(
            ErrorKind::MissingSignature,
            Context::MissingSignature { missing, verified },
            message,
        ))
    }

    /// Finds the key (by `kid`, or the bounded candidates) and verifies.
    fn verify_with(
        &self,
        alg: Algorithm,
        kid: Option<&str>,
        message: &[u8],
        signature: &[u8],
        ecdsa: EcdsaEncoding,
    ) -> Result<&PublicKey, Error> {
        if let Some(kid) = kid {
            let key = self.keys.lookup(kid)?;
            key.verify(alg, message, signature, ecdsa)?;
            return Ok(key);
        }
        self.try_keys(alg, message, signature, ecdsa)
    }

    /// The first of the trusted keys that fit `alg` (at most
    /// [`Limits::max_keys_tried`]) that verifies the signature.
    fn try_keys(
        &self,
        alg: Algorithm,
        message: &[u8],
        signature: &[u8],
        ecdsa: EcdsaEncoding,
    ) -> Result<&PublicKey, Error> {
        let candidates = self.keys.candidates(alg, self.limits.max_keys_tried)?;
        let tried = candidates.len();
        for key in candidates {
            if key.verify(alg, message, signature, ecdsa).is_ok() {
                return Ok(key);
            }
        }
        Err(Error::with(
            ErrorKind::BadSignature,
            Context::BadSignature { kid: None },
            format!(
                "the signature does not verify under any of the {tried} trusted key(s) that \
                 fit {alg}: {CHANGED_OR_OTHER_KEY}"
            ),
        ))
    }

    /// Checks a license verified earlier against the time `now` again — expiry and
    /// not-before, with this verifier's leeway — without verifying its signature
    /// again: for a product that keeps a [`VerifiedLicense`] in memory and asks, say
    /// once an hour, whether it still holds. Pass a time you trust, as for
    /// [`Verifier::verify`].
    pub fn recheck(&self, license: &VerifiedLicense, now: Time) -> Result<(), Error> {
        self.check_times(&license.license, now)
    }

    /// Expiry (at or after `not_after` plus leeway) and not-before (before
    /// `not_before` minus leeway).
    fn check_times(&self, license: &License, now: Time) -> Result<(), Error> {
        let leeway = i64::from(self.leeway);
        if let Some(end) = license.not_after() {
            if now >= end.saturating_add_secs(leeway) {
                return Err(Error::with(
                    ErrorKind::Expired,
                    Context::Expired {
                        now,
                        not_after: end,
                        leeway_secs: self.leeway,
                    },
                    format!(
                        "license expired at {end}, {} before the given time; check the \
                         license out again or ask the vendor for a renewal",
                        describe_span(now.seconds_since(end))
                    ),
                ));
            }
        }
        let start = license.not_before();
        if start.saturating_add_secs(-leeway) > now {
            return Err(Error::with(
                ErrorKind::NotYetValid,
                Context::NotYetValid {
                    now,
                    not_before: start,
                    leeway_secs: self.leeway,
                },
                format!(
                    "license is valid from {start}, {} after the given time; check this \
                     machine's clock",
                    describe_span(start.seconds_since(now))
                ),
            ));
        }
        Ok(())
    }

    /// The license document's claims, at `now`; a refusal leaves its signer and
    /// license id on `trail`.
    fn finish(
        &self,
        license: License,
        document: Vec<u8>,
        signers: Signers<'_>,
        form: Form,
        now: Time,
        trail: &mut Trail,
    ) -> Result<VerifiedLicense, Error> {
        if let Err(e) = self.check_claims(&license, &signers, now) {
            let first = &signers.first;
            trail.signed(&first.kid, first.alg, license.license_arn());
            return Err(e);
        }
        let verified = |s: Signer<'_>| VerifiedSignature {
            kid: s.kid,
            algorithm: s.alg,
        };
        Ok(VerifiedLicense {
            license,
            document,
            first: verified(signers.first),
            more: signers.more.into_iter().map(verified).collect(),
            form,
        })
    }

    /// The license document's claims, at `now`, in DESIGN.md §4's order.
    fn check_claims(
        &self,
        license: &License,
        signers: &Signers<'_>,
        now: Time,
    ) -> Result<(), Error> {
        self.check_times(license, now)?;
        if let Some(locked) = license.node_id() {
            match &self.node_id {
                None => {
                    return Err(Error::with(
                        ErrorKind::NodeUnbound,
                        Context::NodeUnbound {
                            license_node: locked.to_owned(),
                        },
                        format!(
                            "license is locked to node {locked:?} and this verifier was not \
                             told its node id; set it (Verifier::node_id, --node-id)"
                        ),
                    ))
                }
                Some(mine) if mine != locked => {
                    return Err(Error::with(
                        ErrorKind::NodeMismatch,
                        Context::NodeMismatch {
                            expected: mine.clone(),
                            found: locked.to_owned(),
                        },
                        format!("license is locked to node {locked:?}, not this node {mine:?}"),
                    ))
                }
                Some(_) => {}
            }
        }
        for name in &self.required {
            license.entitlement(name)?;
        }
        // Every signer's key vouches for this license, so each key's window applies.
        for key in signers.iter().filter_map(|s| s.key) {
            key.usable_at(license.issued_at())?;
        }
        if self.keys.is_license_revoked(license.license_arn()) {
            return Err(Error::with(
                ErrorKind::LicenseRevoked,
                Context::LicenseRevoked {
                    license_id: license.license_arn().to_owned(),
                },
                format!(
                    "license {} is revoked; ask the vendor for a new one",
                    license.license_arn()
                ),
            ));
        }
        Ok(())
    }
}

/// The one event of a verification (feature `tracing`; nothing otherwise).
fn emit(trail: &Trail, result: &Result<VerifiedLicense, Error>) {
    match result {
        Ok(l) => trace::valid(l.form, l.kid(), l.algorithm(), l.license.license_arn()),
        Err(e) => trail.refused(e),
    }
}

/// Who signed: the key id and algorithm of a verified signature.
struct Signer<'v> {
    kid: String,
    alg: Algorithm,
    /// The key set's key of that id, whose validity window applies.
    key: Option<&'v PublicKey>,
}

impl<'v> Signer<'v> {
    /// A signature by `key`, of the key set, under `alg` as resolved for the key
    /// (`ML_DSA_SHAKE_256` becomes the key's parameter set).
    fn trusted(key: &'v PublicKey, alg: Algorithm) -> Self {
        Self {
            kid: key.kid().to_owned(),
            alg: alg.for_key(key.key_type()),
            key: Some(key),
        }
    }
}

/// The verified signatures of one license: never none.
struct Signers<'v> {
    first: Signer<'v>,
    /// A license file's other verified signatures, in its order.
    more: Vec<Signer<'v>>,
}

impl<'v> Signers<'v> {
    fn one(first: Signer<'v>) -> Self {
        Self {
            first,
            more: Vec::new(),
        }
    }

    /// Adds `signer` to `list`, which it starts if there is none yet.
    fn add(list: &mut Option<Self>, signer: Signer<'v>) {
        match list {
            Some(list) => list.more.push(signer),
            None => *list = Some(Self::one(signer)),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Signer<'v>> {
        core::iter::once(&self.first).chain(&self.more)
    }
}

/// The unsigned restatement in an AWS checkout response must agree with the token.
fn same_as_token(unsigned: &CheckoutFields, license: &License) -> Result<(), Error> {
    let differs = |name: &str| {
        Err(Error::malformed(format!(
            "the checkout response's unsigned \"{name}\" differs from its SignedToken; only \
             the token is signed, so the response was altered"
        )))
    };
    if let Some(arn) = &unsigned.license_arn {
        if arn != license.license_arn() {
            return differs("LicenseArn");
        }
    }
    if let Some(node) = &unsigned.node_id {
        if Some(node.as_str()) != license.node_id() {
            return differs("NodeId");
        }
    }
    if let Some(token) = &unsigned.consumption_token {
        if Some(token.as_str()) != license.consumption_token() {
            return differs("LicenseConsumptionToken");
        }
    }
    if let Some(text) = &unsigned.issued_at {
        if Time::parse(text).ok() != Some(license.issued_at()) {
            return differs("IssuedAt");
        }
    }
    if let Some(text) = &unsigned.expiration {
        if Time::parse(text).ok() != license.expiration() {
            return differs("Expiration");
        }
    }
    Ok(())
}

/// Standard padded base64 (whitespace around it allowed) is decoded; anything else
/// is raw signature bytes. (Empty or blank text decodes to no bytes: no signature.)
fn detached_signature_bytes(signature: &[u8]) -> Vec<u8> {
    crate::b64::decode_standard(signature.trim_ascii()).unwrap_or_else(|_| signature.to_vec())
}

/// A compact JWS whose signature verified ([`Verifier::verify_jws`]). Nothing about
/// its payload has been checked but its integrity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedJws {
    header: Header,
    payload: Vec<u8>,
    kid: String,
    algorithm: Algorithm,
}

impl VerifiedJws {
    /// The protected header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The payload bytes.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The key id of the key that verified the signature.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The signature algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
}

/// A license whose signature verified under the verifier's keys and policy at the
/// given time. Only [`Verifier`] constructs one.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedLicense {
    license: License,
    document: Vec<u8>,
    /// The first verified signature, and the license file's others.
    first: VerifiedSignature,
    more: Vec<VerifiedSignature>,
    form: Form,
}

/// One verified signature of a license: the key that made it and the algorithm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedSignature {
    kid: String,
    algorithm: Algorithm,
}

impl VerifiedSignature {
    /// The key id of the key that verified the signature.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The signature algorithm (for `ML_DSA_SHAKE_256`, the key's parameter set).
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
}

impl VerifiedLicense {
    /// The verified license document.
    pub fn license(&self) -> &License {
        &self.license
    }

    /// The license document's bytes as signed: the payload of a token (as the signer
    /// serialised it), the RFC 8785 form of a license file's or detached document.
    pub fn signed_document(&self) -> &[u8] {
        &self.document
    }

    /// The key id of the key that verified the signature (of a license file with
    /// several, the first verified one; all are in [`VerifiedLicense::signatures`]).
    pub fn kid(&self) -> &str {
        &self.first.kid
    }

    /// The signature algorithm (of a license file with several signatures, the
    /// first verified one's).
    pub fn algorithm(&self) -> Algorithm {
        self.first.algorithm
    }

    /// Every verified signature, in the license file's order (a token or detached
    /// signature has one). Signatures by keys the verifier does not trust are not
    /// here.
    pub fn signatures(&self) -> impl Iterator<Item = &VerifiedSignature> {
        core::iter::once(&self.first).chain(&self.more)
    }

    /// The wire form the license arrived in.
    pub fn form(&self) -> Form {
        self.form
    }
}

impl Deref for VerifiedLicense {
    type Target = License;
    fn deref(&self) -> &License {
        &self.license
    }
}

/// `{"form": …, "kid": …, "algorithm": …, "license": {…}}` (feature `serde`): the
/// wire form's name ([`Form::as_str`]), the key id, the JOSE algorithm name, and the
/// signed license document as JSON — read again from [`VerifiedLicense::signed_document`]
/// by licsig's own parser, members in RFC 8785 order, numbers as [`License::claim`]
/// describes them. Only what the signature covers: nothing from around it (an AWS
/// checkout response's unsigned fields, a license file's headers).
///
/// ```
/// # fn main() -> Result<(), licsig::Error> {
/// # let keys = licsig::KeySet::from_pem(include_str!("../test-vectors/sample/vendor-public-key.pem"))?;
/// # let bytes = include_bytes!("../test-vectors/sample/license-file.json");
/// let verifier = licsig::Verifier::new(keys).node_id("100.20.15.10");
/// let license = verifier.verify(bytes, licsig::Time::parse("2026-11-22T12:00:00Z")?)?;
/// let json = serde_json::to_value(&license).unwrap();
/// assert_eq!(json["form"], "license_file");
/// assert_eq!(json["algorithm"], "PS256");
/// assert_eq!(json["license"]["nodeId"], "100.20.15.10");
/// # Ok(()) }
/// ```
#[cfg(feature = "serde")]
impl serde::Serialize for VerifiedLicense {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeStruct};
        // Bytes the verifier accepted: bounded already, and they must not fail under
        // smaller limits than the verifier's.
        let limits = Limits {
            max_bytes: self.document.len(),
            max_depth: usize::MAX,
            ..Limits::default()
        };
        let document =
            crate::json::Document::parse_with(&self.document, &limits).map_err(S::Error::custom)?;
        let mut object = serializer.serialize_struct("VerifiedLicense", 4)?;
        object.serialize_field("form", self.form.as_str())?;
        object.serialize_field("kid", self.kid())?;
        object.serialize_field("algorithm", self.algorithm().jose_name())?;
        object.serialize_field("license", &document.root())?;
        object.end()
    }
}

impl fmt::Display for VerifiedLicense {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "license {} signed by {} with {}",
            self.license.license_arn(),
            self.kid(),
            self.algorithm()
        )?;
        for other in &self.more {
            write!(f, ", and by {} with {}", other.kid, other.algorithm)?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[cfg(feature = "sign")]
mod tests {
    use super::*;
    use crate::sign::Signer as KeySigner;

    const DOCUMENT: &[u8] =
        br#"{"licenseArn":"arn:l-1","issuedAt":"2026-11-01T00:00:00Z","entitlementsAllowed":[]}"#;

    /// One license file holding the signatures of `signers`, in order.
    fn file(signers: &[&KeySigner]) -> Vec<u8> {
        let mut signatures = Vec::new();
        let mut license = serde_json::Value::Null;
        for signer in signers {
            let one: serde_json::Value =
                serde_json::from_str(&signer.sign_license_file(DOCUMENT).unwrap()).unwrap();
            license = one["license"].clone();
            signatures.push(one["signatures"][0].clone());
        }
        serde_json::to_vec(&serde_json::json!({"license": license, "signatures": signatures}))
            .unwrap()
    }

    /// Each signature's signing input is `protected.payload`, whatever the lengths of
    /// the protected headers before it (check_file rewrites only the prefix).
    #[test]
    fn every_signature_of_a_file_gets_its_own_signing_input() {
        let pem = include_bytes!("../test-vectors/keys/rsa2048-PRIVATE-test-only.pem");
        let signer = |alg, kid: &str| {
            KeySigner::from_pkcs8(pem, alg)
                .unwrap()
                .with_kid(kid)
                .unwrap()
        };
        let short = signer(Algorithm::Ps256, "k");
        let long = signer(Algorithm::Rs256, "a-much-longer-key-id-for-the-same-key");
        let same = signer(Algorithm::Ps384, "m");
        let keys = KeySet::from_keys(
            [&short, &long, &same]
                .iter()
                .map(|s| s.public_key().clone().with_kid(s.kid()).unwrap()),
        )
        .unwrap();
        let verifier = Verifier::new(keys);
        let now = Time::parse("2026-11-22T00:00:00Z").unwrap();
        for order in [
            [&short, &long, &same],
            [&long, &short, &same],
            [&short, &same, &long],
            [&long, &same, &short],
        ] {
            let bytes = file(&order);
            let verified = verifier.verify(&bytes, now).unwrap();
            assert_eq!(verified.kid(), order[0].kid());
            // A flipped byte in the last signature fails the file: the last one was
            // checked too, against its own input.
            let mut text = String::from_utf8(bytes).unwrap();
            let last = text.rfind("\"signature\":\"").unwrap() + 13;
            let flipped = if &text[last..=last] == "A" { "B" } else { "A" };
            text.replace_range(last..=last, flipped);
            let err = verifier.verify(text.as_bytes(), now).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BadSignature, "{err}");
        }
    }

    /// A hybrid policy: each required family must be among the verified signatures,
    /// and the refusal names the first one missing and those that verified.
    #[test]
    fn a_hybrid_policy_needs_a_verified_signature_of_each_family() {
        let key = |name: &str| {
            std::fs::read(format!(
                "{}/test-vectors/licenses/keys/private/{name}.pk8.pem",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let rsa = KeySigner::from_pkcs8(&key("rsa2048"), Algorithm::Ps384).unwrap();
        let ed = KeySigner::from_pkcs8(&key("ed25519"), Algorithm::EdDsa).unwrap();
        let ml = KeySigner::from_pkcs8(&key("mldsa44"), Algorithm::MlDsa44).unwrap();
        let trusted = |window: Option<Time>| {
            KeySet::from_keys([
                rsa.public_key().clone(),
                ed.public_key().clone(),
                ml.public_key().clone().with_validity(window, None),
            ])
            .unwrap()
        };
        let hybrid = Verifier::new(trusted(None))
            .require_family(Family::Rsa)
            .require_family(Family::MlDsa)
            .require_family(Family::Rsa);
        let now = at("2026-11-22T00:00:00Z");
        let refusal = |bytes: &[u8]| {
            let e = hybrid.verify(bytes, now).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::MissingSignature, "{e}");
            match e.context() {
                Context::MissingSignature { missing, verified } => (*missing, verified.clone()),
                other => panic!("{other:?}"),
            }
        };

        let both = hybrid.verify(&file(&[&ml, &rsa]), now).unwrap();
        let signed: Vec<_> = both
            .signatures()
            .map(|s| (s.kid().to_owned(), s.algorithm()))
            .collect();
        assert_eq!(
            signed,
            [
                (ml.kid().to_owned(), Algorithm::MlDsa44),
                (rsa.kid().to_owned(), Algorithm::Ps384)
            ]
        );
        assert_eq!(
            (both.kid(), both.algorithm()),
            (ml.kid(), Algorithm::MlDsa44)
        );

        assert_eq!(refusal(&file(&[&rsa])), (Family::MlDsa, vec![Family::Rsa]));
        assert_eq!(
            refusal(&file(&[&ml, &ed])),
            (Family::Rsa, vec![Family::EdDsa, Family::MlDsa])
        );
        let token = ml.sign_token(DOCUMENT).unwrap();
        assert_eq!(
            refusal(token.as_bytes()),
            (Family::Rsa, vec![Family::MlDsa])
        );
        let e = hybrid.verify_jws(token.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingSignature, "{e}");

        // Every signer's key window applies, not only the first signer's.
        let late = Verifier::new(trusted(Some(at("2026-11-15T00:00:00Z"))));
        let e = late.verify(&file(&[&rsa, &ml]), now).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyRevoked, "{e}");
        assert!(matches!(e.context(), Context::KeyOutsideValidity { kid, .. } if kid == ml.kid()));
    }

    fn signer() -> KeySigner {
        let pem = include_bytes!("../test-vectors/keys/rsa2048-PRIVATE-test-only.pem");
        KeySigner::from_pkcs8(pem, Algorithm::Ps256).unwrap()
    }

    fn at(text: &str) -> Time {
        Time::parse(text).unwrap()
    }

    /// A license is expired at its expiry plus leeway (RFC 7519 §4.1.4, "on or after"),
    /// and valid from `nbf` minus leeway on: each boundary to the second, for
    /// `expiration`, `exp` and `nbf`.
    #[test]
    fn validity_boundaries_are_exact() {
        let s = signer();
        let verifier = Verifier::new(KeySet::from_keys([s.public_key().clone()]).unwrap());
        let outcome = |doc: &str, now: &str| {
            let token = s.sign_token(doc.as_bytes()).unwrap();
            verifier
                .verify(token.as_bytes(), at(now))
                .map(|_| ())
                .map_err(|e| e.kind())
        };
        let base = r#""licenseArn":"a","issuedAt":"2026-01-01T00:00:00Z","entitlementsAllowed":[]"#;
        let expiration = format!(r#"{{{base},"expiration":"2027-01-01T00:00:00Z"}}"#);
        // 2027-01-01T00:00:00Z is 1798761600.
        let exp = format!(r#"{{{base},"exp":1798761600}}"#);
        for doc in [&expiration, &exp] {
            assert_eq!(outcome(doc, "2027-01-01T00:00:59Z"), Ok(()), "{doc}");
            assert_eq!(
                outcome(doc, "2027-01-01T00:01:00Z"),
                Err(ErrorKind::Expired),
                "{doc}"
            );
        }
        let nbf = format!(r#"{{{base},"nbf":1798761600}}"#);
        assert_eq!(
            outcome(&nbf, "2026-12-31T23:58:59Z"),
            Err(ErrorKind::NotYetValid)
        );
        assert_eq!(outcome(&nbf, "2026-12-31T23:59:00Z"), Ok(()));
        let strict = Verifier::new(KeySet::from_keys([s.public_key().clone()]).unwrap()).leeway(0);
        let token = s.sign_token(expiration.as_bytes()).unwrap();
        assert_eq!(
            strict
                .verify(token.as_bytes(), at("2027-01-01T00:00:00Z"))
                .map(|_| ())
                .map_err(|e| e.kind()),
            Err(ErrorKind::Expired)
        );
        assert!(strict
            .verify(token.as_bytes(), at("2026-12-31T23:59:59Z"))
            .is_ok());
    }

    /// With a detached signature the input is a license document, whatever its
    /// members are called (DESIGN.md §2.3).
    #[test]
    fn a_detached_document_is_a_document_whatever_its_members() {
        let s = signer();
        let verifier = Verifier::new(KeySet::from_keys([s.public_key().clone()]).unwrap());
        for extra in [
            r#""signatures":[]"#,
            r#""SignedToken":"x.y.z""#,
            r#""license":{}"#,
        ] {
            let doc = format!(
                r#"{{"licenseArn":"a","issuedAt":"2026-01-01T00:00:00Z","entitlementsAllowed":[],{extra}}}"#
            );
            let sig = s.sign_detached(doc.as_bytes()).unwrap();
            let verified = verifier
                .verify_detached(
                    doc.as_bytes(),
                    &sig,
                    Algorithm::Ps256,
                    None,
                    at("2026-06-01T00:00:00Z"),
                )
                .unwrap_or_else(|e| panic!("{extra}: {e}"));
            assert_eq!(verified.form(), Form::Detached);
            assert_eq!(verified.license_arn(), "a");
        }
    }

    /// An unsecured JWS is refused for its algorithm, whatever case `none` is in and
    /// with its empty signature segment; an empty signature under a real algorithm is
    /// malformed.
    #[test]
    fn an_unsecured_jws_is_refused_for_its_algorithm() {
        let s = signer();
        let keys = KeySet::from_keys([s.public_key().clone()]).unwrap();
        let verifier = Verifier::new(keys);
        let payload = crate::b64::encode_url(DOCUMENT);
        for alg in ["none", "None", "NONE", "nOnE"] {
            let header = crate::b64::encode_url(format!(r#"{{"alg":"{alg}"}}"#).as_bytes());
            for signature in ["", "AAEC"] {
                let token = format!("{header}.{payload}.{signature}");
                let err = verifier.verify(token.as_bytes(), at("2026-11-22T00:00:00Z"));
                assert_eq!(
                    err.map(|_| ()).map_err(|e| e.kind()),
                    Err(ErrorKind::UnsupportedAlgorithm),
                    "{alg} {signature:?}"
                );
            }
        }
        let header = crate::b64::encode_url(br#"{"alg":"PS256"}"#);
        let token = format!("{header}.{payload}.");
        assert_eq!(
            verifier
                .verify(token.as_bytes(), at("2026-11-22T00:00:00Z"))
                .map(|_| ())
                .map_err(|e| e.kind()),
            Err(ErrorKind::Malformed)
        );
    }

    /// Each refusal of the verifier carries its context as data (DESIGN.md §6).
    #[test]
    fn refusals_carry_their_context() {
        let s = signer();
        let kid = s.kid().to_owned();
        let key = s.public_key().clone();
        let keys = KeySet::from_keys([key.clone()]).unwrap();
        let now = at("2026-06-01T00:00:00Z");
        let token = |doc: &str| s.sign_token(doc.as_bytes()).unwrap();
        let doc = |extra: &str| {
            format!(
                r#"{{"licenseArn":"arn:l-1","issuedAt":"2026-01-01T00:00:00Z","entitlementsAllowed":[]{extra}}}"#
            )
        };
        let context = |verifier: &Verifier, input: &str| {
            let err = verifier.verify(input.as_bytes(), now).unwrap_err();
            (err.kind(), err.context().clone())
        };
        let plain = Verifier::new(keys.clone());
        assert_eq!(
            context(
                &plain,
                &token(&doc(r#","expiration":"2026-05-01T00:00:00Z""#))
            ),
            (
                ErrorKind::Expired,
                Context::Expired {
                    now,
                    not_after: at("2026-05-01T00:00:00Z"),
                    leeway_secs: DEFAULT_LEEWAY_SECS,
                }
            )
        );
        assert_eq!(
            context(&plain, &token(&doc(r#","nbf":1798761600"#))),
            (
                ErrorKind::NotYetValid,
                Context::NotYetValid {
                    now,
                    not_before: at("2027-01-01T00:00:00Z"),
                    leeway_secs: DEFAULT_LEEWAY_SECS,
                }
            )
        );
        let locked = token(&doc(r#","nodeId":"node-a""#));
        assert_eq!(
            context(&plain, &locked),
            (
                ErrorKind::NodeUnbound,
                Context::NodeUnbound {
                    license_node: "node-a".into()
                }
            )
        );
        assert_eq!(
            context(&Verifier::new(keys.clone()).node_id("node-b"), &locked),
            (
                ErrorKind::NodeMismatch,
                Context::NodeMismatch {
                    expected: "node-b".into(),
                    found: "node-a".into()
                }
            )
        );
        assert_eq!(
            context(
                &Verifier::new(keys.clone()).require_entitlement("Seats"),
                &token(&doc(""))
            ),
            (
                ErrorKind::MissingEntitlement,
                Context::MissingEntitlement {
                    name: "Seats".into()
                }
            )
        );
        let mut revoked = keys.clone();
        revoked.revoke_license("arn:l-1");
        assert_eq!(
            context(&Verifier::new(revoked), &token(&doc(""))),
            (
                ErrorKind::LicenseRevoked,
                Context::LicenseRevoked {
                    license_id: "arn:l-1".into()
                }
            )
        );
        let mut revoked = keys.clone();
        revoked.revoke_key(kid.clone());
        let named = token(&doc(""));
        assert_eq!(
            context(&Verifier::new(revoked), &named),
            (
                ErrorKind::KeyRevoked,
                Context::KeyRevoked { kid: kid.clone() }
            )
        );
        // A kid that names no trusted key is a hint: the trusted key that verifies
        // the token is found; strict_kid refuses it.
        let renamed = KeySet::from_keys([key.clone().with_kid("other").unwrap()]).unwrap();
        let found = Verifier::new(renamed.clone()).verify(named.as_bytes(), now);
        assert_eq!(found.unwrap().kid(), "other");
        assert_eq!(
            context(&Verifier::new(renamed).strict_kid(true), &named),
            (
                ErrorKind::UnknownKey,
                Context::UnknownKey {
                    kid: Some(kid.clone()),
                    trusted: vec!["other".to_owned()],
                }
            )
        );
        let only = AlgorithmSet::EMPTY.with(Algorithm::Es256);
        assert_eq!(
            context(&Verifier::new(keys.clone()).allow_algorithms(only), &named),
            (
                ErrorKind::AlgorithmNotAllowed,
                Context::AlgorithmNotAllowed {
                    alg: Algorithm::Ps256,
                    allowed: only
                }
            )
        );
        let pinned = KeySet::from_keys([key.clone().with_alg(Algorithm::Rs256).unwrap()]).unwrap();
        assert_eq!(
            context(&Verifier::new(pinned), &named),
            (
                ErrorKind::KeyMismatch,
                Context::KeyMismatch {
                    kid: kid.clone(),
                    key_type: key.key_type(),
                    alg: Algorithm::Ps256
                }
            )
        );
        let mut flipped = named.clone().into_bytes();
        let last = flipped.len() - 2;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let err = plain.verify(&flipped, now).unwrap_err();
        assert_eq!(
            (err.kind(), err.context()),
            (
                ErrorKind::BadSignature,
                &Context::BadSignature {
                    kid: Some(kid.clone())
                }
            )
        );
        assert_eq!(
            err.message(),
            format!(
                "the signature does not verify under key {kid}: the signed content was \
                 changed after it was signed, or another key signed it"
            )
        );
        let small = Verifier::new(keys.clone()).limits(Limits {
            max_bytes: 100,
            ..Limits::default()
        });
        assert_eq!(
            context(&small, &named),
            (
                ErrorKind::LimitExceeded,
                Context::Limit {
                    limit: crate::error::Limit::InputBytes,
                    max: 100
                }
            )
        );
        assert_eq!(
            context(&plain, "{\"license\": [1,}"),
            (ErrorKind::Malformed, Context::Json { offset: 15 })
        );
        let none = format!(
            "{}.{}.",
            crate::b64::encode_url(br#"{"alg":"none"}"#),
            crate::b64::encode_url(doc("").as_bytes())
        );
        assert_eq!(
            context(&plain, &none),
            (
                ErrorKind::UnsupportedAlgorithm,
                Context::UnsupportedAlgorithm {
                    name: "none".into()
                }
            )
        );
    }

    /// Each input bound is inclusive: an input of exactly `max_bytes` is read, one
    /// byte more is refused, for a token through `verify_jws` and for a detached
    /// signature.
    #[test]
    fn input_bounds_are_inclusive() {
        let s = signer();
        let keys = KeySet::from_keys([s.public_key().clone()]).unwrap();
        assert_eq!(Verifier::new(keys.clone()).keys().len(), 1);
        assert!(Verifier::new(keys.clone()).keys().get(s.kid()).is_some());
        let bounded = |max_bytes| {
            Verifier::new(keys.clone()).limits(Limits {
                max_bytes,
                ..Limits::default()
            })
        };
        let kind = |r: Result<(), Error>| r.map_err(|e| e.kind());

        let token = s.sign_token(DOCUMENT).unwrap();
        let n = token.len();
        assert_eq!(
            kind(bounded(n).verify_jws(token.as_bytes()).map(|_| ())),
            Ok(())
        );
        assert_eq!(
            kind(bounded(n - 1).verify_jws(token.as_bytes()).map(|_| ())),
            Err(ErrorKind::LimitExceeded)
        );

        let raw = s.sign_detached(DOCUMENT).unwrap();
        let now = at("2026-11-22T00:00:00Z");
        let detached = |max| {
            kind(
                bounded(max)
                    .verify_detached(DOCUMENT, &raw, Algorithm::Ps256, None, now)
                    .map(|_| ()),
            )
        };
        assert!(raw.len() > DOCUMENT.len());
        assert_eq!(detached(raw.len()), Ok(()));
        assert_eq!(detached(raw.len() - 1), Err(ErrorKind::LimitExceeded));
    }

    /// A license file's signature by a key the verifier does not trust is skipped
    /// before anything else about it is judged (its algorithm, its x5c), and a
    /// signature by a revoked key fails the file.
    #[test]
    fn license_file_signatures_by_others_are_skipped() {
        let s = signer();
        let mut keys = KeySet::from_keys([s.public_key().clone()]).unwrap();
        let now = at("2026-11-22T00:00:00Z");
        let mut file: serde_json::Value =
            serde_json::from_str(&s.sign_license_file(DOCUMENT).unwrap()).unwrap();
        let stranger =
            crate::b64::encode_url(br#"{"alg":"HS256","kid":"stranger","x5c":["AAAA"]}"#);
        file["signatures"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"protected": stranger, "signature": "AAAA"}));
        let bytes = serde_json::to_vec(&file).unwrap();
        let verified = Verifier::new(keys.clone()).verify(&bytes, now).unwrap();
        assert_eq!(verified.kid(), s.kid());
        keys.revoke_key(s.kid());
        let err = Verifier::new(keys).verify(&bytes, now).unwrap_err();
        assert_eq!(
            (err.kind(), err.context()),
            (
                ErrorKind::KeyRevoked,
                &Context::KeyRevoked {
                    kid: s.kid().to_owned()
                }
            )
        );
    }

    /// What a verification returns says which key, algorithm, form, header, payload
    /// and signed bytes it is about.
    #[test]
    fn verified_values_report_what_was_verified() {
        let s = signer();
        let verifier = Verifier::new(KeySet::from_keys([s.public_key().clone()]).unwrap());
        let token = s.sign_token(DOCUMENT).unwrap();
        let canonical = crate::json::canonicalize(DOCUMENT).unwrap();
        let jws = verifier.verify_jws(token.as_bytes()).unwrap();
        assert_eq!(
            (
                jws.kid(),
                jws.algorithm(),
                jws.header().alg(),
                jws.payload()
            ),
            (s.kid(), Algorithm::Ps256, "PS256", &canonical[..])
        );
        let at_now = verifier
            .verify_jws_at(token.as_bytes(), at("2026-11-22T00:00:00Z"))
            .unwrap();
        assert_eq!(at_now, jws);

        let license = verifier
            .verify(token.as_bytes(), at("2026-11-22T00:00:00Z"))
            .unwrap();
        assert_eq!(
            (license.kid(), license.algorithm(), license.form()),
            (s.kid(), Algorithm::Ps256, Form::Token)
        );
        assert_eq!(license.signed_document(), canonical);
        assert_eq!(license.license().license_arn(), "arn:l-1");
        assert_eq!(license.license_arn(), "arn:l-1", "through Deref");
        assert_eq!(
            license.to_string(),
            format!("license arn:l-1 signed by {} with PS256", s.kid())
        );
    }

    /// A license kept in memory is checked again at a later time without its
    /// signature: valid until its expiry plus leeway, to the second.
    #[test]
    fn a_verified_license_can_be_rechecked_later() {
        let s = signer();
        let verifier = Verifier::new(KeySet::from_keys([s.public_key().clone()]).unwrap());
        let doc = br#"{"licenseArn":"a","issuedAt":"2026-01-01T00:00:00Z","expiration":"2027-01-01T00:00:00Z","entitlementsAllowed":[]}"#;
        let token = s.sign_token(doc).unwrap();
        let license = verifier
            .verify(token.as_bytes(), at("2026-06-01T00:00:00Z"))
            .unwrap();
        assert_eq!(
            verifier.recheck(&license, at("2027-01-01T00:00:59Z")),
            Ok(())
        );
        let err = verifier
            .recheck(&license, at("2027-01-01T00:01:00Z"))
            .unwrap_err();
        assert_eq!(
            err.context(),
            &Context::Expired {
                now: at("2027-01-01T00:01:00Z"),
                not_after: at("2027-01-01T00:00:00Z"),
                leeway_secs: DEFAULT_LEEWAY_SECS,
            }
        );
        let err = verifier
            .recheck(&license, at("2025-12-31T23:58:59Z"))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotYetValid);
    }
}
