//! The emulator's configuration: accounts, projects, users, policies, access keys, node types,
//! zones, lifecycle durations and failure rules. The built-in demo is `demo.toml`.

use std::collections::HashSet;
use std::time::Duration;

use dws_contract::operation::action_matches;
use dws_contract::rules::{is_project_id, is_uuid};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The built-in demo configuration's text.
pub const DEMO_TOML: &str = include_str!("../demo.toml");

/// Why a configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("{path} is not a valid emulator configuration: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The configuration contradicts itself.
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmulatorConfig {
    /// Region id shown in token catalogs.
    #[serde(default = "default_region")]
    pub region: String,
    /// Token lifetime in seconds.
    #[serde(default = "default_token_ttl")]
    pub token_ttl_secs: u64,
    /// Version new clusters report.
    #[serde(default = "default_version")]
    pub version: String,
    /// Zones clusters can be created in; the first is the default.
    pub availability_zones: Vec<String>,
    /// Accounts (IAM domains).
    pub accounts: Vec<AccountConfig>,
    /// Projects.
    pub projects: Vec<ProjectConfig>,
    /// Named policies (lists of IAM actions).
    #[serde(default)]
    pub policies: Vec<PolicyConfig>,
    /// Users.
    pub users: Vec<UserConfig>,
    /// AK/SK pairs.
    #[serde(default)]
    pub access_keys: Vec<AccessKeyConfig>,
    /// Node types offered.
    pub node_types: Vec<NodeTypeConfig>,
    /// Operation durations.
    #[serde(default)]
    pub durations: Durations,
    /// Operations made to fail.
    #[serde(default)]
    pub failures: Vec<FailureRule>,
}

fn default_region() -> String {
    "ae-ad-1".into()
}
fn default_token_ttl() -> u64 {
    86_400
}
fn default_version() -> String {
    "8.1.3.200".into()
}

/// An account (IAM domain).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountConfig {
    /// Account name (`domain.name` at sign-in).
    pub name: String,
    /// Account id; derived from the name when absent.
    pub id: Option<String>,
}

/// A project.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// Owning account's name.
    pub account: String,
    /// Project name (a region name such as `ae-ad-1`).
    pub name: String,
    /// Project id: 32 hexadecimal digits.
    pub id: String,
}

/// A named list of allowed IAM actions (`dws:*:*` style patterns allowed).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    /// Policy name, referenced by users.
    pub name: String,
    /// Allowed actions.
    pub actions: Vec<String>,
}

/// A user.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    /// Owning account's name.
    pub account: String,
    /// User name.
    pub name: String,
    /// Password (kept only as a hash once the emulator has started).
    pub password: String,
    /// Names of the policies that apply.
    #[serde(default)]
    pub policies: Vec<String>,
    /// User id; derived from account and name when absent.
    pub id: Option<String>,
}

/// An access key pair for AK/SK signing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessKeyConfig {
    /// Owning account's name.
    pub account: String,
    /// The user the key acts as.
    pub user: String,
    /// Access key id.
    pub access: String,
    /// Secret key.
    pub secret: String,
}

/// A node type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeTypeConfig {
    /// Name used as `node_type`.
    pub spec_name: String,
    /// Node type id.
    pub id: String,
    /// Virtual CPUs.
    pub vcpus: u32,
    /// Memory in GB.
    pub memory_gb: u32,
    /// `LOCAL_DISK` or `SSD`.
    pub disk_type: String,
    /// Disk per node in GB.
    pub disk_gb: u32,
}

/// Operation durations in seconds, before `--speed` divides them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Durations {
    /// Create cluster.
    pub create: f64,
    /// Restore from a snapshot.
    pub restore: f64,
    /// Take a snapshot.
    pub snapshot: f64,
    /// Scale out.
    pub resize: f64,
    /// Restart.
    pub restart: f64,
    /// Delete a cluster.
    pub delete: f64,
    /// Stop a cluster.
    pub stop: f64,
    /// Start a stopped cluster.
    pub start: f64,
}

impl Default for Durations {
    fn default() -> Self {
        Durations { create: 20.0, restore: 15.0, snapshot: 5.0, resize: 15.0, restart: 8.0, delete: 5.0, stop: 8.0, start: 10.0 }
    }
}

/// The operations a failure rule can make fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailingOperation {
    /// Creation ends in `CREATION FAILED`.
    Create,
    /// Restore ends in `CREATION FAILED`.
    Restore,
    /// Scale-out ends in `RESIZE_FAILURE`.
    Resize,
    /// Restart ends in `REBOOT_FAILURE`.
    Restart,
    /// The snapshot ends `UNAVAILABLE`.
    Snapshot,
}

