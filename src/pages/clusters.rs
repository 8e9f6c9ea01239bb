//! The clusters page: a live table with search, status filter, sorting and paging (the API has
//! none), and the actions on each cluster.

use std::sync::Arc;

use dws_contract::types::ClusterInfo;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::nav::href;
use crate::clock::{ago, use_minute};
use crate::components::actions::{ActionMenu, ClusterActionDialog, ClusterTarget};
use crate::components::status::{ClusterStatusBadge, TaskProgress, cluster_status};
use crate::components::table::{KeyedBody, PageSize, Pager, SearchBox, SortHeader, SortValue, TableRow, TableView};
use crate::export::{CsvRecord, ExportButtons};
use crate::format::wire_time;
use crate::i18n::{Text, tr, use_lang};
use crate::live::KeyedRows;
use crate::components::cluster_overview::ClusterOverview;
use crate::components::freshness::Freshness;
use crate::data::clusters::use_cluster_list;
use crate::session::now_ms;
use crate::live::effect;

/// The columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Name.
    Name,
    /// Status.
    Status,
    /// Current task.
    Task,
    /// Node type.
    NodeType,
    /// Node count.
    Nodes,
    /// Availability zone.
    Zone,
    /// Version.
    Version,
    /// Creation time.
    Created,
    /// Internal endpoint.
    Endpoint,
}

/// The internal endpoint (`connect_info`) of a cluster.
pub fn internal_endpoint(c: &ClusterInfo) -> Option<&str> {
    c.endpoints.as_ref()?.iter().find_map(|e| e.connect_info.as_deref())
}

impl TableRow for ClusterInfo {
    type Column = SortKey;
    const DEFAULT_SORT: (SortKey, bool) = (SortKey::Created, true);

    fn id(&self) -> &str {
        &self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn filter_value(&self) -> Option<&str> {
        Some(self.status.as_str())
    }

    fn sort_value(&self, key: SortKey) -> SortValue {
        let text = |s: &Option<String>| SortValue::Text(s.clone());
        match key {
            SortKey::Name => SortValue::Num(None),
            SortKey::Status => SortValue::Text(Some(self.status.as_str().to_owned())),
            SortKey::Task => SortValue::Task(self.progress().map(|(t, p)| (t.as_str().to_owned(), p))),
            SortKey::NodeType => text(&self.node_type),
            SortKey::Nodes => SortValue::int(self.number_of_node.map(i64::from)),
            SortKey::Zone => text(&self.availability_zone),
            SortKey::Version => text(&self.version),
            SortKey::Created => SortValue::time(self.created.as_deref()),
            SortKey::Endpoint => SortValue::Text(internal_endpoint(self).map(str::to_owned)),
        }
    }
}

impl CsvRecord for ClusterInfo {
    const HEADER: &'static [&'static str] =
        &["name", "id", "status", "task", "node_type", "number_of_node", "availability_zone", "version", "created", "internal_endpoint"];

    fn record(&self) -> Vec<String> {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        vec![
            self.name.clone(),
            self.id.clone(),
            self.status.as_str().to_owned(),
            self.progress()
                .map(|(t, p)| format!("{}{}", t.as_str(), p.map(|p| format!(" {p}%")).unwrap_or_default()))
                .unwrap_or_default(),
            opt(&self.node_type),
            self.number_of_node.map(|n| n.to_string()).unwrap_or_default(),
            opt(&self.availability_zone),
            opt(&self.version),
            opt(&self.created),
            internal_endpoint(self).unwrap_or_default().to_owned(),
        ]
    }
}

/// What the cluster table shows.
pub type View = TableView<ClusterInfo>;

