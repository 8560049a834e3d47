//! Mojibake repair: UTF-8 text that was decoded as windows-1252 or Latin-1, once or twice
//! (`27â€“33` for `27–33`, `cafÃ©` for `café`), turned back into what was meant.
//!
//! The repair re-encodes characters to the bytes the wrong decoding read them from and
//! decodes those bytes as UTF-8, but only where they form a valid UTF-8 sequence, and
//! only where that sequence is plausible; a guard keeps clean text byte-identical:
//!
//! - only words (runs between ASCII whitespace) with a lead character (`Â`…`ô`) followed
//!   by continuation characters (`€`…`¿`, or C1 controls) are looked at, so ASCII and
//!   ordinary accented text are never touched;
//! - a two-byte sequence must decode to a letter or a Latin-1 symbol, never a control
//!   character; when its second character is punctuation that clean text puts after a
//!   capital letter (a closing quote, a dash, an ellipsis: `ESPAÑA”`), it is repaired only
//!   when a letter or another repair follows directly;
//! - three- and four-byte sequences (`â€™`) are specific enough on their own, except
//!   for private-use results.
//!
//! Repairs repeat (at most three times) for text broken twice (`Ã¢â‚¬â„¢`).
//!
//! The `plsfix` crate (a port of Python's ftfy) does this too, but it pulls in the whole
//! ICU4X 1.5 stack and changed clean strings in ftfy's own test cases; this focused
//! repair is measured on the project's mojibake suite instead.

use epitome_core::{EditList, Normalizer};

/// Repairs mojibake in place (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct MojibakeNormalizer;

impl Normalizer for MojibakeNormalizer {
    fn name(&self) -> &'static str {
        "mojibake"
    }

    fn normalize(&self, text: &str, edits: &mut EditList) {
        if text.is_ascii() {
            return;
        }
        let mut at = 0;
        for word in text.split_inclusive([' ', '\t', '\n', '\r']) {
            let start = at;
            at += word.len();
            let word = word.trim_end_matches([' ', '\t', '\n', '\r']);
            if word.is_ascii() {
                continue;
            }
            let Some(fixed) = repair_mojibake(word) else {
                continue;
            };
            // Narrow the edit to the part that changed.
            let prefix = common_prefix(word, &fixed);
            let suffix = common_suffix(&word[prefix..], &fixed[prefix..]);
            edits.replace(
                start + prefix..start + word.len() - suffix,
                &fixed[prefix..fixed.len() - suffix],
            );
        }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
        .min(b.len())
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

/// The byte a character was decoded from by windows-1252, Latin-1, or the "sloppy"
/// windows-1252 that maps its five unassigned bytes to C1 controls.
fn wrong_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) || (0x80..=0x9F).contains(&u) {
        return u8::try_from(u).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Continuations that clean text often puts right after a capital letter.
fn risky_continuation(b: u8) -> bool {
    matches!(b, 0x85 | 0x91..=0x94 | 0x96 | 0x97 | 0xAB | 0xBB)
}

/// How many continuation bytes a lead byte wants (0: not a lead byte).
fn continuation_count(b: u8) -> usize {
    match b {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => 0,
    }
}

fn is_continuation(b: Option<u8>) -> bool {
    b.is_some_and(|b| (0x80..=0xBF).contains(&b))
}

/// The repaired word, or `None` when nothing in it is mojibake.
pub fn repair_mojibake(word: &str) -> Option<String> {
    let mut current = word.to_owned();
    let mut changed = false;
    for _ in 0..3 {
        match repair_once(&current) {
            Some(next) => {
                current = next;
                changed = true;
            }
            None => break,
        }
    }
    changed.then_some(current)
}

fn repair_once(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let bytes: Vec<Option<u8>> = chars.iter().map(|&c| wrong_byte(c)).collect();
    // Quick reject: a lead followed by a continuation somewhere.
    let any = bytes
        .windows(2)
        .any(|w| w[0].is_some_and(|b| continuation_count(b) > 0) && is_continuation(w[1]));
    if !any {
        return None;
    }
    // Candidate sequences: (start index, char count, decoded char).
    let mut seqs: Vec<(usize, usize, char)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(lead) = bytes[i] else {
            i += 1;
            continue;
        };
        let need = continuation_count(lead);
        if need == 0
            || i + need >= chars.len()
            || !(1..=need).all(|k| is_continuation(bytes[i + k]))
        {
            i += 1;
            continue;
        }
        let raw: Vec<u8> = (0..=need).filter_map(|k| bytes[i + k]).collect();
        let decoded = std::str::from_utf8(&raw)
            .ok()
            .and_then(|s| s.chars().next());
        match decoded.map(|c| (c, plausible(c, need))) {
            Some((c, Plausible::Yes)) => {
                seqs.push((i, need + 1, c));
                i += need + 1;
            }
            // A C1 control continues a character broken twice (`Ã¢â‚¬Â` + U+009D): only
            // right after another repair.
            Some((c, Plausible::AfterRepair)) if seqs.last().is_some_and(|s| s.0 + s.1 == i) => {
                seqs.push((i, need + 1, c));
                i += need + 1;
            }
            _ => i += 1,
        }
    }
    // The guard for two-byte sequences whose second character is risky punctuation.
    let accepted: Vec<(usize, usize, char)> = seqs
        .iter()
        .enumerate()
        .filter(|&(k, &(start, len, _))| {
            if len != 2 || !bytes[start + 1].is_some_and(risky_continuation) {
                return true;
            }
            let next = start + len;
            let letter_follows = chars.get(next).is_some_and(|c| c.is_alphanumeric());
            // A capital inside a lowercase word ("…luÊ”") is not clean text.
            let inside_word =
                chars[start].is_uppercase() && start > 0 && chars[start - 1].is_lowercase();
            let repair_follows = seqs.get(k + 1).is_some_and(|s| s.0 == next);
            let repair_precedes = k > 0 && seqs[k - 1].0 + seqs[k - 1].1 == start;
            letter_follows || inside_word || repair_follows || repair_precedes
        })
        .map(|(_, s)| *s)
        .collect();
    if accepted.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    for (start, len, c) in accepted {
        out.extend(&chars[i..start]);
        out.push(c);
        i = start + len;
    }
    out.extend(&chars[i..]);
    Some(out)
}

