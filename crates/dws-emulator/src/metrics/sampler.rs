//! Reads every running cluster's server once a minute (`--speed` divides the wait, down to one
//! second) and records what Cloud Eye would: the cluster metrics under `datastore_id`, the node
//! metrics under the node that runs the server.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use dws_contract::ces::catalog::node_id;
use dws_contract::ces::wire::Dimension;

use super::reading::{self, Processes, Reading};
use super::store::Sample;
use crate::app::SharedApp;
use crate::plane::{DataPlane, Postgres};

/// How often Cloud Eye samples DWS's metrics.
const EVERY: Duration = Duration::from_secs(60);
/// The shortest wait between two rounds, whatever the speed: each round opens a connection to
/// every server.
const FASTEST: Duration = Duration::from_secs(1);
/// How often data past its retention is dropped.
const PRUNE_EVERY: Duration = Duration::from_secs(600);
const GB: f64 = 1024.0 * 1024.0 * 1024.0;
const MB: f64 = 1024.0 * 1024.0;

/// The wait between two rounds at a speed.
pub fn interval(speed: f64) -> Duration {
    EVERY.div_f64(speed.max(1.0)).max(FASTEST)
}

/// What a cluster's readings are recorded as.
struct Target {
    cluster_id: String,
    project_id: String,
    disk_gb: f64,
    server: crate::plane::server::Server,
}

/// Samples until the task is aborted.
pub fn spawn(app: SharedApp) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut previous: HashMap<String, Reading> = HashMap::new();
        let mut pruned = Instant::now();
        let every = interval(app.speed);
        loop {
            tokio::time::sleep(every).await;
            let samples = round(&app, &mut previous).await;
            let store = app.metrics.clone();
            let now = app.clock.now_ms();
            let prune = pruned.elapsed() >= PRUNE_EVERY;
            if prune {
                pruned = Instant::now();
            }
            let written = tokio::task::spawn_blocking(move || {
                store.record(&samples)?;
                if prune {
                    store.prune(now)?;
                }
                Ok::<(), rusqlite::Error>(())
            })
            .await;
            match written {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::warn!("recording metrics failed: {e}"),
                Err(e) => tracing::warn!("recording metrics failed: {e}"),
            }
        }
    })
}

/// One round: a reading of every running server, turned into samples (none without a data
/// plane: a cluster with no server has no figures). `previous` holds each server's last reading,
/// for the rates.
pub async fn round(app: &SharedApp, previous: &mut HashMap<String, Reading>) -> Vec<Sample> {
    let DataPlane::Postgres(_) = &app.plane else { return Vec::new() };
    let targets: Vec<Target> = app.store.read(|s| {
        s.clusters
            .values()
            .filter_map(|c| {
                let record = c.server.as_ref()?;
                let disk_gb = app.config.node_types.iter().find(|n| n.spec_name == c.spec.node_type).map_or(0.0, |n| f64::from(n.disk_gb));
                Some(Target { cluster_id: c.id.clone(), project_id: c.project_id.clone(), disk_gb, server: Postgres::server(c, record) })
            })
            .collect()
    });
    previous.retain(|id, _| targets.iter().any(|t| &t.cluster_id == id));
    let procs = Processes::scan();
    let context = Machine { cpus: std::thread::available_parallelism().map_or(1.0, |n| n.get() as f64), memory: reading::machine_memory() };
    let mut samples = Vec::new();
    for t in targets {
        let Some(pid) = t.server.running_pid() else {
            previous.remove(&t.cluster_id);
            continue;
        };
        let now = app.clock.now_ms();
        let before = previous.get(&t.cluster_id);
        // A clock that has not moved (the manual clock) has nothing new to say.
        if before.is_some_and(|b| b.ts >= now) {
            continue;
        }
        match reading::read(&t.server, pid, &procs, now).await {
            Ok(r) => {
                samples.extend(to_samples(&t, before, &r, &context));
                previous.insert(t.cluster_id.clone(), r);
            }
            // Starting, stopping or restarting: no figure this round.
            Err(e) => tracing::debug!("reading cluster {}: {e}", t.cluster_id),
        }
    }
    samples
}

