//! A cluster's newest events, for its page: what happened to it and to its snapshots lately,
//! with a link to all of them on the events page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use dws_contract::types::SnapshotDetail;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::event_table::{EventTime, SeverityBadge};
use crate::data::events::filter::EventRow;
use crate::data::events::{EventLog, Numbered, Reach, cluster_of, use_event_log};
use crate::data::snapshots::use_snapshot_list;
use crate::i18n::{Text, tr};
use crate::nav::href;

/// How many events the card shows.
pub const RECENT: usize = 5;
/// The pages it reads at most, of [`PAGE_SIZE`] events, looking for them: a cluster quiet for
/// longer than that shows fewer.
const PAGES: usize = 10;
const PAGE_SIZE: usize = 100;

thread_local! {
    /// The last events read, and for which cluster: a card drawn again (a cluster's page redraws
    /// its Overview whenever the cluster changes) shows them at once instead of loading again.
    static LAST: RefCell<Option<(String, Vec<Numbered>)>> = const { RefCell::new(None) };
}

/// The newest `n` of `events` (newest first) that concern `cluster_id`.
pub fn newest_of(events: &[Numbered], cluster_id: &str, snapshot_clusters: &HashMap<String, String>, n: usize) -> Vec<EventRow> {
    events
        .iter()
        .filter_map(|e| {
            let c = cluster_of(&e.event, snapshot_clusters)?;
            (c == cluster_id).then(|| EventRow::new(e, Some(c)))
        })
        .take(n)
        .collect()
}

/// The cluster's newest events, live, and a link to all of them.
#[component]
pub fn RecentEvents(
    /// The cluster.
    #[prop(into)]
    cluster_id: Signal<String>,
    /// The project's snapshots, when the page polls them already (their events are the
    /// cluster's too); without them the card polls the list itself.
    #[prop(optional)]
    snapshots: Option<RwSignal<Option<Vec<SnapshotDetail>>>>,
) -> impl IntoView {
    let snapshots = snapshots.unwrap_or_else(|| use_snapshot_list().data);
    let by_snapshot = Memo::new(move |_| {
        snapshots.with(|s| {
            s.iter().flatten().filter_map(|s| Some((s.id.clone(), s.cluster_id.clone()?))).collect::<HashMap<_, _>>()
        })
    });
    let live = use_event_log(Rc::new(move || {
        let (id, map) = (cluster_id.get_untracked(), by_snapshot.get_untracked());
        Reach { limit: PAGE_SIZE, max_pages: PAGES, wants: Box::new(move |read| newest_of(read, &id, &map, RECENT).len() < RECENT) }
    }));
    let id = cluster_id.get_untracked();
    if let Some(events) = LAST.with_borrow(|last| last.as_ref().filter(|(c, _)| *c == id).map(|(_, e)| e.clone())) {
        live.data.set(Some(EventLog { events, truncated: false }));
    }
    let shown = Memo::new(move |_| {
        let id = cluster_id.get();
        live.data.with(|d| {
            let log = d.as_ref()?;
            // Kept for the card's next drawing.
            LAST.set(Some((id.clone(), log.events.clone())));
            Some(by_snapshot.with(|m| newest_of(&log.events, &id, m, RECENT)))
        })
    });
    view! {
        <section class="card" aria-labelledby="recent-events-h" data-testid="recent-events">
            <div class="card-head">
                <h2 id="recent-events-h">{tr(Text::RecentEvents)}</h2>
                <a href=move || href(&format!("/events?cluster={}", cluster_id.get())) data-testid="cluster-all-events">
                    {tr(Text::AllEventsOfCluster)}
                </a>
            </div>
            <ErrorView error=Signal::derive(move || live.error.get())/>
            {move || match shown.get() {
                None => live.error.with(Option::is_none).then(|| view! { <p class="muted">{tr(Text::Loading)}</p> }.into_any()),
                Some(list) if list.is_empty() => Some(view! { <p class="muted" data-testid="no-recent-events">{tr(Text::NoClusterEvents)}</p> }.into_any()),
                Some(list) => Some(view! {
                    <ol class="event-list">
                        {list.into_iter().map(|r| {
                            let e = r.event.clone();
                            view! {
                                <li data-testid="recent-event" data-name=e.name.clone()>
                                    <SeverityBadge severity=e.severity.clone()/>
                                    <span class="event-title">{r.title().to_owned()}</span>
                                    <span class="event-context">{e.context.clone()}</span>
                                    <span class="event-when"><EventTime ms=e.occur_time/></span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::events::tests::event;

    #[test]
    fn the_card_takes_the_cluster_s_own_and_its_snapshots_newest_events() {
        let list = [
            event("5", "createBackupSuccess", ("backup", "s1", "snap"), 5, None),
            event("4", "restartCluster", ("cluster", "c2", "other"), 4, Some("admin")),
            event("3", "restartCluster", ("cluster", "c1", "mine"), 3, Some("admin")),
            event("2", "createClusterSuccess", ("cluster", "c1", "mine"), 2, None),
            event("1", "createCluster", ("cluster", "c1", "mine"), 1, Some("admin")),
        ];
        let numbered: Vec<Numbered> = list.iter().enumerate().map(|(i, e)| Numbered { seq: 9 - i as u64, event: e.clone() }).collect();
        let map: HashMap<String, String> = [("s1".to_owned(), "c1".to_owned())].into();
        let ids = |n| newest_of(&numbered, "c1", &map, n).iter().map(|r| r.event.event_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(5), ["5", "3", "2", "1"]);
        assert_eq!(ids(2), ["5", "3"]);
        assert!(newest_of(&numbered, "c1", &HashMap::new(), 5).iter().all(|r| r.event.source_type.as_str() == "cluster"));
    }
}
