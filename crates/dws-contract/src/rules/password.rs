//! Administrator passwords (`user_pwd`, `new_password`; table 5-45).

use super::error::{Field, RuleError, Violation};
use super::weak_passwords::is_weak_password;

/// The special characters a password may use (table 5-45).
pub const PASSWORD_SPECIALS: &str = "~!?,.:;-_'\"(){}[]/<>@#%^&*+|\\=";

/// Each part of the password rule, for a checklist that updates as the user types.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PasswordCheck {
    /// 8–32 characters.
    pub length_ok: bool,
    /// Has a lowercase letter.
    pub has_lower: bool,
    /// Has an uppercase letter.
    pub has_upper: bool,
    /// Has a digit.
    pub has_digit: bool,
    /// Has a special character.
    pub has_special: bool,
    /// The first character that is not allowed at all, if any.
    pub invalid_char: Option<char>,
    /// Not the user name, nor the user name reversed.
    pub differs_from_user_name: bool,
    /// Not on the weak-password list.
    pub not_weak: bool,
}

impl PasswordCheck {
    /// How many of the four character classes the password has.
    pub fn classes(&self) -> u8 {
        [self.has_lower, self.has_upper, self.has_digit, self.has_special]
            .iter()
            .filter(|b| **b)
            .count() as u8
    }

    /// Whether every part passes.
    pub fn passes(&self) -> bool {
        self.length_ok
            && self.classes() >= 3
            && self.invalid_char.is_none()
            && self.differs_from_user_name
            && self.not_weak
    }
}

/// Checks each part of the password rule.
pub fn check_password(password: &str, user_name: &str) -> PasswordCheck {
    let mut c = PasswordCheck {
        length_ok: (8..=32).contains(&password.chars().count()),
        ..Default::default()
    };
    for ch in password.chars() {
        if ch.is_ascii_lowercase() {
            c.has_lower = true;
        } else if ch.is_ascii_uppercase() {
            c.has_upper = true;
        } else if ch.is_ascii_digit() {
            c.has_digit = true;
        } else if PASSWORD_SPECIALS.contains(ch) {
            c.has_special = true;
        } else if c.invalid_char.is_none() {
            c.invalid_char = Some(ch);
        }
    }
    c.differs_from_user_name = same_as_user(password, user_name).is_none();
    c.not_weak = !is_weak_password(password);
    c
}

fn same_as_user(password: &str, user_name: &str) -> Option<Violation> {
    if user_name.is_empty() {
        return None;
    }
    if password == user_name {
        return Some(Violation::SameAsUserName);
    }
    if password.chars().eq(user_name.chars().rev()) {
        return Some(Violation::SameAsReversedUserName);
    }
    None
}

/// The password rule: 8–32 characters from the allowed set, at least 3 of the 4 classes, not the
/// user name or the user name reversed, not a weak password. (Whether it was used before is only
/// known to the service, which reports [`Violation::Reused`].)
pub fn password(field: Field, password: &str, user_name: &str) -> Result<(), RuleError> {
    let err = |v| Err(RuleError::new(field, v));
    if password.is_empty() {
        return err(Violation::Required);
    }
    let c = check_password(password, user_name);
    if let Some(ch) = c.invalid_char {
        return err(Violation::InvalidCharacter(ch));
    }
    if !c.length_ok {
        return err(Violation::Length { min: 8, max: 32 });
    }
    if c.classes() < 3 {
        return err(Violation::TooFewCharacterClasses { found: c.classes() });
    }
    if let Some(v) = same_as_user(password, user_name) {
        return err(v);
    }
    if !c.not_weak {
        return err(Violation::Weak);
    }
    Ok(())
}

/// How strong a password is, for a meter beside the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Breaks the rule: the service will refuse it.
    Refused,
    /// Passes, barely.
    Fair,
    /// Passes comfortably.
    Good,
    /// Long and varied.
    Strong,
}

