//! IAM (tokens, projects) and the authentication and authorisation of every DWS call.

mod common;

use axum::http::{HeaderMap, HeaderValue};
use common::*;
use dws_emulator::auth::signature::{SignedParts, format_sdk_date, sign};
use serde_json::json;

const AK: &str = "DEMOADMINACCESSKEY01";
const SK: &str = "demo-admin-secret-key-00000000000000000000";

#[tokio::test]
async fn a_token_by_project_name_carries_project_user_and_catalog() {
    let emu = Emu::new().await;
    let r = emu
        .send("POST", "/v3/auth/tokens", &[("content-type", "application/json")], Some(&token_request("admin", "Admin@12345", "ae-ad-1").to_string()))
        .await;
    assert_eq!(r.status, 201);
    let token = r.headers["x-subject-token"].to_str().unwrap();
    assert!(token.starts_with("MII") && token.len() > 100);
    let t = &r.body["token"];
    assert_eq!(t["project"]["id"], PROJECT);
    assert_eq!(t["project"]["name"], "ae-ad-1");
    assert_eq!(t["project"]["domain"]["name"], "demo");
    assert_eq!(t["user"]["name"], "admin");
    assert_eq!(t["methods"], json!(["password"]));
    assert_eq!(t["issued_at"], "2026-11-27T12:00:00.000000Z");
    assert_eq!(t["expires_at"], "2026-11-28T12:00:00.000000Z", "24 hours");
    let dws = t["catalog"].as_array().unwrap().iter().find(|s| s["type"] == "dws").unwrap();
    assert_eq!(dws["endpoints"][0]["url"], "http://127.0.0.1:8090");
    assert_eq!(dws["endpoints"][0]["region_id"], "ae-ad-1");
}

#[tokio::test]
async fn a_token_by_project_id_works_and_the_quick_start_body_shape_is_accepted() {
    let emu = Emu::new().await;
    let body = json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "viewer", "domain": {"name": "demo"}, "password": "Viewer@12345"}}},
        "scope": {"project": {"id": PROJECT}}}});
    let r = emu.send("POST", "/v3/auth/tokens", &[("content-type", "application/json")], Some(&body.to_string())).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.body["token"]["project"]["id"], PROJECT);
}

#[tokio::test]
async fn wrong_credentials_get_401_in_iam_shape() {
    let emu = Emu::new().await;
    let cases = [
        token_request("admin", "wrong", "ae-ad-1"),
        token_request("nobody", "Admin@12345", "ae-ad-1"),
        token_request("admin", "Admin@12345", "no-such-project"),
        json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "password": "Admin@12345", "domain": {"name": "other"}}}}, "scope": {"project": {"name": "ae-ad-1"}}}}),
        json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "password": "Admin@12345", "domain": {"name": "demo"}}}}, "scope": {"project": {"id": "00000000000000000000000000000000"}}}}),
    ];
    for body in cases {
        let r = emu.send("POST", "/v3/auth/tokens", &[("content-type", "application/json")], Some(&body.to_string())).await;
        assert_eq!(r.status, 401, "{body}");
        assert_eq!(r.body["error"]["code"], 401);
        assert_eq!(r.body["error"]["title"], "Unauthorized");
        assert!(r.headers.get("x-subject-token").is_none());
    }
}

#[tokio::test]
async fn malformed_token_requests_get_400_in_iam_shape() {
    let emu = Emu::new().await;
    for body in [
        "{",
        "{}",
        r#"{"auth":{"identity":{"methods":["token"]}}}"#,
        r#"{"auth":{"identity":{"methods":["password"]}}}"#,
        r#"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"x"}}}}}"#,
    ] {
        let r = emu.send("POST", "/v3/auth/tokens", &[("content-type", "application/json")], Some(body)).await;
        assert_eq!(r.status, 400, "{body}: {:?}", r.body);
        assert_eq!(r.body["error"]["code"], 400);
    }
}

#[tokio::test]
async fn projects_are_listed_for_a_valid_token_only() {
    let emu = Emu::new().await;
    let r = emu.send("GET", "/v3/projects", &[("x-auth-token", &emu.token)], None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["projects"][0]["id"], PROJECT);
    assert_eq!(r.body["projects"][0]["name"], "ae-ad-1");
    assert!(r.body["links"]["next"].is_null());
    let r = emu.send("GET", "/v3/projects?name=ae-ad-1", &[("x-auth-token", &emu.token)], None).await;
    assert_eq!(r.body["projects"].as_array().unwrap().len(), 1);
    let r = emu.send("GET", "/v3/projects?name=elsewhere", &[("x-auth-token", &emu.token)], None).await;
    assert_eq!(r.body["projects"].as_array().unwrap().len(), 0);
    let r = emu.send("GET", "/v3/projects", &[], None).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"]["code"], 401);
}

