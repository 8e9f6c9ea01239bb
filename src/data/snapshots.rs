//! The live snapshot list of the signed-in project, and what is derived from a snapshot.

use dws_contract::Operation;
use dws_contract::status::SnapshotStatus;
use dws_contract::types::{ListSnapshotsResponse, SnapshotDetail};
use leptos::prelude::*;

use crate::api::Answer;
use crate::live::{Live, use_cadence, use_live};
use crate::session::use_api;

/// The live snapshot list of the signed-in project.
pub fn use_snapshot_list() -> Live<Vec<SnapshotDetail>> {
    let api = use_api();
    use_live(
        use_cadence(),
        move || {
            let api = api.get_untracked()?;
            Some(async move {
                let a: Answer<ListSnapshotsResponse> =
                    api.call(Operation::ListSnapshots, &api.project(), None::<&()>).await?;
                Ok(a.body.snapshots)
            })
        },
        |s: &Vec<SnapshotDetail>| s.iter().any(|s| s.status == SnapshotStatus::Creating),
    )
}

/// How long a snapshot took, in seconds, once it finished.
pub fn duration_s(s: &SnapshotDetail) -> Option<i64> {
    let t = |v: &Option<String>| v.as_deref().and_then(dws_contract::time::parse_iso8601);
    Some((t(&s.finished)? - t(&s.started)?) / 1000).filter(|d| *d >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_come_from_the_start_and_the_end() {
        let s: SnapshotDetail = serde_json::from_value(serde_json::json!({
            "id": "s", "name": "n", "status": "AVAILABLE",
            "started": "2026-01-01T00:00:00Z", "finished": "2026-01-01T00:03:20Z"
        }))
        .unwrap();
        assert_eq!(duration_s(&s), Some(200));
    }
}
