//! Automated snapshots: a cluster's settings and policies.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dws_contract::ErrorCode;
use dws_contract::types::SnapshotPolicyRequest;

use super::{Call, empty, no_body};
use crate::error::{ApiError, Detail};
use crate::ops;

/// GET /v2/{project_id}/clusters/{cluster_id}/snapshot-policies.
pub async fn list(call: Call) -> Result<Response, ApiError> {
    let id = call.param("cluster_id");
    let set = call.app.store.read(|s| s.clusters.get(&id).filter(|c| c.project_id == call.project_id).map(|c| c.policies.wire()));
    match set {
        Some(set) => Ok(Json(set).into_response()),
        None => Err(ApiError::with(ErrorCode::Dws0001, Detail::NotFound(id))),
    }
}

/// PUT /v2/{project_id}/clusters/{cluster_id}/snapshot-policies: an upsert; 200 `{}`.
pub async fn set(call: Call) -> Result<Response, ApiError> {
    let req: SnapshotPolicyRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    call.write(move |txn, ctx| ops::set_policies(txn, ctx, &project, &id, &req)).await?;
    Ok(empty(StatusCode::OK))
}

/// DELETE /v1.0/{project_id}/clusters/{cluster_id}/snapshot-policies/{policy_id}: 200, no body.
pub async fn delete(call: Call) -> Result<Response, ApiError> {
    let (project, id, policy) = (call.project_id.clone(), call.param("cluster_id"), call.param("policy_id"));
    call.write(move |txn, ctx| ops::delete_policy(txn, ctx, &project, &id, &policy)).await?;
    Ok(no_body(StatusCode::OK))
}
