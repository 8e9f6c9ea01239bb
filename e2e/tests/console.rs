//! The console's cluster work in a real browser, through the proxy, against the emulator: sign
//! in, create a cluster from the form and watch it become available, open it, scale it out,
//! restart it, reset its password, delete it; a wrong password and a read-only user's 403.

use std::time::{Duration, Instant};

use dws_e2e::{Browser, Service, TIMEOUT, console_dist, temp_path};
use fantoccini::Locator;

const VPC: &str = "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574";
const SUBNET: &str = "5e1f4cd5-2a1b-4d8c-9e3f-6a7b8c9d0e1f";
const SECURITY_GROUP: &str = "1e2d3c4b-5a69-4788-96a5-b4c3d2e1f000";

/// The emulator at ten times its normal speed, and the proxy serving the console with fast
/// polling, so lifecycles take seconds.
fn stack() -> (Service, Service) {
    let data = temp_path("console-emu");
    let emu =
        Service::start("DWS_EMULATOR_BIN", &["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--speed", "10"]);
    let upstream = format!("http://{}", emu.addr);
    let config = temp_path("console-proxy.toml");
    std::fs::write(&config, "[polling]\nfast_ms = 500\nslow_ms = 3000\n").unwrap();
    let dist = console_dist();
    let px = Service::start(
        "DWS_PROXY_BIN",
        &[
            "--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams",
            "--serve", dist.to_str().unwrap(), "--config", config.to_str().unwrap(), "--rate-limit-per-second", "0",
        ],
    );
    (emu, px)
}

