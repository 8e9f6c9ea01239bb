//! Events (DWS-DAY-TWO.md §4.1–4.2): what happened to the project's clusters and snapshots.

use serde::{Deserialize, Serialize};

use crate::lenient;
use crate::status::{EventCategory, EventSeverity, EventSourceType};

/// Answer of `GET /v2/{project_id}/events`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ListEventsResponse {
    /// The events of this page, newest first.
    #[serde(default)]
    pub events: Vec<EventResponse>,
    /// How many events there are in all.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub count: Option<u32>,
}

/// One event (`EventResponse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EventResponse {
    /// Its id.
    pub event_id: String,
    /// Its specification's name (`deleteClusterSuccess`).
    pub name: String,
    /// The specification's name for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `management`, `monitor` or `security`.
    pub category: EventCategory,
    /// `normal` or `warning`.
    pub severity: EventSeverity,
    /// What it is about: `cluster`, `backup`, …
    pub source_type: EventSourceType,
    /// The id of what it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    /// The name of what it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    /// When it happened, ms since the epoch.
    #[serde(deserialize_with = "lenient::int")]
    pub occur_time: i64,
    /// The specification's template (`Cluster %s deleted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The template filled in (`The cluster dws-1 is deleted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The notification's subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `dws`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_space: Option<String>,
    /// The project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// 1 (saved) or 2 (handled).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub status: Option<i32>,
    /// Who asked for it (an IAM user), when a user did; the service's own work has none. Not in
    /// Huawei's answer: the emulator adds it, and clients that do not know it ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
}

/// Answer of `GET /v2/{project_id}/event-specs`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ListEventSpecsResponse {
    /// The specifications of this page.
    #[serde(default)]
    pub event_specs: Vec<EventSpecResponse>,
    /// How many match in all.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient::opt_int")]
    pub count: Option<u32>,
}

/// One event specification (`EventSpecResponse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EventSpecResponse {
    /// Its id.
    pub id: String,
    /// Its name (`createClusterSuccess`).
    pub name: String,
    /// Its name for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Its template (`%s` is the resource's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The notification's subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `management`, `monitor` or `security`.
    pub category: EventCategory,
    /// `normal` or `warning`.
    pub severity: EventSeverity,
    /// `cluster`, `backup`, …
    pub source_type: EventSourceType,
    /// `dws`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_space: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_event_reads() {
        let e: ListEventsResponse = serde_json::from_str(
            r#"{"events":[{"category":"management","description":"Cluster %s deleted","name":"deleteClusterSuccess",
                "severity":"normal","status":2,"subject":"DWS event notification",
                "context":"The cluster test-ty-820-1006 is deleted","event_id":"f63c","display_name":"Cluster deleted",
                "name_space":"dws","source_type":"cluster","occur_time":1664331248330,"project_id":"4cf6",
                "source_id":"9def","source_name":"test-ty-820-1006"}],"count":1}"#,
        )
        .unwrap();
        assert_eq!(e.count, Some(1));
        let ev = &e.events[0];
        assert_eq!((ev.category.clone(), ev.severity.clone()), (EventCategory::Management, EventSeverity::Normal));
        assert_eq!(ev.source_type, EventSourceType::Cluster);
        assert_eq!(ev.occur_time, 1_664_331_248_330);
        assert_eq!(ev.user_name, None);
    }
}
