//! A cluster's automated snapshots: whether they are taken, how long they are kept, and the
//! policies that say when; and what is due when.

use dws_contract::rules::{DEFAULT_KEEP_DAY, DEFAULT_POLICIES, MAX_CLUSTER_POLICIES, MAX_SCHEMA_POLICIES};
use dws_contract::schedule::Schedule;
use dws_contract::status::{BackupDevice, BackupLevel, BackupType};
use dws_contract::time::format_iso8601;
use dws_contract::types::{BackupStrategyDetail, SnapshotPolicies};
use serde::{Deserialize, Serialize};

/// A day, in ms.
pub const DAY_MS: i64 = 86_400_000;

/// A cluster's automated-snapshot settings and policies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicySet {
    /// Whether automated snapshots are taken.
    pub auto_backup: bool,
    /// Days an automated snapshot is kept.
    pub keep_day: u32,
    /// Where they go.
    pub device: BackupDevice,
    /// NBU or NFS servers.
    #[serde(default)]
    pub server_ips: Option<Vec<String>>,
    /// NBU's port.
    #[serde(default)]
    pub server_port: Option<String>,
    /// NBU's parameter.
    #[serde(default)]
    pub backup_param: Option<String>,
    /// The policies.
    pub policies: Vec<Policy>,
}

/// One policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its Quartz cron expression, UTC.
    pub cron: String,
    /// Full or increment.
    pub backup_type: BackupType,
    /// Always `cluster` here.
    pub level: BackupLevel,
    /// Echoed as given.
    pub time_zone_offset: i32,
    /// Its last change.
    pub updated_ms: i64,
    /// When it runs next (`None` until the scheduler has looked: then from the time it looks).
    #[serde(default)]
    pub next_fire_ms: Option<i64>,
}

impl Policy {
    /// A policy whose next run is the first after `now`.
    pub fn new(name: &str, cron: &str, backup_type: BackupType, now: i64) -> Policy {
        let mut p = Policy {
            id: uuid::Uuid::new_v4().to_string(),
            name: name.to_owned(),
            cron: cron.to_owned(),
            backup_type,
            level: BackupLevel::Cluster,
            time_zone_offset: 0,
            updated_ms: now,
            next_fire_ms: None,
        };
        p.reschedule(now);
        p
    }

    /// Its schedule (stored expressions were checked when written).
    pub fn schedule(&self) -> Option<Schedule> {
        Schedule::parse(&self.cron).ok()
    }

    /// Sets the next run to the first after `after`.
    pub fn reschedule(&mut self, after: i64) {
        self.next_fire_ms = self.schedule().and_then(|s| s.next_after(after));
    }
}

impl PolicySet {
    /// What every new cluster has: on, kept 7 days, the service's two default policies.
    pub fn service_defaults(now: i64) -> PolicySet {
        PolicySet {
            auto_backup: true,
            keep_day: DEFAULT_KEEP_DAY,
            device: BackupDevice::Obs,
            server_ips: None,
            server_port: None,
            backup_param: None,
            policies: DEFAULT_POLICIES.iter().map(|(name, t, cron)| Policy::new(name, cron, t.clone(), now)).collect(),
        }
    }

    /// Every policy's next run from `now` on (automated snapshots were off, or the cluster
    /// stopped: what fell due meanwhile is not made up for).
    pub fn reschedule_all(&mut self, now: i64) {
        for p in &mut self.policies {
            p.reschedule(now);
        }
    }

    /// The earliest run due, if automated snapshots are on.
    pub fn next_fire(&self) -> Option<(usize, i64)> {
        if !self.auto_backup {
            return None;
        }
        self.policies
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.next_fire_ms.map(|t| (i, t)))
            .min_by_key(|(i, t)| (*t, *i))
    }

    /// The wire form.
    pub fn wire(&self) -> SnapshotPolicies {
        SnapshotPolicies {
            keep_day: Some(self.keep_day),
            backup_strategies: self
                .policies
                .iter()
                .map(|p| BackupStrategyDetail {
                    policy_id: p.id.clone(),
                    policy_name: p.name.clone(),
                    backup_strategy: p.cron.clone(),
                    backup_type: p.backup_type.clone(),
                    backup_level: Some(p.level.clone()),
                    next_fire_time: p.next_fire_ms.filter(|_| self.auto_backup).map(|t| t.to_string()),
                    // Local time with no zone, as the service writes it (the emulator's is UTC).
                    update_time: Some(format_iso8601(p.updated_ms).trim_end_matches('Z').to_owned()),
                    time_zone_offset: Some(p.time_zone_offset),
                    backup_database: None,
                    backup_schema_list: None,
                    backup_table_list: None,
                })
                .collect(),
            device_name: Some(self.device.clone()),
            server_ips: self.server_ips.clone(),
            server_port: self.server_port.clone(),
            backup_param: self.backup_param.clone(),
            auto_backup: Some(self.auto_backup),
            backup_strategy_cluster_type_limit_num: Some(MAX_CLUSTER_POLICIES as u32),
            backup_strategy_schema_type_limit_num: Some(MAX_SCHEMA_POLICIES as u32),
        }
    }
}

/// The policy set of a cluster stored before policies existed: the service's defaults.
pub fn legacy_defaults() -> PolicySet {
    let mut set = PolicySet::service_defaults(0);
    // Scheduled from the first time the scheduler looks, not from 1970.
    for p in &mut set.policies {
        p.next_fire_ms = None;
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRI: i64 = 1_796_403_600_000;

    #[test]
    fn a_new_cluster_s_defaults_are_the_service_s() {
        let s = PolicySet::service_defaults(FRI);
        assert!(s.auto_backup);
        assert_eq!(s.keep_day, 7);
        let names: Vec<&str> = s.policies.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["default-full-strategy", "default-increment-strategy"]);
        // The increment first: Friday 18:07 UTC; the full on Sunday 02:00.
        let (i, t) = s.next_fire().unwrap();
        assert_eq!((s.policies[i].backup_type.clone(), t), (BackupType::Increment, FRI + 3_600_000 + 7 * 60_000));
        let w = s.wire();
        assert_eq!(w.backup_strategies[0].next_fire_time.as_deref(), Some("1796522400000"));
        assert_eq!(w.backup_strategy_cluster_type_limit_num, Some(10));
        assert!(w.backup_strategies[0].update_time.as_deref().is_some_and(|t| !t.ends_with('Z')));
    }

    #[test]
    fn off_means_nothing_is_due_and_no_next_run_is_shown() {
        let mut s = PolicySet::service_defaults(FRI);
        s.auto_backup = false;
        assert_eq!(s.next_fire(), None);
        assert!(s.wire().backup_strategies.iter().all(|p| p.next_fire_time.is_none()));
    }
}
