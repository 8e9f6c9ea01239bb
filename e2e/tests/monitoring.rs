//! The clusters' metrics in a real browser, read from a real PostgreSQL server: the Monitoring
//! tab charts a cluster as Cloud Eye's figures arrive, switches ranges, reads points with the
//! keyboard and opens each chart's table; the viewer sees the charts, a user without
//! `ces:metricData:list` sees the 403 naming it; the clusters page shows its overview.

mod common;

use common::*;
use dws_e2e::{Browser, Service};

const ROW: &str = "[data-testid=cluster-row][data-name=e2e-metrics]";
const SESSIONS: &str = "[data-testid=chart][data-metric=dws009_session_count]";

/// The emulator on a manual clock that samples its servers within a second of each move of the
/// clock, with the console's polling fast.
fn stack_sampling() -> (Service, Service) {
    stack_with(500, 3000, &["--clock", "manual", "--speed", "60", "--data-plane", "postgres"])
}

async fn open_monitoring(b: &Browser, px: &Service, user: &str, password: &str) {
    b.client.goto(&px.url("/clusters")).await.unwrap();
    b.wait_path("/sign-in").await;
    sign_in(b, user, password).await;
    b.wait_path("/clusters").await;
    click(b, &format!("{ROW} a")).await;
    b.find("[data-testid=cluster-detail]").await;
    click(b, "[data-testid=tab-monitoring]").await;
    b.find("[data-testid=monitoring]").await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console, PostgreSQL and the project's binaries: run `cargo xtask test`"]
async fn a_cluster_s_charts_follow_its_server() {
    let (emu, px) = stack_sampling();
    let b = Browser::start().await;
    b.client.goto(&px.url("/clusters")).await.unwrap();
    b.wait_path("/sign-in").await;
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    create_clusters(&b, &["e2e-metrics"]).await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, ROW, "AVAILABLE").await;

    // The tab, chosen with the keyboard from the details tab; its state is in the URL.
    click(&b, &format!("{ROW} a")).await;
    b.find("[data-testid=cluster-detail]").await;
    b.find("[data-testid=tab-details]").await.send_keys("\u{E014}").await.unwrap();
    b.find("[data-testid=monitoring]").await;
    wait_true(&b, "return location.search.includes('tab=monitoring') && document.activeElement.id === 'tab-monitoring'", "the tab is chosen and focused").await;
    wait_true(&b, "return document.querySelectorAll('[data-testid=chart]').length === 7", "seven charts, once the first answer is in").await;

    // The server is read as soon as it runs; the chart shows its point without a reload.
    let readout = format!("{SESSIONS} [data-testid=chart-readout]");
    wait_contains(&b, &readout, "Latest").await;
    wait_contains(&b, &readout, "sessions").await;
    // Ten minutes later by the emulator's clock, now well ahead of the browser's: the charts ask
    // for the service's present (its `Date`), and the new point is on the line.
    advance(&emu, 600.0).await;
    wait_true(
        &b,
        &format!("return document.querySelectorAll('{SESSIONS} [data-testid=chart-table] tbody tr').length >= 2"),
        "a second sample arrives",
    )
    .await;
    // A few more minutes, one sample each: a line, not dots.
    for rows in 3..=7 {
        advance(&emu, 60.0).await;
        wait_true(
            &b,
            &format!("return document.querySelectorAll('{SESSIONS} [data-testid=chart-table] tbody tr').length >= {rows}"),
            "the next sample arrives",
        )
        .await;
    }
    wait_contains(&b, "[data-metric=dws007_db_size] [data-testid=chart-readout]", "MB").await;
    wait_contains(&b, "[data-metric=dws010_cpu_usage] [data-testid=chart-readout]", "%").await;
    b.screenshot("console-monitoring").await;

    // The keyboard reads points: a slider over them whose value text is the point read, the
    // newest first, then the one before.
    let plot = b.find(&format!("{SESSIONS} [data-testid=chart-plot]")).await;
    assert_eq!(plot.attr("role").await.unwrap().as_deref(), Some("slider"));
    plot.send_keys("\u{E012}").await.unwrap();
    let newest = wait_contains(&b, &readout, ":").await;
    assert_eq!(plot.attr("aria-valuetext").await.unwrap().as_deref(), Some(newest.as_str()));
    plot.send_keys("\u{E012}").await.unwrap();
    wait_true(
        &b,
        &format!("return document.querySelector('{readout}').textContent !== {}", serde_json::json!(newest)),
        "the arrow key reads the point before",
    )
    .await;
    let described = b
        .client
        .execute(
            "return arguments[0].getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent).join(' ')",
            vec![serde_json::to_value(&plot).unwrap()],
        )
        .await
        .unwrap();
    let described = described.as_str().unwrap_or_default();
    assert!(described.contains("highest") && described.contains("arrow keys"), "{described}");

    // The chart's table, with its export.
    click(&b, &format!("{SESSIONS} [data-testid=chart-table] summary")).await;
    b.find(&format!("{SESSIONS} [data-testid=chart-table] [data-testid=export-csv]")).await;
    wait_contains(&b, &format!("{SESSIONS} [data-testid=chart-table] tbody"), "sessions").await;

    // Another range: five-minute averages, and back.
    click(&b, "[data-testid=range-6h]").await;
    wait_true(&b, "return location.search.includes('range=6h')", "the range is in the URL").await;
    wait_contains(&b, "[data-testid=monitoring-lead]", "5 minutes").await;
    assert_eq!(b.find("[data-testid=range-6h]").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    click(&b, "[data-testid=range-1h]").await;
    wait_contains(&b, "[data-testid=monitoring-lead]", "Every sample").await;
    wait_contains(&b, &readout, "Latest").await;

    // In Chinese, units in words too.
    click(&b, "[data-testid=lang-zh]").await;
    wait_contains(&b, "[data-testid=tab-monitoring]", "监控").await;
    wait_contains(&b, &readout, "个会话").await;
    b.screenshot("console-monitoring-zh").await;
    click(&b, "[data-testid=lang-en]").await;

    // The clusters page's overview: statuses, and the busiest clusters by sessions.
    b.client.goto(&px.url("/clusters")).await.unwrap();
    wait_contains(&b, "[data-testid=status-counts]", "Available").await;
    wait_contains(&b, "[data-testid=busiest]", "e2e-metrics").await;
    b.screenshot("console-cluster-overview").await;
    b.close().await;

    // The viewer may read metrics.
    let viewer = Browser::start().await;
    open_monitoring(&viewer, &px, "viewer", "Viewer@12345").await;
    wait_contains(&viewer, &readout, "Latest").await;
    viewer.close().await;

    // A user without ces:metricData:list is told so, naming it, on the tab and the overview.
    let reader = Browser::start().await;
    open_monitoring(&reader, &px, "reader", "Reader@12345").await;
    wait_contains(&reader, "[data-testid=monitoring] [data-testid=error-code]", "403").await;
    wait_contains(&reader, "[data-testid=monitoring] [data-testid=error-action]", "ces:metricData:list").await;
    assert!(reader.client.find_all(fantoccini::Locator::Css("[data-testid=metrics-loading]")).await.unwrap().is_empty());
    reader.screenshot("console-monitoring-403").await;
    reader.client.goto(&px.url("/clusters")).await.unwrap();
    wait_contains(&reader, "[data-testid=busiest-unavailable]", "ces:metricData:list").await;
    reader.close().await;
}
