//! The API description (`/openapi.json`), generated: every operation of the contract's table with
//! its path, method, IAM action and status, its request and answer bodies as the contract's types
//! derive them (each request field with its rule, from the checks' own constants), its errors in
//! its service's shape, and links from what creates a cluster or snapshot to what reads, changes
//! or deletes it. Only the emulator's own routes and the error bodies come from
//! `openapi-frame.json`, which no contract type describes.

use std::sync::OnceLock;

use crate::config::EmulatorConfig;

use dws_contract::ces::query::{DATA_MAX_DIMENSIONS, LIST_LIMIT_MAX, LIST_MAX_DIMENSIONS};
use dws_contract::ces::wire::{BatchQueryRequest, BatchQueryResponse, ListMetricsResponse, MetricData};
use dws_contract::ces::Period;
use dws_contract::operation::{OPERATIONS, Operation, OperationSpec, Service};
use dws_contract::rules::Field;
use dws_contract::types::{
    AuthTokenRequest, BatchTagsRequest, ClusterIdResponse, ClusterNameRequest, ClusterNodesResponse, ClusterTagsResponse,
    CopySnapshotRequest, CopySnapshotResponse, CreateClusterRequest, CreateSnapshotRequest, DeleteClusterRequest, JobDetail,
    JobIdResponse, ListClustersResponse, ListEventSpecsResponse, ListEventsResponse, ListSnapshotsResponse,
    MaintenanceWindowRequest, NodeTypesResponse, ProjectsResponse, ResetPasswordRequest, ResizeClusterRequest,
    RestartClusterRequest, RestoreClusterRequest, ShowClusterResponse, ShowSnapshotResponse, SnapshotIdResponse,
    SnapshotPolicies, SnapshotPolicyRequest, TokenResponse,
};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Value, json};

const FRAME: &str = include_str!("../openapi-frame.json");

/// The description of an emulator with this configuration: node types and zones are the ones it
/// offers, so a request the description allows names ones that exist.
pub fn document(config: &EmulatorConfig) -> Value {
    static BASE: OnceLock<Value> = OnceLock::new();
    let mut doc = BASE.get_or_init(build).clone();
    let node_types: Vec<&str> = config.node_types.iter().map(|n| n.spec_name.as_str()).collect();
    let zones: Vec<Value> = config.availability_zones.iter().map(|z| json!(z)).collect();
    let schemas = &mut doc["components"]["schemas"];
    schemas["CreateClusterInfo"]["properties"]["node_type"]["enum"] = json!(node_types);
    for ty in ["CreateClusterInfo", "Restore"] {
        // Optional: `null` reads as absent.
        let mut allowed = zones.clone();
        allowed.push(Value::Null);
        schemas[ty]["properties"]["availability_zone"]["enum"] = Value::Array(allowed);
    }
    doc
}

