//! Harness for the browser tests: a headless Chromium behind ChromeDriver, the built console on
//! a loopback server, and helpers that wait for the page instead of sleeping.
//!
//! The tests are `#[ignore]`d in a plain `cargo test` (they need a browser and a release build);
//! `cargo xtask test` builds the console, sets `DWS_CONSOLE_DIST` and runs them.

use std::net::{SocketAddr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long any wait lasts before a test fails.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// The release console `cargo xtask test` built.
pub fn console_dist() -> PathBuf {
    let dir = std::env::var_os("DWS_CONSOLE_DIST")
        .map(PathBuf::from)
        .expect(
            "DWS_CONSOLE_DIST is not set: run the browser tests with `cargo xtask test`, \
         which builds the console first",
        );
    assert!(
        dir.join("index.html").exists(),
        "{} has no index.html",
        dir.display()
    );
    dir
}

/// A static server for a built console on loopback, with the single-page-app fallback.
pub struct StaticServer {
    /// Where it listens.
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl StaticServer {
    /// Serves `dir` on a free loopback port.
    pub async fn start(dir: &Path) -> StaticServer {
        StaticServer::start_with_headers(dir, Default::default()).await
    }

    /// Serves `dir` and adds `headers` (which may be filled in after it starts) to every answer,
    /// as a static host configured with them would.
    pub async fn start_with_headers(dir: &Path, headers: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>) -> StaticServer {
        use tower_http::services::{ServeDir, ServeFile};
        let add = move |mut res: axum::response::Response| {
            let headers = headers.lock().unwrap().clone();
            async move {
                for (name, value) in headers {
                    res.headers_mut().insert(
                        http::HeaderName::try_from(name).unwrap(),
                        http::HeaderValue::try_from(value).unwrap(),
                    );
                }
                res
            }
        };
        let app = axum::Router::new()
            .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html"))))
            .layer(axum::middleware::map_response(add));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("static server");
        });
        StaticServer { addr, task }
    }

    /// A URL on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A headless Chromium driven through its own ChromeDriver, with a fresh profile.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts ChromeDriver (from `CHROMEDRIVER`, else Debian's) and opens a session.
    pub async fn start() -> Browser {
        Browser::start_with_args(&[]).await
    }

    /// Like [`Browser::start`], with more Chromium flags: a test that reads the page's memory
    /// needs `--js-flags=--expose-gc` and `--enable-precise-memory-info`, which others should
    /// not pay for.
    pub async fn start_with_args(extra: &[&str]) -> Browser {
        Browser::launch(extra, None).await
    }

    /// Like [`Browser::start`], in a time zone (`Asia/Shanghai`): pages that show times in the
    /// user's zone are then checked away from UTC, whatever the machine's own zone.
    pub async fn start_in_zone(tz: &str) -> Browser {
        Browser::launch(&[], Some(tz)).await
    }

    async fn launch(extra: &[&str], tz: Option<&str>) -> Browser {
        let driver_path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        let port = free_port();
        // Its own process group, so the browser it starts can be stopped with it (see Drop).
        let mut command = Command::new(&driver_path);
        // The browser inherits ChromeDriver's environment, and reads its zone from TZ.
        if let Some(tz) = tz {
            command.env("TZ", tz);
        }
        let driver = command
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_path}: {e}"));
        let profile =
            std::env::temp_dir().join(format!("dws-e2e-profile-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&profile).unwrap();
        // Flags from the machine notes: without the background-networking ones Chromium keeps
        // trying to reach Google's hosts, which this closed network refuses.
        let mut caps = serde_json::json!({
            // Browser console messages (CSP violations among them) can then be read back.
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        caps["goog:chromeOptions"]["args"]
            .as_array_mut()
            .unwrap()
            .extend(extra.iter().map(|&a| a.into()));
        let caps = caps.as_object().unwrap().clone();
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + TIMEOUT;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot open a WebDriver session on {url}: {e}"),
            }
        };
        Browser {
            client,
            driver,
            profile,
        }
    }

    /// Ends the session and stops the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }

    /// Waits for an element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits until the element matching `css` has exactly `text`.
    pub async fn wait_text(&self, css: &str, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if last == text {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css}: expected {text:?}, last saw {last:?}");
    }

    /// Waits until the page's path is `path`.
    pub async fn wait_path(&self, path: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(url) = self.client.current_url().await {
                last = url.path().to_owned();
                if last == path {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected path {path}, last saw {last}");
    }

    /// The browser's console messages since the last call (Chrome's log, through ChromeDriver).
    pub async fn console_messages(&self) -> Vec<String> {
        let v = self
            .client
            .issue_cmd(ReadBrowserLog)
            .await
            .expect("read the browser log");
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["message"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a PNG of the page under `target/e2e-screenshots/`, for people to look at.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

/// ChromeDriver's (pre-W3C, still supported) command for the browser console log.
#[derive(Debug)]
struct ReadBrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for ReadBrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// A project binary (the emulator or the proxy) running for a test; stopped when dropped, and
/// then the folders and files it was given to own are removed.
pub struct Service {
    child: Child,
    /// `host:port` it listens on.
    pub addr: String,
    /// `http`, or `https` when it terminates TLS.
    pub scheme: &'static str,
    /// Removed once it has stopped: an emulator's data goes only after it stopped its servers.
    owned: Vec<TempPath>,
}

impl Service {
    /// Starts the binary named by the environment variable `env` (set by `cargo xtask test`),
    /// which must print `… listening on http://ADDR[/base]` first.
    pub fn start(env: &str, args: &[&str]) -> Service {
        let bin = std::env::var(env).unwrap_or_else(|_| {
            panic!("{env} is not set: run the browser tests with `cargo xtask test`")
        });
        Service::start_path(Path::new(&bin), args)
    }

    /// Starts the binary at `bin` (which prints `… listening on http[s]://ADDR[/base]` first).
    pub fn start_path(bin: &Path, args: &[&str]) -> Service {
        let mut child = Command::new(bin)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("{} printed nothing", bin.display()));
        let (scheme, url) = ["https", "http"]
            .into_iter()
            .find_map(|s| first.split(&format!("listening on {s}://")).nth(1).map(|u| (s, u)))
            .unwrap_or_else(|| panic!("unexpected first line: {first}"));
        let addr = url.split('/').next().unwrap().to_owned();
        std::thread::spawn(move || for _ in lines {});
        Service { child, addr, scheme, owned: Vec::new() }
    }

    /// Gives it `path` (its data, its settings) to remove once it has stopped.
    pub fn owning(mut self, path: TempPath) -> Service {
        self.owned.push(path);
        self
    }

    /// A URL on this service.
    pub fn url(&self, path: &str) -> String {
        format!("{}://{}{}", self.scheme, self.addr, path)
    }
}

impl Drop for Service {
    /// Stops it as a user would, with SIGTERM, so that the emulator stops its clusters' servers
    /// too; only one that does not stop in time is killed. What it owns goes after this.
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Moves the clock of an emulator started with `--clock manual` forward by `seconds`, finishing
/// the work that falls due: a test decides when each asynchronous task ends, so it sees every
/// state it waits for, however slow the machine.
pub async fn advance_clock(emulator: &Service, seconds: f64) {
    use hyper_util::client::legacy::Client;
    let client: Client<_, String> = Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let req = http::Request::post(emulator.url("/_emulator/clock"))
        .header("content-type", "application/json")
        .body(format!(r#"{{"advance_seconds": {seconds}}}"#))
        .unwrap();
    let status = client.request(req).await.expect("the emulator answers").status();
    assert_eq!(status, 200, "moving the emulator's clock (is it started with --clock manual?)");
}

/// A fresh path in the temporary folder, for a folder or a file; whatever is there is removed
/// when it is dropped. A service's data is given to the service ([`Service::owning`]) or
/// declared before it, so that it goes after the service has stopped.
pub struct TempPath(PathBuf);

impl std::ops::Deref for TempPath {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempPath {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempPath {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        match std::fs::symlink_metadata(&self.0) {
            Ok(m) if m.is_dir() => drop(std::fs::remove_dir_all(&self.0)),
            Ok(_) => drop(std::fs::remove_file(&self.0)),
            Err(_) => {}
        }
    }
}

/// A fresh temporary path (`dws-e2e-<tag>-<pid>-<n>`) for a service's data or settings.
pub fn temp_path(tag: &str) -> TempPath {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let p = std::env::temp_dir().join(format!("dws-e2e-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    TempPath(p)
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A failed test never reaches `close`: stop the driver and every browser process it
        // started (they share its process group), so nothing is left running.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_path_takes_its_folder_or_file_with_it() {
        let folder = temp_path("guard");
        std::fs::create_dir_all(folder.join("servers/x")).unwrap();
        let file = temp_path("guard.toml");
        std::fs::write(&file, "x").unwrap();
        let (f, g) = (folder.to_path_buf(), file.to_path_buf());
        drop((folder, file));
        assert!(!f.exists() && !g.exists());
        drop(temp_path("never-made"));
    }
}
