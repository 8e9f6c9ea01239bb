//! dws-console: a browser console for GaussDB(DWS), built with Leptos (client-side rendering).
//!
//! `main.rs` mounts [`app::App`]; everything else lives here so component tests can mount parts.

pub mod app;
pub mod browser;
pub mod components;
pub mod config;
pub mod i18n;
pub mod pages;
