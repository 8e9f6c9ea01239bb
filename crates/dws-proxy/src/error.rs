//! The proxy's own answers, in the DWS error shape the console already understands.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dws_contract::{ErrorBody, ErrorCode, Lang};

/// A refusal or failure answered by the proxy itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ProxyError {
    /// The catalog code (`PROXY.*`).
    pub code: ErrorCode,
    /// Specifics, in English (shown after the catalog message).
    pub detail: Option<String>,
    /// Seconds to wait, for 429.
    pub retry_after: Option<u64>,
}

impl ProxyError {
    /// A catalog error.
    pub fn new(code: ErrorCode) -> ProxyError {
        ProxyError {
            code,
            detail: None,
            retry_after: None,
        }
    }

    /// With specifics.
    pub fn with(code: ErrorCode, detail: impl Into<String>) -> ProxyError {
        ProxyError {
            code,
            detail: Some(detail.into()),
            retry_after: None,
        }
    }

    /// The answer in the caller's language.
    pub fn response(&self, lang: Lang) -> Response {
        let mut msg = self.code.entry().message(lang).to_owned();
        if let Some(d) = &self.detail {
            msg.push(' ');
            msg.push_str(d);
        }
        let status = StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::BAD_GATEWAY);
        let mut res = (status, axum::Json(ErrorBody::new(self.code.as_str(), msg))).into_response();
        if let Some(s) = self.retry_after {
            res.headers_mut()
                .insert("retry-after", HeaderValue::from(s));
        }
        res
    }
}

/// The answer for a path that is neither an API, the configuration nor one of the console's
/// files: the API gateway's own answer for an unknown API (from the catalog), which the console
/// already knows.
pub fn not_found(lang: Lang) -> Response {
    let mut r = ProxyError::new(ErrorCode::Apigw0101).response(lang);
    crate::static_site::security_headers(r.headers_mut(), "default-src 'none'; frame-ancestors 'none'");
    r
}

/// The language a request asks for in `X-Language`.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    Lang::from_header(headers.get(dws_contract::headers::LANGUAGE).map(|v| v.as_bytes()))
}
