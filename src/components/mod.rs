//! Widgets shared by several pages.

pub mod field;
pub mod language_switch;
