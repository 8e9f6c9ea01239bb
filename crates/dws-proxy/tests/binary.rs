//! The real binary: it never logs secrets, even at trace level (10), and it shuts down gracefully
//! on SIGTERM (12).

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

struct Running {
    child: Child,
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
    Running { child, addr }
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
    let dir = std::env::temp_dir().join(format!("dws-proxy-cfg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("proxy.toml");
    std::fs::write(
        &file,
        "iam = \"https://iam.file.example\"\ndws = \"https://dws.file.example\"\nlisten = \"127.0.0.1:0\"\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dws-proxy"))
        .args(["--config"])
        .arg(&file)
        .env("DWS_PROXY_DWS", "https://dws.env.example")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    for _ in 0..4 {
        out.read_line(&mut text).unwrap();
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(text.contains("→ https://iam.file.example"), "{text}");
    assert!(
        text.contains("→ https://dws.env.example"),
        "the environment wins over the file: {text}"
    );
}
