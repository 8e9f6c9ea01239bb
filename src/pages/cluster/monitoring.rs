//! A cluster's Monitoring tab: its Cloud Eye figures as charts over the chosen range (kept in the
//! URL), polled while the tab is open, each chart with its table and export. CPU, memory and disk
//! are a node's: one of the nodes the service lists for the cluster, the first unless picked.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::chart::LineChart;
use crate::components::freshness::Freshness;
use crate::data::metrics::{CHARTS, Range, use_cluster_metrics};
use crate::data::nodes::use_cluster_nodes;
use crate::i18n::{Text, tr, use_lang};

/// What the tab can say of the node it charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeState {
    Loading,
    None,
    One,
    Several,
}

/// The charts of the cluster `cluster_id`.
#[component]
pub fn MonitoringPanel(
    /// The cluster.
    #[prop(into)]
    cluster_id: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let range = Memo::new(move |_| query.with(|q| q.get("range").and_then(|r| Range::from_key(&r))).unwrap_or_default());
    let nodes = use_cluster_nodes(cluster_id);
    let picked = RwSignal::new(None::<String>);
    // `None` while the node list loads; then the node picked, or the first, or none to chart.
    let node = Memo::new(move |_| match nodes.data.get() {
        Some(list) => Some(
            picked.get().filter(|p| list.iter().any(|n| &n.id == p)).or_else(|| list.first().map(|n| n.id.clone())),
        ),
        None if nodes.error.with(Option::is_some) => Some(None),
        None => None,
    });
    let node_list = Memo::new(move |_| nodes.data.get().unwrap_or_default());
    let node_state = Memo::new(move |_| match node.get() {
        None => NodeState::Loading,
        Some(None) => NodeState::None,
        Some(Some(_)) if node_list.with(Vec::len) == 1 => NodeState::One,
        Some(Some(_)) => NodeState::Several,
    });
    let live = use_cluster_metrics(cluster_id, node.into(), range.into());
    // Figures of another range stay out of the charts until the new ones arrive.
    let current = Memo::new(move |_| live.data.get().filter(|m| m.range == range.get()));
    let navigate = use_navigate();
    let choose = move |r: Range| {
        let to = format!("/clusters/{}?tab=monitoring&range={}", cluster_id.get_untracked(), r.key());
        navigate(&to, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let waiting = move || current.with(Option::is_none) && live.error.with(Option::is_none);
    let empty = move || current.with(|m| m.as_ref().is_some_and(|m| m.is_empty()));
    view! {
        <div class="monitoring" data-testid="monitoring">
            <div class="monitoring-head">
                <div class="segmented" role="group" aria-label=tr(Text::TimeRange) data-testid="range-switch">
                    {Range::ALL.into_iter().map(|r| {
                        let choose = choose.clone();
                        view! {
                            <button type="button" class="button small" data-testid=format!("range-{}", r.key())
                                aria-pressed=move || (range.get() == r).to_string() on:click=move |_| choose(r)>
                                {tr(r.label())}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <Freshness live=live/>
            </div>
            <p class="muted" data-testid="monitoring-lead">
                {move || match range.get() {
                    Range::Hour => Text::PeriodRaw,
                    Range::SixHours | Range::Day => Text::PeriodFiveMinutes,
                    Range::Week => Text::PeriodHour,
                }.get(lang.get())}
            </p>
            <div class="node-charts" data-testid="node-charts">
                {move || match node_state.get() {
                    NodeState::Loading => None,
                    NodeState::None => Some(view! { <p class="muted">{tr(Text::NodeChartsNone)}</p> }.into_any()),
                    NodeState::One => Some(view! {
                        <p class="muted">{tr(Text::NodeChartsOf)} " "
                            <code data-testid="charted-node">{move || node_list.with(|l| l.first().map(|n| n.name.clone().unwrap_or_else(|| n.id.clone())))}</code>
                        </p>
                    }.into_any()),
                    // Built once for the list, so picking a node keeps the focus on the picker.
                    NodeState::Several => Some(view! {
                        <div class="field inline">
                            <label for="node-picker">{tr(Text::NodeChartsOf)}</label>
                            <select id="node-picker" data-testid="node-picker" on:change=move |ev| picked.set(Some(event_target_value(&ev)))>
                                {move || node_list.get().into_iter().map(|n| view! {
                                    <option value=n.id.clone() selected={let id = n.id.clone(); move || node.with(|c| c.as_ref().and_then(|c| c.as_deref()) == Some(id.as_str()))}>
                                        {n.name.clone().unwrap_or_else(|| n.id.clone())}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                    }.into_any()),
                }}
            </div>
            // One status region, always present, so each change of state is announced once.
            <p class="visually-hidden" role="status">
                {move || if waiting() { Text::LoadingMetrics.get(lang.get()) } else if empty() { Text::MetricsEmpty.get(lang.get()) } else { "" }}
            </p>
            <Show when=waiting>
                <div class="empty-state" data-testid="metrics-loading" aria-hidden="true"><p>{tr(Text::LoadingMetrics)}</p></div>
            </Show>
            <Show when=empty>
                <div class="banner banner-info" data-testid="metrics-empty" aria-hidden="true"><p>{tr(Text::MetricsEmpty)}</p></div>
            </Show>
            <Show when=move || current.with(Option::is_some)>
                <div class="chart-grid">
                    {CHARTS.into_iter().map(|c| view! { <LineChart chart=c data=current/> }).collect_view()}
                </div>
            </Show>
        </div>
    }
}
