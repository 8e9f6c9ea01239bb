//! Cloud Eye's three metric calls over the clusters' recorded figures, with Cloud Eye's own error
//! body (see `dws_contract::ces::error`). Authentication and permissions are those of DWS: a
//! token or an AK/SK signature, and the IAM actions `ces:metrics:list` / `ces:metricData:list`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use dws_contract::ces::catalog::metric;
use dws_contract::ces::error::{CesErrorBody, denied};
use dws_contract::ces::query::{DataQuery, ListQuery, MAX_BATCH_BODY, MAX_POINTS, QueryError};
use dws_contract::ces::wire::{BatchQueryResponse, Datapoint, ListMetricsResponse, MetaData, MetricData, MetricInfo, MetricRef, SeriesData};
use dws_contract::ces::{NAMESPACE, Period};
use dws_contract::operation::Operation;
use dws_contract::ErrorCode;

use crate::app::SharedApp;
use crate::error::{ApiError, Detail};

/// A refused call, answered in Cloud Eye's shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {details}")]
pub struct CesError {
    code: ErrorCode,
    details: String,
}

impl CesError {
    fn new(code: ErrorCode, details: impl Into<String>) -> Self {
        CesError { code, details: details.into() }
    }

    fn internal(context: &str, e: impl std::fmt::Display) -> Self {
        tracing::error!("{context}: {e}");
        CesError::new(ErrorCode::Ces0007, ErrorCode::Ces0007.entry().message_en)
    }
}

impl From<QueryError> for CesError {
    fn from(e: QueryError) -> Self {
        let code = match e {
            QueryError::Parameters(_) => ErrorCode::Ces0013,
            QueryError::Start => ErrorCode::Ces0006,
            QueryError::Body(_) => ErrorCode::Ces0014,
        };
        CesError::new(code, e.to_string())
    }
}

/// What DWS's authentication and authorisation say, in Cloud Eye's words.
impl From<ApiError> for CesError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Code(ErrorCode::Apigw0301, Some(Detail::Auth(why))) => {
                CesError::new(ErrorCode::Ces0015, format!("{} {why}", ErrorCode::Ces0015.entry().message_en))
            }
            ApiError::Code(ErrorCode::Dws0003, Some(Detail::MissingAction(action))) => CesError::new(ErrorCode::Ces403, denied(action)),
            ApiError::Code(ErrorCode::Dws0004, _) => {
                CesError::new(ErrorCode::Ces0003, "The tenant ID is left blank or incorrect: the path's project is not the caller's.")
            }
            other => CesError::new(ErrorCode::Ces0007, other.body(dws_contract::Lang::En).error_msg),
        }
    }
}

impl IntoResponse for CesError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::BAD_REQUEST);
        (status, Json(CesErrorBody::new(self.code, self.details))).into_response()
    }
}

