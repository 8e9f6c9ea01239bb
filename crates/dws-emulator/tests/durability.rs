//! State that survives a restart, work in flight that resumes, reset, and fault injection.

mod common;

use std::sync::Arc;

use common::*;
use dws_emulator::chaos::Chaos;
use serde_json::json;

#[tokio::test]
async fn work_in_flight_resumes_after_a_restart() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-resume").await;
    let keep = emu.available_cluster("dws-keep").await;
    let sid = {
        let r = emu.call("POST", &format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {"name": "snap-resume", "cluster_id": keep}}))).await;
        r.body["snapshot"]["id"].as_str().unwrap().to_owned()
    };
    emu.advance(2.0);
    let token = emu.token.clone();
    let (dir, clock) = (emu.dir.clone(), emu.clock.clone());
    drop(emu);

    // A new process over the same folder, and the same moment.
    let mut emu = Emu::open(dir, clock, Options::default()).await;
    emu.token = token;
    assert_eq!(emu.call("GET", &format!("/v1.0/{PROJECT}/clusters"), None).await.status, 200, "the token survived");
    let c = emu.cluster(&id).await;
    assert_eq!(c["status"], "AVAILABLE", "20 s had passed before the restart");
    assert_eq!(emu.snapshot(&sid).await.body["snapshot"]["status"], "CREATING");
    assert_eq!(emu.cluster(&keep).await["action_progress"]["SNAPSHOTTING"], "40%");
    emu.advance(3.0);
    assert_eq!(emu.snapshot(&sid).await.body["snapshot"]["status"], "AVAILABLE");
    assert!(emu.cluster(&keep).await.get("task_status").is_none());
}

#[tokio::test]
async fn the_background_task_finishes_work_without_requests() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-bg").await;
    emu.advance(20.0);
    let handle = dws_emulator::app::spawn_lifecycle(emu.app.clone());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let status = emu.app.store.read(|s| s.clusters[&id].status.clone());
        if status.is_available() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the lifecycle task did not finish the creation");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    handle.abort();
}

#[tokio::test]
async fn reset_clears_everything_but_only_from_loopback_or_when_allowed() {
    let emu = Emu::new().await;
    emu.create_cluster("dws-reset").await;
    let r = emu.send("POST", "/_emulator/reset", &[], None).await;
    assert_eq!(r.status, 204);
    let r = emu.call("GET", &format!("/v1.0/{PROJECT}/clusters"), None).await;
    assert_eq!(r.status, 401, "tokens are cleared too");
    let token = emu.sign_in("admin", "Admin@12345").await;
    let r = emu.call_as(&token, "GET", &format!("/v1.0/{PROJECT}/clusters"), None).await;
    assert_eq!(r.body["count"], 0);

    let remote = Options { peer: "203.0.113.9:5000".parse().unwrap(), ..Options::default() };
    let emu = Emu::with(remote).await;
    let r = emu.send("POST", "/_emulator/reset", &[], None).await;
    assert_eq!((r.status.as_u16(), r.code()), (403, "DWS.0003"));
    let allowed = Options { peer: "203.0.113.9:5000".parse().unwrap(), allow_reset: true, ..Options::default() };
    let emu = Emu::with(allowed).await;
    assert_eq!(emu.send("POST", "/_emulator/reset", &[], None).await.status, 204);
}

#[tokio::test]
async fn a_manual_clock_moves_only_when_told_and_finishes_what_falls_due() {
    let emu = Emu::new().await;
    let id = emu.create_cluster("dws-clock").await;
    let r = emu.send("GET", "/_emulator/clock", &[], None).await;
    assert_eq!((r.status.as_u16(), r.body["now_ms"].as_i64()), (200, Some(T0)));
    let json = [("content-type", "application/json")];
    // Not yet: creation takes 20 s.
    let r = emu.send("POST", "/_emulator/clock", &json, Some(r#"{"advance_seconds": 19.5}"#)).await;
    assert_eq!(r.body["now_ms"].as_i64(), Some(T0 + 19_500));
    assert_eq!(emu.cluster(&id).await["status"], "CREATING");
    let r = emu.send("POST", "/_emulator/clock", &json, Some(r#"{"advance_seconds": 0.5}"#)).await;
    assert_eq!(r.body["now"], "2026-11-27T12:00:20Z");
    assert_eq!(emu.cluster(&id).await["status"], "AVAILABLE");
    // Nonsense is refused in the error shape.
    for bad in [r#"{"advance_seconds": -1}"#, r#"{"advance_seconds": "soon"}"#, r#"{"advance_seconds": 1e300}"#, r#"{"back": 1}"#, "{"] {
        let r = emu.send("POST", "/_emulator/clock", &json, Some(bad)).await;
        assert_eq!((r.status.as_u16(), r.code()), (400, "DWS.5065"), "{bad}");
    }
    // Only loopback moves it.
    let remote = Emu::with(Options { peer: "203.0.113.9:5000".parse().unwrap(), ..Options::default() }).await;
    let r = remote.send("POST", "/_emulator/clock", &json, Some(r#"{"advance_seconds": 1}"#)).await;
    assert_eq!((r.status.as_u16(), r.code()), (403, "DWS.0003"));
}

#[tokio::test]
async fn chaos_fails_api_calls_but_not_health() {
    let chaos = Chaos::parse("error_rate=1").unwrap();
    let dir = Arc::new(TempDir::new("chaos"));
    // Sign in before chaos starts: open once without, then again with.
    let plain = Emu::open(dir.clone(), dws_emulator::clock::ManualClock::new(T0), Options::default()).await;
    let token = plain.token.clone();
    drop(plain);
    let store = dws_emulator::store::Store::open(&dir.0).unwrap();
    let app = Arc::new(dws_emulator::app::App {
        store,
        iam: dws_emulator::auth::Iam::from_config(&dws_emulator::config::EmulatorConfig::demo()),
        config: dws_emulator::config::EmulatorConfig::demo(),
        clock: Arc::new(dws_emulator::clock::ManualClock::new(T0)),
        wall_clock: Arc::new(dws_emulator::clock::ManualClock::new(T0)),
        speed: 1.0,
        allow_reset: false,
        chaos: Some(chaos),
        plane: dws_emulator::plane::DataPlane::None,
        metrics: Arc::new(dws_emulator::metrics::MetricsStore::open(&dir.0).unwrap()),
        wake: tokio::sync::Notify::new(),
    });
    let router = dws_emulator::app::app(app);
    use tower::ServiceExt;
    let req = |path: &str| {
        axum::http::Request::builder().uri(path).header("x-auth-token", &token).body(axum::body::Body::empty()).unwrap()
    };
    let r = router.clone().oneshot(req(&format!("/v1.0/{PROJECT}/clusters"))).await.unwrap();
    assert_eq!(r.status(), 503);
    let body = http_body_util::BodyExt::collect(r.into_body()).await.unwrap().to_bytes();
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["error_code"], "DWS.0009");
    let r = router.oneshot(req("/healthz")).await.unwrap();
    assert_eq!(r.status(), 200);
}
