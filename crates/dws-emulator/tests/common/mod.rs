//! The harness of the HTTP tests: the real router over a real store in a temporary folder, a
//! clock the test moves, and every answer checked against the emulator's OpenAPI description.
#![allow(dead_code)]

pub mod schema;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use dws_emulator::app::{App, app};
use dws_emulator::auth::Iam;
use dws_emulator::clock::ManualClock;
use dws_emulator::config::EmulatorConfig;
use dws_emulator::store::Store;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The demo project.
pub const PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/// 2026-11-27T12:00:00Z.
pub const T0: i64 = 1_795_780_800_000;
/// Network ids of the quick start.
pub const VPC: &str = "219ab8a0-1272-4049-a383-8ad0b770fa11";
pub const SUBNET: &str = "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec";
pub const SG: &str = "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c";

/// An answer.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The DWS error code of an error answer.
    pub fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or_default()
    }

    /// The error message.
    pub fn msg(&self) -> &str {
        self.body["error_msg"].as_str().unwrap_or_default()
    }
}

/// A temporary folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let d = std::env::temp_dir().join(format!("dws-emu-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        TempDir(d)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An emulator on the test's own clock.
pub struct Emu {
    pub app: Arc<App>,
    pub router: Router,
    pub clock: ManualClock,
    /// The callers' clock: the same as `clock` unless the options set it apart.
    pub wall: ManualClock,
    pub dir: Arc<TempDir>,
    pub token: String,
}

pub struct Options {
    pub config: EmulatorConfig,
    pub allow_reset: bool,
    pub chaos: Option<dws_emulator::chaos::Chaos>,
    pub peer: SocketAddr,
    /// Whether the callers' clock (signatures, tokens) stands apart from the service's, as the
    /// system clock does beside `--clock manual`; by default both are the test's one clock.
    pub separate_wall_clock: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            config: EmulatorConfig::demo(),
            allow_reset: false,
            chaos: None,
            peer: "127.0.0.1:40000".parse().unwrap(),
            separate_wall_clock: false,
        }
    }
}

impl Emu {
    /// The demo emulator, signed in as `admin`.
    pub async fn new() -> Emu {
        Emu::with(Options::default()).await
    }

    pub async fn with(opts: Options) -> Emu {
        let dir = Arc::new(TempDir::new("http"));
        Emu::open(dir, ManualClock::new(T0), opts).await
    }

    /// An emulator over an existing folder (to test restarts).
    pub async fn open(dir: Arc<TempDir>, clock: ManualClock, opts: Options) -> Emu {
        let store = Store::open(&dir.0).expect("open store");
        let wall = if opts.separate_wall_clock { ManualClock::new(T0) } else { clock.clone() };
        let shared = Arc::new(App {
            wall_clock: Arc::new(wall.clone()),
            store,
            iam: Iam::from_config(&opts.config),
            config: opts.config,
            clock: Arc::new(clock.clone()),
            speed: 1.0,
            allow_reset: opts.allow_reset,
            chaos: opts.chaos,
            plane: dws_emulator::plane::DataPlane::None,
            metrics: Arc::new(dws_emulator::metrics::MetricsStore::open(&dir.0).expect("open metrics")),
            wake: tokio::sync::Notify::new(),
        });
        let router = app(shared.clone()).layer(MockConnectInfo(opts.peer));
        let mut emu = Emu { app: shared, router, clock, wall, dir, token: String::new() };
        emu.token = emu.sign_in("admin", "Admin@12345").await;
        emu
    }

    /// Moves the clock.
    pub fn advance(&self, seconds: f64) {
        self.clock.advance_ms((seconds * 1000.0) as i64);
    }

    /// Sends a request and checks the answer against the OpenAPI description.
    pub async fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
        let mut req = Request::builder().method(method).uri(path).header("host", "127.0.0.1:8090");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(body.map(|b| Body::from(b.to_owned())).unwrap_or_else(Body::empty)).unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {bytes:?}"))
        };
        assert!(headers.contains_key("x-request-id"), "{method} {path}: no X-Request-Id");
        schema::check_response(method, path, status.as_u16(), &body);
        Reply { status, headers, body }
    }

    /// A DWS call with the admin's token and a JSON body.
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        self.call_as(&self.token.clone(), method, path, body).await
    }

    pub async fn call_as(&self, token: &str, method: &str, path: &str, body: Option<Value>) -> Reply {
        let text = body.map(|b| b.to_string());
        let mut headers = vec![("x-auth-token", token)];
        if text.is_some() {
            headers.push(("content-type", "application/json"));
        }
        self.send(method, path, &headers, text.as_deref()).await
    }

    /// Signs in to the demo project and returns the token.
    pub async fn sign_in(&self, user: &str, password: &str) -> String {
        let r = self.send("POST", "/v3/auth/tokens", &[("content-type", "application/json")], Some(&token_request(user, password, "ae-ad-1").to_string())).await;
        assert_eq!(r.status, 201, "{:?}", r.body);
        r.headers["x-subject-token"].to_str().unwrap().to_owned()
    }

    /// Creates a cluster from the quick start's body with a name, returning its id.
    pub async fn create_cluster(&self, name: &str) -> String {
        let r = self.call("POST", &format!("/v1.0/{PROJECT}/clusters"), Some(cluster_body(name))).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        r.body["cluster"]["id"].as_str().unwrap().to_owned()
    }

    /// Creates a cluster and lets it become available.
    pub async fn available_cluster(&self, name: &str) -> String {
        let id = self.create_cluster(name).await;
        self.advance(20.0);
        assert_eq!(self.cluster(&id).await["status"], "AVAILABLE");
        id
    }

    /// A cluster's detail.
    pub async fn cluster(&self, id: &str) -> Value {
        let r = self.call("GET", &format!("/v1.0/{PROJECT}/clusters/{id}"), None).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        r.body["cluster"].clone()
    }

    /// A snapshot's detail.
    pub async fn snapshot(&self, id: &str) -> Reply {
        self.call("GET", &format!("/v1.0/{PROJECT}/snapshots/{id}"), None).await
    }

    /// Takes a snapshot of an available cluster and lets it finish.
    pub async fn snapshot_of(&self, cluster: &str, name: &str) -> String {
        let r = self
            .call("POST", &format!("/v1.0/{PROJECT}/snapshots"), Some(json!({"snapshot": {"name": name, "cluster_id": cluster}})))
            .await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        self.advance(5.0);
        r.body["snapshot"]["id"].as_str().unwrap().to_owned()
    }

    /// Every snapshot of the project.
    pub async fn snapshots(&self) -> Vec<Value> {
        let r = self.call("GET", &format!("/v1.0/{PROJECT}/snapshots"), None).await;
        r.body["snapshots"].as_array().unwrap().clone()
    }
}

/// The quick start's token request.
pub fn token_request(user: &str, password: &str, project: &str) -> Value {
    json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "password": password, "domain": {"name": "demo"}}}},
        "scope": {"project": {"name": project}}}})
}

/// The quick start's create-cluster body (step 3), wrapped as chapter 5 sends it.
pub fn cluster_body(name: &str) -> Value {
    json!({"cluster": {
        "node_type": "dws.d2.xlarge", "number_of_node": 3, "subnet_id": SUBNET, "security_group_id": SG,
        "vpc_id": VPC, "port": 8000, "name": name, "user_name": "dbadmin", "user_pwd": "Dws2017demo!",
        "public_ip": {"public_bind_type": "auto_assign"}}})
}
