//! The controls above the events table: search, the cluster, source type and severity filters,
//! the time window (or a range of local times), rows per page and the exports.

use std::collections::HashMap;

use dws_contract::types::EventResponse;
use leptos::prelude::*;

use crate::api::service_now_ms;
use crate::components::event_table::{severity_word, source_type_word};
use crate::components::table::{PageSize, TableView};
use crate::data::events::filter::{EventFilter, EventRow, Window};
use crate::export::ExportButtons;
use crate::format::{local_input_ms, local_input_value};
use crate::i18n::{Text, tr, use_lang};
use crate::live::KeyedRows;

/// The clusters to filter by, as (label, id), sorted: the project's clusters by name, clusters
/// that only the events still name (gone ones) by the name the events give, and the chosen id
/// when nothing names it.
pub fn cluster_choices(
    current: &HashMap<String, String>,
    seen: &HashMap<String, String>,
    chosen: &str,
    gone_word: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = current.iter().map(|(id, name)| (name.clone(), id.clone())).collect();
    out.extend(seen.iter().filter(|(id, _)| !current.contains_key(*id)).map(|(id, name)| (format!("{name} ({gone_word})"), id.clone())));
    if !chosen.is_empty() && out.iter().all(|(_, id)| id != chosen) {
        out.push((chosen.to_owned(), chosen.to_owned()));
    }
    crate::data::sort::sort(&mut out);
    out
}

