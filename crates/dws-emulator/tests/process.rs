//! The binary: it announces itself and the demo credentials, stops cleanly on SIGTERM and SIGINT,
//! and refuses bad settings with a clear message.

mod child;

use std::process::Command;
use std::time::{Duration, Instant};

fn stops_on(signal: &str) {
    let dir = child::Scratch::new(&format!("signal{signal}"));
    let mut emu = child::start(&dir.0, &[]);
    let token = child::sign_in(&emu.addr).expect("it answers");
    assert!(token.starts_with("MII"));
    let ok = Command::new("kill")
        .args([signal, &emu.child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = emu.child.try_wait().unwrap() {
            assert!(status.success(), "{signal}: exited with {status}");
            break;
        }
        assert!(Instant::now() < deadline, "{signal}: still running");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_and_sigint_stop_it_cleanly() {
    stops_on("-TERM");
    stops_on("-INT");
}

#[test]
fn a_client_that_stopped_sending_does_not_hold_up_a_stop() {
    let dir = child::Scratch::new("stalled");
    let mut emu = child::start(&dir.0, &["--data-plane", "none"]);
    // A request that promises a body and sends one byte of it.
    let mut stalled = std::net::TcpStream::connect(&emu.addr).unwrap();
    let head = "POST /V1.0/p/batch-query-metric-data HTTP/1.1\r\nHost: x\r\nContent-Length: 3000000\r\n\r\n{";
    std::io::Write::write_all(&mut stalled, head.as_bytes()).unwrap();
    // Once the emulator has read the head (its answer to another request proves it is serving).
    assert!(child::sign_in(&emu.addr).is_ok());
    let asked = Instant::now();
    assert!(Command::new("kill").args(["-TERM", &emu.child.id().to_string()]).status().unwrap().success());
    let status = loop {
        if let Some(status) = emu.child.try_wait().unwrap() {
            break status;
        }
        assert!(asked.elapsed() < Duration::from_secs(60), "still running with a stalled request open");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(asked.elapsed() >= Duration::from_secs(9), "requests in flight get their time first");
    drop(stalled);
}

#[test]
fn it_prints_where_it_listens_and_the_demo_credentials() {
    let dir = child::Scratch::new("banner");
    let out = Command::new(env!("CARGO_BIN_EXE_dws-emulator"))
        .args(["--listen", "127.0.0.1:0", "--speed=0", "--data"])
        .arg(&dir.0)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--speed must be a positive number"));
    let config = dir.join("broken.toml");
    std::fs::create_dir_all(&dir.0).unwrap();
    std::fs::write(&config, "accounts = 3").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dws-emulator"))
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid emulator configuration"));

    let mut emu = std::process::Command::new(env!("CARGO_BIN_EXE_dws-emulator"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(dir.join("data"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut text = String::new();
    {
        use std::io::BufRead;
        let mut r = std::io::BufReader::new(emu.stdout.take().unwrap());
        while !text.contains("SK ") {
            if r.read_line(&mut text).unwrap() == 0 {
                break;
            }
        }
    }
    let _ = emu.kill();
    let _ = emu.wait();
    assert!(
        text.starts_with("dws-emulator listening on http://127.0.0.1:"),
        "{text}"
    );
    for shown in [
        "admin",
        "Admin@12345",
        "viewer",
        "Viewer@12345",
        "DEMOADMINACCESSKEY01",
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
}

#[test]
fn the_system_clock_cannot_be_moved_and_the_binary_offers_a_manual_one() {
    let dir = child::Scratch::new("clock");
    let emu = child::start(&dir.0, &[]);
    let a = child::request(&emu.addr, "POST", "/_emulator/clock", &[("content-type", "application/json")], Some(r#"{"advance_seconds": 60}"#)).unwrap();
    assert_eq!(a.status, 400, "{}", a.body);
    assert!(a.body.contains("--clock manual"), "{}", a.body);
    drop(emu);
    let manual = child::start(&dir.0, &["--clock", "manual"]);
    let before: serde_json::Value = serde_json::from_str(&child::request(&manual.addr, "GET", "/_emulator/clock", &[], None).unwrap().body).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let after = child::request(&manual.addr, "POST", "/_emulator/clock", &[("content-type", "application/json")], Some(r#"{"advance_seconds": 60}"#)).unwrap();
    assert_eq!(after.status, 200, "{}", after.body);
    let after: serde_json::Value = serde_json::from_str(&after.body).unwrap();
    // Exactly a minute later: it did not move on its own meanwhile.
    assert_eq!(after["now_ms"].as_i64().unwrap() - before["now_ms"].as_i64().unwrap(), 60_000);
    drop(manual);
}

#[test]
fn asked_for_servers_without_postgresql_it_refuses_to_start_and_says_how_to_install_it() {
    let dir = child::Scratch::new("nopg");
    let out = Command::new(env!("CARGO_BIN_EXE_dws-emulator"))
        .args(["--listen", "127.0.0.1:0", "--data-plane", "postgres", "--postgres-bin", "/nonexistent/bin", "--data"])
        .arg(&dir.0)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("/nonexistent/bin has no initdb"), "{said}");
}
