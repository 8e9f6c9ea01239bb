//! `cargo xtask demo`: the console on this machine.

use crate::console;
use crate::project::{Project, step};
use crate::tools::{Needs, Tools};

/// Builds the release console and serves it, printing the URL to open.
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

    step("Serving the console");
    println!(
        "  The emulator is not part of this build yet, so the console runs without an API:\n  \
         you can browse its pages and check the sign-in form, but not sign in.\n\n  \
         Open http://{listen}/ — stop with Ctrl-C."
    );
    // trunk serves the same release build with single-page-app fallback.
    let mut c = project.command("trunk");
    c.args(["serve", "--release", "--no-autoreload", "--dist"])
        .arg(&dist)
        .args(["--address", host, "--port", port]);
    project.run(c)
}
