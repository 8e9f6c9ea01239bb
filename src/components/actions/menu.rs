//! The actions menu of a cluster.

use dws_contract::types::ClusterInfo;
use leptos::prelude::*;

use super::{ClusterAction, ClusterTarget};
use crate::i18n::{Text, tr, use_lang};

/// Places an open menu next to its button with fixed coordinates, so a table that scrolls
/// sideways (and clips what overflows it) cannot cut it off; it opens upwards near the bottom of
/// the window.
fn place_menu(details: &web_sys::HtmlDetailsElement) {
    use wasm_bindgen::JsCast;
    let (Some(summary), Some(list)) = (
        details.query_selector("summary").ok().flatten(),
        details.query_selector(".menu-list").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    ) else {
        return;
    };
    let Some(window) = web_sys::window() else { return };
    let r = summary.get_bounding_client_rect();
    let width = window.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let height = window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let style = list.style();
    // Right-aligned under the button, unless that would run off the left edge (a button at the
    // left of a narrow window): then left-aligned.
    let menu_width = f64::from(list.offset_width());
    if r.right() - menu_width < 4.0 {
        let _ = style.set_property("left", &format!("{}px", r.left().max(4.0)));
        let _ = style.remove_property("right");
    } else {
        let _ = style.set_property("right", &format!("{}px", (width - r.right()).max(4.0)));
        let _ = style.remove_property("left");
    }
    if r.bottom() + 240.0 > height && r.top() > 240.0 {
        let _ = style.set_property("bottom", &format!("{}px", height - r.top() + 4.0));
        let _ = style.remove_property("top");
    } else {
        let _ = style.set_property("top", &format!("{}px", r.bottom() + 4.0));
        let _ = style.remove_property("bottom");
    }
}

fn focus_summary(details: NodeRef<leptos::html::Details>) {
    use wasm_bindgen::JsCast;
    if let Some(s) = details
        .get_untracked()
        .and_then(|d| d.query_selector("summary").ok().flatten())
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = s.focus();
    }
}

/// The actions menu of a cluster: a disclosure (so it works from the keyboard as it is) that
/// closes on Escape, on a click elsewhere and when the page scrolls.
#[component]
pub fn ActionMenu(#[prop(into)] cluster: Signal<ClusterInfo>, target: RwSignal<Option<ClusterTarget>>) -> impl IntoView {
    let lang = use_lang();
    // Ids for the entries' labels and reasons, unique however many menus a page shows.
    static MENUS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let menu_id = format!("menu{}", MENUS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let details = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(d) = details.get_untracked()
            && d.open()
        {
            d.set_open(false);
        }
    };
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        let inside = details.get_untracked().zip(ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
            .is_some_and(|(d, n)| d.contains(Some(&n)));
        if !inside {
            close();
        }
    });
    let scrolled = window_event_listener(leptos::ev::scroll, move |_| close());
    on_cleanup(move || {
        outside.remove();
        scrolled.remove();
    });
    view! {
        <details class="menu" node_ref=details data-testid="actions-menu"
            on:toggle=move |_| {
                if let Some(d) = details.get_untracked() && d.open() {
                    place_menu(&d);
                }
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && details.get_untracked().is_some_and(|d| d.open()) {
                    ev.prevent_default();
                    close();
                    focus_summary(details);
                }
            }>
            // Named after its cluster too, so a screen reader's list of buttons tells the rows apart.
            <summary class="button small" aria-label=move || format!("{}: {}", Text::Actions.get(lang.get()), cluster.with(|c| c.name.clone()))>
                {tr(Text::Actions)}
            </summary>
            <ul class="menu-list">
                {ClusterAction::ALL.into_iter().map(|a| {
                    let refusal = move || cluster.with(|c| a.refusal(c, lang.get()));
                    let label_id = format!("{menu_id}-{}", a.slug());
                    let reason_id = format!("{label_id}-why");
                    let described_by = {
                        let reason_id = reason_id.clone();
                        move || refusal().is_some().then(|| reason_id.clone())
                    };
                    let labelled_by = label_id.clone();
                    view! {
                        <li>
                            // A refused entry stays focusable and says why, as its description,
                            // rather than going silently grey.
                            <button type="button" class="menu-item" class:danger=a == ClusterAction::Delete
                                data-testid=format!("action-{}", a.slug())
                                aria-labelledby=labelled_by
                                aria-disabled=move || refusal().is_some().to_string()
                                aria-describedby=described_by
                                on:click=move |_| {
                                    if refusal().is_some() {
                                        return;
                                    }
                                    // The menu's button takes the focus before the menu closes under
                                    // it, so the dialog this opens gives the focus back there.
                                    focus_summary(details);
                                    close();
                                    target.set(Some(ClusterTarget { action: a, cluster: cluster.get_untracked() }));
                                }>
                                <span id=label_id>{move || a.label().get(lang.get())}</span>
                                {move || refusal().map(|why| view! {
                                    <span class="menu-reason" id=reason_id.clone() data-testid="action-reason">{why}</span>
                                })}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
}
