//! The snapshots page: the project's snapshots, live, with search, a cluster filter (also in the
//! URL, `?cluster=<id>`, so a cluster's page can link to its snapshots), sorting, paging, export,
//! and the actions on a snapshot (restore, delete) and on the project (create).

use dws_contract::types::{ClusterInfo, SnapshotDetail};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::Serialize;

use crate::components::snapshot_cluster::SnapshotCluster;
use crate::data::clusters::{ClusterNames, cluster_names};
use crate::data::snapshots::{duration_s, use_snapshot_list};
use crate::nav::href;
use crate::components::actions::{ClusterAction, SnapshotForm};
use crate::components::dialog::Dialog;
use crate::components::snapshot_actions::{DeleteSnapshotDialog, SnapshotActions};
use crate::components::status::{SnapshotStatusBadge, snapshot_type};
use crate::components::table::{PageSize, Pager, SearchBox, SortHeader, SortValue, TableRow, TableView};
use crate::export::{CsvRecord, ExportButtons};
use crate::format::{duration_text, size_text, wire_time};
use crate::i18n::{Text, tr, use_lang};
use crate::live::KeyedRows;
use crate::components::freshness::Freshness;
use crate::data::clusters::use_cluster_list;

/// The columns the snapshot table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotColumn {
    /// Name.
    Name,
    /// The cluster it was taken of.
    Cluster,
    /// Status.
    Status,
    /// Manual or automated.
    Type,
    /// Size.
    Size,
    /// Start time.
    Started,
    /// Finish time.
    Finished,
    /// How long it took.
    Duration,
    /// Description.
    Description,
}

impl TableRow for SnapshotDetail {
    type Column = SnapshotColumn;
    const DEFAULT_SORT: (SnapshotColumn, bool) = (SnapshotColumn::Started, true);

    fn id(&self) -> &str {
        &self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn filter_value(&self) -> Option<&str> {
        self.cluster_id.as_deref()
    }

    fn sort_value(&self, column: SnapshotColumn) -> SortValue {
        match column {
            SnapshotColumn::Name => SortValue::Num(None),
            SnapshotColumn::Cluster => SortValue::Text(self.cluster_id.clone()),
            SnapshotColumn::Status => SortValue::Text(Some(self.status.as_str().to_owned())),
            SnapshotColumn::Type => SortValue::Text(self.kind.as_ref().map(|k| k.as_str().to_owned())),
            SnapshotColumn::Size => SortValue::Num(self.size),
            SnapshotColumn::Started => SortValue::time(self.started.as_deref()),
            SnapshotColumn::Finished => SortValue::time(self.finished.as_deref()),
            SnapshotColumn::Duration => SortValue::int(duration_s(self)),
            SnapshotColumn::Description => SortValue::Text(self.description.clone()),
        }
    }
}

/// A snapshot as exported: the wire object plus the name of its cluster, as the table shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotLine {
    /// The snapshot as the service sent it.
    #[serde(flatten)]
    pub snapshot: SnapshotDetail,
    /// The cluster's name while the cluster exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
}

impl CsvRecord for SnapshotLine {
    const HEADER: &'static [&'static str] = &[
        "name", "id", "cluster_name", "cluster_id", "status", "type", "size_gb", "started", "finished", "duration_s",
        "description",
    ];

    fn record(&self) -> Vec<String> {
        let s = &self.snapshot;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            s.name.clone(),
            s.id.clone(),
            opt(&self.cluster_name),
            opt(&s.cluster_id),
            s.status.as_str().to_owned(),
            s.kind.as_ref().map(|k| k.as_str().to_owned()).unwrap_or_default(),
            s.size.map(|g| g.to_string()).unwrap_or_default(),
            opt(&s.started),
            opt(&s.finished),
            duration_s(s).map(|d| d.to_string()).unwrap_or_default(),
            opt(&s.description),
        ]
    }
}

