//! What a DC/OS account is made of: its clusters (one per region) and how to log in to them.

use std::fmt;

use crate::providers::http::TlsOptions;

/// A configured DC/OS account.
#[derive(Debug, Clone)]
pub(crate) struct DcosAccount {
    /// The account's name; also the first segment of every Marathon app id it deploys.
    pub(crate) name: String,
    /// The clusters, one per region.
    pub(crate) clusters: Vec<DcosClusterConfig>,
    /// How to log in (the same principal on every cluster).
    pub(crate) auth: DcosAuth,
    /// How to trust the clusters' certificates.
    pub(crate) tls: TlsOptions,
}

/// One DC/OS cluster of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DcosClusterConfig {
    /// The region name, e.g. `us-east-1`.
    pub(crate) name: String,
    /// The admin router's base URL, e.g. `https://dcos.example.com`.
    pub(crate) url: String,
}

/// How to log in to a cluster's ACS.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum DcosAuth {
    /// The cluster needs no login.
    None,
    /// A local user.
    Password {
        /// The user id.
        uid: String,
        /// The password.
        password: String,
    },
    /// A service account that logs in with a token signed by its private key.
    ServiceKey {
        /// The service account id.
        uid: String,
        /// The RSA private key (PKCS#1 or PKCS#8 PEM).
        private_key_pem: String,
    },
    /// An ACS token obtained elsewhere (`dcos auth login`); it cannot be renewed.
    Token(String),
}

impl fmt::Debug for DcosAuth {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::None => formatter.write_str("None"),
            Self::Password { uid, .. } => formatter
                .debug_struct("Password")
                .field("uid", uid)
                .field("password", &"<redacted>")
                .finish(),
            Self::ServiceKey { uid, .. } => formatter
                .debug_struct("ServiceKey")
                .field("uid", uid)
                .field("private_key_pem", &"<redacted>")
                .finish(),
            Self::Token(_) => formatter.write_str("Token(<redacted>)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_secrets() {
        let accounts = [
            DcosAuth::Password {
                uid: "admin".to_owned(),
                password: "hunter2".to_owned(),
            },
            DcosAuth::ServiceKey {
                uid: "spinnaker".to_owned(),
                private_key_pem: "-----BEGIN PRIVATE KEY-----abc".to_owned(),
            },
            DcosAuth::Token("eyJsecret".to_owned()),
        ];
        for auth in accounts {
            let text = format!("{auth:?}");
            assert!(!text.contains("hunter2"), "{text}");
            assert!(!text.contains("BEGIN"), "{text}");
            assert!(!text.contains("eyJsecret"), "{text}");
            assert!(text.contains("redacted"), "{text}");
        }
        assert_eq!(format!("{:?}", DcosAuth::None), "None");
    }
}
