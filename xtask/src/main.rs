//! Developer commands: `cargo xtask <command>`.
//!
//! - `demo`: build the console and run it through the proxy in front of the emulator.
//! - `dist`: the release archive, `target/dist/dws-console-<version>-<platform>.tar.gz`, and its `SHA256SUMS`.
//! - `test`: run every test (native, contract, component tests in Chromium, browser tests).
//! - `bench emulator|proxy|console|soak|data-plane`: measure a part (current figures in docs/PERFORMANCE.md, every run in docs/bench/).
//! - `setup`: only install the tools the other commands need.
//!
//! Every command installs what is missing first, idempotently, with one line per step.

mod bench;
mod console;
mod demo;
mod dist;
mod http;
mod layers;
mod leftovers;
mod project;
mod scratch;
mod service;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  demo [--listen ADDR]   build everything and run the console through the proxy in front of the
                         emulator (default 127.0.0.1:8080)
  test                   run every test: native, contract, component and browser tests
  dist                   the release archive: target/dist/dws-console-<version>-<platform>.tar.gz
                         (the proxy, the emulator, the console, settings, a systemd unit) and
                         SHA256SUMS
  bench emulator         list-clusters throughput and p99 of the emulator (needs wrk)
  bench proxy [--baseline REV]
                         the proxy against the emulator directly and against nginx (needs wrk,
                         nginx); with --baseline, also the proxy built at REV, side by side
  bench console          the console's speed and size in headless Chromium, with the size of the
                         same stack with no console feature beside it
  bench soak             the console's memory over ten minutes of polling a large project
  bench data-plane       what a cluster's PostgreSQL server costs: creation, snapshot and restore
                         of 100 MB beside pg_dump/pg_restore, memory per idle cluster
  bench metrics          Cloud Eye's batch query over a week of 9 metrics for 20 clusters: p50, p99
  setup                  install the tools the other commands need, nothing else
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let result = match command.as_deref() {
        Some("demo") => demo::run(&rest),
        Some("test") => test::run(&rest),
        Some("dist") => dist::run(&rest),
        Some("bench") => bench::run(&rest),
        Some("setup") => tools::Tools::ensure(&project::Project::locate(), tools::Needs::all()).map(|_| ()),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command '{other}'\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nerror: {message}");
            ExitCode::FAILURE
        }
    }
}
