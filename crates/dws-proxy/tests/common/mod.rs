//! The harness: a recording upstream, the proxy on loopback with its real accept loop, and a raw
//! HTTP/1.1 client that can send what well-behaved clients never do.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use dws_proxy::app::ProxyState;
use dws_proxy::config::{FileConfig, Overrides, ProxyConfig};
use dws_proxy::static_site::Site;
use http_body_util::BodyExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A request as the upstream received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub uri: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// An upstream that records every request and answers by path:
/// `/v3/auth/tokens` → 201 with an `X-Subject-Token` of `?len=` characters (default 180);
/// `…/slow?ms=N` → waits N ms; `…/redirect` → 302 elsewhere; `…/hop` → an answer full of
/// hop-by-hop headers and cookies; `…/dated` → its own `Date`; anything else → 200 `{"ok":true}`.
#[derive(Clone)]
pub struct Recorder {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Recorder {
    pub async fn start() -> Recorder {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new().fallback(record).with_state(seen.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Recorder { addr, seen }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    pub fn last(&self) -> Seen {
        self.seen
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("the upstream received nothing")
    }
}

fn query_num(uri: &axum::http::Uri, key: &str) -> Option<u64> {
    uri.query()?
        .split('&')
        .find_map(|p| p.strip_prefix(&format!("{key}=")))
        .and_then(|v| v.parse().ok())
}

async fn record(State(seen): State<Arc<Mutex<Vec<Seen>>>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    seen.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        uri: parts.uri.to_string(),
        headers: parts.headers.clone(),
        body,
    });
    let path = parts.uri.path();
    if path == "/v3/auth/tokens" {
        let len = query_num(&parts.uri, "len").unwrap_or(180) as usize;
        let token = format!("MII{}", "t".repeat(len.saturating_sub(3)));
        let mut r = (
            StatusCode::CREATED,
            axum::Json(serde_json::json!({"token": {"expires_at": "x", "methods": ["password"]}})),
        )
            .into_response();
        r.headers_mut()
            .insert("x-subject-token", token.parse().unwrap());
        r.headers_mut()
            .insert("x-request-id", "req-1".parse().unwrap());
        return r;
    }
    if path.ends_with("/slow") {
        tokio::time::sleep(Duration::from_millis(
            query_num(&parts.uri, "ms").unwrap_or(1000),
        ))
        .await;
    }
    if path.ends_with("/redirect") {
        let mut r = StatusCode::FOUND.into_response();
        r.headers_mut()
            .insert("location", "http://203.0.113.99/elsewhere".parse().unwrap());
        return r;
    }
    let mut r = axum::Json(serde_json::json!({"ok": true})).into_response();
    if path.ends_with("/hop") {
        let h = r.headers_mut();
        h.insert("connection", "x-upstream-hop".parse().unwrap());
        h.insert("x-upstream-hop", "1".parse().unwrap());
        h.insert("keep-alive", "timeout=5".parse().unwrap());
        h.insert("set-cookie", "session=secret".parse().unwrap());
        h.insert("access-control-allow-origin", "*".parse().unwrap());
    }
    if path.ends_with("/dated") {
        // An upstream whose clock is its own (the emulator's may run fast).
        r.headers_mut().insert("date", "Thu, 01 Jan 2026 00:00:00 GMT".parse().unwrap());
    }
    r.headers_mut()
        .insert("x-request-id", "req-2".parse().unwrap());
    r
}

/// A running proxy.
pub struct Proxy {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub done: tokio::task::JoinHandle<()>,
}

impl Proxy {
    /// The proxy in front of `upstream` (IAM and DWS both), with `tweak` applied to the flags.
    pub async fn start(upstream: &str, tweak: impl FnOnce(&mut Overrides)) -> Proxy {
        let mut o = Overrides {
            iam: Some(upstream.into()),
            dws: Some(upstream.into()),
            allow_private_upstreams: Some(true),
            listen: Some("127.0.0.1:0".into()),
            ..Default::default()
        };
        tweak(&mut o);
        Proxy::with_config(ProxyConfig::resolve(o, FileConfig::default()).unwrap()).await
    }

