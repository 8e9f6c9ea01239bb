//! `cargo xtask bench day-two`: what the cluster's day two costs, each figure beside what it is
//! held against.
//!
//! - Stop → stopped → start → connectable, beside `pg_ctl stop` + `pg_ctl start` + a first
//!   connection of a server of its own (target: within 1.3×).
//! - An automated snapshot of a 128 MB database, taken by the schedule on the emulator's manual
//!   clock, beside `pg_dump` of it alone (target: within 1.2×).
//! - `list_events` over 10,000 events, sequential requests (target: p99 ≤ 5 ms).
//! - The scheduler's idle cost, 100 clusters × 10 policies, beside the same emulator with no
//!   cluster (target: under 1 % of a core).

use std::process::Command;
use std::time::{Duration, Instant};

use super::plane::{Api, PASSWORD, as_server, endpoint, median, postgres_bin, psql, run, server_user, string_field};
use crate::http;
use crate::project::{Project, step};
use crate::scratch::Scratch;
use crate::service::{DEMO_PROJECT, Service, sign_in};

/// How many times a timed step is repeated.
const ROUNDS: usize = 5;

impl Api {
    /// A call to a full path (the day-two operations are under `/v1/` and `/v2/` too).
    fn call_at(&self, method: &str, path: &str, body: &str) -> Result<http::Answer, String> {
        let mut headers = vec![("X-Auth-Token", self.token.as_str())];
        if !body.is_empty() {
            headers.push(("Content-Type", "application/json"));
        }
        http::request(&self.addr, method, path, &headers, body)
    }

    /// Waits until the cluster is idle in `status`, polling every 2 ms.
    fn wait_idle(&self, id: &str, status: &str) -> Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let a = self.call("GET", &format!("/clusters/{id}"), "")?;
            if string_field(&a.body, "status") == Some(status) && !a.body.contains("task_status") && !a.body.contains("action_progress") {
                return Ok(a.body);
            }
            if Instant::now() > deadline {
                return Err(format!("cluster {id} never became {status}: {}", a.body));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn advance(&self, seconds: f64) -> Result<(), String> {
        let a = http::request(&self.addr, "POST", "/_emulator/clock", &[("Content-Type", "application/json")], &format!(r#"{{"advance_seconds":{seconds}}}"#))?;
        if a.status != 200 {
            return Err(format!("moving the clock: {} {}", a.status, a.body));
        }
        Ok(())
    }
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(((v.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(f64::NAN)
}

/// CPU time a process has used (user + system), in seconds.
fn cpu_seconds(pid: u32) -> Result<f64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).map_err(|e| e.to_string())?;
    // After the command's closing parenthesis: state is field 3, utime 14 and stime 15.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).ok_or("no /proc stat")?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|u| u.parse::<f64>().ok()).zip(f.get(12).and_then(|s| s.parse::<f64>().ok())).map(|(u, s)| u + s).ok_or("no times")?;
    let hz = Command::new("getconf").arg("CLK_TCK").output().ok().and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse::<f64>().ok()).unwrap_or(100.0);
    Ok(ticks / hz)
}

pub fn run_bench(project: &Project) -> Result<(), String> {
    let bin = postgres_bin()?;
    let user = server_user();
    step("Building the emulator (release)");
    let c = project.release_build(&["dws-emulator"])?;
    project.run(c)?;
    let work = Scratch::new(project.target_dir().join("bench-day-two"))?;
    stop_start(project, &work, &bin, user)?;
    automated_snapshot(project, &work, &bin)?;
    list_events(project, &work)?;
    scheduler_idle(project, &work)?;
    drop(work);
    Ok(())
}

fn stop_start(project: &Project, work: &Scratch, bin: &std::path::Path, user: Option<(u32, u32)>) -> Result<(), String> {
    step("pg_ctl stop + pg_ctl start + a first connection, a server of its own (5 times)");
    let raw = work.join("raw");
    std::fs::create_dir_all(&raw).map_err(|e| e.to_string())?;
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(&raw, Some(uid), Some(gid)).map_err(|e| e.to_string())?;
    }
    let data = raw.join("data");
    let mut init = as_server(&bin.join("initdb"), user);
    init.args(["-D", &data.to_string_lossy(), "-U", "dbadmin", "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=trust"]);
    run(init, "initdb")?;
    // The settings the emulator's servers run with.
    let opts = format!(
        "-c listen_addresses=127.251.0.1 -p 8000 -c unix_socket_directories={} -c shared_buffers=16MB -c max_connections=40",
        raw.display()
    );
    let pg_ctl = |action: &str| {
        let mut c = as_server(&bin.join("pg_ctl"), user);
        c.args(["-D", &data.to_string_lossy(), "-o", &opts, "-l", &raw.join("log").to_string_lossy(), "-m", "fast", "-w", action]);
        c
    };
    run(pg_ctl("start"), "pg_ctl start")?;
    let mut createdb = Command::new(bin.join("psql"));
    createdb.args(["-h", "127.251.0.1", "-p", "8000", "-U", "dbadmin", "-d", "postgres", "-c", "CREATE DATABASE gaussdb"]);
    run(createdb, "createdb")?;
    let mut raw_times = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        run(pg_ctl("stop"), "pg_ctl stop")?;
        run(pg_ctl("start"), "pg_ctl start")?;
        run(psql(bin, "127.251.0.1", "8000", "SELECT 1"), "psql")?;
        raw_times.push(started.elapsed().as_secs_f64());
    }
    run(pg_ctl("stop"), "pg_ctl stop")?;
    let raw_median = median(raw_times.clone());

    step("The emulator at --speed 100000: stop → STOPPED → start → AVAILABLE → connectable (5 times)");
    let emu = Service::start(
        project,
        "release",
        "dws-emulator",
        &["--listen", "127.0.0.1:0", "--data", &work.join("stop-start").to_string_lossy(), "--speed", "100000", "--data-plane", "postgres"],
        false,
    )?;
    let api = Api { addr: emu.addr.clone(), token: sign_in(&emu.addr)? };
    let id = api.create("bench-stop-start")?;
    let detail = api.wait_available(&id)?;
    let (host, port) = endpoint(&detail)?;
    let mut times = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let a = api.call_at("POST", &format!("/v1/{DEMO_PROJECT}/clusters/{id}/stop"), "")?;
        if a.status != 200 {
            return Err(format!("stop: {} {}", a.status, a.body));
        }
        api.wait_idle(&id, "STOPPED")?;
        let a = api.call_at("POST", &format!("/v1/{DEMO_PROJECT}/clusters/{id}/start"), "")?;
        if a.status != 200 {
            return Err(format!("start: {} {}", a.status, a.body));
        }
        api.wait_idle(&id, "AVAILABLE")?;
        run(psql(bin, &host, &port, "SELECT 1"), "psql")?;
        times.push(started.elapsed().as_secs_f64());
    }
    let emu_median = median(times.clone());
    let round = |v: &[f64]| v.iter().map(|t| (t * 1000.0).round() / 1000.0).collect::<Vec<_>>();
    println!("  pg_ctl stop + start + connect: {:?} s, median {raw_median:.3} s", round(&raw_times));
    println!(
        "  emulator stop → start → connectable: {:?} s, median {emu_median:.3} s = {:.2}× (target ≤ 1.3×)",
        round(&times),
        emu_median / raw_median
    );
    drop(emu);
    Ok(())
}

