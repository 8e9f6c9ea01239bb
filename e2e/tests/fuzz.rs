//! schemathesis (pinned with Huawei's SDKs in `crates/dws-emulator/tests/sdk/requirements.txt`)
//! fuzzes the emulator binary from its own generated `/openapi.json`, directly and through the
//! proxy: every check but `unsupported_method` (an undeclared method gets the gateway's 404
//! `APIGW.0101`, as Huawei's does), a fixed seed, the stateful phase following the description's
//! links (it creates, reads, changes and deletes clusters and snapshots), as the demo
//! administrator in the demo project. It must find nothing.

use std::process::Command;

use dws_e2e::{Service, temp_path};

const PROJECT: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/// Rules that tie two fields together, or a field to the service's state, which JSON Schema
/// cannot state (the description says them in words, `x-dws-rule`): for these operations a 400
/// to data the schema allows is the service's answer, not a disagreement. `from` before `to`;
/// `dim.N` numbered from 0; a password's character classes and its difference from the user
/// name; CNs fewer than nodes; an EIP only with `bind_existing`; a scale-out within the cluster's
/// room to grow; a maintenance window's end four hours after its start; a new snapshot policy's
/// name, schedule and type, a schedule as Quartz cron, and a name no other policy has; a copy's
/// name no other snapshot has; a tag removed that is there, and no more than 20 tags.
const CROSS_FIELD: &str = r#"
[[operations]]
include-name = [
  "GET /V1.0/{project_id}/metric-data",
  "GET /V1.0/{project_id}/metrics",
  "POST /V1.0/{project_id}/batch-query-metric-data",
  "POST /v1.0/{project_id}/clusters",
  "POST /v1.0/{project_id}/clusters/{cluster_id}/reset-password",
  "POST /v1.0/{project_id}/clusters/{cluster_id}/resize",
  "PUT /v1.0/{project_id}/clusters/{cluster_id}/maintenance-window",
  "PUT /v2/{project_id}/clusters/{cluster_id}/snapshot-policies",
  "POST /v1.0/{project_id}/snapshots/{snapshot_id}/linked-copy",
  "POST /v1.0/{project_id}/clusters/{cluster_id}/tags/batch-create",
  "POST /v1.0/{project_id}/clusters/{cluster_id}/tags/batch-delete",
]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409"]
"#;

/// The emulator with tasks that finish at once, so the stateful phase can act on what it made.
fn emulator() -> Service {
    let data = temp_path("fuzz-emu");
    Service::start("DWS_EMULATOR_BIN", &["--listen", "127.0.0.1:0", "--data", data.to_str().unwrap(), "--speed", "100000", "--data-plane", "none"])
        .owning(data)
}

async fn token(base: &str) -> String {
    use hyper_util::client::legacy::Client;
    let client: Client<_, String> = Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let body = r#"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"Admin@12345","domain":{"name":"demo"}}}},"scope":{"project":{"name":"ae-ad-1"}}}}"#;
    let req = http::Request::post(format!("{base}/v3/auth/tokens")).header("content-type", "application/json").body(body.to_owned()).unwrap();
    let res = client.request(req).await.expect("the emulator answers");
    assert_eq!(res.status(), 201);
    res.headers()["x-subject-token"].to_str().unwrap().to_owned()
}

/// Runs schemathesis with the description at `schema` against `base`; panics with its report
/// unless it found nothing.
async fn fuzz(schema: &str, base: &str) {
    let python = std::env::var("DWS_SDK_PYTHON").expect("DWS_SDK_PYTHON names the venv's python: run `cargo xtask test`");
    let bin = std::path::Path::new(&python).with_file_name("schemathesis");
    let work = temp_path("fuzz");
    std::fs::create_dir_all(&work).unwrap();
    let config = format!("[parameters]\n\"path.project_id\" = \"{PROJECT}\"\n{CROSS_FIELD}");
    std::fs::write(work.join("schemathesis.toml"), config).unwrap();
    let token = token(base).await;
    let out = Command::new(bin)
        .current_dir(&work)
        .args(["run", schema, "--url", base, "-H", &format!("X-Auth-Token: {token}")])
        .args(["--checks", "all", "--exclude-checks", "unsupported_method", "--seed", "1", "-n", "40"])
        .args(["--exclude-path", "/_emulator/reset", "--exclude-path", "/_emulator/clock", "--no-color"])
        .env("HOME", &work)
        .output()
        .expect("run schemathesis");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{report}");
    assert!(out.status.success(), "schemathesis found the description and the service in disagreement (above)");
}

#[tokio::test]
#[ignore = "needs schemathesis in the project's venv and the project's binaries: run `cargo xtask test`"]
async fn the_fuzzer_finds_the_emulator_as_its_description_says() {
    let emu = emulator();
    let base = format!("http://{}", emu.addr);
    fuzz(&format!("{base}/openapi.json"), &base).await;
}

#[tokio::test]
#[ignore = "needs schemathesis in the project's venv and the project's binaries: run `cargo xtask test`"]
async fn the_fuzzer_finds_the_same_through_the_proxy() {
    let emu = emulator();
    let upstream = format!("http://{}", emu.addr);
    let px = Service::start(
        "DWS_PROXY_BIN",
        &["--listen", "127.0.0.1:0", "--iam", &upstream, "--dws", &upstream, "--allow-private-upstreams", "--rate-limit-per-second", "0"],
    );
    fuzz(&format!("{upstream}/openapi.json"), &format!("http://{}", px.addr)).await;
}
