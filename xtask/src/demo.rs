//! `cargo xtask demo`: the console, the proxy and the emulator on this machine.

use crate::console;
use crate::project::{Project, step};
use crate::service::Service;
use crate::tools::{Needs, Tools};

/// Builds the release console, the emulator and the proxy; runs the emulator (the embedded
/// default backend) and the proxy serving the console in front of it; prints what to open.
pub fn run(args: &[String]) -> Result<(), String> {
    let listen = match args {
        [] => "127.0.0.1:8080".to_owned(),
        [flag, addr] if flag == "--listen" => addr.clone(),
        _ => return Err("usage: cargo xtask demo [--listen ADDR]".into()),
    };
    let host = listen.rsplit_once(':').map(|(h, _)| h).ok_or_else(|| format!("--listen wants HOST:PORT, got '{listen}'"))?;
    let project = Project::locate();
    Tools::ensure(&project, Needs { browser: false, postgres: true })?;
    let dist = console::build_release(&project, &project.target_dir().join("console-demo"))?;

    step("Building the emulator and the proxy (release)");
    let c = project.release_build(&["dws-emulator", "dws-proxy"])?;
    project.run(c)?;

    step("Starting the emulator");
    let data = project.target_dir().join("demo-data");
    let emulator_listen = format!("{host}:8090");
    let emulator = Service::start(
        &project,
        "release",
        "dws-emulator",
        &["--listen", &emulator_listen, "--data", &data.to_string_lossy()],
        true,
    )?;
    step("Starting the proxy with the console");
    let upstream = format!("http://{}", emulator.addr);
    let mut proxy = Service::start(
        &project,
        "release",
        "dws-proxy",
        &[
            "--listen", &listen, "--iam", &upstream, "--dws", &upstream,
            // The emulator is on loopback, which the proxy refuses unless told otherwise.
            "--allow-private-upstreams",
            "--serve", &dist.to_string_lossy(),
        ],
        true,
    )?;
    println!(
        "\n  Open http://{}/ and sign in with account demo, user admin, password Admin@12345,\n  \
         project ae-ad-1. Every cluster you create is a PostgreSQL server: its page's Connection\n  \
         card has the psql command and the JDBC URL. The emulator's state is kept in {}.\n  \
         Stop with Ctrl-C (the clusters' servers stop with it).",
        proxy.addr,
        data.display()
    );
    proxy.wait()?;
    drop(emulator);
    Ok(())
}