/// One row; it reads its own signal, so a refresh re-renders only rows whose data changed.
#[component]
fn ClusterRow(row: ArcRwSignal<Arc<ClusterInfo>>, target: RwSignal<Option<ClusterTarget>>) -> impl IntoView {
    let c: RwSignal<Arc<ClusterInfo>> = row.into();
    let lang = use_lang();
    let minute = use_minute();
    // The widgets shared with the detail page read a plain cluster; copied only when it changed.
    let sig = Signal::from(Memo::new(move |_| ClusterInfo::clone(&c.read())));
    // Formatting a date for the user's locale is slow: only when the date itself changed.
    let created = Memo::new(move |_| c.with(|c| c.created.clone()));
    view! {
        <tr data-testid="cluster-row" data-name=move || c.with(|c| c.name.clone())
            data-status=move || c.with(|c| c.status.as_str().to_owned())>
            <th scope="row" class="cell-name">
                <A href=move || href(&format!("/clusters/{}", c.with(|c| c.id.clone())))>{move || c.with(|c| c.name.clone())}</A>
            </th>
            <td><ClusterStatusBadge cluster=sig/></td>
            <td class="cell-task"><TaskProgress cluster=sig/></td>
            <td>{move || c.with(|c| c.node_type.clone().unwrap_or_default())}</td>
            <td class="num">{move || c.with(|c| c.number_of_node.map(|n| n.to_string()).unwrap_or_default())}</td>
            <td>{move || c.with(|c| c.availability_zone.clone().unwrap_or_default())}</td>
            <td>{move || c.with(|c| c.version.clone().unwrap_or_default())}</td>
            <td>
                {move || created.get().map(|t| {
                    minute.track();
                    let rel = dws_contract::time::parse_iso8601(&t).map(|ms| ago(now_ms() - ms, lang.get()));
                    view! { <time datetime=t.clone() title=rel>{wire_time(&t, lang.get())}</time> }
                })}
            </td>
            <td class="cell-endpoint"><code>{move || c.with(|c| internal_endpoint(c).map(str::to_owned))}</code></td>
            <td class="cell-actions"><ActionMenu cluster=sig target=target/></td>
        </tr>
    }
}

