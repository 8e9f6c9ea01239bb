//! The data plane, against real PostgreSQL servers: every available cluster answers on the
//! loopback address and port the API reports, as its administrator with its password; snapshots
//! and restores carry the data; restart, password reset and delete do what they say; the
//! emulator brings its servers back after a restart or a SIGKILL and leaves none running.
//!
//! These tests need PostgreSQL's server programs (`cargo xtask test` installs Debian's).

mod child;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio_postgres::NoTls;

const PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const PASSWORD: &str = "Dws2017demo!";

/// An emulator on a manual clock with the data plane, over `data`.
fn start(data: &std::path::Path) -> child::Emulator {
    child::start(data, &["--clock", "manual", "--data-plane", "postgres"])
}

struct Api {
    addr: String,
    token: String,
}

impl Api {
    fn new(emu: &child::Emulator) -> Api {
        Api { addr: emu.addr.clone(), token: child::sign_in(&emu.addr).unwrap() }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        self.call_at(method, &format!("/v1.0/{PROJECT}{path}"), body)
    }

    /// A call to a full path (the day-two operations are under `/v1/` and `/v2/` too).
    fn call_at(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let text = body.map(|b| b.to_string());
        let mut headers = vec![("X-Auth-Token", self.token.as_str())];
        if text.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        let a = child::request(&self.addr, method, path, &headers, text.as_deref()).unwrap();
        (a.status, serde_json::from_str(&a.body).unwrap_or(Value::Null))
    }

    /// Waits until a snapshot is in `status`.
    fn snapshot_status(&self, id: &str, status: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (_, s) = self.call("GET", &format!("/snapshots/{id}"), None);
            if s["snapshot"]["status"] == status {
                return s["snapshot"].clone();
            }
            assert!(Instant::now() < deadline, "snapshot {id} did not become {status}: {s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn advance(&self, seconds: f64) {
        let a = child::request(
            &self.addr,
            "POST",
            "/_emulator/clock",
            &[("Content-Type", "application/json")],
            Some(&format!(r#"{{"advance_seconds": {seconds}}}"#)),
        )
        .unwrap();
        assert_eq!(a.status, 200, "{}", a.body);
    }

    fn create(&self, name: &str) -> String {
        let (status, body) = self.call(
            "POST",
            "/clusters",
            Some(json!({"cluster": {"node_type": "dws.d2.xlarge", "number_of_node": 3, "name": name,
                "user_name": "dbadmin", "user_pwd": PASSWORD, "vpc_id": "219ab8a0-1272-4049-a383-8ad0b770fa11",
                "subnet_id": "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec", "security_group_id": "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c",
                "public_ip": {"public_bind_type": "auto_assign"}}})),
        );
        assert_eq!(status, 200, "{body}");
        body["cluster"]["id"].as_str().unwrap().to_owned()
    }

    fn cluster(&self, id: &str) -> Value {
        let (status, body) = self.call("GET", &format!("/clusters/{id}"), None);
        assert_eq!(status, 200, "{body}");
        body["cluster"].clone()
    }

    /// Moves the clock past any task and waits until the cluster is idle in `status`, as the
    /// service reports it: its server's part may take a moment longer than the clock's.
    fn settle(&self, id: &str, status: &str) -> Value {
        self.advance(120.0);
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let c = self.cluster(id);
            if c["status"] == status && c.get("task_status").is_none() && c.get("action_progress").is_none() {
                return c;
            }
            assert!(Instant::now() < deadline, "cluster {id} did not become {status}: {c}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn snapshot(&self, cluster: &str, name: &str) -> String {
        let (status, body) = self.call("POST", "/snapshots", Some(json!({"snapshot": {"name": name, "cluster_id": cluster}})));
        assert_eq!(status, 200, "{body}");
        let id = body["snapshot"]["id"].as_str().unwrap().to_owned();
        self.settle(cluster, "AVAILABLE");
        id
    }
}

/// Where the cluster's first CN listens, as the API reports it.
fn endpoint(c: &Value) -> (String, u16) {
    let info = c["endpoints"][0]["connect_info"].as_str().unwrap();
    let (host, port) = info.rsplit_once(':').unwrap();
    assert!(host.parse::<std::net::Ipv4Addr>().unwrap().is_loopback(), "{info} is not on loopback");
    (host.to_owned(), port.parse().unwrap())
}

async fn connect(c: &Value, password: &str) -> Result<tokio_postgres::Client, tokio_postgres::Error> {
    let (host, port) = endpoint(c);
    let (client, conn) = tokio_postgres::Config::new()
        .host(&host)
        .port(port)
        .user("dbadmin")
        .password(password)
        .dbname("gaussdb")
        .connect_timeout(Duration::from_secs(10))
        .connect(NoTls)
        .await?;
    tokio::spawn(conn);
    Ok(client)
}

async fn rows(client: &tokio_postgres::Client) -> Vec<i32> {
    client.query("SELECT n FROM facts ORDER BY n", &[]).await.unwrap().iter().map(|r| r.get(0)).collect()
}

/// The cluster's server folder (named after it, under the emulator's data or, where the servers'
/// user cannot reach that, PostgreSQL's home), if it exists. Asked while the data is there.
fn server_folder(data: &std::path::Path, id: &str) -> Option<std::path::PathBuf> {
    let user = dws_emulator::plane::runas::server_user().unwrap();
    Some(dws_emulator::plane::servers_folder(data, user.as_ref()).join(id)).filter(|p| p.exists())
}

/// The process ids of the cluster's postmaster (started with `-D <its folder>/data`).
fn postmasters_of(id: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, std::fs::read(e.path().join("cmdline")).ok()?)))
        .filter(|(_, c)| {
            let c = String::from_utf8_lossy(c).replace('\0', " ");
            c.contains("postgres") && c.contains(" -D ") && c.contains(id)
        })
        .map(|(pid, _)| pid)
        .collect()
}

/// The server processes of these clusters (their data directories are named after them).
fn servers_of(ids: &[&str]) -> usize {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().chars().all(|c| c.is_ascii_digit()))
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains("postgres") && c.contains(" -D ") && ids.iter().any(|id| c.contains(id)))
        .count()
}

