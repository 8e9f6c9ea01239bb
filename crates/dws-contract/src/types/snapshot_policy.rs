//! Automated snapshots: a cluster's snapshot policies and settings (DWS-DAY-TWO.md §2.1–2.3).
//!
//! The same object is read (`GET …/snapshot-policies`) and written (`PUT`, an upsert): in a
//! write, every field may be left out, and what is left out stays as it was; a strategy with a
//! `policy_id` changes that policy, one without adds a new one.

use serde::{Deserialize, Serialize};

use crate::lenient;
use crate::status::{BackupDevice, BackupLevel, BackupType};

/// Answer of `GET /v2/{project_id}/clusters/{cluster_id}/snapshot-policies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SnapshotPolicies {
    /// Days an automated snapshot is kept, 1–31.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub keep_day: Option<u32>,
    /// The policies.
    #[serde(default)]
    pub backup_strategies: Vec<BackupStrategyDetail>,
    /// Where automated snapshots go: `OBS`, `NBU` or `NFS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<BackupDevice>,
    /// The NBU or NFS servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_ips: Option<Vec<String>>,
    /// The NBU server's port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_port: Option<String>,
    /// The NBU backup parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_param: Option<String>,
    /// Whether automated snapshots are taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_backup: Option<bool>,
    /// Most cluster-level policies.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub backup_strategy_cluster_type_limit_num: Option<u32>,
    /// Most schema-level policies.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub backup_strategy_schema_type_limit_num: Option<u32>,
}

/// One policy as the list shows it (`BackupStrategyDetail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BackupStrategyDetail {
    /// Its id.
    pub policy_id: String,
    /// Its name, unique in the cluster whatever its case.
    pub policy_name: String,
    /// When it runs: a Quartz cron expression, UTC (`0 0 2 ? * 1`).
    pub backup_strategy: String,
    /// `full` or `increment`.
    pub backup_type: BackupType,
    /// `cluster`, `schema` or `table`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_level: Option<BackupLevel>,
    /// Its next run, ms since the epoch, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_fire_time: Option<String>,
    /// Its last change, ISO 8601 with no zone (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<String>,
    /// The hours the schedule is offset by (0: UTC).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub time_zone_offset: Option<i32>,
    /// The database of a schema- or table-level policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_database: Option<String>,
    /// Its schemas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_schema_list: Option<String>,
    /// Its tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_table_list: Option<String>,
}

/// Body of `PUT /v2/{project_id}/clusters/{cluster_id}/snapshot-policies`
/// (`CreateSnapshotPolicyRequestBody`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SnapshotPolicyRequest {
    /// Days to keep automated snapshots, 1–31.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_whole")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::keep_day))]
    pub keep_day: Option<i64>,
    /// Policies to add (no `policy_id`) or change (with one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_strategies: Option<Vec<BackupStrategyRequest>>,
    /// `OBS`, `NBU` or `NFS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::backup_device))]
    pub device_name: Option<String>,
    /// The NBU server's port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_port: Option<String>,
    /// The NBU backup parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_param: Option<String>,
    /// The NBU or NFS servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_ips: Option<Vec<String>>,
    /// Whether automated snapshots are taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_backup: Option<bool>,
}

/// One policy to add or change (`BackupStrategyRequest`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BackupStrategyRequest {
    /// The policy to change; absent to add one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
    /// Its name (required to add one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::policy_name))]
    pub policy_name: Option<String>,
    /// Its schedule, a Quartz cron expression in UTC (required to add one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::backup_strategy))]
    pub backup_strategy: Option<String>,
    /// `full` or `increment` (required to add one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::backup_type))]
    pub backup_type: Option<String>,
    /// `cluster` (the default); `schema` and `table` need a newer cluster version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::backup_level))]
    pub backup_level: Option<String>,
    /// Read and ignored: the service computes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_fire_time: Option<String>,
    /// Read and ignored: the service sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<String>,
    /// The hours the schedule is offset by, 0–23.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_whole")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::time_zone_offset))]
    pub time_zone_offset: Option<i64>,
    /// The database of a schema- or table-level policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_database: Option<String>,
    /// Its schemas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_schema_list: Option<String>,
    /// Its tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_table_list: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_answer_reads() {
        let p: SnapshotPolicies = serde_json::from_str(
            r#"{"keep_day":3,"backup_strategies":[{"policy_id":"3b54","policy_name":"apie-default-full-strategy",
                "backup_strategy":"0 0 2 ? * 1","backup_type":"full","backup_level":"cluster",
                "next_fire_time":"1747533600000","update_time":"2025-05-11T10:06:16","time_zone_offset":0}],
                "device_name":"OBS","server_ips":null,"server_port":null,"backup_param":null,"auto_backup":true,
                "backup_strategy_cluster_type_limit_num":10,"backup_strategy_schema_type_limit_num":50}"#,
        )
        .unwrap();
        assert_eq!(p.keep_day, Some(3));
        assert_eq!(p.backup_strategies[0].backup_type, BackupType::Full);
        assert_eq!(p.device_name, Some(BackupDevice::Obs));
        assert_eq!(p.auto_backup, Some(true));
    }

    #[test]
    fn terraform_s_write_reads_with_its_extra_member() {
        let r: SnapshotPolicyRequest = serde_json::from_str(
            r#"{"backup_strategies":[{"policy_name":"p1","cluster_id":"c","backup_type":"full",
                "backup_strategy":"0 0 2 ? * 1","backup_level":"cluster"}]}"#,
        )
        .unwrap();
        assert_eq!(r.keep_day, None);
        assert_eq!(r.backup_strategies.unwrap()[0].policy_name.as_deref(), Some("p1"));
    }
}
