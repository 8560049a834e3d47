//! Markdown: the prose of a Markdown file, mapped into its bytes.
//!
//! `pulldown-cmark` parses the text and reports the source range of every event, so the
//! text of each event is either kept as it stands in the source or, where the parser
//! decoded something (a backslash escape, an entity), replaces its source range. Links
//! keep their text; images, raw HTML, footnote references and definitions are dropped;
//! fenced and indented code is dropped unless asked for; headings, list items, block
//! quotes and table rows become paragraphs of their own. YAML front matter is read for
//! `title` and `date` and left out of the text.

use epitome_core::{EditList, NormalizedText};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::rewrite::Rewriter;

/// What a Markdown file says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownInfo {
    /// `title` from front matter, else the first level-1 heading.
    pub title: Option<String>,
    /// `date` from front matter.
    pub date: Option<String>,
}

/// Reduces decoded Markdown to its prose (see the module docs).
pub fn read_markdown(
    mut decoded: NormalizedText,
    keep_code: bool,
) -> (NormalizedText, MarkdownInfo) {
    let (edits, info) = markdown_edits(decoded.as_str(), keep_code);
    // The edits are ordered and on char boundaries by construction.
    let _ = decoded.apply("markdown", &edits);
    (decoded, info)
}

/// The edits that reduce Markdown source `md` to its prose, and its title and date.
pub fn markdown_edits(md: &str, keep_code: bool) -> (EditList, MarkdownInfo) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut r = Rewriter::new();
    let mut info = MarkdownInfo::default();
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    // Nesting of constructs whose text is dropped (images, code, footnote definitions,
    // front matter, raw HTML blocks).
    let mut skip = 0usize;
    let mut in_meta = false;
    for (event, range) in Parser::new_ext(md, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::TableHead
                | Tag::TableRow => r.separate("\n\n"),
                Tag::Heading { level, .. } => {
                    r.separate("\n\n");
                    in_h1 = level == pulldown_cmark::HeadingLevel::H1 && h1.is_none();
                    if in_h1 {
                        h1 = Some(String::new());
                    }
                }
                Tag::TableCell => r.separate(" "),
                Tag::CodeBlock(_) => {
                    r.separate("\n\n");
                    if !keep_code {
                        skip += 1;
                    }
                }
                Tag::MetadataBlock(_) => {
                    in_meta = true;
                    skip += 1;
                }
                Tag::Image { .. } | Tag::FootnoteDefinition(_) | Tag::HtmlBlock => skip += 1,
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::Heading(_) => {
                    in_h1 = false;
                    r.separate("\n\n");
                }
                TagEnd::CodeBlock => {
                    if !keep_code {
                        skip = skip.saturating_sub(1);
                    }
                    r.separate("\n\n");
                }
                TagEnd::MetadataBlock(_) => {
                    in_meta = false;
                    skip = skip.saturating_sub(1);
                }
                TagEnd::Image | TagEnd::FootnoteDefinition | TagEnd::HtmlBlock => {
                    skip = skip.saturating_sub(1);
                    r.separate(" ");
                }
                _ => {}
            },
            Event::Text(text) => {
                if in_meta {
                    read_front_matter(&text, &mut info);
                    continue;
                }
                if skip > 0 {
                    continue;
                }
                if in_h1 {
                    if let Some(t) = h1.as_mut() {
                        t.push_str(&text);
                    }
                }
                emit(md, range, &text, &mut r);
            }
            Event::Code(text) => {
                if skip > 0 {
                    continue;
                }
                if in_h1 {
                    if let Some(t) = h1.as_mut() {
                        t.push_str(&text);
                    }
                }
                emit(md, range, &text, &mut r);
            }
            Event::SoftBreak if skip == 0 => emit(md, range, "\n", &mut r),
            Event::HardBreak if skip == 0 => r.separate("\n"),
            Event::Rule => r.separate("\n\n"),
            _ => {}
        }
    }
    if info.title.is_none() {
        info.title = h1.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    }
    (r.finish(md.len()), info)
}

/// Keeps the source of an event when it reads as the event's text, else finds the text
/// inside the source (inline code inside its backticks) or replaces the source with it.
fn emit(md: &str, range: std::ops::Range<usize>, text: &str, r: &mut Rewriter) {
    let Some(src) = md.get(range.clone()) else {
        return;
    };
    if src == text {
        r.keep(range);
    } else if let Some(k) = src.find(text).filter(|_| !text.is_empty()) {
        r.keep(range.start + k..range.start + k + text.len());
    } else {
        r.replace(range, text);
    }
}

fn read_front_matter(block: &str, info: &mut MarkdownInfo) {
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" if info.title.is_none() => info.title = Some(value.to_owned()),
            "date" if info.date.is_none() => info.date = Some(value.to_owned()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(md: &str, keep_code: bool) -> (NormalizedText, MarkdownInfo) {
        read_markdown(NormalizedText::from_original(md), keep_code)
    }

    #[test]
    fn prose_keeps_link_text_and_maps_back() {
        let md = "---\ntitle: Flood notes\ndate: 2024-04-09\n---\n# The levee\n\nThe **river** rose [fast](https://x.org) on \\*Tuesday\\* &amp; more.\nCrews `closed` the bridge.\n\n![a photo](p.jpg)\n\n```\nlet x = 1;\n```\n\n- One item\n- Two item\n";
        let (t, info) = read(md, false);
        assert_eq!(
            t.as_str(),
            "The levee\n\nThe river rose fast on *Tuesday* & more.\nCrews closed the bridge.\n\nOne item\n\nTwo item"
        );
        assert_eq!(info.title.as_deref(), Some("Flood notes"));
        assert_eq!(info.date.as_deref(), Some("2024-04-09"));
        let i = t.as_str().find("The river").unwrap();
        let j = t.as_str().find("bridge.").unwrap() + 7;
        let span = t.original_span(i..j);
        assert!(md[span.range()].starts_with("The **river** rose [fast]"));
        assert!(md[span.range()].ends_with("the bridge."));
    }

    #[test]
    fn code_is_kept_on_request_and_h1_is_the_title() {
        let md = "# Title here\n\nText.\n\n```rust\nfn main() {}\n```\n";
        let (t, info) = read(md, true);
        assert_eq!(t.as_str(), "Title here\n\nText.\n\nfn main() {}\n");
        assert_eq!(info.title.as_deref(), Some("Title here"));
        let (t, _) = read(md, false);
        assert_eq!(t.as_str(), "Title here\n\nText.");
    }

    #[test]
    fn tables_and_footnotes() {
        let md = "A claim.[^1]\n\n| a | b |\n|---|---|\n| c | d |\n\n[^1]: The note.\n";
        let (t, _) = read(md, false);
        assert_eq!(t.as_str(), "A claim.\n\na b\n\nc d");
    }
}
