//! The data plane: behind every cluster a real PostgreSQL server, on the loopback address and
//! port the API reports, so `psql` and JDBC connect where the console says; snapshots are dumps
//! and restores load them.
//!
//! The operations (`ops`) only record what a cluster's server has to do ([`Work`]) beside its
//! task; the worker here does it, outside the request and the database transaction, and records
//! the outcome. A task whose server work is still under way does not finish. Everything is
//! level-triggered: the work is in the durable state, so work interrupted by a crash is simply
//! done again at the next start, and servers or dumps that no cluster or snapshot owns any more
//! are stopped and removed. What emulators that are gone left behind is cleared at start too
//! ([`sweep`]).

pub mod address;
pub mod binaries;
pub mod owner;
pub mod procs;
pub mod runas;
pub mod scram;
pub mod server;
pub mod sweep;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use dws_contract::ErrorCode;
use dws_contract::status::{ClusterStatus, SnapshotStatus};
use dws_contract::types::FailedReason;

use crate::app::SharedApp;
use crate::model::{Cluster, ServerRecord, SnapshotWork, TaskKind, Work};
use dws_contract::events::{EventDetail, EventKind};
use address::Addressing;
use binaries::Binaries;
use server::{Host, Server, ServerError};

/// The file of the dump a cluster's server takes of its new database, for the automated
/// snapshot taken when the cluster becomes available.
pub fn auto_dump_file(cluster_id: &str) -> String {
    format!("auto-{cluster_id}.dump")
}

/// How many servers are set up, dumped or restored at once.
const PARALLEL: usize = 4;

/// Where servers go and how they are told apart: what the operations need to know.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Per address, or per port on 127.0.0.1.
    pub addressing: Addressing,
    /// The folder that holds one folder per cluster's server.
    pub servers: PathBuf,
    /// The folder that holds the snapshots' dumps.
    pub dumps: PathBuf,
}

/// The data plane of a running emulator.
pub enum DataPlane {
    /// Clusters are records only (`--data-plane none`).
    None,
    /// Every cluster is a PostgreSQL server.
    Postgres(Arc<Postgres>),
}

/// The PostgreSQL data plane.
pub struct Postgres {
    /// The programs and whom they run as.
    pub host: Host,
    /// Where things go.
    pub layout: Layout,
    /// Clusters whose server work is under way, and how to stop it.
    in_flight: Mutex<HashMap<String, tokio::task::AbortHandle>>,
    permits: Arc<tokio::sync::Semaphore>,
    /// Set once the emulator stops: no new work starts.
    stopping: AtomicBool,
}

impl DataPlane {
    /// The layout, for the operations, when servers run.
    pub fn layout(&self) -> Option<&Layout> {
        match self {
            DataPlane::None => None,
            DataPlane::Postgres(p) => Some(&p.layout),
        }
    }

    /// What the banner says.
    pub fn describe(&self) -> String {
        match self {
            DataPlane::None => "none: clusters are records, with no server behind them".into(),
            DataPlane::Postgres(p) => format!(
                "postgres: a server per cluster ({}, in {}{}{})",
                p.host.bins.version,
                p.host.bins.dir.display(),
                p.host.user.as_ref().map(|u| format!(", run as the `{}` user", u.name)).unwrap_or_default(),
                match p.layout.addressing {
                    Addressing::PerAddress => ", each on its own 127.x.y.z".to_owned(),
                    Addressing::PortOn127001 => ", each on its own port of 127.0.0.1".to_owned(),
                }
            ),
        }
    }
}

/// The folder for the servers of the emulator whose state is in `data`: under it when the
/// servers' user can reach it and the path is short enough for a Unix socket; otherwise one
/// that user owns (PostgreSQL's home when running as root, a folder in /tmp otherwise), named
/// after `data` so that two emulators never share one.
pub fn servers_folder(data: &Path, user: Option<&runas::SystemUser>) -> PathBuf {
    let data = std::fs::canonicalize(data).unwrap_or_else(|_| data.to_owned());
    let inside = data.join("servers");
    // A socket path holds at most 107 bytes: `<folder>/<36-character id>/.s.PGSQL.65535`.
    let short = inside.as_os_str().len() + 1 + 36 + 15 <= 104;
    if short && reachable(&data, user) {
        return inside;
    }
    use sha2::Digest;
    let tag = hex::encode(&sha2::Sha256::digest(data.as_os_str().as_encoded_bytes())[..4]);
    match user {
        Some(u) => PathBuf::from(&u.home).join("dws-emulator").join(tag),
        None => std::env::temp_dir().join(format!("dws-emulator-{}-{tag}", runas::current_uid().unwrap_or(0))),
    }
}

