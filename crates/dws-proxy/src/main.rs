//! `dws-proxy`: run the proxy.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use dws_proxy::app::ProxyState;
use dws_proxy::config::{FileConfig, Overrides, ProxyConfig};
use dws_proxy::static_site::Site;

// Every request allocates a little (header maps, buffers); mimalloc does this faster than glibc's
// allocator under many threads, which is measurable in `cargo xtask bench proxy`.

/// Prints a line on stdout; a closed stdout (the reader went away) is no reason to panic.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Forwards a browser console's calls to Huawei Cloud IAM and GaussDB(DWS) (or the emulator),
/// adds the CORS headers a browser needs, and can serve the built console.
#[derive(Parser, Debug)]
#[command(name = "dws-proxy", version)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// IAM endpoint, e.g. https://iam.ae-ad-1.myhuaweicloud.com
    #[arg(long, env = "DWS_PROXY_IAM")]
    iam: Option<String>,
    /// DWS endpoint, e.g. https://dws.ae-ad-1.myhuaweicloud.com
    #[arg(long, env = "DWS_PROXY_DWS")]
    dws: Option<String>,
    /// Cloud Eye endpoint, for the clusters' metrics [default: the DWS endpoint with `ces` for
    /// `dws` in its host, e.g. https://ces.ae-ad-1.myhuaweicloud.com; the DWS endpoint itself when
    /// its host does not start with `dws.`, as the emulator's does not]
    #[arg(long, env = "DWS_PROXY_CES")]
    ces: Option<String>,
    /// More regions: NAME=IAM_URL,DWS_URL[,CES_URL] (repeat; in the environment, separate with ;).
    #[arg(long = "region", env = "DWS_PROXY_REGIONS", value_delimiter = ';')]
    regions: Vec<String>,
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "DWS_PROXY_LISTEN")]
    listen: Option<String>,
    /// Serve the built console from this folder (trunk's dist).
    #[arg(long, env = "DWS_PROXY_SERVE")]
    serve: Option<PathBuf>,
    /// An origin allowed to call the API from another site (repeat; in the environment, separate with ,).
    #[arg(
        long = "allow-origin",
        env = "DWS_PROXY_ALLOW_ORIGINS",
        value_delimiter = ','
    )]
    allow_origins: Vec<String>,
    /// Allow upstreams on private, loopback and link-local addresses (for the local emulator);
    /// `=false` turns off what the file or the environment turned on.
    #[arg(long, env = "DWS_PROXY_ALLOW_PRIVATE_UPSTREAMS", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    allow_private_upstreams: Option<bool>,
    /// Serve everything under this path, e.g. /portal/dws.
    #[arg(long, env = "DWS_PROXY_BASE_PATH")]
    base_path: Option<String>,
    /// Extra CA certificates (PEM) to trust for upstreams, besides the system's.
    #[arg(long, env = "DWS_PROXY_EXTRA_CA")]
    extra_ca: Option<PathBuf>,
    /// Largest request body in bytes [default: 1048576].
    #[arg(long, env = "DWS_PROXY_MAX_BODY_BYTES")]
    max_body_bytes: Option<usize>,
    /// Largest request head (line and headers) in bytes [default: 65536].
    #[arg(long, env = "DWS_PROXY_MAX_HEADER_BYTES")]
    max_header_bytes: Option<usize>,
    /// Seconds a client may take to send its request head [default: 10].
    #[arg(long, env = "DWS_PROXY_HEADER_READ_TIMEOUT_SECS")]
    header_read_timeout_secs: Option<f64>,
    /// Seconds a client may take to send a request body [default: 30].
    #[arg(long, env = "DWS_PROXY_BODY_READ_TIMEOUT_SECS")]
    body_read_timeout_secs: Option<f64>,
    /// Seconds an answer may wait for a client that stopped reading it [default: 30].
    #[arg(long, env = "DWS_PROXY_SEND_TIMEOUT_SECS")]
    send_timeout_secs: Option<f64>,
    /// Seconds an upstream may take to answer [default: 30].
    #[arg(long, env = "DWS_PROXY_UPSTREAM_TIMEOUT_SECS")]
    upstream_timeout_secs: Option<f64>,
    /// Requests per second each client may make, 0 for no limit [default: 50].
    #[arg(long, env = "DWS_PROXY_RATE_LIMIT_PER_SECOND")]
    rate_limit_per_second: Option<f64>,
    /// Requests a client may make in a burst [default: 100].
    #[arg(long, env = "DWS_PROXY_RATE_LIMIT_BURST")]
    rate_limit_burst: Option<u32>,
    /// CSP frame-ancestors for embedding in a portal [default: 'none'].
    #[arg(long, env = "DWS_PROXY_FRAME_ANCESTORS")]
    frame_ancestors: Option<String>,
    /// The console's default language: en or zh [default: en].
    #[arg(long, env = "DWS_PROXY_DEFAULT_LANGUAGE")]
    default_language: Option<String>,
    /// Terminate TLS with this certificate chain (PEM), for a deployment with no load balancer in
    /// front; needs --tls-key. Reread on SIGHUP.
    #[arg(long, env = "DWS_PROXY_TLS_CERT")]
    tls_cert: Option<PathBuf>,
    /// The private key (PEM) of --tls-cert.
    #[arg(long, env = "DWS_PROXY_TLS_KEY")]
    tls_key: Option<PathBuf>,
    /// A load balancer in front (an address or a network, e.g. 10.0.0.0/8; repeat; in the
    /// environment, separate with ,): its X-Forwarded-For names the client, for the rate limit
    /// and the upstream.
    #[arg(long = "trusted-proxy", env = "DWS_PROXY_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<String>,
    /// A TOML file with any of these settings (flags and environment variables win).
    #[arg(long, env = "DWS_PROXY_CONFIG")]
    config: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Print the response headers a static host (a bucket, nginx, a portal) must send with the
    /// built console in DIR: its Content-Security-Policy, caching and content types.
    StaticHeaders {
        /// The built console (the folder with index.html).
        dir: PathBuf,
        /// The proxy's origin, when the console is hosted on another one (repeat for regions on
        /// other origins); config.json's api_base names it too.
        #[arg(long = "api-origin")]
        api_origins: Vec<String>,
        /// CSP frame-ancestors, for a console inside a portal's frame.
        #[arg(long, default_value = "'none'")]
        frame_ancestors: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let args = Args::parse();
    if let Some(Command::StaticHeaders { dir, api_origins, frame_ancestors }) = &args.command {
        return match dws_proxy::static_hosting::static_headers(dir, api_origins, frame_ancestors) {
            Ok(text) => {
                say!("{}", text.trim_end());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("dws-proxy: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match start(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dws-proxy: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn start(a: Args) -> Result<(), String> {
    let file = match &a.config {
        Some(p) => FileConfig::load(p).map_err(|e| e.to_string())?,
        None => FileConfig::default(),
    };
    let overrides = Overrides {
        listen: a.listen,
        iam: a.iam,
        dws: a.dws,
        ces: a.ces,
        regions: a.regions,
        serve: a.serve,
        allow_origins: a.allow_origins,
        allow_private_upstreams: a.allow_private_upstreams,
        base_path: a.base_path,
        extra_ca: a.extra_ca,
        max_body_bytes: a.max_body_bytes,
        max_header_bytes: a.max_header_bytes,
        header_read_timeout_secs: a.header_read_timeout_secs,
        body_read_timeout_secs: a.body_read_timeout_secs,
        send_timeout_secs: a.send_timeout_secs,
        upstream_timeout_secs: a.upstream_timeout_secs,
        rate_limit_per_second: a.rate_limit_per_second,
        rate_limit_burst: a.rate_limit_burst,
        frame_ancestors: a.frame_ancestors,
        default_language: a.default_language,
        tls_cert: a.tls_cert,
        tls_key: a.tls_key,
        trusted_proxies: a.trusted_proxies,
    };
    let config = ProxyConfig::resolve(overrides, file).map_err(|e| e.to_string())?;
    let upstreams = dws_proxy::upstream::Upstreams::new(
        config.extra_ca.as_deref(),
        config.allow_private_upstreams,
        config.connect_timeout,
    )
    .map_err(|e| e.to_string())?;
    let site = match &config.serve {
        Some(dir) => {
            let extra: Vec<String> = Vec::new();
            let dir = dir.clone();
            let (base, fa) = (config.base_path.clone(), config.frame_ancestors.clone());
            // Compressing the bundle takes a moment; keep it off the async threads.
            Some(
                tokio::task::spawn_blocking(move || Site::load(&dir, &base, &extra, &fa))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| e.to_string())?,
            )
        }
        None => None,
    };
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let listeners = dws_proxy::server::bind_workers(config.listen, workers)
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listeners[0].local_addr().map_err(|e| e.to_string())?;
    // Always, and before the first line says the proxy is up: a SIGHUP left to its default would
    // end the process, and systemd's `reload` sends one whatever the settings.
    let hangups = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        .map_err(|e| format!("cannot watch for SIGHUP: {e}"))?;
    tokio::spawn(reload_on_hangup(hangups, config.tls.as_ref().map(|t| t.certificate.clone())));
    announce(&config, addr);
    let state = Arc::new(ProxyState::new(config, upstreams, site));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut serving = tokio::task::spawn_blocking(move || {
        dws_proxy::server::serve_workers(listeners, state, stopped)
    });
    let result = tokio::select! {
        _ = shutdown_signal() => {
            let _ = stop.send(true);
            (&mut serving).await
        }
        // The workers only end early if one of them failed.
        ended = &mut serving => ended,
    };
    result
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("serving failed: {e}"))?;
    say!("dws-proxy stopped");
    Ok(())
}

fn announce(c: &ProxyConfig, addr: std::net::SocketAddr) {
    // The first line is read by tools that start the proxy on port 0.
    let scheme = if c.tls.is_some() { "https" } else { "http" };
    say!("dws-proxy listening on {scheme}://{addr}{}", c.base_path);
    say!("  IAM  /v3/…        → {}", c.default_region.iam);
    say!("  DWS  /v1.0/, /v2/ → {}", c.default_region.dws);
    say!("  CES  /V1.0/       → {}", c.default_region.ces);
    for r in &c.regions {
        say!(
            "  region {}: /regions/{}/… → IAM {}, DWS {}, CES {}",
            r.name, r.name, r.iam, r.dws, r.ces
        );
    }
    match &c.serve {
        Some(d) => say!("  console: {} (with config.json)", d.display()),
        None => say!("  console: not served (no --serve)"),
    }
    if !c.allow_origins.is_empty() {
        say!(
            "  cross-origin callers allowed: {}",
            c.allow_origins.join(", ")
        );
    }
    if c.allow_private_upstreams {
        say!("  private upstream addresses allowed");
    }
    if !c.trusted_proxies.is_empty() {
        let nets: Vec<String> = c.trusted_proxies.iter().map(ToString::to_string).collect();
        say!("  client addresses read from X-Forwarded-For of {}", nets.join(", "));
    }
    if let Some(tls) = &c.tls {
        let c = &tls.certificate;
        say!("  TLS 1.2 and 1.3 with {}, valid until {} (reread on SIGHUP), HSTS on", c.cert_path().display(), c.valid_until());
    }
}

/// Rereads the certificate and key at every SIGHUP (`systemctl reload`), so a renewed pair is
/// served from the next handshake on; a pair that does not load leaves the working one in place.
/// Without TLS there is nothing to reread, and the signal is only acknowledged.
async fn reload_on_hangup(
    mut hangups: tokio::signal::unix::Signal,
    certificate: Option<Arc<dws_proxy::tls::Certificate>>,
) {
    while hangups.recv().await.is_some() {
        match &certificate {
            None => say!("dws-proxy: SIGHUP: nothing to reload (TLS is off; other settings take a restart)"),
            Some(c) => match c.reload() {
                Ok(()) => say!("dws-proxy: TLS certificate reloaded from {}, valid until {}", c.cert_path().display(), c.valid_until()),
                Err(e) => eprintln!("dws-proxy: keeping the TLS certificate in use: {e}"),
            },
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    say!("dws-proxy shutting down: finishing requests in flight");
}
