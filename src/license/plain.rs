//! The license document as signers write a token's payload, read without the general
//! JSON parser.
//!
//! A token's payload is some 500 bytes of compact JSON in one shape. Parsing it onto a
//! tape and then reading the license off the tape was three fifths of licsig's own
//! cost per token. [`License::from_plain_json`] reads that shape in one pass and hands
//! everything else — every error included — to the general path, which then reads the
//! document and reports what is wrong with it. So this path decides nothing: on every
//! text it accepts, the general path gives the same license
//! (`plain_document_agrees_with_the_parser` and the `license` fuzz target hold the two
//! together).

use core::cmp::Ordering;

use super::{own_text, Entitlement, License, Names, Unit};
use crate::json::{self, Limits};
use crate::span::Span;
use crate::time::Time;

/// How deep the shape read here nests: the document, `entitlementsAllowed`, an
/// entitlement.
const DEPTH: usize = 3;

impl License {
    /// Reads the plain shape, or returns `None`:
    ///
    /// - compact (no whitespace), valid UTF-8, within `limits`;
    /// - every string free of escapes, quotes and control characters;
    /// - only the members licsig reads, but the numeric claims (`exp`, `nbf`, `iat`),
    ///   each once, in any order; the same for an entitlement's `name`, `unit` and
    ///   `value`, all strings;
    /// - `checkoutMetadata` an object of strings with its names in RFC 8785 order;
    /// - a document the rules of [`License::from_json`] accept.
    pub(crate) fn from_plain_json(json: &[u8], limits: &Limits) -> Option<Self> {
        Self::read_plain(json, limits, false)
    }

    /// Reads a license object as signers write one into a license file or beside a
    /// detached signature — the plain shape, its members at every level in RFC 8785
    /// order, with any JSON whitespace between tokens — at the start of `json`. Returns
    /// the license, its RFC 8785 form (the object without that whitespace) and how many
    /// bytes of `json` the object took; or `None`, for anything else.
    ///
    /// `licsig sign` writes license files this way, and so does a JSON library that
    /// sorts keys (Python's `sort_keys=True`, serde_json's default map).
    pub(crate) fn from_ordered_json(
        json: &[u8],
        limits: &Limits,
    ) -> Option<(Self, Vec<u8>, usize)> {
        // In order, the first member is `entitlementsAllowed` (the smallest of the
        // required members) or the one optional member before it: an object that
        // starts otherwise, as one in the order License Manager lists the members does
        // (`licenseArn` first), is left before the whitespace pass.
        let inside = json.strip_prefix(b"{")?;
        let first = inside.get(inside.iter().position(|&b| !json::is_whitespace(b))?..)?;
        if !first.starts_with(b"\"checkoutMetadata\"")
            && !first.starts_with(b"\"entitlementsAllowed\"")
        {
            return None;
        }
        let (canonical, used) = without_whitespace(json)?;
        let license = Self::read_plain(&canonical, limits, true)?;
        Some((license, canonical, used))
    }

    /// The plain shape; with `ordered`, also the members of the document and of each
    /// entitlement in RFC 8785 order (the metadata's always are).
    fn read_plain(json: &[u8], limits: &Limits, ordered: bool) -> Option<Self> {
        if json.len() > limits.max_bytes || limits.max_depth < DEPTH {
            return None;
        }
        let mut r = Reader(core::str::from_utf8(json).ok()?);
        let mut license_arn = None;
        let mut issued_at = None;
        let mut expiration = None;
        let mut consumption_token = None;
        let mut node_id = None;
        let mut metadata = None;
        let mut entitlements = None;
        let mut last = None;
        r.eat(b'{')?;
        loop {
            let member = r.member()?;
            if ordered && last >= Some(member) {
                return None;
            }
            last = Some(member);
            let fresh = match member {
                Member::LicenseArn => license_arn.replace(r.string()?).is_none(),
                Member::IssuedAt => issued_at.replace(r.string()?).is_none(),
                Member::Expiration => expiration.replace(r.string()?).is_none(),
                Member::ConsumptionToken => consumption_token.replace(r.string()?).is_none(),
                Member::NodeId => node_id.replace(r.string()?).is_none(),
                Member::CheckoutMetadata => metadata.replace(r.metadata()?).is_none(),
                Member::Entitlements => entitlements.replace(r.entitlements(ordered)?).is_none(),
            };
            if !fresh {
                return None;
            }
            if r.end_of(b'}')? {
                break;
            }
        }
        if !r.0.is_empty() {
            return None;
        }
        let non_empty = |s: &str| (!s.is_empty()).then_some(());
        let license_arn = license_arn?;
        non_empty(license_arn)?;
        if let Some(node) = node_id {
            non_empty(node)?;
        }
        let time = |s: &str| Time::parse(s).ok();
        let issued_at = time(issued_at?)?;
        let expiration = match expiration {
            None => None,
            Some(s) => Some(time(s)?),
        };
        let metadata = metadata.unwrap_or_default();
        let (mut text, license_arn, consumption_token, node_id) = own_text(
            license_arn,
            consumption_token,
            node_id,
            metadata.inside.len(),
        );
        let mut checkout_metadata = Vec::with_capacity(metadata.members);
        match metadata.first.get(..metadata.members) {
            Some(first) => {
                for &(k, v) in first {
                    checkout_metadata.push((Span::push(&mut text, k), Span::push(&mut text, v)));
                }
            }
            None => {
                // More than the first few: read again, with no check left to fail.
                let mut m = Reader(metadata.inside);
                while let (Some(k), Some(_), Some(v)) = (m.string(), m.eat(b':'), m.string()) {
                    checkout_metadata.push((Span::push(&mut text, k), Span::push(&mut text, v)));
                    m.eat(b',');
                }
            }
        }
        Some(Self {
            text,
            license_arn,
            issued_at,
            expiration,
            consumption_token,
            node_id,
            checkout_metadata,
            entitlements: entitlements?,
            exp: None,
            nbf: None,
            iat: None,
            other: Vec::new(),
        })
    }
}

