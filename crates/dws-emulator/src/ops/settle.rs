//! Work that falls due finishes: cluster tasks in the order they end, copies of snapshots,
//! automated snapshots on their schedules, and their retention.

use dws_contract::ErrorCode;
use dws_contract::events::{EventDetail, EventKind};
use dws_contract::status::{ClusterStatus, ClusterTask, SnapshotStatus, SnapshotType};
use dws_contract::time::format_iso8601;
use dws_contract::types::FailedReason;

use super::policies::{expire_automated, take_due_snapshots};
use super::snapshots::source_of;
use super::{Ctx, cluster_event, gb, snapshot_event};
use crate::model::snapshot::size_for;
use crate::model::{Cluster, FailedResize, Snapshot, Task, TaskKind};
use crate::plane::Layout;
use crate::plane::address::Block;
use crate::store::Txn;

/// How many rounds one settling goes: each round may start an automated snapshot that the next
/// finishes (when no server has to dump it), so a clock moved days ahead catches up at once.
const MAX_ROUNDS: usize = 1000;

/// Finishes everything that is due at `ctx.now`.
pub fn settle(txn: &mut Txn, ctx: &Ctx) {
    for _ in 0..MAX_ROUNDS {
        if !settle_once(txn, ctx) {
            break;
        }
    }
}

/// One round; whether it changed anything.
fn settle_once(txn: &mut Txn, ctx: &Ctx) -> bool {
    let mut due: Vec<Cluster> = txn.clusters().into_iter().filter(|c| c.due_task(ctx.now).is_some()).collect();
    due.sort_by(|a, b| {
        let (ea, eb) = (a.task.as_ref().map(|t| t.ends_ms), b.task.as_ref().map(|t| t.ends_ms));
        ea.cmp(&eb).then_with(|| a.id.cmp(&b.id))
    });
    let finished = !due.is_empty();
    for c in due {
        finish(txn, ctx, c);
    }
    let copied = finish_copies(txn, ctx);
    let expired = expire_automated(txn, ctx);
    let taken = take_due_snapshots(txn, ctx);
    finished || copied || expired || taken
}

/// Copies whose time has come and whose dump is there become available.
fn finish_copies(txn: &mut Txn, ctx: &Ctx) -> bool {
    let due: Vec<Snapshot> = txn.snapshots().into_iter().filter(|s| s.copy_due(ctx.now)).collect();
    let any = !due.is_empty();
    for mut s in due {
        let at = s.ends_ms.take().unwrap_or(ctx.now);
        s.status = SnapshotStatus::Available;
        s.finished_ms = Some(at);
        snapshot_event(txn, &s, EventKind::CreateBackupSuccess, at, None, None);
        txn.put_snapshot(s);
    }
    any
}

fn finish(txn: &mut Txn, ctx: &Ctx, mut c: Cluster) {
    let Some(task) = c.task.take() else { return };
    // A task waits for its server's work: it ends when both the time and the work are done.
    let at = if c.server.is_some() { task.ends_ms.max(ctx.now) } else { task.ends_ms };
    c.updated_ms = at;
    let user = task.user.clone();
    let user = user.as_deref();
    let failed = task.failure.clone();
    match &task.kind {
        TaskKind::Create | TaskKind::Restore { .. } => {
            let restore = matches!(task.kind, TaskKind::Restore { .. });
            match &task.failure {
                Some(reason) => {
                    c.status = ClusterStatus::CreationFailed;
                    c.failed_reason = Some(FailedReason {
                        error_code: Some(ErrorCode::Dws0008.as_str().to_owned()),
                        error_msg: Some(reason.clone()),
                    });
                    let kind = if restore { EventKind::RestoreClusterFail } else { EventKind::CreateClusterFail };
                    cluster_event(txn, &mut c, kind, at, user, Some(EventDetail::note(reason.clone())));
                }
                None => {
                    c.status = ClusterStatus::Available;
                    let source = match &task.kind {
                        TaskKind::Restore { snapshot_id } => txn.snapshot(snapshot_id),
                        _ => None,
                    };
                    let kind = if restore { EventKind::RestoreClusterSuccess } else { EventKind::CreateClusterSuccess };
                    cluster_event(txn, &mut c, kind, at, user, None);
                    // The service's first automated snapshot, then the schedule from here on.
                    let first = automated_snapshot(&c, at, ctx.layout, source.as_ref(), None);
                    snapshot_event(txn, &first, EventKind::CreateBackupSuccess, at, None, None);
                    txn.put_snapshot(first);
                    c.policies.reschedule_all(at);
                }
            }
        }
        TaskKind::Snapshot { snapshot_id } => {
            if let Some(mut s) = txn.snapshot(snapshot_id) {
                s.finished_ms = Some(at);
                if let Some(reason) = &task.failure {
                    s.status = SnapshotStatus::Unavailable;
                    snapshot_event(txn, &s, EventKind::CreateBackupFail, at, user, Some(EventDetail::note(reason.clone())));
                } else {
                    s.status = SnapshotStatus::Available;
                    s.size_gb = s.size_bytes.map_or_else(|| size_for(&s.id, c.spec.number_of_node), gb);
                    snapshot_event(txn, &s, EventKind::CreateBackupSuccess, at, user, s.policy.clone().map(EventDetail::note));
                }
                txn.put_snapshot(s);
            }
        }
        TaskKind::Resize { origin, target } => {
            let (origin, target) = (*origin, *target);
            if let Some(reason) = &task.failure {
                c.task_failure = Some(ClusterTask::ResizeFailure);
                c.failed_resize = Some(FailedResize { origin, target, started_ms: task.started_ms });
                cluster_event(txn, &mut c, EventKind::ExtendClusterFail, at, user, Some(EventDetail::note(reason.clone())));
            } else {
                c.spec.number_of_node = target;
                if let Some(block) = c.block {
                    let mut ips = Block(block).nodes(target);
                    // Where every node is 127.0.0.1, more nodes are more of it.
                    if c.private_ips.first().is_some_and(|a| a == "127.0.0.1") {
                        ips = vec!["127.0.0.1".to_owned(); target as usize];
                    }
                    c.private_ips = ips;
                }
                cluster_event(txn, &mut c, EventKind::ExtendClusterSuccess, at, user, Some(EventDetail::note(format!("{origin} → {target}"))));
            }
        }
        TaskKind::Restart => {
            if let Some(reason) = &task.failure {
                c.task_failure = Some(ClusterTask::RebootFailure);
                cluster_event(txn, &mut c, EventKind::RestartClusterFail, at, user, Some(EventDetail::note(reason.clone())));
            } else {
                cluster_event(txn, &mut c, EventKind::RestartClusterSuccess, at, user, None);
            }
        }
        TaskKind::Stop => {
            c.status = ClusterStatus::Stopped;
            cluster_event(txn, &mut c, EventKind::StopClusterSuccess, at, user, None);
        }
        TaskKind::Start => {
            c.status = ClusterStatus::Available;
            // What fell due while it was stopped is not made up for.
            c.policies.reschedule_all(at);
            cluster_event(txn, &mut c, EventKind::StartClusterSuccess, at, user, None);
        }
        TaskKind::Delete { keep } => {
            delete_now(txn, &mut c, *keep, at, user);
            finish_job(txn, &task, at, None);
            return;
        }
    }
    finish_job(txn, &task, at, failed.as_deref());
    txn.put_cluster(c);
}