async fn fill(b: &Browser, css: &str, text: &str) {
    let el = b.find(css).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

async fn click(b: &Browser, css: &str) {
    b.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Waits until `css` matches nothing (within `limit`).
async fn wait_gone(b: &Browser, css: &str, limit: Duration) {
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
async fn wait_contains(b: &Browser, css: &str, part: &str) -> String {
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

async fn sign_in(b: &Browser, user: &str, password: &str) {
    fill(b, "#account", "demo").await;
    fill(b, "#user", user).await;
    fill(b, "#password", password).await;
    fill(b, "#project", "ae-ad-1").await;
    click(b, "[data-testid=sign-in-submit]").await;
}

async fn open_action(b: &Browser, scope: &str, action: &str) {
    click(b, &format!("{scope} [data-testid=actions-menu] summary")).await;
    click(b, &format!("{scope} [data-testid=action-{action}]")).await;
    b.find("dialog[open][data-testid=action-dialog]").await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn an_admin_runs_a_cluster_through_its_whole_life() {
    let (_emu, px) = stack();
    let b = Browser::start().await;

    // Not signed in: the console asks for it, and comes back here afterwards.
    b.client.goto(&px.url("/clusters")).await.unwrap();
    b.wait_path("/sign-in").await;
    b.screenshot("console-sign-in").await;

    // A wrong password is explained, and nothing is kept.
    sign_in(&b, "admin", "Wrong@12345").await;
    b.find("[data-testid=sign-in-form] [data-testid=error-panel]").await;
    let explained = wait_contains(&b, "[data-testid=sign-in-form] [data-testid=error-panel]", "").await;
    assert!(!explained.trim().is_empty());
    b.screenshot("console-sign-in-error").await;
    let stored = b
        .client
        .execute("return [sessionStorage.getItem('dws-console.session'), localStorage.getItem('dws-console.session')]", vec![])
        .await
        .unwrap();
    assert_eq!(stored, serde_json::json!([null, null]));

    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    wait_contains(&b, "[data-testid=session-user]", "admin").await;
    wait_contains(&b, "[data-testid=session-project]", "ae-ad-1").await;
    wait_contains(&b, "[data-testid=session-left]", "h").await;
    b.find("[data-testid=clusters-empty]").await;
    // The token is in this tab's sessionStorage, nowhere else.
    let where_ = b
        .client
        .execute("return [!!sessionStorage.getItem('dws-console.session'), localStorage.getItem('dws-console.session'), document.cookie, location.href.includes('token')]", vec![])
        .await
        .unwrap();
    assert_eq!(where_, serde_json::json!([true, null, "", false]));

    // Create a cluster from the form; node types come from the service.
    click(&b, "[data-testid=clusters-page] [data-testid=create-cluster]").await;
    b.wait_path("/clusters/create").await;
    b.find("[data-testid=node-type-option]").await;
    let options = b.client.find_all(Locator::Css("[data-testid=node-type-option]")).await.unwrap();
    assert_eq!(options.len(), 4, "the demo's four node types");
    wait_contains(&b, "[data-testid=node-type-picker]", "vCPU").await;
    // The CN range follows the node count.
    fill(&b, "#cc-nodes", "8").await;
    wait_contains(&b, "[data-testid=cn-range]", "2–7").await;
    fill(&b, "#cc-name", "e2e-warehouse").await;
    fill(&b, "#cc-vpc", VPC).await;
    fill(&b, "#cc-subnet", SUBNET).await;
    fill(&b, "#cc-security-group", SECURITY_GROUP).await;
    fill(&b, "#cc-cns", "3").await;
    // A weak password is refused as it is typed; a good one passes.
    fill(&b, "#cc-password", "password").await;
    wait_contains(&b, "[data-testid=cc-password-strength]", "not accepted").await;
    fill(&b, "#cc-password", "Warehouse@2026!x").await;
    wait_contains(&b, "[data-testid=cc-password-strength]", "strong").await;
    b.screenshot("console-create-cluster").await;
    click(&b, "[data-testid=create-submit]").await;
    b.wait_path("/clusters").await;
    let row = "[data-testid=cluster-row][data-name=e2e-warehouse]";
    b.find(row).await;
    b.screenshot("console-clusters-creating").await;
    b.find(&format!("{row}[data-status=AVAILABLE]")).await;
    wait_gone(&b, &format!("{row} [data-testid=cluster-task]"), TIMEOUT).await;
    b.screenshot("console-clusters").await;

    // Its detail page.
    click(&b, &format!("{row} th a")).await;
    b.wait_text("[data-testid=detail-name]", "e2e-warehouse").await;
    wait_contains(&b, "[data-testid=overview]", "dws.").await;
    wait_contains(&b, "[data-testid=connection]", "jdbc:").await;
    b.screenshot("console-cluster-detail").await;

    // Scale out by 2: the dialog shows the target count, the table the progress.
    open_action(&b, "[data-testid=cluster-detail] .page-head", "scale-out").await;
    fill(&b, "#scale-out-count", "2").await;
    wait_contains(&b, "[data-testid=scale-out-target]", "8 → 10").await;
    b.screenshot("console-scale-out").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_contains(&b, "[data-testid=overview]", "10").await;

    // Restart.
    let deadline = Instant::now() + TIMEOUT;
    loop {
        // The menu entry is enabled once the scale-out has finished.
        click(&b, "[data-testid=cluster-detail] .page-head [data-testid=actions-menu] summary").await;
        let enabled = b.find("[data-testid=action-restart]").await.is_enabled().await.unwrap();
        if enabled {
            click(&b, "[data-testid=action-restart]").await;
            break;
        }
        click(&b, "[data-testid=cluster-detail] .page-head [data-testid=actions-menu] summary").await;
        assert!(Instant::now() < deadline, "restart stayed disabled");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    b.find("dialog[open][data-testid=action-dialog]").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;

    // Reset the password, once the restart is over: rules are checked as typed.
    let deadline = Instant::now() + TIMEOUT;
    loop {
        click(&b, "[data-testid=cluster-detail] .page-head [data-testid=actions-menu] summary").await;
        if b.find("[data-testid=action-reset-password]").await.is_enabled().await.unwrap() {
            click(&b, "[data-testid=action-reset-password]").await;
            break;
        }
        click(&b, "[data-testid=cluster-detail] .page-head [data-testid=actions-menu] summary").await;
        assert!(Instant::now() < deadline, "reset password stayed disabled");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    fill(&b, "#new-password", "dbadmin").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    b.find("[data-testid=new-password-error]").await;
    wait_contains(&b, "[data-testid=new-password-error]", "").await;
    fill(&b, "#new-password", "Another@Pass2026").await;
    fill(&b, "#new-password-confirm", "Another@Pass2026").await;
    b.screenshot("console-reset-password").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;

    // Delete: the button waits for the name to be typed.
    open_action(&b, "[data-testid=cluster-detail] .page-head", "delete").await;
    assert!(!b.find("dialog[open] [data-testid=dialog-confirm]").await.is_enabled().await.unwrap());
    fill(&b, "#delete-confirm-name", "e2e-warehouse").await;
    b.screenshot("console-delete").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    b.wait_path("/clusters").await;
    wait_gone(&b, row, Duration::from_secs(20)).await;

    // Signing out clears the tab's storage.
    click(&b, "[data-testid=sign-out]").await;
    b.wait_path("/sign-in").await;
    let left = b.client.execute("return sessionStorage.length", vec![]).await.unwrap();
    assert_eq!(left, serde_json::json!(0));
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn a_read_only_user_sees_the_missing_permission_explained() {
    let (_emu, px) = stack();
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "viewer", "Viewer@12345").await;
    b.wait_path("/clusters").await;
    b.find("[data-testid=clusters-empty]").await;
    b.client.goto(&px.url("/clusters/create")).await.unwrap();
    b.find("[data-testid=node-type-option]").await;
    fill(&b, "#cc-name", "viewer-cluster").await;
    fill(&b, "#cc-vpc", VPC).await;
    fill(&b, "#cc-subnet", SUBNET).await;
    fill(&b, "#cc-security-group", SECURITY_GROUP).await;
    fill(&b, "#cc-password", "Warehouse@2026!x").await;
    click(&b, "[data-testid=create-submit]").await;
    wait_contains(&b, "[data-testid=create-cluster-form] [data-testid=error-action]", "dws:openAPICluster:create").await;
    wait_contains(&b, "[data-testid=create-cluster-form] [data-testid=error-code]", "DWS.0003").await;
    // The input is kept.
    let kept = b.find("#cc-name").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("viewer-cluster"));
    // In Chinese too.
    click(&b, "[data-testid=lang-zh]").await;
    wait_contains(&b, "[data-testid=create-cluster-form] [data-testid=error-action]", "缺少 IAM 权限").await;
    b.screenshot("console-viewer-403").await;
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn a_refused_token_signs_out_and_signing_in_returns_to_the_page() {
    let (_emu, px) = stack();
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    b.client.goto(&px.url("/clusters/create")).await.unwrap();
    b.find("[data-testid=node-type-option]").await;
    // Spoil the token in storage, as an expired or revoked one would be, and reload.
    b.client
        .execute(
            "const s = JSON.parse(sessionStorage.getItem('dws-console.session')); s.token = 'revoked'; \
             sessionStorage.setItem('dws-console.session', JSON.stringify(s));",
            vec![],
        )
        .await
        .unwrap();
    b.client.goto(&px.url("/clusters")).await.unwrap();
    b.wait_path("/sign-in").await;
    wait_contains(&b, "[data-testid=session-ended]", "token").await;
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;

    // An expired token: signed out on the spot, back on the same page after signing in.
    b.client.goto(&px.url("/clusters/create")).await.unwrap();
    b.find("[data-testid=node-type-option]").await;
    b.client
        .execute(
            "const s = JSON.parse(sessionStorage.getItem('dws-console.session')); s.expires_at_ms = Date.now() + 1500; \
             sessionStorage.setItem('dws-console.session', JSON.stringify(s));",
            vec![],
        )
        .await
        .unwrap();
    b.client.refresh().await.unwrap();
    b.find("[data-testid=node-type-option]").await;
    b.wait_path("/sign-in").await;
    wait_contains(&b, "[data-testid=session-ended]", "expired").await;
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters/create").await;
    b.close().await;
}
