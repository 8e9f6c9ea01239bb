//! The reference's quick start (chapter 4) done from the console in a real browser, through the
//! proxy, against the emulator: sign in, look at the node types, create a cluster, list and open
//! it, take a snapshot and watch it become available, restore it to a new cluster and watch that
//! become available, delete the snapshot, delete both clusters. On the way: an automated
//! snapshot cannot be deleted; a restore to a taken name is refused on the name field; the
//! exports write what the table shows; the activity panel lists the requests and its curl
//! command works against the emulator.


mod common;

use common::*;
use dws_e2e::{Browser, Service, TIMEOUT};
use fantoccini::Locator;
use serde_json::{Value, json};

/// Replaces `URL.createObjectURL` so the test can read what an export hands to the browser.
const CAPTURE_EXPORTS: &str = r#"
window.__exports = [];
const create = URL.createObjectURL.bind(URL);
URL.createObjectURL = blob => { window.__exports.push(blob); return create(blob); };"#;

/// The text of the last export.
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

/// Deletes a cluster from its row, keeping no snapshots, and waits for the row to go.
async fn delete_cluster(b: &Browser, emu: &Service, name: &str) {
    let row = format!("[data-testid=cluster-row][data-name={name}]");
    open_action(b, &row, "delete").await;
    fill(b, "#keep-snapshots", "0").await;
    fill(b, "#delete-confirm-name", name).await;
    click(b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(b, "dialog[open]", TIMEOUT).await;
    b.find(&format!("{row}[data-status=DELETING]")).await;
    advance(emu, ANY_TASK).await;
    wait_gone(b, &row, TIMEOUT).await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn the_quick_start_from_the_console() {
    // Tasks end when the test moves the emulator's clock, so it sees each state it waits for.
    let (emu, px) = stack_manual();
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    b.find("[data-testid=clusters-empty]").await;

    // Node types, sortable.
    click(&b, "[data-testid=main-nav] a[href='/node-types']").await;
    b.find("[data-testid=node-type-row]").await;
    assert_eq!(b.client.find_all(Locator::Css("[data-testid=node-type-row]")).await.unwrap().len(), 4);

    // Create a cluster.
    click(&b, "[data-testid=main-nav] a[href='/clusters']").await;
    click(&b, "[data-testid=clusters-page] [data-testid=create-cluster]").await;
    b.find("[data-testid=node-type-option]").await;
    fill(&b, "#cc-name", "qs-warehouse").await;
    fill(&b, "#cc-vpc", VPC).await;
    fill(&b, "#cc-subnet", SUBNET).await;
    fill(&b, "#cc-security-group", SECURITY_GROUP).await;
    fill(&b, "#cc-password", "Warehouse@2026!x").await;
    click(&b, "[data-testid=create-submit]").await;
    b.wait_path("/clusters").await;
    let source_row = "[data-testid=cluster-row][data-name=qs-warehouse]";
    wait_task(&b, source_row, "Creating").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, source_row, "AVAILABLE").await;

    // List and detail; the detail page says how to connect, and it works: the psql command
    // shown connects to the cluster's own server as its administrator.
    click(&b, &format!("{source_row} th a")).await;
    b.wait_text("[data-testid=detail-name]", "qs-warehouse").await;
    let psql = wait_contains(&b, "[data-testid=connect-line]:first-child code", "psql -h 127.").await;
    assert!(psql.ends_with("-U dbadmin -d gaussdb"), "{psql}");
    assert!(!psql.contains("Warehouse@2026!x"), "the password is never shown");
    let jdbc = wait_contains(&b, "[data-testid=connect-line]:nth-child(2) code", "jdbc:postgresql://127.").await;
    assert!(jdbc.ends_with("/gaussdb?user=dbadmin"), "{jdbc}");
    let out = std::process::Command::new("sh")
        .args(["-c", &format!("{psql} -Atc 'select current_user, current_database()'")])
        .env("PGPASSWORD", "Warehouse@2026!x")
        .output()
        .expect("psql runs");
    assert!(out.status.success(), "{psql}: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "dbadmin|gaussdb");
    click(&b, "[data-testid=cluster-all-snapshots]").await;
    b.find("[data-testid=snapshots-page]").await;
    let url = b.client.current_url().await.unwrap();
    assert!(url.query().is_some_and(|q| q.starts_with("cluster=")), "{url}");
    // The automated snapshot the service took when the cluster became available.
    let auto_row = "[data-testid=snapshot-row][data-name^=auto-qs-warehouse]";
    b.find(auto_row).await;

    // Take a snapshot from the snapshots page: only available clusters are offered.
    click(&b, "[data-testid=create-snapshot]").await;
    b.find("dialog[open] #snapshot-cluster").await;
    wait_true(
        &b,
        "return JSON.stringify([...document.querySelectorAll('#snapshot-cluster option')].map(o => o.textContent.trim())) \
         === '[\"qs-warehouse\"]'",
        "the one available cluster is offered",
    )
    .await;
    fill(&b, "#snapshot-name", "qs-snapshot").await;
    fill(&b, "#snapshot-description", "quick start").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    let snap_row = "[data-testid=snapshot-row][data-name=qs-snapshot]";
    b.find(&format!("{snap_row}[data-status=CREATING]")).await;
    advance(&emu, ANY_TASK).await;
    b.find(&format!("{snap_row}[data-status=AVAILABLE]")).await;
    wait_contains(&b, &format!("{snap_row} td:nth-child(2)"), "qs-warehouse").await;
    b.screenshot("console-snapshots").await;

    // The exports write the filtered rows, in the table's order.
    js(&b, CAPTURE_EXPORTS).await;
    fill(&b, "#snapshot-search", "qs-snap").await;
    b.wait_text("[data-testid=page-range]", "1–1 / 1").await;
    click(&b, "[data-testid=export-csv]").await;
    let csv = last_export(&b).await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("name,id,cluster_name,cluster_id,status,type"), "{csv}");
    assert!(lines[1].starts_with("qs-snapshot,") && lines[1].contains(",qs-warehouse,") && lines[1].contains(",MANUAL,"), "{csv}");
    click(&b, "[data-testid=export-json]").await;
    let exported: Value = serde_json::from_str(&last_export(&b).await).unwrap();
    assert_eq!(exported.as_array().map(Vec::len), Some(1));
    assert_eq!(exported[0]["name"], "qs-snapshot");
    assert_eq!(exported[0]["cluster_name"], "qs-warehouse");
    fill(&b, "#snapshot-search", "").await;

    // Narrow and wide screens: the table scrolls inside its frame, never the page.
    for (w, h, name) in [(360u32, 780u32, "console-snapshots-360"), (1920, 1080, "console-snapshots-1920")] {
        resize(&b, w, h).await;
        let overflow = js(&b, "return document.documentElement.scrollWidth - document.documentElement.clientWidth").await;
        assert_eq!(overflow, json!(0), "the snapshots page scrolls sideways at {w} px");
        b.screenshot(name).await;
    }
    resize(&b, 1280, 900).await;

    // An automated snapshot cannot be deleted: its button says why and opens nothing, and the
    // service refuses it too.
    let delete = format!("{auto_row} [data-testid=snapshot-delete]");
    assert_eq!(b.find(&delete).await.attr("aria-disabled").await.unwrap().as_deref(), Some("true"));
    let why = js(&b, &format!("return document.querySelector('{auto_row} [data-testid=snapshot-delete-why]').textContent")).await;
    assert!(why.as_str().is_some_and(|w| w.contains("only manual snapshots")), "{why}");
    click(&b, &delete).await;
    assert!(b.client.find_all(Locator::Css("dialog[open]")).await.unwrap().is_empty());
    let auto_id = js(&b, &format!("return document.querySelector('{auto_row} th a').getAttribute('href').split('/').pop()")).await;
    let refused = b
        .client
        .execute_async(
            r#"const [id, done] = [arguments[0], arguments[arguments.length - 1]];
            const s = JSON.parse(sessionStorage.getItem('dws-console.session'));
            fetch('/v1.0/' + s.project_id + '/snapshots/' + id, {method: 'DELETE', headers: {'X-Auth-Token': s.token}})
                .then(async r => done([r.status, await r.json()]), e => done(String(e)));"#,
            vec![auto_id],
        )
        .await
        .unwrap();
    assert_eq!(refused[0], json!(400), "{refused}");
    assert_eq!(refused[1]["error_code"], json!("DWS.0007"), "{refused}");

    // The snapshot's detail page.
    click(&b, &format!("{snap_row} th a")).await;
    b.wait_text("[data-testid=snapshot-detail-name]", "qs-snapshot").await;
    let fields = wait_contains(&b, "[data-testid=snapshot-fields]", "qs-warehouse").await;
    // The size is the dump's own: a few kilobytes for a new cluster's database.
    for part in ["quick start", "KB", "Manual"] {
        assert!(fields.contains(part), "{part} in {fields}");
    }
    b.screenshot("console-snapshot-detail").await;

    // Restore it: the form is pre-filled from the source cluster; a taken name is refused on
    // the name field before anything is sent.
    click(&b, "[data-testid=snapshot-detail] [data-testid=snapshot-restore]").await;
    b.find("[data-testid=restore-form]").await;
    wait_contains(&b, "[data-testid=restore-source]", "source cluster").await;
    let vpc = b.find("#rs-vpc").await.prop("value").await.unwrap();
    assert_eq!(vpc.as_deref(), Some(VPC));
    fill(&b, "#rs-name", "qs-warehouse").await;
    wait_contains(&b, "[data-testid=rs-name-error]", "already in use").await;
    click(&b, "[data-testid=restore-submit]").await;
    assert!(b.client.current_url().await.unwrap().path().ends_with("/restore"));
    wait_true(&b, "return document.activeElement.id === 'rs-name'", "the name field has the focus").await;
    fill(&b, "#rs-name", "qs-restored").await;
    js(&b, "window.scrollTo(0, 0)").await;
    b.screenshot("console-restore").await;
    click(&b, "[data-testid=restore-submit]").await;
    b.wait_path("/clusters").await;
    // The table shows the restore under way until it has finished.
    let restored_row = "[data-testid=cluster-row][data-name=qs-restored]";
    wait_task(&b, restored_row, "Restoring").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, restored_row, "AVAILABLE").await;

    // Delete the snapshot.
    click(&b, "[data-testid=main-nav] a[href='/snapshots']").await;
    click(&b, &format!("{snap_row} [data-testid=snapshot-delete]")).await;
    wait_contains(&b, "dialog[open] [data-testid=delete-snapshot-name]", "qs-snapshot").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_gone(&b, snap_row, TIMEOUT).await;

    // Delete both clusters.
    click(&b, "[data-testid=main-nav] a[href='/clusters']").await;
    delete_cluster(&b, &emu, "qs-restored").await;
    delete_cluster(&b, &emu, "qs-warehouse").await;
    b.find("[data-testid=clusters-empty]").await;

    // The activity panel lists what was done, and a listed request's curl works.
    click(&b, "[data-testid=activity-toggle]").await;
    b.find("[data-testid=activity-panel]:not([hidden]) [data-testid=activity-entry]").await;
    let entries = js(
        &b,
        "return [...document.querySelectorAll('[data-testid=activity-entry]')].map(e => e.dataset.method + ' ' + e.dataset.path)",
    )
    .await;
    let entries: Vec<String> = serde_json::from_value(entries).unwrap();
    for wanted in ["POST /v3/auth/tokens", "GET /v2/", "POST /v1.0/", "DELETE /v1.0/"] {
        assert!(entries.iter().any(|e| e.starts_with(wanted)), "{wanted} in {entries:?}");
    }
    assert!(entries.iter().any(|e| e.starts_with("POST /v1.0/") && e.ends_with("/actions")), "the restore: {entries:?}");
    // Secrets never appear: not the token, not a password.
    let panel = js(&b, "return document.querySelector('[data-testid=activity-panel]').textContent").await;
    let token = js(&b, "return JSON.parse(sessionStorage.getItem('dws-console.session')).token").await;
    let (panel, token) = (panel.as_str().unwrap().to_owned(), token.as_str().unwrap().to_owned());
    for secret in [token.as_str(), "Admin@12345", "Warehouse@2026!x"] {
        assert!(!panel.contains(secret), "a secret in the activity panel");
    }
    let first_list = "[data-testid=activity-entry][data-method=GET][data-path$='/clusters']";
    click(&b, &format!("{first_list} summary")).await;
    let curl = wait_contains(&b, &format!("{first_list} [data-testid=activity-curl]"), "$TOKEN").await;
    b.screenshot("console-activity").await;
    let curl = curl.replace(&px.url(""), &emu.url(""));
    assert!(curl.contains(&emu.url("/v1.0/")), "{curl}");
    let out = std::process::Command::new("sh")
        .args(["-c", &format!("{curl} --silent --show-error --fail")])
        .env("TOKEN", &token)
        .output()
        .expect("curl runs");
    assert!(out.status.success(), "{curl}: {}", String::from_utf8_lossy(&out.stderr));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(answer["clusters"].is_array(), "{answer}");
    // Escape closes the panel.
    b.find("[data-testid=activity-close]").await.send_keys("\u{E00C}").await.unwrap();
    b.find("[data-testid=activity-panel][hidden]").await;

    // The snapshots page speaks Chinese too.
    click(&b, "[data-testid=lang-zh]").await;
    click(&b, "[data-testid=main-nav] a[href='/snapshots']").await;
    wait_contains(&b, "[data-testid=snapshots-page] h1", "快照").await;
    b.close().await;
}
