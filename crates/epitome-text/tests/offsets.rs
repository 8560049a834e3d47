//! The attribution invariant, stage by stage: every byte range of the text a normalizer
//! or an ingest format produces maps to an original span, and the original bytes of
//! that span give back the text.
//!
//! "Give back" is checked per run of the map ([`epitome_core::Piece`]): a run copied
//! from the original must equal the original bytes exactly; a run a stage produced must
//! be what that stage makes of its original bytes on their own (an entity decodes to
//! it, an escape, a mojibake word repairs to it, a UTF-16 run decodes to it), or, for
//! whitespace and separators, stand for bytes that hold no words. The end-to-end test
//! at the bottom checks the same through the whole chain, per sentence.

use epitome_core::{EditList, NormalizedText, Normalizer};
use epitome_text::ingest::{html, json, markdown};
use epitome_text::{
    normalize_text, normalizers, read_source, CitationNormalizer, DetokNormalizer,
    HardWrapNormalizer, IngestOptions, InputFormat, MojibakeNormalizer, NfcNormalizer,
    NormalizeOptions, WhitespaceNormalizer,
};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "river",
    "levee",
    "town",
    "council",
    "rain",
    "flood",
    "bridge",
    "mayor",
    "water",
    "the",
    "of",
    "and",
    "was",
    "in",
    "café",
    "naïve",
    "Zoë",
    "Łódź",
    "42",
    "3.5",
    "1856",
    "crews",
    "said",
    "Straße",
    "ESPAÑA",
    "日本",
    "Привет",
];

/// Debris a messy input carries between words.
const DEBRIS: &[&str] = &[
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    " \u{a0}",
    "\u{ad}",
    "\u{200b}",
    " , ",
    " 's ",
    " n't ",
    " -lrb- ",
    " -rrb- ",
    " `` ",
    " '' ",
    "[6]",
    "[6][7] ",
    " [citation needed] ",
    "[a]",
    ". ",
    "; ",
    " — ",
    " image : map 1.jpg ",
    "e\u{301} ",
    "â€“",
    " Ã© ",
    " 65–94 ",
    " - ",
    " @-@ ",
    " $ ",
    "\u{7}",
];

fn messy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(WORDS), prop::sample::select(DEBRIS)),
        0..60,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (w, d) in parts {
            s.push_str(w);
            s.push_str(d);
        }
        s
    })
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The structural checks every map must pass: pieces cover the text in order, original
/// ranges do not go backwards and stay in bounds, and copied runs equal their bytes.
fn check_map(t: &NormalizedText, original: &[u8]) -> Result<(), TestCaseError> {
    let a = t.alignment();
    prop_assert_eq!(a.norm_len(), t.as_str().len());
    prop_assert_eq!(a.orig_len(), original.len());
    let mut norm_at = 0;
    let mut orig_at = 0;
    for p in a.pieces() {
        prop_assert_eq!(p.norm_start, norm_at);
        prop_assert!(p.norm_len > 0);
        prop_assert!(p.orig_start >= orig_at, "original ranges go backwards");
        prop_assert!(p.orig_start + p.orig_len <= original.len());
        let text = &t.as_str()[p.norm_start..p.norm_start + p.norm_len];
        if p.identity {
            prop_assert_eq!(
                text.as_bytes(),
                &original[p.orig_start..p.orig_start + p.orig_len],
                "copied run differs from its original bytes"
            );
        }
        norm_at += p.norm_len;
        orig_at = p.orig_start + p.orig_len;
    }
    prop_assert_eq!(norm_at, t.as_str().len());
    // Any range of the text maps inside the original, in order.
    let s = t.as_str();
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    for w in bounds.windows(2).step_by(3) {
        let span = t.original_span(w[0]..w[1]);
        prop_assert!(span.start <= span.end && span.end <= original.len());
    }
    Ok(())
}

/// Runs one normalizer and checks its produced runs with `produced(orig, text)`.
fn check_normalizer(
    n: &dyn Normalizer,
    input: &str,
    produced: impl Fn(&str, &str) -> bool,
) -> Result<(), TestCaseError> {
    let mut t = NormalizedText::from_original(input);
    let mut e = EditList::new();
    n.normalize(input, &mut e);
    t.apply(n.name(), &e)
        .map_err(|err| TestCaseError::fail(format!("{}: {err}", n.name())))?;
    check_map(&t, input.as_bytes())?;
    for p in t.alignment().pieces().iter().filter(|p| !p.identity) {
        let orig = &input[p.orig_start..p.orig_start + p.orig_len];
        let text = &t.as_str()[p.norm_start..p.norm_start + p.norm_len];
        prop_assert!(
            produced(orig, text),
            "{}: {:?} does not give {:?}",
            n.name(),
            orig,
            text
        );
    }
    Ok(())
}

fn blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
    })
}

