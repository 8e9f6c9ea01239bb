//! Counts and ports.

use std::ops::RangeInclusive;

use super::error::{Field, RuleError, Violation};

/// Fewest nodes in a cluster.
pub const MIN_NODES: i64 = 2;
/// Most nodes in a cluster.
pub const MAX_NODES: i64 = 256;
/// Fewest CNs.
pub const MIN_CN: i64 = 2;
/// Most CNs.
pub const MAX_CN: i64 = 20;
/// Allowed database ports.
pub const PORT_RANGE: RangeInclusive<i64> = 8000..=30000;
/// The port used when none is given.
pub const PORT_DEFAULT: i64 = 8000;

fn in_range(field: Field, value: i64, range: RangeInclusive<i64>) -> Result<(), RuleError> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(RuleError::new(
            field,
            Violation::OutOfRange { min: *range.start(), max: *range.end() },
        ))
    }
}

/// `number_of_node`: 2–256.
pub fn node_count(nodes: i64) -> Result<(), RuleError> {
    in_range(Field::NumberOfNode, nodes, MIN_NODES..=MAX_NODES)
}

/// The CNs a cluster of `nodes` nodes may have: 2 to nodes − 1, at most 20.
///
/// A 2-node cluster would have an empty range by that formula; the range is clamped so it always
/// holds 2, as a 2-node cluster runs a CN on each node (documented in docs/API.md).
pub fn cn_range(nodes: i64) -> RangeInclusive<i64> {
    let top = (nodes.clamp(MIN_NODES, MAX_NODES) - 1).clamp(MIN_CN, MAX_CN);
    MIN_CN..=top
}

/// The CN count used when none is given: 3, clamped to [`cn_range`].
pub fn default_cn(nodes: i64) -> i64 {
    let r = cn_range(nodes);
    3.clamp(*r.start(), *r.end())
}

/// `number_of_cn` for a cluster of `nodes` nodes.
pub fn cn_count(cn: i64, nodes: i64) -> Result<(), RuleError> {
    in_range(Field::NumberOfCn, cn, cn_range(nodes))
}

/// `port`: 8000–30000.
pub fn port(port: i64) -> Result<(), RuleError> {
    in_range(Field::Port, port, PORT_RANGE)
}

/// `scale_out.count` for a cluster that has `current` nodes: at least 1, and the cluster may not
/// pass 256 nodes.
pub fn scale_out_count(count: i64, current: i64) -> Result<(), RuleError> {
    let room = (MAX_NODES - current).max(0);
    if count < 1 {
        return Err(RuleError::new(
            Field::ScaleOutCount,
            Violation::OutOfRange { min: 1, max: room.max(1) },
        ));
    }
    if count > room {
        return Err(RuleError::new(
            Field::ScaleOutCount,
            Violation::TotalNodesExceeded { current, max: MAX_NODES },
        ));
    }
    Ok(())
}

/// `keep_last_manual_snapshot`: zero or more.
pub fn keep_last_manual_snapshot(keep: i64) -> Result<(), RuleError> {
    in_range(Field::KeepLastManualSnapshot, keep, 0..=i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    #[test]
    fn node_count_boundaries() {
        for n in [1, 0, -1, 257, i64::MIN, i64::MAX] {
            let e = node_count(n).unwrap_err();
            assert_eq!(e.violation, Violation::OutOfRange { min: 2, max: 256 }, "{n}");
            assert_eq!(e.code(), ErrorCode::Dws5047);
        }
        for n in [2, 3, 255, 256] {
            assert!(node_count(n).is_ok(), "{n}");
        }
    }

    #[test]
    fn cn_range_follows_node_count() {
        assert_eq!(cn_range(2), 2..=2, "clamped: a 2-node cluster has 2 CNs");
        assert_eq!(cn_range(3), 2..=2);
        assert_eq!(cn_range(4), 2..=3);
        assert_eq!(cn_range(21), 2..=20);
        assert_eq!(cn_range(22), 2..=20);
        assert_eq!(cn_range(256), 2..=20);
        assert_eq!(cn_range(0), 2..=2);
        assert_eq!(cn_range(10_000), 2..=20);
    }

    #[test]
    fn default_cn_is_three_when_allowed() {
        assert_eq!(default_cn(2), 2);
        assert_eq!(default_cn(3), 2);
        assert_eq!(default_cn(4), 3);
        assert_eq!(default_cn(100), 3);
        for n in 2..=256 {
            assert!(cn_count(default_cn(n), n).is_ok(), "{n}");
        }
    }

    #[test]
    fn cn_count_boundaries() {
        assert!(cn_count(2, 3).is_ok());
        assert_eq!(cn_count(3, 3).unwrap_err().violation, Violation::OutOfRange { min: 2, max: 2 });
        assert_eq!(cn_count(1, 10).unwrap_err().violation, Violation::OutOfRange { min: 2, max: 9 });
        assert!(cn_count(9, 10).is_ok());
        assert!(cn_count(10, 10).is_err());
        assert!(cn_count(20, 30).is_ok());
        assert!(cn_count(21, 30).is_err());
        assert_eq!(cn_count(21, 30).unwrap_err().code(), ErrorCode::Dws5038);
    }

    #[test]
    fn port_boundaries() {
        for p in [7999, 30001, 0, -8000, 65535] {
            assert_eq!(port(p).unwrap_err().violation, Violation::OutOfRange { min: 8000, max: 30000 });
        }
        for p in [8000, 8001, 29999, 30000] {
            assert!(port(p).is_ok());
        }
        assert_eq!(port(1).unwrap_err().code(), ErrorCode::Dws5038);
    }

    #[test]
    fn scale_out_boundaries() {
        assert!(scale_out_count(1, 3).is_ok());
        assert!(scale_out_count(253, 3).is_ok());
        let e = scale_out_count(254, 3).unwrap_err();
        assert_eq!(e.violation, Violation::TotalNodesExceeded { current: 3, max: 256 });
        assert_eq!(e.code(), ErrorCode::Dws5091);
        let e = scale_out_count(0, 3).unwrap_err();
        assert_eq!(e.violation, Violation::OutOfRange { min: 1, max: 253 });
        assert_eq!(e.code(), ErrorCode::Dws5047);
        assert!(scale_out_count(-3, 3).is_err());
        assert_eq!(
            scale_out_count(1, 256).unwrap_err().violation,
            Violation::TotalNodesExceeded { current: 256, max: 256 }
        );
    }

    #[test]
    fn keep_snapshots() {
        assert!(keep_last_manual_snapshot(0).is_ok());
        assert!(keep_last_manual_snapshot(5).is_ok());
        let e = keep_last_manual_snapshot(-1).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Dws5038);
    }
}
