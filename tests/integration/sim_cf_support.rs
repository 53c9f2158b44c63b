//! Harness for the Cloud Foundry simulator tests: a simulator on a manual clock, a logged-in
//! HTTP client speaking raw JSON, and the short call sequences many tests share.

use std::time::Duration;

use gennaker::testing_cf::{CloudFoundryConfig, CloudFoundrySimulator};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

/// A response reduced to what tests look at.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Value,
}

impl Reply {
    async fn from(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("response body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Self {
            status,
            headers,
            body,
        }
    }

    /// The single v3 error's `(code, title)`.
    pub(crate) fn error(&self) -> (u64, String) {
        let error = &self.body["errors"][0];
        (
            error["code"].as_u64().unwrap_or_default(),
            error["title"].as_str().unwrap_or_default().to_owned(),
        )
    }

    pub(crate) fn guid(&self) -> String {
        self.body["guid"]
            .as_str()
            .expect("a guid in the body")
            .to_owned()
    }

    pub(crate) fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// A simulator plus a client logged in as the seeded `admin` user.
pub(crate) struct Cf {
    pub(crate) sim: CloudFoundrySimulator,
    pub(crate) http: reqwest::Client,
    pub(crate) token: String,
}

impl Cf {
    /// The sandbox foundation on a manual clock, logged in.
    pub(crate) async fn start() -> Self {
        Self::start_with(CloudFoundryConfig::manual_clock()).await
    }

    pub(crate) async fn start_with(config: CloudFoundryConfig) -> Self {
        let sim = CloudFoundrySimulator::start(&config).expect("simulator starts");
        let http = reqwest::Client::new();
        let mut cf = Self {
            sim,
            http,
            token: String::new(),
        };
        let login = cf.login("admin", "admin").await;
        login["access_token"]
            .as_str()
            .expect("access token")
            .clone_into(&mut cf.token);
        cf
    }

    /// Password grant with the cf CLI's client (`cf:` as Basic auth).
    pub(crate) async fn login(&self, username: &str, password: &str) -> Value {
        let reply = self
            .uaa_token(
                &[
                    ("grant_type", "password"),
                    ("username", username),
                    ("password", password),
                ],
                Some(("cf", "")),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "login failed: {:?}",
            reply.body
        );
        reply.body
    }

    pub(crate) async fn uaa_token(
        &self,
        form: &[(&str, &str)],
        basic: Option<(&str, &str)>,
    ) -> Reply {
        let mut request = self
            .http
            .post(format!("{}/oauth/token", self.sim.uaa_url()))
            .form(form);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        Reply::from(request.send().await.expect("UAA answers")).await
    }

    pub(crate) fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.sim.api_url())
        }
    }

    pub(crate) fn advance(&self, milliseconds: u64) {
        self.sim.advance(Duration::from_millis(milliseconds));
    }

    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self
            .http
            .request(method, self.url(path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        Reply::from(request.send().await.expect("Cloud Controller answers")).await
    }

    pub(crate) async fn get(&self, path: &str) -> Reply {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> Reply {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    pub(crate) async fn patch(&self, path: &str, body: Value) -> Reply {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }

    pub(crate) async fn delete(&self, path: &str) -> Reply {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    /// Resolves `org > space` by name, as clients do.
    pub(crate) async fn space_guid(&self, org: &str, space: &str) -> String {
        let orgs = self.get(&format!("/v3/organizations?names={org}")).await;
        let org_guid = orgs.body["resources"][0]["guid"]
            .as_str()
            .expect("org exists")
            .to_owned();
        let spaces = self
            .get(&format!(
                "/v3/spaces?names={space}&organization_guids={org_guid}"
            ))
            .await;
        spaces.body["resources"][0]["guid"]
            .as_str()
            .expect("space exists")
            .to_owned()
    }

    pub(crate) async fn domain_guid(&self) -> String {
        let domains = self.get("/v3/domains?names=apps.sandbox.local").await;
        domains.body["resources"][0]["guid"]
            .as_str()
            .expect("shared domain")
            .to_owned()
    }

    pub(crate) async fn create_app(&self, name: &str, space: &str, lifecycle: Value) -> String {
        let reply = self
            .post("/v3/apps", json!({"name": name, "relationships": {"space": {"data": {"guid": space}}}, "lifecycle": lifecycle}))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.body);
        reply.guid()
    }

    /// A docker app with a staged droplet made current (steps 6–10 of the docker deploy).
    pub(crate) async fn staged_docker_app(
        &self,
        name: &str,
        space: &str,
        image: &str,
    ) -> (String, String) {
        let app = self
            .create_app(name, space, json!({"type": "docker", "data": {}}))
            .await;
        let package = self
            .post("/v3/packages", json!({"type": "docker", "relationships": {"app": {"data": {"guid": app}}}, "data": {"image": image}}))
            .await
            .guid();
        let build = self
            .post("/v3/builds", json!({"package": {"guid": package}}))
            .await
            .guid();
        self.advance(10_000);
        let staged = self.get(&format!("/v3/builds/{build}")).await;
        assert_eq!(staged.body["state"], "STAGED", "{:?}", staged.body);
        let droplet = staged.body["droplet"]["guid"]
            .as_str()
            .expect("droplet")
            .to_owned();
        let set = self
            .patch(
                &format!("/v3/apps/{app}/relationships/current_droplet"),
                json!({"data": {"guid": droplet}}),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK);
        (app, droplet)
    }

    /// Instance states from `/v3/processes/:guid/stats`.
    pub(crate) async fn instance_states(&self, process: &str) -> Vec<String> {
        let stats = self.get(&format!("/v3/processes/{process}/stats")).await;
        assert_eq!(stats.status, StatusCode::OK, "{:?}", stats.body);
        stats.body["resources"]
            .as_array()
            .expect("stats resources")
            .iter()
            .map(|entry| entry["state"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Follows a job's `Location` until it leaves PROCESSING/POLLING, advancing the clock.
    pub(crate) async fn finish_job(&self, location: &str) -> Value {
        for _ in 0..20 {
            let job = self.get(location).await;
            assert_eq!(job.status, StatusCode::OK, "{:?}", job.body);
            if job.body["state"] == "COMPLETE" || job.body["state"] == "FAILED" {
                return job.body;
            }
            self.advance(1000);
        }
        panic!("job {location} never finished");
    }
}
