//! Settings written the one way the proxy compares them: durations, the base path, origins.

use std::time::Duration;

use super::{ConfigError, UpstreamUrl};

pub(super) fn secs(what: &str, v: f64) -> Result<Duration, ConfigError> {
    if v.is_finite() && v > 0.0 {
        Ok(Duration::from_secs_f64(v))
    } else {
        Err(ConfigError::Invalid(format!(
            "{what} must be a positive number of seconds"
        )))
    }
}

/// `""`, or `/a/b` without a trailing slash.
pub fn normalise_base_path(p: &str) -> Result<String, ConfigError> {
    let p = p.trim().trim_end_matches('/');
    if p.is_empty() {
        return Ok(String::new());
    }
    let ok = p.starts_with('/')
        && p[1..].split('/').all(|seg| {
            !seg.is_empty()
                && seg != "."
                && seg != ".."
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
        });
    if ok {
        Ok(p.to_owned())
    } else {
        Err(ConfigError::Invalid(format!(
            "--base-path '{p}' must look like /portal/dws"
        )))
    }
}

/// An origin as browsers send it: `scheme://host[:port]`, lowercase, no path.
pub fn normalise_origin(o: &str) -> Result<String, ConfigError> {
    normalise_origin_named("--allow-origin", o)
}

/// [`normalise_origin`], naming the setting it came from in its errors.
pub fn normalise_origin_named(setting: &str, o: &str) -> Result<String, ConfigError> {
    let u = UpstreamUrl::parse(setting, o)?;
    if !u.prefix.is_empty() {
        return Err(ConfigError::Invalid(format!("{setting} '{o}' must have no path")));
    }
    Ok(u.origin())
}

/// A CSP `frame-ancestors` source list: one directive's value, never a way to add another
/// directive (`;`), another policy (`,`) or another header line.
pub fn check_frame_ancestors(v: &str) -> Result<String, ConfigError> {
    if v.contains([';', ',', '\n', '\r']) || v.trim().is_empty() {
        return Err(ConfigError::Invalid(
            "frame_ancestors must be a CSP source list such as 'none' or https://portal.example.com".into(),
        ));
    }
    Ok(v.trim().to_owned())
}
