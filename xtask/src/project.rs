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

    /// `cargo build --release` for the named packages, with [`Project::release_paths`] applied.
    pub fn release_build(&self, packages: &[&str]) -> Result<Command, String> {
        let mut c = self.command("cargo");
        c.args(["build", "--release", "--locked"]);
        for p in packages {
            c.args(["-p", p]);
        }
        self.release_paths(&mut c)?;
        Ok(c)
    }

    /// Makes a release build name no folder of this machine: panic messages and debug data name
    /// source files by path, and a shipped binary would otherwise carry the checkout's, cargo's
    /// and the home folder's. Every release build (console, servers) goes through this, so they
    /// share one set of compiled dependencies. The flags are added per target (cargo joins them
    /// with the ones in .cargo/config.toml, where RUSTFLAGS would replace them).
    pub fn release_paths(&self, command: &mut Command) -> Result<(), String> {
        let mut flags = Vec::new();
        // Broadest first: when several prefixes match, rustc applies the last one given.
        for (from, to) in self.machine_paths() {
            let from = from.to_string_lossy().into_owned();
            if from.contains(char::is_whitespace) {
                return Err(format!("{from} has a space, which cargo cannot pass to rustc in a target's rustflags; build from a folder without one"));
            }
            flags.push(format!("--remap-path-prefix={from}={to}"));
        }
        let flags = flags.join(" ");
        let host = host_triple()?.to_uppercase().replace('-', "_");
        command
            .env(format!("CARGO_TARGET_{host}_RUSTFLAGS"), &flags)
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", &flags);
        Ok(())
    }

    /// This machine's folders that builds can see, broadest first, with the neutral names they
    /// get in release builds.
    pub fn machine_paths(&self) -> Vec<(PathBuf, &'static str)> {
        let env_dir = |name: &str| std::env::var_os(name).map(PathBuf::from);
        let home = env_dir("HOME");
        let mut out = Vec::new();
        if let Some(h) = &home {
            out.push((h.clone(), "home"));
        }
        for (var, default, to) in [("CARGO_HOME", ".cargo", "cargo"), ("RUSTUP_HOME", ".rustup", "rustup")] {
            if let Some(d) = env_dir(var).or_else(|| home.as_ref().map(|h| h.join(default))) {
                out.push((d, to));
            }
        }
        out.push((self.root.clone(), "dws-console"));
        out.push((self.target_dir(), "target"));
        out
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

/// The triple rustc builds for by default (this machine's).
pub fn host_triple() -> Result<String, String> {
    let out = Command::new("rustc").arg("-vV").output().map_err(|e| format!("cannot run rustc -vV: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_owned)
        .ok_or_else(|| "rustc -vV names no host".to_owned())
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
