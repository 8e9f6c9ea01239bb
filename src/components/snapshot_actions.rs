//! The actions on a snapshot: restore it to a new cluster (a page of its own) and delete it
//! (manual snapshots only; for automated ones the dialog says why not).

use dws_contract::lifecycle::{SnapshotOperation, SnapshotState};
use dws_contract::{Lang, Operation};
use dws_contract::types::SnapshotDetail;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{Answer, use_request};
use crate::nav::href;
use crate::components::actions::DialogButtons;
use crate::components::dialog::Dialog;
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr, use_lang};

/// Why the snapshot's state refuses `op`, in the words the service would answer with; `None`
/// when it allows it (a snapshot without a type is left to the service to judge).
pub fn refusal(s: &SnapshotDetail, op: SnapshotOperation, lang: Lang) -> Option<String> {
    SnapshotState::of(s).allows(op).err().map(|r| r.reason(op, lang))
}

/// Restore and delete, for a row or a detail page.
#[component]
pub fn SnapshotActions(
    #[prop(into)] snapshot: Signal<SnapshotDetail>,
    /// Set to the snapshot to ask whether to delete it.
    delete: RwSignal<Option<SnapshotDetail>>,
) -> impl IntoView {
    let lang = use_lang();
    let refused = move |op| snapshot.with(|s| refusal(s, op, lang.get()));
    let why_id = move |op: SnapshotOperation| {
        let kind = if op == SnapshotOperation::Restore { "restore" } else { "delete" };
        snapshot.with(|s| format!("snapshot-{}-{kind}-why", s.id))
    };
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
                        aria-describedby=why_id(SnapshotOperation::Restore) title=why.clone()>{tr(Text::Restore)}</button>
                    <span class="visually-hidden" id=why_id(SnapshotOperation::Restore)>{why}</span>
                }.into_any(),
            }}
            // Stays focusable when refused, so the keyboard reaches the reason the dialog gives.
            <button type="button" class="button small danger-outline" data-testid="snapshot-delete"
                aria-disabled=move || refused(SnapshotOperation::Delete).is_some().to_string()
                aria-describedby=move || refused(SnapshotOperation::Delete).is_some().then(|| why_id(SnapshotOperation::Delete))
                title=move || refused(SnapshotOperation::Delete)
                on:click=move |_| delete.set(Some(snapshot.get_untracked()))>
                {tr(Text::Delete)}
            </button>
            <span class="visually-hidden" id=move || why_id(SnapshotOperation::Delete)>{move || refused(SnapshotOperation::Delete)}</span>
        </div>
    }
}

/// Asks before deleting the snapshot in `target`; for an automated snapshot, explains why it
/// cannot be deleted instead. `on_done` runs once the service accepted the deletion.
#[component]
pub fn DeleteSnapshotDialog(target: RwSignal<Option<SnapshotDetail>>, on_done: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    // The two follow each other; each writes only when the value differs, so they settle.
    Effect::new(move |_| {
        let want = target.with(Option::is_some);
        if open.get_untracked() != want {
            open.set(want);
        }
    });
    Effect::new(move |_| {
        if !open.get() && target.with_untracked(Option::is_some) {
            target.set(None);
        }
    });
    let title = Signal::derive(move || {
        target.with(|t| t.as_ref().map(|s| format!("{}: {}", Text::DeleteSnapshot.get(lang.get()), s.name))).unwrap_or_default()
    });
    view! {
        <Dialog open=open title=title id="delete-snapshot-dialog">
            {move || target.get().map(|s| match refusal(&s, SnapshotOperation::Delete, lang.get()) {
                None => view! { <DeleteSnapshotForm snapshot=s open=open on_done=on_done/> }.into_any(),
                Some(why) => view! {
                    <p data-testid="not-deletable">{why}</p>
                    <div class="dialog-buttons">
                        <button type="button" class="button" data-testid="dialog-cancel" on:click=move |_| open.set(false)>
                            {tr(Text::Close)}
                        </button>
                    </div>
                }.into_any(),
            })}
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
