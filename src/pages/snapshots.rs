//! The snapshots page.

use leptos::prelude::*;

use crate::i18n::{Text, tr};
use crate::pages::sign_in::SignInNeeded;

/// Lists the project's snapshots (after sign-in).
#[component]
pub fn SnapshotsPage() -> impl IntoView {
    view! {
        <section data-testid="snapshots-page">
            <h1>{tr(Text::NavSnapshots)}</h1>
            <SignInNeeded lead=Text::SnapshotsLead/>
        </section>
    }
}
