//! Signing in with an IAM user and password, scoped to a project.

use dws_contract::rules::{self, RuleError};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::app::{ConfigContext, href};
use crate::components::field::TextField;
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::{Text, tr, use_lang};

/// The sign-in page: the form in a card, with the language switch.
#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <main id="main" class="centered-page">
            <div class="card narrow" data-testid="sign-in-page">
                <div class="card-top">
                    <span class="brand-mark" aria-hidden="true">"DWS"</span>
                    <LanguageSwitch/>
                </div>
                <h1>{tr(Text::SignInTitle)}</h1>
                <p class="lead">{tr(Text::SignInLead)}</p>
                <SignInForm/>
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

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The sign-in form. Errors show once a field has been left or the form submitted, and follow
/// the language switch.
#[component]
pub fn SignInForm() -> impl IntoView {
    let lang = use_lang();
    let config = use_context::<ConfigContext>();
    let account = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let notice = RwSignal::new(None::<Text>);

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
        submitted.set(true);
        let errors = input().errors();
        if let Some((first, _)) = errors.first() {
            notice.set(Some(Text::FixErrors));
            focus(first);
        } else {
            notice.set(Some(Text::SignInUnavailable));
        }
    };

    view! {
        <form class="form" novalidate on:submit=on_submit data-testid="sign-in-form">
            <TextField id="account" label=tr(Text::AccountName) value=account error=error_for("account")
                hint=Signal::derive(tr(Text::AccountHint)) autocomplete="organization"/>
            <TextField id="user" label=tr(Text::IamUserName) value=user error=error_for("user")
                autocomplete="username"/>
            <TextField id="password" label=tr(Text::Password) value=password error=error_for("password")
                input_type="password" autocomplete="current-password"/>
            <TextField id="project" label=tr(Text::Project) value=project error=error_for("project")
                hint=Signal::derive(tr(Text::ProjectHint))/>
            <Show when=move || !regions().is_empty()>
                <div class="field">
                    <label for="region">{tr(Text::Region)}</label>
                    <select id="region" name="region" on:change=move |ev| region.set(event_target_value(&ev))>
                        <For each=regions key=|r| r.name.clone() let:r>
                            <option value=r.name.clone()>{r.label.clone().unwrap_or(r.name.clone())}</option>
                        </For>
                    </select>
                </div>
            </Show>
            <p class="form-notice" role="status" data-testid="sign-in-notice">
                {move || notice.get().map(|t| t.get(lang.get()))}
            </p>
            <button type="submit" class="button primary" data-testid="sign-in-submit">
                {tr(Text::SignIn)}
            </button>
        </form>
    }
}

/// Shown on signed-in pages while no one is signed in.
#[component]
pub fn SignInNeeded(
    /// What the page will show once signed in.
    lead: Text,
) -> impl IntoView {
    view! {
        <div class="empty-state" data-testid="sign-in-needed">
            <p>{tr(lead)}</p>
            <p class="muted">{tr(Text::NotSignedIn)}</p>
            <A href=href("/sign-in") {..} class="button primary">{tr(Text::SignIn)}</A>
        </div>
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
