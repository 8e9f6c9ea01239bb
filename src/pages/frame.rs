//! The frame around every signed-in page: header with the session, navigation, language switch.
//! Without a session it sends the user to sign in, remembering where they were going.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::{use_location, use_navigate};

use crate::config::ConfigContext;
use crate::nav::href;
use crate::clock::use_clock;
use crate::components::activity_panel::ActivityToggle;
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::{Text, tr, use_lang};
use crate::session::{Session, remember_return_to, use_session};
use crate::live::effect;

/// Header with the product name, the main navigation, the session and the language switch; the
/// page below.
#[component]
pub fn AppFrame() -> impl IntoView {
    let config = expect_context::<ConfigContext>();
    let ctx = use_session();
    let now = use_clock();
    let navigate = use_navigate();
    let location = use_location();

    // Leaving for the sign-in page whenever the session ends (or never was).
    effect(move || {
        if ctx.session.get().is_none() {
            if ctx.ended.get_untracked() != Some(Text::SignedOut) {
                let path = location.pathname.get_untracked();
                let search = location.search.get_untracked();
                let full = if search.is_empty() { path } else { format!("{path}?{search}") };
                remember_return_to(&full);
            }
            navigate("/sign-in", Default::default());
        }
    });
    // A new page that replaced the element holding the keyboard focus (a form that was sent, a
    // cluster that was deleted) leaves the focus on nothing: it goes to the page's content, where
    // a keyboard or screen-reader user goes on from. Focus anywhere else is left alone.
    let previous = std::cell::RefCell::new(None::<String>);
    effect(move || {
        let path = location.pathname.get();
        if previous.replace(Some(path.clone())).is_some_and(|p| p != path) {
            request_animation_frame(|| {
                let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
                let lost = match (document.active_element(), document.body()) {
                    (None, _) => true,
                    (Some(active), Some(body)) => active == *body.as_ref(),
                    (Some(_), None) => false,
                };
                if lost
                    && let Some(main) = document.get_element_by_id("main")
                    && let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main)
                {
                    let _ = main.focus();
                }
            });
        }
    });
    // The window's title names the page, in the language of the moment.
    let lang = crate::i18n::use_lang();
    effect(move || {
        let l = lang.get();
        let page = page_title(&location.pathname.get());
        crate::browser::set_title(&format!("{} · {}", page.get(l), Text::ProductName.get(l)));
    });
    // The token's expiry ends the session where it stands.
    effect(move || {
        let t = now.get();
        if ctx.session.with_untracked(|s| s.as_ref().is_some_and(|s| s.is_expired(t))) {
            ctx.expire(Text::SessionExpired);
        }
    });

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
                <A href=href("/events")>{tr(Text::NavEvents)}</A>
                <A href=href("/node-types")>{tr(Text::NavNodeTypes)}</A>
            </nav>
            <div class="header-tools">
                <SessionBadge/>
                <ActivityToggle/>
                <LanguageSwitch/>
            </div>
        </header>
        <Show when=move || config.error.get().is_some()>
            <div class="banner banner-warning" role="status">{tr(Text::ConfigFallback)}</div>
        </Show>
        <main id="main" class="app-main" tabindex="-1">
            <Show when=move || ctx.session.with(Option::is_some)>
                <Outlet/>
            </Show>
        </main>
    }
}

/// Who is signed in, to which project, for how long; and the way out.
#[component]
fn SessionBadge() -> impl IntoView {
    let ctx = use_session();
    let now = use_clock();
    let lang = use_lang();
    let who = move || {
        ctx.session.with(|s| {
            s.as_ref().map(|s| match (&s.user_name, &s.account_name) {
                (Some(u), Some(a)) if u != a => format!("{u} @ {a}"),
                (Some(u), _) => u.clone(),
                _ => Text::PastedToken.get(lang.get()).to_owned(),
            })
        })
    };
    let project = move || {
        ctx.session.with(|s| s.as_ref().map(|s| s.project_name.clone().unwrap_or_else(|| s.project_id.clone())))
    };
    let left = move || {
        let t = now.get();
        ctx.session.with(|s| {
            s.as_ref().map(|s| match s.ms_left(t) {
                Some(ms) => format!("{} {}", Text::TimeLeft.get(lang.get()), Session::time_left_text(ms, lang.get())),
                None => Text::ExpiryUnknown.get(lang.get()).to_owned(),
            })
        })
    };
    let low = move || {
        let t = now.get();
        ctx.session.with(|s| s.as_ref().and_then(|s| s.ms_left(t)).is_some_and(|ms| ms < 10 * 60_000))
    };
    view! {
        <div class="session" data-testid="session">
            <span class="session-user" data-testid="session-user">{who}</span>
            <span class="session-project" data-testid="session-project" title=tr(Text::Project)>{project}</span>
            <span class="session-left" class:session-low=low data-testid="session-left">{left}</span>
            <button type="button" class="button small" data-testid="sign-out" on:click=move |_| ctx.sign_out()>
                {tr(Text::SignOut)}
            </button>
        </div>
    }
}

/// What a page is called, from its path (under any base path).
fn page_title(path: &str) -> Text {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [.., "clusters", "create"] => Text::CreateCluster,
        [.., "clusters"] | [.., "clusters", _] => Text::NavClusters,
        [.., "snapshots", _, "restore"] => Text::RestoreTitle,
        [.., "snapshots", _] => Text::Snapshot,
        [.., "snapshots"] => Text::NavSnapshots,
        [.., "node-types"] => Text::NavNodeTypes,
        [.., "events"] => Text::NavEvents,
        _ => Text::NavClusters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_named_by_their_path_under_any_base() {
        assert_eq!(page_title("/clusters"), Text::NavClusters);
        assert_eq!(page_title("/portal/dws/clusters/create"), Text::CreateCluster);
        assert_eq!(page_title("/clusters/7ba031f6-81f4-4670-ad20-c490b91877e5"), Text::NavClusters);
        assert_eq!(page_title("/snapshots/abc/restore"), Text::RestoreTitle);
        assert_eq!(page_title("/snapshots/abc"), Text::Snapshot);
        assert_eq!(page_title("/portal/dws/snapshots"), Text::NavSnapshots);
        assert_eq!(page_title("/node-types"), Text::NavNodeTypes);
        assert_eq!(page_title("/portal/dws/events"), Text::NavEvents);
    }
}
