//! State: served from memory, written through to SQLite before a change is acknowledged.
//!
//! Readers take a read lock on the in-memory state. A writer takes the write lock, works on a
//! [`Txn`] (which records its changes without touching the state), commits the changes to SQLite
//! (WAL, `synchronous=FULL`), and only then applies them to memory. So an answer is never sent for
//! a change that is not on disk, and a failed commit changes nothing.

mod schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use rusqlite::{Connection, params};

pub use schema::{OpenError, SCHEMA_VERSION};

use crate::auth::token::TokenRecord;
use crate::error::ApiError;
use crate::model::{Cluster, Event, Job, Snapshot};

/// Everything the emulator knows.
#[derive(Debug, Default)]
pub struct State {
    /// Clusters by id.
    pub clusters: HashMap<String, Cluster>,
    /// Snapshots by id.
    pub snapshots: HashMap<String, Snapshot>,
    /// Tokens by the hash of the token.
    pub tokens: HashMap<String, TokenRecord>,
    /// Jobs by id.
    pub jobs: HashMap<String, Job>,
    /// Events by project, oldest first.
    pub events: HashMap<String, Vec<Event>>,
    /// The earliest time something is due (a task's end, a copy's, an automated snapshot, an
    /// automated snapshot's expiry), if anything is.
    pub next_due_ms: Option<i64>,
}

impl State {
    fn recompute_due(&mut self) {
        // A task whose server work is still under way is not due, whatever the time.
        let tasks = self.clusters.values().filter(|c| c.pending_work().is_none()).filter_map(|c| c.task.as_ref().map(|t| t.ends_ms));
        let copies = self.snapshots.values().filter(|s| s.work.is_none()).filter_map(|s| s.ends_ms);
        // An automated snapshot is due only of a cluster that can take one now; a busy one's
        // is looked at again when its task ends (which is due itself).
        let fires = self
            .clusters
            .values()
            .filter(|c| c.status.is_available() && c.task.is_none())
            .filter_map(|c| c.policies.next_fire().map(|(_, t)| t));
        let expiries = self.snapshots.values().filter(|s| s.is_automated()).filter_map(|s| {
            let keep = self.clusters.get(&s.cluster_id)?.policies.keep_day;
            Some(s.started_ms + i64::from(keep) * crate::model::policy::DAY_MS)
        });
        self.next_due_ms = tasks.chain(copies).chain(fires).chain(expiries).min();
    }

    /// A project's events, newest first.
    pub fn events_of(&self, project_id: &str) -> impl Iterator<Item = &Event> {
        self.events.get(project_id).into_iter().flat_map(|v| v.iter().rev())
    }

    fn add_event(&mut self, mut e: Event) {
        e.render();
        let list = self.events.entry(e.project_id.clone()).or_default();
        // Nearly always at the end: events are recorded as they happen.
        let at = list.partition_point(|x| x.occur_ms <= e.occur_ms);
        list.insert(at, e);
    }

    fn remove_event(&mut self, project_id: &str, id: &str) {
        if let Some(list) = self.events.get_mut(project_id) {
            list.retain(|e| e.id != id);
        }
    }
}

/// Pending changes of a transaction: `None` deletes.
#[derive(Debug, Default)]
struct Changes {
    clusters: HashMap<String, Option<Cluster>>,
    snapshots: HashMap<String, Option<Snapshot>>,
    tokens: HashMap<String, Option<TokenRecord>>,
    jobs: HashMap<String, Option<Job>>,
    new_events: Vec<Event>,
    /// Events to forget, by project and id.
    old_events: Vec<(String, String)>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.clusters.is_empty()
            && self.snapshots.is_empty()
            && self.tokens.is_empty()
            && self.jobs.is_empty()
            && self.new_events.is_empty()
            && self.old_events.is_empty()
    }
}

/// A write in progress: reads see the state with this transaction's own changes applied.
pub struct Txn<'a> {
    state: &'a State,
    changes: Changes,
}