/// One `<select>` of the filter, whose options are (value, label) pairs; `get` and `set` read
/// and write its part of the filter (plain functions, so every choice shares one copy of this).
#[component]
fn Choice(
    id: &'static str,
    label: Text,
    options: Signal<Vec<(String, String)>>,
    filter: RwSignal<EventFilter>,
    get: fn(&EventFilter) -> String,
    set: fn(&mut EventFilter, String),
    view_state: RwSignal<TableView<EventRow>>,
) -> impl IntoView {
    view! {
        <div class="field inline">
            <label for=id>{tr(label)}</label>
            <select id=id data-testid=id on:change=move |ev| {
                filter.update(|f| set(f, event_target_value(&ev)));
                view_state.update(|v| v.page = 0);
            }>
                {move || options.get().into_iter().map(|(value, text)| {
                    let selected = filter.with_untracked(|f| get(f) == value);
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A local date and time for one end of the range.
#[component]
fn RangeEnd(id: &'static str, label: Text, filter: RwSignal<EventFilter>, end: bool, view_state: RwSignal<TableView<EventRow>>) -> impl IntoView {
    let get = move |f: &EventFilter| if end { f.to_ms } else { f.from_ms };
    view! {
        <div class="field inline">
            <label for=id>{tr(label)}</label>
            <input id=id data-testid=id type="datetime-local"
                prop:value=move || filter.with(|f| get(f).map(local_input_value).unwrap_or_default())
                on:change=move |ev| {
                    let ms = local_input_ms(&event_target_value(&ev));
                    filter.update(|f| if end { f.to_ms = ms } else { f.from_ms = ms });
                    view_state.update(|v| v.page = 0);
                }/>
        </div>
    }
}

/// Picks a window; a range starts as the last day, to be moved from there.
fn pick_window(f: &mut EventFilter, key: String) {
    f.window = Window::from_key(&key);
    if f.window == Window::Between && f.from_ms.is_none() {
        f.from_ms = Some(service_now_ms() - 24 * 3_600_000);
    }
}

/// The controls of the events table.
#[component]
pub fn EventToolbar(
    filter: RwSignal<EventFilter>,
    view_state: RwSignal<TableView<EventRow>>,
    rows: KeyedRows<EventRow>,
    #[prop(into)] clusters: Signal<HashMap<String, String>>,
    export_rows: Callback<(), Vec<EventResponse>>,
) -> impl IntoView {
    let lang = use_lang();
    let all = move |t: Text| (String::new(), t.get(lang.get()).to_owned());
    // Clusters and source types the events name, for their choices.
    let named = Memo::new(move |_| {
        rows.with_all(|all| {
            let mut clusters = HashMap::new();
            let mut sources = vec!["backup".to_owned(), "cluster".to_owned()];
            for (_, r) in all {
                r.with_untracked(|r| {
                    let e = &r.event;
                    if !sources.iter().any(|s| s == e.source_type.as_str()) {
                        sources.push(e.source_type.as_str().to_owned());
                    }
                    if e.source_type == dws_contract::status::EventSourceType::Cluster
                        && let Some(id) = &e.source_id
                    {
                        clusters.entry(id.clone()).or_insert_with(|| e.source_name.clone().unwrap_or_else(|| id.clone()));
                    }
                });
            }
            (clusters, sources)
        })
    });
    let cluster_options = Signal::derive(move || {
        let chosen = filter.with(|f| f.cluster.clone());
        let gone = Text::ClusterGone.get(lang.get());
        let list = named.with(|(seen, _)| clusters.with(|c| cluster_choices(c, seen, &chosen, gone)));
        std::iter::once(all(Text::AllClusters)).chain(list.into_iter().map(|(label, id)| (id, label))).collect::<Vec<_>>()
    });
    let source_options = Signal::derive(move || {
        let l = lang.get();
        let mut list: Vec<String> = named.with(|(_, s)| s.clone());
        list.extend(filter.with(|f| Some(f.source_type.clone()).filter(|s| !s.is_empty())));
        crate::data::sort::sort(&mut list);
        list.dedup();
        std::iter::once(all(Text::AllSourceTypes))
            .chain(list.into_iter().map(|s| (s.clone(), source_type_word(&s.as_str().into(), l))))
            .collect::<Vec<_>>()
    });
    let severity_options = Signal::derive(move || {
        let l = lang.get();
        std::iter::once(all(Text::AllSeverities))
            .chain(["normal", "warning"].map(|s| (s.to_owned(), severity_word(&s.into(), l))))
            .collect::<Vec<_>>()
    });
    let window_options = Signal::derive(move || {
        Window::ALL
            .into_iter()
            .map(|w| {
                let t = match w {
                    Window::Hour => Text::WindowHour,
                    Window::Day => Text::WindowDay,
                    Window::Week => Text::WindowWeek,
                    Window::All => Text::WindowAll,
                    Window::Between => Text::WindowBetween,
                };
                (w.key().to_owned(), t.get(lang.get()).to_owned())
            })
            .collect::<Vec<_>>()
    });
    view! {
        <div class="toolbar" role="search">
            <div class="field inline">
                <label for="event-search">{tr(Text::Search)}</label>
                <input id="event-search" type="search" data-testid="event-search"
                    prop:value=move || view_state.with(|v| v.search.clone())
                    on:input=move |ev| view_state.update(|v| { v.search = event_target_value(&ev); v.page = 0; })/>
            </div>
            <Choice id="event-cluster-filter" label=Text::OfCluster options=cluster_options filter=filter view_state=view_state
                get=|f| f.cluster.clone() set=|f, v| f.cluster = v/>
            <Choice id="event-source-filter" label=Text::SourceType options=source_options filter=filter view_state=view_state
                get=|f| f.source_type.clone() set=|f, v| f.source_type = v/>
            <Choice id="event-severity-filter" label=Text::Severity options=severity_options filter=filter view_state=view_state
                get=|f| f.severity.clone() set=|f, v| f.severity = v/>
            <Choice id="event-window" label=Text::TimeRange options=window_options filter=filter view_state=view_state
                get=|f| f.window.key().to_owned() set=pick_window/>
            // Hidden rather than removed, so a date being typed keeps its field.
            <div class="range" hidden=move || filter.with(|f| f.window != Window::Between)>
                <RangeEnd id="event-from" label=Text::From filter=filter end=false view_state=view_state/>
                <RangeEnd id="event-to" label=Text::To filter=filter end=true view_state=view_state/>
            </div>
            <PageSize id="event-page-size" view_state=view_state/>
            <ExportButtons file="events" rows=export_rows/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_to_filter_by_include_gone_ones_and_the_chosen_one() {
        let current: HashMap<String, String> = [("c2", "beta"), ("c1", "alpha")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        let seen: HashMap<String, String> = [("c1", "alpha-old"), ("c9", "gone-one")].map(|(a, b)| (a.to_owned(), b.to_owned())).into();
        let ids = |chosen| cluster_choices(&current, &seen, chosen, "deleted");
        assert_eq!(
            ids(""),
            [("alpha", "c1"), ("beta", "c2"), ("gone-one (deleted)", "c9")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // A cluster named in a link but in no list keeps its id as its label.
        assert!(ids("c7").contains(&("c7".to_owned(), "c7".to_owned())));
        assert_eq!(ids("c2").len(), 3);
    }
}
