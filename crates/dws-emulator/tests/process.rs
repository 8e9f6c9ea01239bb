//! The binary: it announces itself and the demo credentials, stops cleanly on SIGTERM and SIGINT,
//! and refuses bad settings with a clear message.

mod child;

use std::process::Command;
use std::time::{Duration, Instant};

fn stops_on(signal: &str) {
    let dir = std::env::temp_dir().join(format!("dws-emu-signal-{signal}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut emu = child::start(&dir, &[]);
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
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigterm_and_sigint_stop_it_cleanly() {
    stops_on("-TERM");
    stops_on("-INT");
}

#[test]
fn it_prints_where_it_listens_and_the_demo_credentials() {
    let dir = std::env::temp_dir().join(format!("dws-emu-banner-{}", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_dws-emulator"))
        .args(["--listen", "127.0.0.1:0", "--speed=0", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--speed must be a positive number"));
    let config = dir.join("broken.toml");
    std::fs::create_dir_all(&dir).unwrap();
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
    let _ = std::fs::remove_dir_all(&dir);
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
