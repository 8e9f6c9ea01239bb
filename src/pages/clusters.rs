//! The clusters page.

use leptos::prelude::*;

use crate::i18n::{Text, tr};
use crate::pages::sign_in::SignInNeeded;

/// Lists the project's clusters (after sign-in).
#[component]
pub fn ClustersPage() -> impl IntoView {
    view! {
        <section data-testid="clusters-page">
            <h1>{tr(Text::NavClusters)}</h1>
            <SignInNeeded lead=Text::ClustersLead/>
        </section>
    }
}
