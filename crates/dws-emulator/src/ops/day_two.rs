//! The cluster's day two: stop and start, rename, the maintenance window, tags.

use dws_contract::events::{EventDetail, EventKind};
use dws_contract::lifecycle::ClusterOperation;
use dws_contract::rules;
use dws_contract::types::{MaintenanceWindowRequest, Tag};

use super::clusters::{begin, name_free};
use super::{Ctx, cluster_event, cluster_in, start_job};
use crate::error::ApiError;
use crate::model::{Job, MaintenanceWindow, TaskKind, Work};
use crate::store::Txn;

/// Stops a running cluster: its server stops (connections are refused) and so do its metrics;
/// its data, addresses and settings stay. Returns the job.
pub fn stop(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str) -> Result<String, ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Stop)?;
    begin(&mut c, ctx, TaskKind::Stop, ctx.ms(ctx.config.durations.stop), None);
    if let Some(server) = c.server.as_mut() {
        server.work = Some(Work::Stop);
    }
    let job = start_job(txn, ctx, &mut c, "stopCluster");
    cluster_event(txn, &mut c, EventKind::StopCluster, ctx.now, ctx.actor, None);
    txn.put_cluster(c);
    Ok(job)
}

/// Starts a stopped cluster: its server comes back with its data, on its addresses. Returns
/// the job.
pub fn start(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str) -> Result<String, ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Start)?;
    begin(&mut c, ctx, TaskKind::Start, ctx.ms(ctx.config.durations.start), None);
    if let Some(server) = c.server.as_mut() {
        server.work = Some(Work::Start);
    }
    let job = start_job(txn, ctx, &mut c, "startCluster");
    cluster_event(txn, &mut c, EventKind::StartCluster, ctx.now, ctx.actor, None);
    txn.put_cluster(c);
    Ok(job)
}

/// Renames a cluster: a cluster name's rules, not one the project has. Done at once; the job
/// says so. Returns the job.
pub fn rename(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, name: &str) -> Result<String, ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Configure)?;
    rules::cluster_name(name)?;
    if c.name == name {
        let job = Job::done(project_id, "modifyClusterName", id, ctx.now);
        let job_id = job.id.clone();
        txn.put_job(job);
        return Ok(job_id);
    }
    name_free(txn, project_id, name)?;
    let old = std::mem::replace(&mut c.name, name.to_owned());
    c.updated_ms = ctx.now;
    cluster_event(txn, &mut c, EventKind::ModifyClusterName, ctx.now, ctx.actor, Some(EventDetail::Renamed { from: old }));
    let job = Job::done(project_id, "modifyClusterName", id, ctx.now);
    let job_id = job.id.clone();
    txn.put_job(job);
    txn.put_cluster(c);
    Ok(job_id)
}

/// Sets the weekly maintenance window (UTC).
pub fn set_maintenance_window(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, w: &MaintenanceWindowRequest) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Configure)?;
    let day = rules::maintenance_window(&w.day, &w.start_time, &w.end_time)?;
    let start_hour = rules::hour_of(rules::Field::MaintenanceStart, &w.start_time)?;
    c.maintenance = MaintenanceWindow { day, start_hour };
    c.updated_ms = ctx.now;
    let detail = format!("{} {}–{} UTC", w.day, w.start_time, w.end_time);
    cluster_event(txn, &mut c, EventKind::ModifyMaintenanceWindow, ctx.now, ctx.actor, Some(EventDetail::note(detail)));
    txn.put_cluster(c);
    Ok(())
}

/// Adds tags, or gives keys already there their new values.
pub fn add_tags(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, tags: &[Tag]) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Configure)?;
    c.tags = rules::tags_merged(&c.tags, tags)?;
    c.updated_ms = ctx.now;
    let detail = tags.iter().map(|t| format!("{}={}", t.key, t.value)).collect::<Vec<_>>().join(", ");
    cluster_event(txn, &mut c, EventKind::BatchCreateResourceTag, ctx.now, ctx.actor, Some(EventDetail::note(detail)));
    txn.put_cluster(c);
    Ok(())
}

/// Removes tags by key; every key must be there.
pub fn remove_tags(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, tags: &[Tag]) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Configure)?;
    c.tags = rules::tags_without(&c.tags, tags)?;
    c.updated_ms = ctx.now;
    let detail = tags.iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join(", ");
    cluster_event(txn, &mut c, EventKind::BatchDeleteResourceTag, ctx.now, ctx.actor, Some(EventDetail::note(detail)));
    txn.put_cluster(c);
    Ok(())
}
