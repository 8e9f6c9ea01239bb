//! The release archive as a user gets it: checked against its `SHA256SUMS`, unpacked into a fresh
//! folder, its emulator and its proxy started from there with TLS, a sign-in through the proxy
//! with the demo user, and the clusters listed, over the API and in the browser. It names no
//! folder of the machine that built it.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use dws_e2e::{Browser, Service, StaticServer, temp_path};
use http_body_util::BodyExt;

const IGNORE: &str = "needs the release archive (`cargo xtask dist`), Chromium: run `cargo xtask test`";

/// The archive `cargo xtask test` built, and the folder it unpacked into.
struct Unpacked {
    archive: PathBuf,
    /// Removed when dropped, with everything the test made in it.
    dir: dws_e2e::TempPath,
    root: PathBuf,
}

fn unpack() -> Unpacked {
    let archive = PathBuf::from(std::env::var("DWS_DIST_ARCHIVE").expect(IGNORE));
    let file = archive.file_name().unwrap().to_string_lossy().into_owned();
    let name = file.strip_suffix(".tar.gz").expect("a .tar.gz").to_owned();
    assert!(name.starts_with("dws-console-") && name.ends_with("-x86_64-linux"), "{name}");
    let sums = Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(archive.parent().unwrap())
        .output()
        .unwrap();
    assert!(sums.status.success(), "sha256sum -c: {}{}", String::from_utf8_lossy(&sums.stdout), String::from_utf8_lossy(&sums.stderr));
    let dir = temp_path("dist");
    std::fs::create_dir_all(&dir).unwrap();
    let ok = Command::new("tar").arg("-xzf").arg(&archive).arg("-C").arg(&dir).status().unwrap().success();
    assert!(ok, "tar -xzf");
    let root = dir.join(&name);
    Unpacked { archive, dir, root }
}

/// Every file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out
}

#[test]
#[ignore = "needs the release archive (`cargo xtask dist`), Chromium: run `cargo xtask test`"]
fn the_archive_holds_what_a_deployment_needs_and_no_path_of_the_build_machine() {
    let u = unpack();
    for (path, executable) in [
        ("bin/dws-proxy", true),
        ("bin/dws-emulator", true),
        ("console/index.html", false),
        ("console/config.json", false),
        ("config/dws-proxy.toml", false),
        ("systemd/dws-proxy.service", false),
        ("LICENSE", false),
        ("README.md", false),
    ] {
        let meta = std::fs::metadata(u.root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(meta.permissions().mode() & 0o111 != 0, executable, "{path}: mode {:o}", meta.permissions().mode());
    }
    let wasm = files(&u.root.join("console")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "wasm")).count();
    assert_eq!(wasm, 1, "the release console");
    let config: serde_json::Value = serde_json::from_slice(&std::fs::read(u.root.join("console/config.json")).unwrap()).unwrap();
    assert_eq!(config["api_base"], "", "the example config.json: the API on the console's own origin");

    // Entries: relative, under one folder, owned by root, no one's name.
    let listing = Command::new("tar").args(["--numeric-owner", "-tvzf"]).arg(&u.archive).output().unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    let top = u.root.file_name().unwrap().to_string_lossy().into_owned();
    for line in listing.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields[1], "0/0", "owned by root: {line}");
        assert!(fields[5].starts_with(&format!("{top}/")), "relative, under {top}/: {line}");
    }

    // No folder of the build machine, in any file (the binaries' panic messages, the wasm).
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let target = u.archive.parent().unwrap().parent().unwrap().to_path_buf();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut needles: Vec<PathBuf> = vec![checkout, target];
    needles.extend(home.iter().cloned());
    for (var, default) in [("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")] {
        needles.extend(std::env::var_os(var).map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(default))));
    }
    let needles: Vec<String> = needles
        .iter()
        .map(|p| format!("{}/", p.display()))
        .filter(|p| p.len() > 2)
        .collect();
    assert!(needles.len() >= 4, "{needles:?}");
    let mut found = Vec::new();
    for f in files(&u.root) {
        let bytes = std::fs::read(&f).unwrap();
        for n in &needles {
            if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                found.push(format!("{} holds {n}", f.strip_prefix(&u.root).unwrap().display()));
            }
        }
    }
    assert!(found.is_empty(), "paths of the build machine: {found:#?}");

    // The unit: hardened as promised, and valid to systemd.
    let unit = std::fs::read_to_string(u.root.join("systemd/dws-proxy.service")).unwrap();
    for line in ["DynamicUser=yes", "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes"] {
        assert!(unit.lines().any(|l| l == line), "{line} in the unit");
    }
    assert!(!unit.lines().any(|l| l.starts_with("User=")), "no fixed user, root least of all");
    let copy = u.dir.join("dws-proxy.service");
    std::fs::write(&copy, unit.replace("/opt/dws-console/bin/dws-proxy", &u.root.join("bin/dws-proxy").display().to_string())).unwrap();
    let verify = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&copy)
        .output()
        .expect("systemd-analyze (Debian's systemd) checks the unit");
    let said = format!("{}{}", String::from_utf8_lossy(&verify.stdout), String::from_utf8_lossy(&verify.stderr));
    assert!(verify.status.success() && said.trim().is_empty(), "systemd-analyze verify: {said}");

    // The README: filled in for this build.
    let readme = std::fs::read_to_string(u.root.join("README.md")).unwrap();
    assert!(readme.contains(&format!("sudo tar -xzf {top}.tar.gz -C /opt")), "the archive's own name");
    let policy = Command::new(u.root.join("bin/dws-proxy"))
        .args(["static-headers", "console", "--api-origin", "https://dws-proxy.example.com"])
        .current_dir(&u.root)
        .output()
        .unwrap();
    let policy = String::from_utf8(policy.stdout).unwrap();
    let csp = policy.lines().find(|l| l.starts_with("Content-Security-Policy: ")).unwrap();
    assert!(readme.contains(csp), "the README carries this build's policy: {csp}");
}

