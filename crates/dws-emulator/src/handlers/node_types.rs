//! GET /v2/{project_id}/node-types (5.1.4).

use axum::Json;
use axum::response::{IntoResponse, Response};
use dws_contract::types::{Detail, NodeTypes, NodeTypesResponse};

use super::Call;
use crate::config::NodeTypeConfig;
use crate::error::ApiError;

/// The wire form of a configured node type, in the reference's order: vCPU, disk, memory.
pub fn node_type(n: &NodeTypeConfig) -> NodeTypes {
    NodeTypes {
        spec_name: n.spec_name.clone(),
        id: Some(n.id.clone()),
        detail: vec![
            Detail { kind: "vCPU".into(), value: n.vcpus.to_string(), unit: None },
            Detail { kind: n.disk_type.as_str().into(), value: n.disk_gb.to_string(), unit: Some("GB".into()) },
            Detail { kind: "mem".into(), value: n.memory_gb.to_string(), unit: Some("GB".into()) },
        ],
    }
}

/// Every configured node type.
pub async fn list(call: Call) -> Result<Response, ApiError> {
    let node_types = call.app.config.node_types.iter().map(node_type).collect();
    Ok(Json(NodeTypesResponse { node_types }).into_response())
}
