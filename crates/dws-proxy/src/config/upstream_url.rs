//! An upstream's base URL, checked once: scheme, authority and an optional path prefix.

use axum::http::Uri;

use super::ConfigError;

/// An upstream base URL: scheme, authority and an optional path prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamUrl {
    /// `http` or `https`.
    pub scheme: String,
    /// `host[:port]`.
    pub authority: String,
    /// A path prefix without a trailing slash (usually empty).
    pub prefix: String,
    /// `scheme://authority`, the key its connections are kept under.
    pub key: std::sync::Arc<str>,
    /// The `Host` header requests to it carry.
    pub host_header: axum::http::HeaderValue,
    parsed: (axum::http::uri::Scheme, axum::http::uri::Authority),
}

impl UpstreamUrl {
    /// Parses `https://host[:port][/prefix]`.
    pub fn parse(what: &str, s: &str) -> Result<UpstreamUrl, ConfigError> {
        let bad = |why: &str| ConfigError::Invalid(format!("{what} '{s}' {why}"));
        let uri: Uri = s.trim().parse().map_err(|_| bad("is not a URL"))?;
        let scheme = uri
            .scheme_str()
            .ok_or_else(|| bad("needs http:// or https://"))?
            .to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(bad("must be http:// or https://"));
        }
        let authority = uri.authority().ok_or_else(|| bad("has no host"))?;
        if authority.as_str().contains('@') {
            return Err(bad("must not contain credentials"));
        }
        if uri.query().is_some() {
            return Err(bad("must not have a query"));
        }
        // `http` reads a port that does not fit 16 bits as no port at all.
        let text = authority.as_str();
        let after_host = text.rfind(']').map_or(text, |i| &text[i + 1..]);
        if let Some((_, port)) = after_host.rsplit_once(':')
            && !port.parse::<u16>().is_ok_and(|p| p > 0)
        {
            return Err(bad("has a port outside 1-65535"));
        }
        let authority_text = authority.as_str().to_ascii_lowercase();
        let parsed = (
            scheme.parse().map_err(|_| bad("has a bad scheme"))?,
            authority_text.parse().map_err(|_| bad("has a bad host"))?,
        );
        Ok(UpstreamUrl {
            host_header: authority_text.parse().map_err(|_| bad("has a bad host"))?,
            key: format!("{scheme}://{authority_text}").into(),
            scheme,
            authority: authority_text,
            prefix: uri.path().trim_end_matches('/').to_owned(),
            parsed,
        })
    }

    /// The same region's endpoint of another service, by Huawei Cloud's naming: the first label
    /// of the host is the service (`dws.ae-ad-1.myhuaweicloud.com` → `ces.ae-ad-1.…`). A host
    /// not named that way (the emulator, which answers every service) is kept as it is.
    pub fn sibling(&self, from: &str, to: &str) -> UpstreamUrl {
        let Some(rest) = self.authority.strip_prefix(from).and_then(|r| r.strip_prefix('.')) else {
            return self.clone();
        };
        let url = format!("{}://{to}.{rest}{}", self.scheme, self.prefix);
        UpstreamUrl::parse("derived URL", &url).unwrap_or_else(|_| self.clone())
    }

    /// The request target sent upstream (origin form): the prefix, then the path and query.
    pub fn target(
        &self,
        pq: axum::http::uri::PathAndQuery,
    ) -> Result<axum::http::uri::PathAndQuery, axum::http::Error> {
        if self.prefix.is_empty() {
            Ok(pq)
        } else {
            Ok(format!("{}{}", self.prefix, pq.as_str()).parse()?)
        }
    }

    /// Where to connect: the scheme and authority alone.
    pub fn connect_uri(&self) -> Uri {
        let mut parts = axum::http::uri::Parts::default();
        parts.scheme = Some(self.parsed.0.clone());
        parts.authority = Some(self.parsed.1.clone());
        parts.path_and_query = Some(axum::http::uri::PathAndQuery::from_static("/"));
        Uri::from_parts(parts).unwrap_or_default()
    }

    /// `scheme://authority`.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }
}

impl std::fmt::Display for UpstreamUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.authority, self.prefix)
    }
}
