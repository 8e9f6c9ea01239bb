//! The events the service records about clusters and snapshots, and their words.
//!
//! Names, categories, severities and texts are those of Huawei's user guide, "Event Notifications
//! Overview" (dws_01_0099; the table in `opentelekomcloud-docs/data-warehouse-service`,
//! `umn/source/dws_cluster_o_and_m/viewing_and_subscribing_to_dws_cluster_events/viewing_dws_cluster_events.rst`).
//! That table has no event for a stop, a start, a rename, tags, snapshot policies or the
//! maintenance window; those take the names Huawei's audit log (CTS) gives the same operations
//! (`stopCluster`, `startCluster`, `batchCreateResourceTag`, `updateClustersBackupPolicy`,
//! `modifyMaintenanceWindow`), and are marked as the project's own ([`EventKind::documented`]).
//! The API's `description` is a template whose `%s` is the resource's name; `context` fills it in.

use crate::lang::Lang;
use crate::status::{EventCategory, EventSeverity, EventSourceType};

macro_rules! event_kinds {
    ( $( $(#[$doc:meta])* $kind:ident = $name:literal, $category:ident, $severity:ident, $source:ident, $documented:literal,
         ($display_en:literal, $display_zh:literal), ($template_en:literal, $template_zh:literal); )+ ) => {
        /// An event the service records.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum EventKind {
            $( $(#[$doc])* $kind, )+
        }

        impl EventKind {
            /// Every kind, in the order of the user guide's table.
            pub const ALL: &'static [EventKind] = &[ $( EventKind::$kind, )+ ];

            /// Its specification's name, as on the wire.
            pub fn name(self) -> &'static str {
                match self { $( EventKind::$kind => $name, )+ }
            }

            /// `management`, `monitor` or `security`.
            pub fn category(self) -> EventCategory {
                match self { $( EventKind::$kind => EventCategory::$category, )+ }
            }

            /// `normal` or `warning`.
            pub fn severity(self) -> EventSeverity {
                match self { $( EventKind::$kind => EventSeverity::$severity, )+ }
            }

            /// What kind of resource it is about.
            pub fn source_type(self) -> EventSourceType {
                match self { $( EventKind::$kind => EventSourceType::$source, )+ }
            }

            /// Whether Huawei's table lists it (the others are this project's, named after the
            /// audit log's names for the same operations).
            pub fn documented(self) -> bool {
                match self { $( EventKind::$kind => $documented, )+ }
            }

            /// Its name for people.
            pub fn display_name(self, lang: Lang) -> &'static str {
                match self { $( EventKind::$kind => lang.pick($display_en, $display_zh), )+ }
            }

            /// Its template: `%s` is the resource's name.
            pub fn template(self, lang: Lang) -> &'static str {
                match self { $( EventKind::$kind => lang.pick($template_en, $template_zh), )+ }
            }
        }
    };
}

