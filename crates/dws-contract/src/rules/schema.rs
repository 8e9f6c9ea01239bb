//! Each field's rule as JSON Schema keywords, for the API description: built from the same
//! constants the checks use, and tested against them on generated input, so the description says
//! exactly what the service accepts. Patterns are written to mean the same in ECMA 262 (JSON
//! Schema's dialect) and in Rust's `regex` (the test's). Where a rule cannot be said in JSON
//! Schema (a password's character classes, its difference from the user name), the keywords are
//! looser and `x-dws-rule` says the rest in words.

use serde_json::{Value, json};

use super::error::Field;
use super::keywords::DATABASE_KEYWORDS;
use super::names::{NAME_LENGTH, USER_NAME_MAX};
use super::numbers::{MAX_CN, MAX_NODES, MIN_CN, MIN_NODES, PORT_RANGE};
use super::password::PASSWORD_SPECIALS;
use super::sign_in::{IAM_NAME_MAX, IAM_PASSWORD_MAX};
use super::snapshot::{DESCRIPTION_FORBIDDEN, DESCRIPTION_MAX};
use super::policy::{BACKUP_DEVICES, BACKUP_LEVELS, BACKUP_TYPES, KEEP_DAY, MIN_HOURS_APART, POLICY_NAME_LENGTH, TIME_ZONE_OFFSET};
use super::tags::{KEY_LENGTH, SYSTEM_PREFIX, TAG_PUNCTUATION, VALUE_LENGTH};
use super::window::DAYS;

/// The 8-4-4-4-12 hexadecimal ids the service issues.
pub const UUID_PATTERN: &str = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";
/// What a tag allows but a space: ASCII letters and digits, the CJK ideographs, and the
/// punctuation of [`TAG_PUNCTUATION`] (a space only inside, which the patterns say without
/// look-around, which Rust's `regex` lacks).
fn tag_chars() -> String {
    format!("A-Za-z0-9\\u3400-\\u4DBF\\u4E00-\\u9FFF{}", class(&TAG_PUNCTUATION.replace(' ', "")))
}

/// A character class of these characters, escaped for both dialects.
fn class(chars: &str) -> String {
    chars.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_string() } else { format!("\\u{:04X}", u32::from(c)) }).collect()
}

