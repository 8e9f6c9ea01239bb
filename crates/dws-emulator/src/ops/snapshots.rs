//! Snapshots: manual ones (5.2.1), restores (5.2.5), deletes (5.2.4), and copies of automated
//! ones.

use dws_contract::events::{EventDetail, EventKind};
use dws_contract::lifecycle::{ClusterOperation, SnapshotOperation, SnapshotState};
use dws_contract::rules::{self, Field};
use dws_contract::status::{ClusterTask, SnapshotStatus, SnapshotType};
use dws_contract::types::{CopySnapshotRequest, Restore, Snapshot as SnapshotRequest};

use super::clusters::{begin, name_free, new_cluster, server_for};
use super::{Ctx, cluster_event, cluster_in, first_error, snapshot_event, snapshot_in, start_job};
use crate::config::FailingOperation;
use crate::error::{ApiError, Detail};
use crate::model::{Cluster, ClusterSpec, Snapshot, SnapshotWork, SourceCluster, TaskKind, Work};
use crate::store::Txn;

/// 5.2.5: a new cluster from a snapshot, with its specs and any network field overridden.
pub fn restore(
    txn: &mut Txn,
    ctx: &Ctx,
    project_id: &str,
    snapshot_id: &str,
    r: &Restore,
    enterprise_project_id: Option<&str>,
) -> Result<(String, String), ApiError> {
    let snapshot = snapshot_in(txn, project_id, snapshot_id)?;
    snapshot_allows(txn, &snapshot, SnapshotOperation::Restore)?;
    first_error(rules::restore(r, enterprise_project_id))?;
    let zone = ctx.zone(Some(r.availability_zone.as_deref().unwrap_or(&snapshot.source.spec.availability_zone)))?;
    name_free(txn, project_id, &r.name)?;
    let src = &snapshot.source.spec;
    let spec = ClusterSpec {
        subnet_id: r.subnet_id.clone().unwrap_or_else(|| src.subnet_id.clone()),
        security_group_id: r.security_group_id.clone().unwrap_or_else(|| src.security_group_id.clone()),
        vpc_id: r.vpc_id.clone().unwrap_or_else(|| src.vpc_id.clone()),
        availability_zone: zone,
        port: r.port.map(|p| p as u32).unwrap_or(src.port),
        enterprise_project_id: enterprise_project_id.map(str::to_owned).unwrap_or_else(|| src.enterprise_project_id.clone()),
        ..src.clone()
    };
    let node_type = spec.node_type.clone();
    let mut cluster = new_cluster(txn, ctx, project_id, &r.name, spec, r.public_ip.as_ref());
    cluster.version = snapshot.source.version.clone();
    cluster.password_hashes = snapshot.source.password_hash.iter().cloned().collect();
    cluster.admin_verifier = snapshot.source.admin_verifier.clone();
    cluster.server = server_for(&cluster, ctx.layout, snapshot.dump.clone());
    let failure = ctx.failure(FailingOperation::Restore, &r.name, &node_type);
    begin(&mut cluster, ctx, TaskKind::Restore { snapshot_id: snapshot.id.clone() }, ctx.ms(ctx.config.durations.restore), failure);
    let job = start_job(txn, ctx, &mut cluster, "restoreCluster");
    cluster_event(txn, &mut cluster, EventKind::RestoreCluster, ctx.now, ctx.actor, Some(EventDetail::FromSnapshot { snapshot: snapshot.name.clone() }));
    let id = cluster.id.clone();
    txn.put_cluster(cluster);
    Ok((id, job))
}

/// 5.2.1: a manual snapshot of an available cluster.
pub fn create_snapshot(txn: &mut Txn, ctx: &Ctx, project_id: &str, s: &SnapshotRequest) -> Result<String, ApiError> {
    first_error(rules::create_snapshot(s))?;
    let mut cluster = cluster_in(txn, project_id, &s.cluster_id)?;
    cluster.allows(ClusterOperation::CreateSnapshot)?;
    let snapshots = txn.snapshots();
    rules::snapshot_name_unique(
        &s.name,
        snapshots.iter().filter(|x| x.project_id == project_id).map(|x| x.name.as_str()),
    )?;
    let snapshot = Snapshot {
        id: uuid::Uuid::new_v4().to_string(),
        project_id: project_id.to_owned(),
        cluster_id: cluster.id.clone(),
        name: s.name.clone(),
        description: s.description.clone().unwrap_or_default(),
        kind: SnapshotType::Manual,
        status: SnapshotStatus::Creating,
        started_ms: ctx.now,
        finished_ms: None,
        size_gb: 0.0,
        source: source_of(&cluster),
        dump: None,
        size_bytes: None,
        copy_of: None,
        policy: None,
        ends_ms: None,
        work: None,
    };
    let mut snapshot = snapshot;
    if let Some(server) = cluster.server.as_mut() {
        let file = format!("{}.dump", snapshot.id);
        snapshot.dump = Some(file.clone());
        server.work = Some(Work::Dump { snapshot_id: snapshot.id.clone(), file });
    }
    let failure = ctx.failure(FailingOperation::Snapshot, &cluster.name, &cluster.spec.node_type);
    begin(&mut cluster, ctx, TaskKind::Snapshot { snapshot_id: snapshot.id.clone() }, ctx.ms(ctx.config.durations.snapshot), failure);
    snapshot_event(txn, &snapshot, EventKind::CreateBackup, ctx.now, ctx.actor, None);
    let id = snapshot.id.clone();
    txn.put_snapshot(snapshot);
    txn.put_cluster(cluster);
    Ok(id)
}

