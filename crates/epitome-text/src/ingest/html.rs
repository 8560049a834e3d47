//! HTML: the main article text of a page, mapped into the page's original bytes.
//!
//! Two passes, both expressed as edits so the map to the original bytes survives:
//!
//! 1. **Visible text** ([`visible_text_edits`]): a byte scanner drops tags, comments,
//!    scripts and styles, decodes character references, turns source line breaks into
//!    spaces (outside `<pre>`), and puts a paragraph break at block elements. Its output
//!    is every piece of text a reader could see, each character still mapped to the bytes
//!    it came from (an entity maps to the whole entity).
//! 2. **Main content**: `dom_smoothie` (a port of Mozilla's Readability on an HTML5
//!    parser, `html5ever` through `dom_query`) decides what the article is. Its text is
//!    then aligned, word by word and in order, with the visible text of pass 1, and
//!    everything that did not align is deleted. So the article text we hand on is a
//!    subsequence of the page's own visible text, and every summary span slices the
//!    original HTML to bytes whose text contains the sentence's words in order.
//!
//! When the extractor cannot be used — a page over [`MAX_EXTRACT_BYTES`], nesting deeper
//! than [`MAX_EXTRACT_DEPTH`], a panic inside the extractor, or an extraction with almost
//! no text — all visible text is kept and a note says why.

use std::collections::HashMap;
use std::ops::Range;

use epitome_core::{EditList, NormalizedText};

use super::rewrite::Rewriter;

/// Pages larger than this (bytes of text) skip main-content extraction: the DOM of a
/// huge page costs many times its size in memory.
pub const MAX_EXTRACT_BYTES: usize = 32 << 20;

/// Pages nested deeper than this skip main-content extraction (recursive tree walks in
/// extractors could exhaust the stack).
pub const MAX_EXTRACT_DEPTH: usize = 400;

/// An extraction that keeps fewer words than this, from a page with far more, is taken
/// as a failure.
const MIN_EXTRACT_WORDS: usize = 20;

/// What the scanner learned about a page besides its visible text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The `<title>`, entity-decoded and with whitespace collapsed.
    pub title: Option<String>,
    /// A publication date from `<meta>` (`article:published_time`, `date`, …) or the
    /// first `<time datetime>`.
    pub date: Option<String>,
    /// A canonical URL (`<link rel=canonical>` or `og:url`).
    pub url: Option<String>,
    /// How deeply elements nest (elements whose end tag is optional are not counted).
    pub max_depth: usize,
}

/// The result of reading one page.
#[derive(Debug, Clone)]
pub struct HtmlText {
    /// The text, mapped into the bytes `decoded` was mapped to.
    pub text: NormalizedText,
    /// Title, date and URL found in the page.
    pub info: PageInfo,
    /// Whether the main-content extractor decided the text (else: all visible text).
    pub main_content: bool,
    /// Why all visible text was kept instead, when it was.
    pub note: Option<String>,
}

/// Elements whose content is never visible text.
const HIDDEN: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    "template", "svg", "math", "object", "select",
];

/// Elements that start a new paragraph.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out (not counted as nesting).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "td", "th", "tr", "dt", "dd", "option", "thead", "tbody", "tfoot", "colgroup", "rt",
    "rp", "optgroup", "caption",
];

/// Reads the main text of a page whose bytes were decoded into `decoded`.
pub fn read_html(mut decoded: NormalizedText) -> HtmlText {
    let (edits, info) = visible_text_edits(decoded.as_str());
    let main = main_content(decoded.as_str(), &info);
    // The scanner's edits are ordered and on char boundaries by construction.
    let _ = decoded.apply("html", &edits);
    let (main_text, note) = match main {
        Ok(m) => (Some(m), None),
        Err(why) => (None, Some(why)),
    };
    let mut info = info;
    let mut main_content = false;
    let mut note = note;
    if let Some(m) = main_text {
        let sel = align_main_text(decoded.as_str(), &m.text);
        let kept = sel.words;
        let total = words(decoded.as_str());
        if kept >= MIN_EXTRACT_WORDS || total < 5 * MIN_EXTRACT_WORDS {
            let mut candidate = decoded.clone();
            if candidate.apply("main-content", &sel.edits).is_ok() {
                decoded = candidate;
                main_content = true;
            }
        } else {
            note = Some(
                "the main-content extractor found almost no text; kept all visible text".to_owned(),
            );
        }
        if let Some(t) = m.title.filter(|t| !t.trim().is_empty()) {
            info.title = Some(collapse(&t));
        }
        if info.date.is_none() {
            info.date = m.date;
        }
    }
    HtmlText {
        text: decoded,
        info,
        main_content,
        note,
    }
}