/// The object at the start of `json` with the whitespace between its tokens left out,
/// and the object's length in `json`; `None` if `json` does not start with `{`, if a
/// string in it holds an escape or a control character, if it nests deeper than
/// [`DEPTH`] or if it does not end. Which tokens there are is left to the reader:
/// dropping whitespace changes no meaning in a text of strings, objects and arrays.
fn without_whitespace(json: &[u8]) -> Option<(Vec<u8>, usize)> {
    if json.first() != Some(&b'{') {
        return None;
    }
    let mut out = Vec::with_capacity(json.len());
    let mut depth = 0_usize;
    let mut at = 0;
    while let Some(&byte) = json.get(at) {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {
                at += 1;
                continue;
            }
            b'"' => {
                let rest = json.get(at + 1..)?;
                let end = json::plain_run(rest);
                if rest.get(end) != Some(&b'"') {
                    return None;
                }
                let string = at..at + end + 2;
                at = string.end;
                out.extend_from_slice(json.get(string)?);
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > DEPTH {
                    return None;
                }
            }
            b'}' | b']' => {
                // The first byte opened, and the object ends when depth comes back
                // to zero: depth is at least one here.
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    out.push(byte);
                    return Some((out, at + 1));
                }
            }
            _ => {}
        }
        out.push(byte);
        at += 1;
    }
    None
}

/// A member of the document that this path reads, in RFC 8785 order: every name is
/// ASCII, where that is byte order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Member {
    CheckoutMetadata,
    Entitlements,
    Expiration,
    IssuedAt,
    LicenseArn,
    ConsumptionToken,
    NodeId,
}

/// `checkoutMetadata`, read.
#[derive(Default)]
struct Metadata<'d> {
    /// What is between the braces: `"name":"value"`, separated by commas.
    inside: &'d str,
    members: usize,
    /// The first [`Metadata::FIRST`] members, so that a usual license's metadata is
    /// not read twice.
    first: [(&'d str, &'d str); Metadata::FIRST],
}

impl Metadata<'_> {
    const FIRST: usize = 4;
}

/// The rest of the document.
struct Reader<'d>(&'d str);

impl<'d> Reader<'d> {
    /// Takes `"name":` of a member this path reads: the name picked by a letter or
    /// two, then matched whole (with its quotes, so nothing longer matches).
    fn member(&mut self) -> Option<Member> {
        let bytes = self.0.as_bytes();
        let (member, text): (_, &[u8]) = match (bytes.get(1)?, bytes.get(8)?) {
            (b'c', _) => (Member::CheckoutMetadata, b"\"checkoutMetadata\":"),
            (b'e', b'i') => (Member::Expiration, b"\"expiration\":"),
            (b'e', _) => (Member::Entitlements, b"\"entitlementsAllowed\":"),
            (b'i', _) => (Member::IssuedAt, b"\"issuedAt\":"),
            (b'l', b'A') => (Member::LicenseArn, b"\"licenseArn\":"),
            (b'l', _) => (Member::ConsumptionToken, b"\"licenseConsumptionToken\":"),
            (b'n', _) => (Member::NodeId, b"\"nodeId\":"),
            _ => return None,
        };
        if !bytes.starts_with(text) {
            return None;
        }
        // All ASCII: the slice is on a character boundary.
        self.0 = self.0.get(text.len()..)?;
        Some(member)
    }

    /// Takes `byte`.
    fn eat(&mut self, byte: u8) -> Option<()> {
        let rest = self.0.strip_prefix(char::from(byte))?;
        self.0 = rest;
        Some(())
    }

    /// Takes `,` (false: more follows) or `close` (true).
    fn end_of(&mut self, close: u8) -> Option<bool> {
        let more = self.eat(b',').is_some();
        if !more {
            self.eat(close)?;
        }
        Some(!more)
    }