/// Lists the project's clusters.
#[component]
pub fn ClustersPage() -> impl IntoView {
    let lang = use_lang();
    let live = use_cluster_list();
    let rows = KeyedRows::<Arc<ClusterInfo>>::new();
    effect(move || {
        live.data.with(|list| {
            if let Some(list) = list {
                // Clusters the poll did not change are the same shared value: no need to compare.
                rows.merge_with(list, |c| c.id.as_str(), |a, b| Arc::ptr_eq(a, b) || a == b);
            }
        });
    });
    let view_state = RwSignal::new(View::default());
    let target = RwSignal::new(None::<ClusterTarget>);

    let shown = Memo::new(move |_| {
        let v = view_state.get();
        rows.with_all(|all| {
            let guards: Vec<_> = all.iter().map(|(_, s)| s.read_untracked()).collect();
            let refs: Vec<&ClusterInfo> = guards.iter().map(|g| &***g).collect();
            let (idx, total) = v.apply(&refs);
            (idx.iter().map(|i| all[*i].0.clone()).collect::<Vec<String>>(), total)
        })
    });
    // The statuses present, and the one chosen even when no cluster has it any more (a filter on
    // Creating outlives the last creation): its option must stay, selected and showing no rows,
    // or the list would look unfiltered while showing nothing.
    let statuses = Memo::new(move |_| {
        let chosen = view_state.with(|v| v.filter.clone());
        rows.with_all(|all| {
            let mut set: std::collections::BTreeSet<String> = all
                .iter()
                .map(|(_, r)| r.with_untracked(|c| c.status.as_str().to_owned()))
                .collect();
            if !chosen.is_empty() {
                set.insert(chosen);
            }
            set.into_iter().collect::<Vec<String>>()
        })
    });
    let on_done = Callback::new(move |_| live.refresh());
    let page_counts = Signal::derive(move || shown.with(|(ids, total)| (ids.len(), *total)));
    let export_rows = Callback::new(move |()| {
        let v = view_state.get_untracked();
        rows.with_all(|all| {
            let list: Vec<ClusterInfo> = all.iter().map(|(_, s)| ClusterInfo::clone(&s.read_untracked())).collect();
            let refs: Vec<&ClusterInfo> = list.iter().collect();
            v.matching(&refs).into_iter().map(|i| list[i].clone()).collect::<Vec<_>>()
        })
    });
    let loaded = move || live.data.with(Option::is_some);

    view! {
        <section data-testid="clusters-page" class="page">
            <div class="page-head">
                <h1>{tr(Text::NavClusters)}</h1>
                <Freshness live=live/>
                <A href=href("/clusters/create") {..} class="button primary" data-testid="create-cluster">
                    {tr(Text::CreateCluster)}
                </A>
            </div>
            <Show when=move || !rows.is_empty()>
                <ClusterOverview live=live/>
            </Show>
            <div class="toolbar" role="search">
                <SearchBox id="cluster-search" view_state=view_state/>
                <div class="field inline">
                    <label for="cluster-status-filter">{tr(Text::Status)}</label>
                    <select id="cluster-status-filter" data-testid="cluster-status-filter"
                        on:change=move |ev| view_state.update(|v| { v.filter = event_target_value(&ev); v.page = 0; })>
                        <option value="" selected=move || view_state.with(|v| v.filter.is_empty())>{tr(Text::AllStatuses)}</option>
                        <For each=move || statuses.get() key=|s| s.clone() let:s>
                            <option value=s.clone() selected={let s = s.clone(); move || view_state.with(|v| v.filter == s)}>
                                {let s = s.clone(); move || cluster_status(&s.as_str().into(), lang.get()).0}
                            </option>
                        </For>
                    </select>
                </div>
                <PageSize id="cluster-page-size" view_state=view_state/>
                <ExportButtons file="clusters" rows=export_rows/>
            </div>
            <Show when=loaded fallback=move || view! {
                <Show when=move || live.error.with(Option::is_none)>
                    <div class="empty-state" data-testid="clusters-loading" aria-busy="true">
                        <p>{tr(Text::Loading)}</p>
                    </div>
                </Show>
            }>
                <Show when=move || !rows.is_empty() fallback=move || view! {
                    <div class="empty-state" data-testid="clusters-empty">
                        <p>{tr(Text::NoClusters)}</p>
                        <A href=href("/clusters/create") {..} class="button primary">{tr(Text::CreateCluster)}</A>
                    </div>
                }>
                    <div class="table-wrap">
                        <table class="data-table" data-testid="clusters-table">
                            <caption class="visually-hidden">{tr(Text::NavClusters)}</caption>
                            <thead>
                                <tr>
                                    <SortHeader column=SortKey::Name label=Text::Name view_state=view_state/>
                                    <SortHeader column=SortKey::Status label=Text::Status view_state=view_state/>
                                    <SortHeader column=SortKey::Task label=Text::Task view_state=view_state/>
                                    <SortHeader column=SortKey::NodeType label=Text::NodeType view_state=view_state/>
                                    <SortHeader column=SortKey::Nodes label=Text::Nodes view_state=view_state/>
                                    <SortHeader column=SortKey::Zone label=Text::AvailabilityZone view_state=view_state/>
                                    <SortHeader column=SortKey::Version label=Text::Version view_state=view_state/>
                                    <SortHeader column=SortKey::Created label=Text::Created view_state=view_state/>
                                    <SortHeader column=SortKey::Endpoint label=Text::InternalEndpoint view_state=view_state/>
                                    <th scope="col"><span class="visually-hidden">{tr(Text::Actions)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <KeyedBody shown=shown row=Callback::new(move |id: String| {
                                    rows.get(&id).map(|row| view! { <ClusterRow row=row target=target/> }.into_any())
                                })/>
                            </tbody>
                        </table>
                    </div>
                    <Show when=move || shown.with(|s| s.1 == 0)>
                        <p class="empty-state" data-testid="clusters-no-match">{tr(Text::NoMatch)}</p>
                    </Show>
                    <Pager view_state=view_state shown=page_counts/>
                </Show>
            </Show>
            <ClusterActionDialog target=target on_done=on_done/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(name: &str, status: &str, nodes: u32, created: &str) -> ClusterInfo {
        serde_json::from_value(serde_json::json!({
            "id": format!("id-{name}"), "name": name, "status": status,
            "number_of_node": nodes, "created": created
        }))
        .unwrap()
    }

    #[test]
    fn search_filter_sort_and_page() {
        let data = [
            cluster("alpha", "AVAILABLE", 3, "2026-01-01T00:00:00Z"),
            cluster("beta", "CREATING", 5, "2026-01-03T00:00:00Z"),
            cluster("Alphabet", "AVAILABLE", 4, "2026-01-02T00:00:00Z"),
            cluster("gamma", "MIGRATING", 2, "2026-01-04T00:00:00Z"),
        ];
        let refs: Vec<&ClusterInfo> = data.iter().collect();
        let names = |v: &View| v.apply(&refs).0.iter().map(|i| data[*i].name.clone()).collect::<Vec<_>>();

        // Newest first by default.
        assert_eq!(names(&View::default()), ["gamma", "beta", "Alphabet", "alpha"]);
        let v = View { search: "ALPHA".into(), sort: SortKey::Nodes, descending: false, ..View::default() };
        assert_eq!(names(&v), ["alpha", "Alphabet"]);
        let v = View { filter: "MIGRATING".into(), ..View::default() };
        assert_eq!(names(&v), ["gamma"]);
        let v = View { sort: SortKey::Name, descending: false, page_size: 3, page: 1, ..View::default() };
        assert_eq!(names(&v), ["gamma"]);
        assert_eq!(v.apply(&refs).1, 4);
        assert_eq!(v.last_page(4), 1);
        assert_eq!(v.last_page(0), 0);
    }
}
