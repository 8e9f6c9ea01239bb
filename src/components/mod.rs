//! Widgets shared by several pages.

pub mod actions;
pub mod activity_panel;
pub mod chart;
pub mod cluster_overview;
pub mod copy;
pub mod copy_snapshot;
pub mod dialog;
pub mod error_view;
pub mod event_filters;
pub mod event_table;
pub mod field;
pub mod freshness;
pub mod language_switch;
pub mod password;
pub mod recent_events;
pub mod snapshot_actions;
pub mod snapshot_cluster;
pub mod snapshot_table;
pub mod status;
pub mod table;
pub mod tabs;
