//! A button that copies a value (a connection string, a JDBC URL) to the clipboard.

use leptos::prelude::*;

use crate::i18n::{Text, use_lang};

/// Copies `value`; says "Copied" for a moment (announced to screen readers).
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    value: String,
    /// What it is, for the button's accessible name.
    label: Text,
    /// Which one, when several share the label (`CN 2`).
    #[prop(default = None)]
    detail: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let copied = RwSignal::new(None::<bool>);
    let v = value.clone();
    let copy = move |_| {
        // Browsers only offer the clipboard to secure pages (https or localhost); elsewhere say so
        // instead of calling into an undefined object.
        let navigator = web_sys::window().map(|w| w.navigator());
        let available = navigator.as_ref().is_some_and(|n| {
            js_sys::Reflect::get(n, &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null())
        });
        let Some(navigator) = navigator.filter(|_| available) else {
            copied.set(Some(false));
            return;
        };
        let promise = navigator.clipboard().write_text(&v);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.try_set(Some(ok));
            set_timeout(move || { copied.try_set(None); }, std::time::Duration::from_secs(2));
        });
    };
    view! {
        <button type="button" class="button small copy" data-testid="copy"
            aria-label=move || {
                let what = format!("{} {}", Text::Copy.get(lang.get()), label.get(lang.get()));
                match &detail {
                    Some(d) => format!("{what} ({d})"),
                    None => what,
                }
            }
            on:click=copy>
            {move || match copied.get() {
                Some(true) => Text::Copied.get(lang.get()),
                Some(false) => Text::CopyFailed.get(lang.get()),
                None => Text::Copy.get(lang.get()),
            }}
        </button>
        <span class="visually-hidden" aria-live="polite">{move || copied.get().map(|ok| if ok { Text::Copied.get(lang.get()) } else { Text::CopyFailed.get(lang.get()) })}</span>
    }
}
