//! [`Query`]: the query string of a request, with repeated parameters kept. Marathon and
//! Metronome document repeated `embed=` parameters while clients such as clouddriver join them
//! with commas; [`Query::list`] accepts both.

/// Decoded query parameters in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses a raw query string (`a=1&b=2&b=3`).
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(name), decode(value))
            })
            .collect();
        Self { pairs }
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of `name`, with comma-joined values split apart.
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .flat_map(|(_, value)| value.split(','))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(ToOwned::to_owned)
            .collect()
    }

    /// A boolean flag: `true`/`false` (any case); absent or unparsable gives `default`.
    pub(crate) fn flag(&self, name: &str, default: bool) -> bool {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            Some("true") => true,
            Some("false") => false,
            _ => default,
        }
    }
}

/// Percent-decoding with `+` as space; invalid escapes are kept as written.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' if index + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).ok();
                match hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        index += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_comma_forms_give_the_same_list() {
        let repeated = Query::parse(Some("embed=app.tasks&embed=app.deployments"));
        let joined = Query::parse(Some("embed=app.tasks%2Capp.deployments"));
        assert_eq!(repeated.list("embed"), joined.list("embed"));
        assert_eq!(repeated.list("embed"), ["app.tasks", "app.deployments"]);
    }

    #[test]
    fn decodes_paths_and_flags() {
        let query = Query::parse(Some("path=%2Fvar%2Flib&force=TRUE&bad=%zz"));
        assert_eq!(query.get("path"), Some("/var/lib"));
        assert!(query.flag("force", false));
        assert!(!query.flag("missing", false));
        assert_eq!(query.get("bad"), Some("%zz"));
    }
}
