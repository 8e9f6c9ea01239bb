//! What the events list shows: the time window, the filters by cluster, source type and
//! severity, and the search. The API filters nothing, so this runs in the browser.

use dws_contract::types::EventResponse;

use super::Numbered;

const HOUR_MS: i64 = 3_600_000;

/// How far back the list goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// The last hour.
    Hour,
    /// The last 24 hours.
    Day,
    /// The last 7 days.
    #[default]
    Week,
    /// Every event.
    All,
    /// From [`EventFilter::from_ms`] to [`EventFilter::to_ms`].
    Between,
}

impl Window {
    /// Every window, in the order the choice lists them.
    pub const ALL: [Window; 5] = [Window::Hour, Window::Day, Window::Week, Window::All, Window::Between];

    /// Its value in the choice.
    pub fn key(self) -> &'static str {
        match self {
            Window::Hour => "1h",
            Window::Day => "24h",
            Window::Week => "7d",
            Window::All => "all",
            Window::Between => "range",
        }
    }

    /// The window a choice's value names.
    pub fn from_key(key: &str) -> Window {
        Window::ALL.into_iter().find(|w| w.key() == key).unwrap_or_default()
    }
}

/// The filters of the events list (the search and sort are the table's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventFilter {
    /// A cluster id: its events and its snapshots' events; empty for all.
    pub cluster: String,
    /// A `source_type` (`cluster`, `backup`); empty for all.
    pub source_type: String,
    /// `normal` or `warning`; empty for all.
    pub severity: String,
    /// How far back.
    pub window: Window,
    /// The start of a [`Window::Between`] (ms), if given.
    pub from_ms: Option<i64>,
    /// The end of a [`Window::Between`] (ms), if given.
    pub to_ms: Option<i64>,
}

impl EventFilter {
    /// The oldest time the window takes in, at `now_ms` (the service's present); none for all.
    pub fn since(&self, now_ms: i64) -> Option<i64> {
        match self.window {
            Window::Hour => Some(now_ms - HOUR_MS),
            Window::Day => Some(now_ms - 24 * HOUR_MS),
            Window::Week => Some(now_ms - 7 * 24 * HOUR_MS),
            Window::All => None,
            Window::Between => self.from_ms,
        }
    }

    /// The newest time the window takes in; none up to now.
    pub fn until(&self) -> Option<i64> {
        if self.window == Window::Between { self.to_ms } else { None }
    }

    /// Whether a start after the end leaves the window empty.
    pub fn reversed(&self) -> bool {
        self.window == Window::Between && matches!((self.from_ms, self.to_ms), (Some(f), Some(t)) if f > t)
    }

    /// Whether the filters keep a row, at `now_ms`.
    pub fn keeps(&self, r: &EventRow, now_ms: i64) -> bool {
        let e = &r.event;
        (self.cluster.is_empty() || r.cluster_id.as_deref() == Some(self.cluster.as_str()))
            && (self.source_type.is_empty() || e.source_type.as_str() == self.source_type)
            && (self.severity.is_empty() || e.severity.as_str() == self.severity)
            && self.since(now_ms).is_none_or(|s| e.occur_time >= s)
            && self.until().is_none_or(|u| e.occur_time <= u)
    }
}

/// A row of the events list: the event, the cluster it is about (when known) and what the search
/// looks in.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// The event as the service sent it.
    pub event: EventResponse,
    /// Its cluster: the cluster itself, or its snapshot's.
    pub cluster_id: Option<String>,
    /// Its place in the service's order, as text that sorts like the number.
    pub order: String,
    /// Every text of the event in lower case: its names, the words, the resource and the user.
    haystack: String,
}

impl EventRow {
    /// The row of a numbered event.
    pub fn new(n: &Numbered, cluster_id: Option<String>) -> EventRow {
        let e = &n.event;
        let parts = [
            Some(e.name.as_str()),
            e.display_name.as_deref(),
            e.context.as_deref(),
            e.source_name.as_deref(),
            e.source_id.as_deref(),
            e.user_name.as_deref(),
        ];
        let haystack = parts.into_iter().flatten().collect::<Vec<_>>().join("\n").to_lowercase();
        EventRow { event: e.clone(), cluster_id, order: format!("{:016}", n.seq), haystack }
    }

