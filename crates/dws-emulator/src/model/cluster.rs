//! A cluster: what is stored, how it looks on the wire at a given moment, and its state changes.

use dws_contract::lifecycle::{ClusterOperation, ClusterState};
use dws_contract::status::{
    ClusterStatus, ClusterTask, ParameterGroupStatus, PublicBindType, ResizeStatus, SubStatus,
    SubStatusFlag, Weekday,
};
use dws_contract::time::format_iso8601;
use dws_contract::types::{
    ActionProgress, ClusterDetail, ClusterInfo, Endpoints, FailedReason, MaintainWindow,
    ParameterGroup, PublicEndpoints, PublicIp, ResizeInfo, Tag,
};
use serde::{Deserialize, Serialize};

use super::event::Event;
use super::policy::{PolicySet, legacy_defaults};
use dws_contract::events::{EventDetail, EventKind};
use crate::error::{ApiError, Detail};

/// What a cluster is made of: the part a snapshot records and a restore re-uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterSpec {
    /// Node type name.
    pub node_type: String,
    /// Node type id.
    pub node_type_id: String,
    /// Nodes.
    pub number_of_node: u32,
    /// CNs.
    pub number_of_cn: u32,
    /// Subnet.
    pub subnet_id: String,
    /// Security group.
    pub security_group_id: String,
    /// VPC.
    pub vpc_id: String,
    /// Zone.
    pub availability_zone: String,
    /// Database port.
    pub port: u32,
    /// Administrator name.
    pub user_name: String,
    /// Enterprise project (`0` is the default one).
    pub enterprise_project_id: String,
}

/// Public access as configured, with the address the emulator gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicAccess {
    /// How the EIP is bound.
    pub bind_type: PublicBindType,
    /// The bound EIP.
    pub eip_id: Option<String>,
    /// Its address.
    pub address: Option<String>,
}

/// Work under way on a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// What is being done.
    pub kind: TaskKind,
    /// When it started.
    pub started_ms: i64,
    /// When it ends (persisted, so work in flight resumes after a restart).
    pub ends_ms: i64,
    /// Set when the operation is configured to fail: the reason it will give.
    pub failure: Option<String>,
    /// The job that follows it, when the operation answered one.
    #[serde(default)]
    pub job: Option<String>,
    /// The IAM user who asked for it (its events name them).
    #[serde(default)]
    pub user: Option<String>,
}

/// The kinds of cluster work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TaskKind {
    /// Being created.
    Create,
    /// Being restored from a snapshot.
    Restore {
        /// The snapshot.
        snapshot_id: String,
    },
    /// A snapshot is being taken.
    Snapshot {
        /// The snapshot being taken.
        snapshot_id: String,
    },
    /// Scaling out.
    Resize {
        /// Nodes before.
        origin: u32,
        /// Nodes after.
        target: u32,
    },
    /// Restarting.
    Restart,
    /// Being stopped.
    Stop,
    /// Being started again.
    Start,
    /// Being deleted.
    Delete {
        /// Manual snapshots to keep.
        keep: u32,
    },
}

/// A scale-out that failed, kept to show in `resize_info` until the next operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedResize {
    /// Nodes before.
    pub origin: u32,
    /// Nodes asked for.
    pub target: u32,
    /// When it started.
    pub started_ms: i64,
}