impl Txn<'_> {
    /// A cluster, as this transaction sees it.
    pub fn cluster(&self, id: &str) -> Option<Cluster> {
        match self.changes.clusters.get(id) {
            Some(pending) => pending.clone(),
            None => self.state.clusters.get(id).cloned(),
        }
    }

    /// Every cluster, as this transaction sees them.
    pub fn clusters(&self) -> Vec<Cluster> {
        let mut out: Vec<Cluster> = self
            .state
            .clusters
            .values()
            .filter(|c| !self.changes.clusters.contains_key(&c.id))
            .cloned()
            .collect();
        out.extend(self.changes.clusters.values().flatten().cloned());
        out
    }

    /// Stores a cluster.
    pub fn put_cluster(&mut self, c: Cluster) {
        self.changes.clusters.insert(c.id.clone(), Some(c));
    }

    /// Removes a cluster.
    pub fn delete_cluster(&mut self, id: &str) {
        self.changes.clusters.insert(id.to_owned(), None);
    }

    /// A snapshot, as this transaction sees it.
    pub fn snapshot(&self, id: &str) -> Option<Snapshot> {
        match self.changes.snapshots.get(id) {
            Some(pending) => pending.clone(),
            None => self.state.snapshots.get(id).cloned(),
        }
    }

    /// Every snapshot, as this transaction sees them.
    pub fn snapshots(&self) -> Vec<Snapshot> {
        let mut out: Vec<Snapshot> = self
            .state
            .snapshots
            .values()
            .filter(|s| !self.changes.snapshots.contains_key(&s.id))
            .cloned()
            .collect();
        out.extend(self.changes.snapshots.values().flatten().cloned());
        out
    }

    /// Stores a snapshot.
    pub fn put_snapshot(&mut self, s: Snapshot) {
        self.changes.snapshots.insert(s.id.clone(), Some(s));
    }

    /// Removes a snapshot.
    pub fn delete_snapshot(&mut self, id: &str) {
        self.changes.snapshots.insert(id.to_owned(), None);
    }

    /// Stores a token record under the token's hash.
    pub fn put_token(&mut self, hash: String, t: TokenRecord) {
        self.changes.tokens.insert(hash, Some(t));
    }

    /// A job, as this transaction sees it.
    pub fn job(&self, id: &str) -> Option<Job> {
        match self.changes.jobs.get(id) {
            Some(pending) => pending.clone(),
            None => self.state.jobs.get(id).cloned(),
        }
    }

    /// Stores a job.
    pub fn put_job(&mut self, j: Job) {
        self.changes.jobs.insert(j.id.clone(), Some(j));
    }

    /// Records an event.
    pub fn add_event(&mut self, e: Event) {
        self.changes.new_events.push(e);
    }

    /// Forgets the events that happened before `before_ms`, and every project's beyond its
    /// newest `keep`.
    pub fn prune_events(&mut self, before_ms: i64, keep: usize) {
        for (project, list) in &self.state.events {
            let over = list.len().saturating_sub(keep);
            for (i, e) in list.iter().enumerate() {
                if i < over || e.occur_ms < before_ms {
                    self.changes.old_events.push((project.clone(), e.id.clone()));
                }
            }
        }
    }

    /// Removes finished jobs that ended before `before_ms`.
    pub fn prune_jobs(&mut self, before_ms: i64) {
        for (id, j) in &self.state.jobs {
            if j.end_ms.is_some_and(|e| e < before_ms) {
                self.changes.jobs.insert(id.clone(), None);
            }
        }
    }

    /// Removes tokens that expired before `now`.
    pub fn prune_tokens(&mut self, now: i64) {
        for (hash, t) in &self.state.tokens {
            if t.expires_ms <= now {
                self.changes.tokens.insert(hash.clone(), None);
            }
        }
    }
}

/// Why a stored change could not be committed.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// A unique name was taken by a concurrent write.
    #[error("a unique name is already taken")]
    Conflict,
    /// SQLite failed.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// A record could not be encoded.
    #[error(transparent)]
    Encode(#[from] serde_json::Error),
}

/// The emulator's state and its database.
pub struct Store {
    db: Mutex<Connection>,
    state: RwLock<State>,
    path: PathBuf,
}

fn corrupt(path: &Path, what: String, e: impl std::fmt::Display) -> OpenError {
    OpenError::Corrupt { path: path.display().to_string(), what, message: e.to_string() }
}

