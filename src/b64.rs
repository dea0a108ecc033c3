//! The one base64 engine of the crate: `base64-simd`'s strict configurations, so that
//! every byte string has exactly one accepted text.
//!
//! - base64url without padding (RFC 7515 §2): JWS segments, JWK members.
//! - standard base64 with canonical `=` padding: `x5c` certificates, the signature
//!   text `aws kms sign` prints, PEM bodies (whose line breaks are removed first).
//!
//! Neither accepts whitespace, a wrong alphabet, missing or extra padding, or stray
//! bits in the last character. `base64-simd` (the AWS SDK for Rust's base64) decodes
//! 16 or 32 characters a step, which is about a fifth of the text-reading cost of a
//! token (BENCHMARKS.md); the unit tests check that it accepts exactly what the
//! `base64` crate's strict engines accept. Its error says only that a text is refused,
//! so [`why`] finds the reason, on the refusal path alone.

use base64_simd::{STANDARD, URL_SAFE_NO_PAD};

/// The bytes of unpadded, canonical base64url `text`; `what` names the text in the
/// error ("the payload segment").
pub(crate) fn decode_url(text: &[u8], what: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD.decode_to_vec(text).map_err(|_| {
        format!(
            "{what} is not unpadded canonical base64url: {}",
            why(text, Alphabet::Url)
        )
    })
}

/// The bytes of canonically padded standard base64 `text`.
pub(crate) fn decode_standard(text: &[u8]) -> Result<Vec<u8>, String> {
    STANDARD
        .decode_to_vec(text)
        .map_err(|_| why(text, Alphabet::Standard))
}

/// The unpadded base64url of `bytes`.
pub(crate) fn encode_url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode_to_string(bytes)
}

/// The padded standard base64 of `bytes`.
#[cfg(feature = "sign")]
pub(crate) fn encode_standard(bytes: &[u8]) -> String {
    STANDARD.encode_to_string(bytes)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    /// RFC 4648 §5, no padding.
    Url,
    /// RFC 4648 §4, canonical padding.
    Standard,
}

impl Alphabet {
    fn name(self) -> &'static str {
        match self {
            Self::Url => "base64url",
            Self::Standard => "base64",
        }
    }

    /// The 6 bits `byte` stands for, or `None` outside the alphabet.
    fn value(self, byte: u8) -> Option<u8> {
        match byte {
            b'A'..=b'Z' => Some(byte - b'A'),
            b'a'..=b'z' => Some(byte - b'a' + 26),
            b'0'..=b'9' => Some(byte - b'0' + 52),
            b'-' if self == Self::Url => Some(62),
            b'_' if self == Self::Url => Some(63),
            b'+' if self == Self::Standard => Some(62),
            b'/' if self == Self::Standard => Some(63),
            _ => None,
        }
    }
}

/// What is wrong with a text the engine refused, for a person: the byte and where it
/// is, the length, the padding or the last character's stray bits.
#[cold]
fn why(text: &[u8], alphabet: Alphabet) -> String {
    let name = alphabet.name();
    // Trailing '=' are padding; an '=' with anything after it is a byte out of place.
    let data_len = text.len() - text.iter().rev().take_while(|&&b| b == b'=').count();
    let (data, padding) = text.split_at(data_len);
    for (offset, &byte) in data.iter().enumerate() {
        if alphabet.value(byte).is_some() {
            continue;
        }
        return match byte {
            b'=' => format!("padding '=' at offset {offset}"),
            _ if byte.is_ascii_graphic() => {
                format!("'{}' at offset {offset} is not {name}", char::from(byte))
            }
            _ => match whitespace(byte) {
                Some(what) => format!("{what} at offset {offset} is not {name}"),
                None => format!("byte 0x{byte:02X} at offset {offset} is not {name}"),
            },
        };
    }
    if alphabet == Alphabet::Url && !padding.is_empty() {
        return "it ends in '=' padding, which base64url here does not take".to_owned();
    }
    if data.len() % 4 == 1 {
        return "its length leaves a single character over".to_owned();
    }
    if alphabet == Alphabet::Standard && padding.len() != (4 - data.len() % 4) % 4 {
        return "its padding is not canonical".to_owned();
    }
    // The last character of 2 (3) carries 4 (2) bits that decode to nothing: they must
    // be zero.
    let stray = match (data.len() % 4, data.last().and_then(|&b| alphabet.value(b))) {
        (2, Some(v)) => v & 0x0F != 0,
        (3, Some(v)) => v & 0x03 != 0,
        _ => false,
    };
    if stray {
        return "its last character has stray low bits".to_owned();
    }
    format!("it is not canonical {name}")
}