/// Makes an operation fail for matching clusters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailureRule {
    /// Which operation fails.
    pub operation: FailingOperation,
    /// Cluster names it applies to (`*` matches any run of characters).
    pub cluster_name: Option<String>,
    /// Node types it applies to.
    pub node_type: Option<String>,
    /// The reason shown in `failed_reasons`.
    pub reason: Option<String>,
}

/// `*`-only glob matching.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

impl FailureRule {
    /// Whether this rule fails `op` on a cluster with this name and node type.
    pub fn applies(&self, op: FailingOperation, cluster_name: &str, node_type: &str) -> bool {
        self.operation == op
            && (self.cluster_name.is_some() || self.node_type.is_some())
            && self.cluster_name.as_deref().is_none_or(|p| glob_matches(p, cluster_name))
            && self.node_type.as_deref().is_none_or(|n| n == node_type)
    }
}

/// A stable id derived from a name, shaped like IAM's 32-hex ids.
pub fn derived_id(kind: &str, name: &str) -> String {
    let digest = Sha256::digest(format!("{kind}:{name}").as_bytes());
    hex::encode(&digest[..16])
}

impl EmulatorConfig {
    /// The built-in demo.
    pub fn demo() -> EmulatorConfig {
        EmulatorConfig::parse(DEMO_TOML, "built-in demo").expect("the demo configuration is valid")
    }

    /// Reads and checks a configuration file.
    pub fn load(path: &std::path::Path) -> Result<EmulatorConfig, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.display().to_string(), source })?;
        EmulatorConfig::parse(&text, &path.display().to_string())
    }

    /// Parses and checks configuration text.
    pub fn parse(text: &str, origin: &str) -> Result<EmulatorConfig, ConfigError> {
        let config: EmulatorConfig = toml::from_str(text)
            .map_err(|e| ConfigError::Parse { path: origin.into(), message: e.to_string() })?;
        config.check()?;
        Ok(config)
    }

    /// How long an operation takes at speed `speed`.
    pub fn duration(&self, seconds: f64, speed: f64) -> Duration {
        Duration::from_secs_f64(seconds / speed)
    }

    fn check(&self) -> Result<(), ConfigError> {
        let bad = |m: String| Err(ConfigError::Invalid(m));
        unique("account", self.accounts.iter().map(|a| a.name.clone()))?;
        unique("project id", self.projects.iter().map(|p| p.id.clone()))?;
        unique("policy", self.policies.iter().map(|p| p.name.clone()))?;
        unique("user", self.users.iter().map(|u| format!("{}/{}", u.account, u.name)))?;
        unique("access key", self.access_keys.iter().map(|k| k.access.clone()))?;
        unique("node type", self.node_types.iter().map(|n| n.spec_name.clone()))?;
        let accounts: HashSet<&str> = self.accounts.iter().map(|a| a.name.as_str()).collect();
        for p in &self.projects {
            if !accounts.contains(p.account.as_str()) {
                return bad(format!("project {} names unknown account {}", p.name, p.account));
            }
            if !is_project_id(&p.id) {
                return bad(format!("project {} has id {}, not 32 hexadecimal digits", p.name, p.id));
            }
        }
        let policies: HashSet<&str> = self.policies.iter().map(|p| p.name.as_str()).collect();
        for p in &self.policies {
            for a in &p.actions {
                if a.split(':').count() != 3 || !action_matches(a, a) {
                    return bad(format!("policy {} has action {a}, not service:resource:action", p.name));
                }
            }
        }
        for u in &self.users {
            if !accounts.contains(u.account.as_str()) {
                return bad(format!("user {} names unknown account {}", u.name, u.account));
            }
            if u.password.is_empty() {
                return bad(format!("user {} has an empty password", u.name));
            }
            for p in &u.policies {
                if !policies.contains(p.as_str()) {
                    return bad(format!("user {} names unknown policy {p}", u.name));
                }
            }
        }
        for k in &self.access_keys {
            if !self.users.iter().any(|u| u.account == k.account && u.name == k.user) {
                return bad(format!("access key {} names unknown user {}/{}", k.access, k.account, k.user));
            }
            if k.secret.len() < 16 {
                return bad(format!("access key {} has a secret shorter than 16 characters", k.access));
            }
        }
        if self.node_types.is_empty() {
            return bad("at least one node type is needed".into());
        }
        for n in &self.node_types {
            if !is_uuid(&n.id) {
                return bad(format!("node type {} has id {}, not a UUID", n.spec_name, n.id));
            }
        }
        if self.availability_zones.is_empty() {
            return bad("at least one availability zone is needed".into());
        }
        let d = &self.durations;
        for (name, v) in [
            ("create", d.create),
            ("restore", d.restore),
            ("snapshot", d.snapshot),
            ("resize", d.resize),
            ("restart", d.restart),
            ("delete", d.delete),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return bad(format!("durations.{name} must be a positive number of seconds"));
            }
        }
        if self.token_ttl_secs == 0 {
            return bad("token_ttl_secs must be positive".into());
        }
        Ok(())
    }
}

