//! Plain HTTP(S) GETs for the expression URL helpers (`#fromUrl` and siblings), bounded in
//! time and size. Which URLs may be fetched is decided before this is called (by `expr`);
//! redirects are not followed so a permitted host cannot hand the request to a refused one, and
//! a host name that resolves to a loopback or link-local address is refused as Orca's URL
//! restrictions refuse it (unless the host is explicitly allowed).

use std::io::Read;
use std::net::{IpAddr, ToSocketAddrs};
use std::time::Duration;

/// Fetches URL bodies as text.
#[derive(Debug)]
pub(crate) struct UrlFetch {
    client: Option<reqwest::blocking::Client>,
    max_bytes: u64,
    build_error: Option<String>,
    allowed_hosts: Vec<String>,
}

impl UrlFetch {
    /// A fetcher giving up after `timeout` and refusing bodies larger than `max_bytes`; hosts in
    /// `allowed_hosts` may resolve to local addresses.
    pub(crate) fn new(timeout: Duration, max_bytes: u64, allowed_hosts: Vec<String>) -> Self {
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
                allowed_hosts,
            },
            Err(error) => Self {
                client: None,
                max_bytes,
                build_error: Some(error.to_string()),
                allowed_hosts,
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
        self.check_resolved(url)?;
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

    /// Refuses a host whose addresses include a loopback, link-local or unspecified one.
    fn check_resolved(&self, url: &str) -> Result<(), String> {
        let parsed = reqwest::Url::parse(url).map_err(|error| format!("Invalid URL: {error}"))?;
        let host = parsed
            .host_str()
            .unwrap_or_default()
            .trim_matches(['[', ']'])
            .to_ascii_lowercase();
        if self
            .allowed_hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(&host))
        {
            return Ok(());
        }
        let port = parsed.port_or_known_default().unwrap_or(80);
        let addresses = (host.as_str(), port)
            .to_socket_addrs()
            .map_err(|error| format!("cannot resolve {host}: {error}"))?;
        for address in addresses {
            if is_local(address.ip()) {
                return Err(format!(
                    "URL is not allowed: {host} resolves to the local address {}",
                    address.ip()
                ));
            }
        }
        Ok(())
    }
}

fn is_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_link_local() || v4.is_unspecified(),
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unspecified()
                || (v6.segments()[0] & 0xffc0) == 0xfe80
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| v4.is_loopback() || v4.is_link_local())
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::UrlFetch;

    #[test]
    fn local_addresses_are_refused_unless_allowed() {
        let refusing = UrlFetch::new(Duration::from_secs(1), 1024, Vec::new());
        let error = refusing
            .get_text("http://127.0.0.1:9/x")
            .expect_err("refused");
        assert!(
            error.contains("resolves to the local address 127.0.0.1"),
            "{error}"
        );
        let error = refusing.get_text("http://[::1]:9/x").expect_err("refused");
        assert!(error.contains("local address ::1"), "{error}");
        let allowing = UrlFetch::new(Duration::from_secs(1), 1024, vec!["127.0.0.1".into()]);
        let error = allowing
            .get_text("http://127.0.0.1:9/x")
            .expect_err("nothing listens on port 9");
        assert!(!error.contains("local address"), "{error}");
    }

    #[test]
    fn invalid_urls_are_refused() {
        let fetch = UrlFetch::new(Duration::from_secs(1), 1024, Vec::new());
        let error = fetch.get_text("not a url").expect_err("invalid");
        assert!(error.starts_with("Invalid URL"), "{error}");
    }
}
