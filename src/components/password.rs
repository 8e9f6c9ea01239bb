//! A password field for cluster administrators: the service's rules checked as you type, a
//! strength meter (in words as well as a bar), and a show/hide toggle.

use dws_contract::rules::{self, Field, Strength};
use leptos::prelude::*;

use crate::i18n::{Text, tr, use_lang};

/// The rule's verdict on a password, in the user's language (`None` when it passes).
pub fn password_error(field: Field, password: &str, user_name: &str, lang: dws_contract::Lang) -> Option<String> {
    rules::password(field, password, user_name).err().map(|e| e.message(lang))
}

/// A new administrator password with its strength meter.
#[component]
pub fn PasswordField(
    /// Input id.
    id: &'static str,
    /// Label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The password.
    value: RwSignal<String>,
    /// The database user it is for (the rules forbid it and its reverse).
    #[prop(into)]
    user_name: Signal<String>,
    /// Whether to show the rule's verdict yet (after the field was touched or the form sent).
    #[prop(into)]
    show_errors: Signal<bool>,
    /// Which field the rule names.
    field: Field,
    /// An error from the server for this field, shown until the value changes.
    #[prop(optional, into)]
    server_error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let lang = use_lang();
    let visible = RwSignal::new(false);
    let touched = RwSignal::new(false);
    let strength = move || {
        let v = value.get();
        (!v.is_empty()).then(|| rules::password_strength(&v, &user_name.get()))
    };
    let error = move || {
        if let Some(e) = server_error.and_then(|s| s.get()) {
            return Some(e);
        }
        (show_errors.get() || touched.get())
            .then(|| password_error(field, &value.get(), &user_name.get(), lang.get()))
            .flatten()
    };
    let (level, text) = (
        move || match strength() {
            None => 0,
            Some(Strength::Refused) => 1,
            Some(Strength::Fair) => 2,
            Some(Strength::Good) => 3,
            Some(Strength::Strong) => 4,
        },
        move || {
            strength().map(|s| {
                match s {
                    Strength::Refused => Text::StrengthRefused,
                    Strength::Fair => Text::StrengthFair,
                    Strength::Good => Text::StrengthGood,
                    Strength::Strong => Text::StrengthStrong,
                }
                .get(lang.get())
            })
        },
    );
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let meter_id = format!("{id}-strength");
    let described = format!("{hint_id} {meter_id} {error_id}");
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label for=id>{move || label.get()}</label>
            <div class="password-row">
                <input id=id name=id type=move || if visible.get() { "text" } else { "password" }
                    autocomplete="new-password" spellcheck="false"
                    aria-invalid=move || error().is_some().to_string()
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:blur=move |_| touched.set(true)/>
                <button type="button" class="button small" aria-pressed=move || visible.get().to_string()
                    aria-controls=id on:click=move |_| visible.update(|v| *v = !*v)>
                    {tr(Text::ShowPassword)}
                </button>
            </div>
            <p class="field-hint" id=hint_id>{tr(Text::PasswordRules)}</p>
            <div class="strength" id=meter_id data-level=level data-testid=format!("{id}-strength")>
                <span class="strength-bar" aria-hidden="true"><span style:width=move || format!("{}%", level() * 25)></span></span>
                <span class="strength-text" aria-live="polite">{move || text().map(|t| format!("{}: {t}", Text::Strength.get(lang.get())))}</span>
            </div>
            <p class="field-error" id=error_id aria-live="polite" data-testid=format!("{id}-error")>{error}</p>
        </div>
    }
}
