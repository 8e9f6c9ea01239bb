//! `cargo xtask bench <target>`: performance figures, measured the same way every time.

mod day_two;
mod metrics;
mod plane;

use crate::service::{DEMO_PROJECT, Service, sign_in};
use crate::tools::{Needs, Tools};
use crate::http;
use crate::project::{Project, step};
use crate::scratch::Scratch;

const CLUSTERS: usize = 1000;
const CONNECTIONS: u32 = 32;
const SECONDS: u32 = 20;

/// Runs a benchmark.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("emulator") => emulator(&Project::locate()),
        Some("proxy") => match &args[1..] {
            [] => proxy(&Project::locate(), None),
            [flag, rev] if flag == "--baseline" => proxy(&Project::locate(), Some(rev)),
            _ => Err("usage: cargo xtask bench proxy [--baseline GIT-REVISION]".into()),
        },
        Some("console") => console(&Project::locate()),
        Some("soak") => soak(&Project::locate()),
        Some("data-plane") => plane::run_bench(&Project::locate()),
        Some("metrics") => metrics::run_bench(&Project::locate()),
        Some("day-two") => day_two::run_bench(&Project::locate()),
        _ => Err("usage: cargo xtask bench emulator|proxy|console|soak|data-plane|metrics|day-two".into()),
    }
}

fn ensure_debian_tool(project: &Project, tool: &str, package: &str) -> Result<(), String> {
    if project.output("which", &[tool]).is_some() || std::path::Path::new(&format!("/usr/sbin/{tool}")).exists() {
        return Ok(());
    }
    if project.output("id", &["-u"]).as_deref() != Some("0") {
        return Err(format!("the benchmark needs {tool}: sudo apt-get install -y {package}"));
    }
    println!("  → {tool}: installing from Debian");
    let mut c = project.command("apt-get");
    c.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "-qq", package]);
    project.run(c)
}

fn ensure_wrk(project: &Project) -> Result<(), String> {
    ensure_debian_tool(project, "wrk", "wrk")
}

/// What wrk measured.
struct Load {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    requests: u64,
    errors: String,
}

fn ms(text: &str) -> f64 {
    let t = text.trim();
    let (num, scale) = if let Some(n) = t.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (t, 1.0)
    };
    num.trim().parse::<f64>().unwrap_or(f64::NAN) * scale
}

/// What hey measured at a fixed offered load.
struct Paced {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    non_200: u64,
    errors: bool,
}

/// Runs hey against a URL at a fixed rate: `connections` workers, each pacing itself to
/// `per_connection` requests a second. Unlike wrk's closed loop, the offered load does not grow
/// with the server's speed, so the latency it reads is the hop's own cost rather than the queue
/// that any saturated two-core machine builds.
fn hey(project: &Project, url: &str, token: &str, connections: u32, per_connection: u32, seconds: u32) -> Result<Paced, String> {
    let out = project
        .command("hey")
        .args(["-c", &connections.to_string(), "-q", &per_connection.to_string(), "-z", &format!("{seconds}s")])
        .args(["-H", &format!("X-Auth-Token: {token}"), url])
        .output()
        .map_err(|e| format!("cannot run hey: {e}"))?;
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let find = |prefix: &str| report.lines().find_map(|l| l.trim().strip_prefix(prefix).map(|v| v.trim().to_owned()));
    let secs = |v: Option<String>| -> f64 {
        v.and_then(|v| v.split_whitespace().nth(1).and_then(|s| s.parse::<f64>().ok())).map(|s| s * 1000.0).unwrap_or(f64::NAN)
    };
    let rps = find("Requests/sec:").and_then(|v| v.parse().ok()).ok_or_else(|| format!("no result from hey:\n{report}"))?;
    let mut non_200 = 0;
    for line in report.lines().map(str::trim).filter(|l| l.starts_with('[')) {
        let mut parts = line.split_whitespace();
        let (code, n) = (parts.next().unwrap_or(""), parts.next().and_then(|n| n.parse::<u64>().ok()).unwrap_or(0));
        if code != "[200]" {
            non_200 += n;
        }
    }
    Ok(Paced { rps, p50_ms: secs(find("50%")), p99_ms: secs(find("99%")), non_200, errors: report.contains("Error distribution") })
}

