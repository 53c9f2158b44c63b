//! The stage types gennaker runs, with the fields each needs, and the Spinnaker stage types it
//! knows of but does not run (yet).
//!
//! A type is listed as supported only when gennaker can really carry it out; anything else is
//! reported by `validate`, so a pipeline never silently skips work it was asked to do.

use crate::pipeline::schema::Shape::{
    self, Any, ArrayOf, Boolean, Integer, MapOf, Number, Object, OneOf,
};
use crate::pipeline::schema::{Field, optional, required};

/// A stage type gennaker runs.
#[derive(Debug)]
pub(crate) struct StageType {
    /// The `type` string.
    pub(crate) name: &'static str,
    /// The context fields specific to this type.
    pub(crate) fields: &'static [Field],
}

const STRING: Shape = Shape::String;

const HTTP_METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
];

/// Fields every stage may carry (Orca's "builtIn" keys plus the failure flags).
pub(crate) const COMMON_FIELDS: &[Field] = &[
    optional(
        "stageEnabled",
        Object(&[optional("type", STRING), optional("expression", STRING)]),
    ),
    optional("failPipeline", Boolean),
    optional("continuePipeline", Boolean),
    optional("completeOtherBranchesThenFail", Boolean),
    optional("failOnFailedExpressions", Boolean),
    optional("markSuccessfulOnTimeout", Boolean),
    optional("stageTimeoutMs", Integer),
    optional("restrictExecutionDuringTimeWindow", Boolean),
    optional(
        "restrictedExecutionWindow",
        Object(&[
            optional(
                "whitelist",
                ArrayOf(&Object(&[
                    required("startHour", Integer),
                    required("startMin", Integer),
                    required("endHour", Integer),
                    required("endMin", Integer),
                ])),
            ),
            optional("days", ArrayOf(&Integer)),
            optional(
                "jitter",
                Object(&[
                    optional("enabled", Boolean),
                    optional("minDelay", Integer),
                    optional("maxDelay", Integer),
                    optional("skipManual", Boolean),
                ]),
            ),
        ]),
    ),
    optional("sendNotifications", Boolean),
    optional("notifications", ArrayOf(&Any)),
    optional("comments", STRING),
];

/// The stage types gennaker runs.
pub(crate) const SUPPORTED: &[StageType] = &[
    StageType {
        name: "wait",
        fields: &[
            optional("waitTime", Number),
            optional("skipRemainingWait", Boolean),
        ],
    },
    StageType {
        name: "manualJudgment",
        fields: &[
            optional("instructions", STRING),
            optional(
                "judgmentInputs",
                ArrayOf(&Object(&[required("value", STRING)])),
            ),
            optional("propagateAuthenticationContext", Boolean),
            optional("selectedStageRoles", ArrayOf(&STRING)),
        ],
    },
    StageType {
        name: "checkPreconditions",
        fields: &[required(
            "preconditions",
            ArrayOf(&Object(&[
                required("type", OneOf(&["expression"])),
                required("context", Object(&[])),
                optional("failPipeline", Boolean),
            ])),
        )],
    },
    StageType {
        name: "evaluateVariables",
        fields: &[required(
            "variables",
            ArrayOf(&Object(&[
                required("key", STRING),
                optional("value", Any),
                optional("description", STRING),
            ])),
        )],
    },
    StageType {
        name: "pipeline",
        fields: &[
            required("pipeline", STRING),
            optional("application", STRING),
            optional("pipelineApplication", STRING),
            optional("pipelineParameters", MapOf(&Any)),
            optional("waitForCompletion", Boolean),
        ],
    },
    StageType {
        name: "webhook",
        fields: &[
            required("url", STRING),
            optional("method", OneOf(HTTP_METHODS)),
            optional("payload", Any),
            optional("customHeaders", MapOf(&Any)),
            optional("waitForCompletion", Boolean),
            optional("monitorOnly", Boolean),
            optional("waitBeforeMonitor", Number),
            optional(
                "statusUrlResolution",
                OneOf(&["getMethod", "locationHeader", "webhookResponse"]),
            ),
            optional("statusUrlJsonPath", STRING),
            optional("statusJsonPath", STRING),
            optional("progressJsonPath", STRING),
            optional("successStatuses", STRING),
            optional("canceledStatuses", STRING),
            optional("terminalStatuses", STRING),
            optional("failFastStatusCodes", ArrayOf(&Integer)),
            optional("retryStatusCodes", ArrayOf(&Integer)),
            optional("webhookRetryStatusCodes", ArrayOf(&Integer)),
            optional("cancelEndpoint", STRING),
            optional("cancelMethod", OneOf(HTTP_METHODS)),
            optional("cancelPayload", Any),
            optional(
                "retries",
                MapOf(&Object(&[required("maxAttempts", Integer)])),
            ),
            optional("waitTime", Number),
            optional("skipRemainingWait", Boolean),
        ],
    },
];

/// Spinnaker stage types gennaker recognises but does not run yet.
pub(crate) const KNOWN_UNSUPPORTED: &[&str] = &[
    "deploy",
    "createServerGroup",
    "cloneServerGroup",
    "destroyServerGroup",
    "disableServerGroup",
    "enableServerGroup",
    "resizeServerGroup",
    "rollbackServerGroup",
    "shrinkCluster",
    "scaleDownCluster",
    "disableCluster",
    "rollbackCluster",
    "findImage",
    "findImageFromTags",
    "findImageFromCluster",
    "runJob",
    "runJobManifest",
    "deployManifest",
    "deleteManifest",
    "patchManifest",
    "scaleManifest",
    "undoRolloutManifest",
    "bakeManifest",
    "bake",
    "bakeCloudFoundryManifest",
    "jenkins",
    "travis",
    "concourse",
    "script",
    "canary",
    "kayentaCanary",
    "deployService",
    "destroyService",
    "shareService",
    "unshareService",
    "createServiceKey",
    "deleteServiceKey",
    "createServiceBindings",
    "deleteServiceBindings",
    "mapLoadBalancers",
    "unmapLoadBalancers",
    "upsertLoadBalancer",
    "deleteLoadBalancer",
    "upsertSecurityGroup",
    "checkPreconditionsClusterSize",
    "importDeploymentArtifacts",
    "savePipeline",
    "createApplication",
    "deleteApplication",
    "googleCloudBuild",
    "awsLambdaDeploy",
    "restrictExecutionDuringTimeWindow",
];

/// The supported stage type with this exact name.
pub(crate) fn supported(name: &str) -> Option<&'static StageType> {
    SUPPORTED.iter().find(|stage_type| stage_type.name == name)
}

/// The names of the supported stage types.
pub(crate) fn supported_names() -> Vec<&'static str> {
    SUPPORTED.iter().map(|stage_type| stage_type.name).collect()
}
