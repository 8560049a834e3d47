//! Run-on sentences in cased text: two sentences joined without a stop, as when a
//! headline or a caption is glued to the body (`… in January A Texas math teacher has
//! been accused …`) or a period was lost in extraction.
//!
//! Capital letters alone are weak evidence (`Serie A side`, `the film It Follows`), and the
//! boundary model alone is weak evidence in well-punctuated prose. A long sentence is cut
//! where both agree: the next word is a capitalized sentence opener after a word that
//! carries no punctuation, outside quotes and parentheses, and the boundary model, reading
//! the words around the gap, finds a boundary more likely than not there (log-odds above
//! 0; the decoder's length prior plays no part).

use std::ops::Range;

use crate::boundary::BoundaryModel;

/// Sentences shorter than this many words are never cut: two sentences glued together
/// are long. A link or caption line glued to a short sentence (`A look at all of the
/// charges The sentencing phase begins Tuesday, …`, 21 words) is cut from 20 words; 30,
/// until session 6, left it whole. On the 1,040 documents of the three quality sets, 20
/// rather than 30 adds 13 cuts, 12 of them right (captions, credits, headlines) and one
/// wrong (`their 1995 follow-up | The Infamous, remains …`, an album title).
pub const RUN_ON_MIN_WORDS: usize = 20;

/// Each side of a cut has at least this many words.
pub const RUN_ON_MIN_PIECE: usize = 6;

/// Words that open sentences and, written with a capital in the middle of a sentence,
/// are rarely part of a name: articles, personal and demonstrative pronouns, possessives.
const OPENERS: &[&str] = &[
    "A", "An", "The", "He", "She", "It", "They", "We", "You", "His", "Her", "Their", "Its", "Our",
    "This", "These", "Those", "There",
];

/// Pushes `r` onto `out`, cut at each run-on boundary (see the module documentation).
pub fn split_run_ons(
    text: &str,
    r: Range<usize>,
    model: &BoundaryModel,
    out: &mut Vec<Range<usize>>,
) {
    let cuts = run_on_cuts(text, r.clone(), model);
    let mut start = r.start;
    for cut in cuts {
        out.push(start..trim_end(text, start, cut));
        start = cut;
    }
    out.push(start..r.end);
}

/// Byte offsets in `r` where a new sentence starts without the previous one ending.
pub fn run_on_cuts(text: &str, r: Range<usize>, model: &BoundaryModel) -> Vec<usize> {
    let words: Vec<(usize, &str)> = words(&text[r.clone()])
        .map(|(i, w)| (r.start + i, w))
        .collect();
    let n = words.len();
    if n < RUN_ON_MIN_WORDS || !is_cased(&words) {
        return Vec::new();
    }
    let candidates: Vec<usize> = (RUN_ON_MIN_PIECE..=n - RUN_ON_MIN_PIECE)
        .filter(|&i| {
            let prev = words[i - 1].1;
            OPENERS.contains(&words[i].1)
                && (words[i].1 != "A" || !takes_a_letter(prev))
                && prev.chars().last().is_some_and(char::is_alphanumeric)
                && !OPENERS.contains(&prev)
                && !is_possessive(prev)
                && !inside_quote_or_parens(&text[r.start..words[i].0])
        })
        .map(|i| words[i].0)
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let odds = model.gap_log_odds(text, r);
    candidates
        .into_iter()
        .filter(|c| {
            let lo = odds
                .binary_search_by_key(c, |&(at, _)| at)
                .map(|i| odds[i].1)
                .unwrap_or(f32::NEG_INFINITY);
            lo > 0.0
        })
        .collect()
}

/// Nouns that take a letter as a label (`Serie A`, `Class A shares`, `Plan A`, `vitamin
/// A`): a capitalized `A` after one of them is the label, not a sentence opener. After
/// any other word (`… at East Midlands Airport A four-year-old boy …`, `… in January A
/// Texas teacher …`) the boundary model decides, as for the other openers.
const LETTER_LABELS: &[&str] = &[
    "appendix",
    "annex",
    "block",
    "building",
    "category",
    "class",
    "company",
    "concourse",
    "division",
    "exhibit",
    "figure",
    "flight",
    "gate",
    "grade",
    "group",
    "hall",
    "hepatitis",
    "level",
    "league",
    "line",
    "lot",
    "model",
    "option",
    "part",
    "phase",
    "plan",
    "platform",
    "pool",
    "road",
    "route",
    "row",
    "schedule",
    "section",
    "serie",
    "series",
    "size",
    "stage",
    "table",
    "team",
    "terminal",
    "tier",
    "track",
    "type",
    "unit",
    "vitamin",
    "ward",
    "wing",
    "zone",
];

