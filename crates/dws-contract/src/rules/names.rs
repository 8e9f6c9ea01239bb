//! Cluster, snapshot and user names.

use super::error::{Field, RuleError, Violation};
use super::keywords::is_database_keyword;

/// How long a cluster or snapshot name may be, in characters.
pub const NAME_LENGTH: std::ops::RangeInclusive<usize> = 4..=64;
/// The longest `user_name`.
pub const USER_NAME_MAX: usize = 63;

/// Letters first; letters, digits, `-` and `_`; 4–64 characters (cluster and snapshot names).
fn resource_name(field: Field, name: &str) -> Result<(), RuleError> {
    let err = |v| Err(RuleError::new(field, v));
    if name.is_empty() {
        return err(Violation::Required);
    }
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return err(Violation::InvalidCharacter(c));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return err(Violation::MustStartWithLetter);
    }
    if !NAME_LENGTH.contains(&name.chars().count()) {
        return err(Violation::Length { min: *NAME_LENGTH.start(), max: *NAME_LENGTH.end() });
    }
    Ok(())
}

/// Cluster `name` (table 5-3): starts with a letter; letters, digits, `-`, `_`; 4–64 characters.
pub fn cluster_name(name: &str) -> Result<(), RuleError> {
    resource_name(Field::ClusterName, name)
}

/// Cluster names are unique in a project (DWS.5050). Compared exactly, as the service does.
pub fn cluster_name_unique<'a>(
    name: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<(), RuleError> {
    if existing.into_iter().any(|n| n == name) {
        Err(RuleError::new(Field::ClusterName, Violation::Taken))
    } else {
        Ok(())
    }
}

/// Snapshot `name` (table 5-49): the same shape as a cluster name.
pub fn snapshot_name(name: &str) -> Result<(), RuleError> {
    resource_name(Field::SnapshotName, name)
}

/// Snapshot names are unique, case-insensitively (table 5-49).
pub fn snapshot_name_unique<'a>(
    name: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<(), RuleError> {
    if existing.into_iter().any(|n| n.eq_ignore_ascii_case(name)) {
        Err(RuleError::new(Field::SnapshotName, Violation::Taken))
    } else {
        Ok(())
    }
}

/// `user_name` (table 5-3): lowercase letters, digits, `_`; starts with a lowercase letter or `_`;
/// 1–63 characters; not a database keyword.
pub fn user_name(name: &str) -> Result<(), RuleError> {
    let err = |v| Err(RuleError::new(Field::UserName, v));
    if name.is_empty() {
        return err(Violation::Required);
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
    {
        return err(Violation::InvalidCharacter(c));
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
        return err(Violation::MustStartWithLowercaseOrUnderscore);
    }
    if name.chars().count() > USER_NAME_MAX {
        return err(Violation::Length { min: 1, max: USER_NAME_MAX });
    }
    if is_database_keyword(name) {
        return err(Violation::Keyword);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    fn violation(r: Result<(), RuleError>) -> Violation {
        r.unwrap_err().violation
    }

    #[test]
    fn cluster_name_length_boundaries() {
        assert_eq!(violation(cluster_name("abc")), Violation::Length { min: 4, max: 64 });
        assert!(cluster_name("abcd").is_ok());
        assert!(cluster_name(&format!("a{}", "b".repeat(63))).is_ok());
        assert_eq!(
            violation(cluster_name(&format!("a{}", "b".repeat(64)))),
            Violation::Length { min: 4, max: 64 }
        );
        assert_eq!(violation(cluster_name("")), Violation::Required);
    }

    #[test]
    fn cluster_name_characters() {
        for ok in ["dws-demo", "dws_1", "A123", "Zz-_9", "dws-restore"] {
            assert!(cluster_name(ok).is_ok(), "{ok}");
        }
        assert_eq!(violation(cluster_name("1dws")), Violation::MustStartWithLetter);
        assert_eq!(violation(cluster_name("-dws")), Violation::MustStartWithLetter);
        assert_eq!(violation(cluster_name("_dws")), Violation::MustStartWithLetter);
        assert_eq!(violation(cluster_name("dws demo")), Violation::InvalidCharacter(' '));
        assert_eq!(violation(cluster_name("dws.demo")), Violation::InvalidCharacter('.'));
        assert_eq!(violation(cluster_name("集群abcd")), Violation::InvalidCharacter('集'));
        assert_eq!(violation(cluster_name("dws\n1")), Violation::InvalidCharacter('\n'));
        // A bad character is reported before the length, so a user fixes the right thing.
        assert_eq!(violation(cluster_name("a!")), Violation::InvalidCharacter('!'));
    }

    #[test]
    fn cluster_name_codes() {
        assert_eq!(cluster_name("x").unwrap_err().code(), ErrorCode::Dws5057);
        assert_eq!(cluster_name("1abc").unwrap_err().code(), ErrorCode::Dws5057);
        let taken = cluster_name_unique("dws-1", ["dws-0", "dws-1"]).unwrap_err();
        assert_eq!(taken.code(), ErrorCode::Dws5050);
        assert_eq!(taken.status(), 409);
        assert!(cluster_name_unique("DWS-1", ["dws-1"]).is_ok());
        assert!(cluster_name_unique("dws-2", []).is_ok());
    }

    #[test]
    fn snapshot_names() {
        assert!(snapshot_name("snapshotForDemoCluster").is_ok());
        assert!(snapshot_name("snapshot-3").is_ok());
        assert_eq!(violation(snapshot_name("snp")), Violation::Length { min: 4, max: 64 });
        assert_eq!(snapshot_name("snp").unwrap_err().code(), ErrorCode::Dws5056);
        assert_eq!(snapshot_name("3snap").unwrap_err().code(), ErrorCode::Dws5065);
        assert_eq!(snapshot_name("snap shot").unwrap_err().code(), ErrorCode::Dws5065);
        assert!(snapshot_name(&format!("s{}", "n".repeat(63))).is_ok());
        assert!(snapshot_name(&format!("s{}", "n".repeat(64))).is_err());
        let taken = snapshot_name_unique("Snap-1", ["snap-1"]).unwrap_err();
        assert_eq!(taken.violation, Violation::Taken);
        assert_eq!(taken.code(), ErrorCode::Dws5039);
        assert!(snapshot_name_unique("snap-2", ["snap-1"]).is_ok());
    }

    #[test]
    fn user_name_rules() {
        for ok in ["dbadmin", "_admin", "a", "user_1", "a1_", "_"] {
            assert!(user_name(ok).is_ok(), "{ok}");
        }
        assert_eq!(violation(user_name("")), Violation::Required);
        assert_eq!(violation(user_name("Admin")), Violation::InvalidCharacter('A'));
        assert_eq!(violation(user_name("1admin")), Violation::MustStartWithLowercaseOrUnderscore);
        assert_eq!(violation(user_name("db-admin")), Violation::InvalidCharacter('-'));
        assert!(user_name(&"a".repeat(63)).is_ok());
        assert_eq!(violation(user_name(&"a".repeat(64))), Violation::Length { min: 1, max: 63 });
        assert_eq!(user_name("1admin").unwrap_err().code(), ErrorCode::Dws5059);
    }

    #[test]
    fn user_name_keywords() {
        for kw in ["select", "user", "table", "sysdate", "rownum", "minus", "all"] {
            let e = user_name(kw).unwrap_err();
            assert_eq!(e.violation, Violation::Keyword, "{kw}");
            assert_eq!(e.code(), ErrorCode::Dws5082);
        }
        assert!(user_name("selection").is_ok());
    }
}
