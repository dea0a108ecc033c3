//! Strict JSON (RFC 8259 over UTF-8, with the I-JSON restrictions of RFC 7493) and its
//! RFC 8785 canonical form.
//!
//! [`Document::parse`] reads a JSON text once, into a compact tape that borrows the
//! input; [`Value`] reads it; [`Value::write_canonical`] writes the RFC 8785 (JCS)
//! bytes. The values the rest of the library reads and the bytes that get signed
//! therefore come from one parse.
//!
//! Refused, as [`ErrorKind::Malformed`](crate::error::ErrorKind::Malformed): anything that is
//! not RFC 8259 JSON; invalid UTF-8; a byte-order mark; a lone surrogate escape;
//! duplicate member names at any depth, compared after unescaping (`"a"` and
//! `"\u0061"` collide); numbers outside the finite range of an IEEE-754 double
//! (`1e400`). Refused as [`ErrorKind::LimitExceeded`](crate::error::ErrorKind::LimitExceeded):
//! input longer than [`Limits::max_bytes`] or nesting deeper than [`Limits::max_depth`].
//! The parser and the writer are iterative: no input drives recursion.
//!
//! Numbers that underflow (`1e-400`), and numbers with more digits than a double
//! holds, are accepted and read as the double they round to, as RFC 8785 §3.2.2.3
//! prescribes for every number: parse as a double, write the double. Unicode
//! noncharacters (`\uFFFF`) are accepted, as RFC 8259 allows, although RFC 7493 §2.1
//! advises against them: they are valid Unicode scalar values, and refusing them would
//! refuse valid JSON that no reader misinterprets.
//!
//! With feature `serde`, a [`Value`] is a `serde::Deserializer` (into the caller's
//! types, `licsig::Error` of kind `malformed` on a mismatch) and [`Value`] and
//! [`Document`] are `serde::Serialize`; numbers are exact integers within
//! ±(2^53 − 1) and doubles otherwise.
//!
//! ```
//! let canonical = licsig::json::canonicalize(br#"{ "b": 1.50, "a": [true, 1e2] }"#)?;
//! assert_eq!(canonical, br#"{"a":[true,100],"b":1.5}"#);
//! # Ok::<(), licsig::Error>(())
//! ```

#[cfg(feature = "serde")]
mod de;
mod parse;
#[cfg(feature = "serde")]
mod ser;
mod write;

#[cfg(feature = "sign")]
pub(crate) use write::string as write_string;

use core::cmp::Ordering;
use core::fmt;

use crate::error::Error;
use crate::limits::Limits;

/// Parses `input` and returns its RFC 8785 canonical form, with the default [`Limits`].
pub fn canonicalize(input: &[u8]) -> Result<Vec<u8>, Error> {
    canonicalize_with(input, &Limits::default())
}

/// Parses `input` and returns its RFC 8785 canonical form.
pub fn canonicalize_with(input: &[u8], limits: &Limits) -> Result<Vec<u8>, Error> {
    let doc = Document::parse_with(input, limits)?;
    let mut out = Vec::with_capacity(input.len());
    doc.root().write_canonical(&mut out);
    Ok(out)
}

/// A parsed JSON text. It borrows the input it was parsed from.
pub struct Document<'a> {
    src: &'a str,
    /// Strings that contained escapes, unescaped.
    scratch: String,
    /// The values in document order; a container is followed by its contents.
    nodes: Vec<Node>,
    /// For each object, the indices of its member-name nodes in RFC 8785 order.
    order: Vec<u32>,
}

/// One value on the tape.
#[derive(Clone, Copy, Debug)]
enum Node {
    Null,
    Bool(bool),
    Number(f64),
    /// `start..start + len` of the input, or of the scratch buffer when `unescaped`.
    /// A span of the input holds no `"`, `\` or control character: the parser takes
    /// a string from the input only when it has none (the writer relies on this).
    Str {
        unescaped: bool,
        start: u32,
        len: u32,
    },
    /// `len` elements follow; `end` is the index just past the last of them.
    Array {
        len: u32,
        end: u32,
    },
    /// `len` members follow, each a name node and then its value; `end` is the index
    /// past the last; `order..order + len` of `Document::order` lists the name nodes
    /// sorted.
    Object {
        len: u32,
        end: u32,
        order: u32,
    },
}

impl<'a> Document<'a> {
    /// Parses one JSON text with the default [`Limits`].
    pub fn parse(input: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with(input, &Limits::default())
    }

    /// Parses one JSON text.
    pub fn parse_with(input: &'a [u8], limits: &Limits) -> Result<Self, Error> {
        parse::parse(input, limits)
    }

