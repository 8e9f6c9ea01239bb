//! The actions on a snapshot: restore it to a new cluster (a page of its own) and delete it
//! (manual snapshots only; for automated ones the dialog says why not).

use dws_contract::Operation;
use dws_contract::status::SnapshotStatus;
use dws_contract::types::SnapshotDetail;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::ApiError;
use crate::app::href;
use crate::components::actions::{Ctx, DialogButtons, send};
use crate::components::dialog::Dialog;
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr, use_lang};

/// Whether a snapshot can be deleted: only manual ones (5.2.4). A snapshot without a type is
/// left to the service to judge.
pub fn deletable(s: &SnapshotDetail) -> bool {
    s.kind.as_ref().is_none_or(|k| k.is_deletable())
}

/// Whether a snapshot can be restored from.
pub fn restorable(s: &SnapshotDetail) -> bool {
    s.status == SnapshotStatus::Available
}

/// Restore and delete, for a row or a detail page.
#[component]
pub fn SnapshotActions(
    #[prop(into)] snapshot: Signal<SnapshotDetail>,
    /// Set to the snapshot to ask whether to delete it.
    delete: RwSignal<Option<SnapshotDetail>>,
) -> impl IntoView {
    let lang = use_lang();
    let can_delete = move || snapshot.with(deletable);
    view! {
        <div class="row-actions">
            {move || if snapshot.with(restorable) {
                view! {
                    <A href=href(&format!("/snapshots/{}/restore", snapshot.with(|s| s.id.clone())))
                        {..} class="button small" data-testid="snapshot-restore"
                        aria-label=move || format!("{}: {}", Text::Restore.get(lang.get()), snapshot.with(|s| s.name.clone()))>{tr(Text::Restore)}</A>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button small" data-testid="snapshot-restore" disabled=true
                        title=move || Text::SnapshotNotAvailable.get(lang.get())>{tr(Text::Restore)}</button>
                }.into_any()
            }}
            // Stays focusable when refused, so the keyboard reaches the reason the dialog gives.
            <button type="button" class="button small danger-outline" data-testid="snapshot-delete"
                aria-disabled=move || (!can_delete()).to_string()
                title=move || (!can_delete()).then(|| Text::AutomatedNotDeletable.get(lang.get()))
                on:click=move |_| delete.set(Some(snapshot.get_untracked()))>
                {tr(Text::Delete)}
            </button>
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
            {move || target.get().map(|s| {
                if deletable(&s) {
                    view! { <DeleteSnapshotForm snapshot=s open=open on_done=on_done/> }.into_any()
                } else {
                    view! {
                        <p data-testid="not-deletable">{tr(Text::AutomatedNotDeletable)}</p>
                        <div class="dialog-buttons">
                            <button type="button" class="button" data-testid="dialog-cancel" on:click=move |_| open.set(false)>
                                {tr(Text::Close)}
                            </button>
                        </div>
                    }.into_any()
                }
            })}
        </Dialog>
    }
}

#[component]
fn DeleteSnapshotForm(snapshot: SnapshotDetail, open: RwSignal<bool>, on_done: Callback<()>) -> impl IntoView {
    let ctx = Ctx::new();
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let id = snapshot.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.clone();
        send(ctx, Operation::DeleteSnapshot, move |p| p.snapshot(&id), None::<()>, pending, failure, move || {
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
