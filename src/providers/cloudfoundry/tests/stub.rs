//! A small Cloud Controller + UAA stand-in for behaviour tests: one axum server on
//! `127.0.0.1:0` answering every request with a function the test writes, and recording
//! what it was asked.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::providers::cloudfoundry::{CfAuth, CloudFoundryAccount, CloudFoundryProvider};
use crate::providers::http::{RetryPolicy, TlsOptions};

/// A request the stub received.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) query: String,
    pub(super) authorization: Option<String>,
    pub(super) body: String,
}

/// What the stub answers.
pub(super) struct Answer {
    pub(super) status: StatusCode,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Value,
}

impl Answer {
    pub(super) fn ok(body: Value) -> Self {
        Self::status(StatusCode::OK, body)
    }

    pub(super) fn status(status: StatusCode, body: Value) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub(super) fn cf_error(status: StatusCode, code: u64, title: &str) -> Self {
        Self::status(
            status,
            json!({"errors": [{"code": code, "title": title, "detail": title}]}),
        )
    }

    pub(super) fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }
}

type Handler = dyn Fn(&Seen, &str) -> Answer + Send + Sync;

/// A running stub; requests are kept in order.
pub(super) struct Stub {
    pub(super) url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Stub {
    /// Serves `handler`, which gets each request and the stub's own URL. `GET /` is answered
    /// with a root document pointing the login server at the stub itself, unless the handler
    /// answers it.
    pub(super) async fn start(
        handler: impl Fn(&Seen, &str) -> Answer + Send + Sync + 'static,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (recorded, base) = (seen.clone(), url.clone());
        let app = axum::Router::new().fallback(
            move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
                let (recorded, handler, base) = (recorded.clone(), handler.clone(), base.clone());
                async move {
                    let request = Seen {
                        method,
                        path: uri.path().to_owned(),
                        query: uri.query().unwrap_or_default().to_owned(),
                        authorization: headers
                            .get("authorization")
                            .and_then(|value| value.to_str().ok())
                            .map(str::to_owned),
                        body: String::from_utf8_lossy(&body).into_owned(),
                    };
                    recorded.lock().unwrap().push(request.clone());
                    let answer = if request.path == "/" {
                        Answer::ok(
                            json!({"links": {"login": {"href": base}, "uaa": {"href": base}}}),
                        )
                    } else {
                        handler(&request, &base)
                    };
                    let mut response: Response =
                        (answer.status, answer.body.to_string()).into_response();
                    for (name, value) in answer.headers {
                        response.headers_mut().insert(name, value.parse().unwrap());
                    }
                    response
                }
            },
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, seen }
    }

    /// Every request so far.
    pub(super) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Requests to `path` with `method`.
    pub(super) fn count(&self, method: &Method, path: &str) -> usize {
        self.seen()
            .iter()
            .filter(|seen| seen.method == *method && seen.path == path)
            .count()
    }

    /// A provider logging in to the stub as admin/admin, retrying fast.
    pub(super) fn provider(&self) -> CloudFoundryProvider {
        CloudFoundryProvider::new(CloudFoundryAccount {
            name: "cf".into(),
            api: self.url.clone(),
            auth: CfAuth::Password {
                user: "admin".into(),
                password: "p@ss word".into(),
            },
            tls: TlsOptions::default(),
        })
        .unwrap()
        .with_retry(RetryPolicy {
            attempts: 4,
            first_backoff: std::time::Duration::from_millis(10),
            max_backoff: std::time::Duration::from_secs(2),
        })
    }
}

/// A UAA token answer.
pub(super) fn token(access: &str, refresh: &str) -> Answer {
    Answer::ok(json!({
        "access_token": access, "token_type": "bearer", "refresh_token": refresh,
        "expires_in": 43199, "scope": "cloud_controller.read", "jti": "x"
    }))
}

/// A one-page list.
pub(super) fn page(resources: Value) -> Answer {
    let mut body = json!({"pagination": {"next": null}});
    body["resources"] = resources;
    Answer::ok(body)
}
