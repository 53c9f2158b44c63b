//! Reading a cloud stage's context as Orca does: its account (`account` or `credentials`), the
//! provider of that account (checked against the stage's `cloudProvider`), its regions, its
//! cluster, capacities, and the loose numbers and flags pipelines write (`"3"`, `"true"`).

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::providers::cloud::CloudProvider;
use crate::providers::model::Capacity;
use crate::providers::naming::{self, Moniker};
use crate::stages::cloud::CloudSettings;

/// The stage's account: `account`, else `credentials`; both given must agree.
pub(crate) fn account(context: &Map<String, Value>) -> Result<String, String> {
    let named = |key: &str| {
        context
            .get(key)
            .and_then(Value::as_str)
            .filter(|name| !name.is_empty())
    };
    match (named("account"), named("credentials")) {
        (Some(account), Some(credentials)) if account != credentials => Err(format!(
            "the stage's `account` (`{account}`) and `credentials` (`{credentials}`) name different accounts"
        )),
        (Some(name), _) | (None, Some(name)) => Ok(name.to_owned()),
        (None, None) => Err("the stage names no account (`account` or `credentials`)".to_owned()),
    }
}

/// The provider of the stage's account, after checking the stage is meant for its cloud.
pub(crate) async fn provider(
    settings: &CloudSettings,
    context: &Map<String, Value>,
) -> Result<Arc<dyn CloudProvider>, String> {
    let account = account(context)?;
    let provider = settings
        .accounts
        .provider(&account)
        .await
        .map_err(|error| error.message)?;
    let wanted = ["cloudProvider", "cloudProviderType", "providerType"]
        .iter()
        .find_map(|key| context.get(*key).and_then(Value::as_str))
        .filter(|wanted| !wanted.is_empty());
    match wanted {
        Some(wanted) if wanted != provider.cloud_provider() => Err(format!(
            "the stage is for cloud provider `{wanted}`, but account `{account}` is a `{}` account",
            provider.cloud_provider()
        )),
        _ => Ok(provider),
    }
}

/// The regions the stage works in: `regions`, else `region`, else the keys of
/// `availabilityZones`; in order, without repeats.
pub(crate) fn regions(context: &Map<String, Value>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let listed = context.get("regions").and_then(Value::as_array);
    let from_list = listed
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(ToOwned::to_owned);
    found.extend(from_list);
    if found.is_empty()
        && let Some(region) = context.get("region").and_then(Value::as_str)
    {
        found.push(region.to_owned());
    }
    if found.is_empty()
        && let Some(zones) = context.get("availabilityZones").and_then(Value::as_object)
    {
        found.extend(zones.keys().cloned());
    }
    let mut unique = Vec::new();
    for region in found {
        if !region.is_empty() && !unique.contains(&region) {
            unique.push(region);
        }
    }
    unique
}

/// The regions, or an error saying the stage names none.
pub(crate) fn required_regions(context: &Map<String, Value>) -> Result<Vec<String>, String> {
    let regions = regions(context);
    if regions.is_empty() {
        Err("the stage names no region (`regions` or `region`)".to_owned())
    } else {
        Ok(regions)
    }
}

/// The cluster a stage works on: `moniker` (its `cluster`, or its parts), else `cluster`.
pub(crate) fn cluster(context: &Map<String, Value>) -> Result<Moniker, String> {
    let moniker = context.get("moniker").and_then(Value::as_object);
    let text = |map: &Map<String, Value>, key: &str| {
        map.get(key).and_then(Value::as_str).map(ToOwned::to_owned)
    };
    let name = moniker
        .and_then(|moniker| text(moniker, "cluster"))
        .or_else(|| text(context, "cluster"));
    if let Some(name) = name.filter(|name| !name.is_empty()) {
        let mut parsed =
            naming::parse(&name).ok_or_else(|| format!("`{name}` is not a valid cluster name"))?;
        parsed.sequence = None;
        if let Some(app) = moniker.and_then(|moniker| text(moniker, "app")) {
            parsed.app = app;
        }
        return Ok(parsed);
    }
    match moniker.and_then(|moniker| text(moniker, "app")) {
        Some(app) => {
            let moniker = moniker.expect("checked above");
            Ok(Moniker::new(
                &app,
                text(moniker, "stack").as_deref(),
                text(moniker, "detail").as_deref(),
            ))
        }
        None => Err("the stage names no cluster (`cluster` or `moniker`)".to_owned()),
    }
}

