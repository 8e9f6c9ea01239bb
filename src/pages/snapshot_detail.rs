//! A snapshot's detail page: every field of the reference's SnapshotDetail that the service
//! sent, live while the snapshot is being taken, with restore, copy (automated snapshots) and
//! delete.

use dws_contract::Operation;
use dws_contract::lifecycle::SnapshotOperation;
use dws_contract::status::SnapshotStatus;
use dws_contract::types::{ShowSnapshotResponse, SnapshotDetail};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::Answer;
use crate::nav::href;
use crate::components::copy::CopyButton;
use crate::components::copy_snapshot::CopySnapshotDialog;
use crate::components::snapshot_actions::{DeleteSnapshotDialog, SnapshotActions, refusal};
use crate::components::status::{SnapshotStatusBadge, snapshot_type};
use crate::format::wire_time;
use crate::i18n::{Text, tr, use_lang};
use crate::live::{use_cadence, use_live};
use crate::components::freshness::Freshness;
use crate::data::clusters::use_cluster_list;
use crate::components::snapshot_cluster::SnapshotCluster;
use crate::data::clusters::{ClusterNames, cluster_names};
use crate::data::snapshots::duration_s;
use crate::format::{duration_text, size_text};
use crate::session::use_api;

/// The detail page of the snapshot in the URL.
#[component]
pub fn SnapshotDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let api = use_api();
    let live = use_live(
        use_cadence(),
        move || {
            let api = api.get_untracked()?;
            let id = id();
            Some(async move {
                let a: Answer<ShowSnapshotResponse> =
                    api.call(Operation::ShowSnapshot, &api.project().snapshot(&id), None::<&()>).await?;
                Ok(a.body.snapshot)
            })
        },
        |s: &SnapshotDetail| s.status == SnapshotStatus::Creating,
    );
    let names = cluster_names(use_cluster_list());
    let delete = RwSignal::new(None::<SnapshotDetail>);
    let copy = RwSignal::new(None::<SnapshotDetail>);
    let navigate = use_navigate();
    let on_deleted = Callback::new({
        let navigate = navigate.clone();
        move |()| navigate("/snapshots", Default::default())
    });
    // The copy's own page, where it is seen being made.
    let on_copied = Callback::new(move |copy_id: String| navigate(&format!("/snapshots/{copy_id}"), Default::default()));
    // The fields are rebuilt when the snapshot changed, not at every poll.
    let shown = Memo::new(move |_| live.data.get());
    let name = move || live.data.with(|d| d.as_ref().map(|s| s.name.clone())).unwrap_or_else(id);
    view! {
        <section class="page" data-testid="snapshot-detail">
            <p class="breadcrumb"><A href=href("/snapshots") exact=true>{tr(Text::NavSnapshots)}</A> " / "</p>
            <div class="page-head">
                <h1 data-testid="snapshot-detail-name">{name}</h1>
                <Freshness live=live/>
                {move || live.data.with(Option::is_some).then(|| view! {
                    <SnapshotActions snapshot=Signal::derive(move || live.data.get().unwrap_or_else(|| placeholder(&id())))
                        delete=delete copy=copy/>
                })}
            </div>
            {move || shown.get().map(|s| view! { <SnapshotFields snapshot=s names=names/> })}
            <Show when=move || live.data.with(Option::is_none) && live.error.with(Option::is_none)>
                <div class="empty-state" aria-busy="true"><p>{tr(Text::Loading)}</p></div>
            </Show>
            <DeleteSnapshotDialog target=delete on_done=on_deleted/>
            <CopySnapshotDialog target=copy on_done=on_copied/>
        </section>
    }
}

/// Stands in for the snapshot in the instant between its data going and the page leaving.
fn placeholder(id: &str) -> SnapshotDetail {
    SnapshotDetail {
        id: id.to_owned(),
        name: String::new(),
        description: None,
        started: None,
        finished: None,
        size: None,
        status: SnapshotStatus::Other(String::new()),
        kind: None,
        cluster_id: None,
    }
}

#[component]
fn SnapshotFields(snapshot: SnapshotDetail, names: ClusterNames) -> impl IntoView {
    let lang = use_lang();
    let s = snapshot;
    let status = s.status.clone();
    let kv = move |label: Text, value: Option<String>| {
        value.filter(|v| !v.is_empty()).map(|v| view! { <div class="kv"><dt>{tr(label)}</dt><dd>{v}</dd></div> })
    };
    let (started, finished) = (s.started.clone(), s.finished.clone());
    let time = move |t: &Option<String>| t.as_deref().map(|t| wire_time(t, lang.get()));
    view! {
        <div class="detail-grid">
            <section class="card" aria-labelledby="snapshot-overview-h">
                <h2 id="snapshot-overview-h">{tr(Text::Overview)}</h2>
                <dl class="kv-list" data-testid="snapshot-fields">
                    <div class="kv"><dt>{tr(Text::SnapshotId)}</dt>
                        <dd class="copy-row"><code>{s.id.clone()}</code><CopyButton value=s.id.clone() label=Text::SnapshotId/></dd></div>
                    <div class="kv"><dt>{tr(Text::Status)}</dt><dd><SnapshotStatusBadge status=Signal::derive(move || status.clone())/></dd></div>
                    {s.kind.clone().map(|k| view! {
                        <div class="kv"><dt>{tr(Text::SnapshotType)}</dt><dd>{move || snapshot_type(&k, lang.get())}</dd></div>
                    })}
                    {s.cluster_id.clone().map(|c| view! {
                        <div class="kv"><dt>{tr(Text::SourceCluster)}</dt><dd><SnapshotCluster cluster_id=Some(c) names=names/></dd></div>
                    })}
                    {kv(Text::Size, s.size.map(size_text))}
                    {move || kv(Text::Started, time(&started))}
                    {move || kv(Text::Finished, time(&finished))}
                    {kv(Text::Duration, duration_s(&s).map(duration_text))}
                    {kv(Text::Description, s.description.clone())}
                </dl>
                {move || refusal(&s, SnapshotOperation::Delete, lang.get()).map(|why| view! { <p class="muted" data-testid="not-deletable-note">{why}</p> })}
            </section>
        </div>
    }
}
