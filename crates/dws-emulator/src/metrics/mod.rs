//! Cloud Eye for the emulator's clusters: their servers read once a minute ([`sampler`], from
//! [`reading`]), every figure kept with its aggregates for each Cloud Eye period ([`store`]), and
//! answered by the three metric calls (`crate::handlers::ces`). Clusters without a server
//! (`--data-plane none`) have no figures, so they report none.

pub mod reading;
pub mod sampler;
pub mod store;

pub use store::{MetricsStore, Sample};
