//! The cluster's day two: stop and start, jobs, rename, the maintenance window, tags, nodes.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dws_contract::ErrorCode;
use dws_contract::ces::catalog::node_id;
use dws_contract::status::{ClusterStatus, NodeStatus};
use dws_contract::types::{
    BatchTagsRequest, ClusterNameRequest, ClusterNode, ClusterNodesResponse, ClusterTagsResponse, JobIdResponse,
    MaintenanceWindowRequest,
};

use super::{Call, empty, no_body};
use crate::error::{ApiError, Detail};
use crate::model::percent;
use crate::ops;

fn cluster_not_found(id: &str) -> ApiError {
    ApiError::with(ErrorCode::Dws0001, Detail::NotFound(id.to_owned()))
}

/// POST /v1/{project_id}/clusters/{cluster_id}/stop: no body (the SDK sends none).
pub async fn stop(call: Call) -> Result<Response, ApiError> {
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    let job = call.write(move |txn, ctx| ops::stop(txn, ctx, &project, &id)).await?;
    Ok(Json(JobIdResponse { job_id: Some(job) }).into_response())
}

/// POST /v1/{project_id}/clusters/{cluster_id}/start: no body.
pub async fn start(call: Call) -> Result<Response, ApiError> {
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    let job = call.write(move |txn, ctx| ops::start(txn, ctx, &project, &id)).await?;
    Ok(Json(JobIdResponse { job_id: Some(job) }).into_response())
}

/// GET /v1.0/{project_id}/job/{job_id}: the job, with its task's progress while it runs.
pub async fn job(call: Call) -> Result<Response, ApiError> {
    let id = call.param("job_id");
    let now = call.now();
    let detail = call.app.store.read(|s| {
        let job = s.jobs.get(&id).filter(|j| j.project_id == call.project_id)?;
        let task = job.cluster_id.as_deref().and_then(|c| s.clusters.get(c)).and_then(|c| c.task.as_ref());
        let progress = task.filter(|t| t.job.as_deref() == Some(job.id.as_str())).map(|t| percent(t.started_ms, t.ends_ms, now));
        Some(job.detail(progress))
    });
    match detail {
        Some(j) => Ok(Json(j).into_response()),
        None => Err(ApiError::with(ErrorCode::Dws0010, Detail::NotFound(id))),
    }
}

/// PUT /v1/{project_id}/clusters/{cluster_id}/cluster-name.
pub async fn rename(call: Call) -> Result<Response, ApiError> {
    let req: ClusterNameRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    let job = call.write(move |txn, ctx| ops::rename(txn, ctx, &project, &id, &req.cluster_name)).await?;
    Ok(Json(JobIdResponse { job_id: Some(job) }).into_response())
}

/// PUT /v1.0/{project_id}/clusters/{cluster_id}/maintenance-window.
pub async fn maintenance_window(call: Call) -> Result<Response, ApiError> {
    let req: MaintenanceWindowRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    call.write(move |txn, ctx| ops::set_maintenance_window(txn, ctx, &project, &id, &req)).await?;
    Ok(empty(StatusCode::OK))
}

/// GET /v1.0/{project_id}/clusters/{cluster_id}/tags.
pub async fn tags(call: Call) -> Result<Response, ApiError> {
    let id = call.param("cluster_id");
    let tags = call.app.store.read(|s| s.clusters.get(&id).filter(|c| c.project_id == call.project_id).map(|c| c.tags.clone()));
    match tags {
        Some(tags) => Ok(Json(ClusterTagsResponse { tags }).into_response()),
        None => Err(cluster_not_found(&id)),
    }
}

/// POST …/tags/batch-create: 200 with no body.
pub async fn add_tags(call: Call) -> Result<Response, ApiError> {
    let req: BatchTagsRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    call.write(move |txn, ctx| ops::add_tags(txn, ctx, &project, &id, &req.tags)).await?;
    Ok(no_body(StatusCode::OK))
}

/// POST …/tags/batch-delete: 200 with no body.
pub async fn remove_tags(call: Call) -> Result<Response, ApiError> {
    let req: BatchTagsRequest = call.json()?;
    let (project, id) = (call.project_id.clone(), call.param("cluster_id"));
    call.write(move |txn, ctx| ops::remove_tags(txn, ctx, &project, &id, &req.tags)).await?;
    Ok(no_body(StatusCode::OK))
}

/// The largest node list page.
pub const NODE_LIMIT_MAX: usize = 1000;
/// The largest node list offset.
pub const NODE_OFFSET_MAX: usize = 2_147_483_647;

/// How a node list is filtered, sorted and paged (the query of `list_cluster_nodes`).
struct NodeQuery {
    ids: Vec<String>,
    offset: usize,
    limit: usize,
    filter_by: Option<String>,
    filter: Option<String>,
    descending: bool,
}