#[tokio::test]
async fn clusters_hold_data_that_snapshots_and_restores_carry() {
    let dir = child::Scratch::private("plane-data");
    let emu = start(&dir.join("data"));
    let api = Api::new(&emu);
    let id = api.create("dws-data");
    // Creating until the clock says so and the server accepts its administrator.
    assert_eq!(api.cluster(&id)["status"], "CREATING");
    let c = api.settle(&id, "AVAILABLE");
    let (host, port) = endpoint(&c);
    assert_eq!(port, 8000);
    assert_eq!(c["private_ip"][0].as_str().unwrap(), host);
    let client = connect(&c, PASSWORD).await.expect("the administrator connects where the API says");
    client.batch_execute("CREATE TABLE facts (n int); INSERT INTO facts SELECT generate_series(1, 3)").await.unwrap();
    // The public endpoint answers too.
    let public = c["public_endpoints"][0]["public_connect_info"].as_str().unwrap();
    assert!(tokio::net::TcpStream::connect(public).await.is_ok(), "nothing listens on the public endpoint {public}");

    let snap = api.snapshot(&id, "before-more");
    let (_, s) = api.call("GET", &format!("/snapshots/{snap}"), None);
    assert_eq!(s["snapshot"]["status"], "AVAILABLE");
    let size = s["snapshot"]["size"].as_f64().unwrap();
    assert!(size > 0.0 && size < 0.01, "a small dump's real size in GB, not a made-up one: {size}");
    client.batch_execute("INSERT INTO facts VALUES (4), (5)").await.unwrap();

    let (status, body) = api.call("POST", &format!("/snapshots/{snap}/actions"), Some(json!({"restore": {"name": "dws-restored"}})));
    assert_eq!(status, 200, "{body}");
    let restored = body["cluster"]["id"].as_str().unwrap().to_owned();
    let r = api.settle(&restored, "AVAILABLE");
    assert_ne!(endpoint(&r).0, host, "a restored cluster has an address of its own");
    let copy = connect(&r, PASSWORD).await.expect("the restored cluster keeps its source's administrator");
    assert_eq!(rows(&copy).await, [1, 2, 3], "exactly the rows from before the snapshot");
    assert_eq!(rows(&client).await, [1, 2, 3, 4, 5]);

    // Deleting the snapshot, and the restored cluster whose automated snapshot shares its dump,
    // removes the dump; the cluster goes with its server and folder.
    let dump_file = format!("{snap}.dump");
    let dump_exists = |d: &std::path::Path| d.join("dumps").join(&dump_file).exists();
    assert!(dump_exists(&dir.join("data")), "the snapshot is a dump");
    let (status, _) = api.call("DELETE", &format!("/snapshots/{snap}"), None);
    assert_eq!(status, 202);
    drop((client, copy));
    let (status, _) = api.call("DELETE", &format!("/clusters/{restored}"), Some(json!({"keep_last_manual_snapshot": 0})));
    assert_eq!(status, 202);
    api.advance(120.0);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let gone = api.call("GET", &format!("/clusters/{restored}"), None).0 == 404;
        if gone && servers_of(&[&restored]) == 0 && !dump_exists(&dir.join("data")) {
            break;
        }
        assert!(Instant::now() < deadline, "the deleted cluster's server or the deleted snapshot's dump is still there");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(tokio::net::TcpStream::connect((endpoint(&r).0.as_str(), endpoint(&r).1)).await.is_err(), "the deleted cluster still answers");
    assert_eq!(server_folder(&dir.join("data"), &restored), None, "the deleted cluster's folder is still there");
    assert!(server_folder(&dir.join("data"), &id).is_some(), "a cluster's server has a folder");
    drop(emu);
    assert_eq!(servers_of(&[&id, &restored]), 0, "servers outlived the emulator");
}

