//! Several short strings in one allocation: a [`Span`] marks one of them in a shared
//! `String`. A license's and a header's strings are copied out of the parsed JSON
//! this way, one allocation for all of them instead of one each.

/// `start..end` of a string in a text buffer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Appends `s` to `buf` and marks it.
    pub(crate) fn push(buf: &mut String, s: &str) -> Self {
        let start = buf.len();
        buf.push_str(s);
        Self {
            start,
            end: buf.len(),
        }
    }

    /// The string marked in `buf` (empty if `buf` is not the buffer it was made for).
    pub(crate) fn get(self, buf: &str) -> &str {
        buf.get(self.start..self.end).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_each_string() {
        let mut buf = String::new();
        let a = Span::push(&mut buf, "alg");
        let e = Span::push(&mut buf, "");
        let b = Span::push(&mut buf, "é-kid");
        assert_eq!(buf, "algé-kid");
        assert_eq!(
            (a.get(&buf), e.get(&buf), b.get(&buf)),
            ("alg", "", "é-kid")
        );
        assert_eq!(b.get("short"), "");
    }
}
