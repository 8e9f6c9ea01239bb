//! The floor of the console's download: the same framework, router, HTTP client and JSON decoder,
//! each used once, and nothing of the console itself. `cargo xtask bench console` builds it the
//! way it builds the console and reports both sizes, so what the console's own features cost is
//! the difference.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use serde::Deserialize;

/// A document fetched and decoded the way the console decodes its answers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct Settings {
    api_base: String,
    regions: Vec<String>,
}

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0_u32);
    let settings = LocalResource::new(|| async {
        let response = gloo_net::http::Request::get("config.json").send().await.map_err(|e| e.to_string())?;
        let text = response.text().await.map_err(|e| e.to_string())?;
        serde_json::from_str::<Settings>(&text).map_err(|e| e.to_string())
    });
    view! {
        <button on:click=move |_| set_count.update(|n| *n += 1)>{move || count.get()}</button>
        <p>
            {move || match settings.get() {
                None => "loading".to_owned(),
                Some(Ok(s)) => format!("{} ({} regions)", s.api_base, s.regions.len()),
                Some(Err(e)) => e,
            }}
        </p>
        <A href="/other">"other page"</A>
    }
}

#[component]
fn Other() -> impl IntoView {
    view! { <A href="/">"back"</A> }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "not found">
                    <Route path=path!("/") view=Counter/>
                    <Route path=path!("/other") view=Other/>
                </Routes>
            </Router>
        }
    });
}
