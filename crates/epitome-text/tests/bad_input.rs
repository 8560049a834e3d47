//! Bad input never panics: it gives a clear warning naming the document, or a
//! best-effort text with a note saying what was done.

use std::path::Path;
use std::time::Instant;

use epitome_core::Warning;
use epitome_text::ingest::html::{MAX_EXTRACT_BYTES, MAX_EXTRACT_DEPTH};
use epitome_text::{read_source, IngestOptions, Ingested, InputFormat};

fn read(name: &str, bytes: Vec<u8>) -> (Vec<Ingested>, Vec<Warning>) {
    let mut w = Vec::new();
    let docs = read_source(
        name,
        Some(Path::new(name)),
        bytes,
        &IngestOptions::default(),
        &mut w,
    );
    (docs, w)
}

fn paragraph(i: usize) -> String {
    format!(
        "<p>Paragraph {i} of the report says the river rose by {} feet overnight, and crews from the county worked to keep the levee standing while residents left.</p>\n",
        i % 17
    )
}

#[test]
fn truncated_html_gives_the_text_it_has() {
    let mut page = String::from("<html><head><title>Flood</title></head><body><article>");
    for i in 0..30 {
        page.push_str(&paragraph(i));
    }
    page.push_str("<p>The last paragraph was cut off in the mid");
    for cut in [page.len(), page.len() - 3, page.len() / 2, 40, 7] {
        let (docs, w) = read("cut.html", page.as_bytes()[..cut].to_vec());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].format, InputFormat::Html);
        if cut > 200 {
            assert!(docs[0]
                .doc
                .text()
                .as_str()
                .contains("Paragraph 1 of the report"));
        }
    }
}

#[test]
fn a_20_mb_page_is_extracted_and_a_larger_one_keeps_all_visible_text() {
    let mut page =
        String::from("<html><head><title>Big</title></head><body><nav>Home News</nav><article>");
    let mut i = 0;
    while page.len() < 20 << 20 {
        page.push_str(&paragraph(i));
        i += 1;
    }
    page.push_str("</article><footer>Contact</footer></body></html>");
    let t = Instant::now();
    let (docs, _) = read("big.html", page.clone().into_bytes());
    let secs = t.elapsed().as_secs_f64();
    assert!(docs[0]
        .doc
        .text()
        .as_str()
        .contains(&format!("Paragraph {} of", i - 1)));
    eprintln!(
        "20 MB page: {secs:.1} s, main content: {:?}",
        docs[0].main_content
    );

    // Over the extraction limit: all visible text, and a note that says so.
    while page.len() <= MAX_EXTRACT_BYTES {
        page.push_str(&paragraph(i));
        i += 1;
    }
    let (docs, w) = read("huge.html", page.into_bytes());
    assert!(w.is_empty());
    assert_eq!(docs[0].main_content, Some(false));
    assert!(
        docs[0].notes.iter().any(|n| n.contains("extraction limit")),
        "{:?}",
        docs[0].notes
    );
    assert!(docs[0].doc.text().as_str().contains("Home News"));
}

#[test]
fn deeply_nested_tags_do_not_overflow_the_stack() {
    for depth in [MAX_EXTRACT_DEPTH - 10, 100_000] {
        let page = format!(
            "<html><body>{}<p>Deep text that still reads as a sentence of the page.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let (docs, _) = read("deep.html", page.into_bytes());
        assert!(
            docs[0].doc.text().as_str().contains("Deep text"),
            "depth {depth}"
        );
        if depth > MAX_EXTRACT_DEPTH {
            assert!(
                docs[0].notes.iter().any(|n| n.contains("nest")),
                "{:?}",
                docs[0].notes
            );
        }
    }
    // Unclosed tags nest as deep as they go, too.
    let page = "<span>x ".repeat(50_000);
    let (docs, _) = read("unclosed.html", page.into_bytes());
    assert!(docs[0].doc.text().as_str().starts_with("x x"));
}

#[test]
fn binary_with_an_html_name_is_skipped_with_a_warning() {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    let (docs, w) = read("photo.html", bytes);
    assert!(docs.is_empty());
    assert_eq!(w.len(), 1);
    assert!(w[0].to_string().contains("photo.html"), "{}", w[0]);
    assert!(w[0].to_string().contains("binary"));
}

#[test]
fn json_without_a_text_field_is_named_in_a_warning() {
    let (docs, w) = read(
        "notes.json",
        br#"{"id": "n1", "title": "No body here"}"#.to_vec(),
    );
    assert!(docs.is_empty());
    let msg = w[0].to_string();
    assert!(
        msg.contains("notes.json") && msg.contains("no `text`"),
        "{msg}"
    );

    let lines = b"{\"id\": \"a\", \"text\": \"First document.\"}\n{\"id\": \"b\"}\nnot json\n{\"body\": \"Third.\"}\n".to_vec();
    let (docs, w) = read("docs.jsonl", lines);
    let ids: Vec<&str> = docs.iter().map(|d| d.doc.id()).collect();
    assert_eq!(ids, ["a", "docs.jsonl:4"]);
    let msgs: Vec<String> = w.iter().map(ToString::to_string).collect();
    assert!(
        msgs[0].contains("docs.jsonl:2") && msgs[0].contains("no `text`"),
        "{msgs:?}"
    );
    assert!(
        msgs[1].contains("docs.jsonl:3") && msgs[1].contains("invalid JSON"),
        "{msgs:?}"
    );
    // Spans index into each line's own bytes.
    let d = &docs[1].doc;
    let span = d.text().original_span(0..d.text().as_str().len());
    assert_eq!(d.original_slice(span), b"Third.");
}

#[test]
fn utf16_without_a_bom_is_recognized() {
    let text = "The levee held through the night. Crews said the river would fall by Friday.";
    for little in [true, false] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect();
        let (docs, w) = read("report.txt", bytes.clone());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(docs[0].doc.text().as_str(), text);
        assert_eq!(
            docs[0].encoding,
            if little { "UTF-16LE" } else { "UTF-16BE" }
        );
        let span = docs[0].doc.text().original_span(0..9);
        assert_eq!(span.range(), 0..18);
    }
}

#[test]
fn legacy_html_uses_its_declared_charset() {
    let page = "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9}</title></head><body><p>Le caf\u{e9} \u{e9}tait plein \u{2014} na\u{ef}ve.</p></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let (docs, _) = read("fr.html", bytes.into_owned());
    let d = &docs[0];
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.doc.text().as_str().trim(), "Le café était plein — naïve.");
    let i = d.doc.text().as_str().find("café").unwrap();
    let span = d.doc.text().original_span(i..i + "café".len());
    assert_eq!(d.doc.original_slice(span), b"caf\xe9");
}

#[test]
fn empty_and_whitespace_inputs_are_fine() {
    for (name, bytes) in [
        ("e.html", &b""[..]),
        ("e.md", b"   \n\n"),
        ("e.json", b""),
        ("e.jsonl", b"\n\n"),
        ("e.txt", b"\xef\xbb\xbf"),
        ("e", b"\xff\xfe"),
    ] {
        let (docs, _) = read(name, bytes.to_vec());
        for d in docs {
            assert!(d.doc.text().as_str().trim().is_empty(), "{name}");
        }
    }
}
