//! Restarting a cluster.

use dws_contract::Operation;
use dws_contract::types::{ClusterInfo, Restart, RestartClusterRequest};
use leptos::prelude::*;
use serde::de::IgnoredAny;

use super::{ClusterAction, DialogButtons, on_cluster};
use crate::api::{Answer, use_request};
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr};

#[component]
pub(super) fn RestartForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let call = use_request();
    let pending = call.pending;
    let failure = call.failure;
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RestartClusterRequest { restart: Restart {} };
        call.send(Operation::RestartCluster, on_cluster(&id), Some(body), move |_: Answer<IgnoredAny>| finish(ClusterAction::Restart));
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p>{tr(Text::RestartExplained)}</p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::Restart/>
        </form>
    }
}
