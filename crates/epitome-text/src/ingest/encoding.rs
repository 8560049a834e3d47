//! Turning input bytes into text without losing the way back to them.
//!
//! Order of decisions: a byte-order mark wins (UTF-8, UTF-16LE, UTF-16BE); then UTF-16
//! without a BOM is recognized by its pattern of zero bytes; then valid UTF-8 is taken
//! as is; then text that is *mostly* UTF-8 (it has valid multi-byte sequences) is decoded
//! lossily, because one stray byte does not make a file Latin-1; anything else goes to
//! `chardetng`, and `encoding_rs` transcodes it.
//!
//! Transcoded text is built with [`NormalizedText::builder`], so every character maps to
//! the bytes it was decoded from. To keep the map small, characters that are not copied
//! byte for byte are grouped: a run of letters and digits (at most
//! [`MAX_GROUP_CHARS`]) is one piece, every other character its own piece. Sentence and
//! word boundaries therefore map exactly; a position inside a word maps to the word.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use epitome_core::{NormalizedText, NormalizedTextBuilder};

/// The longest run of word characters mapped as one piece.
pub const MAX_GROUP_CHARS: usize = 32;

/// How many leading bytes are inspected to recognize UTF-16 without a BOM.
const UTF16_SNIFF_LEN: usize = 4096;

/// Text decoded from bytes, and how.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, mapped to the input bytes.
    pub text: NormalizedText,
    /// The encoding's name as the WHATWG Encoding Standard spells it (`UTF-8`,
    /// `UTF-16LE`, `windows-1252`, …).
    pub encoding: &'static str,
    /// Whether a byte-order mark was found (and left out of the text).
    pub bom: bool,
    /// Invalid sequences replaced by U+FFFD.
    pub invalid: usize,
}

/// Decodes `bytes`, detecting the encoding; `hint` is an encoding label the container
/// declared (an HTML `<meta charset>`), trusted when the bytes are not valid UTF-8.
pub fn decode(bytes: &[u8], hint: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return transcode(bytes, enc, bom_len);
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return transcode(bytes, enc, 0);
    }
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        let (text, invalid) = NormalizedText::from_bytes_lossy(bytes);
        return Decoded {
            text,
            encoding: UTF_8.name(),
            bom: false,
            invalid,
        };
    }
    let declared = hint
        .and_then(|h| Encoding::for_label(h.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    let enc = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    transcode(bytes, enc, 0)
}

/// Decodes `bytes` in the named encoding (as [`Decoded::encoding`] names it), without
/// detection and without BOM handling: for parts of an input already decoded whole.
pub fn decode_with(bytes: &[u8], encoding: &str) -> NormalizedText {
    let enc = Encoding::for_label(encoding.as_bytes()).unwrap_or(UTF_8);
    if enc == UTF_8 {
        return NormalizedText::from_bytes_lossy(bytes).0;
    }
    transcode(bytes, enc, 0).text
}

/// UTF-16 without a BOM: text that is mostly ASCII (or Latin) has a zero in every other
/// byte. Returns the byte order when at least 40% of the code units of the sniffed
/// prefix have a zero high byte and almost no low byte is zero.
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(UTF16_SNIFF_LEN) & !1;
    if n < 16 {
        return None;
    }
    let units = n / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in bytes[..n].chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0);
        odd_zero += usize::from(pair[1] == 0);
    }
    let plenty = units * 2 / 5;
    let few = units / 50;
    if odd_zero >= plenty.max(1) && even_zero <= few {
        Some(UTF_16LE)
    } else if even_zero >= plenty.max(1) && odd_zero <= few {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether invalid UTF-8 is still best read as UTF-8: it has valid multi-byte sequences
/// and at most two invalid sequences for each of them (legacy-encoded text almost never
/// forms a valid multi-byte sequence by chance).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multi, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multi > 0 && invalid <= multi * 2
}

/// Whether `c` joins the current word group.
fn groupable(c: char) -> bool {
    c.is_alphanumeric()
}

/// Collects decoded characters with their byte ranges and emits them to the builder in
/// groups (see the module docs).
struct Grouper {
    builder: NormalizedTextBuilder,
    text: String,
    start: usize,
    end: usize,
    chars: usize,
    word: bool,
    /// End of the last range handed to the builder; ranges never go below it.
    floor: usize,
}

