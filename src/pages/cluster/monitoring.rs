//! A cluster's Monitoring tab: its Cloud Eye figures as charts over the chosen range (kept in the
//! URL), polled while the tab is open, each chart with its table and export.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::chart::LineChart;
use crate::components::freshness::Freshness;
use crate::data::metrics::{CHARTS, Range, use_cluster_metrics};
use crate::i18n::{Text, tr, use_lang};

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
    let live = use_cluster_metrics(cluster_id, range.into());
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
                {move || lang.get().pick(" ", "")} {tr(Text::NodeChartsNote)}
            </p>
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
