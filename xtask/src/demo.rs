//! `cargo xtask demo`: the console and the emulator on this machine.

use crate::console;
use crate::emulator::Emulator;
use crate::project::{Project, step};
use crate::tools::{Needs, Tools};

/// Builds the release console and the emulator, starts the emulator (the embedded default
/// backend) and serves the console, printing what to open.
pub fn run(args: &[String]) -> Result<(), String> {
    let listen = match args {
        [] => "127.0.0.1:8080".to_owned(),
        [flag, addr] if flag == "--listen" => addr.clone(),
        _ => return Err("usage: cargo xtask demo [--listen ADDR]".into()),
    };
    let (host, port) = listen
        .rsplit_once(':')
        .ok_or_else(|| format!("--listen wants HOST:PORT, got '{listen}'"))?;
    let project = Project::locate();
    Tools::ensure(&project, Needs { browser: false })?;
    let dist = project.target_dir().join("console-demo");
    console::build_release(&project, &dist)?;

    step("Building the emulator (release)");
    let mut c = project.command("cargo");
    c.args(["build", "--release", "-p", "dws-emulator"]);
    project.run(c)?;
    step("Starting the emulator");
    let data = project.target_dir().join("demo-data");
    let emulator = Emulator::start(&project, "release", &format!("{host}:8090"), &data, &[])?;

    step("Serving the console");
    println!(
        "  The emulator answers the DWS API on http://{}/ (try it with curl or an SDK).\n  \
         The CORS proxy that connects the console to it is not part of this build yet, so the\n  \
         console runs on its own: browse its pages and check the sign-in form.\n\n  \
         Open http://{listen}/ — stop everything with Ctrl-C.",
        emulator.addr
    );
    // trunk serves the same release build with single-page-app fallback.
    let mut c = project.command("trunk");
    c.args(["serve", "--release", "--no-autoreload", "--dist"])
        .arg(&dist)
        .args(["--address", host, "--port", port]);
    let served = project.run(c);
    drop(emulator);
    served
}
