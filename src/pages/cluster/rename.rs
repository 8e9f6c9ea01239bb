//! Renaming a cluster: the name rule as typed, and a name already taken (DWS.5050) on the field.

use dws_contract::Operation;
use dws_contract::rules::{self, Field};
use dws_contract::types::ClusterNameRequest;
use leptos::prelude::*;

use crate::api::use_request;
use crate::components::actions::{DialogButtons, json, write};
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::i18n::{Text, tr, use_lang};

/// The rename form of `cluster_id`, now called `name`.
#[component]
pub fn RenameForm(cluster_id: String, name: String, open: RwSignal<bool>, saved: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let typed = RwSignal::new(name.clone());
    let note = RwSignal::new(None::<Text>);
    let error = Signal::derive(move || {
        failure
            .with(|f| f.as_ref().and_then(|e| e.on_field(&[Field::ClusterName], lang.get())).map(|(_, m)| m))
            .or_else(|| typed.with(|t| rules::cluster_name(t).err()).map(|e| e.message(lang.get())))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let new = typed.get_untracked();
        if rules::cluster_name(&new).is_err() {
            crate::browser::focus("new-cluster-name");
            return;
        }
        if new == name {
            note.set(Some(Text::NothingChanged));
            return;
        }
        let done = Box::new(move || {
            open.set(false);
            saved.run(());
        });
        let failed = Box::new(|e: &crate::api::ApiError| {
            crate::components::field::point_at_failure(e, &[(Field::ClusterName, "new-cluster-name")], "#edit-dialog [data-testid=error-panel]")
        });
        let body = json(&ClusterNameRequest { cluster_name: new });
        write(call, Operation::ModifyClusterName, cluster_id.clone(), None, body, done, Some(failed));
    };
    view! {
        <form class="form" on:submit=submit novalidate data-testid="rename-form">
            <TextField id="new-cluster-name" label=tr(Text::NewName) value=typed error=error hint=field_hint(Text::ClusterNameHint)/>
            // A taken name is said on the field; any other failure here.
            <ErrorView error=Signal::derive(move || failure.get().filter(|e| e.on_field(&[Field::ClusterName], lang.get()).is_none()))/>
            <p class="muted" role="status" data-testid="rename-note">{move || note.get().map(|t| t.get(lang.get()))}</p>
            <DialogButtons open=open pending=pending confirm=Text::Rename/>
        </form>
    }
}
