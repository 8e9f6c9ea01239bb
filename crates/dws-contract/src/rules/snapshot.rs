//! Snapshot descriptions.

use super::error::{Field, RuleError, Violation};

/// Characters a snapshot description cannot hold (table 5-49).
pub const DESCRIPTION_FORBIDDEN: &str = "!<>'=&\"";
/// The longest description, in characters.
pub const DESCRIPTION_MAX: usize = 256;

/// Snapshot `description`: at most 256 characters, none of `!<>'=&"`.
pub fn snapshot_description(description: &str) -> Result<(), RuleError> {
    if let Some(c) = description.chars().find(|c| DESCRIPTION_FORBIDDEN.contains(*c)) {
        return Err(RuleError::new(Field::SnapshotDescription, Violation::InvalidCharacter(c)));
    }
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(RuleError::new(Field::SnapshotDescription, Violation::Length { min: 0, max: DESCRIPTION_MAX }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    #[test]
    fn length_is_counted_in_characters() {
        assert!(snapshot_description("").is_ok());
        assert!(snapshot_description(&"a".repeat(256)).is_ok());
        assert!(snapshot_description(&"快".repeat(256)).is_ok(), "256 characters, 768 bytes");
        let e = snapshot_description(&"a".repeat(257)).unwrap_err();
        assert_eq!(e.violation, Violation::Length { min: 0, max: 256 });
        assert_eq!(e.code(), ErrorCode::Dws5056);
    }

    #[test]
    fn forbidden_characters() {
        for c in DESCRIPTION_FORBIDDEN.chars() {
            let e = snapshot_description(&format!("before {c} after")).unwrap_err();
            assert_eq!(e.violation, Violation::InvalidCharacter(c));
            assert_eq!(e.code(), ErrorCode::Dws5065);
        }
        assert!(snapshot_description("Snapshot description, nightly (v2) - ok? yes; 100% #1").is_ok());
    }
}