/// The article as the extractor sees it.
struct MainContent {
    text: String,
    title: Option<String>,
    date: Option<String>,
}

/// Runs the extractor on its own thread (a panic becomes an error) unless the page is
/// too large or too deep for it.
fn main_content(html: &str, info: &PageInfo) -> Result<MainContent, String> {
    if html.len() > MAX_EXTRACT_BYTES {
        return Err(format!(
            "page is {} MB, over the {} MB main-content extraction limit; kept all visible text",
            html.len() >> 20,
            MAX_EXTRACT_BYTES >> 20
        ));
    }
    if info.max_depth > MAX_EXTRACT_DEPTH {
        return Err(format!(
            "elements nest {} deep, over the {MAX_EXTRACT_DEPTH} main-content extraction limit; kept all visible text",
            info.max_depth
        ));
    }
    let html = html.to_owned();
    let run = move || -> Option<MainContent> {
        let cfg = dom_smoothie::Config {
            text_mode: dom_smoothie::TextMode::Formatted,
            ..Default::default()
        };
        let mut r = dom_smoothie::Readability::new(html.as_str(), None, Some(cfg)).ok()?;
        let a = r.parse().ok()?;
        Some(MainContent {
            text: a.text_content.to_string(),
            title: Some(a.title).filter(|t| !t.is_empty()),
            date: a.published_time,
        })
    };
    let handle = std::thread::Builder::new()
        .name("html-extract".to_owned())
        .stack_size(64 << 20)
        .spawn(run)
        .map_err(|e| format!("cannot start the extractor: {e}; kept all visible text"))?;
    match handle.join() {
        Ok(Some(m)) => Ok(m),
        Ok(None) => {
            Err("the main-content extractor found no article; kept all visible text".to_owned())
        }
        Err(_) => {
            Err("the main-content extractor failed on this page; kept all visible text".to_owned())
        }
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One whitespace-delimited token of a text, with the key it is matched on.
struct Token {
    range: Range<usize>,
    key: String,
    para: usize,
}

/// Tokens with a non-empty key (letters and digits, lowercased); `para` counts the line
/// breaks before each token.
fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut start = None;
    let push = |range: Range<usize>, para: usize, out: &mut Vec<Token>| {
        let key: String = s[range.clone()]
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if !key.is_empty() {
            out.push(Token { range, key, para });
        }
    };
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                push(st..i, para, &mut out);
            }
            if c == '\n' {
                para += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        push(st..s.len(), para, &mut out);
    }
    out
}

/// The edits that cut a page's visible text down to the extractor's text, and how many
/// words they keep.
pub(crate) struct Selection {
    pub(crate) edits: EditList,
    pub(crate) words: usize,
}

