//! Each guarantee of the proxy, tested against its real accept loop on loopback with a recording
//! upstream (which proves what did, and did not, reach it).

mod common;

use std::time::{Duration, Instant};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// 1. Only the configured upstreams, whatever the request says; redirects are passed back.
#[tokio::test]
async fn the_target_never_comes_from_the_request() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |_| {}).await;

    // A Host header naming another server changes nothing.
    let a = send(
        proxy.addr,
        "GET",
        "/v1.0/p/clusters",
        &[("Host", "evil.example")],
        b"",
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(up.last().uri, "/v1.0/p/clusters");
    assert_eq!(
        up.last().headers["host"],
        up.addr.to_string().as_str(),
        "Host is the upstream's own"
    );

    // Absolute-form request targets name a host too: ignored.
    let req = "GET http://evil.example:9999/v1.0/p/clusters?x=1 HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
    let a = raw(proxy.addr, req.as_bytes()).await;
    assert_eq!(a.status, 200);
    assert_eq!(up.last().uri, "/v1.0/p/clusters?x=1");
    assert_eq!(up.count(), 2);

    // Paths that could mean something else upstream never leave.
    for path in [
        "/v1.0/p/../../admin",
        "/v1.0/p/%2e%2e/admin",
        "/v1.0/p/a%2Fb",
        "/v1.0//p",
        "/v3/%2E%2E/x",
    ] {
        let a = send(proxy.addr, "GET", path, &[], b"").await;
        assert_eq!((a.status, a.code().as_str()), (400, "PROXY.0009"), "{path}");
    }
    assert_eq!(up.count(), 2);

    // A redirect is handed back, not followed.
    let a = send(proxy.addr, "GET", "/v1.0/p/redirect", &[], b"").await;
    assert_eq!(a.status, 302);
    assert_eq!(a.header("location"), Some("http://203.0.113.99/elsewhere"));
    assert_eq!(up.count(), 3);

    // Paths outside the API are not forwarded at all.
    let a = send(proxy.addr, "GET", "/admin", &[], b"").await;
    assert_eq!(a.status, 404);
    assert_eq!(up.count(), 3);
}

// 2. Private, loopback and link-local upstream addresses are refused unless allowed.
#[tokio::test]
async fn private_upstreams_are_refused_by_default() {
    let up = Recorder::start().await;
    for upstream in [up.url(), format!("http://localhost:{}", up.addr.port())] {
        let proxy = Proxy::start(&upstream, |o| o.allow_private_upstreams = Some(false)).await;
        let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
        assert_eq!(
            (a.status, a.code().as_str()),
            (502, "PROXY.0003"),
            "{upstream}"
        );
        assert!(
            a.json()["error_msg"].as_str().unwrap().contains("private"),
            "{:?}",
            a.json()
        );
    }
    assert_eq!(up.count(), 0, "nothing was sent to the private address");
    let link_local = Proxy::start("http://169.254.169.254", |o| {
        o.allow_private_upstreams = Some(false)
    })
    .await;
    let a = send(link_local.addr, "GET", "/v3/projects", &[], b"").await;
    assert_eq!(a.code(), "PROXY.0003");
}

