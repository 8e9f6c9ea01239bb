//! The transfer codings a request body may come in.

/// Whether a request's body comes plain or only chunked (the HTTP layer has decoded that):
/// any other coding (`gzip, chunked`) would go upstream still coded, under a length that does
/// not say so.
pub fn transfer_coding_is_plain(headers: &axum::http::HeaderMap) -> bool {
    let mut codings = headers
        .get_all(axum::http::header::TRANSFER_ENCODING)
        .iter()
        .flat_map(|v| v.as_bytes().split(|b| *b == b','))
        .map(<[u8]>::trim_ascii);
    match (codings.next(), codings.next()) {
        (None, _) => true,
        (Some(only), None) => only.eq_ignore_ascii_case(b"chunked"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn with(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(axum::http::header::TRANSFER_ENCODING, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_plain_or_chunked_bodies_pass() {
        assert!(transfer_coding_is_plain(&with(&[])));
        assert!(transfer_coding_is_plain(&with(&["chunked"])));
        assert!(transfer_coding_is_plain(&with(&[" Chunked "])));
        assert!(!transfer_coding_is_plain(&with(&["gzip, chunked"])));
        assert!(!transfer_coding_is_plain(&with(&["gzip"])));
        assert!(!transfer_coding_is_plain(&with(&["chunked", "chunked"])));
    }
}
