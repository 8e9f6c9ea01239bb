//! `cargo xtask bench data-plane`: what a cluster's PostgreSQL server costs. Creation time
//! beside `initdb` and a server start on their own; a snapshot and a restore of a 100 MB
//! database beside `pg_dump` and `pg_restore` of it; the memory of an idle cluster (PSS summed
//! over its server's processes); and the emulator with 20 running clusters.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::http;
use crate::project::{Project, step};
use crate::scratch::Scratch;
use crate::service::{DEMO_PROJECT, Service, sign_in};

pub(super) const PASSWORD: &str = "Dws2017demo!";

/// The first `"key":"value"` of a JSON text (enough for the answers read here, whose first
/// `status` is the cluster's own).
pub(super) fn string_field<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let start = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    json[start..].split('"').next()
}

pub(super) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The newest `/usr/lib/postgresql/*/bin`.
pub(super) fn postgres_bin() -> Result<PathBuf, String> {
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| format!("no /usr/lib/postgresql: {e}"))?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .collect();
    dirs.sort();
    dirs.pop().map(|(_, d)| d).ok_or_else(|| "no PostgreSQL under /usr/lib/postgresql".into())
}

/// The `postgres` user's ids when this runs as root (PostgreSQL's servers refuse root).
pub(super) fn server_user() -> Option<(u32, u32)> {
    use std::os::unix::fs::MetadataExt;
    if std::fs::metadata("/proc/self").ok()?.uid() != 0 {
        return None;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.first() == Some(&"postgres")).then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
    })
}

pub(super) fn as_server(program: &Path, user: Option<(u32, u32)>) -> Command {
    let mut c = Command::new(program);
    if let Some((uid, gid)) = user {
        c.uid(uid).gid(gid);
    }
    c
}

