//! One thin handler per operation: parse, call [`crate::ops`], answer. The entry here does what
//! every DWS operation shares: finish due work, authenticate, authorise, and render errors in the
//! caller's language. IAM ([`iam`]) and Cloud Eye ([`ces`]) have entries of their own.

pub mod admin;
pub mod ces;
pub mod clusters;
pub mod day_two;
pub mod events;
pub mod iam;
pub mod node_types;
pub mod policies;
pub mod snapshots;

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, on};
use dws_contract::operation::{Method, Operation, OperationSpec, Service};
use dws_contract::{ErrorCode, Lang};

use crate::app::SharedApp;
use crate::auth::Caller;
use crate::auth::signature::SignedParts;
use crate::error::{ApiError, Detail, request_lang};

/// What a DWS handler is given.
pub struct Call {
    /// The app.
    pub app: SharedApp,
    /// `{project_id}`.
    pub project_id: String,
    /// Path parameters.
    pub params: HashMap<String, String>,
    /// Headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Bytes,
    /// The caller's language.
    pub lang: Lang,
    /// The query string, as sent.
    pub query: Option<String>,
    /// The IAM user the call comes from.
    pub user: String,
}

impl Call {
    /// A path parameter (present by construction of the route).
    pub fn param(&self, name: &str) -> String {
        self.params.get(name).cloned().unwrap_or_default()
    }

    /// Parses the body as a contract type.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, ApiError> {
        crate::body::parse(&self.headers, &self.body)
    }

    /// The time now.
    pub fn now(&self) -> i64 {
        self.app.clock.now_ms()
    }

    /// A write on behalf of the caller: the events it records name them.
    pub async fn write<R, F>(&self, f: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&mut crate::store::Txn, &crate::ops::Ctx) -> Result<R, ApiError> + Send + 'static,
    {
        self.app.write_as(Some(self.user.clone()), f).await
    }

    /// A query parameter's value (the first, percent-decoded), when it is there.
    pub fn query_param(&self, name: &str) -> Option<String> {
        let q = self.query.as_deref()?;
        q.split('&').filter_map(|kv| kv.split_once('=').or(Some((kv, "")))).find(|(k, _)| *k == name).map(|(_, v)| {
            percent_encoding::percent_decode_str(&v.replace('+', " ")).decode_utf8_lossy().into_owned()
        })
    }
}

fn filter(method: Method) -> MethodFilter {
    match method {
        Method::Get => MethodFilter::GET,
        Method::Post => MethodFilter::POST,
        Method::Put => MethodFilter::PUT,
        Method::Delete => MethodFilter::DELETE,
    }
}

/// The path's parameters. One that is not UTF-8 (`/V1.0/%FF/metrics`) names no project, cluster
/// or snapshot: it is left empty, so the call is refused as for any unknown one, in the service's
/// own shape, after authentication.
fn path_params(params: Result<Path<HashMap<String, String>>, PathRejection>) -> HashMap<String, String> {
    params.map(|Path(p)| p).unwrap_or_default()
}

/// The route for one operation of the contract's table.
pub fn method_router(spec: &'static OperationSpec) -> MethodRouter<SharedApp> {
    let op = spec.operation;
    match spec.service {
        Service::Dws => on(
            filter(spec.method),
            move |State(app): State<SharedApp>,
                  params: Result<Path<HashMap<String, String>>, PathRejection>,
                  uri: Uri,
                  headers: HeaderMap,
                  body: Result<Bytes, BytesRejection>| async move {
                dws_entry(app, op, path_params(params), uri, headers, body).await
            },
        ),
        Service::Ces => on(
            filter(spec.method),
            move |State(app): State<SharedApp>,
                  params: Result<Path<HashMap<String, String>>, PathRejection>,
                  uri: Uri,
                  headers: HeaderMap,
                  body: Result<Bytes, BytesRejection>| async move {
                let project_id = path_params(params).get("project_id").cloned().unwrap_or_default();
                ces::entry(app, op, project_id, uri, headers, body).await
            },
        ),
        Service::Iam => on(
            filter(spec.method),
            move |State(app): State<SharedApp>, uri: Uri, headers: HeaderMap, body: Result<Bytes, BytesRejection>| async move {
                iam::entry(app, op, uri, headers, body).await
            },
        ),
    }
}

