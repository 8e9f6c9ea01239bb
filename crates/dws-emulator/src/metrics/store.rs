//! The metrics' own SQLite file (`metrics.db` beside `data.db`): each sample as it was read, and
//! its running aggregates for every Cloud Eye period, kept for as long as Cloud Eye keeps each.
//!
//! A file of its own, with its own connection: samples come every minute for every cluster, and
//! writing them must never wait on (or hold up) a change to the clusters' state. Aggregates are
//! kept as count, sum, sum of squares, minimum and maximum per period and bucket, updated as each
//! sample is written, so any statistic of any period is one indexed range read.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use dws_contract::ces::query::{ListQuery, Order, SeriesKey};
use dws_contract::ces::wire::Dimension;
use dws_contract::ces::{Filter, NAMESPACE, Period};
use rusqlite::{Connection, OptionalExtension, params};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS series (
    id INTEGER PRIMARY KEY,
    project_id TEXT NOT NULL,
    metric TEXT NOT NULL,
    dim_name TEXT NOT NULL,
    dim_value TEXT NOT NULL,
    UNIQUE (project_id, metric, dim_name, dim_value)
);
CREATE TABLE IF NOT EXISTS raw (
    series INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (series, ts)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rollup (
    series INTEGER NOT NULL,
    period INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    n INTEGER NOT NULL,
    sum REAL NOT NULL,
    sumsq REAL NOT NULL,
    min REAL NOT NULL,
    max REAL NOT NULL,
    PRIMARY KEY (series, period, bucket)
) WITHOUT ROWID;
";

/// The schema this build writes; a newer file is refused rather than misread.
const SCHEMA_VERSION: i64 = 1;

/// One reading of one series.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The project the resource belongs to.
    pub project_id: String,
    /// The metric id.
    pub metric: &'static str,
    /// The resource.
    pub dimension: Dimension,
    /// When it was read (ms since the epoch).
    pub ts: i64,
    /// The value.
    pub value: f64,
}

/// A period's figures for one bucket, or one raw sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aggregate {
    /// The bucket's start (the sample's time, for raw data).
    pub ts: i64,
    /// How many samples.
    pub n: i64,
    /// Their sum.
    pub sum: f64,
    /// The sum of their squares.
    pub sumsq: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
}

impl Aggregate {
    /// The statistic a query asks for. Raw data has one sample per point, so every statistic
    /// but the variance is the sample itself ("filter does not affect raw data").
    pub fn statistic(&self, filter: Filter, period: Period) -> f64 {
        let n = self.n.max(1) as f64;
        let mean = self.sum / n;
        match (period, filter) {
            (Period::Raw, _) => self.sum,
            (_, Filter::Average) => mean,
            (_, Filter::Max) => self.max,
            (_, Filter::Min) => self.min,
            (_, Filter::Sum) => self.sum,
            (_, Filter::Variance) => (self.sumsq / n - mean * mean).max(0.0),
        }
    }
}

/// Why the metrics file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MetricsOpenError {
    /// SQLite refused.
    #[error("cannot open the metrics database {path}: {source}")]
    Sqlite {
        /// The file.
        path: String,
        /// The cause.
        source: rusqlite::Error,
    },
    /// Written by a newer emulator.
    #[error("the metrics database {path} was written by a newer dws-emulator (schema {found}); upgrade, or start with another --data folder")]
    Newer {
        /// The file.
        path: String,
        /// Its schema.
        found: i64,
    },
}

