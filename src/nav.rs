//! Links inside the console: the base path it is served under, and in-app link targets.

use leptos::prelude::*;

/// The path the console is served under (`""` at the root, `/portal/dws` under a portal).
#[derive(Debug, Clone)]
pub struct BasePath(pub String);

/// An in-app link target under the base path: `href("/clusters")` → `/portal/dws/clusters`.
pub fn href(path: &str) -> String {
    let base = use_context::<BasePath>().map(|b| b.0).unwrap_or_default();
    format!("{base}{path}")
}
