//! dws-proxy: the CORS proxy and console server.
//!
//! It forwards the console's API calls to the configured IAM and DWS endpoints (and nowhere
//! else), answers CORS itself, and can serve the built console under a strict
//! Content-Security-Policy. [`app::app`] is the router; [`server::serve`] runs it.

pub mod app;
pub mod client_addr;
pub mod config;
pub mod cors;
pub mod error;
pub mod forward;
pub mod h1;
pub mod headers;
pub mod limits;
pub mod path_safety;
pub mod send_deadline;
pub mod server;
pub mod state;
pub mod static_hosting;
pub mod static_site;
pub mod tls;
pub mod transfer_coding;
pub mod upstream;
