//! Strict base64url decoding (RFC 4648 §5, as RFC 7515 §2 uses it): the URL-safe
//! alphabet, no `=` padding, no whitespace, and no stray bits in the last character,
//! so every byte string has exactly one accepted text.
//!
//! The decoding itself is `base64-simd`'s (the AWS SDK for Rust's base64): SSE4.1,
//! AVX2 or NEON chosen at run time, and scalar code elsewhere. A compact JWS is a
//! kilobyte of base64url, and decoding it a character at a time was a fifth of
//! licsig's own cost per token. It accepts exactly what `base64`'s `URL_SAFE_NO_PAD`
//! engine accepts (a property test holds the two together); when it refuses, this
//! module finds why ([`DecodeError`]) for the message.
//!
//! The same holds, with the standard alphabet and canonical `=` padding, for the base64
//! signature text that `aws kms sign` prints ([`decode_standard_padded`]), held to
//! `base64`'s `STANDARD` engine.

use core::fmt;

const URL_CHARS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const STANDARD_CHARS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why a text is not canonical unpadded base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// A byte outside the alphabet (padding and whitespace included), at this offset.
    Symbol { offset: usize, byte: u8 },
    /// A length of 4n + 1 characters, which no byte string encodes to.
    Length,
    /// The last character carries bits that no byte uses.
    TrailingBits,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Symbol { offset, byte } if byte.is_ascii_graphic() => {
                write!(
                    f,
                    "'{}' at offset {offset} is not base64url",
                    char::from(byte)
                )
            }
            Self::Symbol { offset, byte } => {
                write!(f, "byte 0x{byte:02X} at offset {offset} is not base64url")
            }
            Self::Length => f.write_str("its length leaves a single character over"),
            Self::TrailingBits => f.write_str("its last character has stray low bits"),
        }
    }
}

/// Appends the bytes base64url `text` encodes to `out`. On error, `out` is as it was.
pub(crate) fn decode_into(text: &[u8], out: &mut Vec<u8>) -> Result<(), DecodeError> {
    base64_simd::URL_SAFE_NO_PAD
        .decode_append(text, out)
        .map_err(|_| why_not(URL_CHARS, text))
}

/// At least as many bytes as `len` characters of base64 can encode: three per four,
/// two for a final three.
fn decoded_len(len: usize) -> usize {
    len / 4 * 3 + 2
}

/// Decodes base64url `text` into `out`, when it surely fits (`None` when it might
/// not): for short texts, without allocating.
pub(crate) fn decode_to_slice<'o>(
    text: &[u8],
    out: &'o mut [u8],
) -> Option<Result<&'o [u8], DecodeError>> {
    if decoded_len(text.len()) > out.len() {
        return None;
    }
    Some(
        base64_simd::URL_SAFE_NO_PAD
            .decode(text, base64_simd::Out::from_slice(out))
            .map(|bytes| &*bytes)
            .map_err(|_| why_not(URL_CHARS, text)),
    )
}

/// The bytes base64url `text` encodes.
pub(crate) fn decode(text: &[u8]) -> Result<Vec<u8>, DecodeError> {
    // Sized up front: growing an empty vector takes the allocator's slower path.
    let mut out = Vec::with_capacity(decoded_len(text.len()));
    decode_into(text, &mut out)?;
    Ok(out)
}

/// The bytes canonically padded standard base64 `text` encodes: a multiple of four
/// characters, `=` only as the one or two last, no stray bits, no whitespace.
pub(crate) fn decode_standard_padded(text: &[u8]) -> Result<Vec<u8>, DecodeError> {
    // Checked before sizing the output: raw signature bytes, which the detached form
    // also takes, are seldom a multiple of four long.
    if text.len() % 4 != 0 {
        return Err(DecodeError::Length);
    }
    let mut out = Vec::with_capacity(decoded_len(text.len()));
    base64_simd::STANDARD
        .decode_append(text, &mut out)
        .map_err(|_| {
            let unpadded = match text {
                [rest @ .., b'=', b'='] | [rest @ .., b'='] => rest,
                _ => text,
            };
            why_not(STANDARD_CHARS, unpadded)
        })?;
    Ok(out)
}

