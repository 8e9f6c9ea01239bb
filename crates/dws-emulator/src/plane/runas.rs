//! Whom the PostgreSQL programs run as. PostgreSQL refuses to run as root, so an emulator
//! running as root runs them as the unprivileged `postgres` system user that Debian's package
//! creates; any other user runs them as itself.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// A system user the servers run as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemUser {
    /// Its name.
    pub name: String,
    /// Its user id.
    pub uid: u32,
    /// Its primary group.
    pub gid: u32,
    /// Its home folder.
    pub home: String,
}

/// The user id this process runs as (the owner of its `/proc` entry), or `None` off Linux.
pub fn current_uid() -> Option<u32> {
    std::fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// Looks a user up in `passwd`-format text.
pub fn lookup(passwd: &str, name: &str) -> Option<SystemUser> {
    passwd.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() >= 7 && f[0] == name).then(|| {
            Some(SystemUser { name: f[0].to_owned(), uid: f[2].parse().ok()?, gid: f[3].parse().ok()?, home: f[5].to_owned() })
        })?
    })
}

/// Who runs the servers: `None` for this process's own user, the `postgres` system user when
/// this process is root.
pub fn server_user() -> Result<Option<SystemUser>, String> {
    if current_uid() != Some(0) {
        return Ok(None);
    }
    let passwd = std::fs::read_to_string("/etc/passwd").map_err(|e| format!("cannot read /etc/passwd: {e}"))?;
    lookup(&passwd, "postgres").map(Some).ok_or_else(|| {
        "the emulator runs as root, and PostgreSQL refuses to: it runs the servers as the \
         `postgres` system user, which does not exist here. Install Debian's PostgreSQL (apt-get \
         install postgresql), which creates it, or run the emulator as another user."
            .to_owned()
    })
}

/// A command that runs as `user` (or as this process's user).
pub fn command(program: &Path, user: Option<&SystemUser>) -> Command {
    let mut c = Command::new(program);
    if let Some(u) = user {
        // std drops root's supplementary groups before it changes the user.
        c.uid(u.uid).gid(u.gid).env("HOME", &u.home).env("USER", &u.name);
    }
    // The servers' own files stay private to their user.
    c.env_remove("PGPASSWORD").env_remove("PGHOST").env_remove("PGPORT").env_remove("PGUSER");
    c
}

/// Makes `path` belong to `user` (when there is one).
pub fn give(path: &Path, user: Option<&SystemUser>) -> std::io::Result<()> {
    match user {
        Some(u) => std::os::unix::fs::chown(path, Some(u.uid), Some(u.gid)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_are_read_from_passwd() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash\n";
        assert_eq!(
            lookup(passwd, "postgres"),
            Some(SystemUser { name: "postgres".into(), uid: 101, gid: 104, home: "/var/lib/postgresql".into() })
        );
        assert_eq!(lookup(passwd, "nobody"), None);
        assert_eq!(lookup("postgres:x:oops:104:::/bin/sh", "postgres"), None);
    }
}
