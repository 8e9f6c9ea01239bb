//! The page for addresses the console does not have.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::nav::href;
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::{Text, tr};

/// Says there is nothing here and offers the way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="centered-page" data-testid="not-found">
            <div class="card narrow">
                <LanguageSwitch/>
                <h1>{tr(Text::NotFoundTitle)}</h1>
                <p>{tr(Text::NotFoundLead)}</p>
                <A href=href("/clusters") {..} class="button primary">{tr(Text::BackToClusters)}</A>
            </div>
        </main>
    }
}
