//! The cluster a snapshot was taken of, as the snapshot tables and pages show it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::data::clusters::ClusterNames;
use crate::nav::href;

/// The cluster of a snapshot: a link to it by name while it exists, its id once it is gone.
#[component]
pub fn SnapshotCluster(cluster_id: Option<String>, names: ClusterNames) -> impl IntoView {
    move || {
        let id = cluster_id.clone()?;
        Some(match names.with(|n| n.get(&id).cloned()) {
            Some(name) => view! { <A href=href(&format!("/clusters/{id}"))>{name}</A> }.into_any(),
            None => view! { <code class="gone" data-testid="cluster-gone">{id}</code> }.into_any(),
        })
    }
}
