//! What each state allows: which operation the service accepts for a cluster's status,
//! sub-status and task, and for a snapshot's status and type.
//!
//! Written once here and read by both sides: the emulator refuses with it (DWS.0005, DWS.0006,
//! DWS.0007) and the console greys out an action with the same sentence the emulator would answer.
//!
//! Sources, beside the reference's status tables (5-10, 5-19, 5-55) and 5.2.4 ("only manual
//! snapshots can be deleted"):
//! - Huawei's DWS user guide, "Scaling In a Cluster" (support.huaweicloud.com, dws_01_0821): while
//!   a cluster is being resized, restart, scale-out, snapshot creation, password reset and
//!   deletion are all disabled, and a resize needs an available cluster with no redistribution
//!   under way. The same holds here for every task in progress.
//! - A cluster whose creation failed can only be deleted; a read-only cluster (disk full) can be
//!   scaled out, which is how it is brought back, so READONLY refuses nothing.
//! - Stopping (DWS user guide, "Starting, Stopping and Deleting a Cluster"): a running cluster
//!   can be stopped and a stopped one started; a stopped cluster's compute is released, so it
//!   takes no work until it is started, but it can be deleted and its settings (name, tags,
//!   maintenance window, snapshot policies) changed. The stopped status is `STOPPED`, with the
//!   tasks `STOPPING` and `STARTING` (docs/EMULATOR.md, "Stop and start").
//! - Settings follow the rule for parameters (the user guide, "Modifying GUC Parameters"): they
//!   change only when no task is under way.

use crate::catalog::ErrorCode;
use crate::lang::Lang;
use crate::status::{ClusterStatus, ClusterTask, SnapshotStatus, SnapshotType, SubStatus, SubStatusFlag};
use crate::types::{ClusterInfo, SnapshotDetail};

/// An operation on an existing cluster whose acceptance depends on the cluster's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClusterOperation {
    /// Take a manual snapshot (5.2.1).
    CreateSnapshot,
    /// Restart (5.1.6).
    Restart,
    /// Scale out (5.1.7).
    ScaleOut,
    /// Reset the administrator's password (5.1.8).
    ResetPassword,
    /// Delete (5.1.5).
    Delete,
    /// Stop a running cluster.
    Stop,
    /// Start a stopped cluster.
    Start,
    /// Change its settings: rename, tags, maintenance window, snapshot policies.
    Configure,
}

impl ClusterOperation {
    /// Every operation.
    pub const ALL: [ClusterOperation; 8] = [
        ClusterOperation::CreateSnapshot,
        ClusterOperation::Restart,
        ClusterOperation::ScaleOut,
        ClusterOperation::ResetPassword,
        ClusterOperation::Delete,
        ClusterOperation::Stop,
        ClusterOperation::Start,
        ClusterOperation::Configure,
    ];

    /// The operation as the object of "… when it has finished".
    fn phrase(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ClusterOperation::CreateSnapshot, Lang::En) => "take a snapshot",
            (ClusterOperation::CreateSnapshot, Lang::Zh) => "创建快照",
            (ClusterOperation::Restart, Lang::En) => "restart the cluster",
            (ClusterOperation::Restart, Lang::Zh) => "重启集群",
            (ClusterOperation::ScaleOut, Lang::En) => "scale the cluster out",
            (ClusterOperation::ScaleOut, Lang::Zh) => "扩容集群",
            (ClusterOperation::ResetPassword, Lang::En) => "reset the password",
            (ClusterOperation::ResetPassword, Lang::Zh) => "重置密码",
            (ClusterOperation::Delete, Lang::En) => "delete the cluster",
            (ClusterOperation::Delete, Lang::Zh) => "删除集群",
            (ClusterOperation::Stop, Lang::En) => "stop the cluster",
            (ClusterOperation::Stop, Lang::Zh) => "停止集群",
            (ClusterOperation::Start, Lang::En) => "start the cluster",
            (ClusterOperation::Start, Lang::Zh) => "启动集群",
            (ClusterOperation::Configure, Lang::En) => "change its settings",
            (ClusterOperation::Configure, Lang::Zh) => "修改集群配置",
        }
    }
}

