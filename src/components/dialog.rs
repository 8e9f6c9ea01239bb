//! A modal dialog. The browser's modal `<dialog>` makes the rest of the page inert, so focus
//! stays inside; Escape closes it; focus goes back to what opened it.

use leptos::html;
use leptos::prelude::*;

use crate::live::effect;
use wasm_bindgen::JsCast;

/// Whether a dialog about `target` is open: open while there is a target, and closing it clears
/// the target. (Each follows the other, writing only on a change, so they settle.)
pub fn open_for<T: Send + Sync + 'static>(target: RwSignal<Option<T>>) -> RwSignal<bool> {
    let open = RwSignal::new(false);
    effect(move || {
        let want = target.with(Option::is_some);
        if open.get_untracked() != want {
            open.set(want);
        }
    });
    effect(move || {
        if !open.get() && target.with_untracked(Option::is_some) {
            target.set(None);
        }
    });
    open
}

/// A modal dialog with a title, shown while `open` is true.
#[component]
pub fn Dialog(
    /// Whether the dialog shows; set to false when the user closes it.
    open: RwSignal<bool>,
    /// The heading (also the dialog's accessible name).
    #[prop(into)]
    title: Signal<String>,
    /// Used for the ids of the heading and for tests.
    id: &'static str,
    /// The content.
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    effect(move || {
        let Some(d) = node.get() else { return };
        if open.get() {
            if !d.open() {
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(active);
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=node class="dialog" aria-labelledby=labelled_by data-testid=id
            on:close=move |_| {
                open.set(false);
                if let Some(el) = opener.get_value() {
                    let _ = el.focus();
                }
            }>
            <h2 id=title_id class="dialog-title">{move || title.get()}</h2>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