    /// The top-level value.
    pub fn root(&self) -> Value<'_> {
        Value { doc: self, idx: 0 }
    }

    /// The RFC 8785 canonical form of the whole text.
    pub fn to_canonical(&self) -> Vec<u8> {
        self.root().to_canonical()
    }

    /// The index just past `idx` and everything it contains.
    fn skip(&self, idx: u32) -> u32 {
        match self.nodes.get(idx as usize) {
            Some(Node::Array { end, .. } | Node::Object { end, .. }) => *end,
            _ => idx + 1,
        }
    }

    fn node(&self, idx: u32) -> Node {
        // Indices come only from the tape's own links; a miss reads as null rather
        // than panicking.
        self.nodes.get(idx as usize).copied().unwrap_or(Node::Null)
    }

    fn str_at(&self, unescaped: bool, start: u32, len: u32) -> &str {
        let buf = if unescaped {
            self.scratch.as_str()
        } else {
            self.src
        };
        let (start, len) = (start as usize, len as usize);
        buf.get(start..start + len).unwrap_or_default()
    }

    /// The member name stored at `idx` (always a string node).
    fn name_at(&self, idx: u32) -> &str {
        match self.node(idx) {
            Node::Str {
                unescaped,
                start,
                len,
            } => self.str_at(unescaped, start, len),
            _ => "",
        }
    }
}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Document").field(&self.root()).finish()
    }
}

/// The type of a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// a number (always a finite double)
    Number,
    /// a string
    String,
    /// an array
    Array,
    /// an object
    Object,
}

impl Kind {
    /// The name used in messages: `"null"`, `"boolean"`, `"number"`, `"string"`,
    /// `"array"` or `"object"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool => "boolean",
            Self::Number => "number",
            Self::String => "string",
            Self::Array => "array",
            Self::Object => "object",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value inside a [`Document`].
#[derive(Clone, Copy)]
pub struct Value<'d> {
    doc: &'d Document<'d>,
    idx: u32,
}

impl<'d> Value<'d> {
    fn node(&self) -> Node {
        self.doc.node(self.idx)
    }

    /// The value's type.
    pub fn kind(&self) -> Kind {
        match self.node() {
            Node::Null => Kind::Null,
            Node::Bool(_) => Kind::Bool,
            Node::Number(_) => Kind::Number,
            Node::Str { .. } => Kind::String,
            Node::Array { .. } => Kind::Array,
            Node::Object { .. } => Kind::Object,
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self.node(), Node::Null)
    }

    /// The boolean, if the value is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.node() {
            Node::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number, if the value is one. JSON numbers are read as IEEE-754 doubles.
    pub fn as_f64(&self) -> Option<f64> {
        match self.node() {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an integer, if the value is a number with no fractional part
    /// within ±(2^53 − 1), where every integer is exact.
    pub fn as_i64(&self) -> Option<i64> {
        const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
        let n = self.as_f64()?;
        if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
            #[allow(clippy::cast_possible_truncation)]
            Some(n as i64)
        } else {
            None
        }
    }

    /// The string, unescaped, if the value is one.
    pub fn as_str(&self) -> Option<&'d str> {
        match self.node() {
            Node::Str {
                unescaped,
                start,
                len,
            } => Some(self.doc.str_at(unescaped, start, len)),
            _ => None,
        }
    }

    /// The elements, if the value is an array.
    pub fn as_array(&self) -> Option<Array<'d>> {
        match self.node() {
            Node::Array { len, .. } => Some(Array {
                doc: self.doc,
                first: self.idx + 1,
                len,
            }),
            _ => None,
        }
    }

    /// The members, if the value is an object.
    pub fn as_object(&self) -> Option<Object<'d>> {
        match self.node() {
            Node::Object { len, order, .. } => {
                let (start, len) = (order as usize, len as usize);
                let names = self.doc.order.get(start..start + len).unwrap_or_default();
                Some(Object {
                    doc: self.doc,
                    names,
                })
            }
            _ => None,
        }
    }

    /// Shorthand for `self.as_object()?.get(name)`.
    pub fn get(&self, name: &str) -> Option<Value<'d>> {
        self.as_object()?.get(name)
    }

    /// Appends the RFC 8785 canonical form of this value to `out`.
    pub fn write_canonical(&self, out: &mut Vec<u8>) {
        write::value(self.doc, self.idx, out);
    }

    /// The RFC 8785 canonical form of this value.
    pub fn to_canonical(&self) -> Vec<u8> {
        // Room for a typical license value at once (about 24 bytes a node), never more
        // than the whole text: one allocation instead of a series of regrowths.
        let nodes = self.doc.skip(self.idx).saturating_sub(self.idx) as usize;
        let mut out = Vec::with_capacity(nodes.saturating_mul(24).min(self.doc.src.len()));
        self.write_canonical(&mut out);
        out
    }
}

