//! Cluster operations: every documented error, every rule at its boundaries, and each lifecycle.

mod common;

use common::*;
use serde_json::{Value, json};

fn with(field: &str, value: Value) -> Value {
    let mut b = cluster_body("dws-rules");
    let (parent, key) = match field.split_once('.') {
        Some((p, k)) => (p, k),
        None => ("", field),
    };
    let target = if parent.is_empty() { &mut b["cluster"] } else { &mut b["cluster"][parent] };
    if value.is_null() {
        target.as_object_mut().unwrap().remove(key);
    } else {
        target[key] = value;
    }
    b
}

#[tokio::test]
async fn create_answers_each_broken_rule_with_its_code() {
    let emu = Emu::new().await;
    let path = format!("/v1.0/{PROJECT}/clusters");
    let long = |n: usize| json!(format!("a{}", "b".repeat(n - 1)));
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        ("name", json!("abc"), 400, "DWS.5057"),
        ("name", long(65), 400, "DWS.5057"),
        ("name", json!("1dws"), 400, "DWS.5057"),
        ("name", json!("dws demo"), 400, "DWS.5057"),
        ("name", Value::Null, 400, "DWS.5057"),
        ("name", json!(42), 400, "DWS.5057"),
        ("user_name", json!("Admin"), 400, "DWS.5059"),
        ("user_name", json!("select"), 400, "DWS.5082"),
        ("user_name", json!("a".repeat(64)), 400, "DWS.5059"),
        ("user_pwd", json!("Short1!"), 400, "DWS.5144"),
        ("user_pwd", json!("alllowercase1"), 400, "DWS.5144"),
        ("user_pwd", json!("P@ssw0rd"), 400, "DWS.5144"),
        ("user_pwd", json!("nimdabd"), 400, "DWS.5144"),
        ("user_pwd", json!("Nimdabd_1"), 200, ""),
        ("number_of_node", json!(1), 400, "DWS.5047"),
        ("number_of_node", json!(257), 400, "DWS.5047"),
        ("number_of_node", json!("3"), 400, "DWS.5047"),
        ("number_of_node", json!(-3), 400, "DWS.5047"),
        ("number_of_cn", json!(3), 400, "DWS.5038"),
        ("number_of_cn", json!(1), 400, "DWS.5038"),
        ("port", json!(7999), 400, "DWS.5038"),
        ("port", json!(30001), 400, "DWS.5038"),
        ("port", json!(30000), 200, ""),
        ("subnet_id", Value::Null, 400, "DWS.5202"),
        ("subnet_id", json!("subnet-1"), 400, "DWS.5015"),
        ("security_group_id", json!(""), 400, "DWS.5203"),
        ("security_group_id", json!("sg"), 400, "DWS.5016"),
        ("vpc_id", json!("vpc"), 400, "DWS.5014"),
        ("node_type", json!("dws.unknown.xlarge"), 400, "DWS.5006"),
        ("node_type", json!(""), 400, "DWS.5006"),
        ("availability_zone", json!("mars-1a"), 400, "DWS.5011"),
        ("availability_zone", json!("ae-ad-1b"), 200, ""),
        ("public_ip.public_bind_type", json!("auto"), 400, "DWS.5098"),
        ("public_ip.public_bind_type", json!("bind_existing"), 400, "DWS.5133"),
        ("enterprise_project_id", json!("default"), 400, "DWS.5064"),
        ("enterprise_project_id", json!("0"), 200, ""),
    ];
    for (i, (field, value, status, code)) in cases.into_iter().enumerate() {
        let mut body = with(field, value.clone());
        // Successful cases need their own names.
        if status == 200 {
            body["cluster"]["name"] = json!(format!("dws-ok-{i}"));
        }
        let r = emu.call("POST", &path, Some(body)).await;
        assert_eq!(r.status.as_u16(), status, "{field}={value}: {:?}", r.body);
        if status != 200 {
            assert_eq!(r.code(), code, "{field}={value}: {}", r.msg());
            assert!(!r.msg().is_empty());
        }
    }
}

