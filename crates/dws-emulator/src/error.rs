//! Every way a request can fail, and the one place that turns a failure into a response.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dws_contract::error_body::IamErrorBody;
use dws_contract::lifecycle::{ClusterOperation, ClusterRefusal, SnapshotOperation, SnapshotRefusal};
use dws_contract::rules::RuleError;
use dws_contract::{ErrorBody, ErrorCode, Lang};

/// Specifics added to a catalog message.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// The IAM action the caller's policies lack.
    MissingAction(&'static str),
    /// The id that was not found.
    NotFound(String),
    /// The cluster's state refuses the operation (the shared state table says why).
    ClusterRefused {
        /// Why.
        refusal: ClusterRefusal,
        /// What was asked.
        op: ClusterOperation,
        /// The state, as the wire names it.
        state: String,
    },
    /// The snapshot's state refuses the operation.
    SnapshotRefused {
        /// Why.
        refusal: SnapshotRefusal,
        /// What was asked.
        op: SnapshotOperation,
        /// The state, as the wire names it.
        state: String,
    },
    /// The body is not JSON, or not of the expected shape.
    Body(String),
    /// A required member is missing.
    MissingField(String),
    /// The request's Content-Type.
    ContentType(String),
    /// The authentication problem.
    Auth(String),
    /// Free text.
    Text(String),
}

impl Detail {
    fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Detail::MissingAction(a), Lang::En) => format!("Your policies do not allow {a}."),
            (Detail::MissingAction(a), Lang::Zh) => format!("您的策略不允许授权项{a}。"),
            (Detail::NotFound(id), Lang::En) => format!("No such ID: {id}."),
            (Detail::NotFound(id), Lang::Zh) => format!("ID不存在：{id}。"),
            (Detail::ClusterRefused { refusal, op, state }, _) => refused(refusal.reason(*op, lang), state, lang),
            (Detail::SnapshotRefused { refusal, op, state }, _) => refused(refusal.reason(*op, lang), state, lang),
            (Detail::Body(m), Lang::En) => format!("The request body is not valid: {m}."),
            (Detail::Body(m), Lang::Zh) => format!("请求体不合法：{m}。"),
            (Detail::MissingField(f), Lang::En) => format!("{f} is required."),
            (Detail::MissingField(f), Lang::Zh) => format!("缺少必选参数{f}。"),
            (Detail::ContentType(t), Lang::En) => {
                format!("The Content-Type must be application/json, not {t}.")
            }
            (Detail::ContentType(t), Lang::Zh) => {
                format!("Content-Type必须为application/json，而不是{t}。")
            }
            (Detail::Auth(m), _) | (Detail::Text(m), _) => m.clone(),
        }
    }
}

fn refused(reason: String, state: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{reason} It is {state}."),
        Lang::Zh => format!("{reason}当前状态：{state}。"),
    }
}

/// A DWS request that failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// A field rule was broken.
    Rule(RuleError),
    /// A catalog error, with specifics when there are any.
    Code(ErrorCode, Option<Detail>),
}

impl ApiError {
    /// A catalog error with specifics.
    pub fn with(code: ErrorCode, detail: Detail) -> ApiError {
        ApiError::Code(code, Some(detail))
    }

    /// The catalog code.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Rule(r) => r.code(),
            ApiError::Code(c, _) => *c,
        }
    }

    /// The error body in a language.
    pub fn body(&self, lang: Lang) -> ErrorBody {
        match self {
            ApiError::Rule(r) => ErrorBody::new(r.code().as_str(), r.message(lang)),
            ApiError::Code(code, detail) => {
                let mut msg = code.entry().message(lang).to_owned();
                if let Some(d) = detail {
                    // Chinese runs sentences together after a full-width full stop.
                    if lang == Lang::En {
                        msg.push(' ');
                    }
                    msg.push_str(&d.render(lang));
                }
                ErrorBody::new(code.as_str(), msg)
            }
        }
    }

    /// The response in a language, with the request id.
    pub fn into_response_in(self, lang: Lang) -> Response {
        let status = StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::BAD_REQUEST);
        (status, axum::Json(self.body(lang))).into_response()
    }

    /// Storage or other internal trouble: logged here, reported without details.
    pub fn internal(context: &str, err: impl std::fmt::Display) -> ApiError {
        tracing::error!("{context}: {err}");
        ApiError::Code(ErrorCode::Dws0008, None)
    }
}

impl From<RuleError> for ApiError {
    fn from(r: RuleError) -> Self {
        ApiError::Rule(r)
    }
}

/// An IAM request that failed, answered in IAM's own shape.
#[derive(Debug, Clone, PartialEq)]
pub struct IamError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong.
    pub message: String,
}

impl IamError {
    /// 401 with a message.
    pub fn unauthorized(message: impl Into<String>) -> IamError {
        IamError { status: StatusCode::UNAUTHORIZED, message: message.into() }
    }

    /// 400 with a message.
    pub fn bad_request(message: impl Into<String>) -> IamError {
        IamError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }
}

impl IntoResponse for IamError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        (self.status, axum::Json(IamErrorBody::new(self.status.as_u16(), title, self.message))).into_response()
    }
}

/// The language a request asks for in `X-Language` (English by default).
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    Lang::from_header(headers.get(dws_contract::headers::LANGUAGE).map(HeaderValue::as_bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dws_contract::rules::{Field, Violation};

    #[test]
    fn bodies_in_both_languages() {
        let e = ApiError::with(ErrorCode::Dws0003, Detail::MissingAction("dws:openAPICluster:create"));
        let en = e.body(Lang::En);
        assert_eq!(en.error_code, "DWS.0003");
        assert!(en.error_msg.ends_with("Your policies do not allow dws:openAPICluster:create."));
        assert!(e.body(Lang::Zh).error_msg.contains("dws:openAPICluster:create"));
        let r = ApiError::from(RuleError::new(Field::ClusterName, Violation::Required));
        assert_eq!(r.body(Lang::En).error_code, "DWS.5057");
        assert_eq!(r.body(Lang::En).error_msg, "Cluster name is required.");
    }

    #[test]
    fn languages_from_headers() {
        let mut h = axum::http::HeaderMap::new();
        assert_eq!(request_lang(&h), Lang::En);
        h.insert("x-language", HeaderValue::from_static("zh_cn"));
        assert_eq!(request_lang(&h), Lang::Zh);
        h.insert("x-language", HeaderValue::from_static("fr_fr"));
        assert_eq!(request_lang(&h), Lang::En);
    }
}
