//! Every operation: its method, path, success status and IAM action, in one table that the
//! console (to build URLs), the emulator (to route and authorise) and the proxy (to know which
//! service a path belongs to, and which methods a page may use) all read.

use std::fmt;

/// Which service answers an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// Identity and Access Management (`/v3/…`).
    Iam,
    /// GaussDB(DWS) (`/v1.0/…`, `/v2/…`).
    Dws,
    /// Cloud Eye, for the clusters' metrics (`/V1.0/…`).
    Ces,
}

/// The HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method's name, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Reads a method name (case-insensitive); `None` for methods the API does not use.
    pub fn parse(s: &str) -> Option<Method> {
        match s.to_ascii_uppercase().as_str() {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An operation of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Get an IAM token (3.1).
    GetToken,
    /// List the projects a token can see (appendix 7.4).
    ListProjects,
    /// Create a cluster (5.1.1).
    CreateCluster,
    /// List clusters (5.1.2).
    ListClusters,
    /// Show a cluster (5.1.3).
    ShowCluster,
    /// List node types (5.1.4).
    ListNodeTypes,
    /// Delete a cluster (5.1.5).
    DeleteCluster,
    /// Restart a cluster (5.1.6).
    RestartCluster,
    /// Scale a cluster out (5.1.7).
    ResizeCluster,
    /// Reset the administrator password (5.1.8).
    ResetPassword,
    /// Create a snapshot (5.2.1).
    CreateSnapshot,
    /// List snapshots (5.2.2).
    ListSnapshots,
    /// Show a snapshot (5.2.3).
    ShowSnapshot,
    /// Delete a manual snapshot (5.2.4).
    DeleteSnapshot,
    /// Restore a snapshot to a new cluster (5.2.5).
    RestoreCluster,
    /// Stop a cluster: its compute is released, its data and addresses kept.
    StopCluster,
    /// Start a stopped cluster.
    StartCluster,
    /// Read an asynchronous job back by the `job_id` an operation answered.
    ListJobDetails,
    /// A cluster's automated-snapshot settings and policies.
    ListSnapshotPolicy,
    /// Add or change snapshot policies and the automated-snapshot settings (an upsert).
    CreateSnapshotPolicy,
    /// Delete a snapshot policy.
    DeleteSnapshotPolicy,
    /// Copy an automated snapshot to a manual one, kept until deleted.
    CopySnapshot,
    /// The project's events, newest first.
    ListEvents,
    /// The events the service can record.
    ListEventSpecs,
    /// Set a cluster's weekly maintenance window.
    UpdateMaintenanceWindow,
    /// Rename a cluster.
    ModifyClusterName,
    /// A cluster's tags.
    ListClusterTags,
    /// Add tags to a cluster, or change their values.
    BatchCreateResourceTag,
    /// Remove tags from a cluster.
    BatchDeleteResourceTag,
    /// A cluster's nodes.
    ListClusterNodes,
    /// List the metrics Cloud Eye holds (Cloud Eye API, "Querying Metrics").
    ListMetrics,
    /// Read one metric's data points (Cloud Eye API, "Querying Monitoring Data of a Metric").
    ShowMetricData,
    /// Read several metrics' data points at once (Cloud Eye API, "Querying Monitoring Data of
    /// Multiple Metrics").
    BatchListMetricData,
}

/// What the table says of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationSpec {
    /// The operation.
    pub operation: Operation,
    /// The service that answers it.
    pub service: Service,
    /// HTTP method.
    pub method: Method,
    /// Path template; parameters in braces, as in the reference (and as axum 0.8 writes them).
    pub path: &'static str,
    /// The status of a successful answer.
    pub success_status: u16,
    /// The IAM action it needs (chapter 6, or Cloud Eye's "Supported Actions"); `None` for
    /// IAM's own operations.
    pub iam_action: Option<&'static str>,
    /// Whether it only reads.
    pub read_only: bool,
    /// Where the reference describes it (for Cloud Eye: the topic id of its API reference).
    pub section: &'static str,
    /// Its name in English.
    pub name_en: &'static str,
    /// Its name in the reference (Chinese).
    pub name_zh: &'static str,
}

