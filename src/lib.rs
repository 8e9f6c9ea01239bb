//! dws-console: a browser console for GaussDB(DWS), built with Leptos (client-side rendering).
//!
//! `main.rs` mounts [`app::App`]; everything else lives here so component tests can mount parts.

pub mod activity;
pub mod api;
pub mod app;
pub mod browser;
pub mod clock;
pub mod components;
pub mod config;
pub mod data;
pub mod export;
pub mod format;
pub mod i18n;
pub mod live;
pub mod nav;
pub mod pages;
pub mod session;
