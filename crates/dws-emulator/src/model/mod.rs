//! The emulator's model: stored clusters and snapshots and how they change.

pub mod cluster;
pub mod snapshot;

pub use cluster::{Cluster, ClusterSpec, FailedResize, PublicAccess, ServerRecord, Task, TaskKind, Work};
pub use snapshot::{Snapshot, SourceCluster};
