//! Reading a JSON request body into a contract type, with errors that name the field and carry
//! the DWS code the service would answer with.

use axum::http::HeaderMap;
use dws_contract::ErrorCode;
use dws_contract::rules::{Field, RuleError, Violation};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Detail};

/// Whether a Content-Type is JSON (`application/json`, with or without parameters).
fn is_json(content_type: &str) -> bool {
    content_type.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// Whether a request says its body is JSON.
pub fn is_json_request(headers: &HeaderMap) -> bool {
    headers.get("content-type").is_some_and(|v| is_json(&String::from_utf8_lossy(v.as_bytes())))
}

/// Parses a request body. An empty body reads as `{}`, so a missing member is reported by name.
pub fn parse<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    if !body.is_empty() {
        let ct = headers.get("content-type").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        match ct {
            Some(ct) if is_json(&ct) => {}
            Some(ct) => return Err(ApiError::with(ErrorCode::Dws5065, Detail::ContentType(ct))),
            None => return Err(ApiError::with(ErrorCode::Dws5065, Detail::ContentType("none".into()))),
        }
    }
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    let mut de = serde_json::Deserializer::from_slice(text);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(explain)?;
    de.end().map_err(|e| ApiError::with(ErrorCode::Dws5065, Detail::Body(e.to_string())))?;
    Ok(value)
}

fn explain(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let message = inner.to_string();
    if !inner.is_data() {
        return ApiError::with(ErrorCode::Dws5065, Detail::Body(message));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let full = if path == "." { name.to_owned() } else { format!("{path}.{name}") };
        return match Field::from_body_path(&full) {
            Some(field) => RuleError::new(field, Violation::Required).into(),
            None => ApiError::with(ErrorCode::Dws5065, Detail::MissingField(full)),
        };
    }
    match Field::from_body_path(&path) {
        Some(field) => RuleError::new(field, Violation::WrongType).into(),
        None => ApiError::with(ErrorCode::Dws5065, Detail::Body(format!("{path}: {message}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use dws_contract::Lang;
    use dws_contract::types::{CreateClusterRequest, DeleteClusterRequest, RestartClusterRequest};

    fn json_headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("application/json;charset=UTF-8"));
        h
    }

    fn err<T: DeserializeOwned + std::fmt::Debug>(body: &str) -> (String, String) {
        let e = parse::<T>(&json_headers(), body.as_bytes()).unwrap_err();
        let b = e.body(Lang::En);
        (b.error_code, b.error_msg)
    }

    #[test]
    fn missing_members_are_named() {
        let (code, msg) = err::<CreateClusterRequest>("{}");
        assert_eq!(code, "DWS.5065");
        assert!(msg.contains("cluster is required"), "{msg}");
        let (code, msg) = err::<CreateClusterRequest>(r#"{"cluster":{"node_type":"x"}}"#);
        assert_eq!(code, "DWS.5047", "{msg}");
        let (code, _) = err::<DeleteClusterRequest>("");
        assert_eq!(code, "DWS.5038");
        let (code, msg) = err::<RestartClusterRequest>("{}");
        assert_eq!(code, "DWS.5065");
        assert!(msg.contains("restart is required"), "{msg}");
    }

    #[test]
    fn wrong_types_get_the_field_code() {
        let (code, msg) = err::<DeleteClusterRequest>(r#"{"keep_last_manual_snapshot":"all"}"#);
        assert_eq!((code.as_str(), msg.as_str()), ("DWS.5038", "Manual snapshots to keep must be a whole number."));
        let body = r#"{"cluster":{"node_type":"x","number_of_node":"three","subnet_id":"s","security_group_id":"g","vpc_id":"v","name":"n","user_name":"u","user_pwd":"p"}}"#;
        assert_eq!(err::<CreateClusterRequest>(body).0, "DWS.5047");
    }

    #[test]
    fn broken_json_and_content_types() {
        assert_eq!(err::<DeleteClusterRequest>("{").0, "DWS.5065");
        assert_eq!(err::<DeleteClusterRequest>(r#"{"keep_last_manual_snapshot":0} x"#).0, "DWS.5065");
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("text/plain"));
        let e = parse::<DeleteClusterRequest>(&h, b"{}").unwrap_err();
        assert!(e.body(Lang::En).error_msg.contains("not text/plain"));
        let e = parse::<DeleteClusterRequest>(&HeaderMap::new(), b"{}").unwrap_err();
        assert_eq!(e.code(), ErrorCode::Dws5065);
    }

    #[test]
    fn unknown_members_are_ignored() {
        let r: DeleteClusterRequest =
            parse(&json_headers(), br#"{"keep_last_manual_snapshot":2,"force":true}"#).unwrap();
        assert_eq!(r.keep_last_manual_snapshot, 2);
    }
}
