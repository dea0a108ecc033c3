//! Just enough DER to read and write SubjectPublicKeyInfo and PKCS#1 `RSAPublicKey`,
//! and to take a certificate apart into the signed `TBSCertificate` and its signature.
//!
//! The reader accepts DER only: definite, minimally encoded lengths, single-byte tags,
//! minimally encoded non-negative INTEGERs. Anything else is refused rather than
//! repaired, so that a key has exactly one encoding and therefore one key id.

use crate::error::{Error, ErrorKind};

pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const BIT_STRING: u8 = 0x03;
#[cfg(feature = "sign")]
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const NULL: u8 = 0x05;
pub(crate) const OID: u8 = 0x06;
pub(crate) const SEQUENCE: u8 = 0x30;
/// `[n]` EXPLICIT / constructed context-specific tags, as in certificates.
pub(crate) const CONTEXT_0: u8 = 0xa0;
pub(crate) const CONTEXT_1: u8 = 0xa1;
pub(crate) const CONTEXT_2: u8 = 0xa2;
/// `[0]` IMPLICIT over a primitive type (an ML-DSA private key's seed, RFC 9881).
#[cfg(feature = "sign")]
pub(crate) const CONTEXT_0_PRIMITIVE: u8 = 0x80;

/// Longest content accepted: 4 length bytes. Key inputs are bounded far below this.
const MAX_LENGTH_BYTES: usize = 4;

fn bad(what: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("{what} is not valid DER: {why}"),
    )
}

/// Reads consecutive TLVs from a byte string.
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// `what` names the structure in error messages ("SubjectPublicKeyInfo").
    pub(crate) fn new(input: &'a [u8], what: &'static str) -> Self {
        Self { rest: input, what }
    }

    pub(crate) fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Reads one TLV with tag `tag` and returns its contents.
    pub(crate) fn read(&mut self, tag: u8) -> Result<&'a [u8], Error> {
        let (&got, after_tag) = self
            .rest
            .split_first()
            .ok_or_else(|| bad(self.what, "truncated"))?;
        if got != tag {
            return Err(bad(
                self.what,
                &format!("expected tag 0x{tag:02x}, found 0x{got:02x}"),
            ));
        }
        let (&first, mut after_len) = after_tag
            .split_first()
            .ok_or_else(|| bad(self.what, "truncated length"))?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let n = usize::from(first & 0x7f);
            if n == 0 {
                return Err(bad(self.what, "indefinite length"));
            }
            if n > MAX_LENGTH_BYTES {
                return Err(bad(self.what, "length too large"));
            }
            let (len_bytes, rest) = after_len
                .split_at_checked(n)
                .ok_or_else(|| bad(self.what, "truncated length"))?;
            after_len = rest;
            if len_bytes.first() == Some(&0) {
                return Err(bad(self.what, "non-minimal length"));
            }
            let len = len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
            if len < 0x80 {
                return Err(bad(self.what, "non-minimal length"));
            }
            len
        };
        let (contents, rest) = after_len
            .split_at_checked(len)
            .ok_or_else(|| bad(self.what, "truncated contents"))?;
        self.rest = rest;
        Ok(contents)
    }

    /// Reads one TLV with tag `tag` and returns all of it: tag, length and contents
    /// (what a signature over a `TBSCertificate` covers).
    pub(crate) fn read_tlv(&mut self, tag: u8) -> Result<&'a [u8], Error> {
        let start = self.rest;
        self.read(tag)?;
        let used = start.len() - self.rest.len();
        Ok(start.get(..used).unwrap_or_default())
    }

    /// Reads a non-negative INTEGER and returns its magnitude without a sign byte.
    pub(crate) fn read_unsigned(&mut self) -> Result<&'a [u8], Error> {
        let contents = self.read(INTEGER)?;
        match contents {
            [] => Err(bad(self.what, "empty INTEGER")),
            [0x00, next, ..] if *next < 0x80 => Err(bad(self.what, "non-minimal INTEGER")),
            [0x00, rest @ ..] if !rest.is_empty() => Ok(rest),
            [first, ..] if *first >= 0x80 => Err(Error::new(
                ErrorKind::InvalidKey,
                format!("{}: negative INTEGER", self.what),
            )),
            _ => Ok(contents),
        }
    }

    /// Fails unless every byte was read.
    pub(crate) fn finish(&self) -> Result<(), Error> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(bad(self.what, "trailing bytes"))
        }
    }
}

/// Reads exactly one TLV with tag `tag` spanning all of `input`.
pub(crate) fn read_whole<'a>(
    input: &'a [u8],
    tag: u8,
    what: &'static str,
) -> Result<&'a [u8], Error> {
    let mut r = Reader::new(input, what);
    let contents = r.read(tag)?;
    r.finish()?;
    Ok(contents)
}

/// Appends the TLV `tag`, `contents`.
pub(crate) fn write(out: &mut Vec<u8>, tag: u8, contents: &[u8]) {
    out.push(tag);
    let len = contents.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        let significant = bytes.get(skip..).unwrap_or_default();
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(contents);
}

/// Appends a non-negative INTEGER whose magnitude is `magnitude` (big-endian, no
/// leading zero bytes).
pub(crate) fn write_unsigned(out: &mut Vec<u8>, magnitude: &[u8]) {
    if magnitude.first().is_some_and(|&b| b >= 0x80) {
        let mut contents = Vec::with_capacity(magnitude.len() + 1);
        contents.push(0);
        contents.extend_from_slice(magnitude);
        write(out, INTEGER, &contents);
    } else {
        write(out, INTEGER, magnitude);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_lengths() {
        for len in [0usize, 1, 127, 128, 255, 256, 65535, 65536] {
            let contents = vec![7u8; len];
            let mut out = Vec::new();
            write(&mut out, SEQUENCE, &contents);
            assert_eq!(read_whole(&out, SEQUENCE, "t").unwrap(), &contents[..]);
        }
    }

    #[test]
    fn refuses_non_der() {
        assert_eq!(
            read_whole(&[0x30, 0x81, 0x05, 1, 2, 3, 4, 5], SEQUENCE, "t")
                .err()
                .map(|e| e.kind()),
            Some(ErrorKind::InvalidKey)
        );
        assert_eq!(
            read_whole(&[0x30, 0x80, 0, 0], SEQUENCE, "t")
                .err()
                .map(|e| e.kind()),
            Some(ErrorKind::InvalidKey)
        );
        assert_eq!(
            read_whole(&[0x30, 0x02, 1], SEQUENCE, "t")
                .err()
                .map(|e| e.kind()),
            Some(ErrorKind::InvalidKey)
        );
        assert_eq!(
            read_whole(&[0x30, 0x00, 0], SEQUENCE, "t")
                .err()
                .map(|e| e.kind()),
            Some(ErrorKind::InvalidKey)
        );
        let mut r = Reader::new(&[0x02, 0x02, 0x00, 0x01], "t");
        assert_eq!(
            r.read_unsigned().err().map(|e| e.kind()),
            Some(ErrorKind::InvalidKey)
        );
        let mut r = Reader::new(&[0x02, 0x01, 0x80], "t");
        assert_eq!(
            r.read_unsigned().err().map(|e| e.kind()),
            Some(ErrorKind::InvalidKey)
        );
        let mut r = Reader::new(&[0x02, 0x02, 0x00, 0x80], "t");
        assert_eq!(r.read_unsigned().unwrap(), &[0x80]);
    }
}
