//! Request and response bodies of every operation, named after the reference's objects.
//!
//! Reading is tolerant (unknown fields are ignored, status values never fail, numbers may come as
//! strings); writing follows the reference (optional fields that are absent are left out).

mod cluster;
mod common;
mod day_two;
mod event;
mod iam;
mod node_type;
mod snapshot;
mod snapshot_policy;

pub use cluster::*;
pub use common::*;
pub use day_two::*;
pub use event::*;
pub use iam::*;
pub use node_type::*;
pub use snapshot::*;
pub use snapshot_policy::*;
