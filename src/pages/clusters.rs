//! The clusters page: a live table with search, status filter, sorting and paging (the API has
//! none), and the actions on each cluster.

use dws_contract::Operation;
use dws_contract::types::ClusterInfo;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::Answer;
use crate::app::href;
use crate::clock::{ago, use_clock, use_minute};
use crate::components::actions::{ActionMenu, ClusterActionDialog, ClusterTarget};
use crate::components::error_view::ErrorView;
use crate::components::status::{ClusterStatusBadge, TaskProgress, cluster_status};
use crate::format::{count, wire_time};
use crate::i18n::{Text, tr, use_lang};
use crate::live::{KeyedRows, Live, use_cadence, use_live};
use crate::session::{now_ms, use_api};

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

/// The value a column sorts by, computed once per row (a sort compares each row many times, and
/// dates would otherwise be parsed at every comparison).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortValue {
    /// A number or time.
    Num(Option<i64>),
    /// Text.
    Text(Option<String>),
    /// A task and its percentage.
    Task(Option<(String, Option<u8>)>),
}

/// The value of a cluster in a column.
pub fn sort_value(c: &ClusterInfo, key: SortKey) -> SortValue {
    let text = |s: &Option<String>| SortValue::Text(s.clone());
    match key {
        SortKey::Name => SortValue::Num(None),
        SortKey::Status => SortValue::Text(Some(c.status.as_str().to_owned())),
        SortKey::Task => SortValue::Task(c.progress().map(|(t, p)| (t.as_str().to_owned(), p))),
        SortKey::NodeType => text(&c.node_type),
        SortKey::Nodes => SortValue::Num(c.number_of_node.map(i64::from)),
        SortKey::Zone => text(&c.availability_zone),
        SortKey::Version => text(&c.version),
        SortKey::Created => SortValue::Num(c.created.as_deref().and_then(dws_contract::time::parse_iso8601)),
        SortKey::Endpoint => SortValue::Text(internal_endpoint(c).map(str::to_owned)),
    }
}

/// What the table shows: search text, status filter, sort and page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Part of the name (any case).
    pub search: String,
    /// Only this status (its wire value); empty for all.
    pub status: String,
    /// Sort column.
    pub sort: SortKey,
    /// Descending instead of ascending.
    pub descending: bool,
    /// Rows per page.
    pub page_size: usize,
    /// Zero-based page.
    pub page: usize,
}

impl Default for View {
    fn default() -> Self {
        View { search: String::new(), status: String::new(), sort: SortKey::Created, descending: true, page_size: 20, page: 0 }
    }
}

impl View {
    /// Whether a cluster passes the search and the filter.
    pub fn keeps(&self, c: &ClusterInfo) -> bool {
        let needle = self.search.trim().to_lowercase();
        (needle.is_empty() || c.name.to_lowercase().contains(&needle))
            && (self.status.is_empty() || c.status.as_str() == self.status)
    }

    /// The indices of `rows` to show, in order, for the current page; and how many matched.
    pub fn apply(&self, rows: &[&ClusterInfo]) -> (Vec<usize>, usize) {
        let mut idx: Vec<usize> = (0..rows.len()).filter(|i| self.keeps(rows[*i])).collect();
        // Ties fall back to the name, then the id, so the order is stable between polls.
        idx.sort_by_cached_key(|i| {
            let c = rows[*i];
            (sort_value(c, self.sort), c.name.as_str(), c.id.as_str())
        });
        if self.descending {
            idx.reverse();
        }
        let total = idx.len();
        let start = (self.page * self.page_size).min(total);
        let end = (start + self.page_size).min(total);
        (idx[start..end].to_vec(), total)
    }

    /// The last page that has rows, for `total` matches.
    pub fn last_page(&self, total: usize) -> usize {
        total.saturating_sub(1) / self.page_size.max(1)
    }
}

/// The list answer with each cluster left as its JSON text.
#[derive(serde::Deserialize)]
struct RawClusterList {
    #[serde(default)]
    clusters: Vec<Box<serde_json::value::RawValue>>,
}

