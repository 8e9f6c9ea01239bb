//! The field rules put on the derived JSON Schema of the request types: each function is a
//! `#[schemars(transform = …)]` of one field, merging [`Field::schema`] into what the type gives
//! (an `Option` keeps its `null`).

use schemars::Schema;

use super::error::Field;

fn merge(schema: &mut Schema, field: Field) {
    let Some(serde_json::Value::Object(rule)) = field.schema() else { return };
    for (key, value) in rule {
        if key != "type" {
            schema.insert(key, value);
        }
    }
}

macro_rules! transforms {
    ($($name:ident => $field:ident),+ $(,)?) => {
        $(
            #[doc = concat!("The rule of `", stringify!($field), "`.")]
            pub(crate) fn $name(schema: &mut Schema) {
                merge(schema, Field::$field);
            }
        )+
    };
}

transforms! {
    cluster_name => ClusterName,
    snapshot_name => SnapshotName,
    user_name => UserName,
    user_pwd => UserPwd,
    new_password => NewPassword,
    node_type => NodeType,
    availability_zone => AvailabilityZone,
    number_of_node => NumberOfNode,
    number_of_cn => NumberOfCn,
    port => Port,
    vpc_id => VpcId,
    subnet_id => SubnetId,
    security_group_id => SecurityGroupId,
    eip_id => EipId,
    cluster_id => ClusterId,
    enterprise_project_id => EnterpriseProjectId,
    scale_out_count => ScaleOutCount,
    keep_last_manual_snapshot => KeepLastManualSnapshot,
    snapshot_description => SnapshotDescription,
    tag_key => TagKey,
    tag_value => TagValue,
    keep_day => KeepDay,
    policy_name => PolicyName,
    backup_strategy => BackupStrategy,
    backup_type => BackupType,
    backup_level => BackupLevel,
    backup_device => BackupDevice,
    time_zone_offset => TimeZoneOffset,
    maintenance_day => MaintenanceDay,
    maintenance_time => MaintenanceStart,
}

/// A batch of tags: at most as many as a cluster can have, each key once.
pub(crate) fn tag_list(schema: &mut Schema) {
    schema.insert("maxItems".into(), serde_json::json!(super::tags::MAX_TAGS));
}

/// IAM's password sign-in: the `password` method among the methods, and its credentials.
pub(crate) fn password_identity(schema: &mut Schema) {
    if let Some(methods) = schema.get_mut("properties").and_then(|p| p.get_mut("methods")).and_then(|m| m.as_object_mut()) {
        methods.insert("contains".into(), serde_json::json!({"const": "password"}));
    }
    // Present and not null: an `Option` on the type, since other methods would leave it out.
    if let Some(password) = schema.get_mut("properties").and_then(|p| p.get_mut("password")) {
        if let Some(reference) = password.get("anyOf").and_then(|a| a.get(0)).cloned() {
            *password = reference;
        }
    }
    schema.insert("required".into(), serde_json::json!(["methods", "password"]));
}

/// A member that is there and not `null`.
fn present(name: &str) -> serde_json::Value {
    serde_json::json!({"required": [name], "properties": {name: {"not": {"type": "null"}}}})
}

/// A user signs in by id, or by name within a domain.
pub(crate) fn id_or_domain(schema: &mut Schema) {
    schema.insert("anyOf".into(), serde_json::json!([present("id"), present("domain")]));
}

/// A project is named by its id or its name.
pub(crate) fn id_or_name(schema: &mut Schema) {
    schema.insert("anyOf".into(), serde_json::json!([present("id"), present("name")]));
}

#[cfg(test)]
mod tests {
    use crate::types::{CreateClusterRequest, ResizeClusterRequest};

    #[test]
    fn the_request_types_carry_their_rules() {
        let create = serde_json::to_value(schemars::schema_for!(CreateClusterRequest)).unwrap();
        let info = &create["$defs"]["CreateClusterInfo"]["properties"];
        assert_eq!(info["name"]["pattern"], "^[A-Za-z][A-Za-z0-9_-]*$");
        assert_eq!(info["name"]["minLength"], 4);
        assert_eq!(info["number_of_node"]["minimum"], 2);
        assert_eq!(info["port"]["maximum"], 30000);
        assert_eq!(info["port"]["type"], serde_json::json!(["integer", "null"]), "an optional field stays optional");
        assert_eq!(info["node_type"]["minLength"], 1, "required and not empty");
        assert!(info["user_name"]["not"]["enum"].as_array().is_some_and(|k| k.iter().any(|w| w == "select")));
        let resize = serde_json::to_value(schemars::schema_for!(ResizeClusterRequest)).unwrap();
        assert_eq!(resize["$defs"]["ScaleOut"]["properties"]["count"]["minimum"], 1);
    }
}

/// A resize body: `scale_out` is required (a resize without it is refused), and not `null`.
pub(crate) fn resize_request(schema: &mut Schema) {
    schema.insert("required".into(), serde_json::json!(["scale_out"]));
    if let Some(p) = schema.get_mut("properties").and_then(|p| p.get_mut("scale_out")) {
        if let Some(reference) = p.get("anyOf").and_then(|a| a.as_array()).and_then(|a| a.iter().find(|b| b.get("$ref").is_some())).cloned() {
            *p = reference;
        }
    }
}

/// A request's public access (not an answer's, where `auto_assign` shows the EIP it got):
/// `bind_existing` needs `eip_id` (an id), and the other bindings take none (an empty one, as the
/// reference's samples send, is none).
pub(crate) fn public_ip_request(schema: &mut Schema) {
    let eip = Field::EipId.schema().unwrap_or_else(|| serde_json::json!({"type": "string"}));
    schema.insert("if".into(), serde_json::json!({"properties": {"public_bind_type": {"const": "bind_existing"}}}));
    schema.insert("then".into(), serde_json::json!({"required": ["eip_id"], "properties": {"eip_id": eip}}));
    schema.insert("else".into(), serde_json::json!({"properties": {"eip_id": {"anyOf": [{"type": "null"}, {"const": ""}]}}}));
}