/// Every operation (NOTES.md's table, IAM's project list from appendix 7.4, the day-two operations
/// of DWS-DAY-TWO.md, with their paths as Huawei's SDK builds them, and Cloud Eye's three metric
/// calls). `section` names the reference's section, or the API page of an operation the
/// reference's chapter 5 does not have.
pub static OPERATIONS: &[OperationSpec] = &[
    OperationSpec {
        operation: Operation::GetToken,
        service: Service::Iam,
        method: Method::Post,
        path: "/v3/auth/tokens",
        success_status: 201,
        iam_action: None,
        read_only: false,
        section: "3.1",
        name_en: "Get a token",
        name_zh: "获取用户Token",
    },
    OperationSpec {
        operation: Operation::ListProjects,
        service: Service::Iam,
        method: Method::Get,
        path: "/v3/projects",
        success_status: 200,
        iam_action: None,
        read_only: true,
        section: "7.4",
        name_en: "List projects",
        name_zh: "获取项目ID",
    },
    OperationSpec {
        operation: Operation::CreateCluster,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/clusters",
        success_status: 200,
        iam_action: Some("dws:openAPICluster:create"),
        read_only: false,
        section: "5.1.1",
        name_en: "Create cluster",
        name_zh: "创建集群",
    },
    OperationSpec {
        operation: Operation::ListClusters,
        service: Service::Dws,
        method: Method::Get,
        path: "/v1.0/{project_id}/clusters",
        success_status: 200,
        iam_action: Some("dws:openAPICluster:list"),
        read_only: true,
        section: "5.1.2",
        name_en: "List clusters",
        name_zh: "查询集群列表",
    },
    OperationSpec {
        operation: Operation::ShowCluster,
        service: Service::Dws,
        method: Method::Get,
        path: "/v1.0/{project_id}/clusters/{cluster_id}",
        success_status: 200,
        iam_action: Some("dws:openAPICluster:getDetail"),
        read_only: true,
        section: "5.1.3",
        name_en: "Show cluster details",
        name_zh: "查询集群详情",
    },
    OperationSpec {
        operation: Operation::ListNodeTypes,
        service: Service::Dws,
        method: Method::Get,
        path: "/v2/{project_id}/node-types",
        success_status: 200,
        iam_action: Some("dws:openAPIFlavors:get"),
        read_only: true,
        section: "5.1.4",
        name_en: "List node types",
        name_zh: "查询节点类型",
    },
    OperationSpec {
        operation: Operation::DeleteCluster,
        service: Service::Dws,
        method: Method::Delete,
        path: "/v1.0/{project_id}/clusters/{cluster_id}",
        success_status: 202,
        iam_action: Some("dws:openAPICluster:delete"),
        read_only: false,
        section: "5.1.5",
        name_en: "Delete cluster",
        name_zh: "删除集群",
    },
    OperationSpec {
        operation: Operation::RestartCluster,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/restart",
        success_status: 200,
        iam_action: Some("dws:openAPICluster:restart"),
        read_only: false,
        section: "5.1.6",
        name_en: "Restart cluster",
        name_zh: "重启集群",
    },
    OperationSpec {
        operation: Operation::ResizeCluster,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/resize",
        success_status: 200,
        iam_action: Some("dws:cluster:scaleOutOrOpenAPIResize"),
        read_only: false,
        section: "5.1.7",
        name_en: "Scale out cluster",
        name_zh: "扩容集群",
    },
    OperationSpec {
        operation: Operation::ResetPassword,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/reset-password",
        success_status: 200,
        iam_action: Some("dws:openAPICluster:resetPassword"),
        read_only: false,
        section: "5.1.8",
        name_en: "Reset password",
        name_zh: "重置密码",
    },
    OperationSpec {
        operation: Operation::CreateSnapshot,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/snapshots",
        success_status: 200,
        iam_action: Some("dws:openAPISnapshot:create"),
        read_only: false,
        section: "5.2.1",
        name_en: "Create snapshot",
        name_zh: "创建快照",
    },
    OperationSpec {
        operation: Operation::ListSnapshots,
        service: Service::Dws,
        method: Method::Get,
        path: "/v1.0/{project_id}/snapshots",
        success_status: 200,
        iam_action: Some("dws:openAPISnapshot:list"),
        read_only: true,
        section: "5.2.2",
        name_en: "List snapshots",
        name_zh: "查询快照列表",
    },
    OperationSpec {
        operation: Operation::ShowSnapshot,
        service: Service::Dws,
        method: Method::Get,
        path: "/v1.0/{project_id}/snapshots/{snapshot_id}",
        success_status: 200,
        iam_action: Some("dws:openAPISnapshot:detail"),
        read_only: true,
        section: "5.2.3",
        name_en: "Show snapshot details",
        name_zh: "查询快照详情",
    },
    OperationSpec {
        operation: Operation::DeleteSnapshot,
        service: Service::Dws,
        method: Method::Delete,
        path: "/v1.0/{project_id}/snapshots/{snapshot_id}",
        success_status: 202,
        iam_action: Some("dws:openAPISnapshot:delete"),
        read_only: false,
        section: "5.2.4",
        name_en: "Delete manual snapshot",
        name_zh: "删除手动快照",
    },
    OperationSpec {
        operation: Operation::RestoreCluster,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/snapshots/{snapshot_id}/actions",
        success_status: 200,
        iam_action: Some("dws:openAPISnapshot:restore"),
        read_only: false,
        section: "5.2.5",
        name_en: "Restore cluster",
        name_zh: "恢复集群",
    },
    OperationSpec {
        operation: Operation::StopCluster,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1/{project_id}/clusters/{cluster_id}/stop",
        success_status: 200,
        iam_action: Some("dws:cluster:stopCluster"),
        read_only: false,
        section: "StopCluster",
        name_en: "Stop cluster",
        name_zh: "停止集群",
    },
    OperationSpec {
        operation: Operation::StartCluster,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1/{project_id}/clusters/{cluster_id}/start",
        success_status: 200,
        iam_action: Some("dws:cluster:startCluster"),
        read_only: false,
        section: "StartCluster",
        name_en: "Start cluster",
        name_zh: "启动集群",
    },
    OperationSpec {
        operation: Operation::ListJobDetails,
        service: Service::Dws,
        method: Method::Get,
        path: "/v1.0/{project_id}/job/{job_id}",
        success_status: 200,
        iam_action: Some("dws:service:listJobDetail"),
        read_only: true,
        section: "ListJobDetails",
        name_en: "Show job",
        name_zh: "查询job进度",
    },
    OperationSpec {
        operation: Operation::ListSnapshotPolicy,
        service: Service::Dws,
        method: Method::Get,
        path: "/v2/{project_id}/clusters/{cluster_id}/snapshot-policies",
        success_status: 200,
        iam_action: Some("dws:cluster:listSnapshotPolicy"),
        read_only: true,
        section: "ListSnapshotPolicy",
        name_en: "List snapshot policies",
        name_zh: "查询快照策略",
    },
    OperationSpec {
        operation: Operation::CreateSnapshotPolicy,
        service: Service::Dws,
        method: Method::Put,
        path: "/v2/{project_id}/clusters/{cluster_id}/snapshot-policies",
        success_status: 200,
        iam_action: Some("dws:cluster:createSnapshotPolicy"),
        read_only: false,
        section: "CreateSnapshotPolicy",
        name_en: "Set snapshot policies",
        name_zh: "添加快照策略",
    },
    OperationSpec {
        operation: Operation::DeleteSnapshotPolicy,
        service: Service::Dws,
        method: Method::Delete,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/snapshot-policies/{policy_id}",
        success_status: 200,
        iam_action: Some("dws:cluster:deleteSnapshotPolicy"),
        read_only: false,
        section: "DeleteSnapshotPolicy",
        name_en: "Delete snapshot policy",
        name_zh: "删除快照策略",
    },
    OperationSpec {
        operation: Operation::CopySnapshot,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/snapshots/{snapshot_id}/linked-copy",
        success_status: 200,
        iam_action: Some("dws:cluster:copySnapshot"),
        read_only: false,
        section: "CopySnapshot",
        name_en: "Copy snapshot",
        name_zh: "复制快照",
    },
    OperationSpec {
        operation: Operation::ListEvents,
        service: Service::Dws,
        method: Method::Get,
        path: "/v2/{project_id}/events",
        success_status: 200,
        iam_action: Some("dws:event:list"),
        read_only: true,
        section: "ListEvents",
        name_en: "List events",
        name_zh: "查询事件列表",
    },
    OperationSpec {
        operation: Operation::ListEventSpecs,
        service: Service::Dws,
        method: Method::Get,
        path: "/v2/{project_id}/event-specs",
        success_status: 200,
        iam_action: Some("dws:event:listSpec"),
        read_only: true,
        section: "ListEventSpecs",
        name_en: "List event specifications",
        name_zh: "查询事件配置",
    },
    OperationSpec {
        operation: Operation::UpdateMaintenanceWindow,
        service: Service::Dws,
        method: Method::Put,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/maintenance-window",
        success_status: 200,
        iam_action: Some("dws:cluster:setMaintainceWindow"),
        read_only: false,
        section: "UpdateMaintenanceWindow",
        name_en: "Set maintenance window",
        name_zh: "修改运维时间窗",
    },
    OperationSpec {
        operation: Operation::ModifyClusterName,
        service: Service::Dws,
        method: Method::Put,
        path: "/v1/{project_id}/clusters/{cluster_id}/cluster-name",
        success_status: 200,
        iam_action: Some("dws:cluster:modifyClusterName"),
        read_only: false,
        section: "ModifyClusterName",
        name_en: "Rename cluster",
        name_zh: "修改集群名称",
    },
    OperationSpec {
        operation: Operation::ListClusterTags,
        service: Service::Dws,
        method: Method::Get,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/tags",
        success_status: 200,
        iam_action: Some("dws::listTagsForResource"),
        read_only: true,
        section: "ListClusterTags",
        name_en: "List cluster tags",
        name_zh: "查询集群标签",
    },
    OperationSpec {
        operation: Operation::BatchCreateResourceTag,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/tags/batch-create",
        success_status: 200,
        iam_action: Some("dws::tagResource"),
        read_only: false,
        section: "BatchCreateResourceTag",
        name_en: "Add tags",
        name_zh: "批量添加标签",
    },
    OperationSpec {
        operation: Operation::BatchDeleteResourceTag,
        service: Service::Dws,
        method: Method::Post,
        path: "/v1.0/{project_id}/clusters/{cluster_id}/tags/batch-delete",
        success_status: 200,
        iam_action: Some("dws::unTagResource"),
        read_only: false,
        section: "BatchDeleteResourceTag",
        name_en: "Remove tags",
        name_zh: "批量删除标签",
    },
    OperationSpec {
        operation: Operation::ListClusterNodes,
        service: Service::Dws,
        method: Method::Get,
        path: "/v2/{project_id}/clusters/{cluster_id}/nodes",
        success_status: 200,
        iam_action: Some("dws:cluster:listNode"),
        read_only: true,
        section: "ListClusterNodes",
        name_en: "List cluster nodes",
        name_zh: "查询节点列表",
    },
    OperationSpec {
        operation: Operation::ListMetrics,
        service: Service::Ces,
        method: Method::Get,
        path: "/V1.0/{project_id}/metrics",
        success_status: 200,
        iam_action: Some("ces:metrics:list"),
        read_only: true,
        section: "ces_03_0023",
        name_en: "List metrics",
        name_zh: "查询指标列表",
    },
    OperationSpec {
        operation: Operation::ShowMetricData,
        service: Service::Ces,
        method: Method::Get,
        path: "/V1.0/{project_id}/metric-data",
        success_status: 200,
        iam_action: Some("ces:metricData:list"),
        read_only: true,
        section: "ces_03_0033",
        name_en: "Show metric data",
        name_zh: "查询监控数据",
    },
    OperationSpec {
        operation: Operation::BatchListMetricData,
        service: Service::Ces,
        method: Method::Post,
        path: "/V1.0/{project_id}/batch-query-metric-data",
        success_status: 200,
        iam_action: Some("ces:metricData:list"),
        read_only: true,
        section: "ces_03_0034",
        name_en: "Batch list metric data",
        name_zh: "批量查询监控数据",
    },
];

