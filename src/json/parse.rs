//! The strict parser: one pass over the bytes, no recursion. The open arrays and
//! objects are a chain through the tape itself (each open container's node links to
//! the one around it), so a parse allocates the tape and the member order and nothing
//! else.

use core::cmp::Ordering;

use super::{cmp_utf16, Document, Node};
use crate::error::{Context, Error, ErrorKind, Limit};
use crate::limits::Limits;

pub(super) fn parse<'a>(input: &'a [u8], limits: &Limits) -> Result<Document<'a>, Error> {
    let max_bytes = limits.max_bytes.min(u32::MAX as usize);
    if input.len() > max_bytes {
        return Err(Error::limit(
            Limit::InputBytes,
            max_bytes,
            format!(
                "JSON text is {} bytes, over the limit of {max_bytes}",
                input.len()
            ),
        ));
    }
    if input.starts_with(b"\xEF\xBB\xBF") {
        return Err(at(
            0,
            "JSON text starts with a byte-order mark (U+FEFF); remove it".into(),
        ));
    }
    let src = core::str::from_utf8(input).map_err(|e| {
        let offset = e.valid_up_to();
        at(
            offset,
            format!("JSON text is not valid UTF-8 (at byte {offset})"),
        )
    })?;
    let mut p = Parser {
        src,
        bytes: input,
        pos: 0,
        max_depth: limits.max_depth,
        nodes: Vec::with_capacity(tape_capacity(input.len())),
        scratch: String::new(),
        // A member takes at least four bytes (`"":0`); names are rarer than that.
        order: Vec::with_capacity(input.len() / 16 + 4),
        open: NONE,
        depth: 0,
    };
    p.run()?;
    Ok(Document {
        src,
        scratch: p.scratch,
        nodes: p.nodes,
        order: p.order,
    })
}

/// The tape's first capacity for an input of `len` bytes: one node per eight bytes
/// (a value takes at least one byte and a member two), which fits most documents
/// without regrowth; but at most 64 nodes (1 KiB) below 2 KiB of input, since glibc
/// serves allocations above about 1 KiB from its slower general path (a
/// pretty-printed 1.3 KB license file has some 60 values).
fn tape_capacity(len: usize) -> usize {
    let fit = len / 8 + 1;
    if len < 2048 {
        fit.min(64)
    } else {
        fit
    }
}

/// No open container: the index in [`Parser::open`] and in an open container's link
/// at the top level.
const NONE: u32 = u32::MAX;

