//! `#fromUrl`, `#jsonFromUrl`, `#yamlFromUrl`, `#propertiesFromUrl`: Orca's URL restrictions
//! are checked here; the fetching itself goes through [`crate::expr::UrlFetcher`], which the
//! caller provides (expr does no I/O).

use std::net::IpAddr;

use super::{Failure, HelperResult, kork, text};
use crate::expr::error::EvalResult;
use crate::expr::eval::Machine;
use crate::expr::value::Value;

pub(super) fn call<'a>(
    machine: &Machine<'a, '_>,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<HelperResult<'a>> {
    let url = text(args, 0)?.unwrap_or_else(|| "null".into());
    let fetched = fetch(machine, &url);
    Ok(match name {
        "fromUrl" => fetched.map(Value::string),
        "jsonFromUrl" => fetched.and_then(|body| kork_read(&body, "readJson")),
        "yamlFromUrl" => fetched.and_then(|body| kork_read(&body, "readYaml")),
        _ => fetched
            .map(|body| parse_properties(&body))
            .map_err(|failure| {
                Failure::caused(
                    format!("#propertiesFromUrl({url}) failed"),
                    failure.cause.unwrap_or(failure.message),
                )
            }),
    })
}

fn kork_read<'a>(body: &str, helper: &str) -> HelperResult<'a> {
    match kork::call(helper, &[Value::string(body)]) {
        Ok(result) => result,
        Err(error) => Err(Failure::new(error.message)),
    }
}

/// Checks the URL against Orca's rules, then asks the fetcher.
fn fetch(machine: &Machine<'_, '_>, url: &str) -> Result<String, Failure> {
    let failed = |cause: String| Failure::caused(format!("#from({url}) failed"), cause);
    let options = machine.env.options;
    if !options.url_functions {
        return Err(failed(
            "URL functions are turned off (`--no-url-functions` or `url-functions = false` in [expressions])".into(),
        ));
    }
    check_url(url, &options.allowed_url_hosts).map_err(failed)?;
    let Some(fetcher) = machine.env.fetcher else {
        return Err(failed("no URL fetcher is available here".into()));
    };
    fetcher.fetch(url).map_err(failed)
}

/// Orca's `UserConfiguredUrlRestrictions` defaults: http(s) only; localhost, loopback,
/// link-local and unspecified addresses refused unless the host is explicitly allowed.
pub(crate) fn check_url(url: &str, allowed_hosts: &[String]) -> Result<(), String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("Invalid URL: {url}"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("Scheme {scheme} is not allowed"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let host = host.to_ascii_lowercase();
    if host.is_empty() {
        return Err(format!("Invalid URL: {url}"));
    }
    if allowed_hosts
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(&host))
    {
        return Ok(());
    }
    if host == "localhost" || host.ends_with(".localhost") {
        return Err("URL is not allowed: localhost".into());
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        let refused = match ip {
            IpAddr::V4(v4) => v4.is_loopback() || v4.is_link_local() || v4.is_unspecified(),
            IpAddr::V6(v6) => {
                v6.is_loopback() || v6.is_unspecified() || (v6.segments()[0] & 0xffc0) == 0xfe80
            }
        };
        if refused {
            return Err(format!(
                "URL is not allowed: address {ip} is local or link-local"
            ));
        }
    }
    Ok(())
}

/// `java.util.Properties.load`, simplified: `key=value`, `key: value` or `key value` lines,
/// `#`/`!` comments, backslash line continuations.
fn parse_properties<'a>(body: &str) -> Value<'a> {
    let mut entries: Vec<(String, Value<'a>)> = Vec::new();
    let mut logical = String::new();
    for line in body.lines() {
        let trimmed = line.trim_start();
        if logical.is_empty()
            && (trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('!'))
        {
            continue;
        }
        if let Some(continued) = trimmed.strip_suffix('\\') {
            logical.push_str(continued);
            continue;
        }
        logical.push_str(trimmed);
        let line = std::mem::take(&mut logical);
        let split = line.find(['=', ':', ' ', '\t']).unwrap_or(line.len());
        let key = line[..split].to_owned();
        let value = line[split..]
            .trim_start_matches([' ', '\t'])
            .trim_start_matches(['=', ':'])
            .trim_start()
            .to_owned();
        match entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = Value::string(value),
            None => entries.push((key, Value::string(value))),
        }
    }
    Value::map(entries)
}
