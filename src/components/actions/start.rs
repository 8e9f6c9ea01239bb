//! Starting a stopped cluster.

use dws_contract::Operation;
use dws_contract::types::ClusterInfo;
use leptos::prelude::*;

use super::{ClusterAction, DialogButtons, write};
use crate::api::use_request;
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr};

#[component]
pub(super) fn StartForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let call = use_request();
    let pending = call.pending;
    let failure = call.failure;
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        write(call, Operation::StartCluster, id.clone(), None, None, Box::new(move || finish(ClusterAction::Start)), None);
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p>{tr(Text::StartExplained)}</p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::Start/>
        </form>
    }
}