/// A certificate for `localhost` and 127.0.0.1, written where the proxy reads it: (cert, key, PEM).
fn certificate(dir: &Path) -> (PathBuf, PathBuf, String) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let (cert, key) = (dir.join("tls.crt"), dir.join("tls.key"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.key_pair.serialize_pem()).unwrap();
    (cert, key, made.cert.pem())
}

/// A client that trusts only `pem`, and speaks only HTTPS.
fn https_client(pem: &str) -> hyper_util::client::legacy::Client<hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>, String> {
    use rustls_pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.add(rustls_pki_types::CertificateDer::from_pem_slice(pem.as_bytes()).unwrap()).unwrap();
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(tls).https_only().enable_http1().build();
    hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(connector)
}

#[tokio::test]
#[ignore = "needs the release archive (`cargo xtask dist`), Chromium: run `cargo xtask test`"]
async fn the_unpacked_archive_serves_a_signed_in_console_over_tls() {
    let u = unpack();
    let (cert, key, pem) = certificate(&u.dir.join("tls"));
    let data = u.dir.join("emulator-data");
    let emu = Service::start_path(&u.root.join("bin/dws-emulator"), &["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--data-plane", "none"]);
    let upstream = format!("http://{}", emu.addr);
    // The shipped settings file, with what a test must change given as flags (which win).
    let (config, console) = (u.root.join("config/dws-proxy.toml"), u.root.join("console"));
    let px = Service::start_path(
        &u.root.join("bin/dws-proxy"),
        &[
            "--config", config.to_str().unwrap(),
            "--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams",
            "--serve", console.to_str().unwrap(),
            "--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap(),
        ],
    );
    assert_eq!(px.scheme, "https");

    // Over the API, as a script would.
    let client = https_client(&pem);
    let sign_in = r#"{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin",
        "password": "Admin@12345", "domain": {"name": "demo"}}}}, "scope": {"project": {"name": "ae-ad-1"}}}}"#;
    let url = format!("https://localhost:{}", px.addr.rsplit_once(':').unwrap().1);
    let req = http::Request::post(format!("{url}/v3/auth/tokens")).header("content-type", "application/json").body(sign_in.to_owned()).unwrap();
    let res = client.request(req).await.expect("TLS with the test's certificate");
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["strict-transport-security"], "max-age=31536000");
    let token = res.headers()["x-subject-token"].to_str().unwrap().to_owned();
    let body: serde_json::Value = serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
    let project = body["token"]["project"]["id"].as_str().unwrap().to_owned();
    let req = http::Request::get(format!("{url}/v1.0/{project}/clusters")).header("x-auth-token", &token).body(String::new()).unwrap();
    let res = client.request(req).await.unwrap();
    assert_eq!(res.status(), 200);
    let clusters: serde_json::Value = serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert!(clusters["clusters"].is_array(), "{clusters}");

    // In the browser: the console from the archive, signed in with the demo user.
    let b = Browser::start_with_args(&["--ignore-certificate-errors"]).await;
    b.client.goto(&px.url("/")).await.unwrap();
    b.wait_path("/sign-in").await;
    common::sign_in(&b, "admin", "Admin@12345").await;
    b.find("[data-testid=clusters-page], [data-testid=cluster-row]").await;
    common::create_clusters(&b, &["from-the-archive"]).await;
    // The list refreshes at the shipped settings' pace (30 s once all is settled); a reload reads
    // it at once, and keeps the tab's session.
    b.client.refresh().await.unwrap();
    b.find("[data-testid=cluster-row][data-name=from-the-archive]").await;
    let location = b.client.current_url().await.unwrap();
    assert_eq!(location.scheme(), "https");
    let messages = b.console_messages().await;
    let violations: Vec<&String> = messages.iter().filter(|m| m.contains("Content Security Policy")).collect();
    assert!(violations.is_empty(), "CSP violations: {violations:#?}");
    b.screenshot("dist-https-console").await;
    b.close().await;
    drop(px);
    drop(emu);
}

