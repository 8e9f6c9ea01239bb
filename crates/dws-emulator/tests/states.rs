//! What each state allows, over HTTP: every state the emulator can put a cluster or snapshot in,
//! against every operation that state refuses, with the code and words the service answers.
//! The sentences are written out here, not taken from the shared table, so a change of the
//! table's words shows up as a failing test.

mod common;

use common::*;
use serde_json::{Value, json};

const REFUSED: &str = "The cluster's current state does not allow this operation.";

/// An operation on a cluster, as a request, and how a refusal names it.
struct Op {
    name: &'static str,
    phrase: &'static str,
    method: &'static str,
    suffix: &'static str,
}

const OPS: [Op; 8] = [
    Op { name: "snapshot", phrase: "take a snapshot", method: "POST", suffix: "" },
    Op { name: "restart", phrase: "restart the cluster", method: "POST", suffix: "/restart" },
    Op { name: "scale-out", phrase: "scale the cluster out", method: "POST", suffix: "/resize" },
    Op { name: "reset-password", phrase: "reset the password", method: "POST", suffix: "/reset-password" },
    Op { name: "stop", phrase: "stop the cluster", method: "POST", suffix: "/stop" },
    Op { name: "start", phrase: "start the cluster", method: "POST", suffix: "/start" },
    Op { name: "rename", phrase: "change its settings", method: "PUT", suffix: "/cluster-name" },
    // Last: a cluster deleted takes nothing more.
    Op { name: "delete", phrase: "delete the cluster", method: "DELETE", suffix: "" },
];

async fn attempt(emu: &Emu, id: &str, op: &Op, n: usize) -> Reply {
    let (path, body) = match op.name {
        "snapshot" => {
            (format!("/v1.0/{PROJECT}/snapshots"), json!({"snapshot": {"name": format!("refused-{n}"), "cluster_id": id}}))
        }
        "restart" => (String::new(), json!({"restart": {}})),
        "scale-out" => (String::new(), json!({"scale_out": {"count": 1}})),
        "reset-password" => (String::new(), json!({"new_password": "Refused!Pass2026"})),
        // The day-two operations are under /v1/.
        "stop" | "start" => (format!("/v1/{PROJECT}/clusters/{id}{}", op.suffix), json!({})),
        "rename" => (format!("/v1/{PROJECT}/clusters/{id}{}", op.suffix), json!({"cluster_name": format!("refused-{n}")})),
        _ => (String::new(), json!({"keep_last_manual_snapshot": 0})),
    };
    let path = if path.is_empty() { format!("/v1.0/{PROJECT}/clusters/{id}{}", op.suffix) } else { path };
    emu.call(op.method, &path, Some(body)).await
}

/// Tries every operation in `refused` on the cluster and checks each answer: 409 DWS.0005 with
/// `reason` (where `{op}` stands for the operation) and the state.
async fn refuses(emu: &Emu, id: &str, refused: &[&str], reason: &str, state: &str) {
    for (n, op) in OPS.iter().enumerate().filter(|(_, op)| refused.contains(&op.name)) {
        let r = attempt(emu, id, op, n).await;
        let want = format!("{REFUSED} {} It is {state}.", reason.replace("{op}", op.phrase));
        assert_eq!((r.status.as_u16(), r.code(), r.msg()), (409, "DWS.0005", want.as_str()), "{} while {state}", op.name);
    }
}

const ALL: [&str; 8] = ["snapshot", "restart", "scale-out", "reset-password", "stop", "start", "rename", "delete"];

/// The operation of that name.
fn op(name: &str) -> &'static Op {
    OPS.iter().find(|o| o.name == name).expect("an operation of OPS")
}

