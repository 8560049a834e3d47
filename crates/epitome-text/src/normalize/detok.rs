//! Penn-Treebank detokenization: `russia 's`, `do n't`, `word , word`, `` `` ``/`''`
//! quotes and `-lrb-` brackets (the form of CNN/DailyMail, DUC and UD data) back to
//! running text.
//!
//! The detokenizer looks at tokens (runs between whitespace) and decides, for every gap
//! between two tokens, whether it goes; bracket and quote tokens are replaced by the
//! characters they stand for. Every change is an edit, so the map to the original bytes
//! survives. It runs only on text that [`looks_tokenized`], unless forced.

use epitome_core::{EditList, Normalizer};

/// Detokenizes Penn-Treebank-tokenized text (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct DetokNormalizer {
    /// Detokenize even text that does not look tokenized.
    pub force: bool,
}

impl DetokNormalizer {
    /// A detokenizer that runs on any text.
    pub fn forced() -> Self {
        DetokNormalizer { force: true }
    }
}

/// Punctuation that attaches to the token before it.
const CLOSE_PUNCT: &[&str] = &[
    ",", ".", ";", "?", "!", "%", ")", "]", "}", "...", "..", "''", "'", "-rrb-", "-rsb-", "-rcb-",
    "-RRB-", "-RSB-", "-RCB-", "!!", "??", "?!", "!?", "”", "’",
];

/// Tokens that attach to the token after them.
const OPEN_PUNCT: &[&str] = &[
    "(", "[", "{", "$", "#", "``", "`", "-lrb-", "-lsb-", "-lcb-", "-LRB-", "-LSB-", "-LCB-", "“",
    "‘",
];

/// Clitics that attach to the word before them (compared lowercased).
const CLITICS: &[&str] = &[
    "'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s", "’re", "’ve", "’ll", "’d", "’m", "n’t",
];

/// Words PTB splits in two (compared lowercased): the parts as tokenized.
const SPLIT_WORDS: &[(&str, &str)] = &[
    ("can", "not"),
    ("gon", "na"),
    ("wan", "na"),
    ("got", "ta"),
    ("gim", "me"),
    ("lem", "me"),
    ("d'", "ye"),
    ("'t", "is"),
    ("'t", "was"),
];

/// Words that start a clause after a dash (compared lowercased).
const CLAUSE_STARTS: &[&str] = &[
    "a", "an", "and", "but", "he", "her", "his", "i", "it", "it's", "its", "just", "my", "no",
    "not", "now", "or", "our", "she", "so", "that", "that's", "the", "their", "then", "there",
    "they", "this", "we", "when", "which", "who", "you", "your",
];

/// What a bracket or quote token stands for.
fn replacement(tok: &str) -> Option<&'static str> {
    Some(match tok {
        "-lrb-" | "-LRB-" => "(",
        "-rrb-" | "-RRB-" => ")",
        "-lsb-" | "-LSB-" => "[",
        "-rsb-" | "-RSB-" => "]",
        "-lcb-" | "-LCB-" => "{",
        "-rcb-" | "-RCB-" => "}",
        "``" | "''" => "\"",
        "`" => "'",
        "@-@" => "-",
        "@,@" => ",",
        "@.@" => ".",
        _ => return None,
    })
}

/// Whether a text is Penn-Treebank tokenized: punctuation and clitics stand apart from
/// words (`word , word`, `russia 's`, `do n't`, `-lrb-`) at least twice, and at least
/// twice as often as they are attached.
pub fn looks_tokenized(text: &str) -> bool {
    let mut apart = 0usize;
    let mut attached = 0usize;
    let mut prev: Option<&str> = None;
    for tok in text.split_whitespace() {
        let lower = tok.to_ascii_lowercase();
        let l = lower.as_str();
        if matches!(
            l,
            "," | "." | ";" | "?" | "!" | "``" | "''" | "-lrb-" | "-rrb-" | "-lsb-" | "-rsb-"
        ) || CLITICS.contains(&l)
        {
            if prev.is_some() {
                apart += 1;
            }
        } else {
            let glued_punct = tok.len() > 1 && tok.ends_with([',', ';', '?', '!']);
            let glued_stop =
                tok.len() > 2 && tok.ends_with('.') && !tok[..tok.len() - 1].contains('.');
            let glued_clitic = l.len() > 2 && (l.ends_with("'s") || l.ends_with("n't"));
            if glued_punct || glued_stop || glued_clitic {
                attached += 1;
            }
        }
        prev = Some(tok);
    }
    apart >= 2 && apart >= attached * 2
}

struct Tok<'a> {
    start: usize,
    s: &'a str,
}

