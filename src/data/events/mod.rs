//! The project's events: read page by page (the API pages with `offset` and `limit` and filters
//! nothing), newest first, only as far back as the caller needs; which cluster each is about; and
//! whether a task they tell of is still under way.

pub mod filter;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use dws_contract::Operation;
use dws_contract::status::EventSourceType;
use dws_contract::types::{EventResponse, ListEventsResponse};
use leptos::prelude::*;

use crate::api::{Answer, Api, ApiError};
use crate::export::CsvRecord;
use crate::live::{Live, use_cadence, use_live};
use crate::session::use_api;

/// The most events one page holds (the API's default and maximum).
pub const PAGE: usize = 1000;
/// How many pages a list reads at most: beyond this many events, older ones are left unread.
pub const MAX_PAGES: usize = 50;

/// An event and its place in the project's history (0 the oldest), so that events of the same
/// millisecond keep the order the service gave them, and keep it from one poll to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbered {
    /// The place; grows with every newer event.
    pub seq: u64,
    /// The event as the service sent it.
    pub event: EventResponse,
}

/// The events read, newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventLog {
    /// The events, newest first, each once.
    pub events: Vec<Numbered>,
    /// Whether older events were left unread because [`MAX_PAGES`] were read.
    pub truncated: bool,
}

/// Whether to read the page after one that held `got` events of at most `limit`, `read` events
/// having been read in all of the `count` the service has: not after a short page, not past the
/// count, and not once the caller has what it `wants`.
pub fn read_on(got: usize, limit: usize, read: usize, count: Option<u32>, wants: bool) -> bool {
    got > 0 && got >= limit && count.is_none_or(|c| read < c as usize) && wants
}

/// Whether events older than the oldest read so far (`oldest_ms`) can still fall in a window
/// that starts at `since_ms` (none: every event counts).
pub fn reaches_back(oldest_ms: Option<i64>, since_ms: Option<i64>) -> bool {
    match (oldest_ms, since_ms) {
        (Some(oldest), Some(since)) => oldest >= since,
        _ => true,
    }
}

/// How far back a list reads.
pub struct Reach {
    /// Events a page.
    pub limit: usize,
    /// Pages at most.
    pub max_pages: usize,
    /// Whether more are needed, given all read so far.
    pub wants: Box<dyn Fn(&[Numbered]) -> bool>,
}

impl Reach {
    /// Back to `since_ms` (none: every event), in the largest pages.
    pub fn since(since_ms: Option<i64>) -> Reach {
        Reach {
            limit: PAGE,
            max_pages: MAX_PAGES,
            wants: Box::new(move |read| reaches_back(read.last().map(|n| n.event.occur_time), since_ms)),
        }
    }
}

/// Reads pages, newest first, as far as `reach` says. An event that a page shares with the one
/// before (newer events pushed it down meanwhile) is kept once.
pub async fn read_events(api: &Api, reach: Reach) -> Result<EventLog, ApiError> {
    let Reach { limit, max_pages, wants } = reach;
    let mut log = EventLog::default();
    let mut seen = HashSet::new();
    let mut offset = 0usize;
    for page in 0..max_pages {
        let query = [("offset", offset.to_string()), ("limit", limit.to_string())];
        let a: Answer<ListEventsResponse> =
            api.call_with_query(Operation::ListEvents, &api.project(), &query, None::<&()>).await?;
        let ListEventsResponse { events, count } = a.body;
        let got = events.len();
        // Counted from the oldest, so a place stays put as newer events arrive.
        let total = count.map_or(1u64 << 40, u64::from);
        for (i, event) in events.into_iter().enumerate() {
            let seq = total.saturating_sub(1 + (offset + i) as u64);
            if seen.insert(event.event_id.clone()) {
                log.events.push(Numbered { seq, event });
            }
        }
        offset += got;
        if !read_on(got, limit, offset, count, wants(&log.events)) {
            return Ok(log);
        }
        log.truncated = page + 1 == max_pages;
    }
    Ok(log)
}

/// The project's events as far back as `reach()` says at each poll, live.
pub fn use_event_log(reach: Rc<dyn Fn() -> Reach>) -> Live<EventLog> {
    let api = use_api();
    use_live(
        use_cadence(),
        move || {
            let api = api.get_untracked()?;
            let reach = reach();
            Some(async move { read_events(&api, reach).await })
        },
        |log: &EventLog| under_way(&log.events),
    )
}

/// Whether a task is still under way: the newest event about some resource says one began
/// (`createCluster` with no `createClusterSuccess` after it yet), so the list polls fast.
pub fn under_way(events: &[Numbered]) -> bool {
    let mut seen = HashSet::new();
    // The newest events are enough: a task that began hundreds of events ago has ended.
    events.iter().take(200).any(|n| {
        let e = &n.event;
        let first = seen.insert((e.source_id.clone(), e.source_type.clone()));
        first && STARTS.contains(&e.name.as_str())
    })
}

/// The events that say a task began (`dws_contract::events::EventKind`'s names); each has an
/// end, `…Success` or `…Fail`.
const STARTS: [&str; 8] =
    ["createCluster", "extendCluster", "deleteCluster", "restoreCluster", "restartCluster", "stopCluster", "startCluster", "createBackup"];

