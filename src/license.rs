//! The license document (DESIGN.md §3), as AWS License Manager writes it.
//!
//! ```json
//! {"licenseArn": "arn:aws:license-manager::123456789012:license:l-…",
//!  "issuedAt": "2026-11-01T00:00:00", "expiration": "2027-11-01T00:00:00",
//!  "nodeId": "100.20.15.10", "licenseConsumptionToken": "…",
//!  "checkoutMetadata": {"Customer": "Example Corp"},
//!  "entitlementsAllowed": [{"name": "Seats", "unit": "Count", "value": "25"}]}
//! ```
//!
//! Rules, all fail-closed ([`ErrorKind::Malformed`]):
//! - `licenseArn` (non-empty string), `issuedAt` (time) and `entitlementsAllowed`
//!   (array, may be empty) are required; `expiration` absent means perpetual.
//! - Every known member has one type; a value of another type, `null` included, is an
//!   error, never "absent". Numeric JWT claims `exp`, `nbf`, `iat` are read too.
//! - A member whose name equals a known name except for case (`NodeId`,
//!   `Expiration`, or with look-alike case mappings such as `nodeıd` or the Kelvin
//!   sign) is refused: a case variant must never turn node-locking or expiry off for
//!   one reader and on for another.
//! - Entitlement names are unique; each entitlement has a string `name` and `unit`
//!   and an optional string `value`. Unknown units are kept as [`Unit::Other`].
//! - Unknown members are kept, as canonical JSON, and reachable.

use core::fmt;
use std::collections::HashSet;

use crate::error::{Context, Error, ErrorKind};
#[cfg(feature = "serde")]
use crate::json::Document;
use crate::json::{Kind, Value};
#[cfg(feature = "serde")]
use crate::limits::Limits;
use crate::span::Span;
use crate::time::Time;

/// The members of a license document that licsig reads.
const KNOWN: [&str; 10] = [
    "checkoutMetadata",
    "entitlementsAllowed",
    "exp",
    "expiration",
    "iat",
    "issuedAt",
    "licenseArn",
    "licenseConsumptionToken",
    "nbf",
    "nodeId",
];

/// The members of an entitlement that licsig reads.
const ENTITLEMENT_KNOWN: [&str; 3] = ["name", "unit", "value"];

/// `name`'s index in [`KNOWN`]: a `match` compiles to a switch on the length and a
/// compare or two, where a search of the array compared each name in turn.
fn known_index(name: &str) -> Option<usize> {
    let i = match name {
        "checkoutMetadata" => 0,
        "entitlementsAllowed" => 1,
        "exp" => 2,
        "expiration" => 3,
        "iat" => 4,
        "issuedAt" => 5,
        "licenseArn" => 6,
        "licenseConsumptionToken" => 7,
        "nbf" => 8,
        "nodeId" => 9,
        _ => return None,
    };
    debug_assert_eq!(KNOWN.get(i), Some(&name));
    Some(i)
}

/// `name`'s index in [`ENTITLEMENT_KNOWN`], as [`known_index`].
fn entitlement_known_index(name: &str) -> Option<usize> {
    let i = match name {
        "name" => 0,
        "unit" => 1,
        "value" => 2,
        _ => return None,
    };
    debug_assert_eq!(ENTITLEMENT_KNOWN.get(i), Some(&name));
    Some(i)
}

/// A license document's content. Obtain one through verification
/// ([`crate::json`] parses; the verifier decides what is trusted).
#[derive(Clone, PartialEq)]
pub struct License {
    /// `licenseArn`, `licenseConsumptionToken`, `nodeId` and `checkoutMetadata`'s
    /// names and values, one after another: one allocation, not one each.
    text: String,
    license_arn: Span,
    issued_at: Time,
    expiration: Option<Time>,
    consumption_token: Option<Span>,
    node_id: Option<Span>,
    checkout_metadata: Vec<(Span, Span)>,
    entitlements: Vec<Entitlement>,
    exp: Option<Time>,
    nbf: Option<Time>,
    iat: Option<Time>,
    other: Vec<(String, Vec<u8>)>,
}

impl fmt::Debug for License {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("License")
            .field("license_arn", &self.license_arn())
            .field("issued_at", &self.issued_at)
            .field("expiration", &self.expiration)
            .field("consumption_token", &self.consumption_token())
            .field("node_id", &self.node_id())
            .field(
                "checkout_metadata",
                &self.checkout_metadata().collect::<Vec<_>>(),
            )
            .field("entitlements", &self.entitlements)
            .field("exp", &self.exp)
            .field("nbf", &self.nbf)
            .field("iat", &self.iat)
            .field("other", &self.other)
            .finish()
    }
}