    pub async fn with_config(config: ProxyConfig) -> Proxy {
        let upstreams = dws_proxy::upstream::Upstreams::new(
            config.extra_ca.as_deref(),
            config.allow_private_upstreams,
            config.connect_timeout,
        )
        .unwrap();
        let site = config
            .serve
            .as_ref()
            .map(|d| Site::load(d, &config.base_path, &[], &config.frame_ancestors).unwrap());
        let listener = tokio::net::TcpListener::bind(config.listen).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(ProxyState::new(config, upstreams, site));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let done = tokio::spawn(dws_proxy::server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        Proxy {
            addr,
            stop: Some(tx),
            done,
        }
    }

    /// Signals shutdown.
    pub fn stop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// An answer read off the wire.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
    pub fn code(&self) -> String {
        self.json()["error_code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses one HTTP/1.1 answer (Content-Length, chunked, or read-to-close).
pub fn parse_answer(raw: &[u8]) -> Option<Answer> {
    let end = find(raw, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        let mut out = Vec::new();
        let mut r = rest;
        loop {
            let line_end = find(r, b"\r\n")?;
            let size =
                usize::from_str_radix(std::str::from_utf8(&r[..line_end]).ok()?.trim(), 16).ok()?;
            r = &r[line_end + 2..];
            if size == 0 {
                break;
            }
            out.extend_from_slice(&r[..size]);
            r = &r[size + 2..];
        }
        out
    } else if let Some(len) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        let n: usize = len.1.parse().ok()?;
        rest.get(..n).unwrap_or(rest).to_vec()
    } else {
        rest.to_vec()
    };
    Some(Answer {
        status,
        headers,
        body,
    })
}

/// Sends raw bytes on a new connection and reads the answer until the server closes.
pub async fn raw(addr: SocketAddr, request: &[u8]) -> Answer {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), s.read_to_end(&mut buf)).await;
    parse_answer(&buf)
        .unwrap_or_else(|| panic!("no HTTP answer in {:?}", String::from_utf8_lossy(&buf)))
}

/// A well-formed request with `Connection: close`.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes).await
}

/// A fresh folder `dws-proxy-<tag>-<pid>-<n>` in the temporary folder, removed when dropped,
/// passing test or failing.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let d = std::env::temp_dir().join(format!("dws-proxy-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }

    /// A path in it.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A child process killed when dropped, so that a failing test leaves none running.
pub struct Reaped(pub std::process::Child);

impl std::ops::Deref for Reaped {
    type Target = std::process::Child;

    fn deref(&self) -> &std::process::Child {
        &self.0
    }
}

impl std::ops::DerefMut for Reaped {
    fn deref_mut(&mut self) -> &mut std::process::Child {
        &mut self.0
    }
}

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// A folder shaped like trunk's output, for serving tests.
pub struct FakeDist(pub PathBuf);

impl FakeDist {
    pub fn new() -> FakeDist {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let d = std::env::temp_dir().join(format!("dws-proxy-dist-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let index = r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <base href="/" />
    <link rel="icon" href="/favicon-10cfe39e6db7ac11.svg" integrity="sha384-a"/>
    <link rel="stylesheet" href="/main-b30376648402398e.css" integrity="sha384-b"/>
<script type="module">
import init, * as bindings from '/dws-console-84b08c1c9fe5df46.js';
const wasm = await init({ module_or_path: '/dws-console-91c954a63f5b8dcd_bg.wasm' });
</script>
  <link rel="modulepreload" href="/dws-console-84b08c1c9fe5df46.js" crossorigin="anonymous" integrity="sha384-c"></head>
  <body></body>
</html>
"#;
        std::fs::write(d.join("index.html"), index).unwrap();
        std::fs::write(
            d.join("dws-console-84b08c1c9fe5df46.js"),
            "export default function init(){}\n".repeat(200),
        )
        .unwrap();
        std::fs::write(
            d.join("dws-console-91c954a63f5b8dcd_bg.wasm"),
            [0u8, 97, 115, 109, 1, 0, 0, 0].repeat(400),
        )
        .unwrap();
        std::fs::write(
            d.join("main-b30376648402398e.css"),
            "body { margin: 0 }\n".repeat(100),
        )
        .unwrap();
        std::fs::write(
            d.join("favicon-10cfe39e6db7ac11.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .unwrap();
        std::fs::write(d.join("config.json"), "{\"api_base\":\"/from-the-file\"}").unwrap();
        FakeDist(d)
    }
}

impl Drop for FakeDist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