enum Plausible {
    Yes,
    AfterRepair,
    No,
}

/// Whether a decoded character is something text plausibly contained.
fn plausible(c: char, continuations: usize) -> Plausible {
    let u = c as u32;
    let yes = match continuations {
        // Two bytes: Latin-1 symbols and letters, or letters of Latin Extended, IPA,
        // Greek, Cyrillic, Armenian, Hebrew, Arabic.
        1 => {
            let yes = (0xA0..=0xFF).contains(&u)
                || ((0x100..0x700).contains(&u) && c.is_alphabetic())
                || is_combining(u);
            // A C1 control or a windows-1252 symbol from 0x80–0x9F (`˜`, `ˆ`) is a
            // continuation byte of a character broken twice.
            if !yes && wrong_byte(c).is_some_and(|b| (0x80..=0x9F).contains(&b)) {
                return Plausible::AfterRepair;
            }
            yes
        }
        _ => !(0xE000..=0xF8FF).contains(&u) && !c.is_control(),
    };
    if yes {
        Plausible::Yes
    } else {
        Plausible::No
    }
}

fn is_combining(u: u32) -> bool {
    (0x300..=0x36F).contains(&u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::NormalizedText;

    fn fix(s: &str) -> String {
        let mut t = NormalizedText::from_original(s);
        let mut e = EditList::new();
        MojibakeNormalizer.normalize(s, &mut e);
        t.apply("mojibake", &e).unwrap();
        t.as_str().to_owned()
    }

    fn break_cp1252(s: &str) -> String {
        let (d, _, _) = encoding_rs::WINDOWS_1252.decode(s.as_bytes());
        d.into_owned()
    }

    #[test]
    fn repairs_single_and_double_mojibake() {
        assert_eq!(fix("pages 27â€“33 of it"), "pages 27–33 of it");
        assert_eq!(fix("cafÃ© crÃ¨me"), "café crème");
        for s in [
            "naïve Zoë’s “quote” — 5 €",
            "Привет, мир",
            "Łódź and Białystok",
            "日本語テキスト",
        ] {
            let once = break_cp1252(s);
            assert_eq!(fix(&once), s, "{once}");
            let twice = break_cp1252(&once);
            assert_eq!(fix(&twice), s, "{twice}");
        }
        // Latin-1 decoding leaves C1 controls.
        assert_eq!(fix("it\u{e2}\u{80}\u{99}s"), "it’s");
    }

    #[test]
    fn clean_text_is_left_alone() {
        for s in [
            "ESPAÑA” and “NIÑO”",
            "Straße“ and Ö’s",
            "A ×— B, É… and À»",
            "café, naïve, coöperate, Zoë, résumé, São Paulo, IRMÃ",
            "Price: £5 · 20°C ± 2 — ok",
            "Ça va? Ñandú. Øresund. Ærø. ß",
        ] {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn edits_are_narrow() {
        let s = "the french and british 27â€“33 thus";
        let mut e = EditList::new();
        MojibakeNormalizer.normalize(s, &mut e);
        assert_eq!(e.edits().len(), 1);
        assert_eq!(&s[e.edits()[0].range.clone()], "â€“");
    }
}
