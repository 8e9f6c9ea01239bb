//! Where settings come from: the TOML file (every key optional), and the flags and environment
//! variables that override it.

use std::path::PathBuf;

use dws_contract::Lang;
use dws_contract::console_config::PollingConfig;
use serde::Deserialize;

use super::ConfigError;

/// The TOML file's shape: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// `listen`.
    pub listen: Option<String>,
    /// `iam`.
    pub iam: Option<String>,
    /// `dws`.
    pub dws: Option<String>,
    /// `ces`.
    pub ces: Option<String>,
    /// `[[regions]]`.
    pub regions: Option<Vec<FileRegion>>,
    /// `serve`.
    pub serve: Option<PathBuf>,
    /// `allow_origins`.
    pub allow_origins: Option<Vec<String>>,
    /// `allow_private_upstreams`.
    pub allow_private_upstreams: Option<bool>,
    /// `base_path`.
    pub base_path: Option<String>,
    /// `extra_ca`.
    pub extra_ca: Option<PathBuf>,
    /// `max_body_bytes`.
    pub max_body_bytes: Option<usize>,
    /// `max_header_bytes`.
    pub max_header_bytes: Option<usize>,
    /// `header_read_timeout_secs`.
    pub header_read_timeout_secs: Option<f64>,
    /// `body_read_timeout_secs`.
    pub body_read_timeout_secs: Option<f64>,
    /// `send_timeout_secs`.
    pub send_timeout_secs: Option<f64>,
    /// `upstream_timeout_secs`.
    pub upstream_timeout_secs: Option<f64>,
    /// `connect_timeout_secs`.
    pub connect_timeout_secs: Option<f64>,
    /// `rate_limit_per_second` (0 turns it off).
    pub rate_limit_per_second: Option<f64>,
    /// `rate_limit_burst`.
    pub rate_limit_burst: Option<u32>,
    /// `frame_ancestors`.
    pub frame_ancestors: Option<String>,
    /// `default_language`.
    pub default_language: Option<Lang>,
    /// `tls_cert`.
    pub tls_cert: Option<PathBuf>,
    /// `tls_key`.
    pub tls_key: Option<PathBuf>,
    /// `trusted_proxies`.
    pub trusted_proxies: Option<Vec<String>>,
    /// `[polling]`.
    pub polling: Option<PollingConfig>,
}

/// A region in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRegion {
    /// Name.
    pub name: String,
    /// IAM endpoint.
    pub iam: String,
    /// DWS endpoint.
    pub dws: String,
    /// Cloud Eye endpoint (derived from the DWS one when not given).
    #[serde(default)]
    pub ces: Option<String>,
}

impl FileConfig {
    /// Reads a TOML file.
    pub fn load(path: &std::path::Path) -> Result<FileConfig, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::Read(path.display().to_string(), e))?;
        toml::from_str(&text)
            .map_err(|e| ConfigError::Parse(path.display().to_string(), e.to_string()))
    }
}

/// Parses `NAME=IAM_URL,DWS_URL[,CES_URL]`.
pub fn parse_region(s: &str) -> Result<FileRegion, ConfigError> {
    let bad = || ConfigError::Invalid(format!("--region '{s}' is not NAME=IAM_URL,DWS_URL[,CES_URL]"));
    let (name, urls) = s.split_once('=').ok_or_else(bad)?;
    let urls: Vec<&str> = urls.split(',').map(str::trim).collect();
    let [iam, dws, ces @ ..] = urls.as_slice() else { return Err(bad()) };
    if ces.len() > 1 {
        return Err(bad());
    }
    Ok(FileRegion {
        name: name.trim().into(),
        iam: (*iam).into(),
        dws: (*dws).into(),
        ces: ces.first().map(|c| (*c).to_owned()),
    })
}

/// What flags and environment variables set (clap fills it); `None` means "not given".
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--listen`.
    pub listen: Option<String>,
    /// `--iam`.
    pub iam: Option<String>,
    /// `--dws`.
    pub dws: Option<String>,
    /// `--ces`.
    pub ces: Option<String>,
    /// `--region` (repeated).
    pub regions: Vec<String>,
    /// `--serve`.
    pub serve: Option<PathBuf>,
    /// `--allow-origin` (repeated).
    pub allow_origins: Vec<String>,
    /// `--allow-private-upstreams[=false]`.
    pub allow_private_upstreams: Option<bool>,
    /// `--base-path`.
    pub base_path: Option<String>,
    /// `--extra-ca`.
    pub extra_ca: Option<PathBuf>,
    /// `--max-body-bytes`.
    pub max_body_bytes: Option<usize>,
    /// `--max-header-bytes`.
    pub max_header_bytes: Option<usize>,
    /// `--header-read-timeout-secs`.
    pub header_read_timeout_secs: Option<f64>,
    /// `--body-read-timeout-secs`.
    pub body_read_timeout_secs: Option<f64>,
    /// `--send-timeout-secs`.
    pub send_timeout_secs: Option<f64>,
    /// `--upstream-timeout-secs`.
    pub upstream_timeout_secs: Option<f64>,
    /// `--rate-limit-per-second`.
    pub rate_limit_per_second: Option<f64>,
    /// `--rate-limit-burst`.
    pub rate_limit_burst: Option<u32>,
    /// `--frame-ancestors`.
    pub frame_ancestors: Option<String>,
    /// `--default-language`.
    pub default_language: Option<String>,
    /// `--tls-cert`.
    pub tls_cert: Option<PathBuf>,
    /// `--tls-key`.
    pub tls_key: Option<PathBuf>,
    /// `--trusted-proxy` (repeated).
    pub trusted_proxies: Vec<String>,
}
