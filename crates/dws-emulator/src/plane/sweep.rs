//! What emulators that are gone left behind, found and cleared at the start of any emulator of
//! the same user, as testcontainers' reaper clears what a crashed test left.
//!
//! An emulator whose `--data` is deleted (a test's temporary folder, say) after it was killed,
//! or even after a clean stop, leaves servers behind wherever they lived outside that folder:
//! folders in PostgreSQL's home (or /tmp), and servers still running if it was killed. Nobody
//! would ever start or stop them again. Each server folder names its owner ([`super::owner`]);
//! a folder whose owner's state is gone is stopped and removed. A server whose data directory
//! itself was deleted under it has no folder left to say whose it is: it is recognised by the
//! path it ran in and the cluster name every server of ours carries, and stopped.
//!
//! Anything else is left alone: a folder without a record may be an older emulator's whose
//! `--data` still exists (it adopts the folder at its next start), or one being made right now.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::binaries::Binaries;
use super::owner::{self, Record, Standing};
use super::procs;
use super::runas::{self, SystemUser};
use super::server::{Host, Server};

/// How long a server may take to stop.
const STOP_WAIT: Duration = Duration::from_secs(60);
/// How long a stranded server gets to end after each signal.
const SIGNAL_WAIT: Duration = Duration::from_secs(10);

/// What went wrong clearing one thing; the sweep goes on with the others.
#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    /// `pg_ctl` failed.
    #[error("pg_ctl {action} failed: {reason}")]
    PgCtl {
        /// What it was asked to do.
        action: String,
        /// What it said.
        reason: String,
    },
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Whom the servers run as cannot be told.
    #[error("{0}")]
    User(String),
    /// A server still ran after it was told to stop, then killed.
    #[error("server process {0} is still running after SIGQUIT and SIGKILL")]
    Lingers(u32),
}

/// What a sweep cleared.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Server folders removed (their servers stopped first).
    pub folders: Vec<PathBuf>,
    /// Servers stopped that ran in a deleted data directory.
    pub stranded: Vec<PathBuf>,
}

/// The folders under which emulators of this user keep servers outside their `--data`, one per
/// emulator: `~postgres/dws-emulator/<tag>` when the servers run as `postgres`, otherwise
/// `/tmp/dws-emulator-<uid>-<tag>` of this user (see [`super::servers_folder`]).
pub fn shared_tags(user: Option<&SystemUser>) -> Vec<PathBuf> {
    match user {
        Some(u) => folders(&Path::new(&u.home).join("dws-emulator"), None),
        None => {
            let uid = runas::current_uid().unwrap_or(0);
            let prefix = format!("dws-emulator-{uid}-");
            // Someone else's folder under our name in the shared /tmp is not ours to empty.
            folders(&std::env::temp_dir(), Some(uid))
                .into_iter()
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix)))
                .collect()
        }
    }
}

/// The folders in `dir` (of user `uid`, when given). A link is never followed: whoever can
/// write where the servers live must not be able to point a sweep, which may run as root, at
/// anything else.
fn folders(dir: &Path, uid: Option<u32>) -> Vec<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| std::fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_dir() && uid.is_none_or(|u| m.uid() == u)))
        .map(|e| e.path())
        .collect()
}

/// The uid the servers run as.
fn servers_uid(user: Option<&SystemUser>) -> u32 {
    user.map(|u| u.uid).or_else(runas::current_uid).unwrap_or(0)
}

