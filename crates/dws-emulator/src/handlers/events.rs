//! Events and their specifications.

use axum::Json;
use axum::response::{IntoResponse, Response};
use dws_contract::ErrorCode;
use dws_contract::events::{EventKind, NAME_SPACE, SUBJECT};
use dws_contract::types::{EventSpecResponse, ListEventSpecsResponse};

use super::Call;
use crate::error::{ApiError, Detail};

/// The most events or specifications one page holds.
pub const MAX_LIMIT: usize = 1000;

/// The largest offset.
pub const MAX_OFFSET: usize = 999_999_999;

/// `offset` (from 0) and `limit` (1–1000, default 1000): strings on the wire.
fn page(call: &Call) -> Result<(usize, usize), ApiError> {
    let read = |name: &str, default: usize, range: std::ops::RangeInclusive<usize>| -> Result<usize, ApiError> {
        match call.query_param(name) {
            None => Ok(default),
            Some(v) => super::whole_number(&v).map(|n| n.min(usize::MAX as u64) as usize).filter(|n| range.contains(n)).ok_or_else(|| {
                ApiError::with(
                    ErrorCode::Dws5065,
                    Detail::Text(format!("{name} must be a whole number from {} to {}, not {v:?}.", range.start(), range.end())),
                )
            }),
        }
    };
    Ok((read("offset", 0, 0..=MAX_OFFSET)?, read("limit", MAX_LIMIT, 1..=MAX_LIMIT)?))
}

/// GET /v2/{project_id}/events: the project's events, newest first (a `ListEventsResponse`).
/// The service filters nothing here; the console filters what it reads. Each event's JSON was
/// made when it was stored; the page is those texts joined.
pub async fn list(call: Call) -> Result<Response, ApiError> {
    let (offset, limit) = page(&call)?;
    let lang = call.lang;
    let body = call.app.store.read(|s| {
        let count = s.events.get(&call.project_id).map_or(0, Vec::len);
        let mut body = String::with_capacity(64 + limit.min(count) * 600);
        body.push_str("{\"events\":[");
        let mut first = true;
        // An event of a kind this version does not know (from a newer emulator) renders as
        // nothing, and is left out.
        for json in s.events_of(&call.project_id).skip(offset).take(limit).map(|e| e.json(lang)).filter(|j| !j.is_empty()) {
            if !first {
                body.push(',');
            }
            first = false;
            body.push_str(&json);
        }
        body.push_str(&format!("],\"count\":{count}}}"));
        body
    });
    Ok(([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// GET /v2/{project_id}/event-specs: the events the service records, filtered by name,
/// category, severity and source type.
pub async fn specs(call: Call) -> Result<Response, ApiError> {
    let (offset, limit) = page(&call)?;
    let (name, category, severity, source) =
        (call.query_param("spec_name"), call.query_param("category"), call.query_param("severity"), call.query_param("source_type"));
    let keep = |k: &EventKind| {
        name.as_deref().is_none_or(|n| k.name().contains(n))
            && category.as_deref().is_none_or(|c| k.category().as_str() == c)
            && severity.as_deref().is_none_or(|s| s.split(',').any(|s| k.severity().as_str() == s.trim()))
            && source.as_deref().is_none_or(|s| k.source_type().as_str() == s)
    };
    let all: Vec<EventSpecResponse> = EventKind::ALL
        .iter()
        .filter(|k| keep(k))
        .map(|k| EventSpecResponse {
            id: k.spec_id(),
            name: k.name().to_owned(),
            display_name: Some(k.display_name(call.lang).to_owned()),
            description: Some(k.template(call.lang).to_owned()),
            subject: Some(SUBJECT.to_owned()),
            category: k.category(),
            severity: k.severity(),
            source_type: k.source_type(),
            name_space: Some(NAME_SPACE.to_owned()),
        })
        .collect();
    let count = all.len() as u32;
    let event_specs = all.into_iter().skip(offset).take(limit).collect();
    Ok(Json(ListEventSpecsResponse { event_specs, count: Some(count) }).into_response())
}
