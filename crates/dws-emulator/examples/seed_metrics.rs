//! Writes a history of cluster metrics into an emulator's data folder, for `cargo xtask bench
//! metrics`: for each of N clusters (ids `bench-cluster-0`…) the nine cluster metrics, one sample
//! every five minutes (the finest a 300 s query reads) for D days up to a time. The values are
//! a benchmark's, not a server's: a smooth daily wave with some noise.
//!
//! Usage: seed_metrics DATA_DIR CLUSTERS DAYS END_MS

use dws_contract::ces::catalog::DWS_METRICS;
use dws_contract::ces::wire::Dimension;
use dws_emulator::metrics::{MetricsStore, Sample};

const PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const STEP_MS: i64 = 300_000;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, clusters, days, end] = args.as_slice() else {
        return Err("usage: seed_metrics DATA_DIR CLUSTERS DAYS END_MS".into());
    };
    let number = |s: &str| s.parse::<i64>().map_err(|e| format!("{s}: {e}"));
    let (clusters, days, end) = (number(clusters)?, number(days)?, number(end)?);
    let store = MetricsStore::open(std::path::Path::new(dir)).map_err(|e| e.to_string())?;
    let metrics: Vec<&str> = DWS_METRICS.iter().filter(|m| m.object == dws_contract::ces::Object::Cluster).map(|m| m.id).collect();
    let start = end - days * 86_400_000;
    let mut noise: u64 = 0x9E37_79B9_7F4A_7C15;
    for c in 0..clusters {
        let dimension = Dimension::new("datastore_id", format!("bench-cluster-{c}"));
        let mut samples = Vec::new();
        let mut ts = start;
        while ts < end {
            let day = (ts % 86_400_000) as f64 / 86_400_000.0 * std::f64::consts::TAU;
            for m in &metrics {
                noise ^= noise << 13;
                noise ^= noise >> 7;
                noise ^= noise << 17;
                let value = 50.0 + 40.0 * day.sin() + (noise % 1000) as f64 / 100.0;
                samples.push(Sample { project_id: PROJECT.into(), metric: *m, dimension: dimension.clone(), ts, value: value.round() });
            }
            ts += STEP_MS;
        }
        store.record(&samples).map_err(|e| e.to_string())?;
    }
    println!("seeded {clusters} clusters × {} metrics × {days} days", metrics.len());
    Ok(())
}