/// What every reading of the round shares.
struct Machine {
    cpus: f64,
    memory: Option<f64>,
}

fn two_places(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The samples of one reading; the rates need the reading before it, of the same server
/// process (a counter that went down means the server restarted: no rate this time).
fn to_samples(t: &Target, before: Option<&Reading>, r: &Reading, m: &Machine) -> Vec<Sample> {
    let cluster = Dimension::new("datastore_id", &t.cluster_id);
    let node = Dimension::new("dws_instance_id", node_id(&t.cluster_id));
    let mut out = Vec::new();
    let mut put = |metric: &'static str, dim: &Dimension, v: Option<f64>| {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            out.push(Sample { project_id: t.project_id.clone(), metric, dimension: dim.clone(), ts: r.ts, value: two_places(v) });
        }
    };
    let c = &r.counters;
    let delta = before.and_then(|b| {
        let secs = (r.ts - b.ts) as f64 / 1000.0;
        let d = |now: f64, then: f64| now - then;
        let p = &b.counters;
        let all = [
            d(c.blocks_hit, p.blocks_hit), d(c.blocks_read, p.blocks_read), d(c.read_ms, p.read_ms), d(c.write_ms, p.write_ms),
            d(c.buffers_written, p.buffers_written), d(c.backend_writes, p.backend_writes), d(c.wal_bytes, p.wal_bytes),
            d(c.wal_writes, p.wal_writes), d(c.cpu_seconds, p.cpu_seconds),
        ];
        (secs > 0.0 && all.iter().all(|x| *x >= 0.0)).then_some((secs, all))
    });
    put("dws003_physical_reads", &cluster, Some(c.blocks_read));
    put("dws004_physical_writes", &cluster, Some(c.buffers_written));
    put("dws007_db_size", &cluster, Some(r.db_bytes / MB));
    put("dws008_active_sql_count", &cluster, Some(r.active));
    put("dws009_session_count", &cluster, Some(r.sessions));
    put("dws011_mem_usage", &node, r.memory_bytes.zip(m.memory).map(|(used, all)| used / all * 100.0));
    if let Some(used) = r.disk_bytes.filter(|_| t.disk_gb > 0.0) {
        put("dws015_disk_usage", &node, Some(used / GB / t.disk_gb * 100.0));
        put("dws016_disk_total_size", &node, Some(t.disk_gb));
        put("dws017_disk_used_size", &node, Some(used / GB));
    }
    if let Some((secs, [hit, read, read_ms, write_ms, written, backend, wal_bytes, wal_writes, cpu])) = delta {
        put("dws001_shared_buffer_hit_ratio", &cluster, (hit + read > 0.0).then(|| hit / (hit + read) * 100.0));
        put("dws005_physical_reads_per_second", &cluster, Some(read / secs));
        put("dws006_physical_writes_per_second", &cluster, Some(written / secs));
        put("dws010_cpu_usage", &node, Some((cpu / secs / m.cpus * 100.0).clamp(0.0, 100.0)));
        put("dws012_iops", &node, Some((read + written + wal_writes) / secs));
        put("dws018_disk_read_throughput", &node, Some(read * r.block_size / secs));
        put("dws019_disk_write_throughput", &node, Some((written * r.block_size + wal_bytes) / secs));
        put("dws020_avg_disk_sec_per_read", &node, (read > 0.0).then(|| read_ms / read / 1000.0));
        put("dws021_avg_disk_sec_per_write", &node, (backend > 0.0).then(|| write_ms / backend / 1000.0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::reading::Counters;

    fn target() -> Target {
        let server = crate::plane::server::Server { root: "/x".into(), listen: vec![], port: 8000, admin: "a".into() };
        Target { cluster_id: "c1".into(), project_id: "p".into(), disk_gb: 100.0, server }
    }

    fn reading(ts: i64, counters: Counters) -> Reading {
        Reading {
            ts,
            counters,
            db_bytes: 50.0 * MB,
            sessions: 10.0,
            active: 2.0,
            block_size: 8192.0,
            memory_bytes: Some(64.0 * MB),
            disk_bytes: Some(2.0 * GB),
        }
    }

    fn value(samples: &[Sample], metric: &str) -> Option<f64> {
        samples.iter().find(|s| s.metric == metric).map(|s| s.value)
    }

    #[test]
    fn the_first_reading_gives_levels_and_the_second_rates() {
        let m = Machine { cpus: 2.0, memory: Some(6400.0 * MB) };
        let first = reading(0, Counters { blocks_hit: 900.0, blocks_read: 100.0, cpu_seconds: 5.0, ..Default::default() });
        let s = to_samples(&target(), None, &first, &m);
        assert_eq!(value(&s, "dws009_session_count"), Some(10.0));
        assert_eq!(value(&s, "dws007_db_size"), Some(50.0));
        assert_eq!(value(&s, "dws011_mem_usage"), Some(1.0));
        assert_eq!(value(&s, "dws015_disk_usage"), Some(2.0));
        assert_eq!(value(&s, "dws017_disk_used_size"), Some(2.0));
        assert_eq!(value(&s, "dws005_physical_reads_per_second"), None, "no rate from one reading");
        assert_eq!(value(&s, "dws001_shared_buffer_hit_ratio"), None);
        assert!(s.iter().filter(|x| x.metric < "dws010").all(|x| x.dimension == Dimension::new("datastore_id", "c1")));
        assert!(s.iter().filter(|x| x.metric > "dws010").all(|x| x.dimension == Dimension::new("dws_instance_id", "c1-node-1")));

        let second = reading(60_000, Counters {
            blocks_hit: 1800.0, blocks_read: 200.0, read_ms: 50.0, buffers_written: 60.0, wal_bytes: 60_000.0,
            wal_writes: 60.0, cpu_seconds: 17.0, ..Default::default()
        });
        let s = to_samples(&target(), Some(&first), &second, &m);
        assert_eq!(value(&s, "dws001_shared_buffer_hit_ratio"), Some(90.0));
        assert_eq!(value(&s, "dws005_physical_reads_per_second"), Some(1.67));
        assert_eq!(value(&s, "dws006_physical_writes_per_second"), Some(1.0));
        assert_eq!(value(&s, "dws010_cpu_usage"), Some(10.0), "12 CPU seconds in 60 s on 2 CPUs");
        assert_eq!(value(&s, "dws012_iops"), Some(3.67));
        assert_eq!(value(&s, "dws018_disk_read_throughput"), Some(13653.33));
        assert_eq!(value(&s, "dws019_disk_write_throughput"), Some(9192.0));
        assert_eq!(value(&s, "dws020_avg_disk_sec_per_read"), Some(0.0), "0.5 ms a read");
        assert_eq!(value(&s, "dws021_avg_disk_sec_per_write"), None, "no backend wrote");
        assert_eq!(value(&s, "dws013_bytes_in"), None, "never invented");

        // A restarted server's counters start again: no rates from that pair.
        let restarted = reading(120_000, Counters { cpu_seconds: 0.5, ..Default::default() });
        let s = to_samples(&target(), Some(&second), &restarted, &m);
        assert_eq!(value(&s, "dws010_cpu_usage"), None);
        assert_eq!(value(&s, "dws009_session_count"), Some(10.0));
    }

    #[test]
    fn speed_shortens_the_wait_down_to_a_second() {
        assert_eq!(interval(1.0), Duration::from_secs(60));
        assert_eq!(interval(10.0), Duration::from_secs(6));
        assert_eq!(interval(100_000.0), Duration::from_secs(1));
        assert_eq!(interval(0.5), Duration::from_secs(60));
    }
}