/// Rates a password: refused if it breaks the rule, then by length and variety.
pub fn password_strength(password: &str, user_name: &str) -> Strength {
    let c = check_password(password, user_name);
    if !c.passes() {
        return Strength::Refused;
    }
    let len = password.chars().count();
    match (len, c.classes()) {
        (16.., 4) | (20.., _) => Strength::Strong,
        (12.., _) | (_, 4) => Strength::Good,
        _ => Strength::Fair,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    fn v(pwd: &str, user: &str) -> Violation {
        password(Field::UserPwd, pwd, user).unwrap_err().violation
    }

    #[test]
    fn reference_sample_passwords() {
        assert!(password(Field::UserPwd, "Dws2017demo!", "dbadmin").is_ok());
        // "Password!" (the 5.1.1 sample) has three classes but is on every weak list.
        assert_eq!(v("Password!", "dbadmin"), Violation::Weak);
        // The 5.1.8 sample: lower, upper and special are three classes, and it is not on the list.
        assert!(password(Field::NewPassword, "NewPassword!", "dbadmin").is_ok());
    }

    #[test]
    fn length_boundaries() {
        assert_eq!(v("Ab1!xyz", "u"), Violation::Length { min: 8, max: 32 });
        assert!(password(Field::UserPwd, "Ab1!wxyz", "u").is_ok());
        let max = format!("Ab1!{}", "x".repeat(28));
        assert_eq!(max.len(), 32);
        assert!(password(Field::UserPwd, &max, "u").is_ok());
        assert_eq!(v(&format!("{max}y"), "u"), Violation::Length { min: 8, max: 32 });
        assert_eq!(v("", "u"), Violation::Required);
    }

    #[test]
    fn character_classes() {
        assert_eq!(v("abcdefgh", "u"), Violation::TooFewCharacterClasses { found: 1 });
        assert_eq!(v("abcdEFGH", "u"), Violation::TooFewCharacterClasses { found: 2 });
        assert_eq!(v("abcd1234", "u"), Violation::TooFewCharacterClasses { found: 2 });
        assert!(password(Field::UserPwd, "abcD1234", "u").is_ok());
        assert!(password(Field::UserPwd, "abcd123!", "u").is_ok());
        assert!(password(Field::UserPwd, "ABCD123!", "u").is_ok());
        assert!(password(Field::UserPwd, "abcdEF!?", "u").is_ok());
        for special in PASSWORD_SPECIALS.chars() {
            let p = format!("abcd123{special}");
            assert!(password(Field::UserPwd, &p, "u").is_ok(), "{p}");
        }
    }

    #[test]
    fn characters_outside_the_allowed_set() {
        assert_eq!(v("Abcd 1234", "u"), Violation::InvalidCharacter(' '));
        assert_eq!(v("Abcd$1234", "u"), Violation::InvalidCharacter('$'));
        assert_eq!(v("Abcd`1234", "u"), Violation::InvalidCharacter('`'));
        assert_eq!(v("Abcd密码1234", "u"), Violation::InvalidCharacter('密'));
        assert_eq!(password(Field::UserPwd, "Abcd$1234", "u").unwrap_err().code(), ErrorCode::Dws5144);
    }

    #[test]
    fn user_name_and_reversed() {
        let e = password(Field::UserPwd, "dbadmin_A1", "dbadmin_A1").unwrap_err();
        assert_eq!(e.violation, Violation::SameAsUserName);
        assert_eq!(e.code(), ErrorCode::Dws5145);
        let e = password(Field::NewPassword, "1A_nimdabd", "dbadmin_A1").unwrap_err();
        assert_eq!(e.violation, Violation::SameAsReversedUserName);
        assert_eq!(e.code(), ErrorCode::Dws5145);
        assert!(password(Field::UserPwd, "Dbadmin_1", "dbadmin_1").is_ok(), "differs by case");
        assert!(password(Field::UserPwd, "Dws2017demo!", "").is_ok());
    }

    #[test]
    fn every_weak_password_is_refused() {
        for w in super::super::WEAK_PASSWORDS {
            assert!(password(Field::UserPwd, w, "u").is_err(), "{w}");
            let upper_first: String =
                w.chars().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c }).collect();
            assert!(password(Field::UserPwd, &upper_first, "u").is_err(), "{upper_first}");
        }
        assert_eq!(password(Field::UserPwd, "P@ssw0rd", "u").unwrap_err().code(), ErrorCode::Dws5144);
    }

    #[test]
    fn checklist_reports_each_part() {
        let c = check_password("abc", "dbadmin");
        assert!(!c.length_ok && c.has_lower && !c.has_upper && c.classes() == 1 && !c.passes());
        let c = check_password("Dws2017demo!", "dbadmin");
        assert!(c.length_ok && c.classes() == 4 && c.differs_from_user_name && c.not_weak && c.passes());
        let c = check_password("nimdabd", "dbadmin");
        assert!(!c.differs_from_user_name);
        let c = check_password("Abc 12345", "u");
        assert_eq!(c.invalid_char, Some(' '));
        assert!(!c.passes());
    }

    #[test]
    fn strength_meter() {
        assert_eq!(password_strength("short", "u"), Strength::Refused);
        assert_eq!(password_strength("P@ssw0rd", "u"), Strength::Refused);
        assert_eq!(password_strength("abcd123!", "u"), Strength::Fair);
        assert_eq!(password_strength("abcd123!Q", "u"), Strength::Good);
        assert_eq!(password_strength("abcdefgh123!", "u"), Strength::Good);
        assert_eq!(password_strength("abcdefgh123!QRST", "u"), Strength::Strong);
        assert_eq!(password_strength("abcdefghijklmnop123!", "u"), Strength::Strong);
        assert!(Strength::Refused < Strength::Fair && Strength::Good < Strength::Strong);
    }
}
