//! Automated snapshots over HTTP: the policies (an upsert, with the service's defaults), the
//! scheduler on the emulator's clock, retention, and copies of automated snapshots.

mod common;

use common::*;
use serde_json::{Value, json};


/// An emulator whose callers' clock stands still while the test moves the service's by days,
/// as the system clock does beside `--clock manual`: the token stays good.
async fn emu() -> Emu {
    Emu::with(Options { separate_wall_clock: true, ..Options::default() }).await
}
const DAY: f64 = 86_400.0;

fn policies_path(id: &str) -> String {
    format!("/v2/{PROJECT}/clusters/{id}/snapshot-policies")
}

impl Emu {
    async fn policies(&self, id: &str) -> Value {
        let r = self.call("GET", &policies_path(id), None).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        r.body
    }

    async fn put_policies(&self, id: &str, body: Value) -> Reply {
        self.call("PUT", &policies_path(id), Some(body)).await
    }

    /// The automated snapshots of a cluster, oldest first, taken by a policy.
    async fn scheduled(&self, id: &str) -> Vec<Value> {
        let mut s: Vec<Value> = self
            .snapshots()
            .await
            .into_iter()
            .filter(|s| s["cluster_id"] == id && s["type"] == "AUTOMATED" && s["description"].as_str().unwrap().contains('('))
            .collect();
        s.reverse();
        s
    }
}

#[tokio::test]
async fn a_new_cluster_has_the_service_s_defaults() {
    let emu = emu().await;
    let id = emu.available_cluster("dws-defaults").await;
    let p = emu.policies(&id).await;
    assert_eq!((p["keep_day"].as_u64(), p["auto_backup"].as_bool(), p["device_name"].as_str()), (Some(7), Some(true), Some("OBS")));
    assert_eq!(p["backup_strategy_cluster_type_limit_num"], 10);
    let s = p["backup_strategies"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str)> =
        s.iter().map(|s| (s["policy_name"].as_str().unwrap(), s["backup_type"].as_str().unwrap(), s["backup_strategy"].as_str().unwrap())).collect();
    assert_eq!(rows, [("default-full-strategy", "full", "0 0 2 ? * 1"), ("default-increment-strategy", "increment", "0 7 2/8 ? * 2,3,4,5,6,7")]);
    // T0 is Friday 2026-11-27 12:00 UTC, available at 12:00:20: the next increment is 18:07
    // that day, the next full Sunday 02:00.
    assert_eq!(s[1]["next_fire_time"], (T0 + 6 * 3_600_000 + 7 * 60_000).to_string());
    assert_eq!(s[0]["next_fire_time"], (T0 + 38 * 3_600_000).to_string());
    assert_eq!(s[0]["update_time"], "2026-11-27T12:00:00", "set when the cluster was asked for");
    let r = emu.call("GET", &policies_path("7ba031f6-81f4-4670-ad20-c490b91877e5"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0001"));
}

#[tokio::test]
async fn a_write_adds_changes_and_leaves_what_it_does_not_name() {
    let emu = emu().await;
    let id = emu.available_cluster("dws-upsert").await;
    // Terraform's write: one new policy, with a member the SDK's model does not have.
    let r = emu
        .put_policies(&id, json!({"backup_strategies": [{"policy_name": "nightly-full", "cluster_id": id, "backup_type": "full",
            "backup_strategy": "0 0 1 * * ?", "backup_level": "cluster"}]}))
        .await;
    assert_eq!((r.status.as_u16(), &r.body), (200, &json!({})));
    let p = emu.policies(&id).await;
    assert_eq!((p["keep_day"].as_u64(), p["auto_backup"].as_bool()), (Some(7), Some(true)), "left as they were");
    let nightly = p["backup_strategies"].as_array().unwrap().iter().find(|s| s["policy_name"] == "nightly-full").unwrap().clone();
    let pid = nightly["policy_id"].as_str().unwrap().to_owned();
    // A change by id: only what is named changes.
    let r = emu.put_policies(&id, json!({"keep_day": 3, "backup_strategies": [{"policy_id": pid, "backup_strategy": "0 30 3 * * ?"}]})).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let p = emu.policies(&id).await;
    assert_eq!(p["keep_day"], 3);
    let nightly = p["backup_strategies"].as_array().unwrap().iter().find(|s| s["policy_id"] == pid).unwrap().clone();
    assert_eq!((nightly["policy_name"].as_str(), nightly["backup_type"].as_str(), nightly["backup_strategy"].as_str()), (Some("nightly-full"), Some("full"), Some("0 30 3 * * ?")));
    // Off: no next runs.
    emu.put_policies(&id, json!({"auto_backup": false})).await;
    let p = emu.policies(&id).await;
    assert!(p["backup_strategies"].as_array().unwrap().iter().all(|s| s.get("next_fire_time").is_none()));
    // Deleted: gone, and a second time it is not there.
    let del = format!("/v1.0/{PROJECT}/clusters/{id}/snapshot-policies/{pid}");
    let r = emu.call("DELETE", &del, None).await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_null());
    let r = emu.call("DELETE", &del, None).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0011"));
    assert_eq!(emu.policies(&id).await["backup_strategies"].as_array().unwrap().len(), 2);
    let names: Vec<Value> = emu.call("GET", &format!("/v2/{PROJECT}/events?limit=4"), None).await.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("updateClustersBackupPolicy"); 4]);
}

