//! [`KeySet`]: the trusted keys, by key id, with revocations.

use std::collections::{HashMap, HashSet};

use super::{der_any, detect, invalid, jwk, pem, PublicKey, MAX_KEYS};
use crate::alg::Algorithm;
use crate::error::{Context, Error, ErrorKind, Limit};

/// Most key ids an `unknown_key` error names.
pub(crate) const MAX_TRUSTED_SHOWN: usize = 16;

/// At most 128 characters of a key id, as errors carry it.
fn shown(kid: &str) -> String {
    kid.chars().take(128).collect()
}

/// `ids` for a message: comma-separated, or "none".
fn listed(ids: &[String]) -> String {
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.join(", ")
    }
}

/// The keys a verifier trusts (several, for rotation), each with an optional validity
/// window, plus revoked key ids and revoked license ids.
///
/// Lookup by key id is a hash-map lookup; key ids are unique within a set. At most
/// [`MAX_KEYS`] keys.
///
/// ```
/// # fn main() -> Result<(), licsig::Error> {
/// let pem = "-----BEGIN PUBLIC KEY-----\n\
///            MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n\
///            -----END PUBLIC KEY-----\n";
/// let mut keys = licsig::KeySet::from_pem(pem)?;
/// let kid = keys.iter().next().map(|k| k.kid().to_owned()).unwrap_or_default();
/// assert!(keys.get(&kid).is_some());
/// keys.revoke_license("l-1234");
/// assert!(keys.is_license_revoked("l-1234"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct KeySet {
    keys: Vec<PublicKey>,
    by_kid: HashMap<String, usize>,
    revoked_keys: HashSet<String>,
    revoked_licenses: HashSet<String>,
}

