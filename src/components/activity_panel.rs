//! The API activity panel: the requests of this tab, newest first, each opening to its `curl`.

use leptos::prelude::*;

use crate::activity::{ActivityLog, Entry};
use crate::components::copy::CopyButton;
use crate::i18n::{Text, tr, use_lang};
use crate::live::effect;

/// `14:03:07` in the user's time zone.
fn clock_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// The header button that opens the panel, and the panel.
#[component]
pub fn ActivityToggle() -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let heading = NodeRef::<leptos::html::H2>::new();
    let panel = NodeRef::<leptos::html::Aside>::new();
    // Focus moves into the panel when it opens and back to the button when it closes.
    let was_open = std::cell::Cell::new(None::<bool>);
    effect(move || {
        let now_open = open.get();
        if now_open {
            // The panel opens below the header (whose height depends on the window's width), so
            // the header's controls, next in the tab order, stay visible and usable.
            if let Some(p) = panel.get_untracked()
                && let Some(header) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".app-header").ok().flatten())
            {
                let bottom = header.get_bounding_client_rect().bottom().max(0.0);
                let _ = p.style().set_property("top", &format!("{bottom}px"));
            }
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        } else if was_open.get() == Some(true)
            && let Some(b) = button.get_untracked()
        {
            let _ = b.focus();
        }
        was_open.set(Some(now_open));
    });
    view! {
        <button type="button" class="button small" node_ref=button data-testid="activity-toggle"
            aria-expanded=move || open.get().to_string() aria-controls="activity-panel"
            on:click=move |_| open.update(|o| *o = !*o)>
            {tr(Text::Activity)}
        </button>
        <aside id="activity-panel" class="activity-panel" node_ref=panel data-testid="activity-panel" aria-labelledby="activity-h"
            hidden=move || !open.get()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { open.set(false) }>
            <div class="activity-head">
                <h2 id="activity-h" tabindex="-1" node_ref=heading>{tr(Text::Activity)}</h2>
                <button type="button" class="button small" data-testid="activity-close" on:click=move |_| open.set(false)>
                    {tr(Text::Close)}
                </button>
            </div>
            <Show when=move || open.get()>
                <ActivityList/>
            </Show>
        </aside>
    }
}

#[component]
fn ActivityList() -> impl IntoView {
    let Some(log) = use_context::<ActivityLog>() else { return ().into_any() };
    let newest_first = move || log.entries.with(|e| e.iter().rev().cloned().collect::<Vec<_>>());
    view! {
        <p class="muted">{tr(Text::ActivityLead)} " " {tr(Text::ActivityKept)}</p>
        <p><button type="button" class="button small" data-testid="activity-clear" on:click=move |_| log.clear()>
            {tr(Text::ClearActivity)}
        </button></p>
        <Show when=move || log.entries.with(|e| !e.is_empty()) fallback=|| view! { <p class="muted">{tr(Text::NoActivity)}</p> }>
            <ol class="activity-list" data-testid="activity-list">
                <For each=newest_first key=|e| e.seq let:entry>
                    <ActivityEntry entry=entry/>
                </For>
            </ol>
        </Show>
    }
    .into_any()
}

#[component]
fn ActivityEntry(entry: Entry) -> impl IntoView {
    let lang = use_lang();
    let curl = entry.curl();
    let failed = entry.status.is_none_or(|s| !(200..300).contains(&s));
    let status = entry.status;
    view! {
        <li>
            <details class="activity-entry" data-testid="activity-entry" data-path=entry.path.clone()
                data-method=entry.operation.spec().method.as_str()>
                <summary>
                    <time class="muted">{clock_time(entry.at_ms)}</time>
                    <span class="activity-method">{entry.operation.spec().method.as_str()}</span>
                    <span class="activity-path">{entry.path.clone()}</span>
                    <span class="activity-status" class:bad=failed data-testid="activity-status">
                        {move || status.map(|s| s.to_string()).unwrap_or_else(|| Text::NoAnswer.get(lang.get()).to_owned())}
                    </span>
                    <span class="muted num">{format!("{:.0} ms", entry.duration_ms)}</span>
                </summary>
                {entry.request_id.clone().map(|id| view! {
                    <p class="muted">{tr(Text::RequestId)} " " <code>{id}</code></p>
                })}
                <div class="copy-row">
                    <pre class="curl" data-testid="activity-curl" aria-label=tr(Text::CurlCommand)>{curl.clone()}</pre>
                    <CopyButton value=curl label=Text::CurlCommand/>
                </div>
            </details>
        </li>
    }
}
