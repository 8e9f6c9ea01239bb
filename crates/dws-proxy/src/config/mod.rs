//! The proxy's settings: from flags, environment variables and a TOML file, in that order of
//! precedence, then defaults; checked once at start.

mod file;
mod normalise;
mod upstream_url;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use dws_contract::Lang;
use dws_contract::console_config::PollingConfig;

pub use file::{FileConfig, FileRegion, Overrides, parse_region};
pub use normalise::{check_frame_ancestors, normalise_base_path, normalise_origin, normalise_origin_named};
use normalise::secs;
pub use upstream_url::UpstreamUrl;

/// Why the settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    /// The file is not valid.
    #[error("{0} is not a valid proxy configuration: {1}")]
    Parse(String, String),
    /// A value is wrong.
    #[error("{0}")]
    Invalid(String),
    /// The TLS certificate or key cannot be used.
    #[error(transparent)]
    Tls(#[from] crate::tls::TlsError),
}

/// One region's upstreams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Region (and default project) name, e.g. `ae-ad-1`.
    pub name: String,
    /// IAM endpoint.
    pub iam: UpstreamUrl,
    /// DWS endpoint.
    pub dws: UpstreamUrl,
    /// Cloud Eye endpoint.
    pub ces: UpstreamUrl,
}

/// An endpoint as configured: what to call it in messages, and its URL.
type Given<'a> = (&'a str, &'a str);

impl Region {
    /// Without a Cloud Eye URL, the region's is derived from its DWS one.
    fn new(name: String, iam: Given, dws: Given, ces: Option<Given>) -> Result<Region, ConfigError> {
        let dws = UpstreamUrl::parse(dws.0, dws.1)?;
        let ces = match ces {
            Some((label, url)) => UpstreamUrl::parse(label, url)?,
            None => dws.sibling("dws", "ces"),
        };
        Ok(Region { name, iam: UpstreamUrl::parse(iam.0, iam.1)?, dws, ces })
    }
}

/// A per-client token bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second.
    pub per_second: f64,
    /// Requests allowed in a burst.
    pub burst: u32,
}

