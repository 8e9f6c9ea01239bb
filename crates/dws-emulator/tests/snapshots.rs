//! Snapshot operations and restore.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn a_snapshot_runs_snapshotting_then_available_with_a_size() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-snap").await;
    let r = emu
        .call("POST", &format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {
            "name": "snapshotForDemoCluster", "cluster_id": id, "description": "Snapshot description"}})))
        .await;
    assert_eq!(r.status, 200);
    let sid = r.body["snapshot"]["id"].as_str().unwrap().to_owned();
    let s = emu.snapshot(&sid).await.body["snapshot"].clone();
    assert_eq!((s["status"].as_str(), s["type"].as_str()), (Some("CREATING"), Some("MANUAL")));
    assert!(s.get("finished").is_none() && s.get("size").is_none());
    assert_eq!(s["started"], "2026-11-27T12:00:20Z");
    assert_eq!(s["description"], "Snapshot description");
    let c = emu.cluster(&id).await;
    assert_eq!(c["task_status"], "SNAPSHOTTING");
    emu.advance(2.5);
    assert_eq!(emu.cluster(&id).await["action_progress"]["SNAPSHOTTING"], "50%");
    emu.advance(2.5);
    let s = emu.snapshot(&sid).await.body["snapshot"].clone();
    assert_eq!(s["status"], "AVAILABLE");
    assert_eq!(s["finished"], "2026-11-27T12:00:25Z");
    assert!(s["size"].as_f64().unwrap() >= 48.0);
    assert!(emu.cluster(&id).await.get("task_status").is_none());
}

#[tokio::test]
async fn snapshot_rules_and_errors() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-snap-rules").await;
    let path = format!("/v1.0/{PROJECT}/snapshots");
    let cases = [
        (json!({"name": "snp", "cluster_id": id}), 400, "DWS.5056"),
        (json!({"name": "3snap", "cluster_id": id}), 400, "DWS.5065"),
        (json!({"name": "snap-x", "cluster_id": id, "description": "a<b"}), 400, "DWS.5065"),
        (json!({"name": "snap-x", "cluster_id": id, "description": "d".repeat(257)}), 400, "DWS.5056"),
        (json!({"name": "snap-x", "cluster_id": "nope"}), 400, "DWS.5064"),
        (json!({"name": "snap-x"}), 400, "DWS.5064"),
        (json!({"name": "snap-x", "cluster_id": "7ba031f6-81f4-4670-ad20-c490b91877e5"}), 404, "DWS.0001"),
    ];
    for (snapshot, status, code) in cases {
        let r = emu.call("POST", &path, Some(json!({"snapshot": snapshot}))).await;
        assert_eq!((r.status.as_u16(), r.code()), (status, code), "{snapshot}");
    }
    emu.snapshot_of(&id, "Snap-One").await;
    let r = emu.call("POST", &path, Some(json!({"snapshot": {"name": "snap-one", "cluster_id": id}}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5039"), "names are unique case-insensitively");
    let r = emu.snapshot("7ba031f6-81f4-4670-ad20-c490b91877e5").await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0002"));
}

#[tokio::test]
async fn only_finished_manual_snapshots_can_be_deleted() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-snap-del").await;
    let auto = emu.snapshots().await[0]["id"].as_str().unwrap().to_owned();
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{auto}"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.0007"));
    assert!(r.msg().contains("AUTOMATED"), "{}", r.msg());

    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {"name": "snap-d", "cluster_id": id}}))).await;
    let sid = r.body["snapshot"]["id"].as_str().unwrap().to_owned();
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{sid}"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0006"), "still CREATING");
    emu.advance(5.0);
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{sid}"), None).await;
    assert_eq!(r.status, 202);
    assert_eq!(emu.snapshot(&sid).await.status, 404);
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{sid}"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0002"));
}

#[tokio::test]
async fn a_failed_snapshot_is_unavailable() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("fail-snapshot-1").await;
    let sid = emu.snapshot_of(&id, "snap-doomed").await;
    let s = emu.snapshot(&sid).await.body["snapshot"].clone();
    assert_eq!(s["status"], "UNAVAILABLE");
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots/{sid}/actions"), Some(json!({"restore": {"name": "dws-from-bad"}}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0006"));
}