impl Store {
    /// Opens the state in `dir` (created if missing), loading everything into memory.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        let conn = schema::open(dir)?;
        let path = dir.join("data.db");
        let sql = |source| OpenError::Sqlite { path: path.display().to_string(), source };
        let mut state = State::default();
        {
            let mut stmt = conn.prepare("SELECT id, body FROM clusters").map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(sql)?;
            for row in rows {
                let (id, body) = row.map_err(sql)?;
                let c: Cluster =
                    serde_json::from_str(&body).map_err(|e| corrupt(&path, format!("cluster {id}"), e))?;
                state.clusters.insert(id, c);
            }
            let mut stmt = conn.prepare("SELECT id, body FROM snapshots").map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(sql)?;
            for row in rows {
                let (id, body) = row.map_err(sql)?;
                let s: Snapshot =
                    serde_json::from_str(&body).map_err(|e| corrupt(&path, format!("snapshot {id}"), e))?;
                state.snapshots.insert(id, s);
            }
            let mut stmt = conn.prepare("SELECT id, body FROM jobs").map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(sql)?;
            for row in rows {
                let (id, body) = row.map_err(sql)?;
                let j: Job = serde_json::from_str(&body).map_err(|e| corrupt(&path, format!("job {id}"), e))?;
                state.jobs.insert(id, j);
            }
            let mut stmt = conn.prepare("SELECT id, body FROM events ORDER BY occur_ms, seq").map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(sql)?;
            for row in rows {
                let (id, body) = row.map_err(sql)?;
                let mut e: Event = serde_json::from_str(&body).map_err(|e| corrupt(&path, format!("event {id}"), e))?;
                e.render();
                state.events.entry(e.project_id.clone()).or_default().push(e);
            }
            let mut stmt = conn.prepare("SELECT hash, body FROM tokens").map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(sql)?;
            for row in rows {
                let (hash, body) = row.map_err(sql)?;
                let t: TokenRecord =
                    serde_json::from_str(&body).map_err(|e| corrupt(&path, "a token".into(), e))?;
                state.tokens.insert(hash, t);
            }
        }
        state.recompute_due();
        Ok(Store { db: Mutex::new(conn), state: RwLock::new(state), path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the state.
    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        f(&state)
    }

    /// Runs a write: `f` decides the changes, which are committed to disk and then to memory.
    /// Blocks on disk I/O; async callers run it on the blocking pool.
    pub fn write<R>(&self, f: impl FnOnce(&mut Txn) -> Result<R, ApiError>) -> Result<R, ApiError> {
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        let mut txn = Txn { state: &state, changes: Changes::default() };
        let result = f(&mut txn)?;
        let changes = txn.changes;
        if changes.is_empty() {
            return Ok(result);
        }
        match self.commit(&changes) {
            Ok(()) => {}
            Err(CommitError::Conflict) => {
                return Err(ApiError::Code(dws_contract::ErrorCode::Dws5050, None));
            }
            Err(e) => return Err(ApiError::internal("committing a change", e)),
        }
        for (id, c) in changes.clusters {
            match c {
                Some(c) => state.clusters.insert(id, c),
                None => state.clusters.remove(&id),
            };
        }
        for (id, s) in changes.snapshots {
            match s {
                Some(s) => state.snapshots.insert(id, s),
                None => state.snapshots.remove(&id),
            };
        }
        for (hash, t) in changes.tokens {
            match t {
                Some(t) => state.tokens.insert(hash, t),
                None => state.tokens.remove(&hash),
            };
        }
        for (id, j) in changes.jobs {
            match j {
                Some(j) => state.jobs.insert(id, j),
                None => state.jobs.remove(&id),
            };
        }
        for (project, id) in &changes.old_events {
            state.remove_event(project, id);
        }
        for e in changes.new_events {
            state.add_event(e);
        }
        state.recompute_due();
        Ok(result)
    }

    fn commit(&self, changes: &Changes) -> Result<(), CommitError> {
        let mut conn = self.db.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction()?;
        for (id, c) in &changes.clusters {
            // Deletes first within the row, so a rename never collides with itself.
            tx.execute("DELETE FROM clusters WHERE id = ?1", params![id])?;
            if let Some(c) = c {
                let body = serde_json::to_string(c)?;
                tx.execute(
                    "INSERT INTO clusters (id, project_id, name, body) VALUES (?1, ?2, ?3, ?4)",
                    params![id, c.project_id, c.name, body],
                )
                .map_err(unique_conflict)?;
            }
        }
        for (id, s) in &changes.snapshots {
            tx.execute("DELETE FROM snapshots WHERE id = ?1", params![id])?;
            if let Some(s) = s {
                let body = serde_json::to_string(s)?;
                tx.execute(
                    "INSERT INTO snapshots (id, project_id, cluster_id, name_key, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, s.project_id, s.cluster_id, s.name.to_lowercase(), body],
                )
                .map_err(unique_conflict)?;
            }
        }
        for (id, j) in &changes.jobs {
            tx.execute("DELETE FROM jobs WHERE id = ?1", params![id])?;
            if let Some(j) = j {
                let body = serde_json::to_string(j)?;
                tx.execute("INSERT INTO jobs (id, project_id, body) VALUES (?1, ?2, ?3)", params![id, j.project_id, body])?;
            }
        }
        for (_, id) in &changes.old_events {
            tx.execute("DELETE FROM events WHERE id = ?1", params![id])?;
        }
        for e in &changes.new_events {
            let body = serde_json::to_string(e)?;
            tx.execute(
                "INSERT INTO events (id, project_id, occur_ms, body) VALUES (?1, ?2, ?3, ?4)",
                params![e.id, e.project_id, e.occur_ms, body],
            )?;
        }
        for (hash, t) in &changes.tokens {
            tx.execute("DELETE FROM tokens WHERE hash = ?1", params![hash])?;
            if let Some(t) = t {
                let body = serde_json::to_string(t)?;
                tx.execute(
                    "INSERT INTO tokens (hash, expires_ms, body) VALUES (?1, ?2, ?3)",
                    params![hash, t.expires_ms, body],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes every cluster, snapshot and token (for tests: `POST /_emulator/reset`).
    pub fn reset(&self) -> Result<(), ApiError> {
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        {
            let conn = self.db.lock().unwrap_or_else(|p| p.into_inner());
            conn.execute_batch(
                "BEGIN; DELETE FROM clusters; DELETE FROM snapshots; DELETE FROM tokens; DELETE FROM jobs; DELETE FROM events; COMMIT;",
            )
                .map_err(|e| ApiError::internal("resetting the state", e))?;
        }
        *state = State::default();
        Ok(())
    }

    /// `PRAGMA integrity_check`, for tests and the crash check.
    pub fn integrity_check(&self) -> Result<String, rusqlite::Error> {
        let conn = self.db.lock().unwrap_or_else(|p| p.into_inner());
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
    }
}

fn unique_conflict(e: rusqlite::Error) -> CommitError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            CommitError::Conflict
        }
        _ => CommitError::Sqlite(e),
    }
}
