//! The console shell in a real browser: it loads, routes, validates the sign-in form, switches
//! language and remembers the choice.

use dws_e2e::{Browser, StaticServer, console_dist};
use fantoccini::Locator;

#[tokio::test]
#[ignore = "needs Chromium and the built console: run `cargo xtask test`"]
async fn the_console_loads_routes_and_validates_sign_in() {
    let server = StaticServer::start(&console_dist()).await;
    let browser = Browser::start().await;
    let c = &browser.client;

    // Without a session, the root leads to the sign-in page.
    c.goto(&server.url("/")).await.unwrap();
    browser.wait_path("/sign-in").await;
    browser.find("[data-testid=sign-in-form]").await;

    // With one (this static server has no API behind it), the frame and its navigation show.
    c.execute(
        "sessionStorage.setItem('dws-console.session', JSON.stringify({token: 't', expires_at_ms: Date.now() + 3600000, \
         project_id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', project_name: 'ae-ad-1', user_name: 'admin', \
         account_name: 'demo', region: null, api_base: ''}))",
        vec![],
    )
    .await
    .unwrap();
    c.goto(&server.url("/")).await.unwrap();
    browser.wait_path("/clusters").await;
    browser.find("[data-testid=app-header]").await;
    browser.find("[data-testid=clusters-page]").await;
    let nav = browser.find("[data-testid=main-nav]").await;
    let links = nav.find_all(Locator::Css("a")).await.unwrap();
    let mut labels = Vec::new();
    for l in &links {
        labels.push(l.text().await.unwrap());
    }
    assert_eq!(labels, ["Clusters", "Snapshots", "Events", "Node types"]);
    let current = browser.find("[data-testid=main-nav] a[aria-current=page]").await;
    assert_eq!(current.text().await.unwrap(), "Clusters");
    browser.screenshot("shell-clusters").await;

    // Navigation stays in the page (no reload) and marks the current entry.
    links[3].click().await.unwrap();
    browser.wait_path("/node-types").await;
    browser.find("[data-testid=node-types-page]").await;
    browser.wait_text("[data-testid=main-nav] a[aria-current=page]", "Node types").await;

    // The sign-in page: submitting an empty form flags every field with the contract's rules.
    browser.find("[data-testid=sign-out]").await.click().await.unwrap();
    browser.wait_path("/sign-in").await;
    browser.find("[data-testid=sign-in-form]").await;
    browser.find("[data-testid=sign-in-submit]").await.click().await.unwrap();
    browser.wait_text("[data-testid=account-error]", "Account name is required.").await;
    browser.wait_text("[data-testid=password-error]", "Password is required.").await;
    browser.screenshot("shell-sign-in-errors").await;

    // A project with a space breaks the project rule; fixing it clears the message.
    browser.find("#project").await.send_keys("ae ad 1").await.unwrap();
    let msg = browser.find("[data-testid=project-error]").await.text().await.unwrap();
    assert!(msg.contains("Project cannot contain spaces"), "{msg}");

    // 简体中文, remembered across a reload.
    browser.find("[data-testid=lang-zh]").await.click().await.unwrap();
    browser.wait_text("h1", "登录 GaussDB(DWS)").await;
    let html_lang = c.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
    assert_eq!(html_lang.as_deref(), Some("zh-CN"));
    c.refresh().await.unwrap();
    browser.wait_text("h1", "登录 GaussDB(DWS)").await;
    browser.screenshot("shell-sign-in-zh").await;
    browser.find("[data-testid=lang-en]").await.click().await.unwrap();
    browser.wait_text("h1", "Sign in to GaussDB(DWS)").await;

    // An unknown address shows the not-found page, not a blank one.
    c.goto(&server.url("/no/such/page")).await.unwrap();
    browser.find("[data-testid=not-found]").await;
    browser.wait_text("[data-testid=not-found] h1", "Page not found").await;

    browser.close().await;
}
