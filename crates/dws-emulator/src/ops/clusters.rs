//! The cluster operations of chapter 5: create, delete, restart, scale out, reset the password.

use dws_contract::events::{EventDetail, EventKind};
use dws_contract::lifecycle::ClusterOperation;
use dws_contract::rules::{self, Field, RuleError, Violation};
use dws_contract::status::{ClusterStatus, PublicBindType};
use dws_contract::types::{CreateClusterInfo, PublicIp, ResizeClusterRequest};

use super::{Ctx, cluster_event, cluster_in, first_error, start_job};
use crate::auth::password;
use crate::config::FailingOperation;
use crate::error::ApiError;
use crate::model::{Cluster, ClusterSpec, MaintenanceWindow, PolicySet, PublicAccess, ServerRecord, TaskKind, Work};
use crate::plane::Layout;
use crate::plane::address::{Addressing, Block};
use crate::store::Txn;

pub(super) fn name_free(txn: &Txn, project_id: &str, name: &str) -> Result<(), ApiError> {
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
pub(super) fn free_block(txn: &Txn, id: &str) -> Block {
    let taken = txn.clusters().iter().filter_map(|c| c.block).map(Block).collect();
    crate::plane::address::allocate(id, &taken)
}

/// Where the cluster's server goes, and what it has to do first, when the data plane runs
/// servers: it listens on the CNs' addresses and the public one, on the port the request chose
/// (or, where only 127.0.0.1 exists, on a free port of its own).
pub(super) fn server_for(c: &Cluster, layout: Option<&Layout>, restore_dump: Option<String>) -> Option<ServerRecord> {
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

pub(super) fn new_cluster(txn: &Txn, ctx: &Ctx, project_id: &str, name: &str, spec: ClusterSpec, ip: Option<&PublicIp>) -> Cluster {
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
        maintenance: MaintenanceWindow::default(),
        policies: PolicySet::service_defaults(ctx.now),
    }
}

/// Starts a task on behalf of the caller.
pub(super) fn begin(c: &mut Cluster, ctx: &Ctx, kind: TaskKind, duration_ms: i64, failure: Option<String>) {
    c.start(kind, ctx.now, duration_ms, failure);
    if let Some(t) = c.task.as_mut() {
        t.user = ctx.actor.map(str::to_owned);
    }
}

/// 5.1.1: validates, then starts creating. Returns the new cluster's id and its job.
pub fn create_cluster(txn: &mut Txn, ctx: &Ctx, project_id: &str, c: &CreateClusterInfo) -> Result<(String, String), ApiError> {
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
    begin(&mut cluster, ctx, TaskKind::Create, ctx.ms(ctx.config.durations.create), failure);
    let job = start_job(txn, ctx, &mut cluster, "createCluster");
    cluster_event(txn, &mut cluster, EventKind::CreateCluster, ctx.now, ctx.actor, None);
    let id = cluster.id.clone();
    txn.put_cluster(cluster);
    Ok((id, job))
}

/// 5.1.5: starts deleting; the newest `keep` manual snapshots outlive the cluster.
pub fn delete_cluster(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str, keep: i64) -> Result<(), ApiError> {
    rules::keep_last_manual_snapshot(keep)?;
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Delete)?;
    begin(&mut c, ctx, TaskKind::Delete { keep: keep.min(u32::MAX as i64) as u32 }, ctx.ms(ctx.config.durations.delete), None);
    if let Some(server) = c.server.as_mut() {
        server.work = Some(Work::Destroy);
    }
    cluster_event(txn, &mut c, EventKind::DeleteCluster, ctx.now, ctx.actor, None);
    txn.put_cluster(c);
    Ok(())
}

/// 5.1.6.
pub fn restart(txn: &mut Txn, ctx: &Ctx, project_id: &str, id: &str) -> Result<(), ApiError> {
    let mut c = cluster_in(txn, project_id, id)?;
    c.allows(ClusterOperation::Restart)?;
    let failure = ctx.failure(FailingOperation::Restart, &c.name, &c.spec.node_type);
    begin(&mut c, ctx, TaskKind::Restart, ctx.ms(ctx.config.durations.restart), failure);
    if let Some(server) = c.server.as_mut() {
        server.work = Some(Work::Restart);
    }
    cluster_event(txn, &mut c, EventKind::RestartCluster, ctx.now, ctx.actor, None);
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
    begin(&mut c, ctx, TaskKind::Resize { origin, target: origin + count }, ctx.ms(ctx.config.durations.resize), failure);
    cluster_event(txn, &mut c, EventKind::ExtendCluster, ctx.now, ctx.actor, Some(EventDetail::note(format!("{origin} → {}", origin + count))));
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
    cluster_event(txn, &mut c, EventKind::ResetPasswordSuccess, ctx.now, ctx.actor, None);
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

