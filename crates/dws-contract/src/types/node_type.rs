//! Node types (5.1.4).

use serde::{Deserialize, Serialize};

use crate::status::DetailType;

/// Response of `GET /v2/{project_id}/node-types` (table 5-30).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NodeTypesResponse {
    /// Every node type the service offers.
    #[serde(default)]
    pub node_types: Vec<NodeTypes>,
}

/// `NodeTypes` (table 5-31): one node flavour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NodeTypes {
    /// The name used in `node_type` when creating a cluster, e.g. `dws.d2.xlarge`.
    pub spec_name: String,
    /// The flavour's properties.
    #[serde(default)]
    pub detail: Vec<Detail>,
    /// The node type id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `Detail` (table 5-32): one property of a node type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Detail {
    /// What the value measures.
    #[serde(rename = "type")]
    pub kind: DetailType,
    /// The value, as a string (`"4"`, `"1675"`).
    pub value: String,
    /// The unit, when there is one (`GB`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The disk of a node type: its kind (`LOCAL_DISK`, `SSD`, …), size and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskSpec<'a> {
    /// `LOCAL_DISK`, `SSD` or a type this version does not know.
    pub kind: &'a DetailType,
    /// The size as the service wrote it.
    pub size: &'a str,
    /// The unit, usually `GB`.
    pub unit: Option<&'a str>,
}

impl NodeTypes {
    fn value_of(&self, kind: &DetailType) -> Option<&Detail> {
        self.detail.iter().find(|d| &d.kind == kind)
    }

    /// Virtual CPUs, when given as a whole number.
    pub fn vcpus(&self) -> Option<u32> {
        self.value_of(&DetailType::Vcpu)?.value.trim().parse().ok()
    }

    /// Memory in the unit the service gave (GB in practice), when given as a number.
    pub fn memory(&self) -> Option<(f64, Option<&str>)> {
        let d = self.value_of(&DetailType::Mem)?;
        Some((d.value.trim().parse().ok()?, d.unit.as_deref()))
    }

    /// The storage entry: every detail that is not vCPU or memory describes the disk.
    pub fn disk(&self) -> Option<DiskSpec<'_>> {
        self.detail
            .iter()
            .find(|d| !matches!(d.kind, DetailType::Vcpu | DetailType::Mem))
            .map(|d| DiskSpec { kind: &d.kind, size: &d.value, unit: d.unit.as_deref() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> NodeTypes {
        serde_json::from_str(
            r#"{"spec_name":"dws.d2.xlarge","id":"x","detail":[
                {"type":"vCPU","value":"4"},
                {"value":"1675","type":"LOCAL_DISK","unit":"GB"},
                {"type":"mem","value":"32","unit":"GB"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn reads_specs_from_details() {
        let n = sample();
        assert_eq!(n.vcpus(), Some(4));
        assert_eq!(n.memory(), Some((32.0, Some("GB"))));
        let disk = n.disk().unwrap();
        assert_eq!(disk.kind, &DetailType::LocalDisk);
        assert_eq!(disk.size, "1675");
        assert_eq!(disk.unit, Some("GB"));
    }

    #[test]
    fn unknown_disk_kinds_and_bad_numbers_are_tolerated() {
        let n: NodeTypes = serde_json::from_str(
            r#"{"spec_name":"x","detail":[{"type":"vCPU","value":"many"},{"type":"NVME","value":"800","unit":"GB"}]}"#,
        )
        .unwrap();
        assert_eq!(n.vcpus(), None);
        assert_eq!(n.memory(), None);
        assert_eq!(n.disk().unwrap().kind, &DetailType::Other("NVME".into()));
    }
}