/// A stored cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Id.
    pub id: String,
    /// Owning project.
    pub project_id: String,
    /// Name.
    pub name: String,
    /// Specs.
    pub spec: ClusterSpec,
    /// Public access.
    pub public: PublicAccess,
    /// Private node addresses.
    pub private_ips: Vec<String>,
    /// Version.
    pub version: String,
    /// Created.
    pub created_ms: i64,
    /// Last change.
    pub updated_ms: i64,
    /// Lifecycle state (`CREATING`, `AVAILABLE`, `CREATION FAILED`, `DELETING`).
    pub status: ClusterStatus,
    /// Work under way.
    pub task: Option<Task>,
    /// A failure a finished task left (`REBOOT_FAILURE`, `RESIZE_FAILURE`).
    pub task_failure: Option<ClusterTask>,
    /// The failed scale-out, while `RESIZE_FAILURE` shows.
    pub failed_resize: Option<FailedResize>,
    /// Why creation failed.
    pub failed_reason: Option<FailedReason>,
    /// Salted hashes of the administrator passwords, newest first (never the passwords).
    pub password_hashes: Vec<String>,
    /// Parameter group id.
    pub parameter_group_id: String,
    /// Events so far.
    pub recent_event: u32,
    /// Tags.
    pub tags: Vec<Tag>,
    /// The block of loopback addresses it owns (see `plane::address`).
    #[serde(default)]
    pub block: Option<u32>,
    /// The administrator password's SCRAM verifier, for its server (never the password).
    #[serde(default)]
    pub admin_verifier: Option<String>,
    /// Its PostgreSQL server, when the data plane runs one.
    #[serde(default)]
    pub server: Option<ServerRecord>,
    /// Its weekly maintenance window.
    #[serde(default)]
    pub maintenance: MaintenanceWindow,
    /// Its automated snapshots.
    #[serde(default = "legacy_defaults")]
    pub policies: PolicySet,
}

/// A weekly maintenance window in UTC: four hours from `start_hour` on `day`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaintenanceWindow {
    /// The day it starts on.
    pub day: Weekday,
    /// The hour it starts, 0–23.
    pub start_hour: u32,
}

impl Default for MaintenanceWindow {
    /// Wednesday 22:00–02:00 UTC, what the emulator has always given.
    fn default() -> Self {
        MaintenanceWindow { day: Weekday::Wed, start_hour: 22 }
    }
}

impl MaintenanceWindow {
    /// The wire form.
    pub fn wire(&self) -> MaintainWindow {
        let hhmm = |h: u32| format!("{:02}:00", h % 24);
        MaintainWindow {
            day: Some(self.day.clone()),
            start_time: Some(hhmm(self.start_hour)),
            end_time: Some(hhmm(self.start_hour + dws_contract::rules::WINDOW_HOURS)),
        }
    }
}

/// The cluster's PostgreSQL server, when the data plane runs one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerRecord {
    /// Its folder (the data directory, log and socket are in it).
    pub root: String,
    /// The port it listens on (the request's, or one of its own on 127.0.0.1).
    pub port: u32,
    /// The addresses it listens on: the CNs' and the public one.
    pub listen: Vec<String>,
    /// Work the server still has to do for the task under way.
    #[serde(default)]
    pub work: Option<Work>,
}

/// What a cluster's server has to do before its task can finish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Work {
    /// Set it up and start it, loading a dump when restoring.
    Provision {
        /// The dump to load (a file of the emulator's `dumps` folder).
        restore_dump: Option<String>,
    },
    /// Restart it.
    Restart,
    /// Dump its database for a snapshot.
    Dump {
        /// The snapshot.
        snapshot_id: String,
        /// The file to write in the `dumps` folder.
        file: String,
    },
    /// Stop it and remove its folder.
    Destroy,
    /// Stop it, keeping its folder: the cluster is being stopped.
    Stop,
    /// Start it again: the cluster is being started.
    Start,
}

/// Progress of work from `start` to `end` at `now`, as the service writes it (`"37%"`); never
/// 100% while the work is still under way.
pub fn percent(start: i64, end: i64, now: i64) -> String {
    let span = (end - start).max(1) as f64;
    let p = ((now - start) as f64 / span * 100.0).floor().clamp(0.0, 99.0);
    format!("{}%", p as u32)
}

impl Cluster {
    /// The state the shared table judges operations by.
    pub fn state(&self) -> ClusterState {
        ClusterState {
            status: self.status.clone(),
            sub_status: self.sub_status().unwrap_or_default(),
            task: self.task.as_ref().and_then(|t| t.kind.wire_task()),
        }
    }

    /// Whether the cluster's state allows `op`; if not, the service's refusal.
    pub fn allows(&self, op: ClusterOperation) -> Result<(), ApiError> {
        let state = self.state();
        state.allows(op).map_err(|refusal| {
            ApiError::with(refusal.code(), Detail::ClusterRefused { refusal, op, state: state.describe() })
        })
    }