/// The cluster an event is about: the cluster itself, or the cluster a snapshot was taken of
/// (from `snapshot_clusters`, snapshot id → cluster id: the event does not say).
pub fn cluster_of(e: &EventResponse, snapshot_clusters: &HashMap<String, String>) -> Option<String> {
    let id = e.source_id.as_ref()?;
    match e.source_type {
        EventSourceType::Cluster => Some(id.clone()),
        EventSourceType::Backup => snapshot_clusters.get(id).cloned(),
        _ => None,
    }
}

impl CsvRecord for EventResponse {
    const HEADER: &'static [&'static str] = &[
        "occur_time", "severity", "name", "display_name", "context", "source_type", "source_id", "source_name", "user_name",
        "event_id",
    ];

    fn record(&self) -> Vec<String> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            dws_contract::time::format_iso8601(self.occur_time),
            self.severity.as_str().to_owned(),
            self.name.clone(),
            opt(&self.display_name),
            opt(&self.context),
            self.source_type.as_str().to_owned(),
            opt(&self.source_id),
            opt(&self.source_name),
            opt(&self.user_name),
            self.event_id.clone(),
        ]
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An event as the service sends one.
    pub fn event(id: &str, name: &str, source: (&str, &str, &str), at: i64, user: Option<&str>) -> EventResponse {
        let kind = dws_contract::events::EventKind::from_name(name);
        serde_json::from_value(serde_json::json!({
            "event_id": id, "name": name, "category": "management",
            "severity": kind.map_or("normal".to_owned(), |k| k.severity().as_str().to_owned()),
            "display_name": kind.map(|k| k.display_name(dws_contract::Lang::En)),
            "context": kind.map(|k| k.context(source.2, None, dws_contract::Lang::En)),
            "source_type": source.0, "source_id": source.1, "source_name": source.2,
            "occur_time": at, "user_name": user,
        }))
        .unwrap()
    }

    fn numbered(list: &[EventResponse]) -> Vec<Numbered> {
        let n = list.len() as u64;
        list.iter().enumerate().map(|(i, e)| Numbered { seq: n - 1 - i as u64, event: e.clone() }).collect()
    }

    #[test]
    fn pages_are_read_until_the_window_is_covered() {
        // A full page, more to come, and the window wants older events: read on.
        assert!(read_on(1000, 1000, 1000, Some(2500), true));
        // A short page is the last one.
        assert!(!read_on(400, 1000, 2400, Some(2500), true));
        // The count is reached even though the page was full.
        assert!(!read_on(1000, 1000, 2000, Some(2000), true));
        // An empty page ends it, whatever the count says.
        assert!(!read_on(0, 1000, 1000, Some(5000), true));
        // Without a count, a full page asks for the next.
        assert!(read_on(100, 100, 300, None, true));
        // Once the events are older than the window's start, no more pages.
        assert!(!read_on(1000, 1000, 1000, Some(9000), false));
        assert!(reaches_back(Some(5_000), Some(5_000)), "the same millisecond may go on in the next page");
        assert!(!reaches_back(Some(4_999), Some(5_000)));
        assert!(reaches_back(Some(1), None), "all time reads every page");
        assert!(reaches_back(None, Some(5_000)), "nothing read yet");
    }

    #[test]
    fn the_events_that_start_a_task_are_the_catalog_s() {
        use dws_contract::events::EventKind;
        for name in STARTS {
            let kind = EventKind::from_name(name).unwrap_or_else(|| panic!("{name}"));
            assert!(EventKind::from_name(&format!("{name}Success")).is_some(), "{kind:?} ends");
        }
    }

    #[test]
    fn a_task_is_under_way_until_its_end_is_recorded() {
        let c = ("cluster", "c1", "dws-1");
        let started = [event("2", "createCluster", c, 2, Some("admin")), event("1", "deleteBackup", ("backup", "s", "x"), 1, None)];
        assert!(under_way(&numbered(&started)));
        let ended = [event("3", "createClusterSuccess", c, 3, None), started[0].clone(), started[1].clone()];
        assert!(!under_way(&numbered(&ended)));
        // Another resource's end does not end this one's task.
        let other = [event("4", "restartClusterSuccess", ("cluster", "c2", "b"), 4, None), started[0].clone()];
        assert!(under_way(&numbered(&other)));
        assert!(!under_way(&[]));
    }

    #[test]
    fn snapshot_events_belong_to_their_snapshot_s_cluster_when_it_is_known() {
        let map: HashMap<String, String> = [("s1".to_owned(), "c1".to_owned())].into();
        assert_eq!(cluster_of(&event("1", "createCluster", ("cluster", "c9", "n"), 1, None), &map).as_deref(), Some("c9"));
        assert_eq!(cluster_of(&event("2", "createBackup", ("backup", "s1", "n"), 1, None), &map).as_deref(), Some("c1"));
        assert_eq!(cluster_of(&event("3", "deleteBackup", ("backup", "gone", "n"), 1, None), &map), None);
    }

    #[test]
    fn csv_lines_carry_the_time_in_utc_and_every_field() {
        let e = event("e1", "createCluster", ("cluster", "c1", "dws-1"), 1_700_000_000_000, Some("admin"));
        let csv = crate::export::csv(&[e]);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("occur_time,severity,name,display_name,context,source_type,source_id,source_name,user_name,event_id"));
        assert_eq!(
            lines.next(),
            Some("2023-11-14T22:13:20Z,normal,createCluster,Cluster creation started,Creation of cluster dws-1 started.,cluster,c1,dws-1,admin,e1")
        );
    }
}
