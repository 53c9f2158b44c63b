//! UAA token grants and how the Cloud Controller treats the tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use gennaker::testing_cf::{CloudFoundryConfig, Timing};
use reqwest::StatusCode;
use serde_json::Value;

use crate::sim_cf_support::Cf;

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("a JWT payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64url"))
        .expect("JSON claims")
}

#[tokio::test]
async fn password_grant_with_basic_auth_returns_a_bearer_token_and_refresh_token() {
    let cf = Cf::start().await;
    let token = cf.login("admin", "admin").await;
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["expires_in"], 43199);
    assert!(token["refresh_token"].is_string());
    assert!(
        token["scope"]
            .as_str()
            .unwrap()
            .contains("cloud_controller.admin")
    );
    let claims = claims(token["access_token"].as_str().unwrap());
    assert_eq!(claims["user_name"], "admin");
    assert_eq!(claims["cid"], "cf");
    assert!(claims["exp"].as_u64().unwrap() > claims["iat"].as_u64().unwrap());
}

#[tokio::test]
async fn password_grant_accepts_client_credentials_as_form_fields() {
    let cf = Cf::start().await;
    let reply = cf
        .uaa_token(
            &[
                ("grant_type", "password"),
                ("username", "admin"),
                ("password", "admin"),
                ("client_id", "cf"),
                ("client_secret", ""),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body["access_token"].is_string());
}

#[tokio::test]
async fn wrong_passwords_and_unknown_clients_get_401_bad_credentials() {
    let cf = Cf::start().await;
    let wrong = cf
        .uaa_token(
            &[
                ("grant_type", "password"),
                ("username", "admin"),
                ("password", "nope"),
            ],
            Some(("cf", "")),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body["error"], "unauthorized");
    assert_eq!(wrong.body["error_description"], "Bad credentials");
    let client = cf
        .uaa_token(
            &[("grant_type", "client_credentials")],
            Some(("gennaker", "wrong")),
        )
        .await;
    assert_eq!(client.status, StatusCode::UNAUTHORIZED);
    let anonymous = cf.uaa_token(&[("grant_type", "password")], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unsupported_grants_get_400() {
    let cf = Cf::start().await;
    let reply = cf
        .uaa_token(&[("grant_type", "implicit")], Some(("cf", "")))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn client_credentials_tokens_work_and_carry_no_refresh_token() {
    let cf = Cf::start().await;
    let reply = cf
        .uaa_token(
            &[("grant_type", "client_credentials")],
            Some(("gennaker", "gennaker-secret")),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.get("refresh_token").is_none());
    let token = reply.body["access_token"].as_str().unwrap();
    let orgs = cf
        .http
        .get(cf.url("/v3/organizations"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(orgs.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_client_may_only_use_its_grant_types() {
    let cf = Cf::start().await;
    let reply = cf
        .uaa_token(&[("grant_type", "client_credentials")], Some(("cf", "")))
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body["error"], "invalid_client");
}

#[tokio::test]
async fn requests_without_a_token_get_not_authenticated() {
    let cf = Cf::start().await;
    let reply = cf.http.get(cf.url("/v3/apps")).send().await.unwrap();
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
    let body: Value = reply.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], 10002);
    assert_eq!(body["errors"][0]["title"], "CF-NotAuthenticated");
}

#[tokio::test]
async fn unknown_tokens_get_invalid_auth_token() {
    let cf = Cf::start().await;
    let reply = cf
        .http
        .get(cf.url("/v3/apps"))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
    let body: Value = reply.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], 1000);
    assert_eq!(body["errors"][0]["title"], "CF-InvalidAuthToken");
}

#[tokio::test]
async fn expired_tokens_are_refused_until_refreshed() {
    let config = CloudFoundryConfig {
        timing: Timing {
            access_token_validity_ms: 60_000,
            refresh_token_validity_ms: 600_000,
            ..Timing::default()
        },
        ..CloudFoundryConfig::manual_clock()
    };
    let mut cf = Cf::start_with(config).await;
    let login = cf.login("admin", "admin").await;
    assert_eq!(login["expires_in"], 60);
    cf.token = login["access_token"].as_str().unwrap().to_owned();
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::OK);

    cf.advance(60_000);
    let expired = cf.get("/v3/apps").await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.error(), (1000, "CF-InvalidAuthToken".to_owned()));

    let refresh = login["refresh_token"].as_str().unwrap();
    let refreshed = cf
        .uaa_token(
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
            Some(("cf", "")),
        )
        .await;
    assert_eq!(refreshed.status, StatusCode::OK);
    cf.token = refreshed.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::OK);
}

#[tokio::test]
async fn expired_or_unknown_refresh_tokens_are_invalid_token() {
    let config = CloudFoundryConfig {
        timing: Timing {
            refresh_token_validity_ms: 1000,
            ..Timing::default()
        },
        ..CloudFoundryConfig::manual_clock()
    };
    let cf = Cf::start_with(config).await;
    let login = cf.login("admin", "admin").await;
    cf.advance(1000);
    let refresh = login["refresh_token"].as_str().unwrap();
    let expired = cf
        .uaa_token(
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
            Some(("cf", "")),
        )
        .await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.body["error"], "invalid_token");
    let unknown = cf
        .uaa_token(
            &[("grant_type", "refresh_token"), ("refresh_token", "bogus")],
            Some(("cf", "")),
        )
        .await;
    assert_eq!(unknown.body["error"], "invalid_token");
}
