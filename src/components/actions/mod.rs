//! The actions on a cluster (restart, stop, start, scale out, reset password, snapshot, delete): a menu to pick
//! one, offering only what the cluster's state allows, and a confirmation dialog for each that
//! checks its input with the contract's rules.

mod delete;
mod dialog;
mod menu;
mod reset_password;
mod restart;
mod scale_out;
mod snapshot;
mod start;
mod stop;

use dws_contract::lifecycle::{ClusterOperation, ClusterState};
use dws_contract::types::ClusterInfo;
use dws_contract::{Lang, Operation, PathParams};
use serde::de::IgnoredAny;

pub use dialog::{ClusterActionDialog, DialogButtons};
pub use menu::ActionMenu;
pub use snapshot::SnapshotForm;

use crate::api::{Answer, ApiError, Request};
use crate::i18n::Text;

/// An action on a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterAction {
    /// Restart.
    Restart,
    /// Stop: release the compute until started again.
    Stop,
    /// Start a stopped cluster.
    Start,
    /// Add nodes.
    ScaleOut,
    /// Reset the administrator password.
    ResetPassword,
    /// Take a snapshot.
    Snapshot,
    /// Delete.
    Delete,
}

impl ClusterAction {
    /// Every action, in menu order.
    pub const ALL: [ClusterAction; 7] = [
        ClusterAction::Restart,
        ClusterAction::Stop,
        ClusterAction::Start,
        ClusterAction::ScaleOut,
        ClusterAction::ResetPassword,
        ClusterAction::Snapshot,
        ClusterAction::Delete,
    ];

    /// The menu entry.
    pub fn label(self) -> Text {
        match self {
            ClusterAction::Restart => Text::Restart,
            ClusterAction::Stop => Text::Stop,
            ClusterAction::Start => Text::Start,
            ClusterAction::ScaleOut => Text::ScaleOut,
            ClusterAction::ResetPassword => Text::ResetPassword,
            ClusterAction::Snapshot => Text::CreateSnapshot,
            ClusterAction::Delete => Text::Delete,
        }
    }

    /// For test ids.
    pub fn slug(self) -> &'static str {
        match self {
            ClusterAction::Restart => "restart",
            ClusterAction::Stop => "stop",
            ClusterAction::Start => "start",
            ClusterAction::ScaleOut => "scale-out",
            ClusterAction::ResetPassword => "reset-password",
            ClusterAction::Snapshot => "snapshot",
            ClusterAction::Delete => "delete",
        }
    }

    /// The operation of the shared state table.
    pub fn operation(self) -> ClusterOperation {
        match self {
            ClusterAction::Restart => ClusterOperation::Restart,
            ClusterAction::Stop => ClusterOperation::Stop,
            ClusterAction::Start => ClusterOperation::Start,
            ClusterAction::ScaleOut => ClusterOperation::ScaleOut,
            ClusterAction::ResetPassword => ClusterOperation::ResetPassword,
            ClusterAction::Snapshot => ClusterOperation::CreateSnapshot,
            ClusterAction::Delete => ClusterOperation::Delete,
        }
    }

    /// Why the cluster's state refuses the action, in the words the service would answer with;
    /// `None` when the state allows it.
    pub fn refusal(self, c: &ClusterInfo, lang: Lang) -> Option<String> {
        ClusterState::of(c).allows(self.operation()).err().map(|r| r.reason(self.operation(), lang))
    }

    /// Whether the cluster's state allows the action.
    pub fn allowed(self, c: &ClusterInfo) -> bool {
        ClusterState::of(c).allows(self.operation()).is_ok()
    }
}

/// The cluster an action dialog is open for.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterTarget {
    /// The action.
    pub action: ClusterAction,
    /// The cluster, as it was when the action was picked.
    pub cluster: ClusterInfo,
}

/// Sends a write whose answer is not read (a job id, `{}`, or nothing), to `cluster_id` (and one
/// of its snapshot policies): `done` once the service took it, `failed` with the failure. Every
/// such form goes through this one copy of the sending code, which is why the body is a JSON
/// value rather than its own type.
pub fn write(
    call: Request,
    op: Operation,
    cluster_id: String,
    policy_id: Option<String>,
    body: Option<serde_json::Value>,
    done: Box<dyn FnOnce()>,
    failed: Option<Box<dyn FnOnce(&ApiError)>>,
) {
    call.send_or(
        op,
        move |p| {
            let p = p.cluster(&cluster_id);
            match &policy_id {
                Some(id) => p.policy(id),
                None => p,
            }
        },
        body,
        move |_: Answer<IgnoredAny>| done(),
        move |e| {
            if let Some(f) = failed {
                f(e);
            }
        },
    );
}

/// A request body as [`write`] sends it.
pub fn json(body: &impl serde::Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(body).ok()
}

/// The path parameters of a cluster of the project.
fn on_cluster(id: &str) -> impl FnOnce(PathParams) -> PathParams + 'static {
    let id = id.to_owned();
    move |p| p.cluster(&id)
}
