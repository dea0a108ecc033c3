//! The RFC 8785 canonical writer: no whitespace, members in UTF-16 order of their
//! names, minimal string escapes, numbers as ECMAScript's `Number.prototype.toString`.

use super::{Document, Node};

/// A container being written.
enum Open<'d> {
    Array { next: u32, remaining: u32 },
    Object { names: core::slice::Iter<'d, u32> },
}

/// Appends the canonical form of the value at `idx` to `out`, without recursion.
pub(super) fn value(doc: &Document<'_>, mut idx: u32, out: &mut Vec<u8>) {
    let mut stack: Vec<Open<'_>> = Vec::with_capacity(8);
    // Whether the innermost container was opened by the value just written: no
    // separator before its first element. (Reading the last output byte back instead
    // stalled on the store that had just written it.)
    let mut opened = false;
    loop {
        // Write the value at `idx`; a container is opened and its contents follow.
        match doc.node(idx) {
            Node::Null => out.extend_from_slice(b"null"),
            Node::Bool(true) => out.extend_from_slice(b"true"),
            Node::Bool(false) => out.extend_from_slice(b"false"),
            Node::Number(n) => number(n, out),
            Node::Str {
                unescaped,
                start,
                len,
            } => string_node(doc, unescaped, start, len, out),
            Node::Array { len, .. } => {
                out.push(b'[');
                opened = true;
                stack.push(Open::Array {
                    next: idx + 1,
                    remaining: len,
                });
            }
            Node::Object { len, order, .. } => {
                out.push(b'{');
                opened = true;
                let (start, len) = (order as usize, len as usize);
                let names = doc.order.get(start..start + len).unwrap_or_default();
                stack.push(Open::Object {
                    names: names.iter(),
                });
            }
        }
        // Move to the next value, closing the containers that are complete. A
        // separator goes before every element but the first.
        loop {
            let Some(top) = stack.last_mut() else {
                return;
            };
            let first = core::mem::replace(&mut opened, false);
            match top {
                Open::Array { next, remaining } => {
                    if *remaining == 0 {
                        out.push(b']');
                        stack.pop();
                        continue;
                    }
                    if !first {
                        out.push(b',');
                    }
                    idx = *next;
                    *next = doc.skip(idx);
                    *remaining -= 1;
                }
                Open::Object { names } => {
                    let Some(&name) = names.next() else {
                        out.push(b'}');
                        stack.pop();
                        continue;
                    };
                    if !first {
                        out.push(b',');
                    }
                    match doc.node(name) {
                        Node::Str {
                            unescaped,
                            start,
                            len,
                        } => string_node(doc, unescaped, start, len, out),
                        _ => string("", out),
                    }
                    out.push(b':');
                    idx = name + 1;
                }
            }
            break;
        }
    }
}

/// ECMAScript `Number.prototype.toString` of a finite double (RFC 8785 §3.2.2.3).
fn number(n: f64, out: &mut Vec<u8>) {
    // Integers below 2^53 print as their digits in ES6 and are exact in i64; skip the
    // shortest-digits search for them. (-0 prints as "0".)
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() < EXACT {
        #[allow(clippy::cast_possible_truncation)]
        integer(n as i64, out);
        return;
    }
    let mut buf = ryu_js::Buffer::new();
    out.extend_from_slice(buf.format_finite(n).as_bytes());
}

fn integer(v: i64, out: &mut Vec<u8>) {
    if v < 0 {
        out.push(b'-');
    }
    let mut v = v.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or_default());
}

/// Writes a string node. A string that had no escapes is a span of the input in which
/// the parser found no `"`, `\` or control character, the only characters RFC 8785
/// escapes, so it goes out as it stands; only unescaped strings need [`string`].
fn string_node(doc: &Document<'_>, unescaped: bool, start: u32, len: u32, out: &mut Vec<u8>) {
    if unescaped {
        string(doc.str_at(unescaped, start, len), out);
        return;
    }
    // A string without escapes is its source text, quotes included: one copy.
    let (start, end) = (start as usize, (start + len) as usize);
    match doc.src.as_bytes().get(start.wrapping_sub(1)..end + 1) {
        Some(quoted) => out.extend_from_slice(quoted),
        None => string(doc.str_at(unescaped, start as u32, len), out),
    }
}

/// A JSON string with RFC 8785's minimal escaping: `"` and `\` escaped, control
/// characters as `\b \t \n \f \r` or `\u00xx` (lowercase hex), everything else as is.
pub(crate) fn string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0A => b"\\n",
            0x0C => b"\\f",
            0x0D => b"\\r",
            0x00..=0x1F => &[],
            _ => continue,
        };
        out.extend_from_slice(bytes.get(run..i).unwrap_or_default());
        run = i + 1;
        if escape.is_empty() {
            let hex = |d: u8| HEX.get(usize::from(d & 0xF)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b)]);
        } else {
            out.extend_from_slice(escape);
        }
    }
    out.extend_from_slice(bytes.get(run..).unwrap_or_default());
    out.push(b'"');
}
