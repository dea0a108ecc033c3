//! The one base64 engine of the crate: the `base64` crate's strict configurations, so
//! that every byte string has exactly one accepted text.
//!
//! - base64url without padding (RFC 7515 §2): JWS segments, JWK members.
//! - standard base64 with canonical `=` padding: `x5c` certificates, the signature
//!   text `aws kms sign` prints, PEM bodies (whose line breaks are removed first).
//!
//! Neither accepts whitespace, a wrong alphabet, missing or extra padding, or stray
//! bits in the last character.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::{DecodeError, Engine as _};

/// The bytes of unpadded, canonical base64url `text`; `what` names the text in the
/// error ("the payload segment").
pub(crate) fn decode_url(text: &[u8], what: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD.decode(text).map_err(|e| {
        format!(
            "{what} is not unpadded canonical base64url: {}",
            why(e, "base64url")
        )
    })
}

/// The bytes of canonically padded standard base64 `text`.
pub(crate) fn decode_standard(text: &[u8]) -> Result<Vec<u8>, String> {
    STANDARD.decode(text).map_err(|e| why(e, "base64"))
}

/// The unpadded base64url of `bytes`.
pub(crate) fn encode_url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The padded standard base64 of `bytes`.
#[cfg(feature = "sign")]
pub(crate) fn encode_standard(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// What is wrong with a text, for a person: the byte and where it is.
#[cold]
fn why(e: DecodeError, alphabet: &str) -> String {
    match e {
        DecodeError::InvalidByte(offset, byte) | DecodeError::InvalidLastSymbol(offset, byte)
            if byte == b'=' =>
        {
            format!("padding '=' at offset {offset}")
        }
        DecodeError::InvalidByte(offset, byte) if byte.is_ascii_graphic() => {
            format!(
                "'{}' at offset {offset} is not {alphabet}",
                char::from(byte)
            )
        }
        DecodeError::InvalidByte(offset, byte) => match whitespace(byte) {
            Some(name) => format!("{name} at offset {offset} is not {alphabet}"),
            None => format!("byte 0x{byte:02X} at offset {offset} is not {alphabet}"),
        },
        DecodeError::InvalidLength(_) => "its length leaves a single character over".to_owned(),
        DecodeError::InvalidLastSymbol(..) => "its last character has stray low bits".to_owned(),
        DecodeError::InvalidPadding if alphabet == "base64url" => {
            "it ends in '=' padding, which base64url here does not take".to_owned()
        }
        DecodeError::InvalidPadding => "its padding is not canonical".to_owned(),
    }
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
        for text in ["Zg", "Zg=", "Zh==", "Z===", "Zg=A", "_-8=", " Zg=="] {
            assert!(decode_standard(text.as_bytes()).is_err(), "{text:?}");
        }
    }
}