#[tokio::test]
async fn the_cn_count_follows_the_node_count() {
    let emu = Emu::new().await;
    let path = format!("/v1.0/{PROJECT}/clusters");
    let mut b = cluster_body("dws-two");
    b["cluster"]["number_of_node"] = json!(2);
    assert_eq!(emu.call("POST", &path, Some(b)).await.status, 200, "2 nodes take the clamped default of 2 CNs");
    let mut b = cluster_body("dws-cn");
    b["cluster"]["number_of_node"] = json!(30);
    b["cluster"]["number_of_cn"] = json!(20);
    assert_eq!(emu.call("POST", &path, Some(b.clone())).await.status, 200);
    b["cluster"]["name"] = json!("dws-cn21");
    b["cluster"]["number_of_cn"] = json!(21);
    assert_eq!(emu.call("POST", &path, Some(b)).await.code(), "DWS.5038");
}

#[tokio::test]
async fn names_are_unique_and_the_body_must_be_json() {
    let emu = Emu::new().await;
    let path = format!("/v1.0/{PROJECT}/clusters");
    emu.create_cluster("dws-demo").await;
    let r = emu.call("POST", &path, Some(cluster_body("dws-demo"))).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.5050"));
    let r = emu.send("POST", &path, &[("x-auth-token", &emu.token), ("content-type", "application/json")], Some("{\"cluster\":")).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"));
    let r = emu.send("POST", &path, &[("x-auth-token", &emu.token), ("content-type", "text/plain")], Some(&cluster_body("dws-x").to_string())).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"));
    assert!(r.msg().contains("Content-Type"), "{}", r.msg());
    let r = emu.call("POST", &path, Some(json!({"name": "bare"}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"));
    assert!(r.msg().contains("cluster is required"), "{}", r.msg());
    // Unknown members are ignored, and a charset parameter is fine.
    let mut b = cluster_body("dws-extra");
    b["cluster"]["tags"] = json!([{"key": "k", "value": "v"}]);
    b["cluster"]["flavor"] = json!("whatever");
    b["extra"] = json!(true);
    let r = emu.send("POST", &path, &[("x-auth-token", &emu.token), ("content-type", "application/json;charset=UTF-8")], Some(&b.to_string())).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
}

#[tokio::test]
async fn create_runs_creating_then_available_with_everything_filled_in() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-demo").await;
    let c = emu.cluster(&id).await;
    assert_eq!(c["status"], "CREATING");
    assert_eq!(c["action_progress"]["CREATING"], "0%");
    assert!(c.get("endpoints").is_none() && c.get("private_ip").is_none());
    assert_eq!(c["created"], "2026-11-27T12:00:00Z");
    emu.advance(5.0);
    assert_eq!(emu.cluster(&id).await["action_progress"]["CREATING"], "25%");
    emu.advance(10.0);
    assert_eq!(emu.cluster(&id).await["action_progress"]["CREATING"], "75%");
    emu.advance(5.0);
    let c = emu.cluster(&id).await;
    assert_eq!(c["status"], "AVAILABLE");
    assert_eq!(c["sub_status"], "NORMAL");
    assert!(c.get("action_progress").is_none() && c.get("task_status").is_none());
    assert_eq!(c["number_of_node"], 3);
    assert_eq!(c["private_ip"].as_array().unwrap().len(), 3);
    let ep = &c["endpoints"][0];
    assert!(ep["connect_info"].as_str().unwrap().ends_with(":8000"));
    assert_eq!(ep["jdbc_url"], format!("jdbc:postgresql://{}/<YOUR_DATABASE_name>", ep["connect_info"].as_str().unwrap()));
    assert_eq!(c["public_ip"]["public_bind_type"], "auto_assign");
    assert!(dws_contract::rules::is_uuid(c["public_ip"]["eip_id"].as_str().unwrap()), "an EIP was assigned");
    // Every address is on loopback: an endpoint copied from here never leads off this machine.
    let public = c["public_endpoints"][0]["public_connect_info"].as_str().unwrap();
    let mut addresses: Vec<&str> = c["private_ip"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    addresses.push(public.split(':').next().unwrap());
    addresses.extend(c["endpoints"].as_array().unwrap().iter().map(|e| e["connect_info"].as_str().unwrap().split(':').next().unwrap()));
    for a in &addresses {
        assert!(a.parse::<std::net::Ipv4Addr>().unwrap().is_loopback(), "{a} is not on loopback");
    }
    assert!(!addresses.contains(&"127.0.0.1"), "a cluster's addresses are its own");
    assert_eq!(c["version"], "8.1.3.200");
    assert_eq!(c["maintain_window"]["day"], "Wed");
    assert_eq!(c["parameter_group"]["status"], "In-Sync");
    assert_eq!(c["node_type_id"], "ebe532d6-665f-40e6-a4d4-3c51545b6a67");
    assert_eq!(c["updated"], "2026-11-27T12:00:20Z");
    assert_eq!(c["availability_zone"], "ae-ad-1", "the first zone by default");
    // The service takes an automated snapshot of a new cluster.
    let snaps = emu.snapshots().await;
    assert_eq!(snaps.len(), 1);
    assert_eq!(snaps[0]["type"], "AUTOMATED");
    assert_eq!(snaps[0]["status"], "AVAILABLE");
    assert_eq!(snaps[0]["cluster_id"], id);
}

#[tokio::test]
async fn public_endpoints_only_when_an_ip_is_bound() {
    let emu = Emu::new().await;
    let path = format!("/v1.0/{PROJECT}/clusters");
    let mut none = cluster_body("dws-private");
    none["cluster"].as_object_mut().unwrap().remove("public_ip");
    let mut not_use = cluster_body("dws-not-use");
    not_use["cluster"]["public_ip"] = json!({"public_bind_type": "not_use", "eip_id": ""});
    let mut bound = cluster_body("dws-bound");
    bound["cluster"]["public_ip"] = json!({"public_bind_type": "bind_existing", "eip_id": "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574"});
    let mut ids = vec![];
    for b in [none, not_use, bound] {
        let r = emu.call("POST", &path, Some(b)).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        ids.push(r.body["cluster"]["id"].as_str().unwrap().to_owned());
    }
    emu.advance(20.0);
    for id in &ids[..2] {
        let c = emu.cluster(id).await;
        assert!(c.get("public_endpoints").is_none(), "{c}");
        assert_eq!(c["public_ip"]["public_bind_type"], "not_use");
    }
    let c = emu.cluster(&ids[2]).await;
    assert_eq!(c["public_ip"]["eip_id"], "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574");
    assert_eq!(c["public_endpoints"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn lists_hold_the_projects_clusters_newest_first_and_unknown_ids_are_404() {
    let emu = Emu::new().await;
    let r = emu.call("GET", &format!("/v1.0/{PROJECT}/clusters"), None).await;
    assert_eq!((r.body["count"].as_u64(), r.body["clusters"].as_array().unwrap().len()), (Some(0), 0));
    let a = emu.create_cluster("dws-a").await;
    emu.advance(1.0);
    let b = emu.create_cluster("dws-b").await;
    let r = emu.call("GET", &format!("/v1.0/{PROJECT}/clusters"), None).await;
    assert_eq!(r.body["count"], 2);
    assert_eq!(r.body["clusters"][0]["id"], b);
    assert_eq!(r.body["clusters"][1]["id"], a);
    for path in [
        format!("/v1.0/{PROJECT}/clusters/7ba031f6-81f4-4670-ad20-c490b91877e5"),
        format!("/v1.0/{PROJECT}/clusters/not-even-a-uuid"),
    ] {
        let r = emu.call("GET", &path, None).await;
        assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0001"), "{path}");
    }
    let missing = "7ba031f6-81f4-4670-ad20-c490b91877e5";
    for (method, suffix, body) in [
        ("POST", "/restart", json!({"restart": {}})),
        ("POST", "/resize", json!({"scale_out": {"count": 1}})),
        ("POST", "/reset-password", json!({"new_password": "NewPass!2026"})),
        ("DELETE", "", json!({"keep_last_manual_snapshot": 0})),
    ] {
        let r = emu.call(method, &format!("/v1.0/{PROJECT}/clusters/{missing}{suffix}"), Some(body)).await;
        assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0001"), "{method} {suffix}");
    }
}

#[tokio::test]
async fn work_is_refused_while_a_cluster_is_busy() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-busy").await;
    let base = format!("/v1.0/{PROJECT}/clusters/{id}");
    for (method, suffix, body) in [
        ("POST", "/restart", json!({"restart": {}})),
        ("POST", "/resize", json!({"scale_out": {"count": 1}})),
        ("POST", "/reset-password", json!({"new_password": "NewPass!2026"})),
        ("DELETE", "", json!({"keep_last_manual_snapshot": 0})),
    ] {
        let r = emu.call(method, &format!("{base}{suffix}"), Some(body)).await;
        assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"), "{method} {suffix} while CREATING");
        assert!(r.msg().contains("CREATING"), "{}", r.msg());
    }
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {"name": "snap-busy", "cluster_id": id}}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"));
}

#[tokio::test]
async fn resize_grows_with_resize_info_then_has_more_nodes() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-grow").await;
    let path = format!("/v1.0/{PROJECT}/clusters/{id}/resize");
    for (count, code) in [(0, "DWS.5047"), (-1, "DWS.5047"), (254, "DWS.5091")] {
        let r = emu.call("POST", &path, Some(json!({"scale_out": {"count": count}}))).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, code), "count {count}");
    }
    let r = emu.call("POST", &path, Some(json!({}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5047"));
    let r = emu.call("POST", &path, Some(json!({"scale_out": {"count": 3}}))).await;
    assert_eq!(r.status, 200);
    emu.advance(7.5);
    let c = emu.cluster(&id).await;
    assert_eq!(c["task_status"], "GROWING");
    assert_eq!(c["action_progress"]["GROWING"], "50%");
    assert_eq!(c["resize_info"]["origin_node_num"], 3);
    assert_eq!(c["resize_info"]["target_node_num"], 6);
    assert_eq!(c["resize_info"]["resize_status"], "GROWING");
    assert_eq!(c["resize_info"]["start_time"], "2026-11-27T12:00:20Z");
    assert_eq!(c["number_of_node"], 3);
    emu.advance(7.5);
    let c = emu.cluster(&id).await;
    assert_eq!(c["number_of_node"], 6);
    assert_eq!(c["private_ip"].as_array().unwrap().len(), 6);
    assert!(c.get("resize_info").is_none() && c.get("task_status").is_none());
    // The maximum: 256 nodes in all.
    let r = emu.call("POST", &path, Some(json!({"scale_out": {"count": 250}}))).await;
    assert_eq!(r.status, 200);
    emu.advance(15.0);
    assert_eq!(emu.cluster(&id).await["number_of_node"], 256);
    let r = emu.call("POST", &path, Some(json!({"scale_out": {"count": 1}}))).await;
    assert_eq!(r.code(), "DWS.5091");
}

#[tokio::test]
async fn restart_reboots_and_finishes() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-reboot").await;
    let path = format!("/v1.0/{PROJECT}/clusters/{id}/restart");
    let r = emu.call("POST", &path, Some(json!({}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"), "restart is required");
    let r = emu.call("POST", &path, Some(json!({"restart": {}}))).await;
    assert_eq!(r.status, 200);
    let c = emu.cluster(&id).await;
    assert_eq!((c["status"].as_str(), c["task_status"].as_str()), (Some("AVAILABLE"), Some("REBOOTING")));
    emu.advance(8.0);
    let c = emu.cluster(&id).await;
    assert!(c.get("task_status").is_none());
    assert_eq!(c["recent_event"], 4, "created, ready, restarted, restart done");
}

#[tokio::test]
async fn reset_password_applies_every_rule_and_remembers_old_ones() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-pw").await;
    let path = format!("/v1.0/{PROJECT}/clusters/{id}/reset-password");
    let cases = [
        ("short1!", "DWS.5144"),
        ("abcdefghijk", "DWS.5144"),
        ("Abcdefgh 1", "DWS.5144"),
        ("Huawei@123", "DWS.5144"),
        ("Dws2017demo!", "DWS.5144"),
        ("dbadmin", "DWS.5144"),
    ];
    for (pw, code) in cases {
        let r = emu.call("POST", &path, Some(json!({"new_password": pw}))).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, code), "{pw}: {}", r.msg());
    }
    let r = emu.call("POST", &path, Some(json!({"new_password": "Dws2017demo!"}))).await;
    assert!(r.msg().contains("used before"), "the creation password: {}", r.msg());
    let r = emu.call("POST", &path, Some(json!({"new_password": 12345678}))).await;
    assert_eq!(r.code(), "DWS.5144");
    assert!(r.msg().contains("must be text"), "{}", r.msg());
    assert_eq!(emu.call("POST", &path, Some(json!({"new_password": "NewPass!2026"}))).await.status, 200);
    assert_eq!(emu.call("POST", &path, Some(json!({"new_password": "Another#2027"}))).await.status, 200);
    let r = emu.call("POST", &path, Some(json!({"new_password": "NewPass!2026"}))).await;
    assert_eq!(r.code(), "DWS.5144");
}

#[tokio::test]
async fn reset_password_refuses_the_user_name_reversed() {
    let emu = Emu::new().await;
    let mut b = cluster_body("dws-rev");
    b["cluster"]["user_name"] = json!("dws_admin1");
    let r = emu.call("POST", &format!("/v1.0/{PROJECT}/clusters"), Some(b)).await;
    let id = r.body["cluster"]["id"].as_str().unwrap().to_owned();
    emu.advance(20.0);
    let r = emu
        .call("POST", &format!("/v1.0/{PROJECT}/clusters/{id}/reset-password"), Some(json!({"new_password": "1nimda_swd"})))
        .await;
    assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5145"));
}

#[tokio::test]
async fn passwords_are_never_returned_or_stored_in_plain_text() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-secret").await;
    emu.call("POST", &format!("/v1.0/{PROJECT}/clusters/{id}/reset-password"), Some(json!({"new_password": "Unguessable#2027"}))).await;
    let detail = emu.cluster(&id).await.to_string();
    assert!(!detail.contains("Dws2017demo!") && !detail.contains("Unguessable#2027"));
    let mut stored = Vec::new();
    for entry in std::fs::read_dir(&emu.dir.0).unwrap() {
        stored.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    let stored = String::from_utf8_lossy(&stored);
    assert!(stored.contains("dws-secret"), "the data is there");
    for secret in ["Dws2017demo!", "Unguessable#2027", "Admin@12345", &emu.token] {
        assert!(!stored.contains(secret), "{secret} is stored in plain text");
    }
}

#[tokio::test]
async fn delete_keeps_the_newest_manual_snapshots() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-del").await;
    let mut manual = Vec::new();
    for i in 0..3 {
        manual.push(emu.snapshot_of(&id, &format!("snap-del-{i}")).await);
        emu.advance(1.0);
    }
    let path = format!("/v1.0/{PROJECT}/clusters/{id}");
    for (body, code) in [
        (json!({"keep_last_manual_snapshot": -1}), "DWS.5038"),
        (json!({}), "DWS.5038"),
        (json!({"keep_last_manual_snapshot": "one"}), "DWS.5038"),
    ] {
        let r = emu.call("DELETE", &path, Some(body.clone())).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, code), "{body}");
    }
    let r = emu.send("DELETE", &path, &[("x-auth-token", &emu.token)], None).await;
    assert_eq!(r.code(), "DWS.5038", "the body is required");
    let r = emu.call("DELETE", &path, Some(json!({"keep_last_manual_snapshot": 1}))).await;
    assert_eq!(r.status, 202);
    assert_eq!(emu.cluster(&id).await["status"], "DELETING");
    let r = emu.call("DELETE", &path, Some(json!({"keep_last_manual_snapshot": 1}))).await;
    assert_eq!((r.status.as_u16(), r.code()), (409, "DWS.0005"), "already deleting");
    emu.advance(5.0);
    let r = emu.call("GET", &path, None).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0001"));
    let left: Vec<String> = emu.snapshots().await.iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(left, vec![manual[2].clone()], "only the newest manual snapshot is kept");
    // Its name can be used again.
    emu.create_cluster("dws-del").await;
}

