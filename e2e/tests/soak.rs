//! The console's memory over a long watch: the snapshots page of a project with 200 clusters and
//! 1,000 snapshots, left polling while clusters restart and snapshots come and go, ends with its
//! JS heap (after garbage collection), and its wasm memory, within 10% of where they started.
//!
//! `DWS_SOAK_SECONDS` sets how long it watches: 600 by default, which is what `cargo xtask bench
//! soak` runs; `cargo xtask test` runs it for 90 s, long enough to fail on growth.

use std::time::{Duration, Instant};

mod common;

use axum::body::Body;
use common::{sign_in, stack_records_only};
use dws_e2e::{Browser, TIMEOUT};
use fantoccini::Locator;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

const CLUSTERS: usize = 200;
/// Taken by hand per cluster; the service adds an automated one when a cluster is created, so
/// each cluster has five and the project 1,000.
const MANUAL_SNAPSHOTS: usize = 4;
const SNAPSHOTS: usize = CLUSTERS * (MANUAL_SNAPSHOTS + 1);
/// The project changes, and the heap is read, once a round.
const ROUND: Duration = Duration::from_secs(30);
/// Clusters restarted each round.
const RESTARTS: usize = 5;
const GROWTH_ALLOWED: f64 = 1.10;

/// The project's API through the proxy with the page's token, called from the test rather than
/// from the page, so the test's own work never sits in the heap being measured.
#[derive(Clone)]
struct Api {
    http: Client<HttpConnector, Body>,
    /// `http://proxy/v1.0/{project_id}`.
    base: String,
    token: String,
}

impl Api {
    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let req = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("X-Auth-Token", &self.token)
            .header("Content-Type", "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .unwrap();
        let resp = self.http.request(req).await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = resp.status().as_u16();
        let bytes = axum::body::to_bytes(Body::new(resp.into_body()), usize::MAX).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn list(&self, what: &str) -> Vec<Value> {
        let (status, body) = self.call("GET", &format!("/{what}"), None).await;
        assert_eq!(status, 200, "list {what}: {body}");
        body[what].as_array().unwrap_or_else(|| panic!("list {what}: {body}")).clone()
    }

    /// Calls `each` once per item, all at once, and returns what each answered.
    async fn all<T: Send + 'static>(
        &self,
        items: Vec<T>,
        each: impl Fn(Api, T) -> std::pin::Pin<Box<dyn Future<Output = (u16, Value)> + Send>>,
    ) -> Vec<(u16, Value)> {
        let mut set = tokio::task::JoinSet::new();
        for (i, item) in items.into_iter().enumerate() {
            let f = each(self.clone(), item);
            set.spawn(async move { (i, f.await) });
        }
        let mut out: Vec<(usize, (u16, Value))> = set.join_all().await;
        out.sort_by_key(|(i, _)| *i);
        out.into_iter().map(|(_, r)| r).collect()
    }

    /// Waits until the clusters `ids` have no task under way and the snapshot `snapshot` (if
    /// any) has been taken: the state the next round's work needs.
    async fn ready(&self, ids: &[&String], snapshot: Option<&str>) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let clusters = self.list("clusters").await;
            let idle = ids.iter().all(|id| {
                clusters.iter().any(|c| {
                    c["id"] == id.as_str()
                        && c["status"] == "AVAILABLE"
                        && c["action_progress"].is_null()
                        && c["task_status"].is_null()
                })
            });
            let taken = match snapshot {
                Some(id) => self.call("GET", &format!("/snapshots/{id}"), None).await.1["snapshot"]["status"] == "AVAILABLE",
                None => true,
            };
            if idle && taken {
                return;
            }
            assert!(Instant::now() < deadline, "clusters {ids:?} or snapshot {snapshot:?} did not settle");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    /// Waits until every cluster and snapshot is settled and there are `clusters` and
    /// `snapshots` of them.
    async fn settled(&self, clusters: usize, snapshots: usize) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let c = self.list("clusters").await;
            let s = self.list("snapshots").await;
            let idle = c
                .iter()
                .all(|c| c["status"] == "AVAILABLE" && c["action_progress"].is_null() && c["task_status"].is_null());
            if c.len() == clusters && s.len() == snapshots && idle && s.iter().all(|s| s["status"] == "AVAILABLE") {
                return;
            }
            assert!(Instant::now() < deadline, "the project did not settle: {} clusters, {} snapshots", c.len(), s.len());
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
}

