//! Random JSON (and random bytes) thrown at the API: every answer is a JSON 2xx or 4xx,
//! never a 5xx, a dropped connection or a hang. Deterministic and bounded: a fixed seed
//! and a fixed number of requests, each with a client time limit.

mod common;

use common::TestServer;
use epitome_server::Limits;
use serde_json::{json, Map, Value};

/// xorshift64*: a tiny deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const KEYS: [&str; 20] = [
    "documents",
    "budget",
    "algorithm",
    "query",
    "lang",
    "order",
    "format",
    "id",
    "text",
    "title",
    "url",
    "date",
    "words",
    "sentences",
    "chars",
    "bytes",
    "ratio",
    "tokens",
    "",
    "é\u{0}",
];

const STRINGS: [&str; 16] = [
    "",
    " ",
    "auto",
    "lead",
    "mmr",
    "textrank",
    "en",
    "de",
    "xx",
    "html",
    "md",
    "json",
    "The river rose. The levee broke. Everyone left the town before noon.",
    "<p>Hello <b>world</b>. A second sentence.</p>",
    "\u{feff}ünïcödé — “quotes” \u{200b} 😀. Another one!",
    "# Title\n\n- item one is here.\n- item two is here.\n",
];

fn number(rng: &mut Rng) -> Value {
    match rng.below(7) {
        0 => json!(0),
        1 => json!(-(rng.below(1000) as i64)),
        2 => json!(rng.below(20)),
        3 => json!(rng.next()),
        4 => json!(rng.below(1000) as f64 / 997.0),
        5 => json!(1e300),
        _ => json!(-0.5),
    }
}

fn value(rng: &mut Rng, depth: usize) -> Value {
    let kinds = if depth > 3 { 4 } else { 7 };
    match rng.below(kinds) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => number(rng),
        3 => Value::String(rng.pick(&STRINGS).to_owned()),
        4 => Value::Array((0..rng.below(5)).map(|_| value(rng, depth + 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.below(5) {
                m.insert(rng.pick(&KEYS).to_owned(), value(rng, depth + 1));
            }
            Value::Object(m)
        }
    }
}

const TEXTS: [&str; 5] = [
    "The river rose. The levee broke. Everyone left the town before noon.",
    "<p>Hello <b>world</b>. A second sentence follows here.</p>",
    "\u{feff}ünïcödé — “quotes” \u{200b} 😀. Another one is here!",
    "# Title\n\n- item one is here.\n- item two is here.\n",
    "the levee broke on tuesday , officials said . everyone left the town .",
];

/// A valid request.
fn valid(rng: &mut Rng) -> Map<String, Value> {
    let docs: Vec<Value> = (0..1 + rng.below(4))
        .map(|i| match rng.below(3) {
            0 => Value::String(rng.pick(&TEXTS).to_owned()),
            1 => json!({"id": format!("d{i}"), "text": rng.pick(&TEXTS),
                        "format": rng.pick(&["text", "html", "md", "markdown", "txt"])}),
            _ => json!({"id": i, "text": rng.pick(&TEXTS), "title": "t", "date": "2024-04-09"}),
        })
        .collect();
    let mut m = Map::new();
    m.insert("documents".into(), Value::Array(docs));
    let unit = rng.pick(&["words", "sentences", "chars", "bytes", "tokens", "ratio"]);
    let n = if unit == "ratio" {
        json!((1 + rng.below(100)) as f64 / 100.0)
    } else {
        json!(1 + rng.below(200))
    };
    m.insert("budget".into(), json!({ unit: n }));
    let algorithms: Vec<&str> = epitome::Algorithm::ALL.iter().map(|a| a.name()).collect();
    m.insert("algorithm".into(), json!(rng.pick(&algorithms)));
    if rng.below(2) == 0 {
        m.insert(
            "query".into(),
            json!(rng.pick(&["levee", "river town", ""])),
        );
    }
    if rng.below(3) == 0 {
        m.insert(
            "order".into(),
            json!(rng.pick(&["position", "score", "date"])),
        );
    }
    if rng.below(3) == 0 {
        m.insert("format".into(), json!("json"));
    }
    m
}

/// Valid requests, valid requests with one thing broken, and anything at all.
fn request(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => value(rng, 0),
        1 | 2 => Value::Object(valid(rng)),
        _ => {
            let mut m = valid(rng);
            let key = rng.pick(&KEYS).to_owned();
            let v = match rng.below(3) {
                0 => number(rng),
                1 => Value::String(rng.pick(&STRINGS).to_owned()),
                _ => value(rng, 2),
            };
            if rng.below(2) == 0 {
                m.insert(key, v);
            } else if let Some(Value::Array(docs)) = m.get_mut("documents") {
                docs.push(v);
            }
            Value::Object(m)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_json_gets_json_answers_never_5xx() {
    let server = TestServer::start(Limits {
        max_document_chars: 10_000,
        max_budget: 100_000,
        ..Limits::default()
    })
    .await;
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut counts = [0usize; 6];
    for i in 0..400 {
        let body = request(&mut rng);
        let path = if i % 20 == 19 {
            "/v1/evaluate"
        } else {
            "/v1/summarize"
        };
        let (status, answer) = server.post_json(path, &body).await;
        assert!(status < 500, "#{i} {body} -> {status} {answer}");
        if status != 200 {
            assert!(answer["error"].is_string(), "#{i} {body} -> {answer}");
        }
        counts[(status / 100) as usize] += 1;
    }
    // Random bytes, some of them almost JSON.
    for i in 0..100 {
        let mut bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
        if i % 2 == 0 {
            bytes.splice(0..0, b"{\"documents\": [\"".iter().copied());
        }
        let (status, answer) = server
            .post_raw("/v1/summarize", "application/json", bytes)
            .await;
        assert!((400..500).contains(&status), "#{i} -> {status} {answer}");
        counts[4] += 1;
    }
    // Both outcomes were exercised.
    assert!(counts[2] > 100, "{counts:?}");
    assert!(counts[4] > 100, "{counts:?}");
    server.stop().await.unwrap();
}
