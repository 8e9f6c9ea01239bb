//! The signed-in session: token, expiry, user and project, kept in this tab's `sessionStorage`
//! only (never `localStorage`, the URL or cookies), and the rules for ending it.

use dws_contract::types::TokenResponse;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::Api;
use crate::i18n::Text;

const SESSION_KEY: &str = "dws-console.session";
const RETURN_KEY: &str = "dws-console.return-to";

/// Who is signed in, to which project, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The IAM token.
    pub token: String,
    /// When the token expires (ms since the epoch), when known (a pasted token's is not).
    pub expires_at_ms: Option<i64>,
    /// The project every DWS path names.
    pub project_id: String,
    /// The project's name (the region name), when known.
    pub project_name: Option<String>,
    /// The user's name, when known.
    pub user_name: Option<String>,
    /// The account (domain) name, when known.
    pub account_name: Option<String>,
    /// The region picked at sign-in, when the deployment has several.
    pub region: Option<String>,
    /// Where this session's API calls go.
    pub api_base: String,
}

impl Session {
    /// A session from a password sign-in's answer. The project id comes from the token body.
    pub fn from_token(token: String, body: &TokenResponse, region: Option<String>, api_base: String) -> Option<Session> {
        let t = &body.token;
        let project = t.project.as_ref()?;
        Some(Session {
            token,
            expires_at_ms: dws_contract::time::parse_iso8601(&t.expires_at),
            project_id: project.id.clone(),
            project_name: project.name.clone(),
            user_name: t.user.as_ref().and_then(|u| u.name.clone()),
            account_name: t.user.as_ref().and_then(|u| u.domain.as_ref()).and_then(|d| d.name.clone()),
            region,
            api_base,
        })
    }

    /// Milliseconds left before the token expires, at `now_ms`; `None` if unknown.
    pub fn ms_left(&self, now_ms: i64) -> Option<i64> {
        self.expires_at_ms.map(|e| e - now_ms)
    }

    /// Whether the token has expired at `now_ms`.
    pub fn is_expired(&self, now_ms: i64) -> bool {
        self.ms_left(now_ms).is_some_and(|left| left <= 0)
    }

