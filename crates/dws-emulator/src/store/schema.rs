//! Opening the database: durability settings (asserted, not assumed), schema and version.

use std::path::Path;

use rusqlite::Connection;

/// The schema this build writes. A database with a higher `user_version` came from a newer
/// emulator and is refused rather than misread.
pub const SCHEMA_VERSION: i64 = 2;

/// Why the database cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// SQLite refused.
    #[error("cannot open the database {path}: {source}")]
    Sqlite {
        /// The file.
        path: String,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The folder could not be created.
    #[error("cannot create the data folder {path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A durability setting did not take.
    #[error("the database {path} did not accept {setting} (it reports {actual}); refusing to run without it")]
    Durability {
        /// The file.
        path: String,
        /// The setting.
        setting: &'static str,
        /// What SQLite reports instead.
        actual: String,
    },
    /// Written by a newer emulator.
    #[error(
        "the database {path} was written by a newer dws-emulator (schema {found}; this one knows up to {SCHEMA_VERSION}). \
         Upgrade the emulator, or start it with another --data folder."
    )]
    NewerSchema {
        /// The file.
        path: String,
        /// Its schema version.
        found: i64,
    },
    /// The stored data does not parse.
    #[error("the database {path} holds a record that cannot be read ({what}): {message}")]
    Corrupt {
        /// The file.
        path: String,
        /// Which record.
        what: String,
        /// Why.
        message: String,
    },
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL
);
-- Names are unique in a project: a second create with the same name cannot be committed even if
-- two requests race past the in-memory check.
CREATE UNIQUE INDEX IF NOT EXISTS clusters_project_name ON clusters(project_id, name);
CREATE TABLE IF NOT EXISTS snapshots (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    name_key TEXT NOT NULL,
    body TEXT NOT NULL
);
-- Snapshot names are unique case-insensitively (table 5-49): name_key is the lowercase name.
CREATE UNIQUE INDEX IF NOT EXISTS snapshots_project_name ON snapshots(project_id, name_key);
-- Added in schema 2: jobs, and events in the order they happened (seq breaks ties).
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    project_id TEXT NOT NULL,
    occur_ms INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_time ON events(occur_ms);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    expires_ms INTEGER NOT NULL,
    body TEXT NOT NULL
);
";

/// Opens (creating if needed) `data.db` in `dir` with WAL and `synchronous=FULL`, both read back
/// and checked, and the schema at [`SCHEMA_VERSION`].
pub fn open(dir: &Path) -> Result<Connection, OpenError> {
    std::fs::create_dir_all(dir)
        .map_err(|source| OpenError::Folder { path: dir.display().to_string(), source })?;
    let file = dir.join("data.db");
    let path = file.display().to_string();
    let sql = |source| OpenError::Sqlite { path: path.clone(), source };
    let conn = Connection::open(&file).map_err(sql)?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(sql)?;

    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql)?;
    if found > SCHEMA_VERSION {
        return Err(OpenError::NewerSchema { path, found });
    }

    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)).map_err(sql)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenError::Durability { path, setting: "journal_mode=WAL", actual: mode });
    }
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;").map_err(sql)?;
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).map_err(sql)?;
    // 2 is FULL.
    if sync != 2 {
        return Err(OpenError::Durability { path, setting: "synchronous=FULL", actual: sync.to_string() });
    }

    conn.execute_batch(SCHEMA).map_err(sql)?;
    if found < SCHEMA_VERSION {
        conn.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}")).map_err(sql)?;
    }
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("dws-emu-schema-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn opens_with_wal_full_sync_and_the_current_schema() {
        let dir = temp_dir("ok");
        let conn = open(&dir).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        drop(conn);
        // Opening again is fine.
        open(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_newer_schema_is_refused_with_a_clear_message() {
        let dir = temp_dir("newer");
        let conn = open(&dir).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(conn);
        let e = open(&dir).unwrap_err().to_string();
        assert!(e.contains("newer dws-emulator") && e.contains("schema 99"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
