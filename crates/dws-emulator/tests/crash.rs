//! Crash safety: the real emulator is killed with SIGKILL at random moments while it writes;
//! afterwards every write it acknowledged is on disk and the database passes its integrity check.
//! Rounds: `DWS_CRASH_ROUNDS` (default 100).

mod child;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::Rng;

const PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

fn cluster_body(name: &str) -> String {
    format!(
        r#"{{"cluster":{{"node_type":"dws.d2.xlarge","number_of_node":3,"subnet_id":"d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec","security_group_id":"12e3c23a-8710-4b75-95e4-5c8d7f68ef3c","vpc_id":"219ab8a0-1272-4049-a383-8ad0b770fa11","name":"{name}","user_name":"dbadmin","user_pwd":"Dws2017demo!"}}}}"#
    )
}

/// What the database holds: cluster ids and token hashes.
fn on_disk(db: &std::path::Path) -> (HashSet<String>, HashSet<String>, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let ids = conn
        .prepare("SELECT id FROM clusters")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let tokens = conn
        .prepare("SELECT hash FROM tokens")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (ids, tokens, check)
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let rounds: usize = std::env::var("DWS_CRASH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let dir = child::Scratch::new("crash");
    let db = dir.join("data.db");
    let mut acknowledged: HashSet<String> = HashSet::new();
    let mut tokens: HashSet<String> = HashSet::new();
    let mut rng = rand::rng();
    let started = Instant::now();
    let mut writes = 0usize;

    for round in 0..rounds {
        // The database's durability is what is tested here: clusters without servers.
        let emu = child::start(&dir.0, &["--speed", "1000", "--data-plane", "none"]);
        let addr = emu.addr.clone();
        // Everything acknowledged in earlier rounds is served after the restart.
        let token = child::sign_in(&addr).expect("sign in after restart");
        tokens.insert(hex_sha256(&token));
        let listed = child::request(&addr, "GET", &format!("/v1.0/{PROJECT}/clusters"), &[("X-Auth-Token", &token)], None)
            .unwrap()
            .json();
        let served: HashSet<String> = listed["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        assert!(acknowledged.is_subset(&served), "round {round}: acknowledged clusters missing after restart");

        // Write until killed.
        let acked = Arc::new(Mutex::new(Vec::new()));
        let writer = {
            let (acked, addr, token) = (acked.clone(), addr.clone(), token.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    let name = format!("crash-{round}-{i}");
                    let headers = [("X-Auth-Token", token.as_str()), ("Content-Type", "application/json")];
                    match child::request(&addr, "POST", &format!("/v1.0/{PROJECT}/clusters"), &headers, Some(&cluster_body(&name))) {
                        Ok(a) if a.status == 200 => {
                            acked.lock().unwrap().push(a.json()["cluster"]["id"].as_str().unwrap().to_owned());
                        }
                        Ok(a) => panic!("create answered {}: {}", a.status, a.body),
                        Err(_) => break,
                    }
                }
            })
        };
        // Kill at a random moment once writes are flowing, so the kill lands among them.
        let deadline = Instant::now() + Duration::from_secs(10);
        while acked.lock().unwrap().is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(rng.random_range(0..150)));
        emu.kill9();
        writer.join().unwrap();
        let acked = acked.lock().unwrap().clone();
        writes += acked.len();
        acknowledged.extend(acked);

        let (ids, stored_tokens, check) = on_disk(&db);
        assert_eq!(check, "ok", "round {round}: integrity check");
        let lost: Vec<_> = acknowledged.difference(&ids).collect();
        assert!(lost.is_empty(), "round {round}: acknowledged but lost: {lost:?}");
        assert!(tokens.is_subset(&stored_tokens), "round {round}: an issued token was lost");
    }
    assert!(writes >= rounds, "every round acknowledges writes before the kill ({writes} in {rounds} rounds)");
    println!("{rounds} SIGKILL rounds, {writes} acknowledged creates, all present, {:?}", started.elapsed());
}

fn hex_sha256(s: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(s.as_bytes()))
}
