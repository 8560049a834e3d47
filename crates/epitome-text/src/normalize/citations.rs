//! Citation and wiki debris: what copying a Wikipedia page leaves in the text.
//!
//! Removed from the text (the original bytes keep them, and spans still cover them):
//!
//! - reference markers: `[6]`, `[6][7]`, `[6, 7]`, `[6–8]`, `[a]`, `[note 1]`, `[nb 2]`,
//!   with a page reference glued on (`[6]: 65–94`, `[6]:12`);
//! - maintenance tags: `[citation needed]`, `[clarification needed]`, `[who?]`,
//!   `[dubious – discuss]`, `[edit]`, and any short lowercase tag ending in `needed` or `?`;
//! - page ranges left behind when the markers were stripped: `collapse. 65–94 Britain`,
//!   and, in unpunctuated (lowercased, tokenized) paragraphs, a range between two words
//!   that do not take numbers (`collapse 65–94 britain`, but not `in 1853–1856` nor
//!   `pages 27–33`);
//! - image caption debris: `image : treaty 1856 - 1.jpg`, `File:Map.png`.
//!
//! The space a marker leaves is removed with it (`war [5].` → `war.`).

use epitome_core::{EditList, Normalizer};

/// Removes citation markers, their page ranges, and image file references.
#[derive(Debug, Clone, Copy, Default)]
pub struct CitationNormalizer;

/// Maintenance tags Wikipedia puts in brackets (compared lowercased).
const TAGS: &[&str] = &[
    "citation needed",
    "clarification needed",
    "verification needed",
    "better source needed",
    "better source",
    "full citation needed",
    "page needed",
    "pages needed",
    "year needed",
    "date needed",
    "attribution needed",
    "specify",
    "dubious",
    "dubious – discuss",
    "dubious - discuss",
    "disputed – discuss",
    "disputed - discuss",
    "discuss",
    "edit",
    "update",
    "needs update",
    "vague",
    "failed verification",
    "not in citation given",
    "dead link",
    "permanent dead link",
    "sic",
    "original research?",
    "by whom?",
    "who?",
    "when?",
    "where?",
    "which?",
    "why?",
    "how?",
    "according to whom?",
    "citation needed to verify",
    "unreliable source?",
    "non-primary source needed",
    "third-party source needed",
    "self-published source",
    "weasel words",
    "neutrality is disputed",
    "improper synthesis?",
    "further explanation needed",
    "examples needed",
    "quantify",
    "irrelevant citation",
    "additional citation(s) needed",
    "citation not found",
    "not verified in body",
];

/// Words after which a number range is meant (`pages 27–33`, `in 1853–1856`).
const TAKES_RANGE: &[&str] = &[
    "a",
    "about",
    "across",
    "after",
    "age",
    "aged",
    "ages",
    "almost",
    "an",
    "and",
    "approximately",
    "around",
    "at",
    "be",
    "beat",
    "been",
    "before",
    "between",
    "by",
    "c",
    "ca",
    "chapter",
    "chapters",
    "circa",
    "during",
    "each",
    "every",
    "for",
    "from",
    "grade",
    "grades",
    "in",
    "is",
    "lost",
    "nearly",
    "no",
    "nos",
    "number",
    "numbers",
    "of",
    "on",
    "or",
    "over",
    "p",
    "page",
    "pages",
    "per",
    "pp",
    "record",
    "roughly",
    "score",
    "scored",
    "season",
    "seasons",
    "some",
    "than",
    "the",
    "their",
    "these",
    "those",
    "through",
    "to",
    "under",
    "until",
    "verse",
    "verses",
    "vol",
    "volume",
    "volumes",
    "was",
    "were",
    "with",
    "won",
    "years",
];