fn alone(n: &dyn Normalizer, s: &str) -> String {
    let mut t = NormalizedText::from_original(s);
    let mut e = EditList::new();
    n.normalize(s, &mut e);
    t.apply(n.name(), &e).unwrap();
    t.as_str().to_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn whitespace_runs_stand_for_blank_bytes(input in messy_text()) {
        check_normalizer(&WhitespaceNormalizer, &input, |orig, text| blank(orig) && blank(text))?;
    }

    #[test]
    fn mojibake_repairs_map_to_the_broken_bytes(input in messy_text()) {
        check_normalizer(&MojibakeNormalizer, &input, |orig, text| alone(&MojibakeNormalizer, orig) == text)?;
    }

    #[test]
    fn nfc_runs_map_to_their_decomposed_bytes(input in messy_text()) {
        check_normalizer(&NfcNormalizer, &input, |orig, text| alone(&NfcNormalizer, orig) == text)?;
    }

    #[test]
    fn hard_wrap_joins_stand_for_line_breaks(input in messy_text()) {
        check_normalizer(&HardWrapNormalizer, &input, |orig, text| blank(orig) && blank(text))?;
    }

    #[test]
    fn detok_tokens_map_to_the_ptb_tokens(input in messy_text()) {
        let forced = DetokNormalizer::forced();
        check_normalizer(&forced, &input, |orig, text| alone(&forced, orig) == text)?;
    }

    #[test]
    fn citation_removal_only_deletes(input in messy_text()) {
        // Deletions leave no produced runs: every run is copied.
        check_normalizer(&CitationNormalizer, &input, |_, _| false)?;
    }

    #[test]
    fn the_whole_chain_keeps_the_map(input in messy_text()) {
        let mut t = NormalizedText::from_original(&input);
        normalize_text(&mut t, &normalizers(&NormalizeOptions::default())).unwrap();
        check_map(&t, input.as_bytes())?;
        // Every word of the result comes from the original bytes its span covers.
        let s = t.as_str();
        let mut at = 0;
        for w in s.split_inclusive(char::is_whitespace) {
            let word = w.trim_end();
            if !word.is_empty() {
                let span = t.original_span(at..at + word.len());
                let orig = &input[span.range()];
                let mut back = NormalizedText::from_original(orig);
                let mut chain = normalizers(&NormalizeOptions::default());
                chain[4] = Box::new(DetokNormalizer::forced());
                normalize_text(&mut back, &chain).unwrap();
                let alnum = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
                prop_assert!(
                    alnum(back.as_str()).contains(&alnum(word)) || alnum(orig).contains(&alnum(word)),
                    "{:?} from {:?}", word, orig
                );
            }
            at += w.len();
        }
    }
}

// ---------------------------------------------------------------------------------------
// Ingest formats

fn sentence() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(WORDS), 3..12)
}

/// Text as HTML writes it: some words behind entities or inside inline tags.
fn html_words(words: &[&str], style: &[u8]) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push_str(if style[i % style.len()].is_multiple_of(7) {
                "\n   "
            } else {
                " "
            });
        }
        match style[i % style.len()] % 5 {
            0 => s.push_str(&format!("<b>{w}</b>")),
            1 => s.push_str(&w.replace('é', "&eacute;").replace('ï', "&#239;")),
            2 => s.push_str(&format!("{w} &amp;")),
            _ => s.push_str(w),
        }
    }
    s
}

fn page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(sentence(), 1..10),
        prop::collection::vec(any::<u8>(), 1..8),
        any::<bool>(),
    )
        .prop_map(|(sents, style, truncate)| {
            let body: String = sents
                .iter()
                .map(|s| format!("<p>{}.</p>\n", html_words(s, &style)))
                .collect();
            let mut page = format!(
                "<!DOCTYPE html><html><head><title>Flood &amp; rain</title><script>var x = '<p>no</p>';</script></head>\n<body><nav><a href='/'>Home</a> | <a href=\"/n\">News</a></nav>\n<article>{body}</article><!-- c --><footer>Contact us</footer></body></html>"
            );
            if truncate {
                let mut cut = page.len() * 2 / 3;
                while !page.is_char_boundary(cut) {
                    cut -= 1;
                }
                page.truncate(cut);
            }
            page
        })
}