/// The metrics database.
pub struct MetricsStore {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl MetricsStore {
    /// Opens (creating if needed) `metrics.db` in `dir`.
    pub fn open(dir: &Path) -> Result<MetricsStore, MetricsOpenError> {
        let file = dir.join("metrics.db");
        let path = file.display().to_string();
        let sql = |source| MetricsOpenError::Sqlite { path: path.clone(), source };
        let _ = std::fs::create_dir_all(dir);
        let conn = Connection::open(&file).map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(sql)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql)?;
        if found > SCHEMA_VERSION {
            return Err(MetricsOpenError::Newer { path, found });
        }
        // Samples are written once a minute per cluster: a full sync each time costs nothing
        // worth saving, and a sample acknowledged is a sample kept.
        conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)).map_err(sql)?;
        conn.execute_batch("PRAGMA synchronous=FULL;").map_err(sql)?;
        conn.execute_batch(SCHEMA).map_err(sql)?;
        conn.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}")).map_err(sql)?;
        Ok(MetricsStore { conn: Mutex::new(conn), path: file })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes samples and updates every period's aggregates, in one transaction. A sample at a
    /// time a series already has is a repeat and changes nothing.
    pub fn record(&self, samples: &[Sample]) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        {
            let mut series = tx.prepare_cached(
                "INSERT INTO series (project_id, metric, dim_name, dim_value) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO UPDATE SET project_id = excluded.project_id RETURNING id",
            )?;
            let mut raw = tx.prepare_cached("INSERT OR IGNORE INTO raw (series, ts, value) VALUES (?1, ?2, ?3)")?;
            let mut rollup = tx.prepare_cached(
                "INSERT INTO rollup (series, period, bucket, n, sum, sumsq, min, max) VALUES (?1, ?2, ?3, 1, ?4, ?4 * ?4, ?4, ?4)
                 ON CONFLICT DO UPDATE SET n = n + 1, sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq,
                   min = min(min, excluded.min), max = max(max, excluded.max)",
            )?;
            for s in samples {
                let id: i64 = series.query_row(
                    params![s.project_id, s.metric, s.dimension.name, s.dimension.value],
                    |r| r.get(0),
                )?;
                if raw.execute(params![id, s.ts, s.value])? == 0 {
                    continue;
                }
                for p in Period::ALL.into_iter().filter(|p| *p != Period::Raw) {
                    rollup.execute(params![id, p.seconds(), p.align_down(s.ts), s.value])?;
                }
            }
        }
        tx.commit()
    }

    /// Drops what Cloud Eye would no longer hold at `now`, and series left with nothing.
    pub fn prune(&self, now: i64) -> rusqlite::Result<usize> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut gone = tx.execute("DELETE FROM raw WHERE ts < ?1", [now - Period::Raw.retention_ms()])?;
        for p in Period::ALL.into_iter().filter(|p| *p != Period::Raw) {
            gone += tx.execute("DELETE FROM rollup WHERE period = ?1 AND bucket < ?2", params![p.seconds(), now - p.retention_ms()])?;
        }
        tx.execute(
            "DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM raw WHERE raw.series = series.id)
               AND NOT EXISTS (SELECT 1 FROM rollup WHERE rollup.series = series.id)",
            [],
        )?;
        tx.commit()?;
        Ok(gone)
    }

    /// The series of a project a metric list asks for, in its order, and how many match in all.
    pub fn list(&self, project_id: &str, q: &ListQuery) -> rusqlite::Result<(Vec<SeriesKey>, u32)> {
        let conn = self.conn();
        if q.namespace.as_deref().is_some_and(|n| n != NAMESPACE) {
            return Ok((Vec::new(), 0));
        }
        let mut stmt = conn.prepare_cached(
            "SELECT metric, dim_name, dim_value FROM series WHERE project_id = ?1 AND (?2 IS NULL OR metric = ?2)
             ORDER BY metric, dim_name, dim_value",
        )?;
        let mut keys: Vec<SeriesKey> = stmt
            .query_map(params![project_id, q.metric_name], |r| {
                Ok(SeriesKey {
                    namespace: NAMESPACE.to_owned(),
                    metric_name: r.get(0)?,
                    dimension: Dimension::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                })
            })?
            .collect::<Result<_, _>>()?;
        // A series has one dimension: it matches when every dimension asked for is that one.
        keys.retain(|k| q.dimensions.iter().all(|d| *d == k.dimension));
        if q.order == Order::Desc {
            keys.reverse();
        }
        let total = u32::try_from(keys.len()).unwrap_or(u32::MAX);
        let skip = match &q.start {
            Some(start) => keys.iter().position(|k| k == start).map_or_else(
                // A start that is not a series: resume where it would sort.
                || keys.iter().take_while(|k| if q.order == Order::Asc { *k <= start } else { *k >= start }).count(),
                |i| i + 1,
            ),
            None => 0,
        };
        Ok((keys.into_iter().skip(skip).take(q.limit as usize).collect(), total))
    }

    /// The points of one series from `from` up to (not including) `to`: raw samples, or the
    /// buckets of `period` that have ended by `now` (a bucket still filling is not a figure yet).
    /// `None` when the project has no such series.
    pub fn points(
        &self,
        project_id: &str,
        metric: &str,
        dimension: &Dimension,
        from: i64,
        to: i64,
        period: Period,
        now: i64,
    ) -> rusqlite::Result<Option<Vec<Aggregate>>> {
        let conn = self.conn();
        let id: Option<i64> = conn
            .prepare_cached("SELECT id FROM series WHERE project_id = ?1 AND metric = ?2 AND dim_name = ?3 AND dim_value = ?4")?
            .query_row(params![project_id, metric, dimension.name, dimension.value], |r| r.get(0))
            .optional()?;
        let Some(id) = id else { return Ok(None) };
        let rows = if period == Period::Raw {
            let mut stmt = conn.prepare_cached("SELECT ts, value FROM raw WHERE series = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts")?;
            stmt.query_map(params![id, from, to], |r| {
                let v: f64 = r.get(1)?;
                Ok(Aggregate { ts: r.get(0)?, n: 1, sum: v, sumsq: v * v, min: v, max: v })
            })?
            .collect::<Result<Vec<_>, _>>()?
        } else {
            let len = period.interval_ms();
            let mut stmt = conn.prepare_cached(
                "SELECT bucket, n, sum, sumsq, min, max FROM rollup
                 WHERE series = ?1 AND period = ?2 AND bucket >= ?3 AND bucket < ?4 AND bucket + ?5 <= ?6 ORDER BY bucket",
            )?;
            stmt.query_map(params![id, period.seconds(), period.align_down(from), to, len, now], |r| {
                Ok(Aggregate { ts: r.get(0)?, n: r.get(1)?, sum: r.get(2)?, sumsq: r.get(3)?, min: r.get(4)?, max: r.get(5)? })
            })?
            .collect::<Result<Vec<_>, _>>()?
        };
        Ok(Some(rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;
    /// 2026-11-30 00:00:00 UTC, on every period's boundary.
    const T0: i64 = 1_764_460_800_000;

    fn store(name: &str) -> (MetricsStore, PathBuf) {
        let dir = std::env::temp_dir().join(format!("dws-emu-metrics-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        (MetricsStore::open(&dir).unwrap(), dir)
    }

    fn sample(metric: &'static str, value: &str, ts: i64, v: f64) -> Sample {
        Sample { project_id: "p".into(), metric, dimension: Dimension::new("datastore_id", value), ts, value: v }
    }

    #[test]
    fn buckets_aggregate_every_statistic_and_only_finished_ones_show() {
        let (s, dir) = store("agg");
        let values = [1.0, 4.0, 2.0, 5.0, 3.0, 10.0];
        let samples: Vec<Sample> =
            values.iter().enumerate().map(|(i, v)| sample("dws009_session_count", "c1", T0 + i as i64 * MIN, *v)).collect();
        s.record(&samples).unwrap();
        // Written twice (a retry): nothing counts twice.
        s.record(&samples).unwrap();
        let d = Dimension::new("datastore_id", "c1");
        let now = T0 + 10 * MIN;
        let five = s.points("p", "dws009_session_count", &d, T0, now, Period::FiveMinutes, now).unwrap().unwrap();
        assert_eq!(five.len(), 2);
        let first = five[0];
        assert_eq!((first.ts, first.n), (T0, 5));
        assert_eq!(first.statistic(Filter::Average, Period::FiveMinutes), 3.0);
        assert_eq!(first.statistic(Filter::Max, Period::FiveMinutes), 5.0);
        assert_eq!(first.statistic(Filter::Min, Period::FiveMinutes), 1.0);
        assert_eq!(first.statistic(Filter::Sum, Period::FiveMinutes), 15.0);
        assert!((first.statistic(Filter::Variance, Period::FiveMinutes) - 2.0).abs() < 1e-9);
        assert_eq!(five[1].statistic(Filter::Average, Period::FiveMinutes), 10.0);
        // At 00:07 the second bucket (00:05–00:10) is still filling.
        let early = s.points("p", "dws009_session_count", &d, T0, now, Period::FiveMinutes, T0 + 7 * MIN).unwrap().unwrap();
        assert_eq!(early.len(), 1);
        // `from` inside a bucket starts at its beginning.
        let mid = s.points("p", "dws009_session_count", &d, T0 + 2 * MIN, now, Period::FiveMinutes, now).unwrap().unwrap();
        assert_eq!(mid[0].ts, T0);
        // Up to, not including, `to`, as the periods are.
        let raw = s.points("p", "dws009_session_count", &d, T0 + MIN, T0 + 4 * MIN, Period::Raw, now).unwrap().unwrap();
        assert_eq!(raw.iter().map(|a| a.statistic(Filter::Max, Period::Raw)).collect::<Vec<_>>(), [4.0, 2.0, 5.0]);
        assert_eq!(s.points("p", "dws009_session_count", &Dimension::new("datastore_id", "nope"), T0, now, Period::Raw, now).unwrap(), None);
        assert_eq!(s.points("other", "dws009_session_count", &d, T0, now, Period::Raw, now).unwrap(), None, "another project's");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn retention_drops_old_data_period_by_period() {
        let (s, dir) = store("prune");
        s.record(&[sample("dws007_db_size", "c1", T0, 7.0)]).unwrap();
        let d = Dimension::new("datastore_id", "c1");
        let day = 86_400_000;
        let at = |now: i64, p: Period| s.points("p", "dws007_db_size", &d, T0 - day, now, p, now).unwrap().map(|v| v.len());
        s.prune(T0 + 3 * day).unwrap();
        assert_eq!(at(T0 + 3 * day, Period::Raw), Some(0), "raw data goes after 2 days");
        assert_eq!(at(T0 + 3 * day, Period::FiveMinutes), Some(1));
        s.prune(T0 + 11 * day).unwrap();
        assert_eq!(at(T0 + 11 * day, Period::FiveMinutes), Some(0), "5-minute data after 10");
        assert_eq!(at(T0 + 11 * day, Period::Hour), Some(1));
        s.prune(T0 + 6 * 365 * day).unwrap();
        assert_eq!(at(T0 + 6 * 365 * day, Period::Day), None, "after 5 years nothing is left, not even the series");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_list_pages_in_order_from_a_marker() {
        let (s, dir) = store("list");
        let samples: Vec<Sample> = ["c1", "c2", "c3"]
            .iter()
            .flat_map(|c| [sample("dws009_session_count", c, T0, 1.0), sample("dws007_db_size", c, T0, 1.0)])
            .collect();
        s.record(&samples).unwrap();
        let q = |params: &str| {
            let p: Vec<(String, String)> = params.split('&').filter(|x| !x.is_empty())
                .map(|kv| { let (k, v) = kv.split_once('=').unwrap(); (k.into(), v.into()) }).collect();
            s.list("p", &ListQuery::parse(&p).unwrap()).unwrap()
        };
        let (all, total) = q("order=asc");
        assert_eq!(total, 6);
        assert_eq!(all[0].marker(), "SYS.DWS.dws007_db_size.datastore_id:c1");
        let (page, _) = q("order=asc&limit=2&start=SYS.DWS.dws007_db_size.datastore_id:c2");
        assert_eq!(page.iter().map(SeriesKey::marker).collect::<Vec<_>>(), [
            "SYS.DWS.dws007_db_size.datastore_id:c3",
            "SYS.DWS.dws009_session_count.datastore_id:c1",
        ]);
        let (desc, _) = q("limit=1");
        assert_eq!(desc[0].marker(), "SYS.DWS.dws009_session_count.datastore_id:c3", "desc by default");
        let (one, total) = q("metric_name=dws009_session_count&dim.0=datastore_id,c2");
        assert_eq!((one.len(), total), (1, 1));
        assert_eq!(q("namespace=SYS.ECS").1, 0);
        assert_eq!(s.list("other", &ListQuery::parse(&[]).unwrap()).unwrap().1, 0);
        let _ = std::fs::remove_dir_all(dir);
    }
}
