//! Cloud Eye (CES) v1, the part of it that reads GaussDB(DWS)'s metrics: the metric catalog of
//! namespace `SYS.DWS`, the query rules (periods, statistics, limits) and the bodies of the three
//! calls. Every fact here is sourced in docs/CLOUD-EYE.md; where Huawei's pages disagree, that
//! file says which version is followed and why.
//!
//! - [`catalog`]: the DWS metrics, their units and the dimension each is reported under.
//! - [`query`]: periods, statistics, the range rule and the checks of each call's input.
//! - [`wire`]: request and answer bodies, as Huawei's SDK models them.
//! - [`error`]: Cloud Eye's v1 error body.

pub mod catalog;
pub mod error;
pub mod query;
pub mod schema;
pub mod wire;

pub use catalog::{DWS_METRICS, MetricSpec, Object};
pub use query::{Filter, Period};

/// The namespace DWS reports its metrics under.
pub const NAMESPACE: &str = "SYS.DWS";