/// Clears what emulators that are gone left: server folders whose owner's state is gone, with
/// their servers, and servers running in a deleted data directory. Runs before the emulator
/// answers; failures are logged and the rest is cleared all the same.
pub fn orphans(host: &Host) -> Swept {
    let mut swept = Swept::default();
    let uid = servers_uid(host.user.as_ref());
    for tag in shared_tags(host.user.as_ref()) {
        let mut emptied = false;
        // A server's folder belongs to the servers' user (see `Host::initdb`).
        for root in folders(&tag, Some(uid)) {
            let Record::Owner(owner) = owner::read(&root) else { continue };
            if owner::standing(&owner) != Standing::Gone {
                continue;
            }
            match remove_server(host, &root) {
                Ok(()) => {
                    tracing::info!("removed the server folder {} of the emulator on {}, which is gone", root.display(), owner.display());
                    swept.folders.push(root);
                    emptied = true;
                }
                Err(e) => tracing::warn!("removing the server folder {} of a gone emulator: {e}", root.display()),
            }
        }
        // Only a folder this sweep emptied: an empty one may belong to an emulator that has just
        // made it and has no cluster yet.
        if emptied {
            let _ = std::fs::remove_dir(&tag);
        }
    }
    for s in procs::stranded(uid) {
        if !is_server_data(&s.data) {
            continue;
        }
        match end(host, s.pid) {
            Ok(()) => {
                tracing::info!("stopped the server {} whose data directory {} was deleted", s.pid, s.data.display());
                swept.stranded.push(s.data);
            }
            Err(e) => tracing::warn!("stopping the server {} in the deleted {}: {e}", s.pid, s.data.display()),
        }
    }
    swept
}

/// Stops the servers of the emulator whose state is in `data` (stopped or killed: not
/// running) and removes its servers' folder wherever it lives, for tests and tools that remove
/// an emulator's `--data`: call it before removing that folder.
pub fn forget(data: &Path) -> Result<(), SweepError> {
    let user = runas::server_user().map_err(SweepError::User)?;
    let servers = super::servers_folder(data, user.as_ref());
    if !servers.exists() {
        return Ok(());
    }
    let owner = std::fs::canonicalize(data).unwrap_or_else(|_| data.to_owned());
    let bins = Binaries::find(None).ok();
    for root in folders(&servers, None) {
        // Another emulator's that happens to share the folder's name is left alone.
        if matches!(owner::read(&root), Record::Owner(o) if o != owner) {
            continue;
        }
        match &bins {
            Some(b) => remove_server(&Host { bins: b.clone(), user: user.clone(), owner: owner.clone() }, &root)?,
            None => remove(&root)?,
        }
    }
    match std::fs::remove_dir(&servers) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(SweepError::Io { path: servers, source: e }),
        _ => Ok(()),
    }
}

/// Whether a data directory is where the emulator puts a cluster's server:
/// `<…>/servers/<cluster id>/data` inside a `--data`, `<home>/dws-emulator/<tag>/<cluster id>/data`,
/// or `/tmp/dws-emulator-<uid>-<tag>/<cluster id>/data`.
pub fn is_server_data(path: &Path) -> bool {
    let mut up = path.iter().rev().map(|c| c.to_string_lossy());
    let (Some(data), Some(id), Some(parent)) = (up.next(), up.next(), up.next()) else { return false };
    if data != "data" || !is_cluster_id(&id) {
        return false;
    }
    if parent == "servers" {
        return true;
    }
    let above = up.next();
    let tag = |t: &str| t.len() == 8 && t.bytes().all(|b| b.is_ascii_hexdigit());
    (tag(&parent) && above.as_deref() == Some("dws-emulator"))
        || parent
            .strip_prefix("dws-emulator-")
            .and_then(|rest| rest.split_once('-'))
            .is_some_and(|(uid, t)| !uid.is_empty() && uid.bytes().all(|b| b.is_ascii_digit()) && tag(t))
}

/// A cluster id: a UUID in its hyphenated form.
fn is_cluster_id(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Stops the server in a server folder if it runs, then removes the folder.
fn remove_server(host: &Host, root: &Path) -> Result<(), SweepError> {
    let s = Server { root: root.to_owned(), listen: vec![], port: 0, admin: String::new() };
    // `running_pid` checks that the process in `postmaster.pid` really serves this folder, so a
    // stale file whose number went to another process stops nothing.
    if s.running_pid().is_some() {
        let data = s.data().display().to_string();
        let secs = STOP_WAIT.as_secs().to_string();
        pg_ctl(host, "stop", &["-D", &data, "-m", "fast", "-w", "-t", &secs, "stop"])?;
    }
    remove(root)
}

fn remove(root: &Path) -> Result<(), SweepError> {
    match std::fs::remove_dir_all(root) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(SweepError::Io { path: root.to_owned(), source: e }),
        _ => Ok(()),
    }
}

