//! The Cloud Foundry half of a rehearsal's set-up: the `org > space` regions a pipeline names are
//! created in the sandbox foundation when it lacks them, through its v3 API as the sandbox admin.

use anyhow::Context as _;
use serde_json::{Value, json};

use crate::commands::sandbox::SandboxEndpoints;

/// Creates every `org > space` of `regions`, and every domain of `routes`
/// (`host.domain[/path]`), that the sandbox foundation does not have yet.
pub(super) async fn ensure_spaces(
    endpoints: &SandboxEndpoints,
    regions: &[String],
    routes: &[String],
) -> anyhow::Result<()> {
    if regions.is_empty() {
        return Ok(());
    }
    let http = reqwest::Client::new();
    let token = admin_token(&http, &endpoints.cloudfoundry_uaa).await?;
    let api = endpoints.cloudfoundry_api.trim_end_matches('/');
    for route in routes {
        let host_and_domain = route.split(['/', ':']).next().unwrap_or_default();
        let Some((_, domain)) = host_and_domain.split_once('.') else {
            continue;
        };
        let domains = query(&format!("{api}/v3/domains"), &[("names", domain)])?;
        if find(&http, &token, &domains).await?.is_none() {
            create(
                &http,
                &token,
                &format!("{api}/v3/domains"),
                &json!({"name": domain}),
            )
            .await?;
        }
    }
    for region in regions {
        let Some((organization, space)) = region.split_once('>') else {
            anyhow::bail!("`{region}` is not a Cloud Foundry region (`org > space`)");
        };
        let (organization, space) = (organization.trim(), space.trim());
        let organizations = query(
            &format!("{api}/v3/organizations"),
            &[("names", organization)],
        )?;
        let organization_guid = match find(&http, &token, &organizations).await? {
            Some(guid) => guid,
            None => {
                create(
                    &http,
                    &token,
                    &format!("{api}/v3/organizations"),
                    &json!({"name": organization}),
                )
                .await?
            }
        };
        let spaces = query(
            &format!("{api}/v3/spaces"),
            &[("names", space), ("organization_guids", &organization_guid)],
        )?;
        if find(&http, &token, &spaces).await?.is_none() {
            let body = json!({"name": space, "relationships": {"organization": {"data": {"guid": organization_guid}}}});
            create(&http, &token, &format!("{api}/v3/spaces"), &body).await?;
        }
    }
    Ok(())
}

fn query(base: &str, parameters: &[(&str, &str)]) -> anyhow::Result<String> {
    Ok(reqwest::Url::parse_with_params(base, parameters)
        .with_context(|| format!("`{base}` is not a URL"))?
        .to_string())
}

/// The sandbox admin's token (password grant, client `cf`), as the cf CLI logs in.
async fn admin_token(http: &reqwest::Client, uaa: &str) -> anyhow::Result<String> {
    let answer: Value = http
        .post(format!("{}/oauth/token", uaa.trim_end_matches('/')))
        .basic_auth("cf", Some(""))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=password&username=admin&password=admin")
        .send()
        .await
        .context("cannot reach the sandbox UAA")?
        .error_for_status()
        .context("the sandbox UAA refused the admin login")?
        .json_or_text()
        .await?;
    answer["access_token"]
        .as_str()
        .map(str::to_owned)
        .context("the sandbox UAA answered no access token")
}

async fn find(http: &reqwest::Client, token: &str, url: &str) -> anyhow::Result<Option<String>> {
    let answer = http
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .with_context(|| format!("GET {url}"))?
        .error_for_status()
        .with_context(|| format!("GET {url}"))?
        .json_or_text()
        .await?;
    Ok(answer["resources"][0]["guid"].as_str().map(str::to_owned))
}

async fn create(
    http: &reqwest::Client,
    token: &str,
    url: &str,
    body: &Value,
) -> anyhow::Result<String> {
    let answer = http
        .post(url)
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .with_context(|| format!("POST {url}"))?
        .error_for_status()
        .with_context(|| format!("POST {url}"))?
        .json_or_text()
        .await?;
    answer["guid"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("POST {url} answered no guid"))
}

/// Reads a body as JSON without reqwest's `json` feature.
trait JsonOrText {
    async fn json_or_text(self) -> anyhow::Result<Value>;
}

impl JsonOrText for reqwest::Response {
    async fn json_or_text(self) -> anyhow::Result<Value> {
        let text = self.text().await.context("reading the sandbox's answer")?;
        Ok(serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }
}
