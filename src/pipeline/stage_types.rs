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

/// The fields every cloud stage may carry (orca-model §5.9–§5.13).
macro_rules! cloud_fields {
    ($($extra:expr),* $(,)?) => {
        &[
            optional("cloudProvider", STRING),
            optional("cloudProviderType", STRING),
            optional("account", STRING),
            optional("credentials", STRING),
            optional("region", STRING),
            optional("regions", ArrayOf(&STRING)),
            optional("moniker", Object(&[])),
            $($extra),*
        ]
    };
}

/// The fields of the stages that act on one server group per region.
macro_rules! target_fields {
    ($($extra:expr),* $(,)?) => {
        cloud_fields![
            optional("cluster", STRING),
            optional("serverGroupName", STRING),
            optional("asgName", STRING),
            optional(
                "target",
                OneOf(&[
                    "current_asg_dynamic",
                    "ancestor_asg_dynamic",
                    "oldest_asg_dynamic",
                    "largest_asg_dynamic",
                    "current_asg",
                    "ancestor_asg",
                ]),
            ),
            $($extra),*
        ]
    };
}

const CAPACITY_FIELDS: &[Field] = &[
    optional("min", Integer),
    optional("max", Integer),
    optional("desired", Integer),
];

/// What a deploy's cluster is checked for; everything else is the provider's to judge.
const CLUSTER_FIELDS: &[Field] = &[
    optional("account", STRING),
    optional("credentials", STRING),
    optional("cloudProvider", STRING),
    optional("application", STRING),
    optional("stack", STRING),
    optional("freeFormDetails", STRING),
    optional("region", STRING),
    optional("strategy", STRING),
    optional("capacity", Object(CAPACITY_FIELDS)),
    optional("maxRemainingAsgs", Integer),
    optional("scaleDown", Boolean),
    optional("delayBeforeDisableSec", Integer),
    optional("delayBeforeScaleDownSec", Integer),
    optional("targetPercentages", ArrayOf(&Number)),
    optional("rollback", Object(&[optional("onFailure", Boolean)])),
];

const FIND_IMAGE_FIELDS: &[Field] = cloud_fields![
    optional("cluster", STRING),
    optional("onlyEnabled", Boolean),
    optional(
        "selectionStrategy",
        OneOf(&["NEWEST", "LARGEST", "OLDEST", "FAIL"]),
    ),
    optional("imageNamePattern", STRING),
];

/// The fields of `createServiceKey` and `deleteServiceKey`.
const SERVICE_KEY_FIELDS: &[Field] = cloud_fields![
    required("serviceInstanceName", STRING),
    required("serviceKeyName", STRING),
];

