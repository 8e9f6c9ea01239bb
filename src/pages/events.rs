//! The events page: what happened to the project's clusters and snapshots, newest first, live;
//! read back as far as the chosen time window needs, filtered by cluster (also in the address,
//! `?cluster=<id>`, so a cluster's page can link to its events), source type and severity,
//! searched, sorted, paged and exported.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::service_now_ms;
use crate::components::event_table::EventTable;
use crate::components::freshness::Freshness;
use crate::data::clusters::{cluster_names, use_cluster_list};
use crate::data::events::filter::{EventFilter, EventRow};
use crate::data::events::{Reach, cluster_of, use_event_log};
use crate::data::snapshots::use_snapshot_list;
use crate::i18n::{Text, tr, use_lang};
use crate::live::KeyedRows;
use crate::live::effect;

/// The page's address for a cluster filter.
pub fn events_path(cluster: &str) -> String {
    if cluster.is_empty() { "/events".to_owned() } else { format!("/events?cluster={cluster}") }
}

/// Lists the project's events.
#[component]
pub fn EventsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = RwSignal::new(EventFilter {
        cluster: query.with_untracked(|q| q.get("cluster").unwrap_or_default()),
        ..Default::default()
    });
    let live = use_event_log(Rc::new(move || Reach::since(filter.with_untracked(|f| f.since(service_now_ms())))));
    // A window reaching further back needs older pages; another language, the service's words
    // in it.
    let lang = use_lang();
    let reach = Memo::new(move |_| filter.with(|f| (f.window, f.from_ms)));
    let seen = std::cell::Cell::new(false);
    effect(move || {
        reach.track();
        lang.track();
        if seen.replace(true) {
            live.refresh();
        }
    });
    let clusters = use_cluster_list();
    let names = cluster_names(clusters);
    let snapshots = use_snapshot_list();
    // Which cluster each snapshot was taken of, remembered after the snapshot is gone, so its
    // deletion still counts among the cluster's events.
    let snapshot_clusters = Memo::new(move |known: Option<&HashMap<String, String>>| {
        let mut m = known.cloned().unwrap_or_default();
        snapshots.data.with(|list| m.extend(list.iter().flatten().filter_map(|s| Some((s.id.clone(), s.cluster_id.clone()?)))));
        m
    });
    let snapshot_ids = Memo::new(move |_| {
        snapshots.data.with(|l| l.iter().flatten().map(|s| s.id.clone()).collect::<HashSet<_>>())
    });
    let rows = KeyedRows::<EventRow>::new();
    effect(move || {
        live.data.with(|log| {
            let Some(log) = log else { return };
            let fresh: Vec<EventRow> = snapshot_clusters
                .with(|m| log.events.iter().map(|n| EventRow::new(n, cluster_of(&n.event, m))).collect());
            // An event never changes but for its words' language; the cluster found for it may.
            let same = |a: &EventRow, b: &EventRow| {
                a.cluster_id == b.cluster_id && a.event.context == b.event.context && a.event.display_name == b.event.display_name
            };
            rows.merge_with(&fresh, |r| r.event.event_id.as_str(), same);
        });
    });
    // The cluster filter and the address follow each other.
    effect(move || {
        let wanted = query.with(|q| q.get("cluster").unwrap_or_default());
        if filter.with_untracked(|f| f.cluster != wanted) {
            filter.update(|f| f.cluster = wanted);
        }
    });
    let navigate = use_navigate();
    effect(move || {
        let chosen = filter.with(|f| f.cluster.clone());
        if query.with_untracked(|q| q.get("cluster").unwrap_or_default()) != chosen {
            navigate(&events_path(&chosen), NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
    });
    let loaded = move || live.data.with(Option::is_some);
    let truncated = move || live.data.with(|d| d.as_ref().is_some_and(|l| l.truncated));

    view! {
        <section class="page" data-testid="events-page">
            <div class="page-head">
                <h1>{tr(Text::NavEvents)}</h1>
                <Freshness live=live/>
            </div>
            {move || truncated().then(|| view! {
                <p class="banner banner-warning" data-testid="events-truncated">{tr(Text::EventsTruncated)}</p>
            })}
            <Show when=loaded fallback=move || view! {
                <Show when=move || live.error.with(Option::is_none)>
                    <div class="empty-state" data-testid="events-loading" aria-busy="true"><p>{tr(Text::Loading)}</p></div>
                </Show>
            }>
                <Show when=move || !rows.is_empty() fallback=move || view! {
                    <div class="empty-state" data-testid="events-empty"><p>{tr(Text::NoEvents)}</p></div>
                }>
                    <EventTable rows=rows filter=filter clusters=names snapshots=snapshot_ids/>
                </Show>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cluster_filter_is_in_the_address() {
        assert_eq!(events_path(""), "/events");
        assert_eq!(events_path("c1"), "/events?cluster=c1");
    }
}
