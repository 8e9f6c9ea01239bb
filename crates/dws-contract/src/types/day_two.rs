//! The bodies of the cluster's day-two operations (DWS-DAY-TWO.md §1): stop and start, jobs,
//! rename, the maintenance window, tags and nodes. Field names and types are those Huawei's
//! Python SDK (`huaweicloudsdkdws` 3.1.219) builds and parses.

use serde::{Deserialize, Serialize};

use super::common::Tag;
use crate::lenient;
use crate::status::{JobStatus, NodeStatus};

/// Answer of stop, start and rename: the job to follow (`null` when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobIdResponse {
    /// The job, for `list_job_details`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
}

/// Answer of `GET /v1.0/{project_id}/job/{job_id}`. Times are ISO 8601 with no zone (UTC), as
/// the service writes them; `progress` is a percentage as text (`"9%"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JobDetail {
    /// The job.
    pub job_id: String,
    /// What it does (`stopCluster`, `startCluster`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_name: Option<String>,
    /// When it began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_time: Option<String>,
    /// When it ended (absent while it runs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// `RUNNING`, `SUCCESS`, `FAIL`, …
    pub status: JobStatus,
    /// Why it failed: a DWS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_code: Option<String>,
    /// Why it failed, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_detail: Option<String>,
    /// How far it is, `"0%"` to `"100%"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
}

/// Body of `PUT /v1/{project_id}/clusters/{cluster_id}/cluster-name` (`ClusterNameReq`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterNameRequest {
    /// The new name.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::cluster_name))]
    pub cluster_name: String,
}

/// Body of `PUT /v1.0/{project_id}/clusters/{cluster_id}/maintenance-window`: a weekly window in
/// UTC, starting on the hour and four hours long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MaintenanceWindowRequest {
    /// `Mon` … `Sun`.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::maintenance_day))]
    pub day: String,
    /// `HH:mm`, UTC, on the hour.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::maintenance_time))]
    pub start_time: String,
    /// `HH:mm`, UTC: four hours after the start (on the next day when it passes midnight).
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::maintenance_time))]
    pub end_time: String,
}

/// Answer of `GET /v1.0/{project_id}/clusters/{cluster_id}/tags`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterTagsResponse {
    /// The cluster's tags.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// Body of `…/tags/batch-create` and `…/tags/batch-delete`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BatchTagsRequest {
    /// The tags to add (a key already there gets the new value) or to remove.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::tag_list))]
    pub tags: Vec<Tag>,
}

/// Answer of `GET /v2/{project_id}/clusters/{cluster_id}/nodes`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterNodesResponse {
    /// The nodes.
    #[serde(default)]
    pub node_list: Vec<ClusterNode>,
    /// How many nodes match.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub count: Option<u32>,
    /// How many nodes of logical clusters failed.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub failed_count: Option<u32>,
}

/// One node (`ClusterNodeInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterNode {
    /// The node's id: the `dws_instance_id` of its Cloud Eye metrics.
    pub id: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `ACTIVE`, `STOPPED`, `CREATING`, …
    pub status: NodeStatus,
    /// `READY`, `PREPARED`, `INITED` or `CREATED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_status: Option<String>,
    /// Its node type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<String>,
    /// `INST` (in use) or `NODE` (idle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inst_create_type: Option<String>,
    /// Another name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_name: Option<String>,
    /// Its availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub az_code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reads_as_the_service_writes_it() {
        let j: JobDetail = serde_json::from_str(
            r#"{"status":"FAIL","progress":"9%","job_id":"2c9080e8","job_name":"ecfClusterElbCreateJob",
                "begin_time":"2022-11-09T20:25:00","end_time":"2022-11-09T20:30:00",
                "failed_code":"CreateELBTask-fail:DWS.0114","failed_detail":"DWS.0114:ELB private IP is not configured."}"#,
        )
        .unwrap();
        assert_eq!(j.status, JobStatus::Fail);
        assert!(j.status.is_finished());
        assert_eq!(j.progress.as_deref(), Some("9%"));
    }

    #[test]
    fn an_empty_answer_is_a_job_id_response_without_a_job() {
        assert_eq!(serde_json::from_str::<JobIdResponse>("{}").unwrap(), JobIdResponse::default());
        assert_eq!(serde_json::to_string(&JobIdResponse::default()).unwrap(), "{}");
    }

    #[test]
    fn nodes_read_with_unknown_statuses_and_numbers_as_text() {
        let n: ClusterNodesResponse = serde_json::from_str(
            r#"{"node_list":[{"id":"n1","name":"x-dws-cn-cn-2-1","status":"REPAIRING","spec":"dws2.kc1.2xlarge",
                "inst_create_type":null,"az_code":"eu-de-01c"}],"count":"1","failed_count":0}"#,
        )
        .unwrap();
        assert_eq!(n.node_list[0].status, NodeStatus::Other("REPAIRING".into()));
        assert_eq!(n.count, Some(1));
    }
}