/// Path parameters of a matched request, or to build a path with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PathParams {
    /// `{project_id}`.
    pub project_id: Option<String>,
    /// `{cluster_id}`.
    pub cluster_id: Option<String>,
    /// `{snapshot_id}`.
    pub snapshot_id: Option<String>,
    /// `{job_id}`.
    pub job_id: Option<String>,
    /// `{policy_id}`: a snapshot policy.
    pub policy_id: Option<String>,
}

impl PathParams {
    /// Parameters for a project-level path.
    pub fn project(project_id: &str) -> Self {
        PathParams { project_id: Some(project_id.into()), ..Default::default() }
    }

    /// Adds `{cluster_id}`.
    pub fn cluster(mut self, cluster_id: &str) -> Self {
        self.cluster_id = Some(cluster_id.into());
        self
    }

    /// Adds `{snapshot_id}`.
    pub fn snapshot(mut self, snapshot_id: &str) -> Self {
        self.snapshot_id = Some(snapshot_id.into());
        self
    }

    /// Adds `{job_id}`.
    pub fn job(mut self, job_id: &str) -> Self {
        self.job_id = Some(job_id.into());
        self
    }

    /// Adds `{policy_id}`.
    pub fn policy(mut self, policy_id: &str) -> Self {
        self.policy_id = Some(policy_id.into());
        self
    }

    fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        match name {
            "project_id" => Some(&mut self.project_id),
            "cluster_id" => Some(&mut self.cluster_id),
            "snapshot_id" => Some(&mut self.snapshot_id),
            "job_id" => Some(&mut self.job_id),
            "policy_id" => Some(&mut self.policy_id),
            _ => None,
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "project_id" => self.project_id.as_deref(),
            "cluster_id" => self.cluster_id.as_deref(),
            "snapshot_id" => self.snapshot_id.as_deref(),
            "job_id" => self.job_id.as_deref(),
            "policy_id" => self.policy_id.as_deref(),
            _ => None,
        }
    }

    fn set(&mut self, name: &str, value: String) {
        if let Some(slot) = self.slot(name) {
            *slot = Some(value);
        }
    }
}

/// A path could not be built: a parameter it needs was not given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{operation:?} needs the path parameter {{{name}}}")]
pub struct MissingPathParam {
    /// The operation whose path was being built.
    pub operation: Operation,
    /// The parameter that was missing.
    pub name: &'static str,
}

/// Escapes a path segment so an id can never add a segment, a query or a fragment.
fn encode_segment(value: &str, out: &mut String) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

impl Operation {
    /// Every operation, in table order.
    pub fn all() -> impl Iterator<Item = Operation> {
        OPERATIONS.iter().map(|s| s.operation)
    }