#[tokio::test]
async fn policies_are_refused_by_the_documented_rules() {
    let emu = emu().await;
    let id = emu.available_cluster("dws-policy-rules").await;
    let one = |s: Value| json!({"backup_strategies": [s]});
    let cases = [
        (json!({"keep_day": 0}), 400, "DWS.5080"),
        (json!({"keep_day": 32}), 400, "DWS.5080"),
        (json!({"keep_day": "x"}), 400, "DWS.5080"),
        (one(json!({"policy_name": "abc", "backup_type": "full", "backup_strategy": "0 0 1 * * ?"})), 400, "DWS.5065"),
        (one(json!({"policy_name": "default-FULL-strategy", "backup_type": "full", "backup_strategy": "0 0 1 * * ?"})), 400, "DWS.5039"),
        (one(json!({"policy_name": "bad-cron", "backup_type": "full", "backup_strategy": "0 0 1 * *"})), 400, "DWS.5018"),
        (one(json!({"policy_name": "bad-cron", "backup_type": "full", "backup_strategy": "0 0 25 * * ?"})), 400, "DWS.5018"),
        (one(json!({"policy_name": "bad-cron", "backup_type": "full", "backup_strategy": "0 0 1 1 * 1"})), 400, "DWS.5018"),
        (one(json!({"policy_name": "too-often", "backup_type": "increment", "backup_strategy": "0 0 * * * ?"})), 400, "DWS.5079"),
        (one(json!({"policy_name": "no-type", "backup_strategy": "0 0 1 * * ?"})), 400, "DWS.5065"),
        (one(json!({"policy_name": "bad-type", "backup_type": "differential", "backup_strategy": "0 0 1 * * ?"})), 400, "DWS.5065"),
        (one(json!({"policy_name": "by-schema", "backup_type": "full", "backup_strategy": "0 0 1 * * ?", "backup_level": "schema"})), 400, "DWS.5206"),
        (one(json!({"policy_id": "nope", "backup_strategy": "0 0 1 * * ?"})), 404, "DWS.0011"),
        (json!({"device_name": "NBU"}), 400, "DWS.5065"),
        (json!({"device_name": "TAPE"}), 400, "DWS.5065"),
    ];
    for (body, status, code) in cases {
        let r = emu.put_policies(&id, body.clone()).await;
        assert_eq!((r.status.as_u16(), r.code()), (status, code), "{body}: {}", r.msg());
    }
    let r = emu.put_policies(&id, one(json!({"policy_name": "too-often", "backup_type": "increment", "backup_strategy": "0 0 * * * ?"}))).await;
    assert!(r.msg().ends_with("Schedule runs too often: automated snapshots must be at least 4 hours apart."), "{}", r.msg());
    // Ten at most.
    for i in 0..8 {
        let r = emu.put_policies(&id, one(json!({"policy_name": format!("weekly-{i}"), "backup_type": "full", "backup_strategy": format!("0 0 {i} ? * 1")}))).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
    }
    let r = emu.put_policies(&id, one(json!({"policy_name": "eleventh", "backup_type": "full", "backup_strategy": "0 0 9 ? * 1"}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.0012"));
    // Nothing of a refused write was kept.
    assert_eq!(emu.policies(&id).await["keep_day"], 7);
}

#[tokio::test]
async fn the_schedule_takes_snapshots_as_the_clock_moves_and_retention_removes_them() {
    let emu = emu().await;
    let id = emu.available_cluster("dws-scheduled").await;
    // Four days, Friday noon to Tuesday noon: Friday 18:07, Saturday's three increments,
    // Sunday's full (no increment on Sundays), Monday's three and Tuesday's two.
    emu.advance(4.0 * DAY);
    let taken = emu.scheduled(&id).await;
    let at: Vec<&str> = taken.iter().map(|s| s["started"].as_str().unwrap()).collect();
    assert_eq!(
        at,
        [
            "2026-11-27T18:07:00Z", "2026-11-28T02:07:00Z", "2026-11-28T10:07:00Z", "2026-11-28T18:07:00Z",
            "2026-11-29T02:00:00Z", "2026-11-30T02:07:00Z", "2026-11-30T10:07:00Z", "2026-11-30T18:07:00Z",
            "2026-12-01T02:07:00Z", "2026-12-01T10:07:00Z"
        ],
        "{taken:?}"
    );
    assert!(taken.iter().all(|s| s["status"] == "AVAILABLE" && s["type"] == "AUTOMATED"), "{taken:?}");
    assert!(taken[4]["description"].as_str().unwrap().contains("default-full-strategy"));
    // Retention of one day: all but the last day's three go, the cluster's first one too.
    emu.put_policies(&id, json!({"keep_day": 1})).await;
    let left: Vec<Value> = emu.snapshots().await.into_iter().filter(|s| s["cluster_id"] == id).collect();
    assert_eq!(left.len(), 3, "{left:?}");
    let e = emu.call("GET", &format!("/v2/{PROJECT}/events"), None).await.body["events"].clone();
    assert!(e.as_array().unwrap().iter().any(|e| e["name"] == "deleteBackup" && e["context"].as_str().unwrap().contains("kept 1 day")));
    // Users still cannot delete them.
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{}", left[0]["id"].as_str().unwrap()), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.0007"));
}

#[tokio::test]
async fn off_or_stopped_means_no_automated_snapshots_and_no_catching_up() {
    let emu = emu().await;
    let off = emu.available_cluster("dws-off").await;
    emu.put_policies(&off, json!({"auto_backup": false})).await;
    let stopped = emu.available_cluster("dws-asleep").await;
    emu.call("POST", &format!("/v1/{PROJECT}/clusters/{stopped}/stop"), None).await;
    emu.advance(8.0);
    emu.advance(2.0 * DAY);
    assert!(emu.scheduled(&off).await.is_empty());
    assert!(emu.scheduled(&stopped).await.is_empty());
    // Back on or started: from then on.
    emu.put_policies(&off, json!({"auto_backup": true})).await;
    emu.call("POST", &format!("/v1/{PROJECT}/clusters/{stopped}/start"), None).await;
    emu.advance(10.0);
    assert_eq!(emu.cluster(&stopped).await["status"], "AVAILABLE");
    assert!(emu.scheduled(&off).await.is_empty() && emu.scheduled(&stopped).await.is_empty(), "nothing made up for");
    // Sunday noon to Monday noon: Monday's 02:07 and 10:07 increments.
    emu.advance(DAY);
    assert_eq!(emu.scheduled(&off).await.len(), 2);
    assert_eq!(emu.scheduled(&stopped).await.len(), 2);
}

#[tokio::test]
async fn only_an_available_automated_snapshot_is_copied_to_a_manual_one_that_restores() {
    let emu = emu().await;
    let id = emu.available_cluster("dws-copied").await;
    let auto = emu.snapshots().await.into_iter().find(|s| s["type"] == "AUTOMATED").unwrap();
    let auto_id = auto["id"].as_str().unwrap().to_owned();
    let manual = emu.snapshot_of(&id, "snap-manual").await;
    let copy = |sid: &str| format!("/v1.0/{PROJECT}/snapshots/{sid}/linked-copy");
    let r = emu.call("POST", &copy(&manual), Some(json!({"backup_name": "copy-of-manual"}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.0013"));
    assert!(r.msg().contains("Only automated snapshots are copied"), "{}", r.msg());
    for (body, code) in [
        (json!({"backup_name": "cp"}), "DWS.5056"),
        (json!({"backup_name": "1copy"}), "DWS.5065"),
        (json!({"backup_name": "snap-MANUAL"}), "DWS.5039"),
        (json!({"backup_name": "copy-x", "description": "a<b"}), "DWS.5065"),
        (json!({}), "DWS.5065"),
    ] {
        let r = emu.call("POST", &copy(&auto_id), Some(body.clone())).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, code), "{body}");
    }
    let r = emu.call("POST", &copy("7ba031f6-81f4-4670-ad20-c490b91877e5"), Some(json!({"backup_name": "copy-x"}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0002"));
    let r = emu.call("POST", &copy(&auto_id), Some(json!({"backup_name": "kept-copy", "description": "kept"}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let cid = r.body["snapshot_id"].as_str().unwrap().to_owned();
    let s = emu.snapshot(&cid).await.body["snapshot"].clone();
    assert_eq!((s["status"].as_str(), s["type"].as_str(), s["cluster_id"].as_str()), (Some("CREATING"), Some("MANUAL"), Some(id.as_str())));
    // A copy being made is neither restored from nor deleted.
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots/{cid}/actions"), Some(json!({"restore": {"name": "dws-early"}}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0006"));
    emu.advance(5.0);
    let s = emu.snapshot(&cid).await.body["snapshot"].clone();
    assert_eq!(s["status"], "AVAILABLE");
    assert_eq!(s["size"], auto["size"]);
    // It restores, and outlives retention (it is manual).
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots/{cid}/actions"), Some(json!({"restore": {"name": "dws-from-copy"}}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    emu.advance(15.0);
    assert_eq!(emu.cluster(r.body["cluster"]["id"].as_str().unwrap()).await["status"], "AVAILABLE");
    emu.put_policies(&id, json!({"keep_day": 1})).await;
    emu.advance(2.0 * DAY);
    assert_eq!(emu.snapshot(&auto_id).await.status, 404, "the automated one has expired");
    assert_eq!(emu.snapshot(&cid).await.status, 200, "its copy stays");
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{cid}"), None).await;
    assert_eq!(r.status, 202, "a copy is deleted as any manual snapshot");
}
