//! What each operation does to the state, and how work in flight finishes. Handlers parse and
//! answer; everything here runs inside one [`Txn`], so it is all-or-nothing and durable.
//!
//! - [`clusters`]: chapter 5's cluster operations (create, delete, restart, scale out, reset).
//! - [`snapshots`]: manual snapshots, restores and copies.
//! - [`day_two`]: stop and start, rename, the maintenance window, tags.
//! - [`policies`]: automated-snapshot settings, the scheduler that takes them and retention.
//! - [`settle`]: work that falls due finishes, in the order it ends.

mod clusters;
mod day_two;
mod policies;
mod settle;
mod snapshots;

pub use clusters::{
    assign_addresses, check_reset_password, create_cluster, delete_cluster, reset_password, resize, restart,
};
pub use day_two::{add_tags, remove_tags, rename, set_maintenance_window, start, stop};
pub use policies::{delete_policy, prune_history, set_policies};
pub use settle::settle;
pub use snapshots::{copy_snapshot, create_snapshot, delete_snapshot, restore};

use dws_contract::ErrorCode;
use dws_contract::events::{EventDetail, EventKind};
use dws_contract::rules::RuleError;

use crate::config::{EmulatorConfig, FailingOperation, NodeTypeConfig};
use crate::error::{ApiError, Detail};
use crate::model::{Cluster, Event, Job, Snapshot};
use crate::plane::Layout;
use crate::store::Txn;

/// What every operation needs besides the transaction.
pub struct Ctx<'a> {
    /// The configuration.
    pub config: &'a EmulatorConfig,
    /// Durations are divided by this.
    pub speed: f64,
    /// Now.
    pub now: i64,
    /// Where clusters' servers go, when the data plane runs them.
    pub layout: Option<&'a Layout>,
    /// The IAM user the request comes from; `None` for the service's own work.
    pub actor: Option<&'a str>,
}

impl Ctx<'_> {
    fn ms(&self, seconds: f64) -> i64 {
        self.config.duration(seconds, self.speed).as_millis().max(1) as i64
    }

    fn failure(&self, op: FailingOperation, name: &str, node_type: &str) -> Option<String> {
        self.config.failures.iter().find(|f| f.applies(op, name, node_type)).map(|f| {
            f.reason.clone().unwrap_or_else(|| "The operation failed (configured failure).".into())
        })
    }

    fn node_type(&self, name: &str) -> Result<&NodeTypeConfig, ApiError> {
        self.config.node_types.iter().find(|n| n.spec_name == name).ok_or_else(|| {
            ApiError::with(
                ErrorCode::Dws5006,
                Detail::Text(format!("{name} is not a node type of this service (see node-types).")),
            )
        })
    }

    fn zone(&self, zone: Option<&str>) -> Result<String, ApiError> {
        match zone {
            None => Ok(self.config.availability_zones[0].clone()),
            Some(z) if self.config.availability_zones.iter().any(|c| c == z) => Ok(z.to_owned()),
            Some(z) => Err(ApiError::with(
                ErrorCode::Dws5011,
                Detail::Text(format!("{z} is not one of: {}.", self.config.availability_zones.join(", "))),
            )),
        }
    }
}

fn first_error(errors: Vec<RuleError>) -> Result<(), ApiError> {
    match errors.into_iter().next() {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

fn cluster_in(txn: &Txn, project_id: &str, id: &str) -> Result<Cluster, ApiError> {
    txn.cluster(id)
        .filter(|c| c.project_id == project_id)
        .ok_or_else(|| ApiError::with(ErrorCode::Dws0001, Detail::NotFound(id.to_owned())))
}

fn snapshot_in(txn: &Txn, project_id: &str, id: &str) -> Result<Snapshot, ApiError> {
    txn.snapshot(id)
        .filter(|s| s.project_id == project_id)
        .ok_or_else(|| ApiError::with(ErrorCode::Dws0002, Detail::NotFound(id.to_owned())))
}

/// Records an event about a cluster the caller holds (and puts back afterwards).
fn cluster_event(txn: &mut Txn, c: &mut Cluster, kind: EventKind, at: i64, user: Option<&str>, detail: Option<EventDetail>) {
    let e = c.event(kind, at, user, detail);
    txn.add_event(e);
}

/// Records an event about a snapshot.
fn snapshot_event(txn: &mut Txn, s: &Snapshot, kind: EventKind, at: i64, user: Option<&str>, detail: Option<EventDetail>) {
    let mut e = Event::new(&s.project_id, kind, &s.id, &s.name, at);
    e.cluster_id = Some(s.cluster_id.clone());
    e.user = user.map(str::to_owned);
    e.detail = detail;
    txn.add_event(e);
}

/// Starts a job for a cluster's task and ties it to the task; returns its id.
fn start_job(txn: &mut Txn, ctx: &Ctx, c: &mut Cluster, name: &str) -> String {
    let job = Job::running(&c.project_id, name, &c.id, ctx.now);
    let id = job.id.clone();
    if let Some(t) = c.task.as_mut() {
        t.job = Some(id.clone());
        t.user = ctx.actor.map(str::to_owned);
    }
    txn.put_job(job);
    id
}

/// Bytes in the API's unit for sizes, GB (GiB, as the service counts them).
fn gb(bytes: u64) -> f64 {
    bytes as f64 / (1u64 << 30) as f64
}
