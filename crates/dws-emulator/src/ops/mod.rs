//! What each operation does to the state, and how work in flight finishes. Handlers parse and
//! answer; everything here runs inside one [`Txn`], so it is all-or-nothing and durable.

use dws_contract::ErrorCode;
use dws_contract::lifecycle::{ClusterOperation, SnapshotOperation, SnapshotState};
use dws_contract::rules::{self, Field, RuleError, Violation};
use dws_contract::status::{ClusterStatus, ClusterTask, PublicBindType, SnapshotStatus, SnapshotType};
use dws_contract::time::format_iso8601;
use dws_contract::types::{
    CreateClusterInfo, FailedReason, PublicIp, ResizeClusterRequest, Restore, Snapshot as SnapshotRequest,
};

use crate::auth::password;
use crate::config::{EmulatorConfig, FailingOperation, NodeTypeConfig};
use crate::error::{ApiError, Detail};
use crate::model::snapshot::size_for;
use crate::model::{Cluster, ClusterSpec, FailedResize, PublicAccess, ServerRecord, Snapshot, SourceCluster, TaskKind, Work};
use crate::plane::Layout;
use crate::plane::address::{Addressing, Block};
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

fn name_free(txn: &Txn, project_id: &str, name: &str) -> Result<(), ApiError> {
    let clusters = txn.clusters();
    let names = clusters.iter().filter(|c| c.project_id == project_id).map(|c| c.name.as_str());
    rules::cluster_name_unique(name, names).map_err(Into::into)
}

fn public_access(block: Block, ip: Option<&PublicIp>) -> PublicAccess {
    match ip.map(|i| (&i.public_bind_type, i.eip())) {
        Some((PublicBindType::AutoAssign, _)) => PublicAccess {
            bind_type: PublicBindType::AutoAssign,
            eip_id: Some(uuid::Uuid::new_v4().to_string()),
            address: Some(block.public()),
        },
        Some((PublicBindType::BindExisting, Some(eip))) => PublicAccess {
            bind_type: PublicBindType::BindExisting,
            eip_id: Some(eip.to_owned()),
            address: Some(block.public()),
        },
        _ => PublicAccess { bind_type: PublicBindType::NotUse, eip_id: None, address: None },
    }
}

/// A block of loopback addresses no other cluster has.
fn free_block(txn: &Txn, id: &str) -> Block {
    let taken = txn.clusters().iter().filter_map(|c| c.block).map(Block).collect();
    crate::plane::address::allocate(id, &taken)
}

/// Where the cluster's server goes, and what it has to do first, when the data plane runs
/// servers: it listens on the CNs' addresses and the public one, on the port the request chose
/// (or, where only 127.0.0.1 exists, on a free port of its own).
fn server_for(c: &Cluster, layout: Option<&Layout>, restore_dump: Option<String>) -> Option<ServerRecord> {
    let layout = layout?;
    let (listen, port) = match layout.addressing {
        Addressing::PerAddress => {
            let mut listen: Vec<String> = c.private_ips.iter().take(c.spec.number_of_cn.max(1) as usize).cloned().collect();
            listen.extend(c.public.address.clone());
            (listen, c.spec.port)
        }
        Addressing::PortOn127001 => {
            let port = std::net::TcpListener::bind(("127.0.0.1", 0))
                .and_then(|l| l.local_addr())
                .map_or(c.spec.port, |a| u32::from(a.port()));
            (vec!["127.0.0.1".to_owned()], port)
        }
    };
    Some(ServerRecord {
        root: layout.servers.join(&c.id).display().to_string(),
        port,
        listen,
        work: Some(Work::Provision { restore_dump }),
    })
}