/// The fields of `mapLoadBalancers` and `unmapLoadBalancers`: routes on a target server group.
const ROUTE_FIELDS: &[Field] = target_fields![
    optional("loadBalancerNames", ArrayOf(&STRING)),
    optional("routes", ArrayOf(&STRING)),
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
                required("type", OneOf(&["expression", "clusterSize"])),
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
    StageType {
        name: "deploy",
        fields: &[
            optional("clusters", ArrayOf(&Object(CLUSTER_FIELDS))),
            optional("cluster", Object(CLUSTER_FIELDS)),
        ],
    },
    StageType {
        name: "createServerGroup",
        fields: cloud_fields![
            optional("cluster", Object(CLUSTER_FIELDS)),
            optional("application", STRING),
            optional("stack", STRING),
            optional("freeFormDetails", STRING),
            optional("strategy", STRING),
            optional("capacity", Object(CAPACITY_FIELDS)),
        ],
    },
    StageType {
        name: "resizeServerGroup",
        fields: target_fields![
            optional("action", OneOf(&["scale_exact", "scale_up", "scale_down"])),
            optional("resizeType", OneOf(&["exact", "pct", "incr"])),
            optional("capacity", Object(CAPACITY_FIELDS)),
            optional("scaleNum", Integer),
            optional("scalePct", Number),
        ],
    },
    StageType {
        name: "disableServerGroup",
        fields: target_fields![],
    },
    StageType {
        name: "enableServerGroup",
        fields: target_fields![],
    },
    StageType {
        name: "destroyServerGroup",
        fields: target_fields![],
    },
    StageType {
        name: "shrinkCluster",
        fields: cloud_fields![
            optional("cluster", STRING),
            optional("shrinkToSize", Integer),
            optional("allowDeleteActive", Boolean),
            optional("retainLargerOverNewer", Boolean),
        ],
    },
    StageType {
        name: "scaleDownCluster",
        fields: cloud_fields![
            optional("cluster", STRING),
            optional("remainingFullSizeServerGroups", Integer),
            optional("allowScaleDownActive", Boolean),
            optional("preferLargerOverNewer", Boolean),
        ],
    },
    StageType {
        name: "disableCluster",
        fields: cloud_fields![
            optional("cluster", STRING),
            optional("remainingEnabledServerGroups", Integer),
            optional("preferLargerOverNewer", Boolean),
        ],
    },
    StageType {
        name: "rollbackCluster",
        fields: cloud_fields![optional("cluster", STRING)],
    },
    StageType {
        name: "findImageFromCluster",
        fields: FIND_IMAGE_FIELDS,
    },
    StageType {
        name: "findImage",
        fields: FIND_IMAGE_FIELDS,
    },
    StageType {
        name: "runJob",
        fields: cloud_fields![
            optional("cluster", Any),
            optional("serverGroupName", STRING),
            optional("jobName", STRING),
            optional("command", STRING),
            optional("propertyFile", STRING),
            optional("waitForCompletion", Boolean),
            optional("noOutput", Boolean),
        ],
    },
    StageType {
        name: "stopDeployment",
        fields: cloud_fields![
            optional("cluster", STRING),
            optional("serverGroupName", STRING),
        ],
    },
    StageType {
        name: "deployService",
        fields: cloud_fields![
            required("manifest", Object(&[optional("direct", Object(&[]))])),
            optional("userProvided", Boolean),
            optional("application", STRING),
        ],
    },
    StageType {
        name: "destroyService",
        fields: cloud_fields![
            required("serviceInstanceName", STRING),
            optional("application", STRING),
        ],
    },
    StageType {
        name: "shareService",
        fields: cloud_fields![
            required("serviceInstanceName", STRING),
            required("shareToRegions", ArrayOf(&STRING)),
        ],
    },
    StageType {
        name: "unshareService",
        fields: cloud_fields![
            required("serviceInstanceName", STRING),
            required("unshareFromRegions", ArrayOf(&STRING)),
        ],
    },
    StageType {
        name: "createServiceKey",
        fields: SERVICE_KEY_FIELDS,
    },
    StageType {
        name: "deleteServiceKey",
        fields: SERVICE_KEY_FIELDS,
    },
    StageType {
        name: "createServiceBindings",
        fields: target_fields![
            required(
                "serviceBindingRequests",
                ArrayOf(&Object(&[
                    required("serviceInstanceName", STRING),
                    optional("parameters", Any),
                ])),
            ),
            optional("restageRequired", Boolean),
            optional("restartRequired", Boolean),
        ],
    },
    StageType {
        name: "deleteServiceBindings",
        fields: target_fields![
            required(
                "serviceUnbindingRequests",
                ArrayOf(&Object(&[required("serviceInstanceName", STRING)])),
            ),
            optional("restageRequired", Boolean),
            optional("restartRequired", Boolean),
        ],
    },
    StageType {
        name: "mapLoadBalancers",
        fields: ROUTE_FIELDS,
    },
    StageType {
        name: "unmapLoadBalancers",
        fields: ROUTE_FIELDS,
    },
];

/// Spinnaker stage types gennaker recognises but does not run yet.
pub(crate) const KNOWN_UNSUPPORTED: &[&str] = &[
    "cloneServerGroup",
    "rollbackServerGroup",
    "findImageFromTags",
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
