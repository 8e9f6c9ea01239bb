//! Steps the browser tests share: the emulator and proxy, and what a user does on a page.

// Each test file uses its own share of these.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use dws_e2e::{Browser, Service, TIMEOUT, advance_clock, console_dist, temp_path};
use fantoccini::Locator;

/// The detail page's header, where its actions menu is.
pub const HEAD: &str = "[data-testid=cluster-detail] .page-head";
/// The detail page's status, with the task under way.
pub const DETAIL_STATUS: &str = "[data-testid=cluster-detail] .detail-status";
/// Longer than any task of the demo configuration takes (creation, 20 s, is the longest).
pub const ANY_TASK: f64 = 60.0;
pub const VPC: &str = "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574";
pub const SUBNET: &str = "5e1f4cd5-2a1b-4d8c-9e3f-6a7b8c9d0e1f";
pub const SECURITY_GROUP: &str = "1e2d3c4b-5a69-4788-96a5-b4c3d2e1f000";

/// The emulator at ten times its normal speed, and the proxy serving the console with fast
/// polling, so lifecycles take seconds.
pub fn stack() -> (Service, Service) {
    stack_polling(500, 3000)
}

/// [`stack`] with the console's polling delays (while something changes, and otherwise).
pub fn stack_polling(fast_ms: u32, slow_ms: u32) -> (Service, Service) {
    stack_with(fast_ms, slow_ms, &["--speed", "10"])
}

/// [`stack_polling`] with clusters that are records only (no PostgreSQL server behind them), for
/// a project of hundreds of clusters.
pub fn stack_records_only(fast_ms: u32, slow_ms: u32) -> (Service, Service) {
    stack_with(fast_ms, slow_ms, &["--speed", "10", "--data-plane", "none"])
}

/// The emulator on a manual clock: every task stays under way until the test moves the clock
/// ([`advance`]), so each state can be looked at, however slow the machine.
pub fn stack_manual() -> (Service, Service) {
    stack_with(500, 3000, &["--clock", "manual"])
}

/// Moves the manual clock of [`stack_manual`]'s emulator.
pub async fn advance(emu: &Service, seconds: f64) {
    advance_clock(emu, seconds).await;
}

/// The emulator with `emulator_args` and the proxy serving the console with these polling delays.
pub fn stack_with(fast_ms: u32, slow_ms: u32, emulator_args: &[&str]) -> (Service, Service) {
    let data = temp_path("console-emu");
    let mut args = vec!["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap()];
    args.extend_from_slice(emulator_args);
    let emu = Service::start("DWS_EMULATOR_BIN", &args).owning(data);
    let upstream = format!("http://{}", emu.addr);
    let config = temp_path("console-proxy.toml");
    std::fs::write(&config, format!("[polling]\nfast_ms = {fast_ms}\nslow_ms = {slow_ms}\n")).unwrap();
    let dist = console_dist();
    let px = Service::start(
        "DWS_PROXY_BIN",
        &[
            "--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams",
            "--serve", dist.to_str().unwrap(), "--config", config.to_str().unwrap(), "--rate-limit-per-second", "0",
        ],
    )
    .owning(config);
    (emu, px)
}

/// Replaces a field's text as a user would (select all, delete, type), so the page sees input
/// events even when the new text is empty.
pub async fn fill(b: &Browser, css: &str, text: &str) {
    let el = b.find(css).await;
    el.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    if !text.is_empty() {
        el.send_keys(text).await.unwrap();
    }
}

pub async fn click(b: &Browser, css: &str) {
    b.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Waits until `css` matches nothing (within `limit`).
pub async fn wait_gone(b: &Browser, css: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if b.client.find_all(Locator::Css(css)).await.map(|v| v.is_empty()).unwrap_or(false) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} is still there");
}

/// Waits until the text of `css` contains `part`.
pub async fn wait_contains(b: &Browser, css: &str, part: &str) -> String {
    let deadline = Instant::now() + TIMEOUT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(el) = b.client.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if last.contains(part) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css}: expected text with {part:?}, last saw {last:?}");
}

