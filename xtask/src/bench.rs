//! `cargo xtask bench <target>`: performance figures, measured the same way every time.

use std::path::PathBuf;

use crate::emulator::{DEMO_PROJECT, Emulator};
use crate::http;
use crate::project::{Project, step};

const CLUSTERS: usize = 1000;
const CONNECTIONS: u32 = 32;
const SECONDS: u32 = 20;

/// Runs a benchmark.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("emulator") => emulator(&Project::locate()),
        _ => Err("usage: cargo xtask bench emulator".into()),
    }
}

fn ensure_wrk(project: &Project) -> Result<(), String> {
    if project.output("wrk", &["--version"]).is_some() || project.output("which", &["wrk"]).is_some() {
        return Ok(());
    }
    if project.output("id", &["-u"]).as_deref() != Some("0") {
        return Err("the benchmark needs wrk: sudo apt-get install -y wrk".into());
    }
    println!("  → wrk: installing from Debian");
    let mut c = project.command("apt-get");
    c.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "-qq", "wrk"]);
    project.run(c)
}

/// List clusters with 1,000 clusters: requests per second and p99 at 32 connections.
fn emulator(project: &Project) -> Result<(), String> {
    ensure_wrk(project)?;
    step("Building the emulator (release)");
    let mut c = project.command("cargo");
    c.args(["build", "--release", "-p", "dws-emulator"]);
    project.run(c)?;

    let data: PathBuf = project.target_dir().join("bench-emulator-data");
    let _ = std::fs::remove_dir_all(&data);
    step(&format!("Seeding {CLUSTERS} clusters"));
    let emu = Emulator::start(project, "release", "127.0.0.1:0", &data, &["--speed", "1000000"])?;
    let token = emu.sign_in()?;
    let path = format!("/v1.0/{DEMO_PROJECT}/clusters");
    for i in 0..CLUSTERS {
        let body = format!(
            r#"{{"cluster":{{"node_type":"dws.d2.xlarge","number_of_node":3,"subnet_id":"d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec","security_group_id":"12e3c23a-8710-4b75-95e4-5c8d7f68ef3c","vpc_id":"219ab8a0-1272-4049-a383-8ad0b770fa11","name":"bench-{i:04}","user_name":"dbadmin","user_pwd":"Dws2017demo!","public_ip":{{"public_bind_type":"auto_assign"}}}}}}"#
        );
        let a = http::request(&emu.addr, "POST", &path, &[("X-Auth-Token", &token), ("Content-Type", "application/json")], &body)?;
        if a.status != 200 {
            return Err(format!("seeding answered {}: {}", a.status, a.body));
        }
    }
    let check = http::request(&emu.addr, "GET", &path, &[("X-Auth-Token", &token)], "")?;
    let bytes = check.body.len();
    if !check.body.contains(&format!("\"count\":{CLUSTERS}")) || check.body.contains("CREATING") {
        return Err("the seeded clusters are not all there and available".into());
    }

    step(&format!("wrk: GET {path} ({bytes} bytes), {CONNECTIONS} connections, {SECONDS} s"));
    let url = format!("http://{}{path}", emu.addr);
    let out = project
        .command("wrk")
        .args(["-t2", &format!("-c{CONNECTIONS}"), &format!("-d{SECONDS}s"), "--latency"])
        .args(["-H", &format!("X-Auth-Token: {token}"), &url])
        .output()
        .map_err(|e| format!("cannot run wrk: {e}"))?;
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("{report}");
    let rps = report.lines().find_map(|l| l.strip_prefix("Requests/sec:")).map(str::trim).unwrap_or("?");
    let p99 = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(str::trim)
        .unwrap_or("?");
    let non2xx = report.lines().find(|l| l.contains("Non-2xx")).map(str::trim);
    if let Some(n) = non2xx {
        return Err(format!("wrk saw errors: {n}"));
    }
    println!("Result: list clusters ({CLUSTERS} clusters, {bytes} bytes each answer): {rps} requests/s, p99 {p99} at {CONNECTIONS} connections");
    Ok(())
}