/// Whether `user` (this process's user when `None`) can enter `dir` and every folder above it.
fn reachable(dir: &Path, user: Option<&runas::SystemUser>) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Some(u) = user else { return true };
    dir.ancestors().all(|d| match std::fs::metadata(d) {
        Ok(m) => {
            let mode = m.mode();
            mode & 0o001 != 0 || (m.gid() == u.gid && mode & 0o010 != 0) || (m.uid() == u.uid && mode & 0o100 != 0)
        }
        // Not there yet: it will be made by this process, open to others to enter.
        Err(_) => true,
    })
}

impl Postgres {
    /// The data plane for the state in `data`, with the programs in `bins`.
    pub fn new(data: &Path, bins: Binaries) -> Result<Postgres, String> {
        let user = runas::server_user()?;
        let servers = servers_folder(data, user.as_ref());
        let dumps = data.join("dumps");
        let owner = std::fs::canonicalize(data).map_err(|e| format!("cannot resolve {}: {e}", data.display()))?;
        let host = Host { bins, user: user.clone(), owner };
        // Before anything of ours is made, and before the emulator answers: what emulators that
        // are gone left is cleared, so a machine running tests does not fill up.
        sweep::orphans(&host);
        std::fs::create_dir_all(&servers).map_err(|e| format!("cannot create {}: {e}", servers.display()))?;
        std::fs::create_dir_all(&dumps).map_err(|e| format!("cannot create {}: {e}", dumps.display()))?;
        // The servers' user must be able to enter the folder (and every folder above it, which
        // `servers_folder` checked); the folders for the servers themselves are theirs alone.
        runas::give(&servers, user.as_ref()).map_err(|e| format!("cannot hand {} to the servers' user: {e}", servers.display()))?;
        Ok(Postgres {
            host,
            layout: Layout { addressing: Addressing::detect(), servers, dumps },
            in_flight: Mutex::new(HashMap::new()),
            permits: Arc::new(tokio::sync::Semaphore::new(PARALLEL)),
            stopping: AtomicBool::new(false),
        })
    }

    /// The server a cluster's record describes.
    pub fn server(c: &Cluster, r: &ServerRecord) -> Server {
        Server {
            root: PathBuf::from(&r.root),
            listen: r.listen.clone(),
            port: u16::try_from(r.port).unwrap_or(8000),
            admin: c.spec.user_name.clone(),
        }
    }

    /// Starts the work clusters' servers have to do and no one is doing yet.
    pub fn kick(self: &Arc<Self>, app: &SharedApp) {
        let due: Vec<(String, Work)> = app.store.read(|s| {
            s.clusters.values().filter_map(|c| c.pending_work().map(|w| (c.id.clone(), w.clone()))).collect()
        });
        if self.stopping.load(Ordering::SeqCst) {
            return;
        }
        for (id, work) in due {
            let mut in_flight = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
            if in_flight.contains_key(&id) {
                continue;
            }
            let (this, app, key) = (Arc::clone(self), Arc::clone(app), id.clone());
            let job = tokio::spawn(async move {
                let permit = this.permits.clone().acquire_owned().await;
                let outcome = this.perform(&app, &id, &work).await;
                drop(permit);
                if let Err(e) = record(&app, &id, &work, outcome).await {
                    tracing::error!("recording the outcome of {work:?} for {id}: {:?}", e.code());
                }
                this.in_flight.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
            });
            in_flight.insert(key, job.abort_handle());
        }
        self.kick_snapshots(app);
    }