/// Where the parser is: in an object, in an array, or at the top level.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Object,
    Array,
    Top,
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
    nodes: Vec<Node>,
    scratch: String,
    order: Vec<u32>,
    /// The innermost open container's node, or [`NONE`]. While a container is open,
    /// its node's `len` counts the members or elements so far and its `end` holds
    /// the node of the container around it (or [`NONE`]); `close` sets both for good.
    open: u32,
    /// How many containers are open.
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        // Compact JSON has none: one test.
        if !matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            return;
        }
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
    }

    /// Moves past the bytes a string holds as they are, to its closing quote, its next
    /// escape, a control character or the end of the input.
    fn skip_plain(&mut self) {
        self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or_default());
    }

    fn err(&self, what: &str) -> Error {
        let message = match self.peek() {
            None => format!("JSON text ends early: {what}"),
            Some(b) => format!(
                "invalid JSON at byte {}: {what}, found {}",
                self.pos,
                describe(b)
            ),
        };
        at(self.pos, message)
    }

    fn push(&mut self, node: Node) -> u32 {
        // The tape holds at most one node per input byte and inputs are at most
        // u32::MAX bytes, so the index fits.
        let idx = self.nodes.len() as u32;
        self.nodes.push(node);
        idx
    }

    fn run(&mut self) -> Result<(), Error> {
        loop {
            // A value is expected here.
            self.skip_ws();
            let opened = match self.peek() {
                Some(b'{') => {
                    self.open(true)?;
                    true
                }
                Some(b'[') => {
                    self.open(false)?;
                    true
                }
                Some(b'"') => {
                    self.string()?;
                    false
                }
                Some(b'-' | b'0'..=b'9') => {
                    let n = self.number()?;
                    self.push(Node::Number(n));
                    false
                }
                Some(b't') => self.literal(b"true", Node::Bool(true))?,
                Some(b'f') => self.literal(b"false", Node::Bool(false))?,
                Some(b'n') => self.literal(b"null", Node::Null)?,
                _ => return Err(self.err("expected a value")),
            };
            if opened && self.after_open()? {
                continue;
            }
            // A value is complete: close containers until one expects another value.
            loop {
                self.skip_ws();
                let object = match self.count_value() {
                    In::Object => true,
                    In::Array => false,
                    In::Top => {
                        return match self.peek() {
                            None => Ok(()),
                            Some(_) => Err(self.err("expected the end of the JSON text")),
                        };
                    }
                };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if object {
                            self.member_name()?;
                        }
                        break;
                    }
                    Some(b'}') if object => self.close()?,
                    Some(b']') if !object => self.close()?,
                    _ if object => return Err(self.err("expected ',' or '}'")),
                    _ => return Err(self.err("expected ',' or ']'")),
                }
            }
        }
    }

    fn literal(&mut self, word: &[u8], node: Node) -> Result<bool, Error> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) != Some(word) {
            return Err(self.err("expected a value"));
        }
        self.pos = end;
        self.push(node);
        Ok(false)
    }

    /// Counts one more value in the innermost open container, and says what it is.
    #[inline]
    fn count_value(&mut self) -> In {
        match self.nodes.get_mut(self.open as usize) {
            Some(Node::Object { len, .. }) => {
                *len += 1;
                In::Object
            }
            Some(Node::Array { len, .. }) => {
                *len += 1;
                In::Array
            }
            _ => In::Top,
        }
    }

    /// Consumes `{` or `[` and opens its node.
    fn open(&mut self, object: bool) -> Result<(), Error> {
        if self.depth >= self.max_depth {
            return Err(Error::limit(
                Limit::Depth,
                self.max_depth,
                format!(
                    "JSON nesting at byte {} is deeper than the limit of {}",
                    self.pos, self.max_depth
                ),
            ));
        }
        self.pos += 1;
        let around = self.open;
        self.open = self.push(if object {
            Node::Object {
                len: 0,
                end: around,
                order: 0,
            }
        } else {
            Node::Array {
                len: 0,
                end: around,
            }
        });
        self.depth += 1;
        Ok(())
    }

    /// Just after an opening bracket: either the container closes at once (returns
    /// false, the container is a complete value) or its first value follows (returns
    /// true, after reading the first member name of an object).
    fn after_open(&mut self) -> Result<bool, Error> {
        self.skip_ws();
        let object = matches!(
            self.nodes.get(self.open as usize),
            Some(Node::Object { .. })
        );
        match self.peek() {
            Some(b'}') if object => {
                self.close()?;
                Ok(false)
            }
            Some(b']') if !object => {
                self.close()?;
                Ok(false)
            }
            _ if object => {
                self.member_name()?;
                Ok(true)
            }
            _ => Ok(true),
        }
    }

    /// Reads `"name" :` inside an object.
    #[inline]
    fn member_name(&mut self) -> Result<(), Error> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return Err(self.err("expected a member name"));
        }
        self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(self.err("expected ':'"));
        }
        self.pos += 1;
        Ok(())
    }

    /// Consumes the closing bracket of the innermost container and completes its node.
    fn close(&mut self) -> Result<(), Error> {
        let close_at = self.pos;
        let at = self.open;
        let end = self.nodes.len() as u32;
        let (node, around) = match self.nodes.get(at as usize) {
            Some(&Node::Object {
                len, end: around, ..
            }) => {
                let order = self.order.len() as u32;
                // The members' names, found by stepping over their values: every
                // container inside this one is closed, so its `end` is final.
                let mut name = at + 1;
                for _ in 0..len {
                    self.order.push(name);
                    name = match self.nodes.get(name as usize + 1) {
                        Some(Node::Array { end, .. } | Node::Object { end, .. }) => *end,
                        _ => name + 2,
                    };
                }
                let sorted = self.order.get_mut(order as usize..).unwrap_or_default();
                sort_names(sorted, &self.nodes, self.src, &self.scratch, close_at)?;
                (Node::Object { len, end, order }, around)
            }
            Some(&Node::Array { len, end: around }) => (Node::Array { len, end }, around),
            _ => return Err(self.err("unbalanced brackets")),
        };
        self.pos += 1;
        if let Some(slot) = self.nodes.get_mut(at as usize) {
            *slot = node;
        }
        self.open = around;
        self.depth = self.depth.saturating_sub(1);
        Ok(())
    }

    /// Reads a string starting at its opening quote, and pushes its node.
    ///
    /// The node is built at the push: returned through a `Result` in memory, it was
    /// written field by field and read back as one 16-byte word, which stalls store
    /// forwarding (most of the parser's time per string, by `perf`).
    #[inline]
    fn string(&mut self) -> Result<(), Error> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes, copy nothing.
        self.skip_plain();
        match self.peek() {
            Some(b'"') => {
                let len = (self.pos - start) as u32;
                self.pos += 1;
                self.push(Node::Str {
                    unescaped: false,
                    start: start as u32,
                    len,
                });
                Ok(())
            }
            _ => self.string_slow(start),
        }
    }

    /// The rest of a string that stopped at something other than its closing quote:
    /// an escape (unescaped into the scratch buffer), a control character or the end.
    #[inline(never)]
    fn string_slow(&mut self, start: usize) -> Result<(), Error> {
        match self.peek() {
            Some(b'\\') => {}
            Some(_) => return Err(self.err("control characters must be escaped in strings")),
            None => return Err(self.err("unterminated string")),
        }
        let out_start = self.scratch.len();
        self.scratch
            .push_str(self.src.get(start..self.pos).unwrap_or_default());
        loop {
            let run = self.pos;
            self.skip_plain();
            self.scratch
                .push_str(self.src.get(run..self.pos).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    let len = (self.scratch.len() - out_start) as u32;
                    self.push(Node::Str {
                        unescaped: true,
                        start: out_start as u32,
                        len,
                    });
                    return Ok(());
                }
                Some(b'\\') => {
                    let c = self.escape()?;
                    self.scratch.push(c);
                }
                Some(_) => return Err(self.err("control characters must be escaped in strings")),
                None => return Err(self.err("unterminated string")),
            }
        }
    }

    /// Reads one escape sequence starting at its backslash.
    fn escape(&mut self) -> Result<char, Error> {
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let escape_at = self.pos - 1;
                self.pos += 1;
                let unit = self.hex4()?;
                return match unit {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(lone_surrogate(escape_at, unit));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(lone_surrogate(escape_at, unit));
                        }
                        let c = 0x1_0000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(c).ok_or_else(|| lone_surrogate(escape_at, unit))
                    }
                    0xDC00..=0xDFFF => Err(lone_surrogate(escape_at, unit)),
                    _ => char::from_u32(unit).ok_or_else(|| lone_surrogate(escape_at, unit)),
                };
            }
            _ => return Err(self.err("invalid escape sequence")),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.err("expected four hex digits after \\u")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// Reads a number per RFC 8259 §6 and converts it to the nearest double.
    fn number(&mut self) -> Result<f64, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        // Integer part; small integers are accumulated exactly on the way.
        let mut int: u64 = 0;
        let mut digits = 0usize;
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                digits = 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.err("leading zeros are not allowed in numbers"));
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(b @ b'0'..=b'9') = self.peek() {
                    int = int.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                    digits += 1;
                    self.pos += 1;
                }
            }
            _ => return Err(self.err("expected a digit")),
        }
        let mut simple = true;
        if self.peek() == Some(b'.') {
            simple = false;
            self.pos += 1;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            simple = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.digits()?;
        }
        // Up to 15 digits is below 2^53: the integer is exact as a double.
        if simple && digits <= 15 {
            #[allow(clippy::cast_precision_loss)]
            let v = int as f64;
            return Ok(if negative { -v } else { v });
        }
        let text = self.src.get(start..self.pos).unwrap_or_default();
        match nearest_f64(text) {
            v if v.is_finite() => Ok(v),
            _ => Err(at(
                start,
                format!(
                    "number {} at byte {start} is outside the range of an IEEE-754 double",
                    truncate(text)
                ),
            )),
        }
    }

    fn digits(&mut self) -> Result<(), Error> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.err("expected a digit"));
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        Ok(())
    }
}