fn new_cluster(txn: &Txn, ctx: &Ctx, project_id: &str, name: &str, spec: ClusterSpec, ip: Option<&PublicIp>) -> Cluster {
    let id = uuid::Uuid::new_v4().to_string();
    let block = free_block(txn, &id);
    let private_ips = match ctx.layout.map(|l| l.addressing) {
        Some(Addressing::PortOn127001) => vec!["127.0.0.1".to_owned(); spec.number_of_node as usize],
        _ => block.nodes(spec.number_of_node),
    };
    let mut public = public_access(block, ip);
    if matches!(ctx.layout.map(|l| l.addressing), Some(Addressing::PortOn127001)) && public.address.is_some() {
        public.address = Some("127.0.0.1".into());
    }
    Cluster {
        public,
        private_ips,
        id,
        project_id: project_id.to_owned(),
        name: name.to_owned(),
        spec,
        version: ctx.config.version.clone(),
        created_ms: ctx.now,
        updated_ms: ctx.now,
        status: ClusterStatus::Creating,
        task: None,
        task_failure: None,
        failed_resize: None,
        failed_reason: None,
        password_hashes: Vec::new(),
        parameter_group_id: crate::config::derived_id("parameter-group", project_id),
        recent_event: 0,
        tags: Vec::new(),
        block: Some(block.0),
        admin_verifier: None,
        server: None,
    }
}

/// 5.1.1: validates, then starts creating. Returns the new cluster's id.
pub fn create_cluster(txn: &mut Txn, ctx: &Ctx, project_id: &str, c: &CreateClusterInfo) -> Result<String, ApiError> {
    first_error(rules::create_cluster(c))?;
    let node_type = ctx.node_type(&c.node_type)?;
    let zone = ctx.zone(c.availability_zone.as_deref())?;
    name_free(txn, project_id, &c.name)?;
    let spec = ClusterSpec {
        node_type: node_type.spec_name.clone(),
        node_type_id: node_type.id.clone(),
        number_of_node: c.number_of_node as u32,
        number_of_cn: c.number_of_cn.unwrap_or_else(|| rules::default_cn(c.number_of_node)) as u32,
        subnet_id: c.subnet_id.clone(),
        security_group_id: c.security_group_id.clone(),
        vpc_id: c.vpc_id.clone(),
        availability_zone: zone,
        port: c.port.unwrap_or(rules::PORT_DEFAULT) as u32,
        user_name: c.user_name.clone(),
        enterprise_project_id: c.enterprise_project_id.clone().unwrap_or_else(|| "0".into()),
    };
    let mut cluster = new_cluster(txn, ctx, project_id, &c.name, spec, c.public_ip.as_ref());
    cluster.password_hashes = vec![password::hash(c.user_pwd.expose())];
    cluster.admin_verifier = Some(crate::plane::scram::verifier(c.user_pwd.expose()));
    cluster.server = server_for(&cluster, ctx.layout, None);
    let failure = ctx.failure(FailingOperation::Create, &c.name, &c.node_type);
    cluster.start(TaskKind::Create, ctx.now, ctx.ms(ctx.config.durations.create), failure);
    let id = cluster.id.clone();
    txn.put_cluster(cluster);
    Ok(id)
}

/// 5.2.5: a new cluster from a snapshot, with its specs and any network field overridden.
pub fn restore(
    txn: &mut Txn,
    ctx: &Ctx,
    project_id: &str,
    snapshot_id: &str,
    r: &Restore,
    enterprise_project_id: Option<&str>,
) -> Result<String, ApiError> {
    let snapshot = snapshot_in(txn, project_id, snapshot_id)?;
    snapshot_allows(txn, &snapshot, SnapshotOperation::Restore)?;
    first_error(rules::restore(r, enterprise_project_id))?;
    let zone = ctx.zone(Some(r.availability_zone.as_deref().unwrap_or(&snapshot.source.spec.availability_zone)))?;
    name_free(txn, project_id, &r.name)?;
    let src = &snapshot.source.spec;
    let spec = ClusterSpec {
        subnet_id: r.subnet_id.clone().unwrap_or_else(|| src.subnet_id.clone()),
        security_group_id: r.security_group_id.clone().unwrap_or_else(|| src.security_group_id.clone()),
        vpc_id: r.vpc_id.clone().unwrap_or_else(|| src.vpc_id.clone()),
        availability_zone: zone,
        port: r.port.map(|p| p as u32).unwrap_or(src.port),
        enterprise_project_id: enterprise_project_id.map(str::to_owned).unwrap_or_else(|| src.enterprise_project_id.clone()),
        ..src.clone()
    };
    let node_type = spec.node_type.clone();
    let mut cluster = new_cluster(txn, ctx, project_id, &r.name, spec, r.public_ip.as_ref());
    cluster.version = snapshot.source.version.clone();
    cluster.password_hashes = snapshot.source.password_hash.iter().cloned().collect();
    cluster.admin_verifier = snapshot.source.admin_verifier.clone();
    cluster.server = server_for(&cluster, ctx.layout, snapshot.dump.clone());
    let failure = ctx.failure(FailingOperation::Restore, &r.name, &node_type);
    cluster.start(
        TaskKind::Restore { snapshot_id: snapshot.id.clone() },
        ctx.now,
        ctx.ms(ctx.config.durations.restore),
        failure,
    );
    let id = cluster.id.clone();
    txn.put_cluster(cluster);
    Ok(id)
}

