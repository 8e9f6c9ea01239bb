//! The one way a page talks to the service outside the live lists: a form's request (whether it
//! is out, how it failed) and a one-shot load (a `LocalResource` that follows the signals it
//! reads, such as the route's id, and goes with its page). Either way a refused token ends the
//! session once, and nothing else has to think about it.

use std::future::Future;

use dws_contract::{Operation, PathParams};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Answer, Api, ApiError};
use crate::session::{SessionContext, use_api, use_session};

/// A request a form sends on the user's behalf.
#[derive(Clone, Copy)]
pub struct Request {
    api: Signal<Option<Api>>,
    session: SessionContext,
    /// Whether the request is out (a second send meanwhile is ignored).
    pub pending: RwSignal<bool>,
    /// How the last attempt failed, cleared by the next one.
    pub failure: RwSignal<Option<ApiError>>,
}

/// A request for a form, taking what it needs from the component's context (event handlers run
/// outside the component tree).
pub fn use_request() -> Request {
    Request { api: use_api(), session: use_session(), pending: RwSignal::new(false), failure: RwSignal::new(None) }
}

impl Request {
    /// Sends `op` (`params` adds the cluster or snapshot to the project's path parameters) and
    /// runs `done` with the answer once the service accepted it; a failure lands in `failure`,
    /// or ends the session when the token was refused.
    pub fn send<B, T>(
        self,
        op: Operation,
        params: impl FnOnce(PathParams) -> PathParams + 'static,
        body: Option<B>,
        done: impl FnOnce(Answer<T>) + 'static,
    ) where
        B: Serialize + 'static,
        T: DeserializeOwned + 'static,
    {
        self.send_or(op, params, body, done, |_| {});
    }

    /// [`Request::send`], then `failed` with a failure once it is in `failure` (to point the user
    /// at the field or the panel that explains it).
    pub fn send_or<B, T>(
        self,
        op: Operation,
        params: impl FnOnce(PathParams) -> PathParams + 'static,
        body: Option<B>,
        done: impl FnOnce(Answer<T>) + 'static,
        failed: impl FnOnce(&ApiError) + 'static,
    ) where
        B: Serialize + 'static,
        T: DeserializeOwned + 'static,
    {
        let Some(api) = self.api.get_untracked() else { return };
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            let params = params(api.project());
            let result = api.call(op, &params, body.as_ref()).await;
            self.pending.try_set(false);
            match result {
                Ok(answer) => done(answer),
                Err(e) if self.session.refused(&e) => {}
                Err(e) => {
                    self.failure.try_set(Some(e.clone()));
                    failed(&e);
                }
            }
        });
    }
}

/// What a one-shot load holds: `None` while it loads (or when signed out), then the outcome.
pub type Loaded<T> = LocalResource<Option<Result<T, ApiError>>>;

/// Loads once, and again whenever a signal `fetch` reads changes (the route's id, the session):
/// `fetch` returns the request to make, or `None` when there is nothing to ask (signed out). A
/// refused token ends the session instead of showing as a failure.
pub fn use_load<T, F>(fetch: impl Fn(Api) -> F + 'static) -> Loaded<T>
where
    T: 'static,
    F: Future<Output = Result<T, ApiError>> + 'static,
{
    let api = use_api();
    let session = use_session();
    LocalResource::new(move || {
        let request = api.get().map(&fetch);
        async move {
            let result = request?.await;
            match &result {
                Err(e) if session.refused(e) => None,
                _ => Some(result),
            }
        }
    })
}
