//! Taking a snapshot of a cluster.

use dws_contract::Operation;
use dws_contract::rules::{self, Field};
use dws_contract::types::{ClusterInfo, CreateSnapshotRequest, Snapshot};
use leptos::prelude::*;
use serde::de::IgnoredAny;

use super::{ClusterAction, DialogButtons};
use crate::api::{Answer, use_request};
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::i18n::{Text, tr, use_lang};

/// Takes a snapshot of `cluster`; with `choices`, of the one picked among them (clusters that
/// can take a snapshot now).
#[component]
pub fn SnapshotForm(
    cluster: ClusterInfo,
    open: RwSignal<bool>,
    finish: impl Fn(ClusterAction) + Copy + 'static,
    #[prop(optional)] choices: Option<Signal<Vec<ClusterInfo>>>,
) -> impl IntoView {
    let call = use_request();
    let lang = use_lang();
    let pending = call.pending;
    let failure = call.failure;
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let picked = RwSignal::new(cluster.id.clone());
    let request = move || Snapshot {
        name: name.get(),
        cluster_id: picked.get(),
        description: Some(description.get()).filter(|d| !d.is_empty()),
    };
    let error_of = move |field: Field| {
        Signal::derive(move || {
            let server = failure.with(|f| {
                f.as_ref()
                    .and_then(|e| e.on_field(&[Field::SnapshotName, Field::SnapshotDescription], lang.get()))
                    .filter(|(f, _)| *f == field)
                    .map(|(_, m)| m)
            });
            server.or_else(|| {
                (submitted.get() || field == Field::SnapshotName && !name.with(String::is_empty))
                    .then(|| rules::create_snapshot(&request()).into_iter().find(|e| e.field == field).map(|e| e.message(lang.get())))
                    .flatten()
            })
        })
    };
    let name_error = error_of(Field::SnapshotName);
    let description_error = error_of(Field::SnapshotDescription);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let s = request();
        if let Some(e) = rules::create_snapshot(&s).first() {
            crate::browser::focus(if e.field == Field::SnapshotDescription { "snapshot-description" } else { "snapshot-name" });
            return;
        }
        call.send(Operation::CreateSnapshot, |p| p, Some(CreateSnapshotRequest { snapshot: s }), move |_: Answer<IgnoredAny>| {
            finish(ClusterAction::Snapshot)
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            {choices.map(|choices| view! {
                <div class="field">
                    <label for="snapshot-cluster">{tr(Text::OfCluster)}</label>
                    <select id="snapshot-cluster" data-testid="snapshot-cluster"
                        on:change=move |ev| picked.set(event_target_value(&ev))>
                        <For each=move || choices.get() key=|c| c.id.clone() let:c>
                            <option value=c.id.clone() selected={let id = c.id.clone(); move || picked.with(|p| *p == id)}>
                                {c.name.clone()}
                            </option>
                        </For>
                    </select>
                </div>
            })}
            <TextField id="snapshot-name" label=tr(Text::SnapshotName) value=name error=name_error
                hint=field_hint(Text::SnapshotNameHint)/>
            <TextField id="snapshot-description" label=tr(Text::Description) value=description error=description_error/>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::CreateSnapshot/>
        </form>
    }
}