/// What a run of HTML stands for, on its own: tags dropped, entities decoded.
fn html_visible(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // A '<' opens a tag only before a letter, `/` and a letter, `!` or `?`.
        let next = chars.get(i + 1).copied();
        let opens = match next {
            Some('/') => chars.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()),
            Some(n) => n.is_ascii_alphabetic() || n == '!' || n == '?',
            None => false,
        };
        match c {
            '<' if !in_tag && opens => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    html::decode_entities(&out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn html_text_maps_into_the_page(page in page(), main in any::<bool>()) {
        let decoded = NormalizedText::from_original(&page);
        let t = if main {
            html::read_html(decoded).text
        } else {
            let (edits, _) = html::visible_text_edits(&page);
            let mut t = decoded;
            t.apply("html", &edits).unwrap();
            t
        };
        check_map(&t, page.as_bytes())?;
        for p in t.alignment().pieces().iter().filter(|p| !p.identity) {
            let orig = &page[p.orig_start..p.orig_start + p.orig_len];
            let text = &t.as_str()[p.norm_start..p.norm_start + p.norm_len];
            prop_assert!(
                squash(&html_visible(orig)) == squash(text) || blank(text),
                "{:?} does not give {:?}", orig, text
            );
        }
        // Each word's span, made visible, holds the word.
        let s = t.as_str();
        let mut at = 0;
        for w in s.split_inclusive(char::is_whitespace) {
            let word = w.trim_end();
            if !word.is_empty() {
                let span = t.original_span(at..at + word.len());
                prop_assert!(html_visible(&page[span.range()]).replace(char::is_whitespace, "").contains(word));
            }
            at += w.len();
        }
    }

    #[test]
    fn markdown_text_maps_into_the_source(sents in prop::collection::vec(sentence(), 1..8), style in any::<u8>()) {
        let mut md = String::from("---\ntitle: T\n---\n# Heading here\n\n");
        for (i, s) in sents.iter().enumerate() {
            let line = match (i as u8 ^ style) % 5 {
                0 => format!("The **{}** said [{}](http://x.org/{}).\n\n", s[0], s[1], i),
                1 => format!("- {} \\*{}\\* &amp; `{}`\n", s.join(" "), s[0], s[1]),
                2 => format!("```\ncode {}\n```\n\n", s[0]),
                3 => format!("> {}\n> {}.\n\n", s.join(" "), s[0]),
                _ => format!("{}.\n", s.join(" ")),
            };
            md.push_str(&line);
        }
        let (t, _) = markdown::read_markdown(NormalizedText::from_original(&md), style % 2 == 0);
        check_map(&t, md.as_bytes())?;
        for p in t.alignment().pieces().iter().filter(|p| !p.identity) {
            let orig = &md[p.orig_start..p.orig_start + p.orig_len];
            let text = &t.as_str()[p.norm_start..p.norm_start + p.norm_len];
            let unescaped = html::decode_entities(&orig.replace('\\', ""));
            prop_assert!(unescaped == text || blank(text), "{:?} does not give {:?}", orig, text);
        }
    }

    #[test]
    fn json_text_maps_into_the_escaped_string(words in sentence(), esc in prop::collection::vec(0u8..6, 1..6)) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(w);
            text.push_str(match esc[i % esc.len()] {
                0 => "\n",
                1 => " \"q\" ",
                2 => "\t",
                3 => " \\ ",
                _ => " ",
            });
        }
        let mut src = serde_json::json!({"id": "d", "title": "x", "text": text}).to_string();
        // Some non-ASCII written as \u escapes, as many writers do.
        src = src.replace('é', "\\u00e9").replace("日", "\\u65e5");
        let docs = json::read_json(&src).unwrap();
        let t = json::string_text(NormalizedText::from_original(&src), docs[0].literal.clone().unwrap());
        prop_assert_eq!(t.as_str(), text.as_str());
        check_map(&t, src.as_bytes())?;
        for p in t.alignment().pieces().iter().filter(|p| !p.identity) {
            let orig = &src[p.orig_start..p.orig_start + p.orig_len];
            let piece = &t.as_str()[p.norm_start..p.norm_start + p.norm_len];
            let decoded: String = serde_json::from_str(&format!("\"{orig}\"")).unwrap();
            prop_assert_eq!(decoded.as_str(), piece);
        }
    }

    #[test]
    fn transcoded_runs_decode_from_their_bytes(words in sentence(), utf16 in any::<bool>(), bom in any::<bool>(), little in any::<bool>()) {
        let text = words.join(" ") + ". Zoë’s café — 5 €.";
        let (bytes, enc): (Vec<u8>, &'static encoding_rs::Encoding) = if utf16 {
            let mut b = Vec::new();
            if bom {
                b.extend(if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
            }
            for u in text.encode_utf16() {
                b.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            (b, if little { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE })
        } else {
            let latin: String = text.chars().filter(|c| !encoding_rs::WINDOWS_1252.encode(&c.to_string()).2).collect();
            let (b, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
            (b.into_owned(), encoding_rs::WINDOWS_1252)
        };
        if !utf16 && bytes.is_ascii() {
            return Ok(());
        }
        let options = IngestOptions { format: Some(InputFormat::Txt), ..IngestOptions::default() };
        let docs = read_source("d", None, bytes.clone(), &options, &mut Vec::new());
        let t = docs[0].doc.text();
        prop_assert_eq!(docs[0].encoding, enc.name());
        for p in t.alignment().pieces() {
            let piece = &t.as_str()[p.norm_start..p.norm_start + p.norm_len];
            let (back, _) = enc.decode_without_bom_handling(&bytes[p.orig_start..p.orig_start + p.orig_len]);
            prop_assert_eq!(back.as_ref(), piece);
        }
    }
}