#[tokio::test]
#[ignore = "needs the release archive (`cargo xtask dist`), Chromium: run `cargo xtask test`"]
async fn the_archives_console_works_from_a_static_host_with_the_headers_it_prints() {
    let u = unpack();
    let (cert, key, _) = certificate(&u.dir.join("tls"));
    let data = u.dir.join("emulator-data");
    let emu = Service::start_path(&u.root.join("bin/dws-emulator"), &["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--data-plane", "none"]);
    let upstream = format!("http://{}", emu.addr);
    // The files on a host of their own, which sends the headers once they are known.
    let console = u.root.join("console");
    let headers = Arc::new(std::sync::Mutex::new(Vec::new()));
    let site = StaticServer::start_with_headers(&console, headers.clone()).await;
    let site_origin = format!("http://{}", site.addr);
    let px = Service::start_path(
        &u.root.join("bin/dws-proxy"),
        &[
            "--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams",
            "--allow-origin", &site_origin,
            "--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap(),
        ],
    );
    let api_origin = px.url("");
    // As the archive's README says: config.json names the proxy, and the host sends what
    // `dws-proxy static-headers` prints for it.
    let config = console.join("config.json");
    let mut c: serde_json::Value = serde_json::from_slice(&std::fs::read(&config).unwrap()).unwrap();
    c["api_base"] = serde_json::json!(api_origin);
    std::fs::write(&config, serde_json::to_vec(&c).unwrap()).unwrap();
    let printed = Command::new(u.root.join("bin/dws-proxy"))
        .args(["static-headers", "console", "--api-origin", &api_origin])
        .current_dir(&u.root)
        .output()
        .unwrap();
    assert!(printed.status.success());
    let printed = String::from_utf8(printed.stdout).unwrap();
    let every_file: Vec<(String, String)> = printed
        .split("\n\n")
        .find(|block| block.starts_with("# Every file:"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let (k, v) = l.split_once(": ").unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect();
    assert!(every_file.iter().any(|(k, v)| k == "Content-Security-Policy" && v.contains(&format!("connect-src 'self' {api_origin};"))), "{every_file:?}");
    *headers.lock().unwrap() = every_file;

    let b = Browser::start_with_args(&["--ignore-certificate-errors"]).await;
    b.client.goto(&site.url("/")).await.unwrap();
    b.wait_path("/sign-in").await;
    common::sign_in(&b, "admin", "Admin@12345").await;
    b.find("[data-testid=clusters-page]").await;
    let messages = b.console_messages().await;
    let violations: Vec<&String> = messages.iter().filter(|m| m.contains("Content Security Policy")).collect();
    assert!(violations.is_empty(), "CSP violations on the static host: {violations:#?}");
    b.close().await;
    drop(px);
    drop(emu);
}
