//! `cargo xtask bench metrics`: Cloud Eye's batch query against the emulator with a week of
//! history for 20 clusters. One cluster's nine cluster metrics over 7 days at period 300 (what a
//! Monitoring-style view of a week asks; the range rule cuts it to 3,000 points), and all 20
//! clusters' nine metrics in one batch (180 series). Sequential requests on fresh connections,
//! as a browser polling one chart page makes them; p50, p99 and the slowest.

use std::time::Instant;

use crate::http;
use crate::project::{Project, step};
use crate::scratch::Scratch;
use crate::service::{DEMO_PROJECT, Service, sign_in};

const CLUSTERS: usize = 20;
const DAYS: i64 = 7;
const METRICS: [&str; 9] = [
    "dws001_shared_buffer_hit_ratio",
    "dws002_in_memory_sort_ratio",
    "dws003_physical_reads",
    "dws004_physical_writes",
    "dws005_physical_reads_per_second",
    "dws006_physical_writes_per_second",
    "dws007_db_size",
    "dws008_active_sql_count",
    "dws009_session_count",
];

fn body(clusters: &[usize], end: i64) -> String {
    let series: Vec<String> = clusters
        .iter()
        .flat_map(|c| {
            METRICS.iter().map(move |m| {
                format!(r#"{{"namespace":"SYS.DWS","metric_name":"{m}","dimensions":[{{"name":"datastore_id","value":"bench-cluster-{c}"}}]}}"#)
            })
        })
        .collect();
    format!(r#"{{"metrics":[{}],"from":{},"to":{end},"period":"300","filter":"average"}}"#, series.join(","), end - DAYS * 86_400_000)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

/// Sends `count` requests (after a few unmeasured ones), each body from `make`, and returns the
/// latencies in ms, sorted, and the points of the last answer.
fn measure(addr: &str, token: &str, count: usize, make: impl Fn(usize) -> String) -> Result<(Vec<f64>, usize), String> {
    let path = format!("/V1.0/{DEMO_PROJECT}/batch-query-metric-data");
    let headers = [("X-Auth-Token", token), ("Content-Type", "application/json")];
    let mut times = Vec::with_capacity(count);
    let mut points = 0;
    for i in 0..count + 10 {
        let body = make(i);
        let started = Instant::now();
        let a = http::request(addr, "POST", &path, &headers, &body)?;
        let took = started.elapsed().as_secs_f64() * 1000.0;
        if a.status != 200 {
            return Err(format!("the batch query answered {}: {}", a.status, a.body));
        }
        points = a.body.matches("\"timestamp\"").count();
        if i >= 10 {
            times.push(took);
        }
    }
    times.sort_by(f64::total_cmp);
    Ok((times, points))
}

pub fn run_bench(project: &Project) -> Result<(), String> {
    step("Building the emulator and the history seeder (release)");
    let mut c = project.release_build(&["dws-emulator"])?;
    c.args(["--bin", "dws-emulator", "--example", "seed_metrics"]);
    project.run(c)?;
    let data = Scratch::new(project.target_dir().join("bench-metrics-data"))?;
    let end = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| e.to_string())?.as_millis() as i64;
    step(&format!("Seeding {DAYS} days of {} metrics for {CLUSTERS} clusters", METRICS.len()));
    let seeded = Instant::now();
    let mut seed = project.command(project.target_dir().join("release/examples/seed_metrics").to_str().unwrap_or("seed_metrics"));
    seed.arg(&*data).args([CLUSTERS.to_string(), DAYS.to_string(), end.to_string()]);
    project.run(seed)?;
    println!("  seeded in {:.1} s", seeded.elapsed().as_secs_f64());
    let emu = Service::start(
        project,
        "release",
        "dws-emulator",
        &["--listen", "127.0.0.1:0", "--data", &data.to_string_lossy(), "--data-plane", "none"],
        false,
    )?;
    let token = sign_in(&emu.addr)?;

    step("One cluster's 9 metrics × 7 days at period 300, 500 sequential requests");
    let (one, one_points) = measure(&emu.addr, &token, 500, |i| body(&[i % CLUSTERS], end))?;
    step("All 20 clusters' 9 metrics (180 series) × 7 days at period 300, 200 sequential requests");
    let (all, all_points) = measure(&emu.addr, &token, 200, |_| body(&(0..CLUSTERS).collect::<Vec<_>>(), end))?;
    for (what, t, points) in [("1 cluster × 9 metrics", &one, one_points), ("20 clusters × 9 metrics", &all, all_points)] {
        println!(
            "Result: batch query, {what}, 7 days at 300 s ({points} points answered): p50 {:.2} ms, p99 {:.2} ms, slowest {:.2} ms ({} requests)",
            percentile(t, 0.5),
            percentile(t, 0.99),
            t.last().copied().unwrap_or(f64::NAN),
            t.len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_rank_above() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 50.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&[3.0], 0.99), 3.0);
    }

    #[test]
    fn bodies_ask_for_nine_metrics_per_cluster() {
        let b = body(&[0, 1], 1_000_000_000_000);
        assert_eq!(b.matches("metric_name").count(), 18);
        assert!(b.contains(r#""from":999395200000"#), "{b}");
    }
}