/// Whether `word` takes a letter as a label ([`LETTER_LABELS`]).
fn takes_a_letter(word: &str) -> bool {
    LETTER_LABELS.contains(&word.to_lowercase().as_str())
}

/// `Josephson's The Robber Barons`: a title follows a possessive.
fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("\u{2019}s")
}

/// Whether `before` leaves a quotation or a parenthesis open (`the phrase “In God We
/// Trust”`): a cut there would split what is quoted.
fn inside_quote_or_parens(before: &str) -> bool {
    let count = |c: char| before.matches(c).count();
    count('(') > count(')') || count('\u{201c}') > count('\u{201d}') || count('"') % 2 == 1
}

/// Whitespace-separated words with their byte offsets.
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_ascii_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// Whether capitals mean something here: the sentence starts with one and most words
/// are not capitalized (not a lowercased text, not a title or a shouted line).
fn is_cased(words: &[(usize, &str)]) -> bool {
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let capitalized = words.iter().filter(|(_, w)| upper(w)).count();
    words.first().is_some_and(|(_, w)| upper(w)) && capitalized * 2 < words.len()
}

/// The end of the text before `cut`, without trailing whitespace (never before `start`).
fn trim_end(text: &str, start: usize, cut: usize) -> usize {
    start + text[start..cut].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let model = BoundaryModel::builtin().expect("built-in model");
        let mut out = Vec::new();
        split_run_ons(text, 0..text.len(), model, &mut out);
        out.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn a_headline_glued_to_the_body_is_cut() {
        for (text, first) in [
            (
                "Mara Olsen, 31, was arrested on Monday amid claims she took seeds from the county \
                 archive on three nights in January A local gardener has been accused of taking \
                 more than four hundred packets of heirloom beans from the archive.",
                "Mara Olsen, 31, was arrested on Monday amid claims she took seeds from the county \
                 archive on three nights in January",
            ),
            (
                "The boy had his water pistol taken from him at the security desk of Larkfield \
                 Airport A five-year-old boy was searched by guards and made to hand over his toy \
                 before the family could board.",
                "The boy had his water pistol taken from him at the security desk of Larkfield \
                 Airport",
            ),
            (
                "A full list of the trains that run on the holiday The new timetable starts on \
                 Monday, a week after the line reopened.",
                "A full list of the trains that run on the holiday",
            ),
            (
                "The striker, who joined the club from the north last summer, scored twice in the \
                 derby at the weekend The former youth player now leads the league with eleven \
                 goals in fourteen games.",
                "The striker, who joined the club from the north last summer, scored twice in the \
                 derby at the weekend",
            ),
        ] {
            let got = pieces(text);
            assert_eq!(got.len(), 2, "{got:?}");
            assert_eq!(got[0], first);
            assert_eq!(format!("{} {}", got[0], got[1]), text);
        }
    }

    #[test]
    fn names_titles_and_short_sentences_are_left_alone() {
        for text in [
            "The striker, who moved from a small club in the north to a Serie A side last summer, \
             scored twice on Sunday and now leads the league with eleven goals in fourteen games.",
            "Short, with A Capital in it.",
            "The list of the trains that run on the holiday The timetable starts on Monday.",
            "The driver, who has worked nights at the depot for eleven years, is now studying for \
             his Class A licence so that he can take the long routes that pay more each month.",
            "The winger's contract with the Serie A champions does not run out until the end of \
             next season but he has told the club he would like to move on this summer.",
            "The collector paid a record sum for an 1856 gold piece that was struck without the \
             motto \u{201c}In God We Trust\u{201d} on it, and the coin has never been shown in public since then.",
            "Readers who open the historian Matthew Josephson's The Robber Barons find a harsh \
             portrait of the men who built the railroads and the banks of that long gilded age.",
            "the whole of this text is lowercased so capitals cannot tell anything here and the \
             words a and the appear in it many times without any stop at all in the whole thing",
        ] {
            assert_eq!(pieces(text), vec![text], "{text}");
        }
    }

    #[test]
    fn cuts_are_inside_the_range_ordered_and_at_word_starts() {
        let model = BoundaryModel::builtin().expect("built-in model");
        let one = "the archive lost seeds on three nights in January A local gardener was accused \
                   of taking beans from the archive over three winters The county";
        let text = format!("Why? Mara said: {one} {one} {one} ünïcode ✓ {one}.");
        let r = 5..text.len() - 1;
        let cuts = run_on_cuts(&text, r.clone(), model);
        assert!(!cuts.is_empty());
        assert!(cuts.windows(2).all(|w| w[0] < w[1]));
        for &c in &cuts {
            assert!(r.contains(&c) && c > r.start);
            assert!(text.is_char_boundary(c));
            assert_eq!(&text[c - 1..c], " ");
        }
    }
}
