//! Every request's way through the proxy: limits, then the API (CORS, then forwarding to the
//! configured upstream), the runtime configuration, health, or the console's files.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, Extension, Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use dws_contract::ErrorCode;
// Which service a path belongs to is the contract's operation table's to say.
use dws_contract::operation::{Service, service_of};
use dws_contract::console_config::{ConsoleConfig, RegionConfig};
use http_body_util::{BodyExt, Limited};

use crate::config::{ProxyConfig, Region};
use crate::cors::{self, OriginCheck};
use crate::error::{ProxyError, lang_of, not_found};
use crate::h1::{Answer, Outgoing};
use crate::headers;
use crate::limits::RateLimiter;
use crate::static_site::Site;
use crate::upstream::{ConnSlot, UpstreamError, Upstreams};

/// What every request can reach.
pub struct ProxyState {
    /// Settings.
    pub config: ProxyConfig,
    /// The upstream connections.
    pub upstreams: Arc<Upstreams>,
    /// The console, when serving it.
    pub site: Option<Site>,
    /// Rate limiting, when on.
    pub limiter: Option<RateLimiter>,
    /// `config.json`, rendered once.
    pub console_config: Bytes,
}



/// Whether a path is safe to forward: ASCII, no empty, `.` or `..` segments (also
/// percent-encoded), no encoded `/` or `\`, no `;`. Such paths can mean something else upstream.
pub fn path_is_clean(path: &str) -> bool {
    let b = path.as_bytes();
    // `;` starts path parameters for some servers (`/..;/` climbs a level in Java containers);
    // the API's paths have none.
    if !path.is_ascii() || b.contains(&b'\\') || b.contains(&b';') {
        return false;
    }
    // Encoded `/`, `\` and NUL.
    let encoded = |w: &[u8], hi: u8, lo: u8| w[1] == hi && w[2].eq_ignore_ascii_case(&lo);
    if b.windows(3).any(|w| {
        w[0] == b'%' && (encoded(w, b'2', b'f') || encoded(w, b'5', b'c') || encoded(w, b'0', b'0'))
    }) {
        return false;
    }
    let rest = path.strip_prefix('/').unwrap_or(path);
    let count = rest.split('/').count();
    rest.split('/').enumerate().all(|(i, seg)| {
        // `.` and `..`, also written `%2e`.
        let dots = seg.eq_ignore_ascii_case("%2e")
            || seg == "."
            || [".%2e", "%2e.", "%2e%2e", ".."]
                .iter()
                .any(|d| seg.eq_ignore_ascii_case(d));
        // A trailing slash is fine; other empty segments are not.
        (!seg.is_empty() || i == count - 1) && !dots
    })
}

/// The runtime configuration the console reads: the API at this proxy (under the base path), and
/// each region under `/regions/{name}`.
pub fn console_config(config: &ProxyConfig) -> ConsoleConfig {
    let base = &config.base_path;
    ConsoleConfig {
        api_base: base.clone(),
        default_language: config.default_language,
        regions: config
            .regions
            .iter()
            .map(|r| RegionConfig {
                name: r.name.clone(),
                label: None,
                api_base: format!("{base}/regions/{}", r.name),
            })
            .collect(),
        polling: config.polling,
    }
}

impl ProxyState {
    /// Builds the state: upstreams, site, limiter, config.json.
    pub fn new(config: ProxyConfig, upstreams: Upstreams, site: Option<Site>) -> ProxyState {
        let console_config =
            Bytes::from(serde_json::to_vec(&console_config(&config)).unwrap_or_default());
        let limiter = config.rate_limit.map(RateLimiter::new);
        ProxyState {
            config,
            upstreams: Arc::new(upstreams),
            site,
            limiter,
            console_config,
        }
    }
}

/// What the accept loop knows of a client connection, handed to each of its requests.
pub struct ClientConn {
    /// The peer address (the only address rate limits and `X-Forwarded-For` trust).
    pub peer: SocketAddr,
    /// `X-Forwarded-For` for its requests, formatted once.
    pub forwarded_for: HeaderValue,
    /// The upstream connection it holds between requests.
    pub slot: ConnSlot,
}

