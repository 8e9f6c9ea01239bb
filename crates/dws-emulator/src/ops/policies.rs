//! Automated snapshots: a cluster's settings and policies (an upsert, as the service's PUT),
//! the scheduler that takes a snapshot when a policy falls due, and retention.
//!
//! The scheduler runs on the emulator's clock, the manual one included: moving it four days
//! takes, one after the other, every snapshot that fell due in those days (each a real dump of
//! the database as it is when it is taken), except those retention would remove at once.

use dws_contract::events::{EventDetail, EventKind};
use dws_contract::lifecycle::ClusterOperation;
use dws_contract::rules::{self, Field, MAX_CLUSTER_POLICIES, MIN_HOURS_APART, RuleError, Violation};
use dws_contract::status::{BackupDevice, SnapshotStatus};
use dws_contract::types::SnapshotPolicyRequest;

use super::clusters::begin;
use super::settle::automated_snapshot;
use super::{Ctx, cluster_event, cluster_in, first_error, snapshot_event};
use crate::config::FailingOperation;
use crate::error::ApiError;
use crate::model::policy::DAY_MS;
use crate::model::{Cluster, Policy, TaskKind, Work};
use crate::store::Txn;

/// How long events and finished jobs are kept.
pub const HISTORY_DAYS: i64 = 30;
/// The most events a project keeps.
pub const MAX_EVENTS: usize = 20_000;

/// `PUT …/snapshot-policies`: what the body gives changes, what it leaves out stays.
pub fn set_policies(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, r: &SnapshotPolicyRequest) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Configure)?;
    first_error(rules::snapshot_policy_request(r, ctx.now))?;
    let mut set = c.policies.clone();
    if let Some(days) = r.keep_day {
        set.keep_day = days as u32;
    }
    if let Some(device) = &r.device_name {
        set.device = BackupDevice::from(device.as_str());
        set.server_ips = r.server_ips.clone();
        set.server_port = r.server_port.clone();
        set.backup_param = r.backup_param.clone();
    }
    let was_on = set.auto_backup;
    if let Some(on) = r.auto_backup {
        set.auto_backup = on;
    }
    let mut changed = Vec::new();
    for s in r.backup_strategies.iter().flatten() {
        let existing = s.policy_id.as_deref().filter(|p| !p.is_empty());
        let index = match existing {
            Some(pid) => set.policies.iter().position(|p| p.id == pid).ok_or_else(|| {
                ApiError::from(RuleError::new(Field::PolicyId, Violation::NotFound(pid.to_owned())))
            })?,
            None => {
                if set.policies.len() >= MAX_CLUSTER_POLICIES {
                    return Err(RuleError::new(Field::PolicyName, Violation::TooMany { max: MAX_CLUSTER_POLICIES }).into());
                }
                // The rules checked that an addition has all three.
                let backup_type = rules::backup_type(s.backup_type.as_deref().unwrap_or_default())?;
                set.policies.push(Policy::new(
                    s.policy_name.as_deref().unwrap_or_default(),
                    s.backup_strategy.as_deref().unwrap_or_default(),
                    backup_type,
                    ctx.now,
                ));
                set.policies.len() - 1
            }
        };
        let p = &mut set.policies[index];
        if let Some(name) = &s.policy_name {
            p.name = name.clone();
        }
        if let Some(cron) = &s.backup_strategy {
            p.cron = cron.clone();
        }
        if let Some(t) = &s.backup_type {
            p.backup_type = rules::backup_type(t)?;
        }
        if let Some(tz) = s.time_zone_offset {
            p.time_zone_offset = tz as i32;
        }
        p.updated_ms = ctx.now;
        p.reschedule(ctx.now);
        changed.push(p.name.clone());
    }
    // Names stay unique whatever their case, across old and new.
    for (i, p) in set.policies.iter().enumerate() {
        rules::policy_name_unique(&p.name, set.policies[..i].iter().map(|q| q.name.as_str()))?;
    }
    if set.auto_backup && !was_on {
        // Switched on: from now on, not what was missed.
        set.reschedule_all(ctx.now);
    }
    let mut detail = changed;
    if r.keep_day.is_some() {
        detail.push(format!("keep_day={}", set.keep_day));
    }
    if r.auto_backup.is_some() {
        detail.push(format!("auto_backup={}", set.auto_backup));
    }
    c.policies = set;
    c.updated_ms = ctx.now;
    cluster_event(txn, &mut c, EventKind::UpdateClustersBackupPolicy, ctx.now, ctx.actor, Some(EventDetail::note(detail.join(", "))));
    txn.put_cluster(c);
    Ok(())
}

