//! How an API failure is shown: code, message and remedy in the user's language, the IAM action
//! a 403 lacks, the server's own words and the request id.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Text, tr, use_lang};

/// An API error as a panel. Follows the language switch.
#[component]
pub fn ErrorView(
    /// The error to show.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let lang = use_lang();
    let explanation = move || error.get().map(|e| e.explain(lang.get()));
    view! {
        {move || {
            explanation()
                .map(|x| {
                    view! {
                        <div class="error-panel" role="alert" data-testid="error-panel">
                            <p class="error-title">
                                {x.code.clone().map(|c| view! { <code class="error-code" data-testid="error-code">{c}</code> " " })}
                                <span data-testid="error-message">{x.message.clone()}</span>
                            </p>
                            {x.missing_action.map(|a| view! {
                                <p data-testid="error-action">{tr(Text::MissingAction)} " " <code>{a}</code></p>
                            })}
                            {x.remedy.clone().map(|r| view! { <p class="error-remedy" data-testid="error-remedy">{r}</p> })}
                            {x.detail.clone().map(|d| view! { <p class="muted error-detail">{tr(Text::ServerSaid)} " " {d}</p> })}
                            {x.request_id.clone().map(|id| view! {
                                <p class="muted">{tr(Text::RequestId)} " " <code data-testid="error-request-id">{id}</code></p>
                            })}
                        </div>
                    }
                })
        }}
    }
}

/// Scrolls the first element matching `selector` into view once the page has rendered it (an
/// error that lands below the fold must not go unseen).
pub fn reveal(selector: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
        {
            el.scroll_into_view_with_bool(false);
        }
    });
}
