//! The emulator's shared state and its router.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use dws_contract::headers::REQUEST_ID;
use axum::middleware::{self, Next};
use axum::response::Response;
use dws_contract::operation::OPERATIONS;

use crate::auth::Iam;
use crate::chaos::Chaos;
use crate::clock::Clock;
use crate::config::EmulatorConfig;
use crate::error::ApiError;
use crate::handlers;
use crate::ops::{self, Ctx};
use crate::plane::DataPlane;
use crate::store::{Store, Txn};

/// Everything a request handler can reach.
pub struct App {
    /// State and database.
    pub store: Store,
    /// Identities.
    pub iam: Iam,
    /// Configuration.
    pub config: EmulatorConfig,
    /// The service's time: lifecycles, schedules, the answers' times. `--clock manual` moves it
    /// by hand.
    pub clock: Arc<dyn Clock>,
    /// The time the service's clients live in: AK/SK signatures are dated by it and tokens
    /// expire by it, so a test that moves the service's clock days ahead does not lock its
    /// clients out. The system clock, but in tests that run both on one hand-moved clock.
    pub wall_clock: Arc<dyn Clock>,
    /// Durations are divided by this.
    pub speed: f64,
    /// Whether `POST /_emulator/reset` is allowed from anywhere (it always is from loopback).
    pub allow_reset: bool,
    /// Fault injection, when asked for.
    pub chaos: Option<Chaos>,
    /// The servers behind the clusters, when there are any.
    pub plane: DataPlane,
    /// The clusters' metrics.
    pub metrics: Arc<crate::metrics::MetricsStore>,
    /// Wakes the lifecycle loop when a change may have made work for it (new server work, a task
    /// that is due), so that it need not wait for its next tick.
    pub wake: tokio::sync::Notify,
}

/// The shared handle handlers get.
pub type SharedApp = Arc<App>;

impl App {
    /// Runs a write on the blocking pool (it waits for the disk), with an operation context.
    pub async fn write<R, F>(self: &Arc<Self>, f: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Txn, &Ctx) -> Result<R, ApiError> + Send + 'static,
    {
        self.write_as(None, f).await
    }

    /// [`App::write`] on behalf of an IAM user, whom the events it records name.
    pub async fn write_as<R, F>(self: &Arc<Self>, actor: Option<String>, f: F) -> Result<R, ApiError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Txn, &Ctx) -> Result<R, ApiError> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let ctx = Ctx {
                config: &app.config,
                speed: app.speed,
                now: app.clock.now_ms(),
                layout: app.plane.layout(),
                actor: actor.as_deref(),
            };
            app.store.write(|txn| f(txn, &ctx))
        })
        .await
        .map_err(|e| ApiError::internal("a write task", e))?
        .inspect(|_| self.wake.notify_one())
    }

    /// Finishes the work that is due; cheap when nothing is.
    pub async fn settle(self: &Arc<Self>) -> Result<(), ApiError> {
        let now = self.clock.now_ms();
        if !self.store.read(|s| s.next_due_ms.is_some_and(|d| d <= now)) {
            return Ok(());
        }
        self.write(|txn, ctx| {
            ops::settle(txn, ctx);
            Ok(())
        })
        .await
    }

    /// Removes expired tokens, and events and jobs past keeping.
    pub async fn prune(self: &Arc<Self>) -> Result<(), ApiError> {
        let now = self.wall_clock.now_ms();
        self.write(move |txn, ctx| {
            txn.prune_tokens(now);
            ops::prune_history(txn, ctx);
            Ok(())
        })
        .await
    }
}

/// Finishes due work in the background, so state moves on even when nobody asks.
pub fn spawn_lifecycle(app: SharedApp) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let tick = Duration::from_millis(50);
        let (mut last_sweep, mut last_prune) = (std::time::Instant::now(), std::time::Instant::now());
        loop {
            // Each tick, or at once after a change: a stop or a dump starts without a tick's wait.
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = app.wake.notified() => {}
            }
            if let DataPlane::Postgres(p) = &app.plane {
                p.kick(&app);
                // Dumps of deleted snapshots go within seconds.
                if last_sweep.elapsed() >= Duration::from_secs(2) {
                    last_sweep = std::time::Instant::now();
                    p.sweep_dumps(&app);
                }
            }
            if let Err(e) = app.settle().await {
                tracing::warn!("finishing due work failed: {:?}", e.code());
            }
            if last_prune.elapsed() >= Duration::from_secs(60) {
                last_prune = std::time::Instant::now();
                let _ = app.prune().await;
            }
        }
    })
}

async fn request_id(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let id = uuid::Uuid::new_v4().simple().to_string();
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    res
}

/// `Date` by the emulator's own clock, which `--speed` and `--clock manual` move: its answers'
/// times and its metrics' timestamps then agree, as the service's do.
async fn date(State(app): State<SharedApp>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&dws_contract::time::format_http_date(app.clock.now_ms())) {
        res.headers_mut().insert(axum::http::header::DATE, v);
    }
    res
}

async fn access_log(req: Request, next: Next) -> Response {
    // Method, path and status only: never headers, queries or bodies, which carry secrets.
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    tracing::info!(%method, %path, status = res.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    res
}

async fn chaos(State(app): State<SharedApp>, req: Request, next: Next) -> Response {
    if let Some(c) = &app.chaos
        && let Some(failure) = c.before().await
    {
        return failure;
    }
    next.run(req).await
}

/// The router: every operation of the contract's table, plus the emulator's own endpoints.
pub fn app(state: SharedApp) -> Router {
    // Operations sharing a path (list and create, detail and delete) share one route entry.
    let mut api = Router::new();
    let mut paths: Vec<&str> = OPERATIONS.iter().map(|s| s.path).collect();
    paths.sort_unstable();
    paths.dedup();
    for path in paths {
        let mut route = axum::routing::MethodRouter::new();
        for spec in OPERATIONS.iter().filter(|s| s.path == path) {
            route = route.merge(handlers::method_router(spec));
        }
        api = api.route(path, route);
    }
    let api = api.layer(middleware::from_fn_with_state(state.clone(), chaos));
    Router::new()
        .merge(api)
        .merge(handlers::admin::routes())
        .fallback(handlers::admin::not_found)
        .method_not_allowed_fallback(handlers::admin::not_found)
        .layer(middleware::from_fn(access_log))
        .layer(middleware::from_fn(request_id))
        .layer(middleware::from_fn_with_state(state.clone(), date))
        .with_state(state)
}
