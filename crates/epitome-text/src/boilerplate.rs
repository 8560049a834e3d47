//! Web boilerplate that survives as sentences of plain text: calls to action (`Sign up
//! for our newsletter`, `Click here`, `Follow … on Twitter`, `Click to share on …
//! (Opens in new window)`), photo credits and captions (`Image copyright Getty Images`,
//! `Hide Caption 5 of 43 Photos:`), wire credit lines (`(Reporting by …; Editing by …)`),
//! and publication notes and links (`This article was originally published …`, `Read
//! more about: …`, `Read: …`, `(Also on POLITICO: …)`, `Editor's note: …`).
//!
//! Such a sentence is still a sentence of its document (`epitome sentences` prints it and
//! spans cover it), but it is never worth a summary: the pipeline leaves it out of the
//! candidates, so its words count as no document's support either. Boilerplate repeats
//! across pages of one site, and support would otherwise reward it.
//!
//! The rules are anchored phrases, not single words: a news sentence about people who
//! `sign up for the draft` or a study of `alcohol advertisements` is not boilerplate.

use std::sync::LazyLock;

use regex::Regex;

/// Patterns matched case-insensitively against the sentence with its whitespace
/// collapsed.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    let rules = [
        // Calls to action.
        r"^(?:-+\s*)?(?:email\s+)?sign\s+up\b.*\b(?:newsletter|alerts?|e-?mails?|inbox|updates)\b",
        r"\bsign\s+up\s+(?:now\s+)?for\s+(?:our|the)\b.*\b(?:newsletter|alerts?|e-?mails?)\b",
        r"^(?:subscribe|download|get)\b.*\b(?:newsletter|daily edition|our app|the app|app store)\b",
        r"^subscribe\s+(?:now|today|here)\b",
        r"\bclick\s+here\b",
        r"^follow\s+(?:us|@\w+|\w+\s+on\s+(?:twitter|facebook|instagram))\b",
        r"^follow\s+.{1,80}?\s+(?:on\s+(?:twitter|facebook|instagram|google\+|youtube|tiktok)\b|at\s+(?:https?://|www\.|@))",
        r"^click\s+to\s+(?:share|email|print|tweet|open)\b",
        r"\(opens\s+in\s+(?:a\s+)?new\s+window\)",
        r"^(?:share|email|print)\s+this\b",
        r"^like\s+.+\s+on\s+(?:facebook|twitter|instagram|youtube)\b",
        r"^to\s+contact\s+(?:the\s+)?(?:reporters?|editors?|writers?|authors?)(?:\s+(?:on|of|for|responsible\s+for)\s+this\s+(?:story|article)|\s*:)",
        // Captions and credits.
        r"^(?:image|photo|video)\s+(?:copyright|caption|credit)\b",
        r"^(?:hide|show|enlarge|close)\s+(?:caption|image|photo)\b",
        r"^\(?photos?\s*:",
        r"^(?:getty images|ap photo|afp|reuters)\b",
        // Wire credit lines: `(Additional reporting by …; Editing by …)`.
        r"^\((?:additional\s+)?(?:reporting|writing|editing)\s+by\b",
        r"^(?:additional\s+)?reporting\s+by\s+.+;\s*(?:writing|editing)\s+by\b",
        // Publication notes and site furniture.
        r"^this\s+(?:article|story)\s+(?:was\s+)?(?:originally|first)\s+(?:published|appeared)\b",
        r"^read\s+more\s*(?:about)?\s*:",
        r"^(?:also\s+)?read\s*:",
        r"^\(?also\s+on\s+[\w.]+\s*:",
        r"^editor['’]s\s+note\s*:",
        r"^related(?:\s+(?:articles?|stories|coverage|links?|content))?\s*:",
        r"^(?:advertisement|continue reading(?: the main story)?|skip to (?:main )?content)$",
        r"^(?:all rights reserved|copyright\s+(?:©\s*)?\d{4})\b",
        r"\bby\s+signing\s+up\b",
    ];
    Regex::new(&format!("(?i)(?:{})", rules.join("|"))).expect("boilerplate rules compile")
});

/// Whether a sentence is web boilerplate (see the module documentation).
pub fn is_boilerplate(sentence: &str) -> bool {
    let collapsed = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_end_matches(['.', '!', ':', ' ']);
    BOILERPLATE.is_match(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_to_action_captions_and_notes_are_boilerplate() {
        for s in [
            "Sign up for the Harbor Gazette newsletter to get the morning's news in your inbox!",
            "Email Sign Up By signing up you agree to receive email alerts from the Gazette.",
            "--------- Sign up for River7 email alerts to stay informed.",
            "Subscribe NOW to the Evening Show: http://example.org/x",
            "To read the full ruling, click here.",
            "Follow us on Twitter.",
            "Share this article",
            "Image copyright Harbor Press Image caption The ferry at dawn",
            "Hide Caption 5 of 43 Photos: The search for the ferry",
            "PHOTOS: The new ferry's first week",
            "(Photos: eight storms that changed the coast)",
            "Getty Images The mayor at the opening.",
            "This article was originally published with the title A Ferry at Last.",
            "Read more about: ferries, harbors, budgets",
            "Advertisement",
            "Continue reading the main story",
            "Copyright 2024 Harbor Media.",
            "Like \"The Harbor Hour\" on Facebook HERE: http://example.org/hh",
            "To contact the reporter on this story: Ana Ruiz in Portville at aruiz@example.org",
            "To contact the editors responsible for this story: Tom Lee at tlee@example.org",
            "Related: Ferry fares rise again",
            "Related articles: The pier, ten years on",
            "Follow \"The Harbor Hour\" on Twitter HERE: http://example.org/hh",
            "Follow Ana Ruiz at http://example.org/aruiz and Tom Lee at http://example.org/tlee",
            "Click to share on WhatsApp (Opens in new window)",
            "(Additional reporting by Ana Ruiz; Editing by Tom Lee)",
            "Reporting by Ana Ruiz; Editing by Tom Lee",
            "Read: How much should a ferry ticket cost?",
            "(Also on HARBORNEWS: Ferry poll shows a close race)",
            "Editor's note: This story has been revised.",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
    }

    #[test]
    fn news_sentences_are_not_boilerplate() {
        for s in [
            "Thousands of students sign up for the draft lottery every spring.",
            "The study compared 83 alcohol advertisements from around the world.",
            "Each advertisement was scored on a five-point scale.",
            "The photo credit went to a student who was at the scene.",
            "Readers who want to subscribe to the paper can do so at the library.",
            "Davis announced her campaign on Monday (AP Photo) in front of supporters.",
            "The ferry's first crossing was delayed by fog.",
            "Residents like the new ferry on weekdays, a survey found.",
            "To contact the reporter, the police used a number from the ferry office.",
            "Related species live on the islands, the biologists said.",
            "Follow-up visits were scheduled for the spring.",
            "Reporting by the Gazette found that the ferry was late 40 times.",
            "Readers said the ferry was worth the fare.",
            "Also on Monday, the council voted on fares.",
            "Updates to the timetable were posted on the pier.",
            // An update can carry the news itself.
            "UPDATE: The two missing hikers were found safe on Sunday.",
            "",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }
}
