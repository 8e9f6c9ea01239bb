//! A labelled form field with its hint and its error, tied together for assistive technology.

use leptos::prelude::*;

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
    hint: Option<Signal<&'static str>>,
    /// `text`, `password`, …
    #[prop(default = "text")]
    input_type: &'static str,
    /// The browser's autofill hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
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
                autocomplete=autocomplete
                spellcheck="false"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <p class="field-error" id=error_id.clone() aria-live="polite" data-testid=format!("{id}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}
