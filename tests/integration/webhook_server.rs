//! [`HookServer`]: a scripted HTTP server on `127.0.0.1:0` for the webhook tests. It records
//! every request and answers with what the test's script says for it.
//!
//! The server runs on its own thread with its own runtime, so the tests stay plain `#[test]`s
//! that run the real binary; dropping the server stops it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// One request the server received.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) method: String,
    pub(crate) path: String,
    /// Header names lower-case; repeated headers joined with `, `.
    pub(crate) headers: BTreeMap<String, String>,
    pub(crate) body: String,
}

impl Received {
    /// The body as JSON (`null` when it is not JSON).
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    /// A JSON answer.
    pub(crate) fn json(status: u16, body: &Value) -> Self {
        Self {
            status,
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body: body.to_string(),
        }
    }

    /// An answer with no body.
    pub(crate) fn empty(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: String::new(),
        }
    }

    /// Adds a header.
    pub(crate) fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// Decides the answer to a request; the `usize` counts earlier requests with the same method
/// and path (0 for the first).
type Script = dyn Fn(&Received, usize) -> Reply + Send + Sync;

#[derive(Default)]
struct Log {
    received: Vec<Received>,
    counts: HashMap<(String, String), usize>,
}

/// A running scripted server.
pub(crate) struct HookServer {
    base: String,
    log: Arc<Mutex<Log>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl HookServer {
    /// Starts a server answering with `script`.
    pub(crate) fn start(
        script: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let log = Arc::new(Mutex::new(Log::default()));
        let script: Arc<Script> = Arc::new(script);
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        let handler_log = Arc::clone(&log);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("test server runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                let app = axum::Router::new().fallback(
                    move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
                        let log = Arc::clone(&handler_log);
                        let script = Arc::clone(&script);
                        async move { answer(&log, &*script, &method, &uri, &headers, &body) }
                    },
                );
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stop.await;
                    })
                    .await;
            });
        });
        Self {
            base,
            log,
            shutdown: Some(shutdown),
            thread: Some(thread),
        }
    }

    /// The URL of `path` on this server.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far, in order.
    pub(crate) fn received(&self) -> Vec<Received> {
        self.log.lock().expect("log").received.clone()
    }

    /// The requests with this method and path.
    pub(crate) fn requests(&self, method: &str, path: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|request| request.method == method && request.path == path)
            .collect()
    }

    /// Waits (up to 20 s) until `count` requests with this method and path have arrived.
    pub(crate) fn wait_for(&self, method: &str, path: &str, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = self.requests(method, path);
            if found.len() >= count {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "the server never received {count} {method} {path}; it received {:#?}",
                self.received()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for HookServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(
    log: &Mutex<Log>,
    script: &Script,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    let mut joined: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        joined
            .entry(name.as_str().to_owned())
            .and_modify(|existing| {
                existing.push_str(", ");
                existing.push_str(&value);
            })
            .or_insert(value);
    }
    let received = Received {
        method: method.as_str().to_owned(),
        path: uri.path().to_owned(),
        headers: joined,
        body: String::from_utf8_lossy(body).into_owned(),
    };
    let nth = {
        let mut log = log.lock().expect("log");
        log.received.push(received.clone());
        let count = log
            .counts
            .entry((received.method.clone(), received.path.clone()))
            .or_insert(0);
        *count += 1;
        *count - 1
    };
    let reply = script(&received, nth);
    let mut response = (
        StatusCode::from_u16(reply.status).expect("status code"),
        reply.body,
    )
        .into_response();
    for (name, value) in reply.headers {
        response.headers_mut().insert(
            axum::http::HeaderName::from_bytes(name.as_bytes()).expect("header name"),
            axum::http::HeaderValue::from_str(&value).expect("header value"),
        );
    }
    response
}