    /// What the table says of this operation.
    pub fn spec(self) -> &'static OperationSpec {
        OPERATIONS
            .iter()
            .find(|s| s.operation == self)
            .expect("every operation has a row in OPERATIONS")
    }

    /// The IAM action this operation needs, if any.
    pub fn iam_action(self) -> Option<&'static str> {
        self.spec().iam_action
    }

    /// The concrete path, with each parameter escaped as one path segment.
    pub fn path(self, params: &PathParams) -> Result<String, MissingPathParam> {
        let template = self.spec().path;
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("templates close their braces");
            let name = &rest[open + 1..close];
            let value = params.get(name).ok_or(MissingPathParam {
                operation: self,
                name: static_name(name),
            })?;
            encode_segment(value, &mut out);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn static_name(name: &str) -> &'static str {
    ["project_id", "cluster_id", "snapshot_id", "job_id", "policy_id"].into_iter().find(|n| *n == name).unwrap_or("snapshot_id")
}

/// A request matched to an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedOperation {
    /// The operation.
    pub operation: Operation,
    /// The parameters taken from the path (still percent-encoded as received).
    pub params: PathParams,
}

/// Finds the operation a method and path call, ignoring a query string and one trailing slash.
/// Empty parameters never match.
pub fn match_request(method: Method, path: &str) -> Option<MatchedOperation> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    OPERATIONS.iter().filter(|s| s.method == method).find_map(|spec| {
        let template: Vec<&str> = spec.path.split('/').collect();
        if template.len() != segments.len() {
            return None;
        }
        let mut params = PathParams::default();
        for (t, s) in template.iter().zip(&segments) {
            if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                if s.is_empty() {
                    return None;
                }
                params.set(name, (*s).to_owned());
            } else if t != s {
                return None;
            }
        }
        Some(MatchedOperation { operation: spec.operation, params })
    })
}