/// The cluster goes; its newest `keep` manual snapshots stay, its other snapshots go with it.
fn delete_now(txn: &mut Txn, c: &mut Cluster, keep: u32, at: i64, user: Option<&str>) {
    let mut manual: Vec<Snapshot> = Vec::new();
    for s in txn.snapshots().into_iter().filter(|s| s.cluster_id == c.id) {
        if s.kind == SnapshotType::Manual && s.status != SnapshotStatus::Creating {
            manual.push(s);
        } else {
            txn.delete_snapshot(&s.id);
        }
    }
    manual.sort_by(|a, b| b.started_ms.cmp(&a.started_ms).then_with(|| b.id.cmp(&a.id)));
    for s in manual.iter().skip(keep as usize) {
        txn.delete_snapshot(&s.id);
    }
    cluster_event(txn, c, EventKind::DeleteClusterSuccess, at, user, None);
    txn.delete_cluster(&c.id);
}

/// The task's job, if it has one, ends.
fn finish_job(txn: &mut Txn, task: &Task, at: i64, failure: Option<&str>) {
    let Some(mut job) = task.job.as_deref().and_then(|id| txn.job(id)) else { return };
    match failure {
        Some(reason) => job.fail(at, ErrorCode::Dws0008.as_str(), reason),
        None => job.succeed(at),
    }
    txn.put_job(job);
}

/// An automated snapshot of `c` started at `at`: the service's first one (of a new cluster's
/// provisioning dump, or the dump it was restored from), or one a policy takes
/// (`policy`: then the cluster's server dumps it, as for a manual one).
pub(super) fn automated_snapshot(c: &Cluster, at: i64, layout: Option<&Layout>, restored_from: Option<&Snapshot>, policy: Option<String>) -> Snapshot {
    let stamp = format_iso8601(at).replace(['-', ':'], "");
    let dump = match (&policy, restored_from) {
        (Some(_), _) => None,
        (None, Some(source)) => source.dump.clone().zip(source.size_bytes),
        (None, None) => layout.and_then(|l| {
            let file = crate::plane::auto_dump_file(&c.id);
            std::fs::metadata(l.dumps.join(&file)).ok().map(|m| (file, m.len()))
        }),
    };
    let first = policy.is_none();
    Snapshot {
        id: uuid::Uuid::new_v4().to_string(),
        project_id: c.project_id.clone(),
        cluster_id: c.id.clone(),
        name: format!("auto-{}-{}-{}", c.name, stamp.trim_end_matches('Z'), &c.id[..8]),
        description: match &policy {
            Some(p) => format!("Automated snapshot ({p})"),
            None => "Automated snapshot".into(),
        },
        kind: SnapshotType::Automated,
        status: if first { SnapshotStatus::Available } else { SnapshotStatus::Creating },
        started_ms: at,
        finished_ms: first.then_some(at),
        size_gb: dump.as_ref().map_or_else(|| size_for(&c.id, c.spec.number_of_node), |(_, n)| gb(*n)),
        source: source_of(c),
        size_bytes: dump.as_ref().map(|(_, n)| *n),
        dump: dump.map(|(f, _)| f),
        copy_of: None,
        policy,
        ends_ms: None,
        work: None,
    }
}
