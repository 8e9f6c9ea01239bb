//! A snapshot: what is stored and how it looks on the wire.

use dws_contract::status::{SnapshotStatus, SnapshotType};
use dws_contract::time::format_iso8601;
use dws_contract::types::SnapshotDetail;
use serde::{Deserialize, Serialize};

use super::cluster::{ClusterSpec, PublicAccess};

/// What a snapshot keeps of its cluster, so a restore works after the cluster is gone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceCluster {
    /// The cluster's name at the time.
    pub name: String,
    /// Its specs.
    pub spec: ClusterSpec,
    /// Its public access.
    pub public: PublicAccess,
    /// Its version.
    pub version: String,
    /// Hash of its administrator password (a restored cluster keeps it).
    pub password_hash: Option<String>,
    /// The password's SCRAM verifier, for the restored cluster's server.
    #[serde(default)]
    pub admin_verifier: Option<String>,
}

/// A stored snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Id.
    pub id: String,
    /// Owning project.
    pub project_id: String,
    /// The cluster it was taken of.
    pub cluster_id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// `MANUAL` or automated.
    pub kind: SnapshotType,
    /// `CREATING`, `AVAILABLE`, `UNAVAILABLE`.
    pub status: SnapshotStatus,
    /// Started.
    pub started_ms: i64,
    /// Finished (once it has).
    pub finished_ms: Option<i64>,
    /// Size in GB (known once finished).
    pub size_gb: f64,
    /// The cluster as it was.
    pub source: SourceCluster,
    /// Its dump, a file of the emulator's `dumps` folder, when the data plane took one.
    #[serde(default)]
    pub dump: Option<String>,
    /// The dump's size in bytes, once taken.
    #[serde(default)]
    pub size_bytes: Option<u64>,
    /// The automated snapshot this one is a copy of.
    #[serde(default)]
    pub copy_of: Option<String>,
    /// The policy that took it, for an automated snapshot.
    #[serde(default)]
    pub policy: Option<String>,
    /// When a copy being made is done (its own lifecycle: no cluster task waits for it).
    #[serde(default)]
    pub ends_ms: Option<i64>,
    /// What the data plane still has to do for it.
    #[serde(default)]
    pub work: Option<SnapshotWork>,
}

/// What the data plane has to do for a snapshot before it is available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SnapshotWork {
    /// Give the copy its own dump: the source's, linked (dumps never change once written).
    Link {
        /// The source's dump, a file of the `dumps` folder.
        from: String,
    },
}

impl Snapshot {
    /// Whether it was taken on a schedule.
    pub fn is_automated(&self) -> bool {
        !self.kind.is_deletable()
    }

    /// Whether a copy being made is due at `now`: its time has come and its dump is there.
    pub fn copy_due(&self, now: i64) -> bool {
        self.work.is_none() && self.ends_ms.is_some_and(|e| e <= now)
    }
}

impl Snapshot {
    /// The wire form (tables 5-55 and 5-59).
    pub fn detail(&self) -> SnapshotDetail {
        SnapshotDetail {
            id: self.id.clone(),
            name: self.name.clone(),
            description: Some(self.description.clone()),
            started: Some(format_iso8601(self.started_ms)),
            finished: self.finished_ms.map(format_iso8601),
            size: (self.status == SnapshotStatus::Available).then_some(self.size_gb),
            status: self.status.clone(),
            kind: Some(self.kind.clone()),
            cluster_id: Some(self.cluster_id.clone()),
        }
    }
}

/// A snapshot's size: what the cluster's nodes hold, roughly, stable for an id.
pub fn size_for(id: &str, nodes: u32) -> f64 {
    let jitter = id.bytes().fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32)) % 100;
    (nodes as f64 * 16.0 + jitter as f64 / 10.0 * nodes as f64).round()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_grow_with_nodes_and_are_stable() {
        assert_eq!(size_for("a", 3), size_for("a", 3));
        assert!(size_for("a", 6) > size_for("a", 3));
        assert!(size_for("x", 2) >= 32.0);
    }
}
