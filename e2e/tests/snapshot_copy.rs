//! Snapshot types and copies in a real browser, through the proxy, against the emulator on a
//! manual clock: a new cluster's automated snapshot shows its type and cannot be deleted (the
//! button says why and does nothing); it is copied (a taken name refused on its field), the copy
//! is manual and turns available when the clock moves; the type filter, also in the address; the
//! copy's page; and the copy restored to a new cluster that becomes available.

mod common;

use common::*;
use dws_e2e::{Browser, TIMEOUT};
use fantoccini::Locator;
use serde_json::Value;

async fn js(b: &Browser, script: &str) -> Value {
    b.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Whether the element is marked refused, and what a screen reader reads as its description.
async fn refusal(b: &Browser, css: &str) -> (String, String) {
    let el = b.find(css).await;
    let v = b
        .client
        .execute(
            "const e = arguments[0]; \
             const why = (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean) \
                 .map(id => document.getElementById(id).textContent).join(' '); \
             return [e.getAttribute('aria-disabled'), why];",
            vec![serde_json::to_value(&el).unwrap()],
        )
        .await
        .unwrap();
    (v[0].as_str().unwrap_or_default().to_owned(), v[1].as_str().unwrap_or_default().to_owned())
}

/// The `data-type` of every snapshot row shown.
async fn types_shown(b: &Browser) -> Vec<String> {
    let v = js(b, "return [...document.querySelectorAll('[data-testid=snapshot-row]')].map(r => r.dataset.type)").await;
    serde_json::from_value(v).unwrap()
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn an_automated_snapshot_is_copied_and_the_copy_restored() {
    let (emu, px) = stack_manual();
    let b = Browser::start().await;
    b.client.goto(&px.url("/sign-in")).await.unwrap();
    sign_in(&b, "admin", "Admin@12345").await;
    b.wait_path("/clusters").await;
    create_clusters(&b, &["cp-source"]).await;
    let source = "[data-testid=cluster-row][data-name=cp-source]";
    wait_task(&b, source, "Creating").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, source, "AVAILABLE").await;

    // The cluster's first automated snapshot, typed as such.
    click(&b, "[data-testid=main-nav] a[href='/snapshots']").await;
    let auto_row = "[data-testid=snapshot-row][data-type=AUTOMATED]";
    wait_contains(&b, &format!("{auto_row}[data-status=AVAILABLE] td:nth-child(4)"), "Automated").await;
    let auto_name = b.find(auto_row).await.attr("data-name").await.unwrap().unwrap();

    // Delete is refused where it stands, with the service's reason, and does nothing.
    let (disabled, why) = refusal(&b, &format!("{auto_row} [data-testid=snapshot-delete]")).await;
    assert_eq!(disabled, "true");
    assert!(why.starts_with("Automated snapshots are removed by the service on its schedule"), "{why}");
    click(&b, &format!("{auto_row} [data-testid=snapshot-delete]")).await;

    // Copy: the dialog that opens is the copy's, never a deletion's.
    assert_eq!(refusal(&b, &format!("{auto_row} [data-testid=snapshot-copy]")).await, ("false".into(), String::new()));
    click(&b, &format!("{auto_row} [data-testid=snapshot-copy]")).await;
    b.find("dialog[open][data-testid=copy-snapshot-dialog]").await;
    assert_eq!(b.client.find_all(Locator::Css("dialog[open]")).await.unwrap().len(), 1);
    // A name already in use is refused on its field, with the service's code.
    fill(&b, "#copy-name", &auto_name.to_uppercase()).await;
    wait_contains(&b, "[data-testid=copy-name-error]", "(DWS.5039)").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_true(&b, "return document.activeElement.id === 'copy-name'", "the name field has the focus").await;
    fill(&b, "#copy-name", "cp-kept").await;
    fill(&b, "#copy-description", "kept from the automated one").await;
    wait_true(&b, "return document.querySelector('[data-testid=copy-name-error]').textContent === ''", "the name is free").await;
    b.screenshot("snapshot-copy").await;
    click(&b, "dialog[open] [data-testid=dialog-confirm]").await;
    wait_gone(&b, "dialog[open]", TIMEOUT).await;
    wait_contains(&b, "[data-testid=copy-accepted]", "the service accepted the request").await;

    // The copy is manual, being made until the clock moves.
    let copy_row = "[data-testid=snapshot-row][data-name=cp-kept]";
    b.find(&format!("{copy_row}[data-type=MANUAL][data-status=CREATING]")).await;
    wait_contains(&b, &format!("{copy_row} td:nth-child(4)"), "Manual").await;
    advance(&emu, ANY_TASK).await;
    b.find(&format!("{copy_row}[data-status=AVAILABLE]")).await;
    wait_contains(&b, &format!("{copy_row} td:nth-child(2)"), "cp-source").await;
    b.screenshot("snapshots").await;

    // The type filter, in the address too.
    b.find("#snapshot-type-filter").await.select_by_value("automated").await.unwrap();
    wait_true(&b, "return document.querySelectorAll('[data-testid=snapshot-row]').length === 1", "one automated snapshot").await;
    assert_eq!(types_shown(&b).await, ["AUTOMATED"]);
    assert_eq!(b.client.current_url().await.unwrap().query(), Some("type=automated"));
    b.client.goto(&px.url("/snapshots?type=manual")).await.unwrap();
    b.find(copy_row).await;
    wait_true(&b, "return document.querySelectorAll('[data-testid=snapshot-row]').length === 1", "one manual snapshot").await;
    assert_eq!(types_shown(&b).await, ["MANUAL"]);
    let picked = b.find("#snapshot-type-filter").await.prop("value").await.unwrap();
    assert_eq!(picked.as_deref(), Some("manual"));
    b.find("#snapshot-type-filter").await.select_by_value("").await.unwrap();
    wait_true(&b, "return document.querySelectorAll('[data-testid=snapshot-row]').length === 2", "both snapshots").await;

    // The copy's page: manual, so no copy; deletable.
    click(&b, &format!("{copy_row} th a")).await;
    b.wait_text("[data-testid=snapshot-detail-name]", "cp-kept").await;
    let fields = wait_contains(&b, "[data-testid=snapshot-fields]", "Manual").await;
    assert!(fields.contains("kept from the automated one"), "{fields}");
    assert!(b.client.find_all(Locator::Css("[data-testid=snapshot-detail] [data-testid=snapshot-copy]")).await.unwrap().is_empty());
    assert_eq!(refusal(&b, "[data-testid=snapshot-detail] [data-testid=snapshot-delete]").await.0, "false");

    // Restore the copy, as any manual snapshot.
    click(&b, "[data-testid=snapshot-detail] [data-testid=snapshot-restore]").await;
    b.find("[data-testid=restore-form]").await;
    fill(&b, "#rs-name", "cp-restored").await;
    click(&b, "[data-testid=restore-submit]").await;
    b.wait_path("/clusters").await;
    let restored = "[data-testid=cluster-row][data-name=cp-restored]";
    wait_task(&b, restored, "Restoring").await;
    advance(&emu, ANY_TASK).await;
    wait_settled(&b, restored, "AVAILABLE").await;

    // The events page tells of the copy.
    click(&b, "[data-testid=main-nav] a[href='/events']").await;
    let copied = "[data-testid=event-row][data-name=createBackup]";
    wait_contains(&b, copied, "cp-kept").await;
    wait_contains(&b, &format!("{copied} .event-context"), "copy of").await;
    b.close().await;
}