#[tokio::test]
async fn restore_makes_a_new_cluster_with_the_snapshots_specs() {
    let emu = Emu::new().await;
    let mut body = cluster_body("dws-source");
    body["cluster"]["number_of_node"] = json!(5);
    body["cluster"]["node_type"] = json!("dws.m3.2xlarge");
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/clusters"), Some(body)).await;
    let source = r.body["cluster"]["id"].as_str().unwrap().to_owned();
    emu.advance(20.0);
    let sid = emu.snapshot_of(&source, "snap-src").await;
    let actions = format!("/v1.0/{PROJECT}/snapshots/{sid}/actions");

    for (restore, status, code) in [
        (json!({"name": "dws-source"}), 409, "DWS.5050"),
        (json!({"name": "r"}), 400, "DWS.5057"),
        (json!({"name": "dws-r", "port": 99}), 400, "DWS.5038"),
        (json!({"name": "dws-r", "subnet_id": "x"}), 400, "DWS.5015"),
        (json!({"name": "dws-r", "availability_zone": "nowhere"}), 400, "DWS.5011"),
        (json!({"name": "dws-r", "public_ip": {"public_bind_type": "maybe"}}), 400, "DWS.5098"),
        (json!({}), 400, "DWS.5057"),
    ] {
        let r = emu.call("POST", &actions, Some(json!({"restore": restore}))).await;
        assert_eq!((r.status.as_u16(), r.code()), (status, code), "{restore}");
    }
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots/7ba031f6-81f4-4670-ad20-c490b91877e5/actions"), Some(json!({"restore": {"name": "dws-r"}}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0002"));

    // The reference's sample: enterprise_project_id beside restore.
    let r = emu
        .call("POST", &actions, Some(json!({"restore": {"name": "dws-restore", "port": 8100, "availability_zone": "ae-ad-1a"},
            "enterprise_project_id": "aca4e50a-266f-4786-827c-f8d6cc3fbada"})))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let rid = r.body["cluster"]["id"].as_str().unwrap().to_owned();
    let c = emu.cluster(&rid).await;
    assert_eq!(c["status"], "CREATING");
    assert_eq!(c["task_status"], "RESTORING");
    assert_eq!(c["action_progress"]["RESTORING"], "0%");
    // While it is restored from, the snapshot stays.
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{sid}"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0006"));
    emu.advance(15.0);
    let c = emu.cluster(&rid).await;
    assert_eq!(c["status"], "AVAILABLE");
    assert_eq!(c["number_of_node"], 5);
    assert_eq!(c["node_type"], "dws.m3.2xlarge");
    assert_eq!(c["subnet_id"], SUBNET);
    assert_eq!(c["port"], 8100);
    assert_eq!(c["availability_zone"], "ae-ad-1a");
    assert_eq!(c["enterprise_project_id"], "aca4e50a-266f-4786-827c-f8d6cc3fbada");
    assert_eq!(c["public_ip"]["public_bind_type"], "not_use", "no public IP unless asked for");
    // The restored cluster keeps the source's administrator password.
    let r = emu
        .call("POST", &format!("/v1.0/{PROJECT}/clusters/{rid}/reset-password"), Some(json!({"new_password": "Dws2017demo!"})))
        .await;
    assert!(r.msg().contains("used before"), "{}", r.msg());
}

#[tokio::test]
async fn a_snapshot_outlives_its_cluster_and_can_still_be_restored() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-gone").await;
    let sid = emu.snapshot_of(&id, "snap-gone").await;
    emu.call("DELETE", &format!("/v1.0/{PROJECT}/clusters/{id}"), Some(json!({"keep_last_manual_snapshot": 5}))).await;
    emu.advance(5.0);
    assert_eq!(emu.snapshot(&sid).await.body["snapshot"]["cluster_id"], id);
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots/{sid}/actions"), Some(json!({"restore": {"name": "dws-back"}}))).await;
    assert_eq!(r.status, 200);
    emu.advance(15.0);
    let c = emu.cluster(r.body["cluster"]["id"].as_str().unwrap()).await;
    assert_eq!((c["status"].as_str(), c["vpc_id"].as_str()), (Some("AVAILABLE"), Some(VPC)));
}
