//! Stopping a cluster: what it saves, what it does not, and that connections are cut.

use dws_contract::Operation;
use dws_contract::types::ClusterInfo;
use leptos::prelude::*;

use super::{ClusterAction, DialogButtons, write};
use crate::api::use_request;
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr};

#[component]
pub(super) fn StopForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let call = use_request();
    let pending = call.pending;
    let failure = call.failure;
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The service takes no body; the job it answers with shows as the cluster's task.
        write(call, Operation::StopCluster, id.clone(), None, None, Box::new(move || finish(ClusterAction::Stop)), None);
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p class="warning-text" data-testid="stop-explained">{tr(Text::StopExplained)}</p>
            <ul class="billing-list" data-testid="stop-billing">
                <li>{tr(Text::StopSaves)}</li>
                <li>{tr(Text::StopStillBilled)}</li>
            </ul>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::Stop danger=true/>
        </form>
    }
}
