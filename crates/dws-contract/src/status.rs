//! Status-like values of clusters, snapshots and their parts (tables 5-10, 5-19, 5-25, 5-27,
//! 5-55), plus the variants the live service is known to send (NOTES.md, "Tolerate").

use crate::wire_enum;

wire_enum! {
    /// `status` of a cluster.
    pub enum ClusterStatus {
        /// Being created.
        Creating = "CREATING",
        /// Ready for use.
        Available = "AVAILABLE",
        /// What some regions of the live service send instead of `AVAILABLE`.
        Active = "ACTIVE",
        /// Not usable.
        Unavailable = "UNAVAILABLE",
        /// Creation failed (the reference's spelling, with a space).
        CreationFailed = "CREATION FAILED",
        /// Failed (live service).
        Failed = "FAILED",
        /// Creation failed (live service spelling).
        CreateFailed = "CREATE_FAILED",
        /// Being deleted (live service).
        Deleting = "DELETING",
        /// Deletion failed (live service).
        DeleteFailed = "DELETE_FAILED",
        /// Frozen, usually for billing (live service).
        Frozen = "FROZEN",
        /// Stopped: its compute is released until it is started again. The service's SDK lists
        /// no value for it; this is the emulator's reading (docs/EMULATOR.md, "Stop and start").
        Stopped = "STOPPED",
    }
}

impl ClusterStatus {
    /// Whether the cluster can take work (`AVAILABLE`, or the live service's `ACTIVE`).
    pub fn is_available(&self) -> bool {
        matches!(self, ClusterStatus::Available | ClusterStatus::Active)
    }

    /// Whether the status describes a failure.
    pub fn is_failed(&self) -> bool {
        matches!(
            self,
            ClusterStatus::CreationFailed
                | ClusterStatus::Failed
                | ClusterStatus::CreateFailed
                | ClusterStatus::DeleteFailed
        )
    }

    /// Whether the cluster is stopped.
    pub fn is_stopped(&self) -> bool {
        *self == ClusterStatus::Stopped
    }

    /// Whether the status will change on its own (creation or deletion under way).
    pub fn is_transitional(&self) -> bool {
        matches!(self, ClusterStatus::Creating | ClusterStatus::Deleting)
    }
}

wire_enum! {
    /// One flag of `sub_status`, which the reference writes as flags joined by ` | `
    /// (for example `UNBALANCED | READONLY`).
    pub enum SubStatusFlag {
        /// Normal.
        Normal = "NORMAL",
        /// Read-only.
        Readonly = "READONLY",
        /// Data is being redistributed.
        Redistributing = "REDISTRIBUTING",
        /// Redistribution failed.
        RedistributionFailure = "REDISTRIBUTION-FAILURE",
        /// Data is unbalanced across nodes.
        Unbalanced = "UNBALANCED",
        /// A node is faulty.
        Degraded = "DEGRADED",
    }
}

/// `sub_status` of an available cluster: a set of flags.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SubStatus(pub Vec<SubStatusFlag>);

impl SubStatus {
    /// The flags, in the order the service gave them.
    pub fn flags(&self) -> &[SubStatusFlag] {
        &self.0
    }

    /// Whether the cluster is in its normal state (or nothing was said).
    pub fn is_normal(&self) -> bool {
        self.0.iter().all(|f| *f == SubStatusFlag::Normal)
    }

    /// Whether a flag is set.
    pub fn has(&self, flag: &SubStatusFlag) -> bool {
        self.0.contains(flag)
    }
}

impl std::fmt::Display for SubStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, flag) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            f.write_str(flag.as_str())?;
        }
        Ok(())
    }
}

impl From<&str> for SubStatus {
    fn from(s: &str) -> Self {
        SubStatus(
            s.split('|')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(SubStatusFlag::from)
                .collect(),
        )
    }
}

impl serde::Serialize for SubStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "openapi")]
impl schemars::JsonSchema for SubStatus {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SubStatus".into()
    }

    /// Flags joined by `|`, as the service writes them.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "description": "Flags joined by |, e.g. NORMAL or READONLY | UNBALANCED"})
    }
}

impl<'de> serde::Deserialize<'de> for SubStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(SubStatus::from(s.as_ref()))
    }
}

wire_enum! {
    /// A cluster task: the value of `task_status` and the keys of `action_progress`.
    pub enum ClusterTask {
        /// Being created (an `action_progress` key).
        Creating = "CREATING",
        /// Being restored from a snapshot.
        Restoring = "RESTORING",
        /// A snapshot is being taken.
        Snapshotting = "SNAPSHOTTING",
        /// Scaling out.
        Growing = "GROWING",
        /// Restarting.
        Rebooting = "REBOOTING",
        /// Being stopped.
        Stopping = "STOPPING",
        /// Being started again after a stop.
        Starting = "STARTING",
        /// Being repaired (an `action_progress` key).
        Repairing = "REPAIRING",
        /// Security settings are being applied.
        SettingConfiguration = "SETTING_CONFIGURATION",
        /// An MRS data source is being configured.
        ConfiguringExtDatasource = "CONFIGURING_EXT_DATASOURCE",
        /// An MRS data source is being removed.
        DeletingExtDatasource = "DELETING_EXT_DATASOURCE",
        /// The restart failed.
        RebootFailure = "REBOOT_FAILURE",
        /// The scale-out failed.
        ResizeFailure = "RESIZE_FAILURE",
    }
}

