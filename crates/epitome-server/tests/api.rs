//! The HTTP API, end to end: a real server on a loopback port, a real HTTP client.

mod common;

use std::time::Duration;

use common::{example_docs, example_documents, heavy_documents, TestServer};
use epitome::{Budget, Config, DocumentInput, Summarizer};
use epitome_server::Limits;
use serde_json::{json, Value};

fn error_of(body: &Value) -> &str {
    body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no `error` string in {body}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn summary_is_the_facades_batch_record_and_spans_slice_the_sent_text() {
    let server = TestServer::start(Limits::default()).await;
    let (status, body) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": example_documents(), "budget": {"words": 80}, "id": "wrenford"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // The same cluster through the facade, rendered as a batch line.
    let config = Config {
        budget: Budget::Words(80),
        ..Config::default()
    };
    let docs = example_docs()
        .into_iter()
        .enumerate()
        .map(|(i, (id, text))| {
            DocumentInput {
                id: Some(id),
                ..DocumentInput::from_text(text)
            }
            .into_document(i)
        })
        .collect();
    let summary = Summarizer::new(&config).unwrap().summarize(docs).unwrap();
    let expected: Value =
        serde_json::to_value(epitome::render::SummaryRecord::new("wrenford", &summary)).unwrap();
    assert_eq!(body, expected);

    // Every span slices the document text (as UTF-8 bytes) to text carrying the sentence.
    let texts: std::collections::HashMap<String, String> = example_docs().into_iter().collect();
    let sentences = body["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    assert!(sentences.iter().any(|s| s["support"].as_u64().unwrap() > 1));
    for s in sentences {
        for src in s["sources"].as_array().unwrap() {
            let text = &texts[src["doc"].as_str().unwrap()];
            let (a, b) = (
                src["start"].as_u64().unwrap() as usize,
                src["end"].as_u64().unwrap() as usize,
            );
            let slice = &text.as_bytes()[a..b];
            assert!(std::str::from_utf8(slice).is_ok());
        }
    }
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_and_markdown_formats_and_defaults() {
    let server = TestServer::start(Limits::default()).await;
    for (format, content_type, needle) in [
        ("text", "text/plain", "Calder River"),
        ("markdown", "text/markdown", "[^1]: `"),
    ] {
        let resp = server
            .client
            .post(server.url("/v1/summarize"))
            .json(&json!({"documents": example_documents(), "format": format}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let ct = resp.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(ct.starts_with(content_type), "{ct}");
        let text = resp.text().await.unwrap();
        assert!(text.contains(needle), "{text}");
    }
    // Bare strings, no budget: 5 sentences, ids are positions.
    let docs: Vec<String> = example_docs().into_iter().map(|(_, t)| t).collect();
    let (status, body) = server
        .post_json("/v1/summarize", &json!({"documents": docs}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["budget"], json!({"sentences": 5}));
    assert_eq!(body["id"], "cluster");
    assert!(body["sentences"].as_array().unwrap().len() <= 5);
    let doc0 = &body["sentences"][0]["sources"][0]["doc"];
    assert!(["0", "1", "2", "3"].contains(&doc0.as_str().unwrap()));
    // Date order reads the documents' `date` fields; an unreadable one is a warning.
    let dated = json!([
        {"id": "late", "text": "The ferry carried its ten thousandth rider across the bay in October.", "date": "2025-10-02"},
        {"id": "early", "text": "The new ferry made its first crossing of the bay in April after years of delay.", "date": "April 3, 2025"},
        {"id": "odd", "text": "Crowds filled the ferry every weekend of July as the heat went on.", "date": "someday"}
    ]);
    let (status, body) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": dated, "order": "date", "budget": {"sentences": 3}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let order: Vec<&str> = body["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sources"][0]["doc"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["early", "late", "odd"], "{body}");
    assert!(body["warnings"].to_string().contains("someday"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_and_markdown_documents_point_into_their_markup() {
    let server = TestServer::start(Limits::default()).await;
    let html = "<!doctype html><html><head><title>Flood</title></head><body>\
        <nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>\
        <article><h1>River floods the town</h1>\
        <p>The river crested at twenty feet early on Tuesday morning after three days of rain.</p>\
        <p>About twelve hundred residents left their homes on the east side of town overnight.</p>\
        <p>The mayor said that no one was hurt and that the shelters had room for everyone.</p>\
        </article></body></html>";
    let md = "# Flood\n\nThe river **crested** at twenty feet early on Tuesday morning after three days of rain.\n\n\
        - About twelve hundred residents left their homes on the [east side](http://example.invalid) of town overnight.\n";
    let (status, body) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": [
                {"id": "page", "text": html, "format": "html"},
                {"id": "notes", "text": md, "format": "md"},
            ], "budget": {"sentences": 3}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let sentences = body["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty(), "{body}");
    for s in sentences {
        assert!(!s["text"].as_str().unwrap().contains('<'), "{s}");
        for src in s["sources"].as_array().unwrap() {
            let text = if src["doc"] == "page" { html } else { md };
            let slice = &text
                [src["start"].as_u64().unwrap() as usize..src["end"].as_u64().unwrap() as usize];
            // The span covers the sentence's words, markup in between.
            let first_word = s["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap();
            assert!(slice.contains(first_word), "{slice:?} vs {s}");
        }
    }
    let (status, body) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": [{"text": "x", "format": "pdf"}]}),
        )
        .await;
    assert_eq!(status, 422);
    assert!(error_of(&body).contains("unknown format `pdf`"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_openapi_and_the_page() {
    let server = TestServer::start(Limits::default()).await;
    let health: Value = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["in_flight"], 0);

    let doc: Value = server
        .client
        .get(server.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in ["/v1/summarize", "/v1/evaluate", "/healthz"] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    let algorithms = doc["components"]["schemas"]["Algorithm"]["enum"]
        .as_array()
        .unwrap();
    for a in epitome::Algorithm::ALL {
        assert!(algorithms.contains(&json!(a.name())), "{}", a.name());
    }

    // The response mirror in the document has exactly the fields the server sends.
    let (_, body) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": example_documents(), "budget": {"sentences": 0.5}}),
        )
        .await;
    assert!(error_of(&body).contains("budget"), "{body}");
    let (_, body) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": example_documents(), "budget": {"bytes": 10}}),
        )
        .await;
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let props =
        |name: &str| -> Vec<String> { keys(&doc["components"]["schemas"][name]["properties"]) };
    assert_eq!(keys(&body), props("SummaryResponse")); // a 10-byte budget warns
    let (_, body) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": example_documents(), "explain": true, "query": "levee"}),
        )
        .await;
    assert_eq!(keys(&body["sentences"][0]), props("SummarySentence"));
    assert_eq!(keys(&body["sentences"][0]["explain"]), props("Explanation"));
    assert_eq!(
        keys(&body["sentences"][0]["sources"][0]),
        props("SourceSpan")
    );

    // The page and its assets, with nothing loaded from elsewhere.
    for (path, ct) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
    ] {
        let resp = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(ct));
        let text = resp.text().await.unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{path} links out"
        );
    }
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_clear_json_errors() {
    let limits = Limits {
        max_body_bytes: 64 * 1024,
        max_documents: 5,
        max_document_chars: 2000,
        max_budget: 10_000,
        ..Limits::default()
    };
    let server = TestServer::start(limits).await;
    let docs = example_documents();

    // Malformed JSON, wrong or missing content type.
    let (s, b) = server
        .post_raw(
            "/v1/summarize",
            "application/json",
            b"{\"documents\": [".to_vec(),
        )
        .await;
    assert_eq!(s, 400);
    assert!(error_of(&b).starts_with("malformed JSON"), "{b}");
    let (s, b) = server
        .post_raw("/v1/summarize", "application/json", Vec::new())
        .await;
    assert_eq!(s, 400, "{b}");
    let body = json!({"documents": ["A sentence here."]})
        .to_string()
        .into_bytes();
    let (s, b) = server
        .post_raw("/v1/summarize", "text/plain", body.clone())
        .await;
    assert_eq!(s, 415);
    assert!(error_of(&b).contains("application/json"));
    let (s, _) = server
        .post_raw("/v1/summarize", "application/x-www-form-urlencoded", body)
        .await;
    assert_eq!(s, 415);

    // Oversized body.
    let big = json!({"documents": ["word ".repeat(20_000)]});
    let (s, b) = server.post_json("/v1/summarize", &big).await;
    assert_eq!(s, 413);
    assert!(error_of(&b).contains("too large"), "{b}");

    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({}), 422, "missing field `documents`"),
        (json!({"documents": []}), 422, "`documents` is empty"),
        (json!({"documents": "text"}), 422, "invalid type"),
        (
            json!({"documents": [1]}),
            422,
            "document 0: expected a string",
        ),
        (
            json!({"documents": [{"title": "t"}]}),
            422,
            "document 0: no `text` field",
        ),
        (
            json!({"documents": [{"text": 5}]}),
            422,
            "`text` is not a string",
        ),
        (
            json!({"documents": [{"text": "a", "colour": "red"}]}),
            422,
            "unknown field `colour`",
        ),
        (
            json!({"documents": [{"id": "x", "text": "a"}, {"id": "x", "text": "b"}]}),
            422,
            "duplicate id `x`",
        ),
        (
            json!({"documents": ["a", "b", "c", "d", "e", "f"]}),
            422,
            "too many documents: 6",
        ),
        (
            json!({"documents": ["é".repeat(2001)]}),
            422,
            "2001 characters",
        ),
        (
            json!({"documents": docs, "budget": {"words": 0}}),
            422,
            "at least 1",
        ),
        (
            json!({"documents": docs, "budget": {"sentences": 1_000_000_000_000u64}}),
            422,
            "at most 10000",
        ),
        (
            json!({"documents": docs, "budget": {"words": -3}}),
            422,
            "invalid value",
        ),
        (
            json!({"documents": docs, "budget": {"words": 2.5}}),
            422,
            "invalid type",
        ),
        (
            json!({"documents": docs, "budget": {"ratio": 0}}),
            422,
            "ratio",
        ),
        (
            json!({"documents": docs, "budget": {"ratio": 1.5}}),
            422,
            "ratio",
        ),
        (
            json!({"documents": docs, "budget": {"words": 5, "chars": 9}}),
            422,
            "invalid request",
        ),
        (
            json!({"documents": docs, "budget": {"paragraphs": 2}}),
            422,
            "unknown variant `paragraphs`",
        ),
        (
            json!({"documents": docs, "budget": 100}),
            422,
            "invalid request",
        ),
        (
            json!({"documents": docs, "algorithm": "gpt"}),
            422,
            "unknown variant `gpt`",
        ),
        (
            json!({"documents": docs, "order": "random"}),
            422,
            "unknown variant `random`",
        ),
        (
            json!({"documents": docs, "format": "pdf"}),
            422,
            "unknown variant `pdf`",
        ),
        (json!({"documents": docs, "lang": "xx"}), 422, "xx"),
        (
            json!({"documents": docs, "query": "q".repeat(2001)}),
            422,
            "`query` is longer",
        ),
        (
            json!({"documents": docs, "budgets": {"words": 10}}),
            422,
            "unknown field `budgets`",
        ),
        (
            json!({"documents": ["   ", "\n\n"]}),
            422,
            "no document has any text",
        ),
        (json!([1, 2]), 422, "invalid request"),
    ];
    for (body, status, needle) in cases {
        let (s, b) = server.post_json("/v1/summarize", &body).await;
        let shown: String = body.to_string().chars().take(120).collect();
        assert_eq!(s, status, "{shown} -> {b}");
        assert!(
            error_of(&b).contains(needle),
            "{shown} -> {b}, wanted {needle:?}"
        );
    }

    // Unknown routes and methods are JSON too.
    let resp = server
        .client
        .get(server.url("/v2/nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert!(resp.json::<Value>().await.unwrap()["error"].is_string());
    let resp = server
        .client
        .get(server.url("/v1/summarize"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    assert!(resp.json::<Value>().await.unwrap()["error"].is_string());

    // The server is still fine.
    let (s, _) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": ["One sentence is enough here."]}),
        )
        .await;
    assert_eq!(s, 200);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evaluate_reproduces_rouge() {
    let server = TestServer::start(Limits::default()).await;
    // rouge-score's own example: ROUGE-1 F of 0.70588 with stemming.
    let (s, b) = server
        .post_json(
            "/v1/evaluate",
            &json!({
                "summary": "The quick brown dog jumps on the log.",
                "references": ["The quick brown fox jumps over the lazy dog"],
                "metrics": ["rouge1", "rougeL"],
                "compat": "rouge-score",
                "stemming": "porter",
            }),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["compat"], "rouge-score");
    let keys: Vec<&String> = b["scores"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["rouge-1", "rouge-l"]);
    assert!((b["scores"]["rouge-1"]["f"].as_f64().unwrap() - 0.70588).abs() < 1e-5);

    // ROUGE-1.5.5 defaults: ROUGE-1, -2, -L.
    let (s, b) = server
        .post_json(
            "/v1/evaluate",
            &json!({"summary": "a cat sat on a mat", "references": ["the cats sat on the mat"]}),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["scores"].as_object().unwrap().len(), 3);

    for (body, needle) in [
        (
            json!({"summary": "x", "references": []}),
            "`references` is empty",
        ),
        (
            json!({"summary": "x", "references": ["y"], "metrics": ["rouge-q"]}),
            "unknown metric",
        ),
        (
            json!({"summary": "x", "references": ["y"], "metrics": ["40"]}),
            "longer than 9",
        ),
        (
            json!({"summary": "x", "references": ["y"], "alpha": 3.0}),
            "alpha",
        ),
        (
            json!({"summary": "x", "references": ["y"], "compat": "rouge-score", "remove_stopwords": true}),
            "stopword",
        ),
        (
            json!({"summary": "x", "references": ["y"], "truncation": {"lines": 3}}),
            "unknown variant",
        ),
        (json!({"references": ["y"]}), "missing field `summary`"),
    ] {
        let (s, b) = server.post_json("/v1/evaluate", &body).await;
        assert_eq!(s, 422, "{body} -> {b}");
        assert!(error_of(&b).contains(needle), "{body} -> {b}");
    }
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_all_succeed_with_identical_answers() {
    let server = TestServer::start(Limits {
        max_concurrent: 2,
        ..Limits::default()
    })
    .await;
    let body =
        json!({"documents": example_documents(), "budget": {"words": 60}, "algorithm": "textrank"});
    let mut tasks = Vec::new();
    for _ in 0..32 {
        let client = server.client.clone();
        let url = server.url("/v1/summarize");
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            let resp = client.post(url).json(&body).send().await.unwrap();
            (resp.status().as_u16(), resp.text().await.unwrap())
        }));
    }
    let mut answers = Vec::new();
    for t in tasks {
        let (status, text) = t.await.unwrap();
        assert_eq!(status, 200, "{text}");
        answers.push(text);
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]));
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_time_requests_get_503_or_504_and_the_server_goes_on() {
    let server = TestServer::start(Limits {
        request_timeout: Duration::from_millis(1),
        max_concurrent: 1,
        ..Limits::default()
    })
    .await;
    let (s, b) = server
        .post_json(
            "/v1/summarize",
            &json!({"documents": heavy_documents(20, 40), "algorithm": "textrank"}),
        )
        .await;
    assert!(s == 503 || s == 504, "{s} {b}");
    assert!(error_of(&b).contains("time limit"), "{b}");
    let health = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_refuses_at_once_with_503() {
    let server = TestServer::start(Limits {
        max_concurrent: 1,
        max_queued: 0,
        ..Limits::default()
    })
    .await;
    // Occupy the only worker, then ask again.
    let client = server.client.clone();
    let url = server.url("/v1/summarize");
    let heavy = tokio::spawn(async move {
        client
            .post(url)
            .json(&json!({"documents": heavy_documents(150, 60)}))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    });
    wait_until_in_flight(&server).await;
    let (s, b) = server
        .post_json("/v1/summarize", &json!({"documents": ["Quick one here."]}))
        .await;
    assert_eq!(s, 503, "{b}");
    assert!(error_of(&b).contains("busy"), "{b}");
    assert_eq!(heavy.await.unwrap(), 200);
    server.stop().await.unwrap();
}

/// Polls `/healthz` until a request is computing.
async fn wait_until_in_flight(server: &TestServer) {
    for _ in 0..2000 {
        let h: Value = server
            .client
            .get(server.url("/healthz"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if h["in_flight"].as_u64().unwrap() > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    panic!("the request never started computing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_finishes_requests_in_flight() {
    let mut server = TestServer::start(Limits::default()).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let url = server.url("/v1/summarize");
    let docs = heavy_documents(150, 60);
    let in_flight = tokio::spawn(async move {
        let resp = client
            .post(url)
            .json(&json!({"documents": docs, "budget": {"sentences": 3}}))
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.json::<Value>().await.unwrap())
    });
    wait_until_in_flight(&server).await;
    let addr = server.addr;
    server.signal_stop();
    let (status, body) = in_flight.await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["sentences"].as_array().unwrap().len(), 3);
    tokio::time::timeout(Duration::from_secs(30), server.join())
        .await
        .expect("the server stops once the request is answered")
        .unwrap();
    // No longer listening.
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