/// `DELETE …/snapshot-policies/{id}`.
pub fn delete_policy(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, policy_id: &str) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Configure)?;
    let index = c
        .policies
        .policies
        .iter()
        .position(|p| p.id == policy_id)
        .ok_or_else(|| ApiError::from(RuleError::new(Field::PolicyId, Violation::NotFound(policy_id.to_owned()))))?;
    let gone = c.policies.policies.remove(index);
    c.updated_ms = ctx.now;
    cluster_event(txn, &mut c, EventKind::UpdateClustersBackupPolicy, ctx.now, ctx.actor, Some(EventDetail::PolicyDeleted { policy: gone.name.clone() }));
    txn.put_cluster(c);
    Ok(())
}

/// Takes the automated snapshots that are due: one per idle, available cluster at a time (its
/// server dumps one database at once); the next waits for it to finish.
pub fn take_due_snapshots(txn: &mut Txn, ctx: &Ctx) -> bool {
    let due: Vec<Cluster> = txn
        .clusters()
        .into_iter()
        .filter(|c| c.status.is_available() && c.task.is_none())
        .filter(|c| c.policies.next_fire().is_some_and(|(_, t)| t <= ctx.now))
        .collect();
    let any = !due.is_empty();
    for c in due {
        take_one(txn, ctx, c);
    }
    any
}

fn take_one(txn: &mut Txn, ctx: &Ctx, mut c: Cluster) {
    let keep_ms = i64::from(c.policies.keep_day) * DAY_MS;
    let gap_ms = i64::from(MIN_HOURS_APART) * 3_600_000;
    let last_started = txn
        .snapshots()
        .iter()
        .filter(|s| s.cluster_id == c.id && s.is_automated() && s.policy.is_some())
        .map(|s| s.started_ms)
        .max();
    // Runs that fell due before the last one finished its gap, or so long ago that retention
    // would remove them at once, are passed over.
    let fire = loop {
        let Some((i, t)) = c.policies.next_fire().filter(|(_, t)| *t <= ctx.now) else { break None };
        let p = &mut c.policies.policies[i];
        let name = p.name.clone();
        p.reschedule(t);
        let stale = t + keep_ms <= ctx.now;
        let too_soon = last_started.is_some_and(|l| t < l + gap_ms);
        if !stale && !too_soon {
            break Some((name, t));
        }
    };
    if let Some((policy, at)) = fire {
        let snapshot = automated_snapshot(&c, at, ctx.layout, None, Some(policy));
        let mut snapshot = snapshot;
        if let Some(server) = c.server.as_mut() {
            let file = format!("{}.dump", snapshot.id);
            snapshot.dump = Some(file.clone());
            server.work = Some(Work::Dump { snapshot_id: snapshot.id.clone(), file });
        }
        let failure = ctx.failure(FailingOperation::Snapshot, &c.name, &c.spec.node_type);
        // Started when it fell due: progress and the task's end count from then.
        let service = Ctx { now: at, actor: None, ..*ctx };
        begin(&mut c, &service, TaskKind::Snapshot { snapshot_id: snapshot.id.clone() }, ctx.ms(ctx.config.durations.snapshot), failure);
        snapshot_event(txn, &snapshot, EventKind::CreateBackup, at, None, snapshot.policy.clone().map(EventDetail::note));
        txn.put_snapshot(snapshot);
    }
    txn.put_cluster(c);
}

/// Removes automated snapshots older than their cluster's retention; not one being restored
/// from, copied or still being taken.
pub fn expire_automated(txn: &mut Txn, ctx: &Ctx) -> bool {
    let clusters = txn.clusters();
    let busy: Vec<String> = clusters
        .iter()
        .filter_map(|c| match c.task.as_ref().map(|t| &t.kind) {
            Some(TaskKind::Restore { snapshot_id }) => Some(snapshot_id.clone()),
            _ => None,
        })
        .chain(txn.snapshots().iter().filter(|s| s.work.is_some() || s.ends_ms.is_some()).filter_map(|s| s.copy_of.clone()))
        .collect();
    let mut any = false;
    for s in txn.snapshots() {
        let Some(c) = clusters.iter().find(|c| c.id == s.cluster_id) else { continue };
        let expires = s.started_ms + i64::from(c.policies.keep_day) * DAY_MS;
        if s.is_automated() && s.status != SnapshotStatus::Creating && expires <= ctx.now && !busy.contains(&s.id) {
            snapshot_event(txn, &s, EventKind::DeleteBackup, expires.max(s.started_ms), None, Some(EventDetail::Retention { days: c.policies.keep_day }));
            txn.delete_snapshot(&s.id);
            any = true;
        }
    }
    any
}

/// Forgets events and finished jobs older than [`HISTORY_DAYS`], and events beyond
/// [`MAX_EVENTS`] a project.
pub fn prune_history(txn: &mut Txn, ctx: &Ctx) {
    let before = ctx.now - HISTORY_DAYS * DAY_MS;
    txn.prune_events(before, MAX_EVENTS);
    txn.prune_jobs(before);
}
