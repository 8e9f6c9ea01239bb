//! Live data: a list that refreshes itself (fast while something changes, slowly otherwise, not
//! at all while the tab is hidden), keeps its last data through network failures, and updates
//! only the rows that changed so nothing flickers or loses focus.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::session::{now_ms, use_session};

/// When to fetch next, from what the last fetch found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence {
    /// Delay while anything is changing (ms).
    pub fast_ms: u32,
    /// Delay when all is settled (ms).
    pub slow_ms: u32,
}

impl Cadence {
    /// The delay after a successful fetch.
    pub fn after_success(&self, changing: bool) -> u32 {
        if changing { self.fast_ms } else { self.slow_ms }
    }

    /// The delay after the `failures`-th transient failure in a row: doubling from the fast
    /// delay, never longer than the slow one.
    pub fn after_failure(&self, failures: u32) -> u32 {
        let doubled = u64::from(self.fast_ms.max(500)) << failures.saturating_sub(1).min(16);
        doubled.min(u64::from(self.slow_ms.max(self.fast_ms))) as u32
    }
}

/// An effect: runs `f` now and again whenever a signal it read changes. Every effect of the
/// console goes through here, so the download carries one copy of an effect's machinery rather
/// than one per closure.
pub fn effect(f: impl Fn() + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// The polling cadence of the deployment's `config.json`.
pub fn use_cadence() -> Signal<Cadence> {
    let config = expect_context::<crate::config::ConfigContext>();
    Signal::derive(move || {
        let p = config.config.with(|c| c.polling);
        Cadence { fast_ms: p.fast_ms, slow_ms: p.slow_ms }
    })
}

/// A live value and what the page shows about its freshness.
#[derive(Debug)]
pub struct Live<T: Send + Sync + 'static> {
    /// The last data fetched (kept through failures).
    pub data: RwSignal<Option<T>>,
    /// The last failure, cleared by the next success.
    pub error: RwSignal<Option<ApiError>>,
    /// When the data was last fetched (ms since the epoch).
    pub updated_ms: RwSignal<Option<i64>>,
    /// Whether a fetch is under way.
    pub loading: RwSignal<bool>,
    /// When the next attempt after a failure is due (ms since the epoch).
    pub retry_at_ms: RwSignal<Option<i64>>,
    refresh: Trigger,
}

impl<T: Send + Sync + 'static> Clone for Live<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Live<T> {}

impl<T: Send + Sync + 'static> Live<T> {
    /// Fetches now, then goes on with the usual cadence.
    pub fn refresh(&self) {
        self.refresh.notify();
    }
}

fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// One poll: fetches, and on success says whether the data is changing and hands back how to
/// keep it.
type Step = Box<dyn Fn() -> Option<Pin<Box<dyn Future<Output = Result<(bool, Box<dyn FnOnce()>), ApiError>>>>>>;

/// What a live value shows about its freshness: every signal of [`Live`] but the data.
#[derive(Clone, Copy)]
struct Status {
    error: RwSignal<Option<ApiError>>,
    updated_ms: RwSignal<Option<i64>>,
    loading: RwSignal<bool>,
    retry_at_ms: RwSignal<Option<i64>>,
    refresh: Trigger,
}

/// Polls `fetch` while the calling component is mounted. `changing` says whether the data will
/// change on its own soon (a cluster being created), which makes the next poll come sooner.
/// A refused token signs the user out; transient failures retry with backoff.
pub fn use_live<T, F, Fut>(cadence: Signal<Cadence>, fetch: F, changing: fn(&T) -> bool) -> Live<T>
where
    T: Clone + Send + Sync + 'static,
    F: Fn() -> Option<Fut> + Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let data = RwSignal::new(None);
    // The one part that knows the data's type; the polling itself is shared by every list.
    let step: Step = Box::new(move || {
        let fut = fetch()?;
        Some(Box::pin(async move {
            let value = fut.await?;
            let is_changing = changing(&value);
            let keep: Box<dyn FnOnce()> = Box::new(move || {
                data.try_set(Some(value));
            });
            Ok((is_changing, keep))
        }))
    });
    let f = Status {
        error: RwSignal::new(None),
        updated_ms: RwSignal::new(None),
        loading: RwSignal::new(false),
        retry_at_ms: RwSignal::new(None),
        refresh: Trigger::new(),
    };
    poll(cadence, step, f);
    Live { data, error: f.error, updated_ms: f.updated_ms, loading: f.loading, retry_at_ms: f.retry_at_ms, refresh: f.refresh }
}

