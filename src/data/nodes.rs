//! A cluster's nodes, live: the Nodes tab lists them and the Monitoring tab charts one (a node's
//! id is the `dws_instance_id` of its Cloud Eye figures).

use dws_contract::Operation;
use dws_contract::status::NodeStatus;
use dws_contract::types::{ClusterNode, ClusterNodesResponse};
use leptos::prelude::*;

use crate::api::Answer;
use crate::live::{Live, use_cadence, use_live};
use crate::session::use_api;

/// Whether a node will change on its own soon.
pub fn node_changing(n: &ClusterNode) -> bool {
    matches!(n.status, NodeStatus::Creating | NodeStatus::Deleting)
}

/// The nodes of `cluster_id`, polled fast while one is changing; `refresh` it when the cluster
/// changed (a stop or a start moves its nodes too).
pub fn use_cluster_nodes(cluster_id: Signal<String>) -> Live<Vec<ClusterNode>> {
    let api = use_api();
    use_live(
        use_cadence(),
        move || {
            let api = api.get_untracked()?;
            // Read tracked: another cluster asks again at once.
            let id = cluster_id.get();
            Some(async move {
                let a: Answer<ClusterNodesResponse> =
                    api.call(Operation::ListClusterNodes, &api.project().cluster(&id), None::<&()>).await?;
                Ok(a.body.node_list)
            })
        },
        |nodes: &Vec<ClusterNode>| nodes.iter().any(node_changing),
    )
}