/// A snapshot's sort value in `column`, with the cluster column sorted by the name the table
/// shows (the id once the cluster is gone) rather than by the id.
pub fn snapshot_sort_value(
    s: &SnapshotDetail,
    column: SnapshotColumn,
    names: &std::collections::HashMap<String, String>,
) -> SortValue {
    match column {
        SnapshotColumn::Cluster => {
            SortValue::Text(s.cluster_id.as_ref().map(|id| names.get(id).unwrap_or(id).clone()))
        }
        _ => s.sort_value(column),
    }
}

/// One row; it reads its own signal, so a poll re-renders only rows whose data changed.
#[component]
fn SnapshotRow(
    row: ArcRwSignal<SnapshotDetail>,
    names: ClusterNames,
    delete: RwSignal<Option<SnapshotDetail>>,
) -> impl IntoView {
    let s: RwSignal<SnapshotDetail> = row.into();
    let lang = use_lang();
    let time = move |t: Option<String>| t.map(|t| view! { <time datetime=t.clone()>{wire_time(&t, lang.get())}</time> });
    view! {
        <tr data-testid="snapshot-row" data-name=move || s.with(|s| s.name.clone())
            data-status=move || s.with(|s| s.status.as_str().to_owned())>
            <th scope="row" class="cell-name">
                <A href=move || href(&format!("/snapshots/{}", s.with(|s| s.id.clone())))>{move || s.with(|s| s.name.clone())}</A>
            </th>
            <td>{move || view! { <SnapshotCluster cluster_id=s.with(|s| s.cluster_id.clone()) names=names/> }}</td>
            <td><SnapshotStatusBadge status=Signal::derive(move || s.with(|s| s.status.clone()))/></td>
            <td>{move || s.with(|s| s.kind.as_ref().map(|k| snapshot_type(k, lang.get())))}</td>
            <td class="num">{move || s.with(|s| s.size.map(size_text))}</td>
            <td>{move || time(s.with(|s| s.started.clone()))}</td>
            <td>{move || time(s.with(|s| s.finished.clone()))}</td>
            <td class="num">{move || s.with(|s| duration_s(s).map(duration_text))}</td>
            <td class="cell-description">{move || s.with(|s| s.description.clone())}</td>
            <td class="cell-actions"><SnapshotActions snapshot=s delete=delete/></td>
        </tr>
    }
}

