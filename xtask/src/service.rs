//! Starting the project's servers (the emulator, the proxy) from the commands.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::http;
use crate::project::Project;

/// The demo project of the emulator's built-in configuration.
pub const DEMO_PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/// A running server; stopped when dropped.
pub struct Service {
    child: Child,
    /// `host:port` it listens on.
    pub addr: String,
}

impl Service {
    /// Starts `target/<profile>/<bin>` and waits for its first line, `… listening on http://ADDR`.
    /// The rest of its output is passed through, indented, when `echo` is set.
    pub fn start(project: &Project, profile: &str, bin: &str, args: &[&str], echo: bool) -> Result<Service, String> {
        Service::start_path(&project.target_dir().join(profile).join(bin), args, echo)
    }

    /// [`Service::start`] for a binary anywhere.
    pub fn start_path(path: &std::path::Path, args: &[&str], echo: bool) -> Result<Service, String> {
        let bin = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut child = Command::new(path)
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", path.display()))?;
        let bin = bin.as_str();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok).ok_or_else(|| format!("{bin} exited before listening"))?;
        let addr = first
            .split("listening on http://")
            .nth(1)
            .and_then(|u| u.split('/').next())
            .ok_or_else(|| format!("unexpected first line from {bin}: {first}"))?
            .to_owned();
        if echo {
            println!("  {first}");
        }
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if echo {
                    println!("  {line}");
                }
            }
        });
        Ok(Service { child, addr })
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to end.
    pub fn wait(&mut self) -> Result<(), String> {
        self.child.wait().map(|_| ()).map_err(|e| e.to_string())
    }
}

impl Drop for Service {
    /// Stops it with SIGTERM, so that the emulator stops its clusters' servers too; only one
    /// that does not stop in time is killed.
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        for _ in 0..1500 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Signs in to the emulator's demo as `admin` and returns the token.
pub fn sign_in(addr: &str) -> Result<String, String> {
    let body = r#"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"Admin@12345","domain":{"name":"demo"}}}},"scope":{"project":{"name":"ae-ad-1"}}}}"#;
    let a = http::request(addr, "POST", "/v3/auth/tokens", &[("Content-Type", "application/json")], body)?;
    a.header("x-subject-token")
        .filter(|_| a.status == 201)
        .map(str::to_owned)
        .ok_or_else(|| format!("sign-in answered {}: {}", a.status, a.body))
}
