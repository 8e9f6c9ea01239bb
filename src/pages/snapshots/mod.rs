//! The snapshots page: the project's snapshots, live, with search, a cluster filter and a type
//! filter (both also in the URL, `?cluster=<id>&type=manual`, so a cluster's page can link to its
//! snapshots), sorting, paging, export, and the actions on a snapshot (restore, copy, delete) and
//! on the project (create).

mod rows;

use dws_contract::types::{ClusterInfo, SnapshotDetail};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::actions::{ClusterAction, SnapshotForm};
use crate::components::copy_snapshot::CopySnapshotDialog;
use crate::components::dialog::Dialog;
use crate::components::freshness::Freshness;
use crate::components::snapshot_actions::DeleteSnapshotDialog;
use crate::components::status::snapshot_type;
use crate::components::table::{KeyedBody, PageSize, Pager, SearchBox, SortHeader, TableView};
use crate::data::clusters::{cluster_names, use_cluster_list};
use crate::data::snapshots::use_snapshot_list;
use crate::export::ExportButtons;
use crate::i18n::{Text, tr, use_lang};
use crate::live::KeyedRows;
use crate::live::effect;
use rows::{SnapshotColumn, SnapshotLine, SnapshotRow, TYPES, snapshot_sort_value, snapshots_path, type_passes};

