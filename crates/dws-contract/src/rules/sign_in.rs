//! IAM sign-in fields. IAM has its own, account-configurable rules; these only refuse what can
//! never work, and tell a project id from a project name.

use super::error::{Field, RuleError, Violation};
use super::network::is_project_id;
use crate::types::ProjectScope;

fn text(field: Field, value: &str, max: usize) -> Result<(), RuleError> {
    let err = |v| Err(RuleError::new(field, v));
    if value.trim().is_empty() {
        return err(Violation::Required);
    }
    if value != value.trim() {
        return err(Violation::SurroundingSpace);
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return err(Violation::InvalidCharacter(c));
    }
    if value.chars().count() > max {
        return err(Violation::Length { min: 1, max });
    }
    Ok(())
}

/// The longest account or IAM user name.
pub const IAM_NAME_MAX: usize = 64;
/// The longest IAM password.
pub const IAM_PASSWORD_MAX: usize = 128;

/// The account (domain) name: required, at most 64 characters.
pub fn account_name(value: &str) -> Result<(), RuleError> {
    text(Field::Account, value, IAM_NAME_MAX)
}

/// The IAM user name: required, at most 64 characters.
pub fn iam_user_name(value: &str) -> Result<(), RuleError> {
    text(Field::IamUserName, value, IAM_NAME_MAX)
}

/// The IAM password: required (its strength is IAM's business), at most 128 characters.
pub fn iam_password(value: &str) -> Result<(), RuleError> {
    if value.is_empty() {
        return Err(RuleError::new(Field::IamPassword, Violation::Required));
    }
    if value.chars().count() > IAM_PASSWORD_MAX {
        return Err(RuleError::new(Field::IamPassword, Violation::Length { min: 1, max: IAM_PASSWORD_MAX }));
    }
    Ok(())
}

/// How the sign-in names its project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectRef<'a> {
    /// A project id: 32 hexadecimal digits.
    Id(&'a str),
    /// A project name, such as the region name `ae-ad-1`.
    Name(&'a str),
}

impl ProjectRef<'_> {
    /// The token request's `scope.project`; a project named by name needs its account.
    pub fn scope(&self, account: &str) -> ProjectScope {
        match self {
            ProjectRef::Id(id) => ProjectScope { id: Some((*id).into()), ..Default::default() },
            ProjectRef::Name(name) => ProjectScope {
                name: Some((*name).into()),
                domain: Some(crate::types::DomainRef { name: Some(account.into()), id: None }),
                id: None,
            },
        }
    }
}

/// The project at sign-in: a project id (32 hexadecimal digits) or a project name made of
/// letters, digits, `-`, `_` and `.` (1–64 characters).
pub fn project(value: &str) -> Result<ProjectRef<'_>, RuleError> {
    text(Field::Project, value, 64)?;
    if is_project_id(value) {
        return Ok(ProjectRef::Id(value));
    }
    match value.chars().find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c))) {
        Some(c) => Err(RuleError::new(Field::Project, Violation::InvalidCharacter(c))),
        None => Ok(ProjectRef::Name(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    #[test]
    fn projects_by_id_or_name() {
        assert_eq!(
            project("0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
            Ok(ProjectRef::Id("0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
        );
        assert_eq!(project("ae-ad-1"), Ok(ProjectRef::Name("ae-ad-1")));
        assert_eq!(project("cn-north-4_dev"), Ok(ProjectRef::Name("cn-north-4_dev")));
        assert_eq!(project("").unwrap_err().violation, Violation::Required);
        assert_eq!(project(" ae-ad-1").unwrap_err().violation, Violation::SurroundingSpace);
        assert_eq!(project("ae ad").unwrap_err().violation, Violation::InvalidCharacter(' '));
        assert_eq!(project("ae/ad").unwrap_err().violation, Violation::InvalidCharacter('/'));
        assert_eq!(project(&"a".repeat(65)).unwrap_err().violation, Violation::Length { min: 1, max: 64 });
        assert_eq!(project("x/").unwrap_err().code(), ErrorCode::Dws5010);
    }

    #[test]
    fn scopes() {
        let s = ProjectRef::Name("ae-ad-1").scope("demo");
        assert_eq!(s.name.as_deref(), Some("ae-ad-1"));
        assert_eq!(s.domain.unwrap().name.as_deref(), Some("demo"));
        let s = ProjectRef::Id("0f1e2d3c4b5a69788796a5b4c3d2e1f0").scope("demo");
        assert_eq!(s.id.as_deref(), Some("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
        assert_eq!(s.domain, None);
    }

    #[test]
    fn names_and_passwords() {
        assert!(account_name("demo").is_ok());
        assert!(iam_user_name("admin").is_ok());
        assert!(iam_user_name("Jane Doe").is_ok(), "IAM allows inner spaces");
        assert_eq!(account_name("").unwrap_err().violation, Violation::Required);
        assert_eq!(account_name("   ").unwrap_err().violation, Violation::Required);
        assert_eq!(iam_user_name("admin ").unwrap_err().violation, Violation::SurroundingSpace);
        assert_eq!(iam_user_name("ad\tmin").unwrap_err().violation, Violation::InvalidCharacter('\t'));
        assert!(account_name(&"a".repeat(64)).is_ok());
        assert!(account_name(&"a".repeat(65)).is_err());
        assert_eq!(iam_user_name("").unwrap_err().code(), ErrorCode::Dws5198);
        assert!(iam_password(" pass with spaces ").is_ok());
        assert_eq!(iam_password("").unwrap_err().code(), ErrorCode::Dws5199);
        assert!(iam_password(&"p".repeat(129)).is_err());
    }
}
