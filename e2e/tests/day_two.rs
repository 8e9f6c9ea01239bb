//! A cluster's day two in a real browser, through the proxy, against the emulator on a manual
//! clock, in a time zone eight hours east of UTC: stop it and start it again, add a snapshot
//! policy with the picker and watch its automated snapshots come as the clock moves, edit its
//! tags, move its maintenance window and rename it; its nodes.
//!
//! Connecting to the stopped cluster is not tried here: the emulator's own HTTP tests check
//! that its server goes down and comes back.

mod common;

use common::*;
use dws_e2e::{Browser, Service, TIMEOUT};

const ROW: &str = "[data-testid=cluster-row][data-name=e2e-day-two]";

/// Signs in as the administrator, creates the test's clusters and opens the first one.
async fn open_cluster(b: &Browser, emu: &Service, px: &Service) {
    b.client.goto(&px.url("/clusters")).await.unwrap();
    b.wait_path("/sign-in").await;
    sign_in(b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    create_clusters(b, &["e2e-day-two", "e2e-day-two-b"]).await;
    advance(emu, ANY_TASK).await;
    wait_settled(b, ROW, "AVAILABLE").await;
    click(b, &format!("{ROW} a")).await;
    b.wait_text("[data-testid=detail-name]", "e2e-day-two").await;
    wait_settled(b, DETAIL_STATUS, "AVAILABLE").await;
}

/// Scrolls to the page's top, where the actions menu is: the menu closes when the page scrolls,
/// so it is opened only once the page is still.
async fn to_top(b: &Browser) {
    b.client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    wait_true(b, "return window.scrollY === 0", "the page is at its top").await;
}

/// Whether a guarded button is offered (and then has no reason) or refused with one.
async fn offered(b: &Browser, testid: &str) -> bool {
    let read = b
        .client
        .execute(
            &format!("const e = document.querySelector('[data-testid={testid}]'); return [e.getAttribute('aria-disabled'), e.getAttribute('aria-describedby')];"),
            vec![],
        )
        .await
        .unwrap();
    match (read[0].as_str(), read[1].as_str()) {
        (Some("false"), None) => true,
        (Some("true"), Some(_)) => false,
        other => panic!("{testid}: offered with a reason or refused without one: {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn a_cluster_is_stopped_started_and_its_settings_changed() {
    let (emu, px) = stack_manual();
    let b = Browser::start_in_zone("Asia/Shanghai").await;
    open_cluster(&b, &emu, &px).await;

    // Its nodes, as the service lists them.
    click(&b, "[data-testid=tab-nodes]").await;
    b.find("[data-testid=node-table] [data-testid=node-row] [data-status=ACTIVE]").await;
    wait_contains(&b, "[data-testid=node-table]", "e2e-day-two").await;
    b.screenshot("day-two-nodes").await;

    // Stop: the dialog says what stops being billed and what does not.
    click(&b, "[data-testid=tab-details]").await;
    open_action(&b, HEAD, "stop").await;
    let billing = wait_contains(&b, "dialog[open] [data-testid=stop-billing]", "vCPUs and memory").await;
    assert!(billing.contains("elastic IP") && billing.contains("yearly/monthly"), "{billing}");
    wait_contains(&b, "dialog[open] [data-testid=stop-explained]", "connections are cut").await;
    b.screenshot("day-two-stop").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_task(&b, DETAIL_STATUS, "Stopping").await;
    assert_eq!(
        menu_entry(&b, HEAD, "start").await,
        Err("The cluster is being stopped; start the cluster when that has finished.".into())
    );
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, DETAIL_STATUS, "STOPPED").await;
    wait_contains(&b, &format!("{DETAIL_STATUS} [data-status=STOPPED]"), "Stopped").await;

    // Stopped: only a start, a delete and the settings are offered; the rest says why.
    assert_eq!(menu_entry(&b, HEAD, "restart").await, Err("The cluster is stopped; start it first to restart the cluster.".into()));
    assert_eq!(menu_entry(&b, HEAD, "snapshot").await, Err("The cluster is stopped; start it first to take a snapshot.".into()));
    assert_eq!(menu_entry(&b, HEAD, "start").await, Ok(()));
    assert_eq!(menu_entry(&b, HEAD, "delete").await, Ok(()));
    assert!(offered(&b, "rename-cluster").await && offered(&b, "edit-tags").await && offered(&b, "modify-window").await);
    click(&b, &format!("{HEAD} [data-testid=actions-menu] summary")).await;
    b.screenshot("day-two-stopped-menu").await;
    b.find(&format!("{HEAD} [data-testid=action-start]")).await.send_keys("\u{E00C}").await.unwrap();
    // Its nodes follow.
    click(&b, "[data-testid=tab-nodes]").await;
    b.find("[data-testid=node-table] [data-status=STOPPED]").await;

    // The clusters page filters on the stopped status.
    b.client.goto(&px.url("/clusters")).await.unwrap();
    wait_settled(&b, ROW, "STOPPED").await;
    click(&b, "#cluster-status-filter option[value=STOPPED]").await;
    wait_gone(&b, "[data-testid=cluster-row][data-name=e2e-day-two-b]", TIMEOUT).await;
    b.find(&format!("{ROW}[data-status=STOPPED]")).await;
    click(&b, "#cluster-status-filter option[value='']").await;
    click(&b, &format!("{ROW} a")).await;
    wait_settled(&b, DETAIL_STATUS, "STOPPED").await;

    // Tags, while stopped: a key the rules refuse is said before anything is sent.
    click(&b, "[data-testid=edit-tags]").await;
    b.find("dialog[open] [data-testid=add-tag]").await;
    click(&b, "dialog[open] [data-testid=add-tag]").await;
    fill(&b, "dialog[open] [data-testid=tag-key]", "_sys_owner").await;
    wait_contains(&b, "dialog[open] [data-testid=tag-key-error]", "_sys_").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_contains(&b, "dialog[open] [data-testid=tag-key-error]", "_sys_").await;
    b.screenshot("day-two-tags-refused").await;
    fill(&b, "dialog[open] [data-testid=tag-key]", "owner").await;
    fill(&b, "dialog[open] [data-testid=tag-value]", "data team").await;
    wait_contains(&b, "dialog[open] [data-testid=tag-key-error]", "").await;
    assert!(b.find("dialog[open] [data-testid=tag-key-error]").await.text().await.unwrap().is_empty());
    b.screenshot("day-two-tags").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_contains(&b, "[data-testid=operations] [data-field=Tags] dd", "owner=data team").await;

    // The maintenance window, chosen in local time (UTC+8): Monday 02:00 there is Sunday 18:00 UTC.
    click(&b, "[data-testid=modify-window]").await;
    b.find("dialog[open] [data-testid=window-form]").await;
    click(&b, "#window-day option[value='0']").await;
    click(&b, "#window-start option[value='18']").await;
    wait_contains(&b, "[data-testid=window-preview]", "Monday 02:00–06:00 (UTC+8) · Sunday 18:00–22:00 (UTC)").await;
    b.screenshot("day-two-maintenance-window").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_contains(
        &b,
        "[data-testid=operations] [data-field=MaintainWindow] dd",
        "Monday 02:00–06:00 (UTC+8) · Sunday 18:00–22:00 (UTC)",
    )
    .await;

    // Rename: a taken name is said on the field, in the service's words; a free one is kept.
    click(&b, "[data-testid=rename-cluster]").await;
    fill(&b, "#new-cluster-name", "1-bad").await;
    wait_contains(&b, "[data-testid=new-cluster-name-error]", "letter").await;
    fill(&b, "#new-cluster-name", "e2e-day-two-b").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_contains(&b, "[data-testid=new-cluster-name-error]", "already in use").await;
    b.screenshot("day-two-rename-taken").await;
    fill(&b, "#new-cluster-name", "e2e-day-two-renamed").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    b.wait_text("[data-testid=detail-name]", "e2e-day-two-renamed").await;

    // Start again.
    to_top(&b).await;
    open_action(&b, HEAD, "start").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_task(&b, DETAIL_STATUS, "Starting").await;
    assert_eq!(menu_entry(&b, HEAD, "stop").await, Err("The cluster is starting; stop the cluster once it is available.".into()));
    assert!(!offered(&b, "rename-cluster").await, "no change of settings while it starts");
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, DETAIL_STATUS, "AVAILABLE").await;
    assert_eq!(menu_entry(&b, HEAD, "restart").await, Ok(()));
    b.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console, PostgreSQL and the project's binaries: run `cargo xtask test`"]
async fn a_policy_picked_in_local_time_takes_automated_snapshots() {
    let (emu, px) = stack_manual();
    let b = Browser::start_in_zone("Asia/Shanghai").await;
    open_cluster(&b, &emu, &px).await;

    // The service's two default policies, their times in the browser's zone.
    click(&b, "[data-testid=tab-backups]").await;
    wait_true(&b, "return location.search.includes('tab=backups')", "the tab is in the URL").await;
    wait_contains(&b, "[data-testid=policy-row][data-name=default-full-strategy]", "Every Sunday at 10:00").await;
    wait_contains(&b, "[data-testid=policy-row][data-name=default-increment-strategy] [data-testid=policy-cron]", "0 7 2/8").await;
    wait_contains(&b, "[data-testid=backups-zone]", "UTC+8").await;
    assert_eq!(b.find("#auto-backup").await.prop("checked").await.unwrap().as_deref(), Some("true"));

    // Every 6 hours from 02:00 local: 00:00, 06:00, 12:00 and 18:00 UTC.
    click(&b, "[data-testid=add-policy]").await;
    b.find("dialog[open] [data-testid=policy-form]").await;
    fill(&b, "#policy-name", "1x").await;
    wait_contains(&b, "[data-testid=policy-name-error]", "letter").await;
    fill(&b, "#policy-name", "every-six-hours").await;
    click(&b, "#repeat-hours").await;
    click(&b, "#policy-every option[value='6']").await;
    fill(&b, "#policy-first", "02:00").await;
    wait_contains(&b, "[data-testid=policy-cron-out]", "0 0 0/6 * * ?").await;
    wait_true(&b, "return document.querySelectorAll('[data-testid=policy-run]').length === 7", "seven runs previewed").await;
    wait_contains(&b, "[data-testid=policy-preview]", "2:00").await;
    resize(&b, 1280, 1250).await;
    b.screenshot("day-two-policy").await;
    resize(&b, 1280, 900).await;
    // A typed expression is checked as typed: more often than every four hours is refused.
    click(&b, "#repeat-cron").await;
    fill(&b, "#policy-cron", "0 0 */3 * * ?").await;
    wait_contains(&b, "[data-testid=policy-cron-error]", "4 hours").await;
    click(&b, "#repeat-hours").await;
    wait_contains(&b, "[data-testid=policy-cron-out]", "0 0 0/6 * * ?").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_contains(&b, "[data-testid=policy-row][data-name=every-six-hours]", "Every 6 hours from 02:00").await;
    wait_contains(&b, "[data-testid=policy-row][data-name=every-six-hours] [data-testid=policy-cron]", "0 0 0/6 * * ?").await;
    b.client.execute("document.querySelector('[data-testid=policy-table]').scrollIntoView({block: 'center'})", vec![]).await.unwrap();
    b.screenshot("day-two-backups").await;
    // In Chinese, the words and times too.
    click(&b, "[data-testid=lang-zh]").await;
    wait_contains(&b, "[data-testid=tab-backups]", "备份").await;
    wait_contains(&b, "[data-testid=policy-row][data-name=every-six-hours]", "从 02:00 起每 6 小时").await;
    wait_contains(&b, "[data-testid=policy-row][data-name=default-full-strategy]", "每周星期日 10:00").await;
    click(&b, "[data-testid=lang-en]").await;
    wait_contains(&b, "[data-testid=tab-backups]", "Backups").await;

    // A day later by the emulator's clock, its snapshots are in the cluster's list.
    advance(&emu, 86_400.0).await;
    advance(&emu, ANY_TASK).await;
    click(&b, "[data-testid=backups-snapshots]").await;
    wait_true(&b, "return location.pathname === '/snapshots' && location.search.includes('cluster=')", "the cluster's snapshots").await;
    // The first was taken when the cluster was created; the policies took the others: in a day,
    // a policy every six hours takes at least three (one may be passed over when another policy
    // ran less than four hours before it).
    wait_true(
        &b,
        "return [...document.querySelectorAll('[data-testid=snapshots-table] tbody tr')].filter(r => r.textContent.includes('Automated')).length >= 4",
        "automated snapshots taken on schedule",
    )
    .await;
    b.screenshot("day-two-automated-snapshots").await;
    let cluster = b.client.execute("return new URLSearchParams(location.search).get('cluster')", vec![]).await.unwrap();
    let cluster = cluster.as_str().unwrap().to_owned();
    b.close().await;

    // A read-only user reads the policies, and is told which permission a change needs.
    let viewer = Browser::start_in_zone("Asia/Shanghai").await;
    viewer.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&viewer, "viewer", "Viewer@12345").await;
    viewer.wait_path("/clusters").await;
    viewer.client.goto(&px.url(&format!("/clusters/{cluster}?tab=backups"))).await.unwrap();
    wait_contains(&viewer, "[data-testid=policy-row][data-name=every-six-hours]", "Every 6 hours from 02:00").await;
    fill(&viewer, "#keep-day", "10").await;
    click(&viewer, "[data-testid=save-settings]").await;
    wait_contains(&viewer, "[data-testid=backup-settings] [data-testid=error-action]", "dws:cluster:createSnapshotPolicy").await;
    viewer.close().await;
}