impl License {
    /// The `issuedAt` of a document not yet verified, when it is a valid time: for
    /// checking an `x5c` chain at the time the license claims, before the signature
    /// that makes the claim trusted is checked.
    pub(crate) fn claimed_issued_at(doc: Value<'_>) -> Option<Time> {
        doc.get("issuedAt").and_then(|v| time(v, "issuedAt").ok())
    }

    /// Reads a license document from a parsed JSON value.
    pub(crate) fn from_json(doc: Value<'_>) -> Result<Self, Error> {
        let Some(members) = doc.as_object() else {
            return Err(Error::malformed(format!(
                "the license document is a JSON {}, not an object",
                doc.kind()
            )));
        };
        // One pass over the members: each known one is picked up by name (cheaper
        // than a lookup per name), every other one is checked and kept. The checks
        // below then run in the same order as ever.
        let mut other = Vec::new();
        let mut known: [Option<Value<'_>>; KNOWN.len()] = [None; KNOWN.len()];
        for (name, value) in members.iter() {
            match known_index(name) {
                Some(i) => {
                    if let Some(slot) = known.get_mut(i) {
                        *slot = Some(value);
                    }
                }
                None => {
                    refuse_case_variant(name, &KNOWN, "license document")?;
                    other.push((name.to_owned(), value.to_canonical()));
                }
            }
        }
        // In KNOWN's order.
        let [checkout_metadata, entitlements_allowed, exp, expiration, iat, issued_at, license_arn, consumption_token, nbf, node_id] =
            known;
        let license_arn = match license_arn {
            None => return Err(missing("licenseArn")),
            Some(v) => non_empty_string(v, "licenseArn")?,
        };
        let issued_at = match issued_at {
            None => return Err(missing("issuedAt")),
            Some(v) => time(v, "issuedAt")?,
        };
        let expiration = expiration.map(|v| time(v, "expiration")).transpose()?;
        let consumption_token = consumption_token
            .map(|v| string(v, "licenseConsumptionToken"))
            .transpose()?;
        let node_id = node_id.map(|v| non_empty_string(v, "nodeId")).transpose()?;
        // The metadata's strings too, so that the buffer is allocated once.
        let metadata_len: usize = checkout_metadata
            .and_then(|v| v.as_object())
            .map_or(0, |obj| {
                obj.iter()
                    .map(|(k, v)| k.len() + v.as_str().map_or(0, str::len))
                    .sum()
            });
        let (mut text, license_arn, consumption_token, node_id) =
            own_text(license_arn, consumption_token, node_id, metadata_len);
        let checkout_metadata = match checkout_metadata {
            None => Vec::new(),
            Some(v) => metadata(v, &mut text)?,
        };
        let entitlements = match entitlements_allowed {
            None => return Err(missing("entitlementsAllowed")),
            Some(v) => entitlements(v)?,
        };
        let numeric =
            |v: Option<Value<'_>>, name: &str| v.map(|v| numeric_date(v, name)).transpose();
        Ok(Self {
            text,
            license_arn,
            issued_at,
            expiration,
            consumption_token,
            node_id,
            checkout_metadata,
            entitlements,
            exp: numeric(exp, "exp")?,
            nbf: numeric(nbf, "nbf")?,
            iat: numeric(iat, "iat")?,
            other,
        })
    }

    /// The license's id, its `licenseArn`.
    pub fn license_arn(&self) -> &str {
        self.license_arn.get(&self.text)
    }

    /// When the license was issued (`issuedAt`).
    pub fn issued_at(&self) -> Time {
        self.issued_at
    }

    /// When the license expires (`expiration`); `None` is perpetual. See also
    /// [`License::not_after`].
    pub fn expiration(&self) -> Option<Time> {
        self.expiration
    }

    /// The JWT claims `exp`, `nbf` and `iat`, when present.
    pub fn jwt_claims(&self) -> JwtClaims {
        JwtClaims {
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
        }
    }

    /// The earliest of `expiration` and `exp`: the end of the license's validity.
    pub fn not_after(&self) -> Option<Time> {
        match (self.expiration, self.exp) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The latest of `issuedAt`, `nbf` and `iat`: the start of the license's validity.
    pub fn not_before(&self) -> Time {
        [self.nbf, self.iat]
            .into_iter()
            .flatten()
            .fold(self.issued_at, Time::max)
    }

    /// The `licenseConsumptionToken`, when present.
    pub fn consumption_token(&self) -> Option<&str> {
        self.consumption_token.map(|t| t.get(&self.text))
    }

    /// The node the license is locked to (`nodeId`), when it is node-locked.
    pub fn node_id(&self) -> Option<&str> {
        self.node_id.map(|n| n.get(&self.text))
    }

    /// `checkoutMetadata`, in canonical (RFC 8785) order of the names.
    pub fn checkout_metadata(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.checkout_metadata
            .iter()
            .map(|(k, v)| (k.get(&self.text), v.get(&self.text)))
    }

    /// The entitlements, in document order.
    pub fn entitlements(&self) -> &[Entitlement] {
        &self.entitlements
    }

    /// The entitlement named exactly `name`, or a
    /// [`ErrorKind::MissingEntitlement`] error.
    pub fn entitlement(&self, name: &str) -> Result<&Entitlement, Error> {
        self.entitlements
            .iter()
            .find(|e| e.name() == name)
            .ok_or_else(|| {
                Error::with(
                    ErrorKind::MissingEntitlement,
                    Context::MissingEntitlement {
                        name: name.to_owned(),
                    },
                    format!(
                        "the license has no entitlement named \"{}\"; ask the vendor for a \
                         license that includes it",
                        name.escape_debug()
                    ),
                )
            })
    }

    /// A member licsig does not read, as canonical JSON text.
    pub fn other(&self, name: &str) -> Option<&[u8]> {
        self.other
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }

    /// All members licsig does not read, as `(name, canonical JSON text)`, in
    /// canonical order.
    pub fn others(&self) -> impl ExactSizeIterator<Item = (&str, &[u8])> {
        self.other.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The member `name` that licsig does not read (a vendor's own claim), as the
    /// caller's type `T` (feature `serde`); `Ok(None)` when the license has no such
    /// member.
    ///
    /// The member is read by licsig's own parser, from its canonical text
    /// ([`License::other`]), through a `serde` deserializer: objects are maps or
    /// structs, arrays sequences, a unit variant is a string and any other variant an
    /// object with one member. Numbers are the doubles RFC 8785 signs; a whole number
    /// within the range of `u64` or `i64` reaches an integer type exactly, at or above
    /// 2^53 too (`18446744073709549568`). An integer literal that a double does not
    /// hold (`9007199254740993`, read as `9007199254740992`) is never handed to an
    /// integer type as a neighbour of what was written: the claim's numbers from
    /// 2^53 up are then doubles only, and an integer type refuses them. Write such
    /// numbers as strings (RFC 7493 §2.2).
    ///
    /// Fails with [`ErrorKind::Malformed`] when the value does not fit `T` (a claim of
    /// the wrong type is an error, never "absent"; `null` is absent only to an
    /// `Option`), with serde's message after the claim's name, and when `name` is a
    /// member licsig reads itself (`licenseArn`, `expiration`, …): use its accessor.
    ///
    /// ```
    /// # fn main() -> Result<(), licsig::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct Support {
    ///     tier: String,
    ///     until: Option<String>,
    /// }
    /// let doc = br#"{"licenseArn":"arn:l-1","issuedAt":"2026-11-01T00:00:00Z",
    ///     "entitlementsAllowed":[],"support":{"tier":"gold"},"maxNodes":12}"#;
    /// // Here unverified; a VerifiedLicense has the same method through Deref.
    /// let license = licsig::unverified::license_document(doc)?.into_unverified();
    /// let support: Support = license.claim("support")?.expect("the license has it");
    /// assert_eq!((support.tier.as_str(), support.until), ("gold", None));
    /// assert_eq!(license.claim::<u32>("maxNodes")?, Some(12));
    /// assert_eq!(license.claim::<u32>("absent")?, None);
    /// let err = license.claim::<u32>("support").unwrap_err();
    /// assert_eq!(err.kind(), licsig::ErrorKind::Malformed);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "serde")]
    pub fn claim<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error> {
        if known_index(name).is_some() {
            return Err(Error::malformed(format!(
                "\"{name}\" is a member licsig reads itself: use its accessor on License, \
                 not claim"
            )));
        }
        let Some(at) = self.other.iter().position(|(k, _)| k == name) else {
            return Ok(None);
        };
        let text = self.other.get(at).map_or(&[][..], |(_, v)| v.as_slice());
        // Canonical text licsig wrote from a value that passed the caller's limits:
        // bounded already, and it must not fail under smaller ones.
        let limits = Limits {
            max_bytes: text.len(),
            max_depth: usize::MAX,
            ..Limits::default()
        };
        let doc = Document::parse_with(text, &limits)?;
        T::deserialize(doc.root())
            .map(Some)
            .map_err(|e| e.within(&format!("claim \"{}\"", name.escape_debug())))
    }
}

/// The numeric JWT claims of a license document (RFC 7519 §4.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JwtClaims {
    /// `exp`: expiration time.
    pub exp: Option<Time>,
    /// `nbf`: not before.
    pub nbf: Option<Time>,
    /// `iat`: issued at.
    pub iat: Option<Time>,
}

/// One entry of `entitlementsAllowed`.
#[derive(Clone, PartialEq, Eq)]
pub struct Entitlement {
    /// The name, then the value if any: one allocation per entitlement, not two.
    text: String,
    name_len: usize,
    has_value: bool,
    unit: Unit,
    other: Vec<(String, Vec<u8>)>,
}

impl fmt::Debug for Entitlement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entitlement")
            .field("name", &self.name())
            .field("unit", &self.unit)
            .field("value", &self.value())
            .field("other", &self.other)
            .finish()
    }
}

impl Entitlement {
    fn new(name: &str, unit: Unit, value: Option<&str>, other: Vec<(String, Vec<u8>)>) -> Self {
        let mut text = String::with_capacity(name.len() + value.map_or(0, str::len));
        text.push_str(name);
        text.push_str(value.unwrap_or_default());
        Self {
            text,
            name_len: name.len(),
            has_value: value.is_some(),
            unit,
            other,
        }
    }