impl ClusterTask {
    /// Whether the task is a failure left on the cluster rather than work in progress.
    pub fn is_failure(&self) -> bool {
        matches!(self, ClusterTask::RebootFailure | ClusterTask::ResizeFailure)
    }
}

wire_enum! {
    /// `resize_info.resize_status` (table 5-25).
    pub enum ResizeStatus {
        /// Scaling out.
        Growing = "GROWING",
        /// The scale-out failed.
        ResizeFailure = "RESIZE_FAILURE",
    }
}

wire_enum! {
    /// `parameter_group.status` (table 5-27).
    pub enum ParameterGroupStatus {
        /// Applied.
        InSync = "In-Sync",
        /// Being applied.
        Applying = "Applying",
        /// Takes effect after a restart.
        PendingReboot = "Pending-Reboot",
        /// Applying failed.
        SyncFailure = "Sync-Failure",
    }
}

wire_enum! {
    /// `maintain_window.day` (table 5-24).
    pub enum Weekday {
        /// Monday.
        Mon = "Mon",
        /// Tuesday.
        Tue = "Tue",
        /// Wednesday.
        Wed = "Wed",
        /// Thursday.
        Thu = "Thu",
        /// Friday.
        Fri = "Fri",
        /// Saturday.
        Sat = "Sat",
        /// Sunday.
        Sun = "Sun",
    }
}

impl Weekday {
    /// Days since Monday (0–6), for the known days.
    pub fn index(&self) -> Option<u8> {
        Weekday::KNOWN.iter().position(|d| d == self).map(|i| i as u8)
    }
}

wire_enum! {
    /// `status` of a snapshot (table 5-55).
    pub enum SnapshotStatus {
        /// Being taken.
        Creating = "CREATING",
        /// Ready to restore from.
        Available = "AVAILABLE",
        /// Not usable.
        Unavailable = "UNAVAILABLE",
    }
}

wire_enum! {
    /// `type` of a snapshot: the reference says MANUAL for user snapshots; the live service also
    /// sends AUTO and AUTOMATED for the ones it takes on a schedule.
    pub enum SnapshotType {
        /// Taken by a user; the only kind that can be deleted.
        Manual = "MANUAL",
        /// Taken on a schedule.
        Auto = "AUTO",
        /// Taken on a schedule (another spelling).
        Automated = "AUTOMATED",
    }
}

impl SnapshotType {
    /// Only manual snapshots can be deleted (5.2.4).
    pub fn is_deletable(&self) -> bool {
        *self == SnapshotType::Manual
    }
}

wire_enum! {
    /// `status` of a job (`list_job_details`).
    pub enum JobStatus {
        /// Accepted, not started.
        Init = "INIT",
        /// Waiting for its turn.
        Waiting = "WAITING",
        /// Under way.
        Running = "RUNNING",
        /// Put off until later.
        DelayScheduled = "DELAY_SCHEDULED",
        /// Failed.
        Fail = "FAIL",
        /// Done.
        Success = "SUCCESS",
        /// Stopped before it finished.
        Stop = "STOP",
    }
}

impl JobStatus {
    /// Whether the job has ended, one way or another.
    pub fn is_finished(&self) -> bool {
        matches!(self, JobStatus::Fail | JobStatus::Success | JobStatus::Stop)
    }
}

wire_enum! {
    /// `backup_type` of a snapshot policy.
    pub enum BackupType {
        /// A full backup.
        Full = "full",
        /// What changed since the last backup.
        Increment = "increment",
    }
}

wire_enum! {
    /// `backup_level` of a snapshot policy.
    pub enum BackupLevel {
        /// The whole cluster.
        Cluster = "cluster",
        /// Some schemas.
        Schema = "schema",
        /// Some tables.
        Table = "table",
    }
}

wire_enum! {
    /// `device_name`: where automated snapshots are written.
    pub enum BackupDevice {
        /// Object storage (the default).
        Obs = "OBS",
        /// A NetBackup server.
        Nbu = "NBU",
        /// An NFS share.
        Nfs = "NFS",
    }
}

wire_enum! {
    /// `category` of an event.
    pub enum EventCategory {
        /// Something done to a resource.
        Management = "management",
        /// A health change.
        Monitor = "monitor",
        /// A security change.
        Security = "security",
        /// An alarm (event subscriptions only).
        SystemAlarm = "system alarm",
    }
}

wire_enum! {
    /// `severity` of an event.
    pub enum EventSeverity {
        /// As expected.
        Normal = "normal",
        /// Needs attention.
        Warning = "warning",
    }
}