#[tokio::test]
async fn configured_failures_show_as_the_service_shows_them() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("fail-create-1").await;
    emu.advance(20.0);
    let c = emu.cluster(&id).await;
    assert_eq!(c["status"], "CREATION FAILED");
    assert_eq!(c["failed_reasons"]["error_msg"], "Insufficient resources in the availability zone.");
    assert!(c.get("endpoints").is_none());
    // A failed cluster can be deleted.
    let r = emu.call("DELETE", &format!("/v1.0/{PROJECT}/clusters/{id}"), Some(json!({"keep_last_manual_snapshot": 0}))).await;
    assert_eq!(r.status, 202);

    let id = emu.available_cluster("fail-resize-1").await;
    emu.call("POST", &format!("/v1.0/{PROJECT}/clusters/{id}/resize"), Some(json!({"scale_out": {"count": 2}}))).await;
    emu.advance(15.0);
    let c = emu.cluster(&id).await;
    assert_eq!(c["task_status"], "RESIZE_FAILURE");
    assert_eq!(c["resize_info"]["resize_status"], "RESIZE_FAILURE");
    assert_eq!(c["number_of_node"], 3);

    let id = emu.available_cluster("fail-restart-1").await;
    emu.call("POST", &format!("/v1.0/{PROJECT}/clusters/{id}/restart"), Some(json!({"restart": {}}))).await;
    emu.advance(8.0);
    assert_eq!(emu.cluster(&id).await["task_status"], "REBOOT_FAILURE");
    // The next operation clears the failure.
    emu.call("POST", &format!("/v1.0/{PROJECT}/clusters/{id}/restart"), Some(json!({"restart": {}}))).await;
    assert_eq!(emu.cluster(&id).await["task_status"], "REBOOTING");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_the_gateways_404() {
    let emu = Emu::new().await;
    for (method, path) in [
        ("GET", "/nope".to_owned()),
        ("GET", format!("/v1.0/{PROJECT}/node_types")),
        ("PUT", format!("/v1.0/{PROJECT}/clusters")),
        ("PATCH", format!("/v1.0/{PROJECT}/clusters/x")),
    ] {
        let r = emu.call(method, &path, None).await;
        assert_eq!((r.status.as_u16(), r.code()), (404, "APIGW.0101"), "{method} {path}");
    }
}