fn cluster_request(name: String) -> Value {
    json!({"cluster": {
        "node_type": "dws.d2.xlarge", "number_of_node": 3, "name": name, "user_name": "dbadmin", "user_pwd": "Dws2017demo!",
        "vpc_id": "219ab8a0-1272-4049-a383-8ad0b770fa11", "subnet_id": "d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec",
        "security_group_id": "12e3c23a-8710-4b75-95e4-5c8d7f68ef3c", "public_ip": {"public_bind_type": "not_use"}
    }})
}

fn snapshot_request(name: &str, cluster_id: &str) -> Value {
    json!({"snapshot": {"name": name, "cluster_id": cluster_id, "description": "soak"}})
}

/// 200 clusters, then four manual snapshots of each. A cluster takes one snapshot at a time and
/// refuses another with a 409 while it works, so refused ones are asked again.
async fn seed(api: &Api) {
    let names: Vec<String> = (0..CLUSTERS).map(|i| format!("soak-{i:03}")).collect();
    let created = api
        .all(names, |api, name| Box::pin(async move { api.call("POST", "/clusters", Some(cluster_request(name))).await }))
        .await;
    assert!(created.iter().all(|(s, _)| *s == 200), "creating clusters: {created:?}");
    api.settled(CLUSTERS, CLUSTERS).await;
    let clusters: Vec<(String, String)> = api
        .list("clusters")
        .await
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_owned(), c["id"].as_str().unwrap().to_owned()))
        .collect();
    for round in 0..MANUAL_SNAPSHOTS {
        let mut pending = clusters.clone();
        let deadline = Instant::now() + Duration::from_secs(60);
        while !pending.is_empty() {
            let answers = api
                .all(pending.clone(), move |api, (name, id)| {
                    Box::pin(async move {
                        let req = snapshot_request(&format!("{name}-{round}"), &id);
                        api.call("POST", "/snapshots", Some(req)).await
                    })
                })
                .await;
            let mut again = Vec::new();
            for (c, (status, body)) in pending.into_iter().zip(answers) {
                match status {
                    200 => {}
                    409 => again.push(c),
                    _ => panic!("snapshot of {}: {status} {body}", c.0),
                }
            }
            pending = again;
            assert!(Instant::now() < deadline, "{} clusters kept refusing a snapshot", pending.len());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    api.settled(CLUSTERS, SNAPSHOTS).await;
}

/// Restarts a few clusters and replaces last round's snapshot with a new one, so the lists the
/// page polls really change (and the cadence turns fast) every round.
async fn churn(api: &Api, clusters: &[String], round: usize, last: Option<String>) -> String {
    let restart: Vec<String> = (0..RESTARTS).map(|k| clusters[(round * RESTARTS + k) % clusters.len()].clone()).collect();
    // Half the project away from the restarted ones, so the cluster is free.
    let target = &clusters[(round * RESTARTS + clusters.len() / 2) % clusters.len()];
    let mut busy: Vec<&String> = restart.iter().collect();
    busy.push(target);
    api.ready(&busy, last.as_deref()).await;
    let restarted = api
        .all(restart, |api, id| {
            let path = format!("/clusters/{id}/restart");
            Box::pin(async move { api.call("POST", &path, Some(json!({"restart": {}}))).await })
        })
        .await;
    assert!(restarted.iter().all(|(s, _)| *s == 200), "restarts: {restarted:?}");
    if let Some(id) = last {
        let (status, body) = api.call("DELETE", &format!("/snapshots/{id}"), None).await;
        assert_eq!(status, 202, "deleting snapshot {id}: {body}");
    }
    let (status, body) = api.call("POST", "/snapshots", Some(snapshot_request(&format!("churn-{round}"), target))).await;
    assert_eq!(status, 200, "taking a snapshot: {body}");
    body["snapshot"]["id"].as_str().unwrap().to_owned()
}

/// Counts the page's own list requests as they finish (the page's resource-timing buffer is
/// cleared at every reading, so it neither fills nor grows).
const COUNT_POLLS: &str = r#"
window.__soakPolls = {snapshots: 0, clusters: 0};
new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
        if (e.initiatorType !== 'fetch') continue;
        const path = new URL(e.name).pathname;
        if (path.endsWith('/snapshots')) window.__soakPolls.snapshots++;
        else if (path.endsWith('/clusters')) window.__soakPolls.clusters++;
    }
}).observe({type: 'resource'});
"#;