/// Runs wrk against a URL with the token and reads its report.
fn wrk(project: &Project, url: &str, token: &str, connections: u32, seconds: u32) -> Result<Load, String> {
    let out = project
        .command("wrk")
        .args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--latency"])
        .args(["-H", &format!("X-Auth-Token: {token}"), url])
        .output()
        .map_err(|e| format!("cannot run wrk: {e}"))?;
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let find = |prefix: &str| report.lines().find_map(|l| l.trim().strip_prefix(prefix).map(|v| v.trim().to_owned()));
    let rps = find("Requests/sec:").and_then(|v| v.parse().ok()).ok_or_else(|| format!("no result from wrk:\n{report}"))?;
    let requests = report
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let errors = report
        .lines()
        .filter(|l| l.contains("Non-2xx") || l.contains("Socket errors"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("; ");
    Ok(Load { rps, p50_ms: find("50%").map(|v| ms(&v)).unwrap_or(f64::NAN), p99_ms: find("99%").map(|v| ms(&v)).unwrap_or(f64::NAN), requests, errors })
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.split_whitespace().next()).and_then(|v| v.parse().ok())
}

const NGINX_CONF: &str = r#"worker_processes auto;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    large_client_header_buffers 4 64k;
    client_max_body_size 1m;
    upstream dws { server {upstream}; keepalive 128; }
    server {
        listen {listen};
        location / {
            proxy_pass http://dws;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $proxy_host;
            proxy_buffer_size 64k;
            proxy_buffers 8 64k;
        }
    }
}
"#;