#[tokio::test]
async fn dws_calls_need_a_valid_unexpired_token() {
    let emu = Emu::new().await;
    let list = format!("/v1.0/{PROJECT}/clusters");
    let r = emu.send("GET", &list, &[], None).await;
    assert_eq!((r.status.as_u16(), r.code()), (401, "APIGW.0301"));
    let r = emu.send("GET", &list, &[("x-auth-token", "MIInot-a-token")], None).await;
    assert_eq!((r.status.as_u16(), r.code()), (401, "APIGW.0301"));
    assert!(r.msg().contains("not valid"));
    assert_eq!(emu.call("GET", &list, None).await.status, 200);
    emu.advance(24.0 * 3600.0 - 1.0);
    assert_eq!(emu.call("GET", &list, None).await.status, 200, "a second before expiry");
    emu.advance(1.0);
    let r = emu.call("GET", &list, None).await;
    assert_eq!((r.status.as_u16(), r.code()), (401, "APIGW.0301"));
    assert!(r.msg().contains("expired"), "{}", r.msg());
}

#[tokio::test]
async fn the_path_project_must_be_the_tokens() {
    let emu = Emu::new().await;
    let r = emu.call("GET", "/v1.0/00000000000000000000000000000000/clusters", None).await;
    assert_eq!((r.status.as_u16(), r.code()), (403, "DWS.0004"));
}

#[tokio::test]
async fn an_account_scoped_token_cannot_call_dws() {
    let emu = Emu::new().await;
    let body = json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "admin", "password": "Admin@12345", "domain": {"name": "demo"}}}}, "scope": {"domain": {"name": "demo"}}}});
    let r = emu.send("POST", "/v3/auth/tokens", &[("content-type", "application/json")], Some(&body.to_string())).await;
    assert_eq!(r.status, 201);
    assert!(r.body["token"].get("project").is_none());
    let token = r.headers["x-subject-token"].to_str().unwrap().to_owned();
    let r = emu.call_as(&token, "GET", &format!("/v1.0/{PROJECT}/clusters"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (403, "DWS.0004"));
    // It can still list the account's projects.
    let r = emu.send("GET", "/v3/projects", &[("x-auth-token", &token)], None).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn the_viewer_reads_but_every_write_names_the_missing_action() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("dws-viewer").await;
    let snap = emu.snapshot_of(&id, "snap-viewer").await;
    let viewer = emu.sign_in("viewer", "Viewer@12345").await;
    for path in [
        format!("/v1.0/{PROJECT}/clusters"),
        format!("/v1.0/{PROJECT}/clusters/{id}"),
        format!("/v2/{PROJECT}/node-types"),
        format!("/v1.0/{PROJECT}/snapshots"),
        format!("/v1.0/{PROJECT}/snapshots/{snap}"),
    ] {
        assert_eq!(emu.call_as(&viewer, "GET", &path, None).await.status, 200, "{path}");
    }
    let writes = [
        ("POST", format!("/v1.0/{PROJECT}/clusters"), Some(cluster_body("dws-nope")), "dws:openAPICluster:create"),
        ("DELETE", format!("/v1.0/{PROJECT}/clusters/{id}"), Some(json!({"keep_last_manual_snapshot": 0})), "dws:openAPICluster:delete"),
        ("POST", format!("/v1.0/{PROJECT}/clusters/{id}/restart"), Some(json!({"restart": {}})), "dws:openAPICluster:restart"),
        ("POST", format!("/v1.0/{PROJECT}/clusters/{id}/resize"), Some(json!({"scale_out": {"count": 1}})), "dws:cluster:scaleOutOrOpenAPIResize"),
        ("POST", format!("/v1.0/{PROJECT}/clusters/{id}/reset-password"), Some(json!({"new_password": "NewPass!2026"})), "dws:openAPICluster:resetPassword"),
        ("POST", format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {"name": "snap-x", "cluster_id": id}})), "dws:openAPISnapshot:create"),
        ("DELETE", format!("/v1.0/{PROJECT}/snapshots/{snap}"), None, "dws:openAPISnapshot:delete"),
        ("POST", format!("/v1.0/{PROJECT}/snapshots/{snap}/actions"), Some(json!({"restore": {"name": "dws-r"}})), "dws:openAPISnapshot:restore"),
    ];
    for (method, path, body, action) in writes {
        let r = emu.call_as(&viewer, method, &path, body).await;
        assert_eq!((r.status.as_u16(), r.code()), (403, "DWS.0003"), "{method} {path}");
        assert!(r.msg().contains(action), "{method} {path}: {}", r.msg());
    }
    // Nothing changed.
    assert_eq!(emu.cluster(&id).await["status"], "AVAILABLE");
}

