//! Whole-request checks: every field rule of a request, in the order of the reference's table.
//!
//! They return every broken rule, so a form can mark each field at once; a server answers with the
//! first. Checks that need the service's state (a name in use, a node type that exists, a
//! password used before) are the caller's.

use super::error::{Field, RuleError};
use super::{names, network, numbers, password, snapshot};
use crate::types::{CopySnapshotRequest, CreateClusterInfo, ResizeClusterRequest, Restore, Snapshot};

fn push(errors: &mut Vec<RuleError>, r: Result<(), RuleError>) {
    if let Err(e) = r {
        errors.push(e);
    }
}

/// `CreateClusterInfo` (table 5-3).
pub fn create_cluster(c: &CreateClusterInfo) -> Vec<RuleError> {
    let mut e = Vec::new();
    push(&mut e, network::required(Field::NodeType, &c.node_type));
    push(&mut e, numbers::node_count(c.number_of_node));
    push(&mut e, network::id(Field::SubnetId, &c.subnet_id));
    push(&mut e, network::id(Field::SecurityGroupId, &c.security_group_id));
    push(&mut e, network::id(Field::VpcId, &c.vpc_id));
    if let Some(az) = &c.availability_zone {
        push(&mut e, network::required(Field::AvailabilityZone, az));
    }
    if let Some(p) = c.port {
        push(&mut e, numbers::port(p));
    }
    push(&mut e, names::cluster_name(&c.name));
    push(&mut e, names::user_name(&c.user_name));
    push(&mut e, password::password(Field::UserPwd, c.user_pwd.expose(), &c.user_name));
    if let Some(ip) = &c.public_ip {
        push(&mut e, network::public_ip(ip));
    }
    if let Some(cn) = c.number_of_cn {
        push(&mut e, numbers::cn_count(cn, c.number_of_node));
    }
    if let Some(ep) = &c.enterprise_project_id {
        push(&mut e, network::enterprise_project_id(ep));
    }
    e
}

/// `Restore` (table 5-65); `enterprise_project_id` is the one read from either place.
pub fn restore(r: &Restore, enterprise_project_id: Option<&str>) -> Vec<RuleError> {
    let mut e = Vec::new();
    push(&mut e, names::cluster_name(&r.name));
    for (field, value) in [
        (Field::SubnetId, &r.subnet_id),
        (Field::SecurityGroupId, &r.security_group_id),
        (Field::VpcId, &r.vpc_id),
    ] {
        if let Some(v) = value {
            push(&mut e, network::id(field, v));
        }
    }
    if let Some(az) = &r.availability_zone {
        push(&mut e, network::required(Field::AvailabilityZone, az));
    }
    if let Some(p) = r.port {
        push(&mut e, numbers::port(p));
    }
    if let Some(ip) = &r.public_ip {
        push(&mut e, network::public_ip(ip));
    }
    if let Some(ep) = enterprise_project_id {
        push(&mut e, network::enterprise_project_id(ep));
    }
    e
}

/// `Snapshot` (table 5-49).
pub fn create_snapshot(s: &Snapshot) -> Vec<RuleError> {
    let mut e = Vec::new();
    push(&mut e, names::snapshot_name(&s.name));
    push(&mut e, network::id(Field::ClusterId, &s.cluster_id));
    if let Some(d) = &s.description {
        push(&mut e, snapshot::snapshot_description(d));
    }
    e
}

/// A copy of an automated snapshot (`LinkCopyReq`): a snapshot's name and description.
pub fn copy_snapshot(c: &CopySnapshotRequest) -> Vec<RuleError> {
    let mut e = Vec::new();
    push(&mut e, names::snapshot_name(&c.backup_name));
    if let Some(d) = &c.description {
        push(&mut e, snapshot::snapshot_description(d));
    }
    e
}

