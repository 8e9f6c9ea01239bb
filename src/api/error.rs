//! What can go wrong with an API call, and how the console explains it.

use dws_contract::{CatalogEntry, ErrorBody, Lang, Operation};

use crate::i18n::Text;

/// A failed API call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer: the network, the proxy or the browser refused the request.
    #[error("network error: {detail}")]
    Network {
        /// The operation that was called.
        operation: Operation,
        /// What the browser said.
        detail: String,
    },
    /// The server answered with an error status.
    #[error("HTTP {status}: {}", body.as_ref().map(|b| b.error_code.as_str()).unwrap_or(""))]
    Status {
        /// The operation that was called.
        operation: Operation,
        /// The HTTP status.
        status: u16,
        /// The error body, in whichever shape it came.
        body: Option<ErrorBody>,
        /// `X-Request-Id`, for support.
        request_id: Option<String>,
    },
    /// The answer was not what the reference describes.
    #[error("unexpected answer: {detail}")]
    Decode {
        /// The operation that was called.
        operation: Operation,
        /// What did not parse.
        detail: String,
        /// `X-Request-Id`, for support.
        request_id: Option<String>,
    },
}

impl ApiError {
    /// Whether two failures are the same one told twice (a retry refused again): the same call,
    /// status and body, whatever their request ids.
    pub fn same_failure(&self, other: &ApiError) -> bool {
        let forget = |e: &ApiError| match e.clone() {
            ApiError::Status { operation, status, body, .. } => ApiError::Status { operation, status, body, request_id: None },
            ApiError::Decode { operation, detail, .. } => ApiError::Decode { operation, detail, request_id: None },
            network => network,
        };
        forget(self) == forget(other)
    }

    /// The operation that failed.
    pub fn operation(&self) -> Operation {
        match self {
            ApiError::Network { operation, .. }
            | ApiError::Status { operation, .. }
            | ApiError::Decode { operation, .. } => *operation,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the token is no longer accepted (the user must sign in again). A failed sign-in is
    /// not: it is the form's own error.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401) && self.operation() != Operation::GetToken
    }

    /// Whether the call might succeed if simply tried again later.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network { .. } => true,
            ApiError::Status { status, .. } => matches!(status, 429 | 500 | 502 | 503 | 504),
            ApiError::Decode { .. } => false,
        }
    }

    /// The error code the server sent, if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Status { body: Some(b), .. } if !b.error_code.is_empty() => Some(&b.error_code),
            _ => None,
        }
    }

    /// The request id, if the server sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Status { request_id, .. } | ApiError::Decode { request_id, .. } => request_id.as_deref(),
            ApiError::Network { .. } => None,
        }
    }

    /// The catalog row of the code, when the code is known.
    pub fn catalog_entry(&self) -> Option<&'static CatalogEntry> {
        match self {
            ApiError::Status { body: Some(b), .. } => b.catalog_entry(),
            _ => None,
        }
    }

    /// Which of a form's `fields` the error is about, and what to say on that field: the rule's
    /// own words when the code means one rule ("Snapshot name is already in use."), else the
    /// catalog's message for the code.
    pub fn on_field(&self, fields: &[dws_contract::rules::Field], lang: Lang) -> Option<(dws_contract::rules::Field, String)> {
        use dws_contract::rules::RuleError;
        let code = self.code()?;
        let field = RuleError::field_for_code(code, fields)?;
        let message = match RuleError::for_code(code, fields) {
            Some(rule) => rule.message(lang),
            None => self.explain(lang).message,
        };
        Some((field, message))
    }

    /// What to tell the user, in their language: the catalog's message for known codes (the
    /// server's own words when the catalog has none), then what to do.
    pub fn explain(&self, lang: Lang) -> Explanation {
        let op = self.operation();
        match self {
            ApiError::Network { detail, .. } => Explanation {
                code: None,
                message: Text::ErrorUnreachable.get(lang).to_owned(),
                remedy: Some(Text::ErrorUnreachableRemedy.get(lang).to_owned()),
                detail: Some(detail.clone()),
                missing_action: None,
                request_id: None,
            },
            ApiError::Decode { detail, request_id, .. } => Explanation {
                code: None,
                message: Text::ErrorUnreadable.get(lang).to_owned(),
                remedy: Some(Text::ErrorUnreadableRemedy.get(lang).to_owned()),
                detail: Some(detail.clone()),
                missing_action: None,
                request_id: request_id.clone(),
            },
            ApiError::Status { status, body, request_id, .. } => {
                let entry = self.catalog_entry();
                let server_msg = body.as_ref().map(|b| b.error_msg.clone()).filter(|m| !m.is_empty());
                // IAM refuses a sign-in with a bare 401 and English words only; the console says
                // what it means on the sign-in form, in the user's language, and what to check.
                let refused_sign_in = entry.is_none() && op == Operation::GetToken && *status == 401;
                let message = match (entry, &server_msg) {
                    (Some(e), _) => e.message(lang).to_owned(),
                    _ if refused_sign_in => Text::ErrorSignInRefused.get(lang).to_owned(),
                    (None, Some(m)) => m.clone(),
                    (None, None) => status_text(*status, lang).to_owned(),
                };
                // The server's words add detail when they say more than the message shown.
                let detail = server_msg.filter(|m| match entry {
                    Some(e) => m != e.message_en && m != e.message_zh,
                    None => *m != message,
                });
                let remedy = entry.map(|e| e.remedy(lang).to_owned()).or_else(|| {
                    if refused_sign_in {
                        Some(Text::ErrorSignInRefusedRemedy.get(lang).to_owned())
                    } else {
                        status_remedy(*status, lang).map(str::to_owned)
                    }
                });
                Explanation {
                    code: body.as_ref().map(|b| b.error_code.clone()).filter(|c| !c.is_empty()),
                    message,
                    remedy,
                    detail,
                    missing_action: if *status == 403 { op.iam_action() } else { None },
                    request_id: request_id.clone(),
                }
            }
        }
    }
}

