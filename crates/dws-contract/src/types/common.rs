//! Objects that several operations share.

use serde::{Deserialize, Serialize};

use crate::status::PublicBindType;

/// `PublicIp` (tables 5-4, 5-11, 5-21, 5-66): how the cluster is reached from the internet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicIp {
    /// `auto_assign`, `not_use` or `bind_existing`.
    pub public_bind_type: PublicBindType,
    /// The elastic IP to bind (with `bind_existing`), or the one that was bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::eip_id))]
    pub eip_id: Option<String>,
}

impl PublicIp {
    /// No public access.
    pub fn not_use() -> Self {
        PublicIp { public_bind_type: PublicBindType::NotUse, eip_id: None }
    }

    /// The elastic IP id, when one is given and not empty (the reference's samples send `""`).
    pub fn eip(&self) -> Option<&str> {
        self.eip_id.as_deref().filter(|s| !s.is_empty())
    }
}

/// A reference to a created object: `{"id": …}` (tables 5-6, 5-51, 5-68).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ObjectRef {
    /// The new object's id.
    pub id: String,
}

/// `Tags` (tables 5-12, 5-26): one key/value label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Tag {
    /// The key (1–36 characters).
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::tag_key))]
    pub key: String,
    /// The value (0–43 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::tag_value))]
    pub value: String,
}

/// `FailedReason` (tables 5-15, 5-20): why a cluster is not healthy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FailedReason {
    /// The DWS error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The service's explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_msg: Option<String>,
}
