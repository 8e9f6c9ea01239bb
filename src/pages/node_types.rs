//! The node types page.

use leptos::prelude::*;

use crate::i18n::{Text, tr};
use crate::pages::sign_in::SignInNeeded;

/// Lists the node types the service offers (after sign-in).
#[component]
pub fn NodeTypesPage() -> impl IntoView {
    view! {
        <section data-testid="node-types-page">
            <h1>{tr(Text::NavNodeTypes)}</h1>
            <SignInNeeded lead=Text::NodeTypesLead/>
        </section>
    }
}