impl Grouper {
    fn new(len: usize) -> Self {
        Grouper {
            builder: NormalizedText::builder(len),
            text: String::new(),
            start: 0,
            end: 0,
            chars: 0,
            word: false,
            floor: 0,
        }
    }

    fn flush(&mut self) {
        if self.chars > 0 {
            // Ranges come in order and do not overlap, so the builder cannot refuse them.
            let _ = self.builder.replace(self.start..self.end, &self.text);
            self.floor = self.end;
            self.text.clear();
            self.chars = 0;
        }
    }

    /// Adds `c`, decoded from bytes `from..to`.
    fn push(&mut self, c: char, from: usize, to: usize) {
        let from = from.max(self.floor);
        let to = to.max(from);
        let word = groupable(c);
        if self.chars > 0 && !(word && self.word && self.chars < MAX_GROUP_CHARS) {
            self.flush();
        }
        if self.chars == 0 {
            self.start = from;
            self.word = word;
        }
        self.text.push(c);
        self.end = to;
        self.chars += 1;
    }

    /// Adds text copied byte for byte from `from..from + s.len()`.
    fn copy(&mut self, s: &str, from: usize) {
        self.flush();
        let _ = self.builder.copy(from..from + s.len(), s);
        self.floor = from + s.len();
    }

    fn finish(mut self) -> NormalizedText {
        self.flush();
        self.builder.finish()
    }
}

/// Decodes `bytes[skip..]` as `enc`, mapping every character to its bytes.
fn transcode(bytes: &[u8], enc: &'static Encoding, skip: usize) -> Decoded {
    let mut invalid = 0;
    let text = if enc == UTF_8 {
        let (inner, bad) = NormalizedText::from_bytes_lossy(&bytes[skip..]);
        invalid = bad;
        let mut g = Grouper::new(bytes.len());
        // Shift the map past the BOM: rebuild from the inner pieces.
        for p in inner.alignment().pieces() {
            let s = &inner.as_str()[p.norm_start..p.norm_start + p.norm_len];
            if p.identity {
                g.copy(s, skip + p.orig_start);
            } else {
                for c in s.chars() {
                    g.push(c, skip + p.orig_start, skip + p.orig_start + p.orig_len);
                }
            }
        }
        g.finish()
    } else if enc == UTF_16LE || enc == UTF_16BE {
        decode_utf16(
            &bytes[skip..],
            skip,
            bytes.len(),
            enc == UTF_16LE,
            &mut invalid,
        )
    } else {
        decode_legacy(bytes, skip, enc, &mut invalid)
    };
    Decoded {
        text,
        encoding: enc.name(),
        bom: skip > 0,
        invalid,
    }
}

fn decode_utf16(
    body: &[u8],
    offset: usize,
    total: usize,
    little: bool,
    invalid: &mut usize,
) -> NormalizedText {
    let mut g = Grouper::new(total);
    let unit = |i: usize| -> u16 {
        let (a, b) = (body[i], body[i + 1]);
        if little {
            u16::from_le_bytes([a, b])
        } else {
            u16::from_be_bytes([a, b])
        }
    };
    let mut i = 0;
    while i + 1 < body.len() {
        let u = unit(i);
        let at = offset + i;
        if (0xD800..0xDC00).contains(&u) && i + 3 < body.len() {
            let v = unit(i + 2);
            if (0xDC00..0xE000).contains(&v) {
                let c = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(v) - 0xDC00);
                g.push(
                    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
                    at,
                    at + 4,
                );
                i += 4;
                continue;
            }
        }
        let c = char::from_u32(u32::from(u)).unwrap_or_else(|| {
            *invalid += 1;
            char::REPLACEMENT_CHARACTER
        });
        g.push(c, at, at + 2);
        i += 2;
    }
    if i < body.len() {
        *invalid += 1;
        g.push(char::REPLACEMENT_CHARACTER, offset + i, offset + body.len());
    }
    g.finish()
}

