//! `config.json`: the runtime settings the console reads at start, so one static build serves
//! every deployment. The proxy writes it; a static host serves the file from `public/`.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The console's runtime configuration. Every field has a default, so a partial file works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsoleConfig {
    /// Where API paths (`/v3/…`, `/v1.0/…`, `/v2/…`) are sent: empty for the origin that served
    /// the console, a path such as `/portal/dws` under a base path, or another origin's URL.
    pub api_base: String,
    /// The language shown until the user picks one.
    pub default_language: Lang,
    /// Regions to choose from at sign-in; empty means the single endpoint at `api_base`.
    pub regions: Vec<RegionConfig>,
    /// How often live tables refresh.
    pub polling: PollingConfig,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            api_base: String::new(),
            default_language: Lang::En,
            regions: Vec::new(),
            polling: PollingConfig::default(),
        }
    }
}

impl ConsoleConfig {
    /// The API base for a region (the region's own, or the default one).
    pub fn api_base_for(&self, region: Option<&str>) -> &str {
        region
            .and_then(|r| self.regions.iter().find(|c| c.name == r))
            .map(|c| c.api_base.as_str())
            .unwrap_or(&self.api_base)
    }
}

/// One region the console can sign in to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionConfig {
    /// The region (and default project) name, e.g. `ae-ad-1`.
    pub name: String,
    /// What the picker shows; the name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Where this region's API paths are sent, e.g. `/regions/ae-ad-1`.
    pub api_base: String,
}

/// Polling intervals of live tables, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PollingConfig {
    /// While anything is changing.
    pub fast_ms: u32,
    /// When everything is settled.
    pub slow_ms: u32,
}

impl Default for PollingConfig {
    fn default() -> Self {
        PollingConfig { fast_ms: 3_000, slow_ms: 30_000 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_the_defaults() {
        let c: ConsoleConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(c, ConsoleConfig::default());
        assert_eq!(c.polling.fast_ms, 3_000);
        assert_eq!(c.polling.slow_ms, 30_000);
    }

    #[test]
    fn partial_files_keep_the_other_defaults() {
        let c: ConsoleConfig =
            serde_json::from_str(r#"{"default_language":"zh","polling":{"fast_ms":1000},"extra":1}"#).unwrap();
        assert_eq!(c.default_language, Lang::Zh);
        assert_eq!(c.polling.fast_ms, 1000);
        assert_eq!(c.polling.slow_ms, 30_000);
        assert_eq!(c.api_base, "");
    }

    #[test]
    fn region_bases() {
        let c: ConsoleConfig = serde_json::from_str(
            r#"{"api_base":"/api","regions":[{"name":"ae-ad-1","api_base":"/regions/ae-ad-1"}]}"#,
        )
        .unwrap();
        assert_eq!(c.api_base_for(Some("ae-ad-1")), "/regions/ae-ad-1");
        assert_eq!(c.api_base_for(Some("other")), "/api");
        assert_eq!(c.api_base_for(None), "/api");
    }
}
