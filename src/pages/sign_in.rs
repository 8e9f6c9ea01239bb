//! Signing in with an IAM user and password, scoped to a project.

use dws_contract::console_config::RegionConfig;
use dws_contract::rules::{self, RuleError};
use dws_contract::types::{AuthTokenRequest, ProjectsResponse};
use dws_contract::{Operation, PathParams, Secret};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{Answer, Api, ApiError};
use crate::browser::focus;
use crate::config::ConfigContext;
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::{Text, tr, use_lang};
use crate::session::{Session, SessionContext, use_session};
use crate::live::effect;

/// The sign-in page: the form in a card, with the language switch.
#[component]
pub fn SignInPage() -> impl IntoView {
    let by_token = RwSignal::new(false);
    let lang = crate::i18n::use_lang();
    effect(move || {
        let l = lang.get();
        crate::browser::set_title(&format!("{} · {}", Text::SignIn.get(l), Text::ProductName.get(l)));
    });
    // A performance mark when the form can first be used, for `cargo xtask bench console`.
    effect(move || {
        request_animation_frame(|| {
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.mark("dws:sign-in-ready");
            }
        })
    });
    // Arrow keys move between the two tabs, as the ARIA tabs pattern asks.
    let arrows = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
            ev.prevent_default();
            let token = match ev.key().as_str() {
                "Home" => false,
                "End" => true,
                _ => !by_token.get_untracked(),
            };
            by_token.set(token);
            focus(if token { "tab-token" } else { "tab-password" });
        }
    };
    view! {
        <main id="main" class="centered-page">
            <div class="card narrow" data-testid="sign-in-page">
                <div class="card-top">
                    <span class="brand-mark" aria-hidden="true">"DWS"</span>
                    <LanguageSwitch/>
                </div>
                <h1>{tr(Text::SignInTitle)}</h1>
                <p class="lead">{tr(Text::SignInLead)}</p>
                <SessionEnded/>
                <div class="tabs" role="tablist" aria-label=tr(Text::SignInMethod)>
                    <button type="button" role="tab" id="tab-password" aria-controls="panel-password"
                        aria-selected=move || (!by_token.get()).to_string() data-testid="tab-password"
                        tabindex=move || if by_token.get() { "-1" } else { "0" }
                        on:click=move |_| by_token.set(false) on:keydown=arrows>
                        {tr(Text::PasswordTab)}
                    </button>
                    <button type="button" role="tab" id="tab-token" aria-controls="panel-token"
                        aria-selected=move || by_token.get().to_string() data-testid="tab-token"
                        tabindex=move || if by_token.get() { "0" } else { "-1" }
                        on:click=move |_| by_token.set(true) on:keydown=arrows>
                        {tr(Text::TokenTab)}
                    </button>
                </div>
                <div role="tabpanel" id="panel-password" aria-labelledby="tab-password" hidden=move || by_token.get()>
                    <SignInForm/>
                </div>
                <div role="tabpanel" id="panel-token" aria-labelledby="tab-token" hidden=move || !by_token.get()>
                    <TokenForm/>
                </div>
            </div>
        </main>
    }
}

/// What each sign-in field holds, checked with the contract's rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignInInput {
    /// Account (domain) name.
    pub account: String,
    /// IAM user name.
    pub user: String,
    /// Password.
    pub password: String,
    /// Project name or id.
    pub project: String,
}

impl SignInInput {
    /// Every broken rule, keyed by the form's input id, in the order of the form.
    pub fn errors(&self) -> Vec<(&'static str, RuleError)> {
        let mut errors = Vec::new();
        if let Err(e) = rules::account_name(&self.account) {
            errors.push(("account", e));
        }
        if let Err(e) = rules::iam_user_name(&self.user) {
            errors.push(("user", e));
        }
        if let Err(e) = rules::iam_password(&self.password) {
            errors.push(("password", e));
        }
        if let Err(e) = rules::project(&self.project) {
            errors.push(("project", e));
        }
        errors
    }
}

/// Where to go once signed in: back where the session ended, or the clusters.
fn after_sign_in() -> String {
    crate::session::take_return_to().filter(|p| p != "/sign-in").unwrap_or_else(|| "/clusters".to_owned())
}