/// Any other encoding, through `encoding_rs`: single-byte encodings byte by byte (ASCII
/// is copied), multi-byte ones by feeding the decoder one byte at a time and noting
/// which bytes each character took.
fn decode_legacy(
    bytes: &[u8],
    skip: usize,
    enc: &'static Encoding,
    invalid: &mut usize,
) -> NormalizedText {
    let mut g = Grouper::new(bytes.len());
    let mut decoder = enc.new_decoder_without_bom_handling();
    let single = enc.is_single_byte();
    let mut out = String::with_capacity(16);
    let mut pending = skip;
    let mut i = skip;
    while i < bytes.len() {
        if single && bytes[i].is_ascii() {
            let run = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |k| i + k);
            // ASCII bytes are ASCII characters in every single-byte encoding encoding_rs has.
            let s = std::str::from_utf8(&bytes[i..run]).unwrap_or_default();
            g.copy(s, i);
            i = run;
            pending = i;
            continue;
        }
        out.clear();
        let last = i + 1 == bytes.len();
        let (_, _, had_errors) = decoder.decode_to_string(&bytes[i..i + 1], &mut out, last);
        if had_errors {
            *invalid += 1;
        }
        i += 1;
        if !out.is_empty() {
            // Several characters from one step share the bytes of the step.
            for c in out.chars() {
                g.push(c, pending, i);
            }
            pending = i;
        }
    }
    g.finish()
}

/// Finds a `charset` an HTML page declares in its first 1024 bytes (`<meta charset=…>`
/// or `content="…; charset=…"`).
pub fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(&rest[..end]).ok()?;
    (!label.is_empty()).then(|| label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend(if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        out
    }

    fn slice_decodes_back(d: &Decoded, bytes: &[u8], enc: &'static Encoding) {
        let t = d.text.as_str();
        for (i, _) in t.char_indices() {
            for (j, _) in t[i..].char_indices().skip(1).chain([(t.len() - i, ' ')]) {
                let span = d.text.original_span(i..i + j);
                let (orig, _) = enc.decode_without_bom_handling(&bytes[span.range()]);
                assert!(
                    orig.contains(&t[i..i + j]),
                    "{:?} does not contain {:?}",
                    orig,
                    &t[i..i + j]
                );
            }
        }
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for little in [true, false] {
            for bom in [true, false] {
                let s = "Zoë said: “the levee held.” 𝄞 Done.";
                let bytes = utf16(s, little, bom);
                let d = decode(&bytes, None);
                assert_eq!(d.text.as_str(), s, "little={little} bom={bom}");
                assert_eq!(d.bom, bom);
                let enc = if little { UTF_16LE } else { UTF_16BE };
                assert_eq!(d.encoding, enc.name());
                slice_decodes_back(&d, &bytes, enc);
                let span = d.text.original_span(0..3);
                assert_eq!(span.start, if bom { 2 } else { 0 });
                assert_eq!(span.len(), 6);
            }
        }
    }

    #[test]
    fn utf8_bom_is_dropped_and_mapped() {
        let bytes = b"\xEF\xBB\xBFHello there.".to_vec();
        let d = decode(&bytes, None);
        assert_eq!(d.text.as_str(), "Hello there.");
        assert!(d.bom);
        assert_eq!(&bytes[d.text.original_span(0..5).range()], b"Hello");
    }

    #[test]
    fn latin1_and_shift_jis_are_detected_and_mapped() {
        let s = "Le café était plein, à côté de la gare; naïve Zoë.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(s);
        let d = decode(&bytes, None);
        assert_eq!(d.text.as_str(), s);
        assert_eq!(d.encoding, "windows-1252");
        slice_decodes_back(&d, &bytes, encoding_rs::WINDOWS_1252);

        let s = "東京は日本の首都です。大阪は大きな都市です。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(s);
        let d = decode(&bytes, Some("shift_jis"));
        assert_eq!(d.text.as_str(), s);
        let first = s.find('。').unwrap() + '。'.len_utf8();
        let span = d.text.original_span(0..first);
        let (back, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&bytes[span.range()]);
        assert_eq!(back, &s[..first]);
    }

    #[test]
    fn one_stray_byte_keeps_utf8() {
        let bytes = "Café crème \u{2014} "
            .bytes()
            .chain([0xff])
            .collect::<Vec<_>>();
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.invalid, 1);
        assert!(d.text.as_str().starts_with("Café crème"));
    }

    #[test]
    fn declared_charset_is_found() {
        assert_eq!(
            html_declared_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            html_declared_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>"
            )
            .as_deref(),
            Some("koi8-r")
        );
        assert_eq!(html_declared_charset(b"<p>nothing</p>"), None);
    }

    #[test]
    fn odd_lengths_and_tiny_inputs_do_not_panic() {
        for b in [
            &b""[..],
            b"\xff",
            b"\xff\xfe",
            b"\xfe\xff\x00",
            b"a\x00b",
            b"\xff\xfeA",
        ] {
            let _ = decode(b, None);
        }
    }
}
