//! Harness for the DC/OS simulator tests: a cluster started in-process on `127.0.0.1:0`, and an
//! HTTP client speaking raw JSON to it. Nothing here knows the simulator's Rust types beyond
//! the launcher; every assertion goes through HTTP, as a real client would.

use std::time::Duration;

use gennaker::testing::{ClusterOptions, DcosCluster, Timing};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// How long [`Sim::eventually`] waits before giving up; a bound, not an expectation.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running simulated cluster and a client for it.
pub(crate) struct Sim {
    pub(crate) cluster: DcosCluster,
    pub(crate) http: reqwest::Client,
    pub(crate) token: Option<String>,
}

/// A response: status, headers and JSON body (`Null` when empty, a string when not JSON).
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: Value,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

impl Sim {
    /// A cluster whose transitions happen on the next tick.
    pub(crate) async fn instant() -> Self {
        Self::with(ClusterOptions::new("us-east-1").timing(Timing::instant())).await
    }

    /// A cluster whose clock stands still until [`Sim::advance`] moves it; default timing.
    pub(crate) async fn manual() -> Self {
        Self::with(ClusterOptions::new("us-east-1").manual_clock()).await
    }

    pub(crate) async fn with(options: ClusterOptions) -> Self {
        let cluster = DcosCluster::start(options)
            .await
            .expect("the simulator starts");
        Self {
            cluster,
            http: reqwest::Client::new(),
            token: None,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.cluster.base_url())
    }

    /// Sends a request with an optional JSON body.
    pub(crate) async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = &self.token {
            request = request.header("Authorization", format!("token={token}"));
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the simulator answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("the body arrives");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    pub(crate) async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(body)).await
    }

    pub(crate) async fn put(&self, path: &str, body: Value) -> Answer {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub(crate) async fn delete(&self, path: &str) -> Answer {
        self.call(Method::DELETE, path, None).await
    }

    /// Moves the manual clock forward and applies the time.
    pub(crate) fn advance(&self, millis: u64) {
        assert!(self.cluster.advance_clock(Duration::from_millis(millis)));
    }

    /// Polls `probe` until it returns `Some`, for wall-clock clusters.
    pub(crate) async fn eventually<T, F, Fut>(&self, what: &str, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(found) = probe().await {
                return found;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "gave up waiting for {what}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Creates a Marathon app and returns the creation answer.
    pub(crate) async fn create_app(&self, app: Value) -> Answer {
        let answer = self.post("/service/marathon/v2/apps", app).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
        answer
    }

    /// The app as `GET /v2/apps/{id}` shows it.
    pub(crate) async fn app(&self, id: &str) -> Value {
        let answer = self.get(&format!("/service/marathon/v2/apps{id}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer.body["app"].clone()
    }

    /// Waits until the app has no deployment left, and returns it.
    pub(crate) async fn deployed(&self, id: &str) -> Value {
        self.eventually("the deployment to finish", || async {
            let app = self.app(id).await;
            app["deployments"]
                .as_array()
                .is_some_and(Vec::is_empty)
                .then_some(app)
        })
        .await
    }

    /// The ids of the deployments in progress.
    pub(crate) async fn deployment_ids(&self) -> Vec<String> {
        let answer = self.get("/service/marathon/v2/deployments").await;
        answer.body.as_array().map_or_else(Vec::new, |deployments| {
            deployments
                .iter()
                .filter_map(|deployment| deployment["id"].as_str().map(ToOwned::to_owned))
                .collect()
        })
    }
}

/// A minimal valid Docker app.
pub(crate) fn docker_app(id: &str, image: &str, instances: u64) -> Value {
    json!({
        "id": id,
        "instances": instances,
        "cpus": 0.1,
        "mem": 64,
        "container": { "type": "DOCKER", "docker": { "image": image } },
        "labels": { "owner": "team-a" },
    })
}

/// The same app with one HTTP health check.
pub(crate) fn checked_app(id: &str, image: &str, instances: u64) -> Value {
    let mut app = docker_app(id, image, instances);
    app["healthChecks"] = json!([{ "protocol": "HTTP", "path": "/health", "portIndex": 0 }]);
    app
}