/// Words a number range is followed by when it is meant (`10–20 percent`).
const AFTER_RANGE: &[&str] = &[
    "percent", "per", "years", "year", "months", "days", "hours", "minutes", "weeks", "people",
    "km", "miles", "million", "billion", "times", "points", "votes", "seats", "men", "women",
    "feet", "metres", "meters", "kg", "pounds", "dollars", "victory", "win", "defeat", "season",
    "and", "or", "to", "of", "bc", "bce", "ad", "ce",
];

/// Image file extensions that end an image reference.
const IMAGE_EXTENSIONS: &[&str] = &[
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".tif", ".tiff", ".webp", ".bmp",
];

impl Normalizer for CitationNormalizer {
    fn name(&self) -> &'static str {
        "citations"
    }

    fn normalize(&self, text: &str, edits: &mut EditList) {
        let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
        if text.contains('[') {
            markers(text, &mut cut);
        }
        image_references(text, &mut cut);
        page_ranges(text, &cut.clone(), &mut cut);
        cut.sort_by_key(|r| (r.start, r.end));
        // Merge overlapping cuts; each becomes one deletion.
        let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
        for r in cut {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        for r in merged {
            edits.delete(r);
        }
    }
}

/// The content of a bracket pair is a citation marker; `glued` says the bracket follows
/// a non-space character or another marker directly.
fn is_marker(inner: &str, glued: bool) -> bool {
    let t = inner.trim();
    if t.is_empty() || t.len() > 60 {
        return false;
    }
    // [6], [6, 7], [6–8], [12-14]
    if t.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '–' | '-' | ' ' | '—'))
        && t.chars().any(|c| c.is_ascii_digit())
    {
        return t.split([',', '–', '-', '—']).all(|n| n.trim().len() <= 4);
    }
    // [a], [b] (note letters; `[it]`, `[he]` in quotes are editorial insertions).
    if glued && t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()) {
        return true;
    }
    let lower = t.to_lowercase();
    // [note 1], [nb 2], [n 3], [fn 4], [lower-alpha 1]
    if let Some((word, num)) = lower.rsplit_once(' ') {
        if matches!(
            word,
            "note" | "nb" | "n" | "fn" | "lower-alpha" | "upper-alpha" | "lower-roman"
        ) && num.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return true;
        }
    }
    if TAGS.contains(&lower.as_str()) {
        return true;
    }
    // Any short lowercase maintenance tag: "[source needed]", "[when exactly?]".
    lower.len() <= 40
        && lower == t
        && lower
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '?' | '–'))
        && (lower.ends_with(" needed") || lower.ends_with('?'))
}

/// Finds runs of markers (with a glued page reference) and the space to take with them.
fn markers(text: &str, cut: &mut Vec<std::ops::Range<usize>>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(k) = text[i..].find('[') {
        let start = i + k;
        // A run of adjacent markers.
        let mut end = start;
        loop {
            if b.get(end) != Some(&b'[') {
                break;
            }
            let Some(close) = text[end + 1..].find(']').map(|c| end + 1 + c) else {
                break;
            };
            let glued = end > start || text[..end].ends_with(|c: char| !c.is_whitespace());
            if text[end + 1..close].contains(['[', '\n'])
                || !is_marker(&text[end + 1..close], glued)
            {
                break;
            }
            end = close + 1;
        }
        if end == start {
            i = start + 1;
            continue;
        }
        // A page reference glued on: ": 65–94", ":12", ": p. 4".
        end = page_reference(text, end);
        cut.push(with_space(text, start, end));
        i = end;
    }
}

/// After a marker: `: 65–94`, `:12`, `: p. 4`, `: pp. 5–6` (returns the new end).
fn page_reference(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let Some(after_colon) = rest.strip_prefix(':') else {
        return end;
    };
    let trimmed = after_colon.trim_start_matches(' ');
    let mut j = after_colon.len() - trimmed.len();
    let mut t = trimmed;
    for prefix in ["pp. ", "p. ", "pp.", "p."] {
        if let Some(s) = t.strip_prefix(prefix) {
            j += prefix.len();
            t = s;
            break;
        }
    }
    let num = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '–' | '-' | ',' | '—'))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let num_str = t[..num].trim_end_matches([',', '-', '–', '—']);
    if num_str.is_empty() || !num_str.starts_with(|c: char| c.is_ascii_digit()) {
        return end;
    }
    end + 1 + j + num_str.len()
}

