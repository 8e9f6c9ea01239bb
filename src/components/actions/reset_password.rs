//! Resetting a cluster's administrator password.

use dws_contract::rules::Field;
use dws_contract::types::{ClusterInfo, ResetPasswordRequest};
use dws_contract::{Operation, Secret};
use leptos::prelude::*;
use serde::de::IgnoredAny;

use super::{ClusterAction, DialogButtons, on_cluster};
use crate::api::{Answer, use_request};
use crate::components::error_view::ErrorView;
use crate::components::field::TextField;
use crate::components::password::{PasswordField, password_error};
use crate::i18n::{Text, tr, use_lang};

#[component]
pub(super) fn ResetPasswordForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let call = use_request();
    let lang = use_lang();
    let pending = call.pending;
    let failure = call.failure;
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let user = cluster.user_name.clone().unwrap_or_default();
    let user_sig = Signal::derive({
        let user = user.clone();
        move || user.clone()
    });
    let confirm_error = Signal::derive(move || {
        (submitted.get() && confirm.get() != password.get()).then(|| Text::PasswordsDiffer.get(lang.get()).to_owned())
    });
    let server_error = Signal::derive(move || {
        failure.with(|f| f.as_ref().and_then(|e| e.on_field(&[Field::NewPassword], lang.get())).map(|(_, m)| m))
    });
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let pw = password.get_untracked();
        if password_error(Field::NewPassword, &pw, &user, lang.get_untracked()).is_some() {
            crate::browser::focus("new-password");
            return;
        }
        if confirm_error.get_untracked().is_some() {
            crate::browser::focus("new-password-confirm");
            return;
        }
        let body = ResetPasswordRequest { new_password: Secret::new(pw) };
        call.send(Operation::ResetPassword, on_cluster(&id), Some(body), move |_: Answer<IgnoredAny>| {
            password.try_set(String::new());
            confirm.try_set(String::new());
            finish(ClusterAction::ResetPassword)
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p>{tr(Text::ResetPasswordExplained)} " " <code>{cluster.user_name.clone()}</code></p>
            <PasswordField id="new-password" label=tr(Text::NewPassword) value=password user_name=user_sig
                show_errors=submitted field=Field::NewPassword server_error=server_error/>
            <TextField id="new-password-confirm" label=tr(Text::ConfirmPassword) value=confirm error=confirm_error
                input_type="password" autocomplete="new-password"/>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::ResetPassword/>
        </form>
    }
}