    /// Whether the search (any case) finds the row.
    pub fn matches(&self, search: &str) -> bool {
        let needle = search.trim().to_lowercase();
        needle.is_empty() || self.haystack.contains(&needle)
    }

    /// The event's name for people, as the service gave it in the language asked for (its
    /// specification's name when it gave none).
    pub fn title(&self) -> &str {
        self.event.display_name.as_deref().unwrap_or(&self.event.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::events::tests::event;

    fn row(seq: u64, e: EventResponse, cluster: Option<&str>) -> EventRow {
        EventRow::new(&Numbered { seq, event: e }, cluster.map(str::to_owned))
    }

    #[test]
    fn windows_reach_back_from_the_service_s_present() {
        let now = 10 * 24 * HOUR_MS;
        let f = |window| EventFilter { window, ..Default::default() };
        assert_eq!(f(Window::Hour).since(now), Some(now - HOUR_MS));
        assert_eq!(f(Window::Day).since(now), Some(now - 24 * HOUR_MS));
        assert_eq!(f(Window::Week).since(now), Some(now - 7 * 24 * HOUR_MS));
        assert_eq!(f(Window::All).since(now), None);
        let between = EventFilter { window: Window::Between, from_ms: Some(5), to_ms: Some(9), ..Default::default() };
        assert_eq!((between.since(now), between.until()), (Some(5), Some(9)));
        assert!(!between.reversed());
        assert!(EventFilter { from_ms: Some(10), ..between.clone() }.reversed());
        // A range only counts while it is the chosen window.
        assert_eq!(EventFilter { window: Window::Day, ..between }.until(), None);
        for w in Window::ALL {
            assert_eq!(Window::from_key(w.key()), w);
        }
        assert_eq!(Window::from_key("bogus"), Window::Week);
    }

    #[test]
    fn filters_keep_what_they_name() {
        let now = 100 * HOUR_MS;
        let created = row(3, event("3", "createCluster", ("cluster", "c1", "dws-a"), now - 2 * HOUR_MS, Some("admin")), Some("c1"));
        let failed = row(2, event("2", "createBackupFail", ("backup", "s1", "snap-b"), now - 30 * HOUR_MS, None), Some("c2"));
        let gone = row(1, event("1", "deleteBackup", ("backup", "s9", "old"), now - 200 * HOUR_MS, Some("viewer")), None);
        let rows = [&created, &failed, &gone];
        let kept = |f: &EventFilter| rows.iter().filter(|r| f.keeps(r, now)).map(|r| r.event.event_id.as_str()).collect::<Vec<_>>();
        let all = EventFilter { window: Window::All, ..Default::default() };
        assert_eq!(kept(&all), ["3", "2", "1"]);
        assert_eq!(kept(&EventFilter::default()), ["3", "2"], "the last 7 days");
        assert_eq!(kept(&EventFilter { window: Window::Day, ..Default::default() }), ["3"]);
        assert_eq!(kept(&EventFilter { cluster: "c2".into(), ..all.clone() }), ["2"]);
        assert_eq!(kept(&EventFilter { source_type: "backup".into(), ..all.clone() }), ["2", "1"]);
        assert_eq!(kept(&EventFilter { severity: "warning".into(), ..all.clone() }), ["2"]);
        let between = EventFilter { window: Window::Between, from_ms: Some(now - 40 * HOUR_MS), to_ms: Some(now - 10 * HOUR_MS), ..all };
        assert_eq!(kept(&between), ["2"]);
        assert_eq!(kept(&EventFilter { to_ms: None, ..between }), ["3", "2"], "an open end reaches now");
    }

    #[test]
    fn the_search_finds_names_in_both_languages_words_resources_and_users() {
        let r = row(1, event("1", "createCluster", ("cluster", "c1", "dws-a"), 0, Some("Admin")), Some("c1"));
        for needle in ["", "createcluster", "CLUSTER CREATION", "dws-A", "admin", "  c1 "] {
            assert!(r.matches(needle), "{needle:?}");
        }
        assert!(!r.matches("snapshot"));
        assert_eq!(r.title(), "Cluster creation started");
        assert_eq!(r.order, "0000000000000001");
        // Without a name for people, the specification's name.
        let unnamed = row(2, event("2", "somethingNew", ("cluster", "c1", "x"), 0, None), None);
        assert_eq!(unnamed.title(), "somethingNew");
    }
}