/// The checked settings.
#[derive(Debug, Clone)]
pub struct ProxyConfig {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The default region (from `--iam`/`--dws`, or the first `--region`).
    pub default_region: Region,
    /// Further regions, reachable under `/regions/{name}/…`.
    pub regions: Vec<Region>,
    /// The built console to serve, if any.
    pub serve: Option<PathBuf>,
    /// Origins allowed to call the API from another origin.
    pub allow_origins: Vec<String>,
    /// Allow upstreams on private, loopback and link-local addresses.
    pub allow_private_upstreams: bool,
    /// A path everything sits under (`""` or `/portal/dws`).
    pub base_path: String,
    /// Extra CA certificates (PEM) to trust for upstreams.
    pub extra_ca: Option<PathBuf>,
    /// Largest request body.
    pub max_body_bytes: usize,
    /// Largest request head (request line and headers).
    pub max_header_bytes: usize,
    /// How long a client may take to send its request head.
    pub header_read_timeout: Duration,
    /// How long a client may take to send a request body, once its head has come.
    pub body_read_timeout: Duration,
    /// How long an answer may wait for a client that stopped taking it.
    pub send_timeout: Duration,
    /// How long an upstream may take to answer.
    pub upstream_timeout: Duration,
    /// How long connecting to an upstream may take.
    pub connect_timeout: Duration,
    /// Per-client rate limit (`None` when off).
    pub rate_limit: Option<RateLimit>,
    /// The CSP `frame-ancestors` value (`'none'` unless the console sits in a portal's frame).
    pub frame_ancestors: String,
    /// The console's default language.
    pub default_language: Lang,
    /// The console's polling intervals.
    pub polling: PollingConfig,
    /// TLS, when the proxy terminates it itself (plain HTTP otherwise, behind a load balancer).
    pub tls: Option<crate::tls::Tls>,
    /// Load balancers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl ProxyConfig {
    /// Combines flags/environment (first), the file, and defaults; checks the result.
    pub fn resolve(o: Overrides, f: FileConfig) -> Result<ProxyConfig, ConfigError> {
        let listen_s = o
            .listen
            .or(f.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen: SocketAddr = listen_s
            .parse()
            .map_err(|_| ConfigError::Invalid(format!("--listen '{listen_s}' is not HOST:PORT")))?;

        let mut regions = Vec::new();
        let file_regions = f.regions.unwrap_or_default();
        let flag_regions = o
            .regions
            .iter()
            .map(|r| parse_region(r))
            .collect::<Result<Vec<_>, _>>()?;
        for r in if flag_regions.is_empty() {
            file_regions
        } else {
            flag_regions
        } {
            if r.name.is_empty()
                || !r
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            {
                return Err(ConfigError::Invalid(format!(
                    "region name '{}' must be letters, digits, -, _ or .",
                    r.name
                )));
            }
            if regions.iter().any(|x: &Region| x.name == r.name) {
                return Err(ConfigError::Invalid(format!(
                    "region {} is given twice",
                    r.name
                )));
            }
            let labels = ["IAM", "DWS", "Cloud Eye"].map(|s| format!("region {} {s} URL", r.name));
            let ces = r.ces.as_deref().map(|c| (labels[2].as_str(), c));
            regions.push(Region::new(r.name.clone(), (&labels[0], &r.iam), (&labels[1], &r.dws), ces)?);
        }
        let ces = o.ces.or(f.ces);
        let default_region = match (o.iam.or(f.iam), o.dws.or(f.dws)) {
            (Some(iam), Some(dws)) => {
                let name = regions.first().map(|r| r.name.clone()).unwrap_or_else(|| "default".into());
                Region::new(name, ("--iam", &iam), ("--dws", &dws), ces.as_deref().map(|c| ("--ces", c)))?
            }
            (None, None) if ces.is_some() => {
                return Err(ConfigError::Invalid("--ces goes with --iam and --dws (a region's is its third URL)".into()));
            }
            (None, None) => regions.first().cloned().ok_or_else(|| {
                ConfigError::Invalid(
                    "say where to forward: --iam URL --dws URL, or --region NAME=IAM_URL,DWS_URL"
                        .into(),
                )
            })?,
            _ => return Err(ConfigError::Invalid("--iam and --dws go together".into())),
        };

        let allow_origins = if o.allow_origins.is_empty() {
            f.allow_origins.unwrap_or_default()
        } else {
            o.allow_origins
        };
        let allow_origins = allow_origins
            .iter()
            .map(|x| normalise_origin(x))
            .collect::<Result<Vec<_>, _>>()?;

        let max_header_bytes = o
            .max_header_bytes
            .or(f.max_header_bytes)
            .unwrap_or(64 * 1024);
        if max_header_bytes < 8 * 1024 {
            return Err(ConfigError::Invalid(
                "max_header_bytes must be at least 8192".into(),
            ));
        }
        let rate = o
            .rate_limit_per_second
            .or(f.rate_limit_per_second)
            .unwrap_or(50.0);
        let burst = o.rate_limit_burst.or(f.rate_limit_burst).unwrap_or(100);
        let rate_limit = if rate > 0.0 && rate.is_finite() {
            if burst == 0 {
                return Err(ConfigError::Invalid(
                    "rate_limit_burst must be at least 1".into(),
                ));
            }
            Some(RateLimit {
                per_second: rate,
                burst,
            })
        } else if rate == 0.0 {
            None
        } else {
            return Err(ConfigError::Invalid(
                "rate_limit_per_second must be 0 (off) or positive".into(),
            ));
        };
        let frame_ancestors = check_frame_ancestors(&o.frame_ancestors.or(f.frame_ancestors).unwrap_or_else(|| "'none'".into()))?;
        let default_language = match o.default_language {
            Some(l) => Lang::parse(&l).ok_or_else(|| {
                ConfigError::Invalid(format!("--default-language '{l}' is not en or zh"))
            })?,
            None => f.default_language.unwrap_or_default(),
        };
        let serve = o.serve.or(f.serve);
        if let Some(dir) = &serve
            && !dir.join("index.html").is_file()
        {
            return Err(ConfigError::Invalid(format!(
                "--serve {} has no index.html (build the console first)",
                dir.display()
            )));
        }
        let tls = match (o.tls_cert.or(f.tls_cert), o.tls_key.or(f.tls_key)) {
            (Some(cert), Some(key)) => Some(crate::tls::Tls::load(&cert, &key)?),
            (None, None) => None,
            _ => return Err(ConfigError::Invalid("--tls-cert and --tls-key go together".into())),
        };
        let trusted = if o.trusted_proxies.is_empty() { f.trusted_proxies.unwrap_or_default() } else { o.trusted_proxies };
        let trusted_proxies = trusted
            .iter()
            .map(|t| {
                // A single address is a network of one.
                let t = t.trim();
                t.parse::<ipnet::IpNet>()
                    .or_else(|_| t.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| ConfigError::Invalid(format!("trusted proxy '{t}' is not an address or a network such as 10.0.0.0/8")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ProxyConfig {
            listen,
            default_region,
            regions,
            serve,
            allow_origins,
            allow_private_upstreams: o.allow_private_upstreams.or(f.allow_private_upstreams).unwrap_or(false),
            base_path: normalise_base_path(&o.base_path.or(f.base_path).unwrap_or_default())?,
            extra_ca: o.extra_ca.or(f.extra_ca),
            max_body_bytes: o.max_body_bytes.or(f.max_body_bytes).unwrap_or(1024 * 1024),
            max_header_bytes,
            header_read_timeout: secs(
                "header_read_timeout_secs",
                o.header_read_timeout_secs
                    .or(f.header_read_timeout_secs)
                    .unwrap_or(10.0),
            )?,
            body_read_timeout: secs(
                "body_read_timeout_secs",
                o.body_read_timeout_secs
                    .or(f.body_read_timeout_secs)
                    .unwrap_or(30.0),
            )?,
            send_timeout: secs(
                "send_timeout_secs",
                o.send_timeout_secs.or(f.send_timeout_secs).unwrap_or(30.0),
            )?,
            upstream_timeout: secs(
                "upstream_timeout_secs",
                o.upstream_timeout_secs
                    .or(f.upstream_timeout_secs)
                    .unwrap_or(30.0),
            )?,
            connect_timeout: secs(
                "connect_timeout_secs",
                f.connect_timeout_secs.unwrap_or(10.0),
            )?,
            rate_limit,
            frame_ancestors,
            default_language,
            polling: f.polling.unwrap_or_default(),
            tls,
            trusted_proxies,
        })
    }

    /// A region by name (the default region under its own name too).
    pub fn region(&self, name: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Overrides {
        Overrides {
            iam: Some("https://iam.example.com".into()),
            dws: Some("https://dws.example.com/".into()),
            ..Default::default()
        }
    }

    #[test]
    fn defaults_are_safe() {
        let c = ProxyConfig::resolve(base(), FileConfig::default()).unwrap();
        assert_eq!(
            c.listen,
            "127.0.0.1:8080".parse().unwrap(),
            "loopback by default"
        );
        assert!(!c.allow_private_upstreams);
        assert!(c.allow_origins.is_empty());
        assert_eq!(c.max_body_bytes, 1024 * 1024);
        assert_eq!(c.frame_ancestors, "'none'");
        assert_eq!(c.default_region.dws.prefix, "");
        assert!(c.rate_limit.is_some());
    }

    #[test]
    fn flags_win_over_the_file() {
        let file: FileConfig = toml::from_str(
            r#"listen = "0.0.0.0:9000"
               iam = "https://iam.file"
               dws = "https://dws.file"
               allow_origins = ["https://file.example"]
               max_body_bytes = 10"#,
        )
        .unwrap();
        let c = ProxyConfig::resolve(
            Overrides {
                max_body_bytes: Some(20),
                ..base()
            },
            file,
        )
        .unwrap();
        assert_eq!(c.default_region.iam.authority, "iam.example.com");
        assert_eq!(c.listen.port(), 9000, "not given as a flag: the file's");
        assert_eq!(c.allow_origins, ["https://file.example"]);
        assert_eq!(c.max_body_bytes, 20);
    }

    #[test]
    fn a_switch_on_in_the_file_can_be_turned_off_by_a_flag() {
        let file: FileConfig = toml::from_str("allow_private_upstreams = true").unwrap();
        let c = ProxyConfig::resolve(base(), file).unwrap();
        assert!(c.allow_private_upstreams);
        let file: FileConfig = toml::from_str("allow_private_upstreams = true").unwrap();
        let off = Overrides { allow_private_upstreams: Some(false), ..base() };
        assert!(!ProxyConfig::resolve(off, file).unwrap().allow_private_upstreams);
    }

    #[test]
    fn trusted_proxies_are_networks_or_addresses() {
        let o = Overrides { trusted_proxies: vec!["10.0.0.0/8".into(), " 192.0.2.1 ".into(), "fd00::/8".into()], ..base() };
        let c = ProxyConfig::resolve(o, FileConfig::default()).unwrap();
        let shown: Vec<String> = c.trusted_proxies.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["10.0.0.0/8", "192.0.2.1/32", "fd00::/8"]);
        let file: FileConfig = toml::from_str(r#"trusted_proxies = ["100.64.0.0/10"]"#).unwrap();
        assert_eq!(ProxyConfig::resolve(base(), file).unwrap().trusted_proxies.len(), 1);
        let bad = Overrides { trusted_proxies: vec!["lb.example.com".into()], ..base() };
        let e = ProxyConfig::resolve(bad, FileConfig::default()).unwrap_err();
        assert!(e.to_string().contains("lb.example.com"), "{e}");
    }

    #[test]
    fn regions_from_flags() {
        let o = Overrides {
            regions: vec![
                "ae-ad-1=https://iam.a,https://dws.a".into(),
                "cn-north-4=https://iam.b,https://dws.b".into(),
            ],
            ..Default::default()
        };
        let c = ProxyConfig::resolve(o, FileConfig::default()).unwrap();
        assert_eq!(c.default_region.name, "ae-ad-1");
        assert_eq!(c.region("cn-north-4").unwrap().dws.authority, "dws.b");
        assert!(parse_region("x").is_err());
    }

    #[test]
    fn cloud_eye_is_the_dws_hosts_sibling_unless_given() {
        let c = ProxyConfig::resolve(base(), FileConfig::default()).unwrap();
        assert_eq!(c.default_region.ces.authority, "ces.example.com");
        let emulator = Overrides {
            iam: Some("http://127.0.0.1:4001".into()),
            dws: Some("http://127.0.0.1:4001/api".into()),
            ..Default::default()
        };
        let c = ProxyConfig::resolve(emulator, FileConfig::default()).unwrap();
        assert_eq!(c.default_region.ces.to_string(), c.default_region.dws.to_string(), "one emulator answers both");
        let given = Overrides { ces: Some("https://metrics.example.com".into()), ..base() };
        let c = ProxyConfig::resolve(given, FileConfig::default()).unwrap();
        assert_eq!(c.default_region.ces.authority, "metrics.example.com");
        let o = Overrides {
            regions: vec![
                "a=https://iam.a,https://dws.ae-ad-1.example.com".into(),
                "b=https://iam.b,https://dws.b,https://ces.elsewhere".into(),
            ],
            ..Default::default()
        };
        let c = ProxyConfig::resolve(o, FileConfig::default()).unwrap();
        assert_eq!(c.region("a").unwrap().ces.authority, "ces.ae-ad-1.example.com");
        assert_eq!(c.region("b").unwrap().ces.authority, "ces.elsewhere");
        assert!(parse_region("c=https://iam,https://dws,https://ces,https://more").is_err());
        let alone = Overrides { ces: Some("https://ces.x".into()), ..Default::default() };
        let e = ProxyConfig::resolve(alone, FileConfig::default()).unwrap_err();
        assert!(e.to_string().contains("--ces goes with --iam and --dws"), "{e}");
        let bad = Overrides { ces: Some("ftp://ces.x".into()), ..base() };
        let e = ProxyConfig::resolve(bad, FileConfig::default()).unwrap_err();
        assert!(e.to_string().contains("--ces"), "{e}");
    }

    #[test]
    fn bad_values_are_refused() {
        for o in [
            Overrides {
                iam: Some("ftp://iam".into()),
                ..base()
            },
            Overrides {
                iam: Some("https://user:pw@iam".into()),
                ..base()
            },
            Overrides {
                dws: None,
                ..base()
            },
            Overrides {
                base_path: Some("portal".into()),
                ..base()
            },
            Overrides {
                base_path: Some("/a/../b".into()),
                ..base()
            },
            Overrides {
                allow_origins: vec!["https://x.example/path".into()],
                ..base()
            },
            Overrides {
                allow_origins: vec!["https://x.example:99999".into()],
                ..base()
            },
            Overrides {
                dws: Some("https://dws.example.com:0".into()),
                ..base()
            },
            Overrides {
                max_header_bytes: Some(100),
                ..base()
            },
            Overrides {
                frame_ancestors: Some("'self'; script-src *".into()),
                ..base()
            },
            Overrides {
                default_language: Some("fr".into()),
                ..base()
            },
            Overrides {
                listen: Some("localhost".into()),
                ..base()
            },
            Overrides {
                serve: Some("/nonexistent".into()),
                ..base()
            },
            Overrides {
                tls_cert: Some("/nonexistent.crt".into()),
                ..base()
            },
            Overrides {
                trusted_proxies: vec!["10.0.0.0/33".into()],
                ..base()
            },
            Overrides {
                tls_cert: Some("/nonexistent.crt".into()),
                tls_key: Some("/nonexistent.key".into()),
                ..base()
            },
            Overrides::default(),
        ] {
            assert!(
                ProxyConfig::resolve(o.clone(), FileConfig::default()).is_err(),
                "{o:?}"
            );
        }
        assert!(toml::from_str::<FileConfig>("typo = 1").is_err());
    }

    #[test]
    fn base_paths_and_origins() {
        assert_eq!(normalise_base_path("").unwrap(), "");
        assert_eq!(normalise_base_path("/").unwrap(), "");
        assert_eq!(normalise_base_path("/portal/dws/").unwrap(), "/portal/dws");
        assert_eq!(
            normalise_origin("HTTPS://Portal.Example.com:8443").unwrap(),
            "https://portal.example.com:8443"
        );
    }

    #[test]
    fn upstream_targets_carry_the_prefix() {
        let pq = |s: &str| s.parse::<axum::http::uri::PathAndQuery>().unwrap();
        let u = UpstreamUrl::parse("x", "https://dws.example.com/gateway/").unwrap();
        assert_eq!(
            u.target(pq("/v1.0/p/clusters?a=1")).unwrap().as_str(),
            "/gateway/v1.0/p/clusters?a=1"
        );
        assert_eq!(u.connect_uri().to_string(), "https://dws.example.com/");
        let u = UpstreamUrl::parse("x", "http://127.0.0.1:8090").unwrap();
        assert_eq!(
            u.target(pq("/v3/auth/tokens")).unwrap().as_str(),
            "/v3/auth/tokens"
        );
    }
}