event_kinds! {
    /// Creating a cluster began.
    CreateCluster = "createCluster", Management, Normal, Cluster, true,
        ("Cluster creation started", "开始创建集群"), ("Creation of cluster %s started.", "开始创建集群%s。");
    /// A cluster was created.
    CreateClusterSuccess = "createClusterSuccess", Management, Normal, Cluster, true,
        ("Cluster created", "集群创建成功"), ("The cluster %s is created.", "集群%s创建成功。");
    /// Creating a cluster failed.
    CreateClusterFail = "createClusterFail", Management, Warning, Cluster, true,
        ("Cluster creation failed", "集群创建失败"), ("Creation of cluster %s failed.", "集群%s创建失败。");
    /// A scale-out began.
    ExtendCluster = "extendCluster", Management, Normal, Cluster, true,
        ("Cluster scale-out started", "开始扩容集群"), ("Scale-out of cluster %s started.", "开始扩容集群%s。");
    /// A cluster was scaled out.
    ExtendClusterSuccess = "extendClusterSuccess", Management, Normal, Cluster, true,
        ("Cluster scaled out", "集群扩容成功"), ("The cluster %s is scaled out.", "集群%s扩容成功。");
    /// A scale-out failed.
    ExtendClusterFail = "extendClusterFail", Management, Warning, Cluster, true,
        ("Cluster scale-out failed", "集群扩容失败"), ("Scale-out of cluster %s failed.", "集群%s扩容失败。");
    /// Deleting a cluster failed.
    DeleteClusterFail = "deleteClusterFail", Management, Warning, Cluster, true,
        ("Cluster deletion failed", "集群删除失败"), ("Failed to delete the cluster %s.", "集群%s删除失败。");
    /// A cluster was deleted.
    DeleteClusterSuccess = "deleteClusterSuccess", Management, Normal, Cluster, true,
        ("Cluster deleted", "集群删除成功"), ("The cluster %s is deleted.", "集群%s删除成功。");
    /// Deleting a cluster began.
    DeleteCluster = "deleteCluster", Management, Normal, Cluster, true,
        ("Cluster deletion started", "开始删除集群"), ("Deletion of cluster %s started.", "开始删除集群%s。");
    /// Restoring a snapshot to a new cluster failed.
    RestoreClusterFail = "restoreClusterFail", Management, Warning, Cluster, true,
        ("Cluster restoration failed", "集群恢复失败"), ("Restoration of cluster %s failed.", "集群%s恢复失败。");
    /// A cluster was restored from a snapshot.
    RestoreClusterSuccess = "restoreClusterSuccess", Management, Normal, Cluster, true,
        ("Cluster restored", "集群恢复成功"), ("The cluster %s is restored.", "集群%s恢复成功。");
    /// Restoring a snapshot to a new cluster began.
    RestoreCluster = "restoreCluster", Management, Normal, Cluster, true,
        ("Cluster restoration started", "开始恢复集群"), ("Restoration of cluster %s started.", "开始恢复集群%s。");
    /// A restart failed.
    RestartClusterFail = "restartClusterFail", Management, Warning, Cluster, true,
        ("Cluster restart failed", "集群重启失败"), ("Restart of cluster %s failed.", "集群%s重启失败。");
    /// A cluster was restarted.
    RestartClusterSuccess = "restartClusterSuccess", Management, Normal, Cluster, true,
        ("Cluster restarted", "集群重启成功"), ("The cluster %s is restarted.", "集群%s重启成功。");
    /// A restart began.
    RestartCluster = "restartCluster", Management, Normal, Cluster, true,
        ("Cluster restart started", "开始重启集群"), ("Restart of cluster %s started.", "开始重启集群%s。");
    /// The administrator's password was reset.
    ResetPasswordSuccess = "resetPasswordSuccess", Security, Normal, Cluster, true,
        ("Password reset", "重置密码成功"), ("The password of cluster %s has been reset.", "集群%s的密码已重置。");
    /// Stopping a cluster began.
    StopCluster = "stopCluster", Management, Normal, Cluster, false,
        ("Cluster stop started", "开始停止集群"), ("Stopping of cluster %s started.", "开始停止集群%s。");
    /// A cluster was stopped.
    StopClusterSuccess = "stopClusterSuccess", Management, Normal, Cluster, false,
        ("Cluster stopped", "集群已停止"), ("The cluster %s is stopped.", "集群%s已停止。");
    /// Stopping a cluster failed.
    StopClusterFail = "stopClusterFail", Management, Warning, Cluster, false,
        ("Cluster stop failed", "集群停止失败"), ("Stopping of cluster %s failed.", "集群%s停止失败。");
    /// Starting a stopped cluster began.
    StartCluster = "startCluster", Management, Normal, Cluster, false,
        ("Cluster start started", "开始启动集群"), ("Starting of cluster %s started.", "开始启动集群%s。");
    /// A stopped cluster was started.
    StartClusterSuccess = "startClusterSuccess", Management, Normal, Cluster, false,
        ("Cluster started", "集群启动成功"), ("The cluster %s is started.", "集群%s启动成功。");
    /// Starting a stopped cluster failed.
    StartClusterFail = "startClusterFail", Management, Warning, Cluster, false,
        ("Cluster start failed", "集群启动失败"), ("Starting of cluster %s failed.", "集群%s启动失败。");
    /// A cluster was renamed.
    ModifyClusterName = "modifyClusterName", Management, Normal, Cluster, false,
        ("Cluster renamed", "集群已重命名"), ("The cluster %s is renamed.", "集群%s已重命名。");
    /// A cluster's tags were added or changed.
    BatchCreateResourceTag = "batchCreateResourceTag", Management, Normal, Cluster, false,
        ("Tags added", "添加标签"), ("Tags of cluster %s are added or changed.", "集群%s的标签已添加或修改。");
    /// A cluster's tags were removed.
    BatchDeleteResourceTag = "batchDeleteResourceTag", Management, Normal, Cluster, false,
        ("Tags removed", "删除标签"), ("Tags of cluster %s are removed.", "集群%s的标签已删除。");
    /// A cluster's automated-snapshot settings or policies changed.
    UpdateClustersBackupPolicy = "updateClustersBackupPolicy", Management, Normal, Cluster, false,
        ("Snapshot policy changed", "快照策略变更"), ("The snapshot policies of cluster %s are changed.", "集群%s的快照策略已变更。");
    /// A cluster's maintenance window changed.
    ModifyMaintenanceWindow = "modifyMaintenanceWindow", Management, Normal, Cluster, false,
        ("Maintenance window changed", "运维时间窗变更"), ("The maintenance window of cluster %s is changed.", "集群%s的运维时间窗已变更。");
    /// A snapshot was deleted.
    DeleteBackup = "deleteBackup", Management, Normal, Backup, true,
        ("Snapshot deleted", "快照删除成功"), ("The snapshot %s is deleted.", "快照%s删除成功。");
    /// Deleting a snapshot failed.
    DeleteBackupFail = "deleteBackupFail", Management, Warning, Backup, true,
        ("Snapshot deletion failed", "快照删除失败"), ("Deletion of snapshot %s failed.", "快照%s删除失败。");
    /// A snapshot is being taken.
    CreateBackup = "createBackup", Management, Normal, Backup, true,
        ("Snapshot creation started", "开始创建快照"), ("The snapshot %s is being created.", "正在创建快照%s。");
    /// A snapshot was taken.
    CreateBackupSuccess = "createBackupSuccess", Management, Normal, Backup, true,
        ("Snapshot created", "快照创建成功"), ("The snapshot %s is created.", "快照%s创建成功。");
    /// Taking a snapshot failed.
    CreateBackupFail = "createBackupFail", Management, Warning, Backup, true,
        ("Snapshot creation failed", "快照创建失败"), ("Creation of snapshot %s failed.", "快照%s创建失败。");
}