// 3. Hop-by-hop headers (and those named in Connection) are stripped both ways, cookies too, and
// the client's X-Forwarded-For is replaced by the real peer.
#[tokio::test]
async fn hop_by_hop_headers_and_cookies_stop_here() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |_| {}).await;
    let req = "GET /v1.0/p/hop HTTP/1.1\r\nHost: x\r\nConnection: close, X-Client-Hop\r\nX-Client-Hop: 1\r\n\
               Keep-Alive: timeout=9\r\nTE: trailers\r\nUpgrade: h2c\r\nProxy-Authorization: Basic eA==\r\n\
               Cookie: session=1\r\nX-Forwarded-For: 198.51.100.7\r\nForwarded: for=198.51.100.7\r\n\
               X-Auth-Token: MIItoken\r\nX-Language: zh_cn\r\nExpect: 100-continue\r\n\r\n";
    let a = raw(proxy.addr, req.as_bytes()).await;
    assert_eq!(a.status, 200);
    let seen = up.last().headers;
    for gone in [
        "expect",
        "x-client-hop",
        "keep-alive",
        "te",
        "upgrade",
        "proxy-authorization",
        "cookie",
        "forwarded",
    ] {
        assert!(!seen.contains_key(gone), "{gone} reached the upstream");
    }
    assert_eq!(seen["x-forwarded-for"], "127.0.0.1");
    assert_eq!(seen["x-auth-token"], "MIItoken");
    assert_eq!(seen["x-language"], "zh_cn");
    for gone in [
        "x-upstream-hop",
        "keep-alive",
        "set-cookie",
        "access-control-allow-origin",
    ] {
        assert!(a.header(gone).is_none(), "{gone} reached the client");
    }
    assert_eq!(a.header("x-request-id"), Some("req-2"));
}

// 4. CORS: allowlisted origins are echoed; others get 403 and nothing is forwarded; preflights are
// answered here.
#[tokio::test]
async fn cors_follows_the_allowlist() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |o| {
        o.allow_origins = vec!["https://console.example.com".into()]
    })
    .await;

    let a = send(
        proxy.addr,
        "POST",
        "/v3/auth/tokens",
        &[
            ("Origin", "https://console.example.com"),
            ("Content-Type", "application/json"),
        ],
        b"{}",
    )
    .await;
    assert_eq!(a.status, 201);
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://console.example.com")
    );
    assert!(a.headers_named("vary").iter().any(|v| v.contains("Origin")));
    let exposed = a.header("access-control-expose-headers").unwrap();
    assert!(exposed.contains("X-Subject-Token") && exposed.contains("X-Request-Id"));
    assert!(exposed.contains("Date"), "the service's clock, which the charts follow: {exposed}");
    assert!(a.header("x-subject-token").is_some());
    assert_eq!(up.count(), 1);

    let a = send(
        proxy.addr,
        "GET",
        "/v1.0/p/clusters",
        &[("Origin", "https://evil.example")],
        b"",
    )
    .await;
    assert_eq!((a.status, a.code().as_str()), (403, "PROXY.0005"));
    assert!(a.header("access-control-allow-origin").is_none());
    assert_eq!(up.count(), 1, "a refused origin reaches nothing");

    let preflight = [
        ("Origin", "https://console.example.com"),
        ("Access-Control-Request-Method", "POST"),
        (
            "Access-Control-Request-Headers",
            "x-auth-token, content-type, x-language",
        ),
    ];
    let a = send(proxy.addr, "OPTIONS", "/v1.0/p/clusters", &preflight, b"").await;
    assert_eq!(a.status, 204);
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("https://console.example.com")
    );
    let allowed = a.header("access-control-allow-headers").unwrap();
    for h in ["X-Auth-Token", "Content-Type", "X-Language", "X-Project-Id"] {
        assert!(allowed.contains(h), "{h}");
    }
    assert!(
        a.header("access-control-allow-methods")
            .unwrap()
            .contains("DELETE")
    );
    let age: u32 = a.header("access-control-max-age").unwrap().parse().unwrap();
    assert!(age > 0 && age <= 7200);
    let a = send(
        proxy.addr,
        "OPTIONS",
        "/v1.0/p/clusters",
        &[
            ("Origin", "https://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    )
    .await;
    assert_eq!(a.status, 403);
    assert!(a.header("access-control-allow-origin").is_none());
    assert_eq!(up.count(), 1, "preflights never reach the upstream");

    // Same origin needs no allowlist entry and gets no CORS headers.
    let own = format!("http://{}", proxy.addr);
    let a = send(
        proxy.addr,
        "GET",
        "/v1.0/p/clusters",
        &[("Origin", &own)],
        b"",
    )
    .await;
    assert_eq!(a.status, 200);
    assert!(a.header("access-control-allow-origin").is_none());
    // No Origin at all (curl, SDKs): forwarded.
    assert_eq!(
        send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"")
            .await
            .status,
        200
    );

    // The proxy's own refusals reach an allowed origin's page readable, like the API's answers.
    let allowed = ("Origin", "https://console.example.com");
    let big = "t".repeat(70_000);
    for (path, headers, status) in [
        ("/regions/nowhere/v1.0/p/clusters", vec![allowed], 404),
        ("/v1.0/p/clusters", vec![allowed, ("X-Auth-Token", big.as_str())], 431),
        ("/v1.0/p/../v3/auth/tokens", vec![allowed], 400),
    ] {
        let a = send(proxy.addr, "GET", path, &headers, b"").await;
        assert_eq!(a.status, status, "{path}");
        assert!(a.code().starts_with("PROXY."), "{path}");
        assert_eq!(
            a.header("access-control-allow-origin"),
            Some("https://console.example.com"),
            "{path}"
        );
    }
}

// 5. 32,768-character tokens pass both ways; heads over the cap get 431.
#[tokio::test]
async fn big_tokens_pass_and_bigger_heads_get_431() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |_| {}).await;
    let token = format!("MII{}", "x".repeat(32_768 - 3));
    let a = send(
        proxy.addr,
        "GET",
        "/v1.0/p/clusters",
        &[("X-Auth-Token", &token)],
        b"",
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(up.last().headers["x-auth-token"].len(), 32_768);
    let a = send(
        proxy.addr,
        "POST",
        "/v3/auth/tokens?len=32768",
        &[("Content-Type", "application/json")],
        b"{}",
    )
    .await;
    assert_eq!(a.status, 201);
    assert_eq!(a.header("x-subject-token").unwrap().len(), 32_768);

    let before = up.count();
    let huge = "y".repeat(70 * 1024);
    let a = send(
        proxy.addr,
        "GET",
        "/v1.0/p/clusters",
        &[("X-Auth-Token", &huge)],
        b"",
    )
    .await;
    assert_eq!((a.status, a.code().as_str()), (431, "PROXY.0008"));
    let many: Vec<(String, String)> = (0..40)
        .map(|i| (format!("X-Filler-{i}"), "z".repeat(2000)))
        .collect();
    let refs: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        send(proxy.addr, "GET", "/v1.0/p/clusters", &refs, b"")
            .await
            .status,
        431
    );
    assert_eq!(up.count(), before);
}

