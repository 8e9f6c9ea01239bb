//! The emulator's model: stored clusters, snapshots, jobs and events and how they change.

pub mod cluster;
pub mod event;
pub mod job;
pub mod policy;
pub mod snapshot;

pub use cluster::{Cluster, ClusterSpec, FailedResize, MaintenanceWindow, PublicAccess, ServerRecord, Task, TaskKind, Work, percent};
pub use event::Event;
pub use job::Job;
pub use policy::{Policy, PolicySet};
pub use snapshot::{Snapshot, SnapshotWork, SourceCluster};
