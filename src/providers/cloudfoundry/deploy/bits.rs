//! Application bits for a `bits` package: read from a zip or jar file, or downloaded, and
//! wrapped in the `multipart/form-data` body `POST /v3/packages/:guid/upload` takes (one `bits`
//! part; no resource matching, so every upload sends the whole archive).

use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};

/// Archives larger than this are refused rather than held in memory.
const MAX_BITS: usize = 1024 * 1024 * 1024;

/// The bytes of a zip (or jar) at `source`: a file path, or an http(s) URL fetched with
/// `http` (the archive is binary, so it is read raw, not through the JSON client).
pub(crate) async fn fetch(http: &reqwest::Client, source: &str) -> ProviderResult<Vec<u8>> {
    let bytes = if source.starts_with("http://") || source.starts_with("https://") {
        let response = http.get(source).send().await.map_err(|error| {
            ProviderError::new(
                ErrorKind::Unreachable,
                format!("downloading {source}: {error}"),
            )
        })?;
        if !response.status().is_success() {
            return Err(ProviderError::invalid(format!(
                "downloading {source}: HTTP {}",
                response.status()
            )));
        }
        response
            .bytes()
            .await
            .map_err(|error| {
                ProviderError::new(
                    ErrorKind::Unreachable,
                    format!("downloading {source}: {error}"),
                )
            })?
            .to_vec()
    } else {
        let path = source.strip_prefix("file://").unwrap_or(source).to_owned();
        tokio::task::spawn_blocking(move || std::fs::read(&path))
            .await
            .map_err(|error| ProviderError::invalid(format!("reading {source}: {error}")))?
            .map_err(|error| ProviderError::invalid(format!("cannot read `{source}`: {error}")))?
    };
    if bytes.len() > MAX_BITS {
        return Err(ProviderError::invalid(format!(
            "`{source}` is larger than {MAX_BITS} bytes"
        )));
    }
    if !bytes.starts_with(b"PK") {
        return Err(ProviderError::invalid(format!(
            "`{source}` is not a zip or jar archive (zip a directory before deploying it)"
        )));
    }
    Ok(bytes)
}

/// A multipart body with one `bits` file part; returns the body and its content type.
pub(crate) fn multipart(bits: &[u8]) -> (Vec<u8>, String) {
    let boundary = format!(
        "gennaker-{:016x}{:016x}",
        fastrand::u64(..),
        fastrand::u64(..)
    );
    let mut body = Vec::with_capacity(bits.len() + 256);
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"bits\"; \
             filename=\"application.zip\"\r\nContent-Type: application/zip\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bits);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={boundary}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_has_one_bits_part() {
        let (body, content_type) = multipart(b"PK\x03\x04zip");
        let boundary = content_type.split("boundary=").nth(1).unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.contains("name=\"bits\""));
        assert!(text.contains("PK\u{3}\u{4}zip\r\n"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
    }

    #[tokio::test]
    async fn files_must_be_archives() {
        let dir = tempfile::tempdir().unwrap();
        let zip = dir.path().join("app.zip");
        std::fs::write(&zip, b"PK\x03\x04rest").unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, b"hello").unwrap();
        let http = reqwest::Client::new();
        assert_eq!(
            fetch(&http, zip.to_str().unwrap()).await.unwrap(),
            b"PK\x03\x04rest"
        );
        assert!(fetch(&http, text.to_str().unwrap()).await.is_err());
        assert!(fetch(&http, "/no/such/file.zip").await.is_err());
    }
}