// 6. Bodies over the limit get 413, declared or chunked, and nothing reaches the upstream.
#[tokio::test]
async fn oversized_bodies_never_leave() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |_| {}).await;
    let limit = 1024 * 1024;
    let exact = vec![b'a'; limit];
    let a = send(
        proxy.addr,
        "POST",
        "/v1.0/p/clusters",
        &[("Content-Type", "application/json")],
        &exact,
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(up.last().body.len(), limit);
    let before = up.count();

    let over = vec![b'a'; limit + 1];
    let a = send(
        proxy.addr,
        "POST",
        "/v1.0/p/clusters",
        &[("Content-Type", "application/json")],
        &over,
    )
    .await;
    assert_eq!((a.status, a.code().as_str()), (413, "PROXY.0007"));

    // Declared too large: refused before the body is read.
    let req = format!(
        "POST /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        50 * limit
    );
    let a = raw(proxy.addr, req.as_bytes()).await;
    assert_eq!(a.status, 413);

    // Chunked, with no length to check up front.
    let mut req =
        b"POST /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    for _ in 0..20 {
        req.extend_from_slice(format!("{:x}\r\n", 64 * 1024).as_bytes());
        req.extend_from_slice(&vec![b'c'; 64 * 1024]);
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(b"0\r\n\r\n");
    let a = raw(proxy.addr, &req).await;
    assert_eq!((a.status, a.code().as_str()), (413, "PROXY.0007"));
    assert_eq!(
        up.count(),
        before,
        "nothing over the limit reached the upstream"
    );
}

