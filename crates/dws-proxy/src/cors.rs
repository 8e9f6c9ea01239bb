//! Cross-origin requests: an allowlist, answered preflights, exposed token headers.

use std::sync::LazyLock;

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dws_contract::{headers, operation};

/// A list for a CORS header, written once from the contract's names.
fn list(items: impl IntoIterator<Item = impl AsRef<str>>) -> HeaderValue {
    let joined: Vec<String> = items.into_iter().map(|i| i.as_ref().to_owned()).collect();
    // The contract's names are plain ASCII tokens.
    HeaderValue::from_str(&joined.join(", ")).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Request headers a console may send.
pub static ALLOW_HEADERS: LazyLock<HeaderValue> = LazyLock::new(|| list(headers::BROWSER_SENDS));
/// Methods the API's operations use.
pub static ALLOW_METHODS: LazyLock<HeaderValue> =
    LazyLock::new(|| list(operation::methods().into_iter().map(|m| m.as_str())));
/// Answer headers a console must read: the new token, and the id to quote to support.
pub static EXPOSE_HEADERS: LazyLock<HeaderValue> = LazyLock::new(|| list(headers::BROWSER_READS));
/// How long a browser may reuse a preflight answer (seconds; browsers cap at 7200).
pub const MAX_AGE: u32 = 600;

/// What the `Origin` of a request means here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginCheck {
    /// No `Origin`: not a cross-origin browser request (curl, an SDK, a same-origin GET).
    Absent,
    /// The page came from this proxy: nothing to add.
    SameOrigin,
    /// An allowed origin: echo it.
    Allowed(HeaderValue),
    /// Anything else: refuse.
    Denied,
}

/// Classifies a request by its `Origin` against the allowlist (normalised origins).
pub fn check(headers: &HeaderMap, allow: &[String]) -> OriginCheck {
    let Some(origin) = headers.get("origin") else {
        return OriginCheck::Absent;
    };
    let Ok(text) = origin.to_str() else {
        return OriginCheck::Denied;
    };
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    let lower = text.trim().to_ascii_lowercase();
    let authority = lower.split_once("://").map(|(_, rest)| rest);
    // Same origin: the page's host is the host the request was sent to. (The scheme is not
    // compared: a TLS terminator in front of the proxy changes it.)
    if authority.is_some() && authority == host.as_deref() {
        return OriginCheck::SameOrigin;
    }
    if allow.contains(&lower) {
        return OriginCheck::Allowed(origin.clone());
    }
    OriginCheck::Denied
}

/// Whether a request is a CORS preflight.
pub fn is_preflight(method: &axum::http::Method, headers: &HeaderMap) -> bool {
    method == axum::http::Method::OPTIONS
        && headers.contains_key("origin")
        && headers.contains_key("access-control-request-method")
}

/// Adds the CORS answer headers for an allowed origin.
pub fn decorate(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert("access-control-allow-origin", origin.clone());
    headers.insert("access-control-expose-headers", EXPOSE_HEADERS.clone());
    headers.append("vary", HeaderValue::from_static("Origin"));
}

/// The local answer to a preflight from an allowed (or same) origin: never forwarded.
pub fn preflight(origin: Option<&HeaderValue>) -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    let h = res.headers_mut();
    if let Some(o) = origin {
        h.insert("access-control-allow-origin", o.clone());
    }
    h.insert("access-control-allow-methods", ALLOW_METHODS.clone());
    h.insert("access-control-allow-headers", ALLOW_HEADERS.clone());
    h.insert("access-control-expose-headers", EXPOSE_HEADERS.clone());
    h.insert("access-control-max-age", HeaderValue::from(MAX_AGE));
    h.insert("vary", HeaderValue::from_static("Origin"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(origin: Option<&str>, host: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert("host", HeaderValue::from_str(host).unwrap());
        if let Some(o) = origin {
            m.insert("origin", HeaderValue::from_str(o).unwrap());
        }
        m
    }

    #[test]
    fn origins() {
        let allow = vec!["https://portal.example.com".to_owned()];
        assert_eq!(check(&h(None, "proxy:8080"), &allow), OriginCheck::Absent);
        assert_eq!(
            check(&h(Some("http://proxy:8080"), "proxy:8080"), &allow),
            OriginCheck::SameOrigin
        );
        assert_eq!(
            check(&h(Some("https://PROXY:8080"), "proxy:8080"), &allow),
            OriginCheck::SameOrigin
        );
        assert!(matches!(
            check(&h(Some("https://portal.example.com"), "proxy:8080"), &allow),
            OriginCheck::Allowed(_)
        ));
        assert!(matches!(
            check(&h(Some("https://Portal.Example.com"), "proxy:8080"), &allow),
            OriginCheck::Allowed(_)
        ));
        for bad in [
            "https://evil.example",
            "null",
            "https://portal.example.com.evil",
            "http://portal.example.com",
            "https://proxy:8081",
        ] {
            assert_eq!(
                check(&h(Some(bad), "proxy:8080"), &allow),
                OriginCheck::Denied,
                "{bad}"
            );
        }
    }

    #[test]
    fn preflight_answers_are_complete() {
        let o = HeaderValue::from_static("https://portal.example.com");
        let r = preflight(Some(&o));
        assert_eq!(r.status(), 204);
        let h = r.headers();
        assert_eq!(
            h["access-control-allow-origin"],
            "https://portal.example.com"
        );
        for needed in ["X-Auth-Token", "Content-Type", "X-Language", "X-Project-Id"] {
            assert!(
                h["access-control-allow-headers"]
                    .to_str()
                    .unwrap()
                    .contains(needed)
            );
        }
        let age: u32 = h["access-control-max-age"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(age <= 7200);
        assert_eq!(h["vary"], "Origin");
    }
}
