//! Forwarding an API request: the body read whole within its limits, the path and headers made
//! safe, the request sent to the region's upstream, and its answer passed back.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method};
use axum::response::Response;
use bytes::Bytes;
use dws_contract::ErrorCode;
use dws_contract::operation::Service;
use http_body_util::{BodyExt, Limited};

use crate::config::Region;
use crate::error::ProxyError;
use crate::h1::{Answer, Outgoing};
use crate::headers;
use crate::path_safety::path_is_clean;
use crate::state::{ClientConn, ProxyState};
use crate::transfer_coding::transfer_coding_is_plain;
use crate::upstream::UpstreamError;

/// Sends `req` to the `service` of `region` as `path` (`same_path`: the request's own path and
/// query can go as they are), and answers with what came back.
pub async fn forward(
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
        Service::Ces => &region.ces,
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
    let client = crate::client_addr::client_ip(conn.peer.ip(), &parts.headers, &cfg.trusted_proxies);
    let forwarded_for = if client == conn.peer.ip() {
        conn.forwarded_for.clone()
    } else {
        HeaderValue::from_str(&client.to_string()).unwrap_or_else(|_| conn.forwarded_for.clone())
    };
    let mut headers = headers::upstream_request(std::mem::take(&mut parts.headers), forwarded_for);
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
