//! The emulator's own endpoints: health, its OpenAPI description, reset, the manual clock, and
//! the answer for paths that do not exist.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::rejection::ExtensionRejection;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dws_contract::ErrorCode;

use crate::app::SharedApp;
use crate::error::{ApiError, Detail, request_lang};

/// `/healthz`, `/openapi.json`, `/_emulator/reset`, `/_emulator/clock`.
pub fn routes() -> Router<SharedApp> {
    Router::new()
        .route("/healthz", get(|| async { axum::Json(serde_json::json!({"status": "ok"})) }))
        .route("/openapi.json", get(openapi))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/clock", get(clock).post(move_clock))
}

/// The emulator's own endpoints that change its state answer only loopback callers, unless the
/// emulator was started with `--allow-reset`.
fn admin_allowed(app: &SharedApp, peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>) -> Result<(), ApiError> {
    let peer = peer.ok().map(|c| c.0);
    if app.allow_reset || peer.is_some_and(|p| p.ip().is_loopback()) {
        Ok(())
    } else {
        Err(ApiError::with(
            ErrorCode::Dws0003,
            Detail::Text("The emulator's own endpoints answer only loopback, or any address with --allow-reset.".into()),
        ))
    }
}

/// The emulator's time.
#[derive(serde::Serialize)]
struct ClockAnswer {
    /// Milliseconds since the Unix epoch.
    now_ms: i64,
    /// The same, ISO 8601 as the API writes times.
    now: String,
}

fn clock_answer(app: &SharedApp) -> Response {
    let now_ms = app.clock.now_ms();
    axum::Json(ClockAnswer { now_ms, now: dws_contract::time::format_iso8601(now_ms) }).into_response()
}

async fn clock(State(app): State<SharedApp>) -> Response {
    clock_answer(&app)
}

/// `POST /_emulator/clock {"advance_seconds": N}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveClock {
    advance_seconds: f64,
}

/// Moves a manual clock forward (`--clock manual`); work that falls due finishes at once.
async fn move_clock(
    State(app): State<SharedApp>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let moved = async {
        admin_allowed(&app, peer)?;
        let m: MoveClock = crate::body::parse(&headers, &body)?;
        // Up to ten years at a time: far beyond any lifecycle, and no overflow.
        if !(m.advance_seconds.is_finite() && (0.0..=315_576_000.0).contains(&m.advance_seconds)) {
            return Err(ApiError::with(
                ErrorCode::Dws5065,
                Detail::Text("advance_seconds must be a number of seconds from 0 to 315576000.".into()),
            ));
        }
        if !app.clock.advance((m.advance_seconds * 1000.0).round() as i64) {
            return Err(ApiError::with(
                ErrorCode::Dws5065,
                Detail::Text("The clock is the system's: start the emulator with --clock manual to move it.".into()),
            ));
        }
        app.settle().await
    };
    match moved.await {
        Ok(()) => clock_answer(&app),
        Err(e) => e.into_response_in(lang),
    }
}

async fn openapi(State(app): State<SharedApp>) -> Response {
    axum::Json(crate::openapi::document(&app.config)).into_response()
}

/// Clears every cluster, snapshot and token. Allowed from loopback, or from anywhere when the
/// emulator was started with `--allow-reset`.
async fn reset(
    State(app): State<SharedApp>,
    peer: Result<ConnectInfo<SocketAddr>, ExtensionRejection>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    if let Err(e) = admin_allowed(&app, peer) {
        return e.into_response_in(lang);
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
