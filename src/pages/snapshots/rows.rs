//! The snapshot table's rows: columns, sorting, the type filter, what an export writes, and one
//! row as drawn.

use dws_contract::status::SnapshotType;
use dws_contract::types::SnapshotDetail;
use leptos::prelude::*;
use leptos_router::components::A;
use serde::Serialize;

use crate::components::snapshot_actions::SnapshotActions;
use crate::components::snapshot_cluster::SnapshotCluster;
use crate::components::status::{SnapshotStatusBadge, snapshot_type};
use crate::components::table::{SortValue, TableRow};
use crate::data::clusters::ClusterNames;
use crate::data::snapshots::duration_s;
use crate::export::CsvRecord;
use crate::format::{duration_text, size_text, wire_time};
use crate::i18n::use_lang;
use crate::nav::href;

/// The type filter's values, as in the address (`?type=manual`).
pub const TYPES: [&str; 2] = ["manual", "automated"];

/// Whether a snapshot of type `kind` passes the type filter `wanted` (empty: every type). Both
/// spellings of the service's automated type count as automated; a type this version does not
/// know is neither.
pub fn type_passes(kind: Option<&SnapshotType>, wanted: &str) -> bool {
    match wanted {
        "manual" => kind == Some(&SnapshotType::Manual),
        "automated" => matches!(kind, Some(SnapshotType::Auto | SnapshotType::Automated)),
        _ => true,
    }
}

/// The snapshots page's address for a cluster filter and a type filter (either may be empty).
pub fn snapshots_path(cluster: &str, kind: &str) -> String {
    let query: Vec<String> = [("cluster", cluster), ("type", kind)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if query.is_empty() { "/snapshots".to_owned() } else { format!("/snapshots?{}", query.join("&")) }
}

/// The columns the snapshot table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotColumn {
    /// Name.
    Name,
    /// The cluster it was taken of.
    Cluster,
    /// Status.
    Status,
    /// Manual or automated.
    Type,
    /// Size.
    Size,
    /// Start time.
    Started,
    /// Finish time.
    Finished,
    /// How long it took.
    Duration,
    /// Description.
    Description,
}

impl TableRow for SnapshotDetail {
    type Column = SnapshotColumn;
    const DEFAULT_SORT: (SnapshotColumn, bool) = (SnapshotColumn::Started, true);

    fn id(&self) -> &str {
        &self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn filter_value(&self) -> Option<&str> {
        self.cluster_id.as_deref()
    }

    fn sort_value(&self, column: SnapshotColumn) -> SortValue {
        match column {
            SnapshotColumn::Name => SortValue::Num(None),
            SnapshotColumn::Cluster => SortValue::Text(self.cluster_id.clone()),
            SnapshotColumn::Status => SortValue::Text(Some(self.status.as_str().to_owned())),
            SnapshotColumn::Type => SortValue::Text(self.kind.as_ref().map(|k| k.as_str().to_owned())),
            SnapshotColumn::Size => SortValue::Num(self.size),
            SnapshotColumn::Started => SortValue::time(self.started.as_deref()),
            SnapshotColumn::Finished => SortValue::time(self.finished.as_deref()),
            SnapshotColumn::Duration => SortValue::int(duration_s(self)),
            SnapshotColumn::Description => SortValue::Text(self.description.clone()),
        }
    }
}

/// A snapshot as exported: the wire object plus the name of its cluster, as the table shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotLine {
    /// The snapshot as the service sent it.
    #[serde(flatten)]
    pub snapshot: SnapshotDetail,
    /// The cluster's name while the cluster exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
}

impl CsvRecord for SnapshotLine {
    const HEADER: &'static [&'static str] = &[
        "name", "id", "cluster_name", "cluster_id", "status", "type", "size_gb", "started", "finished", "duration_s",
        "description",
    ];

    fn record(&self) -> Vec<String> {
        let s = &self.snapshot;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            s.name.clone(),
            s.id.clone(),
            opt(&self.cluster_name),
            opt(&s.cluster_id),
            s.status.as_str().to_owned(),
            s.kind.as_ref().map(|k| k.as_str().to_owned()).unwrap_or_default(),
            s.size.map(|g| g.to_string()).unwrap_or_default(),
            opt(&s.started),
            opt(&s.finished),
            duration_s(s).map(|d| d.to_string()).unwrap_or_default(),
            opt(&s.description),
        ]
    }
}

/// A snapshot's sort value in `column`, with the cluster column sorted by the name the table
/// shows (the id once the cluster is gone) rather than by the id.
pub fn snapshot_sort_value(
    s: &SnapshotDetail,
    column: SnapshotColumn,
    names: &std::collections::HashMap<String, String>,
) -> SortValue {
    match column {
        SnapshotColumn::Cluster => {
            SortValue::Text(s.cluster_id.as_ref().map(|id| names.get(id).unwrap_or(id).clone()))
        }
        _ => s.sort_value(column),
    }
}

