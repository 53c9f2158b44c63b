//! A hand-written DC/OS stand-in for one test: an axum server on `127.0.0.1` that answers
//! with the test's handler and records every request.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::providers::dcos::{DcosAccount, DcosAuth, DcosClusterConfig, DcosProvider};

/// One request the stub received.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    pub(super) method: Method,
    /// The path with its query.
    pub(super) uri: String,
    pub(super) authorization: Option<String>,
    pub(super) body: Value,
}

type Handler = dyn Fn(&Seen) -> Response + Send + Sync;

/// The running stub; stops when dropped.
pub(super) struct Stub {
    pub(super) url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    server: tokio::task::JoinHandle<()>,
}

impl Stub {
    /// Starts a stub answering every request with `handler`.
    pub(super) async fn start(handler: impl Fn(&Seen) -> Response + Send + Sync + 'static) -> Self {
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let recorded = Arc::clone(&seen);
        let app = axum::Router::new().fallback(
            move |method: Method,
                  uri: axum::http::Uri,
                  headers: HeaderMap,
                  body: axum::body::Bytes| {
                let handler = Arc::clone(&handler);
                let recorded = Arc::clone(&recorded);
                async move {
                    let request = Seen {
                        method,
                        uri: uri
                            .path_and_query()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        authorization: headers
                            .get("authorization")
                            .and_then(|value| value.to_str().ok())
                            .map(str::to_owned),
                        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                    };
                    recorded.lock().unwrap().push(request.clone());
                    handler(&request)
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self { url, seen, server }
    }

    /// Every request so far, oldest first.
    pub(super) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The requests whose method and path (without query) match.
    pub(super) fn calls(&self, method: &Method, path: &str) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|seen| seen.method == method && seen.uri.split('?').next() == Some(path))
            .collect()
    }

    /// A provider for account `acct` whose one cluster, `east`, is this stub.
    pub(super) fn provider(&self, auth: DcosAuth) -> DcosProvider {
        DcosProvider::new(DcosAccount {
            name: "acct".to_owned(),
            clusters: vec![DcosClusterConfig {
                name: "east".to_owned(),
                url: self.url.clone(),
            }],
            auth,
            tls: crate::providers::http::TlsOptions::default(),
        })
        .unwrap()
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A JSON answer.
pub(super) fn json(status: u16, body: &Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A JSON answer with one extra header.
pub(super) fn json_with(status: u16, body: &Value, header: (&'static str, &str)) -> Response {
    let mut response = json(status, body);
    response
        .headers_mut()
        .insert(header.0, header.1.parse().unwrap());
    response
}

/// A plain-text answer.
pub(super) fn text(status: u16, body: &str) -> Response {
    (StatusCode::from_u16(status).unwrap(), body.to_owned()).into_response()
}

/// An answer streamed from `body`.
pub(super) fn streamed(body: Body, content_type: &'static str) -> Response {
    (StatusCode::OK, [("content-type", content_type)], body).into_response()
}

/// A fixture from `testdata/`, parsed.
pub(super) fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/src/providers/dcos/testdata/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A fixture's text.
pub(super) fn fixture_text(name: &str) -> String {
    let path = format!(
        "{}/src/providers/dcos/testdata/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}