    /// "23 h 59 min", "5 min", "40 s" (or "23 小时 59 分钟"): how long is left, for the header.
    pub fn time_left_text(ms: i64, lang: dws_contract::Lang) -> String {
        let s = (ms / 1000).max(0);
        let (h, m, sec) = (Text::UnitHours.get(lang), Text::UnitMinutes.get(lang), Text::UnitSeconds.get(lang));
        match s {
            0..60 => format!("{s} {sec}"),
            60..3600 => format!("{} {m}", s / 60),
            _ => format!("{} {h} {} {m}", s / 3600, s % 3600 / 60),
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The session saved in this tab, if any (and not expired).
pub fn load() -> Option<Session> {
    let text = storage()?.get_item(SESSION_KEY).ok().flatten()?;
    let s: Session = serde_json::from_str(&text).ok()?;
    (!s.is_expired(now_ms())).then_some(s)
}

fn save(s: &Session) {
    if let (Some(st), Ok(text)) = (storage(), serde_json::to_string(s)) {
        // A browser that blocks storage keeps the session for this page view only.
        let _ = st.set_item(SESSION_KEY, &text);
    }
}

fn clear() {
    if let Some(st) = storage() {
        let _ = st.remove_item(SESSION_KEY);
        let _ = st.remove_item(RETURN_KEY);
    }
}

/// Remembers the page to come back to after signing in again, as a path inside the console
/// (without the base path, which the router adds).
pub fn remember_return_to(path: &str) {
    let base = crate::browser::base_path();
    let inside = if base.is_empty() { path } else { path.strip_prefix(base.as_str()).unwrap_or(path) };
    if let Some(st) = storage() {
        let _ = st.set_item(RETURN_KEY, inside);
    }
}

/// The page to come back to (taken: it is used once).
pub fn take_return_to() -> Option<String> {
    let st = storage()?;
    let p = st.get_item(RETURN_KEY).ok().flatten()?;
    let _ = st.remove_item(RETURN_KEY);
    // Only a path of this console, never another site.
    (p.starts_with('/') && !p.starts_with("//")).then_some(p)
}

/// Now, in ms since the epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The session shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct SessionContext {
    /// The session, while signed in.
    pub session: RwSignal<Option<Session>>,
    /// Why the user was signed out, shown on the sign-in page.
    pub ended: RwSignal<Option<Text>>,
}

impl SessionContext {
    /// Starts with the session saved in this tab.
    pub fn provide() -> SessionContext {
        let ctx = SessionContext { session: RwSignal::new(load()), ended: RwSignal::new(None) };
        provide_context(ctx);
        ctx
    }

    /// Keeps a new session.
    pub fn sign_in(&self, s: Session) {
        save(&s);
        self.ended.set(None);
        self.session.set(Some(s));
    }

    /// Ends the session because the user asked to: everything is cleared.
    pub fn sign_out(&self) {
        clear();
        // The next person at this tab should not see what this one did.
        if let Some(log) = crate::activity::ActivityLog::current() {
            log.clear();
        }
        self.ended.set(Some(Text::SignedOut));
        self.session.set(None);
    }

    /// When the service refused the token (a 401), ends the session, once however many requests
    /// hear it, and says so; `false` for any other failure.
    pub fn refused(&self, e: &crate::api::ApiError) -> bool {
        if !e.is_unauthorized() {
            return false;
        }
        if self.session.with_untracked(Option::is_some) {
            self.expire(Text::SessionRefused);
        }
        true
    }

    /// Ends the session because the token expired or was refused, remembering where the user was
    /// so signing in again brings them back.
    pub fn expire(&self, reason: Text) {
        let here = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        clear();
        remember_return_to(&format!("{here}{search}"));
        self.ended.set(Some(reason));
        self.session.set(None);
    }
}

/// The session context; pages are only mounted under the app, which provides it.
pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}

/// An API client for the signed-in session (none when signed out).
pub fn use_api() -> Signal<Option<Api>> {
    let ctx = use_session();
    let lang = crate::i18n::use_lang();
    Signal::derive(move || {
        ctx.session.get().map(|s| Api {
            base: s.api_base.clone(),
            token: Some(s.token.clone()),
            project_id: s.project_id.clone(),
            lang: lang.get(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_comes_from_the_token_body() {
        let body: TokenResponse = serde_json::from_str(
            r#"{"token":{"expires_at":"2030-01-02T03:04:05.000000Z","methods":["password"],
                "user":{"id":"u","name":"admin","domain":{"id":"d","name":"demo"}},
                "project":{"id":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","name":"ae-ad-1"}}}"#,
        )
        .unwrap();
        let s = Session::from_token("tok".into(), &body, None, String::new()).unwrap();
        assert_eq!(s.project_id, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        assert_eq!(s.project_name.as_deref(), Some("ae-ad-1"));
        assert_eq!(s.user_name.as_deref(), Some("admin"));
        assert_eq!(s.account_name.as_deref(), Some("demo"));
        let exp = s.expires_at_ms.unwrap();
        assert!(!s.is_expired(exp - 1));
        assert!(s.is_expired(exp));
    }

    #[test]
    fn a_token_without_a_project_gives_no_session() {
        let body: TokenResponse = serde_json::from_str(r#"{"token":{"expires_at":"2030-01-02T03:04:05Z","methods":[]}}"#).unwrap();
        assert!(Session::from_token("t".into(), &body, None, String::new()).is_none());
    }

    #[test]
    fn time_left_reads_naturally() {
        use dws_contract::Lang;
        assert_eq!(Session::time_left_text(40_000, Lang::En), "40 s");
        assert_eq!(Session::time_left_text(5 * 60_000 + 10, Lang::En), "5 min");
        assert_eq!(Session::time_left_text(86_340_000, Lang::En), "23 h 59 min");
        assert_eq!(Session::time_left_text(86_340_000, Lang::Zh), "23 小时 59 分钟");
        assert_eq!(Session::time_left_text(-5, Lang::En), "0 s");
    }
}
