//! Query parameters of v3 list endpoints: `page`, `per_page`, `order_by`, `label_selector`
//! and each endpoint's filters (`names`, `space_guids`, …; comma-separated values are OR,
//! different filters AND). Unknown parameters are refused with 400, as the Cloud Controller does.

use serde_json::Value;

use super::error::ApiError;

/// Default and ceiling of `per_page` (concepts/_pagination).
pub(crate) const DEFAULT_PER_PAGE: usize = 50;
pub(crate) const MAX_PER_PAGE: usize = 5000;

/// A filter answered by comparing a field of the rendered resource.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Filter {
    pub(crate) param: &'static str,
    /// JSON pointer into the rendered resource, e.g. `/relationships/space/data/guid`.
    pub(crate) pointer: &'static str,
}

pub(crate) const fn filter(param: &'static str, pointer: &'static str) -> Filter {
    Filter { param, pointer }
}

/// The parsed query of one list request.
#[derive(Clone, Debug)]
pub(crate) struct ListQuery {
    pub(crate) page: usize,
    pub(crate) per_page: usize,
    order_by: String,
    label_selector: Option<String>,
    params: Vec<(String, String)>,
}

impl ListQuery {
    /// Parses `raw`, accepting the generic `filters`, endpoint-specific `extra` parameters and
    /// `order_by` over `order_fields`.
    pub(crate) fn parse(
        raw: &[(String, String)],
        filters: &[Filter],
        extra: &[&str],
        order_fields: &[&str],
    ) -> Result<Self, ApiError> {
        let mut known: Vec<&str> = vec!["page", "per_page", "order_by", "label_selector", "guids"];
        known.extend(filters.iter().map(|filter| filter.param));
        known.extend(extra);
        let unknown: Vec<String> = raw
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .map(|(key, _)| format!("'{key}'"))
            .collect();
        if !unknown.is_empty() {
            let valid: Vec<String> = known.iter().map(|key| format!("'{key}'")).collect();
            return Err(ApiError::bad_query(format!(
                "The query parameter is invalid: Unknown query parameter(s): {}. Valid parameters are: {}",
                unknown.join(", "),
                valid.join(", ")
            )));
        }
        let lookup = |key: &str| {
            raw.iter()
                .rev()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.as_str())
        };
        let page = match lookup("page") {
            None => 1,
            Some(text) => match text.parse::<usize>() {
                Ok(page) if page >= 1 => page,
                Ok(_) => {
                    return Err(ApiError::bad_query(
                        "The query parameter is invalid: Page must be greater than 0",
                    ));
                }
                Err(_) => {
                    return Err(ApiError::bad_query(
                        "The query parameter is invalid: Page must be an integer",
                    ));
                }
            },
        };
        let per_page = match lookup("per_page") {
            None => DEFAULT_PER_PAGE,
            Some(text) => match text.parse::<usize>() {
                Ok(per_page) if (1..=MAX_PER_PAGE).contains(&per_page) => per_page,
                Ok(_) => {
                    return Err(ApiError::bad_query(
                        "The query parameter is invalid: Per page must be between 1 and 5000",
                    ));
                }
                Err(_) => {
                    return Err(ApiError::bad_query(
                        "The query parameter is invalid: Per page must be an integer",
                    ));
                }
            },
        };
        let order_by = lookup("order_by").unwrap_or("created_at").to_owned();
        let field = order_by.trim_start_matches(['-', '+']);
        let mut allowed_orders = vec!["created_at", "updated_at"];
        allowed_orders.extend(order_fields);
        if !allowed_orders.contains(&field) {
            let valid: Vec<String> = allowed_orders
                .iter()
                .map(|key| format!("'{key}'"))
                .collect();
            return Err(ApiError::bad_query(format!(
                "The query parameter is invalid: Order by can only be: {}",
                valid.join(", ")
            )));
        }
        Ok(Self {
            page,
            per_page,
            order_by,
            label_selector: lookup("label_selector").map(str::to_owned),
            params: raw.to_vec(),
        })
    }

    /// The comma-separated values of a filter, if given. `hosts=` means the single value "".
    pub(crate) fn values(&self, param: &str) -> Option<Vec<String>> {
        self.params
            .iter()
            .rev()
            .find(|(name, _)| name == param)
            .map(|(_, value)| value.split(',').map(str::to_owned).collect())
    }

    /// Parameters other than paging, for building the pagination links.
    pub(crate) fn non_paging_params(&self) -> impl Iterator<Item = &(String, String)> {
        self.params
            .iter()
            .filter(|(name, _)| name != "page" && name != "per_page")
    }

    /// Applies `guids`, the generic filters, the label selector and the ordering.
    pub(crate) fn apply(
        &self,
        items: Vec<Value>,
        filters: &[Filter],
    ) -> Result<Vec<Value>, ApiError> {
        let mut checks: Vec<(&str, Vec<String>)> = Vec::new();
        if let Some(guids) = self.values("guids") {
            checks.push(("/guid", guids));
        }
        for filter in filters {
            if let Some(values) = self.values(filter.param) {
                checks.push((filter.pointer, values));
            }
        }
        let selector = match &self.label_selector {
            Some(text) => super::label_selector::LabelSelector::parse(text)?,
            None => super::label_selector::LabelSelector::default(),
        };
        let mut kept: Vec<Value> = items
            .into_iter()
            .filter(|item| {
                checks.iter().all(|(pointer, values)| {
                    let field = item.pointer(pointer);
                    values.iter().any(|wanted| match field {
                        Some(Value::String(text)) => text == wanted,
                        Some(Value::Null) | None => wanted.is_empty(),
                        Some(Value::Number(number)) => number.to_string() == *wanted,
                        Some(Value::Bool(flag)) => wanted == if *flag { "true" } else { "false" },
                        Some(_) => false,
                    })
                })
            })
            .filter(|item| selector.matches(item.pointer("/metadata/labels")))
            .collect();
        let descending = self.order_by.starts_with('-');
        let field = self.order_by.trim_start_matches(['-', '+']).to_owned();
        // Stable sort: equal timestamps (second precision) keep creation order.
        kept.sort_by(|left, right| {
            let ordering = sort_key(left, &field).cmp(&sort_key(right, &field));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
        Ok(kept)
    }
}

fn sort_key(item: &Value, field: &str) -> String {
    item.get(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}
