//! Which emulator a server folder belongs to. Servers that live outside the emulator's `--data`
//! (in PostgreSQL's home or /tmp, see [`super::servers_folder`]) outlive it when that folder is
//! deleted; the record in each of them is what lets any later emulator tell an orphan from a
//! server whose emulator is merely stopped.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The file in a server's folder that names its owner: the canonical path of the `--data`
/// folder of the emulator that made it.
pub const FILE: &str = "owner";

/// The file whose presence says an emulator's state is still there (the store's database).
const STATE: &str = "data.db";

/// The record in a server folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// No record: made by an older emulator, or being made right now.
    None,
    /// The `--data` folder of the emulator that made it.
    Owner(PathBuf),
}

/// Whether the emulator a record names still has its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Its state is there: its servers are its own business, running or not.
    Present,
    /// Its folder, or the state in it, is gone: nobody will ever start its servers again.
    Gone,
    /// It cannot be told (the folder cannot be read): left alone.
    Unknown,
}

/// Writes the record of `owner` into the server folder `root`.
pub fn write(root: &Path, owner: &Path) -> std::io::Result<()> {
    std::fs::write(root.join(FILE), owner.as_os_str().as_encoded_bytes())
}

/// Reads the record of the server folder `root`.
pub fn read(root: &Path) -> Record {
    match std::fs::read(root.join(FILE)) {
        Ok(bytes) => parse(&bytes),
        Err(_) => Record::None,
    }
}

/// A record's text: an absolute path, or nothing usable (an empty or cut file counts as none,
/// which leaves the folder alone).
fn parse(bytes: &[u8]) -> Record {
    let text = String::from_utf8_lossy(bytes);
    let path = Path::new(text.trim_end_matches('\n'));
    if path.is_absolute() && !text.contains('\0') { Record::Owner(path.to_owned()) } else { Record::None }
}

/// Whether the emulator whose `--data` is `owner` still has its state.
pub fn standing(owner: &Path) -> Standing {
    match std::fs::symlink_metadata(owner.join(STATE)) {
        Ok(_) => Standing::Present,
        // A file where the folder was is as gone as no folder.
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => Standing::Gone,
        Err(_) => Standing::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_an_absolute_path_and_nothing_else() {
        assert_eq!(parse(b"/tmp/dws-e2e-x/data"), Record::Owner(PathBuf::from("/tmp/dws-e2e-x/data")));
        assert_eq!(parse(b"/srv/emu\n"), Record::Owner(PathBuf::from("/srv/emu")));
        assert_eq!(parse(b""), Record::None);
        assert_eq!(parse(b"relative/data"), Record::None);
        assert_eq!(parse(b"/a\0b"), Record::None);
    }

    #[test]
    fn an_owner_without_its_state_is_gone() {
        let dir = std::env::temp_dir().join(format!("dws-emu-owner-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("server")).unwrap();
        assert_eq!(read(&dir.join("server")), Record::None);
        write(&dir.join("server"), &dir.join("data")).unwrap();
        assert_eq!(read(&dir.join("server")), Record::Owner(dir.join("data")));
        assert_eq!(standing(&dir.join("data")), Standing::Gone, "no folder");
        std::fs::create_dir_all(dir.join("data")).unwrap();
        assert_eq!(standing(&dir.join("data")), Standing::Gone, "a folder without its state");
        std::fs::write(dir.join("data").join(STATE), b"").unwrap();
        assert_eq!(standing(&dir.join("data")), Standing::Present);
        std::fs::write(dir.join("file"), b"").unwrap();
        assert_eq!(standing(&dir.join("file")), Standing::Gone, "a file where the folder was");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
