//! DC/OS authentication in the simulator: ACS login by password and by service-account RS256
//! token, `Authorization: token=…`, and the 401 answers.

use gennaker::testing::ClusterOptions;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_dcos_support::Sim;

const LOGIN: &str = "/acs/api/v1/auth/login";
const PRIVATE_KEY: &str = include_str!("fixtures/service-account.key.pem");
const PUBLIC_KEY: &str = include_str!("fixtures/service-account.pub.pem");

async fn secured() -> Sim {
    Sim::with(
        ClusterOptions::new("us-east-1")
            .require_auth(true)
            .user("alice", "s3cret")
            .service_account("spinnaker", PUBLIC_KEY),
    )
    .await
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn service_login_token(claims: &Value) -> String {
    let key = EncodingKey::from_rsa_pem(PRIVATE_KEY.as_bytes()).unwrap();
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), claims, &key).unwrap()
}

/// The claims of a token, read without checking its signature (as a client does for `exp`).
fn claims(token: &str) -> Value {
    jsonwebtoken::dangerous::insecure_decode_claims(token).unwrap()
}

#[tokio::test]
async fn a_secured_cluster_refuses_requests_without_a_valid_token() {
    let sim = secured().await;
    let missing = sim.get("/service/marathon/v2/apps").await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(missing.header("WWW-Authenticate"), Some("acsjwt"));
    assert_eq!(missing.body["code"], "ERR_MISSING_AUTH_TOKEN");
    assert!(missing.body["title"].is_string() && missing.body["description"].is_string());

    let mut forged = secured().await;
    forged.token = Some("not-a-jwt".to_owned());
    let invalid = forged.get("/service/metronome/v1/jobs").await;
    assert_eq!(invalid.status, StatusCode::UNAUTHORIZED);
    assert_eq!(invalid.body["code"], "ERR_INVALID_AUTH_TOKEN");
    assert_eq!(
        sim.get("/mesos/state.json").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_user_logs_in_with_a_password_and_uses_the_token() {
    let mut sim = secured().await;
    let login = sim
        .post(LOGIN, json!({ "uid": "alice", "password": "s3cret" }))
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let token = login.body["token"].as_str().unwrap().to_owned();
    let claims = claims(&token);
    assert_eq!(claims["uid"], "alice");
    assert!(
        claims["exp"].as_u64().unwrap() > now_secs() + 24 * 3600,
        "DC/OS tokens last days"
    );

    sim.token = Some(token);
    assert_eq!(
        sim.get("/service/marathon/v2/apps").await.status,
        StatusCode::OK
    );
    assert_eq!(
        sim.get("/service/metronome/v1/jobs").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn wrong_credentials_get_401_and_malformed_logins_400() {
    let sim = secured().await;
    let wrong = sim
        .post(LOGIN, json!({ "uid": "alice", "password": "guess" }))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body["code"], "ERR_INVALID_CREDENTIALS");
    assert_eq!(wrong.header("WWW-Authenticate"), Some("acsjwt"));
    let unknown = sim
        .post(LOGIN, json!({ "uid": "mallory", "password": "s3cret" }))
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let no_secret = sim.post(LOGIN, json!({ "uid": "alice" })).await;
    assert_eq!(no_secret.status, StatusCode::BAD_REQUEST);
    let garbage = sim
        .http
        .post(sim.url(LOGIN))
        .body("uid=alice")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_service_account_logs_in_with_an_rs256_token() {
    let mut sim = secured().await;
    let token = service_login_token(&json!({ "uid": "spinnaker", "exp": now_secs() + 300 }));
    let login = sim
        .post(LOGIN, json!({ "uid": "spinnaker", "token": token }))
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
    sim.token = Some(login.body["token"].as_str().unwrap().to_owned());
    assert_eq!(
        sim.get("/service/marathon/v2/info").await.status,
        StatusCode::OK
    );

    // Some clients (marathon-client) omit `exp`; DC/OS accepts that.
    let without_exp = service_login_token(&json!({ "uid": "spinnaker" }));
    let login = sim
        .post(LOGIN, json!({ "uid": "spinnaker", "token": without_exp }))
        .await;
    assert_eq!(login.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_service_login_tokens_are_refused() {
    let sim = secured().await;
    let expired = service_login_token(&json!({ "uid": "spinnaker", "exp": now_secs() - 60 }));
    let other_uid = service_login_token(&json!({ "uid": "someone", "exp": now_secs() + 300 }));
    let hmac = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &json!({ "uid": "spinnaker" }),
        &EncodingKey::from_secret(b"guess"),
    )
    .unwrap();
    for token in [expired, other_uid, hmac] {
        let login = sim
            .post(LOGIN, json!({ "uid": "spinnaker", "token": token }))
            .await;
        assert_eq!(login.status, StatusCode::UNAUTHORIZED);
        assert_eq!(login.body["code"], "ERR_INVALID_CREDENTIALS");
    }
}

#[tokio::test]
async fn an_open_cluster_needs_no_token_but_still_logs_in() {
    let sim = Sim::instant().await;
    assert_eq!(
        sim.get("/service/marathon/v2/apps").await.status,
        StatusCode::OK
    );
    let login = sim
        .post(
            LOGIN,
            json!({ "uid": "bootstrapuser", "password": "deleteme" }),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
}
