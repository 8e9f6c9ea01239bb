//! The node types the service offers, loaded once per page that needs them.

use dws_contract::Operation;
use dws_contract::types::{NodeTypes, NodeTypesResponse};

use crate::api::{Answer, Loaded, use_load};

/// The node types (5.1.4), for the node types page and the create form.
pub fn use_node_types() -> Loaded<Vec<NodeTypes>> {
    use_load(|api| async move {
        let a: Answer<NodeTypesResponse> = api.call(Operation::ListNodeTypes, &api.project(), None::<&()>).await?;
        Ok(a.body.node_types)
    })
}
