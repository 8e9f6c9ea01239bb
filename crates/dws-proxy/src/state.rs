//! What every request can reach (settings, upstreams, the console's files, the limiter), and
//! what the accept loop knows of one client connection.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::HeaderValue;
use bytes::Bytes;
use dws_contract::console_config::{ConsoleConfig, RegionConfig};

use crate::config::ProxyConfig;
use crate::limits::RateLimiter;
use crate::static_site::Site;
use crate::upstream::{ConnSlot, Upstreams};

/// What every request can reach.
pub struct ProxyState {
    /// Settings.
    pub config: ProxyConfig,
    /// The upstream connections.
    pub upstreams: Arc<Upstreams>,
    /// The console, when serving it.
    pub site: Option<Site>,
    /// Rate limiting, when on.
    pub limiter: Option<RateLimiter>,
    /// `config.json`, rendered once.
    pub console_config: Bytes,
}



/// The runtime configuration the console reads: the API at this proxy (under the base path), and
/// each region under `/regions/{name}`.
pub fn console_config(config: &ProxyConfig) -> ConsoleConfig {
    let base = &config.base_path;
    ConsoleConfig {
        api_base: base.clone(),
        default_language: config.default_language,
        regions: config
            .regions
            .iter()
            .map(|r| RegionConfig {
                name: r.name.clone(),
                label: None,
                api_base: format!("{base}/regions/{}", r.name),
            })
            .collect(),
        polling: config.polling,
    }
}

impl ProxyState {
    /// Builds the state: upstreams, site, limiter, config.json.
    pub fn new(config: ProxyConfig, upstreams: Upstreams, site: Option<Site>) -> ProxyState {
        let console_config =
            Bytes::from(serde_json::to_vec(&console_config(&config)).unwrap_or_default());
        let limiter = config.rate_limit.map(RateLimiter::new);
        ProxyState {
            config,
            upstreams: Arc::new(upstreams),
            site,
            limiter,
            console_config,
        }
    }
}

/// What the accept loop knows of a client connection, handed to each of its requests.
pub struct ClientConn {
    /// The peer address (the only address rate limits and `X-Forwarded-For` trust).
    pub peer: SocketAddr,
    /// `X-Forwarded-For` for its requests, formatted once.
    pub forwarded_for: HeaderValue,
    /// The upstream connection it holds between requests.
    pub slot: ConnSlot,
}

impl ClientConn {
    /// The connection of a client at `peer`.
    pub fn new(peer: SocketAddr, upstreams: Arc<Upstreams>) -> ClientConn {
        let forwarded_for = HeaderValue::from_str(&peer.ip().to_string())
            .unwrap_or(HeaderValue::from_static("unknown"));
        ClientConn {
            peer,
            forwarded_for,
            slot: ConnSlot::new(upstreams),
        }
    }
}
