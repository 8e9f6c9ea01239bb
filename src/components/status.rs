//! Status badges and progress bars. A status is always written out (never colour alone); values
//! this version does not know are shown as the service sent them.

use dws_contract::Lang;
use dws_contract::status::{
    ClusterStatus, ClusterTask, DetailType, NodeStatus, ParameterGroupStatus, PublicBindType, SnapshotStatus, SnapshotType, SubStatus,
    SubStatusFlag,
};
use dws_contract::types::ClusterInfo;
use leptos::prelude::*;

use crate::i18n::{Text, use_lang};

/// How a status should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Working normally.
    Good,
    /// Changing; wait.
    Busy,
    /// Needs attention.
    Warning,
    /// Failed or unusable.
    Bad,
    /// Unknown to this version.
    Neutral,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Good => "badge badge-good",
            Tone::Busy => "badge badge-busy",
            Tone::Warning => "badge badge-warning",
            Tone::Bad => "badge badge-bad",
            Tone::Neutral => "badge badge-neutral",
        }
    }

    /// A shape beside the text, so the tone does not rest on colour.
    fn glyph(self) -> &'static str {
        match self {
            Tone::Good => "●",
            Tone::Busy => "◐",
            Tone::Warning => "▲",
            Tone::Bad => "✕",
            Tone::Neutral => "○",
        }
    }
}

/// A cluster status in words, and its tone.
pub fn cluster_status(s: &ClusterStatus, lang: Lang) -> (String, Tone) {
    use ClusterStatus as S;
    let (text, tone) = match s {
        S::Creating => (Text::StatusCreating, Tone::Busy),
        S::Available | S::Active => (Text::StatusAvailable, Tone::Good),
        S::Unavailable => (Text::StatusUnavailable, Tone::Bad),
        S::CreationFailed | S::CreateFailed => (Text::StatusCreationFailed, Tone::Bad),
        S::Failed => (Text::StatusFailed, Tone::Bad),
        S::Deleting => (Text::StatusDeleting, Tone::Busy),
        S::DeleteFailed => (Text::StatusDeletionFailed, Tone::Bad),
        S::Frozen => (Text::StatusFrozen, Tone::Warning),
        S::Stopped => (Text::StatusStopped, Tone::Neutral),
        S::Other(v) => return (v.clone(), Tone::Neutral),
    };
    (text.get(lang).to_owned(), tone)
}

/// A node status in words, and its tone.
pub fn node_status(s: &NodeStatus, lang: Lang) -> (String, Tone) {
    use NodeStatus as N;
    let (text, tone) = match s {
        N::Creating => (Text::StatusCreating, Tone::Busy),
        N::Active => (Text::NodeRunning, Tone::Good),
        N::Free => (Text::NodeFree, Tone::Neutral),
        N::Failed => (Text::StatusFailed, Tone::Bad),
        N::CreateFailed => (Text::StatusCreationFailed, Tone::Bad),
        N::Deleting => (Text::StatusDeleting, Tone::Busy),
        N::Frozen => (Text::StatusFrozen, Tone::Warning),
        N::Stopped => (Text::StatusStopped, Tone::Neutral),
        N::Other(v) => return (v.clone(), Tone::Neutral),
    };
    (text.get(lang).to_owned(), tone)
}

/// A node's status as a badge.
#[component]
pub fn NodeStatusBadge(#[prop(into)] status: Signal<NodeStatus>) -> impl IntoView {
    let lang = use_lang();
    let shown = move || status.with(|s| node_status(s, lang.get()));
    view! {
        <span class=move || shown().1.class() data-testid="node-status" data-status=move || status.with(|s| s.as_str().to_owned())>
            <span aria-hidden="true" class="badge-glyph">{move || shown().1.glyph()}</span>
            {move || shown().0}
        </span>
    }
}