/// A resize request (table 5-41) for a cluster that has `current_nodes` nodes.
pub fn resize(r: &ResizeClusterRequest, current_nodes: i64) -> Vec<RuleError> {
    match &r.scale_out {
        Some(s) => numbers::scale_out_count(s.count, current_nodes).err().into_iter().collect(),
        None => vec![RuleError::new(Field::ScaleOutCount, super::Violation::Required)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;
    use crate::rules::Violation;
    use crate::secret::Secret;
    use crate::types::{PublicIp, ScaleOut};

    fn quick_start_cluster() -> CreateClusterInfo {
        // Step 3 of the quick start.
        serde_json::from_str(
            r#"{"node_type":"dws.d1.xlarge","number_of_node":3,
                "subnet_id":"d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec",
                "security_group_id":"12e3c23a-8710-4b75-95e4-5c8d7f68ef3c",
                "vpc_id":"219ab8a0-1272-4049-a383-8ad0b770fa11","port":8000,"name":"dws-demo",
                "user_name":"dbadmin","user_pwd":"Dws2017demo!",
                "public_ip":{"public_bind_type":"auto_assign"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_quick_start_cluster_is_valid() {
        assert_eq!(create_cluster(&quick_start_cluster()), vec![]);
    }

    #[test]
    fn every_broken_field_is_reported_in_table_order() {
        let mut c = quick_start_cluster();
        c.node_type = String::new();
        c.number_of_node = 1;
        c.subnet_id = String::new();
        c.security_group_id = "sg".into();
        c.vpc_id = "vpc".into();
        c.port = Some(80);
        c.name = "d".into();
        c.user_name = "Admin".into();
        c.user_pwd = Secret::new("weak");
        c.public_ip = Some(PublicIp { public_bind_type: "bind_existing".into(), eip_id: None });
        c.number_of_cn = Some(5);
        c.enterprise_project_id = Some("x".into());
        let codes: Vec<&str> = create_cluster(&c).iter().map(|e| e.code().as_str()).collect();
        assert_eq!(
            codes,
            [
                "DWS.5006", "DWS.5047", "DWS.5202", "DWS.5016", "DWS.5014", "DWS.5038", "DWS.5057",
                "DWS.5059", "DWS.5144", "DWS.5133", "DWS.5038", "DWS.5064"
            ]
        );
    }

    #[test]
    fn password_is_checked_against_the_user_name() {
        let mut c = quick_start_cluster();
        c.user_name = "dws_admin1".into();
        c.user_pwd = Secret::new("1nimda_swd");
        let errors = create_cluster(&c);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code(), ErrorCode::Dws5145);
    }

    #[test]
    fn restore_checks_only_what_is_given() {
        let r: Restore = serde_json::from_str(r#"{"name":"dws-restore"}"#).unwrap();
        assert!(restore(&r, None).is_empty());
        let r: Restore =
            serde_json::from_str(r#"{"name":"1x","subnet_id":"s","port":7000}"#).unwrap();
        let fields: Vec<Field> = restore(&r, Some("bad")).iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::ClusterName, Field::SubnetId, Field::Port, Field::EnterpriseProjectId]);
    }

    #[test]
    fn snapshot_requests() {
        let s = Snapshot {
            name: "snapshotForDemoCluster".into(),
            cluster_id: "7ba031f6-81f4-4670-ad20-c490b91877e5".into(),
            description: Some("Snapshot description".into()),
        };
        assert!(create_snapshot(&s).is_empty());
        let bad = Snapshot { name: "s".into(), cluster_id: "c".into(), description: Some("a<b".into()) };
        let fields: Vec<Field> = create_snapshot(&bad).iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::SnapshotName, Field::ClusterId, Field::SnapshotDescription]);
    }

    #[test]
    fn resize_requests() {
        let r = ResizeClusterRequest { scale_out: Some(ScaleOut { count: 3 }) };
        assert!(resize(&r, 3).is_empty());
        assert_eq!(resize(&r, 255)[0].code(), ErrorCode::Dws5091);
        let none = ResizeClusterRequest { scale_out: None };
        assert_eq!(resize(&none, 3)[0].violation, Violation::Required);
    }
}
