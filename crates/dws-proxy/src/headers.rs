//! Which headers cross the proxy, each way.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

/// Hop-by-hop headers (RFC 9110 §7.6.1) and their older relatives: they describe one connection
/// and never cross a proxy.
const HOP_BY_HOP: [HeaderName; 9] = [
    HeaderName::from_static("connection"),
    HeaderName::from_static("keep-alive"),
    HeaderName::from_static("proxy-authenticate"),
    HeaderName::from_static("proxy-authorization"),
    HeaderName::from_static("proxy-connection"),
    HeaderName::from_static("te"),
    HeaderName::from_static("trailer"),
    HeaderName::from_static("transfer-encoding"),
    HeaderName::from_static("upgrade"),
];

/// Request headers that never go upstream besides the hop-by-hop ones. `Expect` is the client's
/// question to this hop: the proxy answers `100 Continue` itself and sends the body whole.
const NOT_FORWARDED: [HeaderName; 10] = [
    HeaderName::from_static("host"),
    HeaderName::from_static("expect"),
    HeaderName::from_static("cookie"),
    HeaderName::from_static("origin"),
    HeaderName::from_static("referer"),
    HeaderName::from_static("forwarded"),
    HeaderName::from_static("x-forwarded-for"),
    HeaderName::from_static("x-forwarded-host"),
    HeaderName::from_static("x-forwarded-proto"),
    HeaderName::from_static("x-real-ip"),
];

/// Answer headers that never reach the client besides the hop-by-hop ones.
const NOT_RETURNED: [HeaderName; 8] = [
    HeaderName::from_static("set-cookie"),
    HeaderName::from_static("set-cookie2"),
    HeaderName::from_static("access-control-allow-origin"),
    HeaderName::from_static("access-control-allow-credentials"),
    HeaderName::from_static("access-control-expose-headers"),
    HeaderName::from_static("access-control-allow-headers"),
    HeaderName::from_static("access-control-allow-methods"),
    HeaderName::from_static("access-control-max-age"),
];

/// Removes hop-by-hop headers, including every header the `Connection` header names, and the
/// `extra` ones. One pass over the headers present (usually few), instead of one lookup per name
/// that could be there (usually absent): this runs on every request.
fn strip(headers: &mut HeaderMap, extra: &[HeaderName]) {
    let mut doomed: Vec<HeaderName> = Vec::new();
    for (name, value) in headers.iter() {
        if name == HOP_BY_HOP[0] {
            doomed.extend(connection_options(value).filter_map(|t| HeaderName::from_bytes(t).ok()));
        }
        if HOP_BY_HOP.contains(name) || extra.contains(name) {
            doomed.push(name.clone());
        }
    }
    for name in &doomed {
        headers.remove(name);
    }
}

/// The options a `Connection` header lists, as bytes: a value with bytes beyond ASCII (which
/// HTTP allows in a field) still lists its ASCII options, so one odd byte cannot hide a `close`
/// or a header name from the proxy.
pub fn connection_options(value: &HeaderValue) -> impl Iterator<Item = &[u8]> {
    value
        .as_bytes()
        .split(|b| *b == b',')
        .map(<[u8]>::trim_ascii)
        .filter(|t| !t.is_empty())
}

/// Removes hop-by-hop headers, including every header the `Connection` header names.
pub fn strip_hop_by_hop(headers: &mut HeaderMap) {
    strip(headers, &[]);
}

/// Headers of a request as it goes upstream: no hop-by-hop ones, no cookies, no `Host` (the
/// client sets the upstream's), none of the client's forwarding claims (the proxy states the real
/// peer, `forwarded_for`), no `Origin` (the proxy has done the CORS check).
pub fn upstream_request(mut h: HeaderMap, forwarded_for: HeaderValue) -> HeaderMap {
    strip(&mut h, &NOT_FORWARDED);
    h.insert(HeaderName::from_static("x-forwarded-for"), forwarded_for);
    h
}

/// Headers of an upstream answer as it goes to the client: no hop-by-hop ones, no cookies, and
/// no CORS headers of the upstream's (the proxy decides CORS).
pub fn client_response(headers: &mut HeaderMap) {
    strip(headers, &NOT_RETURNED);
}

/// The size of a request head as it came on the wire (request line and headers).
pub fn head_size(method: &str, target_len: usize, headers: &HeaderMap) -> usize {
    method.len()
        + target_len
        + 12
        + headers
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 4)
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
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
            (
                "authorization",
                "SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature=s",
            ),
            ("content-type", "application/json"),
            ("x-language", "zh_cn"),
        ]);
        let out = upstream_request(incoming, HeaderValue::from_static("203.0.113.7"));
        for gone in [
            "host",
            "connection",
            "x-secret-hop",
            "keep-alive",
            "te",
            "upgrade",
            "proxy-authorization",
            "cookie",
            "forwarded",
            "origin",
        ] {
            assert!(!out.contains_key(gone), "{gone}");
        }
        assert_eq!(
            out["x-forwarded-for"], "203.0.113.7",
            "the real peer, not the client's claim"
        );
        assert_eq!(out.get_all("x-forwarded-for").iter().count(), 1);
        for kept in [
            "x-auth-token",
            "authorization",
            "content-type",
            "x-language",
        ] {
            assert!(out.contains_key(kept), "{kept}");
        }
    }

    #[test]
    fn a_byte_beyond_ascii_does_not_hide_the_connection_options() {
        let mut m = HeaderMap::new();
        m.insert(
            "connection",
            HeaderValue::from_bytes(b"close, X-Hop, \xff").unwrap(),
        );
        m.insert("x-hop", HeaderValue::from_static("1"));
        m.insert("expect", HeaderValue::from_static("100-continue"));
        m.insert("x-auth-token", HeaderValue::from_static("T"));
        let options: Vec<&[u8]> = connection_options(&m["connection"]).collect();
        assert_eq!(options, [&b"close"[..], b"X-Hop", b"\xff"]);
        let out = upstream_request(m, HeaderValue::from_static("203.0.113.7"));
        for gone in ["connection", "x-hop", "expect"] {
            assert!(!out.contains_key(gone), "{gone}");
        }
        assert_eq!(out["x-auth-token"], "T");

        let mut answer = HeaderMap::new();
        answer.insert(
            "connection",
            HeaderValue::from_bytes(b"x-internal, \xfe").unwrap(),
        );
        answer.insert("x-internal", HeaderValue::from_static("secret"));
        client_response(&mut answer);
        assert!(answer.is_empty(), "{answer:?}");
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
        for gone in [
            "connection",
            "x-internal",
            "transfer-encoding",
            "set-cookie",
            "access-control-allow-origin",
        ] {
            assert!(!a.contains_key(gone), "{gone}");
        }
        for kept in ["x-subject-token", "x-request-id", "location"] {
            assert!(a.contains_key(kept), "{kept}");
        }
    }
}