    /// Gives copies of snapshots their dumps: a hard link to the source's (a dump is never
    /// rewritten once taken, so both snapshots can share it, and deleting one leaves the other's),
    /// or a copy where the file system links no files.
    fn kick_snapshots(self: &Arc<Self>, app: &SharedApp) {
        let due: Vec<(String, String, SnapshotWork)> = app.store.read(|s| {
            s.snapshots.values().filter_map(|x| Some((x.id.clone(), x.dump.clone()?, x.work.clone()?))).collect()
        });
        for (id, to, work) in due {
            let key = format!("snapshot:{id}");
            let mut in_flight = self.in_flight.lock().unwrap_or_else(|p| p.into_inner());
            if in_flight.contains_key(&key) {
                continue;
            }
            let (this, app, k) = (Arc::clone(self), Arc::clone(app), key.clone());
            let job = tokio::spawn(async move {
                let SnapshotWork::Link { from } = &work;
                let (src, dst) = (this.layout.dumps.join(from), this.layout.dumps.join(&to));
                let linked = tokio::task::spawn_blocking(move || {
                    let _ = std::fs::remove_file(&dst);
                    std::fs::hard_link(&src, &dst).or_else(|_| std::fs::copy(&src, &dst).map(|_| ()))
                })
                .await
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|e| e.to_string()));
                let outcome = app
                    .write(move |txn, _| {
                        if let Some(mut snap) = txn.snapshot(&id).filter(|s| s.work.as_ref() == Some(&work)) {
                            snap.work = None;
                            if let Err(why) = &linked {
                                tracing::warn!("copying the dump of snapshot {id}: {why}");
                                snap.status = SnapshotStatus::Unavailable;
                                snap.dump = None;
                                snap.ends_ms = None;
                            }
                            txn.put_snapshot(snap);
                        }
                        Ok(())
                    })
                    .await;
                if let Err(e) = outcome {
                    tracing::error!("recording a snapshot's copied dump: {:?}", e.code());
                }
                this.in_flight.lock().unwrap_or_else(|p| p.into_inner()).remove(&k);
            });
            in_flight.insert(key, job.abort_handle());
        }
    }

    /// Does one piece of server work; the outcome is recorded by the caller.
    async fn perform(&self, app: &SharedApp, id: &str, work: &Work) -> Result<Done, ServerError> {
        let Some(c) = app.store.read(|s| s.clusters.get(id).cloned()) else { return Ok(Done::Nothing) };
        let Some(record) = c.server.clone() else { return Ok(Done::Nothing) };
        let s = Postgres::server(&c, &record);
        let host = &self.host;
        match work {
            Work::Provision { restore_dump } => {
                host.initdb(&s).await?;
                host.start(&s).await?;
                host.prepare(&s, c.admin_verifier.as_deref().unwrap_or_default()).await?;
                if let Some(file) = restore_dump {
                    let dump = self.layout.dumps.join(file);
                    if dump.is_file() {
                        host.restore(&s, &dump).await?;
                    }
                }
                // The automated snapshot of a new cluster is a dump of its new database; a restored
                // one's is the dump it was restored from, which is not taken again.
                if restore_dump.is_none() {
                    host.dump(&s, &self.layout.dumps.join(auto_dump_file(id))).await?;
                }
                Ok(Done::Nothing)
            }
            Work::Restart => {
                host.stop(&s).await?;
                host.start(&s).await?;
                Ok(Done::Nothing)
            }
            Work::Dump { file, .. } => Ok(Done::Dumped(host.dump(&s, &self.layout.dumps.join(file)).await?)),
            Work::Destroy => {
                host.remove(&s).await?;
                Ok(Done::Nothing)
            }
            Work::Stop => {
                host.stop(&s).await?;
                Ok(Done::Nothing)
            }
            Work::Start => {
                host.start(&s).await?;
                Ok(Done::Nothing)
            }
        }
    }

    /// Before the emulator answers: every server a cluster has is running again (taken over
    /// when it still runs, as after the emulator was killed, or started), work interrupted by a
    /// stop is queued again, and servers and dumps nobody owns any more are removed.
    pub async fn recover(self: &Arc<Self>, app: &SharedApp) {
        let clusters: Vec<Cluster> = app.store.read(|s| s.clusters.values().cloned().collect());
        let owned: HashSet<PathBuf> =
            clusters.iter().filter_map(|c| c.server.as_ref().map(|s| PathBuf::from(&s.root))).collect();
        // Servers of clusters that are gone (deleted while the emulator was down mid-way).
        for entry in std::fs::read_dir(&self.layout.servers).into_iter().flatten().flatten() {
            let root = entry.path();
            match owner::read(&root) {
                // Another emulator's whose `--data` happens to give the same folder name.
                owner::Record::Owner(o) if o != self.host.owner => continue,
                owner::Record::Owner(_) => {}
                // Made by an older emulator: recorded as ours from now on, so the sweep of any
                // emulator removes it once this one's state is gone.
                owner::Record::None => {
                    if let Err(e) = owner::write(&root, &self.host.owner) {
                        tracing::warn!("recording the owner of {}: {e}", root.display());
                    }
                }
            }
            if !owned.contains(&root) {
                let orphan = Server { root, listen: vec![], port: 0, admin: String::new() };
                if let Err(e) = self.host.remove(&orphan).await {
                    tracing::warn!("removing the server folder {} no cluster owns: {e}", orphan.root.display());
                }
            }
        }
        self.sweep_dumps(app);
        let mut starts = tokio::task::JoinSet::new();
        for c in clusters {
            let Some(record) = c.server.clone() else { continue };
            // A server that is set up (or being removed) is the work's own business; any other of
            // an available cluster runs, a dump it owes included.
            let runs = c.status.is_available() && !matches!(record.work, Some(Work::Provision { .. } | Work::Destroy));
            if !runs {
                continue;
            }
            let (this, app) = (Arc::clone(self), Arc::clone(app));
            starts.spawn(async move {
                let s = Postgres::server(&c, &record);
                if s.running_pid().is_some() {
                    return;
                }
                if let Err(e) = this.host.start(&s).await {
                    let reason = e.to_string();
                    tracing::error!("cluster {} ({}): its server does not start: {reason}", c.name, c.id);
                    let _ = app
                        .write(move |txn, _| {
                            if let Some(mut c) = txn.cluster(&c.id) {
                                fail(&mut c, ClusterStatus::Failed, reason);
                                txn.put_cluster(c);
                            }
                            Ok(())
                        })
                        .await;
                }
            });
        }
        while starts.join_next().await.is_some() {}
    }

    /// Removes dumps that no snapshot refers to.
    pub fn sweep_dumps(&self, app: &SharedApp) {
        let referenced: HashSet<String> =
            app.store.read(|s| s.snapshots.values().filter_map(|s| s.dump.clone()).collect());
        let working: HashSet<String> = app.store.read(|s| {
            s.clusters
                .values()
                .flat_map(|c| {
                    let dump = match c.pending_work() {
                        Some(Work::Dump { file, .. }) => Some(file.clone()),
                        _ => None,
                    };
                    // The dump a new cluster's provisioning took, until its snapshot owns it.
                    let auto = (c.status == ClusterStatus::Creating).then(|| auto_dump_file(&c.id));
                    dump.into_iter().chain(auto)
                })
                .collect()
        });
        for entry in std::fs::read_dir(&self.layout.dumps).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !referenced.contains(&name) && !working.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Stops every server (the emulator is stopping): first the work under way, so that none
    /// starts a server after this, then every server a cluster has, whatever its state.
    pub async fn stop_all(&self, app: &SharedApp) {
        self.stopping.store(true, Ordering::SeqCst);
        let jobs: Vec<tokio::task::AbortHandle> =
            self.in_flight.lock().unwrap_or_else(|p| p.into_inner()).drain().map(|(_, j)| j).collect();
        for job in jobs {
            // Interrupted work stays in the state and is done again at the next start.
            job.abort();
        }
        let servers: Vec<Server> = app
            .store
            .read(|s| s.clusters.values().filter_map(|c| c.server.as_ref().map(|r| Postgres::server(c, r))).collect());
        let mut stops = tokio::task::JoinSet::new();
        for s in servers {
            let host = self.host.clone();
            stops.spawn(async move {
                if let Err(e) = host.stop(&s).await {
                    tracing::warn!("stopping the server in {}: {e}", s.root.display());
                }
            });
        }
        while stops.join_next().await.is_some() {}
    }

    /// Applies a new administrator password to a cluster's running server.
    pub async fn set_password(&self, c: &Cluster, verifier: &str) -> Result<(), ServerError> {
        match &c.server {
            Some(r) => self.host.set_password(&Postgres::server(c, r), verifier).await,
            None => Ok(()),
        }
    }
}