#[tokio::test]
async fn restart_and_password_reset_take_effect_on_the_server() {
    let dir = child::Scratch::private("plane-ops");
    let emu = start(&dir.join("data"));
    let api = Api::new(&emu);
    let id = api.create("dws-ops");
    let c = api.settle(&id, "AVAILABLE");
    let open = connect(&c, PASSWORD).await.unwrap();
    open.batch_execute("CREATE TABLE facts (n int); INSERT INTO facts VALUES (7)").await.unwrap();

    // A restart cuts open connections; a new one works once the cluster is available.
    let (status, body) = api.call("POST", &format!("/clusters/{id}/restart"), Some(json!({"restart": {}})));
    assert_eq!(status, 200, "{body}");
    let c = api.settle(&id, "AVAILABLE");
    assert!(open.query("SELECT 1", &[]).await.is_err(), "the open connection survived the restart");
    let after = connect(&c, PASSWORD).await.unwrap();
    assert_eq!(rows(&after).await, [7], "the data survived the restart");

    // A new password: the old one is refused, the new one works.
    let (status, body) = api.call("POST", &format!("/clusters/{id}/reset-password"), Some(json!({"new_password": "Another@Pass2026"})));
    assert_eq!(status, 200, "{body}");
    assert!(connect(&c, PASSWORD).await.is_err(), "the old password still works");
    let fresh = connect(&c, "Another@Pass2026").await.expect("the new password works");
    assert_eq!(rows(&fresh).await, [7]);

    // Scaling out keeps the data and the connection.
    let (status, body) = api.call("POST", &format!("/clusters/{id}/resize"), Some(json!({"scale_out": {"count": 2}})));
    assert_eq!(status, 200, "{body}");
    let c = api.settle(&id, "AVAILABLE");
    assert_eq!(c["number_of_node"], 5);
    assert_eq!(rows(&fresh).await, [7], "the connection outlived the scale-out");
}

