//! The Cloud Controller's routes and middleware stack. Requests pass, outermost first:
//! request log → HTTP faults → authentication → rate limit → rejection rewriting → handler.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;
use axum::routing::{get, post};

use super::error::ApiError;
use super::shared::Ctx;
use super::{
    admin, app_actions, apps, auth, builds, deployment_actions, destinations, domains, droplets,
    environment, feature_flags, http_faults, jobs, organizations, package_upload, packages,
    process_instances, process_scale, process_stats, processes, rate_limit, rejections,
    request_log, resource_matches, root, routes, service_bindings, service_catalog,
    service_instances, service_sharing, spaces, tasks,
};

/// Bits uploads can be large; real foundations accept packages of a gigabyte or more.
const MAX_BODY_BYTES: usize = 512 * 1024 * 1024;

#[expect(
    clippy::too_many_lines,
    reason = "the route table reads best as one list"
)]
pub(crate) fn cloud_controller(ctx: Ctx) -> Router {
    let v3 = Router::new()
        .route("/", get(root::global_root))
        .route("/v3", get(root::v3_root))
        .route("/v3/info", get(root::info))
        .route(
            "/v3/organizations",
            get(organizations::list).post(organizations::create),
        )
        .route("/v3/organizations/{guid}", get(organizations::show))
        .route("/v3/spaces", get(spaces::list).post(spaces::create))
        .route("/v3/spaces/{guid}", get(spaces::show))
        .route("/v3/domains", get(domains::list).post(domains::create))
        .route("/v3/domains/{guid}", get(domains::show))
        .route("/v3/apps", get(apps::list).post(apps::create))
        .route(
            "/v3/apps/{guid}",
            get(apps::show).patch(apps::update).delete(apps::delete),
        )
        .route("/v3/apps/{guid}/actions/start", post(app_actions::start))
        .route("/v3/apps/{guid}/actions/stop", post(app_actions::stop))
        .route(
            "/v3/apps/{guid}/actions/restart",
            post(app_actions::restart),
        )
        .route(
            "/v3/apps/{guid}/environment_variables",
            get(environment::show_variables).patch(environment::update_variables),
        )
        .route("/v3/apps/{guid}/env", get(environment::show_env))
        .route("/v3/apps/{guid}/packages", get(packages::list_for_app))
        .route("/v3/apps/{guid}/builds", get(builds::list_for_app))
        .route("/v3/apps/{guid}/droplets", get(droplets::list_for_app))
        .route(
            "/v3/apps/{guid}/droplets/current",
            get(droplets::show_current),
        )
        .route(
            "/v3/apps/{guid}/relationships/current_droplet",
            get(droplets::show_current_relationship).patch(droplets::set_current),
        )
        .route("/v3/apps/{guid}/processes", get(processes::list_for_app))
        .route(
            "/v3/apps/{guid}/processes/{type}",
            get(processes::show_for_app).patch(processes::update_for_app),
        )
        .route(
            "/v3/apps/{guid}/processes/{type}/actions/scale",
            post(process_scale::scale_for_app),
        )
        .route(
            "/v3/apps/{guid}/processes/{type}/stats",
            get(process_stats::show_for_app),
        )
        .route("/v3/apps/{guid}/routes", get(routes::list_for_app))
        .route(
            "/v3/apps/{guid}/tasks",
            get(tasks::list_for_app).post(tasks::create),
        )
        .route("/v3/packages", get(packages::list).post(packages::create))
        .route("/v3/packages/{guid}", get(packages::show))
        .route("/v3/packages/{guid}/upload", post(package_upload::upload))
        .route("/v3/feature_flags", get(feature_flags::list))
        .route("/v3/feature_flags/{name}", get(feature_flags::show))
        .route("/v3/resource_matches", post(resource_matches::create))
        .route("/v3/builds", get(builds::list).post(builds::create))
        .route("/v3/builds/{guid}", get(builds::show))
        .route("/v3/droplets", get(droplets::list).post(droplets::copy))
        .route("/v3/droplets/{guid}", get(droplets::show))
        .route("/v3/processes", get(processes::list))
        .route(
            "/v3/processes/{guid}",
            get(processes::show).patch(processes::update),
        )
        .route(
            "/v3/processes/{guid}/actions/scale",
            post(process_scale::scale),
        )
        .route("/v3/processes/{guid}/stats", get(process_stats::show))
        .route(
            "/v3/processes/{guid}/instances/{index}",
            axum::routing::delete(process_instances::terminate_by_guid),
        )
        .route(
            "/v3/apps/{guid}/processes/{type}/instances/{index}",
            axum::routing::delete(process_instances::terminate_by_type),
        )
        .route("/v3/routes", get(routes::list).post(routes::create))
        .route(
            "/v3/routes/{guid}",
            get(routes::show)
                .patch(routes::update)
                .delete(routes::delete),
        )
        .route(
            "/v3/routes/{guid}/destinations",
            get(destinations::list)
                .post(destinations::add)
                .patch(destinations::replace),
        )
        .route(
            "/v3/routes/{guid}/destinations/{destination}",
            axum::routing::delete(destinations::remove),
        )
        .route(
            "/v3/deployments",
            get(deployment_actions::list).post(deployment_actions::create),
        )
        .route("/v3/deployments/{guid}", get(deployment_actions::show))
        .route(
            "/v3/deployments/{guid}/actions/cancel",
            post(deployment_actions::cancel),
        )
        .route(
            "/v3/deployments/{guid}/actions/continue",
            post(deployment_actions::proceed),
        )
        .route("/v3/tasks", get(tasks::list))
        .route("/v3/tasks/{guid}", get(tasks::show))
        .route("/v3/tasks/{guid}/actions/cancel", post(tasks::cancel))
        .route(
            "/v3/service_offerings",
            get(service_catalog::list_offerings),
        )
        .route(
            "/v3/service_offerings/{guid}",
            get(service_catalog::show_offering),
        )
        .route("/v3/service_plans", get(service_catalog::list_plans))
        .route("/v3/service_plans/{guid}", get(service_catalog::show_plan))
        .route(
            "/v3/service_instances",
            get(service_instances::list).post(service_instances::create),
        )
        .route(
            "/v3/service_instances/{guid}",
            get(service_instances::show)
                .patch(service_instances::update)
                .delete(service_instances::delete),
        )
        .route(
            "/v3/service_instances/{guid}/relationships/shared_spaces",
            get(service_sharing::list_shared_spaces).post(service_sharing::share),
        )
        .route(
            "/v3/service_instances/{guid}/relationships/shared_spaces/{space}",
            axum::routing::delete(service_sharing::unshare),
        )
        .route(
            "/v3/service_instances/{guid}/credentials",
            get(service_sharing::credentials),
        )
        .route(
            "/v3/service_instances/{guid}/parameters",
            get(service_sharing::parameters),
        )
        .route(
            "/v3/service_credential_bindings",
            get(service_bindings::list).post(service_bindings::create),
        )
        .route(
            "/v3/service_credential_bindings/{guid}",
            get(service_bindings::show).delete(service_bindings::delete),
        )
        .route(
            "/v3/service_credential_bindings/{guid}/details",
            get(service_bindings::details),
        )
        .route(
            "/v3/service_credential_bindings/{guid}/parameters",
            get(service_bindings::parameters),
        )
        .route("/v3/jobs/{guid}", get(jobs::show))
        .route("/_simulator/state", get(admin::state))
        .route("/_simulator/overview", get(admin::overview))
        .route("/_simulator/requests", get(admin::requests))
        .route(
            "/_simulator/faults",
            get(admin::faults).put(admin::set_faults),
        )
        .route("/_simulator/clock/advance", post(admin::advance_clock))
        .fallback(|| async { ApiError::unknown_request().into_response() })
        .method_not_allowed_fallback(|| async { ApiError::unknown_request().into_response() });
    v3.layer(axum::middleware::from_fn(
        rejections::as_cloud_controller_errors,
    ))
    .layer(from_fn_with_state(ctx.clone(), rate_limit::limit))
    .layer(from_fn_with_state(ctx.clone(), auth::authenticate))
    .layer(from_fn_with_state(ctx.clone(), http_faults::inject))
    .layer(from_fn_with_state(ctx.clone(), request_log::record_api))
    .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
    .with_state(ctx)
}