/// The length of the longest prefix of `bytes` with no `"`, `\` or control character
/// (below 0x20).
///
/// Eight bytes at a time: `(w - k) & !w & 0x80…` sets the high bit of each byte of `w`
/// below `k` (`k` ≤ 0x80); XOR with `"` or `\` turns a match into a zero byte, found as
/// one below 1. A borrow can set bits above a true hit but never below one, so the
/// lowest bit set marks the first byte that stops the run.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, k: u8| w.wrapping_sub(ONES * u64::from(k)) & !w & HIGH;
    let mut run = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(chunk);
        let hits = below(w ^ (ONES * u64::from(b'"')), 1)
            | below(w ^ (ONES * u64::from(b'\\')), 1)
            | below(w, 0x20);
        if hits != 0 {
            return run + (hits.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    let rest = bytes.get(run..).unwrap_or_default();
    run + rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(rest.len())
}

/// Sorts an object's member names into RFC 8785 order and refuses duplicates, which
/// sorting brings next to each other.
fn sort_names(
    names: &mut [u32],
    nodes: &[Node],
    src: &str,
    scratch: &str,
    close_at: usize,
) -> Result<(), Error> {
    // A name, and the eight bytes its buffer holds from its start when there are
    // that many (the name's own and what follows, for its sort key).
    let name_and_word = |idx: u32| -> (&str, Option<&[u8; 8]>) {
        match nodes.get(idx as usize) {
            Some(&Node::Str {
                unescaped,
                start,
                len,
            }) => {
                let buf = if unescaped { scratch } else { src };
                let (start, len) = (start as usize, len as usize);
                let name = buf.get(start..start + len).unwrap_or_default();
                let word = buf.as_bytes().get(start..).and_then(|b| b.first_chunk());
                (name, word)
            }
            _ => ("", None),
        }
    };
    if names.len() <= SMALL_OBJECT {
        return sort_small(names, name_and_word, close_at);
    }
    let name = |idx: u32| name_and_word(idx).0;
    names.sort_unstable_by(|&a, &b| cmp_utf16(name(a), name(b)));
    // Sorting brings equal names next to each other; equal in UTF-16 is equal bytes.
    for pair in names.windows(2) {
        if let [a, b] = *pair {
            if name(a) == name(b) {
                return Err(duplicate(name(a), close_at));
            }
        }
    }
    Ok(())
}

/// Most members an object may have to be sorted by [`sort_small`].
const SMALL_OBJECT: usize = 8;

/// [`sort_names`] for the few members of a typical license object: each name looked
/// up once, with its first eight bytes as a big-endian number, which order most pairs
/// in one comparison ([`Keyed::less`]); a check for the order canonical input
/// already has (`{"alg","kid","typ"}`, `{"name","unit","value"}`: one comparison per
/// member), else an insertion sort.
fn sort_small<'s>(
    names: &mut [u32],
    name_and_word: impl Fn(u32) -> (&'s str, Option<&'s [u8; 8]>),
    close_at: usize,
) -> Result<(), Error> {
    if names.len() < 2 {
        return Ok(());
    }
    let mut buf = [Keyed::default(); SMALL_OBJECT];
    for (slot, &idx) in buf.iter_mut().zip(names.iter()) {
        let (name, word) = name_and_word(idx);
        *slot = Keyed::new(idx, name, word);
    }
    let keyed = buf.get_mut(..names.len()).unwrap_or_default();
    if keyed
        .windows(2)
        .all(|pair| matches!(pair, [a, b] if a.less(b)))
    {
        return Ok(());
    }
    for i in 1..keyed.len() {
        let mut j = i;
        while j > 0 {
            let (Some(a), Some(b)) = (keyed.get(j - 1), keyed.get(j)) else {
                break;
            };
            if !b.less(a) {
                break;
            }
            keyed.swap(j - 1, j);
            j -= 1;
        }
    }
    for pair in keyed.windows(2) {
        if let [a, b] = pair {
            if a.key == b.key && a.name == b.name {
                return Err(duplicate(a.name, close_at));
            }
        }
    }
    for (dst, keyed) in names.iter_mut().zip(keyed.iter()) {
        *dst = keyed.idx;
    }
    Ok(())
}