impl KeySet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The keys of a PEM text: one or several `PUBLIC KEY`, `RSA PUBLIC KEY` or
    /// `CERTIFICATE` blocks.
    pub fn from_pem(text: &str) -> Result<Self, Error> {
        Self::from_keys(pem::parse_bundle(text)?)
    }

    /// The keys of a JWK Set (`{"keys": [...]}`).
    pub fn from_jwks(json: &[u8]) -> Result<Self, Error> {
        super::check_size(json.len())?;
        Self::from_keys(jwk::parse_jwks(json)?)
    }

    /// The key of a DER SubjectPublicKeyInfo, PKCS#1 `RSAPublicKey` or certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        super::check_size(der.len())?;
        Self::from_keys(vec![der_any(der)?])
    }

    /// The keys in `input`, whatever its form: PEM (one or several blocks), JWK, JWK
    /// Set, DER, or base64 of DER (what `aws kms get-public-key` prints).
    pub fn from_bytes(input: &[u8]) -> Result<Self, Error> {
        Self::from_keys(detect(input)?)
    }

    /// A set of these keys; fails on a duplicate key id.
    pub fn from_keys(keys: impl IntoIterator<Item = PublicKey>) -> Result<Self, Error> {
        let mut set = Self::new();
        for key in keys {
            set.insert(key)?;
        }
        Ok(set)
    }

    /// Adds a key. Fails with [`ErrorKind::InvalidKey`] if one of its key ids
    /// ([`PublicKey::kids`]) is already in the set, and [`ErrorKind::LimitExceeded`]
    /// beyond [`MAX_KEYS`].
    pub fn insert(&mut self, key: PublicKey) -> Result<(), Error> {
        if self.keys.len() >= MAX_KEYS {
            return Err(Error::limit(
                Limit::Keys,
                MAX_KEYS,
                format!("a key set holds at most {MAX_KEYS} keys"),
            ));
        }
        if let Some(kid) = key.kids().find(|kid| self.by_kid.contains_key(*kid)) {
            return Err(invalid(format!(
                "duplicate key id {kid:?}: key ids must be unique in a key set"
            )));
        }
        for kid in key.kids() {
            self.by_kid.insert(kid.to_owned(), self.keys.len());
        }
        self.keys.push(key);
        Ok(())
    }

    /// Makes the key `kid` known by `extra` too (see [`PublicKey::with_extra_kid`]):
    /// a token whose header names `extra` is verified with it, and revoking either id
    /// revokes the key. Fails with [`ErrorKind::UnknownKey`] if no key has the id
    /// `kid`, and [`ErrorKind::InvalidKey`] if `extra` is empty or names another key.
    pub fn add_kid(&mut self, kid: &str, extra: impl Into<String>) -> Result<(), Error> {
        let extra = extra.into();
        let i = *self.by_kid.get(kid).ok_or_else(|| self.unknown(kid))?;
        if extra.is_empty() {
            return Err(invalid("key id is empty"));
        }
        match self.by_kid.get(&extra) {
            Some(&j) if j == i => return Ok(()),
            Some(_) => {
                return Err(invalid(format!(
                    "duplicate key id {extra:?}: another key in the set has it"
                )))
            }
            None => {}
        }
        let key = self.keys.get_mut(i).ok_or_else(|| invalid("key index"))?;
        key.extra_kids.push(extra.clone());
        self.by_kid.insert(extra, i);
        Ok(())
    }

    /// Adds every key of `other` and its revocations, or nothing: on an error (a
    /// duplicate key id, too many keys) the set is as it was.
    pub fn extend(&mut self, other: Self) -> Result<(), Error> {
        let mut grown = self.clone();
        for key in other.keys {
            grown.insert(key)?;
        }
        grown.revoked_keys.extend(other.revoked_keys);
        grown.revoked_licenses.extend(other.revoked_licenses);
        *self = grown;
        Ok(())
    }

    /// The key with this key id.
    pub fn get(&self, kid: &str) -> Option<&PublicKey> {
        self.by_kid.get(kid).and_then(|&i| self.keys.get(i))
    }

    /// The key with this key id, or [`ErrorKind::UnknownKey`]; a key revoked under
    /// any of its ids gives [`ErrorKind::KeyRevoked`].
    pub(crate) fn lookup(&self, kid: &str) -> Result<&PublicKey, Error> {
        let key = self.get(kid);
        if self.revoked_keys.contains(kid) || key.is_some_and(|k| self.is_revoked(k)) {
            return Err(Error::with(
                ErrorKind::KeyRevoked,
                Context::KeyRevoked { kid: shown(kid) },
                format!("key {kid:?} is revoked"),
            ));
        }
        key.ok_or_else(|| self.unknown(kid))
    }

    /// Whether `kid` is one of the set's key ids or a revoked id: what
    /// [`KeySet::lookup`] answers with a key or [`ErrorKind::KeyRevoked`].
    pub(crate) fn knows(&self, kid: &str) -> bool {
        self.by_kid.contains_key(kid) || self.revoked_keys.contains(kid)
    }

    /// The [`ErrorKind::UnknownKey`] refusal of `kid`, naming the trusted key ids.
    #[cold]
    pub(crate) fn unknown(&self, kid: &str) -> Error {
        let shown = shown(kid);
        let trusted = self.trusted_kids();
        let message = format!(
            "no trusted key has key id {shown:?}; the trusted key ids are {}",
            listed(&trusted)
        );
        Error::with(
            ErrorKind::UnknownKey,
            Context::UnknownKey {
                kid: Some(shown),
                trusted,
            },
            message,
        )
    }

    /// `e` with the trusted key ids named after its message.
    #[cold]
    pub(crate) fn naming_trusted(&self, e: Error) -> Error {
        let note = format!("the trusted key ids are {}", listed(&self.trusted_kids()));
        e.noting(&note)
    }

    /// Whether `key` is revoked under one of its ids.
    fn is_revoked(&self, key: &PublicKey) -> bool {
        key.kids().any(|kid| self.revoked_keys.contains(kid))
    }

    /// The ids of the keys, each key's [`PublicKey::kid`] once, at most
    /// `MAX_TRUSTED_SHOWN` of them: what an `unknown_key` error names.
    pub(crate) fn trusted_kids(&self) -> Vec<String> {
        self.keys
            .iter()
            .take(MAX_TRUSTED_SHOWN)
            .map(|k| k.kid().to_owned())
            .collect()
    }

    /// The trusted, unrevoked keys that may verify `alg` (type, declared `alg`, `use`
    /// and `key_ops` fit), for a signature that names no key. Fails with
    /// [`ErrorKind::UnknownKey`] if there are none and
    /// [`ErrorKind::LimitExceeded`] if there are more than `max`: the
    /// signer must then name its key with a `kid`.
    pub(crate) fn candidates(&self, alg: Algorithm, max: usize) -> Result<Vec<&PublicKey>, Error> {
        let mut out = Vec::new();
        for key in &self.keys {
            if key.check_alg(alg).is_ok() && !self.is_revoked(key) {
                if out.len() == max {
                    return Err(Error::limit(
                        Limit::KeysTried,
                        max,
                        format!(
                        "more than {max} trusted keys fit {alg}, over the limit of keys to try; \
                         the signature must name its key (kid)"
                    ),
                    ));
                }
                out.push(key);
            }
        }
        if out.is_empty() {
            let trusted = self.trusted_kids();
            return Err(Error::with(
                ErrorKind::UnknownKey,
                Context::UnknownKey { kid: None, trusted },
                format!("no trusted key can verify {alg}"),
            ));
        }
        Ok(out)
    }

    /// Revokes a key id: a signature by that key (or by a certificate chain holding
    /// it) then fails with [`ErrorKind::KeyRevoked`]. The id need not be in the set.
    pub fn revoke_key(&mut self, kid: impl Into<String>) {
        self.revoked_keys.insert(kid.into());
    }

    /// Whether this key id is revoked.
    pub fn is_key_revoked(&self, kid: &str) -> bool {
        self.revoked_keys.contains(kid)
    }

    /// Revokes a license id (the verifier refuses it with `license_revoked`).
    pub fn revoke_license(&mut self, license_id: impl Into<String>) {
        self.revoked_licenses.insert(license_id.into());
    }

    /// Whether this license id is revoked.
    pub fn is_license_revoked(&self, license_id: &str) -> bool {
        self.revoked_licenses.contains(license_id)
    }

    /// Sets the validity window of the key `kid` (inclusive); see
    /// [`PublicKey::with_validity`]. Fails with [`ErrorKind::UnknownKey`] if absent.
    pub fn set_validity(
        &mut self,
        kid: &str,
        not_before: Option<crate::time::Time>,
        not_after: Option<crate::time::Time>,
    ) -> Result<(), Error> {
        let i = *self.by_kid.get(kid).ok_or_else(|| {
            Error::new(ErrorKind::UnknownKey, format!("no key has key id {kid:?}"))
        })?;
        if let Some(key) = self.keys.get_mut(i) {
            key.not_before = not_before;
            key.not_after = not_after;
        }
        Ok(())
    }

    /// The keys, in the order they were added.
    pub fn iter(&self) -> core::slice::Iter<'_, PublicKey> {
        self.keys.iter()
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl<'a> IntoIterator for &'a KeySet {
    type Item = &'a PublicKey;
    type IntoIter = core::slice::Iter<'a, PublicKey>;
    fn into_iter(self) -> Self::IntoIter {
        self.keys.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys tried without a `kid`: those that fit, unrevoked, at most `max`.
    #[test]
    fn candidates_fit_are_unrevoked_and_bounded() {
        let kind = |r: Result<Vec<&PublicKey>, Error>| r.err().map(|e| e.kind());
        let mut set =
            KeySet::from_pem(include_str!("../../test-vectors/keys/bundle3.pem")).unwrap();
        assert_eq!(set.candidates(Algorithm::Ps384, 8).unwrap().len(), 1);
        assert_eq!(set.candidates(Algorithm::Es256, 8).unwrap().len(), 1);
        assert_eq!(
            kind(set.candidates(Algorithm::Es384, 8)),
            Some(ErrorKind::UnknownKey)
        );
        let rsa = include_str!("../../test-vectors/keys/rsa2048.kid").trim();
        set.revoke_key(rsa);
        assert_eq!(
            kind(set.candidates(Algorithm::Ps384, 8)),
            Some(ErrorKind::UnknownKey)
        );

        let p256 = include_str!("../../test-vectors/keys/ec-p256.pem");
        let mut many = KeySet::new();
        for i in 0..12 {
            let key = PublicKey::from_pem(p256)
                .unwrap()
                .with_kid(format!("k{i}"))
                .unwrap();
            many.insert(key).unwrap();
        }
        assert_eq!(many.candidates(Algorithm::Es256, 12).unwrap().len(), 12);
        assert_eq!(
            kind(many.candidates(Algorithm::Es256, 11)),
            Some(ErrorKind::LimitExceeded)
        );
        assert_eq!(
            kind(many.candidates(Algorithm::Es256, 0)),
            Some(ErrorKind::LimitExceeded)
        );
    }

    /// A key known by another id is found by both, revoked by either, and an id
    /// names one key only.
    #[test]
    fn extra_kids() {
        let p256 = include_str!("../../test-vectors/keys/ec-p256.pem");
        let key = PublicKey::from_pem(p256).unwrap();
        let own = key.kid().to_owned();
        let mut set = KeySet::from_keys([key.clone()]).unwrap();
        set.add_kid(&own, "vendor-key-1").unwrap();
        assert_eq!(set.lookup("vendor-key-1").unwrap().kid(), own);
        assert_eq!(
            set.lookup(&own).unwrap().kids().collect::<Vec<_>>(),
            [&*own, "vendor-key-1"]
        );
        let kind = |e: Error| (e.kind(), e.context().clone());
        assert_eq!(
            set.add_kid("nope", "x").map_err(kind).unwrap_err().0,
            ErrorKind::UnknownKey
        );
        assert_eq!(
            set.add_kid(&own, "").map_err(kind).unwrap_err().0,
            ErrorKind::InvalidKey
        );
        let other = key.clone().with_kid("other").unwrap();
        set.insert(other).unwrap();
        assert_eq!(
            set.add_kid("other", "vendor-key-1")
                .map_err(kind)
                .unwrap_err()
                .0,
            ErrorKind::InvalidKey
        );
        // Inserting a key whose extra id is taken is refused.
        let clash = key
            .with_kid("third")
            .unwrap()
            .with_extra_kid("other")
            .unwrap();
        assert_eq!(
            set.insert(clash).map_err(kind).unwrap_err().0,
            ErrorKind::InvalidKey
        );
        // Revoked under its extra id: refused under every id, and not a candidate.
        set.revoke_key("vendor-key-1");
        for kid in [own.as_str(), "vendor-key-1"] {
            assert_eq!(
                set.lookup(kid).map_err(kind).unwrap_err(),
                (
                    ErrorKind::KeyRevoked,
                    Context::KeyRevoked {
                        kid: kid.to_owned()
                    }
                )
            );
        }
        let unrevoked: Vec<_> = set
            .candidates(Algorithm::Es256, 8)
            .unwrap()
            .iter()
            .map(|k| k.kid().to_owned())
            .collect();
        assert_eq!(unrevoked, ["other"]);
        // An unknown id names the trusted ones.
        assert_eq!(
            set.lookup("zzz").map_err(kind).unwrap_err(),
            (
                ErrorKind::UnknownKey,
                Context::UnknownKey {
                    kid: Some("zzz".into()),
                    trusted: vec![own.clone(), "other".into()]
                }
            )
        );
    }

    /// `extend` adds everything or nothing.
    #[test]
    fn extend_is_all_or_nothing() {
        let p256 = include_str!("../../test-vectors/keys/ec-p256.pem");
        let key = |kid: &str| PublicKey::from_pem(p256).unwrap().with_kid(kid).unwrap();
        let mut set = KeySet::from_keys([key("a")]).unwrap();
        let mut other = KeySet::from_keys([key("b"), key("a")].into_iter().take(1)).unwrap();
        other.insert(key("c")).unwrap();
        other.revoke_key("x");
        other.revoke_license("l");
        // `a` is already in `set`: nothing of `other` is taken.
        let clash = KeySet::from_keys([key("b"), key("a")]).unwrap();
        assert_eq!(
            set.extend(clash).err().map(|e| e.kind()),
            Some(ErrorKind::InvalidKey)
        );
        assert_eq!(set.len(), 1);
        assert!(set.get("b").is_none());
        set.extend(other).unwrap();
        assert_eq!(set.len(), 3);
        assert!(set.is_key_revoked("x") && set.is_license_revoked("l"));
    }
}