impl ClientConn {
    /// The connection of a client at `peer`.
    pub fn new(peer: SocketAddr, upstreams: Arc<Upstreams>) -> ClientConn {
        let forwarded_for = HeaderValue::from_str(&peer.ip().to_string())
            .unwrap_or(HeaderValue::from_static("unknown"));
        ClientConn {
            peer,
            forwarded_for,
            slot: ConnSlot::new(upstreams),
        }
    }
}

/// The router: one handler that dispatches by path (so the base path and regions are plain
/// string prefixes, with no pattern that a crafted path could steer).
pub fn app(state: Arc<ProxyState>) -> Router {
    Router::new().fallback(dispatch).with_state(state)
}

async fn dispatch(
    State(state): State<Arc<ProxyState>>,
    conn: Result<Extension<Arc<ClientConn>>, ExtensionRejection>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    req: Request,
) -> Response {
    // The accept loop calls `handle` with the connection; a router driven without it (tests)
    // gets a connection per request.
    let conn = match conn {
        Ok(Extension(c)) => c,
        Err(_) => {
            let peer = peer
                .map(|c| c.0)
                .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
            Arc::new(ClientConn::new(peer, state.upstreams.clone()))
        }
    };
    handle(&state, &conn, req).await
}

/// Answers one request of a client connection.
pub async fn handle(state: &ProxyState, conn: &ClientConn, req: Request) -> Response {
    // Only what the log line needs, and only when it is written.
    let logged = tracing::enabled!(tracing::Level::INFO)
        .then(|| (Instant::now(), req.method().clone(), req.uri().clone()));
    let res = route(state, conn, req).await;
    if let Some((started, method, uri)) = logged {
        // Method, path and status only: never headers, queries or bodies, which carry secrets.
        let path = uri.path();
        tracing::info!(%method, %path, status = res.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    }
    res
}

async fn route(state: &ProxyState, conn: &ClientConn, req: Request) -> Response {
    let cfg = &state.config;
    let lang = lang_of(req.headers());
    // A cheap handle on the URI (shared bytes), so the path can be borrowed while `req` moves on.
    let uri = req.uri().clone();
    let full = uri.path();
    let path = if cfg.base_path.is_empty() {
        full
    } else if full == cfg.base_path {
        return redirect(&format!("{}/", cfg.base_path));
    } else if let Some(rest) = full
        .strip_prefix(cfg.base_path.as_str())
        .filter(|r| r.starts_with('/'))
    {
        rest
    } else {
        return not_found(lang);
    };
    if path == "/healthz" {
        return axum::Json(serde_json::json!({"status": "ok"})).into_response();
    }
    // CORS is decided first, so that every answer an allowed origin gets, the proxy's own
    // refusals (429, 431, 404) included, is one its page can read.
    let origin = cors::check(req.headers(), &cfg.allow_origins);
    if cors::is_preflight(req.method(), req.headers()) {
        // Answered here and never counted against the rate limit: a preflight refused with a
        // 429 would read, in the browser, as a CORS failure instead of as the limit.
        return match &origin {
            OriginCheck::Allowed(o) => cors::preflight(Some(o)),
            OriginCheck::SameOrigin => cors::preflight(None),
            _ => ProxyError::new(ErrorCode::Proxy0005).response(lang),
        };
    }
    let mut res = checked(state, conn, req, path, full, &origin, lang).await;
    if let OriginCheck::Allowed(o) = &origin {
        cors::decorate(res.headers_mut(), o);
    }
    res
}

/// A request past its CORS check: limits, then the API, the configuration or the files.
async fn checked(
    state: &ProxyState,
    conn: &ClientConn,
    req: Request,
    path: &str,
    full: &str,
    origin: &OriginCheck,
    lang: dws_contract::Lang,
) -> Response {
    let cfg = &state.config;
    if let Some(limiter) = &state.limiter
        && let Err(wait) = limiter.take(conn.peer.ip(), Instant::now())
    {
        let mut e = ProxyError::new(ErrorCode::Proxy0006);
        e.retry_after = Some(wait.as_secs_f64().ceil().max(1.0) as u64);
        return e.response(lang);
    }
    let target_len = req.uri().path_and_query().map_or(1, |pq| pq.as_str().len());
    let head = headers::head_size(req.method().as_str(), target_len, req.headers());
    if head > cfg.max_header_bytes {
        return ProxyError::with(
            ErrorCode::Proxy0008,
            format!("Limit: {} bytes.", cfg.max_header_bytes),
        )
        .response(lang);
    }

    // Which upstream, if any.
    let (region, api_path): (&Region, &str) = match path.strip_prefix("/regions/") {
        Some(rest) => {
            let (name, tail) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            match cfg.region(name) {
                Some(r) if service_of(tail).is_some() => (r, tail),
                Some(_) => return not_found(lang),
                None => {
                    return ProxyError::with(ErrorCode::Proxy0010, name.to_owned()).response(lang);
                }
            }
        }
        None => (&cfg.default_region, path),
    };
    if let Some(service) = service_of(api_path) {
        // The path as received serves as is when nothing was stripped from it.
        let same_path = api_path.len() == full.len();
        if *origin == OriginCheck::Denied {
            return ProxyError::new(ErrorCode::Proxy0005).response(lang);
        }
        return match forward(state, conn, region, service, api_path, same_path, req).await {
            Ok(r) => r,
            Err(e) => e.response(lang),
        };
    }
    if path == "/config.json" {
        let mut r = state.console_config.clone().into_response();
        r.headers_mut()
            .insert("content-type", HeaderValue::from_static("application/json"));
        r.headers_mut()
            .insert("cache-control", HeaderValue::from_static("no-cache"));
        return r;
    }
    match &state.site {
        Some(site) => site.serve(req.method(), path, req.headers()),
        None => not_found(lang),
    }
}

fn redirect(to: &str) -> Response {
    let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert("location", v);
    }
    r
}

