//! Identity: who is calling (token or AK/SK) and what they may do (IAM actions of chapter 6).

pub mod password;
pub mod signature;
pub mod token;

use std::collections::HashMap;

use axum::http::HeaderMap;
use dws_contract::ErrorCode;
use dws_contract::operation::{Operation, action_matches};
use dws_contract::types::AuthTokenRequest;

use crate::config::{EmulatorConfig, derived_id};
use crate::error::{ApiError, Detail, IamError};
use crate::store::Store;
use signature::{SignedParts, SignatureError};

/// An account (IAM domain).
#[derive(Debug, Clone)]
pub struct Account {
    /// Name.
    pub name: String,
    /// Id.
    pub id: String,
}

/// A project.
#[derive(Debug, Clone)]
pub struct Project {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Owning account's name.
    pub account: String,
}

/// A user, with the actions their policies allow.
#[derive(Debug, Clone)]
pub struct User {
    /// Owning account's name.
    pub account: String,
    /// Name.
    pub name: String,
    /// Id.
    pub id: String,
    /// Hash of the password.
    pub password_hash: String,
    /// Allowed action patterns.
    pub actions: Vec<String>,
}

impl User {
    /// Whether the user's policies allow an action.
    pub fn may(&self, action: &str) -> bool {
        self.actions.iter().any(|p| action_matches(p, action))
    }
}

#[derive(Debug, Clone)]
struct AccessKey {
    account: String,
    user: String,
    secret: String,
}

/// The identities the emulator knows, from its configuration.
#[derive(Debug)]
pub struct Iam {
    accounts: Vec<Account>,
    projects: Vec<Project>,
    users: Vec<User>,
    keys: HashMap<String, AccessKey>,
    /// Token lifetime.
    pub token_ttl_ms: i64,
}

/// What a caller's credentials reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// A project-scoped token: that project only.
    Project(String),
    /// An account-scoped token: IAM, but no DWS project.
    Account,
    /// An AK/SK signature: any project of the key's account.
    AnyProject,
}

/// Who a request comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Account name.
    pub account: String,
    /// User name.
    pub user: String,
    /// What the credentials reach.
    pub reach: Reach,
}

impl Iam {
    /// Builds the registry; passwords are hashed here and the plain ones dropped with the config.
    pub fn from_config(config: &EmulatorConfig) -> Iam {
        let accounts = config
            .accounts
            .iter()
            .map(|a| Account {
                name: a.name.clone(),
                id: a.id.clone().unwrap_or_else(|| derived_id("account", &a.name)),
            })
            .collect();
        let projects = config
            .projects
            .iter()
            .map(|p| Project { id: p.id.clone(), name: p.name.clone(), account: p.account.clone() })
            .collect();
        let users = config
            .users
            .iter()
            .map(|u| User {
                account: u.account.clone(),
                name: u.name.clone(),
                id: u.id.clone().unwrap_or_else(|| derived_id("user", &format!("{}/{}", u.account, u.name))),
                password_hash: password::hash(&u.password),
                actions: u
                    .policies
                    .iter()
                    .flat_map(|name| {
                        config.policies.iter().filter(move |p| &p.name == name).flat_map(|p| p.actions.clone())
                    })
                    .collect(),
            })
            .collect();
        let keys = config
            .access_keys
            .iter()
            .map(|k| {
                (k.access.clone(), AccessKey { account: k.account.clone(), user: k.user.clone(), secret: k.secret.clone() })
            })
            .collect();
        Iam { accounts, projects, users, keys, token_ttl_ms: config.token_ttl_secs as i64 * 1000 }
    }

