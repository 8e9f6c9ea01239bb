//! IAM: tokens (3.1, 3.2, quick start step 1) and projects (appendix 7.4).

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// Body of `POST /v3/auth/tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuthTokenRequest {
    /// Who is signing in, and for what.
    pub auth: Auth,
}

impl AuthTokenRequest {
    /// A password sign-in scoped to a project, as the console sends it.
    pub fn password(domain: &str, user: &str, password: Secret, project: ProjectScope) -> Self {
        AuthTokenRequest {
            auth: Auth {
                identity: Identity {
                    methods: vec!["password".into()],
                    password: Some(PasswordIdentity {
                        user: PasswordUser {
                            name: user.into(),
                            password,
                            domain: Some(DomainRef { name: Some(domain.into()), id: None }),
                            id: None,
                        },
                    }),
                },
                scope: Some(Scope { project: Some(project), domain: None }),
            },
        }
    }
}

/// `auth`: identity and scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Auth {
    /// How the caller proves who they are.
    pub identity: Identity,
    /// What the token is for; DWS needs a project scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// `identity`: the methods used and their credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::password_identity))]
pub struct Identity {
    /// `["password"]`.
    pub methods: Vec<String>,
    /// The password credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordIdentity>,
}

/// `password`: the user signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PasswordIdentity {
    /// The user.
    pub user: PasswordUser,
}

/// `user` in a password sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::id_or_domain))]
pub struct PasswordUser {
    /// User name (or use `id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// User id, instead of a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Password.
    pub password: Secret,
    /// The account (domain) the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<DomainRef>,
}

/// A domain (account), by name or id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DomainRef {
    /// Account name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `scope`: a project or a whole account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Scope {
    /// Project scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectScope>,
    /// Account scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<DomainRef>,
}

/// A project, by id or by name (a region name such as `ae-ad-1`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(transform = crate::rules::transforms::id_or_name))]
pub struct ProjectScope {
    /// Project id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Project name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The account of a project named by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<DomainRef>,
}

/// Response body of `POST /v3/auth/tokens` (the token itself is in `X-Subject-Token`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TokenResponse {
    /// What the token grants.
    pub token: Token,
}

/// `token`: the grant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Token {
    /// Expiry, ISO 8601 UTC.
    pub expires_at: String,
    /// Issue time, ISO 8601 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<String>,
    /// Methods used, e.g. `["password"]`.
    #[serde(default)]
    pub methods: Vec<String>,
    /// The user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<TokenUser>,
    /// The project the token is scoped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<TokenProject>,
    /// Roles granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<NamedRef>>,
    /// Service endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<Vec<CatalogService>>,
}

/// `token.user`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TokenUser {
    /// User id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// User name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The user's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<NamedRef>,
}

/// `token.project`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TokenProject {
    /// Project id: the `{project_id}` of every DWS path.
    pub id: String,
    /// Project name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The project's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<NamedRef>,
}

/// An `{"id","name"}` pair (roles, domains).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NamedRef {
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One service of `token.catalog`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CatalogService {
    /// Service type, e.g. `dws`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Service id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Service name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where the service answers.
    #[serde(default)]
    pub endpoints: Vec<CatalogEndpoint>,
}

/// One endpoint of a catalog service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CatalogEndpoint {
    /// Endpoint id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `public`, `internal` or `admin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface: Option<String>,
    /// Region name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Region id, e.g. `ae-ad-1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_id: Option<String>,
    /// Base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Response of `GET /v3/projects` (appendix 7.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProjectsResponse {
    /// The projects the token may see.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Paging links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
}

/// One project (appendix 7.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Project {
    /// Project id.
    pub id: String,
    /// Project name (a region name such as `ae-ad-1`).
    pub name: String,
    /// Owning account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    /// Whether this is an account rather than a project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_domain: Option<bool>,
    /// Parent id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Self link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    /// Whether the project is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// Paging links; `next` and `previous` are `null` when there is no such page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Links {
    /// Next page.
    #[serde(default)]
    pub next: Option<String>,
    /// Previous page.
    #[serde(default)]
    pub previous: Option<String>,
    /// This page.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_sign_in_body_has_the_reference_shape() {
        let req = AuthTokenRequest::password(
            "demo",
            "admin",
            Secret::new("Admin@12345"),
            ProjectScope { name: Some("ae-ad-1".into()), ..Default::default() },
        );
        let v = serde_json::to_value(&req).unwrap();
        assert_eq!(v["auth"]["identity"]["methods"][0], "password");
        assert_eq!(v["auth"]["identity"]["password"]["user"]["name"], "admin");
        assert_eq!(v["auth"]["identity"]["password"]["user"]["password"], "Admin@12345");
        assert_eq!(v["auth"]["identity"]["password"]["user"]["domain"]["name"], "demo");
        assert_eq!(v["auth"]["scope"]["project"]["name"], "ae-ad-1");
        assert!(v["auth"]["scope"]["project"].get("id").is_none());
        assert!(!format!("{req:?}").contains("Admin@12345"));
    }
}
