//! Where things are, and running commands with the project's tools first on PATH.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The checkout and its folders.
pub struct Project {
    /// The workspace root.
    pub root: PathBuf,
}

impl Project {
    /// The workspace this xtask belongs to.
    pub fn locate() -> Project {
        let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
        Project { root: xtask.parent().expect("xtask sits in the workspace").to_path_buf() }
    }

    /// Project-local tools (`.tools/`, ignored by git): cargo-installed binaries in `bin/`,
    /// npm packages in `node_modules/`.
    pub fn tools_dir(&self) -> PathBuf {
        self.root.join(".tools")
    }

    /// Cargo's target folder.
    pub fn target_dir(&self) -> PathBuf {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| self.root.join("target"))
    }

    /// PATH with the project's tools first, then cargo's bin folder, then the caller's PATH.
    pub fn path_var(&self) -> OsString {
        let mut dirs = vec![self.tools_dir().join("bin"), self.tools_dir().join("node_modules/.bin")];
        if let Some(home) = std::env::var_os("CARGO_HOME") {
            dirs.push(PathBuf::from(home).join("bin"));
        } else if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(home).join(".cargo/bin"));
        }
        dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        std::env::join_paths(dirs).expect("PATH entries have no separators")
    }

    /// A command run from the workspace root with the project's PATH.
    pub fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(&self.root).env("PATH", self.path_var());
        c
    }

    /// Runs a command, echoing it; fails with the command line if it fails.
    pub fn run(&self, mut command: Command) -> Result<(), String> {
        let line = describe(&command);
        println!("  $ {line}");
        let status = command.status().map_err(|e| format!("could not start `{line}`: {e}"))?;
        if status.success() { Ok(()) } else { Err(format!("`{line}` failed ({status})")) }
    }

    /// Runs a command quietly and returns its trimmed stdout, or `None` if it cannot run or fails.
    pub fn output(&self, program: &str, args: &[&str]) -> Option<String> {
        let out = self.command(program).args(args).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }
}

/// A command line as a user would type it.
pub fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

/// Prints a step heading.
pub fn step(text: &str) {
    println!("\n==> {text}");
}
