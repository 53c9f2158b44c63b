//! The v3 pagination envelope: `pagination.{total_results,total_pages,first,last,next,previous}`
//! with absolute `href`s carrying the request's own filters, and `resources`.

use std::fmt::Write as _;

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::list_query::ListQuery;

/// Renders one page of `items` (already filtered and ordered) for the list at `endpoint`,
/// an absolute URL such as `http://127.0.0.1:PORT/v3/apps`.
pub(crate) fn page(items: Vec<Value>, query: &ListQuery, endpoint: &str) -> Value {
    let total = items.len();
    let total_pages = total.div_ceil(query.per_page).max(1);
    let link = |page: usize| json!({"href": page_href(endpoint, query, page)});
    let resources: Vec<Value> = items
        .into_iter()
        .skip((query.page - 1).saturating_mul(query.per_page))
        .take(query.per_page)
        .collect();
    json!({
        "pagination": {
            "total_results": total,
            "total_pages": total_pages,
            "first": link(1),
            "last": link(total_pages),
            "next": if query.page < total_pages { link(query.page + 1) } else { Value::Null },
            "previous": if query.page > 1 { link(query.page - 1) } else { Value::Null },
        },
        "resources": resources,
    })
}

pub(crate) fn page_response(items: Vec<Value>, query: &ListQuery, endpoint: &str) -> Response {
    Json(page(items, query, endpoint)).into_response()
}

fn page_href(endpoint: &str, query: &ListQuery, page: usize) -> String {
    let mut href = format!("{endpoint}?page={page}&per_page={}", query.per_page);
    for (name, value) in query.non_paging_params() {
        href.push('&');
        href.push_str(&percent_encode(name));
        href.push('=');
        href.push_str(&percent_encode(value));
    }
    href
}

/// Percent-encodes a query component, keeping unreserved characters and commas readable.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~,".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::cloudfoundry::list_query::filter;

    #[test]
    fn links_are_absolute_and_keep_filters() {
        let raw = vec![
            ("names".to_owned(), "a b".to_owned()),
            ("per_page".to_owned(), "2".to_owned()),
        ];
        let query = ListQuery::parse(&raw, &[filter("names", "/name")], &[], &[]).unwrap();
        let items = vec![json!({"name": "a b"}); 3];
        let body = page(items, &query, "http://127.0.0.1:1/v3/apps");
        assert_eq!(body["pagination"]["total_pages"], 2);
        assert_eq!(
            body["pagination"]["next"]["href"],
            "http://127.0.0.1:1/v3/apps?page=2&per_page=2&names=a%20b"
        );
        assert_eq!(body["pagination"]["previous"], Value::Null);
        assert_eq!(body["resources"].as_array().map(Vec::len), Some(2));
    }
}
