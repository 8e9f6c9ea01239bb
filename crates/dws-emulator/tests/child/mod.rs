//! The real emulator binary as a child process, and a minimal HTTP/1.1 client to talk to it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A test's folder for emulators' data, removed when dropped together with the servers of the
/// emulators whose `--data` it is or holds, wherever those live (PostgreSQL's home, when the
/// servers' user cannot enter the folder). Declared before the emulators, so that they are
/// stopped first.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// A fresh folder `dws-emu-<tag>-<pid>-<n>` in the temporary folder, not yet made.
    pub fn new(tag: &str) -> Scratch {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("dws-emu-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }

    /// A fresh folder only its owner can enter (as `mktemp -d` makes).
    pub fn private(tag: &str) -> Scratch {
        use std::os::unix::fs::PermissionsExt;
        let s = Scratch::new(tag);
        std::fs::create_dir_all(&s.0).unwrap();
        std::fs::set_permissions(&s.0, std::fs::Permissions::from_mode(0o700)).unwrap();
        s
    }

    /// A path in it.
    pub fn join(&self, path: &str) -> PathBuf {
        self.0.join(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let below = std::fs::read_dir(&self.0).into_iter().flatten().flatten().map(|e| e.path());
        for data in std::iter::once(self.0.clone()).chain(below).filter(|d| d.join("data.db").exists()) {
            if let Err(e) = dws_emulator::plane::sweep::forget(&data) {
                eprintln!("removing the servers of {}: {e}", data.display());
            }
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running emulator.
pub struct Emulator {
    pub child: Child,
    pub addr: String,
}

/// Starts `dws-emulator` on a free loopback port over `data`, waiting until it listens.
pub fn start(data: &Path, extra: &[&str]) -> Emulator {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dws-emulator"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start dws-emulator");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("the emulator printed nothing").expect("read stdout");
    let addr = first
        .strip_prefix("dws-emulator listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Emulator { child, addr }
}

impl Emulator {
    /// Stops it with SIGKILL: no chance to clean up.
    pub fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Emulator {
    /// Stops it as a user would, with SIGTERM, so that it stops its clusters' servers too; only
    /// one that does not stop in time is killed.
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// One request on a fresh connection. Errors (a killed server) come back as `Err`.
pub fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> std::io::Result<Answer> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    let body = body.unwrap_or("");
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "incomplete answer"))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "no status line"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Ok(Answer { status, headers, body: body.to_owned() })
}

/// Signs in as the demo admin and returns the token.
pub fn sign_in(addr: &str) -> std::io::Result<String> {
    let body = r#"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"Admin@12345","domain":{"name":"demo"}}}},"scope":{"project":{"name":"ae-ad-1"}}}}"#;
    let a = request(addr, "POST", "/v3/auth/tokens", &[("Content-Type", "application/json")], Some(body))?;
    match (a.status, a.header("x-subject-token")) {
        (201, Some(t)) => Ok(t.to_owned()),
        _ => Err(std::io::Error::other(format!("sign-in answered {}: {}", a.status, a.body))),
    }
}