// A body that is not plain or chunked, or cannot be decoded, is refused with its own code, and
// nothing reaches the upstream.
#[tokio::test]
async fn bodies_in_other_codings_or_broken_chunks_never_leave() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |_| {}).await;
    for te in ["gzip, chunked", "chunked, chunked"] {
        let req = format!(
            "POST /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: {te}\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        );
        let a = raw(proxy.addr, req.as_bytes()).await;
        assert_eq!((a.status, a.code().as_str()), (501, "PROXY.0013"), "{te}");
    }
    for chunks in ["FFFFFFFFFFFFFFFFFFFFFFFF\r\nab\r\n", "zz\r\nab\r\n0\r\n\r\n"] {
        let req = format!(
            "POST /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n{chunks}"
        );
        let a = raw(proxy.addr, req.as_bytes()).await;
        assert_eq!((a.status, a.code().as_str()), (400, "PROXY.0011"), "{chunks:?}");
        assert!(a.json()["error_msg"].as_str().unwrap().contains("body"), "{chunks:?}");
    }
    assert_eq!(up.count(), 0);
    // Plain chunked still goes.
    let req = "POST /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    assert_eq!(raw(proxy.addr, req.as_bytes()).await.status, 200);
    assert_eq!(&up.last().body[..], b"{}");
}

// 7. Slow clients cannot hold the proxy.
#[tokio::test]
async fn slow_clients_are_cut_off_and_do_not_block_others() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |o| o.header_read_timeout_secs = Some(1.0)).await;
    let mut slow = Vec::new();
    for _ in 0..200 {
        let mut s = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
        s.write_all(b"GET /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nX-Half: ")
            .await
            .unwrap();
        slow.push(s);
    }
    let started = Instant::now();
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 200);
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "a normal request waited {:?}",
        started.elapsed()
    );
    // After the header timeout the half-sent connections are closed.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut closed = 0;
    for mut s in slow {
        let mut buf = [0u8; 256];
        match tokio::time::timeout(Duration::from_millis(500), s.read(&mut buf)).await {
            Ok(Ok(_)) | Ok(Err(_)) => closed += 1,
            Err(_) => {}
        }
    }
    assert_eq!(closed, 200, "every half-sent request was cut off");
}

// A client that sends its head and then stops partway through the body is answered 408 when
// the body's time is up, and its connection closed; nothing reaches the upstream.
#[tokio::test]
async fn a_body_that_stops_coming_is_cut_off() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |o| o.body_read_timeout_secs = Some(1.0)).await;
    for head in [
        "POST /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"a\"",
        "POST /v1.0/p/clusters HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
    ] {
        let started = Instant::now();
        let mut s = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
        s.write_all(head.as_bytes()).await.unwrap();
        let mut buf = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf))
            .await
            .expect("the connection was closed")
            .unwrap();
        let a = parse_answer(&buf).expect("an answer");
        assert_eq!((a.status, a.code().as_str()), (408, "PROXY.0012"), "{head:?}");
        assert!(started.elapsed() >= Duration::from_millis(900), "{head:?}");
    }
    assert_eq!(up.count(), 0);
}

// 8. Upstream timeouts are 504 and unreachable upstreams 502, both in the DWS error shape.
#[tokio::test]
async fn upstream_failures_are_explained() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |o| o.upstream_timeout_secs = Some(0.3)).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/slow?ms=2000", &[], b"").await;
    assert_eq!((a.status, a.code().as_str()), (504, "PROXY.0002"));
    assert!(!a.json()["error_msg"].as_str().unwrap().is_empty());

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let proxy = Proxy::start(&format!("http://127.0.0.1:{port}"), |_| {}).await;
    let a = send(
        proxy.addr,
        "GET",
        "/v1.0/p/clusters",
        &[("X-Language", "zh_cn")],
        b"",
    )
    .await;
    assert_eq!((a.status, a.code().as_str()), (502, "PROXY.0001"));
    assert!(
        a.json()["error_msg"]
            .as_str()
            .unwrap()
            .starts_with("代理无法连接到服务")
    );
    assert_eq!(a.header("content-type"), Some("application/json"));
}

