//! Calls to IAM and DWS through the proxy: one function that every operation goes through, so
//! every request carries the token and the language, and every failure becomes an [`ApiError`].

use dws_contract::types::{AuthTokenRequest, TokenResponse};
use dws_contract::{ErrorBody, Lang, Operation, PathParams, headers};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use crate::activity::{ActivityLog, Entry, mask};

/// Milliseconds on the page's clock, for durations.
fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}

/// Where to send calls and with which token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    /// Prefix of the API paths: empty (same origin), a path, or another origin.
    pub base: String,
    /// The IAM token, when signed in.
    pub token: Option<String>,
    /// The project every DWS path names.
    pub project_id: String,
    /// The language of the service's messages (`X-Language`).
    pub lang: Lang,
}

/// A successful answer: its body and the headers the console reads.
#[derive(Debug, Clone)]
pub struct Answer<T> {
    /// The parsed body.
    pub body: T,
    /// `X-Request-Id`.
    pub request_id: Option<String>,
    /// `X-Subject-Token` (IAM's token), only on sign-in.
    pub subject_token: Option<String>,
}

thread_local! {
    /// How far the service's clock is ahead of the page's, from the last answer's `Date`.
    static SERVICE_AHEAD_MS: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

/// The service's present (ms since the epoch): the page's clock moved by how far the last
/// answer's `Date` was from it. A query of the last hour of metrics asks for the service's last
/// hour, even when the computer's clock is off or an emulator's runs fast.
pub fn service_now_ms() -> i64 {
    crate::session::now_ms() + SERVICE_AHEAD_MS.with(std::cell::Cell::get)
}

fn heard_date(r: &Response) {
    if let Some(ms) = r.headers().get(headers::DATE).and_then(|d| dws_contract::time::parse_http_date(&d)) {
        // Date counts whole seconds: the middle of the second it names.
        SERVICE_AHEAD_MS.with(|a| a.set(ms + 500 - crate::session::now_ms()));
    }
}

fn request_id(r: &Response) -> Option<String> {
    r.headers().get(headers::REQUEST_ID).filter(|v| !v.is_empty())
}

impl Api {
    /// The URL of an operation.
    pub fn url(&self, operation: Operation, params: &PathParams) -> String {
        // Every caller passes the parameters its operation names; a missing one is a programming
        // error that would show as a 404 from the server, not a crash.
        let path = operation.path(params).unwrap_or_else(|e| format!("/missing-parameter/{e}"));
        format!("{}{}", self.base.trim_end_matches('/'), path)
    }

    /// Path parameters for this project.
    pub fn project(&self) -> PathParams {
        PathParams::project(&self.project_id)
    }

    fn builder(&self, operation: Operation, url: &str) -> RequestBuilder {
        let spec = operation.spec();
        let b = match spec.method {
            dws_contract::Method::Get => Request::get(url),
            dws_contract::Method::Post => Request::post(url),
            dws_contract::Method::Put => Request::put(url),
            dws_contract::Method::Delete => Request::delete(url),
        };
        let b = b.header(headers::LANGUAGE, self.lang.x_language()).header("Accept", "application/json");
        match &self.token {
            Some(t) => b.header(headers::AUTH_TOKEN, t),
            None => b,
        }
    }

    /// What the activity log keeps of a request about to be sent.
    fn entry(&self, operation: Operation, url: String, json: Option<&str>) -> Entry {
        // The base may be empty or a path: the command needs the whole address.
        let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        let absolute = web_sys::Url::new_with_base(&url, &href).map(|u| u.href()).unwrap_or_else(|_| url.clone());
        let path = web_sys::Url::new(&absolute).map(|u| format!("{}{}", u.pathname(), u.search())).unwrap_or_else(|_| url);
        let body = json.map(|j| match serde_json::from_str::<serde_json::Value>(j) {
            Ok(mut v) => {
                mask(&mut v);
                v.to_string()
            }
            // Every body is serialized from a type, so this is valid JSON; never log it raw.
            Err(_) => "***".into(),
        });
        Entry {
            seq: 0,
            at_ms: crate::session::now_ms(),
            operation,
            url: absolute,
            path,
            status: None,
            duration_ms: 0.0,
            request_id: None,
            with_token: self.token.is_some(),
            language: self.lang.x_language(),
            body,
        }
    }

    /// Calls an operation with an optional JSON body and reads the JSON answer.
    pub async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        operation: Operation,
        params: &PathParams,
        body: Option<&B>,
    ) -> Result<Answer<T>, ApiError> {
        self.call_with_query(operation, params, &[], body).await
    }

    /// [`Api::call`] with query parameters (`offset`, `limit` of a paged list), encoded.
    pub async fn call_with_query<B: Serialize, T: DeserializeOwned>(
        &self,
        operation: Operation,
        params: &PathParams,
        query: &[(&str, String)],
        body: Option<&B>,
    ) -> Result<Answer<T>, ApiError> {
        let json = body.map(serde_json::to_string).transpose().map_err(|e| ApiError::Network { operation, detail: e.to_string() })?;
        let (bytes, request_id, subject_token) = self.exchange(operation, self.url_with(operation, params, query), json).await?;
        // Deletes answer with an empty body; `T` is then `serde::de::IgnoredAny` or `Option`.
        let bytes: &[u8] = if bytes.trim_ascii().is_empty() { b"null" } else { &bytes };
        let body = serde_json::from_slice(bytes)
            .map_err(|e| ApiError::Decode { operation, detail: e.to_string(), request_id: request_id.clone() })?;
        Ok(Answer { body, request_id, subject_token })
    }

    fn url_with(&self, operation: Operation, params: &PathParams, query: &[(&str, String)]) -> String {
        let mut url = self.url(operation, params);
        for (i, (k, v)) in query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&format!("{k}={}", String::from(js_sys::encode_uri_component(v))));
        }
        url
    }

    /// Sends a request and records it in the activity log: the successful answer's bytes,
    /// request id and subject token. Not generic, so the download carries one copy of it rather
    /// than one per request and answer type.
    async fn exchange(
        &self,
        operation: Operation,
        url: String,
        json: Option<String>,
    ) -> Result<(Vec<u8>, Option<String>, Option<String>), ApiError> {
        let b = self.builder(operation, &url);
        let network = |e: gloo_net::Error| ApiError::Network { operation, detail: e.to_string() };
        let log = ActivityLog::current();
        let started = now();
        let mut entry = log.map(|_| self.entry(operation, url, json.as_deref()));
        let sent = match json {
            Some(json) => b.header("Content-Type", "application/json").body(json),
            None => b.build(),
        };
        let answered = match sent.map_err(network) {
            Ok(request) => request.send().await.map_err(network),
            Err(e) => Err(e),
        };
        let response = match answered {
            Ok(r) => r,
            Err(e) => {
                if let (Some(log), Some(mut entry)) = (log, entry.take()) {
                    entry.duration_ms = now() - started;
                    log.record(entry);
                }
                return Err(e);
            }
        };
        let status = response.status();
        heard_date(&response);
        let request_id = request_id(&response);
        let subject_token = response.headers().get(headers::SUBJECT_TOKEN);
        // Bytes, not text: the body goes straight to the JSON parser, without a round trip
        // through a JavaScript string (a megabyte for a thousand clusters).
        let text = response.binary().await.map_err(network);
        if let (Some(log), Some(mut entry)) = (log, entry) {
            entry.status = Some(status);
            entry.duration_ms = now() - started;
            entry.request_id = request_id.clone();
            log.record(entry);
        }
        let bytes = text?;
        if !(200..300).contains(&status) {
            let body = ErrorBody::parse(&String::from_utf8_lossy(&bytes));
            return Err(ApiError::Status { operation, status, body, request_id });
        }
        Ok((bytes, request_id, subject_token))
    }

    /// Signs in: the token (from `X-Subject-Token`) and the token body.
    pub async fn sign_in(&self, request: &AuthTokenRequest) -> Result<(String, TokenResponse), ApiError> {
        let op = Operation::GetToken;
        let answer: Answer<TokenResponse> = self.call(op, &PathParams::default(), Some(request)).await?;
        match answer.subject_token {
            Some(t) if !t.is_empty() => Ok((t, answer.body)),
            _ => Err(ApiError::Decode {
                operation: op,
                detail: format!("no {} header: the proxy must expose it", headers::SUBJECT_TOKEN),
                request_id: answer.request_id,
            }),
        }
    }
}