/// The service an API path belongs to, by its first segment as the table's paths have it
/// (`/v3/…` is IAM's, `/v1.0/…` and `/v2/…` DWS's, `/V1.0/…` Cloud Eye's; the case counts, as
/// it does to the services); `None` for any other path.
pub fn service_of(path: &str) -> Option<Service> {
    let (first, _) = path.strip_prefix('/')?.split_once('/')?;
    OPERATIONS.iter().find(|s| s.path.split('/').nth(1) == Some(first)).map(|s| s.service)
}

/// The methods the operations use, in the order GET, POST, PUT, DELETE.
pub fn methods() -> Vec<Method> {
    [Method::Get, Method::Post, Method::Put, Method::Delete].into_iter().filter(|m| OPERATIONS.iter().any(|s| s.method == *m)).collect()
}

/// The methods a path can be called with (none for a path of no operation).
pub fn methods_of(path: &str) -> Vec<Method> {
    methods().into_iter().filter(|m| match_request(*m, path).is_some()).collect()
}

/// Whether an IAM policy action pattern (`dws:*:*`, `dws:openAPICluster:*`, `*:*:*`, or an exact
/// action) grants an action. Matching is case-insensitive, as IAM's is. The tag actions have an
/// empty resource part (`dws::tagResource`), which `*` matches too.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let p: Vec<&str> = pattern.split(':').collect();
    let a: Vec<&str> = action.split(':').collect();
    p.len() == 3
        && a.len() == 3
        && p.iter().zip(&a).all(|(p, a)| *p == "*" || p.eq_ignore_ascii_case(a))
}

