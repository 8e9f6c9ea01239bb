//! Which headers cross the proxy, each way.

use std::net::IpAddr;

use axum::http::{HeaderMap, HeaderName, HeaderValue};

/// Hop-by-hop headers (RFC 9110 §7.6.1) and their older relatives: they describe one connection
/// and never cross a proxy.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Removes hop-by-hop headers, including every header the `Connection` header names.
pub fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let named: Vec<String> = headers
        .get_all("connection")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    for name in HOP_BY_HOP.iter().map(|s| s.to_string()).chain(named) {
        headers.remove(name.as_str());
    }
}

/// Headers of a request as it goes upstream: no hop-by-hop ones, no cookies, no `Host` (the
/// client sets the upstream's), none of the client's forwarding claims (the proxy states the real
/// peer), no `Origin` (the proxy has done the CORS check).
pub fn upstream_request(incoming: &HeaderMap, peer: IpAddr) -> HeaderMap {
    let mut h = incoming.clone();
    strip_hop_by_hop(&mut h);
    for name in ["host", "cookie", "origin", "referer", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"] {
        h.remove(name);
    }
    if let Ok(v) = HeaderValue::from_str(&peer.to_string()) {
        h.insert(HeaderName::from_static("x-forwarded-for"), v);
    }
    h
}

/// Headers of an upstream answer as it goes to the client: no hop-by-hop ones, no cookies, and
/// no CORS headers of the upstream's (the proxy decides CORS).
pub fn client_response(headers: &mut HeaderMap) {
    strip_hop_by_hop(headers);
    for name in [
        "set-cookie",
        "set-cookie2",
        "access-control-allow-origin",
        "access-control-allow-credentials",
        "access-control-expose-headers",
        "access-control-allow-headers",
        "access-control-allow-methods",
        "access-control-max-age",
    ] {
        headers.remove(name);
    }
}

/// The size of a request head as it came on the wire (request line and headers).
pub fn head_size(method: &str, uri: &str, headers: &HeaderMap) -> usize {
    method.len() + uri.len() + 12 + headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.append(HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        m
    }

    #[test]
    fn requests_lose_hop_by_hop_cookies_and_forwarding_claims() {
        let incoming = h(&[
            ("host", "proxy.example"),
            ("connection", "keep-alive, X-Secret-Hop"),
            ("x-secret-hop", "1"),
            ("keep-alive", "timeout=5"),
            ("te", "trailers"),
            ("upgrade", "websocket"),
            ("proxy-authorization", "Basic x"),
            ("cookie", "session=1"),
            ("x-forwarded-for", "1.2.3.4"),
            ("forwarded", "for=1.2.3.4"),
            ("origin", "https://console.example"),
            ("x-auth-token", "MIItoken"),
            ("authorization", "SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature=s"),
            ("content-type", "application/json"),
            ("x-language", "zh_cn"),
        ]);
        let out = upstream_request(&incoming, "203.0.113.7".parse().unwrap());
        for gone in ["host", "connection", "x-secret-hop", "keep-alive", "te", "upgrade", "proxy-authorization", "cookie", "forwarded", "origin"] {
            assert!(!out.contains_key(gone), "{gone}");
        }
        assert_eq!(out["x-forwarded-for"], "203.0.113.7", "the real peer, not the client's claim");
        assert_eq!(out.get_all("x-forwarded-for").iter().count(), 1);
        for kept in ["x-auth-token", "authorization", "content-type", "x-language"] {
            assert!(out.contains_key(kept), "{kept}");
        }
    }

    #[test]
    fn answers_lose_hop_by_hop_cookies_and_upstream_cors() {
        let mut a = h(&[
            ("connection", "close, x-internal"),
            ("x-internal", "1"),
            ("transfer-encoding", "chunked"),
            ("set-cookie", "a=1"),
            ("access-control-allow-origin", "*"),
            ("x-subject-token", "MIItoken"),
            ("x-request-id", "r1"),
            ("location", "https://elsewhere/"),
        ]);
        client_response(&mut a);
        for gone in ["connection", "x-internal", "transfer-encoding", "set-cookie", "access-control-allow-origin"] {
            assert!(!a.contains_key(gone), "{gone}");
        }
        for kept in ["x-subject-token", "x-request-id", "location"] {
            assert!(a.contains_key(kept), "{kept}");
        }
    }
}