/// Runs `step` now, then again after each answer with the cadence's delay, while the calling
/// component is mounted and the tab is visible.
fn poll(cadence: Signal<Cadence>, step: Step, live: Status) {
    let session = use_session();
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let failures = StoredValue::new(0u32);
    // Increases on every scheduling, so a fetch that returns after a newer one started is dropped.
    let generation = StoredValue::new(0u64);
    let alive = StoredValue::new(true);

    let run: StoredValue<Box<dyn Fn()>, LocalStorage> = StoredValue::new_local(Box::new(|| {}));
    let schedule = move |delay_ms: u32| {
        if let Some(h) = timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if alive.try_get_value() == Some(true) {
                    run.with_value(|r| r());
                }
            },
            Duration::from_millis(u64::from(delay_ms)),
        )
        .ok();
        timer.set_value(handle);
    };
    run.set_value(Box::new(move || {
        if page_hidden() {
            // Picked up again by the visibility listener.
            return;
        }
        let Some(fut) = step() else { return };
        let this = generation.get_value().wrapping_add(1);
        generation.set_value(this);
        live.loading.try_set(true);
        leptos::task::spawn_local(async move {
            let result = fut.await;
            if alive.try_get_value() != Some(true) || generation.try_get_value() != Some(this) {
                return;
            }
            live.loading.try_set(false);
            let c = cadence.get_untracked();
            match result {
                Ok((changing, keep)) => {
                    failures.set_value(0);
                    let next = c.after_success(changing);
                    keep();
                    live.error.try_set(None);
                    live.retry_at_ms.try_set(None);
                    live.updated_ms.try_set(Some(now_ms()));
                    schedule(next);
                }
                Err(e) if session.refused(&e) => {}
                Err(e) => {
                    let n = failures.get_value() + 1;
                    failures.set_value(n);
                    let next = if e.is_transient() { c.after_failure(n) } else { c.slow_ms };
                    live.retry_at_ms.try_set(Some(now_ms() + i64::from(next)));
                    // The same refusal again leaves the shown error as it is, so a screen reader
                    // does not hear it at every retry.
                    if !live.error.with_untracked(|shown| shown.as_ref().is_some_and(|s| s.same_failure(&e))) {
                        live.error.try_set(Some(e));
                    }
                    schedule(next);
                }
            }
        });
    }));

    // First fetch, and again whenever asked to refresh (or the session's API changes).
    effect(move || {
        live.refresh.track();
        run.with_value(|r| r());
    });
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if !page_hidden() {
            run.with_value(|r| r());
        }
    });
    on_cleanup(move || {
        alive.set_value(false);
        if let Some(h) = timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
        visibility.remove();
    });
}

/// Rows of a live list, one signal per row, keyed by id: a refresh updates only the rows whose
/// data changed, adds new ones and drops gone ones, and bumps `version` when anything did.
#[derive(Debug)]
pub struct KeyedRows<T: Send + Sync + 'static> {
    rows: StoredValue<Vec<(String, ArcRwSignal<T>)>>,
    /// Changes whenever any row changed, was added or removed.
    pub version: RwSignal<u64>,
}