/// The whole number at or above `value`, within `0..=u32::MAX` (instance counts from
/// percentages).
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "clamped into the range of u32 first"
)]
pub(crate) fn count_at_least(value: f64) -> u32 {
    value.ceil().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// A whole number, or a string holding one.
pub(crate) fn number(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|n| *n >= 0.0)
                .map(|n| u64::from(count_at_least(n)))
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A number (possibly fractional), or a string holding one.
pub(crate) fn decimal(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A flag: `true`/`false`, or those words as strings; `default` when absent.
pub(crate) fn flag(context: &Map<String, Value>, key: &str, default: bool) -> bool {
    match context.get(key) {
        Some(Value::Bool(value)) => *value,
        Some(Value::String(text)) if text.eq_ignore_ascii_case("true") => true,
        Some(Value::String(text)) if text.eq_ignore_ascii_case("false") => false,
        _ => default,
    }
}

/// A string member, when present and not empty.
pub(crate) fn text<'c>(context: &'c Map<String, Value>, key: &str) -> Option<&'c str> {
    context
        .get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
}

/// A capacity object (`{min, max, desired}`, numbers or numeric strings); members it lacks
/// are taken from `fallback`.
pub(crate) fn capacity(value: Option<&Value>, fallback: Capacity) -> Capacity {
    let object = value.and_then(Value::as_object);
    let member = |key: &str, default: u32| {
        object
            .and_then(|object| number(object.get(key)))
            .map_or(default, |n| u32::try_from(n).unwrap_or(u32::MAX))
    };
    Capacity {
        min: member("min", fallback.min),
        max: member("max", fallback.max),
        desired: member("desired", fallback.desired),
    }
}

/// The capacity as Orca writes it in contexts.
pub(crate) fn capacity_json(capacity: Capacity) -> Value {
    serde_json::json!({"min": capacity.min, "max": capacity.max, "desired": capacity.desired})
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(value: &Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn the_account_comes_from_account_or_credentials_which_must_agree() {
        assert_eq!(account(&map(&json!({"credentials": "a"}))).unwrap(), "a");
        assert_eq!(
            account(&map(&json!({"account": "a", "credentials": "a"}))).unwrap(),
            "a"
        );
        assert!(
            account(&map(&json!({"account": "a", "credentials": "b"})))
                .unwrap_err()
                .contains("different accounts")
        );
        assert!(account(&map(&json!({}))).is_err());
    }

    #[test]
    fn regions_come_from_regions_region_or_availability_zones() {
        assert_eq!(
            regions(&map(&json!({"regions": ["a", "b", "a"]}))),
            vec!["a", "b"]
        );
        assert_eq!(regions(&map(&json!({"region": "x"}))), vec!["x"]);
        assert_eq!(
            regions(&map(&json!({"availabilityZones": {"z": ["default"]}}))),
            vec!["z"]
        );
    }

    #[test]
    fn the_cluster_comes_from_the_moniker_or_the_cluster_name() {
        let from_name = cluster(&map(&json!({"cluster": "hello-prod-canary"}))).unwrap();
        assert_eq!(from_name.cluster(), "hello-prod-canary");
        let from_parts =
            cluster(&map(&json!({"moniker": {"app": "hello", "stack": "prod"}}))).unwrap();
        assert_eq!(from_parts.cluster(), "hello-prod");
        assert!(cluster(&map(&json!({}))).is_err());
    }

    #[test]
    fn loose_numbers_flags_and_capacities_are_read_as_orca_reads_them() {
        assert_eq!(number(Some(&json!("3"))), Some(3));
        assert_eq!(number(Some(&json!(2))), Some(2));
        assert!(flag(&map(&json!({"x": "true"})), "x", false));
        assert!(flag(&map(&json!({})), "x", true));
        let capacity = capacity(Some(&json!({"desired": "4"})), Capacity::exactly(1));
        assert_eq!(
            capacity,
            Capacity {
                min: 1,
                max: 1,
                desired: 4
            }
        );
    }
}
