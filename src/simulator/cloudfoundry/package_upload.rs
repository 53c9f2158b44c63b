//! `POST /v3/packages/:guid/upload`: multipart/form-data with a `bits` part (a zip archive)
//! and/or a `resources` part (JSON list of already-cached files, as the cf CLI sends after
//! `resource_matches`). The package moves to `PROCESSING_UPLOAD`; a part that is not a zip
//! archive makes processing end FAILED.

use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::packages::PackageState;
use super::shared::Ctx;

/// Zip archives start with a local file header, or an end-of-directory record when empty.
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

pub(crate) async fn upload(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let mut multipart =
        multipart.map_err(|rejection| ApiError::message_parse(rejection.body_text()))?;
    let mut bits: Option<Vec<u8>> = None;
    let mut resources: Option<Value> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|error| ApiError::message_parse(error.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|error| ApiError::message_parse(error.body_text()))?;
        match name.as_str() {
            "bits" => bits = Some(bytes.to_vec()),
            "resources" => {
                let parsed: Value =
                    serde_json::from_slice(&bytes).map_err(ApiError::message_parse)?;
                if !parsed.is_array() {
                    return Err(ApiError::unprocessable("Resources must be an array"));
                }
                resources = Some(parsed);
            }
            _ => {}
        }
    }
    if bits.is_none() && resources.is_none() {
        return Err(ApiError::unprocessable(
            "Upload must include either resources or bits",
        ));
    }
    let (mut world, now) = ctx.settled();
    let package = world.package_mut(&guid)?;
    if package.kind != "bits" {
        return Err(ApiError::unprocessable("Package type must be bits."));
    }
    if package.state != PackageState::AwaitingUpload {
        return Err(ApiError::unprocessable(
            "Package must be in AWAITING_UPLOAD state to upload bits.",
        ));
    }
    let archive = bits.unwrap_or_default();
    package.upload_error = if archive.is_empty() || is_zip(&archive) {
        None
    } else {
        Some("Package upload failed: the bits are not a valid zip archive".to_owned())
    };
    package.checksum = Some(format!("{:x}", Sha256::digest(&archive)));
    package.state = PackageState::ProcessingUpload;
    package.processed_at = Some(now.saturating_add(ctx.timing.upload_processing_ms));
    package.updated_at = now;
    Ok(Json(package.to_json(&ctx.api_url)).into_response())
}

#[cfg(test)]
mod tests {
    use super::is_zip;

    #[test]
    fn recognises_zip_signatures() {
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(is_zip(b"PK\x05\x06"));
        assert!(!is_zip(b"plain text"));
    }
}
