//! What a run left behind: the tests' folders in the temporary folder, the emulator's server
//! folders outside its data (`~postgres/dws-emulator/<tag>/<cluster>`, `/tmp/dws-emulator-…`),
//! and PostgreSQL servers of the emulator still running. `cargo xtask test` takes a snapshot
//! at its start and fails on anything new at its end, so a developer's own demo, running
//! before, is not counted.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long servers that were told to stop get to be gone before they count as left.
const EXIT_GRACE: Duration = Duration::from_secs(10);

/// One thing a run may leave.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Left {
    /// A test's folder or file in the temporary folder.
    Temp(PathBuf),
    /// A server folder of an emulator, outside its data.
    ServerFolder(PathBuf),
    /// A running PostgreSQL server of an emulator: its process and data directory.
    Server(u32, PathBuf),
}

impl std::fmt::Display for Left {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Left::Temp(p) => write!(f, "temporary {}", p.display()),
            Left::ServerFolder(p) => write!(f, "server folder {}", p.display()),
            Left::Server(pid, data) => write!(f, "server process {pid} in {}", data.display()),
        }
    }
}

/// Everything of the kinds above on the machine now.
pub fn snapshot() -> BTreeSet<Left> {
    let mut all: BTreeSet<Left> = temp_entries().into_iter().map(Left::Temp).collect();
    all.extend(server_folders().into_iter().map(Left::ServerFolder));
    all.extend(servers().into_iter().map(|(pid, data)| Left::Server(pid, data)));
    all
}

/// What is there now and was not in `before`.
pub fn new_since(before: &BTreeSet<Left>, now: &BTreeSet<Left>) -> Vec<Left> {
    now.difference(before).cloned().collect()
}

/// Fails, listing them, if the run left anything that was not there at its start. Servers get
/// a moment to be gone: one whose stop was just asked for exits right after it says so.
pub fn check(before: &BTreeSet<Left>) -> Result<(), String> {
    let deadline = Instant::now() + EXIT_GRACE;
    let left = loop {
        let left = new_since(before, &snapshot());
        let running = left.iter().any(|l| matches!(l, Left::Server(..)));
        if !running || Instant::now() >= deadline {
            break left;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    if left.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = left.iter().map(|l| format!("  {l}")).collect();
    Err(format!(
        "the tests left {} thing(s) behind (a test must remove the folders, servers and processes it made):\n{}",
        left.len(),
        list.join("\n")
    ))
}

/// Whether a name in the temporary folder is one the project's tests and tools make.
pub fn is_ours(name: &str) -> bool {
    ["dws-", "xtask-"].iter().any(|p| name.starts_with(p))
}

fn temp_entries() -> Vec<PathBuf> {
    entries(&std::env::temp_dir())
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| is_ours(&n.to_string_lossy())))
        // The emulator's own folders of servers are counted one server folder at a time.
        .filter(|p| !is_shared_tag(p))
        .collect()
}

/// Whether a folder in /tmp is where a non-root emulator keeps its servers.
fn is_shared_tag(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("dws-emulator-"))
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect()
}

/// The home of the `postgres` system user in `passwd`-format text.
fn home_of(passwd: &str, user: &str) -> Option<PathBuf> {
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 7 && f[0] == user).then(|| PathBuf::from(f[5]))
    })
}

/// The folders that hold emulators' servers outside their data, one per emulator.
pub fn shared_tags() -> Vec<PathBuf> {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let mut tags: Vec<PathBuf> = home_of(&passwd, "postgres").map(|h| entries(&h.join("dws-emulator"))).unwrap_or_default();
    tags.extend(entries(&std::env::temp_dir()).into_iter().filter(|p| is_shared_tag(p)));
    tags.retain(|p| p.is_dir());
    tags
}

/// Every server folder in those (and an emptied tag folder, as itself).
fn server_folders() -> Vec<PathBuf> {
    shared_tags()
        .into_iter()
        .flat_map(|tag| {
            let inside = entries(&tag);
            if inside.is_empty() { vec![tag] } else { inside }
        })
        .collect()
}

/// The server folders outside `data` of the emulator whose `--data` is `data`: those whose
/// owner record (the file `owner` the emulator writes in each) names it.
pub fn server_folders_of(data: &Path) -> Vec<PathBuf> {
    let Ok(owner) = std::fs::canonicalize(data) else { return Vec::new() };
    shared_tags()
        .into_iter()
        .flat_map(|tag| entries(&tag))
        .filter(|root| std::fs::read(root.join("owner")).is_ok_and(|r| r == owner.as_os_str().as_encoded_bytes()))
        .collect()
}

