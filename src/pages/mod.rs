//! One module per page.

pub mod cluster;
pub mod clusters;
pub mod create_cluster;
pub mod events;
pub mod frame;
pub mod node_types;
pub mod not_found;
pub mod restore;
pub mod sign_in;
pub mod snapshot_detail;
pub mod snapshots;