fn signed_headers(method: &str, path: &str, query: Option<&str>, body: &[u8], date_ms: i64, sk: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("host", HeaderValue::from_static("127.0.0.1:8090"));
    h.insert("content-type", HeaderValue::from_static("application/json;charset=utf-8"));
    h.insert("x-project-id", HeaderValue::from_static(PROJECT));
    h.insert("x-sdk-date", HeaderValue::from_str(&format_sdk_date(date_ms)).unwrap());
    h.insert("user-agent", HeaderValue::from_static("huaweicloud-usdk-python/3.0; test"));
    let parts = SignedParts { method, raw_path: path, raw_query: query, headers: &h, body };
    let auth = sign(&parts, AK, sk).unwrap();
    h.insert("authorization", HeaderValue::from_str(&auth).unwrap());
    h
}

async fn send_signed(emu: &Emu, method: &str, path: &str, h: &HeaderMap, body: &str) -> Reply {
    let pairs: Vec<(String, String)> =
        h.iter().filter(|(k, _)| k.as_str() != "host").map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned())).collect();
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    emu.send(method, path, &refs, (!body.is_empty()).then_some(body)).await
}

#[tokio::test]
async fn ak_sk_signatures_are_checked_like_the_service() {
    let emu = Emu::new().await;
    let path = format!("/v1.0/{PROJECT}/clusters");
    let body = cluster_body("dws-signed").to_string();
    let now = T0;

    let h = signed_headers("POST", &path, None, body.as_bytes(), now, SK);
    let r = send_signed(&emu, "POST", &path, &h, &body).await;
    assert_eq!(r.status, 200, "{:?}", r.body);

    // Tampered body: same signature, other content.
    let tampered = body.replace("dws-signed", "dws-hacked");
    let r = send_signed(&emu, "POST", &path, &h, &tampered).await;
    assert_eq!((r.status.as_u16(), r.code()), (401, "APIGW.0301"));
    assert!(r.msg().contains("signature does not match"), "{}", r.msg());

    // Wrong secret.
    let h = signed_headers("GET", &path, None, b"", now, "not-the-secret-key-0000000000");
    let r = send_signed(&emu, "GET", &path, &h, "").await;
    assert_eq!(r.status, 401);

    // A date more than 15 minutes off, either way; within 15 minutes is fine.
    for (offset, ok) in [(-16 * 60_000, false), (16 * 60_000, false), (14 * 60_000, true), (-14 * 60_000, true)] {
        let h = signed_headers("GET", &path, None, b"", now + offset, SK);
        let r = send_signed(&emu, "GET", &path, &h, "").await;
        assert_eq!(r.status == 200, ok, "offset {offset}: {:?}", r.body);
        if !ok {
            assert!(r.msg().contains("15 minutes"), "{}", r.msg());
        }
    }

    // Unknown access key.
    let mut h = signed_headers("GET", &path, None, b"", now, SK);
    let auth = h["authorization"].to_str().unwrap().replace(AK, "UNKNOWNACCESSKEY0001");
    h.insert("authorization", HeaderValue::from_str(&auth).unwrap());
    let r = send_signed(&emu, "GET", &path, &h, "").await;
    assert_eq!(r.status, 401);
    assert!(r.msg().contains("access key"), "{}", r.msg());

    // A query is part of what is signed.
    let h = signed_headers("GET", &path, Some("b=2&a=1"), b"", now, SK);
    assert_eq!(send_signed(&emu, "GET", &format!("{path}?b=2&a=1"), &h, "").await.status, 200);
    assert_eq!(send_signed(&emu, "GET", &format!("{path}?b=3&a=1"), &h, "").await.status, 401);

    // AK/SK may reach any project of its account, but not others.
    let other = "/v1.0/00000000000000000000000000000000/clusters";
    let h = signed_headers("GET", other, None, b"", now, SK);
    let r = send_signed(&emu, "GET", other, &h, "").await;
    assert_eq!((r.status.as_u16(), r.code()), (403, "DWS.0004"));

    // Garbage in Authorization.
    let r = emu.send("GET", &path, &[("authorization", "Basic YWRtaW46YWRtaW4=")], None).await;
    assert_eq!((r.status.as_u16(), r.code()), (401, "APIGW.0301"));
}

#[tokio::test]
async fn messages_follow_x_language() {
    let emu = Emu::new().await;
    let path = format!("/v1.0/{PROJECT}/clusters/7ba031f6-81f4-4670-ad20-c490b91877e5");
    let r = emu.send("GET", &path, &[("x-auth-token", &emu.token), ("x-language", "zh_cn")], None).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "DWS.0001"));
    assert!(r.msg().starts_with("集群不存在"), "{}", r.msg());
    let r = emu.send("GET", &path, &[("x-auth-token", &emu.token), ("x-language", "en_us")], None).await;
    assert!(r.msg().starts_with("The cluster does not exist."), "{}", r.msg());
}
