//! The dialog of the action picked in a menu, and the buttons every action's form ends with.

use leptos::prelude::*;

use super::delete::DeleteForm;
use super::reset_password::ResetPasswordForm;
use super::restart::RestartForm;
use super::scale_out::ScaleOutForm;
use super::snapshot::SnapshotForm;
use super::start::StartForm;
use super::stop::StopForm;
use super::{ClusterAction, ClusterTarget};
use crate::components::dialog::Dialog;
use crate::i18n::{Text, tr, use_lang};
use crate::live::effect;

/// The dialog of the action picked in a menu. `on_done` runs after the service accepted it (the
/// page then refreshes, and the table shows the task's progress).
#[component]
pub fn ClusterActionDialog(target: RwSignal<Option<ClusterTarget>>, #[prop(into)] on_done: Callback<ClusterAction>) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    // The two follow each other; each only writes when the value differs, so they settle.
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
    let title = Signal::derive(move || {
        target
            .with(|t| t.as_ref().map(|t| format!("{}: {}", t.action.label().get(lang.get()), t.cluster.name)))
            .unwrap_or_default()
    });
    // What the service accepted, said once (and announced) while the table starts showing it.
    let accepted = RwSignal::new(None::<(ClusterAction, String)>);
    let finish = move |a: ClusterAction| {
        if let Some(name) = target.with_untracked(|t| t.as_ref().map(|t| t.cluster.name.clone())) {
            let said = Some((a, name));
            accepted.set(said.clone());
            // Cleared only if no later action replaced it meanwhile.
            set_timeout(
                move || {
                    if accepted.try_with_untracked(|now| *now == said) == Some(true) {
                        accepted.try_set(None);
                    }
                },
                std::time::Duration::from_secs(8),
            );
        }
        open.set(false);
        on_done.run(a);
    };
    view! {
        <p class="action-accepted" role="status" data-testid="action-accepted">
            {move || accepted.get().map(|(a, name)| {
                format!("{} · {name}: {}", a.label().get(lang.get()), Text::RequestAccepted.get(lang.get()))
            })}
        </p>
        <Dialog open=open title=title id="action-dialog">
            {move || target.get().map(|t| match t.action {
                ClusterAction::Restart => view! { <RestartForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::Stop => view! { <StopForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::Start => view! { <StartForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::ScaleOut => view! { <ScaleOutForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::ResetPassword => view! { <ResetPasswordForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::Snapshot => view! { <SnapshotForm cluster=t.cluster open=open finish=finish/> }.into_any(),
                ClusterAction::Delete => view! { <DeleteForm cluster=t.cluster open=open finish=finish/> }.into_any(),
            })}
        </Dialog>
    }
}

/// Cancel and confirm buttons, the confirm one busy while the request is out. Busy, not
/// disabled: a disabled button drops the keyboard focus it had to the page, so after a refusal
/// the user would have to find the dialog again; `send` ignores a second submit meanwhile.
#[component]
pub fn DialogButtons(open: RwSignal<bool>, pending: RwSignal<bool>, confirm: Text, #[prop(optional)] danger: bool) -> impl IntoView {
    view! {
        <div class="dialog-buttons">
            <button type="button" class="button" data-testid="dialog-cancel" on:click=move |_| open.set(false)>{tr(Text::Cancel)}</button>
            <button type="submit" class="button" class:primary=!danger class:danger=danger data-testid="dialog-confirm"
                aria-disabled=move || pending.get().to_string() aria-busy=move || pending.get().to_string()>
                {tr(confirm)}
            </button>
        </div>
    }
}
