//! AK/SK request signatures (`SDK-HMAC-SHA256`), exactly as Huawei's official SDKs make them.
//!
//! Canonical request: method, canonical URI (each path segment decoded and re-encoded, with a
//! trailing `/`), canonical query (pairs sorted, each part encoded), canonical headers
//! (`name:trimmed value\n` for each signed header, in the signed order), the signed-header list,
//! and the hex SHA-256 of the body. String to sign: the algorithm, the `X-Sdk-Date` value and the
//! hex SHA-256 of the canonical request, one per line. Signature: hex HMAC-SHA256 with the SK.

use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

/// The algorithm name in the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The date header.
pub const DATE_HEADER: &str = dws_contract::headers::SDK_DATE;
/// How far a request's date may be from the emulator's clock.
pub const MAX_SKEW_MS: i64 = 15 * 60 * 1000;
/// SHA-256 of nothing.
const EMPTY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// What Python's `quote(s, safe='~')` leaves alone: letters, digits and `_.-~`.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'_').remove(b'.').remove(b'-').remove(b'~');

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The `Authorization` header is not an `SDK-HMAC-SHA256` one.
    #[error("the Authorization header is not a valid SDK-HMAC-SHA256 signature header")]
    Malformed,
    /// No such access key.
    #[error("the access key is not known")]
    UnknownKey,
    /// No `X-Sdk-Date`, or not `YYYYMMDDThhmmssZ`.
    #[error("X-Sdk-Date is missing or not of the form YYYYMMDDThhmmssZ")]
    BadDate,
    /// The date is too far from now.
    #[error("X-Sdk-Date is more than 15 minutes away from the server's time")]
    Stale,
    /// A header named in SignedHeaders is not in the request.
    #[error("the signed header {0} is not in the request")]
    MissingHeader(String),
    /// The signature does not match.
    #[error("the signature does not match the request")]
    Mismatch,
}

/// A parsed `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The access key id.
    pub access: String,
    /// Lowercase header names, in the order given.
    pub signed_headers: Vec<String>,
    /// Hex signature.
    pub signature: String,
}

/// Parses an `Authorization` header value; `None` if it is not an SDK-HMAC-SHA256 one.
pub fn parse_authorization(value: &str) -> Option<Authorization> {
    let rest = value.trim().strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k.trim() {
            "Access" => access = Some(v.trim().to_owned()),
            "SignedHeaders" => {
                signed = Some(v.trim().split(';').map(|h| h.trim().to_ascii_lowercase()).collect())
            }
            "Signature" => signature = Some(v.trim().to_ascii_lowercase()),
            _ => return None,
        }
    }
    let a = Authorization { access: access?, signed_headers: signed?, signature: signature? };
    (!a.access.is_empty() && !a.signed_headers.is_empty() && !a.signature.is_empty()).then_some(a)
}

/// Reads `YYYYMMDDThhmmssZ` as milliseconds since the epoch.
pub fn parse_sdk_date(value: &str) -> Option<i64> {
    let v = value.trim();
    if v.len() != 16 || !v.is_ascii() || &v[8..9] != "T" || &v[15..] != "Z" {
        return None;
    }
    let iso = format!("{}-{}-{}T{}:{}:{}Z", &v[0..4], &v[4..6], &v[6..8], &v[9..11], &v[11..13], &v[13..15]);
    dws_contract::time::parse_iso8601(&iso)
}

/// Writes milliseconds since the epoch as `YYYYMMDDThhmmssZ`.
pub fn format_sdk_date(ms: i64) -> String {
    dws_contract::time::format_iso8601(ms).replace(['-', ':'], "")
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, ENCODE).to_string()
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The canonical URI: the decoded path's segments re-encoded, ending in `/`.
pub fn canonical_uri(raw_path: &str) -> String {
    let mut uri = decode(raw_path).split('/').map(encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The canonical query: decoded pairs sorted by key then value, each part re-encoded.
pub fn canonical_query(raw_query: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> = raw_query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(&k.replace('+', " ")), decode(&v.replace('+', " ")))
        })
        .collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The parts of a request that a signature covers.
pub struct SignedParts<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// The path as received (still percent-encoded).
    pub raw_path: &'a str,
    /// The query as received, without `?`.
    pub raw_query: Option<&'a str>,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