/// Lets a call in: its token or AK/SK signature, then its IAM action in the path's project.
/// Every service of the emulator admits this way; each says a refusal in its own shape.
pub(crate) fn admit(app: &SharedApp, op: Operation, project_id: &str, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<Caller, ApiError> {
    let parts = SignedParts { method: op.spec().method.as_str(), raw_path: uri.path(), raw_query: uri.query(), headers, body };
    // Signatures are dated, and tokens expire, by the time the callers live in.
    let caller = app.iam.authenticate(&app.store, &parts, app.wall_clock.now_ms())?;
    app.iam.authorize(&caller, op, project_id)?;
    Ok(caller)
}

async fn dws_entry(
    app: SharedApp,
    op: Operation,
    params: HashMap<String, String>,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let lang = request_lang(&headers);
    let body = match body {
        Ok(b) => b,
        Err(e) => return ApiError::with(ErrorCode::Dws5065, Detail::Body(e.body_text())).into_response_in(lang),
    };
    match dws_call(app, op, params, uri, headers, body, lang).await {
        Ok(r) => r,
        Err(e) => e.into_response_in(lang),
    }
}

async fn dws_call(
    app: SharedApp,
    op: Operation,
    params: HashMap<String, String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    lang: Lang,
) -> Result<Response, ApiError> {
    app.settle().await?;
    let project_id = params.get("project_id").cloned().unwrap_or_default();
    let caller = admit(&app, op, &project_id, &uri, &headers, &body)?;
    let query = uri.query().map(str::to_owned);
    let call = Call { app, project_id, params, headers, body, lang, query, user: caller.user };
    match op {
        Operation::CreateCluster => clusters::create(call).await,
        Operation::ListClusters => clusters::list(call).await,
        Operation::ShowCluster => clusters::show(call).await,
        Operation::DeleteCluster => clusters::delete(call).await,
        Operation::RestartCluster => clusters::restart(call).await,
        Operation::ResizeCluster => clusters::resize(call).await,
        Operation::ResetPassword => clusters::reset_password(call).await,
        Operation::ListNodeTypes => node_types::list(call).await,
        Operation::CreateSnapshot => snapshots::create(call).await,
        Operation::ListSnapshots => snapshots::list(call).await,
        Operation::ShowSnapshot => snapshots::show(call).await,
        Operation::DeleteSnapshot => snapshots::delete(call).await,
        Operation::RestoreCluster => snapshots::restore(call).await,
        Operation::CopySnapshot => snapshots::copy(call).await,
        Operation::StopCluster => day_two::stop(call).await,
        Operation::StartCluster => day_two::start(call).await,
        Operation::ListJobDetails => day_two::job(call).await,
        Operation::ModifyClusterName => day_two::rename(call).await,
        Operation::UpdateMaintenanceWindow => day_two::maintenance_window(call).await,
        Operation::ListClusterTags => day_two::tags(call).await,
        Operation::BatchCreateResourceTag => day_two::add_tags(call).await,
        Operation::BatchDeleteResourceTag => day_two::remove_tags(call).await,
        Operation::ListClusterNodes => day_two::nodes(call).await,
        Operation::ListSnapshotPolicy => policies::list(call).await,
        Operation::CreateSnapshotPolicy => policies::set(call).await,
        Operation::DeleteSnapshotPolicy => policies::delete(call).await,
        Operation::ListEvents => events::list(call).await,
        Operation::ListEventSpecs => events::specs(call).await,
        // The router sends IAM's and Cloud Eye's operations to their entries; this arm only
        // completes the match.
        Operation::GetToken | Operation::ListProjects | Operation::ListMetrics | Operation::ShowMetricData | Operation::BatchListMetricData => {
            Err(ApiError::internal("routing", format!("{op:?} reached the DWS entry")))
        }
    }
}

/// A query parameter's whole number: digits only (leading zeros allowed), nothing else, not even
/// spaces or a sign, so the service reads exactly what its description allows.
pub fn whole_number(v: &str) -> Option<u64> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

/// `{}` with a status: the answer of actions that return nothing.
pub fn empty(status: axum::http::StatusCode) -> Response {
    (status, axum::Json(serde_json::json!({}))).into_response()
}

/// A status and no body at all, as the tag operations and a policy's deletion answer.
pub fn no_body(status: axum::http::StatusCode) -> Response {
    status.into_response()
}