    /// The entitlement's name.
    pub fn name(&self) -> &str {
        self.text.get(..self.name_len).unwrap_or_default()
    }

    /// The entitlement's unit.
    pub fn unit(&self) -> &Unit {
        &self.unit
    }

    /// The value as written (AWS writes values as strings), when present.
    pub fn value(&self) -> Option<&str> {
        self.has_value
            .then(|| self.text.get(self.name_len..).unwrap_or_default())
    }

    /// A member of the entitlement that licsig does not read, as canonical JSON text.
    pub fn other(&self, name: &str) -> Option<&[u8]> {
        self.other
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }

    /// All members of the entitlement licsig does not read, as `(name, canonical JSON
    /// text)`, in canonical order.
    pub fn others(&self) -> impl ExactSizeIterator<Item = (&str, &[u8])> {
        self.other.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The value as a whole number, for `Count` and the other numeric units.
    ///
    /// The value must be a string of ASCII digits without sign, spaces or leading
    /// zeros that fits in a `u64`. Fails ([`ErrorKind::Malformed`]) on the unit
    /// `None`, an unknown unit, a missing value or a value of another shape.
    pub fn count(&self) -> Result<u64, Error> {
        if !self.unit.is_numeric() {
            return Err(self.shape_error(format_args!(
                "has unit {}, which is not a quantity",
                self.unit
            )));
        }
        let value = self.require_value()?;
        let digits_ok = !value.is_empty()
            && value.bytes().all(|b| b.is_ascii_digit())
            && (value == "0" || !value.starts_with('0'));
        match value.parse::<u64>() {
            Ok(n) if digits_ok => Ok(n),
            _ => Err(self.shape_error(format_args!(
                "has value \"{}\", which is not a whole number from 0 to {}",
                value.escape_debug(),
                u64::MAX
            ))),
        }
    }

    /// The value as text, for the unit `None`.
    pub fn text(&self) -> Result<&str, Error> {
        if self.unit != Unit::None {
            return Err(self.shape_error(format_args!(
                "has unit {}, not None, so its value is a quantity",
                self.unit
            )));
        }
        self.require_value()
    }

    /// The value as a boolean, for the unit `None`: exactly `"true"` or `"false"`.
    pub fn boolean(&self) -> Result<bool, Error> {
        match self.text()? {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(self.shape_error(format_args!(
                "has value \"{}\", not \"true\" or \"false\"",
                other.escape_debug()
            ))),
        }
    }

    fn require_value(&self) -> Result<&str, Error> {
        self.value()
            .ok_or_else(|| self.shape_error(format_args!("has no value")))
    }

    fn shape_error(&self, what: fmt::Arguments<'_>) -> Error {
        Error::malformed(format!(
            "entitlement \"{}\" {what}",
            self.name().escape_debug()
        ))
    }
}

macro_rules! units {
    ($($variant:ident = $name:literal,)*) => {
        /// An entitlement unit: one of AWS License Manager's 27 EntitlementUnit names,
        /// or another name, kept as written.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Unit {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
            /// A unit name AWS does not define, kept as written.
            Other(String),
        }

        impl Unit {
            /// AWS's 27 names, in the order of its API reference.
            pub const AWS_NAMES: [&'static str; 27] = [$($name,)*];

            /// The unit with this exact name; any other name is [`Unit::Other`].
            pub fn from_name(name: &str) -> Self {
                match name {
                    $($name => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }

            /// The unit's name as written in license documents.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Other(name) => name,
                }
            }
        }
    };
}

units! {
    Seconds = "Seconds",
    Microseconds = "Microseconds",
    Milliseconds = "Milliseconds",
    Bytes = "Bytes",
    Kilobytes = "Kilobytes",
    Megabytes = "Megabytes",
    Gigabytes = "Gigabytes",
    Terabytes = "Terabytes",
    Bits = "Bits",
    Kilobits = "Kilobits",
    Megabits = "Megabits",
    Gigabits = "Gigabits",
    Terabits = "Terabits",
    Percent = "Percent",
    Count = "Count",
    BytesPerSecond = "Bytes/Second",
    KilobytesPerSecond = "Kilobytes/Second",
    MegabytesPerSecond = "Megabytes/Second",
    GigabytesPerSecond = "Gigabytes/Second",
    TerabytesPerSecond = "Terabytes/Second",
    BitsPerSecond = "Bits/Second",
    KilobitsPerSecond = "Kilobits/Second",
    MegabitsPerSecond = "Megabits/Second",
    GigabitsPerSecond = "Gigabits/Second",
    TerabitsPerSecond = "Terabits/Second",
    CountPerSecond = "Count/Second",
    None = "None",
}

impl Unit {
    /// Whether values of this unit are quantities: every AWS unit but `None`.
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Self::None | Self::Other(_))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn missing(name: &str) -> Error {
    Error::malformed(format!(
        "the license document has no \"{name}\", which is required"
    ))
}

fn wrong_type(name: &str, want: &str, got: Kind) -> Error {
    Error::malformed(format!(
        "\"{name}\" in the license document must be {want}, not a JSON {got}"
    ))
}

fn string<'d>(v: Value<'d>, name: &str) -> Result<&'d str, Error> {
    v.as_str()
        .ok_or_else(|| wrong_type(name, "a string", v.kind()))
}

