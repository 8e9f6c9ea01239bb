//! Cloud Eye's v1 error body: `{"http_code", "message": {"details", "code"},
//! "encoded_authorization_message"}` (its error-code page and troubleshooting examples).
//!
//! The emulator writes `error_code` and `error_msg` beside it, the shape of Cloud Eye's v2 API
//! and of DWS: Huawei's SDK then reports the code instead of the raw text, and every client of
//! this project reads one shape. docs/CLOUD-EYE.md records the difference.

use serde::{Deserialize, Serialize};

use crate::catalog::ErrorCode;

/// The inside of a v1 error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CesMessage {
    /// What went wrong, naming the fields or the IAM action.
    pub details: String,
    /// `ces.0014`, or `403` for a missing permission.
    pub code: String,
}

/// A v1 error, as the emulator answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CesErrorBody {
    /// The HTTP status, repeated.
    pub http_code: u16,
    /// The error.
    pub message: CesMessage,
    /// Always `null` here (IAM fills it for some denials in the live service).
    pub encoded_authorization_message: Option<String>,
    /// The code again, where DWS has it.
    pub error_code: String,
    /// The details again, where DWS has them.
    pub error_msg: String,
}

impl CesErrorBody {
    /// An error with a catalog code and its details.
    pub fn new(code: ErrorCode, details: impl Into<String>) -> Self {
        let details = details.into();
        CesErrorBody {
            http_code: code.status(),
            message: CesMessage { details: details.clone(), code: code.as_str().to_owned() },
            encoded_authorization_message: None,
            error_code: code.as_str().to_owned(),
            error_msg: details,
        }
    }
}

/// The details of a 403: `Policy doesn't allow [ces:metricData:list] to be performed`.
pub fn denied(action: &str) -> String {
    format!("Policy doesn't allow [{action}] to be performed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorBody;
    use serde_json::json;

    #[test]
    fn the_body_has_the_v1_shape_and_the_dws_fields() {
        let b = CesErrorBody::new(ErrorCode::Ces0014, "Some content in message body is not correct, error message: [filter]");
        assert_eq!(
            serde_json::to_value(&b).unwrap(),
            json!({
                "http_code": 400,
                "message": {"details": "Some content in message body is not correct, error message: [filter]", "code": "ces.0014"},
                "encoded_authorization_message": null,
                "error_code": "ces.0014",
                "error_msg": "Some content in message body is not correct, error message: [filter]"
            })
        );
        let d = CesErrorBody::new(ErrorCode::Ces403, denied("ces:metricData:list"));
        assert_eq!((d.http_code, d.message.code.as_str()), (403, "403"));
        assert_eq!(d.error_msg, "Policy doesn't allow [ces:metricData:list] to be performed");
    }

    #[test]
    fn the_live_service_s_v1_bodies_read_as_errors() {
        let live = r#"{"http_code": 429, "message": {"details": "Too Many Requests.", "code": "ces.0429"}, "encoded_authorization_message": null}"#;
        assert_eq!(ErrorBody::parse(live), Some(ErrorBody::new("ces.0429", "Too Many Requests.")));
        let page = r#"{"http_code":"403","message":{"details":"Policy doesn't allow [ces:alarms:get] to be performed","code":"403"}}"#;
        let e = ErrorBody::parse(page).unwrap();
        assert_eq!(e.error_code, "403");
        assert_eq!(e.catalog_entry().map(|c| c.status), Some(403));
        let older = r#"{"code": 400, "element": "Bad Request", "message": "The system received a request which cannot be recognized", "details": {"details": "Some content in message body is not correct", "code": "ces.0014"}}"#;
        assert_eq!(ErrorBody::parse(older), Some(ErrorBody::new("ces.0014", "Some content in message body is not correct")));
    }
}