/// Why unpadded `text`, refused by the decoder, is not in `chars`' base64: the first
/// thing wrong with it in the order length, characters, last character.
#[cold]
fn why_not(chars: &[u8; 64], text: &[u8]) -> DecodeError {
    if text.len() % 4 == 1 {
        return DecodeError::Length;
    }
    match text.iter().position(|c| !chars.contains(c)) {
        Some(offset) => DecodeError::Symbol {
            offset,
            byte: text.get(offset).copied().unwrap_or(0),
        },
        // Every character is in the alphabet and the length is possible: only the
        // last character's unused bits are left to be wrong.
        None => DecodeError::TrailingBits,
    }
}

/// Appends the unpadded base64url of `bytes` to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    base64_simd::URL_SAFE_NO_PAD.encode_append(bytes, out);
}

/// The unpadded base64url of `bytes`.
#[cfg(any(feature = "sign", test))]
pub(crate) fn encode(bytes: &[u8]) -> String {
    base64_simd::URL_SAFE_NO_PAD.encode_to_string(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use proptest::prelude::*;

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
            assert_eq!(decode(text.as_bytes()).unwrap(), bytes.as_bytes(), "{text}");
        }
        assert_eq!(decode(b"_-8").unwrap(), [0xFF, 0xEF]);
        assert_eq!(decode(b"AQAB").unwrap(), [1, 0, 1]);
    }

    #[test]
    fn refusals() {
        for (text, err) in [
            ("A", DecodeError::Length),
            ("AAAAA", DecodeError::Length),
            ("Zh", DecodeError::TrailingBits),
            ("Zm9", DecodeError::TrailingBits),
            (
                "Zg==",
                DecodeError::Symbol {
                    offset: 2,
                    byte: b'=',
                },
            ),
            (
                "Zm9v+g",
                DecodeError::Symbol {
                    offset: 4,
                    byte: b'+',
                },
            ),
            (
                "Zm9vYg/A",
                DecodeError::Symbol {
                    offset: 6,
                    byte: b'/',
                },
            ),
            (
                "Zm 9vA",
                DecodeError::Symbol {
                    offset: 2,
                    byte: b' ',
                },
            ),
            ("Zm9v\n", DecodeError::Length),
            (
                "Zm9vY\n",
                DecodeError::Symbol {
                    offset: 5,
                    byte: b'\n',
                },
            ),
            (
                "\u{e9}A",
                DecodeError::Symbol {
                    offset: 0,
                    byte: 0xC3,
                },
            ),
        ] {
            assert_eq!(decode(text.as_bytes()), Err(err), "{text:?}");
        }
    }

    #[test]
    fn standard_padded() {
        for (text, bytes) in [
            ("", ""),
            ("Zg==", "f"),
            ("Zm8=", "fo"),
            ("Zm9v", "foo"),
            ("Zm9vYmE=", "fooba"),
            ("+/8=", "\u{fb}\u{ff}"),
        ] {
            let expected: Vec<u8> = bytes.chars().map(|c| c as u8).collect();
            assert_eq!(
                decode_standard_padded(text.as_bytes()).unwrap(),
                expected,
                "{text}"
            );
        }
        for (text, err) in [
            ("Zg", DecodeError::Length),
            ("Zg=", DecodeError::Length),
            ("Zh==", DecodeError::TrailingBits),
            (
                "Z===",
                DecodeError::Symbol {
                    offset: 1,
                    byte: b'=',
                },
            ),
            (
                "Zg=A",
                DecodeError::Symbol {
                    offset: 2,
                    byte: b'=',
                },
            ),
            (
                "_-8=",
                DecodeError::Symbol {
                    offset: 0,
                    byte: b'_',
                },
            ),
            ("Zm9v\n", DecodeError::Length),
        ] {
            assert_eq!(
                decode_standard_padded(text.as_bytes()),
                Err(err),
                "{text:?}"
            );
        }
    }

    /// The SIMD decoder works in blocks of 16 or 32 characters: a bad character or
    /// stray bits are found wherever they fall in a long text.
    #[test]
    fn refusals_at_every_offset() {
        let bytes: Vec<u8> = (0..300_u32).map(|i| (i * 37 % 256) as u8).collect();
        for len in [0, 1, 2, 23, 24, 25, 47, 48, 49, 95, 96, 97, 190, 191, 299] {
            let text = URL_SAFE_NO_PAD.encode(&bytes[..len]);
            assert_eq!(decode(text.as_bytes()).unwrap(), &bytes[..len]);
            for offset in 0..text.len() {
                for bad in [b'=', b'+', b'/', b' ', b'.', b'\n', 0x00, 0x80, 0xFF] {
                    let mut t = text.clone().into_bytes();
                    t[offset] = bad;
                    assert_eq!(
                        decode(&t),
                        Err(DecodeError::Symbol { offset, byte: bad }),
                        "{len} {offset} {bad}"
                    );
                }
            }
            // A stray low bit in the last character of a text that ends in a partial
            // group.
            if text.len() % 4 != 0 {
                let mut t = text.clone().into_bytes();
                let last = t.len() - 1;
                let value = URL_CHARS.iter().position(|&c| c == t[last]).unwrap();
                t[last] = URL_CHARS[value | 1];
                assert_eq!(decode(&t), Err(DecodeError::TrailingBits), "{len}");
            }
            let mut t = text.into_bytes();
            t.push(b'A');
            if t.len() % 4 == 1 {
                assert_eq!(decode(&t), Err(DecodeError::Length), "{len}");
            }
        }
    }

    #[test]
    fn decodes_into_a_slice_when_it_fits() {
        let mut out = [0u8; 8];
        assert_eq!(
            decode_to_slice(b"Zm9vYmE", &mut out),
            Some(Ok(&b"fooba"[..]))
        );
        assert_eq!(
            decode_to_slice(b"Zm9vYmFy", &mut out),
            Some(Ok(&b"foobar"[..]))
        );
        // 12 characters are 9 bytes, over 8; 9 characters (an impossible length)
        // might be up to 8, so it is decoded, and refused.
        assert_eq!(decode_to_slice(b"Zm9vYmFyYmF6", &mut out), None);
        assert_eq!(
            decode_to_slice(b"Zm9vYmFyY", &mut out),
            Some(Err(DecodeError::Length))
        );
        assert_eq!(
            decode_to_slice(b"Zm9v=mE", &mut out),
            Some(Err(DecodeError::Symbol {
                offset: 4,
                byte: b'='
            }))
        );
        for len in 0..=12 {
            let text = &b"Zm9vYmFyYmF6"[..len];
            if let Some(result) = decode_to_slice(text, &mut out) {
                assert_eq!(result.map(<[u8]>::to_vec), decode(text), "{len}");
            }
        }
    }

    #[test]
    fn appends_to_what_is_there() {
        let mut out = b"ab".to_vec();
        decode_into(b"Zm9vYmE", &mut out).unwrap();
        assert_eq!(out, b"abfooba");
        assert_eq!(
            decode_into(b"Zm9v=mE", &mut out),
            Err(DecodeError::Symbol {
                offset: 4,
                byte: b'='
            })
        );
        assert_eq!(out, b"abfooba", "unchanged on error");
        let mut out = b"x".to_vec();
        encode_into(b"fooba", &mut out);
        assert_eq!(out, b"xZm9vYmE");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The `base64` crate's strict engine is the oracle: the same verdict on any
        /// text, the same bytes when accepted.
        #[test]
        fn agrees_with_the_base64_crate(text in proptest::collection::vec(
            prop_oneof![
                8 => proptest::sample::select(
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".to_vec()
                ),
                1 => any::<u8>(),
            ],
            0..300,
        )) {
            let ours = decode(&text);
            let theirs = URL_SAFE_NO_PAD.decode(&text);
            prop_assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok(), "{:?} {:?}", ours, theirs);
        }

        #[test]
        fn standard_agrees_with_the_base64_crate(text in proptest::collection::vec(
            prop_oneof![
                8 => proptest::sample::select(
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".to_vec()
                ),
                1 => any::<u8>(),
            ],
            0..300,
        )) {
            let ours = decode_standard_padded(&text);
            let theirs = base64::engine::general_purpose::STANDARD.decode(&text);
            prop_assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok(), "{:?} {:?}", ours, theirs);
        }

        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = encode(&bytes);
            prop_assert_eq!(&text, &URL_SAFE_NO_PAD.encode(&bytes));
            prop_assert_eq!(&decode(text.as_bytes()).unwrap(), &bytes);
            let standard = base64::engine::general_purpose::STANDARD.encode(&bytes);
            prop_assert_eq!(decode_standard_padded(standard.as_bytes()).unwrap(), bytes);
        }
    }
}
