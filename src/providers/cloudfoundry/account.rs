//! [`CloudFoundryAccount`]: where a Cloud Foundry foundation is and how to log in to it.

use std::fmt;

use crate::providers::http::TlsOptions;

/// One Cloud Foundry foundation, as configured.
#[derive(Debug, Clone)]
pub(crate) struct CloudFoundryAccount {
    /// The account's name.
    pub(crate) name: String,
    /// The Cloud Controller's URL (`https://api.sys.example.com`); UAA is discovered from it.
    pub(crate) api: String,
    /// How to log in.
    pub(crate) auth: CfAuth,
    /// How to trust the foundation's certificates.
    pub(crate) tls: TlsOptions,
}

/// How to get a UAA token.
#[derive(Clone)]
pub(crate) enum CfAuth {
    /// A user's password grant, with the cf CLI's client (`cf`, empty secret).
    Password {
        /// The user name.
        user: String,
        /// The password.
        password: String,
    },
    /// A client's own `client_credentials` grant.
    Client {
        /// The client id.
        id: String,
        /// The client secret.
        secret: String,
    },
    /// Tokens obtained elsewhere (e.g. `cf oauth-token`); renewed with the refresh token when
    /// there is one.
    Tokens {
        /// The access token.
        access: String,
        /// The refresh token.
        refresh: Option<String>,
    },
}

impl fmt::Debug for CfAuth {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Password { user, .. } => formatter
                .debug_struct("Password")
                .field("user", user)
                .field("password", &"<redacted>")
                .finish(),
            Self::Client { id, .. } => formatter
                .debug_struct("Client")
                .field("id", id)
                .field("secret", &"<redacted>")
                .finish(),
            Self::Tokens { refresh, .. } => formatter
                .debug_struct("Tokens")
                .field("access", &"<redacted>")
                .field("refresh", &refresh.as_ref().map(|_| "<redacted>"))
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_every_secret() {
        let shown = [
            CfAuth::Password {
                user: "admin".into(),
                password: "hunter2".into(),
            },
            CfAuth::Client {
                id: "ci".into(),
                secret: "s3cret".into(),
            },
            CfAuth::Tokens {
                access: "access-jwt".into(),
                refresh: Some("refresh-jwt".into()),
            },
        ]
        .map(|auth| format!("{auth:?}"));
        for text in &shown {
            for secret in ["hunter2", "s3cret", "access-jwt", "refresh-jwt"] {
                assert!(!text.contains(secret), "{text} shows {secret}");
            }
        }
        assert!(shown[0].contains("admin"));
    }
}