/// Aligns `main` (the extractor's text) with `visible` word by word, in order, and
/// returns the edits that keep only the aligned words of `visible` (with the text
/// between aligned neighbours), separated as `main`'s lines are.
pub(crate) fn align_main_text(visible: &str, main: &str) -> Selection {
    let a = tokens(visible);
    let b = tokens(main);
    let mut index: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, t) in a.iter().enumerate() {
        index.entry(t.key.as_str()).or_default().push(i as u32);
    }
    const LOOKAHEAD: usize = 3;
    const MAX_CANDIDATES: usize = 4096;
    let mut matched: Vec<(usize, usize)> = Vec::new(); // (index in a, paragraph in main)
    let mut cursor = 0usize;
    for j in 0..b.len() {
        if cursor < a.len() && a[cursor].key == b[j].key {
            matched.push((cursor, b[j].para));
            cursor += 1;
            continue;
        }
        let Some(pos) = index.get(b[j].key.as_str()) else {
            continue;
        };
        let from = pos.partition_point(|&p| (p as usize) < cursor);
        let ahead = LOOKAHEAD.min(b.len() - j - 1);
        let found = pos[from..].iter().take(MAX_CANDIDATES).find(|&&p| {
            let p = p as usize;
            (1..=ahead).all(|k| a.get(p + k).is_some_and(|t| t.key == b[j + k].key))
        });
        if let Some(&p) = found {
            matched.push((p as usize, b[j].para));
            cursor = p as usize + 1;
        }
    }

    let mut r = Rewriter::new();
    let mut prev: Option<(usize, usize)> = None;
    let mut piece: Option<Range<usize>> = None;
    for &(i, para) in &matched {
        let t = &a[i];
        match (prev, piece.as_mut()) {
            (Some((pi, pp)), Some(cur)) if pp == para && pi + 1 == i => {
                cur.end = t.range.end;
            }
            _ => {
                if let Some(done) = piece.take() {
                    r.keep(done);
                    let same_para = prev.is_some_and(|(_, pp)| pp == para);
                    r.separate(if same_para { " " } else { "\n\n" });
                }
                piece = Some(t.range.clone());
            }
        }
        prev = Some((i, para));
    }
    if let Some(done) = piece {
        r.keep(done);
    }
    Selection {
        edits: r.finish(visible.len()),
        words: matched.len(),
    }
}

/// Scans a page and returns the edits that reduce it to its visible text, plus what it
/// found on the way.
pub fn visible_text_edits(html: &str) -> (EditList, PageInfo) {
    let b = html.as_bytes();
    let n = b.len();
    let mut r = Rewriter::new();
    let mut info = PageInfo::default();
    let mut depth = 0usize;
    let mut pre = 0usize;
    let mut i = 0;
    let mut text_start = 0;
    // Emits the text run text_start..end (whitespace collapsed outside <pre>, entities decoded).
    let flush_text = |r: &mut Rewriter, from: usize, to: usize, pre: bool| {
        emit_text(html, from, to, pre, r);
    };
    while i < n {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        // Comments, doctype, processing instructions, CDATA.
        let rest = &b[i..];
        let markup_end;
        if rest.starts_with(b"<!--") {
            flush_text(&mut r, text_start, i, pre > 0);
            markup_end = find(b, i + 4, b"-->").map_or(n, |e| e + 3);
            i = markup_end;
            text_start = i;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            flush_text(&mut r, text_start, i, pre > 0);
            markup_end = memchr(b, i + 2, b'>').map_or(n, |e| e + 1);
            i = markup_end;
            text_start = i;
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = i + 1 + usize::from(closing);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i += 1; // a literal '<'
            continue;
        }
        flush_text(&mut r, text_start, i, pre > 0);
        let name_end = b[name_at..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
            .map_or(n, |k| name_at + k);
        let name = html[name_at..name_end].to_ascii_lowercase();
        let tag_end = tag_end(b, name_end);
        let self_closing = tag_end >= 2 && b[tag_end - 2] == b'/';
        let tag = &html[i..tag_end];
        i = tag_end;
        text_start = i;
        let name = name.as_str();
        if closing {
            if !VOID.contains(&name) && !OPTIONAL_END.contains(&name) {
                depth = depth.saturating_sub(1);
            }
            if name == "pre" {
                pre = pre.saturating_sub(1);
            }
        } else {
            if !VOID.contains(&name) && !OPTIONAL_END.contains(&name) && !self_closing {
                depth += 1;
                info.max_depth = info.max_depth.max(depth);
            }
            match name {
                "meta" => read_meta(tag, &mut info),
                "link" if attr(tag, "rel").is_some_and(|v| v.eq_ignore_ascii_case("canonical")) => {
                    info.url = info.url.take().or_else(|| attr(tag, "href"));
                }
                "time" if info.date.is_none() => info.date = attr(tag, "datetime"),
                "pre" => pre += 1,
                _ => {}
            }
            if HIDDEN.contains(&name) && !self_closing {
                // Skip to the matching end tag (raw text: no nesting of the same name).
                let close = find_end_tag(b, i, name.as_bytes());
                let (content_end, after) = close.unwrap_or((n, n));
                if name == "title" && info.title.is_none() {
                    let t = collapse(&decode_entities(&html[i..content_end]));
                    if !t.is_empty() {
                        info.title = Some(t);
                    }
                }
                depth = depth.saturating_sub(1);
                i = after;
                text_start = i;
                continue;
            }
        }
        if name == "br" {
            r.separate("\n");
        } else if BLOCK.contains(&name) {
            r.separate("\n\n");
        } else if name == "td" || name == "th" || name == "img" {
            r.separate(" ");
        }
    }
    flush_text(&mut r, text_start, n, pre > 0);
    (r.finish(n), info)
}

/// Where a tag that starts at `from` (just after its name) ends: one past its `>`,
/// skipping quoted attribute values.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote = 0u8;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // Only a quote that opens an attribute value counts (after '=').
            let prev = b[from..i].iter().rev().find(|c| !c.is_ascii_whitespace());
            if prev == Some(&b'=') {
                quote = c;
            }
        } else if c == b'>' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// The end tag `</name` at or after `from`: (its start, one past its `>`).
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(lt) = memchr(b, i, b'<') {
        if b.get(lt + 1) == Some(&b'/')
            && b.len() >= lt + 2 + name.len()
            && b[lt + 2..lt + 2 + name.len()].eq_ignore_ascii_case(name)
            && b.get(lt + 2 + name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            let end = memchr(b, lt, b'>').map_or(b.len(), |e| e + 1);
            return Some((lt, end));
        }
        i = lt + 1;
    }
    None
}

