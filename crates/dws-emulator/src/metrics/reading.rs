//! What a cluster's server says about itself, read the way a monitoring agent on the node would:
//! the database's own counters over SQL, the processes' CPU time and memory from `/proc`, and
//! the data directory's size on disk.
//!
//! Counters that only grow (blocks read, buffers written, CPU time) become per-second figures
//! from the difference between two readings, so the first reading of a server gives none: the
//! sampler keeps the previous one. What cannot be read for one server on a shared machine is
//! not reported at all (docs/CLOUD-EYE.md lists it): network bytes (Linux counts them per
//! interface, and every cluster shares the loopback), the disk's queue length, and the sort
//! ratio (PostgreSQL counts sorts that spill to disk, not those that do not).

use std::collections::HashMap;
use std::path::Path;

use tokio_postgres::NoTls;

use crate::plane::server::Server;

/// One query for every database figure, so a reading is one round trip. The sampler's own
/// connection is not counted as a session.
const SQL: &str = "
SELECT
  (SELECT coalesce(sum(blks_hit), 0) FROM pg_stat_database)::float8,
  (SELECT coalesce(sum(blks_read), 0) FROM pg_stat_database)::float8,
  (SELECT coalesce(sum(blk_read_time), 0) FROM pg_stat_database)::float8,
  (SELECT coalesce(sum(blk_write_time), 0) FROM pg_stat_database)::float8,
  (SELECT buffers_checkpoint + buffers_clean + buffers_backend FROM pg_stat_bgwriter)::float8,
  (SELECT buffers_backend FROM pg_stat_bgwriter)::float8,
  (SELECT wal_bytes FROM pg_stat_wal)::float8,
  (SELECT wal_write FROM pg_stat_wal)::float8,
  (SELECT coalesce(sum(pg_database_size(oid)), 0) FROM pg_database WHERE datallowconn)::float8,
  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())::float8,
  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid())::float8,
  current_setting('block_size')::float8
";

/// Clock ticks per second of `/proc/PID/stat`'s times: Linux's `USER_HZ`, 100 on every
/// architecture it exposes to user space this way.
const TICKS_PER_SECOND: f64 = 100.0;

/// The counters of one reading; rates come from two of them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Counters {
    /// Blocks found in shared buffers.
    pub blocks_hit: f64,
    /// Blocks read from files.
    pub blocks_read: f64,
    /// Time spent reading blocks, ms (`track_io_timing`).
    pub read_ms: f64,
    /// Time backends spent writing blocks, ms.
    pub write_ms: f64,
    /// Buffers written by the checkpointer, the background writer and backends.
    pub buffers_written: f64,
    /// Of those, by backends (the writes `write_ms` times).
    pub backend_writes: f64,
    /// WAL bytes written.
    pub wal_bytes: f64,
    /// WAL writes.
    pub wal_writes: f64,
    /// CPU seconds of the server's processes, living and exited.
    pub cpu_seconds: f64,
}

/// One reading of a server.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// When (ms since the epoch, the emulator's clock).
    pub ts: i64,
    /// The counters.
    pub counters: Counters,
    /// Bytes of every database.
    pub db_bytes: f64,
    /// Sessions of clients.
    pub sessions: f64,
    /// Of those, running a statement.
    pub active: f64,
    /// The database's block size.
    pub block_size: f64,
    /// Memory of the server's processes (PSS), bytes, if `/proc` could be read.
    pub memory_bytes: Option<f64>,
    /// The data directory's size on disk, bytes.
    pub disk_bytes: Option<f64>,
}

/// Why a server could not be read (it is starting, stopping, or gone).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ReadError(String);

/// The processes of the machine by parent, read once per round.
pub struct Processes {
    children: HashMap<u32, Vec<u32>>,
}

impl Processes {
    /// Reads `/proc`.
    pub fn scan() -> Processes {
        let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            if let Some(ppid) = stat_fields(pid).and_then(|f| f.get(1).and_then(|p| p.parse::<u32>().ok())) {
                children.entry(ppid).or_default().push(pid);
            }
        }
        Processes { children }
    }

    fn of(&self, pid: u32) -> &[u32] {
        self.children.get(&pid).map(Vec::as_slice).unwrap_or_default()
    }
}

