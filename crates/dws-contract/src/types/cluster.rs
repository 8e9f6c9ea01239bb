//! Cluster operations (5.1).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::common::{FailedReason, ObjectRef, PublicIp, Tag};
use crate::lenient;
use crate::secret::Secret;
use crate::status::{
    ClusterStatus, ClusterTask, ParameterGroupStatus, ResizeStatus, SubStatus, Weekday,
};

/// Body of `POST /v1.0/{project_id}/clusters` (table 5-2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CreateClusterRequest {
    /// The cluster to create.
    pub cluster: CreateClusterInfo,
}

/// `CreateClusterInfo` (table 5-3).
///
/// Integers are signed so that a negative count reaches validation (and gets the service's
/// error code) instead of failing to parse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CreateClusterInfo {
    /// Node type (`spec_name` of a node type).
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::node_type))]
    pub node_type: String,
    /// Number of nodes, 2–256.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::number_of_node))]
    #[serde(deserialize_with = "lenient::whole")]
    pub number_of_node: i64,
    /// Subnet id.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::subnet_id))]
    pub subnet_id: String,
    /// Security group id.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::security_group_id))]
    pub security_group_id: String,
    /// VPC id.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::vpc_id))]
    pub vpc_id: String,
    /// Availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::availability_zone))]
    pub availability_zone: Option<String>,
    /// Database port, 8000–30000, default 8000.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_whole")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::port))]
    pub port: Option<i64>,
    /// Cluster name.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::cluster_name))]
    pub name: String,
    /// Administrator user name.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::user_name))]
    pub user_name: String,
    /// Administrator password.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::user_pwd))]
    pub user_pwd: Secret,
    /// Public access; absent means none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::public_ip_request))]
    pub public_ip: Option<PublicIp>,
    /// Number of CNs (coordinator nodes); see [`crate::rules::cn_range`].
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_whole")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::number_of_cn))]
    pub number_of_cn: Option<i64>,
    /// Enterprise project; absent means `0`, the default project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::enterprise_project_id))]
    pub enterprise_project_id: Option<String>,
}

/// Response of create cluster and of restore (tables 5-5, 5-67).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterIdResponse {
    /// The new cluster.
    pub cluster: ObjectRef,
    /// A job id, which the live service adds to restore responses; absent in the reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<String>,
}

/// Response of `GET /v1.0/{project_id}/clusters` (table 5-9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ListClustersResponse {
    /// The clusters of the project.
    #[serde(default)]
    pub clusters: Vec<ClusterInfo>,
    /// How many there are.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub count: Option<u32>,
}

/// `Endpoints` (tables 5-14, 5-23): a private connection address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Endpoints {
    /// `host:port` on the private network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect_info: Option<String>,
    /// `jdbc:postgresql://<connect_info>/<YOUR_DATABASE_name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jdbc_url: Option<String>,
}

/// `PublicEndpoints` (tables 5-13, 5-22): a public connection address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicEndpoints {
    /// `host:port` on the internet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_connect_info: Option<String>,
    /// `jdbc:postgresql://<public_connect_info>/<YOUR_DATABASE_name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jdbc_url: Option<String>,
}

/// `action_progress`: the task under way and its progress, e.g. `{"SNAPSHOTTING": "20%"}`.
pub type ActionProgress = BTreeMap<ClusterTask, String>;

/// Reads a percentage such as `"20%"` (or `"20"`) as a number from 0 to 100.
pub fn parse_percent(value: &str) -> Option<u8> {
    let n: f64 = value.trim().trim_end_matches('%').trim().parse().ok()?;
    if n.is_finite() { Some(n.clamp(0.0, 100.0).round() as u8) } else { None }
}

