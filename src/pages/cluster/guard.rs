//! What the cluster's state allows of its settings (rename, tags, maintenance window, snapshot
//! policies: one operation of the state table), and a button that says why not.

use dws_contract::Lang;
use dws_contract::lifecycle::{ClusterOperation, ClusterState};
use dws_contract::types::ClusterInfo;
use leptos::prelude::*;

use crate::i18n::{Text, tr};

/// Why the cluster's state refuses a change of its settings, in the words the service would
/// answer with; `None` when it allows one (or the cluster is not read yet: the service judges).
pub fn configure_refusal(c: Option<&ClusterInfo>, lang: Lang) -> Option<String> {
    let op = ClusterOperation::Configure;
    c.and_then(|c| ClusterState::of(c).allows(op).err()).map(|r| r.reason(op, lang))
}

/// A button that stays focusable when refused and says why, as its description (like the
/// entries of the actions menu).
#[component]
pub fn GuardedButton(
    /// What it says.
    label: Text,
    /// Its test id (its reason's is `{testid}-reason`).
    testid: &'static str,
    /// Why it is refused now, if it is.
    #[prop(into)]
    refusal: Signal<Option<String>>,
    /// Run when clicked and not refused.
    on_click: Callback<()>,
    /// A small button.
    #[prop(optional)]
    small: bool,
    /// The accessible name, when the label alone would not tell (a row's button).
    #[prop(optional, into)]
    aria_label: Option<Signal<String>>,
) -> impl IntoView {
    // Unique however many rows show the same button.
    static BUTTONS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let reason_id = format!("{testid}-{}-why", BUTTONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let described = {
        let reason_id = reason_id.clone();
        move || refusal.with(Option::is_some).then(|| reason_id.clone())
    };
    view! {
        <span class="guarded">
            <button type="button" class="button" class:small=small data-testid=testid
                aria-label=move || aria_label.map(|l| l.get())
                aria-disabled=move || refusal.with(Option::is_some).to_string()
                aria-describedby=described
                on:click=move |_| {
                    if refusal.with_untracked(Option::is_none) {
                        on_click.run(());
                    }
                }>
                {tr(label)}
            </button>
            {move || refusal.get().map(|why| view! {
                <span class="guard-reason" id=reason_id.clone() data-testid=format!("{testid}-reason")>{why}</span>
            })}
        </span>
    }
}
