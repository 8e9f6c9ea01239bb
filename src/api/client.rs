//! Calls to IAM and DWS through the proxy: one function that every operation goes through, so
//! every request carries the token and the language, and every failure becomes an [`ApiError`].

use dws_contract::types::{AuthTokenRequest, TokenResponse};
use dws_contract::{ErrorBody, Lang, Operation, PathParams};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::ApiError;

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

fn request_id(r: &Response) -> Option<String> {
    r.headers().get("x-request-id").filter(|v| !v.is_empty())
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

    fn builder(&self, operation: Operation, params: &PathParams) -> RequestBuilder {
        let url = self.url(operation, params);
        let spec = operation.spec();
        let b = match spec.method {
            dws_contract::Method::Get => Request::get(&url),
            dws_contract::Method::Post => Request::post(&url),
            dws_contract::Method::Delete => Request::delete(&url),
        };
        let b = b.header("X-Language", self.lang.x_language()).header("Accept", "application/json");
        match &self.token {
            Some(t) => b.header("X-Auth-Token", t),
            None => b,
        }
    }

    /// Calls an operation with an optional JSON body and reads the JSON answer.
    pub async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        operation: Operation,
        params: &PathParams,
        body: Option<&B>,
    ) -> Result<Answer<T>, ApiError> {
        let b = self.builder(operation, params);
        let sent = match body {
            Some(body) => b.json(body),
            None => b.build(),
        };
        let network = |e: gloo_net::Error| ApiError::Network { operation, detail: e.to_string() };
        let response = sent.map_err(network)?.send().await.map_err(network)?;
        let status = response.status();
        let request_id = request_id(&response);
        let subject_token = response.headers().get("x-subject-token");
        let text = response.text().await.map_err(network)?;
        if !(200..300).contains(&status) {
            return Err(ApiError::Status { operation, status, body: ErrorBody::parse(&text), request_id });
        }
        // Deletes answer with an empty body; `T` is then `serde::de::IgnoredAny` or `Option`.
        let text = if text.trim().is_empty() { "null" } else { text.as_str() };
        let body = serde_json::from_str(text)
            .map_err(|e| ApiError::Decode { operation, detail: e.to_string(), request_id: request_id.clone() })?;
        Ok(Answer { body, request_id, subject_token })
    }

    /// Signs in: the token (from `X-Subject-Token`) and the token body.
    pub async fn sign_in(&self, request: &AuthTokenRequest) -> Result<(String, TokenResponse), ApiError> {
        let op = Operation::GetToken;
        let answer: Answer<TokenResponse> = self.call(op, &PathParams::default(), Some(request)).await?;
        match answer.subject_token {
            Some(t) if !t.is_empty() => Ok((t, answer.body)),
            _ => Err(ApiError::Decode {
                operation: op,
                detail: "no X-Subject-Token header: the proxy must expose it".into(),
                request_id: answer.request_id,
            }),
        }
    }
}
