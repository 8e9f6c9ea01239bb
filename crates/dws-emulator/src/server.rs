//! Running the emulator: open the state, bind, announce, serve until SIGINT/SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::app::{App, app, spawn_lifecycle};
use crate::auth::Iam;
use crate::chaos::Chaos;
use crate::clock::{Clock, ManualClock, SystemClock};
use crate::config::EmulatorConfig;
use crate::metrics::MetricsStore;
use crate::plane::binaries::Binaries;
use crate::plane::{DataPlane, Postgres};
use crate::store::Store;


/// Prints a line on stdout; a closed stdout (the reader went away) is no reason to panic.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// How to run.
pub struct ServerOptions {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The data folder.
    pub data: PathBuf,
    /// The configuration.
    pub config: EmulatorConfig,
    /// Whether it is the built-in demo (its credentials are printed).
    pub is_demo: bool,
    /// Duration divisor.
    pub speed: f64,
    /// Allow reset from anywhere.
    pub allow_reset: bool,
    /// Fault injection.
    pub chaos: Option<Chaos>,
    /// Time stands still until `POST /_emulator/clock` moves it (for deterministic tests).
    pub manual_clock: bool,
    /// Whether clusters are PostgreSQL servers.
    pub data_plane: PlaneChoice,
}

/// `--data-plane`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaneChoice {
    /// PostgreSQL when its programs are found, records only otherwise (the default).
    Auto {
        /// `--postgres-bin`.
        bin: Option<PathBuf>,
    },
    /// PostgreSQL, or refuse to start.
    Postgres {
        /// `--postgres-bin`.
        bin: Option<PathBuf>,
    },
    /// Records only.
    None,
}

/// The data plane asked for, or why it cannot be had.
fn data_plane(choice: &PlaneChoice, data: &std::path::Path) -> Result<(DataPlane, Option<String>), String> {
    let (bin, required) = match choice {
        PlaneChoice::None => return Ok((DataPlane::None, None)),
        PlaneChoice::Auto { bin } => (bin, false),
        PlaneChoice::Postgres { bin } => (bin, true),
    };
    match Binaries::find(bin.as_deref()) {
        Ok(b) => Ok((DataPlane::Postgres(Arc::new(Postgres::new(data, b)?)), None)),
        Err(e) if required || bin.is_some() => Err(format!("--data-plane postgres: {e}")),
        Err(e) => Ok((DataPlane::None, Some(e.to_string()))),
    }
}

/// Serves until a shutdown signal; in-flight requests finish first.
pub async fn run(opts: ServerOptions) -> Result<(), String> {
    let stop = shutdown_signal()?;
    let store = Store::open(&opts.data).map_err(|e| e.to_string())?;
    let metrics = Arc::new(MetricsStore::open(&opts.data).map_err(|e| e.to_string())?);
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let iam = Iam::from_config(&opts.config);
    let (plane, why_none) = data_plane(&opts.data_plane, &opts.data)?;
    let banner = (plane.describe(), why_none);
    let opts_banner = Banner { speed: opts.speed, manual_clock: opts.manual_clock, is_demo: opts.is_demo };
    let shared = Arc::new(App {
        store,
        iam,
        config: opts.config,
        clock: if opts.manual_clock {
            Arc::new(ManualClock::new(SystemClock.now_ms())) as Arc<dyn Clock>
        } else {
            Arc::new(SystemClock)
        },
        wall_clock: Arc::new(SystemClock),
        speed: opts.speed,
        allow_reset: opts.allow_reset,
        chaos: opts.chaos,
        plane,
        metrics,
        wake: tokio::sync::Notify::new(),
    });
    // Every cluster has loopback addresses, and every server that should run runs, before the
    // first answer.
    shared.write(|txn, _| {
        crate::ops::assign_addresses(txn);
        Ok(())
    })
    .await
    .map_err(|e| format!("cannot update the stored clusters' addresses: {:?}", e.code()))?;
    if let DataPlane::Postgres(p) = &shared.plane {
        p.recover(&shared).await;
    }
    // Announced once ready: whoever reads the first line can use the servers at once.
    announce(&opts_banner, addr, &shared.store, &shared.config, &banner.0, banner.1.as_deref());
    let lifecycle = spawn_lifecycle(shared.clone());
    let sampler = crate::metrics::sampler::spawn(shared.clone());
    let router = app(shared.clone());
    // Requests in flight get a while to finish; a client that stopped sending must not keep the
    // emulator (and its clusters' servers) running.
    let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
    let stop = async move {
        stop.await;
        let _ = stopping.send(());
    };
    let serve = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(stop);
    let served = tokio::select! {
        r = serve => r.map_err(|e| format!("server error: {e}")),
        _ = async {
            if stopped.await.is_ok() {
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            } else {
                std::future::pending::<()>().await;
            }
        } => {
            say!("dws-emulator: requests still open after {} s are dropped", SHUTDOWN_GRACE.as_secs());
            Ok(())
        }
    };
    lifecycle.abort();
    sampler.abort();
    if let DataPlane::Postgres(p) = &shared.plane {
        say!("dws-emulator: stopping the clusters' servers");
        p.stop_all(&shared).await;
    }
    served?;
    say!("dws-emulator stopped");
    Ok(())
}

/// What the banner says besides the configuration.
struct Banner {
    speed: f64,
    manual_clock: bool,
    is_demo: bool,
}

fn announce(opts: &Banner, addr: SocketAddr, store: &Store, config: &EmulatorConfig, plane: &str, why_none: Option<&str>) {
    // The first line is read by tools that start the emulator on port 0.
    say!("dws-emulator listening on http://{addr}");
    say!("  data: {}", store.path().display());
    say!("  data plane: {plane}");
    if let Some(why) = why_none {
        say!("    ({why})");
    }
    if opts.speed != 1.0 {
        say!("  speed: operations run {}x faster", opts.speed);
    }
    if opts.manual_clock {
        say!("  clock: manual; it moves only with POST /_emulator/clock {{\"advance_seconds\": N}}");
    }
    let c = config;
    for p in &c.projects {
        say!("  project {} ({}) in account {}", p.name, p.id, p.account);
    }
    if opts.is_demo {
        say!("  demo sign-in (account demo, project ae-ad-1):");
        for u in &c.users {
            say!("    user {:<8} password {}", u.name, u.password);
        }
        for k in &c.access_keys {
            say!("    AK {} SK {} (user {})", k.access, k.secret, k.user);
        }
    } else {
        for u in &c.users {
            say!("  user {}/{}", u.account, u.name);
        }
    }
}

/// SIGINT or SIGTERM, listened for from the moment this is called: one that comes while the
/// servers are still being brought back at start is heard, and leads to a clean stop, instead of
/// killing the emulator with its servers running unowned.
/// How long requests in flight may take to finish once a stop is asked for.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).map_err(|e| format!("cannot listen for SIGINT: {e}"))?;
    let mut terminate = signal(SignalKind::terminate()).map_err(|e| format!("cannot listen for SIGTERM: {e}"))?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        say!("dws-emulator shutting down: finishing requests in flight");
    })
}