#[tokio::test]
async fn servers_come_back_after_a_restart_or_a_kill_and_none_is_left_running() {
    let dir = child::Scratch::private("plane-restart");
    let emu = start(&dir.join("data"));
    let api = Api::new(&emu);
    let ids: Vec<String> = (0..2).map(|i| api.create(&format!("dws-back-{i}"))).collect();
    let mut clusters = Vec::new();
    for id in &ids {
        let c = api.settle(id, "AVAILABLE");
        let client = connect(&c, PASSWORD).await.unwrap();
        client.batch_execute(&format!("CREATE TABLE facts (n int); INSERT INTO facts VALUES ({})", clusters.len())).await.unwrap();
        clusters.push(c);
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(servers_of(&refs), 2);

    // A clean stop stops the servers; the next start brings them back before it answers. A
    // folder without an owner record (as older emulators made them) is recorded as its own.
    drop(emu);
    assert_eq!(servers_of(&refs), 0, "a server outlived its emulator's stop");
    let record = server_folder(&dir.join("data"), &ids[0]).unwrap().join(dws_emulator::plane::owner::FILE);
    std::fs::remove_file(&record).unwrap();
    let emu = start(&dir.join("data"));
    assert!(record.exists(), "the folder of an older emulator is not adopted");
    for (i, c) in clusters.iter().enumerate() {
        let client = connect(c, PASSWORD).await.expect("back after a restart");
        assert_eq!(rows(&client).await, [i as i32]);
    }

    // Killed, the emulator leaves its servers running; the next start takes them over.
    emu.kill9();
    assert_eq!(servers_of(&refs), 2, "the servers run on without their emulator");
    let emu = start(&dir.join("data"));
    assert_eq!(servers_of(&refs), 2, "taken over, not started twice");
    for (i, c) in clusters.iter().enumerate() {
        let client = connect(c, PASSWORD).await.expect("answering after the emulator was killed");
        assert_eq!(rows(&client).await, [i as i32]);
    }
    drop(emu);
    assert_eq!(servers_of(&refs), 0, "no server is left running");
}

#[tokio::test]
async fn servers_whose_emulator_and_data_are_gone_are_stopped_and_removed_by_the_next_start() {
    // An emulator that lives on: no sweep touches its servers.
    let live_dir = child::Scratch::private("plane-live");
    let live = start(&live_dir.join("data"));
    let live_api = Api::new(&live);
    let kept = live_api.create("dws-kept");
    let kept = live_api.settle(&kept, "AVAILABLE");

    // Two emulators killed, then their data deleted, as a test that cleans up only its own
    // folder would: one whose servers live in PostgreSQL's home (its folder is private), and one
    // whose servers live inside its data, so that they run on in a deleted folder.
    let outside = child::Scratch::private("plane-gone-outside");
    let inside = child::Scratch::new("plane-gone-inside");
    let mut gone = Vec::new();
    for dir in [&outside, &inside] {
        let emu = start(&dir.join("data"));
        let api = Api::new(&emu);
        let id = api.create("dws-orphan");
        api.settle(&id, "AVAILABLE");
        let folder = server_folder(&dir.join("data"), &id).unwrap();
        emu.kill9();
        assert_eq!(servers_of(&[&id]), 1, "the server runs on without its emulator");
        std::fs::remove_dir_all(dir.join("data")).unwrap();
        gone.push((id, folder));
    }
    assert!(!gone[0].1.starts_with(&outside.0), "the private folder's servers live elsewhere");
    assert!(gone[1].1.starts_with(&inside.0));

    // The next emulator, on data of its own, clears both before it answers.
    let next_dir = child::Scratch::new("plane-next");
    let next = start(&next_dir.join("data"));
    assert_eq!(servers_of(&[&gone[0].0, &gone[1].0]), 0, "a server of a gone emulator runs on");
    assert!(!gone[0].1.exists(), "the server folder of a gone emulator is still there");
    assert!(!gone[0].1.parent().unwrap().exists(), "the emptied folder of a gone emulator is still there");
    let client = connect(&kept, PASSWORD).await.expect("the live emulator's server was touched");
    assert!(client.query("SELECT 1", &[]).await.is_ok());
    assert!(server_folder(&live_dir.join("data"), kept["id"].as_str().unwrap()).is_some());
    drop(next);
}

#[tokio::test]
async fn a_server_that_cannot_start_fails_its_cluster_and_the_emulator_carries_on() {
    let dir = child::Scratch::private("plane-fail");
    let emu = start(&dir.join("data"));
    let api = Api::new(&emu);
    let id = api.create("dws-blocked");
    let c = api.settle(&id, "AVAILABLE");
    let (host, port) = endpoint(&c);
    // The server dies, and something else takes its address and port before it is restarted.
    for pid in postmasters_of(&id) {
        std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let squatter = loop {
        if let Ok(l) = std::net::TcpListener::bind((host.as_str(), port)) {
            break l;
        }
        assert!(Instant::now() < deadline, "the killed server never let go of {host}:{port}");
        std::thread::sleep(Duration::from_millis(20));
    };
    let (status, _) = api.call("POST", &format!("/clusters/{id}/restart"), Some(json!({"restart": {}})));
    assert_eq!(status, 200);
    api.advance(120.0);
    let deadline = Instant::now() + Duration::from_secs(60);
    let c = loop {
        let c = api.cluster(&id);
        if c["status"] == "FAILED" {
            break c;
        }
        assert!(Instant::now() < deadline, "the cluster did not fail: {c}");
        std::thread::sleep(Duration::from_millis(100));
    };
    let reason = c["failed_reasons"]["error_msg"].as_str().unwrap();
    assert!(reason.contains("could not") || reason.contains("in use"), "the server's own reason: {reason}");
    drop(squatter);
    // The emulator carries on: another cluster is created and answers.
    let other = api.create("dws-after");
    let o = api.settle(&other, "AVAILABLE");
    assert!(connect(&o, PASSWORD).await.is_ok());
    // A failed cluster can still be deleted.
    let (status, _) = api.call("DELETE", &format!("/clusters/{id}"), Some(json!({"keep_last_manual_snapshot": 0})));
    assert_eq!(status, 202);
}

#[tokio::test]
async fn the_kept_snapshots_of_a_deleted_cluster_restore_its_data() {
    let dir = child::Scratch::private("plane-keep");
    let emu = start(&dir.join("data"));
    let api = Api::new(&emu);
    let id = api.create("dws-gone");
    let c = api.settle(&id, "AVAILABLE");
    let client = connect(&c, PASSWORD).await.unwrap();
    client.batch_execute("CREATE TABLE facts (n int); INSERT INTO facts VALUES (41), (42)").await.unwrap();
    let snap = api.snapshot(&id, "last-words");
    drop(client);
    let (status, _) = api.call("DELETE", &format!("/clusters/{id}"), Some(json!({"keep_last_manual_snapshot": 1})));
    assert_eq!(status, 202);
    api.advance(120.0);
    let deadline = Instant::now() + Duration::from_secs(30);
    while api.call("GET", &format!("/clusters/{id}"), None).0 != 404 || servers_of(&[&id]) > 0 {
        assert!(Instant::now() < deadline, "the cluster is not gone");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, body) = api.call("POST", &format!("/snapshots/{snap}/actions"), Some(json!({"restore": {"name": "dws-back"}})));
    assert_eq!(status, 200, "{body}");
    let back = body["cluster"]["id"].as_str().unwrap().to_owned();
    let b = api.settle(&back, "AVAILABLE");
    let client = connect(&b, PASSWORD).await.unwrap();
    assert_eq!(rows(&client).await, [41, 42]);
}

impl Api {
    /// A metric's raw points in the hour from `from`, as Cloud Eye answers them.
    fn metric(&self, metric: &str, dimension: &str, id: &str, from: i64) -> Vec<(i64, f64)> {
        let to = from + 3_600_000;
        let path = format!(
            "/V1.0/{PROJECT}/metric-data?namespace=SYS.DWS&metric_name={metric}&dim.0={dimension},{id}&from={from}&to={to}&period=1&filter=average"
        );
        let a = child::request(&self.addr, "GET", &path, &[("X-Auth-Token", self.token.as_str())], None).unwrap();
        assert_eq!(a.status, 200, "{}", a.body);
        let v: Value = serde_json::from_str(&a.body).unwrap();
        v["datapoints"].as_array().unwrap().iter().map(|p| (p["timestamp"].as_i64().unwrap(), p["average"].as_f64().unwrap())).collect()
    }

    /// The emulator's clock.
    fn now(&self) -> i64 {
        let a = child::request(&self.addr, "GET", "/_emulator/clock", &[], None).unwrap();
        serde_json::from_str::<Value>(&a.body).unwrap()["now_ms"].as_i64().unwrap()
    }

    /// Moves the clock a minute and waits for the sample read after it: the first point of the
    /// metric at or after the new time.
    fn next_sample(&self, metric: &str, dimension: &str, id: &str) -> f64 {
        self.advance(60.0);
        let after = self.now();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some((_, v)) = self.metric(metric, dimension, id, after).first() {
                return *v;
            }
            assert!(Instant::now() < deadline, "no {metric} sample of {id} after {after}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[tokio::test]
async fn metrics_follow_the_servers_real_load() {
    let dir = child::Scratch::private("plane-metrics");
    // At speed 60 the sampler looks every second; the manual clock decides when a minute passed.
    let emu = child::start(&dir.join("data"), &["--clock", "manual", "--data-plane", "postgres", "--speed", "60"]);
    let api = Api::new(&emu);
    let id = api.create("dws-metrics");
    let c = api.settle(&id, "AVAILABLE");

    let mut open = Vec::new();
    for _ in 0..10 {
        open.push(connect(&c, PASSWORD).await.unwrap());
    }
    let sessions = api.next_sample("dws009_session_count", "datastore_id", &id);
    assert!(sessions >= 10.0, "10 connections open, dws009 read {sessions}");

    let before = api.next_sample("dws007_db_size", "datastore_id", &id);
    // About 55 MB of rows.
    open[0]
        .batch_execute("CREATE TABLE load AS SELECT g, repeat(md5(g::text), 16) AS pad FROM generate_series(1, 100000) g")
        .await
        .unwrap();
    let after = api.next_sample("dws007_db_size", "datastore_id", &id);
    assert!(after - before >= 45.0, "50 MB loaded, dws007 went from {before} MB to {after} MB");

    // The node's figures come from the server's processes and folder.
    let node = format!("{id}-node-1");
    let disk = api.next_sample("dws017_disk_used_size", "dws_instance_id", &node);
    assert!(disk > 0.05, "the folder holds the loaded rows: {disk} GB");
    let cpu = api.next_sample("dws010_cpu_usage", "dws_instance_id", &node);
    assert!((0.0..=100.0).contains(&cpu), "{cpu}");
    let memory = api.next_sample("dws011_mem_usage", "dws_instance_id", &node);
    assert!(memory > 0.0 && memory <= 100.0, "{memory}");
    let hit = api.next_sample("dws001_shared_buffer_hit_ratio", "datastore_id", &id);
    assert!((0.0..=100.0).contains(&hit), "{hit}");
    drop(open);
}

#[tokio::test]
async fn stopping_stops_the_server_and_starting_brings_it_back_with_its_data() {
    let dir = child::Scratch::private("plane-stop");
    let emu = start(&dir.join("data"));
    let api = Api::new(&emu);
    let id = api.create("dws-stop");
    let c = api.settle(&id, "AVAILABLE");
    let open = connect(&c, PASSWORD).await.unwrap();
    open.batch_execute("CREATE TABLE facts (n int); INSERT INTO facts VALUES (1), (2)").await.unwrap();
    let (status, body) = api.call_at("POST", &format!("/v1/{PROJECT}/clusters/{id}/stop"), None);
    assert_eq!(status, 200, "{body}");
    let stopped = api.settle(&id, "STOPPED");
    assert_eq!(endpoint(&stopped), endpoint(&c), "a stopped cluster keeps its address");
    assert!(open.query("SELECT 1", &[]).await.is_err(), "the open connection survived the stop");
    let (host, port) = endpoint(&c);
    assert!(tokio::net::TcpStream::connect((host.as_str(), port)).await.is_err(), "a stopped cluster's server still answers");
    assert_eq!(postmasters_of(&id).len(), 0, "its server still runs");
    let (status, body) = api.call_at("POST", &format!("/v1/{PROJECT}/clusters/{id}/start"), None);
    assert_eq!(status, 200, "{body}");
    let c = api.settle(&id, "AVAILABLE");
    assert_eq!(endpoint(&c), (host, port), "it comes back where it was");
    let back = connect(&c, PASSWORD).await.expect("the administrator connects again");
    assert_eq!(rows(&back).await, [1, 2], "with its data");
}

#[tokio::test]
async fn automated_snapshots_are_dumps_on_schedule_and_a_copy_restores_their_rows() {
    let dir = child::Scratch::private("plane-auto");
    let emu = start(&dir.join("data"));
    let api = Api::new(&emu);
    let id = api.create("dws-auto");
    let c = api.settle(&id, "AVAILABLE");
    let client = connect(&c, PASSWORD).await.unwrap();
    client.batch_execute("CREATE TABLE facts (n int); INSERT INTO facts VALUES (10), (20), (30)").await.unwrap();
    // One policy every four hours from now on, the defaults away.
    let (_, p) = api.call_at("GET", &format!("/v2/{PROJECT}/clusters/{id}/snapshot-policies"), None);
    for s in p["backup_strategies"].as_array().unwrap() {
        let pid = s["policy_id"].as_str().unwrap();
        let (status, _) = api.call_at("DELETE", &format!("/v1.0/{PROJECT}/clusters/{id}/snapshot-policies/{pid}"), None);
        assert_eq!(status, 200);
    }
    let (status, body) = api.call_at(
        "PUT",
        &format!("/v2/{PROJECT}/clusters/{id}/snapshot-policies"),
        Some(json!({"backup_strategies": [{"policy_name": "every-four", "backup_type": "full", "backup_strategy": "0 0 */4 * * ?"}]})),
    );
    assert_eq!(status, 200, "{body}");
    // Four hours on: one is due; its dump is taken by the cluster's server.
    api.advance(4.0 * 3600.0);
    let scheduled = |api: &Api| -> Vec<Value> {
        let (_, all) = api.call("GET", "/snapshots", None);
        all["snapshots"].as_array().unwrap().iter().filter(|s| s["description"].as_str().unwrap_or_default().contains("every-four")).cloned().collect()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let auto = loop {
        if let Some(s) = scheduled(&api).into_iter().find(|s| s["status"] == "AVAILABLE") {
            break s;
        }
        assert!(Instant::now() < deadline, "no automated snapshot was taken: {:?}", scheduled(&api));
        api.advance(10.0);
        std::thread::sleep(Duration::from_millis(100));
    };
    let auto_id = auto["id"].as_str().unwrap().to_owned();
    assert_eq!(auto["type"], "AUTOMATED");
    assert!(dir.join("data/dumps").join(format!("{auto_id}.dump")).exists(), "an automated snapshot is a dump");
    client.batch_execute("INSERT INTO facts VALUES (40)").await.unwrap();
    // Its copy is a manual snapshot with the same rows.
    let (status, body) = api.call("POST", &format!("/snapshots/{auto_id}/linked-copy"), Some(json!({"backup_name": "kept-forever"})));
    assert_eq!(status, 200, "{body}");
    let copy = body["snapshot_id"].as_str().unwrap().to_owned();
    api.advance(60.0);
    let s = api.snapshot_status(&copy, "AVAILABLE");
    assert_eq!(s["type"], "MANUAL");
    let (status, body) = api.call("POST", &format!("/snapshots/{copy}/actions"), Some(json!({"restore": {"name": "dws-from-copy"}})));
    assert_eq!(status, 200, "{body}");
    let restored = body["cluster"]["id"].as_str().unwrap().to_owned();
    let r = api.settle(&restored, "AVAILABLE");
    let from_copy = connect(&r, PASSWORD).await.unwrap();
    assert_eq!(rows(&from_copy).await, [10, 20, 30], "exactly the rows of the automated snapshot");
    drop((client, from_copy));
    drop(emu);
    assert_eq!(servers_of(&[&id, &restored]), 0, "servers outlived the emulator");
}