impl<T: Send + Sync + 'static> Clone for KeyedRows<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for KeyedRows<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Default for KeyedRows<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> KeyedRows<T> {
    /// No rows yet.
    pub fn new() -> Self {
        KeyedRows { rows: StoredValue::new(Vec::new()), version: RwSignal::new(0) }
    }

    /// Merges a fresh list in, copying only the rows that changed or appeared. Returns how many
    /// rows changed, appeared or went.
    pub fn merge<F: std::borrow::Borrow<T>>(&self, fresh: &[F], key: impl Fn(&T) -> &str) -> usize {
        self.merge_with(fresh, key, |a, b| a == b)
    }

    /// [`KeyedRows::merge`] with `same` deciding whether a row is unchanged (a cheaper test than
    /// comparing every field, when there is one).
    pub fn merge_with<F: std::borrow::Borrow<T>>(
        &self,
        fresh: &[F],
        key: impl Fn(&T) -> &str,
        same: impl Fn(&T, &T) -> bool,
    ) -> usize {
        let mut changes = 0;
        // The usual poll: the same rows in the same order. Compare in place, no map.
        let same_keys = self.rows.with_value(|rows| {
            rows.len() == fresh.len() && rows.iter().zip(fresh).all(|((k, _), item)| k == key(item.borrow()))
        });
        if same_keys {
            self.rows.with_value(|rows| {
                for ((_, sig), item) in rows.iter().zip(fresh) {
                    let item = item.borrow();
                    if sig.with_untracked(|cur| !same(cur, item)) {
                        sig.set(item.clone());
                        changes += 1;
                    }
                }
            });
        } else {
            self.rows.update_value(|rows| {
                let mut old: HashMap<String, ArcRwSignal<T>> = rows.drain(..).collect();
                let before = old.len();
                let mut kept = 0;
                for item in fresh {
                    let item = item.borrow();
                    let k = key(item);
                    match old.remove_entry(k) {
                        Some((k, sig)) => {
                            kept += 1;
                            if sig.with_untracked(|cur| !same(cur, item)) {
                                sig.set(item.clone());
                                changes += 1;
                            }
                            rows.push((k, sig));
                        }
                        None => {
                            changes += 1;
                            rows.push((k.to_owned(), ArcRwSignal::new(item.clone())));
                        }
                    }
                }
                changes += before - kept;
            });
        }
        if changes > 0 {
            self.version.update(|v| *v += 1);
        }
        changes
    }

    /// Every row, in the order the service gave them. Tracks `version`.
    pub fn all(&self) -> Vec<(String, ArcRwSignal<T>)> {
        self.version.track();
        self.rows.get_value()
    }

    /// Reads every row without copying the list. Tracks `version`.
    pub fn with_all<R>(&self, f: impl FnOnce(&[(String, ArcRwSignal<T>)]) -> R) -> R {
        self.version.track();
        self.rows.with_value(|r| f(r))
    }

    /// The row with a key (not tracked: a row reads its own signal).
    pub fn get(&self, key: &str) -> Option<ArcRwSignal<T>> {
        self.rows.with_value(|r| r.iter().find(|(k, _)| k == key).map(|(_, s)| s.clone()))
    }

    /// How many rows there are. Tracks `version`.
    pub fn len(&self) -> usize {
        self.version.track();
        self.rows.with_value(Vec::len)
    }

    /// Whether there are no rows. Tracks `version`.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_is_fast_while_anything_changes() {
        let c = Cadence { fast_ms: 3_000, slow_ms: 30_000 };
        assert_eq!(c.after_success(true), 3_000);
        assert_eq!(c.after_success(false), 30_000);
    }

    #[test]
    fn failures_back_off_up_to_the_slow_delay() {
        let c = Cadence { fast_ms: 3_000, slow_ms: 30_000 };
        let delays: Vec<u32> = (1..=6).map(|n| c.after_failure(n)).collect();
        assert_eq!(delays, [3_000, 6_000, 12_000, 24_000, 30_000, 30_000]);
    }
}