/// A member name with its sort key.
#[derive(Clone, Copy, Default)]
struct Keyed<'s> {
    idx: u32,
    name: &'s str,
    /// The first eight bytes, big-endian, zero bytes after the end.
    key: u64,
}

impl<'s> Keyed<'s> {
    /// `word`: the eight bytes from the name's start in its buffer, if there are
    /// that many.
    fn new(idx: u32, name: &'s str, word: Option<&[u8; 8]>) -> Self {
        let bytes = name.as_bytes();
        // One load, and for a short name a mask for the bytes past its end; else the
        // bytes shifted together in a register (byte stores into an array read back
        // as one u64 would stall store forwarding).
        let key = match (bytes.first_chunk::<8>(), word) {
            (Some(first), _) => u64::from_be_bytes(*first),
            (None, _) if bytes.is_empty() => 0,
            (None, Some(word)) => u64::from_be_bytes(*word) & !(u64::MAX >> (8 * bytes.len())),
            (None, None) => bytes
                .iter()
                .enumerate()
                .fold(0, |key, (i, &b)| key | u64::from(b) << (56 - 8 * i)),
        };
        Self { idx, name, key }
    }

    /// `cmp_utf16(self.name, other.name) == Less`. Keys that differ decide by their
    /// first differing byte, as `cmp_utf16`'s fast path does, when that is below 0xEE
    /// in both (a zero after the end of the shorter name is below anything the longer
    /// one holds there, or equal to a zero byte, which makes the keys tie); otherwise,
    /// and on equal keys, `cmp_utf16` decides.
    #[inline]
    fn less(&self, other: &Self) -> bool {
        let diff = self.key ^ other.key;
        if diff != 0 {
            let shift = 56 - (diff.leading_zeros() & !7);
            let (x, y) = ((self.key >> shift) as u8, (other.key >> shift) as u8);
            if x < 0xEE && y < 0xEE {
                return x < y;
            }
        }
        cmp_utf16(self.name, other.name) == Ordering::Less
    }
}