/// What of a cluster's state decides which operations it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterState {
    /// `status`.
    pub status: ClusterStatus,
    /// `sub_status` (empty when the service gave none).
    pub sub_status: SubStatus,
    /// The task under way, if any (a failure a finished task left is not one).
    pub task: Option<ClusterTask>,
}

impl ClusterState {
    /// The state a cluster of the list or detail answer is in.
    pub fn of(c: &ClusterInfo) -> ClusterState {
        ClusterState {
            status: c.status.clone(),
            sub_status: c.sub_status.clone().unwrap_or_default(),
            task: c.progress().map(|(task, _)| task).filter(|t| !is_failure(t)),
        }
    }

    /// Whether the state allows `op`; if not, why.
    pub fn allows(&self, op: ClusterOperation) -> Result<(), ClusterRefusal> {
        use ClusterStatus as S;
        let task = self.task.as_ref().filter(|t| !is_failure(t));
        let refusal = match &self.status {
            S::Deleting => Some(ClusterRefusal::Deleting),
            _ if task.is_some() => task.cloned().map(ClusterRefusal::Busy),
            S::Creating => Some(ClusterRefusal::Busy(ClusterTask::Creating)),
            S::Available | S::Active if op == ClusterOperation::Start => Some(ClusterRefusal::NotStopped),
            S::Available | S::Active => (op == ClusterOperation::ScaleOut
                && self.sub_status.has(&SubStatusFlag::Redistributing))
            .then_some(ClusterRefusal::Redistributing),
            S::Stopped => (!matches!(op, ClusterOperation::Start | ClusterOperation::Delete | ClusterOperation::Configure))
                .then_some(ClusterRefusal::Stopped),
            S::CreationFailed | S::Failed | S::CreateFailed => {
                (op != ClusterOperation::Delete).then(|| ClusterRefusal::Failed(self.status.clone()))
            }
            S::DeleteFailed => (op != ClusterOperation::Delete).then_some(ClusterRefusal::DeleteFailed),
            S::Frozen => (op != ClusterOperation::Delete).then_some(ClusterRefusal::Frozen),
            S::Unavailable => (op != ClusterOperation::Delete).then_some(ClusterRefusal::Unavailable),
            S::Other(_) => (op != ClusterOperation::Delete).then(|| ClusterRefusal::Unknown(self.status.clone())),
        };
        refusal.map_or(Ok(()), Err)
    }

    /// How the state reads in a refusal: `AVAILABLE (SNAPSHOTTING)`, `CREATING`.
    pub fn describe(&self) -> String {
        match self.task.as_ref().filter(|t| !is_failure(t) && t.as_str() != self.status.as_str()) {
            Some(t) => format!("{} ({t})", self.status),
            None => self.status.to_string(),
        }
    }
}

/// A failure a finished task left behind (`REBOOT_FAILURE`, or an unknown `…_FAILURE`/`…_FAILED`
/// of the live service): the cluster is idle again.
fn is_failure(task: &ClusterTask) -> bool {
    task.is_failure() || matches!(task, ClusterTask::Other(s) if s.ends_with("FAILURE") || s.ends_with("FAILED"))
}

/// Why a cluster's state refuses an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClusterRefusal {
    /// A task is under way (being created or restored counts).
    Busy(ClusterTask),
    /// Being deleted.
    Deleting,
    /// Creation failed, or the cluster failed: it can only be deleted.
    Failed(ClusterStatus),
    /// A deletion failed: deleting again is all there is to do.
    DeleteFailed,
    /// Frozen (usually for billing).
    Frozen,
    /// Unavailable.
    Unavailable,
    /// Data is being redistributed after a scale-out.
    Redistributing,
    /// A status this version does not know.
    Unknown(ClusterStatus),
    /// Stopped: it takes no work until it is started.
    Stopped,
    /// Running: there is nothing to start.
    NotStopped,
}