fn body<T: JsonSchema>(g: &mut SchemaGenerator) -> Value {
    g.subschema_for::<T>().to_value()
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// The request and success bodies of an operation (`None` where it has none; a success of
/// `null` has no body at all).
fn bodies(op: Operation, g: &mut SchemaGenerator) -> (Option<Value>, Value) {
    use Operation as O;
    let empty = reference("Empty");
    let nothing = Value::Null;
    match op {
        O::GetToken => (Some(body::<AuthTokenRequest>(g)), body::<TokenResponse>(g)),
        O::ListProjects => (None, body::<ProjectsResponse>(g)),
        O::CreateCluster => (Some(body::<CreateClusterRequest>(g)), body::<ClusterIdResponse>(g)),
        O::ListClusters => (None, body::<ListClustersResponse>(g)),
        O::ShowCluster => (None, body::<ShowClusterResponse>(g)),
        O::ListNodeTypes => (None, body::<NodeTypesResponse>(g)),
        O::DeleteCluster => (Some(body::<DeleteClusterRequest>(g)), empty),
        O::RestartCluster => (Some(body::<RestartClusterRequest>(g)), empty),
        O::ResizeCluster => (Some(body::<ResizeClusterRequest>(g)), empty),
        O::ResetPassword => (Some(body::<ResetPasswordRequest>(g)), empty),
        O::CreateSnapshot => (Some(body::<CreateSnapshotRequest>(g)), body::<SnapshotIdResponse>(g)),
        O::ListSnapshots => (None, body::<ListSnapshotsResponse>(g)),
        O::ShowSnapshot => (None, body::<ShowSnapshotResponse>(g)),
        O::DeleteSnapshot => (None, empty),
        O::RestoreCluster => (Some(body::<RestoreClusterRequest>(g)), body::<ClusterIdResponse>(g)),
        O::ListMetrics => (None, body::<ListMetricsResponse>(g)),
        O::ShowMetricData => (None, body::<MetricData>(g)),
        O::BatchListMetricData => (Some(body::<BatchQueryRequest>(g)), body::<BatchQueryResponse>(g)),
        O::StopCluster | O::StartCluster => (None, body::<JobIdResponse>(g)),
        O::ListJobDetails => (None, body::<JobDetail>(g)),
        O::ListSnapshotPolicy => (None, body::<SnapshotPolicies>(g)),
        O::CreateSnapshotPolicy => (Some(body::<SnapshotPolicyRequest>(g)), empty),
        O::DeleteSnapshotPolicy => (None, nothing),
        O::CopySnapshot => (Some(body::<CopySnapshotRequest>(g)), body::<CopySnapshotResponse>(g)),
        O::ListEvents => (None, body::<ListEventsResponse>(g)),
        O::ListEventSpecs => (None, body::<ListEventSpecsResponse>(g)),
        O::UpdateMaintenanceWindow => (Some(body::<MaintenanceWindowRequest>(g)), empty),
        O::ModifyClusterName => (Some(body::<ClusterNameRequest>(g)), body::<JobIdResponse>(g)),
        O::ListClusterTags => (None, body::<ClusterTagsResponse>(g)),
        O::BatchCreateResourceTag | O::BatchDeleteResourceTag => (Some(body::<BatchTagsRequest>(g)), nothing),
        O::ListClusterNodes => (None, body::<ClusterNodesResponse>(g)),
    }
}

fn parameter(name: &str, place: &str, required: bool, schema: Value, description: &str) -> Value {
    json!({"name": name, "in": place, "required": required, "schema": schema, "description": description})
}

fn rule(field: Field) -> Value {
    field.schema().unwrap_or_else(|| json!({"type": "string"}))
}

/// Cloud Eye's query parameters, from the contract's limits.
fn ces_query(op: Operation) -> Vec<Value> {
    use dws_contract::ces::schema as rule;
    let dims = |max: usize, first_required: bool| -> Vec<Value> {
        (0..max)
            .map(|i| parameter(&format!("dim.{i}"), "query", first_required && i == 0, rule::dimension_parameter(), "name,value of a dimension, from dim.0 on"))
            .collect()
    };
    match op {
        Operation::ListMetrics => {
            let mut p = vec![
                parameter("namespace", "query", false, rule::namespace(), "Only this namespace"),
                parameter("metric_name", "query", false, rule::metric_name(), "Only this metric"),
            ];
            p.extend(dims(LIST_MAX_DIMENSIONS, false));
            let start = json!({"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_-]*\\.[A-Za-z][A-Za-z0-9_-]*:[A-Za-z0-9][A-Za-z0-9_-]*$"});
            p.push(parameter("start", "query", false, start, "The marker of the previous page (namespace.metric.dimension:value)"));
            p.push(parameter("limit", "query", false, json!({"type": "integer", "minimum": 1, "maximum": LIST_LIMIT_MAX}), "Page size"));
            p.push(parameter("order", "query", false, json!({"type": "string", "enum": ["asc", "desc"]}), "desc (default) or asc"));
            p
        }
        Operation::ShowMetricData => {
            let mut p = vec![
                parameter("namespace", "query", true, rule::namespace(), "SYS.DWS"),
                parameter("metric_name", "query", true, rule::metric_name(), "The metric"),
            ];
            p.extend(dims(DATA_MAX_DIMENSIONS, true));
            let period = json!({"type": "integer", "enum": Period::ALL.iter().map(|p| p.seconds()).collect::<Vec<_>>()});
            p.push(parameter("from", "query", true, rule::time(), "Start, ms since the epoch, before to"));
            p.push(parameter("to", "query", true, rule::time(), "End, ms since the epoch"));
            p.push(parameter("period", "query", true, period, "Seconds: 1 is every sample"));
            p.push(parameter("filter", "query", true, rule::filter(), "The statistic"));
            p
        }
        _ => Vec::new(),
    }
}

/// The query parameters of the day-two lists: pages, and the node list's filters.
fn dws_query(op: Operation) -> Vec<Value> {
    use crate::handlers::day_two::{NODE_LIMIT_MAX, NODE_OFFSET_MAX};
    use crate::handlers::events::MAX_LIMIT;
    // Whole numbers written as text, as the SDK sends them for events.
    let offset = json!({"type": "string", "pattern": "^0*[0-9]{1,9}$"});
    let limit = json!({"type": "string", "pattern": format!("^0*([1-9][0-9]{{0,2}}|{MAX_LIMIT})$")});
    let page = || {
        vec![
            parameter("offset", "query", false, offset.clone(), "Where the page starts, from 0 (a number as text)"),
            parameter("limit", "query", false, limit.clone(), "The page's size, 1 to 1000, default 1000 (a number as text)"),
        ]
    };
    match op {
        Operation::ListEvents => page(),
        Operation::ListEventSpecs => {
            let mut p = page();
            p.push(parameter("spec_name", "query", false, json!({"type": "string"}), "Only specifications whose name contains this"));
            p.push(parameter("category", "query", false, json!({"type": "string"}), "management, monitor or security"));
            p.push(parameter("severity", "query", false, json!({"type": "string"}), "normal, warning, or both joined by a comma"));
            p.push(parameter("source_type", "query", false, json!({"type": "string"}), "cluster, backup, …"));
            p.push(parameter("tag", "query", false, json!({"type": "string"}), "Read and ignored"));
            p
        }
        Operation::ListClusterNodes => vec![
            json!({"name": "node_ids", "in": "query", "required": false, "style": "form", "explode": true,
                   "schema": {"type": "array", "items": {"type": "string"}}, "description": "Only these nodes"}),
            parameter("offset", "query", false, json!({"type": "integer", "minimum": 0, "maximum": NODE_OFFSET_MAX}), "Where the page starts"),
            parameter("limit", "query", false, json!({"type": "integer", "minimum": 1, "maximum": NODE_LIMIT_MAX}), "The page's size, default 100"),
            parameter("filter_by", "query", false, json!({"type": "string", "enum": ["instCreateType", "status"]}), "What filter filters on"),
            parameter("filter", "query", false, json!({"type": "string"}), "ALL, or the type or status to keep"),
            parameter("order_by", "query", false, json!({"type": "string", "enum": ["name"]}), "name"),
            parameter("order", "query", false, json!({"type": "string", "enum": ["asc", "desc"]}), "asc (default) or desc"),
        ],
        _ => Vec::new(),
    }
}

fn parameters(spec: &OperationSpec) -> Vec<Value> {
    let mut p = Vec::new();
    if spec.path.contains("{project_id}") {
        let project = json!({"type": "string", "pattern": "^[0-9a-f]{32}$"});
        p.push(parameter("project_id", "path", true, project, "Project id (32 hexadecimal digits); must be the caller's project"));
    }
    if spec.path.contains("{cluster_id}") {
        p.push(parameter("cluster_id", "path", true, rule(Field::ClusterId), "Cluster id"));
    }
    if spec.path.contains("{snapshot_id}") {
        p.push(parameter("snapshot_id", "path", true, rule(Field::SnapshotId), "Snapshot id"));
    }
    if spec.path.contains("{job_id}") {
        let job = json!({"type": "string", "pattern": "^[0-9a-f]{32}$"});
        p.push(parameter("job_id", "path", true, job, "A job id an operation answered (32 hexadecimal digits)"));
    }
    if spec.path.contains("{policy_id}") {
        p.push(parameter("policy_id", "path", true, json!({"type": "string", "pattern": dws_contract::rules::UUID_PATTERN}), "A snapshot policy's id"));
    }
    if spec.service == Service::Dws {
        let description = "Language of error messages: a tag of the zh language (zh_cn) for Chinese; any other value, or none, reads as English";
        p.push(parameter("X-Language", "header", false, json!({"type": "string"}), description));
    }
    p.extend(ces_query(spec.operation));
    p.extend(dws_query(spec.operation));
    p
}

/// The errors an operation can answer, in its service's shape.
fn errors(spec: &OperationSpec) -> Vec<(u16, &'static str, &'static str)> {
    let names_a_resource = ["{cluster_id}", "{snapshot_id}", "{job_id}", "{policy_id}"].iter().any(|p| spec.path.contains(p))
        || spec.operation == Operation::CreateSnapshot;
    match spec.service {
        Service::Iam if spec.operation == Operation::GetToken => {
            vec![(400, "IamErrorBody", "The body is not a password sign-in IAM reads"), (401, "IamErrorBody", "The account, user or password is wrong")]
        }
        Service::Iam => vec![(401, "IamErrorBody", "No or a bad token")],
        Service::Ces => vec![
            (400, "CesErrorBody", "A parameter or the body is wrong (ces.0013, ces.0014, ces.0006, ces.0001), or the project is not the caller's (ces.0003)"),
            (401, "CesErrorBody", "No or a bad token or signature (ces.0015)"),
            (403, "CesErrorBody", "The policy lacks the action (code 403)"),
            (500, "CesErrorBody", "The metrics store failed (ces.0007)"),
        ],
        Service::Dws => {
            let mut e = vec![
                (400, "ErrorBody", "A rule was broken, or the body is not JSON of the expected shape (DWS.5xxx)"),
                (401, "ErrorBody", "No, an invalid or an expired token, or a bad AK/SK signature (APIGW.0301)"),
                (403, "ErrorBody", "The path's project is not the caller's (DWS.0004), or the policy lacks the action (DWS.0003)"),
            ];
            if names_a_resource {
                e.push((404, "ErrorBody", "No such cluster, snapshot, job or policy (DWS.0001, DWS.0002, DWS.0010, DWS.0011)"));
            }
            if !spec.read_only {
                e.push((409, "ErrorBody", "The state forbids it (DWS.0005, DWS.0006) or the name is taken"));
            }
            e
        }
    }
}

/// Where an operation's answer leads: the id it returns, to the operations that take it.
fn links(op: Operation) -> Option<Value> {
    let (id, pointer, targets) = match op {
        Operation::CreateCluster | Operation::RestoreCluster => (
            "cluster_id",
            "$response.body#/cluster/id",
            [
                Operation::ShowCluster,
                Operation::RestartCluster,
                Operation::ResizeCluster,
                Operation::ResetPassword,
                Operation::DeleteCluster,
                Operation::StopCluster,
                Operation::StartCluster,
                Operation::ListSnapshotPolicy,
                Operation::CreateSnapshotPolicy,
                Operation::UpdateMaintenanceWindow,
                Operation::ModifyClusterName,
                Operation::ListClusterTags,
                Operation::BatchCreateResourceTag,
                Operation::BatchDeleteResourceTag,
                Operation::ListClusterNodes,
            ]
            .as_slice(),
        ),
        Operation::StopCluster | Operation::StartCluster | Operation::ModifyClusterName => {
            ("job_id", "$response.body#/job_id", [Operation::ListJobDetails].as_slice())
        }
        Operation::CreateSnapshot => {
            ("snapshot_id", "$response.body#/snapshot/id", [Operation::ShowSnapshot, Operation::RestoreCluster, Operation::DeleteSnapshot].as_slice())
        }
        _ => return None,
    };
    let mut map: serde_json::Map<String, Value> = targets
        .iter()
        .map(|t| (format!("{t:?}"), json!({"operationId": format!("{t:?}"), "parameters": {id: pointer}})))
        .collect();
    if id == "cluster_id" {
        // A snapshot names its cluster in the body.
        let body = json!({"snapshot": {"name": "fuzz-snapshot", "cluster_id": pointer}});
        map.insert("CreateSnapshot".into(), json!({"operationId": "CreateSnapshot", "requestBody": body}));
    }
    Some(Value::Object(map))
}

fn operation(spec: &OperationSpec, g: &mut SchemaGenerator) -> Value {
    let (request, success) = bodies(spec.operation, g);
    let action = spec.iam_action.map(|a| format!(" IAM action: `{a}`.")).unwrap_or_default();
    let mut responses = serde_json::Map::new();
    let mut ok = match success {
        Value::Null => json!({"description": "Done; no body"}),
        schema => json!({"description": "Done", "content": {"application/json": {"schema": schema}}}),
    };
    if let Some(l) = links(spec.operation) {
        ok["links"] = l;
    }
    responses.insert(spec.success_status.to_string(), ok);
    for (status, shape, why) in errors(spec) {
        responses.insert(status.to_string(), json!({"description": why, "content": {"application/json": {"schema": reference(shape)}}}));
    }
    let mut op = json!({
        "operationId": format!("{:?}", spec.operation),
        "summary": spec.name_en,
        "description": format!("Reference {}.{action}", spec.section),
        "parameters": parameters(spec),
        "responses": responses,
    });
    if spec.service != Service::Iam || spec.operation == Operation::ListProjects {
        op["security"] = json!([{"token": []}, {"aksk": []}]);
    }
    if let Some(r) = request {
        op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": r}}});
    }
    op
}

fn build() -> Value {
    let mut g = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let mut doc: Value = serde_json::from_str(FRAME).expect("openapi-frame.json is JSON");
    for spec in OPERATIONS {
        let op = operation(spec, &mut g);
        doc["paths"][spec.path][spec.method.as_str().to_ascii_lowercase()] = op;
    }
    for (name, schema) in g.take_definitions(true) {
        doc["components"]["schemas"][name] = schema;
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_described_with_its_rules() {
        let d = document(&EmulatorConfig::demo());
        for spec in OPERATIONS {
            let op = &d["paths"][spec.path][spec.method.as_str().to_ascii_lowercase()];
            assert_eq!(op["operationId"], format!("{:?}", spec.operation));
        }
        let info = &d["components"]["schemas"]["CreateClusterInfo"]["properties"];
        assert_eq!(info["name"]["pattern"], "^[A-Za-z][A-Za-z0-9_-]*$");
        let links = &d["paths"]["/v1.0/{project_id}/clusters"]["post"]["responses"]["200"]["links"];
        assert_eq!(links["ShowCluster"]["parameters"]["cluster_id"], "$response.body#/cluster/id");
        assert_eq!(links["CreateSnapshot"]["requestBody"]["snapshot"]["cluster_id"], "$response.body#/cluster/id");
        assert_eq!(info["node_type"]["enum"][0], "dws.d2.xlarge", "the node types it offers");
    }
}
