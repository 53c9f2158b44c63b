//! Users, OAuth clients and the tokens UAA has issued; part of the foundation, so tokens
//! survive a snapshot and reload of the sandbox.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::super::clock::Millis;
use super::super::config::{Seed, Timing};
use super::super::guid::GuidSource;
use super::jwt;

const USER_SCOPES: &[&str] = &[
    "openid",
    "cloud_controller.admin",
    "cloud_controller.read",
    "cloud_controller.write",
    "routing.router_groups.read",
    "routing.router_groups.write",
    "scim.read",
    "uaa.user",
    "password.write",
    "doppler.firehose",
    "network.admin",
];
const CLIENT_SCOPES: &[&str] = &[
    "cloud_controller.admin",
    "cloud_controller.read",
    "cloud_controller.write",
    "uaa.none",
];

/// A user who can log in with the password grant.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct User {
    pub(crate) guid: String,
    pub(crate) username: String,
    pub(crate) password: String,
}

/// An OAuth client and the grants it may use.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Client {
    pub(crate) id: String,
    pub(crate) secret: String,
    pub(crate) grant_types: Vec<String>,
}

/// Who a token speaks for: a user (password grant) or a client (`client_credentials`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Principal {
    /// User guid, or client id for client tokens; the key for per-user rate limits.
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) is_user: bool,
}

/// An access token (and refresh token) UAA handed out.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct IssuedToken {
    pub(crate) access_token: String,
    pub(crate) refresh_token: Option<String>,
    pub(crate) principal: Principal,
    pub(crate) client_id: String,
    pub(crate) scope: Vec<String>,
    pub(crate) jti: String,
    pub(crate) access_expires_at: Millis,
    pub(crate) refresh_expires_at: Millis,
}

/// Why a bearer token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenProblem {
    Unknown,
    Expired,
}

/// Everything UAA knows: users, clients and issued tokens.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct TokenStore {
    pub(crate) users: Vec<User>,
    pub(crate) clients: Vec<Client>,
    pub(crate) tokens: Vec<IssuedToken>,
}

/// What issuing a token needs to know besides the principal.
pub(crate) struct Issue<'a> {
    pub(crate) now: Millis,
    pub(crate) timing: &'a Timing,
    pub(crate) guids: &'a GuidSource,
    pub(crate) uaa_url: &'a str,
    pub(crate) grant_type: &'a str,
}

impl TokenStore {
    pub(crate) fn from_seed(seed: &Seed, guids: &GuidSource) -> Self {
        Self {
            users: seed
                .users
                .iter()
                .map(|user| User {
                    guid: guids.next(),
                    username: user.username.clone(),
                    password: user.password.clone(),
                })
                .collect(),
            clients: seed
                .clients
                .iter()
                .map(|client| Client {
                    id: client.id.clone(),
                    secret: client.secret.clone(),
                    grant_types: client.grant_types.clone(),
                })
                .collect(),
            tokens: Vec::new(),
        }
    }

    pub(crate) fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|client| client.id == id)
    }

    pub(crate) fn user(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|user| user.username == username)
    }

    /// Issues an access token (and a refresh token for user grants, as UAA does).
    pub(crate) fn issue(
        &mut self,
        principal: Principal,
        client_id: &str,
        issue: &Issue<'_>,
    ) -> IssuedToken {
        // Forget tokens that can no longer be used at all, so the store stays small.
        self.tokens
            .retain(|token| token.refresh_expires_at.max(token.access_expires_at) > issue.now);
        let scope: Vec<String> = if principal.is_user {
            USER_SCOPES
        } else {
            CLIENT_SCOPES
        }
        .iter()
        .map(|&scope| scope.to_owned())
        .collect();
        let jti = issue.guids.hex(32);
        let access_expires_at = issue
            .now
            .saturating_add(issue.timing.access_token_validity_ms);
        let refresh_expires_at = issue
            .now
            .saturating_add(issue.timing.refresh_token_validity_ms);
        let seconds = |at: Millis| at / 1000;
        let mut claims = json!({
            "jti": jti,
            "sub": principal.id,
            "scope": scope,
            "client_id": client_id,
            "cid": client_id,
            "azp": client_id,
            "grant_type": issue.grant_type,
            "iat": seconds(issue.now),
            "exp": seconds(access_expires_at),
            "iss": format!("{}/oauth/token", issue.uaa_url),
            "zid": "uaa",
            "aud": ["cloud_controller", "openid", client_id],
        });
        if principal.is_user {
            claims["user_id"] = json!(principal.id);
            claims["user_name"] = json!(principal.name);
            claims["origin"] = json!("uaa");
            claims["email"] = json!(principal.name);
        }
        let access_token = jwt::encode(&claims, &issue.guids.hex(64));
        let refresh_token = principal.is_user.then(|| {
            let mut refresh_claims = claims.clone();
            refresh_claims["jti"] = json!(format!("{jti}-r"));
            refresh_claims["exp"] = json!(seconds(refresh_expires_at));
            jwt::encode(&refresh_claims, &issue.guids.hex(64))
        });
        let token = IssuedToken {
            access_token,
            refresh_token,
            principal,
            client_id: client_id.to_owned(),
            scope,
            jti,
            access_expires_at,
            refresh_expires_at,
        };
        self.tokens.push(token.clone());
        token
    }

    /// The principal behind a bearer token that is still valid at `now`.
    pub(crate) fn authenticate(
        &self,
        access_token: &str,
        now: Millis,
    ) -> Result<Principal, TokenProblem> {
        let token = self
            .tokens
            .iter()
            .find(|token| token.access_token == access_token)
            .ok_or(TokenProblem::Unknown)?;
        if now >= token.access_expires_at {
            return Err(TokenProblem::Expired);
        }
        Ok(token.principal.clone())
    }

    pub(crate) fn find_refresh(&self, refresh_token: &str) -> Option<&IssuedToken> {
        self.tokens
            .iter()
            .find(|token| token.refresh_token.as_deref() == Some(refresh_token))
    }
}
