//! Cluster operations (5.1).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dws_contract::types::{
    ClusterIdResponse, CreateClusterRequest, DeleteClusterRequest, ListClustersResponse, ObjectRef,
    ResetPasswordRequest, ResizeClusterRequest, RestartClusterRequest, ShowClusterResponse,
};

use super::{Call, empty};
use crate::error::ApiError;
use crate::ops;

/// The parameter group every cluster uses.
pub const PARAMETER_GROUP: &str = "Default-Parameter-Group-dws";

/// POST /v1.0/{project_id}/clusters.
pub async fn create(call: Call) -> Result<Response, ApiError> {
    let req: CreateClusterRequest = call.json()?;
    let project = call.project_id.clone();
    let (id, job) = call.write(move |txn, ctx| ops::create_cluster(txn, ctx, &project, &req.cluster)).await?;
    Ok(Json(ClusterIdResponse { cluster: ObjectRef { id }, job_id: Some(job) }).into_response())
}

/// GET /v1.0/{project_id}/clusters, newest first.
pub async fn list(call: Call) -> Result<Response, ApiError> {
    let now = call.now();
    let clusters = call.app.store.read(|s| {
        let mut mine: Vec<_> = s.clusters.values().filter(|c| c.project_id == call.project_id).collect();
        mine.sort_by(|a, b| b.created_ms.cmp(&a.created_ms).then_with(|| a.id.cmp(&b.id)));
        mine.into_iter().map(|c| c.info(now)).collect::<Vec<_>>()
    });
    let count = clusters.len() as u32;
    Ok(Json(ListClustersResponse { clusters, count: Some(count) }).into_response())
}

/// GET /v1.0/{project_id}/clusters/{cluster_id}.
pub async fn show(call: Call) -> Result<Response, ApiError> {
    let id = call.param("cluster_id");
    let now = call.now();
    let detail = call.app.store.read(|s| {
        s.clusters
            .get(&id)
            .filter(|c| c.project_id == call.project_id)
            .map(|c| c.detail(now, PARAMETER_GROUP))
    });
    match detail {
        Some(cluster) => Ok(Json(ShowClusterResponse { cluster }).into_response()),
        None => Err(not_found(&id)),
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError::with(dws_contract::ErrorCode::Dws0001, crate::error::Detail::NotFound(id.to_owned()))
}

/// DELETE /v1.0/{project_id}/clusters/{cluster_id}: 202, then DELETING, then gone.
pub async fn delete(call: Call) -> Result<Response, ApiError> {
    let req: DeleteClusterRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    call
        .write(move |txn, ctx| ops::delete_cluster(txn, ctx, &project, &id, req.keep_last_manual_snapshot))
        .await?;
    Ok(empty(StatusCode::ACCEPTED))
}

/// POST …/clusters/{cluster_id}/restart.
pub async fn restart(call: Call) -> Result<Response, ApiError> {
    let _: RestartClusterRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    call.write(move |txn, ctx| ops::restart(txn, ctx, &project, &id)).await?;
    Ok(empty(StatusCode::OK))
}

/// POST …/clusters/{cluster_id}/resize.
pub async fn resize(call: Call) -> Result<Response, ApiError> {
    let req: ResizeClusterRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    call.write(move |txn, ctx| ops::resize(txn, ctx, &project, &id, &req)).await?;
    Ok(empty(StatusCode::OK))
}

/// POST …/clusters/{cluster_id}/reset-password.
pub async fn reset_password(call: Call) -> Result<Response, ApiError> {
    let req: ResetPasswordRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    let verifier = crate::plane::scram::verifier(req.new_password.expose());
    // The server takes the password first: a password the service reports set is one its server
    // accepts.
    if let crate::plane::DataPlane::Postgres(plane) = &call.app.plane {
        let (p, i, pw) = (project.clone(), id.clone(), req.new_password.expose().to_owned());
        let cluster = call.app.write(move |txn, _| ops::check_reset_password(txn, &p, &i, &pw)).await?;
        plane
            .set_password(&cluster, &verifier)
            .await
            .map_err(|e| ApiError::internal("setting the password on the cluster's server", e))?;
    }
    call.write(move |txn, ctx| ops::reset_password(txn, ctx, &project, &id, req.new_password.expose(), &verifier))
        .await?;
    Ok(empty(StatusCode::OK))
}
