//! A labelled form field with its hint and its error, tied together for assistive technology.

use dws_contract::rules::{Field, RuleError};
use dws_contract::status::PublicBindType;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Text, tr};
use crate::live::effect;

/// A text signal for one member of a form held in one signal, kept in step both ways (so a
/// field can be typed into, and the form can be filled in from elsewhere).
pub fn bind_field<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    get: fn(&F) -> &String,
    set: fn(&mut F, String),
) -> RwSignal<String> {
    let s = RwSignal::new(form.with_untracked(|f| get(f).clone()));
    effect(move || {
        let v = s.get();
        if form.with_untracked(|f| *get(f) != v) {
            form.update(|f| set(f, v));
        }
    });
    effect(move || {
        let v = form.with(|f| get(f).clone());
        if s.get_untracked() != v {
            s.set(v);
        }
    });
    s
}

/// The id of the first field, in the order a form shows them (`fields`), that breaks a rule:
/// where the focus goes when the form is refused. (The rules report in their own order.)
pub fn first_broken(fields: &[(Field, &'static str)], errors: &[RuleError]) -> Option<&'static str> {
    fields.iter().find(|(f, _)| errors.iter().any(|e| e.field == *f)).map(|(_, id)| *id)
}

/// Points the user at what the service refused: the form's field for a code that means one of
/// them (the field then shows the message), otherwise the form's error panel (`panel`, a CSS
/// selector), scrolled into view.
pub fn point_at_failure(e: &ApiError, fields: &[(Field, &'static str)], panel: &'static str) {
    let names: Vec<Field> = fields.iter().map(|(f, _)| *f).collect();
    let field = e.code().and_then(|c| RuleError::field_for_code(c, &names));
    match field.and_then(|f| fields.iter().find(|(x, _)| *x == f)).map(|(_, id)| *id) {
        Some(id) => crate::browser::focus(id),
        None => crate::components::error_view::reveal(panel),
    }
}

/// A fixed hint, in the language of the moment.
pub fn field_hint(text: Text) -> Signal<String> {
    let lang = crate::i18n::use_lang();
    Signal::derive(move || text.get(lang.get()).to_owned())
}

/// A text input with a visible label, an optional hint and the message of a broken rule.
///
/// The input's `aria-describedby` names the hint and the error, and `aria-invalid` is set while
/// the error shows, so a screen reader announces both.
#[component]
pub fn TextField(
    /// The input's id (the label's `for`), also the base of the hint's and error's ids.
    id: &'static str,
    /// The label text.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value, two-way.
    value: RwSignal<String>,
    /// The message of the rule the value breaks, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// A hint under the input.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// `text`, `password`, `number`, …
    #[prop(default = "text")]
    input_type: &'static str,
    /// The browser's autofill hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    // A number is typed into a text input with the numeric keyboard, not `type="number"`: that
    // one reports an empty value for a half-typed or invalid number (`-`, `1.`, `1.5e`), which
    // the two-way binding would write back, rewriting what the user typed. As text, the value
    // stays as typed and the form's rules say what is wrong with it.
    let (input_type, input_mode) = match input_type {
        "number" => ("text", Some("numeric")),
        other => (other, None),
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                name=id
                type=input_type
                inputmode=input_mode
                autocomplete=autocomplete
                spellcheck="false"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone() data-testid=hint_id.clone()>{move || h.get()}</p> })}
            <p class="field-error" id=error_id.clone() aria-live="polite" data-testid=format!("{id}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}

/// `not_use`, `auto_assign` or `bind_existing`, as radio buttons.
#[component]
pub fn PublicIpChoice(
    /// Prefix of the radio buttons' ids.
    id_prefix: &'static str,
    /// The choice.
    #[prop(into)]
    value: Signal<PublicBindType>,
    /// Called with the new choice.
    set: Callback<PublicBindType>,
) -> impl IntoView {
    let choices = [
        (PublicBindType::NotUse, Text::PublicIpNone, "ip-none"),
        (PublicBindType::AutoAssign, Text::PublicIpAuto, "ip-auto"),
        (PublicBindType::BindExisting, Text::PublicIpExisting, "ip-existing"),
    ];
    view! {
        <fieldset class="radio-group" data-testid="public-ip">
            <legend>{tr(Text::PublicIp)}</legend>
            {choices.into_iter().map(|(kind, label, id)| {
                let id = format!("{id_prefix}-{id}");
                let for_id = id.clone();
                let k2 = kind.clone();
                view! {
                    <label for=for_id class="radio">
                        <input type="radio" id=id name=format!("{id_prefix}-public-bind-type") value=kind.as_str().to_owned()
                            prop:checked=move || value.with(|v| *v == k2)
                            on:change=move |_| set.run(kind.clone())/>
                        {tr(label)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
