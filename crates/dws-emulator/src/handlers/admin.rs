//! The emulator's own endpoints: health, its OpenAPI description, reset, and the answer for
//! paths that do not exist.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dws_contract::ErrorCode;

use crate::app::SharedApp;
use crate::error::{ApiError, Detail, request_lang};

/// The OpenAPI 3 description of everything the emulator serves.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// `/healthz`, `/openapi.json`, `/_emulator/reset`.
pub fn routes() -> Router<SharedApp> {
    Router::new()
        .route("/healthz", get(|| async { axum::Json(serde_json::json!({"status": "ok"})) }))
        .route("/openapi.json", get(openapi))
        .route("/_emulator/reset", post(reset))
}

async fn openapi() -> Response {
    let mut res = OPENAPI.into_response();
    res.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    res
}

/// Clears every cluster, snapshot and token. Allowed from loopback, or from anywhere when the
/// emulator was started with `--allow-reset`.
async fn reset(
    State(app): State<SharedApp>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let peer = peer.ok().map(|c| c.0);
    let allowed = app.allow_reset || peer.is_some_and(|p| p.ip().is_loopback());
    if !allowed {
        return ApiError::with(
            ErrorCode::Dws0003,
            Detail::Text("Reset is only allowed from loopback, or with --allow-reset.".into()),
        )
        .into_response_in(lang);
    }
    let app2 = app.clone();
    match tokio::task::spawn_blocking(move || app2.store.reset()).await {
        Ok(Ok(())) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(e)) => e.into_response_in(lang),
        Err(e) => ApiError::internal("reset", e).into_response_in(lang),
    }
}

/// Unknown paths and methods: the gateway's 404, in the DWS error shape.
pub async fn not_found(req: Request) -> Response {
    let lang = request_lang(req.headers());
    ApiError::with(
        ErrorCode::Apigw0101,
        Detail::Text(format!("{} {}", req.method(), req.uri().path())),
    )
    .into_response_in(lang)
}
