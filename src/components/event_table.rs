//! The events table: each event's time (local, with its age), severity, name and words, what it
//! is about (linked while it exists) and who asked for it; searched, filtered, sorted and paged
//! in the browser (the API does none of it), and exported as shown.

use std::collections::{HashMap, HashSet};

use dws_contract::Lang;
use dws_contract::status::{EventSeverity, EventSourceType};
use dws_contract::types::EventResponse;
use leptos::prelude::*;

use crate::api::service_now_ms;
use crate::clock::{ago, use_minute};
use crate::components::event_filters::EventToolbar;
use crate::components::table::{KeyedBody, Pager, SortHeader, SortValue, TableRow, TableView};
use crate::data::events::filter::{EventFilter, EventRow};
use crate::format::local_time;
use crate::i18n::{Text, tr, use_lang};
use crate::live::KeyedRows;
use crate::nav::href;

/// The columns the events table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventColumn {
    /// When it happened.
    Time,
    /// Normal or warning.
    Severity,
    /// Its name.
    Event,
    /// What kind of resource it is about.
    Source,
    /// The resource's name.
    Resource,
    /// Who asked for it.
    User,
}

impl TableRow for EventRow {
    type Column = EventColumn;
    const DEFAULT_SORT: (EventColumn, bool) = (EventColumn::Time, true);

    fn id(&self) -> &str {
        &self.event.event_id
    }

    // The tie-breaker: events of the same millisecond keep the service's order.
    fn name(&self) -> &str {
        &self.order
    }

    fn filter_value(&self) -> Option<&str> {
        None
    }

    fn sort_value(&self, column: EventColumn) -> SortValue {
        let e = &self.event;
        let text = |s: &str| SortValue::Text(Some(s.to_owned()));
        match column {
            EventColumn::Time => SortValue::int(Some(e.occur_time)),
            EventColumn::Severity => text(e.severity.as_str()),
            EventColumn::Event => text(self.title()),
            EventColumn::Source => text(e.source_type.as_str()),
            EventColumn::Resource => SortValue::Text(e.source_name.clone()),
            EventColumn::User => SortValue::Text(e.user_name.clone()),
        }
    }
}

/// The rows that pass the filters and the search, in the table's order (only the current page
/// when `paged`), and how many pass in all.
pub fn select(rows: &[&EventRow], filter: &EventFilter, view: &TableView<EventRow>, now_ms: i64, paged: bool) -> (Vec<usize>, usize) {
    let kept: Vec<usize> = (0..rows.len()).filter(|i| filter.keeps(rows[*i], now_ms) && rows[*i].matches(&view.search)).collect();
    let refs: Vec<&EventRow> = kept.iter().map(|i| rows[*i]).collect();
    // The search is done: the table's own would look at the tie-breaker instead of the words.
    let view = TableView { search: String::new(), ..view.clone() };
    let (order, total) = if paged {
        view.apply(&refs)
    } else {
        let all = view.matching(&refs);
        let n = all.len();
        (all, n)
    };
    (order.into_iter().map(|i| kept[i]).collect(), total)
}

/// A severity in words.
pub fn severity_word(s: &EventSeverity, lang: Lang) -> String {
    match s {
        EventSeverity::Normal => Text::SeverityNormal.get(lang).to_owned(),
        EventSeverity::Warning => Text::SeverityWarning.get(lang).to_owned(),
        other => other.as_str().to_owned(),
    }
}

/// A source type in words.
pub fn source_type_word(s: &EventSourceType, lang: Lang) -> String {
    match s {
        EventSourceType::Cluster => Text::SourceTypeCluster.get(lang).to_owned(),
        EventSourceType::Backup => Text::SourceTypeBackup.get(lang).to_owned(),
        other => other.as_str().to_owned(),
    }
}

/// An event's severity as a badge: written out, with a shape, never colour alone.
#[component]
pub fn SeverityBadge(severity: EventSeverity) -> impl IntoView {
    let lang = use_lang();
    let (class, glyph) = match severity {
        EventSeverity::Normal => ("badge badge-good", "●"),
        EventSeverity::Warning => ("badge badge-warning", "▲"),
        _ => ("badge badge-neutral", "○"),
    };
    let value = severity.as_str().to_owned();
    view! {
        <span class=class data-testid="event-severity" data-severity=value>
            <span aria-hidden="true" class="badge-glyph">{glyph}</span>
            {move || severity_word(&severity, lang.get())}
        </span>
    }
}