impl fmt::Debug for Value<'_> {
    /// Shows the canonical form, capped at 256 bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = String::from_utf8(self.to_canonical()).unwrap_or_default();
        let mut cut = text.len().min(256);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        f.write_str(text.get(..cut).unwrap_or_default())?;
        if cut < text.len() {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// The elements of an array, in order.
#[derive(Clone, Copy)]
pub struct Array<'d> {
    doc: &'d Document<'d>,
    first: u32,
    len: u32,
}

impl<'d> Array<'d> {
    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the array is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The elements, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Value<'d>> + Clone + 'd {
        Elements {
            doc: self.doc,
            next: self.first,
            remaining: self.len,
        }
    }
}

/// Iterator over the elements of an [`Array`].
#[derive(Clone)]
struct Elements<'d> {
    doc: &'d Document<'d>,
    next: u32,
    remaining: u32,
}

impl<'d> Iterator for Elements<'d> {
    type Item = Value<'d>;

    fn next(&mut self) -> Option<Value<'d>> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let idx = self.next;
        self.next = self.doc.skip(idx);
        Some(Value { doc: self.doc, idx })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining as usize, Some(self.remaining as usize))
    }
}

impl ExactSizeIterator for Elements<'_> {}

/// The members of an object. Names are unique (the parser refuses duplicates).
#[derive(Clone, Copy)]
pub struct Object<'d> {
    doc: &'d Document<'d>,
    /// Member-name node indices, in RFC 8785 order.
    names: &'d [u32],
}

impl<'d> Object<'d> {
    /// The number of members.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the object has no members.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The value of the member named exactly `name` (after unescaping). O(log n).
    pub fn get(&self, name: &str) -> Option<Value<'d>> {
        let doc = self.doc;
        // A few members: comparing for equality (lengths first) beats ordering them.
        let idx = if self.names.len() <= 8 {
            *self.names.iter().find(|&&idx| doc.name_at(idx) == name)?
        } else {
            let at = self
                .names
                .binary_search_by(|&idx| cmp_utf16(doc.name_at(idx), name))
                .ok()?;
            *self.names.get(at)?
        };
        Some(Value { doc, idx: idx + 1 })
    }

    /// The members as `(name, value)`, in RFC 8785 order (UTF-16 code units of the
    /// names).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'d str, Value<'d>)> + Clone + 'd {
        Members {
            doc: self.doc,
            names: self.names.iter(),
        }
    }
}

/// Iterator over the members of an [`Object`], in RFC 8785 order.
#[derive(Clone)]
struct Members<'d> {
    doc: &'d Document<'d>,
    names: core::slice::Iter<'d, u32>,
}

impl<'d> Iterator for Members<'d> {
    type Item = (&'d str, Value<'d>);

    fn next(&mut self) -> Option<Self::Item> {
        let idx = *self.names.next()?;
        Some((
            self.doc.name_at(idx),
            Value {
                doc: self.doc,
                idx: idx + 1,
            },
        ))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.names.size_hint()
    }
}

impl ExactSizeIterator for Members<'_> {}

/// Orders two strings by their UTF-16 code units, as RFC 8785 §3.2.3 sorts member
/// names.
///
/// UTF-8 byte order is code point order, which agrees with UTF-16 order except
/// between U+E000..=U+FFFF and the supplementary planes (which UTF-16 encodes with
/// surrogates, 0xD800..=0xDFFF, sorting below U+E000). Only the first differing
/// character decides, so only it needs that correction.
pub(crate) fn cmp_utf16(a: &str, b: &str) -> Ordering {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // Fast path. The orders part only where a supplementary character (lead byte
    // 0xF0..=0xF4) meets one in U+E000..=U+FFFF (0xEE or 0xEF); their lead bytes differ,
    // so the first differing bytes are those leads. Below 0xEE they cannot be, and byte
    // order decides, as it always does for ASCII names.
    match (a.as_bytes().get(common), b.as_bytes().get(common)) {
        (Some(&x), Some(&y)) if x < 0xEE && y < 0xEE => return x.cmp(&y),
        (Some(_), Some(_)) => {}
        _ => return a.len().cmp(&b.len()),
    }
    // Back up to the start of the character the first difference falls in.
    let mut at = common;
    while !a.is_char_boundary(at) {
        at -= 1;
    }
    let (ca, cb) = match (
        a.get(at..).and_then(|s| s.chars().next()),
        b.get(at..).and_then(|s| s.chars().next()),
    ) {
        (Some(ca), Some(cb)) => (u32::from(ca), u32::from(cb)),
        _ => return a.len().cmp(&b.len()),
    };
    let first_unit = |c: u32| {
        if c >= 0x1_0000 {
            0xD800 + ((c - 0x1_0000) >> 10)
        } else {
            c
        }
    };
    if (ca >= 0x1_0000) == (cb >= 0x1_0000) {
        ca.cmp(&cb)
    } else {
        first_unit(ca).cmp(&first_unit(cb))
    }
}