fn automated_snapshot(project: &Project, work: &Scratch, bin: &std::path::Path) -> Result<(), String> {
    step("A 128 MB database: an automated snapshot taken by the schedule, beside pg_dump of it alone");
    let emu = Service::start(
        project,
        "release",
        "dws-emulator",
        &["--listen", "127.0.0.1:0", "--data", &work.join("automated").to_string_lossy(), "--clock", "manual", "--data-plane", "postgres"],
        false,
    )?;
    let api = Api { addr: emu.addr.clone(), token: sign_in(&emu.addr)? };
    let id = api.create("bench-automated")?;
    api.advance(60.0)?;
    let detail = api.wait_available(&id)?;
    let (host, port) = endpoint(&detail)?;
    run(
        psql(bin, &host, &port, "CREATE TABLE big AS SELECT g AS id, md5(g::text) || md5((g + 1)::text) AS payload FROM generate_series(1, 1270000) g"),
        "loading 128 MB",
    )?;
    let size = psql(bin, &host, &port, "SELECT pg_database_size('gaussdb')").output().map_err(|e| e.to_string())?;
    let db_mb = String::from_utf8_lossy(&size.stdout).trim().parse::<f64>().unwrap_or(0.0) / 1_048_576.0;
    let mut raw_times = Vec::new();
    for i in 0..3 {
        let mut dump = Command::new(bin.join("pg_dump"));
        dump.args(["-Fc", "-h", &host, "-p", &port, "-U", "dbadmin", "-d", "gaussdb", "-f", &work.join(&format!("raw-{i}.dump")).to_string_lossy()])
            .env("PGPASSWORD", PASSWORD);
        raw_times.push(run(dump, "pg_dump")?.as_secs_f64());
    }
    let mut times = Vec::new();
    for _ in 0..3 {
        let a = api.call_at("GET", &format!("/v2/{DEMO_PROJECT}/clusters/{id}/snapshot-policies"), "")?;
        let next: i64 = a
            .body
            .split("\"next_fire_time\":\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .min()
            .ok_or_else(|| format!("no next run: {}", a.body))?;
        let now: i64 = http::request(&api.addr, "GET", "/_emulator/clock", &[], "")?
            .body
            .split("\"now_ms\":")
            .nth(1)
            .and_then(|s| s.split([',', '}']).next()?.trim().parse().ok())
            .ok_or("no clock")?;
        let before = api.call("GET", "/snapshots", "")?.body.matches("\"AUTOMATED\"").count();
        // To the run's time and past the snapshot's own five seconds: only its dump remains.
        let started = Instant::now();
        api.advance(((next - now) as f64 / 1000.0) + 6.0)?;
        loop {
            let s = api.call("GET", "/snapshots", "")?.body;
            if s.matches("\"AUTOMATED\"").count() > before && !s.contains("\"CREATING\"") {
                break;
            }
            if started.elapsed() > Duration::from_secs(300) {
                return Err("the automated snapshot never became available".into());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        times.push(started.elapsed().as_secs_f64());
    }
    let (raw_median, emu_median) = (median(raw_times.clone()), median(times.clone()));
    println!("  gaussdb holds {db_mb:.0} MB");
    println!("  pg_dump alone: {raw_times:.2?} s, median {raw_median:.2} s");
    println!(
        "  automated snapshot, clock moved → AVAILABLE: {times:.2?} s, median {emu_median:.2} s = {:.2}× (target ≤ 1.2×)",
        emu_median / raw_median
    );
    drop(emu);
    Ok(())
}

fn list_events(project: &Project, work: &Scratch) -> Result<(), String> {
    step("list_events over 10,000 events (records only), 500 sequential requests");
    let emu = Service::start(
        project,
        "release",
        "dws-emulator",
        &["--listen", "127.0.0.1:0", "--data", &work.join("events").to_string_lossy(), "--speed", "100000", "--data-plane", "none"],
        false,
    )?;
    let api = Api { addr: emu.addr.clone(), token: sign_in(&emu.addr)? };
    let id = api.create("bench-events")?;
    api.wait_available(&id)?;
    let tags = format!("/v1.0/{DEMO_PROJECT}/clusters/{id}/tags/batch-create");
    let mut n = 0;
    loop {
        let count = api.call_at("GET", &format!("/v2/{DEMO_PROJECT}/events?limit=1"), "")?.body;
        let count: usize = count.split("\"count\":").nth(1).and_then(|s| s.split([',', '}']).next()?.parse().ok()).unwrap_or(0);
        if count >= 10_000 {
            break;
        }
        for _ in count..10_000 {
            api.call_at("POST", &tags, &format!(r#"{{"tags":[{{"key":"k","value":"v{n}"}}]}}"#))?;
            n += 1;
        }
    }
    for (query, what) in [("", "the default page, 1,000 events"), ("?limit=100", "a page of 100")] {
        let mut ms = Vec::new();
        let mut bytes = 0;
        for _ in 0..500 {
            let started = Instant::now();
            let a = api.call_at("GET", &format!("/v2/{DEMO_PROJECT}/events{query}"), "")?;
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
            if a.status != 200 {
                return Err(format!("list events: {}", a.status));
            }
            bytes = a.body.len();
        }
        println!(
            "  {what} ({:.0} KB): p50 {:.2} ms, p99 {:.2} ms (target p99 ≤ 5 ms)",
            bytes as f64 / 1024.0,
            percentile(ms.clone(), 0.5),
            percentile(ms, 0.99)
        );
    }
    drop(emu);
    Ok(())
}

fn scheduler_idle(project: &Project, work: &Scratch) -> Result<(), String> {
    step("The scheduler's idle cost: 100 clusters × 10 policies beside none, CPU over 60 s");
    let mut share = Vec::new();
    for (clusters, folder) in [(0, "idle-none"), (100, "idle-hundred")] {
        let emu = Service::start(
            project,
            "release",
            "dws-emulator",
            &["--listen", "127.0.0.1:0", "--data", &work.join(folder).to_string_lossy(), "--speed", "100000", "--data-plane", "none"],
            false,
        )?;
        let api = Api { addr: emu.addr.clone(), token: sign_in(&emu.addr)? };
        for i in 0..clusters {
            let id = api.create(&format!("bench-idle-{i}"))?;
            api.wait_available(&id)?;
            // Ten policies that do not fall due while this is measured (they run on 1 January).
            let strategies: Vec<String> = (0..8)
                .map(|h| format!(r#"{{"policy_name":"yearly-{h}","backup_type":"full","backup_strategy":"0 0 {h} 1 1 ?"}}"#))
                .collect();
            let a = api.call_at(
                "PUT",
                &format!("/v2/{DEMO_PROJECT}/clusters/{id}/snapshot-policies"),
                &format!(r#"{{"backup_strategies":[{}]}}"#, strategies.join(",")),
            )?;
            if a.status != 200 {
                return Err(format!("policies: {} {}", a.status, a.body));
            }
        }
        // Settle, then measure.
        std::thread::sleep(Duration::from_secs(5));
        let before = cpu_seconds(emu.pid())?;
        let started = Instant::now();
        std::thread::sleep(Duration::from_secs(60));
        let used = cpu_seconds(emu.pid())? - before;
        let pct = used / started.elapsed().as_secs_f64() * 100.0;
        println!("  {clusters} clusters: {used:.2} s of CPU in 60 s = {pct:.3} % of a core");
        share.push(pct);
        drop(emu);
    }
    println!("  the scheduler's own share: {:.3} % of a core (target < 1 %)", share[1] - share[0]);
    Ok(())
}