fn duplicate(name: &str, close_at: usize) -> Error {
    at(
        close_at,
        format!(
            "duplicate member name \"{}\" in the object ending at byte {close_at}",
            truncate(&name.escape_debug().to_string())
        ),
    )
}

/// A malformed JSON text, at `offset`.
#[cold]
fn at(offset: usize, message: String) -> Error {
    Error::with(ErrorKind::Malformed, Context::Json { offset }, message)
}

/// The double nearest `text`, a number in RFC 8259's grammar; ±infinity when out of
/// range.
///
/// core's float parser is correctly rounded (Eisel-Lemire with a big-number fallback),
/// but it saturates an explicit exponent beyond about 65,000 in magnitude: with digits
/// that offset it, `0.000…0001e1000000` (a million zeros, so 0.1) would read as 0 and
/// `1000…000e-1000000` (1) as infinity. Such a text is rewritten as
/// `0.<significant digits>e<small exponent>` before core reads it.
fn nearest_f64(text: &str) -> f64 {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e),
        None => (text, ""),
    };
    let exp_digits = exponent
        .trim_start_matches(['+', '-'])
        .trim_start_matches('0');
    // Exponents below 10,000 in magnitude core reads exactly.
    if exp_digits.len() <= 4 {
        return text.parse().unwrap_or(f64::NAN);
    }
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let leading = int.len() - int.trim_start_matches('0').len()
        + if int.trim_start_matches('0').is_empty() {
            frac.len() - frac.trim_start_matches('0').len()
        } else {
            0
        };
    let mut significant = String::with_capacity(int.len() + frac.len());
    significant.push_str(int);
    significant.push_str(frac);
    let significant = significant
        .get(leading..)
        .unwrap_or_default()
        .trim_end_matches('0');
    let signed = |v: f64| if sign.is_empty() { v } else { -v };
    if significant.is_empty() {
        return signed(0.0);
    }
    // The value is 0.<significant> × 10^scale. An exponent of more than 15 digits
    // dwarfs any input length; 10^15 stands for all of them.
    let explicit: i64 = if exp_digits.len() > 15 {
        1_000_000_000_000_000
    } else {
        exp_digits.parse().unwrap_or(0)
    };
    let explicit = if exponent.starts_with('-') {
        -explicit
    } else {
        explicit
    };
    let scale = int.len() as i64 - leading as i64 + explicit;
    // At least 10^400 overflows; below 10^-400 is under half the least subnormal.
    if scale > 400 {
        return signed(f64::INFINITY);
    }
    if scale < -400 {
        return signed(0.0);
    }
    format!("{sign}0.{significant}e{scale}")
        .parse()
        .unwrap_or(f64::NAN)
}