/// A snapshot status in words, and its tone.
pub fn snapshot_status(s: &SnapshotStatus, lang: Lang) -> (String, Tone) {
    let (text, tone) = match s {
        SnapshotStatus::Creating => (Text::StatusCreating, Tone::Busy),
        SnapshotStatus::Available => (Text::StatusAvailable, Tone::Good),
        SnapshotStatus::Unavailable => (Text::StatusUnavailable, Tone::Bad),
        SnapshotStatus::Other(v) => return (v.clone(), Tone::Neutral),
    };
    (text.get(lang).to_owned(), tone)
}

/// A snapshot type in words; unknown ones as sent.
pub fn snapshot_type(t: &SnapshotType, lang: Lang) -> String {
    match t {
        SnapshotType::Manual => Text::SnapshotManual.get(lang).to_owned(),
        SnapshotType::Auto | SnapshotType::Automated => Text::SnapshotAutomated.get(lang).to_owned(),
        SnapshotType::Other(v) => v.clone(),
    }
}

/// A public access choice in words; unknown ones as sent.
pub fn public_bind_type(t: &PublicBindType, lang: Lang) -> String {
    let text = match t {
        PublicBindType::NotUse => Text::PublicIpNone,
        PublicBindType::AutoAssign => Text::PublicIpAuto,
        PublicBindType::BindExisting => Text::PublicIpExisting,
        PublicBindType::Other(v) => return v.clone(),
    };
    text.get(lang).to_owned()
}

/// A parameter group's state in words; unknown ones as sent.
pub fn parameter_group_status(s: &ParameterGroupStatus, lang: Lang) -> String {
    let text = match s {
        ParameterGroupStatus::InSync => Text::ParameterGroupInSync,
        ParameterGroupStatus::Applying => Text::ParameterGroupApplying,
        ParameterGroupStatus::PendingReboot => Text::ParameterGroupPendingReboot,
        ParameterGroupStatus::SyncFailure => Text::ParameterGroupSyncFailure,
        ParameterGroupStatus::Other(v) => return v.clone(),
    };
    text.get(lang).to_owned()
}

/// A node type's disk kind in words; unknown ones as sent.
pub fn disk_kind(k: &DetailType, lang: Lang) -> String {
    match k {
        DetailType::LocalDisk => Text::DiskLocal.get(lang).to_owned(),
        DetailType::Ssd => "SSD".to_owned(),
        other => other.as_str().to_owned(),
    }
}

/// The status of a snapshot as a badge.
#[component]
pub fn SnapshotStatusBadge(#[prop(into)] status: Signal<SnapshotStatus>) -> impl IntoView {
    let lang = use_lang();
    let shown = move || status.with(|s| snapshot_status(s, lang.get()));
    view! {
        <span class=move || shown().1.class() data-testid="snapshot-status" data-status=move || status.with(|s| s.as_str().to_owned())>
            <span aria-hidden="true" class="badge-glyph">{move || shown().1.glyph()}</span>
            {move || shown().0}
        </span>
    }
}

/// A `sub_status` flag in words.
pub fn sub_status_flag(f: &SubStatusFlag, lang: Lang) -> String {
    use SubStatusFlag as F;
    let text = match f {
        F::Normal => Text::SubNormal,
        F::Readonly => Text::SubReadonly,
        F::Redistributing => Text::SubRedistributing,
        F::RedistributionFailure => Text::SubRedistributionFailure,
        F::Unbalanced => Text::SubUnbalanced,
        F::Degraded => Text::SubDegraded,
        F::Other(v) => return v.clone(),
    };
    text.get(lang).to_owned()
}

/// The flags of a `sub_status` that say more than "normal", in words.
pub fn sub_status_text(s: &SubStatus, lang: Lang) -> Option<String> {
    let words: Vec<String> =
        s.flags().iter().filter(|f| **f != SubStatusFlag::Normal).map(|f| sub_status_flag(f, lang)).collect();
    (!words.is_empty()).then(|| words.join(" · "))
}

