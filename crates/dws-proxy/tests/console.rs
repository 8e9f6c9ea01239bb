//! Guarantee 13, the static console: strict security headers, the right types, compression,
//! caching, the single-page fallback, the base path, and the runtime configuration.

mod common;

use base64::Engine;
use common::*;
use sha2::Digest;

async fn serving(dist: &FakeDist, base: Option<&str>) -> (Proxy, Recorder) {
    let up = Recorder::start().await;
    let dir = dist.0.clone();
    let base = base.map(str::to_owned);
    let proxy = Proxy::start(&up.url(), move |o| {
        o.serve = Some(dir);
        o.base_path = base;
        o.default_language = Some("zh".into());
    })
    .await;
    (proxy, up)
}

#[tokio::test]
async fn the_page_carries_a_strict_policy_with_the_loaders_hash() {
    let dist = FakeDist::new();
    let (proxy, _) = serving(&dist, None).await;
    let a = send(proxy.addr, "GET", "/", &[], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(a.header("cache-control"), Some("no-store"));
    assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
    let csp = a.header("content-security-policy").unwrap();
    for part in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{part} missing from {csp}");
    }
    assert!(!csp.contains("unsafe-inline"));
    // The loader script the page holds is allowed by its exact hash.
    let page = String::from_utf8(a.body.clone()).unwrap();
    let start = page.find("<script type=\"module\">").unwrap() + "<script type=\"module\">".len();
    let end = page[start..].find("</script>").unwrap() + start;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(&page.as_bytes()[start..end]));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    // <base> is gone (base-uri 'none' would block it) and the base path is stated instead.
    assert!(!page.contains("<base"));
    assert!(page.contains(r#"<meta name="dws-base-path" content="" />"#));
    assert!(
        page.contains(r#"integrity="sha384-b""#),
        "SRI attributes untouched"
    );
}

#[tokio::test]
async fn assets_have_their_types_compression_and_caching() {
    let dist = FakeDist::new();
    let (proxy, _) = serving(&dist, None).await;
    let wasm = std::fs::read(dist.0.join("dws-console-91c954a63f5b8dcd_bg.wasm")).unwrap();

    let a = send(
        proxy.addr,
        "GET",
        "/dws-console-91c954a63f5b8dcd_bg.wasm",
        &[],
        b"",
    )
    .await;
    assert_eq!(a.header("content-type"), Some("application/wasm"));
    assert_eq!(
        a.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(a.body, wasm, "identity when nothing is accepted");

    let a = send(
        proxy.addr,
        "GET",
        "/dws-console-91c954a63f5b8dcd_bg.wasm",
        &[("Accept-Encoding", "gzip, deflate, br")],
        b"",
    )
    .await;
    assert_eq!(a.header("content-encoding"), Some("br"));
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &a.body[..], &mut out).unwrap();
    assert_eq!(out, wasm);
    assert!(a.body.len() < wasm.len());
    assert!(
        a.headers_named("vary")
            .iter()
            .any(|v| v.contains("Accept-Encoding"))
    );

    let a = send(
        proxy.addr,
        "GET",
        "/dws-console-84b08c1c9fe5df46.js",
        &[("Accept-Encoding", "gzip")],
        b"",
    )
    .await;
    assert_eq!(a.header("content-encoding"), Some("gzip"));
    assert_eq!(
        a.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let mut out = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&a.body[..]), &mut out)
        .unwrap();
    assert!(out.starts_with("export default"));

    // Revalidation by ETag.
    let etag = a.header("etag").unwrap().to_owned();
    let a = send(
        proxy.addr,
        "GET",
        "/dws-console-84b08c1c9fe5df46.js",
        &[("If-None-Match", &etag)],
        b"",
    )
    .await;
    assert_eq!(a.status, 304);
    assert!(a.body.is_empty());

    let a = send(proxy.addr, "HEAD", "/main-b30376648402398e.css", &[], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), Some("text/css; charset=utf-8"));
}

#[tokio::test]
async fn application_routes_get_the_app_and_missing_files_get_404() {
    let dist = FakeDist::new();
    let (proxy, up) = serving(&dist, None).await;
    for route in [
        "/clusters",
        "/clusters/7ba031f6-81f4-4670-ad20-c490b91877e5",
        "/sign-in",
    ] {
        let a = send(proxy.addr, "GET", route, &[], b"").await;
        assert_eq!(a.status, 200, "{route}");
        assert!(
            String::from_utf8_lossy(&a.body).contains("dws-base-path"),
            "{route} is the app"
        );
        assert!(a.header("content-security-policy").is_some());
    }
    // Refusals come in the error shape, like every other answer of the proxy's own.
    let a = send(proxy.addr, "GET", "/missing-0123456789abcdef.js", &[], b"").await;
    assert_eq!((a.status, a.code().as_str()), (404, "APIGW.0101"));
    let a = send(proxy.addr, "POST", "/clusters", &[], b"").await;
    assert_eq!((a.status, a.code().as_str()), (405, "PROXY.0014"));
    assert_eq!(a.header("allow"), Some("GET, HEAD"));
    assert_eq!(up.count(), 0, "no page request went upstream");
}

#[tokio::test]
async fn config_json_is_the_proxys_own() {
    let dist = FakeDist::new();
    let (proxy, _) = serving(&dist, None).await;
    let a = send(proxy.addr, "GET", "/config.json", &[], b"").await;
    assert_eq!(a.header("cache-control"), Some("no-cache"));
    let cfg: dws_contract::console_config::ConsoleConfig = serde_json::from_slice(&a.body).unwrap();
    assert_eq!(cfg.api_base, "", "not the file's /from-the-file");
    assert_eq!(cfg.default_language, dws_contract::Lang::Zh);
}

#[tokio::test]
async fn everything_moves_under_a_base_path() {
    let dist = FakeDist::new();
    let (proxy, up) = serving(&dist, Some("/portal/dws")).await;
    let a = send(proxy.addr, "GET", "/portal/dws/", &[], b"").await;
    let page = String::from_utf8(a.body).unwrap();
    assert!(page.contains(r#"<meta name="dws-base-path" content="/portal/dws" />"#));
    assert!(page.contains("from '/portal/dws/dws-console-84b08c1c9fe5df46.js'"));
    assert!(page.contains(r#"href="/portal/dws/main-b30376648402398e.css""#));
    let a = send(
        proxy.addr,
        "GET",
        "/portal/dws/main-b30376648402398e.css",
        &[],
        b"",
    )
    .await;
    assert_eq!(a.status, 200);
    let a = send(proxy.addr, "GET", "/portal/dws/clusters/abc", &[], b"").await;
    assert!(String::from_utf8_lossy(&a.body).contains("/portal/dws/dws-console"));
    assert_eq!(
        send(proxy.addr, "GET", "/main-b30376648402398e.css", &[], b"")
            .await
            .status,
        404
    );
    assert_eq!(
        send(proxy.addr, "GET", "/portal/dws/v1.0/p/clusters", &[], b"")
            .await
            .status,
        200
    );
    assert_eq!(up.count(), 1);
}

#[tokio::test]
async fn frame_ancestors_can_name_a_portal() {
    let dist = FakeDist::new();
    let up = Recorder::start().await;
    let dir = dist.0.clone();
    let proxy = Proxy::start(&up.url(), move |o| {
        o.serve = Some(dir);
        o.frame_ancestors = Some("https://portal.example.com".into());
    })
    .await;
    let a = send(proxy.addr, "GET", "/", &[], b"").await;
    assert!(
        a.header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors https://portal.example.com")
    );
}
