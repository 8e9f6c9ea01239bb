//! The GaussDB(DWS) API contract, shared by the console, the emulator and the proxy.
//!
//! - [`types`]: request and response bodies of every operation, named after the reference.
//! - [`status`]: status-like values, tolerant of the live service's extra values.
//! - [`error_body`]: error bodies in every shape the service sends.
//! - [`catalog`]: every error code with its status, message and remedy in English and Chinese.
//! - [`rules`]: the field rules of chapter 5, each mapped to its error code.
//! - [`headers`]: the API's own HTTP header names.
//! - [`operation`]: each operation's method, path, success status and IAM action.
//! - [`lifecycle`]: which operation each cluster and snapshot state allows, and why not.
//! - [`connection`]: the default database, and the `psql` and JDBC strings for an endpoint.
//! - [`console_config`]: the console's runtime `config.json`.
//! - [`ces`]: Cloud Eye's metric calls and the DWS metrics they read.
//! - [`schedule`]: snapshot policies' Quartz cron schedules.
//! - [`events`]: the events the service records, with their names and words.
//!
//! No I/O: it builds for the browser (wasm32) and for the servers alike.

pub mod catalog;
pub mod ces;
pub mod connection;
pub mod console_config;
pub mod error_body;
pub mod events;
pub mod headers;
pub mod lang;
pub mod lenient;
pub mod lifecycle;
pub mod operation;
pub mod rules;
pub mod schedule;
pub mod secret;
pub mod status;
pub mod time;
pub mod types;
mod wire_enum;

pub use catalog::{CatalogEntry, ErrorCode};
pub use error_body::ErrorBody;
pub use lang::Lang;
pub use operation::{Method, Operation, PathParams, Service};
pub use secret::Secret;
