//! `dws-emulator`: run the emulator.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dws_emulator::chaos::Chaos;
use dws_emulator::config::EmulatorConfig;
use dws_emulator::server::{PlaneChoice, ServerOptions, run};

/// A local GaussDB(DWS) + IAM: every operation of the API reference, asynchronous lifecycles,
/// real error codes, permissions and durable state.
#[derive(Parser, Debug)]
#[command(name = "dws-emulator", version)]
struct Args {
    /// Address to listen on (loopback by default).
    #[arg(long, env = "DWS_EMULATOR_LISTEN", default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// Folder for the state (SQLite). Default: $XDG_DATA_HOME/dws-emulator or ~/.local/share/dws-emulator.
    #[arg(long, env = "DWS_EMULATOR_DATA")]
    data: Option<PathBuf>,
    /// A TOML configuration; without it, the built-in demo runs.
    #[arg(long, env = "DWS_EMULATOR_CONFIG")]
    config: Option<PathBuf>,
    /// Divide every operation's duration by N (tests use large values).
    #[arg(long, env = "DWS_EMULATOR_SPEED", default_value_t = 1.0)]
    speed: f64,
    /// Allow POST /_emulator/reset from any address (it is always allowed from loopback).
    #[arg(long)]
    allow_reset: bool,
    /// Fault injection, e.g. latency=200ms,error_rate=0.05.
    #[arg(long, env = "DWS_EMULATOR_CHAOS")]
    chaos: Option<String>,
    /// `system` (default) or `manual`: with `manual`, time stands still until
    /// POST /_emulator/clock moves it, so a test sees every state for as long as it needs.
    #[arg(long, env = "DWS_EMULATOR_CLOCK", default_value = "system", value_parser = ["system", "manual"])]
    clock: String,
    /// `postgres`: every cluster is a PostgreSQL server on the loopback address and port the API
    /// reports (the default when PostgreSQL's programs are found); `none`: clusters are records
    /// only (for benchmarks with thousands of clusters).
    #[arg(long, env = "DWS_EMULATOR_DATA_PLANE", value_parser = ["postgres", "none"])]
    data_plane: Option<String>,
    /// The folder with PostgreSQL's server programs (initdb, postgres, pg_ctl, pg_dump,
    /// pg_restore, psql); default: the newest /usr/lib/postgresql/*/bin, or pg_ctl's folder on PATH.
    #[arg(long, env = "DWS_EMULATOR_POSTGRES_BIN")]
    postgres_bin: Option<PathBuf>,
}

fn default_data_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(x).join("dws-emulator");
    }
    if let Some(h) = std::env::var_os("HOME") {
        return PathBuf::from(h).join(".local/share/dws-emulator");
    }
    PathBuf::from("dws-emulator-data")
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
    match start(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dws-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn start(args: Args) -> Result<(), String> {
    if !(args.speed.is_finite() && args.speed > 0.0) {
        return Err(format!("--speed must be a positive number, not {}", args.speed));
    }
    let (config, is_demo) = match &args.config {
        Some(path) => (EmulatorConfig::load(path).map_err(|e| e.to_string())?, false),
        None => (EmulatorConfig::demo(), true),
    };
    let chaos = args.chaos.as_deref().map(Chaos::parse).transpose().map_err(|e| format!("--chaos: {e}"))?;
    run(ServerOptions {
        listen: args.listen,
        data: args.data.unwrap_or_else(default_data_dir),
        config,
        is_demo,
        speed: args.speed,
        allow_reset: args.allow_reset,
        chaos,
        manual_clock: args.clock == "manual",
        data_plane: match args.data_plane.as_deref() {
            Some("none") => PlaneChoice::None,
            Some(_) => PlaneChoice::Postgres { bin: args.postgres_bin },
            None => PlaneChoice::Auto { bin: args.postgres_bin },
        },
    })
    .await
}