/// Widens a cut so that no double space or space before punctuation is left: with a
/// space on both sides (or at a line's start) the space after goes too; before
/// punctuation or a line's end, the space before.
fn with_space(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let (sp_before, sp_after) = (before == Some(' '), after == Some(' '));
    let line_start = before.is_none_or(|c| c == '\n');
    let closes = after.is_none_or(|c| matches!(c, '\n' | '.' | ',' | ';' | ':' | '!' | '?' | ')'));
    if sp_after && (sp_before || line_start) {
        let spaces = text[end..].len() - text[end..].trim_start_matches(' ').len();
        start..end + spaces
    } else if sp_before && closes {
        start - 1..end
    } else {
        start..end
    }
}

/// `image : name.jpg`, `File:Name of map.png`: the word, the colon and the file name.
fn image_references(text: &str, cut: &mut Vec<std::ops::Range<usize>>) {
    let lower = text.to_ascii_lowercase();
    for key in ["image", "file"] {
        let mut from = 0;
        while let Some(k) = lower[from..].find(key) {
            let start = from + k;
            from = start + key.len();
            if lower[..start].ends_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let rest = &lower[from..];
            let after = rest.trim_start_matches(' ');
            if !after.starts_with(':') {
                continue;
            }
            let name_at = from + (rest.len() - after.len()) + 1;
            // The file name ends at the first image extension on this line, within 160 bytes.
            let mut window_end = (name_at + 160).min(text.len());
            while !text.is_char_boundary(window_end) {
                window_end -= 1;
            }
            let window = lower[name_at..window_end].split('\n').next().unwrap_or("");
            let hit = IMAGE_EXTENSIONS
                .iter()
                .filter_map(|ext| {
                    window.match_indices(ext).find_map(|(i, _)| {
                        let e = i + ext.len();
                        let ends = window[e..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric());
                        ends.then_some(e)
                    })
                })
                .min();
            if let Some(e) = hit {
                let end = name_at + e;
                let spaces = text[end..].len() - text[end..].trim_start_matches(' ').len();
                cut.push(start..end + spaces);
                from = end;
            }
        }
    }
}

/// A number range `a–b` with a < b, not a year range.
fn page_range(tok: &str) -> bool {
    let Some((a, b)) = tok.split_once(['–', '—']) else {
        return false;
    };
    let (Ok(x), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return false;
    };
    let year = |v: u32, s: &str| s.len() == 4 && (1000..=2100).contains(&v);
    a.len() <= 4 && b.len() <= 4 && x < y && !(year(x, a) && (year(y, b) || b.len() == 2))
}

