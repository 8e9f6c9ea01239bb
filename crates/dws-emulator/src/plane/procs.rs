//! What `/proc` says about PostgreSQL's processes: whether a process is the postmaster of a
//! given data directory, and which postmasters run on in a data directory deleted under them.
//! A postmaster changes its working directory to its data directory, so `/proc/<pid>/cwd` names
//! it — with ` (deleted)` after it once the folder is gone — whatever path it was started with.

use std::path::{Path, PathBuf};

/// The name a cluster's server runs under (its `cluster_name`): PostgreSQL puts it in the
/// title of every process of the server (`postgres: dws-emulator: checkpointer`), which is how
/// a server of ours is recognised once its folder, and so its owner record, is gone.
pub const CLUSTER_NAME: &str = "dws-emulator";

/// The arguments of a process (`/proc/<pid>/cmdline`).
pub fn args(pid: u32) -> Option<Vec<String>> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    Some(split_args(&raw))
}

/// `cmdline`'s NUL-separated arguments.
fn split_args(raw: &[u8]) -> Vec<String> {
    raw.split(|b| *b == 0).filter(|a| !a.is_empty()).map(|a| String::from_utf8_lossy(a).into_owned()).collect()
}

/// The data directory a postmaster was started with: the program is `postgres` and `-D` names
/// the folder (as `pg_ctl` starts it). Anything else is no postmaster.
pub fn data_arg(args: &[String]) -> Option<&str> {
    let program = args.first()?;
    if Path::new(program).file_name()? != "postgres" {
        return None;
    }
    args.windows(2).find(|w| w[0] == "-D").map(|w| w[1].as_str())
}

/// A process's working directory, and whether it was deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cwd {
    /// The folder, without the kernel's ` (deleted)`.
    pub path: PathBuf,
    /// Whether it no longer exists.
    pub deleted: bool,
}

/// What `readlink /proc/<pid>/cwd` says, understood.
fn parse_cwd(link: &str) -> Cwd {
    match link.strip_suffix(" (deleted)") {
        Some(path) => Cwd { path: PathBuf::from(path), deleted: true },
        None => Cwd { path: PathBuf::from(link), deleted: false },
    }
}

/// The working directory of a process, when this process may read it (its own user's, or any
/// as root with the capability to trace).
pub fn cwd(pid: u32) -> Option<Cwd> {
    let link = std::fs::read_link(format!("/proc/{pid}/cwd")).ok()?;
    Some(parse_cwd(&link.to_string_lossy()))
}

/// A field of `/proc/<pid>/status` (`Uid:`, `PPid:`, `State:`): its first word.
fn status_field<'a>(status: &'a str, field: &str) -> Option<&'a str> {
    status.lines().find_map(|l| l.strip_prefix(field)).and_then(|v| v.split_whitespace().next())
}

/// The real user id and the parent of a process that lives (a zombie is dead, only not yet
/// reaped by a parent that may never do so).
pub fn identity(pid: u32) -> Option<(u32, u32)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    if matches!(status_field(&status, "State:"), Some("Z" | "X") | None) {
        return None;
    }
    Some((status_field(&status, "Uid:")?.parse().ok()?, status_field(&status, "PPid:")?.parse().ok()?))
}

/// Whether a process lives.
pub fn alive(pid: u32) -> bool {
    identity(pid).is_some()
}

/// Every process id.
pub fn all() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// Whether `pid` is a living postmaster serving the data directory `data`: by its working
/// directory, or, where that cannot be read, by the `-D` it was started with.
pub fn serves(pid: u32, data: &Path) -> bool {
    let Some(args) = args(pid) else { return false };
    let Some(given) = data_arg(&args) else { return false };
    if !alive(pid) {
        return false;
    }
    let wanted = std::fs::canonicalize(data).unwrap_or_else(|_| data.to_owned());
    match cwd(pid) {
        Some(c) => !c.deleted && c.path == wanted,
        None => Path::new(given) == data || std::fs::canonicalize(given).is_ok_and(|g| g == wanted),
    }
}

