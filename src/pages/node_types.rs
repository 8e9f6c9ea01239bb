//! The node types page: every node type the service offers, with its specs, sortable.

use dws_contract::types::NodeTypes;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::status::disk_kind;
use crate::data::node_types::use_node_types;
use crate::i18n::{Text, tr, use_lang};

/// Sort columns of the node type table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeSort {
    /// Name.
    Name,
    /// vCPUs.
    Vcpus,
    /// Memory.
    Memory,
    /// Disk size.
    Disk,
}

/// Orders node types by a column (ties by name).
pub fn sort_node_types(list: &mut [NodeTypes], by: NodeSort, descending: bool) {
    let disk = |n: &NodeTypes| n.disk().and_then(|d| d.size.trim().parse::<f64>().ok()).unwrap_or(0.0);
    let mem = |n: &NodeTypes| n.memory().map(|m| m.0).unwrap_or(0.0);
    crate::data::sort::sort_by(list, |a, b| {
        let o = match by {
            NodeSort::Name => std::cmp::Ordering::Equal,
            NodeSort::Vcpus => a.vcpus().cmp(&b.vcpus()),
            NodeSort::Memory => mem(a).total_cmp(&mem(b)),
            NodeSort::Disk => disk(a).total_cmp(&disk(b)),
        }
        .then_with(|| a.spec_name.cmp(&b.spec_name));
        if descending { o.reverse() } else { o }
    });
}

/// Lists the node types.
#[component]
pub fn NodeTypesPage() -> impl IntoView {
    let lang = use_lang();
    let loaded = use_node_types();
    let failure = Signal::derive(move || loaded.get().flatten().and_then(Result::err));
    let sort = RwSignal::new((NodeSort::Name, false));
    let rows = move || {
        loaded.get().flatten().and_then(Result::ok).map(|mut l| {
            let (by, desc) = sort.get();
            sort_node_types(&mut l, by, desc);
            l
        })
    };
    let header = move |by: NodeSort, label: Text| {
        let aria = move || match sort.get() {
            (b, false) if b == by => "ascending",
            (b, true) if b == by => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| {
                    *s = if s.0 == by { (by, !s.1) } else { (by, false) };
                })>
                    {move || label.get(lang.get())}
                    <span aria-hidden="true" class="sort-mark">{move || match aria() { "ascending" => "▲", "descending" => "▼", _ => "↕" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <section class="page" data-testid="node-types-page">
            <div class="page-head"><h1>{tr(Text::NavNodeTypes)}</h1></div>
            <ErrorView error=failure/>
            <Suspense fallback=move || view! { <p class="muted" aria-busy="true">{tr(Text::Loading)}</p> }>
            {move || rows().map(|l| view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="node-types-table">
                            <thead><tr>
                                {header(NodeSort::Name, Text::NodeType)}
                                {header(NodeSort::Vcpus, Text::Vcpus)}
                                {header(NodeSort::Memory, Text::Memory)}
                                <th scope="col">{tr(Text::DiskType)}</th>
                                {header(NodeSort::Disk, Text::DiskSize)}
                                <th scope="col">{tr(Text::NodeTypeId)}</th>
                            </tr></thead>
                            <tbody>
                                {l.into_iter().map(|n| {
                                    let disk = n.disk().map(|d| (disk_kind(&d.kind, lang.get()), format!("{} {}", d.size, d.unit.unwrap_or("GB"))));
                                    view! {
                                        <tr data-testid="node-type-row">
                                            <th scope="row"><code>{n.spec_name.clone()}</code></th>
                                            <td class="num">{n.vcpus().map(|v| v.to_string())}</td>
                                            <td class="num">{n.memory().map(|(m, u)| format!("{m} {}", u.unwrap_or("GB")))}</td>
                                            <td>{disk.as_ref().map(|d| d.0.clone())}</td>
                                            <td class="num">{disk.map(|d| d.1)}</td>
                                            <td><code>{n.id.clone()}</code></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
            </Suspense>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nt(name: &str, cpu: u32, mem: u32, disk: u32) -> NodeTypes {
        serde_json::from_value(serde_json::json!({"spec_name": name, "detail": [
            {"type": "vCPU", "value": cpu.to_string()},
            {"type": "mem", "value": mem.to_string(), "unit": "GB"},
            {"type": "SSD", "value": disk.to_string(), "unit": "GB"}]}))
        .unwrap()
    }

    #[test]
    fn sorts_by_each_spec() {
        let mut l = vec![nt("b", 8, 64, 100), nt("a", 4, 128, 50), nt("c", 16, 32, 75)];
        let names = |l: &[NodeTypes]| l.iter().map(|n| n.spec_name.clone()).collect::<Vec<_>>();
        sort_node_types(&mut l, NodeSort::Name, false);
        assert_eq!(names(&l), ["a", "b", "c"]);
        sort_node_types(&mut l, NodeSort::Vcpus, true);
        assert_eq!(names(&l), ["c", "b", "a"]);
        sort_node_types(&mut l, NodeSort::Memory, false);
        assert_eq!(names(&l), ["c", "b", "a"]);
        sort_node_types(&mut l, NodeSort::Disk, false);
        assert_eq!(names(&l), ["a", "c", "b"]);
    }
}