impl ClusterRefusal {
    /// The code the service answers with.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Dws0005
    }

    /// Why, and what to do, in a sentence naming the refused operation.
    pub fn reason(&self, op: ClusterOperation, lang: Lang) -> String {
        let what = op.phrase(lang);
        match (self, lang) {
            (ClusterRefusal::Busy(task), Lang::En) => match task {
                ClusterTask::Creating => format!("The cluster is being created; {what} once it is available."),
                ClusterTask::Restoring => {
                    format!("The cluster is being restored from a snapshot; {what} once it is available.")
                }
                ClusterTask::Snapshotting => format!("A snapshot is being taken; {what} when it has finished."),
                ClusterTask::Growing => format!("The cluster is being scaled out; {what} when that has finished."),
                ClusterTask::Rebooting => format!("The cluster is restarting; {what} once it is back."),
                ClusterTask::Stopping => format!("The cluster is being stopped; {what} when that has finished."),
                ClusterTask::Starting => format!("The cluster is starting; {what} once it is available."),
                other => format!("The cluster is busy ({other}); {what} when that has finished."),
            },
            (ClusterRefusal::Busy(task), Lang::Zh) => match task {
                ClusterTask::Creating => format!("集群正在创建；请在集群可用后再{what}。"),
                ClusterTask::Restoring => format!("集群正在从快照恢复；请在集群可用后再{what}。"),
                ClusterTask::Snapshotting => format!("正在创建快照；请在快照完成后再{what}。"),
                ClusterTask::Growing => format!("集群正在扩容；请在扩容完成后再{what}。"),
                ClusterTask::Rebooting => format!("集群正在重启；请在重启完成后再{what}。"),
                ClusterTask::Stopping => format!("集群正在停止；请在停止完成后再{what}。"),
                ClusterTask::Starting => format!("集群正在启动；请在集群可用后再{what}。"),
                other => format!("集群正在执行任务（{other}）；请在任务完成后再{what}。"),
            },
            (ClusterRefusal::Deleting, Lang::En) => "The cluster is being deleted.".into(),
            (ClusterRefusal::Deleting, Lang::Zh) => "集群正在删除。".into(),
            (ClusterRefusal::Failed(ClusterStatus::Failed), Lang::En) => {
                "The cluster has failed; it can only be deleted.".into()
            }
            (ClusterRefusal::Failed(ClusterStatus::Failed), Lang::Zh) => "集群已故障，只能删除。".into(),
            (ClusterRefusal::Failed(_), Lang::En) => "Creating the cluster failed; it can only be deleted.".into(),
            (ClusterRefusal::Failed(_), Lang::Zh) => "集群创建失败，只能删除。".into(),
            (ClusterRefusal::DeleteFailed, Lang::En) => {
                "Deleting the cluster failed; it can only be deleted again.".into()
            }
            (ClusterRefusal::DeleteFailed, Lang::Zh) => "集群删除失败，只能再次删除。".into(),
            (ClusterRefusal::Frozen, Lang::En) => {
                format!("The cluster is frozen; {what} once it has been unfrozen (usually by settling the bill).")
            }
            (ClusterRefusal::Frozen, Lang::Zh) => format!("集群已冻结；请在解冻（通常为结清欠费）后再{what}。"),
            (ClusterRefusal::Unavailable, Lang::En) => {
                "The cluster is unavailable; it can only be deleted until it is available again.".into()
            }
            (ClusterRefusal::Unavailable, Lang::Zh) => "集群不可用；恢复可用前只能删除。".into(),
            (ClusterRefusal::Redistributing, Lang::En) => {
                format!("Data is being redistributed across the nodes; {what} when that has finished.")
            }
            (ClusterRefusal::Redistributing, Lang::Zh) => format!("数据正在重分布；请在重分布完成后再{what}。"),
            (ClusterRefusal::Unknown(status), Lang::En) => {
                format!("The cluster is {status}; {what} once it is available.")
            }
            (ClusterRefusal::Unknown(status), Lang::Zh) => format!("集群状态为{status}；请在集群可用后再{what}。"),
            (ClusterRefusal::Stopped, Lang::En) => format!("The cluster is stopped; start it first to {what}."),
            (ClusterRefusal::Stopped, Lang::Zh) => format!("集群已停止；请先启动集群再{what}。"),
            (ClusterRefusal::NotStopped, Lang::En) => "The cluster is running; only a stopped cluster can be started.".into(),
            (ClusterRefusal::NotStopped, Lang::Zh) => "集群正在运行；只有已停止的集群可以启动。".into(),
        }
    }
}

