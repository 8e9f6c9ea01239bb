//! Loading `config.json`, the runtime settings one build reads in every deployment.

use dws_contract::console_config::ConsoleConfig;
use gloo_net::http::Request;
use leptos::prelude::*;

use crate::browser;

/// The runtime configuration, and why the file could not be used (if it could not).
#[derive(Debug, Clone, Copy)]
pub struct ConfigContext {
    /// The configuration in effect (defaults until `config.json` arrives).
    pub config: RwSignal<ConsoleConfig>,
    /// Set when `config.json` could not be read.
    pub error: RwSignal<Option<String>>,
}

/// Why `config.json` could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// The request failed.
    #[error("config.json could not be fetched: {0}")]
    Fetch(String),
    /// The server answered with an error status.
    #[error("config.json answered HTTP {0}")]
    Status(u16),
    /// The file is not a valid configuration.
    #[error("config.json is not valid: {0}")]
    Parse(String),
}

/// Fetches and parses `config.json` from beside the console.
pub async fn load() -> Result<ConsoleConfig, ConfigError> {
    let response = Request::get(&browser::asset_url("config.json"))
        .send()
        .await
        .map_err(|e| ConfigError::Fetch(e.to_string()))?;
    if !response.ok() {
        return Err(ConfigError::Status(response.status()));
    }
    let text = response.text().await.map_err(|e| ConfigError::Fetch(e.to_string()))?;
    parse(&text)
}

/// Parses a configuration; unknown keys are ignored and missing ones take their defaults.
pub fn parse(text: &str) -> Result<ConsoleConfig, ConfigError> {
    serde_json::from_str(text).map_err(|e| ConfigError::Parse(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_parses() {
        let shipped = include_str!("../public/config.json");
        let c = parse(shipped).unwrap();
        assert_eq!(c.api_base, "");
        assert_eq!(c.default_language, dws_contract::Lang::En);
    }

    #[test]
    fn broken_files_are_reported() {
        assert!(matches!(parse("{"), Err(ConfigError::Parse(_))));
        assert!(matches!(parse(r#"{"default_language":"fr"}"#), Err(ConfigError::Parse(_))));
    }
}
