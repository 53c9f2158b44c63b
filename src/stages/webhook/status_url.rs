//! Where to poll after the create call (orca `WebhookStatusCheckUrlRetriever`): the webhook's
//! own URL, the `Location` header, or a URL read from the response body with
//! `statusUrlJsonPath`. A status URL on the webhook's host keeps the webhook's scheme; a relative
//! one is resolved against the webhook's URL.

use serde_json::Value;

use super::http::Response;
use super::json_path;
use super::settings::{StatusUrlResolution, WebhookSettings};

/// The status URL, `Ok(None)` when the response does not say one, or why it cannot be read.
pub(super) fn resolve(
    settings: &WebhookSettings,
    webhook_url: &str,
    response: &Response,
) -> Result<Option<String>, String> {
    let found = match settings.status_url_resolution {
        Some(StatusUrlResolution::GetMethod) => Some(webhook_url.to_owned()),
        Some(StatusUrlResolution::LocationHeader) => response
            .headers
            .get("location")
            .and_then(Value::as_str)
            .map(str::to_owned),
        Some(StatusUrlResolution::WebhookResponse) => {
            let path = settings.status_url_json_path.as_deref().ok_or(
                "`statusUrlJsonPath` is required with `statusUrlResolution: webhookResponse`",
            )?;
            let body = response.body.as_ref().unwrap_or(&Value::Null);
            match json_path::read(path, body)? {
                None => return Err(format!("no value at `{path}` in the response body")),
                Some(Value::String(url)) => Some(url),
                Some(Value::Null) => None,
                Some(other) => {
                    return Err(format!(
                        "the value at `{path}` is not a URL string but {other}"
                    ));
                }
            }
        }
        None => {
            return Err(
                "`statusUrlResolution` is required when `waitForCompletion` is true".to_owned(),
            );
        }
    };
    Ok(found
        .filter(|url| !url.trim().is_empty())
        .map(|url| adjust(webhook_url, url.trim())))
}

/// Orca's adjustments of a status URL that differs from the webhook URL.
fn adjust(webhook_url: &str, status_url: &str) -> String {
    if status_url == webhook_url {
        return status_url.to_owned();
    }
    let Ok(webhook) = reqwest::Url::parse(webhook_url) else {
        return status_url.to_owned();
    };
    match reqwest::Url::parse(status_url) {
        Ok(status) => {
            let same_host = status.host_str().is_some() && status.host_str() == webhook.host_str();
            match status_url.split_once("://") {
                Some((_, rest)) if same_host && status.scheme() != webhook.scheme() => {
                    format!("{}://{rest}", webhook.scheme())
                }
                _ => status_url.to_owned(),
            }
        }
        Err(_) => webhook
            .join(status_url)
            .map_or_else(|_| status_url.to_owned(), |joined| joined.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, json};

    use super::*;

    fn settings(resolution: &str, path: Option<&str>) -> WebhookSettings {
        let mut context = json!({"url": "https://ci.example/run", "waitForCompletion": true, "statusUrlResolution": resolution});
        if let Some(path) = path {
            context["statusUrlJsonPath"] = json!(path);
        }
        WebhookSettings::from_context(context.as_object().expect("object")).expect("valid")
    }

    fn response(headers: &Value, body: Option<Value>) -> Response {
        Response {
            status: reqwest::StatusCode::CREATED,
            headers: headers.as_object().cloned().unwrap_or_else(Map::new),
            body,
            retry_after: None,
        }
    }

    #[test]
    fn get_method_polls_the_webhook_url() {
        let resolved = resolve(
            &settings("getMethod", None),
            "https://ci.example/run",
            &response(&json!({}), None),
        );
        assert_eq!(resolved, Ok(Some("https://ci.example/run".to_owned())));
    }

    #[test]
    fn location_headers_are_resolved_against_the_webhook() {
        let settings = settings("locationHeader", None);
        let relative = response(&json!({"location": "/runs/7"}), None);
        assert_eq!(
            resolve(&settings, "https://ci.example/run", &relative),
            Ok(Some("https://ci.example/runs/7".to_owned()))
        );
        let missing = response(&json!({}), None);
        assert_eq!(
            resolve(&settings, "https://ci.example/run", &missing),
            Ok(None)
        );
    }

    #[test]
    fn same_host_keeps_the_webhook_scheme() {
        let settings = settings("locationHeader", None);
        let other_scheme = response(&json!({"location": "http://ci.example/runs/7"}), None);
        assert_eq!(
            resolve(&settings, "https://ci.example/run", &other_scheme),
            Ok(Some("https://ci.example/runs/7".to_owned()))
        );
        let other_host = response(&json!({"location": "http://status.example/7"}), None);
        assert_eq!(
            resolve(&settings, "https://ci.example/run", &other_host),
            Ok(Some("http://status.example/7".to_owned()))
        );
    }

    #[test]
    fn webhook_response_reads_the_body() {
        let settings = settings("webhookResponse", Some("$.links.status"));
        let body = response(
            &json!({}),
            Some(json!({"links": {"status": "https://ci.example/s/1"}})),
        );
        assert_eq!(
            resolve(&settings, "https://ci.example/run", &body),
            Ok(Some("https://ci.example/s/1".to_owned()))
        );
        let wrong = response(&json!({}), Some(json!({"links": {"status": 7}})));
        assert!(resolve(&settings, "https://ci.example/run", &wrong).is_err());
        let absent = response(&json!({}), Some(json!({})));
        assert!(resolve(&settings, "https://ci.example/run", &absent).is_err());
    }
}
