//! A benchmark's working folder, removed when the benchmark ends, however it ends, with what
//! was made in it: PostgreSQL servers still running there, and the server folders that the
//! emulators whose data it holds keep outside it (in PostgreSQL's home, when the servers' user
//! cannot enter the folder). Declared before the services that use it, so that they are
//! stopped first.

use std::path::{Path, PathBuf};

use crate::leftovers;

/// The folder.
pub struct Scratch(PathBuf);

impl Scratch {
    /// A fresh, empty folder at `path`; what an interrupted earlier run left there goes first.
    pub fn new(path: PathBuf) -> Result<Scratch, String> {
        drop(Scratch(path.clone()));
        std::fs::create_dir_all(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        Ok(Scratch(path))
    }

    /// A path in it.
    pub fn join(&self, path: &str) -> PathBuf {
        self.0.join(path)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !self.0.exists() {
            return;
        }
        let mut outside = Vec::new();
        let below = std::fs::read_dir(&self.0).into_iter().flatten().flatten().map(|e| e.path());
        for data in std::iter::once(self.0.clone()).chain(below).filter(|d| d.join("data.db").exists()) {
            outside.extend(leftovers::server_folders_of(&data));
        }
        for (pid, dir) in leftovers::postmasters() {
            if dir.starts_with(&self.0) || outside.iter().any(|f| dir.starts_with(f)) {
                leftovers::stop(pid);
            }
        }
        for folder in outside {
            let _ = std::fs::remove_dir_all(&folder);
            // Its emulator's folder of servers, once empty.
            if let Some(tag) = folder.parent() {
                let _ = std::fs::remove_dir(tag);
            }
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