/// An error, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The error code (`DWS.5057`), when there is one.
    pub code: Option<String>,
    /// What happened.
    pub message: String,
    /// What to do.
    pub remedy: Option<String>,
    /// The server's or browser's own words, when they add something.
    pub detail: Option<String>,
    /// For a 403: the IAM action the user lacks.
    pub missing_action: Option<&'static str>,
    /// `X-Request-Id`.
    pub request_id: Option<String>,
}

fn status_text(status: u16, lang: Lang) -> &'static str {
    let text = match status {
        400 => Text::Http400,
        401 => Text::Http401,
        403 => Text::Http403,
        404 => Text::Http404,
        409 => Text::Http409,
        429 => Text::Http429,
        500..=599 => Text::Http5xx,
        _ => Text::HttpOther,
    };
    text.get(lang)
}

fn status_remedy(status: u16, lang: Lang) -> Option<&'static str> {
    let text = match status {
        401 => Text::Http401Remedy,
        403 => Text::Http403Remedy,
        429 | 500..=599 => Text::HttpRetryRemedy,
        _ => return None,
    };
    Some(text.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_refused_again_is_the_same_failure() {
        let refused = |id: &str| ApiError::Status {
            operation: Operation::BatchListMetricData,
            status: 403,
            body: Some(ErrorBody::new("403", "Policy doesn't allow [ces:metricData:list] to be performed")),
            request_id: Some(id.into()),
        };
        assert!(refused("a").same_failure(&refused("b")));
        let other = ApiError::Status { operation: Operation::BatchListMetricData, status: 500, body: None, request_id: None };
        assert!(!refused("a").same_failure(&other));
    }

    fn status(operation: Operation, status: u16, body: &str) -> ApiError {
        ApiError::Status { operation, status, body: ErrorBody::parse(body), request_id: Some("req-1".into()) }
    }

    #[test]
    fn known_codes_are_explained_from_the_catalog_in_both_languages() {
        let e = status(Operation::CreateCluster, 400, r#"{"error_code":"DWS.5057","error_msg":"bad name"}"#);
        let en = e.explain(Lang::En);
        assert_eq!(en.code.as_deref(), Some("DWS.5057"));
        let entry = dws_contract::catalog::lookup("DWS.5057").unwrap();
        assert_eq!(en.message, entry.message_en);
        assert_eq!(en.remedy.as_deref(), Some(entry.remedy_en));
        assert_eq!(en.detail.as_deref(), Some("bad name"));
        assert_eq!(en.request_id.as_deref(), Some("req-1"));
        let zh = e.explain(Lang::Zh);
        assert_eq!(zh.message, entry.message_zh);
    }

    #[test]
    fn every_error_shape_is_understood() {
        for body in [
            r#"{"error_code":"DWS.0001","error_msg":"x"}"#,
            r#"{"errCode":"DWS.0001","externalMessage":"x"}"#,
            r#"{"code":"DWS.0001","message":"x"}"#,
        ] {
            assert_eq!(status(Operation::ShowCluster, 404, body).code(), Some("DWS.0001"), "{body}");
        }
        let iam = status(Operation::GetToken, 401, r#"{"error":{"code":401,"message":"bad password","title":"Unauthorized"}}"#);
        let x = iam.explain(Lang::Zh);
        assert_eq!(x.detail.as_deref(), Some("bad password"), "IAM's own words, after the console's");
        assert!(x.message.contains("密码错误"), "{}", x.message);
        assert!(!x.remedy.unwrap().contains("重新登录"), "not 'sign in again' on the sign-in form");
        assert!(!iam.is_unauthorized(), "a failed sign-in is the form's error, not a sign-out");
    }

    #[test]
    fn a_field_error_is_said_in_the_rules_words_when_the_code_means_one_rule() {
        use dws_contract::rules::Field;
        let fields = [Field::SnapshotName, Field::SnapshotDescription];
        let dup = status(Operation::CreateSnapshot, 400, r#"{"error_code":"DWS.5039","error_msg":"Snapshot name is already in use"}"#);
        assert_eq!(dup.on_field(&fields, Lang::Zh), Some((Field::SnapshotName, "快照名称已存在。".to_owned())));
        let other = status(Operation::CreateSnapshot, 400, r#"{"error_code":"DWS.0001","error_msg":"x"}"#);
        assert_eq!(other.on_field(&fields, Lang::En), None);
    }

    #[test]
    fn a_403_names_the_missing_action() {
        let e = status(Operation::CreateCluster, 403, r#"{"error_code":"DWS.0003","error_msg":"no"}"#);
        assert_eq!(e.explain(Lang::En).missing_action, Some("dws:openAPICluster:create"));
    }

    #[test]
    fn unknown_codes_and_empty_bodies_still_explain_themselves() {
        let e = status(Operation::ListClusters, 500, "<html>oops</html>");
        let x = e.explain(Lang::En);
        assert_eq!(x.code, None);
        assert!(!x.message.is_empty());
        assert!(x.remedy.is_some());
        assert!(e.is_transient());
        let odd = status(Operation::ListClusters, 400, r#"{"error_code":"DWS.9999","error_msg":"strange"}"#);
        assert_eq!(odd.explain(Lang::En).message, "strange");
        assert_eq!(odd.explain(Lang::En).detail, None, "the server's words are not said twice");
        assert!(status(Operation::ListClusters, 401, "").is_unauthorized());
    }
}