fn header_value(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

/// The canonical request for the given signed headers.
pub fn canonical_request(parts: &SignedParts, signed: &[String]) -> Result<String, SignatureError> {
    let mut headers = String::new();
    for name in signed {
        let value = header_value(parts.headers, name)
            .ok_or_else(|| SignatureError::MissingHeader(name.clone()))?;
        headers.push_str(&format!("{name}:{value}\n"));
    }
    let body_hash = if parts.body.is_empty() {
        EMPTY_HASH.to_owned()
    } else if let Some(declared) = header_value(parts.headers, "x-sdk-content-sha256")
        .filter(|_| signed.iter().any(|h| h == "x-sdk-content-sha256"))
        .filter(|d| d == "UNSIGNED-PAYLOAD")
    {
        // The SDK's way to leave a body out of the signature: only when it signs that it does.
        // Any other declared hash is ignored, so the real body's hash is what must match.
        declared
    } else {
        hex::encode(Sha256::digest(parts.body))
    };
    Ok(format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        parts.method.to_ascii_uppercase(),
        canonical_uri(parts.raw_path),
        canonical_query(parts.raw_query),
        headers,
        signed.join(";"),
        body_hash
    ))
}

/// The string to sign.
pub fn string_to_sign(sdk_date: &str, canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{sdk_date}\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())))
}

