//! Installing the tools the commands need, each only when it is missing or the wrong version.

use std::path::PathBuf;

use crate::project::{Project, step};

/// trunk's version; it declares Rust 1.96 but builds and works on 1.95 (`--ignore-rust-version`).
const TRUNK_VERSION: &str = "0.22.1";
/// binaryen from npm. Debian's binaryen 108 produces a bundle that fails to load (a
/// `WebAssembly.Table.set()` error and a blank page), so it is never used.
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_OPT_VERSION: &str = "132";

/// What a command needs.
#[derive(Clone, Copy)]
pub struct Needs {
    /// Chromium and ChromeDriver (for tests).
    pub browser: bool,
    /// PostgreSQL's server programs (the emulator's clusters are PostgreSQL servers).
    pub postgres: bool,
}

impl Needs {
    /// Everything.
    pub fn all() -> Needs {
        Needs { browser: true, postgres: true }
    }
}

/// Where the tools were found.
pub struct Tools {
    /// ChromeDriver, when needed.
    pub chromedriver: Option<PathBuf>,
}

impl Tools {
    /// Installs whatever is missing, one line per tool.
    pub fn ensure(project: &Project, needs: Needs) -> Result<Tools, String> {
        step("Checking tools");
        wasm_target(project)?;
        let bindgen_version = wasm_bindgen_version(project)?;
        check_trunk_toml(project, &bindgen_version)?;
        trunk(project)?;
        wasm_bindgen(project, &bindgen_version)?;
        wasm_opt(project)?;
        let chromedriver = if needs.browser { Some(browser(project)?) } else { None };
        if needs.postgres {
            postgres(project)?;
        }
        Ok(Tools { chromedriver })
    }
}

fn ok(what: &str, detail: &str) {
    println!("  ✓ {what}: {detail}");
}

fn installing(what: &str, note: &str) {
    println!("  → {what}: installing{note}");
}

