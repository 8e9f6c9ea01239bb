//! The cluster's day two over HTTP: stop and start, jobs, rename, the maintenance window, tags
//! and nodes; each refusal with its code and words; every answer checked against the
//! description.

mod common;

use common::*;
use serde_json::{Value, json};

fn v1(path: &str) -> String {
    format!("/v1/{PROJECT}{path}")
}

fn v10(path: &str) -> String {
    format!("/v1.0/{PROJECT}{path}")
}

fn v2(path: &str) -> String {
    format!("/v2/{PROJECT}{path}")
}

impl Emu {
    async fn job(&self, id: &str) -> Value {
        let r = self.call("GET", &v10(&format!("/job/{id}")), None).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        r.body
    }

    async fn events(&self) -> Vec<Value> {
        let r = self.call("GET", &v2("/events"), None).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        r.body["events"].as_array().unwrap().clone()
    }

    /// The names of the events about `source`, oldest first.
    async fn event_names(&self, source: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .events()
            .await
            .iter()
            .filter(|e| e["source_id"] == source)
            .map(|e| e["name"].as_str().unwrap().to_owned())
            .collect();
        names.reverse();
        names
    }
}

#[tokio::test]
async fn stop_and_start_are_jobs_through_stopping_stopped_and_starting() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-stop").await;
    // The SDK sends these POSTs with no body at all.
    let r = emu.send("POST", &v1(&format!("/clusters/{id}/stop")), &[("x-auth-token", &emu.token)], None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let job = r.body["job_id"].as_str().unwrap().to_owned();
    assert_eq!(job.len(), 32);
    let c = emu.cluster(&id).await;
    assert_eq!((c["status"].as_str(), c["task_status"].as_str()), (Some("AVAILABLE"), Some("STOPPING")));
    assert_eq!(c["action_progress"]["STOPPING"], "0%");
    emu.advance(4.0);
    let j = emu.job(&job).await;
    assert_eq!((j["status"].as_str(), j["progress"].as_str(), j["job_name"].as_str()), (Some("RUNNING"), Some("50%"), Some("stopCluster")));
    assert_eq!(j["begin_time"], "2026-11-27T12:00:20");
    assert!(j.get("end_time").is_none());
    emu.advance(4.0);
    let c = emu.cluster(&id).await;
    assert_eq!(c["status"], "STOPPED");
    assert!(c.get("task_status").is_none() && c.get("sub_status").is_none());
    // The addresses stay while it is stopped.
    assert!(c["endpoints"][0]["connect_info"].as_str().is_some());
    let j = emu.job(&job).await;
    assert_eq!((j["status"].as_str(), j["progress"].as_str()), (Some("SUCCESS"), Some("100%")));
    assert_eq!(j["end_time"], "2026-11-27T12:00:28");

    // A body of {} is as good as none.
    let r = emu.call("POST", &v1(&format!("/clusters/{id}/start")), Some(json!({}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let c = emu.cluster(&id).await;
    assert_eq!((c["status"].as_str(), c["task_status"].as_str()), (Some("STOPPED"), Some("STARTING")));
    emu.advance(10.0);
    assert_eq!(emu.cluster(&id).await["status"], "AVAILABLE");
    assert_eq!(emu.job(r.body["job_id"].as_str().unwrap()).await["status"], "SUCCESS");
    assert_eq!(
        emu.event_names(&id).await,
        ["createCluster", "createClusterSuccess", "stopCluster", "stopClusterSuccess", "startCluster", "startClusterSuccess"]
    );
    assert_eq!(emu.cluster(&id).await["recent_event"], 6);
}

#[tokio::test]
async fn a_stopped_cluster_takes_only_a_start_a_delete_and_settings() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-stopped").await;
    let r = emu.call("POST", &v1(&format!("/clusters/{id}/start")), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"));
    assert!(r.msg().ends_with("The cluster is running; only a stopped cluster can be started. It is AVAILABLE."), "{}", r.msg());
    emu.call("POST", &v1(&format!("/clusters/{id}/stop")), None).await;
    let r = emu.call("POST", &v1(&format!("/clusters/{id}/stop")), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"));
    assert!(r.msg().contains("The cluster is being stopped; stop the cluster when that has finished."), "{}", r.msg());
    emu.advance(8.0);
    let refused = [
        ("POST", v10(&format!("/clusters/{id}/restart")), json!({"restart": {}}), "restart the cluster"),
        ("POST", v10(&format!("/clusters/{id}/resize")), json!({"scale_out": {"count": 2}}), "scale the cluster out"),
        ("POST", v10(&format!("/clusters/{id}/reset-password")), json!({"new_password": "Another@2026x"}), "reset the password"),
        ("POST", v10("/snapshots"), json!({"snapshot": {"name": "snap-stopped", "cluster_id": id}}), "take a snapshot"),
        ("POST", v1(&format!("/clusters/{id}/stop")), json!({}), "stop the cluster"),
    ];
    for (method, path, body, what) in refused {
        let r = emu.call(method, &path, Some(body)).await;
        assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"), "{path}");
        let why = format!("The cluster is stopped; start it first to {what}. It is STOPPED.");
        assert!(r.msg().ends_with(&why), "{}", r.msg());
    }
    let r = emu.call_as(&emu.token, "POST", &v10(&format!("/clusters/{id}/restart")), Some(json!({"restart": {}}))).await;
    assert_eq!(r.status, 409);
    // Settings change while it is stopped.
    let r = emu.call("PUT", &v1(&format!("/clusters/{id}/cluster-name")), Some(json!({"cluster_name": "dws-asleep"}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let r = emu.call("POST", &v10(&format!("/clusters/{id}/tags/batch-create")), Some(json!({"tags": [{"key": "env", "value": "dev"}]}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    // And it can be deleted.
    let r = emu.call("DELETE", &v10(&format!("/clusters/{id}")), Some(json!({"keep_last_manual_snapshot": 0}))).await;
    assert_eq!(r.status, 202, "{:?}", r.body);
    emu.advance(5.0);
    assert_eq!(emu.call("GET", &v10(&format!("/clusters/{id}")), None).await.status, 404);
}

#[tokio::test]
async fn a_busy_or_creating_cluster_neither_stops_nor_changes_its_settings() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-busy").await;
    let r = emu.call("POST", &v1(&format!("/clusters/{id}/stop")), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"));
    assert!(r.msg().contains("The cluster is being created; stop the cluster once it is available."), "{}", r.msg());
    let r = emu.call("PUT", &v10(&format!("/clusters/{id}/maintenance-window")), Some(json!({"day": "Mon", "start_time": "02:00", "end_time": "06:00"}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"));
    assert!(r.msg().contains("change its settings"), "{}", r.msg());
}

#[tokio::test]
async fn jobs_are_the_project_s_and_unknown_ones_are_a_dws_error() {
    let emu = Emu::new().await;
    let r = emu.call("POST", &v10("/clusters"), Some(cluster_body("dws-job"))).await;
    let job = r.body["job_id"].as_str().unwrap().to_owned();
    let j = emu.job(&job).await;
    assert_eq!((j["job_name"].as_str(), j["status"].as_str(), j["progress"].as_str()), (Some("createCluster"), Some("RUNNING"), Some("0%")));
    emu.advance(20.0);
    assert_eq!(emu.job(&job).await["status"], "SUCCESS");
    let r = emu.call("GET", &v10("/job/2c9080e8845900000000000000000001"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0010"));
    assert!(r.msg().contains("2c9080e8845900000000000000000001"));
    // A failed creation fails its job with the reason.
    let r = emu.call("POST", &v10("/clusters"), Some(cluster_body("fail-create-job"))).await;
    let job = r.body["job_id"].as_str().unwrap().to_owned();
    emu.advance(20.0);
    let j = emu.job(&job).await;
    assert_eq!((j["status"].as_str(), j["failed_code"].as_str()), (Some("FAIL"), Some("DWS.0008")));
    assert_eq!(j["failed_detail"], "Insufficient resources in the availability zone.");
}

#[tokio::test]
async fn a_viewer_reads_but_is_refused_every_change_by_its_action() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-viewed").await;
    let viewer = emu.sign_in("viewer", "Viewer@12345").await;
    for path in [v2(&format!("/clusters/{id}/nodes")), v10(&format!("/clusters/{id}/tags")), v2("/events"), v2("/event-specs"), v2(&format!("/clusters/{id}/snapshot-policies"))] {
        assert_eq!(emu.call_as(&viewer, "GET", &path, None).await.status, 200, "{path}");
    }
    let refused = [
        ("POST", v1(&format!("/clusters/{id}/stop")), None, "dws:cluster:stopCluster"),
        ("POST", v1(&format!("/clusters/{id}/start")), None, "dws:cluster:startCluster"),
        ("PUT", v1(&format!("/clusters/{id}/cluster-name")), Some(json!({"cluster_name": "dws-mine"})), "dws:cluster:modifyClusterName"),
        ("PUT", v10(&format!("/clusters/{id}/maintenance-window")), Some(json!({"day": "Mon", "start_time": "02:00", "end_time": "06:00"})), "dws:cluster:setMaintainceWindow"),
        ("POST", v10(&format!("/clusters/{id}/tags/batch-create")), Some(json!({"tags": [{"key": "k", "value": "v"}]})), "dws::tagResource"),
        ("POST", v10(&format!("/clusters/{id}/tags/batch-delete")), Some(json!({"tags": [{"key": "k", "value": "v"}]})), "dws::unTagResource"),
        ("PUT", v2(&format!("/clusters/{id}/snapshot-policies")), Some(json!({"keep_day": 3})), "dws:cluster:createSnapshotPolicy"),
        ("DELETE", v10(&format!("/clusters/{id}/snapshot-policies/x")), None, "dws:cluster:deleteSnapshotPolicy"),
    ];
    for (method, path, body, action) in refused {
        let r = emu.call_as(&viewer, method, &path, body).await;
        assert_eq!((r.status.as_u16(), r.code()), (403, "DWS.0003"), "{path}");
        assert!(r.msg().ends_with(&format!("Your policies do not allow {action}.")), "{}", r.msg());
    }
}

#[tokio::test]
async fn rename_follows_the_name_rules_and_a_taken_name_is_a_conflict() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-old").await;
    emu.available_cluster("dws-other").await;
    let path = v1(&format!("/clusters/{id}/cluster-name"));
    for (name, status, code) in [("dws-other", 409, "DWS.5050"), ("x", 400, "DWS.5057"), ("9dws", 400, "DWS.5057"), ("dws new", 400, "DWS.5057")] {
        let r = emu.call("PUT", &path, Some(json!({"cluster_name": name}))).await;
        assert_eq!((r.status.as_u16(), r.code()), (status, code), "{name}");
    }
    let r = emu.call("PUT", &path, Some(json!({}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5057"), "cluster_name is required");
    let r = emu.call("PUT", &path, Some(json!({"cluster_name": "dws-new"}))).await;
    assert_eq!(r.status, 200);
    assert_eq!(emu.job(r.body["job_id"].as_str().unwrap()).await["status"], "SUCCESS");
    assert_eq!(emu.cluster(&id).await["name"], "dws-new");
    let e = emu.events().await;
    assert_eq!(e[0]["name"], "modifyClusterName");
    assert_eq!(e[0]["context"], "The cluster dws-new is renamed (was dws-old).");
    assert_eq!(e[0]["user_name"], "admin");
    // The old name is free again.
    assert_eq!(emu.call("POST", &v10("/clusters"), Some(cluster_body("dws-old"))).await.status, 200);
    let r = emu.call("PUT", &v1("/clusters/7ba031f6-81f4-4670-ad20-c490b91877e5/cluster-name"), Some(json!({"cluster_name": "dws-z"}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0001"));
}

#[tokio::test]
async fn the_maintenance_window_is_four_hours_on_the_hour_in_utc() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-window").await;
    assert_eq!(emu.cluster(&id).await["maintain_window"], json!({"day": "Wed", "start_time": "22:00", "end_time": "02:00"}));
    let path = v10(&format!("/clusters/{id}/maintenance-window"));
    let r = emu.call("PUT", &path, Some(json!({"day": "Thu", "start_time": "22:00", "end_time": "02:00"}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(emu.cluster(&id).await["maintain_window"], json!({"day": "Thu", "start_time": "22:00", "end_time": "02:00"}));
    for (day, start, end, code) in [
        ("Funday", "02:00", "06:00", "DWS.5065"),
        ("Mon", "02:30", "06:30", "DWS.5065"),
        ("Mon", "2:00", "06:00", "DWS.5065"),
        ("Mon", "02:00", "05:00", "DWS.5038"),
        ("Mon", "02:00", "02:00", "DWS.5038"),
    ] {
        let r = emu.call("PUT", &path, Some(json!({"day": day, "start_time": start, "end_time": end}))).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, code), "{day} {start}-{end}");
    }
    let r = emu.call("PUT", &path, Some(json!({"day": "Mon", "start_time": "02:00", "end_time": "05:00"}))).await;
    assert!(r.msg().ends_with("A maintenance window lasts exactly 4 hours."), "{}", r.msg());
    let r = emu.call("PUT", &path, Some(json!({"day": "Mon"}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"), "start_time is required");
    assert_eq!(emu.events().await[0]["name"], "modifyMaintenanceWindow");
}

#[tokio::test]
async fn tags_are_added_overwritten_removed_and_checked() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-tags").await;
    let (list, add, del) = (
        v10(&format!("/clusters/{id}/tags")),
        v10(&format!("/clusters/{id}/tags/batch-create")),
        v10(&format!("/clusters/{id}/tags/batch-delete")),
    );
    assert_eq!(emu.call("GET", &list, None).await.body, json!({"tags": []}));
    let r = emu.call("POST", &add, Some(json!({"tags": [{"key": "env", "value": "dev"}, {"key": "cost center", "value": "team-a.b"}]}))).await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_null(), "no body, as the service answers");
    emu.call("POST", &add, Some(json!({"tags": [{"key": "env", "value": "prod"}]}))).await;
    assert_eq!(
        emu.call("GET", &list, None).await.body["tags"],
        json!([{"key": "cost center", "value": "team-a.b"}, {"key": "env", "value": "prod"}])
    );
    assert_eq!(emu.cluster(&id).await["tags"].as_array().unwrap().len(), 2, "the detail shows them too");
    for (tags, code) in [
        (json!([{"key": "_sys_x", "value": "v"}]), "DWS.5197"),
        (json!([{"key": "a/b", "value": "v"}]), "DWS.5197"),
        (json!([{"key": "k", "value": "v".repeat(256)}]), "DWS.5197"),
        (json!([{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]), "DWS.5197"),
        (json!((0..19).map(|i| json!({"key": format!("k{i}"), "value": ""})).collect::<Vec<_>>()), "DWS.5194"),
    ] {
        let r = emu.call("POST", &add, Some(json!({"tags": tags}))).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, code), "{tags}");
    }
    let r = emu.call("POST", &del, Some(json!({"tags": [{"key": "nope", "value": ""}]}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5191"));
    assert!(r.msg().ends_with("Tag key nope does not exist."), "{}", r.msg());
    let r = emu.call("POST", &del, Some(json!({"tags": [{"key": "env", "value": "prod"}]}))).await;
    assert_eq!(r.status, 200);
    assert_eq!(emu.call("GET", &list, None).await.body["tags"], json!([{"key": "cost center", "value": "team-a.b"}]));
    let names: Vec<Value> = emu.events().await.iter().take(3).map(|e| e["name"].clone()).collect();
    assert_eq!(names, ["batchDeleteResourceTag", "batchCreateResourceTag", "batchCreateResourceTag"]);
}

#[tokio::test]
async fn a_cluster_has_one_node_per_server_whose_status_follows_it() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-nodes").await;
    let path = v2(&format!("/clusters/{id}/nodes"));
    let r = emu.call("GET", &path, None).await;
    assert_eq!((r.body["count"].as_u64(), r.body["node_list"][0]["status"].as_str()), (Some(1), Some("CREATING")));
    emu.advance(20.0);
    let n = emu.call("GET", &path, None).await.body["node_list"][0].clone();
    assert_eq!(n["id"], format!("{id}-node-1"), "the dws_instance_id of its metrics");
    assert_eq!((n["status"].as_str(), n["spec"].as_str(), n["az_code"].as_str()), (Some("ACTIVE"), Some("dws.d2.xlarge"), Some("ae-ad-1")));
    emu.call("POST", &v1(&format!("/clusters/{id}/stop")), None).await;
    emu.advance(8.0);
    assert_eq!(emu.call("GET", &path, None).await.body["node_list"][0]["status"], "STOPPED");
    let filtered = emu.call("GET", &format!("{path}?filter_by=status&filter=ACTIVE"), None).await;
    assert_eq!((filtered.body["count"].as_u64(), filtered.body["node_list"].as_array().unwrap().len()), (Some(0), 0));
    let by_id = emu.call("GET", &format!("{path}?node_ids={id}-node-1&node_ids=other&limit=5&offset=0&order=desc"), None).await;
    assert_eq!(by_id.body["count"], 1);
    for bad in ["?limit=0", "?limit=abc", "?offset=-1", "?order=up", "?filter_by=zone", "?limit=%2B5"] {
        let r = emu.call("GET", &format!("{path}{bad}"), None).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"), "{bad}");
    }
}

#[tokio::test]
async fn events_are_newest_first_paged_and_in_the_caller_s_language() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-events").await;
    emu.snapshot_of(&id, "snap-events").await;
    let e = emu.events().await;
    let names: Vec<&str> = e.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["createBackupSuccess", "createBackup", "createBackupSuccess", "createClusterSuccess", "createCluster"]);
    assert!(e.windows(2).all(|w| w[0]["occur_time"].as_i64() >= w[1]["occur_time"].as_i64()));
    let created = &e[4];
    assert_eq!(created["occur_time"], T0);
    assert_eq!((created["source_type"].as_str(), created["source_name"].as_str()), (Some("cluster"), Some("dws-events")));
    assert_eq!((created["category"].as_str(), created["severity"].as_str()), (Some("management"), Some("normal")));
    assert_eq!(created["description"], "Creation of cluster %s started.");
    assert_eq!(created["user_name"], "admin");
    assert!(e[2].get("user_name").is_none(), "the service's own automated snapshot names no user");
    assert_eq!(e[1]["source_type"], "backup");
    let page = emu.call("GET", &v2("/events?offset=1&limit=2"), None).await;
    assert_eq!(page.body["count"], 5);
    let names: Vec<&str> = page.body["events"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["createBackup", "createBackupSuccess"]);
    for bad in ["limit=0", "limit=1001", "offset=x", "limit=%201"] {
        let r = emu.call("GET", &v2(&format!("/events?{bad}")), None).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"), "{bad}");
    }
    let zh = emu.send("GET", &v2("/events?limit=1"), &[("x-auth-token", &emu.token), ("x-language", "zh_cn")], None).await;
    assert_eq!(zh.body["events"][0]["context"], "快照snap-events创建成功。");
    // The specifications: filtered by what they are.
    let specs = emu.call("GET", &v2("/event-specs?source_type=backup&severity=warning"), None).await;
    let names: Vec<&str> = specs.body["event_specs"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["deleteBackupFail", "createBackupFail"]);
    assert_eq!(emu.call("GET", &v2("/event-specs"), None).await.body["count"].as_u64(), Some(dws_contract::events::EventKind::ALL.len() as u64));
}

#[tokio::test]
async fn ak_sk_requests_stay_good_while_the_service_s_clock_is_days_ahead() {
    use dws_emulator::auth::signature::{SignedParts, format_sdk_date, sign};
    use dws_emulator::clock::Clock;
    let emu = Emu::with(Options { separate_wall_clock: true, ..Options::default() }).await;
    emu.available_cluster("dws-clock").await;
    // Four days on the service's clock, none on the callers'.
    emu.advance(4.0 * 86_400.0);
    let path = v10("/clusters");
    let mut h = axum::http::HeaderMap::new();
    h.insert("host", "127.0.0.1:8090".parse().unwrap());
    h.insert("x-project-id", PROJECT.parse().unwrap());
    h.insert("x-sdk-date", format_sdk_date(emu.wall.now_ms()).parse().unwrap());
    let parts = SignedParts { method: "GET", raw_path: &path, raw_query: None, headers: &h, body: b"" };
    let auth = sign(&parts, "DEMOADMINACCESSKEY01", "demo-admin-secret-key-00000000000000000000").unwrap();
    let date = h["x-sdk-date"].to_str().unwrap().to_owned();
    let r = emu.send("GET", &path, &[("x-sdk-date", &date), ("x-project-id", PROJECT), ("authorization", &auth)], None).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["clusters"][0]["name"], "dws-clock");
    // The token signed in on the callers' clock lives by it too.
    assert_eq!(emu.call("GET", &path, None).await.status, 200);
    // A date four days off the callers' clock is still refused.
    h.insert("x-sdk-date", format_sdk_date(emu.clock.now_ms()).parse().unwrap());
    let parts = SignedParts { method: "GET", raw_path: &path, raw_query: None, headers: &h, body: b"" };
    let auth = sign(&parts, "DEMOADMINACCESSKEY01", "demo-admin-secret-key-00000000000000000000").unwrap();
    let date = h["x-sdk-date"].to_str().unwrap().to_owned();
    let r = emu.send("GET", &path, &[("x-sdk-date", &date), ("x-project-id", PROJECT), ("authorization", &auth)], None).await;
    assert_eq!((r.status.as_u16(), r.code()), (401, "APIGW.0301"));
}
