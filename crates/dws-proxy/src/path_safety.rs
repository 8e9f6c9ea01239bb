//! Which API paths are safe to forward: a path that could mean something else upstream (a
//! climbing `..`, an encoded `/`, a `;` parameter) never leaves the proxy.

/// Whether a path is safe to forward: ASCII, no empty, `.` or `..` segments (also
/// percent-encoded), no encoded `/` or `\`, no `;`. Such paths can mean something else upstream.
pub fn path_is_clean(path: &str) -> bool {
    let b = path.as_bytes();
    // `;` starts path parameters for some servers (`/..;/` climbs a level in Java containers);
    // the API's paths have none.
    if !path.is_ascii() || b.contains(&b'\\') || b.contains(&b';') {
        return false;
    }
    // Encoded `/`, `\` and NUL.
    let encoded = |w: &[u8], hi: u8, lo: u8| w[1] == hi && w[2].eq_ignore_ascii_case(&lo);
    if b.windows(3).any(|w| {
        w[0] == b'%' && (encoded(w, b'2', b'f') || encoded(w, b'5', b'c') || encoded(w, b'0', b'0'))
    }) {
        return false;
    }
    let rest = path.strip_prefix('/').unwrap_or(path);
    let count = rest.split('/').count();
    rest.split('/').enumerate().all(|(i, seg)| {
        // `.` and `..`, also written `%2e`.
        let dots = seg.eq_ignore_ascii_case("%2e")
            || seg == "."
            || [".%2e", "%2e.", "%2e%2e", ".."]
                .iter()
                .any(|d| seg.eq_ignore_ascii_case(d));
        // A trailing slash is fine; other empty segments are not.
        (!seg.is_empty() || i == count - 1) && !dots
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_paths() {
        for ok in [
            "/v1.0/p/clusters",
            "/v1.0/p/clusters/",
            "/v3/auth/tokens",
            "/v1.0/p/snapshots/a-b_c.d~e",
        ] {
            assert!(path_is_clean(ok), "{ok}");
        }
        for bad in [
            "/v1.0/p/../../v3/auth",
            "/v1.0/p/./x",
            "/v1.0/p/%2e%2e/x",
            "/v1.0/p/%2E./x",
            "/v1.0/p/a%2Fb",
            "/v1.0/p/a%5cb",
            "/v1.0//p",
            "/v1.0/p\\x",
            "/v1.0/p/é",
            "/v1.0/p/%00",
            "/v1.0/p/..;/v3/auth",
            "/v1.0/p/clusters;a=b",
        ] {
            assert!(!path_is_clean(bad), "{bad}");
        }
    }
}