/// Ends a server whose data directory is gone: an immediate shutdown (SIGQUIT: there is nothing
/// left to write a checkpoint to, and it still takes its children and shared memory with it),
/// then SIGKILL if it lingers. The signals are sent by `pg_ctl kill` as the servers' user, who
/// can signal nobody else's processes.
fn end(host: &Host, pid: u32) -> Result<(), SweepError> {
    let id = pid.to_string();
    for signal in ["QUIT", "KILL"] {
        if !procs::alive(pid) {
            return Ok(());
        }
        pg_ctl(host, &format!("kill {signal}"), &["kill", signal, &id])?;
        let deadline = Instant::now() + SIGNAL_WAIT;
        while procs::alive(pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    if procs::alive(pid) { Err(SweepError::Lingers(pid)) } else { Ok(()) }
}

/// Runs `pg_ctl` as the servers' user, to its end.
fn pg_ctl(host: &Host, action: &str, args: &[&str]) -> Result<(), SweepError> {
    let out = runas::command(&host.bins.path("pg_ctl"), host.user.as_ref())
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| SweepError::PgCtl { action: action.to_owned(), reason: e.to_string() })?;
    if out.status.success() {
        Ok(())
    } else {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        Err(SweepError::PgCtl { action: action.to_owned(), reason: if said.is_empty() { out.status.to_string() } else { said } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b6e6a8e-3f54-4c1b-9a8e-2f7c1d5e9a10";

    #[test]
    fn server_data_directories_are_recognised_by_their_place() {
        for ours in [
            format!("/tmp/dws-e2e-console-emu-1-0/servers/{ID}/data"),
            format!("/var/lib/postgresql/dws-emulator/0a1b2c3d/{ID}/data"),
            format!("/tmp/dws-emulator-1000-deadbeef/{ID}/data"),
        ] {
            assert!(is_server_data(Path::new(&ours)), "{ours}");
        }
        for theirs in [
            "/var/lib/postgresql/15/main".to_owned(),
            format!("/srv/pg/{ID}/data"),
            format!("/tmp/servers/{ID}/pgdata"),
            "/tmp/x/servers/not-a-cluster-id/data".to_owned(),
            format!("/var/lib/postgresql/dws-emulator/0a1b2c3/{ID}/data"),
            format!("/var/lib/postgresql/elsewhere/0a1b2c3d/{ID}/data"),
            format!("/tmp/dws-emulator--deadbeef/{ID}/data"),
            format!("/tmp/dws-emulator-1000-deadbeefx/{ID}/data"),
            "data".to_owned(),
        ] {
            assert!(!is_server_data(Path::new(&theirs)), "{theirs}");
        }
    }

    #[test]
    fn cluster_ids_are_hyphenated_uuids() {
        assert!(is_cluster_id(ID));
        assert!(!is_cluster_id("0b6e6a8e3f544c1b9a8e2f7c1d5e9a10"));
        assert!(!is_cluster_id("0b6e6a8e-3f54-4c1b-9a8e-2f7c1d5e9a1g"));
        assert!(!is_cluster_id(""));
    }

    #[test]
    fn another_users_folder_in_tmp_is_no_tag_of_ours() {
        // A regular file under our prefix is not a folder of servers.
        let uid = runas::current_uid().unwrap_or(0);
        let file = std::env::temp_dir().join(format!("dws-emulator-{uid}-f{:07x}", std::process::id() % 0xfff_ffff));
        std::fs::write(&file, b"").unwrap();
        assert!(!shared_tags(None).contains(&file));
        let _ = std::fs::remove_file(&file);
    }
}