/// Answers a Cloud Eye operation.
pub async fn entry(
    app: SharedApp,
    op: Operation,
    project_id: String,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match call(app, op, project_id, uri, headers, body).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn call(
    app: SharedApp,
    op: Operation,
    project_id: String,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, CesError> {
    let body = body.map_err(|e| CesError::new(ErrorCode::Ces0014, e.body_text()))?;
    super::admit(&app, op, &project_id, &uri, &headers, &body)?;
    let params = query_params(uri.query().unwrap_or_default());
    match op {
        Operation::ListMetrics => list(&app, project_id, &params).await,
        Operation::ShowMetricData => show(&app, project_id, &params).await,
        Operation::BatchListMetricData => batch(&app, project_id, &headers, &body).await,
        _ => Err(CesError::internal("routing", format!("{op:?} reached Cloud Eye's entry"))),
    }
}

/// A query string's parameters, percent-decoded, in order.
fn query_params(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned();
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Runs a read of the metrics database on the blocking pool.
async fn read<R: Send + 'static>(
    app: &SharedApp,
    f: impl FnOnce(&crate::metrics::MetricsStore) -> rusqlite::Result<R> + Send + 'static,
) -> Result<R, CesError> {
    let store = app.metrics.clone();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| CesError::internal("a metrics read", e))?
        .map_err(|e| CesError::internal("a metrics read", e))
}

async fn list(app: &SharedApp, project_id: String, params: &[(String, String)]) -> Result<Response, CesError> {
    let q = ListQuery::parse(params)?;
    let (keys, total) = read(app, move |s| s.list(&project_id, &q)).await?;
    let marker = keys.last().map(|k| k.marker()).unwrap_or_default();
    let metrics: Vec<MetricInfo> = keys
        .into_iter()
        .map(|k| MetricInfo {
            unit: metric(&k.metric_name).map_or("", |m| m.unit).to_owned(),
            namespace: k.namespace,
            dimensions: vec![k.dimension],
            metric_name: k.metric_name,
        })
        .collect();
    let count = u32::try_from(metrics.len()).unwrap_or(u32::MAX);
    Ok(Json(ListMetricsResponse { metrics, meta_data: MetaData { count, total, marker } }).into_response())
}

/// The points of one series for a query, at most `cap` of them (the newest); `None` when Cloud
/// Eye holds no such series.
async fn points(app: &SharedApp, project_id: &str, m: &MetricRef, q: &DataQuery, cap: usize) -> Result<Option<(Vec<Datapoint>, &'static str)>, CesError> {
    let Some(spec) = metric(&m.metric_name).filter(|_| m.namespace == NAMESPACE && m.dimensions.len() == 1) else {
        return Ok(None);
    };
    let (project, dim, (from, to, period)) = (project_id.to_owned(), m.dimensions[0].clone(), (q.from, q.to, q.period));
    let now = app.clock.now_ms();
    let Some(rows) = read(app, move |s| s.points(&project, spec.id, &dim, from, to, period, now)).await? else {
        return Ok(None);
    };
    let skip = rows.len().saturating_sub(cap);
    let filter = q.filter;
    let points = rows
        .iter()
        .skip(skip)
        .map(|a| {
            let v = a.statistic(filter, period);
            Datapoint::new(filter, if period == Period::Raw { v } else { spec.round(v) }, a.ts, None)
        })
        .collect();
    Ok(Some((points, spec.unit)))
}

async fn show(app: &SharedApp, project_id: String, params: &[(String, String)]) -> Result<Response, CesError> {
    let q = DataQuery::parse_show(params)?;
    let m = &q.metrics[0];
    let datapoints = match points(app, &project_id, m, &q, MAX_POINTS as usize).await? {
        Some((points, unit)) => points.into_iter().map(|p| Datapoint { unit: Some(unit.to_owned()), ..p }).collect(),
        None => Vec::new(),
    };
    Ok(Json(MetricData { metric_name: m.metric_name.clone(), datapoints }).into_response())
}

async fn batch(app: &SharedApp, project_id: String, headers: &HeaderMap, body: &Bytes) -> Result<Response, CesError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(CesError::new(ErrorCode::Ces0001, ErrorCode::Ces0001.entry().message_en));
    }
    if !crate::body::is_json_request(headers) {
        return Err(CesError::new(
            ErrorCode::Ces0014,
            "Some content in message body is not correct, error message: the body must be sent as application/json",
        ));
    }
    if body.len() > MAX_BATCH_BODY {
        return Err(CesError::new(
            ErrorCode::Ces0014,
            format!("Some content in message body is not correct, error message: the body is {} bytes, more than 512 KB", body.len()),
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        CesError::new(ErrorCode::Ces0014, format!("Some content in message body is not correct, error message: not JSON ({e})"))
    })?;
    let q = DataQuery::parse_batch(&value)?;
    let cap = (MAX_POINTS as usize / q.metrics.len()).max(1);
    let mut metrics = Vec::with_capacity(q.metrics.len());
    for m in &q.metrics {
        let (datapoints, unit) = points(app, &project_id, m, &q, cap).await?.unwrap_or_else(|| (Vec::new(), "unknown"));
        metrics.push(SeriesData {
            namespace: m.namespace.clone(),
            metric_name: m.metric_name.clone(),
            dimensions: m.dimensions.clone(),
            datapoints,
            unit: unit.to_owned(),
        });
    }
    Ok(Json(BatchQueryResponse { metrics }).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_are_decoded() {
        assert_eq!(
            query_params("dim.0=datastore_id%2Cc1&namespace=SYS.DWS&x&empty="),
            [
                ("dim.0".to_owned(), "datastore_id,c1".to_owned()),
                ("namespace".to_owned(), "SYS.DWS".to_owned()),
                ("x".to_owned(), String::new()),
                ("empty".to_owned(), String::new()),
            ]
        );
    }

    #[test]
    fn dws_refusals_read_as_cloud_eye_s() {
        let e = CesError::from(ApiError::with(ErrorCode::Dws0003, Detail::MissingAction("ces:metricData:list")));
        assert_eq!((e.code, e.details.as_str()), (ErrorCode::Ces403, "Policy doesn't allow [ces:metricData:list] to be performed"));
        let e = CesError::from(ApiError::with(ErrorCode::Apigw0301, Detail::Auth("The token has expired.".into())));
        assert_eq!(e.code, ErrorCode::Ces0015);
        assert!(e.details.ends_with("The token has expired."));
    }
}