/// A cluster task in words.
pub fn task_text(t: &ClusterTask, lang: Lang) -> String {
    use ClusterTask as T;
    let text = match t {
        T::Creating => Text::StatusCreating,
        T::Restoring => Text::TaskRestoring,
        T::Snapshotting => Text::TaskSnapshotting,
        T::Growing => Text::TaskGrowing,
        T::Rebooting => Text::TaskRebooting,
        T::Stopping => Text::TaskStopping,
        T::Starting => Text::TaskStarting,
        T::Repairing => Text::TaskRepairing,
        T::SettingConfiguration => Text::TaskSettingConfiguration,
        T::ConfiguringExtDatasource => Text::TaskConfiguringDatasource,
        T::DeletingExtDatasource => Text::TaskDeletingDatasource,
        T::RebootFailure => Text::TaskRebootFailure,
        T::ResizeFailure => Text::TaskResizeFailure,
        T::Other(v) => return v.clone(),
    };
    text.get(lang).to_owned()
}

/// The status of a cluster: a badge with its words, and the sub-status flags that matter.
#[component]
pub fn ClusterStatusBadge(#[prop(into)] cluster: Signal<ClusterInfo>) -> impl IntoView {
    let lang = use_lang();
    let status = move || cluster.with(|c| cluster_status(&c.status, lang.get()));
    let sub = move || cluster.with(|c| c.sub_status.as_ref().and_then(|s| sub_status_text(s, lang.get())));
    let failed_task = move || {
        cluster.with(|c| c.task_status.as_ref().filter(|t| t.is_failure()).map(|t| task_text(t, lang.get())))
    };
    view! {
        <span class="status-cell" data-testid="cluster-status">
            <span class=move || status().1.class() data-status=move || cluster.with(|c| c.status.as_str().to_owned())>
                <span aria-hidden="true" class="badge-glyph">{move || status().1.glyph()}</span>
                {move || status().0}
            </span>
            {move || sub().map(|s| view! { <span class="badge badge-warning badge-sub">{s}</span> })}
            {move || failed_task().map(|s| view! { <span class="badge badge-bad badge-sub">{s}</span> })}
        </span>
    }
}

/// The task under way, with a progress bar when the service gives a percentage.
#[component]
pub fn TaskProgress(#[prop(into)] cluster: Signal<ClusterInfo>) -> impl IntoView {
    let lang = use_lang();
    let progress = move || cluster.with(|c| c.progress());
    view! {
        {move || {
            progress().map(|(task, pct)| {
                let label = task_text(&task, lang.get());
                view! {
                    <span class="task" data-testid="cluster-task">
                        <span class="task-label">{label.clone()} {pct.map(|p| format!(" {p}%"))}</span>
                        <span class="progress" role="progressbar" aria-label=label
                            aria-valuemin="0" aria-valuemax="100"
                            aria-valuenow=pct.map(|p| p.to_string())
                            class:progress-indeterminate=pct.is_none()>
                            <span class="progress-bar" style:width=format!("{}%", pct.unwrap_or(100))></span>
                        </span>
                    </span>
                }
            })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_shown_as_sent() {
        let (text, tone) = cluster_status(&ClusterStatus::from("MIGRATING"), Lang::En);
        assert_eq!(text, "MIGRATING");
        assert_eq!(tone, Tone::Neutral);
        assert_eq!(task_text(&ClusterTask::from("DEFRAGMENTING"), Lang::Zh), "DEFRAGMENTING");
    }

    #[test]
    fn statuses_read_in_both_languages() {
        assert_eq!(cluster_status(&ClusterStatus::Available, Lang::Zh).0, "可用");
        assert_eq!(cluster_status(&ClusterStatus::Active, Lang::En), ("Available".to_owned(), Tone::Good));
        let s = SubStatus::from("UNBALANCED | READONLY");
        assert_eq!(sub_status_text(&s, Lang::En).as_deref(), Some("Unbalanced · Read-only"));
        assert_eq!(sub_status_text(&SubStatus::from("NORMAL"), Lang::En), None);
    }
}