pub(super) fn source_of(c: &Cluster) -> SourceCluster {
    SourceCluster {
        name: c.name.clone(),
        spec: c.spec.clone(),
        public: c.public.clone(),
        version: c.version.clone(),
        password_hash: c.password_hashes.first().cloned(),
        admin_verifier: c.admin_verifier.clone(),
    }
}

/// Whether the snapshot's state allows `op`; if not, the service's refusal.
fn snapshot_allows(txn: &Txn, s: &Snapshot, op: SnapshotOperation) -> Result<(), ApiError> {
    let restoring_from = txn.clusters().into_iter().any(|c| {
        matches!(&c.task, Some(t) if matches!(&t.kind, TaskKind::Restore { snapshot_id } if *snapshot_id == s.id))
    });
    let state = SnapshotState { status: s.status.clone(), kind: Some(s.kind.clone()), restoring_from };
    state.allows(op).map_err(|refusal| {
        let described = if restoring_from { format!("{} ({})", s.status, ClusterTask::Restoring) } else { s.status.to_string() };
        ApiError::with(refusal.code(), Detail::SnapshotRefused { refusal, op, state: format!("{described}, {}", s.kind) })
    })
}

/// 5.2.4: only manual snapshots, and not while one is being taken or restored from.
pub fn delete_snapshot(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str) -> Result<(), ApiError> {
    let s = snapshot_in(txn, project_id, id)?;
    snapshot_allows(txn, &s, SnapshotOperation::Delete)?;
    snapshot_event(txn, &s, EventKind::DeleteBackup, ctx.now, ctx.actor, None);
    txn.delete_snapshot(id);
    Ok(())
}

/// Copies an automated snapshot to a manual one, kept until deleted: the same data (its dump
/// linked, never rewritten), the same cluster, `CREATING` until the copy's time is up.
pub fn copy_snapshot(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, r: &CopySnapshotRequest) -> Result<String, ApiError> {
    let source = snapshot_in(txn, project_id, id)?;
    snapshot_allows(txn, &source, SnapshotOperation::Copy)?;
    first_error(rules::copy_snapshot(r))?;
    let snapshots = txn.snapshots();
    rules::snapshot_name_unique(
        &r.backup_name,
        snapshots.iter().filter(|x| x.project_id == project_id).map(|x| x.name.as_str()),
    )
    .map_err(|mut e| {
        // The copy's name is `backup_name` on the wire.
        e.field = Field::SnapshotName;
        e
    })?;
    let copy_id = uuid::Uuid::new_v4().to_string();
    let dump = source.dump.as_ref().map(|_| format!("{copy_id}.dump"));
    let copy = Snapshot {
        id: copy_id.clone(),
        project_id: project_id.to_owned(),
        cluster_id: source.cluster_id.clone(),
        name: r.backup_name.clone(),
        description: r.description.clone().unwrap_or_default(),
        kind: SnapshotType::Manual,
        status: SnapshotStatus::Creating,
        started_ms: ctx.now,
        finished_ms: None,
        size_gb: source.size_gb,
        source: source.source.clone(),
        size_bytes: source.size_bytes,
        work: source.dump.clone().filter(|_| dump.is_some()).map(|from| SnapshotWork::Link { from }),
        dump,
        copy_of: Some(source.id.clone()),
        policy: None,
        ends_ms: Some(ctx.now + ctx.ms(ctx.config.durations.snapshot)),
    };
    snapshot_event(txn, &copy, EventKind::CreateBackup, ctx.now, ctx.actor, Some(EventDetail::CopyOf { snapshot: source.name.clone() }));
    txn.put_snapshot(copy);
    Ok(copy_id)
}