impl Field {
    /// The field's rule as JSON Schema keywords (`None` for a field whose rule depends on the
    /// service's state alone).
    pub fn schema(self) -> Option<Value> {
        let text = |min: usize, max: usize, pattern: &str| json!({"type": "string", "minLength": min, "maxLength": max, "pattern": pattern});
        let integer = |min: i64, max: i64| json!({"type": "integer", "minimum": min, "maximum": max});
        Some(match self {
            Field::ClusterName | Field::SnapshotName => text(*NAME_LENGTH.start(), *NAME_LENGTH.end(), "^[A-Za-z][A-Za-z0-9_-]*$"),
            Field::UserName => {
                let mut s = text(1, USER_NAME_MAX, "^[a-z_][a-z0-9_]*$");
                s["not"] = json!({"enum": DATABASE_KEYWORDS});
                s
            }
            Field::UserPwd | Field::NewPassword => json!({
                "type": "string", "minLength": 8, "maxLength": 32,
                "pattern": format!("^[A-Za-z0-9{}]*$", class(PASSWORD_SPECIALS)),
                "x-dws-rule": "at least 3 of: lowercase, uppercase, digits, specials; not the user name or it reversed; not a common password; not one of the last used",
            }),
            Field::NodeType | Field::AvailabilityZone => json!({"type": "string", "minLength": 1, "pattern": "\\S"}),
            Field::VpcId | Field::SubnetId | Field::SecurityGroupId | Field::EipId | Field::ClusterId | Field::SnapshotId => {
                json!({"type": "string", "pattern": UUID_PATTERN})
            }
            Field::EnterpriseProjectId => json!({"type": "string", "pattern": format!("^(0|{})$", &UUID_PATTERN[1..UUID_PATTERN.len() - 1])}),
            Field::NumberOfNode => integer(MIN_NODES, MAX_NODES),
            Field::NumberOfCn => integer(MIN_CN, MAX_CN),
            Field::Port => integer(*PORT_RANGE.start(), *PORT_RANGE.end()),
            Field::ScaleOutCount => integer(1, MAX_NODES - MIN_NODES),
            Field::KeepLastManualSnapshot => json!({"type": "integer", "minimum": 0}),
            Field::SnapshotDescription => {
                json!({"type": "string", "maxLength": DESCRIPTION_MAX, "pattern": format!("^[^{}]*$", class(DESCRIPTION_FORBIDDEN))})
            }
            Field::TagKey => {
                let c = tag_chars();
                let mut s = text(*KEY_LENGTH.start(), *KEY_LENGTH.end(), &format!("^[{c}]([{c} ]*[{c}])?$"));
                s["not"] = json!({"pattern": format!("^{SYSTEM_PREFIX}")});
                s
            }
            Field::TagValue => {
                let c = tag_chars();
                text(*VALUE_LENGTH.start(), *VALUE_LENGTH.end(), &format!("^([{c}]([{c} ]*[{c}])?)?$"))
            }
            Field::KeepDay => integer(*KEEP_DAY.start(), *KEEP_DAY.end()),
            Field::TimeZoneOffset => integer(*TIME_ZONE_OFFSET.start(), *TIME_ZONE_OFFSET.end()),
            Field::PolicyName => text(*POLICY_NAME_LENGTH.start(), *POLICY_NAME_LENGTH.end(), "^[A-Za-z][A-Za-z0-9_-]*$"),
            Field::BackupStrategy => json!({
                "type": "string", "minLength": 11, "pattern": "^\\S+( \\S+){5}$",
                "examples": ["0 0 2 ? * 1", "0 7 2/8 ? * 2,3,4,5,6,7"],
                "x-dws-rule": format!("a Quartz cron expression in UTC: seconds minutes hours day-of-month month day-of-week (1 is Sunday), one of the day fields ?; runs at least {MIN_HOURS_APART} hours apart"),
            }),
            Field::BackupType => json!({"type": "string", "enum": BACKUP_TYPES}),
            Field::BackupLevel => json!({"type": "string", "enum": ["cluster"], "x-dws-rule": format!("one of {BACKUP_LEVELS:?}; schema and table need a newer cluster version")}),
            Field::BackupDevice => json!({"type": "string", "enum": BACKUP_DEVICES, "x-dws-rule": "NBU and NFS need server_ips"}),
            Field::MaintenanceDay => json!({"type": "string", "enum": DAYS}),
            Field::MaintenanceStart | Field::MaintenanceEnd => json!({"type": "string", "pattern": "^([01][0-9]|2[0-3]):00$", "x-dws-rule": "the end is four hours after the start"}),
            Field::ServerIps | Field::PolicyId => return None,
            Field::PublicBindType => json!({"type": "string", "enum": ["auto_assign", "not_use", "bind_existing"]}),
            Field::Account | Field::IamUserName => json!({"type": "string", "minLength": 1, "maxLength": IAM_NAME_MAX}),
            Field::IamPassword => json!({"type": "string", "minLength": 1, "maxLength": IAM_PASSWORD_MAX}),
            Field::Project => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RuleError, cluster_name, id, required, snapshot_description, snapshot_name, user_name};
    use proptest::prelude::*;

    /// Whether a string meets a schema's string keywords, as a JSON Schema validator reads them.
    fn accepts(schema: &Value, s: &str) -> bool {
        let n = s.chars().count() as u64;
        let min_ok = schema["minLength"].as_u64().is_none_or(|m| n >= m);
        let max_ok = schema["maxLength"].as_u64().is_none_or(|m| n <= m);
        let pattern_ok = schema["pattern"].as_str().is_none_or(|p| regex::Regex::new(p).unwrap().is_match(s));
        let not_ok = schema["not"]["enum"].as_array().is_none_or(|e| !e.iter().any(|v| v == s))
            && schema["not"]["pattern"].as_str().is_none_or(|p| !regex::Regex::new(p).unwrap().is_match(s));
        min_ok && max_ok && pattern_ok && not_ok
    }

    fn string_rules() -> Vec<(Field, fn(&str) -> Result<(), RuleError>)> {
        vec![
            (Field::ClusterName, cluster_name),
            (Field::SnapshotName, snapshot_name),
            (Field::UserName, user_name),
            (Field::SnapshotDescription, snapshot_description),
            (Field::VpcId, |s| id(Field::VpcId, s)),
            (Field::NodeType, |s| required(Field::NodeType, s)),
            (Field::EnterpriseProjectId, crate::rules::enterprise_project_id),
            (Field::TagKey, |s| crate::rules::tag(&crate::types::Tag { key: s.into(), value: String::new() })),
            (Field::TagValue, |s| crate::rules::tag(&crate::types::Tag { key: "k".into(), value: s.into() })),
            (Field::PolicyName, crate::rules::policy_name),
            (Field::MaintenanceStart, |s| crate::rules::hour_of(Field::MaintenanceStart, s).map(|_| ())),
        ]
    }

    fn same_verdict(s: &str) {
        for (field, check) in string_rules() {
            let schema = field.schema().unwrap();
            assert_eq!(accepts(&schema, s), check(s).is_ok(), "{field:?} on {s:?}: {schema}");
        }
    }

    #[test]
    fn the_schema_and_the_check_agree_on_edges() {
        for s in [
            "", " ", "abc", "abcd", "dws-demo", "1abc", "a_b-c", &"a".repeat(64), &"a".repeat(65), "dbadmin", "_x",
            "select", "Admin", "7ba031f6-81f4-4670-ad20-c490b91877e5", "7BA031F6-81F4-4670-AD20-C490B91877E5", "0",
            "7ba031f6-81f4-4670-ad20-c490b91877e", "x!", "数据", "a b", &"d".repeat(256), &"d".repeat(257), "\u{3400}",
            "_sys_x", "a.b:c+d@e", " a", "a ", "02:00", "2:00", "24:00", "23:00", "12:30", &"p".repeat(92), &"p".repeat(93), "é",
        ] {
            same_verdict(s);
        }
    }

    proptest! {
        #[test]
        fn the_schema_and_the_check_agree(s in "[a-zA-Z0-9_ !<>'=&\"\\-数\u{3400}\u{00e9}.:+@]{0,70}") {
            same_verdict(&s);
        }
    }

    #[test]
    fn numbers_use_the_checks_bounds() {
        let range = |f: Field| (f.schema().unwrap()["minimum"].as_i64(), f.schema().unwrap()["maximum"].as_i64());
        assert_eq!(range(Field::Port), (Some(8000), Some(30000)));
        assert!(crate::rules::port(8000).is_ok() && crate::rules::port(7999).is_err() && crate::rules::port(30001).is_err());
        assert_eq!(range(Field::NumberOfNode), (Some(MIN_NODES), Some(MAX_NODES)));
        assert!(crate::rules::node_count(MAX_NODES).is_ok() && crate::rules::node_count(MAX_NODES + 1).is_err());
        assert_eq!(range(Field::ScaleOutCount), (Some(1), Some(MAX_NODES - MIN_NODES)));
        assert!(crate::rules::scale_out_count(MAX_NODES - MIN_NODES, MIN_NODES).is_ok());
        assert!(crate::rules::keep_last_manual_snapshot(-1).is_err());
    }
}