    /// An account by name.
    pub fn account(&self, name: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.name == name)
    }

    /// A project by id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The projects of an account.
    pub fn projects_of(&self, account: &str) -> impl Iterator<Item = &Project> {
        self.projects.iter().filter(move |p| p.account == account)
    }

    /// A user by account and name.
    pub fn user(&self, account: &str, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.account == account && u.name == name)
    }

    /// Checks a password sign-in and resolves its scope: the user and the project (if scoped to
    /// one). Every failure is the same 401, so a caller cannot probe which part was wrong.
    pub fn sign_in(&self, req: &AuthTokenRequest) -> Result<(&User, Option<&Project>), IamError> {
        let denied = || IamError::unauthorized("The username or password is wrong.");
        let identity = &req.auth.identity;
        if !identity.methods.iter().any(|m| m == "password") {
            return Err(IamError::bad_request("Only the password method is supported."));
        }
        let pw = identity
            .password
            .as_ref()
            .ok_or_else(|| IamError::bad_request("identity.password is required."))?;
        let u = &pw.user;
        let user = match (&u.id, u.domain.as_ref()) {
            (Some(id), _) => self.users.iter().find(|x| &x.id == id),
            (None, Some(d)) => {
                let account = match (&d.name, &d.id) {
                    (Some(name), _) => self.account(name),
                    (None, Some(id)) => self.accounts.iter().find(|a| &a.id == id),
                    (None, None) => None,
                };
                account.and_then(|a| self.user(&a.name, &u.name))
            }
            (None, None) => return Err(IamError::bad_request("user.domain is required with user.name.")),
        };
        // Hash even for unknown users, so the answer takes as long either way.
        let Some(user) = user else {
            password::verify(u.password.expose(), &password::hash("timing"));
            return Err(denied());
        };
        if !password::verify(u.password.expose(), &user.password_hash) {
            return Err(denied());
        }
        let Some(scope) = &req.auth.scope else { return Ok((user, None)) };
        if let Some(p) = &scope.project {
            let project = match (&p.id, &p.name) {
                (Some(id), _) => self.project(id),
                (None, Some(name)) => {
                    let domain_ok = p.domain.as_ref().is_none_or(|d| {
                        d.name.as_deref().is_none_or(|n| n == user.account)
                            && d.id.as_deref().is_none_or(|i| self.account(&user.account).is_some_and(|a| a.id == i))
                    });
                    if domain_ok { self.projects_of(&user.account).find(|x| &x.name == name) } else { None }
                }
                (None, None) => return Err(IamError::bad_request("scope.project needs an id or a name.")),
            };
            return match project {
                Some(p) if p.account == user.account => Ok((user, Some(p))),
                _ => Err(IamError::unauthorized("The project does not exist or the user cannot access it.")),
            };
        }
        if let Some(d) = &scope.domain {
            let ok = d.name.as_deref().is_none_or(|n| n == user.account);
            return if ok { Ok((user, None)) } else { Err(denied()) };
        }
        Ok((user, None))
    }

    /// Who a request comes from: `X-Auth-Token`, or an AK/SK signature.
    pub fn authenticate(
        &self,
        store: &Store,
        parts: &SignedParts,
        now_ms: i64,
    ) -> Result<Caller, ApiError> {
        let unauthorized = |why: &str| ApiError::with(ErrorCode::Apigw0301, Detail::Auth(why.to_owned()));
        if let Some(token) = parts.headers.get(dws_contract::headers::AUTH_TOKEN) {
            let token = token.to_str().map_err(|_| unauthorized("The token is not valid."))?;
            let hash = token::token_hash(token.trim());
            let record = store.read(|s| s.tokens.get(&hash).cloned());
            return match record {
                Some(t) if t.expires_ms > now_ms => Ok(Caller {
                    account: t.account,
                    user: t.user,
                    reach: t.project_id.map(Reach::Project).unwrap_or(Reach::Account),
                }),
                Some(_) => Err(unauthorized("The token has expired.")),
                None => Err(unauthorized("The token is not valid.")),
            };
        }
        let Some(auth) = parts.headers.get("authorization") else {
            return Err(unauthorized("Send X-Auth-Token or an AK/SK signature."));
        };
        let auth = auth
            .to_str()
            .ok()
            .and_then(signature::parse_authorization)
            .ok_or_else(|| unauthorized(&SignatureError::Malformed.to_string()))?;
        let key = self.keys.get(&auth.access).ok_or_else(|| unauthorized(&SignatureError::UnknownKey.to_string()))?;
        signature::verify(parts, &auth, &key.secret, now_ms).map_err(|e| unauthorized(&e.to_string()))?;
        Ok(Caller { account: key.account.clone(), user: key.user.clone(), reach: Reach::AnyProject })
    }

    /// Whether a caller may run an operation on a project: the project must be the token's (or,
    /// for AK/SK, one of the account's), and the user's policies must allow the action.
    pub fn authorize(&self, caller: &Caller, op: Operation, project_id: &str) -> Result<(), ApiError> {
        let mismatch = || ApiError::Code(ErrorCode::Dws0004, None);
        let reaches = match &caller.reach {
            Reach::Project(p) => p == project_id,
            Reach::Account => false,
            Reach::AnyProject => self.project(project_id).is_some_and(|p| p.account == caller.account),
        };
        if !reaches {
            return Err(mismatch());
        }
        if let Some(action) = op.iam_action() {
            let allowed = self.user(&caller.account, &caller.user).is_some_and(|u| u.may(action));
            if !allowed {
                return Err(ApiError::with(ErrorCode::Dws0003, Detail::MissingAction(action)));
            }
        }
        Ok(())
    }
}

/// Reads a header as text.
pub fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}
