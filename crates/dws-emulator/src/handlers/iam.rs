//! IAM: tokens (3.1) and projects (appendix 7.4), answered in IAM's own error shape.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use dws_contract::operation::Operation;
use dws_contract::time::format_iso8601_micros;
use dws_contract::types::{
    AuthTokenRequest, CatalogEndpoint, CatalogService, Links, NamedRef, Project, ProjectsResponse, Token,
    TokenProject, TokenResponse, TokenUser,
};

use crate::app::SharedApp;
use crate::auth::signature::SignedParts;
use crate::auth::token::{TokenRecord, new_token, token_hash};
use crate::error::IamError;

/// The IAM operations' entry.
pub async fn entry(
    app: SharedApp,
    op: Operation,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) => return IamError::bad_request(e.body_text()).into_response(),
    };
    let result = match op {
        Operation::GetToken => get_token(app, &headers, &body).await,
        Operation::ListProjects => list_projects(app, &uri, &headers, &body).await,
        _ => Err(IamError { status: StatusCode::NOT_FOUND, message: "No such IAM operation.".into() }),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Where this emulator is reached, for the token's catalog: the Host the caller used.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:8090");
    let scheme = headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()).unwrap_or("http");
    format!("{scheme}://{host}")
}

/// POST /v3/auth/tokens: 201 with the token in `X-Subject-Token`.
async fn get_token(app: SharedApp, headers: &HeaderMap, body: &[u8]) -> Result<Response, IamError> {
    let req: AuthTokenRequest = serde_json::from_slice(body)
        .map_err(|e| IamError::bad_request(format!("The request body is not a valid token request: {e}")))?;
    let (user, project) = app.iam.sign_in(&req)?;
    let account = app.iam.account(&user.account).cloned();
    let now = app.wall_clock.now_ms();
    let token = new_token();
    let record = TokenRecord {
        account: user.account.clone(),
        user: user.name.clone(),
        project_id: project.map(|p| p.id.clone()),
        issued_ms: now,
        expires_ms: now + app.iam.token_ttl_ms,
    };
    let hash = token_hash(&token);
    let stored = record.clone();
    app.write(move |txn, _| {
        txn.put_token(hash, stored);
        Ok(())
    })
    .await
    .map_err(|_| IamError { status: StatusCode::INTERNAL_SERVER_ERROR, message: "The token could not be stored.".into() })?;

    let domain = account.map(|a| NamedRef { id: Some(a.id), name: Some(a.name) });
    let base = base_url(headers);
    let body = TokenResponse {
        token: Token {
            expires_at: format_iso8601_micros(record.expires_ms),
            issued_at: Some(format_iso8601_micros(record.issued_ms)),
            methods: vec!["password".into()],
            user: Some(TokenUser { id: Some(user.id.clone()), name: Some(user.name.clone()), domain: domain.clone() }),
            project: project.map(|p| TokenProject { id: p.id.clone(), name: Some(p.name.clone()), domain: domain.clone() }),
            roles: Some(vec![NamedRef { id: Some("0".into()), name: Some("op_user".into()) }]),
            catalog: Some(vec![
                catalog_entry("dws", "dws", &base, &app.config.region),
                catalog_entry("identity", "iam", &base, &app.config.region),
            ]),
        },
    };
    let mut res = (StatusCode::CREATED, Json(body)).into_response();
    let value = HeaderValue::from_str(&token).map_err(|_| IamError::bad_request("token"))?;
    res.headers_mut().insert(dws_contract::headers::SUBJECT_TOKEN, value);
    Ok(res)
}

fn catalog_entry(kind: &str, name: &str, url: &str, region: &str) -> CatalogService {
    CatalogService {
        kind: Some(kind.into()),
        id: Some(crate::config::derived_id("service", kind)),
        name: Some(name.into()),
        endpoints: vec![CatalogEndpoint {
            id: Some(crate::config::derived_id("endpoint", kind)),
            interface: Some("public".into()),
            region: Some(region.into()),
            region_id: Some(region.into()),
            url: Some(url.into()),
        }],
    }
}

/// GET /v3/projects (optionally `?name=`): the projects of the caller's account.
async fn list_projects(app: SharedApp, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<Response, IamError> {
    let parts = SignedParts { method: "GET", raw_path: uri.path(), raw_query: uri.query(), headers, body };
    let caller = app
        .iam
        .authenticate(&app.store, &parts, app.wall_clock.now_ms())
        .map_err(|_| IamError::unauthorized("The request you have made requires authentication."))?;
    let name_filter = uri.query().and_then(|q| {
        q.split('&').find_map(|p| p.strip_prefix("name=")).map(|v| {
            percent_encoding::percent_decode_str(&v.replace('+', " ")).decode_utf8_lossy().into_owned()
        })
    });
    let base = base_url(headers);
    let account_id = app.iam.account(&caller.account).map(|a| a.id.clone());
    let projects = app
        .iam
        .projects_of(&caller.account)
        .filter(|p| name_filter.as_deref().is_none_or(|n| n == p.name))
        .map(|p| Project {
            id: p.id.clone(),
            name: p.name.clone(),
            domain_id: account_id.clone(),
            is_domain: Some(false),
            parent_id: account_id.clone(),
            description: Some(String::new()),
            links: Some(Links { next: None, previous: None, self_link: Some(format!("{base}/v3/projects/{}", p.id)) }),
            enabled: Some(true),
        })
        .collect();
    let links = Links { next: None, previous: None, self_link: Some(format!("{base}/v3/projects")) };
    Ok(Json(ProjectsResponse { projects, links: Some(links) }).into_response())
}
