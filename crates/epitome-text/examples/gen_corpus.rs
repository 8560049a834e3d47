//! Writes a mixed corpus for measuring `epitome clean` throughput: plain text with
//! citation markers and mojibake, PTB-tokenized text, Markdown, HTML pages, JSON and JSONL
//! documents, UTF-16LE and windows-1252 files, in equal turns, deterministically.
//!
//! ```text
//! cargo run --release -p epitome-text --example gen_corpus -- /tmp/corpus 100   # ~100 MB
//! time target/release/epitome clean /tmp/corpus > /dev/null
//! ```

use std::path::PathBuf;

/// A small deterministic generator (no dependency needed for a corpus).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "the",
    "river",
    "rose",
    "fast",
    "on",
    "tuesday",
    "and",
    "crews",
    "closed",
    "bridge",
    "before",
    "dawn",
    "while",
    "mayor",
    "asked",
    "residents",
    "of",
    "east",
    "bank",
    "to",
    "leave",
    "their",
    "homes",
    "as",
    "water",
    "reached",
    "levee",
    "council",
    "officials",
    "said",
    "school",
    "would",
    "stay",
    "open",
    "shelter",
    "for",
    "families",
    "volunteers",
    "filled",
    "sandbags",
    "at",
    "grange",
    "hall",
    "through",
    "night",
    "café",
    "naïve",
    "zoë",
];

fn sentence(r: &mut Rng) -> String {
    let n = 8 + r.below(18) as usize;
    (0..n)
        .map(|_| WORDS[r.below(WORDS.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cased prose with paragraph breaks, some citation markers and some mojibake.
fn prose(r: &mut Rng, bytes: usize, debris: bool) -> String {
    let mut out = String::new();
    while out.len() < bytes {
        let s = sentence(r);
        let mut c = s.chars();
        let first = c
            .next()
            .map(|f| f.to_uppercase().collect::<String>())
            .unwrap_or_default();
        out.push_str(&first);
        out.push_str(c.as_str());
        out.push('.');
        if debris && r.below(10) < 3 {
            out.push_str(&format!("[{}]", 1 + r.below(40)));
        }
        if debris && r.below(10) == 0 {
            out.push_str(" Pages 27â€“33 of the cafÃ© report.");
        }
        out.push_str(if r.below(7) == 0 { "\n\n" } else { " " });
    }
    out
}

fn tokenized(r: &mut Rng, bytes: usize) -> String {
    let mut out = String::new();
    while out.len() < bytes {
        out.push_str(&sentence(r).replace(" and ", " , and "));
        out.push_str(" 's view -lrb- 1856 -rrb- `` quoted '' ");
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "corpus".to_owned()));
    let megabytes: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(100);
    std::fs::create_dir_all(&dir).expect("creating the corpus folder");
    let mut r = Rng(7);
    let (mut total, mut i) = (0usize, 0usize);
    while total < megabytes << 20 {
        let size = 200_000 + r.below(600_000) as usize;
        let (name, data): (String, Vec<u8>) = match i % 8 {
            0 => (
                format!("doc{i:04}.txt"),
                prose(&mut r, size, true).into_bytes(),
            ),
            1 => (
                format!("doc{i:04}.txt"),
                tokenized(&mut r, size).into_bytes(),
            ),
            2 => {
                let body: String = prose(&mut r, size, false)
                    .split("\n\n")
                    .enumerate()
                    .map(|(k, p)| {
                        let head = if k % 5 == 0 { "## Section\n\n" } else { "" };
                        format!("{head}Some **bold** and [a link](http://x.org) {p}\n\n")
                    })
                    .collect();
                (
                    format!("doc{i:04}.md"),
                    format!("# Title\n\n{body}```\ncode\n```\n").into_bytes(),
                )
            }
            3 => {
                let body: String = prose(&mut r, size, false)
                    .split("\n\n")
                    .map(|p| format!("<p>{}</p>\n", p.replace("café", "caf&eacute;")))
                    .collect();
                let page = format!("<!DOCTYPE html><html><head><title>T {i}</title><script>var a=1;</script></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article><h1>Head</h1>{body}</article><footer>Copyright</footer></body></html>");
                (format!("doc{i:04}.html"), page.into_bytes())
            }
            4 => {
                let v = serde_json::json!({"id": format!("doc{i}"), "title": "t", "text": prose(&mut r, size, false)});
                (format!("doc{i:04}.json"), v.to_string().into_bytes())
            }
            5 => {
                let mut lines = String::new();
                let mut k = 0;
                while lines.len() < size {
                    let v = serde_json::json!({"id": format!("doc{i}-{k}"), "text": prose(&mut r, 20_000, false)});
                    lines.push_str(&v.to_string());
                    lines.push('\n');
                    k += 1;
                }
                (format!("doc{i:04}.jsonl"), lines.into_bytes())
            }
            6 => {
                let text = prose(&mut r, size / 2, false);
                let bytes = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
                (format!("doc{i:04}.txt"), bytes)
            }
            _ => {
                let text = prose(&mut r, size, false);
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
                (format!("doc{i:04}.txt"), bytes.into_owned())
            }
        };
        total += data.len();
        std::fs::write(dir.join(name), data).expect("writing a corpus file");
        i += 1;
    }
    println!(
        "{i} files, {:.1} MB in {}",
        total as f64 / 1e6,
        dir.display()
    );
}