/// Lists the project's snapshots.
#[component]
pub fn SnapshotsPage() -> impl IntoView {
    let live = use_snapshot_list();
    let clusters = use_cluster_list();
    let names = cluster_names(clusters);
    let rows = KeyedRows::<SnapshotDetail>::new();
    Effect::new(move |_| {
        live.data.with(|list| {
            if let Some(list) = list {
                rows.merge(list, |s| s.id.as_str());
            }
        });
    });
    let view_state = RwSignal::new(TableView::<SnapshotDetail>::default());
    // The cluster filter lives in the URL.
    let query = use_query_map();
    Effect::new(move |_| {
        let wanted = query.with(|q| q.get("cluster").unwrap_or_default());
        if view_state.with_untracked(|v| v.filter != wanted) {
            view_state.update(|v| {
                v.filter = wanted;
                v.page = 0;
            });
        }
    });
    let navigate = use_navigate();
    let pick_cluster = move |id: String| {
        let to = if id.is_empty() { "/snapshots".to_owned() } else { format!("/snapshots?cluster={id}") };
        navigate(&to, NavigateOptions { replace: true, ..Default::default() });
    };
    // Every cluster that has snapshots, by name; gone clusters by id.
    let filter_choices = Memo::new(move |_| {
        let ids: std::collections::BTreeSet<String> =
            rows.with_all(|all| all.iter().filter_map(|(_, r)| r.with_untracked(|s| s.cluster_id.clone())).collect());
        let mut choices: Vec<(String, String)> = names.with(|n| {
            ids.into_iter().map(|id| (n.get(&id).cloned().unwrap_or_else(|| id.clone()), id)).collect()
        });
        choices.sort();
        choices
    });
    let shown = Memo::new(move |_| {
        let v = view_state.get();
        rows.with_all(|all| {
            let guards: Vec<_> = all.iter().map(|(_, s)| s.read_untracked()).collect();
            let refs: Vec<&SnapshotDetail> = guards.iter().map(|g| &**g).collect();
            let (idx, total) = names.with(|n| v.apply_by(&refs, |s, c| snapshot_sort_value(s, c, n)));
            (idx.iter().map(|i| all[*i].0.clone()).collect::<Vec<String>>(), total)
        })
    });
    let page_counts = Signal::derive(move || shown.with(|(ids, total)| (ids.len(), *total)));
    let export_rows = Callback::new(move |()| {
        let v = view_state.get_untracked();
        let list: Vec<SnapshotDetail> = rows.with_all(|all| all.iter().map(|(_, s)| s.get_untracked()).collect());
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
    let creating = RwSignal::new(false);
    let ready_clusters = Signal::derive(move || {
        clusters.data.with(|c| {
            let mut l: Vec<ClusterInfo> =
                c.iter().flatten().filter(|c| ClusterAction::Snapshot.allowed(c)).map(|c| ClusterInfo::clone(c)).collect();
            l.sort_by(|a, b| a.name.cmp(&b.name));
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
                                <For each=move || shown.get().0 key=|id| id.clone() let:id>
                                    {rows.get(&id).map(|row| view! { <SnapshotRow row=row names=names delete=delete/> })}
                                </For>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cluster_column_sorts_by_the_name_shown() {
        let snap = |id: &str, cluster: &str| -> SnapshotDetail {
            serde_json::from_value(serde_json::json!({"id": id, "name": id, "status": "AVAILABLE", "cluster_id": cluster}))
                .unwrap()
        };
        // Ids sort c1 < c2 < c3; the names shown sort the other way, and a gone cluster by its id.
        let rows = [snap("s1", "c1"), snap("s2", "c2"), snap("s3", "c3")];
        let names: std::collections::HashMap<String, String> =
            [("c1", "zeta"), ("c2", "alpha")].into_iter().map(|(a, b)| (a.to_owned(), b.to_owned())).collect();
        let refs: Vec<&SnapshotDetail> = rows.iter().collect();
        let view = TableView::<SnapshotDetail> { sort: SnapshotColumn::Cluster, descending: false, ..Default::default() };
        let order = view.matching_by(&refs, |s, c| snapshot_sort_value(s, c, &names));
        let shown: Vec<&str> = order.iter().map(|i| rows[*i].id.as_str()).collect();
        assert_eq!(shown, ["s2", "s3", "s1"], "alpha, c3 (gone), zeta");
        // Other columns keep the row's own values.
        assert_eq!(snapshot_sort_value(&rows[0], SnapshotColumn::Status, &names), rows[0].sort_value(SnapshotColumn::Status));
    }

    #[test]
    fn exports_carry_the_cluster_name_beside_the_wire_fields() {
        let s: SnapshotDetail = serde_json::from_value(serde_json::json!({
            "id": "s1", "name": "daily", "status": "AVAILABLE", "type": "MANUAL", "cluster_id": "c1", "size": 3
        }))
        .unwrap();
        let line = SnapshotLine { snapshot: s, cluster_name: Some("dws-a".into()) };
        let json: serde_json::Value = serde_json::from_str(&crate::export::json(std::slice::from_ref(&line))).unwrap();
        assert_eq!(json[0]["cluster_name"], "dws-a");
        assert_eq!(json[0]["type"], "MANUAL");
        let csv = crate::export::csv(&[line]);
        assert_eq!(csv.lines().nth(1), Some("daily,s1,dws-a,c1,AVAILABLE,MANUAL,3,,,,"));
    }
}
