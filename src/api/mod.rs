//! The console's side of the API: calls, and what their failures mean to a user.

pub mod client;
pub mod error;
pub mod request;

pub use client::{Answer, Api, service_now_ms};
pub use error::{ApiError, Explanation};
pub use request::{Loaded, Request, use_load, use_request};
