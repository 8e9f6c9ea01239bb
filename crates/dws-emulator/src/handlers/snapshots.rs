//! Snapshot operations (5.2).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dws_contract::ErrorCode;
use dws_contract::types::{
    ClusterIdResponse, CopySnapshotRequest, CopySnapshotResponse, CreateSnapshotRequest, ListSnapshotsResponse, ObjectRef, RestoreClusterRequest,
    ShowSnapshotResponse, SnapshotIdResponse,
};

use super::{Call, empty};
use crate::error::{ApiError, Detail};
use crate::ops;

/// POST /v1.0/{project_id}/snapshots.
pub async fn create(call: Call) -> Result<Response, ApiError> {
    let req: CreateSnapshotRequest = call.json()?;
    let project = call.project_id.clone();
    let id = call.write(move |txn, ctx| ops::create_snapshot(txn, ctx, &project, &req.snapshot)).await?;
    Ok(Json(SnapshotIdResponse { snapshot: ObjectRef { id } }).into_response())
}

/// GET /v1.0/{project_id}/snapshots, newest first.
pub async fn list(call: Call) -> Result<Response, ApiError> {
    let snapshots = call.app.store.read(|s| {
        let mut mine: Vec<_> = s.snapshots.values().filter(|x| x.project_id == call.project_id).collect();
        mine.sort_by(|a, b| b.started_ms.cmp(&a.started_ms).then_with(|| a.id.cmp(&b.id)));
        mine.into_iter().map(|x| x.detail()).collect::<Vec<_>>()
    });
    let count = snapshots.len() as u32;
    Ok(Json(ListSnapshotsResponse { snapshots, count: Some(count) }).into_response())
}

/// GET /v1.0/{project_id}/snapshots/{snapshot_id}.
pub async fn show(call: Call) -> Result<Response, ApiError> {
    let id = call.param("snapshot_id");
    let detail = call
        .app
        .store
        .read(|s| s.snapshots.get(&id).filter(|x| x.project_id == call.project_id).map(|x| x.detail()));
    match detail {
        Some(snapshot) => Ok(Json(ShowSnapshotResponse { snapshot }).into_response()),
        None => Err(ApiError::with(ErrorCode::Dws0002, Detail::NotFound(id))),
    }
}

/// DELETE /v1.0/{project_id}/snapshots/{snapshot_id}: manual snapshots only.
pub async fn delete(call: Call) -> Result<Response, ApiError> {
    let (project, id) = (call.project_id.clone(), call.param("snapshot_id"));
    call.write(move |txn, ctx| ops::delete_snapshot(txn, ctx, &project, &id)).await?;
    Ok(empty(StatusCode::ACCEPTED))
}

/// POST /v1.0/{project_id}/snapshots/{snapshot_id}/actions: restore to a new cluster.
pub async fn restore(call: Call) -> Result<Response, ApiError> {
    let req: RestoreClusterRequest = call.json()?;
    let (project, snapshot) = (call.project_id.clone(), call.param("snapshot_id"));
    let (id, job) = call
        .write(move |txn, ctx| {
            let ep = req.enterprise_project_id().map(str::to_owned);
            ops::restore(txn, ctx, &project, &snapshot, &req.restore, ep.as_deref())
        })
        .await?;
    Ok(Json(ClusterIdResponse { cluster: ObjectRef { id }, job_id: Some(job) }).into_response())
}

/// POST /v1.0/{project_id}/snapshots/{snapshot_id}/linked-copy: an automated snapshot copied to
/// a manual one.
pub async fn copy(call: Call) -> Result<Response, ApiError> {
    let req: CopySnapshotRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("snapshot_id"));
    let snapshot_id = call.write(move |txn, ctx| ops::copy_snapshot(txn, ctx, &project, &id, &req)).await?;
    Ok(Json(CopySnapshotResponse { snapshot_id }).into_response())
}
