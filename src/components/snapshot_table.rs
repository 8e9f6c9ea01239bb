//! A table of snapshots, on the snapshots page and on a cluster's detail page.

use dws_contract::types::SnapshotDetail;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::nav::href;
use crate::components::status::{SnapshotStatusBadge, snapshot_type};
use crate::format::wire_time;
use crate::i18n::{Text, tr, use_lang};

/// Snapshots, one row each. With `cluster_name`, a column names each snapshot's cluster.
#[component]
pub fn SnapshotTable(
    /// The snapshots, in the order to show.
    list: Vec<SnapshotDetail>,
    /// The cluster column's text for a snapshot's `cluster_id` (read reactively); no column when
    /// absent.
    #[prop(optional)]
    cluster_name: Option<Callback<Option<String>, Option<String>>>,
    /// The table's test id.
    testid: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let with_cluster = cluster_name.is_some();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid=testid>
                <thead><tr>
                    <th scope="col">{tr(Text::Name)}</th>
                    {with_cluster.then(|| view! { <th scope="col">{tr(Text::NavClusters)}</th> })}
                    <th scope="col">{tr(Text::Status)}</th>
                    <th scope="col">{tr(Text::SnapshotType)}</th>
                    <th scope="col">{tr(Text::Started)}</th>
                    <th scope="col">{tr(Text::Description)}</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|s| { let name = s.name.clone(); view! {
                        <tr data-testid="snapshot-row" data-name=name>
                            <th scope="row"><A href=href(&format!("/snapshots/{}", s.id))>{s.name.clone()}</A></th>
                            {cluster_name.map(|f| {
                                let id = s.cluster_id.clone();
                                // Follows the cluster list, which may arrive after the snapshots.
                                view! { <td>{move || f.run(id.clone())}</td> }
                            })}
                            <td><SnapshotStatusBadge status=s.status.clone()/></td>
                            <td>{let kind = s.kind.clone(); move || kind.as_ref().map(|k| snapshot_type(k, lang.get()))}</td>
                            <td>{s.started.as_deref().map(|t| wire_time(t, lang.get()))}</td>
                            <td>{s.description.clone()}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