/// The hex HMAC-SHA256 of the string to sign with the secret key.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a request's signature against `secret` at time `now_ms`.
pub fn verify(parts: &SignedParts, auth: &Authorization, secret: &str, now_ms: i64) -> Result<(), SignatureError> {
    let date = header_value(parts.headers, DATE_HEADER).ok_or(SignatureError::BadDate)?;
    let at = parse_sdk_date(&date).ok_or(SignatureError::BadDate)?;
    if (now_ms - at).abs() > MAX_SKEW_MS {
        return Err(SignatureError::Stale);
    }
    let canonical = canonical_request(parts, &auth.signed_headers)?;
    let expected = signature(secret, &string_to_sign(&date, &canonical));
    let same = expected.len() == auth.signature.len()
        && expected.bytes().zip(auth.signature.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if same { Ok(()) } else { Err(SignatureError::Mismatch) }
}

/// Signs a request as the SDK does, returning the `Authorization` value: every header present
/// whose name has no `_` is signed. Used by tests and tools that call the emulator with AK/SK.
pub fn sign(parts: &SignedParts, access: &str, secret: &str) -> Result<String, SignatureError> {
    let date = header_value(parts.headers, DATE_HEADER).ok_or(SignatureError::BadDate)?;
    let mut signed: Vec<String> = parts
        .headers
        .keys()
        .map(|k| k.as_str().to_ascii_lowercase())
        .filter(|k| !k.contains('_'))
        .collect();
    signed.sort();
    signed.dedup();
    let canonical = canonical_request(parts, &signed)?;
    let sig = signature(secret, &string_to_sign(&date, &canonical));
    Ok(format!("{ALGORITHM} Access={access}, SignedHeaders={}, Signature={sig}", signed.join(";")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn authorization_headers_parse() {
        let a = parse_authorization(
            "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;host;x-sdk-date, Signature=ABC123",
        )
        .unwrap();
        assert_eq!(a.access, "AK1");
        assert_eq!(a.signed_headers, ["content-type", "host", "x-sdk-date"]);
        assert_eq!(a.signature, "abc123");
        for bad in [
            "",
            "Bearer x",
            "SDK-HMAC-SHA256",
            "SDK-HMAC-SHA256 Access=AK1, Signature=x",
            "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=x",
            "SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature=x, Extra=1",
            "V11-HMAC-SHA256 Credential=A/20261127/r/dws, SignedHeaders=host, Signature=x",
        ] {
            assert_eq!(parse_authorization(bad), None, "{bad}");
        }
    }

    #[test]
    fn sdk_dates() {
        let ms = parse_sdk_date("20261127T120000Z").unwrap();
        assert_eq!(dws_contract::time::format_iso8601(ms), "2026-11-27T12:00:00Z");
        assert_eq!(format_sdk_date(ms), "20261127T120000Z");
        for bad in ["", "2026-11-27T12:00:00Z", "20261127T120000", "20261327T120000Z", "20261127X120000Z"] {
            assert_eq!(parse_sdk_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn canonical_uris_and_queries() {
        assert_eq!(canonical_uri("/v1.0/p/clusters"), "/v1.0/p/clusters/");
        assert_eq!(canonical_uri("/v1.0/p/clusters/"), "/v1.0/p/clusters/");
        assert_eq!(canonical_uri("/v1.0/p/a%20b/c%2Fd"), "/v1.0/p/a%20b/c/d/");
        assert_eq!(canonical_query(Some("b=2&a=1")), "a=1&b=2");
        assert_eq!(canonical_query(Some("k=%2A~&y=a%20b&y=x%20y&z=")), "k=%2A~&y=a%20b&y=x%20y&z=");
        assert_eq!(canonical_query(Some("y=x+y&y=a%20b&z=&k=*~")), "k=%2A~&y=a%20b&y=x%20y&z=");
        assert_eq!(canonical_query(None), "");
        assert_eq!(canonical_query(Some("")), "");
    }

    const AK: &str = "DEMOADMINACCESSKEY01";
    const SK: &str = "demo-admin-secret-key-00000000000000000000";
    const PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// The test vectors below were produced by the official Python SDK's own signer
    /// (huaweicloudsdkcore 3.1.219).
    fn check_vector(
        parts: SignedParts,
        signed: &str,
        canonical: &str,
        string_to_sign_expected: &str,
        signature_expected: &str,
    ) {
        let signed: Vec<String> = signed.split(';').map(str::to_owned).collect();
        let c = canonical_request(&parts, &signed).unwrap();
        assert_eq!(c, canonical);
        let s = string_to_sign("20261127T120000Z", &c);
        assert_eq!(s, string_to_sign_expected);
        assert_eq!(signature(SK, &s), signature_expected);
        let auth = Authorization {
            access: AK.into(),
            signed_headers: signed,
            signature: signature_expected.into(),
        };
        let now = parse_sdk_date("20261127T120000Z").unwrap();
        assert_eq!(verify(&parts, &auth, SK, now), Ok(()));
        assert_eq!(verify(&parts, &auth, SK, now + MAX_SKEW_MS), Ok(()));
        assert_eq!(verify(&parts, &auth, SK, now + MAX_SKEW_MS + 1000), Err(SignatureError::Stale));
        assert_eq!(verify(&parts, &auth, SK, now - MAX_SKEW_MS - 1000), Err(SignatureError::Stale));
        assert_eq!(verify(&parts, &auth, "wrong-secret-key-000000000000", now), Err(SignatureError::Mismatch));
    }

    #[test]
    fn sdk_vector_post_with_query_and_body() {
        let h = headers(&[
            ("content-type", "application/json"),
            ("x-project-id", PROJECT),
            ("host", "127.0.0.1:8090"),
            ("x-sdk-date", "20261127T120000Z"),
        ]);
        let parts = SignedParts {
            method: "POST",
            raw_path: "/v1.0/0f1e2d3c4b5a69788796a5b4c3d2e1f0/clusters",
            raw_query: Some("a=1&b=2"),
            headers: &h,
            body: br#"{"x":1}"#,
        };
        check_vector(
            parts,
            "content-type;host;x-project-id;x-sdk-date",
            "POST\n/v1.0/0f1e2d3c4b5a69788796a5b4c3d2e1f0/clusters/\na=1&b=2\ncontent-type:application/json\nhost:127.0.0.1:8090\nx-project-id:0f1e2d3c4b5a69788796a5b4c3d2e1f0\nx-sdk-date:20261127T120000Z\n\ncontent-type;host;x-project-id;x-sdk-date\n5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22",
            "SDK-HMAC-SHA256\n20261127T120000Z\n5b12de70eddc5de7dc3adddc3c493d6719fb1c531a76969eead77f8395bffaeb",
            "0425253fc215546294080dd76ebc95e032a33ede7d37df7c86019fbe44d0d9e9",
        );
    }

    #[test]
    fn sdk_vector_get_without_body() {
        let h = headers(&[
            ("content-type", "application/json"),
            ("x-project-id", PROJECT),
            ("host", "127.0.0.1:8090"),
            ("x-sdk-date", "20261127T120000Z"),
        ]);
        let parts =
            SignedParts { method: "GET", raw_path: "/v1.0/p/clusters/abc", raw_query: None, headers: &h, body: b"" };
        check_vector(
            parts,
            "content-type;host;x-project-id;x-sdk-date",
            "GET\n/v1.0/p/clusters/abc/\n\ncontent-type:application/json\nhost:127.0.0.1:8090\nx-project-id:0f1e2d3c4b5a69788796a5b4c3d2e1f0\nx-sdk-date:20261127T120000Z\n\ncontent-type;host;x-project-id;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "SDK-HMAC-SHA256\n20261127T120000Z\n82c5464a8c2cc9241b3fdacaeb43275948c75325823c9d0cc92ae8b49335be72",
            "c19b13a8b93cf03f24422799695457de0e02499f8f2a71ff8d9e3aec08b261ad",
        );
    }

    #[test]
    fn sdk_vector_with_the_dws_client_headers() {
        let h = headers(&[
            ("content-type", "application/json;charset=utf-8"),
            ("user-agent", "huaweicloud-usdk-python/3.0; test-agent"),
            ("x-project-id", PROJECT),
            ("host", "127.0.0.1:8090"),
            ("x-sdk-date", "20261127T120000Z"),
        ]);
        let parts = SignedParts {
            method: "POST",
            raw_path: "/v1.0/0f1e2d3c4b5a69788796a5b4c3d2e1f0/clusters",
            raw_query: Some("a=1&b=2"),
            headers: &h,
            body: br#"{"x":1}"#,
        };
        check_vector(
            parts,
            "content-type;host;user-agent;x-project-id;x-sdk-date",
            "POST\n/v1.0/0f1e2d3c4b5a69788796a5b4c3d2e1f0/clusters/\na=1&b=2\ncontent-type:application/json;charset=utf-8\nhost:127.0.0.1:8090\nuser-agent:huaweicloud-usdk-python/3.0; test-agent\nx-project-id:0f1e2d3c4b5a69788796a5b4c3d2e1f0\nx-sdk-date:20261127T120000Z\n\ncontent-type;host;user-agent;x-project-id;x-sdk-date\n5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22",
            "SDK-HMAC-SHA256\n20261127T120000Z\n9a44918643da90b29c4a41b3672e4a1e2dbd7a7a9e6e47e34e07f9de41406869",
            "67433830bfec487462a037c897db9c6e85de9925e9cafaa42f40cae09e00895c",
        );
    }

    #[test]
    fn sdk_vector_with_encoded_path_and_query() {
        let h = headers(&[
            ("content-type", "application/json"),
            ("x-project-id", PROJECT),
            ("host", "127.0.0.1:8090"),
            ("x-sdk-date", "20261127T120000Z"),
        ]);
        let parts = SignedParts {
            method: "GET",
            raw_path: "/v1.0/p/a%20b/c%2Fd",
            raw_query: Some("k=%2A~&y=a%20b&y=x%20y&z="),
            headers: &h,
            body: b"",
        };
        check_vector(
            parts,
            "content-type;host;x-project-id;x-sdk-date",
            "GET\n/v1.0/p/a%20b/c/d/\nk=%2A~&y=a%20b&y=x%20y&z=\ncontent-type:application/json\nhost:127.0.0.1:8090\nx-project-id:0f1e2d3c4b5a69788796a5b4c3d2e1f0\nx-sdk-date:20261127T120000Z\n\ncontent-type;host;x-project-id;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "SDK-HMAC-SHA256\n20261127T120000Z\n1d6a70868c3a2b0680cf695a055868765c630c94e455ade8609e176bf7ec1e5b",
            "8d0cc460780c24b5698bf69fe5861049497aeba6ec0f522c4a02c7f6526a9262",
        );
    }

    #[test]
    fn tampering_is_detected() {
        let h = headers(&[("host", "127.0.0.1:8090"), ("x-sdk-date", "20261127T120000Z")]);
        let now = parse_sdk_date("20261127T120000Z").unwrap();
        let good = SignedParts { method: "POST", raw_path: "/v1.0/p/clusters", raw_query: None, headers: &h, body: b"{\"a\":1}" };
        let auth = parse_authorization(&sign(&good, AK, SK).unwrap()).unwrap();
        assert_eq!(verify(&good, &auth, SK, now), Ok(()));
        let body = SignedParts { body: b"{\"a\":2}", ..good };
        assert_eq!(verify(&body, &auth, SK, now), Err(SignatureError::Mismatch));
        let good = SignedParts { method: "POST", raw_path: "/v1.0/p/clusters", raw_query: None, headers: &h, body: b"{\"a\":1}" };
        let path = SignedParts { raw_path: "/v1.0/q/clusters", ..good };
        assert_eq!(verify(&path, &auth, SK, now), Err(SignatureError::Mismatch));
        let good = SignedParts { method: "POST", raw_path: "/v1.0/p/clusters", raw_query: None, headers: &h, body: b"{\"a\":1}" };
        let method = SignedParts { method: "DELETE", ..good };
        assert_eq!(verify(&method, &auth, SK, now), Err(SignatureError::Mismatch));
        let h2 = headers(&[("host", "evil:1"), ("x-sdk-date", "20261127T120000Z")]);
        let host = SignedParts { method: "POST", raw_path: "/v1.0/p/clusters", raw_query: None, headers: &h2, body: b"{\"a\":1}" };
        assert_eq!(verify(&host, &auth, SK, now), Err(SignatureError::Mismatch));
        let h3 = headers(&[("x-sdk-date", "20261127T120000Z")]);
        let missing = SignedParts { method: "POST", raw_path: "/v1.0/p/clusters", raw_query: None, headers: &h3, body: b"{\"a\":1}" };
        assert_eq!(verify(&missing, &auth, SK, now), Err(SignatureError::MissingHeader("host".into())));
        let h4 = headers(&[("host", "127.0.0.1:8090")]);
        let undated = SignedParts { method: "POST", raw_path: "/v1.0/p/clusters", raw_query: None, headers: &h4, body: b"{\"a\":1}" };
        assert_eq!(verify(&undated, &auth, SK, now), Err(SignatureError::BadDate));
    }

    #[test]
    fn only_a_signed_unsigned_payload_leaves_the_body_out() {
        let now = parse_sdk_date("20261127T120000Z").unwrap();
        let hash_a = hex::encode(Sha256::digest(b"{\"a\":1}"));
        // A declared hash added after signing (not a signed header) does not stand for the body.
        let h = headers(&[("host", "127.0.0.1:8090"), ("x-sdk-date", "20261127T120000Z")]);
        let a = SignedParts { method: "POST", raw_path: "/v1.0/p/clusters", raw_query: None, headers: &h, body: b"{\"a\":1}" };
        let auth = parse_authorization(&sign(&a, AK, SK).unwrap()).unwrap();
        let replayed = headers(&[("host", "127.0.0.1:8090"), ("x-sdk-date", "20261127T120000Z"), ("x-sdk-content-sha256", &hash_a)]);
        let b = SignedParts { headers: &replayed, body: b"{\"a\":2}", ..a };
        assert_eq!(verify(&b, &auth, SK, now), Err(SignatureError::Mismatch));
        // Signed, a declared hash other than UNSIGNED-PAYLOAD still has to be the body's.
        let b_signed = parse_authorization(&sign(&b, AK, SK).unwrap()).unwrap();
        let c = SignedParts { body: b"{\"a\":3}", ..b };
        assert_eq!(verify(&c, &b_signed, SK, now), Err(SignatureError::Mismatch));
        // The SDK's UNSIGNED-PAYLOAD, signed, leaves the body out, as it means to.
        let unsigned = headers(&[("host", "127.0.0.1:8090"), ("x-sdk-date", "20261127T120000Z"), ("x-sdk-content-sha256", "UNSIGNED-PAYLOAD")]);
        let d = SignedParts { headers: &unsigned, ..a };
        let d_auth = parse_authorization(&sign(&d, AK, SK).unwrap()).unwrap();
        assert_eq!(verify(&SignedParts { body: b"anything", ..d }, &d_auth, SK, now), Ok(()));
    }
}
