//! schemathesis (pinned with the SDKs in `tests/sdk/requirements.txt`) fuzzes the real emulator
//! binary from its own `/openapi.json`: every check but `unsupported_method` (an undeclared
//! method gets the gateway's 404 `APIGW.0101`, as Huawei's does), a fixed seed, the stateful
//! phase following the document's links, as the demo administrator in the demo project.
//!
//! Needs the project's Python venv, which `cargo xtask test` creates and names in
//! `DWS_SDK_PYTHON`; a plain `cargo test` lists this test as ignored.

mod child;

use std::process::Command;

const PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/// Rules that tie two fields together, which JSON Schema cannot state (the description says them
/// in words, `x-dws-rule`): for these operations a 400 to data the schema allows is the service's
/// answer, not a disagreement. `from` before `to`; `dim.N` numbered from 0; a password's character
/// classes and its difference from the user name; CNs fewer than nodes; an EIP only with
/// `bind_existing`; a scale-out within the cluster's room to grow.
const CROSS_FIELD: &str = r#"
[[operations]]
include-name = [
  "GET /V1.0/{project_id}/metric-data",
  "GET /V1.0/{project_id}/metrics",
  "POST /V1.0/{project_id}/batch-query-metric-data",
  "POST /v1.0/{project_id}/clusters",
  "POST /v1.0/{project_id}/clusters/{cluster_id}/reset-password",
  "POST /v1.0/{project_id}/clusters/{cluster_id}/resize",
]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409"]
"#;

/// Runs schemathesis against `base` (the emulator, or a proxy in front of it) with the document
/// the emulator serves; returns whether it found nothing, and what it printed.
fn fuzz(schema_url: &str, base: &str, token: &str, work: &std::path::Path) -> (bool, String) {
    let python = std::env::var("DWS_SDK_PYTHON").expect("DWS_SDK_PYTHON names the venv's python (cargo xtask test sets it)");
    let bin = std::path::Path::new(&python).with_file_name("schemathesis");
    std::fs::create_dir_all(work).unwrap();
    std::fs::write(work.join("schemathesis.toml"), format!("[parameters]\n\"path.project_id\" = \"{PROJECT}\"\n{CROSS_FIELD}")).unwrap();
    let out = Command::new(bin)
        .current_dir(work)
        .args(["run", schema_url, "--url", base, "-H", &format!("X-Auth-Token: {token}")])
        .args(["--checks", "all", "--exclude-checks", "unsupported_method", "--seed", "1", "-n", "40"])
        .args(["--exclude-path", "/_emulator/reset", "--exclude-path", "/_emulator/clock", "--no-color"])
        .env("HOME", work)
        .output()
        .expect("run schemathesis");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[test]
#[ignore = "needs schemathesis in the project's venv: run `cargo xtask test`"]
fn the_fuzzer_finds_the_document_and_the_emulator_in_agreement() {
    let dir = std::env::temp_dir().join(format!("dws-emu-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // Tasks finish at once, so the stateful phase can act on what it created.
    let emu = child::start(&dir.join("data"), &["--speed", "100000", "--data-plane", "none"]);
    let token = child::sign_in(&emu.addr).unwrap();
    let base = format!("http://{}", emu.addr);
    let (ok, text) = fuzz(&format!("{base}/openapi.json"), &base, &token, &dir.join("work"));
    println!("{text}");
    drop(emu);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(ok, "schemathesis found disagreements between the document and the emulator (above)");
}