/// An operation on a snapshot whose acceptance depends on the snapshot's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SnapshotOperation {
    /// Restore it to a new cluster (5.2.5).
    Restore,
    /// Delete it (5.2.4).
    Delete,
    /// Copy it to a manual snapshot (`linked-copy`): automated, available snapshots only.
    Copy,
}

impl SnapshotOperation {
    /// Every operation.
    pub const ALL: [SnapshotOperation; 3] = [SnapshotOperation::Restore, SnapshotOperation::Delete, SnapshotOperation::Copy];

    fn phrase(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SnapshotOperation::Restore, Lang::En) => "restore from it",
            (SnapshotOperation::Restore, Lang::Zh) => "从该快照恢复",
            (SnapshotOperation::Delete, Lang::En) => "delete it",
            (SnapshotOperation::Delete, Lang::Zh) => "删除该快照",
            (SnapshotOperation::Copy, Lang::En) => "copy it",
            (SnapshotOperation::Copy, Lang::Zh) => "复制该快照",
        }
    }
}

/// What of a snapshot's state decides which operations it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotState {
    /// `status`.
    pub status: SnapshotStatus,
    /// `type`; `None` when the service gave none (then the service judges a deletion).
    pub kind: Option<SnapshotType>,
    /// Whether a cluster is being restored from it (the service knows; a client cannot tell).
    pub restoring_from: bool,
}

impl SnapshotState {
    /// The state of a snapshot of the list or detail answer, as far as a client can see it.
    pub fn of(s: &SnapshotDetail) -> SnapshotState {
        SnapshotState { status: s.status.clone(), kind: s.kind.clone(), restoring_from: false }
    }

    /// Whether the state allows `op`; if not, why.
    pub fn allows(&self, op: SnapshotOperation) -> Result<(), SnapshotRefusal> {
        let refusal = match op {
            SnapshotOperation::Copy if self.kind.as_ref().is_some_and(SnapshotType::is_deletable) => Some(SnapshotRefusal::Manual),
            SnapshotOperation::Restore | SnapshotOperation::Copy => match &self.status {
                SnapshotStatus::Available => None,
                SnapshotStatus::Creating => Some(SnapshotRefusal::Creating),
                SnapshotStatus::Unavailable => Some(SnapshotRefusal::Unavailable),
                other => Some(SnapshotRefusal::Unknown(other.clone())),
            },
            SnapshotOperation::Delete => {
                if self.kind.as_ref().is_some_and(|k| !k.is_deletable()) {
                    Some(SnapshotRefusal::Automated)
                } else if self.status == SnapshotStatus::Creating {
                    Some(SnapshotRefusal::Creating)
                } else if self.restoring_from {
                    Some(SnapshotRefusal::RestoringFrom)
                } else {
                    None
                }
            }
        };
        refusal.map_or(Ok(()), Err)
    }
}

/// Why a snapshot's state refuses an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotRefusal {
    /// Still being taken.
    Creating,
    /// Unusable.
    Unavailable,
    /// Taken on a schedule: the service removes it by its retention policy.
    Automated,
    /// A cluster is being restored from it.
    RestoringFrom,
    /// A status this version does not know.
    Unknown(SnapshotStatus),
    /// Taken by a user: it is kept until deleted, so there is no need to copy it.
    Manual,
}

impl SnapshotRefusal {
    /// The code the service answers with.
    pub fn code(&self) -> ErrorCode {
        match self {
            SnapshotRefusal::Automated => ErrorCode::Dws0007,
            SnapshotRefusal::Manual => ErrorCode::Dws0013,
            _ => ErrorCode::Dws0006,
        }
    }

