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
    } else if let Some(damage) = mostly_utf8(bytes) {
        // A UTF-8 draft with a few damaged bytes (a bad sector, a cut-and-paste through an
        // old program): say where, rather than guessing at another encoding.
        return Err(damage);
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
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Err(utf8_damage(bytes, Utf8Scan::of(bytes))),
    }
}

/// How a byte string reads as UTF-8: its multi-byte characters, the places it cannot be read,
/// and the first of them.
struct Utf8Scan {
    multibyte: usize,
    bad: usize,
    first_bad: Option<usize>,
}

impl Utf8Scan {
    fn of(bytes: &[u8]) -> Utf8Scan {
        let mut scan = Utf8Scan {
            multibyte: 0,
            bad: 0,
            first_bad: None,
        };
        let mut at = 0;
        // Where the last unreadable run ended: bad bytes next to each other are one place (a
        // damaged byte inside a character makes its neighbours unreadable too).
        let mut bad_end = usize::MAX;
        loop {
            let rest = &bytes[at..];
            let (valid, skip) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), None),
                Err(e) => (
                    e.valid_up_to(),
                    Some(e.error_len().unwrap_or(rest.len() - e.valid_up_to())),
                ),
            };
            // Lead bytes of multi-byte characters in the valid part.
            scan.multibyte += rest[..valid].iter().filter(|&&b| b >= 0xC0).count();
            let Some(skip) = skip else { break };
            if at + valid != bad_end {
                scan.bad += 1;
            }
            scan.first_bad.get_or_insert(at + valid);
            at += valid + skip.max(1);
            bad_end = at;
        }
        scan
    }
}

/// `Some` when `bytes`, which are not valid UTF-8, are nevertheless UTF-8 with a few damaged
/// places: at least four well-formed multi-byte characters for each place that cannot be read.
/// Shift_JIS Japanese read as UTF-8 fails on nearly every character (its bytes 0x81–0x9F lead,
/// which UTF-8 only allows as continuation bytes), so it never passes.
fn mostly_utf8(bytes: &[u8]) -> Option<LoadError> {
    let scan = Utf8Scan::of(bytes);
    (scan.bad > 0 && scan.multibyte >= 4 * scan.bad).then(|| utf8_damage(bytes, scan))
}

/// The error for a damaged UTF-8 file: line and column (in characters) of its first bad byte,
/// the line around it, and how many places are damaged.
fn utf8_damage(bytes: &[u8], scan: Utf8Scan) -> LoadError {
    let offset = scan.first_bad.unwrap_or(0);
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[offset..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| offset + i);
    let before = String::from_utf8_lossy(&bytes[line_start..offset]);
    let column = before.chars().count() + 1;
    let line_text = String::from_utf8_lossy(&bytes[line_start..line_end]);
    LoadError::InvalidUtf8 {
        line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
        column,
        excerpt: super::ron_text::excerpt(&line_text, column),
        places: scan.bad,
    }
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
    fn one_bad_byte_in_utf8_is_located_not_guessed_at() {
        let mut bytes = "Draft(\n    name: \"市政情報の提供と市民参加\",\n)\n"
            .as_bytes()
            .to_vec();
        let at = bytes.windows(3).position(|w| w == "提".as_bytes()).unwrap();
        bytes[at + 1] = 0xFF;
        let Err(LoadError::InvalidUtf8 {
            line,
            column,
            excerpt,
            places,
        }) = decode(&bytes)
        else {
            panic!("{:?}", decode(&bytes));
        };
        assert_eq!(
            (line, column, places),
            (2, 17, 1),
            "「提」is the 17th character"
        );
        assert!(excerpt.contains("市政情報の\u{FFFD}"), "{excerpt}");
        // With a BOM, the same.
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend(&bytes);
        assert!(matches!(
            decode(&with_bom),
            Err(LoadError::InvalidUtf8 {
                line: 2,
                column: 17,
                ..
            })
        ));
    }

    #[test]
    fn shift_jis_is_not_taken_for_damaged_utf8() {
        let text =
            "Draft(name: \"市政情報の提供と、市民の参加を進めます。\", memo: \"行財政改革\")";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(Utf8Scan::of(&bytes).bad > 0);
        assert!(mostly_utf8(&bytes).is_none());
        assert_eq!(decode(&bytes).unwrap().encoding, SourceEncoding::ShiftJis);
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
