//! Plain HTTP(S) GETs for the expression URL helpers (`#fromUrl` and siblings), bounded in
//! time and size. Which URLs may be fetched is decided before this is called (by `expr`);
//! redirects are not followed so a permitted host cannot hand the request to a refused one.

use std::io::Read;
use std::time::Duration;

/// Fetches URL bodies as text.
#[derive(Debug)]
pub(crate) struct UrlFetch {
    client: Option<reqwest::blocking::Client>,
    max_bytes: u64,
    build_error: Option<String>,
}

impl UrlFetch {
    /// A fetcher giving up after `timeout` and refusing bodies larger than `max_bytes`.
    pub(crate) fn new(timeout: Duration, max_bytes: u64) -> Self {
        let built = reqwest::blocking::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("gennaker/", env!("CARGO_PKG_VERSION")))
            .build();
        match built {
            Ok(client) => Self {
                client: Some(client),
                max_bytes,
                build_error: None,
            },
            Err(error) => Self {
                client: None,
                max_bytes,
                build_error: Some(error.to_string()),
            },
        }
    }

    /// GETs `url` and returns the body as text (invalid UTF-8 is replaced).
    pub(crate) fn get_text(&self, url: &str) -> Result<String, String> {
        let Some(client) = &self.client else {
            return Err(self
                .build_error
                .clone()
                .unwrap_or_else(|| "no HTTP client".to_owned()));
        };
        let response = client.get(url).send().map_err(|error| error.to_string())?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("{url} answered HTTP {status}"));
        }
        let mut body = Vec::new();
        response
            .take(self.max_bytes + 1)
            .read_to_end(&mut body)
            .map_err(|error| error.to_string())?;
        if body.len() as u64 > self.max_bytes {
            return Err(format!("{url} sent more than {} bytes", self.max_bytes));
        }
        Ok(String::from_utf8_lossy(&body).into_owned())
    }
}