/// What the service adds to an event's words: facts, said in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventDetail {
    /// Text that reads the same in every language: names, `key=value`, figures, a time.
    Note {
        /// The text.
        text: String,
    },
    /// A cluster's name before a rename.
    Renamed {
        /// The old name.
        from: String,
    },
    /// The snapshot a copy was made of.
    CopyOf {
        /// The source's name.
        snapshot: String,
    },
    /// The snapshot a cluster is restored from.
    FromSnapshot {
        /// Its name.
        snapshot: String,
    },
    /// A snapshot removed by retention after this many days.
    Retention {
        /// The days automated snapshots are kept.
        days: u32,
    },
    /// A snapshot policy deleted.
    PolicyDeleted {
        /// Its name.
        policy: String,
    },
}

impl EventDetail {
    /// Text that reads the same in every language.
    pub fn note(text: impl Into<String>) -> EventDetail {
        EventDetail::Note { text: text.into() }
    }

    /// The detail in a language.
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (EventDetail::Note { text }, _) => text.clone(),
            (EventDetail::Renamed { from }, Lang::En) => format!("was {from}"),
            (EventDetail::Renamed { from }, Lang::Zh) => format!("原名{from}"),
            (EventDetail::CopyOf { snapshot }, Lang::En) => format!("copy of {snapshot}"),
            (EventDetail::CopyOf { snapshot }, Lang::Zh) => format!("{snapshot}的副本"),
            (EventDetail::FromSnapshot { snapshot }, Lang::En) => format!("from snapshot {snapshot}"),
            (EventDetail::FromSnapshot { snapshot }, Lang::Zh) => format!("来自快照{snapshot}"),
            (EventDetail::Retention { days }, Lang::En) if *days == 1 => "kept 1 day".to_owned(),
            (EventDetail::Retention { days }, Lang::En) => format!("kept {days} days"),
            (EventDetail::Retention { days }, Lang::Zh) => format!("保留{days}天"),
            (EventDetail::PolicyDeleted { policy }, Lang::En) => format!("policy {policy} deleted"),
            (EventDetail::PolicyDeleted { policy }, Lang::Zh) => format!("已删除策略{policy}"),
        }
    }
}