/// The page's memory after garbage collection. The lowest of a few readings: a poll under way
/// holds its answer until it is merged, which is not what stays.
const READ_MEMORY: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
    performance.clearResourceTimings();
    let heap = Infinity;
    for (let i = 0; i < 5; i++) {
        gc();
        gc();
        heap = Math.min(heap, performance.memory.usedJSHeapSize);
        await new Promise(r => setTimeout(r, 200));
    }
    const wasm = (await window.wasmBindings.default()).memory.buffer.byteLength;
    return {heap, wasm, elements: document.getElementsByTagName('*').length,
        rows: Number((document.querySelector('[data-testid=page-range]')?.textContent ?? '/ 0').split('/')[1].replace(/\D/g, '')),
        polls: window.__soakPolls};
})().then(done, e => done('error ' + e));
"#;

#[derive(Debug, Clone)]
struct Sample {
    at: Duration,
    heap: f64,
    wasm: f64,
    elements: u64,
    rows: u64,
    snapshot_polls: u64,
    cluster_polls: u64,
}

/// Reads the page's memory; `at` is when the reading was done, from `since`.
async fn read_memory(b: &Browser, since: Instant) -> Sample {
    let v = b.client.execute_async(READ_MEMORY, vec![]).await.unwrap_or_else(|e| panic!("reading memory: {e}"));
    let n = |x: &Value| x.as_f64().unwrap_or_else(|| panic!("reading memory: {v}"));
    Sample {
        at: since.elapsed(),
        heap: n(&v["heap"]),
        wasm: n(&v["wasm"]),
        elements: n(&v["elements"]) as u64,
        rows: n(&v["rows"]) as u64,
        snapshot_polls: n(&v["polls"]["snapshots"]) as u64,
        cluster_polls: n(&v["polls"]["clusters"]) as u64,
    }
}

fn mb(bytes: f64) -> String {
    format!("{:.2} MB", bytes / 1e6)
}

