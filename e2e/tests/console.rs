//! The console's cluster work in a real browser, through the proxy, against the emulator: sign
//! in, create a cluster from the form and watch it become available, open it, scale it out,
//! restart it, reset its password, delete it; a wrong password and a read-only user's 403.

use std::time::Duration;

mod common;

use common::*;
use dws_e2e::{Browser, Service, TIMEOUT, console_dist, temp_path};
use fantoccini::Locator;

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn an_admin_runs_a_cluster_through_its_whole_life() {
    // Every task lasts until the test moves the emulator's clock: each step waits for the state
    // the next one needs, as a user watching the status would.
    let (emu, px) = stack_manual();
    let b = Browser::start().await;

    // Not signed in: the console asks for it, and comes back here afterwards.
    b.client.goto(&px.url("/clusters")).await.unwrap();
    b.wait_path("/sign-in").await;
    b.screenshot("console-sign-in").await;

    // A wrong password is explained, and nothing is kept.
    sign_in(&b, "admin", "Wrong@12345").await;
    b.find("[data-testid=sign-in-form] [data-testid=error-panel]").await;
    let explained = wait_contains(&b, "[data-testid=sign-in-form] [data-testid=error-panel]", "password is wrong").await;
    assert!(!explained.contains("Sign in again"), "{explained}");
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
    wait_contains(&b, "[data-testid=cc-cns-hint]", "2–7").await;
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
    // Being created, with its progress: nothing but waiting is offered meanwhile.
    advance(&emu, 9.0).await;
    wait_task(&b, row, "45%").await;
    assert_eq!(
        menu_entry(&b, row, "delete").await,
        Err("The cluster is being created; delete the cluster once it is available.".into())
    );
    b.screenshot("console-clusters-creating").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, row, "AVAILABLE").await;
    b.screenshot("console-clusters").await;

    // Its detail page.
    click(&b, &format!("{row} th a")).await;
    b.wait_text("[data-testid=detail-name]", "e2e-warehouse").await;
    assert_eq!(b.client.title().await.unwrap(), "Clusters · DWS Console", "the window names the page");
    wait_contains(&b, "[data-testid=overview]", "dws.").await;
    wait_contains(&b, "[data-testid=connection]", "jdbc:").await;
    b.screenshot("console-cluster-detail").await;

    // Scale out by 2: the dialog shows the target count, the page the progress.
    open_action(&b, HEAD, "scale-out").await;
    // A number typed wrong stays as typed and is refused, never turned into another one.
    fill(&b, "#scale-out-count", "-1").await;
    wait_contains(&b, "[data-testid=scale-out-count-error]", "").await;
    let typed = b.find("#scale-out-count").await.prop("value").await.unwrap();
    assert_eq!(typed.as_deref(), Some("-1"));
    assert!(!b.find("[data-testid=scale-out-count-error]").await.text().await.unwrap().trim().is_empty());
    wait_contains(&b, "[data-testid=scale-out-target]", "?").await;
    fill(&b, "#scale-out-count", "2").await;
    wait_contains(&b, "[data-testid=scale-out-target]", "8 → 10").await;
    b.screenshot("console-scale-out").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    // While it grows, the rest waits, and each entry says why.
    wait_task(&b, DETAIL_STATUS, "Scaling out").await;
    assert_eq!(
        menu_entry(&b, HEAD, "restart").await,
        Err("The cluster is being scaled out; restart the cluster when that has finished.".into())
    );
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, DETAIL_STATUS, "AVAILABLE").await;
    b.wait_text("[data-testid=overview] [data-field=Nodes] dd", "10").await;

    // Restart.
    open_action(&b, HEAD, "restart").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_contains(&b, "[data-testid=action-accepted]", "accepted").await;
    wait_task(&b, DETAIL_STATUS, "Restarting").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, DETAIL_STATUS, "AVAILABLE").await;

    // Reset the password: rules are checked as typed; it takes effect at once.
    open_action(&b, HEAD, "reset-password").await;
    fill(&b, "#new-password", "dbadmin").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    b.find("[data-testid=new-password-error]").await;
    wait_contains(&b, "[data-testid=new-password-error]", "").await;
    fill(&b, "#new-password", "Another@Pass2026").await;
    fill(&b, "#new-password-confirm", "Another@Pass2026").await;
    b.screenshot("console-reset-password").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;

    // A snapshot: the name is checked as typed; the snapshot shows on the detail page.
    open_action(&b, HEAD, "snapshot").await;
    fill(&b, "#snapshot-name", "1bad").await;
    b.find("[data-testid=snapshot-name-error]").await;
    wait_contains(&b, "[data-testid=snapshot-name-error]", "letter").await;
    fill(&b, "#snapshot-name", "before-delete").await;
    fill(&b, "#snapshot-description", "kept after the cluster goes").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_contains(&b, "[data-testid=cluster-snapshots]", "before-delete").await;
    // While it is taken, deleting the cluster is not offered, and the entry says why.
    advance(&emu, 2.0).await;
    wait_task(&b, DETAIL_STATUS, "Taking a snapshot 40%").await;
    assert_eq!(
        menu_entry(&b, HEAD, "delete").await,
        Err("A snapshot is being taken; delete the cluster when it has finished.".into())
    );
    click(&b, &format!("{HEAD} [data-testid=actions-menu] summary")).await;
    b.screenshot("console-action-refused").await;
    b.find(&format!("{HEAD} [data-testid=action-delete]")).await.send_keys("\u{E00C}").await.unwrap();
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, DETAIL_STATUS, "AVAILABLE").await;
    b.find("[data-testid=cluster-snapshots] [data-testid=snapshot-row][data-name=before-delete] [data-status=AVAILABLE]").await;

    // Delete: the button waits for the name to be typed.
    open_action(&b, HEAD, "delete").await;
    let confirm = b.find("dialog[open] [data-testid=dialog-confirm]").await;
    assert_eq!(confirm.attr("aria-disabled").await.unwrap().as_deref(), Some("true"));
    fill(&b, "#keep-snapshots", "1").await;
    // Enter with a name that is not quite it says why nothing happens.
    fill(&b, "#delete-confirm-name", "E2E-warehouse\u{E007}").await;
    wait_contains(&b, "[data-testid=delete-confirm-name-error]", "not the cluster's name").await;
    fill(&b, "#delete-confirm-name", "e2e-warehouse").await;
    wait_contains(&b, "[data-testid=delete-confirm-name-error]", "").await;
    b.screenshot("console-delete").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    b.wait_path("/clusters").await;
    b.find(&format!("{row}[data-status=DELETING]")).await;
    advance(&emu, ANY_TASK).await;
    wait_gone(&b, row, TIMEOUT).await;
    // The manual snapshot kept with `keep_last_manual_snapshot = 1` is still listed.
    click(&b, "[data-testid=main-nav] a[href='/snapshots']").await;
    wait_contains(&b, "[data-testid=snapshots-table]", "before-delete").await;

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
    // The error is below the fold of a long form: the console scrolled it into view.
    wait_true(
        &b,
        "const r = document.querySelector('[data-testid=create-cluster-form] [data-testid=error-panel]').getBoundingClientRect(); \
         return r.top >= 0 && r.bottom <= innerHeight;",
        "the error is on screen",
    )
    .await;
    // The input is kept.
    let kept = b.find("#cc-name").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("viewer-cluster"));
    // In Chinese too.
    click(&b, "[data-testid=lang-zh]").await;
    wait_contains(&b, "[data-testid=create-cluster-form] [data-testid=error-action]", "缺少 IAM 权限").await;
    // (Clicking the switch scrolled the page up; bring the error back into view for the picture.)
    b.client
        .execute("document.querySelector('[data-testid=create-cluster-form] [data-testid=error-panel]').scrollIntoView({block: 'center'})", vec![])
        .await
        .unwrap();
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

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn the_table_searches_filters_sorts_and_fits_narrow_and_wide_screens() {
    let (emu, px) = stack_manual();
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    b.find("[data-testid=clusters-empty]").await;
    let names = ["sales-dw", "finance-dw", "fail-create-demo", "marketing-dw", "ops-analytics", "risk-dw"];
    create_clusters(&b, &names).await;
    advance(&emu, ANY_TASK).await;
    // Everything settles: the failing one fails, the others become available.
    b.find("[data-testid=cluster-row][data-name=fail-create-demo][data-status='CREATION FAILED']").await;
    for n in names.iter().filter(|n| !n.starts_with("fail")) {
        b.find(&format!("[data-testid=cluster-row][data-name={n}][data-status=AVAILABLE]")).await;
    }
    let rows = |b: &Browser| {
        let c = b.client.clone();
        async move {
            let mut out = Vec::new();
            for r in c.find_all(Locator::Css("[data-testid=cluster-row]")).await.unwrap() {
                out.push(r.attr("data-name").await.unwrap().unwrap());
            }
            out
        }
    };
    // Sorted by name, both ways.
    click(&b, "[data-testid=sort-name]").await;
    let mut sorted: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    sorted.sort();
    assert_eq!(rows(&b).await, sorted);
    click(&b, "[data-testid=sort-name]").await;
    sorted.reverse();
    assert_eq!(rows(&b).await, sorted);
    // Search and status filter.
    fill(&b, "[data-testid=cluster-search]", "DW").await;
    assert_eq!(rows(&b).await.len(), 4);
    b.find("[data-testid=cluster-status-filter] option[value='CREATION FAILED']").await.click().await.unwrap();
    b.find("[data-testid=clusters-no-match]").await;
    fill(&b, "[data-testid=cluster-search]", "").await;
    assert_eq!(rows(&b).await, ["fail-create-demo"]);
    b.find("[data-testid=cluster-status-filter] option[value='']").await.click().await.unwrap();
    assert_eq!(rows(&b).await.len(), 6);

    // A row's menu opens fully inside the window (not clipped by the scrolling table) and
    // Escape closes it, giving the focus back to its button.
    let menu = "[data-testid=cluster-row][data-name=sales-dw] [data-testid=actions-menu]";
    click(&b, &format!("{menu} summary")).await;
    // Placed when the menu's toggle event has run, which follows the click.
    wait_true(
        &b,
        &format!(
            "const r = document.querySelector('{menu} .menu-list').getBoundingClientRect(); \
             return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;"
        ),
        "the menu is on screen",
    )
    .await;
    b.find(&format!("{menu} [data-testid=action-restart]")).await.send_keys("\u{E00C}").await.unwrap();
    let open = b.client.execute("return document.querySelector(arguments[0]).open", vec![serde_json::json!(menu)]).await.unwrap();
    assert_eq!(open, serde_json::json!(false), "Escape closed the menu");
    // A dialog opened from the menu gives the focus back to the menu's button when it closes.
    click(&b, &format!("{menu} summary")).await;
    click(&b, &format!("{menu} [data-testid=action-restart]")).await;
    b.find("dialog[open][data-testid=action-dialog]").await;
    click(&b, "dialog[open] [data-testid=dialog-cancel]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_true(
        &b,
        &format!("return document.activeElement === document.querySelector('{menu} summary')"),
        "the focus went back to the Actions button",
    )
    .await;

    // A busy project for the screenshots: a few changing while the picture is taken.
    create_clusters(&b, &["staging-dw", "archive-dw"]).await;
    advance(&emu, 7.0).await;
    // The table polls slowly while nothing changes; Refresh shows the new ones at once.
    click(&b, "[data-testid=refresh]").await;
    wait_task(&b, "[data-testid=cluster-row][data-name=staging-dw]", "35%").await;
    b.screenshot("console-clusters-busy").await;
    // A filter on a passing status outlives its last cluster: still chosen, showing none.
    b.find("[data-testid=cluster-status-filter] option[value=CREATING]").await.click().await.unwrap();
    b.find("[data-testid=cluster-row][data-name=staging-dw]").await;
    advance(&emu, ANY_TASK).await;
    b.find("[data-testid=clusters-no-match]").await;
    let chosen = b.find("[data-testid=cluster-status-filter]").await.prop("value").await.unwrap();
    assert_eq!(chosen.as_deref(), Some("CREATING"), "the filter still says what it hides");
    b.find("[data-testid=cluster-status-filter] option[value='']").await.click().await.unwrap();
    b.find("[data-testid=cluster-row][data-name=staging-dw]").await;

    // Narrow and wide: the page never scrolls sideways (the table scrolls in its own box).
    for (w, h, name) in [(360u32, 780u32, "console-clusters-360"), (1920, 1080, "console-clusters-1920")] {
        resize(&b, w, h).await;
        let overflow = b
            .client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
            .await
            .unwrap();
        assert_eq!(overflow, serde_json::json!(0), "the page scrolls sideways at {w} px");
        b.screenshot(name).await;
    }
    // At 360 px the detail page's menu, whose button sits at the left, opens inside the window.
    resize(&b, 360, 780).await;
    click(&b, "[data-testid=cluster-row][data-name=sales-dw] th a").await;
    b.wait_text("[data-testid=detail-name]", "sales-dw").await;
    click(&b, "[data-testid=actions-menu] summary").await;
    wait_true(
        &b,
        "const r = document.querySelector('[data-testid=actions-menu] .menu-list').getBoundingClientRect(); \
         return r.width > 0 && r.left >= 0 && r.right <= innerWidth;",
        "the detail page's menu is on screen at 360 px",
    )
    .await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    b.find("[data-testid=sign-in-form]").await;
    let overflow = b
        .client
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
        .await
        .unwrap();
    assert_eq!(overflow, serde_json::json!(0), "the sign-in page scrolls sideways at 360 px");
    b.screenshot("console-sign-in-360").await;
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn a_lost_connection_keeps_the_data_shows_a_banner_and_recovers() {
    let data = temp_path("console-emu-restart");
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let listen = format!("127.0.0.1:{port}");
    let start_emulator = || Service::start("DWS_EMULATOR_BIN", &["--listen", &listen, "--data", data.to_str().unwrap(), "--speed", "10"]);
    let emu = start_emulator();
    let upstream = format!("http://{listen}");
    let config = temp_path("console-proxy-restart.toml");
    std::fs::write(&config, "[polling]\nfast_ms = 500\nslow_ms = 1000\n").unwrap();
    let dist = console_dist();
    let px = Service::start(
        "DWS_PROXY_BIN",
        &[
            "--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams",
            "--serve", dist.to_str().unwrap(), "--config", config.to_str().unwrap(), "--rate-limit-per-second", "0",
        ],
    );
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    create_clusters(&b, &["steady-dw"]).await;
    b.find("[data-testid=cluster-row][data-name=steady-dw][data-status=AVAILABLE]").await;

    // The service goes away: a banner, a countdown, and the rows stay.
    drop(emu);
    b.find("[data-testid=live-error]").await;
    wait_contains(&b, "[data-testid=live-error]", "Retrying in").await;
    b.find("[data-testid=cluster-row][data-name=steady-dw]").await;
    b.screenshot("console-connection-lost").await;
    // It comes back (same data, same address): the banner goes on the next try.
    let _emu = start_emulator();
    wait_gone(&b, "[data-testid=live-error]", Duration::from_secs(20)).await;
    b.find("[data-testid=cluster-row][data-name=steady-dw][data-status=AVAILABLE]").await;
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn a_pasted_token_signs_in_and_a_bad_one_is_refused() {
    let (_emu, px) = stack();
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    // A token from IAM, as a script or SDK would get it.
    let token = b
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            fetch('/v3/auth/tokens', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({auth: {
                identity: {methods: ['password'], password: {user: {name: 'admin', password: 'Admin@12345', domain: {name: 'demo'}}}},
                scope: {project: {name: 'ae-ad-1', domain: {name: 'demo'}}}}})})
            .then(r => done(r.headers.get('X-Subject-Token')), e => done(String(e)));"#,
            vec![],
        )
        .await
        .unwrap();
    let token = token.as_str().expect("a token").to_owned();
    click(&b, "[data-testid=tab-token]").await;
    // A refused token is explained and not kept.
    fill(&b, "#token", "not-a-token").await;
    fill(&b, "#token-project", "0f1e2d3c4b5a69788796a5b4c3d2e1f0").await;
    click(&b, "[data-testid=token-submit]").await;
    b.find("[data-testid=token-form] [data-testid=error-panel]").await;
    let kept = b.client.execute("return sessionStorage.getItem('dws-console.session')", vec![]).await.unwrap();
    assert_eq!(kept, serde_json::Value::Null);
    // A project name where the id belongs is flagged before anything is sent.
    fill(&b, "#token", &token).await;
    fill(&b, "#token-project", "ae-ad-1").await;
    click(&b, "[data-testid=token-submit]").await;
    b.find("#token-project[aria-invalid=true]").await;
    fill(&b, "#token-project", "0f1e2d3c4b5a69788796a5b4c3d2e1f0").await;
    click(&b, "[data-testid=token-submit]").await;
    b.wait_path("/clusters").await;
    wait_contains(&b, "[data-testid=session-project]", "ae-ad-1").await;
    wait_contains(&b, "[data-testid=session-left]", "unknown").await;
    b.find("[data-testid=clusters-empty]").await;
    b.close().await;
}