/// The fields of `/proc/PID/stat` after the command name (which may hold spaces): the state is
/// field 0, the parent 1, utime 11, stime 12, cutime 13, cstime 14.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &text[text.rfind(')')? + 1..];
    Some(after.split_whitespace().map(str::to_owned).collect())
}

fn ticks(fields: &[String], at: &[usize]) -> f64 {
    at.iter().filter_map(|i| fields.get(*i).and_then(|t| t.parse::<f64>().ok())).sum()
}

/// CPU seconds of a postmaster and its children. The postmaster waits for every child it
/// started, so its "children's" times hold those that have exited: nothing run between two
/// readings is missed.
fn cpu_seconds(postmaster: u32, procs: &Processes) -> Option<f64> {
    let own = stat_fields(postmaster)?;
    let mut total = ticks(&own, &[11, 12, 13, 14]);
    for child in procs.of(postmaster) {
        if let Some(f) = stat_fields(*child) {
            total += ticks(&f, &[11, 12]);
        }
    }
    Some(total / TICKS_PER_SECOND)
}

/// Memory of a postmaster and its children: PSS, so shared buffers count once.
fn memory_bytes(postmaster: u32, procs: &Processes) -> Option<f64> {
    let pss = |pid: u32| -> Option<f64> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
        let line = text.lines().find(|l| l.starts_with("Pss:"))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok().map(|kb| kb * 1024.0)
    };
    let mut total = pss(postmaster)?;
    total += procs.of(postmaster).iter().filter_map(|c| pss(*c)).sum::<f64>();
    Some(total)
}

/// Bytes a folder takes on disk (allocated blocks, not file lengths).
pub fn disk_bytes(dir: &Path) -> Option<f64> {
    use std::os::unix::fs::MetadataExt;
    let mut total = 0u64;
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).ok()?.flatten() {
            let Ok(m) = entry.metadata() else { continue };
            if m.is_dir() {
                stack.push(entry.path());
            } else {
                total += m.blocks() * 512;
            }
        }
    }
    Some(total as f64)
}

/// The machine's memory, bytes.
pub fn machine_memory() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    line.split_whitespace().nth(1)?.parse::<f64>().ok().map(|kb| kb * 1024.0)
}

/// Reads a running server.
pub async fn read(server: &Server, postmaster: u32, procs: &Processes, ts: i64) -> Result<Reading, ReadError> {
    let (client, connection) = server
        .local_config("postgres")
        .application_name("dws-emulator metrics")
        .connect(NoTls)
        .await
        .map_err(|e| ReadError(e.to_string()))?;
    let driver = tokio::spawn(connection);
    let row = client.query_one(SQL, &[]).await.map_err(|e| ReadError(e.to_string()));
    drop(client);
    let _ = driver.await;
    let row = row?;
    let f = |i: usize| row.try_get::<_, f64>(i).unwrap_or(0.0);
    let counters = Counters {
        blocks_hit: f(0),
        blocks_read: f(1),
        read_ms: f(2),
        write_ms: f(3),
        buffers_written: f(4),
        backend_writes: f(5),
        wal_bytes: f(6),
        wal_writes: f(7),
        cpu_seconds: cpu_seconds(postmaster, procs).unwrap_or(0.0),
    };
    Ok(Reading {
        ts,
        counters,
        db_bytes: f(8),
        sessions: f(9),
        active: f(10),
        block_size: f(11),
        memory_bytes: memory_bytes(postmaster, procs),
        disk_bytes: disk_bytes(&server.data()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_found_with_its_cpu_and_memory() {
        let me = std::process::id();
        let procs = Processes::scan();
        let parent = stat_fields(me).unwrap()[1].parse::<u32>().unwrap();
        assert!(procs.of(parent).contains(&me));
        // Burn a little CPU so the figure is not zero.
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_add(i * i);
        }
        assert!(x > 0);
        assert!(cpu_seconds(me, &procs).unwrap() > 0.0);
        assert!(memory_bytes(me, &procs).unwrap() > 1_000_000.0);
        assert!(machine_memory().unwrap() > memory_bytes(me, &procs).unwrap());
    }

    #[test]
    fn a_folder_s_size_is_what_its_files_take() {
        let dir = std::env::temp_dir().join(format!("dws-emu-disk-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a"), vec![1u8; 200_000]).unwrap();
        let size = disk_bytes(&dir).unwrap();
        assert!((200_000.0..400_000.0).contains(&size), "{size}");
        assert_eq!(disk_bytes(&dir.join("missing")), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