/// The subject of every event's notification, as the service writes it.
pub const SUBJECT: &str = "DWS event notification";
/// The namespace of every event.
pub const NAME_SPACE: &str = "dws";

impl EventKind {
    /// The kind a specification's name stands for.
    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The template filled in with the resource's name, and what the service adds (the old name
    /// of a renamed cluster, the tags, a snapshot's policy).
    pub fn context(self, source_name: &str, detail: Option<&EventDetail>, lang: Lang) -> String {
        let text = self.template(lang).replacen("%s", source_name, 1);
        match detail.map(|d| d.render(lang)).filter(|d| !d.is_empty()) {
            None => text,
            Some(d) => match lang {
                Lang::En => format!("{} ({d}).", text.trim_end_matches('.')),
                Lang::Zh => format!("{}（{d}）。", text.trim_end_matches('。')),
            },
        }
    }

    /// The specification's id: stable, from its name.
    pub fn spec_id(self) -> String {
        // FNV-1a, twice with two offsets: 32 hexadecimal digits, as the service's ids have.
        let fnv = |seed: u64| {
            self.name().bytes().fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
        };
        format!("{:016x}{:016x}", fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_read_back() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_name(k.name()), Some(*k));
            assert_eq!(EventKind::ALL.iter().filter(|o| o.name() == k.name()).count(), 1, "{k:?}");
            assert_eq!(k.spec_id().len(), 32);
        }
        assert_eq!(EventKind::from_name("nothing"), None);
        let ids: std::collections::HashSet<String> = EventKind::ALL.iter().map(|k| k.spec_id()).collect();
        assert_eq!(ids.len(), EventKind::ALL.len());
    }

    #[test]
    fn every_template_names_its_resource_once_in_both_languages() {
        for k in EventKind::ALL {
            for lang in [Lang::En, Lang::Zh] {
                assert_eq!(k.template(lang).matches("%s").count(), 1, "{k:?}");
                assert!(!k.display_name(lang).is_empty());
            }
            assert!(k.template(Lang::En).ends_with('.') && k.template(Lang::Zh).ends_with('。'));
        }
    }

    #[test]
    fn failures_are_warnings_and_documented_names_are_the_guide_s() {
        for k in EventKind::ALL {
            assert_eq!(k.name().ends_with("Fail"), k.severity() == EventSeverity::Warning, "{k:?}");
        }
        assert!(EventKind::DeleteClusterSuccess.documented());
        assert!(!EventKind::StopCluster.documented());
        assert_eq!(EventKind::ResetPasswordSuccess.category(), EventCategory::Security);
        assert_eq!(EventKind::CreateBackupSuccess.source_type(), EventSourceType::Backup);
    }

    #[test]
    fn context_fills_the_template_and_adds_the_detail() {
        assert_eq!(EventKind::DeleteClusterSuccess.context("dws-1", None, Lang::En), "The cluster dws-1 is deleted.");
        let renamed = EventDetail::Renamed { from: "dws-1".into() };
        assert_eq!(EventKind::ModifyClusterName.context("dws-2", Some(&renamed), Lang::En), "The cluster dws-2 is renamed (was dws-1).");
        assert_eq!(EventKind::ModifyClusterName.context("dws-2", Some(&renamed), Lang::Zh), "集群dws-2已重命名（原名dws-1）。");
        let kept = EventDetail::Retention { days: 3 };
        assert_eq!(EventKind::DeleteBackup.context("auto-x", Some(&kept), Lang::Zh), "快照auto-x删除成功（保留3天）。");
        // A name with %s in it is put in once, as it is; an empty note adds nothing.
        assert_eq!(EventKind::DeleteBackup.context("a%sb", Some(&EventDetail::note("")), Lang::En), "The snapshot a%sb is deleted.");
        let json = serde_json::to_string(&kept).unwrap();
        assert_eq!(serde_json::from_str::<EventDetail>(&json).unwrap(), kept);
    }
}