    fn sub_status(&self) -> Option<SubStatus> {
        self.status.is_available().then(|| SubStatus(vec![SubStatusFlag::Normal]))
    }

    /// Starts work; clears any failure a previous task left.
    pub fn start(&mut self, kind: TaskKind, now: i64, duration_ms: i64, failure: Option<String>) {
        self.task_failure = None;
        self.failed_resize = None;
        if matches!(kind, TaskKind::Delete { .. }) {
            self.status = ClusterStatus::Deleting;
        }
        self.task = Some(Task { kind, started_ms: now, ends_ms: now + duration_ms.max(1), failure, job: None, user: None });
        self.updated_ms = now;
    }

    /// An event about this cluster, counted in its `recent_event`.
    pub fn event(&mut self, kind: EventKind, at: i64, user: Option<&str>, detail: Option<EventDetail>) -> Event {
        self.recent_event = self.recent_event.saturating_add(1);
        let mut e = Event::new(&self.project_id, kind, &self.id, &self.name, at);
        e.cluster_id = Some(self.id.clone());
        e.user = user.map(str::to_owned);
        e.detail = detail;
        e
    }

    /// The task under way, if it is due at `now` and its server has done its part.
    pub fn due_task(&self, now: i64) -> Option<&Task> {
        self.task.as_ref().filter(|t| t.ends_ms <= now && self.pending_work().is_none())
    }

    /// The wire form of the list (table 5-10) at `now`.
    pub fn info(&self, now: i64) -> ClusterInfo {
        let running = self.task.as_ref();
        let (task_status, progress): (Option<ClusterTask>, Option<ActionProgress>) = match running {
            Some(t) => {
                let p = percent(t.started_ms, t.ends_ms, now);
                match (&t.kind, t.kind.wire_task()) {
                    // Creation shows only as progress; the status says the rest.
                    (TaskKind::Create, Some(task)) => (None, Some([(task, p)].into())),
                    // A restart has no percentage on the live service.
                    (TaskKind::Restart, task) => (task, None),
                    (_, Some(task)) => (Some(task.clone()), Some([(task, p)].into())),
                    (_, None) => (None, None),
                }
            }
            None => (self.task_failure.clone(), None),
        };
        let built = self.is_built();
        let endpoints = built.then(|| {
            self.private_ips
                .iter()
                .take(self.spec.number_of_cn.max(1) as usize)
                .map(|ip| {
                    let info = format!("{ip}:{}", self.port());
                    Endpoints {
                        jdbc_url: Some(format!("jdbc:postgresql://{info}/<YOUR_DATABASE_name>")),
                        connect_info: Some(info),
                    }
                })
                .collect()
        });
        let public_endpoints = match (&self.public.address, built) {
            (Some(addr), true) => {
                let info = format!("{addr}:{}", self.port());
                Some(vec![PublicEndpoints {
                    jdbc_url: Some(format!("jdbc:postgresql://{info}/<YOUR_DATABASE_name>")),
                    public_connect_info: Some(info),
                }])
            }
            _ => None,
        };
        ClusterInfo {
            id: self.id.clone(),
            name: self.name.clone(),
            status: self.status.clone(),
            sub_status: self.sub_status(),
            task_status,
            action_progress: progress,
            node_type: Some(self.spec.node_type.clone()),
            subnet_id: Some(self.spec.subnet_id.clone()),
            security_group_id: Some(self.spec.security_group_id.clone()),
            number_of_node: Some(self.spec.number_of_node),
            availability_zone: Some(self.spec.availability_zone.clone()),
            port: Some(self.port()),
            version: Some(self.version.clone()),
            vpc_id: Some(self.spec.vpc_id.clone()),
            user_name: Some(self.spec.user_name.clone()),
            public_ip: Some(PublicIp {
                public_bind_type: self.public.bind_type.clone(),
                eip_id: self.public.eip_id.clone(),
            }),
            public_endpoints,
            endpoints,
            updated: Some(format_iso8601(self.updated_ms)),
            created: Some(format_iso8601(self.created_ms)),
            enterprise_project_id: Some(self.spec.enterprise_project_id.clone()),
            tags: Some(self.tags.clone()),
            recent_event: Some(self.recent_event),
            failed_reasons: self.failed_reason.clone(),
        }
    }

