//! Error response bodies.
//!
//! The reference (3.3) answers errors with `{"error_code","error_msg"}`. The live service and its
//! gateways also send `{"errCode","externalMessage"}` and `{"code","message"}`, IAM sends
//! `{"error":{"code","message","title"}}` and Cloud Eye `{"message":{"code","details"}}`. [`ErrorBody`] reads all of them and writes the
//! reference's shape.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::catalog::{CatalogEntry, ErrorCode, lookup};
use crate::lang::Lang;

/// An error answer, whatever shape it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorBody {
    /// The error code, e.g. `DWS.5057` (empty if the server sent none).
    pub error_code: String,
    /// The server's message.
    pub error_msg: String,
}

impl ErrorBody {
    /// An error body with a code and a message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorBody { error_code: code.into(), error_msg: message.into() }
    }

    /// The body a server sends for a catalog code, with the catalog's message in a language.
    pub fn from_code(code: ErrorCode, lang: Lang) -> Self {
        ErrorBody::new(code.as_str(), code.entry().message(lang))
    }

    /// The catalog row of this error's code, when the code is known.
    pub fn catalog_entry(&self) -> Option<&'static CatalogEntry> {
        lookup(&self.error_code)
    }

    /// Reads an error body from response text; `None` if it is not JSON in any known shape.
    pub fn parse(text: &str) -> Option<ErrorBody> {
        serde_json::from_str::<Value>(text).ok().and_then(|v| ErrorBody::from_value(&v))
    }

    /// Reads an error body from a JSON value in any of the known shapes.
    pub fn from_value(value: &Value) -> Option<ErrorBody> {
        let obj = value.as_object()?;
        // Cloud Eye v1: {"http_code", "message": {"details", "code"}}; an older copy of its
        // reference nests the same pair under "details".
        for key in ["message", "details"] {
            if let Some(inner) = obj.get(key).and_then(Value::as_object)
                && let (Some(code), Some(msg)) = (inner.get("code").and_then(scalar_text), inner.get("details").and_then(scalar_text))
                && !obj.contains_key("error_code")
            {
                return Some(ErrorBody::new(code, msg));
            }
        }
        const SHAPES: [(&str, &str); 3] =
            [("error_code", "error_msg"), ("errCode", "externalMessage"), ("code", "message")];
        for (code_key, msg_key) in SHAPES {
            let code = obj.get(code_key).and_then(scalar_text);
            let msg = obj.get(msg_key).and_then(scalar_text);
            if code.is_some() || msg.is_some() {
                return Some(ErrorBody::new(code.unwrap_or_default(), msg.unwrap_or_default()));
            }
        }
        // IAM (Keystone style): {"error":{"code":401,"message":"…","title":"Unauthorized"}}
        let inner: &Map<String, Value> = obj.get("error")?.as_object()?;
        let code = inner.get("code").and_then(scalar_text);
        let msg = inner
            .get("message")
            .and_then(scalar_text)
            .or_else(|| inner.get("title").and_then(scalar_text));
        if code.is_none() && msg.is_none() {
            return None;
        }
        Some(ErrorBody::new(code.unwrap_or_default(), msg.unwrap_or_default()))
    }
}

/// A string, or a number written as text; anything else is not an error field.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for ErrorBody {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        ErrorBody::from_value(&v)
            .ok_or_else(|| serde::de::Error::custom("not an error body in any known shape"))
    }
}

/// IAM's own error shape, which the emulator's IAM answers with:
/// `{"error":{"code":401,"message":"…","title":"Unauthorized"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamErrorBody {
    /// The error.
    pub error: IamError,
}

/// The inside of [`IamErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamError {
    /// The HTTP status, repeated.
    pub code: u16,
    /// What went wrong.
    pub message: String,
    /// The status's reason phrase.
    pub title: String,
}

impl IamErrorBody {
    /// An IAM error with a status, its reason phrase and a message.
    pub fn new(code: u16, title: &str, message: impl Into<String>) -> Self {
        IamErrorBody { error: IamError { code, message: message.into(), title: title.into() } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reference_shape() {
        let e = ErrorBody::parse(r#"{"error_msg":"The format of message is error","error_code":"AS.0001"}"#)
            .unwrap();
        assert_eq!(e, ErrorBody::new("AS.0001", "The format of message is error"));
    }

    #[test]
    fn reads_the_live_service_shapes() {
        let e = ErrorBody::parse(r#"{"errCode":"DWS.5050","externalMessage":"exists"}"#).unwrap();
        assert_eq!(e, ErrorBody::new("DWS.5050", "exists"));
        let e = ErrorBody::parse(r#"{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}"#)
            .unwrap();
        assert_eq!(e.error_code, "APIGW.0301");
        let e = ErrorBody::parse(r#"{"code":404,"message":"not found"}"#).unwrap();
        assert_eq!(e.error_code, "404");
    }

    #[test]
    fn reads_iam_errors() {
        let e = ErrorBody::parse(
            r#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#,
        )
        .unwrap();
        assert_eq!(e, ErrorBody::new("401", "The username or password is wrong."));
        let written = serde_json::to_value(IamErrorBody::new(401, "Unauthorized", "bad")).unwrap();
        assert_eq!(written["error"]["code"], 401);
        assert_eq!(ErrorBody::from_value(&written).unwrap().error_msg, "bad");
    }

    #[test]
    fn writes_the_reference_shape() {
        let e: ErrorBody = serde_json::from_str(r#"{"errCode":"DWS.5057","externalMessage":"bad name"}"#).unwrap();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"error_code":"DWS.5057","error_msg":"bad name"})
        );
    }

    #[test]
    fn partial_bodies_keep_what_is_there() {
        assert_eq!(ErrorBody::parse(r#"{"error_code":"DWS.5057"}"#).unwrap().error_msg, "");
        assert_eq!(ErrorBody::parse(r#"{"error_msg":"oops"}"#).unwrap().error_code, "");
    }

    #[test]
    fn non_errors_are_refused() {
        for text in ["", "null", "[]", r#""x""#, r#"{"clusters":[]}"#, "<html>502</html>", r#"{"error":"x"}"#] {
            assert!(ErrorBody::parse(text).is_none(), "{text}");
        }
        assert!(serde_json::from_str::<ErrorBody>(r#"{"a":1}"#).is_err());
    }

    #[test]
    fn catalog_codes_get_messages_in_both_languages() {
        let e = ErrorBody::from_code(ErrorCode::Dws5050, Lang::Zh);
        assert_eq!(e.error_code, "DWS.5050");
        assert_eq!(e.error_msg, "集群名已经存在。");
        assert_eq!(e.catalog_entry().unwrap().status, 409);
        let en = ErrorBody::from_code(ErrorCode::Dws5050, Lang::En);
        assert_eq!(en.error_msg, "The cluster name already exists.");
        assert!(ErrorBody::new("X.1", "m").catalog_entry().is_none());
    }
}