fn lone_surrogate(offset: usize, unit: u32) -> Error {
    at(
        offset,
        format!("lone surrogate \\u{unit:04X} at byte {offset}; strings must be valid Unicode"),
    )
}

fn describe(b: u8) -> String {
    match b {
        0x21..=0x7E => format!("'{}'", char::from(b)),
        _ => format!("byte 0x{b:02X}"),
    }
}

/// At most 40 characters of `s`, for messages.
fn truncate(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or_default()),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_run;

    fn naive(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(bytes.len())
    }

    #[test]
    fn plain_run_stops_at_the_first_special_byte() {
        // Every byte value at every offset of the first two words and the tail, in
        // front of fillers that sit next to the thresholds, and with a second special
        // byte after it (a borrow from the first must not matter).
        for filler in [b'a', b' ', b'!', b'#', b'[', b']', 0x7F, 0x80, 0xFF] {
            for len in [0, 1, 7, 8, 9, 16, 17, 23] {
                for at in 0..len {
                    for b in 0..=255u8 {
                        let mut buf = vec![filler; len];
                        buf[at] = b;
                        assert_eq!(plain_run(&buf), naive(&buf), "{buf:?}");
                        if at + 1 < len {
                            buf[at + 1] = b'"';
                            assert_eq!(plain_run(&buf), naive(&buf), "{buf:?}");
                        }
                    }
                }
                let buf = vec![filler; len];
                assert_eq!(plain_run(&buf), naive(&buf), "{buf:?}");
            }
        }
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;
    use proptest::prelude::*;

    /// Names that reach every case of `Keyed`: empty, under and over eight bytes, zero
    /// bytes, and characters on both sides of where UTF-16 and byte order part.
    fn name() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                'a',
                'b',
                'z',
                '\0',
                '\u{1}',
                'é',
                '\u{7ff}',
                '\u{e000}',
                '\u{ffff}',
                '\u{10000}',
                '\u{1f600}',
            ]),
            0..11,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8192))]

        /// `Keyed::less` is `cmp_utf16(a, b) == Less`, with and without the word that
        /// follows a name in its buffer.
        #[test]
        fn keyed_order_is_utf16_order(a in name(), b in name(), after in "[\"a-z\\u{0}-\\u{ff}]{0,8}") {
            let expected = cmp_utf16(&a, &b) == Ordering::Less;
            let (buf_a, buf_b) = (format!("{a}{after}"), format!("{b}{after}"));
            let word = |buf: &str| buf.as_bytes().first_chunk::<8>().copied();
            let (wa, wb) = (word(&buf_a), word(&buf_b));
            for (word_a, word_b) in [(wa.as_ref(), wb.as_ref()), (None, None), (wa.as_ref(), None)] {
                let ka = Keyed::new(0, &a, word_a);
                let kb = Keyed::new(1, &b, word_b);
                prop_assert_eq!(ka.less(&kb), expected, "{:?} {:?} {:?}", a, b, after);
                prop_assert_eq!(ka.key == kb.key && ka.name == kb.name, a == b);
            }
        }
    }
}
