//! The events page in a real browser, through the proxy, against the emulator on a manual clock:
//! two clusters are created, one is snapshotted and the other restarted (as a script would, from
//! the signed-in page), and the page lists what happened newest first, in the service's order;
//! filters by cluster (also from the address), severity and source type; links to what still
//! exists; exports what it shows; reads in Chinese; and a read-only user reads it too. A
//! cluster's page shows its newest events and links to the rest.

mod common;

use common::*;
use dws_e2e::Browser;
use serde_json::{Value, json};

/// Replaces `URL.createObjectURL` so the test can read what an export hands to the browser.
const CAPTURE_EXPORTS: &str = r#"
window.__exports = [];
const create = URL.createObjectURL.bind(URL);
URL.createObjectURL = blob => { window.__exports.push(blob); return create(blob); };"#;

async fn last_export(b: &Browser) -> String {
    let v = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; window.__exports[window.__exports.length - 1].text().then(done);",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap().to_owned()
}

async fn js(b: &Browser, script: &str) -> Value {
    b.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Calls the API through the proxy from the signed-in page, as a script would: `path` after the
/// project (`/clusters`), on `/v1.0` or `/v2`. Returns the status and the body.
async fn api(b: &Browser, method: &str, version: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let out = b
        .client
        .execute_async(
            r#"const [method, version, path, body, done] = arguments;
            const s = JSON.parse(sessionStorage.getItem('dws-console.session'));
            const h = {'X-Auth-Token': s.token, 'Content-Type': 'application/json'};
            fetch('/' + version + '/' + s.project_id + path, {method, headers: h, body: body === null ? undefined : JSON.stringify(body)})
                .then(async r => done([r.status, await r.text()]), e => done([0, String(e)]));"#,
            vec![json!(method), json!(version), json!(path), body.unwrap_or(Value::Null)],
        )
        .await
        .unwrap();
    let text = out[1].as_str().unwrap_or_default();
    (out[0].as_u64().unwrap() as u16, serde_json::from_str(text).unwrap_or(Value::Null))
}

/// The rows the events table shows, as `name resource` (and the user, when there is one).
async fn shown(b: &Browser) -> Vec<String> {
    let v = js(
        b,
        "return [...document.querySelectorAll('[data-testid=event-row]')].map(r => [r.dataset.name, \
         r.querySelector('td:nth-child(5)').textContent.trim(), r.querySelector('[data-testid=event-user]').textContent.trim()]\
         .filter(Boolean).join(' '))",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Waits until the table shows exactly `n` rows.
async fn wait_rows(b: &Browser, n: usize) {
    wait_true(b, &format!("return document.querySelectorAll('[data-testid=event-row]').length === {n}"), &format!("{n} event rows")).await;
}

/// A cluster's id, from its row's link on the clusters page.
async fn cluster_id(b: &Browser, name: &str) -> String {
    let v = js(b, &format!("return document.querySelector('[data-testid=cluster-row][data-name={name}] th a').getAttribute('href').split('/').pop()")).await;
    v.as_str().unwrap().to_owned()
}

fn position(list: &[String], wanted: &str) -> usize {
    list.iter().position(|l| l.starts_with(wanted)).unwrap_or_else(|| panic!("{wanted} in {list:#?}"))
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn the_events_page_lists_what_happened_newest_first_and_filters_it() {
    let (emu, px) = stack_manual();
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;

    // Two clusters, created as a script would; they become available when the clock moves.
    create_clusters(&b, &["ev-alpha", "ev-beta"]).await;
    let (alpha_row, beta_row) = ("[data-testid=cluster-row][data-name=ev-alpha]", "[data-testid=cluster-row][data-name=ev-beta]");
    wait_task(&b, alpha_row, "Creating").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, alpha_row, "AVAILABLE").await;
    wait_settled(&b, beta_row, "AVAILABLE").await;
    let (alpha, beta) = (cluster_id(&b, "ev-alpha").await, cluster_id(&b, "ev-beta").await);

    // A manual snapshot of one, a restart of the other.
    let (status, answer) =
        api(&b, "POST", "v1.0", "/snapshots", Some(json!({"snapshot": {"name": "ev-snap", "cluster_id": alpha}}))).await;
    assert_eq!(status, 200, "{answer}");
    let (status, answer) = api(&b, "POST", "v1.0", &format!("/clusters/{beta}/restart"), Some(json!({"restart": {}}))).await;
    assert_eq!(status, 200, "{answer}");
    wait_task(&b, beta_row, "Restarting").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, alpha_row, "AVAILABLE").await;
    wait_settled(&b, beta_row, "AVAILABLE").await;

    // The events page: every event, newest first, in the order the service lists them (events of
    // the same moment included: the manual clock stands still between moves).
    click(&b, "[data-testid=main-nav] a[href='/events']").await;
    b.wait_path("/events").await;
    wait_contains(&b, "[data-testid=events-page] h1", "Events").await;
    let (_, listed) = api(&b, "GET", "v2", "/events", None).await;
    let listed: Vec<&Value> = listed["events"].as_array().unwrap().iter().collect();
    wait_rows(&b, listed.len()).await;
    let rows = shown(&b).await;
    let from_api: Vec<String> = listed
        .iter()
        .map(|e| {
            let user = e["user_name"].as_str().map(|u| format!(" {u}")).unwrap_or_default();
            format!("{} {}{user}", e["name"].as_str().unwrap(), e["source_name"].as_str().unwrap())
        })
        .collect();
    assert_eq!(rows, from_api, "the table keeps the service's order");
    assert!(position(&rows, "createBackupSuccess ev-snap") < position(&rows, "createBackup ev-snap admin"));
    assert!(position(&rows, "createBackup ev-snap") < position(&rows, "createClusterSuccess ev-alpha"));
    assert!(position(&rows, "createClusterSuccess ev-alpha") < position(&rows, "createCluster ev-alpha admin"));
    assert!(position(&rows, "restartClusterSuccess ev-beta") < position(&rows, "restartCluster ev-beta admin"));
    wait_contains(&b, "[data-testid=event-row]:last-child .event-title", "Cluster creation started").await;
    b.screenshot("events").await;

    // Severity: nothing failed.
    b.find("#event-severity-filter").await.select_by_value("warning").await.unwrap();
    b.find("[data-testid=events-no-match]").await;
    b.find("#event-severity-filter").await.select_by_value("normal").await.unwrap();
    wait_rows(&b, rows.len()).await;
    b.find("#event-severity-filter").await.select_by_value("").await.unwrap();

    // Source type: the snapshots' events (the automated snapshot of each cluster, the manual one).
    b.find("#event-source-filter").await.select_by_value("backup").await.unwrap();
    wait_rows(&b, 4).await;
    let types = js(&b, "return [...new Set([...document.querySelectorAll('[data-testid=event-row]')].map(r => r.dataset.sourceType))]").await;
    assert_eq!(types, json!(["backup"]));
    b.find("#event-source-filter").await.select_by_value("").await.unwrap();

    // A cluster: its own events and its snapshots', in the address too; exported as shown.
    js(&b, CAPTURE_EXPORTS).await;
    b.find("#event-cluster-filter").await.select_by_value(&alpha).await.unwrap();
    wait_rows(&b, 5).await;
    let of_alpha = shown(&b).await;
    assert!(of_alpha.iter().all(|r| !r.contains("ev-beta")), "{of_alpha:#?}");
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.query(), Some(format!("cluster={alpha}").as_str()));
    b.screenshot("events-filtered").await;
    click(&b, "[data-testid=export-csv]").await;
    let csv = last_export(&b).await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "occur_time,severity,name,display_name,context,source_type,source_id,source_name,user_name,event_id");
    let csv_rows: Vec<String> = lines[1..].iter().map(|l| l.split(',').nth(2).unwrap().to_owned()).collect();
    let shown_names: Vec<String> = of_alpha.iter().map(|r| r.split(' ').next().unwrap().to_owned()).collect();
    assert_eq!(csv_rows, shown_names, "{csv}");
    click(&b, "[data-testid=export-json]").await;
    let exported: Value = serde_json::from_str(&last_export(&b).await).unwrap();
    let json_names: Vec<&str> = exported.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(json_names, shown_names);
    assert!(exported.as_array().unwrap().iter().all(|e| e["occur_time"].is_i64()), "as the service sent them");

    // A link opens the cluster the event is about.
    b.find("#event-cluster-filter").await.select_by_value(&beta).await.unwrap();
    wait_rows(&b, 5).await;
    click(&b, "[data-testid=event-row][data-name=restartClusterSuccess] [data-testid=event-resource]").await;
    b.wait_path(&format!("/clusters/{beta}")).await;
    b.wait_text("[data-testid=detail-name]", "ev-beta").await;

    // The cluster's page shows its newest events, its snapshots' included, and links to all.
    let of_beta: Vec<String> =
        rows.iter().filter(|r| r.contains("ev-beta")).map(|r| r.split(' ').next().unwrap().to_owned()).take(5).collect();
    wait_contains(&b, "[data-testid=recent-event]:first-child .event-title", "Cluster restarted").await;
    let recent = js(&b, "return [...document.querySelectorAll('[data-testid=recent-event]')].map(e => e.dataset.name)").await;
    assert_eq!(recent, json!(of_beta));
    js(&b, "document.querySelector('[data-testid=recent-events]').scrollIntoView()").await;
    b.screenshot("cluster-recent-events").await;
    click(&b, "[data-testid=cluster-all-events]").await;
    b.wait_path("/events").await;
    wait_rows(&b, 5).await;
    assert_eq!(b.client.current_url().await.unwrap().query(), Some(format!("cluster={beta}").as_str()));

    // The address alone picks the cluster.
    b.client.goto(&px.url(&format!("/events?cluster={alpha}"))).await.unwrap();
    wait_rows(&b, 5).await;
    let picked = b.find("#event-cluster-filter").await.prop("value").await.unwrap();
    assert_eq!(picked.as_deref(), Some(alpha.as_str()));

    // Chinese: the console's words and the event names.
    click(&b, "[data-testid=lang-zh]").await;
    wait_contains(&b, "[data-testid=events-page] h1", "事件").await;
    wait_contains(&b, "[data-testid=event-row]:last-child .event-title", "开始创建集群").await;
    click(&b, "[data-testid=lang-en]").await;

    // A read-only user reads the events.
    click(&b, "[data-testid=sign-out]").await;
    b.wait_path("/sign-in").await;
    sign_in(&b, "viewer", "Viewer@12345").await;
    b.wait_path("/clusters").await;
    click(&b, "[data-testid=main-nav] a[href='/events']").await;
    wait_rows(&b, rows.len().min(20)).await;
    assert!(b.client.find_all(fantoccini::Locator::Css("[data-testid=live-error]")).await.unwrap().is_empty());
    b.close().await;
}
