//! `cargo xtask bench console`: the console's speed in headless Chromium, through the proxy,
//! against the emulator. Measures, from the browser's own clocks:
//! - navigation start → the sign-in form usable (the console's `dws:sign-in-ready` mark);
//! - a 1,000-cluster list: answer received → first row in the DOM (parse, merge, sort, render);
//! - a poll where 10 visible rows changed: answer received → the last DOM change it caused;
//! - the size of the wasm, js and css the browser downloads, raw and brotli, beside the same
//!   figure for the floor app (`DWS_FLOOR_DIST`, when set): the console's framework and
//!   libraries with none of its features.
//!
//! Needs `DWS_CONSOLE_DIST`, `DWS_EMULATOR_BIN`, `DWS_PROXY_BIN` (the xtask sets them).

use std::time::Duration;

use dws_e2e::{Browser, Service, console_dist, temp_path};
use fantoccini::Locator;
use serde_json::{Value, json};

const CLUSTERS: usize = 1000;
const ROUNDS: usize = 10;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::MIN, f64::max)
}

async fn js(b: &Browser, script: &str, args: Vec<Value>) -> Value {
    b.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

async fn js_async(b: &Browser, script: &str, args: Vec<Value>) -> Value {
    b.client.execute_async(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Installs a recorder of row mutations (timestamps on the page's clock).
const OBSERVE: &str = r#"
window.__bench = {firstRow: null, mutations: []};
const obs = new MutationObserver(() => {
    const t = performance.now();
    window.__bench.mutations.push(t);
    if (window.__bench.firstRow === null && document.querySelector('[data-testid=cluster-row]')) {
        window.__bench.firstRow = t;
    }
});
// Only the table's body when it is there: the rest of the page has its own clock ticking.
const target = document.querySelector('[data-testid=clusters-table] tbody') || document.body;
obs.observe(target, {subtree: true, childList: true, characterData: true, attributes: true});
window.__benchObserver = obs;
"#;

/// GET list responses of the cluster list: [startTime, responseEnd].
const LIST_TIMINGS: &str = r#"
return performance.getEntriesByType('resource')
    .filter(e => e.name.endsWith('/clusters') && e.initiatorType === 'fetch')
    .map(e => [e.startTime, e.responseEnd]);
"#;

fn sizes(dist: &std::path::Path) -> (usize, usize, Vec<String>) {
    let mut raw = 0;
    let mut br = 0;
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dist).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".wasm") || name.ends_with(".js") || name.ends_with(".css")) {
            continue;
        }
        let data = std::fs::read(&p).unwrap();
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        brotli::BrotliCompress(&mut &data[..], &mut out, &params).unwrap();
        lines.push(format!("  {name}: {:.1} KB raw, {:.1} KB brotli", data.len() as f64 / 1000.0, out.len() as f64 / 1000.0));
        raw += data.len();
        br += out.len();
    }
    (raw, br, lines)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dist = console_dist();
    let data = temp_path("bench-console");
    // Speed 4: a create takes 5 s (quick seeding) and a restart 2 s, longer than the slow poll
    // interval below, so every restart is seen by at least one poll.
    // A thousand clusters: records only, no server behind each.
    let emu = Service::start(
        "DWS_EMULATOR_BIN",
        &["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--speed", "4", "--data-plane", "none"],
    );
    let upstream = format!("http://{}", emu.addr);
    let config = temp_path("bench-console.toml");
    std::fs::write(&config, "[polling]\nfast_ms = 500\nslow_ms = 1000\n").unwrap();
    let px = Service::start(
        "DWS_PROXY_BIN",
        &[
            "--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams",
            "--serve", dist.to_str().unwrap(), "--config", config.to_str().unwrap(), "--rate-limit-per-second", "0",
        ],
    );
    let b = Browser::start().await;

    // 1. Navigation → usable sign-in form (after one warm-up load, as a returning user has).
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    b.find("[data-testid=sign-in-submit]").await;
    let mut ready = Vec::new();
    for _ in 0..ROUNDS {
        b.client.goto(&px.url("/sign-in")).await.unwrap();
        b.find("[data-testid=sign-in-submit]").await;
        let mut t = Value::Null;
        for _ in 0..100 {
            t = js(&b, "const m = performance.getEntriesByName('dws:sign-in-ready'); return m.length ? m[0].startTime : null;", vec![]).await;
            if !t.is_null() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        ready.push(t.as_f64().expect("the console set its sign-in mark"));
    }

    // Sign in and seed the project.
    for (id, v) in [("#account", "demo"), ("#user", "admin"), ("#password", "Admin@12345"), ("#project", "ae-ad-1")] {
        b.find(id).await.send_keys(v).await.unwrap();
    }
    b.find("[data-testid=sign-in-submit]").await.click().await.unwrap();
    b.wait_path("/clusters").await;
    b.find("[data-testid=clusters-empty]").await;
    println!("Seeding {CLUSTERS} clusters through the proxy…");
    let seeded = js_async(
        &b,
        r#"const [n, done] = [arguments[0], arguments[arguments.length - 1]];
        const s = JSON.parse(sessionStorage.getItem('dws-console.session'));
        const h = {'X-Auth-Token': s.token, 'Content-Type': 'application/json'};
        const url = '/v1.0/' + s.project_id + '/clusters';
        (async () => {
            for (let i = 0; i < n; i += 50) {
                await Promise.all([...Array(Math.min(50, n - i)).keys()].map(k => fetch(url, {method: 'POST', headers: h, body: JSON.stringify({cluster: {
                    node_type: 'dws.d2.xlarge', number_of_node: 3, name: 'bench-' + String(i + k).padStart(4, '0'), user_name: 'dbadmin',
                    user_pwd: 'Dws2017demo!', vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11', subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec',
                    security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c', public_ip: {public_bind_type: 'not_use'}}})}).then(r => r.status)));
            }
            for (;;) {
                const l = await (await fetch(url, {headers: h})).json();
                if (l.clusters.length === n && l.clusters.every(c => c.status === 'AVAILABLE' && !c.action_progress)) return l.clusters.length;
                await new Promise(r => setTimeout(r, 500));
            }
        })().then(done, e => done('error ' + e));"#,
        vec![json!(CLUSTERS)],
    )
    .await;
    assert_eq!(seeded, json!(CLUSTERS), "seeding");

    // 2. First render of the 1,000-cluster table, entering the page from another one.
    let mut first = Vec::new();
    for _ in 0..ROUNDS {
        b.find("[data-testid=main-nav] a[href='/node-types']").await.click().await.unwrap();
        b.find("[data-testid=node-types-page]").await;
        js(&b, "performance.clearResourceTimings();", vec![]).await;
        js(&b, OBSERVE, vec![]).await;
        b.find("[data-testid=main-nav] a[href='/clusters']").await.click().await.unwrap();
        b.find("[data-testid=cluster-row]").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let first_row = js(&b, "return window.__bench.firstRow", vec![]).await.as_f64().unwrap();
        let timings = js(&b, LIST_TIMINGS, vec![]).await;
        let answered = timings[0][1].as_f64().expect("the list request was timed");
        first.push(first_row - answered);
        js(&b, "window.__benchObserver.disconnect()", vec![]).await;
    }
    let shown = b.client.find_all(Locator::Css("[data-testid=cluster-row]")).await.unwrap().len();

    // 3. Polls where 10 visible rows changed (a restart of 10 clusters on the page).
    let mut repaint = Vec::new();
    for round in 0..ROUNDS {
        // Wait for a quiet table (the last round's restarts over and polled), then record.
        tokio::time::sleep(Duration::from_millis(3000)).await;
        js(&b, "performance.clearResourceTimings();", vec![]).await;
        js(&b, OBSERVE, vec![]).await;
        let t0 = js_async(
            &b,
            r#"const [offset, done] = [arguments[0], arguments[arguments.length - 1]];
            const names = [...document.querySelectorAll('[data-testid=cluster-row]')].map(r => r.dataset.name).slice(offset, offset + 10);
            const s = JSON.parse(sessionStorage.getItem('dws-console.session'));
            const h = {'X-Auth-Token': s.token, 'Content-Type': 'application/json'};
            const base = '/v1.0/' + s.project_id + '/clusters';
            (async () => {
                const l = await (await fetch(base, {headers: h})).json();
                const ids = l.clusters.filter(c => names.includes(c.name)).map(c => c.id);
                const t = performance.now();
                await Promise.all(ids.map(id => fetch(base + '/' + id + '/restart', {method: 'POST', headers: h, body: '{"restart":{}}'})));
                return [t, ids.length];
            })().then(done, e => done('error ' + e));"#,
            vec![json!((round % 2) * 10)],
        )
        .await;
        assert_eq!(t0[1], json!(10), "restarted 10 clusters");
        let t0 = t0[0].as_f64().unwrap();
        tokio::time::sleep(Duration::from_millis(1200)).await;
        let mutations: Vec<f64> = js(&b, "return window.__bench.mutations", vec![]).await
            .as_array().unwrap().iter().filter_map(Value::as_f64).filter(|t| *t > t0).collect();
        let timings = js(&b, LIST_TIMINGS, vec![]).await;
        // The first poll answered after the restarts began that changed the DOM.
        let first_change = *mutations.first().expect("the table changed after the restarts");
        let answered = timings
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t[1].as_f64())
            .filter(|end| *end > t0 && *end <= first_change)
            .fold(f64::MIN, f64::max);
        assert!(
            answered > t0,
            "no poll answered between the restarts ({t0:.1}) and the first change ({first_change:.1}); polls {timings}, changes {mutations:?}"
        );
        // Everything that poll changed: mutations until the next quiet 50 ms.
        let mut last = first_change;
        for t in &mutations {
            if *t - last > 50.0 {
                break;
            }
            last = last.max(*t);
        }
        repaint.push(last - answered);
        js(&b, "window.__benchObserver.disconnect()", vec![]).await;
    }
    b.close().await;

    let (raw, br, lines) = sizes(&dist);
    println!("\nResults (headless Chromium, {ROUNDS} rounds each; median, max):");
    println!("  navigation → sign-in form usable: {:.1} ms, {:.1} ms (target ≤ 150 ms)", median(ready.clone()), max(&ready));
    println!(
        "  first render, {CLUSTERS} clusters ({shown} rows on the first page): {:.1} ms, {:.1} ms (target ≤ 100 ms)",
        median(first.clone()),
        max(&first)
    );
    println!("  re-render, poll with 10 rows changed: {:.1} ms, {:.1} ms (target ≤ 16 ms)", median(repaint.clone()), max(&repaint));
    println!("  wasm + js + css: {:.1} KB raw, {:.1} KB brotli (target ≤ 200 KB brotli)", raw as f64 / 1000.0, br as f64 / 1000.0);
    for l in lines {
        println!("{l}");
    }
    if let Some(floor) = std::env::var_os("DWS_FLOOR_DIST") {
        let (floor_raw, floor_br, floor_lines) = sizes(std::path::Path::new(&floor));
        println!(
            "  the stack's floor (Leptos, router, gloo-net, serde; no console feature): {:.1} KB raw, {:.1} KB brotli",
            floor_raw as f64 / 1000.0,
            floor_br as f64 / 1000.0
        );
        for l in floor_lines {
            println!("{l}");
        }
        println!(
            "  the console's own features: {:.1} KB brotli",
            br.saturating_sub(floor_br) as f64 / 1000.0
        );
    }
    drop(px);
    drop(emu);
}