/// The benchmark's nginx, stopped with its workers however the benchmark ends. (A kill would
/// stop only the master process and leave its workers running.)
struct Nginx(std::process::Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: nginx's fast shutdown, in which the master stops its workers and then exits.
        let _ = std::process::Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        for _ in 0..50 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The proxy built at another revision, in a worktree of its own under the target folder, for a
/// side-by-side run; the worktree goes when the benchmark ends.
struct Baseline {
    dir: std::path::PathBuf,
    root: std::path::PathBuf,
}

impl Baseline {
    fn build(project: &Project, rev: &str) -> Result<(Baseline, std::path::PathBuf), String> {
        let dir = project.target_dir().join("bench-baseline");
        let _ = project.output("git", &["worktree", "remove", "--force", &dir.to_string_lossy()]);
        let _ = std::fs::remove_dir_all(&dir);
        step(&format!("Building the baseline proxy at {rev}"));
        let mut c = project.command("git");
        c.args(["worktree", "add", "--detach"]).arg(&dir).arg(rev);
        project.run(c)?;
        let baseline = Baseline { dir: dir.clone(), root: project.root.clone() };
        let mut c = project.command("cargo");
        c.current_dir(&dir).env("CARGO_TARGET_DIR", dir.join("target")).args(["build", "--release", "-p", "dws-proxy"]);
        project.run(c)?;
        Ok((baseline, dir.join("target/release/dws-proxy")))
    }
}

impl Drop for Baseline {
    fn drop(&mut self) {
        let _ = std::process::Command::new("git")
            .current_dir(&self.root)
            .args(["worktree", "remove", "--force"])
            .arg(&self.dir)
            .status();
    }
}

/// The proxy against the emulator directly and against Debian's nginx as the same reverse proxy,
/// and, with `baseline`, against the proxy built at that revision, in the same run.
fn proxy(project: &Project, baseline: Option<&String>) -> Result<(), String> {
    ensure_wrk(project)?;
    ensure_debian_tool(project, "hey", "hey")?;
    ensure_debian_tool(project, "nginx", "nginx-light")?;
    step("Building the emulator and the proxy (release)");
    let c = project.release_build(&["dws-emulator", "dws-proxy"])?;
    project.run(c)?;

    let work = Scratch::new(project.target_dir().join("bench-proxy"))?;
    let emu = Service::start(
        project,
        "release",
        "dws-emulator",
        &["--listen", "127.0.0.1:0", "--data", &work.join("emulator").to_string_lossy(), "--data-plane", "none"],
        false,
    )?;
    let token = sign_in(&emu.addr)?;
    let upstream = format!("http://{}", emu.addr);
    let proxy_args =
        ["--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams", "--rate-limit-per-second", "0"];
    let px = Service::start(project, "release", "dws-proxy", &proxy_args, false)?;
    let built = baseline.map(|rev| Baseline::build(project, rev)).transpose()?;
    let base = built.as_ref().map(|(_, bin)| Service::start_path(bin, &proxy_args, false)).transpose()?;
    let nginx_addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        l.local_addr().map_err(|e| e.to_string())?.to_string()
    };
    let conf = NGINX_CONF
        .replace("{dir}", &work.to_string_lossy())
        .replace("{upstream}", &emu.addr)
        .replace("{listen}", &nginx_addr);
    std::fs::write(work.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
    let nginx_bin = if std::path::Path::new("/usr/sbin/nginx").exists() { "/usr/sbin/nginx" } else { "nginx" };
    let _nginx = Nginx(
        std::process::Command::new(nginx_bin)
            .arg("-c")
            .arg(work.join("nginx.conf"))
            .arg("-p")
            .arg(&*work)
            .spawn()
            .map_err(|e| format!("cannot start nginx: {e}"))?,
    );
    std::thread::sleep(std::time::Duration::from_millis(500));

    let path = format!("/v2/{DEMO_PROJECT}/node-types");
    let mut all = vec![("emulator", &emu.addr), ("proxy", &px.addr), ("nginx", &nginx_addr)];
    if let Some(b) = &base {
        all.push(("baseline", &b.addr));
    }
    for (name, addr) in all {
        let a = http::request(addr, "GET", &path, &[("X-Auth-Token", &token)], "")?;
        if a.status != 200 {
            return Err(format!("{name} answered {} to {path}", a.status));
        }
    }
    const CONN: u32 = 64;
    const SECS: u32 = 20;
    // Each of 64 connections paced to 100 requests a second: 6,400 a second, about a fifth of
    // what either proxy carries at saturation here.
    const PACED_PER_CONN: u32 = 100;
    let mut results: Vec<(&str, Load)> = Vec::new();
    // Alternate the runs so a noisy moment does not favour one side.
    let mut targets = vec![("direct", &emu.addr), ("proxy", &px.addr), ("nginx", &nginx_addr)];
    let order: Vec<usize> = match &base {
        None => vec![0, 1, 2, 1, 2, 1, 2, 0],
        Some(b) => {
            targets.push(("baseline", &b.addr));
            vec![0, 1, 3, 2, 3, 1, 2, 1, 3, 0]
        }
    };
    for &i in &order {
        let (name, addr) = targets[i];
        step(&format!("wrk {name}: GET {path}, {CONN} connections, {SECS} s"));
        let _ = wrk(project, &format!("http://{addr}{path}"), &token, CONN, 3)?; // warm-up
        let load = wrk(project, &format!("http://{addr}{path}"), &token, CONN, SECS)?;
        println!("  {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, {} requests{}", load.rps, load.p50_ms, load.p99_ms, load.requests,
            if load.errors.is_empty() { String::new() } else { format!(", ERRORS: {}", load.errors) });
        results.push((name, load));
    }
    let mut paced: Vec<(&str, Paced)> = Vec::new();
    let paced_order: &[usize] = if base.is_some() { &[0, 1, 3, 2, 0, 3, 1, 2] } else { &[0, 1, 2, 0, 1, 2] };
    for &i in paced_order {
        let (name, addr) = targets[i];
        let rate = CONN * PACED_PER_CONN;
        step(&format!("hey {name}: GET {path}, {CONN} connections paced to {rate} requests/s, {SECS} s"));
        let p = hey(project, &format!("http://{addr}{path}"), &token, CONN, PACED_PER_CONN, SECS)?;
        println!("  {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms{}", p.rps, p.p50_ms, p.p99_ms,
            if p.non_200 == 0 && !p.errors { String::new() } else { format!(", ERRORS: {} non-200{}", p.non_200, if p.errors { ", transport errors" } else { "" }) });
        paced.push((name, p));
    }

    step("The proxy's memory over 60 s of load");
    let pid = px.pid();
    let before = rss_kib(pid).unwrap_or(0);
    let url = format!("http://{}{path}", px.addr);
    let sampler = std::thread::spawn(move || {
        let mut samples = Vec::new();
        for _ in 0..12 {
            std::thread::sleep(std::time::Duration::from_secs(5));
            samples.push(rss_kib(pid).unwrap_or(0));
        }
        samples
    });
    let long = wrk(project, &url, &token, CONN, 60)?;
    let samples = sampler.join().map_err(|_| "sampler panicked")?;

    let median = |mut v: Vec<f64>| -> f64 {
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    };
    let rps_of = |n: &str| results.iter().filter(|(k, _)| *k == n).map(|(_, l)| l.rps).collect::<Vec<_>>();
    let best = |n: &str| rps_of(n).into_iter().fold(f64::NAN, f64::max);
    let p99_of = |n: &str| median(results.iter().filter(|(k, _)| *k == n).map(|(_, l)| l.p99_ms).collect());
    let paced_p99 = |n: &str| median(paced.iter().filter(|(k, _)| *k == n).map(|(_, p)| p.p99_ms).collect());
    let paced_p50 = |n: &str| median(paced.iter().filter(|(k, _)| *k == n).map(|(_, p)| p.p50_ms).collect());
    let all_ok = results.iter().all(|(_, l)| l.errors.is_empty())
        && long.errors.is_empty()
        && paced.iter().all(|(_, p)| p.non_200 == 0 && !p.errors);
    println!("\nResults ({CONN} connections, GET {path} with a token):");
    let names: &[&str] = if base.is_some() { &["direct", "proxy", "baseline", "nginx"] } else { &["direct", "proxy", "nginx"] };
    for &n in names {
        println!("  {n:<7} saturated: runs {:?} requests/s, median {:.0}, best {:.0}, median p99 {:.2} ms; paced to {}/s: median p50 {:.2} ms, p99 {:.2} ms",
            rps_of(n).iter().map(|r| r.round() as u64).collect::<Vec<_>>(), median(rps_of(n)), best(n), p99_of(n),
            CONN * PACED_PER_CONN, paced_p50(n), paced_p99(n));
    }
    println!("  throughput proxy/nginx: median {:.2}, best {:.2}", median(rps_of("proxy")) / median(rps_of("nginx")), best("proxy") / best("nginx"));
    if base.is_some() {
        println!(
            "  this build against the baseline: throughput median {:.3}, best {:.3}; paced p99 {:.2} vs {:.2} ms; saturated p99 {:.2} vs {:.2} ms",
            median(rps_of("proxy")) / median(rps_of("baseline")),
            best("proxy") / best("baseline"),
            paced_p99("proxy"),
            paced_p99("baseline"),
            p99_of("proxy"),
            p99_of("baseline"),
        );
    }
    println!("  p99 added by the proxy over direct: paced {:.2} ms (nginx {:.2} ms); saturated {:.2} ms (nginx {:.2} ms)",
        paced_p99("proxy") - paced_p99("direct"), paced_p99("nginx") - paced_p99("direct"),
        p99_of("proxy") - p99_of("direct"), p99_of("nginx") - p99_of("direct"));
    println!("  proxy RSS: {before} KiB before, samples {samples:?} KiB during 60 s at {:.0} requests/s", long.rps);
    println!("  success rate: {}", if all_ok { "1.0 (no non-2xx, no socket errors)" } else { "errors seen: see above" });
    Ok(())
}

/// List clusters with 1,000 clusters: requests per second and p99 at 32 connections.
fn emulator(project: &Project) -> Result<(), String> {
    ensure_wrk(project)?;
    step("Building the emulator (release)");
    let c = project.release_build(&["dws-emulator"])?;
    project.run(c)?;

    let data = Scratch::new(project.target_dir().join("bench-emulator-data"))?;
    step(&format!("Seeding {CLUSTERS} clusters"));
    let emu = Service::start(
        project,
        "release",
        "dws-emulator",
        &["--listen", "127.0.0.1:0", "--data", &data.to_string_lossy(), "--speed", "1000000", "--data-plane", "none"],
        false,
    )?;
    let token = sign_in(&emu.addr)?;
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

/// The console in headless Chromium: time to a usable sign-in page, first render of 1,000
/// clusters, re-render of a poll with 10 changed rows, and download sizes. The browser side is
/// `e2e/src/bin/bench-console.rs`.
fn console(project: &Project) -> Result<(), String> {
    let tools = Tools::ensure(project, Needs::all())?;
    let chromedriver = tools.chromedriver.ok_or("the benchmark needs chromedriver")?;
    let dist = crate::console::build_release(project, &crate::console::release_dist(project))?;
    let floor = crate::console::build_floor(project, &project.target_dir().join("leptos-floor-release"))?;
    step("Building the emulator and the proxy (release)");
    let c = project.release_build(&["dws-emulator", "dws-proxy"])?;
    project.run(c)?;
    step("Measuring in headless Chromium");
    let bin = project.target_dir().join("release");
    let mut c = project.command("cargo");
    c.args(["run", "--quiet", "-p", "dws-e2e", "--bin", "bench-console"])
        .env("DWS_CONSOLE_DIST", &dist)
        .env("DWS_FLOOR_DIST", &floor)
        .env("DWS_EMULATOR_BIN", bin.join("dws-emulator"))
        .env("DWS_PROXY_BIN", bin.join("dws-proxy"))
        .env("CHROMEDRIVER", &chromedriver);
    project.run(c)
}

/// How long `bench soak` watches the page, unless `DWS_SOAK_SECONDS` says otherwise.
const SOAK_SECONDS: u32 = 600;

/// The console's memory over ten minutes of polling a large project (the browser test
/// `e2e/tests/soak.rs`, which `cargo xtask test` runs for 90 s).
fn soak(project: &Project) -> Result<(), String> {
    let tools = Tools::ensure(project, Needs::all())?;
    let chromedriver = tools.chromedriver.ok_or("the soak needs chromedriver")?;
    let dist = crate::console::build_release(project, &crate::console::release_dist(project))?;
    step("Building the emulator and the proxy");
    let mut c = project.command("cargo");
    c.args(["build", "-p", "dws-emulator", "-p", "dws-proxy"]);
    project.run(c)?;
    let seconds = std::env::var("DWS_SOAK_SECONDS").unwrap_or_else(|_| SOAK_SECONDS.to_string());
    step(&format!("Watching the snapshots page for {seconds} s in headless Chromium"));
    let bin = project.target_dir().join("debug");
    let mut c = project.command("cargo");
    c.args(["test", "-p", "dws-e2e", "--test", "soak", "--", "--include-ignored", "--nocapture", "--exact", crate::test::SOAK])
        .env("DWS_SOAK_SECONDS", seconds)
        .env("DWS_CONSOLE_DIST", &dist)
        .env("DWS_EMULATOR_BIN", bin.join("dws-emulator"))
        .env("DWS_PROXY_BIN", bin.join("dws-proxy"))
        .env("CHROMEDRIVER", &chromedriver);
    project.run(c)
}