fn non_empty_string<'d>(v: Value<'d>, name: &str) -> Result<&'d str, Error> {
    match string(v, name)? {
        "" => Err(Error::malformed(format!(
            "\"{name}\" in the license document is empty"
        ))),
        s => Ok(s),
    }
}

fn time(v: Value<'_>, name: &str) -> Result<Time, Error> {
    let text = v
        .as_str()
        .ok_or_else(|| wrong_type(name, "a time string", v.kind()))?;
    Time::parse(text).map_err(|e| Error::malformed(format!("\"{name}\": {e}")))
}

fn numeric_date(v: Value<'_>, name: &str) -> Result<Time, Error> {
    let n = v
        .as_f64()
        .ok_or_else(|| wrong_type(name, "a number of seconds since 1970", v.kind()))?;
    Time::from_unix_f64(n)
        .ok_or_else(|| Error::malformed(format!("\"{name}\" is {n}, outside the years 1 to 9999")))
}

/// A license's `text` with its `licenseArn`, `licenseConsumptionToken` and `nodeId`,
/// in that order, and room for `more` bytes: the metadata's, pushed next.
fn own_text(
    license_arn: &str,
    consumption_token: Option<&str>,
    node_id: Option<&str>,
    more: usize,
) -> (String, Span, Option<Span>, Option<Span>) {
    let len = |s: Option<&str>| s.map_or(0, str::len);
    let mut text =
        String::with_capacity(license_arn.len() + len(consumption_token) + len(node_id) + more);
    let license_arn = Span::push(&mut text, license_arn);
    let consumption_token = consumption_token.map(|t| Span::push(&mut text, t));
    let node_id = node_id.map(|n| Span::push(&mut text, n));
    (text, license_arn, consumption_token, node_id)
}

