//! `application/x-www-form-urlencoded` bodies and HTTP Basic credentials, decoded by hand so
//! that malformed input yields UAA's own error bodies rather than a framework rejection.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Decodes `a=1&b=two+words` into ordered pairs; undecodable escapes are kept literally.
pub(crate) fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

pub(crate) fn field<'a>(form: &'a [(String, String)], key: &str) -> Option<&'a str> {
    form.iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(index + 1).copied().and_then(hex_digit),
                bytes.get(index + 2).copied().and_then(hex_digit),
            ) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    index += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_digit(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|digit| u8::try_from(digit).ok())
}

/// Splits `Authorization: Basic base64(id:secret)`; `None` if absent or malformed.
pub(crate) fn basic_credentials(header: Option<&str>) -> Option<(String, String)> {
    let encoded = header?
        .strip_prefix("Basic ")
        .or_else(|| header?.strip_prefix("basic "))?;
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms_and_basic_auth() {
        let form = parse_form(b"grant_type=password&username=a%40b.c&password=p+w%");
        assert_eq!(field(&form, "username"), Some("a@b.c"));
        assert_eq!(field(&form, "password"), Some("p w%"));
        assert_eq!(
            basic_credentials(Some("Basic Y2Y6")),
            Some(("cf".to_owned(), String::new()))
        );
        assert_eq!(basic_credentials(Some("Bearer x")), None);
    }
}
