//! Finding PostgreSQL's programs: a folder given with `--postgres-bin`, Debian's
//! `/usr/lib/postgresql/<version>/bin` (the newest), or the folder of `pg_ctl` on `PATH`.

use std::path::{Path, PathBuf};

/// The programs the data plane runs.
const NEEDED: [&str; 6] = ["initdb", "postgres", "pg_ctl", "pg_dump", "pg_restore", "psql"];

/// A folder with PostgreSQL's server programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binaries {
    /// The folder.
    pub dir: PathBuf,
    /// What `postgres --version` says (`postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`).
    pub version: String,
}

/// Why no usable PostgreSQL was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotFound {
    /// The folder given lacks a program.
    #[error("{dir} has no {program}: --postgres-bin must name the folder with PostgreSQL's server programs (initdb, postgres, pg_ctl, pg_dump, pg_restore, psql)")]
    Missing {
        /// The folder.
        dir: String,
        /// The first program missing.
        program: &'static str,
    },
    /// Nothing anywhere.
    #[error(
        "PostgreSQL's server programs were not found (in /usr/lib/postgresql/*/bin or on PATH). \
         Install them (on Debian or Ubuntu: sudo apt-get install postgresql), point to them with \
         --postgres-bin DIR, or start the emulator with --data-plane none for clusters without servers."
    )]
    Nowhere,
    /// A program does not run.
    #[error("{0} does not run: {1}")]
    Broken(String, String),
}

impl Binaries {
    /// A program of the folder.
    pub fn path(&self, program: &str) -> PathBuf {
        self.dir.join(program)
    }

    /// Checks a folder: every program is there and `postgres --version` answers.
    pub fn at(dir: &Path) -> Result<Binaries, NotFound> {
        if let Some(program) = NEEDED.iter().find(|p| !dir.join(p).is_file()) {
            return Err(NotFound::Missing { dir: dir.display().to_string(), program });
        }
        let postgres = dir.join("postgres");
        let out = std::process::Command::new(&postgres)
            .arg("--version")
            .output()
            .map_err(|e| NotFound::Broken(postgres.display().to_string(), e.to_string()))?;
        let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if !out.status.success() || version.is_empty() {
            return Err(NotFound::Broken(postgres.display().to_string(), String::from_utf8_lossy(&out.stderr).trim().to_owned()));
        }
        Ok(Binaries { dir: dir.to_owned(), version })
    }

    /// The folder given, or the first usable one found.
    pub fn find(given: Option<&Path>) -> Result<Binaries, NotFound> {
        if let Some(dir) = given {
            return Binaries::at(dir);
        }
        let mut candidates: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let major: u32 = e.file_name().to_str()?.parse().ok()?;
                Some((major, e.path().join("bin")))
            })
            .collect();
        candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
        let on_path = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.join("pg_ctl"))
            .filter(|p| p.is_file())
            .filter_map(|p| std::fs::canonicalize(p).ok()?.parent().map(Path::to_owned));
        candidates
            .into_iter()
            .map(|(_, d)| d)
            .chain(on_path)
            .find_map(|d| Binaries::at(&d).ok())
            .ok_or(NotFound::Nowhere)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_the_programs_is_refused_by_name() {
        let dir = std::env::temp_dir().join(format!("dws-pgbin-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = Binaries::at(&dir).unwrap_err();
        assert!(e.to_string().contains("has no initdb"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(NotFound::Nowhere.to_string().contains("apt-get install postgresql"));
    }
}