/// Page ranges left behind by stripped markers (see the module docs).
fn page_ranges(
    text: &str,
    existing: &[std::ops::Range<usize>],
    cut: &mut Vec<std::ops::Range<usize>>,
) {
    if !text.contains(['–', '—']) {
        return;
    }
    let mut para_start = 0;
    for para in text.split_inclusive("\n\n") {
        let words: Vec<(usize, &str)> = para
            .split_inclusive(char::is_whitespace)
            .scan(para_start, |at, w| {
                let s = *at;
                *at += w.len();
                Some((s, w.trim_end()))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let stops = para.matches(['.', '!', '?']).count();
        let unpunctuated = words.len() >= 40 && stops * 40 < words.len();
        for k in 0..words.len() {
            let (at, w) = words[k];
            // "collapse.65–94" glued to the sentence end.
            let (lead, tok) = match w.rfind(['.', '!', '?']) {
                Some(p) if p + 1 < w.len() && w[..p].chars().any(char::is_alphabetic) => {
                    (p + 1, &w[p + 1..])
                }
                _ => (0, w),
            };
            if !page_range(tok) || existing.iter().any(|r| r.start <= at && at < r.end) {
                continue;
            }
            let next = words.get(k + 1).map(|(_, n)| *n);
            let next_word = next.is_some_and(|n| n.starts_with(char::is_alphabetic));
            let next_free = next.is_some_and(|n| {
                !AFTER_RANGE.contains(&n.to_lowercase().trim_end_matches([',', '.']))
            });
            let after_stop = lead > 0
                || (k > 0 && words[k - 1].1.ends_with(['.', '!', '?']) && words[k - 1].1.len() > 2);
            let prev_free = k > 0 && {
                let p = words[k - 1].1.to_lowercase();
                p.chars().all(char::is_alphabetic) && !TAKES_RANGE.contains(&p.as_str())
            };
            let remove = next_word
                && next_free
                && (after_stop && next.is_some_and(|n| n.starts_with(char::is_uppercase))
                    || unpunctuated && prev_free);
            if remove {
                let start = at + lead;
                let end = at + w.len();
                if lead > 0 {
                    // Keep "collapse." and drop the range and the space after it.
                    let spaces = text[end..].len() - text[end..].trim_start_matches(' ').len();
                    cut.push(start..end + spaces);
                } else {
                    cut.push(with_space(text, start, end));
                }
            }
        }
        para_start += para.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::NormalizedText;

    fn clean(s: &str) -> String {
        let mut t = NormalizedText::from_original(s);
        let mut e = EditList::new();
        CitationNormalizer.normalize(s, &mut e);
        t.apply("citations", &e).unwrap();
        t.as_str().to_owned()
    }

    #[test]
    fn markers_go_with_their_space() {
        assert_eq!(
            clean("[6][7] When Alexander II took the crown."),
            "When Alexander II took the crown."
        );
        assert_eq!(
            clean("Britain and France[17] since it would."),
            "Britain and France since it would."
        );
        assert_eq!(clean("the war [5]. Then"), "the war. Then");
        assert_eq!(clean("the war [5] and peace"), "the war and peace");
        assert_eq!(clean("[citation needed] The defeat."), "The defeat.");
        assert_eq!(
            clean("It fell.[a][note 2] It rose.[12]: 65–94 Next."),
            "It fell. It rose. Next."
        );
        assert_eq!(
            clean("Claims[who?] and [dubious – discuss] more[6, 7]."),
            "Claims and more."
        );
    }

    #[test]
    fn brackets_that_are_not_markers_stay() {
        for s in [
            "He said [sic transit] it",
            "see [Smith 2004]",
            "the array [1, 2000000]",
            "[Applause]",
        ] {
            assert_eq!(clean(s), s);
        }
    }

    #[test]
    fn page_ranges_left_behind_go_but_real_ranges_stay() {
        let filler = "and the story went on and on with many more words in it so that the paragraph has no sentence punctuation at all for a long long while more words";
        let s = format!("{filler} the economy was on the brink of collapse 65–94 britain and france during the war {filler}");
        let out = clean(&s);
        assert!(out.contains("collapse britain and france"), "{out}");
        assert_eq!(
            clean("It ended in 1853–1856 after pages 27–33 of it."),
            "It ended in 1853–1856 after pages 27–33 of it."
        );
        assert_eq!(
            clean("The economy collapsed. 65–94 Britain and France"),
            "The economy collapsed. Britain and France"
        );
        let s = format!("{filler} prices rose 10–20 percent in the war {filler}");
        assert_eq!(clean(&s), s);
    }

    #[test]
    fn image_references_go() {
        let s = "the crimean war image : treaty of paris 1856 - 1.jpg treaty of paris : debates image : crimea_medallion_1856.jpg a medallion issued";
        assert_eq!(
            clean(s),
            "the crimean war treaty of paris : debates a medallion issued"
        );
        assert_eq!(clean("File:Map of Europe.png\nText here."), "\nText here.");
        assert_eq!(clean("the profile: nothing"), "the profile: nothing");
    }
}