// 11b. Behind a load balancer named in trusted_proxies, each client behind it has its own bucket,
// and the upstream is told the client's address; a client's own claims are still not believed.
#[tokio::test]
async fn behind_a_trusted_balancer_each_client_has_its_own_limit() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |o| {
        o.rate_limit_per_second = Some(0.001);
        o.rate_limit_burst = Some(2);
        // The test's connections come from loopback: here that is the balancer.
        o.trusted_proxies = vec!["127.0.0.0/8".into()];
    })
    .await;
    let addr = proxy.addr;
    let get = move |xff: &'static str| async move { send(addr, "GET", "/v1.0/p/clusters", &[("X-Forwarded-For", xff)], b"").await };
    for _ in 0..2 {
        assert_eq!(get("198.51.100.1").await.status, 200);
    }
    assert_eq!(get("198.51.100.1").await.status, 429, "the first client's burst is spent");
    assert_eq!(get("198.51.100.2").await.status, 200, "another client behind the balancer is not");
    assert_eq!(up.last().headers["x-forwarded-for"], "198.51.100.2", "the upstream hears of the client");
    // The leftmost entry is the client's own word; only what the balancer appended counts.
    assert_eq!(get("203.0.113.50, 198.51.100.1").await.status, 429);
}

// 11. A per-client rate limit, keyed on the real peer, answers 429 with Retry-After.
#[tokio::test]
async fn clients_are_rate_limited_by_their_real_address() {
    let up = Recorder::start().await;
    let proxy = Proxy::start(&up.url(), |o| {
        o.rate_limit_per_second = Some(2.0);
        o.rate_limit_burst = Some(3);
        o.allow_origins = vec!["https://portal.example.com".into()];
    })
    .await;
    for i in 0..3 {
        // A forged X-Forwarded-For does not buy a fresh bucket.
        let fake = format!("198.51.100.{i}");
        assert_eq!(
            send(
                proxy.addr,
                "GET",
                "/v1.0/p/clusters",
                &[("X-Forwarded-For", &fake)],
                b""
            )
            .await
            .status,
            200
        );
    }
    let a = send(
        proxy.addr,
        "GET",
        "/v1.0/p/clusters",
        &[("X-Forwarded-For", "198.51.100.99")],
        b"",
    )
    .await;
    assert_eq!((a.status, a.code().as_str()), (429, "PROXY.0006"));
    let retry: u64 = a.header("retry-after").unwrap().parse().unwrap();
    assert!(retry >= 1);
    assert_eq!(up.count(), 3);
    // A page from an allowed origin can read the 429, and its preflights are still answered.
    let origin = [("Origin", "https://portal.example.com")];
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &origin, b"").await;
    assert_eq!(a.status, 429);
    assert_eq!(a.header("access-control-allow-origin"), Some("https://portal.example.com"));
    let pre = send(
        proxy.addr,
        "OPTIONS",
        "/v1.0/p/clusters",
        &[origin[0], ("Access-Control-Request-Method", "POST")],
        b"",
    )
    .await;
    assert_eq!(pre.status, 204);
    assert_eq!(up.count(), 3);
    // Health checks are not limited.
    assert_eq!(
        send(proxy.addr, "GET", "/healthz", &[], b"").await.status,
        200
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"")
            .await
            .status,
        200,
        "tokens refill"
    );
}

