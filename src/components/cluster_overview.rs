//! The clusters page's overview: how many clusters are in each status, and the busiest ones by
//! their sessions now, as small bar charts (bars of words and numbers, never colour alone).

use std::sync::Arc;

use dws_contract::types::ClusterInfo;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::status::cluster_status;
use crate::data::metrics::use_session_counts;
use crate::format::count;
use crate::i18n::{Text, tr, use_lang};
use crate::live::Live;
use crate::nav::href;

/// How many of the busiest clusters are shown.
const BUSIEST: usize = 5;

/// Each status present with its count, most common first (ties by the status's name).
pub fn status_counts(list: &[Arc<ClusterInfo>]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in list {
        let s = c.status.as_str();
        match counts.iter_mut().find(|(k, _)| k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s.to_owned(), 1)),
        }
    }
    crate::data::sort::sort_by(&mut counts, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// The busiest clusters: (id, name, sessions), most sessions first, at most `n`.
pub fn busiest(list: &[Arc<ClusterInfo>], sessions: &std::collections::HashMap<String, f64>, n: usize) -> Vec<(String, String, f64)> {
    let mut rows: Vec<(String, String, f64)> =
        list.iter().filter_map(|c| Some((c.id.clone(), c.name.clone(), *sessions.get(&c.id)?))).collect();
    crate::data::sort::sort_by(&mut rows, |a, b| b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    rows.truncate(n);
    rows
}

/// One bar: its label, its share of the longest (0–100) and its number.
#[component]
fn Bar(label: AnyView, title: String, share: f64, value: String) -> impl IntoView {
    view! {
        <li class="bar-row" data-testid="bar">
            <span class="bar-label" title=title>{label}</span>
            <span class="bar-track" aria-hidden="true"><span class="bar-fill" style:width=format!("{share:.1}%")></span></span>
            <span class="bar-value">{value}</span>
        </li>
    }
}

/// The overview of the project's clusters.
#[component]
pub fn ClusterOverview(
    /// The live cluster list.
    live: Live<Vec<Arc<ClusterInfo>>>,
) -> impl IntoView {
    let lang = use_lang();
    let statuses = Memo::new(move |_| live.data.with(|l| l.as_deref().map(status_counts).unwrap_or_default()));
    let available = Memo::new(move |_| {
        live.data.with(|l| l.iter().flatten().filter(|c| c.status.is_available()).map(|c| c.id.clone()).collect::<Vec<_>>())
    });
    let sessions = use_session_counts(available);
    let top = Memo::new(move |_| {
        sessions.data.with(|s| s.as_ref().map(|s| live.data.with(|l| busiest(l.as_deref().unwrap_or_default(), s, BUSIEST))))
    });
    let denied = move || sessions.error.with(|e| e.as_ref().map(|e| e.explain(lang.get())));
    view! {
        <section class="overview" aria-label=tr(Text::Overview) data-testid="cluster-overview">
            <div class="card">
                <h2>{tr(Text::ClustersByStatus)}</h2>
                <ul class="bars" data-testid="status-counts">
                    {move || {
                        let rows = statuses.get();
                        let most = rows.first().map_or(1, |r| r.1).max(1) as f64;
                        rows.into_iter().map(|(status, n)| {
                            let label = cluster_status(&status.as_str().into(), lang.get()).0;
                            view! { <Bar label=label.clone().into_any() title=label share=n as f64 / most * 100.0 value=count(n)/> }
                        }).collect_view()
                    }}
                </ul>
            </div>
            <div class="card">
                <h2>{tr(Text::BusiestClusters)}</h2>
                {move || match (top.get(), denied()) {
                    (_, Some(x)) => view! {
                        <p class="muted" data-testid="busiest-unavailable">
                            {Text::BusiestUnavailable.get(lang.get())} " " {x.code.map(|c| view! { <code>{c}</code> " " })} {x.message}
                            {x.missing_action.map(|a| view! { " " {tr(Text::MissingAction)} " " <code>{a}</code> })}
                        </p>
                    }.into_any(),
                    (None, None) => view! { <p class="muted">{tr(Text::Loading)}</p> }.into_any(),
                    (Some(rows), None) if rows.is_empty() => view! { <p class="muted" data-testid="busiest-empty">{tr(Text::BusiestEmpty)}</p> }.into_any(),
                    (Some(rows), None) => {
                        let most = rows.first().map_or(1.0, |r| r.2).max(1.0);
                        view! {
                            <ul class="bars" data-testid="busiest">
                                {rows.into_iter().map(|(id, name, n)| {
                                    let shown = name.clone();
                                    let label = view! { <A href=href(&format!("/clusters/{id}?tab=monitoring"))>{shown}</A> }.into_any();
                                    let value = format!("{} {}", count(n.round() as usize), Text::UnitSessions.get(lang.get()));
                                    view! { <Bar label=label title=name share=n / most * 100.0 value=value/> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(id: &str, status: &str) -> Arc<ClusterInfo> {
        Arc::new(serde_json::from_value(serde_json::json!({"id": id, "name": format!("n-{id}"), "status": status})).unwrap())
    }

    #[test]
    fn statuses_are_counted_most_common_first() {
        let list = [cluster("a", "AVAILABLE"), cluster("b", "CREATING"), cluster("c", "AVAILABLE"), cluster("d", "FAILED")];
        assert_eq!(status_counts(&list), [("AVAILABLE".to_owned(), 2), ("CREATING".to_owned(), 1), ("FAILED".to_owned(), 1)]);
        assert!(status_counts(&[]).is_empty());
    }

    #[test]
    fn the_busiest_have_the_most_sessions_and_figures() {
        let list = [cluster("a", "AVAILABLE"), cluster("b", "AVAILABLE"), cluster("c", "AVAILABLE")];
        let sessions = [("a".to_owned(), 3.0), ("c".to_owned(), 9.0)].into_iter().collect();
        let top = busiest(&list, &sessions, 5);
        assert_eq!(top.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["c", "a"], "b has no figures: not listed as idle");
        assert_eq!(busiest(&list, &sessions, 1).len(), 1);
    }
}
