//! One cluster's PostgreSQL server: its folder (the data directory, its log and its Unix socket,
//! which never goes to /var/run/postgresql), and the PostgreSQL programs that set it up, start,
//! stop, dump and restore it, run as the servers' user.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use super::binaries::Binaries;
use super::runas::{self, SystemUser};
use super::{owner, procs};

/// The database a cluster's users connect to by default.
pub use dws_contract::connection::DEFAULT_DATABASE as DATABASE;
/// How long a server may take to start or stop.
const WAIT: Duration = Duration::from_secs(60);
/// Settings that keep an idle server small: dozens run on a laptop.
const SETTINGS: &str = "\
shared_buffers = 16MB
max_connections = 40
max_wal_size = 256MB
min_wal_size = 32MB
wal_buffers = 512kB
work_mem = 4MB
maintenance_work_mem = 16MB
dynamic_shared_memory_type = posix
password_encryption = scram-sha-256
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] '
track_io_timing = on
";

/// What went wrong with a server.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// A program failed; the words are its own, or the server log's.
    #[error("{program} failed: {reason}")]
    Program {
        /// Which.
        program: String,
        /// Why.
        reason: String,
    },
    /// The file system refused.
    #[error("{0}")]
    Io(String),
    /// The server answered an SQL statement with an error.
    #[error("{0}")]
    Sql(String),
}

impl From<std::io::Error> for ServerError {
    fn from(e: std::io::Error) -> Self {
        ServerError::Io(e.to_string())
    }
}

/// The PostgreSQL programs and whom they run as.
#[derive(Debug, Clone)]
pub struct Host {
    /// The programs.
    pub bins: Binaries,
    /// The servers' user, when it is not this process's.
    pub user: Option<SystemUser>,
    /// The canonical `--data` of the emulator the servers belong to, recorded in each server's
    /// folder so that any later emulator can tell when they have outlived it.
    pub owner: PathBuf,
}

/// A cluster's server: where it lives and how it is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// Its folder: `data/` (the data directory), `server.log`, and the Unix socket.
    pub root: PathBuf,
    /// The addresses it listens on.
    pub listen: Vec<String>,
    /// Its port.
    pub port: u16,
    /// The administrator (the cluster's `user_name`).
    pub admin: String,
}

impl Server {
    /// The data directory.
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// The server's log.
    pub fn log(&self) -> PathBuf {
        self.root.join("server.log")
    }

    /// The process id in the data directory's `postmaster.pid`, if that process lives and is
    /// this folder's server (a zombie is dead, only not yet reaped; a number left in a stale
    /// file may since have gone to another server, which is not this one to stop).
    pub fn running_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.data().join("postmaster.pid")).ok()?;
        let pid: u32 = text.lines().next()?.trim().parse().ok()?;
        procs::serves(pid, &self.data()).then_some(pid)
    }

    /// Removes a `postmaster.pid` whose server is gone. PostgreSQL removes a stale one itself
    /// unless its process id still exists; a killed server whose parent never reaps it (a
    /// container's first process often does not) leaves a zombie behind under that id.
    fn clear_stale_lock(&self) {
        let lock = self.data().join("postmaster.pid");
        if self.running_pid().is_some() {
            return;
        }
        let _ = std::fs::remove_file(lock);
        // The Unix socket and its lock file, which a killed server leaves as well.
        for entry in std::fs::read_dir(&self.root).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().starts_with(".s.PGSQL.") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The last lines of the server's log that say what went wrong.
    pub fn log_reason(&self) -> Option<String> {
        let log = std::fs::read_to_string(self.log()).ok()?;
        let wanted = ["FATAL", "PANIC", "ERROR", "could not"];
        let lines: Vec<&str> = log.lines().filter(|l| wanted.iter().any(|w| l.contains(w))).collect();
        let tail = lines.iter().rev().take(3).rev().map(|l| unprefixed(l)).collect::<Vec<_>>().join(" ");
        (!tail.is_empty()).then_some(tail)
    }

    /// A connection configuration over the server's Unix socket, as the administrator (local
    /// connections are trusted: the socket's folder is the servers' user's alone).
    pub fn local_config(&self, database: &str) -> tokio_postgres::Config {
        let mut c = tokio_postgres::Config::new();
        c.host_path(&self.root).port(self.port).user(&self.admin).dbname(database).connect_timeout(Duration::from_secs(10));
        c
    }
}

