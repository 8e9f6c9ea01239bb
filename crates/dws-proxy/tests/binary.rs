//! The real binary: it never logs secrets, even at trace level (10), and it shuts down gracefully
//! on SIGTERM (12).

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

struct Running {
    child: Reaped,
    addr: std::net::SocketAddr,
}

fn start(upstream: &str, extra: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dws-proxy"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--iam",
            upstream,
            "--dws",
            upstream,
            "--allow-private-upstreams",
        ])
        .args(extra)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let addr = first
        .strip_prefix("dws-proxy listening on http://")
        .unwrap()
        .parse()
        .unwrap();
    std::thread::spawn(move || for _ in lines {});
    Running { child: Reaped(child), addr }
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig}");
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_never_reach_the_log_even_at_trace_level() {
    let up = Recorder::start().await;
    let mut p = start(&up.url(), &[]);
    let token = "MIICANARYTOKENd41d8cd98f00b204e9800998ecf8427e";
    let password = "CanaryPassw0rd!";
    let ak = "CANARYACCESSKEY00001";
    let signature = "c4a9a7c3a8c2e7bcanarysig";
    let body = format!(
        r#"{{"auth":{{"identity":{{"methods":["password"],"password":{{"user":{{"name":"admin","password":"{password}","domain":{{"name":"demo"}}}}}}}}}}}}"#
    );
    let a = send(
        p.addr,
        "POST",
        "/v3/auth/tokens?len=400",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
    .await;
    assert_eq!(a.status, 201);
    let issued = a.header("x-subject-token").unwrap().to_owned();
    let auth = format!(
        "SDK-HMAC-SHA256 Access={ak}, SignedHeaders=host;x-sdk-date, Signature={signature}"
    );
    for (h, v) in [
        ("X-Auth-Token", token),
        ("Authorization", auth.as_str()),
        ("Cookie", "session=CanaryCookie"),
    ] {
        let a = send(
            p.addr,
            "GET",
            "/v1.0/p/clusters?secret=CanaryQuery",
            &[(h, v)],
            b"",
        )
        .await;
        assert_eq!(a.status, 200);
    }
    send(
        p.addr,
        "POST",
        "/v1.0/p/clusters/x/reset-password",
        &[("Content-Type", "application/json")],
        format!(r#"{{"new_password":"{password}"}}"#).as_bytes(),
    )
    .await;
    signal(&p.child, "-TERM");
    let _ = p.child.wait();
    let mut log = String::new();
    p.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(
        log.contains("request"),
        "the proxy logged its requests:\n{log}"
    );
    for canary in [
        token,
        password,
        ak,
        signature,
        "CanaryCookie",
        "CanaryQuery",
        &issued[..40],
    ] {
        assert!(!log.contains(canary), "{canary} appears in the log");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_finishes_requests_in_flight_then_exits() {
    let up = Recorder::start().await;
    let mut p = start(&up.url(), &[]);
    let addr = p.addr;
    let in_flight =
        tokio::spawn(async move { send(addr, "GET", "/v1.0/p/slow?ms=1500", &[], b"").await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    signal(&p.child, "-TERM");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no new connections after SIGTERM"
    );
    let a = in_flight.await.unwrap();
    assert_eq!(a.status, 200, "the request in flight finished");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = p.child.try_wait().unwrap() {
            assert!(status.success(), "exited with {status}");
            break;
        }
        assert!(Instant::now() < deadline, "the proxy did not exit");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn bad_settings_stop_it_with_a_clear_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_dws-proxy"))
        .args(["--iam", "https://iam.example.com"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--iam and --dws go together"));
    let out = Command::new(env!("CARGO_BIN_EXE_dws-proxy"))
        .args([
            "--iam",
            "https://i.example",
            "--dws",
            "https://d.example",
            "--serve",
            "/nonexistent",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index.html"));
}

#[test]
fn settings_come_from_a_file_and_the_environment() {
    let dir = Scratch::new("cfg");
    let file = dir.join("proxy.toml");
    std::fs::write(
        &file,
        "iam = \"https://iam.file.example\"\ndws = \"https://dws.file.example\"\nlisten = \"127.0.0.1:0\"\n",
    )
    .unwrap();
    let mut child = Reaped(
        Command::new(env!("CARGO_BIN_EXE_dws-proxy"))
            .args(["--config"])
            .arg(&file)
            .env("DWS_PROXY_DWS", "https://dws.env.example")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    for _ in 0..4 {
        out.read_line(&mut text).unwrap();
    }
    drop(child);
    assert!(text.contains("→ https://iam.file.example"), "{text}");
    assert!(
        text.contains("→ https://dws.env.example"),
        "the environment wins over the file: {text}"
    );
}

/// The certificate the proxy at `addr` presents, trusting any of `roots`.
async fn presented(addr: std::net::SocketAddr, roots: &[&rcgen::CertifiedKey]) -> Vec<u8> {
    use std::sync::Arc;
    let mut store = rustls::RootCertStore::empty();
    for r in roots {
        store.add(r.cert.der().clone()).unwrap();
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(store)
        .with_no_client_auth();
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config)).connect(name, tcp).await.unwrap();
    tls.get_ref().1.peer_certificates().unwrap()[0].to_vec()
}

#[tokio::test(flavor = "multi_thread")]
async fn sighup_rereads_a_renewed_certificate_and_keeps_the_old_one_if_the_new_is_broken() {
    let up = Recorder::start().await;
    let dir = Scratch::new("hup");
    let (cert, key) = (dir.join("proxy.crt"), dir.join("proxy.key"));
    let make = || rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let (first, renewed) = (make(), make());
    let write = |k: &rcgen::CertifiedKey| {
        std::fs::write(&cert, k.cert.pem()).unwrap();
        std::fs::write(&key, k.key_pair.serialize_pem()).unwrap();
    };
    write(&first);
    let mut child = Reaped(
        Command::new(env!("CARGO_BIN_EXE_dws-proxy"))
            .args(["--listen", "127.0.0.1:0", "--iam", &up.url(), "--dws", &up.url(), "--allow-private-upstreams"])
            .args(["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    // Every line either stream prints, in order of arrival.
    let (tx, said) = std::sync::mpsc::channel::<String>();
    for stream in [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let wait_for = |part: &str| loop {
        let line = said.recv_timeout(Duration::from_secs(30)).unwrap_or_else(|_| panic!("the proxy never said {part:?}"));
        if line.contains(part) {
            return line;
        }
    };
    let first_line = wait_for("listening on");
    let addr: std::net::SocketAddr = first_line.strip_prefix("dws-proxy listening on https://").unwrap().parse().unwrap();
    assert_eq!(presented(addr, &[&first, &renewed]).await, first.cert.der().to_vec());

    write(&renewed);
    signal(&child, "-HUP");
    wait_for("TLS certificate reloaded");
    assert_eq!(presented(addr, &[&first, &renewed]).await, renewed.cert.der().to_vec(), "the renewed pair is served");

    std::fs::write(&key, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n").unwrap();
    signal(&child, "-HUP");
    let kept = wait_for("keeping the TLS certificate in use");
    assert!(kept.contains("proxy.key"), "the message names the file: {kept}");
    assert_eq!(presented(addr, &[&first, &renewed]).await, renewed.cert.der().to_vec(), "a broken renewal changes nothing");

    signal(&child, "-TERM");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < Duration::from_secs(30), "the proxy stops on SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sighup_without_tls_leaves_the_proxy_serving() {
    // systemd's `reload` sends SIGHUP whatever the settings; its default action would end the
    // process, and systemd counts that as a clean exit, so it would stay down.
    let up = Recorder::start().await;
    let mut child = Reaped(
        Command::new(env!("CARGO_BIN_EXE_dws-proxy"))
            .args(["--listen", "127.0.0.1:0", "--iam", &up.url(), "--dws", &up.url(), "--allow-private-upstreams"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let addr: std::net::SocketAddr = first.strip_prefix("dws-proxy listening on http://").unwrap().parse().unwrap();
    signal(&child, "-HUP");
    let acknowledged = lines.map_while(Result::ok).find(|l| l.contains("SIGHUP")).expect("the signal is acknowledged");
    assert!(acknowledged.contains("nothing to reload"), "{acknowledged}");
    assert!(child.try_wait().unwrap().is_none(), "still running");
    let a = send(addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 200, "still serving");
    signal(&child, "-TERM");
    assert!(child.wait().unwrap().success(), "and it stops cleanly");
}
