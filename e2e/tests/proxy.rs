//! The console through the proxy in a real browser: no CSP violation, the token readable by a
//! page on another (allowed) origin, and the whole console under a portal's base path.

use dws_e2e::{Browser, Service, StaticServer, console_dist, temp_path};

const IGNORE: &str = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`";

fn emulator() -> Service {
    let data = temp_path("emu");
    Service::start("DWS_EMULATOR_BIN", &["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--speed", "100"]).owning(data)
}

fn proxy(emulator: &Service, extra: &[&str]) -> Service {
    let upstream = format!("http://{}", emulator.addr);
    let dist = console_dist();
    let mut args = vec![
        "--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams",
        "--serve", dist.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    Service::start("DWS_PROXY_BIN", &args)
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn the_console_runs_through_the_proxy_without_a_csp_violation() {
    let _ = IGNORE;
    let emu = emulator();
    let px = proxy(&emu, &[]);
    let browser = Browser::start().await;
    browser.client.goto(&px.url("/")).await.unwrap();
    browser.wait_path("/sign-in").await;
    browser.find("[data-testid=lang-zh]").await.click().await.unwrap();
    browser.wait_text("h1", "登录 GaussDB(DWS)").await;
    browser.find("[data-testid=sign-in-submit]").await.click().await.unwrap();
    browser.find("[data-testid=account-error]").await;
    let messages = browser.console_messages().await;
    let violations: Vec<&String> = messages.iter().filter(|m| m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).collect();
    assert!(violations.is_empty(), "CSP violations: {violations:#?}");
    browser.screenshot("proxy-console").await;
    // The check can see a violation: an inline script injected now is refused, and reported.
    browser
        .client
        .execute("const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s);", vec![])
        .await
        .unwrap();
    let injected = browser.client.execute("return window.injected === undefined", vec![]).await.unwrap();
    assert_eq!(injected, true, "the policy refused the inline script");
    let messages = browser.console_messages().await;
    assert!(messages.iter().any(|m| m.contains("Content Security Policy")), "the violation was reported: {messages:#?}");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn a_page_on_an_allowed_origin_reads_the_token_and_calls_dws() {
    let emu = emulator();
    // The page comes from one origin, the proxy is another.
    let page = StaticServer::start(&console_dist()).await;
    let page_origin = format!("http://{}", page.addr);
    let px = proxy(&emu, &["--allow-origin", &page_origin]);
    let browser = Browser::start().await;
    browser.client.goto(&page.url("/sign-in")).await.unwrap();
    browser.find("[data-testid=sign-in-form]").await;
    let script = r#"
        const [api, done] = [arguments[0], arguments[arguments.length - 1]];
        (async () => {
            const signIn = await fetch(api + "/v3/auth/tokens", {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({auth: {identity: {methods: ["password"], password: {user: {
                    name: "admin", password: "Admin@12345", domain: {name: "demo"}}}},
                    scope: {project: {name: "ae-ad-1"}}}}),
            });
            const token = signIn.headers.get("X-Subject-Token");
            const body = await signIn.json();
            const project = body.token.project.id;
            const list = await fetch(api + "/v1.0/" + project + "/clusters", {headers: {"X-Auth-Token": token, "X-Language": "en_us"}});
            const clusters = await list.json();
            const refused = await fetch(api + "/v1.0/" + project + "/clusters").then(r => r.status);
            done({signIn: signIn.status, tokenLength: token ? token.length : 0,
                  requestId: list.headers.get("X-Request-Id"), list: list.status,
                  count: clusters.count, refused});
        })().catch(e => done({error: String(e)}));
    "#;
    let out = browser.client.execute_async(script, vec![serde_json::json!(px.url(""))]).await.unwrap();
    assert_eq!(out["signIn"], 201, "{out}");
    assert!(out["tokenLength"].as_u64().unwrap() > 100, "X-Subject-Token is readable: {out}");
    assert!(out["requestId"].as_str().is_some_and(|r| !r.is_empty()), "X-Request-Id is readable: {out}");
    assert_eq!(out["list"], 200);
    assert_eq!(out["count"], 0);
    assert_eq!(out["refused"], 401, "without the token the emulator refuses, through the proxy");

    // A page on an origin that is not allowed cannot call it.
    let other = StaticServer::start(&console_dist()).await;
    browser.client.goto(&other.url("/sign-in")).await.unwrap();
    browser.find("[data-testid=sign-in-form]").await;
    let blocked = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0] + '/v2/x/node-types').then(r => done('read ' + r.status), e => done('blocked'));",
            vec![serde_json::json!(px.url(""))],
        )
        .await
        .unwrap();
    assert_eq!(blocked, "blocked");
    browser.close().await;
}

#[tokio::test]
#[ignore = "needs Chromium, the built console and the project's binaries: run `cargo xtask test`"]
async fn the_console_works_under_a_portal_base_path() {
    let emu = emulator();
    let px = proxy(&emu, &["--base-path", "/portal/dws"]);
    let browser = Browser::start().await;
    browser.client.goto(&px.url("/portal/dws/")).await.unwrap();
    // Signing in goes through the API under the base path too.
    browser.wait_path("/portal/dws/sign-in").await;
    for (id, value) in [("#account", "demo"), ("#user", "admin"), ("#password", "Admin@12345"), ("#project", "ae-ad-1")] {
        browser.find(id).await.send_keys(value).await.unwrap();
    }
    browser.find("[data-testid=sign-in-submit]").await.click().await.unwrap();
    browser.wait_path("/portal/dws/clusters").await;
    browser.find("[data-testid=clusters-empty]").await;
    let links = browser.find("[data-testid=main-nav]").await;
    let snap = links.find(fantoccini::Locator::Css("a[href='/portal/dws/snapshots']")).await.unwrap();
    snap.click().await.unwrap();
    browser.wait_path("/portal/dws/snapshots").await;
    browser.find("[data-testid=snapshots-page]").await;
    // A deep link loads the app too, and nothing falls back to the defaults.
    browser.client.goto(&px.url("/portal/dws/node-types")).await.unwrap();
    browser.find("[data-testid=node-types-page]").await;
    assert!(browser.client.find(fantoccini::Locator::Css(".banner-warning")).await.is_err(), "config.json was found under the base path");
    let messages = browser.console_messages().await;
    assert!(!messages.iter().any(|m| m.contains("Content Security Policy")), "{messages:#?}");
    browser.close().await;
}
