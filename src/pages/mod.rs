//! One module per page.

pub mod clusters;
pub mod frame;
pub mod node_types;
pub mod not_found;
pub mod sign_in;
pub mod snapshots;
