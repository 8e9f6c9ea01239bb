//! The project's data as the pages share it: the live lists of clusters and snapshots, parsed
//! once, what is derived from them, and the clusters' metrics.

pub mod clusters;
pub mod events;
pub mod metrics;
pub mod node_types;
pub mod nodes;
pub mod snapshots;
pub mod sort;
