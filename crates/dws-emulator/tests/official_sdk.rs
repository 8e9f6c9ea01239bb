//! Huawei's official Python SDK (pinned in `tests/sdk/requirements.txt`) runs the quick start of
//! chapter 4 against the real emulator binary, signing with AK/SK, and reads the new cluster's
//! metrics with its Cloud Eye client; then it drives every day-two operation while the
//! emulator's manual clock runs four days ahead of the wall clock it signs with.
//!
//! Needs the SDK's virtual environment, which `cargo xtask test` creates and names in
//! `DWS_SDK_PYTHON`; a plain `cargo test` lists this test as ignored.

mod child;

use std::process::Command;

/// Runs one of the SDK scripts against an emulator started with `args`; fails with its output
/// unless it ends saying `done`.
fn run_script(script: &str, args: &[&str], done: &str) {
    let python = std::env::var("DWS_SDK_PYTHON")
        .expect("DWS_SDK_PYTHON names the venv's python (cargo xtask test sets it)");
    let dir = child::Scratch::new("sdk");
    let emu = child::start(&dir.join("data"), args);
    // The SDK writes an application id under $HOME; keep it out of the user's home.
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk").join(script);
    let out = Command::new(&python)
        .arg(&script)
        .env("HOME", &home)
        .env("DWS_ENDPOINT", format!("http://{}", emu.addr))
        .env("DWS_AK", "DEMOADMINACCESSKEY01")
        .env("DWS_SK", "demo-admin-secret-key-00000000000000000000")
        .env("DWS_PROJECT_ID", "0f1e2d3c4b5a69788796a5b4c3d2e1f0")
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    drop(emu);
    assert!(out.status.success() && stdout.contains(done), "the SDK run failed:\n{stdout}\n{stderr}");
}

#[test]
#[ignore = "needs the official SDK in a venv: run `cargo xtask test`"]
fn the_official_sdk_runs_the_quick_start() {
    run_script("quick_start.py", &["--speed", "100"], "quick start OK");
}

#[test]
#[ignore = "needs the official SDK in a venv: run `cargo xtask test`"]
fn the_official_sdk_drives_the_day_two_operations() {
    // Records only: the schedule's dumps are the data plane's tests'; this is the wire.
    run_script("day_two.py", &["--clock", "manual", "--data-plane", "none"], "day two OK");
}
