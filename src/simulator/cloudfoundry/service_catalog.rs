//! The simulated broker's catalog: service offerings and their plans, seeded from the config
//! and read-only through `/v3/service_offerings` and `/v3/service_plans`. Every plan is public.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::Metadata;
use super::clock::{Millis, iso8601};
use super::config::ServiceOfferingSeed;
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, allows, respond};
use super::shared::{Ctx, Params};

/// The guid of the one simulated broker all offerings belong to.
const BROKER_GUID: &str = "5a1d0b0c-0000-4000-8000-000000000001";

/// A service the simulated broker offers.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct ServiceOffering {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) shareable: bool,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl ServiceOffering {
    pub(crate) fn new(guid: String, seed: &ServiceOfferingSeed, now: Millis) -> Self {
        Self {
            guid,
            name: seed.name.clone(),
            description: seed.description.clone(),
            shareable: seed.shareable,
            created_at: now,
            updated_at: now,
            metadata: Metadata::default(),
        }
    }

    fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        json!({
            "guid": guid,
            "name": self.name,
            "description": self.description,
            "available": true,
            "tags": [],
            "requires": [],
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "shareable": self.shareable,
            "documentation_url": null,
            "broker_catalog": {
                "id": format!("{}-catalog", self.name),
                "metadata": {},
                "features": {
                    "plan_updateable": true,
                    "bindable": true,
                    "instances_retrievable": false,
                    "bindings_retrievable": false,
                    "allow_context_updates": false,
                },
            },
            "relationships": {"service_broker": {"data": {"guid": BROKER_GUID}}},
            "metadata": self.metadata.to_json(),
            "links": {
                "self": {"href": format!("{base}/v3/service_offerings/{guid}")},
                "service_plans": {"href": format!("{base}/v3/service_plans?service_offering_guids={guid}")},
                "service_broker": {"href": format!("{base}/v3/service_brokers/{BROKER_GUID}")},
            },
        })
    }
}

/// A plan of a service offering.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct ServicePlan {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) offering_guid: String,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl ServicePlan {
    pub(crate) fn new(guid: String, name: &str, offering_guid: &str, now: Millis) -> Self {
        Self {
            guid,
            name: name.to_owned(),
            offering_guid: offering_guid.to_owned(),
            created_at: now,
            updated_at: now,
            metadata: Metadata::default(),
        }
    }

    fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        json!({
            "guid": guid,
            "name": self.name,
            "description": format!("The {} plan", self.name),
            "visibility_type": "public",
            "available": true,
            "free": true,
            "costs": [],
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "maintenance_info": {},
            "broker_catalog": {
                "id": format!("{}-plan", self.name),
                "metadata": {},
                "maximum_polling_duration": null,
                "features": {"bindable": true, "plan_updateable": true},
            },
            "schemas": {
                "service_instance": {"create": {"parameters": {}}, "update": {"parameters": {}}},
                "service_binding": {"create": {"parameters": {}}},
            },
            "relationships": {"service_offering": {"data": {"guid": self.offering_guid}}},
            "metadata": self.metadata.to_json(),
            "links": {
                "self": {"href": format!("{base}/v3/service_plans/{guid}")},
                "service_offering": {"href": format!("{base}/v3/service_offerings/{}", self.offering_guid)},
                "visibility": {"href": format!("{base}/v3/service_plans/{guid}/visibility")},
            },
        })
    }
}

const OFFERINGS: ListSpec = ListSpec {
    filters: &[filter("names", "/name"), filter("available", "/available")],
    extra: &[
        "space_guids",
        "organization_guids",
        "service_broker_guids",
        "service_broker_names",
    ],
    orders: &["name"],
};

pub(crate) async fn list_offerings(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(
        &ctx,
        "/v3/service_offerings",
        &OFFERINGS,
        &params,
        |world, _| {
            Ok(world
                .service_offerings
                .iter()
                .map(|offering| offering.to_json(&ctx.api_url))
                .collect())
        },
    )
}

pub(crate) async fn show_offering(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.service_offering(&guid)?.to_json(&ctx.api_url)).into_response())
}

const PLANS: ListSpec = ListSpec {
    filters: &[
        filter("names", "/name"),
        filter("available", "/available"),
        filter(
            "service_offering_guids",
            "/relationships/service_offering/data/guid",
        ),
    ],
    extra: &[
        "service_offering_names",
        "space_guids",
        "organization_guids",
        "service_broker_guids",
        "service_broker_names",
        "service_instance_guids",
    ],
    orders: &["name"],
};

pub(crate) async fn list_plans(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    respond(
        &ctx,
        "/v3/service_plans",
        &PLANS,
        &params,
        |world, query| {
            let offering_names = query.values("service_offering_names");
            Ok(world
                .service_plans
                .iter()
                .filter(|plan| {
                    let offering = world
                        .service_offering(&plan.offering_guid)
                        .map(|offering| offering.name.as_str())
                        .unwrap_or_default();
                    allows(offering_names.as_ref(), offering)
                })
                .map(|plan| plan.to_json(&ctx.api_url))
                .collect())
        },
    )
}

pub(crate) async fn show_plan(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.service_plan(&guid)?.to_json(&ctx.api_url)).into_response())
}