/// 5.2.1: a manual snapshot of an available cluster.
pub fn create_snapshot(txn: &mut Txn, ctx: &Ctx, project_id: &str, s: &SnapshotRequest) -> Result<String, ApiError> {
    first_error(rules::create_snapshot(s))?;
    let mut cluster = cluster_in(txn, project_id, &s.cluster_id)?;
    cluster.allows(ClusterOperation::CreateSnapshot)?;
    let snapshots = txn.snapshots();
    rules::snapshot_name_unique(
        &s.name,
        snapshots.iter().filter(|x| x.project_id == project_id).map(|x| x.name.as_str()),
    )?;
    let snapshot = Snapshot {
        id: uuid::Uuid::new_v4().to_string(),
        project_id: project_id.to_owned(),
        cluster_id: cluster.id.clone(),
        name: s.name.clone(),
        description: s.description.clone().unwrap_or_default(),
        kind: SnapshotType::Manual,
        status: SnapshotStatus::Creating,
        started_ms: ctx.now,
        finished_ms: None,
        size_gb: 0.0,
        source: source_of(&cluster),
        dump: None,
        size_bytes: None,
    };
    let mut snapshot = snapshot;
    if let Some(server) = cluster.server.as_mut() {
        let file = format!("{}.dump", snapshot.id);
        snapshot.dump = Some(file.clone());
        server.work = Some(Work::Dump { snapshot_id: snapshot.id.clone(), file });
    }
    let failure = ctx.failure(FailingOperation::Snapshot, &cluster.name, &cluster.spec.node_type);
    cluster.start(
        TaskKind::Snapshot { snapshot_id: snapshot.id.clone() },
        ctx.now,
        ctx.ms(ctx.config.durations.snapshot),
        failure,
    );
    let id = snapshot.id.clone();
    txn.put_snapshot(snapshot);
    txn.put_cluster(cluster);
    Ok(id)
}

fn source_of(c: &Cluster) -> SourceCluster {
    SourceCluster {
        name: c.name.clone(),
        spec: c.spec.clone(),
        public: c.public.clone(),
        version: c.version.clone(),
        password_hash: c.password_hashes.first().cloned(),
        admin_verifier: c.admin_verifier.clone(),
    }
}

/// Whether the snapshot's state allows `op`; if not, the service's refusal.
fn snapshot_allows(txn: &Txn, s: &Snapshot, op: SnapshotOperation) -> Result<(), ApiError> {
    let restoring_from = txn.clusters().into_iter().any(|c| {
        matches!(&c.task, Some(t) if matches!(&t.kind, TaskKind::Restore { snapshot_id } if *snapshot_id == s.id))
    });
    let state = SnapshotState { status: s.status.clone(), kind: Some(s.kind.clone()), restoring_from };
    state.allows(op).map_err(|refusal| {
        let described = if restoring_from { format!("{} ({})", s.status, ClusterTask::Restoring) } else { s.status.to_string() };
        ApiError::with(refusal.code(), Detail::SnapshotRefused { refusal, op, state: format!("{described}, {}", s.kind) })
    })
}

/// 5.2.4: only manual snapshots, and not while one is being taken or restored from.
pub fn delete_snapshot(txn: &mut Txn, project_id: &str, id: &str) -> Result<(), ApiError> {
    let s = snapshot_in(txn, project_id, id)?;
    snapshot_allows(txn, &s, SnapshotOperation::Delete)?;
    txn.delete_snapshot(id);
    Ok(())
}

/// 5.1.5: starts deleting; the newest `keep` manual snapshots outlive the cluster.
pub fn delete_cluster(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, keep: i64) -> Result<(), ApiError> {
    rules::keep_last_manual_snapshot(keep)?;
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Delete)?;
    c.start(TaskKind::Delete { keep: keep.min(u32::MAX as i64) as u32 }, ctx.now, ctx.ms(ctx.config.durations.delete), None);
    if let Some(server) = c.server.as_mut() {
        server.work = Some(Work::Destroy);
    }
    txn.put_cluster(c);
    Ok(())
}

