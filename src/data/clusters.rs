//! The live cluster list of the signed-in project, and the clusters' names by id.

use std::collections::HashMap;
use std::sync::Arc;

use dws_contract::Operation;
use dws_contract::types::ClusterInfo;
use leptos::prelude::*;

use crate::api::{Answer, ApiError};
use crate::live::{Live, use_cadence, use_live};
use crate::session::use_api;

/// The list answer with each cluster left as its JSON text.
#[derive(serde::Deserialize)]
struct RawClusterList {
    #[serde(default)]
    clusters: Vec<Box<serde_json::value::RawValue>>,
}

/// Clusters parsed at the last poll, with their JSON text: a poll parses only the clusters whose
/// text changed (on a quiet project, none), instead of the whole list (a megabyte at 1,000
/// clusters) every few seconds, and shares the unchanged ones instead of copying them.
#[derive(Default)]
pub struct ParseCache(Vec<(Box<str>, Arc<ClusterInfo>)>);

impl ParseCache {
    /// The clusters of a list answer, reusing what the last answer already parsed.
    pub fn parse(&mut self, raw: Vec<Box<serde_json::value::RawValue>>) -> Result<Vec<Arc<ClusterInfo>>, serde_json::Error> {
        let mut prev: Vec<Option<(Box<str>, Arc<ClusterInfo>)>> = std::mem::take(&mut self.0).into_iter().map(Some).collect();
        // The service keeps its order between polls, so each text is first compared with the one
        // at the same place. A few changed clusters are simply parsed again; a lookup by text is
        // built only when many differ (the order changed: a cluster was added or removed).
        const FEW: usize = 16;
        let mut misses = 0;
        let mut by_text: Option<HashMap<Box<str>, usize>> = None;
        let mut next = Vec::with_capacity(raw.len());
        for (i, r) in raw.iter().enumerate() {
            let text = r.get();
            let same_place = prev.get(i).and_then(Option::as_ref).is_some_and(|(t, _)| **t == *text);
            misses += usize::from(!same_place);
            let found = if same_place {
                prev[i].take()
            } else if misses <= FEW {
                None
            } else {
                let index = by_text.get_or_insert_with(|| {
                    prev.iter().enumerate().filter_map(|(j, p)| p.as_ref().map(|(t, _)| (t.clone(), j))).collect()
                });
                index.remove(text).and_then(|j| prev[j].take())
            };
            next.push(match found {
                Some(entry) => entry,
                None => (text.into(), Arc::new(serde_json::from_str(text)?)),
            });
        }
        let out = next.iter().map(|(_, c)| Arc::clone(c)).collect();
        self.0 = next;
        Ok(out)
    }
}

/// The live cluster list of the signed-in project.
pub fn use_cluster_list() -> Live<Vec<Arc<ClusterInfo>>> {
    let api = use_api();
    let cadence = use_cadence();
    let cache = StoredValue::new_local(ParseCache::default());
    use_live(
        cadence,
        move || {
            let api = api.get_untracked()?;
            Some(async move {
                let op = Operation::ListClusters;
                let a: Answer<RawClusterList> = api.call(op, &api.project(), None::<&()>).await?;
                let request_id = a.request_id.clone();
                cache
                    .try_update_value(|c| c.parse(a.body.clusters))
                    .unwrap_or_else(|| Ok(Vec::new()))
                    .map_err(|e| ApiError::Decode { operation: op, detail: e.to_string(), request_id })
            })
        },
        |list: &Vec<Arc<ClusterInfo>>| list.iter().any(|c| c.is_changing()),
    )
}

/// Cluster names by id, from the live cluster list.
pub type ClusterNames = Memo<HashMap<String, String>>;

/// The names of the project's clusters, following the live list.
pub fn cluster_names(clusters: Live<Vec<Arc<ClusterInfo>>>) -> ClusterNames {
    Memo::new(move |_| {
        clusters.data.with(|c| {
            c.iter().flatten().map(|c| (c.id.clone(), c.name.clone())).collect::<HashMap<_, _>>()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_parse_only_the_clusters_that_changed() {
        let raw = |json: &str| serde_json::from_str::<RawClusterList>(json).unwrap().clusters;
        let mut cache = ParseCache::default();
        let first = cache
            .parse(raw(r#"{"clusters":[{"id":"a","name":"one","status":"AVAILABLE"},{"id":"b","name":"two","status":"CREATING"}]}"#))
            .unwrap();
        assert_eq!(first.len(), 2);
        assert_eq!(cache.0.len(), 2);
        let second = cache
            .parse(raw(r#"{"clusters":[{"id":"a","name":"one","status":"AVAILABLE"},{"id":"b","name":"two","status":"AVAILABLE"}]}"#))
            .unwrap();
        assert!(Arc::ptr_eq(&second[0], &first[0]), "an unchanged cluster is shared, not parsed again");
        assert!(second[1].status.is_available());
        // Gone clusters leave the cache; a broken one is an error, not a panic.
        let third = cache.parse(raw(r#"{"clusters":[{"id":"b","name":"two","status":"AVAILABLE"}]}"#)).unwrap();
        assert_eq!(third.len(), 1);
        assert_eq!(cache.0.len(), 1);
        assert!(cache.parse(raw(r#"{"clusters":[{"name":"no id"}]}"#)).is_err());
    }

    #[test]
    fn a_shifted_list_still_shares_what_did_not_change() {
        let list = |ids: &[usize]| {
            let items: Vec<String> =
                ids.iter().map(|i| format!(r#"{{"id":"c{i}","name":"n{i}","status":"AVAILABLE"}}"#)).collect();
            serde_json::from_str::<RawClusterList>(&format!(r#"{{"clusters":[{}]}}"#, items.join(","))).unwrap().clusters
        };
        let mut cache = ParseCache::default();
        let before = cache.parse(list(&(1..=40).collect::<Vec<_>>())).unwrap();
        // A new cluster at the top moves every other one down by one place.
        let after = cache.parse(list(&(0..=40).collect::<Vec<_>>())).unwrap();
        assert_eq!(after.len(), 41);
        assert_eq!(after[0].id, "c0");
        for (b, a) in before.iter().zip(&after[1..]) {
            assert_eq!(b, a);
        }
        assert!(Arc::ptr_eq(&before[39], &after[40]), "found by its text once many places differ");
    }
}