/// When an event happened: the local time, and how long ago (renewed every minute).
#[component]
pub fn EventTime(ms: i64) -> impl IntoView {
    let lang = use_lang();
    let minute = use_minute();
    view! {
        <time datetime=dws_contract::time::format_iso8601(ms)>{move || local_time(ms, lang.get())}</time>
        <span class="muted event-age">{move || { minute.track(); ago(service_now_ms() - ms, lang.get()) }}</span>
    }
}

/// What an event is about: a link to the cluster or snapshot while it exists, its name once it
/// is gone.
#[component]
pub fn EventResource(
    event: EventResponse,
    #[prop(into)] clusters: Signal<HashMap<String, String>>,
    #[prop(into)] snapshots: Signal<HashSet<String>>,
) -> impl IntoView {
    let name = event.source_name.clone().or_else(|| event.source_id.clone()).unwrap_or_default();
    move || {
        let name = name.clone();
        let id = event.source_id.as_deref().unwrap_or_default();
        let to = match event.source_type {
            EventSourceType::Cluster if clusters.with(|c| c.contains_key(id)) => Some(format!("/clusters/{id}")),
            EventSourceType::Backup if snapshots.with(|s| s.contains(id)) => Some(format!("/snapshots/{id}")),
            _ => None,
        };
        match to {
            // A plain link: the router follows it all the same.
            Some(to) => view! { <a href=href(&to) data-testid="event-resource">{name}</a> }.into_any(),
            None => view! { <span data-testid="event-resource-gone">{name}</span> }.into_any(),
        }
    }
}

/// One event. Only its words change (into another language), so only they follow the row.
#[component]
fn EventLine(
    row: ArcRwSignal<EventRow>,
    clusters: Signal<HashMap<String, String>>,
    snapshots: Signal<HashSet<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let r: RwSignal<EventRow> = row.into();
    let e = r.with_untracked(|r| r.event.clone());
    let source = e.source_type.clone();
    view! {
        <tr data-testid="event-row" data-name=e.name.clone() data-source-type=e.source_type.as_str().to_owned()>
            <td class="cell-time"><EventTime ms=e.occur_time/></td>
            <td><SeverityBadge severity=e.severity.clone()/></td>
            <th scope="row" class="cell-event">
                <span class="event-title">{move || r.with(|r| r.title().to_owned())}</span>
                <span class="event-context">{move || r.with(|r| r.event.context.clone())}</span>
            </th>
            <td>{move || source_type_word(&source, lang.get())}</td>
            <td><EventResource event=e.clone() clusters=clusters snapshots=snapshots/></td>
            <td data-testid="event-user">{e.user_name.clone()}</td>
        </tr>
    }
}

