//! The field rules of chapter 5, one function per rule, shared by the console's forms (checked as
//! the user types) and the emulator (checked on every request).
//!
//! Each rule returns a [`RuleError`] that names the field, says what is wrong in both languages,
//! and maps to the DWS error code the service answers with.

mod error;
mod keywords;
mod names;
mod network;
mod numbers;
mod password;
mod policy;
mod requests;
mod schema;
#[cfg(feature = "openapi")]
pub(crate) mod transforms;
mod sign_in;
mod snapshot;
mod tags;
mod weak_passwords;
mod window;

pub use error::{Field, RuleError, Violation};
pub use keywords::{DATABASE_KEYWORDS, is_database_keyword};
pub use names::{cluster_name, cluster_name_unique, snapshot_name, snapshot_name_unique, user_name};
pub use network::{
    enterprise_project_id, id, is_project_id, is_uuid, public_ip, required,
};
pub use numbers::{
    MAX_CN, MAX_NODES, MIN_CN, MIN_NODES, PORT_DEFAULT, PORT_RANGE, cn_count, cn_range,
    default_cn, keep_last_manual_snapshot, node_count, port, scale_out_count,
};
pub use password::{
    PASSWORD_SPECIALS, PasswordCheck, Strength, check_password, password, password_strength,
};
pub use schema::UUID_PATTERN;
pub use requests::{copy_snapshot, create_cluster, create_snapshot, resize, restore};
pub use sign_in::{ProjectRef, account_name, iam_password, iam_user_name, project};
pub use snapshot::snapshot_description;
pub use policy::{
    BACKUP_DEVICES, BACKUP_LEVELS, BACKUP_TYPES, DEFAULT_KEEP_DAY, DEFAULT_POLICIES, KEEP_DAY, MAX_CLUSTER_POLICIES,
    MAX_SCHEMA_POLICIES, MIN_HOURS_APART, POLICY_NAME_LENGTH, TIME_ZONE_OFFSET, backup_device, backup_level,
    backup_strategy, backup_strategy_request, backup_type, keep_day, policy_name, policy_name_unique,
    snapshot_policy_request, time_zone_offset,
};
pub use tags::{KEY_LENGTH, MAX_TAGS, SYSTEM_PREFIX, TAG_PUNCTUATION, VALUE_LENGTH, merged as tags_merged, tag, tag_key, tags, without as tags_without};
pub use window::{DAYS, WINDOW_HOURS, hour_of, maintenance_window};
pub use weak_passwords::{WEAK_PASSWORDS, is_weak_password};