/// 5.1.6.
pub fn restart(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Restart)?;
    let failure = ctx.failure(FailingOperation::Restart, &c.name, &c.spec.node_type);
    c.start(TaskKind::Restart, ctx.now, ctx.ms(ctx.config.durations.restart), failure);
    if let Some(server) = c.server.as_mut() {
        server.work = Some(Work::Restart);
    }
    txn.put_cluster(c);
    Ok(())
}

/// 5.1.7: scale out by `scale_out.count` nodes.
pub fn resize(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, r: &ResizeClusterRequest) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::ScaleOut)?;
    let origin = c.spec.number_of_node;
    first_error(rules::resize(r, origin as i64))?;
    let count = r.scale_out.as_ref().map(|s| s.count).unwrap_or(0) as u32;
    let failure = ctx.failure(FailingOperation::Resize, &c.name, &c.spec.node_type);
    c.start(TaskKind::Resize { origin, target: origin + count }, ctx.now, ctx.ms(ctx.config.durations.resize), failure);
    txn.put_cluster(c);
    Ok(())
}

/// How many previous passwords a cluster remembers.
const PASSWORD_HISTORY: usize = 5;

/// 5.1.8, the checks alone: the cluster allows it, the rules, then not a previous password.
/// Answers the cluster as it is.
pub fn check_reset_password(txn: &Txn, project_id: &str, id: &str, new_password: &str) -> Result<Cluster, ApiError> {
    let c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::ResetPassword)?;
    rules::password(Field::NewPassword, new_password, &c.spec.user_name)?;
    if c.password_hashes.iter().any(|h| password::verify(new_password, h)) {
        return Err(RuleError::new(Field::NewPassword, Violation::Reused).into());
    }
    Ok(c)
}

/// 5.1.8: the checks, then the new password is kept (as hashes, and the SCRAM verifier its
/// server uses); it takes effect at once.
pub fn reset_password(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, new_password: &str, verifier: &str) -> Result<(), ApiError> {
    let mut c = check_reset_password(txn, project_id, id, new_password)?;
    c.password_hashes.insert(0, password::hash(new_password));
    c.password_hashes.truncate(PASSWORD_HISTORY);
    c.admin_verifier = Some(verifier.to_owned());
    c.updated_ms = ctx.now;
    c.recent_event += 1;
    txn.put_cluster(c);
    Ok(())
}

/// Gives every cluster that has none (state from an emulator that reported private and public
/// addresses off loopback) a block of loopback addresses, and its addresses from it.
pub fn assign_addresses(txn: &mut Txn) {
    for mut c in txn.clusters() {
        let on_loopback = c.private_ips.iter().chain(&c.public.address).all(|a| crate::plane::address::is_loopback(a));
        if c.block.is_some() && on_loopback {
            continue;
        }
        let block = free_block(txn, &c.id);
        c.block = Some(block.0);
        c.private_ips = block.nodes(c.spec.number_of_node);
        if c.public.address.is_some() {
            c.public.address = Some(block.public());
        }
        txn.put_cluster(c);
    }
}

/// Finishes every task that is due at `ctx.now`, in the order they end.
pub fn settle(txn: &mut Txn, ctx: &Ctx) {
    let mut due: Vec<Cluster> = txn.clusters().into_iter().filter(|c| c.due_task(ctx.now).is_some()).collect();
    due.sort_by(|a, b| {
        let (ea, eb) = (a.task.as_ref().map(|t| t.ends_ms), b.task.as_ref().map(|t| t.ends_ms));
        ea.cmp(&eb).then_with(|| a.id.cmp(&b.id))
    });
    for c in due {
        finish(txn, ctx, c);
    }
}

