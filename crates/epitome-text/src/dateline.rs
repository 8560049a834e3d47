//! News datelines, kept out of sentences: `WASHINGTON (AP) —`, `Rome (CNN)`, `(CNN) --`;
//! and the page labels that extraction glues to a sentence's start: `Story highlights`,
//! `Image copyright Harbor Press Image caption`.
//!
//! A wire story's first sentence starts with where it was filed and by whom. A summary
//! reader needs neither, and the words count against the budget, so the sentence's range
//! starts after the dateline (it still slices the original bytes; nothing is rewritten).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// An agency credit in parentheses, optionally after a place, then an optional dash:
/// `(CNN)`, `Rome (CNN) `, `KATHMANDU (Reuters) - `, `DENVER, Colo. (AP) — `, and with
/// the spacing that wire text converted by other tools has: `JAKARTA, Indonesia( AP) `.
fn credited() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:[A-Z][\p{L}.'’\- ]{0,40}(?:,\s*[\p{L}.'’\- ]{1,30})?\s*)?\(\s*(?:AP|CNN|Reuters|AFP|UPI|Bloomberg|dpa|Xinhua|PA)\s*\)\s*(?:--|[-—–_:])?\s*",
        )
        .expect("the dateline pattern is valid")
    })
}

/// A place in capitals and a dash, at a document's start only: `WASHINGTON — `,
/// `NEW YORK, March 3 -- `, and with a plain hyphen after a place and its state or date,
/// `ALLENTOWN, Pa. - ` (without the comma, `U.S. - China talks` is a headline, not a
/// dateline).
fn capitals() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^[A-Z][A-Z.'’\- ]{2,30}(?:(?:,\s*[\p{L}0-9.\- ]{1,30})?\s*(?:--|[—–_])|,\s*[\p{L}0-9. ]{1,30}?\s-)\s+",
        )
        .expect("the dateline pattern is valid")
    })
}

/// A page label: `Story highlights `, `Image copyright Harbor Press Image caption `, `Updated | `,
/// `Image caption `.
fn labels() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:Story highlights|(?:Image copyright\s.{1,60}?\s)?Image caption|(?:Updated|Posted|Published)\s*\|)\s+")
            .expect("the label pattern is valid")
    })
}

/// The length of the dateline that opens `sentence`, if any. `first` says whether it is
/// its document's first sentence, where a bare capitalized place with a dash counts too.
/// Never the whole sentence: what follows must hold a letter.
pub fn dateline_len(sentence: &str, first: bool) -> Option<usize> {
    let m = credited()
        .find(sentence)
        .or_else(|| labels().find(sentence))
        .or_else(|| first.then(|| capitals().find(sentence)).flatten())?;
    let rest = &sentence[m.end()..];
    rest.chars()
        .any(char::is_alphabetic)
        .then_some(m.end())
        .filter(|&n| n > 0)
}

/// Moves the start of each sentence of `text` past a dateline that opens it.
pub fn trim_datelines(text: &str, sentences: &mut [Range<usize>]) {
    for (i, r) in sentences.iter_mut().enumerate() {
        if let Some(n) = dateline_len(&text[r.clone()], i == 0) {
            r.start += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trimmed(s: &str, first: bool) -> &str {
        &s[dateline_len(s, first).unwrap_or(0)..]
    }

    #[test]
    fn wire_datelines_go() {
        assert_eq!(
            trimmed("(CNN) A fiery sunset greeted people.", false),
            "A fiery sunset greeted people."
        );
        assert_eq!(
            trimmed("Rome (CNN) Italy is coping with a wave.", false),
            "Italy is coping with a wave."
        );
        assert_eq!(
            trimmed("KATHMANDU (Reuters) - The bodies were found.", false),
            "The bodies were found."
        );
        assert_eq!(
            trimmed("DENVER, Colo. (AP) — Troy Tulowitzki has a name.", false),
            "Troy Tulowitzki has a name."
        );
        assert_eq!(
            trimmed(
                "PORTVILLE, Arland( AP) -- The harbor reopened on Friday.",
                false
            ),
            "The harbor reopened on Friday."
        );
        assert_eq!(
            trimmed("WASHINGTON — The Senate voted on Tuesday.", true),
            "The Senate voted on Tuesday."
        );
        assert_eq!(
            trimmed("NEW YORK, March 3 -- Stocks rose.", true),
            "Stocks rose."
        );
        assert_eq!(
            trimmed("MARROW FALLS, Ore. - A county clerk resigned.", true),
            "A county clerk resigned."
        );
    }

    #[test]
    fn page_labels_go() {
        for (s, rest) in [
            (
                "Story highlights The agency released the files.",
                "The agency released the files.",
            ),
            (
                "Image copyright Harbor Press Image caption The ferry left at dawn.",
                "The ferry left at dawn.",
            ),
            ("Image caption Crowds on the pier.", "Crowds on the pier."),
            (
                "Updated | When the ferry first sailed, it carried mail.",
                "When the ferry first sailed, it carried mail.",
            ),
        ] {
            assert_eq!(trimmed(s, false), rest);
        }
        // A label with nothing after it is left alone (the sentence is boilerplate).
        assert_eq!(dateline_len("Story highlights", false), None);
    }

    #[test]
    fn ordinary_openings_stay() {
        for s in [
            "The Senate voted (AP reported) on Tuesday.",
            "NASA said the launch was delayed.",
            "By this period of history, the Vikings were no longer feared.",
            "(CNN)",
            "I — and many others — disagreed.",
            "U.S. - China talks resumed in May.",
            "NASA - the agency - said so.",
        ] {
            assert_eq!(dateline_len(s, true), None, "{s}");
        }
        // A bare capitalized place with a dash counts only at a document's start.
        assert_eq!(dateline_len("WASHINGTON — The Senate voted.", false), None);
    }

    #[test]
    fn ranges_move_past_the_dateline() {
        let text = "LONDON (Reuters) - Shares fell. (CNN) Markets closed.";
        let mut r = vec![0..31, 32..text.len()];
        trim_datelines(text, &mut r);
        assert_eq!(&text[r[0].clone()], "Shares fell.");
        assert_eq!(&text[r[1].clone()], "Markets closed.");
    }
}
