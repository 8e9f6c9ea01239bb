//! Running the emulator: open the state, bind, announce, serve until SIGINT/SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::app::{App, app, spawn_lifecycle};
use crate::auth::Iam;
use crate::chaos::Chaos;
use crate::clock::{Clock, ManualClock, SystemClock};
use crate::config::EmulatorConfig;
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
}

/// Serves until a shutdown signal; in-flight requests finish first.
pub async fn run(opts: ServerOptions) -> Result<(), String> {
    let store = Store::open(&opts.data).map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let iam = Iam::from_config(&opts.config);
    announce(&opts, addr, &store);
    let shared = Arc::new(App {
        store,
        iam,
        config: opts.config,
        clock: if opts.manual_clock {
            Arc::new(ManualClock::new(SystemClock.now_ms())) as Arc<dyn Clock>
        } else {
            Arc::new(SystemClock)
        },
        speed: opts.speed,
        allow_reset: opts.allow_reset,
        chaos: opts.chaos,
    });
    let lifecycle = spawn_lifecycle(shared.clone());
    let router = app(shared);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    lifecycle.abort();
    say!("dws-emulator stopped");
    Ok(())
}

fn announce(opts: &ServerOptions, addr: SocketAddr, store: &Store) {
    // The first line is read by tools that start the emulator on port 0.
    say!("dws-emulator listening on http://{addr}");
    say!("  data: {}", store.path().display());
    if opts.speed != 1.0 {
        say!("  speed: operations run {}x faster", opts.speed);
    }
    if opts.manual_clock {
        say!("  clock: manual; it moves only with POST /_emulator/clock {{\"advance_seconds\": N}}");
    }
    let c = &opts.config;
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
    say!("dws-emulator shutting down: finishing requests in flight");
}