    /// Takes a string without escapes and returns its content.
    fn string(&mut self) -> Option<&'d str> {
        let rest = self.0.strip_prefix('"')?;
        let end = json::plain_run(rest.as_bytes());
        // The run stops at an ASCII byte, so both slices are on character boundaries.
        let (content, rest) = (rest.get(..end)?, rest.get(end..)?);
        self.0 = rest.strip_prefix('"')?;
        Some(content)
    }

    /// Takes `checkoutMetadata`'s object.
    fn metadata(&mut self) -> Option<Metadata<'d>> {
        self.eat(b'{')?;
        let mut metadata = Metadata {
            inside: self.0,
            members: 0,
            first: [("", ""); Metadata::FIRST],
        };
        if self.eat(b'}').is_some() {
            metadata.inside = "";
            return Some(metadata);
        }
        let mut last: Option<&str> = None;
        loop {
            let name = self.string()?;
            // In order, which also means no name twice.
            if last.is_some_and(|last| json::cmp_utf16(last, name) != Ordering::Less) {
                return None;
            }
            last = Some(name);
            self.eat(b':')?;
            let value = self.string()?;
            if let Some(slot) = metadata.first.get_mut(metadata.members) {
                *slot = (name, value);
            }
            metadata.members += 1;
            if self.end_of(b'}')? {
                break;
            }
        }
        let inside = metadata.inside;
        metadata.inside = inside.get(..inside.len().checked_sub(self.0.len() + 1)?)?;
        Some(metadata)
    }

    /// Takes `entitlementsAllowed`'s array and reads its entitlements.
    fn entitlements(&mut self, ordered: bool) -> Option<Vec<Entitlement>> {
        self.eat(b'[')?;
        // Room for a usual license's, without growing from one.
        let mut out = Vec::with_capacity(4);
        if self.eat(b']').is_some() {
            return Some(out);
        }
        let mut names = Names::default();
        loop {
            let (name, unit, value) = self.entitlement(ordered)?;
            if name.is_empty() || !names.insert(name) {
                return None;
            }
            out.push(Entitlement::new(
                name,
                Unit::from_name(unit),
                value,
                Vec::new(),
            ));
            if self.end_of(b']')? {
                break;
            }
        }
        Some(out)
    }

    /// The rest of an entitlement in the order signers write it, `"name":"…",
    /// "unit":"…"` and optionally `,"value":"…"`, then `}`, taken without reading the
    /// member names as strings; `None` (and nothing taken) for anything else.
    fn usual_entitlement(&mut self) -> Option<(&'d str, &'d str, Option<&'d str>)> {
        let mut r = Reader(self.0.strip_prefix("\"name\":")?);
        let name = r.string()?;
        r.0 = r.0.strip_prefix(",\"unit\":")?;
        let unit = r.string()?;
        let value = match r.0.strip_prefix(",\"value\":") {
            Some(rest) => {
                r.0 = rest;
                Some(r.string()?)
            }
            None => None,
        };
        r.0 = r.0.strip_prefix('}')?;
        *self = r;
        Some((name, unit, value))
    }

    /// Takes an entitlement of `name`, `unit` and optionally `value`; with `ordered`,
    /// in that order.
    fn entitlement(&mut self, ordered: bool) -> Option<(&'d str, &'d str, Option<&'d str>)> {
        self.eat(b'{')?;
        if let Some(usual) = self.usual_entitlement() {
            return Some(usual);
        }
        let (mut name, mut unit, mut value) = (None, None, None);
        let mut last = "";
        loop {
            let member = self.string()?;
            if ordered && member <= last {
                return None;
            }
            last = member;
            let slot = match member {
                "name" => &mut name,
                "unit" => &mut unit,
                "value" => &mut value,
                _ => return None,
            };
            self.eat(b':')?;
            if slot.replace(self.string()?).is_some() {
                return None;
            }
            if self.end_of(b'}')? {
                break;
            }
        }
        Some((name?, unit?, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Document;
    use crate::Error;
    use proptest::prelude::*;

    fn general(json: &[u8], limits: &Limits) -> Result<License, Error> {
        License::from_json(Document::parse_with(json, limits)?.root())
    }

    const DOC: &str = concat!(
        r#"{"licenseArn":"arn:l-1","licenseConsumptionToken":"t","#,
        r#""issuedAt":"2026-11-22T09:14:03.000Z","expiration":"2026-11-23T09:14:03Z","#,
        r#""nodeId":"i-0a1b","checkoutMetadata":{"Env":"prod","Région":"eu"},"#,
        r#""entitlementsAllowed":[{"name":"Seats","unit":"Count","value":"25"},"#,
        r#"{"value":"true","unit":"None","name":"Export"},{"name":"F","unit":"Furlongs"}]}"#,
    );

    #[test]
    fn reads_a_token_payload() {
        let limits = Limits::default();
        let fast = License::from_plain_json(DOC.as_bytes(), &limits).unwrap();
        assert_eq!(fast, general(DOC.as_bytes(), &limits).unwrap());
        assert_eq!(fast.license_arn(), "arn:l-1");
        assert_eq!(fast.consumption_token(), Some("t"));
        assert_eq!(fast.node_id(), Some("i-0a1b"));
        assert_eq!(fast.issued_at().to_string(), "2026-11-22T09:14:03Z");
        assert_eq!(
            fast.checkout_metadata().collect::<Vec<_>>(),
            [("Env", "prod"), ("Région", "eu")]
        );
        let names: Vec<_> = fast.entitlements().iter().map(Entitlement::name).collect();
        assert_eq!(names, ["Seats", "Export", "F"]);
        assert_eq!(fast.entitlement("F").unwrap().unit().as_str(), "Furlongs");
        assert_eq!(fast.entitlement("F").unwrap().value(), None);
        for minimal in [
            r#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#,
            r#"{"entitlementsAllowed":[],"issuedAt":"2026-11-01T00:00:00Z","licenseArn":"a","checkoutMetadata":{}}"#,
            // As many metadata members as are kept from the first reading, and more,
            // which are read again.
            r#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[],"checkoutMetadata":{"a":"1","b":"","c":"3","d":"4"}}"#,
            r#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[],"checkoutMetadata":{"a":"1","b":"","c":"3","d":"4","e":"é","f":"6"}}"#,
        ] {
            let fast = License::from_plain_json(minimal.as_bytes(), &limits);
            assert_eq!(
                fast,
                Some(general(minimal.as_bytes(), &limits).unwrap()),
                "{minimal}"
            );
        }
    }

    #[test]
    fn members_are_picked_whole_and_ordered_as_rfc8785_orders_their_names() {
        let members = [
            ("licenseArn", Member::LicenseArn),
            ("issuedAt", Member::IssuedAt),
            ("expiration", Member::Expiration),
            ("licenseConsumptionToken", Member::ConsumptionToken),
            ("nodeId", Member::NodeId),
            ("checkoutMetadata", Member::CheckoutMetadata),
            ("entitlementsAllowed", Member::Entitlements),
        ];
        for (name, member) in members {
            let text = format!("\"{name}\":\"x\"");
            let mut r = Reader(&text);
            assert_eq!(r.member(), Some(member), "{name}");
            assert_eq!(r.0, "\"x\"");
            // One byte more, one less, or a name with its quote escaped: not a member.
            for other in [
                format!("\"{name}x\":\"x\""),
                format!("\"{}\":\"x\"", &name[..name.len() - 1]),
                format!("\"{name}\\\":\"x\""),
                format!("\"{name}\"  :\"x\""),
            ] {
                assert!(Reader(&other).member().is_none(), "{other}");
            }
            for (other_name, other) in members {
                assert_eq!(
                    name.cmp(other_name),
                    member.cmp(&other),
                    "{name} {other_name}"
                );
            }
        }
    }

    #[test]
    fn leaves_every_other_document_to_the_general_path() {
        let limits = Limits::default();
        let base = r#""licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]"#;
        let seats = r#"{"name":"S","unit":"Count","value":"1"}"#;
        let with = |extra: &str| format!("{{{base},{extra}}}");
        let listing = |list: &str| {
            format!(
                r#"{{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":{list}}}"#
            )
        };
        let cases = [
            // Not the shape: whitespace, escapes, other members, other types.
            format!("{{ {base}}}"),
            format!("{{{base}}} "),
            format!("{{{base}}}\n"),
            format!("\u{feff}{{{base}}}"),
            with(r#""nodeId": "n""#),
            with(r#""nodeId":"n\u0041""#),
            with(r#""node\u0049d":"n""#),
            with(r#""exp":1900000000"#),
            with(r#""nbf":1"#),
            with(r#""iat":1"#),
            with(r#""vendor":"x""#),
            with(r#""NodeId":"n""#),
            with(r#""nodeId":null"#),
            with(r#""nodeId":7"#),
            with(r#""checkoutMetadata":[]"#),
            with(r#""checkoutMetadata":{"a":1}"#),
            with(r#""checkoutMetadata":{"b":"1","a":"2"}"#),
            with(r#""checkoutMetadata":{"a":"1","a":"2"}"#),
            with(r#""checkoutMetadata":{"a":"1","a":"1"}"#),
            // Bytes order U+E000 before U+10000; UTF-16 (RFC 8785) the other way.
            with("\"checkoutMetadata\":{\"\u{e000}\":\"1\",\"\u{10000}\":\"2\"}"),
            format!("{{{base},}}"),
            format!("{{{base}"),
            format!("{{{base}}}}}"),
            format!("{{{base}}}x"),
            "{}".to_owned(),
            "[]".to_owned(),
            String::new(),
            // Each member once.
            with(r#""licenseArn":"b""#),
            with(r#""entitlementsAllowed":[]"#),
            with(r#""checkoutMetadata":{},"checkoutMetadata":{}"#),
            with(r#""nodeId":"n","nodeId":"n""#),
            // The shape, but a document the rules refuse.
            r#"{"issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#.to_owned(),
            r#"{"licenseArn":"a","entitlementsAllowed":[]}"#.to_owned(),
            r#"{"licenseArn":"a","issuedAt":"2026-11-01T00:00:00"}"#.to_owned(),
            r#"{"licenseArn":"","issuedAt":"2026-11-01T00:00:00","entitlementsAllowed":[]}"#
                .to_owned(),
            r#"{"licenseArn":"a","issuedAt":"2026-13-01T00:00:00","entitlementsAllowed":[]}"#
                .to_owned(),
            with(r#""expiration":"tomorrow""#),
            with(r#""nodeId":"""#),
            // Entitlements.
            listing("{}"),
            listing("[{}]"),
            listing("[1]"),
            listing(&format!("[{seats},]")),
            listing(&format!("[{seats},{seats}]")),
            listing(r#"[{"name":"","unit":"Count"}]"#),
            listing(r#"[{"name":"S"}]"#),
            listing(r#"[{"unit":"Count"}]"#),
            listing(r#"[{"name":"S","unit":"Count","name":"T"}]"#),
            listing(r#"[{"name":"S","unit":"Count","value":1}]"#),
            listing(r#"[{"name":"S","unit":"Count","note":"x"}]"#),
            listing(r#"[{"name":"S","unit":"Count","Value":"1"}]"#),
            listing(r#"[{"name":"S","unit":"Co\"unt"}]"#),
            listing(r#"[{"name":"S","unit":"Count"} ]"#),
        ];
        for json in &cases {
            assert_eq!(
                License::from_plain_json(json.as_bytes(), &limits),
                None,
                "{json}"
            );
        }
        for bad_utf8 in [
            &b"{\"licenseArn\":\"\xFF\"}"[..],
            b"{\"licenseArn\":\"\xC3\"}",
        ] {
            assert_eq!(License::from_plain_json(bad_utf8, &limits), None);
        }
        // The limits: the general path reports them.
        let doc = DOC.as_bytes();
        for limits in [
            Limits {
                max_depth: 2,
                ..limits
            },
            Limits {
                max_bytes: doc.len() - 1,
                ..limits
            },
        ] {
            assert_eq!(License::from_plain_json(doc, &limits), None);
            assert!(general(doc, &limits).is_err());
        }
        let exact = Limits {
            max_bytes: doc.len(),
            max_depth: DEPTH,
        };
        assert!(License::from_plain_json(doc, &exact).is_some());
    }

    /// The general path's license and RFC 8785 form of a document.
    fn general_canonical(json: &[u8], limits: &Limits) -> Result<(License, Vec<u8>), Error> {
        let doc = Document::parse_with(json, limits)?;
        Ok((License::from_json(doc.root())?, doc.root().to_canonical()))
    }

    /// `DOC` with its members in RFC 8785 order at every level.
    const ORDERED: &str = concat!(
        r#"{"checkoutMetadata":{"Env":"prod","Région":"eu"},"#,
        r#""entitlementsAllowed":[{"name":"Seats","unit":"Count","value":"25"},"#,
        r#"{"name":"Export","unit":"None","value":"true"},{"name":"F","unit":"Furlongs"}],"#,
        r#""expiration":"2026-11-23T09:14:03Z","issuedAt":"2026-11-22T09:14:03.000Z","#,
        r#""licenseArn":"arn:l-1","licenseConsumptionToken":"t","nodeId":"i-0a1b"}"#,
    );

    #[test]
    fn reads_an_ordered_license_in_any_layout() {
        let limits = Limits::default();
        let expected = general(DOC.as_bytes(), &limits).unwrap();
        for gaps in [
            &[][..],
            &["\n  "],
            &[" ", "", "\t", "\r\n", "    \n"],
            &["", "", "", " \n \t \r "],
        ] {
            let text = json::spaced(ORDERED, gaps);
            // The object is read up to its closing brace; what follows is the caller's.
            let object = text.trim_end();
            let followed = format!("{object} ,\"signatures\":[]}}");
            let (license, canonical, used) =
                License::from_ordered_json(followed.as_bytes(), &limits).unwrap();
            assert_eq!(license, expected, "{text:?}");
            assert_eq!(canonical, ORDERED.as_bytes(), "{text:?}");
            assert_eq!(used, object.len(), "{text:?}");
            assert_eq!(
                general_canonical(object.as_bytes(), &limits),
                Ok((license, canonical))
            );
        }
        // Whitespace inside strings is content.
        let spaced_value = ORDERED.replace("prod", "p r\u{a0}od");
        let (license, canonical, _) =
            License::from_ordered_json(json::spaced(&spaced_value, &[" "]).as_bytes(), &limits)
                .unwrap();
        assert_eq!(canonical, spaced_value.as_bytes());
        assert_eq!(
            license.checkout_metadata().next(),
            Some(("Env", "p r\u{a0}od"))
        );
    }

    #[test]
    fn leaves_unordered_and_unusual_objects_to_the_general_path() {
        let limits = Limits::default();
        let base = r#""issuedAt":"2026-11-01T00:00:00","licenseArn":"a""#;
        let listing = |list: &str| format!(r#"{{"entitlementsAllowed":{list},{base}}}"#);
        let cases = [
            // Out of order, or a member twice.
            DOC.to_owned(),
            format!(r#"{{{base},"entitlementsAllowed":[]}}"#),
            r#"{"entitlementsAllowed":[],"licenseArn":"a","issuedAt":"2026-11-01T00:00:00"}"#
                .to_owned(),
            format!(r#"{{"entitlementsAllowed":[],"entitlementsAllowed":[],{base}}}"#),
            listing(r#"[{"unit":"None","name":"S"}]"#),
            listing(r#"[{"name":"S","value":"1","unit":"None"}]"#),
            listing(r#"[{"name":"S","name":"S","unit":"None"}]"#),
            format!(
                r#"{{"checkoutMetadata":{{"b":"1","a":"2"}},"entitlementsAllowed":[],{base}}}"#
            ),
            // Not JSON whitespace, or not between tokens.
            listing("[]").replace(',', "\u{c},"),
            listing("[]").replace(',', "\u{a0},"),
            format!("\u{feff}{}", listing("[]")),
            format!(" {}", listing("[]")),
            listing("[]").replace("licenseArn", "license Arn"),
            listing("[]").replace("\"a\"", "\"a\n\""),
            // Escapes, other values, depth, an object that does not end.
            listing("[]").replace("\"a\"", r#""\u0061""#),
            listing("[]").replace("\"a\"", "7"),
            listing(r#"[{"name":"S","unit":"None","value":{"x":"1"}}]"#),
            listing("[[]]"),
            listing("[]").trim_end_matches('}').to_owned(),
            listing(r#"[{"name":"S","unit":"None"}"#),
            "{\"a\":\"".to_owned(),
            "[]".to_owned(),
            String::new(),
        ];
        for json in &cases {
            assert_eq!(
                License::from_ordered_json(json.as_bytes(), &limits),
                None,
                "{json}"
            );
        }
        let text = json::spaced(ORDERED, &[" "]);
        let shallow = Limits {
            max_depth: 2,
            ..limits
        };
        assert_eq!(License::from_ordered_json(text.as_bytes(), &shallow), None);
        // The limit on bytes applies to the canonical form, which the general path
        // bounds too (it never grows a text without escapes).
        let small = Limits {
            max_bytes: ORDERED.len() - 1,
            ..limits
        };
        assert_eq!(License::from_ordered_json(text.as_bytes(), &small), None);
    }

    /// A JSON string of `s`, without escapes: `s` holds none of `"`, `\` and control
    /// characters.
    fn quoted(s: &str) -> String {
        format!("\"{s}\"")
    }

    fn member(name: &str, value: &str) -> String {
        format!("{}:{value}", quoted(name))
    }

    /// `checkoutMetadata` holding `m`, its names in RFC 8785 order.
    fn metadata_object(m: &std::collections::BTreeMap<String, String>) -> String {
        let mut names: Vec<&String> = m.keys().collect();
        names.sort_by(|a, b| json::cmp_utf16(a, b));
        let pairs: Vec<String> = names.iter().map(|k| member(k, &quoted(&m[*k]))).collect();
        format!("{{{}}}", pairs.join(","))
    }

    /// A text without quote, backslash or control character.
    fn plain_text(min: usize) -> impl Strategy<Value = String> {
        proptest::string::string_regex(&format!(
            "[a-zA-Z0-9:./ é€\u{e000}\u{10000}😀-]{{{min},12}}"
        ))
        .unwrap()
    }

    fn time() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "2026-11-01T00:00:00",
            "2026-11-22T09:14:03.000Z",
            "2027-02-28T23:59:59+05:30",
            "2026-11-01T00:00:00.5-08:00",
        ])
    }

    fn unit() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(Unit::AWS_NAMES.to_vec()).prop_map(str::to_owned),
            plain_text(0),
        ]
    }

    fn entitlement() -> impl Strategy<Value = String> {
        (unit(), proptest::option::of(plain_text(0)), any::<bool>()).prop_map(
            |(unit, value, unit_first)| {
                let mut parts = vec![member("unit", &quoted(&unit))];
                if let Some(v) = value {
                    parts.push(member("value", &quoted(&v)));
                }
                if unit_first {
                    parts.reverse();
                }
                parts.join(",")
            },
        )
    }

    /// `entitlementsAllowed` values, half of them of the plain shape.
    const ENTITLEMENT_LISTS: [&str; 16] = [
        "[]",
        "[]",
        r#"[{"name":"S","unit":"Count","value":"1"}]"#,
        r#"[{"name":"S","unit":"Count","value":"1"}]"#,
        r#"[{"unit":"None","name":"S"},{"name":"T","value":"x","unit":"None"}]"#,
        r#"[{"name":"é","unit":"Furlongs"},{"name":"e","unit":""}]"#,
        r#"[{"name":"S","unit":"None"},{"name":"SA","unit":"None"},{"name":"s","unit":"None"}]"#,
        r#"[{"name":"e1","unit":"None"},{"name":"e2","unit":"None"},{"name":"e3","unit":"None"},{"name":"e4","unit":"None"},{"name":"e5","unit":"None"},{"name":"e6","unit":"None"},{"name":"e7","unit":"None"},{"name":"e8","unit":"None"},{"name":"e9","unit":"None"},{"name":"e2","unit":"None"}]"#,
        r#"[{"name":"S","unit":"Count"},{"name":"S","unit":"None"}]"#,
        r#"[{"name":"S","unit":"Count","name":"T"}]"#,
        r#"[{"name":"","unit":"Count"}]"#,
        r#"[{"name":"S","unit":"Count","value":1}]"#,
        r#"[{"name":"S","unit":"Count","note":"x"}]"#,
        r#"[{"name":"S","value":"1"}]"#,
        r#"[{"name":"S\u0041","unit":"None"},{"name":"SA","unit":"None"}]"#,
        r#"{"name":"S","unit":"Count"}"#,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Documents of the plain shape, their members in any order, each entitlement
        /// with a distinct name: the fast path reads every one of them, to the same
        /// license as the general path.
        #[test]
        fn plain_documents_take_the_fast_path(
            arn in plain_text(1),
            issued in time(),
            expiration in proptest::option::of(time()),
            token in proptest::option::of(plain_text(0)),
            node in proptest::option::of(plain_text(1)),
            metadata in proptest::option::of(proptest::collection::btree_map(plain_text(0), plain_text(0), 0..7)),
            entitlements in proptest::collection::vec(entitlement(), 0..12),
            order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
        ) {
            let items: Vec<String> = entitlements
                .iter()
                .enumerate()
                .map(|(i, rest)| format!("{{{},{rest}}}", member("name", &quoted(&format!("e{i}")))))
                .collect();
            let metadata = metadata.as_ref().map(metadata_object);
            let members = [
                Some(member("licenseArn", &quoted(&arn))),
                Some(member("issuedAt", &quoted(issued))),
                expiration.map(|t| member("expiration", &quoted(t))),
                token.map(|t| member("licenseConsumptionToken", &quoted(&t))),
                node.map(|n| member("nodeId", &quoted(&n))),
                metadata.map(|m| member("checkoutMetadata", &m)),
                Some(member("entitlementsAllowed", &format!("[{}]", items.join(",")))),
            ];
            let body: Vec<&str> = order.iter().filter_map(|&i| members[i].as_deref()).collect();
            let json = format!("{{{}}}", body.join(","));
            let limits = Limits::default();
            let fast = License::from_plain_json(json.as_bytes(), &limits);
            prop_assert_eq!(fast, Some(general(json.as_bytes(), &limits).unwrap()), "{}", json);
        }

        /// Documents from a mix of members and values — the three required members,
        /// mostly well formed, at random places among up to four others — in a
        /// quarter of the cases with one fragment inserted somewhere: whenever the fast path reads one, the
        /// general path reads the same license.
        #[test]
        fn plain_document_agrees_with_the_parser(
            required in (
                proptest::sample::select(vec!["\"arn:1\"", "\"arn:1\"", "\"\"", "7", "\"a\\u0041\""]),
                proptest::sample::select(vec![
                    "\"2026-11-01T00:00:00Z\"", "\"2026-11-01T00:00:00\"", "\"2026-13-01T00:00:00\"",
                    "null",
                ]),
                proptest::sample::select(ENTITLEMENT_LISTS.to_vec()),
                any::<[usize; 3]>(),
            ),
            members in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(vec![
                        "\"expiration\":\"2027-01-01T00:00:00Z\"", "\"nodeId\":\"n\"",
                        "\"licenseConsumptionToken\":\"t\"",
                        "\"checkoutMetadata\":{\"a\":\"1\",\"b\":\"2\"}",
                    ]).prop_map(str::to_owned),
                    (
                        proptest::sample::select(vec![
                            "licenseArn", "issuedAt", "entitlementsAllowed", "expiration", "nodeId",
                            "licenseConsumptionToken", "checkoutMetadata", "exp", "NodeId",
                            "node\\u0049d", "vendor", "",
                        ]),
                        proptest::sample::select(vec![
                            "\"arn:1\"", "\"\"", "\"2026-11-01T00:00:00Z\"", "\"2026-11-01\"",
                            "\"2026-13-01T00:00:00\"", "\"\u{e9}\u{1F600}\"", "\"a\\u0041\"",
                            "\"\\\"\"", "1700000000", "null", "true", "[]", "{}",
                            "{\"a\":\"1\",\"b\":\"2\"}", "{\"b\":\"2\",\"a\":\"1\"}",
                            "{\"a\":\"1\",\"a\":\"1\"}", "{\"a\":1}",
                            "{\"\u{e000}\":\"x\",\"\u{10000}\":\"y\"}",
                            "{\"\u{10000}\":\"y\",\"\u{e000}\":\"x\"}",
                            "[{\"name\":\"S\",\"unit\":\"Count\",\"value\":\"1\"}]",
                        ]),
                    ).prop_map(|(name, value)| format!("\"{name}\":{value}")),
                ],
                0..5,
            ),
            noise in proptest::option::weighted(0.25, (
                any::<usize>(),
                proptest::sample::select(vec![
                    " ", ",", "}", "{", "]", "[", "\"", ":", "\\", "\u{feff}", "\n", "\u{e9}", "\u{0}",
                ]),
            )),
            sorted in any::<bool>(),
            gaps in proptest::collection::vec(
                proptest::sample::select(vec!["", "", " ", "\n  ", "\t", "\r\n", "\u{c}", "\u{a0}"]),
                0..4,
            ),
        ) {
            let mut body = members;
            let (arn, issued, list, at) = required;
            let required = [("licenseArn", arn), ("issuedAt", issued), ("entitlementsAllowed", list)];
            for ((name, value), at) in required.into_iter().zip(at) {
                body.insert(at % (body.len() + 1), format!("\"{name}\":{value}"));
            }
            if sorted {
                // By the text of each member: its name, for the names in the lists.
                body.sort();
            }
            let mut json = format!("{{{}}}", body.join(","));
            if let Some((at, fragment)) = noise {
                crate::json::insert_noise(&mut json, at, fragment);
            }
            let limits = Limits::default();
            if let Some(fast) = License::from_plain_json(json.as_bytes(), &limits) {
                prop_assert_eq!(Ok(fast), general(json.as_bytes(), &limits), "{}", json);
            }
            // The ordered path, on the text laid out: whatever it reads, the general
            // path reads the same from the bytes it took.
            let text = json::spaced(&json, &gaps);
            if let Some((fast, canonical, used)) = License::from_ordered_json(text.as_bytes(), &limits) {
                prop_assert_eq!(
                    Ok((fast, canonical)),
                    general_canonical(&text.as_bytes()[..used], &limits),
                    "{:?}", text
                );
            }
        }

        /// Documents of the plain shape with their members in RFC 8785 order at every
        /// level, laid out with any JSON whitespace: the ordered path reads every one of
        /// them, to the license and the canonical form the general path gives.
        #[test]
        fn ordered_documents_take_the_fast_path(
            arn in plain_text(1),
            issued in time(),
            expiration in proptest::option::of(time()),
            token in proptest::option::of(plain_text(0)),
            node in proptest::option::of(plain_text(1)),
            metadata in proptest::option::of(proptest::collection::btree_map(plain_text(0), plain_text(0), 0..7)),
            entitlements in proptest::collection::vec((unit(), proptest::option::of(plain_text(0))), 0..12),
            gaps in proptest::collection::vec(
                proptest::sample::select(vec!["", " ", "\n", "\t", "\r", "\n      ", "\r\n\t"]),
                1..6,
            ),
            noise in (any::<usize>(), proptest::sample::select(vec![
                " ", "\n", "\u{c}", "\u{a0}", "\u{0}", "\u{e9}", ",", ":", "{", "}", "[", "]", "\"", "\\",
                "\\u0041", "a", "\"a\":\"b\",", "\"nodeId\":\"n\",", ",\"nodeId\":\"n\"",
                ",\"zz\":\"1\"", "{\"name\":\"x\",\"unit\":\"None\"},", "\"value\":\"2\",",
                ",\"name\":\"e0\"", "\"a\":1,",
            ])),
        ) {
            let items: Vec<String> = entitlements
                .iter()
                .enumerate()
                .map(|(i, (unit, value))| {
                    let value = value.as_ref().map(|v| format!(",{}", member("value", &quoted(v))));
                    format!(
                        "{{{},{}{}}}",
                        member("name", &quoted(&format!("e{i}"))),
                        member("unit", &quoted(unit)),
                        value.unwrap_or_default()
                    )
                })
                .collect();
            let metadata = metadata.as_ref().map(metadata_object);
            // In RFC 8785 order.
            let members = [
                metadata.map(|m| member("checkoutMetadata", &m)),
                Some(member("entitlementsAllowed", &format!("[{}]", items.join(",")))),
                expiration.map(|t| member("expiration", &quoted(t))),
                Some(member("issuedAt", &quoted(issued))),
                Some(member("licenseArn", &quoted(&arn))),
                token.map(|t| member("licenseConsumptionToken", &quoted(&t))),
                node.map(|n| member("nodeId", &quoted(&n))),
            ];
            let body: Vec<&str> = members.iter().filter_map(Option::as_deref).collect();
            let json = format!("{{{}}}", body.join(","));
            let text = json::spaced(&json, &gaps);
            let object = text.trim_end_matches([' ', '\n', '\t', '\r']);
            let limits = Limits::default();
            let (fast, canonical, used) = License::from_ordered_json(text.as_bytes(), &limits)
                .ok_or_else(|| TestCaseError::fail(format!("not read: {text:?}")))?;
            prop_assert_eq!(used, object.len());
            prop_assert_eq!(&canonical, json.as_bytes());
            prop_assert_eq!(Ok((fast, canonical)), general_canonical(text.as_bytes(), &limits), "{:?}", text);
            // Changed by one fragment: whatever the ordered path still reads, the
            // general path reads the same from the bytes it took.
            let mut text = text;
            crate::json::insert_noise(&mut text, noise.0, noise.1);
            if let Some((fast, canonical, used)) = License::from_ordered_json(text.as_bytes(), &limits) {
                prop_assert_eq!(
                    Ok((fast, canonical)),
                    general_canonical(&text.as_bytes()[..used], &limits),
                    "{:?}", text
                );
            }
        }
    }
}