/// Lists the project's snapshots.
#[component]
pub fn SnapshotsPage() -> impl IntoView {
    let live = use_snapshot_list();
    let clusters = use_cluster_list();
    let names = cluster_names(clusters);
    let rows = KeyedRows::<SnapshotDetail>::new();
    effect(move || {
        live.data.with(|list| {
            if let Some(list) = list {
                rows.merge(list, |s| s.id.as_str());
            }
        });
    });
    let view_state = RwSignal::new(TableView::<SnapshotDetail>::default());
    // The cluster and type filters live in the URL.
    let query = use_query_map();
    let kind = Memo::new(move |_| query.with(|q| q.get("type").filter(|t| TYPES.contains(&t.as_str())).unwrap_or_default()));
    effect(move || {
        let wanted = query.with(|q| q.get("cluster").unwrap_or_default());
        if view_state.with_untracked(|v| v.filter != wanted) {
            view_state.update(|v| {
                v.filter = wanted;
                v.page = 0;
            });
        }
    });
    let navigate = use_navigate();
    let go = move |cluster: String, kind: String| {
        navigate(&snapshots_path(&cluster, &kind), NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let pick_cluster = {
        let go = go.clone();
        move |id: String| go(id, kind.get_untracked())
    };
    let pick_type = move |t: String| {
        view_state.update(|v| v.page = 0);
        go(view_state.with_untracked(|v| v.filter.clone()), t)
    };
    // Every cluster that has snapshots, by name; gone clusters by id.
    let filter_choices = Memo::new(move |_| {
        let ids: std::collections::BTreeSet<String> =
            rows.with_all(|all| all.iter().filter_map(|(_, r)| r.with_untracked(|s| s.cluster_id.clone())).collect());
        let mut choices: Vec<(String, String)> = names.with(|n| {
            ids.into_iter().map(|id| (n.get(&id).cloned().unwrap_or_else(|| id.clone()), id)).collect()
        });
        crate::data::sort::sort(&mut choices);
        choices
    });
    let shown = Memo::new(move |_| {
        let (v, k) = (view_state.get(), kind.get());
        rows.with_all(|all| {
            let guards: Vec<_> = all.iter().map(|(_, s)| s.read_untracked()).collect();
            let refs: Vec<&SnapshotDetail> = guards.iter().map(|g| &**g).filter(|s| type_passes(s.kind.as_ref(), &k)).collect();
            let (idx, total) = names.with(|n| v.apply_by(&refs, |s, c| snapshot_sort_value(s, c, n)));
            (idx.iter().map(|i| refs[*i].id.clone()).collect::<Vec<String>>(), total)
        })
    });
    let page_counts = Signal::derive(move || shown.with(|(ids, total)| (ids.len(), *total)));
    let export_rows = Callback::new(move |()| {
        let (v, k) = (view_state.get_untracked(), kind.get_untracked());
        let list: Vec<SnapshotDetail> = rows.with_all(|all| {
            all.iter().map(|(_, s)| s.get_untracked()).filter(|s| type_passes(s.kind.as_ref(), &k)).collect()
        });
        let refs: Vec<&SnapshotDetail> = list.iter().collect();
        names.with_untracked(|n| {
            v.matching_by(&refs, |s, c| snapshot_sort_value(s, c, n))
                .into_iter()
                .map(|i| {
                    let s = list[i].clone();
                    SnapshotLine { cluster_name: s.cluster_id.as_ref().and_then(|c| n.get(c).cloned()), snapshot: s }
                })
                .collect::<Vec<_>>()
        })
    });

    let delete = RwSignal::new(None::<SnapshotDetail>);
    let copy = RwSignal::new(None::<SnapshotDetail>);
    let snapshot_names = Signal::derive(move || {
        rows.with_all(|all| all.iter().map(|(_, s)| s.with_untracked(|s| s.name.clone())).collect::<Vec<_>>())
    });
    let creating = RwSignal::new(false);
    let ready_clusters = Signal::derive(move || {
        clusters.data.with(|c| {
            let mut l: Vec<ClusterInfo> =
                c.iter().flatten().filter(|c| ClusterAction::Snapshot.allowed(c)).map(|c| ClusterInfo::clone(c)).collect();
            crate::data::sort::sort_by(&mut l, |a, b| a.name.cmp(&b.name));
            l
        })
    });
    let refresh_all = move || {
        live.refresh();
        clusters.refresh();
    };
    let loaded = move || live.data.with(Option::is_some);
    let lang = use_lang();
    let create_title = Signal::derive(move || Text::CreateSnapshot.get(lang.get()).to_owned());

    view! {
        <section class="page" data-testid="snapshots-page">
            <div class="page-head">
                <h1>{tr(Text::NavSnapshots)}</h1>
                <Freshness live=live/>
                <button type="button" class="button primary" data-testid="create-snapshot" on:click=move |_| creating.set(true)>
                    {tr(Text::CreateSnapshot)}
                </button>
            </div>
            <div class="toolbar" role="search">
                <SearchBox id="snapshot-search" view_state=view_state/>
                <div class="field inline">
                    <label for="snapshot-cluster-filter">{tr(Text::OfCluster)}</label>
                    <select id="snapshot-cluster-filter" data-testid="snapshot-cluster-filter"
                        on:change=move |ev| pick_cluster(event_target_value(&ev))>
                        <option value="" selected=move || view_state.with(|v| v.filter.is_empty())>{tr(Text::AllClusters)}</option>
                        // A filter from a link may name a cluster with no snapshots yet.
                        {move || {
                            let f = view_state.with(|v| v.filter.clone());
                            (!f.is_empty() && filter_choices.with(|c| c.iter().all(|(_, id)| *id != f))).then(|| {
                                let label = names.with(|n| n.get(&f).cloned()).unwrap_or_else(|| f.clone());
                                view! { <option value=f selected=true>{label}</option> }
                            })
                        }}
                        <For each=move || filter_choices.get() key=|c| c.clone() let:c>
                            <option value=c.1.clone() selected={let id = c.1.clone(); move || view_state.with(|v| v.filter == id)}>
                                {c.0.clone()}
                            </option>
                        </For>
                    </select>
                </div>
                <div class="field inline">
                    <label for="snapshot-type-filter">{tr(Text::SnapshotType)}</label>
                    <select id="snapshot-type-filter" data-testid="snapshot-type-filter" on:change=move |ev| pick_type(event_target_value(&ev))>
                        <option value="" selected=move || kind.with(String::is_empty)>{tr(Text::AllTypes)}</option>
                        {TYPES.map(|t| view! {
                            <option value=t selected=move || kind.with(|k| k == t)>
                                {move || snapshot_type(&if t == "manual" { "MANUAL" } else { "AUTOMATED" }.into(), lang.get())}
                            </option>
                        })}
                    </select>
                </div>
                <PageSize id="snapshot-page-size" view_state=view_state/>
                <ExportButtons file="snapshots" rows=export_rows/>
            </div>
            <Show when=loaded fallback=move || view! {
                <Show when=move || live.error.with(Option::is_none)>
                    <div class="empty-state" data-testid="snapshots-loading" aria-busy="true"><p>{tr(Text::Loading)}</p></div>
                </Show>
            }>
                <Show when=move || !rows.is_empty() fallback=move || view! {
                    <div class="empty-state" data-testid="snapshots-empty"><p>{tr(Text::NoSnapshotsInProject)}</p></div>
                }>
                    <div class="table-wrap">
                        <table class="data-table" data-testid="snapshots-table">
                            <caption class="visually-hidden">{tr(Text::NavSnapshots)}</caption>
                            <thead><tr>
                                <SortHeader column=SnapshotColumn::Name label=Text::Name view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Cluster label=Text::OfCluster view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Status label=Text::Status view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Type label=Text::SnapshotType view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Size label=Text::Size view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Started label=Text::Started view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Finished label=Text::Finished view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Duration label=Text::Duration view_state=view_state/>
                                <SortHeader column=SnapshotColumn::Description label=Text::Description view_state=view_state/>
                                <th scope="col"><span class="visually-hidden">{tr(Text::Actions)}</span></th>
                            </tr></thead>
                            <tbody>
                                <KeyedBody shown=shown row=Callback::new(move |id: String| {
                                    rows.get(&id).map(|row| view! { <SnapshotRow row=row names=names delete=delete copy=copy/> }.into_any())
                                })/>
                            </tbody>
                        </table>
                    </div>
                    <Show when=move || shown.with(|s| s.1 == 0)>
                        <p class="empty-state" data-testid="snapshots-no-match">{tr(Text::NoSnapshotMatch)}</p>
                    </Show>
                    <Pager view_state=view_state shown=page_counts/>
                </Show>
            </Show>
            <DeleteSnapshotDialog target=delete on_done=Callback::new(move |()| live.refresh())/>
            <CopySnapshotDialog target=copy names=snapshot_names on_done=Callback::new(move |_| live.refresh())/>
            <Dialog open=creating title=create_title id="create-snapshot-dialog">
                {move || match ready_clusters.get() {
                    l if l.is_empty() => view! {
                        <p data-testid="no-cluster-ready">{tr(Text::NoAvailableCluster)}</p>
                        <div class="dialog-buttons">
                            <button type="button" class="button" data-testid="dialog-cancel" on:click=move |_| creating.set(false)>{tr(Text::Close)}</button>
                        </div>
                    }.into_any(),
                    l => {
                        let first = l[0].clone();
                        view! {
                            <SnapshotForm cluster=first open=creating choices=ready_clusters
                                finish=move |_| { creating.set(false); refresh_all(); }/>
                        }.into_any()
                    }
                }}
            </Dialog>
        </section>
    }
}