/// `checkoutMetadata`'s names and values, appended to `text`.
fn metadata(v: Value<'_>, text: &mut String) -> Result<Vec<(Span, Span)>, Error> {
    let obj = v
        .as_object()
        .ok_or_else(|| wrong_type("checkoutMetadata", "an object of strings", v.kind()))?;
    obj.iter()
        .map(|(k, val)| {
            let s = val.as_str().ok_or_else(|| {
                Error::malformed(format!(
                    "\"checkoutMetadata\" member \"{}\" must be a string, not a JSON {}",
                    k.escape_debug(),
                    val.kind()
                ))
            })?;
            Ok((Span::push(text, k), Span::push(text, s)))
        })
        .collect()
}

/// Up to this many entitlements, a repeated name is looked for by comparing with each
/// earlier one; past it, in a hash set (a 1 MiB document holds some 30,000
/// entitlements: pairwise comparison took seconds).
const FEW_ENTITLEMENTS: usize = 8;

/// The entitlement names read so far, to find a repeated one.
#[derive(Default)]
struct Names<'d> {
    first: [&'d str; FEW_ENTITLEMENTS],
    len: usize,
    more: HashSet<&'d str>,
}

impl<'d> Names<'d> {
    /// Adds `name`; false if it was there already.
    fn insert(&mut self, name: &'d str) -> bool {
        if self.len < FEW_ENTITLEMENTS {
            if self
                .first
                .get(..self.len)
                .unwrap_or_default()
                .contains(&name)
            {
                return false;
            }
            if let Some(slot) = self.first.get_mut(self.len) {
                *slot = name;
            }
        } else {
            if self.more.is_empty() {
                self.more.extend(self.first);
            }
            if !self.more.insert(name) {
                return false;
            }
        }
        self.len += 1;
        true
    }
}

