//! Writing a request: request line, headers, and a `Content-Length` of its own (the client's
//! `Content-Length` and `Transfer-Encoding` never go upstream: the whole body is sent at once).

use axum::http::{HeaderMap, Method};

/// The request as it goes on the wire: request line, headers, `Content-Length` when there is a
/// body (or the method usually has one), the body.
pub fn encode_request(method: &Method, target: &str, headers: &HeaderMap, body: &[u8]) -> Vec<u8> {
    let heads: usize = headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    let mut w = Vec::with_capacity(method.as_str().len() + target.len() + heads + 64 + body.len());
    w.extend_from_slice(method.as_str().as_bytes());
    w.push(b' ');
    w.extend_from_slice(target.as_bytes());
    w.extend_from_slice(b" HTTP/1.1\r\n");
    for (k, v) in headers {
        if k == axum::http::header::CONTENT_LENGTH || k == axum::http::header::TRANSFER_ENCODING {
            continue;
        }
        w.extend_from_slice(k.as_str().as_bytes());
        w.extend_from_slice(b": ");
        w.extend_from_slice(v.as_bytes());
        w.extend_from_slice(b"\r\n");
    }
    let usually_has_body = matches!(*method, Method::POST | Method::PUT | Method::PATCH);
    if !body.is_empty() || usually_has_body {
        w.extend_from_slice(b"content-length: ");
        w.extend_from_slice(body.len().to_string().as_bytes());
        w.extend_from_slice(b"\r\n");
    }
    w.extend_from_slice(b"\r\n");
    w.extend_from_slice(body);
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn requests_carry_a_length_only_when_they_should() {
        let mut h = HeaderMap::new();
        h.insert("x-auth-token", HeaderValue::from_static("t"));
        h.insert("content-length", HeaderValue::from_static("999"));
        h.insert("transfer-encoding", HeaderValue::from_static("chunked"));
        let get =
            String::from_utf8(encode_request(&Method::GET, "/v1.0/p/clusters", &h, b"")).unwrap();
        assert_eq!(
            get,
            "GET /v1.0/p/clusters HTTP/1.1\r\nx-auth-token: t\r\n\r\n"
        );
        let post =
            String::from_utf8(encode_request(&Method::POST, "/v3/auth/tokens", &h, b"{}")).unwrap();
        assert_eq!(
            post,
            "POST /v3/auth/tokens HTTP/1.1\r\nx-auth-token: t\r\ncontent-length: 2\r\n\r\n{}"
        );
        let empty_post =
            String::from_utf8(encode_request(&Method::POST, "/x", &HeaderMap::new(), b"")).unwrap();
        assert!(empty_post.contains("content-length: 0\r\n"));
    }
}