wire_enum! {
    /// `source_type` of an event: what kind of resource it is about.
    pub enum EventSourceType {
        /// A cluster.
        Cluster = "cluster",
        /// A snapshot.
        Backup = "backup",
        /// A disaster-recovery pair.
        DisasterRecovery = "disaster-recovery",
        /// A data migration.
        DataMigration = "data.migration",
        /// A data ingestion.
        Ingestion = "dws.ingestion",
    }
}

wire_enum! {
    /// `status` of a node (`list_cluster_nodes`).
    pub enum NodeStatus {
        /// Being created.
        Creating = "CREATING",
        /// Idle, in no cluster.
        Free = "FREE",
        /// Running.
        Active = "ACTIVE",
        /// Failed.
        Failed = "FAILED",
        /// Its creation failed.
        CreateFailed = "CREATE_FAILED",
        /// Being deleted.
        Deleting = "DELETING",
        /// Frozen.
        Frozen = "FROZEN",
        /// Shut down.
        Stopped = "STOPPED",
    }
}

wire_enum! {
    /// `public_ip.public_bind_type` (table 5-4).
    pub enum PublicBindType {
        /// Buy and bind a new elastic IP.
        AutoAssign = "auto_assign",
        /// No public access.
        NotUse = "not_use",
        /// Bind the elastic IP given in `eip_id`.
        BindExisting = "bind_existing",
    }
}

wire_enum! {
    /// `type` of one node-type detail (table 5-32).
    pub enum DetailType {
        /// Virtual CPUs.
        Vcpu = "vCPU",
        /// Memory.
        Mem = "mem",
        /// Local disk storage.
        LocalDisk = "LOCAL_DISK",
        /// SSD storage.
        Ssd = "SSD",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_status_parses_flag_sets() {
        let s = SubStatus::from("UNBALANCED | READONLY");
        assert_eq!(s.flags(), [SubStatusFlag::Unbalanced, SubStatusFlag::Readonly]);
        assert!(!s.is_normal());
        assert!(s.has(&SubStatusFlag::Readonly));
        assert_eq!(s.to_string(), "UNBALANCED | READONLY");
        assert!(SubStatus::from("NORMAL").is_normal());
        let loose = SubStatus::from("DEGRADED|REDISTRIBUTION-FAILURE");
        assert_eq!(loose.to_string(), "DEGRADED | REDISTRIBUTION-FAILURE");
        let odd = SubStatus::from("NORMAL | MAINTAINING");
        assert_eq!(odd.flags()[1], SubStatusFlag::Other("MAINTAINING".into()));
    }

    #[test]
    fn every_sub_status_of_the_reference_parses_to_known_flags() {
        // The 17 values of table 5-10.
        for v in [
            "NORMAL", "READONLY", "REDISTRIBUTING", "REDISTRIBUTION-FAILURE", "UNBALANCED",
            "UNBALANCED | READONLY", "DEGRADED", "DEGRADED | READONLY", "DEGRADED | UNBALANCED",
            "UNBALANCED | REDISTRIBUTING", "UNBALANCED | REDISTRIBUTION-FAILURE",
            "READONLY | REDISTRIBUTION-FAILURE", "UNBALANCED | READONLY | REDISTRIBUTION-FAILURE",
            "DEGRADED | REDISTRIBUTION-FAILURE", "DEGRADED | UNBALANCED | REDISTRIBUTION-FAILURE",
            "DEGRADED | UNBALANCED | READONLY | REDISTRIBUTION-FAILURE",
            "DEGRADED | UNBALANCED | READONLY",
        ] {
            let s = SubStatus::from(v);
            assert!(s.flags().iter().all(SubStatusFlag::is_known), "{v}");
            assert_eq!(s.to_string(), v);
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<SubStatus>(&json).unwrap(), s);
        }
    }

    #[test]
    fn cluster_status_classes() {
        assert!(ClusterStatus::Available.is_available());
        assert!(ClusterStatus::Active.is_available());
        assert!(!ClusterStatus::Creating.is_available());
        assert!(ClusterStatus::from("CREATION FAILED").is_failed());
        assert!(ClusterStatus::CreateFailed.is_failed());
        assert!(ClusterStatus::Creating.is_transitional());
        let unknown = ClusterStatus::from("MIGRATING");
        assert!(!unknown.is_available() && !unknown.is_failed() && !unknown.is_known());
    }

    #[test]
    fn only_manual_snapshots_are_deletable() {
        assert!(SnapshotType::Manual.is_deletable());
        assert!(!SnapshotType::Auto.is_deletable());
        assert!(!SnapshotType::Automated.is_deletable());
        assert!(!SnapshotType::from("BACKUP").is_deletable());
    }

    #[test]
    fn weekdays_index_from_monday() {
        assert_eq!(Weekday::Mon.index(), Some(0));
        assert_eq!(Weekday::Sun.index(), Some(6));
        assert_eq!(Weekday::from("Funday").index(), None);
    }

    #[test]
    fn task_failures() {
        assert!(ClusterTask::ResizeFailure.is_failure());
        assert!(!ClusterTask::Growing.is_failure());
    }
}