impl Normalizer for DetokNormalizer {
    fn name(&self) -> &'static str {
        "detok"
    }

    fn normalize(&self, text: &str, edits: &mut EditList) {
        if !self.force && !looks_tokenized(text) {
            return;
        }
        let mut toks: Vec<Tok> = Vec::new();
        let mut at = 0;
        for piece in text.split_inclusive(char::is_whitespace) {
            let s = piece.trim_end_matches(char::is_whitespace);
            if !s.is_empty() {
                toks.push(Tok { start: at, s });
            }
            at += piece.len();
        }
        // Straight quotes alternate: open, close. Single quotes pair up only when there
        // is an even number of them (else they are apostrophes: `students ' books`).
        let mut dquote_open = false;
        let mut squote_open = false;
        let singles = toks.iter().filter(|t| t.s == "'").count();
        let squote_pairs = singles >= 2 && singles % 2 == 0;
        // CNN/DailyMail glue an opening single quote to its word but split the closing
        // one off: `the 'mini-derby ' .` A lone quote after such an opener closes it.
        let mut glued_open = false;
        // The gap before token k goes when join[k].
        let mut join = vec![false; toks.len()];
        for k in 0..toks.len() {
            let t = toks[k].s;
            let lower = t.to_ascii_lowercase();
            let prev = k.checked_sub(1).map(|p| toks[p].s);
            let next = toks.get(k + 1).map(|n| n.s);
            // Never join across a line break.
            let gap_has_newline = |k: usize| {
                k > 0 && text[toks[k - 1].start + toks[k - 1].s.len()..toks[k].start].contains('\n')
            };
            let last = k + 1 == toks.len();
            // An apostrophe split from both sides of its word: `didn ’ t`, `it ' s`.
            if (t == "\u{2019}" || t == "'")
                && prev.is_some_and(|p| p.ends_with(char::is_alphabetic))
                && next.is_some_and(|n| {
                    matches!(n, "t" | "s" | "re" | "ve" | "ll" | "d" | "m")
                        && !gap_has_newline(k + 1)
                })
                && !gap_has_newline(k)
            {
                join[k] = true;
                join[k + 1] = true;
                continue;
            }
            // A single quote right after punctuation closes: `coach ? ' Merson`.
            if t == "'" && prev.is_some_and(|p| p.ends_with(['.', ',', '!', '?', ';', ':'])) {
                join[k] = true;
                squote_open = false;
                glued_open = false;
                continue;
            }
            if t == "'" && glued_open && k > 0 {
                join[k] = true;
                glued_open = false;
                continue;
            }
            if let Some(rest) = t.strip_prefix('\'') {
                let clitic = matches!(
                    lower.as_str(),
                    "'s" | "'m" | "'re" | "'ve" | "'ll" | "'d" | "'t" | "'em" | "'n"
                );
                if rest.starts_with(char::is_alphanumeric) && !clitic && !rest.ends_with('\'') {
                    glued_open = true;
                }
            }
            if t == "\"" || (t == "'" && squote_pairs) {
                let open = if t == "\"" {
                    &mut dquote_open
                } else {
                    &mut squote_open
                };
                // A quote at the end closes; at the start opens; else they alternate.
                let closing = if last {
                    true
                } else if k == 0 {
                    false
                } else {
                    *open
                };
                if closing {
                    join[k] = k > 0;
                    *open = false;
                } else {
                    join[k + 1] = true;
                    *open = true;
                }
                continue;
            }
            let punct_run = t.len() > 1 && t.chars().all(|c| matches!(c, '.' | '!' | '?'));
            if prev.is_some()
                && (CLOSE_PUNCT.contains(&t)
                    || punct_run
                    || CLITICS.contains(&lower.as_str())
                    || lower
                        .strip_prefix('´')
                        .is_some_and(|c| matches!(c, "s" | "m" | "re" | "ve" | "ll" | "d")))
            {
                join[k] = true;
            }
            // Apostrophes people leave out, split all the same: "it s", "do nt".
            if let Some(p) = prev {
                let pl = p.to_ascii_lowercase();
                let bare_s = lower == "s" && p.len() > 1 && p.ends_with(char::is_alphabetic);
                let bare_clitic = matches!(lower.as_str(), "ve" | "re" | "ll" | "m" | "d")
                    && matches!(
                        pl.as_str(),
                        "i" | "we"
                            | "you"
                            | "they"
                            | "he"
                            | "she"
                            | "it"
                            | "that"
                            | "there"
                            | "who"
                            | "what"
                    );
                let bare_nt = lower == "nt"
                    && matches!(
                        pl.as_str(),
                        "do" | "does"
                            | "did"
                            | "wo"
                            | "ca"
                            | "is"
                            | "are"
                            | "was"
                            | "were"
                            | "could"
                            | "should"
                            | "would"
                            | "have"
                            | "has"
                            | "had"
                            | "ai"
                    );
                if bare_s || bare_nt || bare_clitic {
                    join[k] = true;
                }
            }
            // A slash between two words or numbers: "USD / Euro".
            if t == "/" && k > 0 && k + 1 < toks.len() {
                join[k] = true;
                join[k + 1] = true;
            }
            // Angle brackets around addresses: "< duffie@stanford.edu >".
            if t == "<" && next.is_some_and(|n| n.contains(['@', ':'])) {
                join[k + 1] = true;
            }
            if t == ">" && prev.is_some_and(|p| p.contains(['@', '.'])) {
                join[k] = true;
            }
            if t == ":" && prev.is_some() {
                join[k] = true;
                // "10 : 30" is a time.
                let digit_before = prev.is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()));
                let digit_after = next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
                if digit_before && digit_after && k + 1 < toks.len() {
                    join[k + 1] = true;
                }
            }
            if OPEN_PUNCT.contains(&t) && k + 1 < toks.len() {
                join[k + 1] = true;
            }
            if t == "@-@" || t == "@,@" || t == "@.@" {
                join[k] = k > 0;
                if k + 1 < toks.len() {
                    join[k + 1] = true;
                }
            }
            // A hyphen split off inside a word ("well - put"), not a dash before a clause
            // ("card - no pause", "now - we will").
            if t == "-" && k > 0 && k + 1 < toks.len() {
                let p = toks[k - 1].s;
                let n = toks[k + 1].s;
                let nl = n.to_ascii_lowercase();
                let clause = CLAUSE_STARTS.contains(&nl.as_str()) || nl.starts_with("http");
                if p.ends_with(char::is_alphanumeric)
                    && n.starts_with(char::is_alphanumeric)
                    && !clause
                {
                    join[k] = true;
                    join[k + 1] = true;
                }
            }
            if let Some(n) = next {
                let nl = n.to_ascii_lowercase();
                if SPLIT_WORDS.iter().any(|&(a, b)| a == lower && b == nl) {
                    join[k + 1] = true;
                }
            }
            if join[k] && gap_has_newline(k) {
                join[k] = false;
            }
        }
        for k in 0..toks.len() {
            if k > 0 && join[k] {
                let gap = toks[k - 1].start + toks[k - 1].s.len()..toks[k].start;
                if !gap.is_empty() {
                    edits.delete(gap);
                }
            }
            if let Some(r) = replacement(toks[k].s) {
                let range = toks[k].start..toks[k].start + toks[k].s.len();
                edits.replace(range, r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::NormalizedText;

    fn detok(s: &str) -> String {
        let mut t = NormalizedText::from_original(s);
        let mut e = EditList::new();
        DetokNormalizer::forced().normalize(s, &mut e);
        t.apply("detok", &e).unwrap();
        t.as_str().to_owned()
    }

    #[test]
    fn ptb_forms_come_back() {
        assert_eq!(
            detok("russia 's influence , he said ."),
            "russia's influence, he said."
        );
        assert_eq!(
            detok("They do n't know -lrb- yet -rrb- ."),
            "They don't know (yet)."
        );
        assert_eq!(
            detok("Mr Lane didn \u{2019} t pay , and it ' s late , he said ."),
            "Mr Lane didn\u{2019}t pay, and it's late, he said."
        );
        assert_eq!(
            detok("the ' best ' team , she said ."),
            "the 'best' team, she said."
        );
        assert_eq!(
            detok("a soft , `` silver colour '' alloy"),
            "a soft, \"silver colour\" alloy"
        );
        assert_eq!(
            detok("it costs $ 5 at 10 : 30 ; ok ?"),
            "it costs $5 at 10:30; ok?"
        );
        assert_eq!(
            detok("well - put and a 2 @-@ 1 win"),
            "well-put and a 2-1 win"
        );
        assert_eq!(
            detok("I can not go , we 're gon na stay"),
            "I cannot go, we're gonna stay"
        );
    }

    #[test]
    fn glued_opening_quote_closes_on_the_lone_quote() {
        assert_eq!(
            detok("saw off City 1-0 in the 'mini-derby ' . Kits aside , it ended ."),
            "saw off City 1-0 in the 'mini-derby'. Kits aside, it ended."
        );
        assert_eq!(
            detok("he felt 'better and better ' all the time"),
            "he felt 'better and better' all the time"
        );
    }

    #[test]
    fn detection() {
        assert!(looks_tokenized(
            "the treaty of paris , made from a soft , '' silver colour '' alloy and russia 's aims"
        ));
        assert!(!looks_tokenized(
            "The treaty, made from a soft alloy, was Russia's aim. It held."
        ));
        assert!(!looks_tokenized("Fine."));
    }

    #[test]
    fn mapping_survives() {
        let s = "they do n't -lrb- yet -rrb- .";
        let mut t = NormalizedText::from_original(s);
        let mut e = EditList::new();
        DetokNormalizer::forced().normalize(s, &mut e);
        t.apply("detok", &e).unwrap();
        assert_eq!(t.as_str(), "they don't (yet).");
        let i = t.as_str().find('(').unwrap();
        assert_eq!(&s[t.original_span(i..i + 5).range()], "-lrb- yet -rrb-");
    }
}
