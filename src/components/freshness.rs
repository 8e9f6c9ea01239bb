//! How fresh a live list is: when it was last updated, a refresh button, and the banner while the
//! service cannot be reached.

use leptos::prelude::*;

use crate::clock::{ago, use_clock};
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr, use_lang};
use crate::live::Live;

/// "Updated 5 s ago", the refresh button, and the banner while the service cannot be reached.
#[component]
pub fn Freshness<T: Send + Sync + 'static>(live: Live<T>) -> impl IntoView {
    let lang = use_lang();
    let now = use_clock();
    let updated = move || {
        live.updated_ms.get().map(|t| format!("{} {}", Text::Updated.get(lang.get()), ago(now.get() - t, lang.get())))
    };
    let retry = move || {
        live.retry_at_ms.get().map(|t| {
            let s = ((t - now.get()) / 1000).max(0);
            format!("{} {s} s", Text::RetryingIn.get(lang.get()))
        })
    };
    view! {
        <div class="freshness">
            <span class="muted" data-testid="updated" aria-live="off">{updated}</span>
            <button type="button" class="button small" data-testid="refresh" on:click=move |_| live.refresh()
                aria-busy=move || live.loading.get().to_string()>
                {move || if live.loading.get() { Text::Refreshing.get(lang.get()) } else { Text::Refresh.get(lang.get()) }}
            </button>
        </div>
        {move || live.error.get().map(|e| {
            let transient = e.is_transient();
            view! {
                <div class="banner" class:banner-warning=transient class:banner-error=!transient data-testid="live-error">
                    {transient.then(|| view! { <p><strong>{tr(Text::ConnectionTrouble)}</strong> " " {retry}</p> })}
                    <ErrorView error=Signal::derive(move || live.error.get())/>
                </div>
            }
        })}
    }
}
