//! Tags (tables 5-12, 5-26).

use std::collections::HashSet;

use super::error::{Field, RuleError, Violation};
use crate::types::Tag;

/// Most tags on one resource.
pub const MAX_TAGS: usize = 20;

/// Letters, digits, `-`, `_` and Chinese characters: the only characters the tables allow. (Their
/// list of forbidden characters, `=*<>\,|/`, is contained in this rule.)
fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '-'
        || c == '_'
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn text(field: Field, value: &str, min: usize, max: usize) -> Result<(), RuleError> {
    let err = |v| Err(RuleError::new(field, v));
    if value.starts_with(' ') || value.ends_with(' ') {
        return err(Violation::SurroundingSpace);
    }
    if let Some(c) = value.chars().find(|c| !allowed(*c)) {
        return err(Violation::InvalidCharacter(c));
    }
    let n = value.chars().count();
    if n < min || n > max {
        return err(if n == 0 { Violation::Required } else { Violation::Length { min, max } });
    }
    Ok(())
}

/// How long a tag's key may be, in characters.
pub const KEY_LENGTH: std::ops::RangeInclusive<usize> = 1..=36;
/// How long a tag's value may be.
pub const VALUE_LENGTH: std::ops::RangeInclusive<usize> = 0..=43;

/// One tag: key 1–36 characters, value 0–43, from the allowed characters.
pub fn tag(t: &Tag) -> Result<(), RuleError> {
    text(Field::TagKey, &t.key, *KEY_LENGTH.start(), *KEY_LENGTH.end())?;
    text(Field::TagValue, &t.value, *VALUE_LENGTH.start(), *VALUE_LENGTH.end())
}

/// A resource's tags: each valid, keys unique, at most [`MAX_TAGS`].
pub fn tags(list: &[Tag]) -> Result<(), RuleError> {
    if list.len() > MAX_TAGS {
        return Err(RuleError::new(Field::TagKey, Violation::TooMany { max: MAX_TAGS }));
    }
    let mut seen = HashSet::new();
    for t in list {
        tag(t)?;
        if !seen.insert(t.key.as_str()) {
            return Err(RuleError::new(Field::TagKey, Violation::DuplicateKey));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    fn t(key: &str, value: &str) -> Tag {
        Tag { key: key.into(), value: value.into() }
    }

    #[test]
    fn key_boundaries() {
        assert!(tag(&t("k", "")).is_ok());
        assert!(tag(&t(&"k".repeat(36), "v")).is_ok());
        assert!(tag(&t(&"键".repeat(36), "v")).is_ok());
        let e = tag(&t(&"k".repeat(37), "v")).unwrap_err();
        assert_eq!((e.field, e.violation.clone()), (Field::TagKey, Violation::Length { min: 1, max: 36 }));
        assert_eq!(e.code(), ErrorCode::Dws5197);
        assert_eq!(tag(&t("", "v")).unwrap_err().violation, Violation::Required);
    }

    #[test]
    fn value_boundaries() {
        assert!(tag(&t("k", &"v".repeat(43))).is_ok());
        let e = tag(&t("k", &"v".repeat(44))).unwrap_err();
        assert_eq!((e.field, e.violation), (Field::TagValue, Violation::Length { min: 0, max: 43 }));
    }

    #[test]
    fn characters() {
        assert!(tag(&t("env-prod_1", "数据仓库")).is_ok());
        for c in ['=', '*', '<', '>', '\\', ',', '|', '/', '.', ':', '@'] {
            let e = tag(&t(&format!("a{c}b"), "v")).unwrap_err();
            assert_eq!(e.violation, Violation::InvalidCharacter(c), "{c}");
        }
        assert_eq!(tag(&t(" key", "v")).unwrap_err().violation, Violation::SurroundingSpace);
        assert_eq!(tag(&t("key", "v ")).unwrap_err().violation, Violation::SurroundingSpace);
        assert_eq!(tag(&t("a b", "v")).unwrap_err().violation, Violation::InvalidCharacter(' '));
    }

    #[test]
    fn lists() {
        let many: Vec<Tag> = (0..MAX_TAGS).map(|i| t(&format!("k{i}"), "v")).collect();
        assert!(tags(&many).is_ok());
        let mut too_many = many.clone();
        too_many.push(t("extra", "v"));
        let e = tags(&too_many).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Dws5194);
        let e = tags(&[t("k", "1"), t("k", "2")]).unwrap_err();
        assert_eq!(e.violation, Violation::DuplicateKey);
        assert!(tags(&[]).is_ok());
    }
}
