//! dws-emulator: a local GaussDB(DWS) + IAM that answers like the service, keeps its state in
//! SQLite, and runs clusters and snapshots through their lifecycles in the background.
//!
//! [`app::app`] builds the router from an [`app::App`]; [`server::run`] serves it.

pub mod app;
pub mod auth;
pub mod body;
pub mod chaos;
pub mod clock;
pub mod config;
pub mod error;
pub mod handlers;
pub mod metrics;
pub mod model;
pub mod openapi;
pub mod ops;
pub mod plane;
pub mod server;
pub mod store;
