//! Deleting a cluster.

use dws_contract::Operation;
use dws_contract::rules;
use dws_contract::types::{ClusterInfo, DeleteClusterRequest};
use leptos::prelude::*;
use serde::de::IgnoredAny;

use super::{ClusterAction, on_cluster};
use crate::api::{Answer, use_request};
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::i18n::{Text, tr, use_lang};

#[component]
pub(super) fn DeleteForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let call = use_request();
    let lang = use_lang();
    let pending = call.pending;
    let failure = call.failure;
    let typed = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let keep = RwSignal::new("0".to_owned());
    let name = cluster.name.clone();
    let matches = {
        let name = name.clone();
        move || typed.with(|t| t == &name)
    };
    let keep_error = Signal::derive(move || match keep.with(|k| k.trim().parse::<i64>().ok()) {
        Some(n) => rules::keep_last_manual_snapshot(n).err().map(|e| e.message(lang.get())),
        None => Some(Text::WholeNumber.get(lang.get()).to_owned()),
    });
    let id = cluster.id.clone();
    let can_delete = {
        let matches = matches.clone();
        move || matches() && keep_error.get().is_none() && !pending.get()
    };
    let submit = {
        let can_delete = can_delete.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !can_delete() {
                // Enter in a field of the form: say why nothing happens.
                tried.set(true);
                return;
            }
            let n = keep.get_untracked().trim().parse::<i64>().unwrap_or(0);
            let body = DeleteClusterRequest { keep_last_manual_snapshot: n };
            call.send(Operation::DeleteCluster, on_cluster(&id), Some(body), move |_: Answer<IgnoredAny>| finish(ClusterAction::Delete));
        }
    };
    let name_error = {
        let matches = matches.clone();
        Signal::derive(move || (tried.get() && !matches()).then(|| Text::NameDoesNotMatch.get(lang.get()).to_owned()))
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="warning-text">{tr(Text::DeleteExplained)}</p>
            <TextField id="keep-snapshots" label=tr(Text::KeepManualSnapshots) value=keep error=keep_error input_type="number"
                hint=field_hint(Text::KeepManualSnapshotsHint)/>
            <p>{tr(Text::TypeNameToConfirm)} " " <code data-testid="delete-name">{name.clone()}</code></p>
            <TextField id="delete-confirm-name" label=tr(Text::ClusterName) value=typed error=name_error/>
            <ErrorView error=failure/>
            <div class="dialog-buttons">
                <button type="button" class="button" data-testid="dialog-cancel" on:click=move |_| open.set(false)>{tr(Text::Cancel)}</button>
                // Marked, not disabled, until the name is typed: a disabled default button would
                // also swallow Enter, and the form could not say why nothing happens.
                <button type="submit" class="button danger" data-testid="dialog-confirm"
                    aria-disabled=move || (!can_delete()).to_string() aria-busy=move || pending.get().to_string()>
                    {tr(Text::Delete)}
                </button>
            </div>
        </form>
    }
}