fn finish(txn: &mut Txn, ctx: &Ctx, mut c: Cluster) {
    let Some(task) = c.task.take() else { return };
    // A task waits for its server's work: it ends when both the time and the work are done.
    let at = if c.server.is_some() { task.ends_ms.max(ctx.now) } else { task.ends_ms };
    c.updated_ms = at;
    c.recent_event += 1;
    match task.kind {
        TaskKind::Create | TaskKind::Restore { .. } => match task.failure {
            Some(reason) => {
                c.status = ClusterStatus::CreationFailed;
                c.failed_reason = Some(FailedReason {
                    error_code: Some(ErrorCode::Dws0008.as_str().to_owned()),
                    error_msg: Some(reason),
                });
            }
            None => {
                c.status = ClusterStatus::Available;
                let source = match &task.kind {
                    TaskKind::Restore { snapshot_id } => txn.snapshot(snapshot_id),
                    _ => None,
                };
                txn.put_snapshot(automated_snapshot(&c, at, ctx.layout, source.as_ref()));
            }
        },
        TaskKind::Snapshot { snapshot_id } => {
            if let Some(mut s) = txn.snapshot(&snapshot_id) {
                s.finished_ms = Some(at);
                if task.failure.is_some() {
                    s.status = SnapshotStatus::Unavailable;
                } else {
                    s.status = SnapshotStatus::Available;
                    s.size_gb = s.size_bytes.map_or_else(|| size_for(&s.id, c.spec.number_of_node), gb);
                }
                txn.put_snapshot(s);
            }
        }
        TaskKind::Resize { origin, target } => {
            if task.failure.is_some() {
                c.task_failure = Some(ClusterTask::ResizeFailure);
                c.failed_resize = Some(FailedResize { origin, target, started_ms: task.started_ms });
            } else {
                c.spec.number_of_node = target;
                if let Some(block) = c.block {
                    let mut ips = Block(block).nodes(target);
                    // Where every node is 127.0.0.1, more nodes are more of it.
                    if c.private_ips.first().is_some_and(|a| a == "127.0.0.1") {
                        ips = vec!["127.0.0.1".to_owned(); target as usize];
                    }
                    c.private_ips = ips;
                }
            }
        }
        TaskKind::Restart => {
            if task.failure.is_some() {
                c.task_failure = Some(ClusterTask::RebootFailure);
            }
        }
        TaskKind::Delete { keep } => {
            let mut manual: Vec<Snapshot> = Vec::new();
            for s in txn.snapshots().into_iter().filter(|s| s.cluster_id == c.id) {
                if s.kind == SnapshotType::Manual && s.status != SnapshotStatus::Creating {
                    manual.push(s);
                } else {
                    txn.delete_snapshot(&s.id);
                }
            }
            manual.sort_by(|a, b| b.started_ms.cmp(&a.started_ms).then_with(|| b.id.cmp(&a.id)));
            for s in manual.iter().skip(keep as usize) {
                txn.delete_snapshot(&s.id);
            }
            txn.delete_cluster(&c.id);
            return;
        }
    }
    txn.put_cluster(c);
}

/// The automated snapshot the service takes once a cluster is ready.
fn automated_snapshot(c: &Cluster, at: i64, layout: Option<&Layout>, restored_from: Option<&Snapshot>) -> Snapshot {
    let stamp = format_iso8601(at).replace(['-', ':'], "");
    // With servers: a restored cluster's data is its source snapshot's dump; a new one's, the
    // dump its provisioning took of the new database.
    let dump = match restored_from {
        Some(source) => source.dump.clone().zip(source.size_bytes),
        None => layout.and_then(|l| {
            let file = crate::plane::auto_dump_file(&c.id);
            std::fs::metadata(l.dumps.join(&file)).ok().map(|m| (file, m.len()))
        }),
    };
    Snapshot {
        id: uuid::Uuid::new_v4().to_string(),
        project_id: c.project_id.clone(),
        cluster_id: c.id.clone(),
        name: format!("auto-{}-{}-{}", c.name, stamp.trim_end_matches('Z'), &c.id[..8]),
        description: "Automated snapshot".into(),
        kind: SnapshotType::Automated,
        status: SnapshotStatus::Available,
        started_ms: at,
        finished_ms: Some(at),
        size_gb: dump.as_ref().map_or_else(|| size_for(&c.id, c.spec.number_of_node), |(_, n)| gb(*n)),
        source: source_of(c),
        size_bytes: dump.as_ref().map(|(_, n)| *n),
        dump: dump.map(|(f, _)| f),
    }
}

/// Bytes in the API's unit for sizes, GB (GiB, as the service counts them).
fn gb(bytes: u64) -> f64 {
    bytes as f64 / (1u64 << 30) as f64
}
