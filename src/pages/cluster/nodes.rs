//! A cluster's Nodes tab: the nodes the service lists, live while the cluster changes.

use dws_contract::types::ClusterInfo;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::freshness::Freshness;
use crate::components::status::NodeStatusBadge;
use crate::data::nodes::use_cluster_nodes;
use crate::i18n::{Text, tr};
use crate::live::effect;

/// The nodes of `cluster_id`; `cluster` is the cluster as the page last read it: each change of
/// it (a stop, a start, a scale-out) reads the nodes again.
#[component]
pub fn NodesPanel(#[prop(into)] cluster_id: Signal<String>, cluster: Memo<Option<ClusterInfo>>) -> impl IntoView {
    let nodes = use_cluster_nodes(cluster_id);
    let seen = std::cell::Cell::new(false);
    effect(move || {
        cluster.track();
        // The first run is the list's own first read.
        if seen.replace(true) {
            nodes.refresh();
        }
    });
    let error = Signal::derive(move || nodes.error.get());
    view! {
        <div class="nodes" data-testid="nodes">
            <div class="card-head">
                <Freshness live=nodes/>
            </div>
            <ErrorView error=error/>
            {move || nodes.data.get().map(|list| {
                if list.is_empty() {
                    return view! { <p class="muted" data-testid="no-nodes">{tr(Text::NoNodes)}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="node-table">
                            <thead><tr>
                                <th scope="col">{tr(Text::NodeName)}</th>
                                <th scope="col">{tr(Text::NodeId)}</th>
                                <th scope="col">{tr(Text::Status)}</th>
                                <th scope="col">{tr(Text::NodeSpec)}</th>
                                <th scope="col">{tr(Text::AvailabilityZone)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|n| view! {
                                    <tr data-testid="node-row" data-id=n.id.clone()>
                                        <th scope="row">{n.name.clone().or(n.alias_name.clone()).unwrap_or_default()}</th>
                                        <td><code>{n.id.clone()}</code></td>
                                        <td><NodeStatusBadge status=n.status.clone()/></td>
                                        <td>{n.spec.clone()}</td>
                                        <td>{n.az_code.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
            <Show when=move || nodes.data.with(Option::is_none) && nodes.error.with(Option::is_none)>
                <div class="empty-state" aria-busy="true"><p>{tr(Text::Loading)}</p></div>
            </Show>
        </div>
    }
}
