//! Ids and public access.

use super::error::{Field, RuleError, Violation};
use crate::status::PublicBindType;
use crate::types::PublicIp;

/// Whether a string has the 8-4-4-4-12 hexadecimal shape of the ids the service issues.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Whether a string has the shape of an IAM project id: 32 hexadecimal digits.
pub fn is_project_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|c| c.is_ascii_hexdigit())
}

/// A required text field is present and not blank.
pub fn required(field: Field, value: &str) -> Result<(), RuleError> {
    if value.trim().is_empty() {
        Err(RuleError::new(field, Violation::Required))
    } else {
        Ok(())
    }
}

/// A required id (`vpc_id`, `subnet_id`, `security_group_id`, `cluster_id`, `snapshot_id`,
/// `eip_id`) is present and UUID-shaped.
pub fn id(field: Field, value: &str) -> Result<(), RuleError> {
    required(field, value)?;
    if is_uuid(value) { Ok(()) } else { Err(RuleError::new(field, Violation::NotAUuid)) }
}

/// `enterprise_project_id`: `0` (the default project) or a UUID.
pub fn enterprise_project_id(value: &str) -> Result<(), RuleError> {
    if value == "0" || is_uuid(value) {
        Ok(())
    } else {
        Err(RuleError::new(Field::EnterpriseProjectId, Violation::NotAUuid))
    }
}

/// `public_ip` (table 5-4): a known binding type; `bind_existing` needs an EIP id, the others
/// take none (an empty `eip_id`, as in the reference's samples, is fine).
pub fn public_ip(ip: &PublicIp) -> Result<(), RuleError> {
    match &ip.public_bind_type {
        PublicBindType::BindExisting => match ip.eip() {
            Some(eip) => id(Field::EipId, eip),
            None => Err(RuleError::new(Field::EipId, Violation::Required)),
        },
        PublicBindType::AutoAssign | PublicBindType::NotUse => match ip.eip() {
            Some(_) => Err(RuleError::new(Field::EipId, Violation::EipWithoutBindExisting)),
            None => Ok(()),
        },
        PublicBindType::Other(t) => {
            Err(RuleError::new(Field::PublicBindType, Violation::UnknownBindType(t.clone())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    const ID: &str = "7ba031f6-81f4-4670-ad20-c490b91877e5";

    #[test]
    fn uuid_shape() {
        assert!(is_uuid(ID));
        assert!(is_uuid(&ID.to_uppercase()));
        assert!(!is_uuid(&ID[1..]), "35 characters");
        assert!(!is_uuid(&format!("{ID}0")), "37 characters");
        assert!(!is_uuid("7ba031f6x81f4-4670-ad20-c490b91877e5"), "dash replaced");
        assert!(!is_uuid("7ba031f6-81f4-4670-ad20-c490b91877eg"), "non-hex");
        assert!(!is_uuid("7ba031f681f44670ad20c490b91877e5"), "no dashes");
        assert!(!is_uuid(""));
        assert!(!is_uuid("7ba031f6-81f4-4670-ad20-c490b91877é"), "multibyte");
    }

    #[test]
    fn project_id_shape() {
        assert!(is_project_id("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
        assert!(!is_project_id("0f1e2d3c4b5a69788796a5b4c3d2e1f"));
        assert!(!is_project_id("9bc552e6-19af-4326-800d-281a92984636"));
    }

    #[test]
    fn ids_get_their_field_codes() {
        let cases = [
            (Field::VpcId, ErrorCode::Dws5014, ErrorCode::Dws5014),
            (Field::SubnetId, ErrorCode::Dws5202, ErrorCode::Dws5015),
            (Field::SecurityGroupId, ErrorCode::Dws5203, ErrorCode::Dws5016),
            (Field::ClusterId, ErrorCode::Dws5064, ErrorCode::Dws5064),
            (Field::SnapshotId, ErrorCode::Dws5149, ErrorCode::Dws5149),
            (Field::EipId, ErrorCode::Dws5133, ErrorCode::Dws5133),
        ];
        for (field, missing, malformed) in cases {
            assert!(id(field, ID).is_ok());
            let e = id(field, "").unwrap_err();
            assert_eq!((e.violation.clone(), e.code()), (Violation::Required, missing), "{field:?}");
            let e = id(field, "   ").unwrap_err();
            assert_eq!(e.violation, Violation::Required);
            let e = id(field, "vpc-1").unwrap_err();
            assert_eq!((e.violation.clone(), e.code()), (Violation::NotAUuid, malformed), "{field:?}");
        }
    }

    #[test]
    fn enterprise_projects() {
        assert!(enterprise_project_id("0").is_ok());
        assert!(enterprise_project_id(ID).is_ok());
        let e = enterprise_project_id("default").unwrap_err();
        assert_eq!(e.code(), ErrorCode::Dws5064);
        assert!(enterprise_project_id("").is_err());
    }

    fn ip(kind: &str, eip: Option<&str>) -> PublicIp {
        PublicIp { public_bind_type: kind.into(), eip_id: eip.map(str::to_owned) }
    }

    #[test]
    fn public_ip_binding() {
        assert!(public_ip(&ip("auto_assign", None)).is_ok());
        assert!(public_ip(&ip("auto_assign", Some(""))).is_ok(), "the reference's samples");
        assert!(public_ip(&ip("not_use", None)).is_ok());
        assert!(public_ip(&ip("bind_existing", Some(ID))).is_ok());
        let e = public_ip(&ip("bind_existing", None)).unwrap_err();
        assert_eq!((e.field, e.violation.clone(), e.code()), (Field::EipId, Violation::Required, ErrorCode::Dws5133));
        let e = public_ip(&ip("bind_existing", Some("eip-1"))).unwrap_err();
        assert_eq!((e.violation.clone(), e.code()), (Violation::NotAUuid, ErrorCode::Dws5133));
        let e = public_ip(&ip("not_use", Some(ID))).unwrap_err();
        assert_eq!(e.violation, Violation::EipWithoutBindExisting);
        let e = public_ip(&ip("auto", None)).unwrap_err();
        assert_eq!(
            (e.field, e.violation.clone(), e.code()),
            (Field::PublicBindType, Violation::UnknownBindType("auto".into()), ErrorCode::Dws5098)
        );
        assert!(public_ip(&ip("AUTO_ASSIGN", None)).is_err(), "values are case-sensitive");
    }
}