/// `ClusterInfo` (table 5-10): a cluster as the list shows it.
///
/// Only `id`, `name` and `status` are required: the live service omits fields freely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterInfo {
    /// Cluster id.
    pub id: String,
    /// Cluster name.
    pub name: String,
    /// Lifecycle state.
    pub status: ClusterStatus,
    /// Flags of an available cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_status: Option<SubStatus>,
    /// The task under way, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_status: Option<ClusterTask>,
    /// Progress of the task under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_progress: Option<ActionProgress>,
    /// Node type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<String>,
    /// Subnet id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    /// Security group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group_id: Option<String>,
    /// Number of nodes.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub number_of_node: Option<u32>,
    /// Availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    /// Database port.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub port: Option<u32>,
    /// Data warehouse version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// VPC id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// Administrator user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Public access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<PublicIp>,
    /// Public addresses (only when a public IP is bound).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_endpoints: Option<Vec<PublicEndpoints>>,
    /// Private addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Vec<Endpoints>>,
    /// Last change, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Creation time, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Enterprise project id (in the reference's sample, not its table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_project_id: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// Number of events.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub recent_event: Option<u32>,
    /// Why the cluster is unhealthy; absent when it is fine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_reasons: Option<FailedReason>,
}

impl ClusterInfo {
    /// The task under way and its percentage, from `action_progress` (or `task_status` alone).
    pub fn progress(&self) -> Option<(ClusterTask, Option<u8>)> {
        if let Some((task, value)) = self.action_progress.as_ref().and_then(|m| m.iter().next()) {
            return Some((task.clone(), parse_percent(value)));
        }
        self.task_status.clone().filter(|t| !t.is_failure()).map(|t| (t, None))
    }

    /// Whether the cluster will change on its own soon (so a list showing it should poll fast).
    pub fn is_changing(&self) -> bool {
        self.status.is_transitional()
            || self.action_progress.as_ref().is_some_and(|m| !m.is_empty())
            || self.task_status.as_ref().is_some_and(|t| !t.is_failure())
    }
}

/// Response of `GET /v1.0/{project_id}/clusters/{cluster_id}` (table 5-18).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ShowClusterResponse {
    /// The cluster.
    pub cluster: ClusterDetail,
}

/// `ClusterDetail` (table 5-19): everything in [`ClusterInfo`] and more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClusterDetail {
    /// The fields the list has too.
    #[serde(flatten)]
    pub info: ClusterInfo,
    /// Private IP addresses of the nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Vec<String>>,
    /// Weekly maintenance window (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintain_window: Option<MaintainWindow>,
    /// State of a scale-out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resize_info: Option<ResizeInfo>,
    /// The parameter group in use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_group: Option<ParameterGroup>,
    /// Node type id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_type_id: Option<String>,
}

/// `MaintainWindow` (table 5-24); times are `HH:mm` in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MaintainWindow {
    /// Day of the week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<Weekday>,
    /// Start, `HH:mm` UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// End, `HH:mm` UTC (may be on the next day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
}

/// `ResizeInfo` (table 5-25). Node counts are integers in the table and strings in the sample:
/// both are read, integers are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResizeInfo {
    /// Nodes after the scale-out.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub target_node_num: Option<u32>,
    /// Nodes before the scale-out.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub origin_node_num: Option<u32>,
    /// `GROWING` or `RESIZE_FAILURE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resize_status: Option<ResizeStatus>,
    /// When the scale-out started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// Node type before (in the sample, not the table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_node_type: Option<String>,
    /// Node type after (in the sample, not the table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_node_type: Option<String>,
}

/// `ParameterGroup` (table 5-27).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ParameterGroup {
    /// Parameter group id.
    pub id: String,
    /// Parameter group name.
    pub name: String,
    /// Whether the cluster runs with the group's current values.
    pub status: ParameterGroupStatus,
}

/// Body of `DELETE /v1.0/{project_id}/clusters/{cluster_id}` (table 5-35).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DeleteClusterRequest {
    /// How many of the cluster's manual snapshots to keep.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::keep_last_manual_snapshot))]
    #[serde(deserialize_with = "lenient::whole")]
    pub keep_last_manual_snapshot: i64,
}

/// Body of `POST …/clusters/{cluster_id}/restart` (table 5-38): `{"restart":{}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RestartClusterRequest {
    /// The restart flag, an empty object.
    pub restart: Restart,
}

/// The empty `restart` object.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Restart {}