    /// The wire form of the detail (table 5-19) at `now`.
    pub fn detail(&self, now: i64, parameter_group_name: &str) -> ClusterDetail {
        let resize_info = match (&self.task, &self.failed_resize) {
            (Some(Task { kind: TaskKind::Resize { origin, target }, started_ms, .. }), _) => {
                Some(self.resize_info(*origin, *target, *started_ms, ResizeStatus::Growing))
            }
            (None, Some(f)) => {
                Some(self.resize_info(f.origin, f.target, f.started_ms, ResizeStatus::ResizeFailure))
            }
            _ => None,
        };
        ClusterDetail {
            info: self.info(now),
            private_ip: self.is_built().then(|| self.private_ips.clone()),
            maintain_window: Some(self.maintenance.wire()),
            resize_info,
            parameter_group: Some(ParameterGroup {
                id: self.parameter_group_id.clone(),
                name: parameter_group_name.into(),
                status: ParameterGroupStatus::InSync,
            }),
            node_type_id: Some(self.spec.node_type_id.clone()),
        }
    }

    fn resize_info(&self, origin: u32, target: u32, started: i64, status: ResizeStatus) -> ResizeInfo {
        ResizeInfo {
            target_node_num: Some(target),
            origin_node_num: Some(origin),
            resize_status: Some(status),
            start_time: Some(format_iso8601(started)),
            origin_node_type: Some(self.spec.node_type.clone()),
            target_node_type: Some(self.spec.node_type.clone()),
        }
    }

    /// The port clients connect to: its server's, or the one the request chose.
    pub fn port(&self) -> u32 {
        self.server.as_ref().map_or(self.spec.port, |s| s.port)
    }

    /// Work its server still has to do, if any.
    pub fn pending_work(&self) -> Option<&Work> {
        self.server.as_ref().and_then(|s| s.work.as_ref())
    }

    /// Whether the cluster's nodes exist (it is not being created, and creation did not fail).
    fn is_built(&self) -> bool {
        !matches!(self.status, ClusterStatus::Creating | ClusterStatus::CreationFailed)
    }
}