fn wasm_target(project: &Project) -> Result<(), String> {
    const TARGET: &str = "wasm32-unknown-unknown";
    let installed = project.output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == TARGET) {
        ok("Rust target", TARGET);
        return Ok(());
    }
    installing(&format!("Rust target {TARGET}"), "");
    let mut c = project.command("rustup");
    c.args(["target", "add", TARGET]);
    project.run(c)
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match it exactly.
fn wasm_bindgen_version(project: &Project) -> Result<String, String> {
    let lock = std::fs::read_to_string(project.root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

/// Trunk.toml pins the wasm-bindgen version trunk accepts; it must follow Cargo.lock.
fn check_trunk_toml(project: &Project, bindgen: &str) -> Result<(), String> {
    let toml = std::fs::read_to_string(project.root.join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let pinned = toml
        .lines()
        .find_map(|l| l.trim().strip_prefix("wasm_bindgen = \""))
        .map(|v| v.trim_end_matches('"'));
    match pinned {
        Some(v) if v == bindgen => Ok(()),
        Some(v) => Err(format!(
            "Trunk.toml pins wasm_bindgen = \"{v}\" but Cargo.lock has {bindgen}: update Trunk.toml"
        )),
        None => Err("Trunk.toml does not pin [tools] wasm_bindgen".into()),
    }
}

fn trunk(project: &Project) -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if project.output("trunk", &["--version"]).as_deref() == Some(want.as_str()) {
        ok("trunk", TRUNK_VERSION);
        return Ok(());
    }
    installing(&format!("trunk {TRUNK_VERSION}"), " from crates.io (about 12 minutes on 2 cores)");
    let mut c = project.command("cargo");
    c.args(["install", &format!("trunk@{TRUNK_VERSION}"), "--locked", "--ignore-rust-version", "--root"])
        .arg(project.tools_dir());
    project.run(c)
}

fn wasm_bindgen(project: &Project, version: &str) -> Result<(), String> {
    let want = format!("wasm-bindgen {version}");
    let has_cli = project.output("wasm-bindgen", &["--version"]).as_deref() == Some(want.as_str());
    let has_runner = project.output("wasm-bindgen-test-runner", &["--version"]).is_some();
    if has_cli && has_runner {
        ok("wasm-bindgen-cli", version);
        return Ok(());
    }
    // Not --locked: the CLI's own lockfile names a crate version the registry no longer has.
    installing(&format!("wasm-bindgen-cli {version}"), " from crates.io (a few minutes)");
    let mut c = project.command("cargo");
    c.args(["install", "wasm-bindgen-cli", "--version", version, "--force", "--root"])
        .arg(project.tools_dir());
    project.run(c)
}

fn wasm_opt(project: &Project) -> Result<(), String> {
    let found = project.output("wasm-opt", &["--version"]).unwrap_or_default();
    if found.starts_with(&format!("wasm-opt version {WASM_OPT_VERSION} ")) {
        ok("wasm-opt", &found);
        return Ok(());
    }
    if project.output("npm", &["--version"]).is_none() {
        return Err("npm is needed to install wasm-opt (binaryen). On Debian: apt-get install npm".into());
    }
    installing(&format!("wasm-opt {WASM_OPT_VERSION}"), " from npm (binaryen)");
    let dir = project.tools_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut c = project.command("npm");
    c.args(["install", "--no-audit", "--no-fund", "--save-exact", "--prefix"])
        .arg(&dir)
        .arg(format!("binaryen@{BINARYEN_VERSION}"));
    project.run(c)?;
    let found = project.output("wasm-opt", &["--version"]).unwrap_or_default();
    if found.starts_with(&format!("wasm-opt version {WASM_OPT_VERSION} ")) {
        Ok(())
    } else {
        Err(format!("wasm-opt still reports '{found}' after installing binaryen {BINARYEN_VERSION}"))
    }
}

/// Debian's packages the browser tests need: the browser, its driver, and CJK fonts so that
/// screenshots show Chinese as Chinese, not boxes.
const BROWSER_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-noto-cjk"];

fn browser(project: &Project) -> Result<PathBuf, String> {
    let driver = std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"));
    let missing: Vec<&str> = BROWSER_PACKAGES.into_iter().filter(|p| !debian_has(project, p)).collect();
    // A driver named by CHROMEDRIVER stands in for Debian's.
    let missing: Vec<&str> = missing
        .into_iter()
        .filter(|p| !(*p == "chromium-driver" && std::env::var_os("CHROMEDRIVER").is_some() && driver.exists()))
        .collect();
    if missing.is_empty() {
        ok("Chromium", &project.output("chromium", &["--version"]).unwrap_or_else(|| "found".into()));
        ok("CJK fonts", "fonts-noto-cjk");
        return Ok(driver);
    }
    apt_install(project, &missing)?;
    Ok(driver)
}

/// PostgreSQL's server programs, for the emulator's clusters: Debian's `postgresql` package
/// when none are found (its `postgres` system user is whom the emulator runs servers as when it
/// runs as root).
fn postgres(project: &Project) -> Result<(), String> {
    let found = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .find(|bin| ["initdb", "postgres", "pg_ctl", "pg_dump", "pg_restore", "psql"].iter().all(|p| bin.join(p).is_file()));
    match found {
        Some(bin) => {
            ok("PostgreSQL", &bin.display().to_string());
            Ok(())
        }
        None => apt_install(project, &["postgresql"]),
    }
}

/// Whether Debian's package is installed.
fn debian_has(project: &Project, package: &str) -> bool {
    project.output("dpkg-query", &["-W", "-f=${Status}", package]).is_some_and(|s| s.ends_with("installed"))
}

/// Installs Debian packages, as root; otherwise says how.
fn apt_install(project: &Project, packages: &[&str]) -> Result<(), String> {
    let list = packages.join(" ");
    if !is_root() {
        return Err(format!("the tests need Debian's {list}; install them with\n  sudo apt-get install -y {list}"));
    }
    installing(&list, " from Debian");
    let mut update = project.command("apt-get");
    update.args(["update", "-qq"]);
    project.run(update)?;
    let mut install = project.command("apt-get");
    install.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "-qq", "--no-install-recommends"]).args(packages);
    project.run(install)
}

fn is_root() -> bool {
    // `id -u` rather than libc: xtask stays dependency-free.
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The virtual environment with Huawei's official Python SDK, pinned by
/// `crates/dws-emulator/tests/sdk/requirements.txt`; created or updated when the pins change.
pub fn sdk_venv(project: &Project) -> Result<PathBuf, String> {
    let venv = project.tools_dir().join("sdk-venv");
    let python = venv.join("bin/python");
    let requirements = project.root.join("crates/dws-emulator/tests/sdk/requirements.txt");
    let pins = std::fs::read_to_string(&requirements).map_err(|e| format!("cannot read {}: {e}", requirements.display()))?;
    let marker = venv.join(".installed-requirements");
    if python.exists() && std::fs::read_to_string(&marker).ok().as_deref() == Some(pins.as_str()) {
        ok("official SDKs", "huaweicloudsdkdws, huaweicloudsdkces (venv ready)");
        return Ok(python);
    }
    installing("Huawei's Python SDK", " from PyPI into .tools/sdk-venv");
    if !python.exists() {
        let mut c = project.command("python3");
        c.args(["-m", "venv"]).arg(&venv);
        project.run(c).map_err(|e| format!("{e}\n  (on Debian: apt-get install python3-venv)"))?;
    }
    let mut c = project.command(python.to_str().unwrap_or("python"));
    c.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"]).arg(&requirements);
    project.run(c)?;
    std::fs::write(&marker, pins).map_err(|e| e.to_string())?;
    Ok(python)
}