/// The name of an ASCII whitespace byte, which a person reads better than its code.
pub(crate) fn whitespace(byte: u8) -> Option<&'static str> {
    match byte {
        b' ' => Some("a space"),
        b'\n' => Some("a line break"),
        b'\r' => Some("a carriage return"),
        b'\t' => Some("a tab"),
        0x0C => Some("a form feed"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose as reference_engine;
    use base64::Engine as _;

    #[test]
    fn known_answers() {
        // RFC 4648 §10, in the URL-safe alphabet without padding.
        for (text, bytes) in [
            ("", ""),
            ("Zg", "f"),
            ("Zm8", "fo"),
            ("Zm9v", "foo"),
            ("Zm9vYg", "foob"),
            ("Zm9vYmE", "fooba"),
            ("Zm9vYmFy", "foobar"),
        ] {
            assert_eq!(decode_url(text.as_bytes(), "x").unwrap(), bytes.as_bytes());
            assert_eq!(encode_url(bytes.as_bytes()), text);
        }
        assert_eq!(decode_url(b"_-8", "x").unwrap(), [0xFF, 0xEF]);
        assert_eq!(decode_standard(b"+/8=").unwrap(), [0xFB, 0xFF]);
    }

    #[test]
    fn refusals_say_why() {
        for (text, why) in [
            ("A", "length leaves a single character over"),
            ("Zh", "stray low bits"),
            ("Zg==", "'=' padding, which base64url here does not take"),
            ("Zg=A", "padding '=' at offset 2"),
            ("Zm9v+g", "'+' at offset 4 is not base64url"),
            ("Zm 9vA", "a space at offset 2 is not base64url"),
            ("Zm9v\nA", "a line break at offset 4 is not base64url"),
            ("Zm\u{7f}9vA", "byte 0x7F at offset 2 is not base64url"),
        ] {
            let e = decode_url(text.as_bytes(), "the thing").unwrap_err();
            assert!(
                e.starts_with("the thing is not unpadded canonical base64url: "),
                "{e}"
            );
            assert!(e.ends_with(why), "{text:?}: {e}");
        }
        for (text, why) in [
            ("Zg", "its padding is not canonical"),
            ("Zg=", "its padding is not canonical"),
            ("Zm8==", "its padding is not canonical"),
            ("Zh==", "its last character has stray low bits"),
            ("Zm9=", "its last character has stray low bits"),
            ("Z===", "its length leaves a single character over"),
            ("Zg=A", "padding '=' at offset 2"),
            ("_-8=", "'_' at offset 0 is not base64"),
            (" Zg==", "a space at offset 0 is not base64"),
        ] {
            assert_eq!(
                decode_standard(text.as_bytes()).unwrap_err(),
                why,
                "{text:?}"
            );
        }
    }

    /// Bytes a strict decoder must tell apart: both alphabets, padding, whitespace,
    /// other ASCII and non-ASCII.
    const MIX: &[u8] = b"AQZgazo09-_+/=. \n\x00\x7f\x80\xff";

    /// The `base64` crate's reading of `text`, an implementation independent of ours.
    fn reference(text: &[u8], url: bool) -> Option<Vec<u8>> {
        if url {
            reference_engine::URL_SAFE_NO_PAD.decode(text).ok()
        } else {
            reference_engine::STANDARD.decode(text).ok()
        }
    }

    /// The engine against the `base64` crate's strict engines: the same texts are
    /// accepted, to the same bytes, and every refusal has a specific reason.
    fn agrees(text: &[u8]) -> Result<(), proptest::test_runner::TestCaseError> {
        use proptest::prop_assert_eq;
        let url = decode_url(text, "t");
        prop_assert_eq!(url.clone().ok(), reference(text, true));
        let standard = decode_standard(text);
        prop_assert_eq!(standard.clone().ok(), reference(text, false));
        for e in [url.err(), standard.err()].into_iter().flatten() {
            proptest::prop_assert!(!e.contains("it is not canonical"), "{:?}: {}", text, e);
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(20_000))]

        /// Random texts over a mix of bytes, up to 200 long (past the SIMD blocks).
        #[test]
        fn mixed_texts_agree_with_the_base64_crate(
            text in proptest::collection::vec(proptest::sample::select(MIX), 0..200)
        ) {
            agrees(&text)?;
        }

        /// Encodings of random bytes, with one byte replaced: the offset of the bad
        /// character can be anywhere in the SIMD blocks or the tail.
        #[test]
        fn one_changed_byte_agrees_with_the_base64_crate(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..160),
            at in proptest::num::usize::ANY,
            byte in proptest::sample::select(MIX),
            padded in proptest::bool::ANY,
        ) {
            let mut text = if padded {
                reference_engine::STANDARD.encode(&bytes).into_bytes()
            } else {
                encode_url(&bytes).into_bytes()
            };
            agrees(&text)?;
            if let Some(len) = core::num::NonZeroUsize::new(text.len()) {
                text[at % len] = byte;
                agrees(&text)?;
            }
        }
    }
}