fn memchr(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|k| from + k)
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|k| from + k)
}

/// The value of attribute `name` in a start tag, entity-decoded.
fn attr(tag: &str, name: &str) -> Option<String> {
    let b = tag.as_bytes();
    let lower = tag.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut from = 0;
    while let Some(k) = find(lb, from, name.as_bytes()) {
        from = k + 1;
        let before_ok = k > 0 && (lb[k - 1].is_ascii_whitespace() || lb[k - 1] == b'/');
        let mut j = k + name.len();
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if !before_ok || b.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let (start, end) = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let e = memchr(b, j + 1, q).unwrap_or(b.len());
                (j + 1, e)
            }
            Some(_) => {
                let e = b[j..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>')
                    .map_or(b.len(), |e| j + e);
                (j, e)
            }
            None => return None,
        };
        let v = collapse(&decode_entities(&tag[start..end]));
        return (!v.is_empty()).then_some(v);
    }
    None
}

fn read_meta(tag: &str, info: &mut PageInfo) {
    let key = attr(tag, "property")
        .or_else(|| attr(tag, "name"))
        .or_else(|| attr(tag, "itemprop"))
        .map(|k| k.to_ascii_lowercase());
    let Some(key) = key else { return };
    let content = || attr(tag, "content");
    match key.as_str() {
        "article:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.date"
        | "sailthru.date"
        | "og:published_time"
            if info.date.is_none() =>
        {
            info.date = content();
        }
        "og:title" | "twitter:title" if info.title.is_none() => info.title = content(),
        "og:url" if info.url.is_none() => info.url = content(),
        _ => {}
    }
}