// 12. Graceful shutdown (in-process; the binary's signal handling is in binary.rs).
#[tokio::test]
async fn shutdown_lets_requests_in_flight_finish() {
    let up = Recorder::start().await;
    let mut proxy = Proxy::start(&up.url(), |_| {}).await;
    let addr = proxy.addr;
    let in_flight =
        tokio::spawn(async move { send(addr, "GET", "/v1.0/p/slow?ms=700", &[], b"").await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    proxy.stop();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "new connections are refused"
    );
    let a = in_flight.await.unwrap();
    assert_eq!(a.status, 200, "the request in flight finished");
    tokio::time::timeout(Duration::from_secs(5), proxy.done)
        .await
        .expect("the server stopped")
        .unwrap();
}

// Cloud Eye's paths (`/V1.0/…`, the case counts) go to the Cloud Eye upstream, and only there.
#[tokio::test]
async fn cloud_eye_paths_go_to_their_own_upstream() {
    let dws = Recorder::start().await;
    let ces = Recorder::start().await;
    let ces_url = ces.url();
    let proxy = Proxy::start(&dws.url(), |o| o.ces = Some(ces_url)).await;
    let body = br#"{"metrics":[],"from":1,"to":2,"period":"1","filter":"average"}"#;
    let a = send(proxy.addr, "POST", "/V1.0/p/batch-query-metric-data", &[("Content-Type", "application/json")], body).await;
    assert_eq!(a.status, 200);
    assert_eq!((ces.count(), ces.last().uri.as_str()), (1, "/V1.0/p/batch-query-metric-data"));
    assert_eq!(&ces.last().body[..], &body[..], "the body passes as sent");
    let a = send(proxy.addr, "GET", "/V1.0/p/metric-data?namespace=SYS.DWS&dim.0=datastore_id,c", &[], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(ces.last().uri, "/V1.0/p/metric-data?namespace=SYS.DWS&dim.0=datastore_id,c");
    assert_eq!(send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await.status, 200);
    assert_eq!((dws.count(), ces.count()), (1, 2), "DWS paths stay with DWS");
    for path in ["/V1.0/p/../../x", "/V1.0/p/metric%2Fdata"] {
        let a = send(proxy.addr, "GET", path, &[], b"").await;
        assert_eq!((a.status, a.code().as_str()), (400, "PROXY.0009"), "{path}");
    }
    assert_eq!(ces.count(), 2);
    // The service's own Date passes, for the charts to ask up to the service's present.
    let a = send(proxy.addr, "GET", "/V1.0/p/dated", &[], b"").await;
    assert_eq!(a.header("date"), Some("Thu, 01 Jan 2026 00:00:00 GMT"));
}

// Regions and the base path keep the reference's paths under their prefixes.
#[tokio::test]
async fn regions_and_base_paths_select_only_configured_upstreams() {
    let a_up = Recorder::start().await;
    let b_up = Recorder::start().await;
    let proxy = Proxy::start(&a_up.url(), |o| {
        o.iam = None;
        o.dws = None;
        o.regions = vec![
            format!("ae-ad-1={0},{0}", a_up.url()),
            format!("cn-north-4={0},{0}", b_up.url()),
        ];
        o.base_path = Some("/portal/dws".into());
    })
    .await;
    assert_eq!(
        send(proxy.addr, "GET", "/portal/dws/v1.0/p/clusters", &[], b"")
            .await
            .status,
        200
    );
    assert_eq!(a_up.count(), 1);
    assert_eq!(
        send(
            proxy.addr,
            "GET",
            "/portal/dws/regions/cn-north-4/v2/p/node-types",
            &[],
            b""
        )
        .await
        .status,
        200
    );
    assert_eq!(b_up.last().uri, "/v2/p/node-types");
    let a = send(
        proxy.addr,
        "GET",
        "/portal/dws/regions/mars-1/v2/p/node-types",
        &[],
        b"",
    )
    .await;
    assert_eq!((a.status, a.code().as_str()), (404, "PROXY.0010"));
    assert_eq!(
        send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"")
            .await
            .status,
        404,
        "outside the base path"
    );
    let a = send(proxy.addr, "GET", "/portal/dws", &[], b"").await;
    assert_eq!(
        (a.status, a.header("location")),
        (301, Some("/portal/dws/"))
    );
    let a = send(proxy.addr, "GET", "/portal/dws/config.json", &[], b"").await;
    let cfg: dws_contract::console_config::ConsoleConfig = serde_json::from_slice(&a.body).unwrap();
    assert_eq!(cfg.api_base, "/portal/dws");
    assert_eq!(cfg.regions[1].api_base, "/portal/dws/regions/cn-north-4");
    assert_eq!(a_up.count() + b_up.count(), 2);
}