/// The data directory a postmaster was started with (`postgres -D <dir>`), from its
/// NUL-separated command line.
fn postmaster_data(cmdline: &[u8]) -> Option<PathBuf> {
    let args: Vec<String> = cmdline.split(|b| *b == 0).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
    if Path::new(args.first()?).file_name()? != "postgres" {
        return None;
    }
    args.windows(2).find(|w| w[0] == "-D").map(|w| PathBuf::from(&w[1]))
}

/// Whether a data directory is an emulator's cluster's: `…/<cluster id>/data`.
pub fn is_emulator_server(data: &Path) -> bool {
    let mut up = data.iter().rev().map(|c| c.to_string_lossy());
    let (Some(last), Some(id)) = (up.next(), up.next()) else { return false };
    let groups: Vec<&str> = id.split('-').collect();
    last == "data"
        && groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The running postmasters and their data directories.
pub fn postmasters() -> Vec<(u32, PathBuf)> {
    entries(Path::new("/proc"))
        .into_iter()
        .filter_map(|p| {
            let pid: u32 = p.file_name()?.to_str()?.parse().ok()?;
            let status = std::fs::read_to_string(p.join("status")).ok()?;
            // A zombie is dead, only not reaped yet.
            if status.lines().any(|l| l.starts_with("State:") && l.contains('Z')) {
                return None;
            }
            Some((pid, postmaster_data(&std::fs::read(p.join("cmdline")).ok()?)?))
        })
        .collect()
}

/// The running servers of emulators.
fn servers() -> Vec<(u32, PathBuf)> {
    postmasters().into_iter().filter(|(_, data)| is_emulator_server(data)).collect()
}

/// Stops a postmaster (a fast shutdown), waiting until it is gone; kills it if it lingers.
pub fn stop(pid: u32) {
    let gone = || !postmasters().iter().any(|(p, _)| *p == pid);
    for signal in ["-INT", "-KILL"] {
        if gone() {
            return;
        }
        let _ = std::process::Command::new("kill").args([signal, &pid.to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !gone() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b6e6a8e-3f54-4c1b-9a8e-2f7c1d5e9a10";

    #[test]
    fn the_projects_temporary_names_are_told_apart() {
        for ours in ["dws-e2e-console-emu-1-0", "dws-emu-test-http-1-0", "dws-emulator-0-deadbeef", "dws-plane-x", "dws-proxy-ca-1", "xtask-dist-1"] {
            assert!(is_ours(ours), "{ours}");
        }
        for theirs in ["systemd-private-x", ".X11-unix", "cargo-install", "pg_dws"] {
            assert!(!is_ours(theirs), "{theirs}");
        }
    }

    #[test]
    fn the_emulators_servers_are_told_by_their_data_directory() {
        assert!(is_emulator_server(Path::new(&format!("/tmp/dws-e2e-x/servers/{ID}/data"))));
        assert!(is_emulator_server(Path::new(&format!("/var/lib/postgresql/dws-emulator/0a1b2c3d/{ID}/data"))));
        assert!(!is_emulator_server(Path::new("/var/lib/postgresql/15/main")));
        assert!(!is_emulator_server(Path::new(&format!("/srv/{ID}/pgdata"))));
        assert!(!is_emulator_server(Path::new("/srv/cluster-1/data")));
        assert!(!is_emulator_server(Path::new("data")));
    }

    #[test]
    fn a_postmaster_is_postgres_with_a_data_directory() {
        assert_eq!(
            postmaster_data(b"/usr/lib/postgresql/15/bin/postgres\0-D\0/tmp/x/data\0"),
            Some(PathBuf::from("/tmp/x/data"))
        );
        assert_eq!(postmaster_data(b"postgres: dws-emulator: checkpointer \0"), None);
        assert_eq!(postmaster_data(b"/usr/bin/python3\0-D\0/tmp/x\0"), None);
        assert_eq!(postmaster_data(b""), None);
    }

    #[test]
    fn the_postgres_users_home_comes_from_passwd() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash\n";
        assert_eq!(home_of(passwd, "postgres"), Some(PathBuf::from("/var/lib/postgresql")));
        assert_eq!(home_of(passwd, "nobody"), None);
    }

    #[test]
    fn only_what_is_new_counts() {
        let demo = Left::Server(10, PathBuf::from(format!("/root/.local/share/dws-emulator/servers/{ID}/data")));
        let before: BTreeSet<Left> = [demo.clone(), Left::Temp("/tmp/dws-e2e-old".into())].into();
        let now: BTreeSet<Left> = [demo, Left::Temp("/tmp/dws-e2e-new".into()), Left::ServerFolder("/var/lib/postgresql/dws-emulator/0a1b2c3d".into())].into();
        assert_eq!(
            new_since(&before, &now),
            [Left::Temp("/tmp/dws-e2e-new".into()), Left::ServerFolder("/var/lib/postgresql/dws-emulator/0a1b2c3d".into())]
        );
        assert_eq!(Left::Server(7, "/d".into()).to_string(), "server process 7 in /d");
    }
}