/// Emits the text `from..to` of `html` into the rewriter: character references decoded;
/// outside `<pre>`, whitespace runs become a space separator (so a run next to a block
/// boundary disappears into the paragraph break).
fn emit_text(html: &str, from: usize, to: usize, pre: bool, r: &mut Rewriter) {
    if from >= to {
        return;
    }
    let b = html.as_bytes();
    let mut keep_from = from;
    let mut i = from;
    while i < to {
        match b[i] {
            b'&' => {
                if let Some((len, decoded)) = entity_at(&html[i..to]) {
                    r.keep(keep_from..i);
                    let mut buf = [0u8; 4];
                    let s: &str = match decoded {
                        Decoded::One(c) => c.encode_utf8(&mut buf),
                        Decoded::Str(s) => s,
                    };
                    r.replace(i..i + len, s);
                    i += len;
                    keep_from = i;
                    continue;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() && !pre => {
                let run_end = b[i..to]
                    .iter()
                    .position(|c| !c.is_ascii_whitespace())
                    .map_or(to, |k| i + k);
                let single_space = run_end == i + 1 && c == b' ';
                let inner = i > keep_from && run_end < to;
                if !(single_space && inner) {
                    r.keep(keep_from..i);
                    r.separate(" ");
                    keep_from = run_end;
                }
                i = run_end;
            }
            _ => i += 1,
        }
    }
    r.keep(keep_from..to);
}

/// A decoded character reference.
enum Decoded {
    One(char),
    Str(&'static str),
}

/// Decodes the character reference `s` starts with: its length and what it stands for.
fn entity_at(s: &str) -> Option<(usize, Decoded)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, digits_at) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let digits = b[digits_at..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 || digits > 8 {
            return None;
        }
        let v = u32::from_str_radix(&s[digits_at..digits_at + digits], if hex { 16 } else { 10 })
            .ok()?;
        let mut len = digits_at + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        let c = match v {
            0x80..=0x9F => windows_1252_c1(v as u8),
            0 => '\u{FFFD}',
            _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((len, Decoded::One(c)));
    }
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    let semi = b.get(1 + name_len) == Some(&b';');
    let value = named_entity(name)?;
    if !semi && !LEGACY_NO_SEMICOLON.contains(&name) {
        return None;
    }
    Some((1 + name_len + usize::from(semi), Decoded::Str(value)))
}

/// Numeric references to 0x80–0x9F mean windows-1252 characters (the HTML standard).
fn windows_1252_c1(v: u8) -> char {
    let bytes = [v];
    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    s.chars().next().unwrap_or('\u{FFFD}')
}

/// Named references browsers accept without a semicolon (the common ones).
const LEGACY_NO_SEMICOLON: &[&str] = &[
    "amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT",
];

/// Decodes character references in `s` (for attribute values and titles).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(k) = s[i..].find('&') {
        out.push_str(&s[i..i + k]);
        i += k;
        match entity_at(&s[i..]) {
            Some((len, Decoded::One(c))) => {
                out.push(c);
                i += len;
            }
            Some((len, Decoded::Str(v))) => {
                out.push_str(v);
                i += len;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
    }
    out.push_str(&s[i..]);
    out
}

/// The named character references pages actually use: markup, Latin-1, typography,
/// Greek, arrows and common math.
fn named_entity(name: &str) -> Option<&'static str> {
    ENTITIES
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|k| ENTITIES[k].1)
}