impl TaskKind {
    /// The task as the wire names it (`task_status`, `action_progress`); a deletion shows as
    /// the cluster's status instead.
    pub fn wire_task(&self) -> Option<ClusterTask> {
        match self {
            TaskKind::Create => Some(ClusterTask::Creating),
            TaskKind::Restore { .. } => Some(ClusterTask::Restoring),
            TaskKind::Snapshot { .. } => Some(ClusterTask::Snapshotting),
            TaskKind::Resize { .. } => Some(ClusterTask::Growing),
            TaskKind::Restart => Some(ClusterTask::Rebooting),
            TaskKind::Stop => Some(ClusterTask::Stopping),
            TaskKind::Start => Some(ClusterTask::Starting),
            TaskKind::Delete { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(now: i64) -> Cluster {
        Cluster {
            id: "7ba031f6-81f4-4670-ad20-c490b91877e5".into(),
            project_id: "p".into(),
            name: "dws-demo".into(),
            spec: ClusterSpec {
                node_type: "dws.d2.xlarge".into(),
                node_type_id: "ebe532d6-665f-40e6-a4d4-3c51545b6a67".into(),
                number_of_node: 3,
                number_of_cn: 2,
                subnet_id: "s".into(),
                security_group_id: "g".into(),
                vpc_id: "v".into(),
                availability_zone: "ae-ad-1".into(),
                port: 8000,
                user_name: "dbadmin".into(),
                enterprise_project_id: "0".into(),
            },
            public: PublicAccess { bind_type: PublicBindType::NotUse, eip_id: None, address: None },
            private_ips: crate::plane::address::Block(3).nodes(3),
            version: "8.1.3.200".into(),
            created_ms: now,
            updated_ms: now,
            status: ClusterStatus::Creating,
            task: None,
            task_failure: None,
            failed_resize: None,
            failed_reason: None,
            password_hashes: vec![],
            parameter_group_id: "pg".into(),
            recent_event: 0,
            tags: vec![],
            block: Some(3),
            admin_verifier: None,
            server: None,
            maintenance: MaintenanceWindow::default(),
            policies: PolicySet::service_defaults(now),
        }
    }

    #[test]
    fn percentages_rise_and_stop_short_of_100() {
        assert_eq!(percent(0, 1000, 0), "0%");
        assert_eq!(percent(0, 1000, 370), "37%");
        assert_eq!(percent(0, 1000, 999), "99%");
        assert_eq!(percent(0, 1000, 5000), "99%");
        assert_eq!(percent(0, 0, 0), "0%");
        assert_eq!(percent(100, 50, 200), "99%");
    }

    #[test]
    fn a_creating_cluster_shows_progress_and_no_endpoints() {
        let mut c = sample(0);
        c.start(TaskKind::Create, 0, 20_000, None);
        let info = c.info(5_000);
        assert_eq!(info.status, ClusterStatus::Creating);
        assert_eq!(info.action_progress.unwrap()[&ClusterTask::Creating], "25%");
        assert_eq!(info.endpoints, None);
        assert_eq!(info.sub_status, None);
        assert!(c.allows(ClusterOperation::ScaleOut).is_err());
        assert!(c.allows(ClusterOperation::Delete).is_err());
    }

    #[test]
    fn an_available_cluster_has_endpoints_per_cn() {
        let mut c = sample(0);
        c.status = ClusterStatus::Available;
        let info = c.info(0);
        let eps = info.endpoints.unwrap();
        assert_eq!(eps.len(), 2);
        assert_eq!(eps[0].connect_info.as_deref(), Some(&*format!("{}:8000", c.private_ips[0])));
        assert!(eps[0].jdbc_url.as_deref().unwrap().starts_with("jdbc:postgresql://127."));
        assert_eq!(info.public_endpoints, None);
        assert!(info.sub_status.unwrap().is_normal());
        assert!(c.allows(ClusterOperation::Restart).is_ok());
    }

    #[test]
    fn public_endpoints_only_with_an_address() {
        let mut c = sample(0);
        c.status = ClusterStatus::Available;
        c.public = PublicAccess {
            bind_type: PublicBindType::AutoAssign,
            eip_id: Some("e".into()),
            address: Some(crate::plane::address::Block(3).public()),
        };
        let p = c.info(0).public_endpoints.unwrap();
        assert!(p[0].public_connect_info.as_deref().unwrap().starts_with("127."));
    }

    #[test]
    fn resize_shows_resize_info_then_failure() {
        let mut c = sample(0);
        c.status = ClusterStatus::Available;
        c.start(TaskKind::Resize { origin: 3, target: 6 }, 0, 1000, None);
        let d = c.detail(500, "Default-Parameter-Group-dws");
        let r = d.resize_info.unwrap();
        assert_eq!((r.origin_node_num, r.target_node_num), (Some(3), Some(6)));
        assert_eq!(r.resize_status, Some(ResizeStatus::Growing));
        assert_eq!(d.info.task_status, Some(ClusterTask::Growing));
        c.task = None;
        c.task_failure = Some(ClusterTask::ResizeFailure);
        c.failed_resize = Some(FailedResize { origin: 3, target: 6, started_ms: 0 });
        let d = c.detail(2000, "x");
        assert_eq!(d.resize_info.unwrap().resize_status, Some(ResizeStatus::ResizeFailure));
        assert_eq!(d.info.task_status, Some(ClusterTask::ResizeFailure));
        // The next operation clears the failure.
        c.start(TaskKind::Restart, 3000, 10, None);
        assert_eq!(c.task_failure, None);
        assert_eq!(c.detail(3001, "x").resize_info, None);
    }

    #[test]
    fn a_server_s_own_port_is_the_one_reported() {
        let mut c = sample(0);
        c.status = ClusterStatus::Available;
        assert_eq!(c.info(0).port, Some(8000));
        c.server = Some(ServerRecord { root: "/x".into(), port: 40123, listen: vec!["127.0.0.1".into()], work: None });
        assert_eq!(c.info(0).port, Some(40123));
        assert!(c.info(0).endpoints.unwrap()[0].connect_info.as_deref().unwrap().ends_with(":40123"));
    }
}
