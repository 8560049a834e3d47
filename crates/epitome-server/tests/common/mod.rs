//! A real server on a free loopback port, and a client for it.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use epitome_server::Limits;
use serde_json::{json, Value};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub struct TestServer {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), epitome_server::Error>>>,
}

impl TestServer {
    pub async fn start(limits: Limits) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(epitome_server::serve(listener, limits, async move {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        TestServer {
            addr,
            client,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// POSTs `body` as JSON; returns the status and the body parsed as JSON.
    pub async fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        self.post_raw(path, "application/json", body.to_string().into_bytes())
            .await
    }

    /// POSTs raw bytes with a content type; the answer must be JSON.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
        let resp = self
            .client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        let value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("status {status}: body is not JSON ({e}): {text:?}"));
        (status, value)
    }

    /// Signals shutdown and waits for the server to stop.
    pub async fn stop(mut self) -> Result<(), epitome_server::Error> {
        let _ = self.stop.take().unwrap().send(());
        self.task.take().unwrap().await.unwrap()
    }

    /// Signals shutdown without waiting.
    pub fn signal_stop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }

    /// Waits for a server already signalled to stop.
    pub async fn join(mut self) -> Result<(), epitome_server::Error> {
        self.task.take().unwrap().await.unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// The project's example cluster as `(file name, text)`.
pub fn example_docs() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/wrenford-flood");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// The example cluster as request documents.
pub fn example_documents() -> Value {
    Value::Array(
        example_docs()
            .into_iter()
            .map(|(id, text)| json!({"id": id, "text": text}))
            .collect(),
    )
}

/// A cluster big enough to keep a worker busy for a while: `docs` documents of
/// `sentences` generated sentences each.
pub fn heavy_documents(docs: usize, sentences: usize) -> Value {
    const WORDS: [&str; 24] = [
        "river", "levee", "town", "council", "rain", "bridge", "school", "shelter", "water",
        "road", "mayor", "county", "storm", "family", "farm", "valley", "report", "crew", "power",
        "market", "harbor", "forest", "station", "village",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut out = Vec::new();
    for _ in 0..docs {
        let mut text = String::new();
        for _ in 0..sentences {
            let n = 8 + (next() % 12) as usize;
            let mut words: Vec<&str> = (0..n)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            let first = words[0];
            let cap = first[..1].to_uppercase() + &first[1..];
            words[0] = "";
            text.push_str(&cap);
            text.push_str(&words.join(" "));
            text.push_str(". ");
        }
        out.push(Value::String(text));
    }
    Value::Array(out)
}
