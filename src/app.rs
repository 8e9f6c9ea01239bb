//! The application: shared state (language, configuration, base path) and the router.

use dws_contract::Lang;
use dws_contract::console_config::ConsoleConfig;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::browser;
use crate::config::{self, ConfigContext};
use crate::i18n::LangContext;
use crate::nav::BasePath;
use crate::pages::frame::AppFrame;
use crate::pages::not_found::NotFound;
use crate::pages::clusters::ClustersPage;
use crate::pages::node_types::NodeTypesPage;
use crate::pages::restore::RestorePage;
use crate::pages::snapshot_detail::SnapshotDetailPage;
use crate::pages::snapshots::SnapshotsPage;
use crate::pages::sign_in::SignInPage;
use crate::pages::cluster::ClusterDetailPage;
use crate::pages::create_cluster::CreateClusterPage;
use crate::pages::events::EventsPage;
use crate::session::SessionContext;
use crate::clock::Clock;
use crate::live::effect;

/// Provides the language, configuration and base path that every page reads.
pub fn provide_app_state(initial_lang: Lang) -> ConfigContext {
    let lang = RwSignal::new(initial_lang);
    provide_context(LangContext(lang));
    let ctx = ConfigContext { config: RwSignal::new(ConsoleConfig::default()), error: RwSignal::new(None) };
    provide_context(ctx);
    provide_context(BasePath(browser::base_path()));
    SessionContext::provide();
    crate::activity::ActivityLog::install();
    Clock::provide();
    effect(move || browser::set_document_lang(lang.get()));
    ctx
}

/// The console.
#[component]
pub fn App() -> impl IntoView {
    let stored = browser::stored_lang();
    let ctx = provide_app_state(stored.unwrap_or_default());
    let lang = crate::i18n::use_lang();
    leptos::task::spawn_local(async move {
        match config::load().await {
            Ok(c) => {
                // The deployment's default applies until the user picks a language.
                if stored.is_none() {
                    lang.set(c.default_language);
                }
                ctx.config.set(c);
            }
            Err(e) => ctx.error.set(Some(e.to_string())),
        }
    });
    let base = browser::base_path();

    view! {
        <Router base=base>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/sign-in") view=SignInPage/>
                <ParentRoute path=path!("") view=AppFrame>
                    // The router adds the base path to redirects itself (unlike to links).
                    <Route path=path!("") view=|| view! { <Redirect path="/clusters"/> }/>
                    <Route path=path!("/clusters") view=ClustersPage/>
                    <Route path=path!("/clusters/create") view=CreateClusterPage/>
                    <Route path=path!("/clusters/:id") view=ClusterDetailPage/>
                    <Route path=path!("/snapshots") view=SnapshotsPage/>
                    <Route path=path!("/snapshots/:id") view=SnapshotDetailPage/>
                    <Route path=path!("/snapshots/:id/restore") view=RestorePage/>
                    <Route path=path!("/node-types") view=NodeTypesPage/>
                    <Route path=path!("/events") view=EventsPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