/// Body of `POST …/clusters/{cluster_id}/resize` (table 5-41).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::resize_request))]
pub struct ResizeClusterRequest {
    /// Scale out; the table marks it optional, but it is the only kind of resize.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_out: Option<ScaleOut>,
}

/// `ScaleOut` (table 5-42).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ScaleOut {
    /// How many nodes to add.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::scale_out_count))]
    #[serde(deserialize_with = "lenient::whole")]
    pub count: i64,
}

/// Body of `POST …/clusters/{cluster_id}/reset-password` (table 5-45).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResetPasswordRequest {
    /// The new administrator password.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::new_password))]
    pub new_password: Secret,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(json: &str) -> ClusterInfo {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("20%"), Some(20));
        assert_eq!(parse_percent(" 7 % "), Some(7));
        assert_eq!(parse_percent("100"), Some(100));
        assert_eq!(parse_percent("120%"), Some(100));
        assert_eq!(parse_percent("33.6%"), Some(34));
        assert_eq!(parse_percent("soon"), None);
        assert_eq!(parse_percent(""), None);
    }

    #[test]
    fn progress_comes_from_action_progress_first() {
        let c = cluster(
            r#"{"id":"a","name":"n","status":"AVAILABLE","task_status":"SNAPSHOTTING","action_progress":{"SNAPSHOTTING":"20%"}}"#,
        );
        assert_eq!(c.progress(), Some((ClusterTask::Snapshotting, Some(20))));
        assert!(c.is_changing());
        let c = cluster(r#"{"id":"a","name":"n","status":"AVAILABLE","task_status":"REBOOTING"}"#);
        assert_eq!(c.progress(), Some((ClusterTask::Rebooting, None)));
        let c = cluster(r#"{"id":"a","name":"n","status":"AVAILABLE","task_status":"RESIZE_FAILURE"}"#);
        assert_eq!(c.progress(), None);
        assert!(!c.is_changing());
        let c = cluster(r#"{"id":"a","name":"n","status":"CREATING"}"#);
        assert!(c.is_changing());
        let c = cluster(
            r#"{"id":"a","name":"n","status":"AVAILABLE","task_status":null,"action_progress":null}"#,
        );
        assert!(!c.is_changing());
        assert_eq!(c.progress(), None);
    }

    #[test]
    fn minimal_cluster_parses_and_unknown_fields_are_ignored() {
        let c = cluster(r#"{"id":"a","name":"n","status":"FROZEN","spec_version":"x","nodes":[1,2]}"#);
        assert_eq!(c.status, ClusterStatus::Frozen);
        assert_eq!(c.number_of_node, None);
    }

    #[test]
    fn detail_flattens_the_list_fields() {
        let d: ClusterDetail = serde_json::from_str(
            r#"{"id":"a","name":"n","status":"AVAILABLE","port":"8000","private_ip":["1.2.3.4"],"node_type_id":"t"}"#,
        )
        .unwrap();
        assert_eq!(d.info.port, Some(8000));
        assert_eq!(d.private_ip.as_deref(), Some(&["1.2.3.4".to_string()][..]));
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["port"], 8000);
        assert_eq!(v["node_type_id"], "t");
    }

    #[test]
    fn create_request_debug_hides_the_password() {
        let req = CreateClusterInfo {
            node_type: "dws.d2.xlarge".into(),
            number_of_node: 3,
            subnet_id: "s".into(),
            security_group_id: "g".into(),
            vpc_id: "v".into(),
            availability_zone: None,
            port: None,
            name: "dws-demo".into(),
            user_name: "dbadmin".into(),
            user_pwd: Secret::new("Dws2017demo!"),
            public_ip: None,
            number_of_cn: None,
            enterprise_project_id: None,
        };
        assert!(!format!("{req:?}").contains("Dws2017demo!"));
        assert!(serde_json::to_string(&req).unwrap().contains("Dws2017demo!"));
    }

    #[test]
    fn restart_body_is_an_empty_object() {
        assert_eq!(
            serde_json::to_string(&RestartClusterRequest::default()).unwrap(),
            r#"{"restart":{}}"#
        );
    }
}