#[tokio::test]
async fn node_types_are_listed_with_their_specs() {
    let emu = Emu::new().await;
    let r = emu.call("GET", &format!("/v2/{PROJECT}/node-types"), None).await;
    assert_eq!(r.status, 200);
    let types: dws_contract::types::NodeTypesResponse = serde_json::from_value(r.body).unwrap();
    assert_eq!(types.node_types.len(), 4);
    let d2 = types.node_types.iter().find(|n| n.spec_name == "dws.d2.xlarge").unwrap();
    assert_eq!(d2.vcpus(), Some(4));
    assert_eq!(d2.memory(), Some((32.0, Some("GB"))));
    assert_eq!(d2.disk().unwrap().size, "1675");
}

#[tokio::test]
async fn two_concurrent_creates_with_one_name_make_one_cluster() {
    let emu = std::sync::Arc::new(Emu::new().await);
    for round in 0..10 {
        let name = format!("dws-race-{round}");
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let emu = emu.clone();
                let name = name.clone();
                tokio::spawn(async move {
                    emu.call("POST", &format!("/v1.0/{PROJECT}/clusters"), Some(cluster_body(&name))).await.status.as_u16()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        statuses.sort();
        assert_eq!(statuses, [200, 409, 409, 409], "round {round}");
    }
    let r = emu.call("GET", &format!("/v1.0/{PROJECT}/clusters"), None).await;
    assert_eq!(r.body["count"], 10);
}