fn bad_query(what: String) -> ApiError {
    ApiError::with(ErrorCode::Dws5065, Detail::Text(what))
}

impl NodeQuery {
    fn read(call: &Call) -> Result<NodeQuery, ApiError> {
        let number = |name: &str, default: usize, min: usize, max: usize| -> Result<usize, ApiError> {
            match call.query_param(name) {
                None => Ok(default),
                Some(v) => super::whole_number(&v)
                    .map(|n| n.min(usize::MAX as u64) as usize)
                    .filter(|n| (min..=max).contains(n))
                    .ok_or_else(|| bad_query(format!("{name} must be a whole number from {min} to {max}, not {v:?}."))),
            }
        };
        let ids = call
            .query
            .as_deref()
            .unwrap_or_default()
            .split('&')
            .filter_map(|kv| kv.strip_prefix("node_ids="))
            .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
            .collect();
        let filter_by = call.query_param("filter_by");
        if let Some(f) = filter_by.as_deref().filter(|f| !matches!(*f, "instCreateType" | "status")) {
            return Err(bad_query(format!("filter_by must be instCreateType or status, not {f:?}.")));
        }
        let descending = match call.query_param("order").as_deref() {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(o) => return Err(bad_query(format!("order must be asc or desc, not {o:?}."))),
        };
        if let Some(o) = call.query_param("order_by").filter(|o| o != "name") {
            return Err(bad_query(format!("order_by must be name, not {o:?}.")));
        }
        Ok(NodeQuery {
            ids,
            offset: number("offset", 0, 0, NODE_OFFSET_MAX)?,
            limit: number("limit", 100, 1, NODE_LIMIT_MAX)?,
            filter_by,
            filter: call.query_param("filter"),
            descending,
        })
    }

    fn keeps(&self, n: &ClusterNode) -> bool {
        let by_id = self.ids.is_empty() || self.ids.contains(&n.id);
        let by_filter = match (self.filter_by.as_deref(), self.filter.as_deref()) {
            (_, None) | (_, Some("ALL")) | (None, _) => true,
            (Some("instCreateType"), Some(f)) => n.inst_create_type.as_deref() == Some(f),
            (Some(_), Some(f)) => n.status.as_str() == f,
        };
        by_id && by_filter
    }
}

/// The status of a cluster's nodes: they follow the cluster's.
fn node_status(status: &ClusterStatus) -> NodeStatus {
    match status {
        ClusterStatus::Creating => NodeStatus::Creating,
        ClusterStatus::Available | ClusterStatus::Active => NodeStatus::Active,
        ClusterStatus::Stopped => NodeStatus::Stopped,
        ClusterStatus::Deleting => NodeStatus::Deleting,
        ClusterStatus::Frozen => NodeStatus::Frozen,
        ClusterStatus::CreationFailed | ClusterStatus::CreateFailed => NodeStatus::CreateFailed,
        _ => NodeStatus::Failed,
    }
}

/// GET /v2/{project_id}/clusters/{cluster_id}/nodes: one node per server. Each cluster of the
/// emulator is one PostgreSQL server, so it lists one node, whose id is the `dws_instance_id` of
/// its Cloud Eye metrics.
pub async fn nodes(call: Call) -> Result<Response, ApiError> {
    let q = NodeQuery::read(&call)?;
    let id = call.param("cluster_id");
    let nodes = call.app.store.read(|s| {
        s.clusters.get(&id).filter(|c| c.project_id == call.project_id).map(|c| {
            vec![ClusterNode {
                id: node_id(&c.id),
                name: Some(format!("{}-dws-cn-cn-1-1", c.name)),
                status: node_status(&c.status),
                sub_status: Some(if c.status.is_available() { "READY" } else { "CREATED" }.to_owned()),
                spec: Some(c.spec.node_type.clone()),
                inst_create_type: Some("INST".to_owned()),
                alias_name: Some(c.name.clone()),
                az_code: Some(c.spec.availability_zone.clone()),
            }]
        })
    });
    let Some(mut nodes) = nodes else { return Err(cluster_not_found(&id)) };
    nodes.retain(|n| q.keeps(n));
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    if q.descending {
        nodes.reverse();
    }
    let count = nodes.len() as u32;
    let failed_count = nodes.iter().filter(|n| matches!(n.status, NodeStatus::Failed | NodeStatus::CreateFailed)).count() as u32;
    let node_list = nodes.into_iter().skip(q.offset).take(q.limit).collect();
    Ok(Json(ClusterNodesResponse { node_list, count: Some(count), failed_count: Some(failed_count) }).into_response())
}