    /// Why, and what to do, in a sentence naming the refused operation.
    pub fn reason(&self, op: SnapshotOperation, lang: Lang) -> String {
        let what = op.phrase(lang);
        match (self, lang) {
            (SnapshotRefusal::Creating, Lang::En) => format!("The snapshot is still being taken; {what} when it has finished."),
            (SnapshotRefusal::Creating, Lang::Zh) => format!("快照仍在创建中；请在完成后再{what}。"),
            (SnapshotRefusal::Unavailable, Lang::En) if op == SnapshotOperation::Copy => {
                "The snapshot is unavailable; it cannot be copied.".into()
            }
            (SnapshotRefusal::Unavailable, Lang::Zh) if op == SnapshotOperation::Copy => "快照不可用，无法复制。".into(),
            (SnapshotRefusal::Unavailable, Lang::En) => "The snapshot is unavailable; no cluster can be restored from it.".into(),
            (SnapshotRefusal::Unavailable, Lang::Zh) => "快照不可用，无法从该快照恢复集群。".into(),
            (SnapshotRefusal::Manual, Lang::En) => {
                "Only automated snapshots are copied; a manual snapshot is kept until you delete it.".into()
            }
            (SnapshotRefusal::Manual, Lang::Zh) => "只能复制自动快照；手动快照会一直保留，直到被删除。".into(),
            (SnapshotRefusal::Automated, Lang::En) => {
                "Automated snapshots are removed by the service on its schedule; only manual snapshots can be deleted.".into()
            }
            (SnapshotRefusal::Automated, Lang::Zh) => "自动快照由服务按策略删除，只有手动快照可以删除。".into(),
            (SnapshotRefusal::RestoringFrom, Lang::En) => {
                format!("A cluster is being restored from this snapshot; {what} when that has finished.")
            }
            (SnapshotRefusal::RestoringFrom, Lang::Zh) => format!("正在从该快照恢复集群；请在恢复完成后再{what}。"),
            (SnapshotRefusal::Unknown(status), Lang::En) => format!("The snapshot is {status}; {what} once it is available."),
            (SnapshotRefusal::Unknown(status), Lang::Zh) => format!("快照状态为{status}；请在快照可用后再{what}。"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ClusterOperation as Op;

    fn state(status: &str, sub: &str, task: Option<&str>) -> ClusterState {
        ClusterState { status: status.into(), sub_status: SubStatus::from(sub), task: task.map(ClusterTask::from) }
    }

    fn allowed(s: &ClusterState) -> Vec<Op> {
        Op::ALL.into_iter().filter(|op| s.allows(*op).is_ok()).collect()
    }

    /// What a running cluster with no task takes: everything but a start.
    fn running() -> Vec<Op> {
        Op::ALL.into_iter().filter(|op| *op != Op::Start).collect()
    }

    #[test]
    fn an_idle_available_cluster_takes_everything_but_a_start() {
        assert_eq!(allowed(&state("AVAILABLE", "NORMAL", None)), running());
        assert_eq!(allowed(&state("ACTIVE", "", None)), running());
        // Read-only (disk full) is cured by scaling out; it refuses nothing.
        assert_eq!(allowed(&state("AVAILABLE", "UNBALANCED | READONLY", None)), running());
        let r = state("AVAILABLE", "NORMAL", None).allows(Op::Start).unwrap_err();
        assert_eq!(r, ClusterRefusal::NotStopped);
        assert_eq!(r.reason(Op::Start, Lang::En), "The cluster is running; only a stopped cluster can be started.");
    }

    #[test]
    fn a_stopped_cluster_starts_is_deleted_or_changes_its_settings() {
        let s = state("STOPPED", "", None);
        assert_eq!(allowed(&s), [Op::Delete, Op::Start, Op::Configure]);
        for op in [Op::CreateSnapshot, Op::Restart, Op::ScaleOut, Op::ResetPassword, Op::Stop] {
            let r = s.allows(op).unwrap_err();
            assert_eq!((r.clone(), r.code()), (ClusterRefusal::Stopped, ErrorCode::Dws0005));
        }
        let r = s.allows(Op::Restart).unwrap_err();
        assert_eq!(r.reason(Op::Restart, Lang::En), "The cluster is stopped; start it first to restart the cluster.");
        assert_eq!(r.reason(Op::Restart, Lang::Zh), "集群已停止；请先启动集群再重启集群。");
        // Stopping and starting are tasks: nothing else meanwhile.
        for (status, task) in [("AVAILABLE", "STOPPING"), ("STOPPED", "STARTING")] {
            let s = state(status, "", Some(task));
            assert!(allowed(&s).is_empty(), "{task}");
            assert_eq!(s.describe(), format!("{status} ({task})"));
        }
        let r = state("AVAILABLE", "", Some("STOPPING")).allows(Op::Delete).unwrap_err();
        assert_eq!(r.reason(Op::Delete, Lang::En), "The cluster is being stopped; delete the cluster when that has finished.");
    }

    #[test]
    fn a_task_under_way_refuses_everything_with_the_task_named() {
        for task in ["SNAPSHOTTING", "GROWING", "REBOOTING", "RESTORING", "REPAIRING", "MIGRATING"] {
            let s = state("AVAILABLE", "NORMAL", Some(task));
            assert!(allowed(&s).is_empty(), "{task}");
            assert_eq!(s.allows(Op::Delete), Err(ClusterRefusal::Busy(ClusterTask::from(task))));
        }
        let s = state("AVAILABLE", "NORMAL", Some("SNAPSHOTTING"));
        let r = s.allows(Op::Delete).unwrap_err();
        assert_eq!(r.code(), ErrorCode::Dws0005);
        assert_eq!(r.reason(Op::Delete, Lang::En), "A snapshot is being taken; delete the cluster when it has finished.");
        assert_eq!(r.reason(Op::Delete, Lang::Zh), "正在创建快照；请在快照完成后再删除集群。");
        assert_eq!(s.describe(), "AVAILABLE (SNAPSHOTTING)");
    }

    #[test]
    fn a_failure_left_by_a_task_is_not_work_in_progress() {
        let info: ClusterInfo = serde_json::from_str(
            r#"{"id":"c","name":"n","status":"AVAILABLE","sub_status":"NORMAL","task_status":"RESIZE_FAILURE"}"#,
        )
        .unwrap();
        assert_eq!(ClusterState::of(&info).task, None);
        assert_eq!(allowed(&ClusterState::of(&info)), running());
        assert_eq!(allowed(&state("AVAILABLE", "NORMAL", Some("UPGRADE_FAILED"))), running());
    }

    #[test]
    fn creating_and_deleting_clusters_take_nothing() {
        let creating: ClusterInfo = serde_json::from_str(
            r#"{"id":"c","name":"n","status":"CREATING","action_progress":{"CREATING":"12%"}}"#,
        )
        .unwrap();
        let s = ClusterState::of(&creating);
        assert!(allowed(&s).is_empty());
        assert_eq!(s.describe(), "CREATING");
        assert!(allowed(&state("CREATING", "", None)).is_empty());
        assert_eq!(
            state("CREATING", "", None).allows(Op::Restart).unwrap_err().reason(Op::Restart, Lang::En),
            "The cluster is being created; restart the cluster once it is available."
        );
        assert_eq!(state("DELETING", "", None).allows(Op::Delete), Err(ClusterRefusal::Deleting));
        assert!(allowed(&state("DELETING", "", None)).is_empty());
    }

    #[test]
    fn failed_unavailable_frozen_and_unknown_clusters_can_only_be_deleted() {
        for status in ["CREATION FAILED", "FAILED", "CREATE_FAILED", "DELETE_FAILED", "FROZEN", "UNAVAILABLE", "MIGRATING"] {
            assert_eq!(allowed(&state(status, "", None)), [Op::Delete], "{status}");
        }
        let r = state("CREATION FAILED", "", None).allows(Op::Restart).unwrap_err();
        assert_eq!(r.reason(Op::Restart, Lang::En), "Creating the cluster failed; it can only be deleted.");
    }

    #[test]
    fn redistribution_refuses_only_a_scale_out() {
        let s = state("AVAILABLE", "UNBALANCED | REDISTRIBUTING", None);
        assert_eq!(allowed(&s), [Op::CreateSnapshot, Op::Restart, Op::ResetPassword, Op::Delete, Op::Stop, Op::Configure]);
        assert_eq!(s.allows(Op::ScaleOut), Err(ClusterRefusal::Redistributing));
    }

    #[test]
    fn every_refusal_has_words_in_both_languages() {
        let refusals = [
            ClusterRefusal::Busy(ClusterTask::Creating),
            ClusterRefusal::Busy(ClusterTask::Restoring),
            ClusterRefusal::Busy(ClusterTask::Snapshotting),
            ClusterRefusal::Busy(ClusterTask::Growing),
            ClusterRefusal::Busy(ClusterTask::Rebooting),
            ClusterRefusal::Busy(ClusterTask::Stopping),
            ClusterRefusal::Busy(ClusterTask::Starting),
            ClusterRefusal::Busy(ClusterTask::Other("X".into())),
            ClusterRefusal::Stopped,
            ClusterRefusal::NotStopped,
            ClusterRefusal::Deleting,
            ClusterRefusal::Failed(ClusterStatus::Failed),
            ClusterRefusal::Failed(ClusterStatus::CreationFailed),
            ClusterRefusal::DeleteFailed,
            ClusterRefusal::Frozen,
            ClusterRefusal::Unavailable,
            ClusterRefusal::Redistributing,
            ClusterRefusal::Unknown("X".into()),
        ];
        for r in refusals {
            for op in Op::ALL {
                let (en, zh) = (r.reason(op, Lang::En), r.reason(op, Lang::Zh));
                assert!(en.ends_with('.') && en.is_ascii(), "{en}");
                assert!(zh.ends_with('。') && !zh.is_ascii(), "{zh}");
            }
        }
    }

    fn snapshot(status: &str, kind: Option<&str>, restoring_from: bool) -> SnapshotState {
        SnapshotState { status: status.into(), kind: kind.map(SnapshotType::from), restoring_from }
    }

    #[test]
    fn snapshots_restore_when_available_and_delete_when_manual_and_idle() {
        use SnapshotOperation as S;
        assert_eq!(snapshot("AVAILABLE", Some("MANUAL"), false).allows(S::Restore), Ok(()));
        assert_eq!(snapshot("AVAILABLE", Some("MANUAL"), false).allows(S::Delete), Ok(()));
        assert_eq!(snapshot("CREATING", Some("MANUAL"), false).allows(S::Restore), Err(SnapshotRefusal::Creating));
        assert_eq!(snapshot("CREATING", Some("MANUAL"), false).allows(S::Delete), Err(SnapshotRefusal::Creating));
        assert_eq!(snapshot("UNAVAILABLE", Some("MANUAL"), false).allows(S::Restore), Err(SnapshotRefusal::Unavailable));
        assert_eq!(snapshot("UNAVAILABLE", Some("MANUAL"), false).allows(S::Delete), Ok(()));
        for kind in ["AUTO", "AUTOMATED", "BACKUP"] {
            let r = snapshot("AVAILABLE", Some(kind), false).allows(S::Delete).unwrap_err();
            assert_eq!((r.clone(), r.code()), (SnapshotRefusal::Automated, ErrorCode::Dws0007));
        }
        // No type given: the service judges.
        assert_eq!(snapshot("AVAILABLE", None, false).allows(S::Delete), Ok(()));
        let r = snapshot("AVAILABLE", Some("MANUAL"), true).allows(S::Delete).unwrap_err();
        assert_eq!(r.code(), ErrorCode::Dws0006);
        assert_eq!(r.reason(S::Delete, Lang::En), "A cluster is being restored from this snapshot; delete it when that has finished.");
        assert_eq!(snapshot("FROZEN", Some("MANUAL"), false).allows(S::Restore), Err(SnapshotRefusal::Unknown("FROZEN".into())));
        assert_eq!(
            snapshot("UNAVAILABLE", Some("AUTO"), false).allows(S::Copy).unwrap_err().reason(S::Copy, Lang::En),
            "The snapshot is unavailable; it cannot be copied."
        );
    }

    #[test]
    fn only_available_automated_snapshots_are_copied() {
        use SnapshotOperation as S;
        for kind in ["AUTO", "AUTOMATED"] {
            assert_eq!(snapshot("AVAILABLE", Some(kind), false).allows(S::Copy), Ok(()));
            assert_eq!(snapshot("CREATING", Some(kind), false).allows(S::Copy), Err(SnapshotRefusal::Creating));
        }
        let r = snapshot("AVAILABLE", Some("MANUAL"), false).allows(S::Copy).unwrap_err();
        assert_eq!((r.clone(), r.code()), (SnapshotRefusal::Manual, ErrorCode::Dws0013));
        assert!(r.reason(S::Copy, Lang::Zh).ends_with('。'));
    }
}