async fn forward(
    state: &ProxyState,
    conn: &ClientConn,
    region: &Region,
    service: Service,
    path: &str,
    same_path: bool,
    req: Request,
) -> Result<Response, ProxyError> {
    let cfg = &state.config;
    if !path_is_clean(path) {
        return Err(ProxyError::new(ErrorCode::Proxy0009));
    }
    let (mut parts, body) = req.into_parts();
    let limit = cfg.max_body_bytes;
    let too_large = || ProxyError::with(ErrorCode::Proxy0007, format!("Limit: {limit} bytes."));
    let declared = parts
        .headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    if !transfer_coding_is_plain(&parts.headers) {
        return Err(ProxyError::new(ErrorCode::Proxy0013));
    }
    // The whole body is read (within the limit and the time allowed) before anything is sent
    // upstream, so a body that turns out too large never reaches it, and a client that stops
    // sending cannot hold its connection and what it sent so far.
    let bytes = if http_body::Body::is_end_stream(&body) {
        Bytes::new()
    } else {
        let read = Limited::new(body, limit).collect();
        match tokio::time::timeout(cfg.body_read_timeout, read).await {
            Err(_) => {
                return Err(ProxyError::with(
                    ErrorCode::Proxy0012,
                    format!("(Waited {:?}.)", cfg.body_read_timeout),
                ));
            }
            Ok(Ok(c)) => c.to_bytes(),
            Ok(Err(e))
                if e.downcast_ref::<http_body_util::LengthLimitError>()
                    .is_some() =>
            {
                return Err(too_large());
            }
            Ok(Err(_)) => return Err(ProxyError::new(ErrorCode::Proxy0011)),
        }
    };
    let target = match service {
        Service::Iam => &region.iam,
        Service::Dws => &region.dws,
    };
    // Origin form, as HTTP/1.1 sends it to a server; the connection comes from `target`.
    let request_target = match parts.uri.path_and_query() {
        Some(pq) if same_path => target.target(pq.clone()),
        _ => {
            let pq = match parts.uri.query() {
                Some(q) => format!("{path}?{q}"),
                None => path.to_owned(),
            };
            pq.parse()
                .map_err(axum::http::Error::from)
                .and_then(|pq| target.target(pq))
        }
    }
    .map_err(|_| ProxyError::new(ErrorCode::Proxy0009))?;
    let mut headers = headers::upstream_request(
        std::mem::take(&mut parts.headers),
        conn.forwarded_for.clone(),
    );
    headers.insert(axum::http::header::HOST, target.host_header.clone());
    let answer = tokio::time::timeout(
        cfg.upstream_timeout,
        state.upstreams.send(
            &conn.slot,
            target,
            &Outgoing {
                method: &parts.method,
                target: request_target.as_str(),
                headers: &headers,
                body: &bytes,
            },
            cfg.upstream_timeout,
        ),
    )
    .await;
    let answer = match answer {
        Err(_) => {
            return Err(upstream_error(
                UpstreamError::Timeout(cfg.upstream_timeout),
                target,
            ));
        }
        Ok(Err(e)) => return Err(upstream_error(e, target)),
        Ok(Ok(a)) => a,
    };
    let (head, body) = match answer {
        Answer::Whole(head, bytes) => (head, Body::from(bytes)),
        Answer::Streaming(head, body) => (head, Body::new(*body)),
    };
    let mut res = Response::new(if parts.method == Method::HEAD {
        Body::empty()
    } else {
        body
    });
    *res.status_mut() = head.status;
    *res.headers_mut() = head.headers;
    headers::client_response(res.headers_mut());
    Ok(res)
}