fn unique(what: &str, names: impl Iterator<Item = String>) -> Result<(), ConfigError> {
    let mut seen = HashSet::new();
    for n in names {
        if !seen.insert(n.clone()) {
            return Err(ConfigError::Invalid(format!("{what} {n} is defined twice")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_valid_and_has_the_documented_credentials() {
        let c = EmulatorConfig::demo();
        assert_eq!(c.accounts[0].name, "demo");
        assert_eq!(c.projects[0].id, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        assert_eq!(c.projects[0].name, "ae-ad-1");
        let admin = c.users.iter().find(|u| u.name == "admin").unwrap();
        assert_eq!(admin.password, "Admin@12345");
        let viewer = c.users.iter().find(|u| u.name == "viewer").unwrap();
        assert_eq!(viewer.password, "Viewer@12345");
        assert_eq!(c.access_keys[0].access, "DEMOADMINACCESSKEY01");
        assert_eq!(c.token_ttl_secs, 86_400);
    }

    #[test]
    fn the_viewer_policy_is_exactly_the_read_actions() {
        let c = EmulatorConfig::demo();
        let mut read: Vec<&str> = c.policies.iter().find(|p| p.name == "dws-read-only").unwrap()
            .actions.iter().map(String::as_str).collect();
        read.sort();
        let mut expected: Vec<&str> = dws_contract::operation::read_actions(dws_contract::Service::Dws).collect();
        expected.sort();
        assert_eq!(read, expected);
        let metrics: Vec<&str> = c.policies.iter().find(|p| p.name == "ces-read-only").unwrap()
            .actions.iter().map(String::as_str).collect();
        assert_eq!(metrics, dws_contract::operation::read_actions(dws_contract::Service::Ces).collect::<Vec<_>>());
        let reader = c.users.iter().find(|u| u.name == "reader").unwrap();
        assert_eq!(reader.policies, ["dws-read-only"], "the demo has a user who may not read metrics");
    }

    #[test]
    fn mistakes_are_reported_clearly() {
        let broken = DEMO_TOML.replace("policies = [\"dws-read-only\"]", "policies = [\"nope\"]");
        let e = EmulatorConfig::parse(&broken, "x").unwrap_err().to_string();
        assert!(e.contains("unknown policy nope"), "{e}");
        let typo = format!("{DEMO_TOML}\nregoin = \"x\"\n");
        let e = EmulatorConfig::parse(&typo, "x.toml").unwrap_err().to_string();
        assert!(e.contains("x.toml") && e.contains("regoin"), "{e}");
        let bad_id = DEMO_TOML.replace("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "xyz");
        assert!(EmulatorConfig::parse(&bad_id, "x").unwrap_err().to_string().contains("32 hexadecimal"));
        let zero = DEMO_TOML.replace("create = 20", "create = 0");
        assert!(EmulatorConfig::parse(&zero, "x").unwrap_err().to_string().contains("durations.create"));
    }

    #[test]
    fn globs() {
        assert!(glob_matches("fail-create*", "fail-create-1"));
        assert!(glob_matches("fail-create*", "fail-create"));
        assert!(!glob_matches("fail-create*", "my-fail-create"));
        assert!(glob_matches("*fail*", "my-fail-x"));
        assert!(glob_matches("a*b*c", "a-x-b-y-c"));
        assert!(!glob_matches("a*b*c", "a-x-c-y-b"));
        assert!(glob_matches("exact", "exact"));
        assert!(!glob_matches("exact", "exactly"));
        assert!(glob_matches("*", ""));
        assert!(!glob_matches("ab*ba", "aba"), "the ends may not overlap");
    }

    #[test]
    fn failure_rules() {
        let c = EmulatorConfig::demo();
        let create = &c.failures[0];
        assert!(create.applies(FailingOperation::Create, "fail-create-1", "dws.d2.xlarge"));
        assert!(!create.applies(FailingOperation::Resize, "fail-create-1", "dws.d2.xlarge"));
        assert!(!create.applies(FailingOperation::Create, "dws-demo", "dws.d2.xlarge"));
        let by_type = FailureRule {
            operation: FailingOperation::Create,
            cluster_name: None,
            node_type: Some("dws.bad".into()),
            reason: None,
        };
        assert!(by_type.applies(FailingOperation::Create, "any", "dws.bad"));
        assert!(!by_type.applies(FailingOperation::Create, "any", "dws.d2.xlarge"));
    }

    #[test]
    fn derived_ids_are_stable_project_shaped() {
        let a = derived_id("account", "demo");
        assert_eq!(a, derived_id("account", "demo"));
        assert!(is_project_id(&a));
        assert_ne!(a, derived_id("user", "demo"));
    }
}
