//! The project's data as the pages share it: the live lists of clusters and snapshots, parsed
//! once, and what is derived from them.

pub mod clusters;
pub mod node_types;
pub mod snapshots;