pub(super) fn run(mut c: Command, what: &str) -> Result<Duration, String> {
    let started = Instant::now();
    let out = c.output().map_err(|e| format!("{what}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{what} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(started.elapsed())
}

pub(super) struct Api {
    pub(super) addr: String,
    pub(super) token: String,
}

impl Api {
    pub(super) fn call(&self, method: &str, path: &str, body: &str) -> Result<http::Answer, String> {
        let mut headers = vec![("X-Auth-Token", self.token.as_str())];
        if !body.is_empty() {
            headers.push(("Content-Type", "application/json"));
        }
        http::request(&self.addr, method, &format!("/v1.0/{DEMO_PROJECT}{path}"), &headers, body)
    }

    pub(super) fn create(&self, name: &str) -> Result<String, String> {
        let body = format!(
            r#"{{"cluster":{{"node_type":"dws.d2.xlarge","number_of_node":3,"name":"{name}","user_name":"dbadmin","user_pwd":"{PASSWORD}","vpc_id":"219ab8a0-1272-4049-a383-8ad0b770fa11","subnet_id":"d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec","security_group_id":"12e3c23a-8710-4b75-95e4-5c8d7f68ef3c"}}}}"#
        );
        let a = self.call("POST", "/clusters", &body)?;
        string_field(&a.body, "id").map(str::to_owned).ok_or_else(|| format!("create {name}: {} {}", a.status, a.body))
    }

    /// Waits until the cluster is available with no task; answers its detail.
    pub(super) fn wait_available(&self, id: &str) -> Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            let a = self.call("GET", &format!("/clusters/{id}"), "")?;
            if string_field(&a.body, "status") == Some("AVAILABLE") && !a.body.contains("action_progress") && !a.body.contains("task_status") {
                return Ok(a.body);
            }
            if string_field(&a.body, "status").is_some_and(|s| s.contains("FAIL")) {
                return Err(format!("cluster {id} failed: {}", a.body));
            }
            if Instant::now() > deadline {
                return Err(format!("cluster {id} never became available: {}", a.body));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// PSS of the cluster's server: its postmaster (started with `-D …/<id>/data`) and its children.
fn server_pss_kib(id: &str) -> u64 {
    let procs: Vec<(u32, String, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let cmd = String::from_utf8_lossy(&std::fs::read(e.path().join("cmdline")).ok()?).replace('\0', " ");
            let status = std::fs::read_to_string(e.path().join("status")).ok()?;
            let ppid = status.lines().find_map(|l| l.strip_prefix("PPid:"))?.trim().parse().ok()?;
            Some((pid, cmd, ppid))
        })
        .collect();
    let Some(master) = procs.iter().find(|(_, cmd, _)| cmd.contains(" -D ") && cmd.contains(id)).map(|p| p.0) else { return 0 };
    procs
        .iter()
        .filter(|(pid, _, ppid)| *pid == master || *ppid == master)
        .filter_map(|(pid, _, _)| {
            let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
            rollup.lines().find_map(|l| l.strip_prefix("Pss:"))?.trim().trim_end_matches("kB").trim().parse::<u64>().ok()
        })
        .sum()
}

pub(super) fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.split_whitespace().next()).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// The first CN's host and port, from a detail answer.
pub(super) fn endpoint(detail: &str) -> Result<(String, String), String> {
    let info = string_field(detail, "connect_info").ok_or("no endpoint")?;
    let (h, p) = info.rsplit_once(':').ok_or("no port")?;
    Ok((h.to_owned(), p.to_owned()))
}

pub(super) fn psql(bin: &Path, host: &str, port: &str, sql: &str) -> Command {
    let mut c = Command::new(bin.join("psql"));
    c.args(["-h", host, "-p", port, "-U", "dbadmin", "-d", "gaussdb", "-v", "ON_ERROR_STOP=1", "-Atc", sql]).env("PGPASSWORD", PASSWORD);
    c
}

pub fn run_bench(project: &Project) -> Result<(), String> {
    let bin = postgres_bin()?;
    let user = server_user();
    step("Building the emulator (release)");
    let c = project.release_build(&["dws-emulator"])?;
    project.run(c)?;
    // Removed at the end, however the benchmark ends, with the servers started in it.
    let work = Scratch::new(project.target_dir().join("bench-data-plane"))?;

    step("initdb and a server start on their own (5 times)");
    let raw = work.join("raw");
    std::fs::create_dir_all(&raw).map_err(|e| e.to_string())?;
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(&raw, Some(uid), Some(gid)).map_err(|e| e.to_string())?;
    }
    let mut raw_times = Vec::new();
    for i in 0..5 {
        let data = raw.join(format!("d{i}"));
        let mut init = as_server(&bin.join("initdb"), user);
        init.args(["-D", &data.to_string_lossy(), "-U", "dbadmin", "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256"]);
        let t_init = run(init, "initdb")?;
        let opts = format!("-c listen_addresses=127.250.0.{} -p 8000 -c unix_socket_directories={}", i + 1, raw.display());
        let mut start = as_server(&bin.join("pg_ctl"), user);
        start.args(["-D", &data.to_string_lossy(), "-o", &opts, "-l", &raw.join(format!("d{i}.log")).to_string_lossy(), "-w", "start"]);
        let t_start = run(start, "pg_ctl start")?;
        let mut stop = as_server(&bin.join("pg_ctl"), user);
        stop.args(["-D", &data.to_string_lossy(), "-m", "fast", "-w", "stop"]);
        run(stop, "pg_ctl stop")?;
        raw_times.push((t_init + t_start).as_secs_f64());
    }
    let raw_median = median(raw_times.clone());
    println!("  initdb + start: {:?} s, median {raw_median:.3} s", raw_times.iter().map(|t| (t * 1000.0).round() / 1000.0).collect::<Vec<_>>());

    step("The emulator at --speed 100000 (the simulated waits take no time)");
    let emu = Service::start(
        project,
        "release",
        "dws-emulator",
        &["--listen", "127.0.0.1:0", "--data", &work.join("emulator").to_string_lossy(), "--speed", "100000", "--data-plane", "postgres"],
        false,
    )?;
    let api = Api { addr: emu.addr.clone(), token: sign_in(&emu.addr)? };
    let mut ids = Vec::new();
    let mut create_times = Vec::new();
    for i in 0..5 {
        let started = Instant::now();
        let id = api.create(&format!("bench-{i}"))?;
        api.wait_available(&id)?;
        create_times.push(started.elapsed().as_secs_f64());
        ids.push(id);
    }
    let create_median = median(create_times.clone());
    println!(
        "  create → AVAILABLE: {:?} s, median {create_median:.3} s = {:.2}× initdb + start",
        create_times.iter().map(|t| (t * 1000.0).round() / 1000.0).collect::<Vec<_>>(),
        create_median / raw_median
    );

    step("Memory of an idle cluster (PSS of its server's processes, after 10 s idle)");
    std::thread::sleep(Duration::from_secs(10));
    let pss: Vec<u64> = ids.iter().map(|id| server_pss_kib(id)).collect();
    println!("  PSS per idle cluster: {pss:?} KiB, median {:.1} MiB", median(pss.iter().map(|p| *p as f64).collect()) / 1024.0);

    step("A 100 MB database: snapshot and restore, beside pg_dump and pg_restore of it");
    let detail = api.wait_available(&ids[0])?;
    let (host, port) = endpoint(&detail)?;
    run(
        psql(&bin, &host, &port, "CREATE TABLE big AS SELECT g AS id, md5(g::text) || md5((g + 1)::text) AS payload FROM generate_series(1, 1250000) g"),
        "loading 100 MB",
    )?;
    let size = psql(&bin, &host, &port, "SELECT pg_database_size('gaussdb')").output().map_err(|e| e.to_string())?;
    let db_mb = String::from_utf8_lossy(&size.stdout).trim().parse::<f64>().unwrap_or(0.0) / 1048576.0;
    println!("  gaussdb holds {db_mb:.0} MB");
    let dump = work.join("raw.dump");
    let mut raw_dump = Command::new(bin.join("pg_dump"));
    raw_dump.args(["-Fc", "-h", &host, "-p", &port, "-U", "dbadmin", "-d", "gaussdb", "-f", &dump.to_string_lossy()]).env("PGPASSWORD", PASSWORD);
    let t_raw_dump = run(raw_dump, "pg_dump")?.as_secs_f64();
    let started = Instant::now();
    let a = api.call("POST", "/snapshots", &format!(r#"{{"snapshot":{{"name":"bench-big","cluster_id":"{}"}}}}"#, ids[0]))?;
    let snap = string_field(&a.body, "id").ok_or_else(|| format!("snapshot: {}", a.body))?.to_owned();
    loop {
        let s = api.call("GET", &format!("/snapshots/{snap}"), "")?;
        if string_field(&s.body, "status") == Some("AVAILABLE") {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let t_snapshot = started.elapsed().as_secs_f64();
    run(psql(&bin, &host, &port, "CREATE DATABASE raw_restore"), "createdb")?;
    let mut raw_restore = Command::new(bin.join("pg_restore"));
    raw_restore.args(["-h", &host, "-p", &port, "-U", "dbadmin", "-d", "raw_restore", "--no-owner", &dump.to_string_lossy()]).env("PGPASSWORD", PASSWORD);
    let t_raw_restore = run(raw_restore, "pg_restore")?.as_secs_f64();
    let started = Instant::now();
    let a = api.call("POST", &format!("/snapshots/{snap}/actions"), r#"{"restore":{"name":"bench-restored"}}"#)?;
    let restored = string_field(&a.body, "id").ok_or_else(|| format!("restore: {}", a.body))?.to_owned();
    api.wait_available(&restored)?;
    let t_restore = started.elapsed().as_secs_f64();
    ids.push(restored);
    println!("  snapshot: {t_snapshot:.2} s (pg_dump alone {t_raw_dump:.2} s)");
    println!(
        "  restore to a new cluster: {t_restore:.2} s (pg_restore alone {t_raw_restore:.2} s; with initdb + start {:.2} s)",
        t_raw_restore + raw_median
    );

    step("20 running clusters");
    for i in ids.len()..20 {
        ids.push(api.create(&format!("bench-{i}"))?);
    }
    for id in &ids {
        api.wait_available(id)?;
    }
    std::thread::sleep(Duration::from_secs(10));
    let total: u64 = ids.iter().map(|id| server_pss_kib(id)).sum();
    let mut list_ms = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let a = api.call("GET", "/clusters", "")?;
        if a.status != 200 {
            return Err(format!("list answered {}", a.status));
        }
        list_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "  20 clusters: servers' PSS {:.0} MiB in all; emulator RSS {:.1} MiB; list clusters median {:.2} ms",
        total as f64 / 1024.0,
        rss_kib(emu.pid()) as f64 / 1024.0,
        median(list_ms)
    );
    step("Stopping (the emulator stops its servers)");
    drop(emu);
    drop(work);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_from_answers() {
        let j = r#"{"cluster":{"id":"c1","name":"n","status":"AVAILABLE","parameter_group":{"status":"In-Sync"}}}"#;
        assert_eq!(string_field(j, "status"), Some("AVAILABLE"));
        assert_eq!(string_field(j, "id"), Some("c1"));
        assert_eq!(string_field(j, "nothing"), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
    }
}