/// The region signed in to (the one picked, else the first configured, else none) and where its
/// API calls go.
fn endpoint(config: Option<ConfigContext>, picked: &str) -> (Option<String>, String) {
    let Some(config) = config else { return (None, String::new()) };
    config.config.with_untracked(|c| {
        let region = if picked.is_empty() { c.regions.first().map(|r| r.name.clone()) } else { Some(picked.to_owned()) };
        let base = c.api_base_for(region.as_deref()).to_owned();
        (region, base)
    })
}

/// Why the last session ended, on top of the sign-in page.
#[component]
fn SessionEnded() -> impl IntoView {
    let ctx = use_session();
    let lang = use_lang();
    view! {
        {move || ctx.ended.get().map(|t| view! {
            <div class="banner banner-info" role="status" data-testid="session-ended">{t.get(lang.get())}</div>
        })}
    }
}

/// The sign-in form. Errors show once the form has been submitted, and follow the language
/// switch. While the request is out the button is disabled, so it cannot be sent twice.
#[component]
pub fn SignInForm() -> impl IntoView {
    let lang = use_lang();
    let config = use_context::<ConfigContext>();
    let session = use_context::<SessionContext>();
    let navigate = use_navigate();
    let account = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let notice = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);

    let input = move || SignInInput {
        account: account.get(),
        user: user.get(),
        password: password.get(),
        project: project.get(),
    };
    let error_for = move |id: &'static str| {
        Signal::derive(move || {
            if !submitted.get() {
                return None;
            }
            input()
                .errors()
                .into_iter()
                .find(|(field, _)| *field == id)
                .map(|(_, e)| e.message(lang.get()))
        })
    };
    let regions = move || config.map(|c| c.config.get().regions).unwrap_or_default();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        failure.set(None);
        // Why the last session ended is old news once the user tries again.
        if let Some(ctx) = session {
            ctx.ended.set(None);
        }
        let i = input();
        if let Some((first, _)) = i.errors().first() {
            notice.set(Some(Text::FixErrors));
            focus(first);
            return;
        }
        notice.set(None);
        let Ok(project_ref) = rules::project(&i.project) else { return };
        let request = AuthTokenRequest::password(
            &i.account,
            &i.user,
            Secret::new(i.password.clone()),
            project_ref.scope(&i.account),
        );
        let (region, base) = endpoint(config, &region.get_untracked());
        let api = Api { base: base.clone(), token: None, project_id: String::new(), lang: lang.get_untracked() };
        pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = api.sign_in(&request).await;
            pending.try_set(false);
            match result {
                Ok((token, body)) => match Session::from_token(token, &body, region, base) {
                    Some(s) => {
                        password.try_set(String::new());
                        if let Some(ctx) = session {
                            ctx.sign_in(s);
                        }
                        navigate(&after_sign_in(), Default::default());
                    }
                    None => {
                        notice.try_set(Some(Text::TokenWithoutProject));
                    }
                },
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    };

    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="sign-in-form">
            <TextField id="account" label=tr(Text::AccountName) value=account error=error_for("account")
                hint=field_hint(Text::AccountHint) autocomplete="organization"/>
            <TextField id="user" label=tr(Text::IamUserName) value=user error=error_for("user")
                autocomplete="username"/>
            <TextField id="password" label=tr(Text::Password) value=password error=error_for("password")
                input_type="password" autocomplete="current-password"/>
            <TextField id="project" label=tr(Text::Project) value=project error=error_for("project")
                hint=field_hint(Text::ProjectHint)/>
            <RegionPicker region=region regions=Signal::derive(regions)/>
            <p class="form-notice" role="status" data-testid="sign-in-notice">
                {move || notice.get().map(|t| t.get(lang.get()))}
            </p>
            <ErrorView error=failure/>
            <button type="submit" class="button primary" data-testid="sign-in-submit"
                disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { Text::SigningIn.get(lang.get()) } else { Text::SignIn.get(lang.get()) }}
            </button>
        </form>
    }
}

/// The region picker, when the deployment has several regions.
#[component]
fn RegionPicker(region: RwSignal<String>, #[prop(into)] regions: Signal<Vec<RegionConfig>>) -> impl IntoView {
    view! {
        <Show when=move || !regions.get().is_empty()>
            <div class="field">
                <label for="region">{tr(Text::Region)}</label>
                <select id="region" name="region" on:change=move |ev| region.set(event_target_value(&ev))>
                    <For each=move || regions.get() key=|r| r.name.clone() let:r>
                        <option value=r.name.clone()>{r.label.clone().unwrap_or(r.name.clone())}</option>
                    </For>
                </select>
            </div>
        </Show>
    }
}