fn entitlements(v: Value<'_>) -> Result<Vec<Entitlement>, Error> {
    let arr = v
        .as_array()
        .ok_or_else(|| wrong_type("entitlementsAllowed", "an array", v.kind()))?;
    let mut out: Vec<Entitlement> = Vec::with_capacity(arr.len());
    let mut names = Names::default();
    for (i, item) in arr.iter().enumerate() {
        let (e, name) = entitlement(item, i)?;
        if !names.insert(name) {
            return Err(Error::malformed(format!(
                "entitlement \"{}\" appears twice in \"entitlementsAllowed\"",
                name.escape_debug()
            )));
        }
        out.push(e);
    }
    Ok(out)
}

/// An entitlement, and its name as the document holds it.
fn entitlement<'d>(v: Value<'d>, index: usize) -> Result<(Entitlement, &'d str), Error> {
    let at = |what: String| Error::malformed(format!("entitlementsAllowed[{index}]: {what}"));
    let obj = v
        .as_object()
        .ok_or_else(|| at(format!("must be an object, not a JSON {}", v.kind())))?;
    // One pass, as in `License::from_json`.
    let mut other = Vec::new();
    let mut known: [Option<Value<'_>>; ENTITLEMENT_KNOWN.len()] = [None; ENTITLEMENT_KNOWN.len()];
    for (name, value) in obj.iter() {
        match entitlement_known_index(name) {
            Some(i) => {
                if let Some(slot) = known.get_mut(i) {
                    *slot = Some(value);
                }
            }
            None => {
                refuse_case_variant(name, &ENTITLEMENT_KNOWN, "entitlement")
                    .map_err(|e| at(e.message().to_owned()))?;
                other.push((name.to_owned(), value.to_canonical()));
            }
        }
    }
    let [name_v, unit_v, value_v] = known;
    let field =
        |v: Option<Value<'d>>, name: &str, required: bool| -> Result<Option<&'d str>, Error> {
            match v {
                None if required => Err(at(format!("has no \"{name}\", which is required"))),
                None => Ok(None),
                Some(x) => x.as_str().map(Some).ok_or_else(|| {
                    at(format!(
                        "\"{name}\" must be a string, not a JSON {}",
                        x.kind()
                    ))
                }),
            }
        };
    let name = field(name_v, "name", true)?.unwrap_or_default();
    if name.is_empty() {
        return Err(at("has an empty \"name\"".to_owned()));
    }
    let unit = Unit::from_name(field(unit_v, "unit", true)?.unwrap_or_default());
    let value = field(value_v, "value", false)?;
    Ok((Entitlement::new(name, unit, value, other), name))
}

/// Refuses `name` if it is a case variant of one of `known`.
fn refuse_case_variant(name: &str, known: &[&str], place: &str) -> Result<(), Error> {
    match crate::json::case_variant_of(name, known) {
        None => Ok(()),
        Some(k) => Err(Error::malformed(format!(
            "the {place} has a member \"{}\", a case variant of \"{k}\"; member names \
             are case-sensitive and a variant is refused so that it cannot change what \
             another reader sees",
            name.escape_debug()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;

    fn parse(text: &str) -> Result<License, Error> {
        let doc = Document::parse(text.as_bytes())?;
        License::from_json(doc.root())
    }

    #[test]
    fn known_indices_match_the_lists() {
        for (i, name) in KNOWN.iter().enumerate() {
            assert_eq!(known_index(name), Some(i), "{name}");
        }
        for (i, name) in ENTITLEMENT_KNOWN.iter().enumerate() {
            assert_eq!(entitlement_known_index(name), Some(i), "{name}");
        }
        for name in ["", "NodeId", "nodeid", "licenseArn ", "names", "exp\0"] {
            assert_eq!(known_index(name), None, "{name:?}");
            assert_eq!(entitlement_known_index(name), None, "{name:?}");
        }
    }

    #[test]
    fn a_repeated_entitlement_is_found_among_many() {
        let doc = |names: &[String]| {
            let items: Vec<String> = names
                .iter()
                .map(|n| format!(r#"{{"name":"{n}","unit":"None"}}"#))
                .collect();
            format!(
                r#"{{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00Z","entitlementsAllowed":[{}]}}"#,
                items.join(",")
            )
        };
        let names: Vec<String> = (0..40).map(|i| format!("e{i}")).collect();
        assert_eq!(parse(&doc(&names)).unwrap().entitlements().len(), 40);
        // Each pair of positions on either side of FEW_ENTITLEMENTS.
        for (a, b) in [
            (0, 1),
            (0, 7),
            (6, 7),
            (7, 8),
            (0, 8),
            (8, 9),
            (3, 20),
            (9, 39),
        ] {
            let mut names = names.clone();
            names[b] = names[a].clone();
            let err = parse(&doc(&names)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{a} {b}");
            assert_eq!(
                err.message(),
                format!("entitlement \"e{a}\" appears twice in \"entitlementsAllowed\""),
                "{a} {b}"
            );
        }
    }

    const BASE: &str =
        r#""licenseArn":"arn:l-1","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]"#;

    fn with(extra: &str) -> Result<License, Error> {
        if extra.is_empty() {
            parse(&format!("{{{BASE}}}"))
        } else {
            parse(&format!("{{{BASE},{extra}}}"))
        }
    }

    #[test]
    fn known_is_in_the_order_from_json_unpacks() {
        // `License::from_json` destructures its per-name slots in this order.
        assert_eq!(
            KNOWN,
            [
                "checkoutMetadata",
                "entitlementsAllowed",
                "exp",
                "expiration",
                "iat",
                "issuedAt",
                "licenseArn",
                "licenseConsumptionToken",
                "nbf",
                "nodeId",
            ]
        );
        assert_eq!(ENTITLEMENT_KNOWN, ["name", "unit", "value"]);
    }

    #[test]
    fn reads_every_field() {
        let l = parse(
            r#"{"licenseArn":"arn:aws:license-manager::1:license:l-1",
                "licenseConsumptionToken":"tok","issuedAt":"2026-11-01T00:00:00",
                "expiration":"2027-11-01T00:00:00Z","nodeId":"100.20.15.10",
                "checkoutMetadata":{"b":"2","a":"1"},
                "entitlementsAllowed":[
                  {"name":"Seats","unit":"Count","value":"25"},
                  {"name":"Export","unit":"None","value":"true","note":{"x":1}},
                  {"name":"Rate","unit":"Count/Second","value":"7"},
                  {"name":"Odd","unit":"Furlongs","value":"3"},
                  {"name":"Flag","unit":"None"}],
                "exp":1900000000,"nbf":1700000000.5,"iat":1700000000,
                "vendorData":[1,{"b":true,"a":null}]}"#,
        )
        .unwrap();
        assert_eq!(l.license_arn(), "arn:aws:license-manager::1:license:l-1");
        assert_eq!(l.consumption_token(), Some("tok"));
        assert_eq!(l.issued_at().to_string(), "2026-11-01T00:00:00Z");
        assert_eq!(l.expiration().unwrap().to_string(), "2027-11-01T00:00:00Z");
        assert_eq!(
            l.not_after(),
            l.expiration(),
            "the earlier of expiration and exp"
        );
        assert_eq!(l.not_before(), l.issued_at());
        assert_eq!(l.node_id(), Some("100.20.15.10"));
        assert_eq!(
            l.checkout_metadata().collect::<Vec<_>>(),
            [("a", "1"), ("b", "2")]
        );
        assert_eq!(l.entitlement("Seats").unwrap().count().unwrap(), 25);
        assert!(l.entitlement("Export").unwrap().boolean().unwrap());
        assert_eq!(
            l.entitlement("Export").unwrap().other("note"),
            Some(&br#"{"x":1}"#[..])
        );
        assert_eq!(l.entitlement("Rate").unwrap().unit(), &Unit::CountPerSecond);
        assert_eq!(l.entitlement("Rate").unwrap().count().unwrap(), 7);
        let odd = l.entitlement("Odd").unwrap();
        assert_eq!(odd.unit(), &Unit::Other("Furlongs".into()));
        assert_eq!(odd.count().unwrap_err().kind(), ErrorKind::Malformed);
        assert_eq!(l.entitlement("Flag").unwrap().value(), None);
        assert_eq!(
            l.entitlement("Flag").unwrap().text().unwrap_err().kind(),
            ErrorKind::Malformed
        );
        assert_eq!(
            l.entitlement("seats").unwrap_err().context(),
            &Context::MissingEntitlement {
                name: "seats".into()
            }
        );
        assert_eq!(
            l.other("vendorData"),
            Some(&br#"[1,{"a":null,"b":true}]"#[..])
        );
        assert_eq!(l.others().count(), 1);
        let claims = l.jwt_claims();
        assert_eq!(claims.nbf.unwrap().subsec_nanos(), 500_000_000);
    }

    #[test]
    fn twenty_seven_units() {
        assert_eq!(Unit::AWS_NAMES.len(), 27);
        for name in Unit::AWS_NAMES {
            let u = Unit::from_name(name);
            assert!(!matches!(u, Unit::Other(_)), "{name}");
            assert_eq!(u.as_str(), name);
            assert_eq!(u.is_numeric(), name != "None");
        }
        assert_eq!(Unit::from_name("count"), Unit::Other("count".into()));
    }

    #[test]
    fn count_is_strict() {
        let e = |v: &str| {
            let l = parse(&format!(
                r#"{{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[{{"name":"S","unit":"Count","value":{v}}}]}}"#
            ))?;
            l.entitlement("S")?.count()
        };
        assert_eq!(e(r#""0""#).unwrap(), 0);
        assert_eq!(e(r#""18446744073709551615""#).unwrap(), u64::MAX);
        for bad in [
            r#""""#,
            r#""-1""#,
            r#""+1""#,
            r#""01""#,
            r#"" 1""#,
            r#""1.0""#,
            r#""18446744073709551616""#,
            r#""１""#,
        ] {
            assert_eq!(e(bad).unwrap_err().kind(), ErrorKind::Malformed, "{bad}");
        }
        // A number where AWS writes a string is the wrong type, not a count.
        assert_eq!(e("5").unwrap_err().kind(), ErrorKind::Malformed);
    }

    #[test]
    fn refuses_wrong_shapes() {
        let cases: &[(&str, &str)] = &[
            (r#"[]"#, "not an object"),
            (
                r#"{"issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#,
                "licenseArn",
            ),
            (r#"{"licenseArn":"a","entitlementsAllowed":[]}"#, "issuedAt"),
            (
                r#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00"}"#,
                "entitlementsAllowed",
            ),
            (
                r#"{"licenseArn":"","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#,
                "empty",
            ),
            (
                r#"{"licenseArn":7,"issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#,
                "not a JSON number",
            ),
        ];
        for (text, msg) in cases {
            let err = parse(text).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{text}");
            assert!(err.message().contains(msg), "{text}: {err}");
        }
        for extra in [
            r#""expiration":null"#,
            r#""expiration":1900000000"#,
            r#""expiration":"2027-11-01""#,
            r#""nodeId":null"#,
            r#""nodeId":""#,
            r#""nodeId":42"#,
            r#""licenseConsumptionToken":false"#,
            r#""checkoutMetadata":{"a":1}"#,
            r#""checkoutMetadata":[]"#,
            r#""exp":"1900000000""#,
            r#""exp":null"#,
            r#""nbf":1e300"#,
            r#""iat":true"#,
        ] {
            assert_eq!(
                with(extra).unwrap_err().kind(),
                ErrorKind::Malformed,
                "{extra}"
            );
        }
        for list in [
            r#"{}"#,
            r#"[1]"#,
            r#"[{"unit":"Count","value":"1"}]"#,
            r#"[{"name":"S","value":"1"}]"#,
            r#"[{"name":"","unit":"Count"}]"#,
            r#"[{"name":"S","unit":"Count","value":1}]"#,
            r#"[{"name":"S","unit":"Count","value":null}]"#,
            r#"[{"name":"S","unit":"Count"},{"name":"S","unit":"None"}]"#,
            r#"[{"name":"S","unit":"Count","Value":"1"}]"#,
            r#"[{"name":"S","unit":"Count","NAME":"T"}]"#,
        ] {
            let text = format!(
                r#"{{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":{list}}}"#
            );
            assert_eq!(
                parse(&text).unwrap_err().kind(),
                ErrorKind::Malformed,
                "{list}"
            );
        }
    }

    #[test]
    fn refuses_case_variants_of_known_names() {
        for extra in [
            r#""NodeId":"n""#,
            r#""NODEID":"n""#,
            r#""Expiration":"2020-01-01T00:00:00""#,
            r#""IssuedAt":"2020-01-01T00:00:00""#,
            r#""EXP":1"#,
            r#""nodeıd":"n""#, // dotless i uppercases to I
            r#""nbF":1"#,
            r#""licenseConsumptionTo\u212Aen":"t""#, // Kelvin sign lowercases to k
            r#""licenſeArn":"x""#,                   // long s uppercases to S
            r#""entitlementsallowed":[]"#,
        ] {
            let err = with(extra).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{extra}");
            assert!(err.message().contains("case variant"), "{extra}: {err}");
        }
        // Different names are simply kept.
        let l = with(r#""nodeIds":"n","node_id":"m","\u212Aey":1"#).unwrap();
        assert_eq!(l.others().count(), 3);
        assert_eq!(l.node_id(), None);
    }
}
