//! Hard-wrapped text (e-mail, plain-text archives, PDF extracts) read as paragraphs.

use std::collections::HashSet;

use epitome_core::{EditList, Normalizer};

/// Joins the lines of hard-wrapped paragraphs with spaces, and words hyphenated across a
/// wrap back into one word.
///
/// A text counts as hard-wrapped when most lines that continue into a next line of the
/// same paragraph are long (at least 60% of the usual line width) and most of them do
/// not end like a sentence; text that is one sentence per line (DUC news) or a list is
/// therefore left alone. Within such a text a line break is kept before a list item and
/// after a short line that ends a sentence. A hyphen at a wrap is dropped when the joined
/// word occurs elsewhere in the text (`exam-` / `ple` → `example`), and kept otherwise
/// (`well-` / `known` → `well-known`).
#[derive(Debug, Clone, Copy, Default)]
pub struct HardWrapNormalizer;

struct Line {
    start: usize,
    end: usize,
    chars: usize,
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '*', '•', '–', '>']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ')'])
}

impl Normalizer for HardWrapNormalizer {
    fn name(&self) -> &'static str {
        "hard-wrap"
    }

    fn normalize(&self, text: &str, edits: &mut EditList) {
        if !text.contains('\n') {
            return;
        }
        let mut lines = Vec::new();
        let mut at = 0;
        for l in text.split('\n') {
            lines.push(Line {
                start: at,
                end: at + l.len(),
                chars: l.chars().count(),
            });
            at += l.len() + 1;
        }
        let body = |l: &Line| &text[l.start..l.end];
        let blank = |l: &Line| body(l).trim().is_empty();
        // Lines followed by another line of the same paragraph.
        let inner: Vec<usize> = (0..lines.len().saturating_sub(1))
            .filter(|&i| !blank(&lines[i]) && !blank(&lines[i + 1]))
            .collect();
        if inner.len() < 2 {
            return;
        }
        let mut widths: Vec<usize> = lines
            .iter()
            .filter(|l| !blank(l))
            .map(|l| l.chars)
            .collect();
        widths.sort_unstable();
        let width = widths[(widths.len() * 9 / 10).min(widths.len() - 1)];
        if width < 30 {
            return;
        }
        let long = |l: &Line| l.chars * 10 >= width * 6;
        let long_inner = inner.iter().filter(|&&i| long(&lines[i])).count();
        let open_inner = inner
            .iter()
            .filter(|&&i| !ends_sentence(body(&lines[i])))
            .count();
        if long_inner * 10 < inner.len() * 6 || open_inner * 2 < inner.len() {
            return;
        }
        let mut words: Option<HashSet<String>> = None;
        for &i in &inner {
            let (line, next) = (&lines[i], &lines[i + 1]);
            let (l, n) = (body(line), body(next));
            if starts_list_item(n) || (!long(line) && ends_sentence(l)) {
                continue;
            }
            let nl = line.end; // the '\n'
            let left = l.trim_end();
            let hyphen_wrap = left.ends_with('-')
                && left[..left.len() - 1].ends_with(char::is_alphabetic)
                && n.trim_start().starts_with(char::is_lowercase);
            if hyphen_wrap {
                let head: String = left[..left.len() - 1]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let tail: String = n
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let joined = format!("{head}{tail}").to_lowercase();
                let known = words.get_or_insert_with(|| {
                    text.split(|c: char| !c.is_alphabetic())
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase)
                        .collect()
                });
                let hyphen_at = line.start + left.len() - 1;
                if known.contains(&joined) {
                    edits.delete(hyphen_at..next.start + (n.len() - n.trim_start().len()));
                } else {
                    edits.delete(
                        line.start + left.len()..next.start + (n.len() - n.trim_start().len()),
                    );
                }
                continue;
            }
            edits.replace(nl..nl + 1, " ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use epitome_core::NormalizedText;

    fn run(s: &str) -> String {
        let mut t = NormalizedText::from_original(s);
        let mut e = EditList::new();
        HardWrapNormalizer.normalize(s, &mut e);
        t.apply("hard-wrap", &e).unwrap();
        t.as_str().to_owned()
    }

    #[test]
    fn joins_wrapped_paragraphs_and_hyphenated_words() {
        let s = "The council met on Tuesday and voted to fix the\nbridge before winter. Work on the example starts\nin May, and the repairs are to be done by a well-\nknown firm that will also do the final exam-\nple of the work on the old bridge by autumn.\n\nSecond paragraph is short.";
        assert_eq!(
            run(s),
            "The council met on Tuesday and voted to fix the bridge before winter. Work on the example starts in May, and the repairs are to be done by a well-known firm that will also do the final example of the work on the old bridge by autumn.\n\nSecond paragraph is short."
        );
    }

    #[test]
    fn one_sentence_per_line_and_lists_are_kept() {
        let duc = "Gov. Hale signed the bill on Jan. 3 in the capital city.\nThe vote was close and the debate lasted well into the night.\nCritics said the plan costs too much money for the state.\n";
        assert_eq!(run(duc), duc);
        let list = "Things to bring to the shelter tonight if you can:\n- blankets and warm clothes for the night\n- water and food that keeps for days\n- medicine";
        assert_eq!(run(list), list);
    }
}