#[tokio::test]
async fn a_creating_cluster_refuses_every_operation() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-creating").await;
    refuses(&emu, &id, &ALL, "The cluster is being created; {op} once it is available.", "CREATING").await;
    // And in Chinese.
    let r = emu
        .send(
            "POST",
            &format!("/v1.0/{PROJECT}/clusters/{id}/restart"),
            &[("x-auth-token", &emu.token), ("content-type", "application/json"), ("x-language", "zh-cn")],
            Some(r#"{"restart":{}}"#),
        )
        .await;
    assert_eq!(r.msg(), "集群当前状态不允许此操作。集群正在创建；请在集群可用后再重启集群。当前状态：CREATING。");
}

#[tokio::test]
async fn a_cluster_being_restored_refuses_every_operation() {
    let emu = Emu::new().await;
    let source = emu.available_cluster("dws-source").await;
    let snap = emu.snapshot_of(&source, "restore-me").await;
    let r = emu
        .call("POST", &format!("/v1.0/{PROJECT}/snapshots/{snap}/actions"), Some(json!({"restore": {"name": "dws-restoring"}})))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["cluster"]["id"].as_str().unwrap().to_owned();
    refuses(
        &emu,
        &id,
        &ALL,
        "The cluster is being restored from a snapshot; {op} once it is available.",
        "CREATING (RESTORING)",
    )
    .await;
    // The snapshot it is restored from cannot be deleted meanwhile.
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{snap}"), None).await;
    assert_eq!(
        (r.status.as_u16(), r.code(), r.msg()),
        (
            409,
            "DWS.0006",
            "The snapshot's current state does not allow this operation. A cluster is being restored from this \
             snapshot; delete it when that has finished. It is AVAILABLE (RESTORING), MANUAL."
        )
    );
}

#[tokio::test]
async fn a_snapshotting_cluster_refuses_every_operation() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-snapshotting").await;
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {"name": "taking", "cluster_id": id}}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let snap = r.body["snapshot"]["id"].as_str().unwrap().to_owned();
    refuses(&emu, &id, &ALL, "A snapshot is being taken; {op} when it has finished.", "AVAILABLE (SNAPSHOTTING)").await;
    // The snapshot being taken can be neither restored nor deleted yet.
    let r = emu
        .call("POST", &format!("/v1.0/{PROJECT}/snapshots/{snap}/actions"), Some(json!({"restore": {"name": "dws-too-soon"}})))
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code(), r.msg()),
        (
            409,
            "DWS.0006",
            "The snapshot's current state does not allow this operation. The snapshot is still being taken; restore \
             from it when it has finished. It is CREATING, MANUAL."
        )
    );
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{snap}"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0006"));
    assert!(r.msg().contains("The snapshot is still being taken; delete it when it has finished."), "{}", r.msg());
    // Once it has finished, everything is allowed again.
    emu.advance(5.0);
    let r = attempt(&emu, &id, &OPS[1], 0).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
}

#[tokio::test]
async fn a_growing_cluster_refuses_every_operation() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-growing").await;
    let r = attempt(&emu, &id, &OPS[2], 0).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    refuses(&emu, &id, &ALL, "The cluster is being scaled out; {op} when that has finished.", "AVAILABLE (GROWING)").await;
}

#[tokio::test]
async fn a_rebooting_cluster_refuses_every_operation() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-rebooting").await;
    let r = attempt(&emu, &id, &OPS[1], 0).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    refuses(&emu, &id, &ALL, "The cluster is restarting; {op} once it is back.", "AVAILABLE (REBOOTING)").await;
}

#[tokio::test]
async fn a_deleting_cluster_refuses_every_operation() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-deleting").await;
    let r = attempt(&emu, &id, op("delete"), 0).await;
    assert_eq!(r.status, 202, "{:?}", r.body);
    refuses(&emu, &id, &ALL, "The cluster is being deleted.", "DELETING").await;
}

