//! The OpenAPI description is served, covers every operation, and names only routes that exist.
//! (Every other HTTP test checks its answers against it: see common/schema.rs.)

mod common;

use common::*;
use dws_contract::operation::OPERATIONS;
use serde_json::{Value, json};

fn doc() -> Value {
    dws_emulator::openapi::document(&dws_emulator::config::EmulatorConfig::demo())
}

#[tokio::test]
async fn it_is_served_as_kept_in_the_repo() {
    let emu = Emu::new().await;
    let r = emu.send("GET", "/openapi.json", &[], None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body, doc());
    assert_eq!(r.body["openapi"], "3.1.0");
}

#[test]
fn every_operation_of_the_contract_is_described_with_its_status() {
    let d = doc();
    for spec in OPERATIONS {
        let op = &d["paths"][spec.path][spec.method.as_str().to_ascii_lowercase()];
        assert!(op.is_object(), "{} {} is missing", spec.method, spec.path);
        assert_eq!(op["operationId"], format!("{:?}", spec.operation));
        assert!(op["responses"].get(spec.success_status.to_string()).is_some(), "{:?}", spec.operation);
        if let Some(action) = spec.iam_action {
            assert!(op["description"].as_str().unwrap().contains(action), "{:?} names its action", spec.operation);
        }
    }
}

#[tokio::test]
async fn every_described_route_exists() {
    let emu = Emu::new().await;
    let d = doc();
    for (path, item) in d["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let concrete = path
                .replace("{project_id}", PROJECT)
                .replace("{cluster_id}", "7ba031f6-81f4-4670-ad20-c490b91877e5")
                .replace("{snapshot_id}", "7ba031f6-81f4-4670-ad20-c490b91877e5");
            let r = emu.call(&method.to_ascii_uppercase(), &concrete, None).await;
            assert_ne!(r.code(), "APIGW.0101", "{method} {path} is described but not routed");
        }
    }
}

#[test]
fn the_checker_refuses_what_the_description_does_not_say() {
    let undeclared = std::panic::catch_unwind(|| {
        common::schema::check_response("GET", "/healthz", 200, &json!({"status": "ok", "surprise": 1}))
    });
    assert!(undeclared.is_err());
    let wrong_type = std::panic::catch_unwind(|| {
        common::schema::check_response("GET", &format!("/v1.0/{PROJECT}/clusters"), 200, &json!({"clusters": [], "count": "0"}))
    });
    assert!(wrong_type.is_err());
    let missing = std::panic::catch_unwind(|| {
        common::schema::check_response("GET", &format!("/v1.0/{PROJECT}/clusters"), 200, &json!({"clusters": [{"id": "x", "name": "n"}], "count": 1}))
    });
    assert!(missing.is_err(), "status is required");
    let undescribed_status = std::panic::catch_unwind(|| {
        common::schema::check_response("GET", "/healthz", 418, &json!({}))
    });
    assert!(undescribed_status.is_err());
    common::schema::check_response("GET", &format!("/v1.0/{PROJECT}/clusters"), 200, &json!({"clusters": [], "count": 0}));
}