/// One row; it reads its own signal, so a poll re-renders only rows whose data changed.
#[component]
pub fn SnapshotRow(
    row: ArcRwSignal<SnapshotDetail>,
    names: ClusterNames,
    delete: RwSignal<Option<SnapshotDetail>>,
    copy: RwSignal<Option<SnapshotDetail>>,
) -> impl IntoView {
    let s: RwSignal<SnapshotDetail> = row.into();
    let lang = use_lang();
    let time = move |t: Option<String>| t.map(|t| view! { <time datetime=t.clone()>{wire_time(&t, lang.get())}</time> });
    view! {
        <tr data-testid="snapshot-row" data-name=move || s.with(|s| s.name.clone())
            data-status=move || s.with(|s| s.status.as_str().to_owned())
            data-type=move || s.with(|s| s.kind.as_ref().map(|k| k.as_str().to_owned()))>
            <th scope="row" class="cell-name">
                <A href=move || href(&format!("/snapshots/{}", s.with(|s| s.id.clone())))>{move || s.with(|s| s.name.clone())}</A>
            </th>
            <td>{move || view! { <SnapshotCluster cluster_id=s.with(|s| s.cluster_id.clone()) names=names/> }}</td>
            <td><SnapshotStatusBadge status=Signal::derive(move || s.with(|s| s.status.clone()))/></td>
            <td>{move || s.with(|s| s.kind.as_ref().map(|k| snapshot_type(k, lang.get())))}</td>
            <td class="num">{move || s.with(|s| s.size.map(size_text))}</td>
            <td>{move || time(s.with(|s| s.started.clone()))}</td>
            <td>{move || time(s.with(|s| s.finished.clone()))}</td>
            <td class="num">{move || s.with(|s| duration_s(s).map(duration_text))}</td>
            <td class="cell-description">{move || s.with(|s| s.description.clone())}</td>
            <td class="cell-actions"><SnapshotActions snapshot=s delete=delete copy=copy/></td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::table::TableView;

    #[test]
    fn the_cluster_column_sorts_by_the_name_shown() {
        let snap = |id: &str, cluster: &str| -> SnapshotDetail {
            serde_json::from_value(serde_json::json!({"id": id, "name": id, "status": "AVAILABLE", "cluster_id": cluster}))
                .unwrap()
        };
        // Ids sort c1 < c2 < c3; the names shown sort the other way, and a gone cluster by its id.
        let rows = [snap("s1", "c1"), snap("s2", "c2"), snap("s3", "c3")];
        let names: std::collections::HashMap<String, String> =
            [("c1", "zeta"), ("c2", "alpha")].into_iter().map(|(a, b)| (a.to_owned(), b.to_owned())).collect();
        let refs: Vec<&SnapshotDetail> = rows.iter().collect();
        let view = TableView::<SnapshotDetail> { sort: SnapshotColumn::Cluster, descending: false, ..Default::default() };
        let order = view.matching_by(&refs, |s, c| snapshot_sort_value(s, c, &names));
        let shown: Vec<&str> = order.iter().map(|i| rows[*i].id.as_str()).collect();
        assert_eq!(shown, ["s2", "s3", "s1"], "alpha, c3 (gone), zeta");
        // Other columns keep the row's own values.
        assert_eq!(snapshot_sort_value(&rows[0], SnapshotColumn::Status, &names), rows[0].sort_value(SnapshotColumn::Status));
    }

    #[test]
    fn exports_carry_the_cluster_name_beside_the_wire_fields() {
        let s: SnapshotDetail = serde_json::from_value(serde_json::json!({
            "id": "s1", "name": "daily", "status": "AVAILABLE", "type": "MANUAL", "cluster_id": "c1", "size": 3
        }))
        .unwrap();
        let line = SnapshotLine { snapshot: s, cluster_name: Some("dws-a".into()) };
        let json: serde_json::Value = serde_json::from_str(&crate::export::json(std::slice::from_ref(&line))).unwrap();
        assert_eq!(json[0]["cluster_name"], "dws-a");
        assert_eq!(json[0]["type"], "MANUAL");
        let csv = crate::export::csv(&[line]);
        assert_eq!(csv.lines().nth(1), Some("daily,s1,dws-a,c1,AVAILABLE,MANUAL,3,,,,"));
    }

    #[test]
    fn the_type_filter_reads_both_automated_spellings_and_lives_in_the_address() {
        let (manual, auto, automated) = (SnapshotType::Manual, SnapshotType::Auto, SnapshotType::Automated);
        let other = SnapshotType::from("BACKUP");
        assert!(type_passes(Some(&manual), "manual") && !type_passes(Some(&manual), "automated"));
        assert!(type_passes(Some(&auto), "automated") && type_passes(Some(&automated), "automated"));
        assert!(!type_passes(Some(&auto), "manual") && !type_passes(Some(&other), "automated") && !type_passes(None, "manual"));
        assert!([Some(&manual), Some(&other), None].into_iter().all(|k| type_passes(k, "")));
        assert_eq!(snapshots_path("", ""), "/snapshots");
        assert_eq!(snapshots_path("c1", ""), "/snapshots?cluster=c1");
        assert_eq!(snapshots_path("", "manual"), "/snapshots?type=manual");
        assert_eq!(snapshots_path("c1", "automated"), "/snapshots?cluster=c1&type=automated");
    }
}
