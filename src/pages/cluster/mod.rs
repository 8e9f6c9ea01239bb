//! A cluster's page: its name, status and actions above a row of tabs, each tab a module of its
//! own, chosen by `?tab=` in the URL (no query: the overview).

mod backups;
mod edits;
mod guard;
mod maintenance;
mod monitoring;
mod nodes;
mod overview;
mod policy_form;
mod rename;
mod schedule;
mod settings;
mod tags;
mod window;

use dws_contract::Operation;
use dws_contract::types::{ClusterDetail, ListSnapshotsResponse, ShowClusterResponse, SnapshotDetail};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::Answer;
use crate::components::actions::{ActionMenu, ClusterAction, ClusterActionDialog, ClusterTarget};
use crate::components::freshness::Freshness;
use crate::components::tabs::Tabs;
use crate::i18n::{Text, tr, use_lang};
use crate::live::{use_cadence, use_live};
use crate::nav::href;
use crate::session::use_api;

use backups::BackupsPanel;
use edits::{Edit, EditDialog};
use guard::configure_refusal;
use monitoring::MonitoringPanel;
use nodes::NodesPanel;
use overview::DetailBody;

/// The page's tabs; the first is the one a URL without `?tab=` opens.
const TABS: &[(&str, Text)] =
    &[("details", Text::TabDetails), ("monitoring", Text::TabMonitoring), ("backups", Text::TabBackups), ("nodes", Text::TabNodes)];

/// The tab a `?tab=` value names; the first for none or an unknown one.
fn tab_of(query: Option<&str>) -> &'static str {
    TABS.iter().map(|(k, _)| *k).find(|k| Some(*k) == query).unwrap_or(TABS[0].0)
}

/// The page's address with a tab chosen.
fn tab_path(id: &str, tab: &str) -> String {
    if tab == TABS[0].0 { format!("/clusters/{id}") } else { format!("/clusters/{id}?tab={tab}") }
}

/// The detail page of the cluster in the URL.
#[component]
pub fn ClusterDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let api = use_api();
    let navigate = use_navigate();
    let query = use_query_map();
    let tab = Memo::new(move |_| query.with(|q| tab_of(q.get("tab").as_deref())));
    let on_tab = Callback::new({
        let navigate = navigate.clone();
        move |key: &'static str| {
            navigate(&tab_path(&id(), key), NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
    });
    let cadence = use_cadence();
    let live = use_live(
        cadence,
        move || {
            let api = api.get_untracked()?;
            let id = id();
            Some(async move {
                let a: Answer<ShowClusterResponse> =
                    api.call(Operation::ShowCluster, &api.project().cluster(&id), None::<&()>).await?;
                Ok(a.body.cluster)
            })
        },
        |c: &ClusterDetail| c.info.is_changing(),
    );
    let snapshots = use_live(
        cadence,
        move || {
            let api = api.get_untracked()?;
            Some(async move {
                let a: Answer<ListSnapshotsResponse> =
                    api.call(Operation::ListSnapshots, &api.project(), None::<&()>).await?;
                Ok(a.body.snapshots)
            })
        },
        |s: &Vec<SnapshotDetail>| s.iter().any(|s| s.status == dws_contract::status::SnapshotStatus::Creating),
    );
    let target = RwSignal::new(None::<ClusterTarget>);
    let on_done = Callback::new(move |a: ClusterAction| {
        if a == ClusterAction::Delete {
            navigate("/clusters", Default::default());
        } else {
            live.refresh();
            snapshots.refresh();
        }
    });
    let info = Memo::new(move |_| live.data.with(|d| d.as_ref().map(|d| d.info.clone())));
    let loaded = Memo::new(move |_| info.with(Option::is_some));
    // The tab is rebuilt when the cluster changed, not at every poll.
    let detail = Memo::new(move |_| live.data.get());
    let name = move || info.with(|i| i.as_ref().map(|i| i.name.clone()).unwrap_or_else(id));
    let lang = use_lang();
    let refusal = Signal::derive(move || info.with(|i| configure_refusal(i.as_ref(), lang.get())));
    let editing = RwSignal::new(None::<Edit>);
    let edit = Callback::new(move |e: Edit| editing.set(Some(e)));
    let edited = Callback::new(move |()| live.refresh());
    let panel = move |key: &'static str| {
        let id = format!("tab-{key}-panel");
        let labelled = format!("tab-{key}");
        (id, labelled, move || tab.get() != key)
    };
    let (details_id, details_by, details_hidden) = panel("details");
    let (monitoring_id, monitoring_by, monitoring_hidden) = panel("monitoring");
    let (backups_id, backups_by, backups_hidden) = panel("backups");
    let (nodes_id, nodes_by, nodes_hidden) = panel("nodes");

    view! {
        <section class="page" data-testid="cluster-detail">
            <p class="breadcrumb"><A href=href("/clusters") exact=true>{tr(Text::NavClusters)}</A> " / "</p>
            <div class="page-head">
                <h1 data-testid="detail-name">{name}</h1>
                <Freshness live=live/>
                // Built once the cluster is read, not at each change of it: a menu left open
                // stays open while a task's progress moves.
                {move || loaded.get().then(|| info.get_untracked()).flatten().map(|i| {
                    let sig = Signal::derive(move || info.get().unwrap_or_else(|| i.clone()));
                    view! { <ActionMenu cluster=sig target=target/> }
                })}
            </div>
            <Tabs tabs=TABS label=Text::ClusterViews selected=tab on_select=on_tab/>
            <div role="tabpanel" id=details_id aria-labelledby=details_by tabindex="0" hidden=details_hidden>
                {move || detail.get().map(|d| view! { <DetailBody detail=d snapshots=snapshots.data edit=edit refusal=refusal/> })}
                <EditDialog detail=detail editing=editing saved=edited/>
                <Show when=move || live.data.with(Option::is_none) && live.error.with(Option::is_none)>
                    <div class="empty-state" aria-busy="true"><p>{tr(Text::Loading)}</p></div>
                </Show>
            </div>
            // Every panel is always there for its tab to point at; its content only while it is open.
            <div role="tabpanel" id=monitoring_id aria-labelledby=monitoring_by hidden=monitoring_hidden>
                <Show when=move || tab.get() == "monitoring">
                    <MonitoringPanel cluster_id=Signal::derive(id)/>
                </Show>
            </div>
            <div role="tabpanel" id=backups_id aria-labelledby=backups_by hidden=backups_hidden>
                <Show when=move || tab.get() == "backups">
                    <BackupsPanel cluster_id=Signal::derive(id) cluster=info/>
                </Show>
            </div>
            <div role="tabpanel" id=nodes_id aria-labelledby=nodes_by hidden=nodes_hidden>
                <Show when=move || tab.get() == "nodes">
                    <NodesPanel cluster_id=Signal::derive(id) cluster=info/>
                </Show>
            </div>
            <ClusterActionDialog target=target on_done=on_done/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_names_the_tab_and_the_first_needs_no_query() {
        assert_eq!(tab_of(None), "details");
        assert_eq!(tab_of(Some("monitoring")), "monitoring");
        assert_eq!(tab_of(Some("nodes")), "nodes");
        assert_eq!(tab_of(Some("nonsense")), "details");
        assert_eq!(tab_path("c1", "details"), "/clusters/c1");
        assert_eq!(tab_path("c1", "monitoring"), "/clusters/c1?tab=monitoring");
    }
}