/// A service's read-only actions: for DWS what a viewer needs to see clusters, node types and
/// snapshots; for Cloud Eye what it needs to see their metrics.
pub fn read_actions(service: Service) -> impl Iterator<Item = &'static str> {
    let mut actions: Vec<&'static str> =
        OPERATIONS.iter().filter(|s| s.read_only && s.service == service).filter_map(|s| s.iam_action).collect();
    actions.dedup();
    actions.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_belong_to_the_service_of_their_first_segment() {
        assert_eq!(service_of("/v3/auth/tokens"), Some(Service::Iam));
        assert_eq!(service_of("/v3/anything"), Some(Service::Iam));
        assert_eq!(service_of("/v1.0/p/clusters"), Some(Service::Dws));
        assert_eq!(service_of("/v2/p/node-types"), Some(Service::Dws));
        assert_eq!(service_of("/V1.0/p/metric-data"), Some(Service::Ces));
        assert_eq!(methods_of("/V1.0/p/batch-query-metric-data"), [Method::Post]);
        for p in ["/", "/v3", "/v1.0", "/v4/x", "/index.html", "/v1.0x/a", "v3/auth", ""] {
            assert_eq!(service_of(p), None, "{p}");
        }
        assert_eq!(methods(), [Method::Get, Method::Post, Method::Put, Method::Delete]);
        assert_eq!(service_of("/v1/p/clusters/c/stop"), Some(Service::Dws));
        assert_eq!(methods_of("/v2/p/clusters/c/snapshot-policies"), [Method::Get, Method::Put]);
        assert_eq!(methods_of("/v1.0/p/clusters/c/snapshot-policies/x"), [Method::Delete]);
        assert_eq!(methods_of("/v1.0/p/clusters"), [Method::Get, Method::Post]);
        assert_eq!(methods_of("/v1.0/p/clusters/c"), [Method::Get, Method::Delete]);
        assert_eq!(methods_of("/v1.0/p/nothing"), []);
    }

    #[test]
    fn the_table_has_every_operation_once() {
        let all: Vec<Operation> = Operation::all().collect();
        assert_eq!(all.len(), 33, "14 operations of NOTES.md, the project list, 15 of day two and three of Cloud Eye");
        for op in &all {
            assert_eq!(all.iter().filter(|o| *o == op).count(), 1);
            assert_eq!(op.spec().operation, *op);
        }
        let dws = OPERATIONS.iter().filter(|s| s.service == Service::Dws).count();
        assert_eq!(dws, 28, "chapter 5 has 13 operations; day two adds 15");
        assert!(OPERATIONS.iter().all(|s| (s.service != Service::Iam) == s.iam_action.is_some()));
        let ces: Vec<&str> = OPERATIONS.iter().filter(|s| s.service == Service::Ces).filter_map(|s| s.iam_action).collect();
        assert_eq!(ces, ["ces:metrics:list", "ces:metricData:list", "ces:metricData:list"]);
    }

    #[test]
    fn iam_actions_are_those_of_chapter_6() {
        let expected = [
            (Operation::CreateCluster, "dws:openAPICluster:create"),
            (Operation::ListClusters, "dws:openAPICluster:list"),
            (Operation::ShowCluster, "dws:openAPICluster:getDetail"),
            (Operation::ListNodeTypes, "dws:openAPIFlavors:get"),
            (Operation::DeleteCluster, "dws:openAPICluster:delete"),
            (Operation::RestartCluster, "dws:openAPICluster:restart"),
            (Operation::ResizeCluster, "dws:cluster:scaleOutOrOpenAPIResize"),
            (Operation::ResetPassword, "dws:openAPICluster:resetPassword"),
            (Operation::CreateSnapshot, "dws:openAPISnapshot:create"),
            (Operation::ListSnapshots, "dws:openAPISnapshot:list"),
            (Operation::ShowSnapshot, "dws:openAPISnapshot:detail"),
            (Operation::DeleteSnapshot, "dws:openAPISnapshot:delete"),
            (Operation::RestoreCluster, "dws:openAPISnapshot:restore"),
        ];
        for (op, action) in expected {
            assert_eq!(op.iam_action(), Some(action), "{op:?}");
        }
    }

    #[test]
    fn success_statuses_follow_the_reference() {
        assert_eq!(Operation::GetToken.spec().success_status, 201);
        assert_eq!(Operation::DeleteCluster.spec().success_status, 202);
        assert_eq!(Operation::DeleteSnapshot.spec().success_status, 202);
        assert_eq!(Operation::CreateCluster.spec().success_status, 200);
        assert_eq!(Operation::RestoreCluster.spec().success_status, 200);
    }

    #[test]
    fn read_actions_are_the_viewer_set() {
        let mut got: Vec<&str> = read_actions(Service::Dws).collect();
        got.sort();
        assert_eq!(
            got,
            [
                "dws::listTagsForResource",
                "dws:cluster:listNode",
                "dws:cluster:listSnapshotPolicy",
                "dws:event:list",
                "dws:event:listSpec",
                "dws:openAPICluster:getDetail",
                "dws:openAPICluster:list",
                "dws:openAPIFlavors:get",
                "dws:openAPISnapshot:detail",
                "dws:openAPISnapshot:list",
                "dws:service:listJobDetail",
            ]
        );
        assert_eq!(read_actions(Service::Ces).collect::<Vec<_>>(), ["ces:metrics:list", "ces:metricData:list"]);
    }

    #[test]
    fn builds_paths_and_escapes_parameters() {
        let p = PathParams::project("0f1e").cluster("7ba031f6-81f4-4670-ad20-c490b91877e5");
        assert_eq!(
            Operation::RestartCluster.path(&p).unwrap(),
            "/v1.0/0f1e/clusters/7ba031f6-81f4-4670-ad20-c490b91877e5/restart"
        );
        assert_eq!(Operation::ListNodeTypes.path(&p).unwrap(), "/v2/0f1e/node-types");
        let evil = PathParams::project("p").cluster("../../v3/auth?x=1#y");
        assert_eq!(
            Operation::ShowCluster.path(&evil).unwrap(),
            "/v1.0/p/clusters/..%2F..%2Fv3%2Fauth%3Fx%3D1%23y"
        );
        assert_eq!(
            Operation::ShowSnapshot.path(&PathParams::project("p")).unwrap_err().name,
            "snapshot_id"
        );
        assert_eq!(Operation::GetToken.path(&PathParams::default()).unwrap(), "/v3/auth/tokens");
    }

    #[test]
    fn matches_requests_to_operations() {
        let m = match_request(Method::Get, "/v1.0/p1/clusters/c1").unwrap();
        assert_eq!(m.operation, Operation::ShowCluster);
        assert_eq!(m.params, PathParams::project("p1").cluster("c1"));
        let m = match_request(Method::Delete, "/v1.0/p1/clusters/c1/").unwrap();
        assert_eq!(m.operation, Operation::DeleteCluster);
        let m = match_request(Method::Post, "/v1.0/p1/snapshots/s1/actions?x=1").unwrap();
        assert_eq!(m.operation, Operation::RestoreCluster);
        assert_eq!(m.params.snapshot_id.as_deref(), Some("s1"));
        assert_eq!(match_request(Method::Get, "/v2/p/node-types").unwrap().operation, Operation::ListNodeTypes);
        assert_eq!(match_request(Method::Post, "/v3/auth/tokens").unwrap().operation, Operation::GetToken);
        assert_eq!(match_request(Method::Get, "/v3/projects").unwrap().operation, Operation::ListProjects);
        assert_eq!(match_request(Method::Get, "/V1.0/p/metrics").unwrap().operation, Operation::ListMetrics);
        assert!(match_request(Method::Get, "/v1.0/p/metrics").is_none(), "Cloud Eye's version is upper-case");
        assert!(match_request(Method::Get, "/v1.0/p/node_types").is_none());
        assert!(match_request(Method::Get, "/v1.0//clusters").is_none());
        assert!(match_request(Method::Post, "/v1.0/p1/clusters/c1").is_none());
        assert!(match_request(Method::Get, "/v1.0/p1/clusters/c1/restart").is_none());
        assert!(match_request(Method::Get, "/").is_none());
        assert!(match_request(Method::Get, "").is_none());
    }

    #[test]
    fn every_template_matches_itself() {
        for spec in OPERATIONS {
            let params = PathParams::project("p").cluster("c").snapshot("s").job("j").policy("x");
            let path = spec.operation.path(&params).unwrap();
            let m = match_request(spec.method, &path).unwrap();
            assert_eq!(m.operation, spec.operation, "{path}");
        }
    }

    #[test]
    fn policy_patterns() {
        assert!(action_matches("dws:*:*", "dws:openAPICluster:create"));
        assert!(action_matches("dws:openAPICluster:*", "dws:openAPICluster:list"));
        assert!(!action_matches("dws:openAPICluster:*", "dws:openAPISnapshot:list"));
        assert!(action_matches("dws:openapicluster:list", "dws:openAPICluster:list"));
        assert!(action_matches("*:*:*", "dws:cluster:scaleOutOrOpenAPIResize"));
        assert!(!action_matches("dws:*", "dws:openAPICluster:list"));
        assert!(!action_matches("ecs:*:*", "dws:openAPICluster:list"));
        assert!(action_matches("dws:*:*", "dws::tagResource"));
        assert!(action_matches("dws::tagresource", "dws::tagResource"));
        assert!(!action_matches("dws::tagResource", "dws::unTagResource"));
    }

    #[test]
    fn methods_parse() {
        assert_eq!(Method::parse("get"), Some(Method::Get));
        assert_eq!(Method::parse("put"), Some(Method::Put));
        assert_eq!(Method::parse("PATCH"), None);
        assert_eq!(Method::Delete.to_string(), "DELETE");
    }
}