impl Host {
    fn command(&self, program: &str) -> tokio::process::Command {
        let mut c = tokio::process::Command::from(runas::command(&self.bins.path(program), self.user.as_ref()));
        c.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true);
        c
    }

    /// Runs a program to its end; a failure carries what it printed.
    async fn run(&self, program: &str, args: &[&str]) -> Result<Vec<u8>, ServerError> {
        let out = self.command(program).args(args).output().await?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            let said = String::from_utf8_lossy(&out.stderr).trim().to_owned();
            Err(ServerError::Program { program: program.to_owned(), reason: if said.is_empty() { out.status.to_string() } else { said } })
        }
    }

    /// Creates the server's folder (the servers' user's alone) and its data directory, with the
    /// administrator as superuser, and the settings it runs with.
    pub async fn initdb(&self, s: &Server) -> Result<(), ServerError> {
        // Set-up interrupted by a stop may have left a server running in the folder.
        self.stop(s).await?;
        let _ = std::fs::remove_dir_all(&s.root);
        std::fs::create_dir_all(&s.root)?;
        owner::write(&s.root, &self.owner)?;
        runas::give(&s.root, self.user.as_ref())?;
        std::fs::set_permissions(&s.root, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        let data = s.data().display().to_string();
        self.run(
            "initdb",
            &[
                "-D", &data, "-U", &s.admin, "-E", "UTF8", "--locale=C",
                "--auth-local=trust", "--auth-host=scram-sha-256",
            ],
        )
        .await?;
        // The cluster name marks the server's processes as ours (see `procs::CLUSTER_NAME`).
        let conf = format!(
            "{SETTINGS}cluster_name = '{}'\nlisten_addresses = '{}'\nport = {}\nunix_socket_directories = '{}'\n",
            procs::CLUSTER_NAME,
            s.listen.join(","),
            s.port,
            s.root.display()
        );
        let path = s.data().join("dws.conf");
        std::fs::write(&path, conf)?;
        runas::give(&path, self.user.as_ref())?;
        let main = s.data().join("postgresql.conf");
        let mut text = std::fs::read_to_string(&main)?;
        text.push_str("\n# The emulator's settings for this cluster.\ninclude 'dws.conf'\n");
        std::fs::write(&main, text)?;
        Ok(())
    }

    /// Starts the server and waits until it accepts connections; a server that will not start
    /// is explained from its log.
    pub async fn start(&self, s: &Server) -> Result<(), ServerError> {
        s.clear_stale_lock();
        let (data, log) = (s.data().display().to_string(), s.log().display().to_string());
        let secs = WAIT.as_secs().to_string();
        let logged_before = std::fs::metadata(s.log()).map_or(0, |m| m.len());
        if let Err(e) = self.run("pg_ctl", &["-D", &data, "-l", &log, "-w", "-t", &secs, "start"]).await {
            return Err(ServerError::Program { program: "postgres".into(), reason: s.log_reason().unwrap_or_else(|| e.to_string()) });
        }
        // PostgreSQL starts when it can listen on some of its addresses and only warns about the
        // others; every endpoint the API reports must be this server, so one it could not take
        // fails the start.
        let log = std::fs::read(s.log()).unwrap_or_default();
        let this_start = String::from_utf8_lossy(log.get(logged_before as usize..).unwrap_or_default()).into_owned();
        let refused: Vec<&str> = this_start
            .lines()
            .filter(|l| l.contains("could not bind") || l.contains("could not create listen socket"))
            .map(unprefixed)
            .collect();
        if !refused.is_empty() {
            let _ = self.stop(s).await;
            return Err(ServerError::Program { program: "postgres".into(), reason: refused.join(" ") });
        }
        Ok(())
    }

    /// Stops the server (fast: open connections are cut); a server not running is fine.
    pub async fn stop(&self, s: &Server) -> Result<(), ServerError> {
        if s.running_pid().is_none() {
            return Ok(());
        }
        let data = s.data().display().to_string();
        let secs = WAIT.as_secs().to_string();
        self.run("pg_ctl", &["-D", &data, "-m", "fast", "-w", "-t", &secs, "stop"]).await.map(|_| ())
    }

    /// Runs SQL statements as the administrator in `database`.
    pub async fn sql(&self, s: &Server, database: &str, statements: &str) -> Result<(), ServerError> {
        let (client, connection) =
            s.local_config(database).connect(tokio_postgres::NoTls).await.map_err(|e| ServerError::Sql(e.to_string()))?;
        let driver = tokio::spawn(connection);
        let done = client.batch_execute(statements).await.map_err(|e| ServerError::Sql(e.to_string()));
        drop(client);
        let _ = driver.await;
        done
    }

    /// Creates the default database and gives the administrator its password (as a SCRAM
    /// verifier: the emulator never holds the password itself).
    pub async fn prepare(&self, s: &Server, verifier: &str) -> Result<(), ServerError> {
        self.sql(s, "postgres", &format!("CREATE DATABASE {DATABASE}")).await?;
        self.set_password(s, verifier).await
    }

    /// Sets the administrator's password.
    pub async fn set_password(&self, s: &Server, verifier: &str) -> Result<(), ServerError> {
        self.sql(s, "postgres", &format!("ALTER ROLE {} PASSWORD {}", quote_ident(&s.admin), quote_literal(verifier))).await
    }

    /// Dumps the default database (custom format) to `out`; returns its size in bytes.
    pub async fn dump(&self, s: &Server, out: &Path) -> Result<u64, ServerError> {
        let (root, port) = (s.root.display().to_string(), s.port.to_string());
        let bytes = self.run("pg_dump", &["-Fc", "-h", &root, "-p", &port, "-U", &s.admin, "-d", DATABASE]).await?;
        let partial = out.with_extension("partial");
        std::fs::write(&partial, &bytes)?;
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, out)?;
        Ok(bytes.len() as u64)
    }

    /// Loads a dump into the default database.
    pub async fn restore(&self, s: &Server, dump: &Path) -> Result<(), ServerError> {
        let bytes = std::fs::read(dump)?;
        let (root, port) = (s.root.display().to_string(), s.port.to_string());
        let mut child = self
            .command("pg_restore")
            .args(["-h", &root, "-p", &port, "-U", &s.admin, "-d", DATABASE, "--no-owner", "--exit-on-error"])
            .stdin(Stdio::piped())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(&bytes).await?;
        }
        let out = child.wait_with_output().await?;
        if out.status.success() {
            Ok(())
        } else {
            Err(ServerError::Program { program: "pg_restore".into(), reason: String::from_utf8_lossy(&out.stderr).trim().to_owned() })
        }
    }

    /// Stops the server and removes its folder.
    pub async fn remove(&self, s: &Server) -> Result<(), ServerError> {
        self.stop(s).await?;
        match std::fs::remove_dir_all(&s.root) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}

/// A server log line without the time and process id it starts with (`log_line_prefix`).
fn unprefixed(line: &str) -> &str {
    line.split_once("] ").map_or(line, |(_, rest)| rest).trim()
}

/// An SQL identifier, quoted.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An SQL string literal, quoted.
fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_lose_their_prefix() {
        assert_eq!(
            unprefixed("2026-11-30 02:22:32.602 UTC [10421] LOG:  could not bind IPv4 address"),
            "LOG:  could not bind IPv4 address"
        );
        assert_eq!(unprefixed("FATAL: x"), "FATAL: x");
    }

    #[test]
    fn quoting_doubles_the_quotes() {
        assert_eq!(quote_ident("db\"admin"), "\"db\"\"admin\"");
        assert_eq!(quote_literal("it's"), "'it''s'");
    }
}