/// Signing in with a token obtained elsewhere (for example from `hcloud` or an SDK) and the
/// project id it is scoped to. The token is checked with IAM's project list before it is kept.
#[component]
pub fn TokenForm() -> impl IntoView {
    let lang = use_lang();
    let config = use_context::<ConfigContext>();
    let session = use_context::<SessionContext>();
    let navigate = use_navigate();
    let token = RwSignal::new(String::new());
    let project_id = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let regions = move || config.map(|c| c.config.get().regions).unwrap_or_default();

    let token_error = Signal::derive(move || {
        (submitted.get() && token.with(|t| t.trim().is_empty()))
            .then(|| Text::TokenRequired.get(lang.get()).to_owned())
    });
    let project_error = Signal::derive(move || {
        if !submitted.get() {
            return None;
        }
        match rules::project(project_id.get().trim()) {
            Ok(rules::ProjectRef::Id(_)) => None,
            Ok(rules::ProjectRef::Name(_)) => Some(Text::ProjectIdNeeded.get(lang.get()).to_owned()),
            Err(e) => Some(e.message(lang.get())),
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        failure.set(None);
        if token_error.get_untracked().is_some() {
            focus("token");
            return;
        }
        if project_error.get_untracked().is_some() {
            focus("token-project");
            return;
        }
        let (region, base) = endpoint(config, &region.get_untracked());
        let pid = project_id.get_untracked().trim().to_owned();
        let t = token.get_untracked().trim().to_owned();
        let api = Api { base: base.clone(), token: Some(t.clone()), project_id: pid.clone(), lang: lang.get_untracked() };
        pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result: Result<Answer<ProjectsResponse>, ApiError> =
                api.call(Operation::ListProjects, &PathParams::default(), None::<&()>).await;
            pending.try_set(false);
            match result {
                Ok(answer) => {
                    let name = answer.body.projects.iter().find(|p| p.id == pid).map(|p| p.name.clone());
                    token.try_set(String::new());
                    let s = Session {
                        token: t,
                        expires_at_ms: None,
                        project_id: pid,
                        project_name: name,
                        user_name: None,
                        account_name: None,
                        region,
                        api_base: base,
                    };
                    if let Some(ctx) = session {
                        ctx.sign_in(s);
                    }
                    navigate(&after_sign_in(), Default::default());
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
        });
    };

    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="token-form">
            <div class="field" class:field-invalid=move || token_error.get().is_some()>
                <label for="token">{tr(Text::Token)}</label>
                <textarea id="token" name="token" rows="4" spellcheck="false" autocomplete="off"
                    aria-describedby="token-hint token-error"
                    aria-invalid=move || token_error.get().is_some().to_string()
                    prop:value=move || token.get()
                    on:input=move |ev| token.set(event_target_value(&ev))></textarea>
                <p class="field-hint" id="token-hint">{tr(Text::TokenHint)}</p>
                <p class="field-error" id="token-error" aria-live="polite">{move || token_error.get()}</p>
            </div>
            <TextField id="token-project" label=tr(Text::ProjectId) value=project_id error=project_error/>
            <RegionPicker region=region regions=Signal::derive(regions)/>
            <ErrorView error=failure/>
            <button type="submit" class="button primary" data-testid="token-submit"
                disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { Text::SigningIn.get(lang.get()) } else { Text::UseToken.get(lang.get()) }}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dws_contract::rules::{Field, Violation};

    #[test]
    fn an_empty_form_reports_every_field_in_order() {
        let errors = SignInInput::default().errors();
        let ids: Vec<&str> = errors.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, ["account", "user", "password", "project"]);
        assert!(errors.iter().all(|(_, e)| e.violation == Violation::Required));
    }

    #[test]
    fn the_demo_credentials_are_valid() {
        let input = SignInInput {
            account: "demo".into(),
            user: "admin".into(),
            password: "Admin@12345".into(),
            project: "ae-ad-1".into(),
        };
        assert!(input.errors().is_empty());
    }

    #[test]
    fn a_bad_project_is_reported_on_its_field() {
        let input = SignInInput {
            account: "demo".into(),
            user: "admin".into(),
            password: "x".into(),
            project: "ae ad 1".into(),
        };
        let errors = input.errors();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "project");
        assert_eq!(errors[0].1.field, Field::Project);
    }
}