/// Waits until a script (a function body that returns a boolean) returns true.
pub async fn wait_true(b: &Browser, script: &str, what: &str) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if b.client.execute(script, vec![]).await.ok() == Some(serde_json::json!(true)) {
            return;
        }
        assert!(Instant::now() < deadline, "still not so: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Resizes the window and waits until the page has its new width.
pub async fn resize(b: &Browser, width: u32, height: u32) {
    b.client.set_window_size(width, height).await.unwrap();
    // Headless Chromium keeps its outer width at 500 px or more; the viewport is what was asked.
    wait_true(b, &format!("return window.innerWidth === {width}"), "the window resized").await;
}

pub async fn sign_in(b: &Browser, user: &str, password: &str) {
    fill(b, "#account", "demo").await;
    fill(b, "#user", user).await;
    fill(b, "#password", password).await;
    fill(b, "#project", "ae-ad-1").await;
    click(b, "[data-testid=sign-in-submit]").await;
}

/// Waits until the page shows the cluster in `status` (a `[data-status]` value) with no task
/// under way, within `scope` (a table row, or [`DETAIL_STATUS`]).
pub async fn wait_settled(b: &Browser, scope: &str, status: &str) {
    b.find(&format!("{scope} [data-status='{status}'], {scope}[data-status='{status}']")).await;
    wait_gone(b, &format!("{scope} [data-testid=cluster-task]"), TIMEOUT).await;
}

/// Waits until the page shows a task under way within `scope`, and returns how it reads.
pub async fn wait_task(b: &Browser, scope: &str, task: &str) -> String {
    wait_contains(b, &format!("{scope} [data-testid=cluster-task]"), task).await
}

/// Opens the actions menu in `scope` and tells whether `action` is offered and, if not, the
/// reason a screen reader reads for it; closes the menu again with Escape.
pub async fn menu_entry(b: &Browser, scope: &str, action: &str) -> Result<(), String> {
    click(b, &format!("{scope} [data-testid=actions-menu] summary")).await;
    let entry = b.find(&format!("{scope} [data-testid=action-{action}]")).await;
    let read = b
        .client
        .execute(
            "const e = arguments[0]; \
             const why = (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean) \
                 .map(id => document.getElementById(id).textContent).join(' '); \
             return [e.getAttribute('aria-disabled'), why];",
            vec![serde_json::to_value(&entry).unwrap()],
        )
        .await
        .unwrap();
    entry.send_keys("\u{E00C}").await.unwrap();
    match (read[0].as_str(), read[1].as_str().unwrap_or_default()) {
        (Some("false"), "") => Ok(()),
        (Some("true"), why) if !why.is_empty() => Err(why.to_owned()),
        other => panic!("{action}: an entry is offered with no reason or refused with one, not {other:?}"),
    }
}

/// Opens an action's dialog from the menu in `scope`; the entry must be offered.
pub async fn open_action(b: &Browser, scope: &str, action: &str) {
    if let Err(why) = menu_entry(b, scope, action).await {
        panic!("{action} is refused: {why}");
    }
    click(b, &format!("{scope} [data-testid=actions-menu] summary")).await;
    click(b, &format!("{scope} [data-testid=action-{action}]")).await;
    b.find("dialog[open][data-testid=action-dialog]").await;
}

/// Creates clusters through the proxy from the signed-in page, as a script would.
pub async fn create_clusters(b: &Browser, names: &[&str]) {
    let out = b
        .client
        .execute_async(
            r#"const [names, done] = [arguments[0], arguments[arguments.length - 1]];
            const s = JSON.parse(sessionStorage.getItem('dws-console.session'));
            const h = {'X-Auth-Token': s.token, 'Content-Type': 'application/json'};
            Promise.all(names.map((name, i) => fetch('/v1.0/' + s.project_id + '/clusters', {method: 'POST', headers: h,
                body: JSON.stringify({cluster: {node_type: i % 2 ? 'dws.m3.2xlarge' : 'dws.d2.xlarge', number_of_node: 3 + i,
                name, user_name: 'dbadmin', user_pwd: 'Dws2017demo!', vpc_id: '219ab8a0-1272-4049-a383-8ad0b770fa11',
                subnet_id: 'd23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec', security_group_id: '12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
                public_ip: {public_bind_type: 'not_use'}}})}).then(r => r.status))).then(done, e => done(String(e)));"#,
            vec![serde_json::json!(names)],
        )
        .await
        .unwrap();
    assert!(out.as_array().unwrap().iter().all(|s| s == 200), "{out}");
}

