//! Every request's way through the proxy: limits, then the API (CORS, then forwarding to the
//! configured upstream), the runtime configuration, health, or the console's files.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, Extension, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dws_contract::ErrorCode;
// Which service a path belongs to is the contract's operation table's to say.
use dws_contract::operation::service_of;

use crate::config::Region;
use crate::cors::{self, OriginCheck};
use crate::error::{ProxyError, lang_of, not_found};
use crate::forward::forward;
use crate::headers;
pub use crate::state::{ClientConn, ProxyState};

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
    let mut res = route(state, conn, req).await;
    if state.config.tls.is_some() {
        res.headers_mut()
            .insert("strict-transport-security", HeaderValue::from_static(crate::tls::HSTS));
    }
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
        && let Err(wait) = limiter.take(
            crate::client_addr::client_ip(conn.peer.ip(), req.headers(), &cfg.trusted_proxies),
            Instant::now(),
        )
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
