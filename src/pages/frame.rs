//! The frame around every signed-in page: header, navigation, language switch.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

use crate::app::{ConfigContext, href};
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::{Text, tr};

/// Header with the product name, the main navigation and the language switch; the page below.
#[component]
pub fn AppFrame() -> impl IntoView {
    let config = expect_context::<ConfigContext>();
    view! {
        <a class="skip-link" href="#main">{tr(Text::SkipToContent)}</a>
        <header class="app-header" data-testid="app-header">
            <A href=href("/clusters") {..} class="brand">
                <span class="brand-mark" aria-hidden="true">"DWS"</span>
                <span class="brand-name">{tr(Text::ProductName)}</span>
            </A>
            <nav class="main-nav" aria-label=tr(Text::MainNavigation) data-testid="main-nav">
                <A href=href("/clusters")>{tr(Text::NavClusters)}</A>
                <A href=href("/snapshots")>{tr(Text::NavSnapshots)}</A>
                <A href=href("/node-types")>{tr(Text::NavNodeTypes)}</A>
            </nav>
            <div class="header-tools">
                <LanguageSwitch/>
            </div>
        </header>
        <Show when=move || config.error.get().is_some()>
            <div class="banner banner-warning" role="status">{tr(Text::ConfigFallback)}</div>
        </Show>
        <main id="main" class="app-main" tabindex="-1">
            <Outlet/>
        </main>
    }
}
