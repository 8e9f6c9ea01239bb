//! Tags, as the tag operations take them (`batch_create_resource_tag`): Huawei's user guide,
//! "Managing Tags" (DWS-DAY-TWO.md §1.8), which supersedes the reference's table 5-12 (keys of 36
//! characters and values of 43, from an older edition).

use std::collections::HashSet;

use super::error::{Field, RuleError, Violation};
use crate::types::Tag;

/// Most tags on one cluster.
pub const MAX_TAGS: usize = 20;
/// How long a tag's key may be, in characters.
pub const KEY_LENGTH: std::ops::RangeInclusive<usize> = 1..=128;
/// How long a tag's value may be.
pub const VALUE_LENGTH: std::ops::RangeInclusive<usize> = 0..=255;
/// The prefix of the system's own keys, which users may not use.
pub const SYSTEM_PREFIX: &str = "_sys_";
/// The characters besides letters and digits a key or value may have. The guide also lists `=`,
/// which the SDK's own text forbids; it is left out, so a tag accepted here is one both accept.
pub const TAG_PUNCTUATION: &str = " _.:+-@";

/// ASCII letters and digits, Chinese characters (the CJK ideographs), and the punctuation above.
pub fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
        || TAG_PUNCTUATION.contains(c)
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

/// A tag's key alone: 1–128 characters, not the system's prefix.
pub fn tag_key(key: &str) -> Result<(), RuleError> {
    text(Field::TagKey, key, *KEY_LENGTH.start(), *KEY_LENGTH.end())?;
    if key.starts_with(SYSTEM_PREFIX) {
        return Err(RuleError::new(Field::TagKey, Violation::ReservedPrefix(SYSTEM_PREFIX)));
    }
    Ok(())
}

/// One tag: its key, and a value of 0–255 characters.
pub fn tag(t: &Tag) -> Result<(), RuleError> {
    tag_key(&t.key)?;
    text(Field::TagValue, &t.value, *VALUE_LENGTH.start(), *VALUE_LENGTH.end())
}

/// A cluster's tags: each valid, keys unique, at most [`MAX_TAGS`].
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

/// A cluster's tags after `added` (a key already there takes the new value): checked as a whole.
pub fn merged(existing: &[Tag], added: &[Tag]) -> Result<Vec<Tag>, RuleError> {
    let mut seen = HashSet::new();
    for t in added {
        tag(t)?;
        if !seen.insert(t.key.as_str()) {
            return Err(RuleError::new(Field::TagKey, Violation::DuplicateKey));
        }
    }
    let mut out: Vec<Tag> = existing.iter().filter(|e| !added.iter().any(|a| a.key == e.key)).cloned().collect();
    out.extend(added.iter().cloned());
    tags(&out)?;
    Ok(out)
}

/// A cluster's tags without `removed`; every key removed must be there.
pub fn without(existing: &[Tag], removed: &[Tag]) -> Result<Vec<Tag>, RuleError> {
    for t in removed {
        tag_key(&t.key)?;
        if !existing.iter().any(|e| e.key == t.key) {
            return Err(RuleError::new(Field::TagKey, Violation::NotFound(t.key.clone())));
        }
    }
    Ok(existing.iter().filter(|e| !removed.iter().any(|r| r.key == e.key)).cloned().collect())
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
        assert!(tag(&t(&"k".repeat(128), "v")).is_ok());
        assert!(tag(&t(&"键".repeat(128), "v")).is_ok());
        let e = tag(&t(&"k".repeat(129), "v")).unwrap_err();
        assert_eq!((e.field, e.violation.clone()), (Field::TagKey, Violation::Length { min: 1, max: 128 }));
        assert_eq!(e.code(), ErrorCode::Dws5197);
        assert_eq!(tag(&t("", "v")).unwrap_err().violation, Violation::Required);
        assert_eq!(tag(&t("_sys_owner", "v")).unwrap_err().violation, Violation::ReservedPrefix("_sys_"));
        assert!(tag(&t("sys_owner", "v")).is_ok());
    }

    #[test]
    fn value_boundaries() {
        assert!(tag(&t("k", &"v".repeat(255))).is_ok());
        let e = tag(&t("k", &"v".repeat(256))).unwrap_err();
        assert_eq!((e.field, e.violation), (Field::TagValue, Violation::Length { min: 0, max: 255 }));
    }

    #[test]
    fn characters() {
        assert!(tag(&t("cost center", "team-a.b:c+d@e_f")).is_ok());
        assert!(tag(&t("env", "数据仓库")).is_ok());
        for c in ['=', '*', '<', '>', '\\', ',', '|', '/', '"', '\'', 'é'] {
            let e = tag(&t(&format!("a{c}b"), "v")).unwrap_err();
            assert_eq!(e.violation, Violation::InvalidCharacter(c), "{c}");
        }
        assert_eq!(tag(&t(" key", "v")).unwrap_err().violation, Violation::SurroundingSpace);
        assert_eq!(tag(&t("key", "v ")).unwrap_err().violation, Violation::SurroundingSpace);
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

    #[test]
    fn adding_overwrites_a_key_and_counts_the_whole() {
        let had = [t("env", "dev"), t("team", "a")];
        let got = merged(&had, &[t("env", "prod"), t("cost", "1")]).unwrap();
        assert_eq!(got, [t("team", "a"), t("env", "prod"), t("cost", "1")]);
        let many: Vec<Tag> = (0..MAX_TAGS).map(|i| t(&format!("k{i}"), "v")).collect();
        assert_eq!(merged(&many, &[t("k0", "new")]).unwrap().len(), MAX_TAGS);
        assert_eq!(merged(&many, &[t("one-more", "v")]).unwrap_err().code(), ErrorCode::Dws5194);
        assert_eq!(merged(&had, &[t("a", "1"), t("a", "2")]).unwrap_err().violation, Violation::DuplicateKey);
    }

    #[test]
    fn removing_needs_every_key_to_be_there() {
        let had = [t("env", "dev"), t("team", "a")];
        assert_eq!(without(&had, &[t("env", "whatever")]).unwrap(), [t("team", "a")]);
        let e = without(&had, &[t("nope", "")]).unwrap_err();
        assert_eq!((e.violation.clone(), e.code()), (Violation::NotFound("nope".into()), ErrorCode::Dws5191));
    }
}
