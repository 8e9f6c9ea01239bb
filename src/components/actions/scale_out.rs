//! Adding nodes to a cluster.

use dws_contract::Operation;
use dws_contract::rules;
use dws_contract::types::{ClusterInfo, ResizeClusterRequest, ScaleOut};
use leptos::prelude::*;
use serde::de::IgnoredAny;

use super::{ClusterAction, DialogButtons, on_cluster};
use crate::api::{Answer, use_request};
use crate::components::error_view::ErrorView;
use crate::components::field::TextField;
use crate::i18n::{Text, tr, use_lang};

#[component]
pub(super) fn ScaleOutForm(cluster: ClusterInfo, open: RwSignal<bool>, finish: impl Fn(ClusterAction) + Copy + 'static) -> impl IntoView {
    let call = use_request();
    let lang = use_lang();
    let pending = call.pending;
    let failure = call.failure;
    let count = RwSignal::new("1".to_owned());
    let current = i64::from(cluster.number_of_node.unwrap_or(0));
    let parsed = move || count.with(|c| c.trim().parse::<i64>().ok());
    let error = Signal::derive(move || match parsed() {
        Some(n) => rules::scale_out_count(n, current).err().map(|e| e.message(lang.get())),
        None => Some(Text::WholeNumber.get(lang.get()).to_owned()),
    });
    // No target for a count the rules refuse: "8 → 7" for a typed -1 would read as a plan.
    let target = move || parsed().filter(|_| error.get().is_none()).map(|n| current + n);
    let id = cluster.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(n), None) = (parsed(), error.get_untracked()) else {
            crate::browser::focus("scale-out-count");
            return;
        };
        let body = ResizeClusterRequest { scale_out: Some(ScaleOut { count: n }) };
        call.send(Operation::ResizeCluster, on_cluster(&id), Some(body), move |_: Answer<IgnoredAny>| finish(ClusterAction::ScaleOut));
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <TextField id="scale-out-count" label=tr(Text::NodesToAdd) value=count error=error input_type="number"/>
            <p data-testid="scale-out-target">
                {move || format!("{}: {current} → {}", Text::NodeCount.get(lang.get()),
                    target().map(|t| t.to_string()).unwrap_or_else(|| "?".into()))}
            </p>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::ScaleOut/>
        </form>
    }
}
