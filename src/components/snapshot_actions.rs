//! The actions on a snapshot: restore it to a new cluster (a page of its own), copy an
//! automated one to a manual one, and delete it (manual snapshots only). An action the
//! snapshot's state refuses stays focusable, says why, and does nothing.

use dws_contract::lifecycle::{SnapshotOperation, SnapshotState};
use dws_contract::status::SnapshotType;
use dws_contract::{Lang, Operation};
use dws_contract::types::SnapshotDetail;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{Answer, use_request};
use crate::nav::href;
use crate::components::actions::DialogButtons;
use crate::components::dialog::{Dialog, open_for};
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr, use_lang};

/// Why the snapshot's state refuses `op`, in the words the service would answer with; `None`
/// when it allows it (a snapshot without a type is left to the service to judge).
pub fn refusal(s: &SnapshotDetail, op: SnapshotOperation, lang: Lang) -> Option<String> {
    SnapshotState::of(s).allows(op).err().map(|r| r.reason(op, lang))
}

/// An action's button that its refusal leaves focusable, with the reason as its description
/// (and tooltip), doing nothing when chosen.
#[component]
fn ActionButton(
    label: Text,
    testid: &'static str,
    /// Names the reason's element, unique on the page.
    why_id: Signal<String>,
    #[prop(into)] refused: Signal<Option<String>>,
    #[prop(optional)] danger: bool,
    /// Sets it as the target of its dialog.
    pick: RwSignal<Option<SnapshotDetail>>,
    snapshot: Signal<SnapshotDetail>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <button type="button" class="button small" class:danger-outline=danger data-testid=testid
            aria-label=move || format!("{}: {}", label.get(lang.get()), snapshot.with(|s| s.name.clone()))
            aria-disabled=move || refused.with(Option::is_some).to_string()
            aria-describedby=move || refused.with(Option::is_some).then(|| why_id.get())
            title=move || refused.get()
            on:click=move |_| if refused.with_untracked(Option::is_none) { pick.set(Some(snapshot.get_untracked())) }>
            {tr(label)}
        </button>
        <span class="visually-hidden" id=move || why_id.get() data-testid=format!("{testid}-why")>{move || refused.get()}</span>
    }
}

/// Restore, copy (automated snapshots) and delete, for a row or a detail page.
#[component]
pub fn SnapshotActions(
    #[prop(into)] snapshot: Signal<SnapshotDetail>,
    /// Set to the snapshot to ask whether to delete it.
    delete: RwSignal<Option<SnapshotDetail>>,
    /// Set to the snapshot to ask for its copy's name.
    copy: RwSignal<Option<SnapshotDetail>>,
) -> impl IntoView {
    let lang = use_lang();
    let refused = move |op| snapshot.with(|s| refusal(s, op, lang.get()));
    let why_id = move |kind: &'static str| Signal::derive(move || snapshot.with(|s| format!("snapshot-{}-{kind}-why", s.id)));
    // Only automated snapshots are copied: a manual one offers no copy at all. (A snapshot keeps
    // its type.)
    let automated = snapshot.with_untracked(|s| s.kind.as_ref().is_some_and(|k| *k != SnapshotType::Manual));
    view! {
        <div class="row-actions">
            {move || match refused(SnapshotOperation::Restore) {
                None => view! {
                    <A href=href(&format!("/snapshots/{}/restore", snapshot.with(|s| s.id.clone())))
                        {..} class="button small" data-testid="snapshot-restore"
                        aria-label=move || format!("{}: {}", Text::Restore.get(lang.get()), snapshot.with(|s| s.name.clone()))>{tr(Text::Restore)}</A>
                }.into_any(),
                // Refused: still focusable, with the reason as its description (and tooltip).
                Some(why) => view! {
                    <button type="button" class="button small" data-testid="snapshot-restore" aria-disabled="true"
                        aria-describedby=why_id("restore") title=why.clone()>{tr(Text::Restore)}</button>
                    <span class="visually-hidden" id=why_id("restore")>{why}</span>
                }.into_any(),
            }}
            {automated.then(|| view! {
                <ActionButton label=Text::Copy testid="snapshot-copy" why_id=why_id("copy")
                    refused=Signal::derive(move || refused(SnapshotOperation::Copy)) pick=copy snapshot=snapshot/>
            })}
            <ActionButton label=Text::Delete testid="snapshot-delete" why_id=why_id("delete") danger=true
                refused=Signal::derive(move || refused(SnapshotOperation::Delete)) pick=delete snapshot=snapshot/>
        </div>
    }
}

/// Asks before deleting the snapshot in `target`. `on_done` runs once the service accepted the
/// deletion.
#[component]
pub fn DeleteSnapshotDialog(target: RwSignal<Option<SnapshotDetail>>, on_done: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let open = open_for(target);
    let title = Signal::derive(move || {
        target.with(|t| t.as_ref().map(|s| format!("{}: {}", Text::DeleteSnapshot.get(lang.get()), s.name))).unwrap_or_default()
    });
    view! {
        <Dialog open=open title=title id="delete-snapshot-dialog">
            {move || target.get().map(|s| view! { <DeleteSnapshotForm snapshot=s open=open on_done=on_done/> })}
        </Dialog>
    }
}

#[component]
pub(super) fn DeleteSnapshotForm(snapshot: SnapshotDetail, open: RwSignal<bool>, on_done: Callback<()>) -> impl IntoView {
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let id = snapshot.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.clone();
        call.send(Operation::DeleteSnapshot, move |p| p.snapshot(&id), None::<()>, move |_: Answer<serde::de::IgnoredAny>| {
            open.set(false);
            on_done.run(());
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="warning-text">{tr(Text::DeleteSnapshotExplained)}</p>
            <p><code data-testid="delete-snapshot-name">{snapshot.name.clone()}</code></p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::Delete danger=true/>
        </form>
    }
}
