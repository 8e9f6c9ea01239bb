//! Starting the emulator binary from the commands.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::http;
use crate::project::Project;

/// The demo account's values (the emulator's built-in configuration).
pub const DEMO_PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/// A running emulator; stopped when dropped.
pub struct Emulator {
    child: Child,
    /// `host:port`.
    pub addr: String,
}

impl Emulator {
    /// Starts the built binary (`target/<profile>/dws-emulator`) and waits until it listens.
    pub fn start(project: &Project, profile: &str, listen: &str, data: &Path, extra: &[&str]) -> Result<Emulator, String> {
        let bin = project.target_dir().join(profile).join("dws-emulator");
        let mut child = Command::new(&bin)
            .args(["--listen", listen, "--data"])
            .arg(data)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok).ok_or("the emulator exited before listening")?;
        let addr = first
            .strip_prefix("dws-emulator listening on http://")
            .ok_or_else(|| format!("unexpected first line from the emulator: {first}"))?
            .to_owned();
        // Pass the rest of its output through.
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                println!("  {line}");
            }
        });
        Ok(Emulator { child, addr })
    }

    /// Signs in as the demo admin and returns the token.
    pub fn sign_in(&self) -> Result<String, String> {
        let body = r#"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"Admin@12345","domain":{"name":"demo"}}}},"scope":{"project":{"name":"ae-ad-1"}}}}"#;
        let a = http::request(&self.addr, "POST", "/v3/auth/tokens", &[("Content-Type", "application/json")], body)?;
        a.header("x-subject-token")
            .filter(|_| a.status == 201)
            .map(str::to_owned)
            .ok_or_else(|| format!("sign-in answered {}: {}", a.status, a.body))
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