/// Clusters parsed at the last poll, by their JSON text: a poll parses only the clusters whose
/// text changed (on a quiet project, none), instead of the whole list (a megabyte at 1,000
/// clusters) every few seconds.
#[derive(Default)]
pub struct ParseCache(std::collections::HashMap<Box<str>, ClusterInfo>);

impl ParseCache {
    /// The clusters of a list answer, reusing what the last answer already parsed.
    pub fn parse(&mut self, raw: Vec<Box<serde_json::value::RawValue>>) -> Result<Vec<ClusterInfo>, serde_json::Error> {
        let mut next = std::collections::HashMap::with_capacity(raw.len());
        let mut out = Vec::with_capacity(raw.len());
        for r in raw {
            let text: Box<str> = r.get().into();
            let c = match self.0.remove(&text) {
                Some(c) => c,
                None => serde_json::from_str(&text)?,
            };
            out.push(c.clone());
            next.insert(text, c);
        }
        self.0 = next;
        Ok(out)
    }
}

/// The live cluster list of the signed-in project.
pub fn use_cluster_list() -> Live<Vec<ClusterInfo>> {
    let api = use_api();
    let cadence = use_cadence();
    let cache = StoredValue::new_local(ParseCache::default());
    use_live(
        cadence,
        move || {
            let api = api.get_untracked()?;
            Some(async move {
                let op = Operation::ListClusters;
                let a: Answer<RawClusterList> = api.call(op, &api.project(), None::<&()>).await?;
                let request_id = a.request_id.clone();
                cache
                    .try_update_value(|c| c.parse(a.body.clusters))
                    .unwrap_or_else(|| Ok(Vec::new()))
                    .map_err(|e| crate::api::ApiError::Decode { operation: op, detail: e.to_string(), request_id })
            })
        },
        |list: &Vec<ClusterInfo>| list.iter().any(ClusterInfo::is_changing),
    )
}

/// "Updated 5 s ago", the refresh button, and the banner while the service cannot be reached.
#[component]
pub fn Freshness<T: Send + Sync + 'static>(live: Live<T>) -> impl IntoView {
    let lang = use_lang();
    let now = use_clock();
    let updated = move || {
        live.updated_ms.get().map(|t| format!("{} {}", Text::Updated.get(lang.get()), ago(now.get() - t, lang.get())))
    };
    let retry = move || {
        live.retry_at_ms.get().map(|t| {
            let s = ((t - now.get()) / 1000).max(0);
            format!("{} {s} s", Text::RetryingIn.get(lang.get()))
        })
    };
    view! {
        <div class="freshness">
            <span class="muted" data-testid="updated" aria-live="off">{updated}</span>
            <button type="button" class="button small" data-testid="refresh" on:click=move |_| live.refresh()
                aria-busy=move || live.loading.get().to_string()>
                {move || if live.loading.get() { Text::Refreshing.get(lang.get()) } else { Text::Refresh.get(lang.get()) }}
            </button>
        </div>
        {move || live.error.get().map(|e| {
            let transient = e.is_transient();
            view! {
                <div class="banner" class:banner-warning=transient class:banner-error=!transient data-testid="live-error">
                    {transient.then(|| view! { <p><strong>{tr(Text::ConnectionTrouble)}</strong> " " {retry}</p> })}
                    <ErrorView error=Signal::derive(move || live.error.get())/>
                </div>
            }
        })}
    }
}

/// A sortable column header.
#[component]
fn SortHeader(key: SortKey, label: Text, view_state: RwSignal<View>) -> impl IntoView {
    let lang = use_lang();
    let sorted = move || view_state.with(|v| v.sort == key);
    let aria = move || match (sorted(), view_state.with(|v| v.descending)) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort" data-testid=format!("sort-{key:?}").to_lowercase()
                on:click=move |_| view_state.update(|v| {
                    if v.sort == key { v.descending = !v.descending } else { v.sort = key; v.descending = false }
                    v.page = 0;
                })>
                {move || label.get(lang.get())}
                <span aria-hidden="true" class="sort-mark">
                    {move || match aria() { "ascending" => "▲", "descending" => "▼", _ => "↕" }}
                </span>
            </button>
        </th>
    }
}