/// What finished work leaves to record.
enum Done {
    Nothing,
    /// A dump of this many bytes.
    Dumped(u64),
}

/// Marks a cluster failed, with the reason its server gave.
fn fail(c: &mut Cluster, status: ClusterStatus, reason: String) {
    c.status = status;
    c.task = None;
    c.failed_reason = Some(FailedReason { error_code: Some(ErrorCode::Dws0008.as_str().to_owned()), error_msg: Some(reason) });
    if let Some(s) = c.server.as_mut() {
        s.work = None;
    }
}

/// Fails a cluster whose server could not do its task's work: the task's job fails, and an event
/// says why.
fn fail_task(txn: &mut crate::store::Txn, c: &mut Cluster, status: ClusterStatus, reason: String, kind: EventKind, now: i64) {
    let task = c.task.clone();
    if let Some(mut job) = task.as_ref().and_then(|t| t.job.as_deref()).and_then(|j| txn.job(j)) {
        job.fail(now, ErrorCode::Dws0008.as_str(), &reason);
        txn.put_job(job);
    }
    let user = task.and_then(|t| t.user);
    fail(c, status, reason.clone());
    let event = c.event(kind, now, user.as_deref(), Some(EventDetail::note(reason)));
    txn.add_event(event);
}

/// Records the outcome of server work: the work is done (its task can finish when due), or the
/// cluster failed with its server's reason.
async fn record(app: &SharedApp, id: &str, work: &Work, outcome: Result<Done, ServerError>) -> Result<(), crate::error::ApiError> {
    let (id, work) = (id.to_owned(), work.clone());
    app.write(move |txn, ctx| {
        let now = ctx.now;
        let Some(mut c) = txn.cluster(&id) else { return Ok(()) };
        if c.pending_work() != Some(&work) {
            return Ok(());
        }
        match outcome {
            Ok(done) => {
                if let (Done::Dumped(bytes), Work::Dump { snapshot_id, .. }) = (done, &work)
                    && let Some(mut snap) = txn.snapshot(snapshot_id)
                {
                    snap.size_bytes = Some(bytes);
                    txn.put_snapshot(snap);
                }
                if let Some(s) = c.server.as_mut() {
                    s.work = None;
                }
            }
            Err(e) => {
                let reason = e.to_string();
                tracing::warn!("cluster {} ({id}): {reason}", c.name);
                let restoring = matches!(c.task.as_ref().map(|t| &t.kind), Some(TaskKind::Restore { .. }));
                match &work {
                    Work::Provision { .. } => {
                        let kind = if restoring { EventKind::RestoreClusterFail } else { EventKind::CreateClusterFail };
                        fail_task(txn, &mut c, ClusterStatus::CreationFailed, reason, kind, now);
                    }
                    Work::Restart => fail_task(txn, &mut c, ClusterStatus::Failed, reason, EventKind::RestartClusterFail, now),
                    Work::Stop => fail_task(txn, &mut c, ClusterStatus::Failed, reason, EventKind::StopClusterFail, now),
                    Work::Start => fail_task(txn, &mut c, ClusterStatus::Failed, reason, EventKind::StartClusterFail, now),
                    // The snapshot is unusable; the cluster carries on.
                    Work::Dump { snapshot_id, .. } => {
                        if let Some(mut snap) = txn.snapshot(snapshot_id) {
                            snap.status = SnapshotStatus::Unavailable;
                            snap.dump = None;
                            txn.put_snapshot(snap);
                        }
                        if let Some(t) = c.task.as_mut() {
                            t.failure = Some(reason);
                        }
                        if let Some(s) = c.server.as_mut() {
                            s.work = None;
                        }
                    }
                    // Deleting goes on: what is left of the folder is removed at the next start.
                    Work::Destroy => {
                        if let Some(s) = c.server.as_mut() {
                            s.work = None;
                        }
                    }
                }
            }
        }
        txn.put_cluster(c);
        Ok(())
    })
    .await
}