fn table(samples: &[Sample]) -> String {
    samples
        .iter()
        .map(|s| {
            format!(
                "  {:>4} s  heap {}  wasm {}  {} elements  {} snapshots listed  polls: {} snapshot lists, {} cluster lists",
                s.at.as_secs(),
                mb(s.heap),
                mb(s.wasm),
                s.elements,
                s.rows,
                s.snapshot_polls,
                s.cluster_polls
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Waits until the page's pager counts `n` snapshots.
async fn wait_rows(b: &Browser, n: usize) {
    let deadline = Instant::now() + TIMEOUT;
    let mut last = String::new();
    let wanted = format!("/ {}", format_count(n));
    while Instant::now() < deadline {
        if let Ok(el) = b.client.find(Locator::Css("[data-testid=page-range]")).await {
            last = el.text().await.unwrap_or_default();
            if last.ends_with(&wanted) {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("expected {n} snapshots in the pager, last saw {last:?}");
}

/// `1,000`, as the pager writes it.
fn format_count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn the_snapshots_page_keeps_its_memory_while_it_polls() {
    let began = Instant::now();
    let soak = std::env::var("DWS_SOAK_SECONDS")
        .map(|s| s.parse().expect("DWS_SOAK_SECONDS is a number of seconds"))
        .map_or(Duration::from_secs(600), Duration::from_secs);
    let rounds = soak.div_duration_f64(ROUND).ceil().max(1.0) as usize;
    // Polling as often as a deployment could ask for it: ten minutes are hundreds of polls. The
    // emulator at ten times its speed seeds in seconds.
    let (_emu, px) = stack_records_only(500, 1000);
    // V8 drops the bytecode of functions unused for a while (sign-in's, seeding's), a megabyte
    // here, which would hide that much growth: kept, the heap holds only what the page keeps.
    let b =
        Browser::start_with_args(&["--js-flags=--expose-gc --no-flush-bytecode", "--enable-precise-memory-info"]).await;

    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    b.find("[data-testid=clusters-empty]").await;
    let session =
        b.client.execute("return JSON.parse(sessionStorage.getItem('dws-console.session'))", vec![]).await.unwrap();
    let api = Api {
        // The proxy closes a connection left idle for its header-read timeout (10 s); dropping
        // idle connections sooner keeps a request from racing that close on a reused one.
        http: Client::builder(hyper_util::rt::TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(5))
            .build_http(),
        base: px.url(&format!("/v1.0/{}", session["project_id"].as_str().expect("a project id in the session"))),
        token: session["token"].as_str().expect("a token in the session").to_owned(),
    };

    seed(&api).await;
    let clusters: Vec<String> = api.list("clusters").await.iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
    let seeded = began.elapsed();
    println!("Seeded {CLUSTERS} clusters and {SNAPSHOTS} snapshots in {:.1} s", seeded.as_secs_f64());

    b.find("[data-testid=main-nav] a[href='/snapshots']").await.click().await.unwrap();
    b.find("[data-testid=snapshots-page]").await;
    wait_rows(&b, SNAPSHOTS).await;
    // The largest page, so every poll has the most rows to keep up to date.
    b.find("#snapshot-page-size option[value='100']").await.click().await.unwrap();
    b.client.execute(COUNT_POLLS, vec![]).await.unwrap();

    // One round before the baseline, so it is taken with every path of the page already run
    // (restarting rows, a snapshot being taken and one going) and code compiled.
    let mut last = Some(churn(&api, &clusters, 0, None).await);
    tokio::time::sleep(ROUND).await;
    let watch = Instant::now();
    let start = read_memory(&b, watch).await;
    let mut samples = vec![start.clone()];
    println!("Watching for {} s, a reading every {} s:", rounds as u64 * ROUND.as_secs(), ROUND.as_secs());
    println!("{}", table(&samples));
    for round in 1..=rounds {
        last = Some(churn(&api, &clusters, round, last).await);
        // On a fixed schedule: a reading takes seconds while the page is busy.
        tokio::time::sleep_until((watch + ROUND * round as u32).into()).await;
        let s = read_memory(&b, watch).await;
        println!("{}", table(std::slice::from_ref(&s)));
        samples.push(s);
    }
    let end = samples.last().unwrap().clone();

    let watched = (end.at - start.at).as_secs();
    let snapshot_polls = end.snapshot_polls - start.snapshot_polls;
    let cluster_polls = end.cluster_polls - start.cluster_polls;
    let ratio = end.heap / start.heap;
    println!(
        "\nJS heap after GC: start {}, end {}, end/start {ratio:.3} (allowed {GROWTH_ALLOWED}); wasm memory {} → {}",
        mb(start.heap),
        mb(end.heap),
        mb(start.wasm),
        mb(end.wasm)
    );
    println!("Polls in {watched} s: {snapshot_polls} snapshot lists, {cluster_polls} cluster lists");
    println!("Whole test: {:.1} s (seeding {:.1} s)", began.elapsed().as_secs_f64(), seeded.as_secs_f64());

    // The page kept working: it polled all along (a settled page asks every second, plus the time
    // a 1,000-row answer takes to render, slower on a loaded machine: one in four seconds at
    // least), shows the project's snapshots and no error.
    let at_least = watched / 4;
    assert!(
        snapshot_polls >= at_least && cluster_polls >= at_least,
        "the page polled too little in {watched} s: {snapshot_polls} snapshot lists, {cluster_polls} cluster lists"
    );
    wait_rows(&b, api.list("snapshots").await.len()).await;
    let errors = b.client.find_all(Locator::Css("[data-testid=live-error]")).await.unwrap();
    assert!(errors.is_empty(), "the page shows an error: {}", errors[0].text().await.unwrap_or_default());
    let panics: Vec<String> = b.console_messages().await.into_iter().filter(|m| m.contains("panicked")).collect();
    assert!(panics.is_empty(), "the console panicked: {panics:?}");

    assert!(
        end.heap <= start.heap * GROWTH_ALLOWED,
        "the JS heap grew from {} to {} ({ratio:.3}× the start, more than {GROWTH_ALLOWED}×) in {watched} s:\n{}",
        mb(start.heap),
        mb(end.heap),
        table(&samples)
    );
    // The Rust side's memory (the wasm linear memory, which only ever grows) must hold too: the
    // JS heap does not see it, and a leak in the app would show here first.
    assert!(
        end.wasm <= start.wasm * GROWTH_ALLOWED,
        "the wasm memory grew from {} to {} in {watched} s:\n{}",
        mb(start.wasm),
        mb(end.wasm),
        table(&samples)
    );
    b.close().await;
}