/// Whether a request's body comes plain or only chunked (the HTTP layer has decoded that):
/// any other coding (`gzip, chunked`) would go upstream still coded, under a length that does
/// not say so.
fn transfer_coding_is_plain(headers: &axum::http::HeaderMap) -> bool {
    let mut codings = headers
        .get_all(axum::http::header::TRANSFER_ENCODING)
        .iter()
        .flat_map(|v| v.as_bytes().split(|b| *b == b','))
        .map(<[u8]>::trim_ascii);
    match (codings.next(), codings.next()) {
        (None, _) => true,
        (Some(only), None) => only.eq_ignore_ascii_case(b"chunked"),
        _ => false,
    }
}

fn upstream_error(e: UpstreamError, target: &crate::config::UpstreamUrl) -> ProxyError {
    tracing::warn!(upstream = %target.origin(), "upstream failure: {e}");
    match e {
        UpstreamError::Timeout(d) => ProxyError::with(
            ErrorCode::Proxy0002,
            format!("({} waited {:?}.)", target.origin(), d),
        ),
        UpstreamError::Private(p) => ProxyError::with(
            ErrorCode::Proxy0003,
            format!("({} is {}.)", target.origin(), p.0),
        ),
        UpstreamError::Tls(m) => {
            ProxyError::with(ErrorCode::Proxy0004, format!("({}: {m}.)", target.origin()))
        }
        UpstreamError::Unreachable(_) => {
            ProxyError::with(ErrorCode::Proxy0001, format!("({}.)", target.origin()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;


    #[test]
    fn clean_paths() {
        for ok in [
            "/v1.0/p/clusters",
            "/v1.0/p/clusters/",
            "/v3/auth/tokens",
            "/v1.0/p/snapshots/a-b_c.d~e",
        ] {
            assert!(path_is_clean(ok), "{ok}");
        }
        for bad in [
            "/v1.0/p/../../v3/auth",
            "/v1.0/p/./x",
            "/v1.0/p/%2e%2e/x",
            "/v1.0/p/%2E./x",
            "/v1.0/p/a%2Fb",
            "/v1.0/p/a%5cb",
            "/v1.0//p",
            "/v1.0/p\\x",
            "/v1.0/p/é",
            "/v1.0/p/%00",
            "/v1.0/p/..;/v3/auth",
            "/v1.0/p/clusters;a=b",
        ] {
            assert!(!path_is_clean(bad), "{bad}");
        }
    }
}
