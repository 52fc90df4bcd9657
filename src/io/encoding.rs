//! Turning a file's bytes into text: UTF-8 with or without BOM, UTF-16 (with or without BOM)
//! and Shift_JIS (CP932) as Windows editors write them.

use super::LoadError;

/// The encoding a draft file was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    ShiftJis,
}

impl SourceEncoding {
    /// Japanese name for messages.
    pub fn label(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8（BOM付き）",
            SourceEncoding::Utf16Le => "UTF-16（リトルエンディアン）",
            SourceEncoding::Utf16Be => "UTF-16（ビッグエンディアン）",
            SourceEncoding::ShiftJis => "Shift_JIS（CP932）",
        }
    }

    /// Whether saving will change the file's encoding (shinkyu always writes UTF-8 without BOM).
    pub fn is_converted(self) -> bool {
        !matches!(self, SourceEncoding::Utf8 | SourceEncoding::Utf8Bom)
    }
}

/// Decoded text and what it was decoded from.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, with CRLF and lone CR turned into LF.
    pub text: String,
    pub encoding: SourceEncoding,
    /// The file used CRLF line ends.
    pub had_crlf: bool,
}

/// Decodes a draft file's bytes. Refuses binary data and text in an encoding it cannot name,
/// saying which.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, SourceEncoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (
            utf16(rest, SourceEncoding::Utf16Le)?,
            SourceEncoding::Utf16Le,
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (
            utf16(rest, SourceEncoding::Utf16Be)?,
            SourceEncoding::Utf16Be,
        )
    } else if let Some(enc) = sniff_utf16_without_bom(bytes) {
        (utf16(bytes, enc)?, enc)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        if s.contains('\0') {
            return Err(LoadError::Binary);
        }
        (s.to_string(), SourceEncoding::Utf8)
    } else if bytes.contains(&0) {
        return Err(LoadError::Binary);
    } else {
        (shift_jis(bytes)?, SourceEncoding::ShiftJis)
    };
    if text.chars().any(is_binary_control) {
        return Err(LoadError::Binary);
    }
    let had_crlf = text.contains("\r\n");
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded {
        text,
        encoding,
        had_crlf,
    })
}

fn utf8(bytes: &[u8]) -> Result<String, LoadError> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| LoadError::InvalidUtf8 {
            offset: e.valid_up_to(),
        })
}

fn utf16(bytes: &[u8], enc: SourceEncoding) -> Result<String, LoadError> {
    let codec = match enc {
        SourceEncoding::Utf16Be => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    let (text, had_errors) = codec.decode_without_bom_handling(bytes);
    if had_errors || !bytes.len().is_multiple_of(2) {
        return Err(LoadError::UnknownEncoding {
            guess: Some(enc.label()),
        });
    }
    Ok(text.into_owned())
}

/// UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<SourceEncoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // RON is mostly ASCII punctuation and identifiers; demand a clear majority.
    if odd_zero * 10 >= pairs * 4 && even_zero * 10 < pairs {
        Some(SourceEncoding::Utf16Le)
    } else if even_zero * 10 >= pairs * 4 && odd_zero * 10 < pairs {
        Some(SourceEncoding::Utf16Be)
    } else {
        None
    }
}

fn shift_jis(bytes: &[u8]) -> Result<String, LoadError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"jp"), chardetng::Utf8Detection::Allow);
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    let japanese = text.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c));
    if !had_errors && (guess == encoding_rs::SHIFT_JIS || japanese) {
        return Ok(text.into_owned());
    }
    let guess = if guess == encoding_rs::EUC_JP {
        Some("EUC-JP")
    } else if guess == encoding_rs::ISO_2022_JP {
        Some("ISO-2022-JP（JIS）")
    } else if guess == encoding_rs::SHIFT_JIS {
        Some("Shift_JIS（CP932）として読めない文字を含む")
    } else {
        None
    };
    Err(LoadError::UnknownEncoding { guess })
}

/// Control characters that never appear in a text draft (tab, LF and CR do).
fn is_binary_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_and_crlf() {
        let d = decode("a\r\nい\r\n".as_bytes()).unwrap();
        assert_eq!(d.text, "a\nい\n");
        assert!(d.had_crlf);
        assert_eq!(d.encoding, SourceEncoding::Utf8);
        let d = decode(b"\xEF\xBB\xBFx").unwrap();
        assert_eq!(d.text, "x");
        assert_eq!(d.encoding, SourceEncoding::Utf8Bom);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Draft(名前: \"施策\")";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend(&le);
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend(&be);
        for (bytes, enc) in [
            (le_bom, SourceEncoding::Utf16Le),
            (be_bom, SourceEncoding::Utf16Be),
            (le, SourceEncoding::Utf16Le),
            (be, SourceEncoding::Utf16Be),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, enc);
        }
    }

    #[test]
    fn shift_jis_is_read_and_named() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("Draft(name: \"市政情報の提供\")");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, SourceEncoding::ShiftJis);
        assert!(d.text.contains("市政情報の提供"));
    }

    #[test]
    fn binary_and_unknown_are_refused() {
        assert!(matches!(
            decode(b"\x00\x01\x02\xff"),
            Err(LoadError::Binary)
        ));
        assert!(matches!(decode(b""), Err(LoadError::Empty)));
        assert!(matches!(decode(b"ab\x07cd"), Err(LoadError::Binary)));
        // Latin-1 text is neither UTF-8 nor Shift_JIS Japanese.
        assert!(matches!(
            decode(b"caf\xe9 cr\xe8me br\xfbl\xe9e"),
            Err(LoadError::UnknownEncoding { .. })
        ));
    }
}