/// The member of `known` that `name` equals except for case, if any: under ASCII case
/// folding or the simple Unicode case mappings that case-insensitive readers apply (so
/// `nodeıd`, with a dotless i, and `licenseConsumptionTo\u{212A}en`, with a Kelvin sign,
/// are variants too). `name` equal to a member of `known` is not a variant.
pub(crate) fn case_variant_of<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let same_letter = |c: char, k: char| {
        c == k || c.to_lowercase().eq(k.to_lowercase()) || c.to_uppercase().eq(k.to_uppercase())
    };
    if known.contains(&name) {
        return None;
    }
    known.iter().copied().find(|k| {
        name.chars().count() == k.chars().count()
            && name
                .chars()
                .zip(k.chars())
                .all(|(c, kc)| same_letter(c, kc))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Object::get` scans a small object and binary-searches a large one; both find
    /// every member by its unescaped name and nothing else.
    #[test]
    fn get_finds_members_of_small_and_large_objects() {
        for n in [0, 1, 3, 8, 9, 12, 40] {
            let mut names: Vec<String> = (0..n).map(|i| format!("m{i}\u{e9}")).collect();
            if n > 0 {
                names[0] = "\u{1F600}".to_owned();
            }
            let members: Vec<String> = names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    // Every other name written with an escape.
                    let written = if i % 2 == 0 {
                        name.clone()
                    } else {
                        name.replace('m', "\\u006d")
                    };
                    format!("\"{written}\":{i}")
                })
                .collect();
            let text = format!("{{{}}}", members.join(","));
            let doc = Document::parse(text.as_bytes()).unwrap();
            let root = doc.root();
            for (i, name) in names.iter().enumerate() {
                assert_eq!(
                    root.get(name).and_then(|v| v.as_f64()),
                    Some(i as f64),
                    "{n} {name}"
                );
            }
            for absent in ["", "m", "m0", "M0\u{e9}", "\u{1F601}", "zzz"] {
                assert!(root.get(absent).is_none(), "{n} {absent}");
            }
        }
    }

    #[test]
    fn utf16_order_puts_supplementary_below_private_use() {
        // U+1F600 is D83D DE00 in UTF-16, below U+E000.
        assert_eq!(cmp_utf16("\u{1F600}", "\u{E000}"), Ordering::Less);
        assert_eq!(cmp_utf16("\u{E000}", "\u{1F600}"), Ordering::Greater);
        assert_eq!(cmp_utf16("\u{1F600}", "\u{1F601}"), Ordering::Less);
        assert_eq!(cmp_utf16("a", "ab"), Ordering::Less);
        assert_eq!(cmp_utf16("ab", "ab"), Ordering::Equal);
        assert_eq!(cmp_utf16("\u{FFFF}", "\u{10000}"), Ordering::Greater);
        assert_eq!(cmp_utf16("\u{7F}", "\u{80}"), Ordering::Less);
        for (a, b) in [
            ("é", "\u{1F600}"),
            ("\u{FB33}", "\u{1D11E}"),
            ("x\u{E9}", "x\u{10437}"),
        ] {
            let want = a.encode_utf16().cmp(b.encode_utf16());
            assert_eq!(cmp_utf16(a, b), want, "{a:?} {b:?}");
        }
    }

    #[test]
    fn reads_values() {
        let doc =
            Document::parse(br#"{"s":"a\u00e9","n":-2,"f":0.5,"t":true,"z":null,"a":[1,{"x":2}]}"#)
                .unwrap();
        let root = doc.root();
        assert_eq!(root.kind(), Kind::Object);
        assert_eq!(root.get("s").unwrap().as_str(), Some("a\u{e9}"));
        assert_eq!(root.get("n").unwrap().as_i64(), Some(-2));
        assert_eq!(root.get("f").unwrap().as_i64(), None);
        assert_eq!(root.get("f").unwrap().as_f64(), Some(0.5));
        assert_eq!(root.get("t").unwrap().as_bool(), Some(true));
        assert!(root.get("z").unwrap().is_null());
        assert!(root.get("missing").is_none());
        let arr = root.get("a").unwrap().as_array().unwrap();
        assert_eq!(arr.len(), 2);
        let items: Vec<_> = arr.iter().collect();
        assert_eq!(items[0].as_i64(), Some(1));
        assert_eq!(items[1].get("x").unwrap().as_i64(), Some(2));
        let names: Vec<_> = root.as_object().unwrap().iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["a", "f", "n", "s", "t", "z"]);
        assert_eq!(
            format!("{root:?}"),
            String::from_utf8(doc.to_canonical()).unwrap()
        );
    }
}
