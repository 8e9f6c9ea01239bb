//! The snapshots page: the project's snapshots, live, newest first, with the cluster each
//! belongs to (by name while the cluster exists).

use dws_contract::Operation;
use dws_contract::status::SnapshotStatus;
use dws_contract::types::{ListSnapshotsResponse, SnapshotDetail};
use leptos::prelude::*;

use crate::api::Answer;
use crate::components::snapshot_table::SnapshotTable;
use crate::i18n::{Text, tr};
use crate::live::{use_cadence, use_live};
use crate::pages::clusters::{Freshness, use_cluster_list};
use crate::session::use_api;

/// Lists the project's snapshots.
#[component]
pub fn SnapshotsPage() -> impl IntoView {
    let api = use_api();
    let cadence = use_cadence();
    let live = use_live(
        cadence,
        move || {
            let api = api.get_untracked()?;
            Some(async move {
                let a: Answer<ListSnapshotsResponse> =
                    api.call(Operation::ListSnapshots, &api.project(), None::<&()>).await?;
                Ok(a.body.snapshots)
            })
        },
        |s: &Vec<SnapshotDetail>| s.iter().any(|s| s.status == SnapshotStatus::Creating),
    );
    let clusters = use_cluster_list();
    let cluster_name = move |id: Option<String>| {
        let id = id?;
        Some(
            clusters
                .data
                .with(|c| c.as_ref().and_then(|c| c.iter().find(|c| c.id == id).map(|c| c.name.clone())))
                .unwrap_or(id),
        )
    };
    let rows = move || {
        live.data.get().map(|mut l| {
            l.sort_by(|a, b| b.started.cmp(&a.started).then_with(|| a.name.cmp(&b.name)));
            l
        })
    };
    view! {
        <section class="page" data-testid="snapshots-page">
            <div class="page-head">
                <h1>{tr(Text::NavSnapshots)}</h1>
                <Freshness live=live/>
            </div>
            {move || match rows() {
                None => view! { <p class="muted" aria-busy="true">{tr(Text::Loading)}</p> }.into_any(),
                Some(l) if l.is_empty() => view! {
                    <div class="empty-state" data-testid="snapshots-empty"><p>{tr(Text::NoSnapshotsInProject)}</p></div>
                }.into_any(),
                Some(l) => view! {
                    <SnapshotTable list=l testid="snapshots-table" cluster_name=Callback::new(cluster_name)/>
                }.into_any(),
            }}
        </section>
    }
}