/// The events in `rows` under `filter`: the controls, the table, the pager.
#[component]
pub fn EventTable(
    /// Every event read.
    rows: KeyedRows<EventRow>,
    /// The filters (the page keeps the cluster in the address and reads as far back as the window).
    filter: RwSignal<EventFilter>,
    /// The project's clusters' names by id.
    #[prop(into)]
    clusters: Signal<HashMap<String, String>>,
    /// The ids of the project's snapshots.
    #[prop(into)]
    snapshots: Signal<HashSet<String>>,
) -> impl IntoView {
    let view_state = RwSignal::new(TableView::<EventRow>::default());
    let shown = Memo::new(move |_| {
        let (v, f) = (view_state.get(), filter.get());
        rows.with_all(|all| {
            let guards: Vec<_> = all.iter().map(|(_, s)| s.read_untracked()).collect();
            let refs: Vec<&EventRow> = guards.iter().map(|g| &**g).collect();
            let (idx, total) = select(&refs, &f, &v, service_now_ms(), true);
            (idx.iter().map(|i| all[*i].0.clone()).collect::<Vec<String>>(), total)
        })
    });
    let page_counts = Signal::derive(move || shown.with(|(ids, total)| (ids.len(), *total)));
    let export_rows = Callback::new(move |()| {
        let (v, f) = (view_state.get_untracked(), filter.get_untracked());
        rows.with_all(|all| {
            let list: Vec<EventRow> = all.iter().map(|(_, s)| s.get_untracked()).collect();
            let refs: Vec<&EventRow> = list.iter().collect();
            select(&refs, &f, &v, service_now_ms(), false).0.into_iter().map(|i| list[i].event.clone()).collect::<Vec<_>>()
        })
    });
    view! {
        <EventToolbar filter=filter view_state=view_state rows=rows clusters=clusters export_rows=export_rows/>
        {move || filter.with(EventFilter::reversed).then(|| view! {
            <p class="banner banner-warning" role="alert" data-testid="event-range-reversed">{tr(Text::StartAfterEnd)}</p>
        })}
        <div class="table-wrap">
            <table class="data-table" data-testid="events-table">
                <caption class="visually-hidden">{tr(Text::NavEvents)}</caption>
                <thead><tr>
                    <SortHeader column=EventColumn::Time label=Text::Time view_state=view_state/>
                    <SortHeader column=EventColumn::Severity label=Text::Severity view_state=view_state/>
                    <SortHeader column=EventColumn::Event label=Text::EventColumn view_state=view_state/>
                    <SortHeader column=EventColumn::Source label=Text::SourceType view_state=view_state/>
                    <SortHeader column=EventColumn::Resource label=Text::Resource view_state=view_state/>
                    <SortHeader column=EventColumn::User label=Text::User view_state=view_state/>
                </tr></thead>
                <tbody>
                    <KeyedBody shown=shown row=Callback::new(move |id: String| {
                        rows.get(&id).map(|row| view! { <EventLine row=row clusters=clusters snapshots=snapshots/> }.into_any())
                    })/>
                </tbody>
            </table>
        </div>
        {move || shown.with(|s| s.1 == 0).then(|| view! {
            <p class="empty-state" data-testid="events-no-match">{tr(Text::NoEventMatch)}</p>
        })}
        <Pager view_state=view_state shown=page_counts/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::events::Numbered;
    use crate::data::events::filter::Window;

    fn row(seq: u64, name: &str, at: i64) -> EventRow {
        let e: EventResponse = serde_json::from_value(serde_json::json!({
            "event_id": format!("e{seq}"), "name": name, "category": "management", "severity": "normal",
            "source_type": "cluster", "source_id": "c1", "source_name": "dws-a", "occur_time": at,
        }))
        .unwrap();
        EventRow::new(&Numbered { seq, event: e }, Some("c1".into()))
    }

    #[test]
    fn newest_first_with_ties_in_the_service_s_order_and_the_search_on_the_words() {
        // Three events of the same millisecond: the service's order (newest first) holds.
        let rows = [row(1, "createClusterSuccess", 5), row(3, "createBackup", 5), row(2, "restartCluster", 5), row(0, "createCluster", 1)];
        let refs: Vec<&EventRow> = rows.iter().collect();
        let all = EventFilter { window: Window::All, ..Default::default() };
        let names = |v: &TableView<EventRow>, paged| {
            select(&refs, &all, v, 10, paged).0.iter().map(|i| rows[*i].event.name.clone()).collect::<Vec<_>>()
        };
        let view = TableView::<EventRow>::default();
        assert_eq!(names(&view, true), ["createBackup", "restartCluster", "createClusterSuccess", "createCluster"]);
        // The search looks at the words, not at the tie-breaker.
        let search = TableView::<EventRow> { search: "RESTART".into(), ..Default::default() };
        assert_eq!(names(&search, true), ["restartCluster"]);
        assert_eq!(names(&TableView { search: "0000".into(), ..Default::default() }, true), Vec::<String>::new());
        // Events sort by their names for people.
        let by_name = TableView::<EventRow> { sort: EventColumn::Event, descending: false, ..Default::default() };
        let titles: Vec<&str> = select(&refs, &all, &by_name, 10, true).0.iter().map(|i| rows[*i].title()).collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted);
        // A page holds its share; the export takes every page.
        let paged = TableView::<EventRow> { page_size: 2, page: 1, ..Default::default() };
        assert_eq!(names(&paged, true), ["createClusterSuccess", "createCluster"]);
        assert_eq!(select(&refs, &all, &paged, 10, false), (vec![1, 2, 0, 3], 4));
    }
}