/// Sorted by name (byte order) for binary search.
const ENTITIES: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("AMP", "&"),
    ("Aacute", "Á"),
    ("Acirc", "Â"),
    ("Agrave", "À"),
    ("Alpha", "Α"),
    ("Aring", "Å"),
    ("Atilde", "Ã"),
    ("Auml", "Ä"),
    ("Beta", "Β"),
    ("Ccedil", "Ç"),
    ("Chi", "Χ"),
    ("Dagger", "‡"),
    ("Delta", "Δ"),
    ("ETH", "Ð"),
    ("Eacute", "É"),
    ("Ecirc", "Ê"),
    ("Egrave", "È"),
    ("Epsilon", "Ε"),
    ("Eta", "Η"),
    ("Euml", "Ë"),
    ("GT", ">"),
    ("Gamma", "Γ"),
    ("Iacute", "Í"),
    ("Icirc", "Î"),
    ("Igrave", "Ì"),
    ("Iota", "Ι"),
    ("Iuml", "Ï"),
    ("Kappa", "Κ"),
    ("LT", "<"),
    ("Lambda", "Λ"),
    ("Mu", "Μ"),
    ("Ntilde", "Ñ"),
    ("Nu", "Ν"),
    ("OElig", "Œ"),
    ("Oacute", "Ó"),
    ("Ocirc", "Ô"),
    ("Ograve", "Ò"),
    ("Omega", "Ω"),
    ("Omicron", "Ο"),
    ("Oslash", "Ø"),
    ("Otilde", "Õ"),
    ("Ouml", "Ö"),
    ("Phi", "Φ"),
    ("Pi", "Π"),
    ("Prime", "″"),
    ("Psi", "Ψ"),
    ("QUOT", "\""),
    ("Rho", "Ρ"),
    ("Scaron", "Š"),
    ("Sigma", "Σ"),
    ("THORN", "Þ"),
    ("Tau", "Τ"),
    ("Theta", "Θ"),
    ("Uacute", "Ú"),
    ("Ucirc", "Û"),
    ("Ugrave", "Ù"),
    ("Upsilon", "Υ"),
    ("Uuml", "Ü"),
    ("Xi", "Ξ"),
    ("Yacute", "Ý"),
    ("Yuml", "Ÿ"),
    ("Zeta", "Ζ"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("acute", "´"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("alpha", "α"),
    ("amp", "&"),
    ("and", "∧"),
    ("ang", "∠"),
    ("apos", "'"),
    ("aring", "å"),
    ("asymp", "≈"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("beta", "β"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("cap", "∩"),
    ("ccedil", "ç"),
    ("cedil", "¸"),
    ("cent", "¢"),
    ("chi", "χ"),
    ("circ", "ˆ"),
    ("clubs", "♣"),
    ("copy", "©"),
    ("crarr", "↵"),
    ("cup", "∪"),
    ("curren", "¤"),
    ("dArr", "⇓"),
    ("dagger", "†"),
    ("darr", "↓"),
    ("deg", "°"),
    ("delta", "δ"),
    ("diams", "♦"),
    ("divide", "÷"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("empty", "∅"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("epsilon", "ε"),
    ("equiv", "≡"),
    ("eta", "η"),
    ("eth", "ð"),
    ("euml", "ë"),
    ("euro", "€"),
    ("exist", "∃"),
    ("forall", "∀"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("frasl", "⁄"),
    ("gamma", "γ"),
    ("ge", "≥"),
    ("gt", ">"),
    ("hArr", "⇔"),
    ("harr", "↔"),
    ("hearts", "♥"),
    ("hellip", "…"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("igrave", "ì"),
    ("infin", "∞"),
    ("int", "∫"),
    ("iota", "ι"),
    ("iquest", "¿"),
    ("isin", "∈"),
    ("iuml", "ï"),
    ("kappa", "κ"),
    ("lArr", "⇐"),
    ("lambda", "λ"),
    ("lang", "⟨"),
    ("laquo", "«"),
    ("larr", "←"),
    ("lceil", "⌈"),
    ("ldquo", "“"),
    ("le", "≤"),
    ("lfloor", "⌊"),
    ("lowast", "∗"),
    ("loz", "◊"),
    ("lrm", "\u{200E}"),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("mu", "μ"),
    ("nabla", "∇"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("ne", "≠"),
    ("ni", "∋"),
    ("not", "¬"),
    ("notin", "∉"),
    ("nsub", "⊄"),
    ("ntilde", "ñ"),
    ("nu", "ν"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("oelig", "œ"),
    ("ograve", "ò"),
    ("oline", "‾"),
    ("omega", "ω"),
    ("omicron", "ο"),
    ("oplus", "⊕"),
    ("or", "∨"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("oslash", "ø"),
    ("otilde", "õ"),
    ("otimes", "⊗"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("part", "∂"),
    ("permil", "‰"),
    ("perp", "⊥"),
    ("phi", "φ"),
    ("pi", "π"),
    ("piv", "ϖ"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("prod", "∏"),
    ("prop", "∝"),
    ("psi", "ψ"),
    ("quot", "\""),
    ("rArr", "⇒"),
    ("radic", "√"),
    ("rang", "⟩"),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rceil", "⌉"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rfloor", "⌋"),
    ("rho", "ρ"),
    ("rlm", "\u{200F}"),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("scaron", "š"),
    ("sdot", "⋅"),
    ("sect", "§"),
    ("shy", "\u{AD}"),
    ("sigma", "σ"),
    ("sigmaf", "ς"),
    ("sim", "∼"),
    ("spades", "♠"),
    ("sub", "⊂"),
    ("sube", "⊆"),
    ("sum", "∑"),
    ("sup", "⊃"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("supe", "⊇"),
    ("szlig", "ß"),
    ("tau", "τ"),
    ("there4", "∴"),
    ("theta", "θ"),
    ("thetasym", "ϑ"),
    ("thinsp", "\u{2009}"),
    ("thorn", "þ"),
    ("tilde", "˜"),
    ("times", "×"),
    ("trade", "™"),
    ("uArr", "⇑"),
    ("uacute", "ú"),
    ("uarr", "↑"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uml", "¨"),
    ("upsih", "ϒ"),
    ("upsilon", "υ"),
    ("uuml", "ü"),
    ("xi", "ξ"),
    ("yacute", "ý"),
    ("yen", "¥"),
    ("yuml", "ÿ"),
    ("zeta", "ζ"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(html: &str) -> NormalizedText {
        let mut t = NormalizedText::from_original(html);
        let (edits, _) = visible_text_edits(html);
        t.apply("html", &edits).unwrap();
        t
    }

    #[test]
    fn entity_table_is_sorted() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn visible_text_drops_markup_and_maps_into_it() {
        let html = "<html><head><title>A &amp; B</title><style>p{}</style></head>\n<body><nav>Home</nav><p>Tom &amp; Ann\n   left <b>early</b>.</p><!-- x --><p>Caf&eacute; &#8220;open&#x201D;</p><script>var a='<p>';</script></body></html>";
        let t = visible(html);
        assert_eq!(t.as_str(), "Home\n\nTom & Ann left early.\n\nCafé “open”");
        let i = t.as_str().find("Tom").unwrap();
        let span = t.original_span(i..i + "Tom & Ann left early.".len());
        assert_eq!(&html[span.range()], "Tom &amp; Ann\n   left <b>early</b>.");
        let (_, info) = visible_text_edits(html);
        assert_eq!(info.title.as_deref(), Some("A & B"));
    }

    #[test]
    fn metadata_is_read_from_meta_and_time() {
        let html = r#"<meta property="og:title" content="Flood &amp; rain"><meta name="date" content="2024-04-09"><link rel="canonical" href="https://example.org/a"><p>x</p>"#;
        let (_, info) = visible_text_edits(html);
        assert_eq!(info.title.as_deref(), Some("Flood & rain"));
        assert_eq!(info.date.as_deref(), Some("2024-04-09"));
        assert_eq!(info.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn alignment_keeps_only_the_extracted_words() {
        let visible = "Menu Home News\n\nThe river rose fast. Advertisement Crews closed the bridge.\n\nShare this story";
        let main = "The river rose fast. Crews closed the bridge.";
        let sel = align_main_text(visible, main);
        let mut t = NormalizedText::from_original(visible);
        t.apply("main", &sel.edits).unwrap();
        assert_eq!(t.as_str(), "The river rose fast. Crews closed the bridge.");
        let span = t.original_span(0..t.as_str().len());
        assert!(visible[span.range()].contains("Advertisement"));
    }

    #[test]
    fn truncated_and_odd_markup_does_not_panic() {
        for html in [
            "<p>Unclosed <b>bold",
            "<",
            "<a href=\"x",
            "<!-- never closed",
            "&#xFFFFFFFF; &#0; &",
            "<script>",
            "<p>a</p></p></div>",
            "<title>",
            "&amp",
            "<<>>",
            "<a b='>' c=\">\">t</a>",
        ] {
            let t = visible(html);
            let _ = t.as_str();
            let _ = read_html(NormalizedText::from_original(html));
        }
    }

    #[test]
    fn article_is_extracted_and_maps_into_the_page() {
        let para = |i: usize| {
            format!("<p>Paragraph {i} of the story says that the river in the valley rose by {i} feet overnight, and crews from the county worked to keep the levee standing while residents left their homes.</p>")
        };
        let body: String = (0..8).map(para).collect();
        let html = format!("<html><head><title>River rises</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>River rises</h1>{body}</article><footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>");
        let page = read_html(NormalizedText::from_original(&html));
        assert!(page.main_content, "{:?}", page.note);
        let text = page.text.as_str();
        assert!(text.contains("Paragraph 3 of the story"), "{text}");
        assert!(!text.contains("Copyright"), "{text}");
        assert!(!text.contains("News"), "{text}");
        assert_eq!(page.info.title.as_deref(), Some("River rises"));
        let i = text.find("Paragraph 5").unwrap();
        let span = page.text.original_span(i..i + 11);
        assert_eq!(&html[span.range()], "Paragraph 5");
    }
}