/// One row; it reads its own signal, so a refresh re-renders only rows whose data changed.
#[component]
fn ClusterRow(row: ArcRwSignal<ClusterInfo>, target: RwSignal<Option<ClusterTarget>>) -> impl IntoView {
    let c: RwSignal<ClusterInfo> = row.into();
    let lang = use_lang();
    let minute = use_minute();
    let sig = Signal::from(c);
    let created = move || c.with(|c| c.created.clone());
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
                {move || created().map(|t| {
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
    let rows = KeyedRows::<ClusterInfo>::new();
    Effect::new(move |_| {
        live.data.with(|list| {
            if let Some(list) = list {
                rows.merge(list, |c| c.id.as_str());
            }
        });
    });
    let view_state = RwSignal::new(View::default());
    let target = RwSignal::new(None::<ClusterTarget>);

    let shown = Memo::new(move |_| {
        let v = view_state.get();
        rows.with_all(|all| {
            let guards: Vec<_> = all.iter().map(|(_, s)| s.read_untracked()).collect();
            let refs: Vec<&ClusterInfo> = guards.iter().map(|g| &**g).collect();
            let (idx, total) = v.apply(&refs);
            (idx.iter().map(|i| all[*i].0.clone()).collect::<Vec<String>>(), total)
        })
    });
    let statuses = Memo::new(move |_| {
        rows.with_all(|all| {
            let set: std::collections::BTreeSet<String> = all
                .iter()
                .map(|(_, r)| r.with_untracked(|c| c.status.as_str().to_owned()))
                .collect();
            set.into_iter().collect::<Vec<String>>()
        })
    });
    // A page past the end (after a filter or a deletion) snaps back to the last page.
    Effect::new(move |_| {
        let total = shown.with(|s| s.1);
        let last = view_state.with_untracked(|v| v.last_page(total));
        if view_state.with_untracked(|v| v.page > last) {
            view_state.update(|v| v.page = last);
        }
    });
    let on_done = Callback::new(move |_| live.refresh());
    let range = move || {
        let (ids, total) = shown.get();
        let v = view_state.get();
        if total == 0 {
            return String::new();
        }
        let start = v.page * v.page_size + 1;
        format!("{}–{} / {}", count(start), count(start + ids.len() - 1), count(total))
    };
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
            <div class="toolbar" role="search">
                <div class="field inline">
                    <label for="cluster-search">{tr(Text::SearchByName)}</label>
                    <input id="cluster-search" type="search" data-testid="cluster-search"
                        prop:value=move || view_state.with(|v| v.search.clone())
                        on:input=move |ev| view_state.update(|v| { v.search = event_target_value(&ev); v.page = 0; })/>
                </div>
                <div class="field inline">
                    <label for="cluster-status-filter">{tr(Text::Status)}</label>
                    <select id="cluster-status-filter" data-testid="cluster-status-filter"
                        on:change=move |ev| view_state.update(|v| { v.status = event_target_value(&ev); v.page = 0; })>
                        <option value="" selected=move || view_state.with(|v| v.status.is_empty())>{tr(Text::AllStatuses)}</option>
                        <For each=move || statuses.get() key=|s| s.clone() let:s>
                            <option value=s.clone() selected={let s = s.clone(); move || view_state.with(|v| v.status == s)}>
                                {let s = s.clone(); move || cluster_status(&s.as_str().into(), lang.get()).0}
                            </option>
                        </For>
                    </select>
                </div>
                <div class="field inline">
                    <label for="cluster-page-size">{tr(Text::RowsPerPage)}</label>
                    <select id="cluster-page-size" data-testid="cluster-page-size"
                        on:change=move |ev| {
                            let n = event_target_value(&ev).parse().unwrap_or(20);
                            view_state.update(|v| { v.page_size = n; v.page = 0; });
                        }>
                        {[20usize, 50, 100].into_iter().map(|n| view! {
                            <option value=n.to_string() selected=move || view_state.with(|v| v.page_size == n)>{n}</option>
                        }).collect_view()}
                    </select>
                </div>
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
                                    <SortHeader key=SortKey::Name label=Text::Name view_state=view_state/>
                                    <SortHeader key=SortKey::Status label=Text::Status view_state=view_state/>
                                    <SortHeader key=SortKey::Task label=Text::Task view_state=view_state/>
                                    <SortHeader key=SortKey::NodeType label=Text::NodeType view_state=view_state/>
                                    <SortHeader key=SortKey::Nodes label=Text::Nodes view_state=view_state/>
                                    <SortHeader key=SortKey::Zone label=Text::AvailabilityZone view_state=view_state/>
                                    <SortHeader key=SortKey::Version label=Text::Version view_state=view_state/>
                                    <SortHeader key=SortKey::Created label=Text::Created view_state=view_state/>
                                    <SortHeader key=SortKey::Endpoint label=Text::InternalEndpoint view_state=view_state/>
                                    <th scope="col"><span class="visually-hidden">{tr(Text::Actions)}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || shown.get().0 key=|id| id.clone() let:id>
                                    {rows.get(&id).map(|row| view! { <ClusterRow row=row target=target/> })}
                                </For>
                            </tbody>
                        </table>
                    </div>
                    <Show when=move || shown.with(|s| s.1 == 0)>
                        <p class="empty-state" data-testid="clusters-no-match">{tr(Text::NoMatch)}</p>
                    </Show>
                    <nav class="pager" aria-label=tr(Text::Pages)>
                        <button type="button" class="button small" data-testid="page-prev"
                            disabled=move || view_state.with(|v| v.page == 0)
                            on:click=move |_| view_state.update(|v| v.page = v.page.saturating_sub(1))>
                            {tr(Text::Previous)}
                        </button>
                        <span data-testid="page-range" aria-live="polite">{range}</span>
                        <button type="button" class="button small" data-testid="page-next"
                            disabled=move || { let t = shown.with(|s| s.1); view_state.with(|v| v.page >= v.last_page(t)) }
                            on:click=move |_| view_state.update(|v| v.page += 1)>
                            {tr(Text::Next)}
                        </button>
                    </nav>
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
    fn polls_parse_only_the_clusters_that_changed() {
        let raw = |json: &str| serde_json::from_str::<RawClusterList>(json).unwrap().clusters;
        let mut cache = ParseCache::default();
        let first = cache
            .parse(raw(r#"{"clusters":[{"id":"a","name":"one","status":"AVAILABLE"},{"id":"b","name":"two","status":"CREATING"}]}"#))
            .unwrap();
        assert_eq!(first.len(), 2);
        assert_eq!(cache.0.len(), 2);
        let second = cache
            .parse(raw(r#"{"clusters":[{"id":"a","name":"one","status":"AVAILABLE"},{"id":"b","name":"two","status":"AVAILABLE"}]}"#))
            .unwrap();
        assert_eq!(second[0], first[0]);
        assert!(second[1].status.is_available());
        // Gone clusters leave the cache; a broken one is an error, not a panic.
        let third = cache.parse(raw(r#"{"clusters":[{"id":"b","name":"two","status":"AVAILABLE"}]}"#)).unwrap();
        assert_eq!(third.len(), 1);
        assert_eq!(cache.0.len(), 1);
        assert!(cache.parse(raw(r#"{"clusters":[{"name":"no id"}]}"#)).is_err());
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
        let v = View { status: "MIGRATING".into(), ..View::default() };
        assert_eq!(names(&v), ["gamma"]);
        let v = View { sort: SortKey::Name, descending: false, page_size: 3, page: 1, ..View::default() };
        assert_eq!(names(&v), ["gamma"]);
        assert_eq!(v.apply(&refs).1, 4);
        assert_eq!(v.last_page(4), 1);
        assert_eq!(v.last_page(0), 0);
    }
}
