//! Tabs as WAI-ARIA's pattern has them: one tab stop for the list, the arrow keys (and Home,
//! End) move between tabs and choose, each panel is labelled by its tab.

use leptos::prelude::*;

use crate::browser::focus;
use crate::i18n::{Text, tr};

/// The id of a tab's button; its panel's is `{id}-panel`.
pub fn tab_id(key: &str) -> String {
    format!("tab-{key}")
}

/// The tab a key press moves to, if any.
pub fn tab_after(key: &str, current: usize, len: usize) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match key {
        "ArrowRight" => if current >= last { 0 } else { current + 1 },
        "ArrowLeft" => if current == 0 { last } else { current - 1 },
        "Home" => 0,
        "End" => last,
        _ => return None,
    })
}

/// A row of tabs; `selected` holds the chosen tab's key, `on_select` is told of a new choice.
#[component]
pub fn Tabs(
    /// Keys and names, in order.
    tabs: &'static [(&'static str, Text)],
    /// What the list is about, for screen readers.
    label: Text,
    /// The chosen tab.
    #[prop(into)]
    selected: Signal<&'static str>,
    /// Told of a new choice.
    on_select: Callback<&'static str>,
) -> impl IntoView {
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let current = tabs.iter().position(|(k, _)| *k == selected.get_untracked()).unwrap_or(0);
        if let Some(next) = tab_after(&ev.key(), current, tabs.len()) {
            ev.prevent_default();
            let key = tabs[next].0;
            on_select.run(key);
            focus(&tab_id(key));
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label=tr(label) on:keydown=on_key>
            {tabs.iter().map(|(key, name)| {
                let key = *key;
                let chosen = move || selected.get() == key;
                view! {
                    <button type="button" role="tab" class="tab" id=tab_id(key) data-testid=format!("tab-{key}")
                        aria-selected=move || chosen().to_string() aria-controls=format!("{}-panel", tab_id(key))
                        tabindex=move || if chosen() { "0" } else { "-1" }
                        on:click=move |_| on_select.run(key)>
                        {tr(*name)}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_and_home_and_end_jump() {
        assert_eq!(tab_after("ArrowRight", 0, 2), Some(1));
        assert_eq!(tab_after("ArrowRight", 1, 2), Some(0));
        assert_eq!(tab_after("ArrowLeft", 0, 2), Some(1));
        assert_eq!(tab_after("Home", 1, 2), Some(0));
        assert_eq!(tab_after("End", 0, 2), Some(1));
        assert_eq!(tab_after("Enter", 0, 2), None);
        assert_eq!(tab_after("ArrowRight", 0, 0), None);
    }
}