/// Whether a process title is that of a server of ours (`postgres: dws-emulator: …`).
fn titled_ours(args: &[String]) -> bool {
    args.first().is_some_and(|t| t.starts_with(&format!("postgres: {CLUSTER_NAME}: ")))
}

/// A postmaster whose data directory was deleted under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stranded {
    /// Its process id.
    pub pid: u32,
    /// The data directory it was in.
    pub data: PathBuf,
}

/// The postmasters of `uid` that run in a deleted data directory and carry our cluster name
/// in their children's titles.
pub fn stranded(uid: u32) -> Vec<Stranded> {
    let living: Vec<(u32, u32, u32)> = all().into_iter().filter_map(|p| identity(p).map(|(u, pp)| (p, u, pp))).collect();
    living
        .iter()
        .filter(|(_, u, _)| *u == uid)
        .filter_map(|(pid, _, _)| {
            let argv = args(*pid)?;
            let given = data_arg(&argv)?;
            let dir = match cwd(*pid) {
                Some(c) => c.deleted.then_some(c.path)?,
                // Its folder unreadable here: gone if the path it was started with is.
                None => Some(PathBuf::from(given)).filter(|g| g.is_absolute() && !g.exists())?,
            };
            let ours = living.iter().any(|(child, _, parent)| parent == pid && args(*child).is_some_and(|a| titled_ours(&a)));
            ours.then_some(Stranded { pid: *pid, data: dir })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_postmaster_is_postgres_with_a_data_directory() {
        assert_eq!(split_args(b"/usr/lib/postgresql/15/bin/postgres\0-D\0/srv/x/data\0"), strings(&["/usr/lib/postgresql/15/bin/postgres", "-D", "/srv/x/data"]));
        let args = strings(&["/usr/lib/postgresql/15/bin/postgres", "-D", "/srv/x/data"]);
        assert_eq!(data_arg(&args), Some("/srv/x/data"));
        assert_eq!(data_arg(&strings(&["postgres: dws-emulator: checkpointer"])), None);
        assert_eq!(data_arg(&strings(&["/usr/bin/not-postgres", "-D", "/srv"])), None);
        assert_eq!(data_arg(&strings(&["/usr/lib/postgresql/15/bin/postgres"])), None);
        assert_eq!(data_arg(&[]), None);
    }

    #[test]
    fn a_deleted_working_directory_is_told_apart() {
        assert_eq!(parse_cwd("/tmp/x/servers/1/data (deleted)"), Cwd { path: "/tmp/x/servers/1/data".into(), deleted: true });
        assert_eq!(parse_cwd("/tmp/x/servers/1/data"), Cwd { path: "/tmp/x/servers/1/data".into(), deleted: false });
    }

    #[test]
    fn status_fields_are_read() {
        let status = "Name:\tpostgres\nState:\tS (sleeping)\nPPid:\t1\nUid:\t101\t101\t101\t101\n";
        assert_eq!(status_field(status, "State:"), Some("S"));
        assert_eq!(status_field(status, "Uid:"), Some("101"));
        assert_eq!(status_field(status, "PPid:"), Some("1"));
        assert_eq!(status_field(status, "Gid:"), None);
    }

    #[test]
    fn our_servers_carry_our_name_in_their_titles() {
        assert!(titled_ours(&strings(&["postgres: dws-emulator: checkpointer "])));
        assert!(!titled_ours(&strings(&["postgres: main: checkpointer "])));
        assert!(!titled_ours(&strings(&["postgres: checkpointer "])));
        assert!(!titled_ours(&[]));
    }

    #[test]
    fn this_process_is_no_postmaster() {
        let me = std::process::id();
        assert!(alive(me));
        assert!(!serves(me, Path::new("/")));
        assert_eq!(cwd(me).map(|c| c.deleted), Some(false));
    }
}