#[tokio::test]
async fn a_cluster_whose_creation_failed_can_only_be_deleted() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("fail-create-states").await;
    emu.advance(20.0);
    assert_eq!(emu.cluster(&id).await["status"], "CREATION FAILED");
    refuses(
        &emu,
        &id,
        &["snapshot", "restart", "scale-out", "reset-password", "stop", "start", "rename"],
        "Creating the cluster failed; it can only be deleted.",
        "CREATION FAILED",
    )
    .await;
    let r = attempt(&emu, &id, op("delete"), 0).await;
    assert_eq!(r.status, 202, "{:?}", r.body);
}

#[tokio::test]
async fn a_failure_a_task_left_refuses_nothing() {
    let emu = Emu::new().await;
    let resized = emu.available_cluster("fail-resize-states").await;
    attempt(&emu, &resized, op("scale-out"), 0).await;
    emu.advance(15.0);
    let restarted = emu.available_cluster("fail-restart-states").await;
    attempt(&emu, &restarted, op("restart"), 0).await;
    emu.advance(8.0);
    for (id, left) in [(&resized, "RESIZE_FAILURE"), (&restarted, "REBOOT_FAILURE")] {
        assert_eq!(emu.cluster(id).await["task_status"], left);
        // Each operation is accepted (a start once the stop has stopped it); the clock moves on
        // so the next finds the cluster idle.
        for (n, op) in OPS.iter().enumerate() {
            let r = attempt(&emu, id, op, n + 10 * left.len()).await;
            assert!(r.status.is_success(), "{} after {left}: {:?}", op.name, r.body);
            emu.advance(20.0);
        }
    }
}

#[tokio::test]
async fn snapshots_refuse_by_their_state_and_type() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("fail-snapshot-states").await;
    // A failed snapshot is unavailable: it cannot be restored, but it can be deleted.
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {"name": "broken", "cluster_id": id}}))).await;
    let broken = r.body["snapshot"]["id"].as_str().unwrap().to_owned();
    emu.advance(5.0);
    let r = emu
        .call("POST", &format!("/v1.0/{PROJECT}/snapshots/{broken}/actions"), Some(json!({"restore": {"name": "dws-from-broken"}})))
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code(), r.msg()),
        (
            409,
            "DWS.0006",
            "The snapshot's current state does not allow this operation. The snapshot is unavailable; no cluster can \
             be restored from it. It is UNAVAILABLE, MANUAL."
        )
    );
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{broken}"), None).await;
    assert_eq!(r.status, 202, "{:?}", r.body);
    // The automated snapshot taken at creation cannot be deleted.
    let auto: Vec<Value> = emu.snapshots().await.into_iter().filter(|s| s["type"] != "MANUAL").collect();
    let auto = auto[0]["id"].as_str().unwrap().to_owned();
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/snapshots/{auto}"), None).await;
    assert_eq!(
        (r.status.as_u16(), r.code(), r.msg()),
        (
            400,
            "DWS.0007",
            "Automated snapshots cannot be deleted. Automated snapshots are removed by the service on its schedule; \
             only manual snapshots can be deleted. It is AVAILABLE, AUTOMATED."
        )
    );
}

#[tokio::test]
async fn stopping_stopped_and_starting_clusters_refuse_as_the_table_says() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-sleepy").await;
    let r = emu.call("POST", &format!("/v1/{PROJECT}/clusters/{id}/stop"), None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    refuses(&emu, &id, &ALL, "The cluster is being stopped; {op} when that has finished.", "AVAILABLE (STOPPING)").await;
    emu.advance(8.0);
    refuses(
        &emu,
        &id,
        &["snapshot", "restart", "scale-out", "reset-password", "stop"],
        "The cluster is stopped; start it first to {op}.",
        "STOPPED",
    )
    .await;
    let r = emu.call("POST", &format!("/v1/{PROJECT}/clusters/{id}/start"), None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    refuses(&emu, &id, &ALL, "The cluster is starting; {op} once it is available.", "STOPPED (STARTING)").await;
    emu.advance(10.0);
    // Running again: everything but a start.
    refuses(&emu, &id, &["start"], "The cluster is running; only a stopped cluster can be started.", "AVAILABLE").await;
}
