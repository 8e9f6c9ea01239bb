//! Snapshot operations (5.2).

use serde::{Deserialize, Serialize};

use super::common::{ObjectRef, PublicIp};
use crate::lenient;
use crate::status::{SnapshotStatus, SnapshotType};

/// Body of `POST /v1.0/{project_id}/snapshots` (table 5-48).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CreateSnapshotRequest {
    /// The snapshot to take.
    pub snapshot: Snapshot,
}

/// `Snapshot` (table 5-49): what to snapshot and what to call it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Snapshot {
    /// Snapshot name.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::snapshot_name))]
    pub name: String,
    /// The cluster to snapshot.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::cluster_id))]
    pub cluster_id: String,
    /// Description; absent means empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::snapshot_description))]
    pub description: Option<String>,
}

/// Response of create snapshot (table 5-50): `{"snapshot":{"id"}}` (`SnapshotResp`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SnapshotIdResponse {
    /// The new snapshot.
    pub snapshot: ObjectRef,
}

/// Response of `GET /v1.0/{project_id}/snapshots` (table 5-54).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ListSnapshotsResponse {
    /// The snapshots of the project.
    #[serde(default)]
    pub snapshots: Vec<Snapshots>,
    /// How many there are.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub count: Option<u32>,
}

/// `Snapshots` (table 5-55), an element of the list: the same fields as [`SnapshotDetail`].
pub type Snapshots = SnapshotDetail;

/// Response of `GET /v1.0/{project_id}/snapshots/{snapshot_id}` (table 5-58).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ShowSnapshotResponse {
    /// The snapshot.
    pub snapshot: SnapshotDetail,
}

/// `SnapshotDetail` (table 5-59).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SnapshotDetail {
    /// Snapshot id.
    pub id: String,
    /// Snapshot name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the snapshot started, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    /// When it finished, ISO 8601 (absent while it is being taken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<String>,
    /// Size in GB.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_float")]
    pub size: Option<f64>,
    /// `CREATING`, `AVAILABLE` or `UNAVAILABLE`.
    pub status: SnapshotStatus,
    /// `MANUAL`, or a kind of automated snapshot.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SnapshotType>,
    /// The cluster the snapshot was taken of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
}

/// Body of `POST /v1.0/{project_id}/snapshots/{snapshot_id}/linked-copy` (`LinkCopyReq`): copy an
/// automated snapshot to a manual one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CopySnapshotRequest {
    /// The copy's name: the rules of a snapshot name.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::snapshot_name))]
    pub backup_name: String,
    /// The copy's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::snapshot_description))]
    pub description: Option<String>,
}

/// Answer of a copy: the new snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CopySnapshotResponse {
    /// The copy.
    pub snapshot_id: String,
}

/// Body of `POST /v1.0/{project_id}/snapshots/{snapshot_id}/actions` (table 5-64).
///
/// The reference's sample puts `enterprise_project_id` beside `restore` while its table lists
/// neither place: both are accepted, and [`RestoreClusterRequest::enterprise_project_id`] reads
/// whichever was given (inside wins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RestoreClusterRequest {
    /// The cluster to create from the snapshot.
    pub restore: Restore,
    /// Enterprise project, where the reference's sample puts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::enterprise_project_id))]
    pub enterprise_project_id: Option<String>,
}

impl RestoreClusterRequest {
    /// The enterprise project asked for, from inside `restore` or beside it.
    pub fn enterprise_project_id(&self) -> Option<&str> {
        self.restore
            .enterprise_project_id
            .as_deref()
            .or(self.enterprise_project_id.as_deref())
    }
}

/// `Restore` (table 5-65). Omitted network fields default to the source cluster's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Restore {
    /// Name of the new cluster.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::cluster_name))]
    pub name: String,
    /// Subnet id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::subnet_id))]
    pub subnet_id: Option<String>,
    /// Security group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::security_group_id))]
    pub security_group_id: Option<String>,
    /// VPC id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::vpc_id))]
    pub vpc_id: Option<String>,
    /// Availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::availability_zone))]
    pub availability_zone: Option<String>,
    /// Database port, 8000–30000.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_whole")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::port))]
    pub port: Option<i64>,
    /// Public access; absent means none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::public_ip_request))]
    pub public_ip: Option<PublicIp>,
    /// Enterprise project (accepted here as well as beside `restore`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::enterprise_project_id))]
    pub enterprise_project_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enterprise_project_is_read_from_either_place() {
        let beside: RestoreClusterRequest =
            serde_json::from_str(r#"{"restore":{"name":"dws-1"},"enterprise_project_id":"e1"}"#).unwrap();
        assert_eq!(beside.enterprise_project_id(), Some("e1"));
        let inside: RestoreClusterRequest =
            serde_json::from_str(r#"{"restore":{"name":"dws-1","enterprise_project_id":"e2"}}"#).unwrap();
        assert_eq!(inside.enterprise_project_id(), Some("e2"));
        let both: RestoreClusterRequest = serde_json::from_str(
            r#"{"restore":{"name":"dws-1","enterprise_project_id":"in"},"enterprise_project_id":"out"}"#,
        )
        .unwrap();
        assert_eq!(both.enterprise_project_id(), Some("in"));
    }

    #[test]
    fn snapshot_size_accepts_strings_and_writes_numbers() {
        let s: SnapshotDetail =
            serde_json::from_str(r#"{"id":"i","name":"n","status":"CREATING","size":"12.5","type":"AUTO"}"#)
                .unwrap();
        assert_eq!(s.size, Some(12.5));
        assert_eq!(s.kind, Some(SnapshotType::Auto));
        assert_eq!(serde_json::to_value(&s).unwrap()["size"], 12.5);
    }
}
