//! The clusters' figures from Cloud Eye: what the Monitoring tab charts over which range, the
//! one batch query each view makes, and the project's busiest clusters for the overview.

use std::collections::HashMap;

use dws_contract::Operation;
use dws_contract::ces::catalog::{Object, metric};
use dws_contract::ces::wire::{BatchQueryRequest, BatchQueryResponse, Dimension, MetricRef};
use dws_contract::ces::{Filter, NAMESPACE, Period};
use leptos::prelude::*;

use crate::api::{Answer, service_now_ms};
use crate::i18n::Text;
use crate::live::{Live, use_cadence, use_live};
use crate::session::use_api;

/// How far past the service's present a query reaches: a sample taken while the answer travels
/// is still shown.
pub const AHEAD_MS: i64 = 60_000;

/// A range the Monitoring tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Range {
    /// The last hour, every sample.
    #[default]
    Hour,
    /// Six hours in five-minute periods.
    SixHours,
    /// A day in five-minute periods.
    Day,
    /// A week in hours.
    Week,
}

impl Range {
    /// Every range, shortest first.
    pub const ALL: [Range; 4] = [Range::Hour, Range::SixHours, Range::Day, Range::Week];

    /// Its length.
    pub fn ms(self) -> i64 {
        const HOUR: i64 = 3_600_000;
        match self {
            Range::Hour => HOUR,
            Range::SixHours => 6 * HOUR,
            Range::Day => 24 * HOUR,
            Range::Week => 7 * 24 * HOUR,
        }
    }

    /// The Cloud Eye period asked for: the finest that keeps seven series of the range within
    /// the service's 3,000 points and its retention (raw data is kept two days).
    pub fn period(self) -> Period {
        match self {
            Range::Hour => Period::Raw,
            Range::SixHours | Range::Day => Period::FiveMinutes,
            Range::Week => Period::Hour,
        }
    }

    /// Its name on the range switch.
    pub fn label(self) -> Text {
        match self {
            Range::Hour => Text::RangeHour,
            Range::SixHours => Text::RangeSixHours,
            Range::Day => Text::RangeDay,
            Range::Week => Text::RangeWeek,
        }
    }

    /// As the URL writes it.
    pub fn key(self) -> &'static str {
        match self {
            Range::Hour => "1h",
            Range::SixHours => "6h",
            Range::Day => "24h",
            Range::Week => "7d",
        }
    }

    /// Reads [`Range::key`].
    pub fn from_key(s: &str) -> Option<Range> {
        Range::ALL.into_iter().find(|r| r.key() == s)
    }

    /// Two points further apart than this have no data between them: the line breaks there.
    pub fn gap_ms(self) -> i64 {
        self.period().interval_ms() * 5 / 2
    }
}

/// A chart of the Monitoring tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chart {
    /// The metric id.
    pub metric: &'static str,
    /// What its values count, in words.
    pub unit: Text,
}

impl Chart {
    /// Whether its values are a share of 100 (the axis then always runs from 0 to 100).
    pub fn percent(&self) -> bool {
        metric(self.metric).is_some_and(|m| m.unit == "%")
    }

    /// Its title: the metric's name in the reference's list.
    pub fn title(&self, lang: dws_contract::Lang) -> &'static str {
        metric(self.metric).map_or(self.metric, |m| m.name(lang))
    }
}

/// The Monitoring tab's charts, in the order shown.
pub const CHARTS: [Chart; 7] = [
    Chart { metric: "dws009_session_count", unit: Text::UnitSessions },
    Chart { metric: "dws008_active_sql_count", unit: Text::UnitStatements },
    Chart { metric: "dws007_db_size", unit: Text::UnitMegabytes },
    Chart { metric: "dws001_shared_buffer_hit_ratio", unit: Text::UnitPercent },
    Chart { metric: "dws010_cpu_usage", unit: Text::UnitPercent },
    Chart { metric: "dws011_mem_usage", unit: Text::UnitPercent },
    Chart { metric: "dws015_disk_usage", unit: Text::UnitPercent },
];

/// One metric's points, oldest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// The metric id.
    pub metric: String,
    /// Its unit as Cloud Eye gives it (`%`, `count`, `MB`).
    pub unit: String,
    /// (ms since the epoch, value).
    pub points: Vec<(i64, f64)>,
}

/// What one query of the Monitoring tab found.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// The range asked for.
    pub range: Range,
    /// Its start (ms since the epoch).
    pub from: i64,
    /// Its end, the service's clock at the query.
    pub to: i64,
    /// One per chart, in [`CHARTS`]' order.
    pub series: Vec<Series>,
}

impl Metrics {
    /// Whether no chart has a point yet (a new cluster, or one without a server to read).
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }

    /// The series of a metric.
    pub fn of(&self, metric: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.metric == metric)
    }
}

/// The resource a metric of a cluster is recorded under: the cluster, or the node charted (its
/// id from the cluster's node list); `None` for a node metric when no node is known.
fn dimension(cluster_id: &str, node_id: Option<&str>, metric_id: &str) -> Option<Dimension> {
    match metric(metric_id).map(|m| m.object) {
        Some(Object::Node) => node_id.map(|n| Dimension::new(Object::Node.dimension(), n)),
        _ => Some(Dimension::new(Object::Cluster.dimension(), cluster_id)),
    }
}

/// The batch query of the charts of one cluster, and of one of its nodes, over a range ending
/// `now`.
pub fn batch_for(cluster_id: &str, node_id: Option<&str>, range: Range, now: i64) -> BatchQueryRequest {
    let metrics = CHARTS
        .iter()
        .filter_map(|c| {
            let d = dimension(cluster_id, node_id, c.metric)?;
            Some(MetricRef { namespace: NAMESPACE.into(), metric_name: c.metric.into(), dimensions: vec![d] })
        })
        .collect();
    BatchQueryRequest {
        metrics,
        from: now - range.ms(),
        to: now + AHEAD_MS,
        period: range.period().seconds().to_string(),
        filter: Filter::Average.as_str().into(),
    }
}

/// The series of a batch answer, each point's asked statistic (points without it are left out).
pub fn read_batch(answer: BatchQueryResponse, filter: Filter) -> Vec<Series> {
    answer
        .metrics
        .into_iter()
        .map(|m| Series {
            points: m.datapoints.iter().filter_map(|p| Some((p.timestamp, p.value(filter)?))).collect(),
            metric: m.metric_name,
            unit: m.unit,
        })
        .collect()
}

/// A cluster's charts over the chosen range, kept live: polled fast until the first points
/// arrive, then at the tables' settled pace. `node` is the node whose CPU, memory and disk are
/// charted: `None` while the node list loads (nothing is asked yet), `Some(None)` when there is
/// no node to chart.
pub fn use_cluster_metrics(cluster_id: Signal<String>, node: Signal<Option<Option<String>>>, range: Signal<Range>) -> Live<Metrics> {
    let api = use_api();
    use_live(
        use_cadence(),
        move || {
            let api = api.get_untracked()?;
            // Read tracked: a new cluster, node or range asks again at once.
            let (id, node, range) = (cluster_id.get(), node.get()?, range.get());
            Some(async move {
                let now = service_now_ms();
                let body = batch_for(&id, node.as_deref(), range, now);
                let a: Answer<BatchQueryResponse> = api.call(Operation::BatchListMetricData, &api.project(), Some(&body)).await?;
                Ok(Metrics { range, from: now - range.ms(), to: now, series: read_batch(a.body, Filter::Average) })
            })
        },
        Metrics::is_empty,
    )
}

/// The most clusters the overview asks about in one query: with 15 minutes of raw samples each,
/// the most Cloud Eye answers whole.
pub const BUSIEST_OF: usize = 200;

/// The latest session count of each of `cluster_ids` (those Cloud Eye has figures for).
pub fn latest_sessions(answer: BatchQueryResponse) -> HashMap<String, f64> {
    answer
        .metrics
        .into_iter()
        .filter_map(|m| {
            let id = m.dimensions.first()?.value.clone();
            let last = m.datapoints.iter().filter_map(|p| Some((p.timestamp, p.value(Filter::Average)?))).max_by_key(|p| p.0)?;
            Some((id, last.1))
        })
        .collect()
}

/// The session counts of the project's available clusters, following the cluster list.
pub fn use_session_counts(available: Memo<Vec<String>>) -> Live<HashMap<String, f64>> {
    let api = use_api();
    use_live(
        use_cadence(),
        move || {
            let api = api.get_untracked()?;
            let ids: Vec<String> = available.get().into_iter().take(BUSIEST_OF).collect();
            Some(async move {
                if ids.is_empty() {
                    return Ok(HashMap::new());
                }
                let now = service_now_ms();
                let metrics = ids
                    .iter()
                    .map(|id| MetricRef {
                        namespace: NAMESPACE.into(),
                        metric_name: "dws009_session_count".into(),
                        dimensions: vec![Dimension::new(Object::Cluster.dimension(), id.as_str())],
                    })
                    .collect();
                let body = BatchQueryRequest {
                    metrics,
                    from: now - 15 * 60_000,
                    to: now + AHEAD_MS,
                    period: Period::Raw.seconds().to_string(),
                    filter: Filter::Average.as_str().into(),
                };
                let a: Answer<BatchQueryResponse> = api.call(Operation::BatchListMetricData, &api.project(), Some(&body)).await?;
                Ok(latest_sessions(a.body))
            })
        },
        |_| false,
    )
}

/// A chart's points as the table and its export show them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PointRow {
    /// ISO 8601, UTC.
    pub time: String,
    /// The value.
    pub value: f64,
    /// Cloud Eye's unit.
    pub unit: String,
}

impl crate::export::CsvRecord for PointRow {
    const HEADER: &'static [&'static str] = &["time", "value", "unit"];
    fn record(&self) -> Vec<String> {
        vec![self.time.clone(), self.value.to_string(), self.unit.clone()]
    }
}

impl Series {
    /// Its points as rows.
    pub fn rows(&self) -> Vec<PointRow> {
        self.points
            .iter()
            .map(|(t, v)| PointRow { time: dws_contract::time::format_iso8601(*t), value: *v, unit: self.unit.clone() })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dws_contract::ces::query::{DataQuery, MAX_POINTS};
    use dws_contract::ces::wire::{Datapoint, SeriesData};

    #[test]
    fn every_range_fits_cloud_eye_s_limits_unclamped() {
        let now = 1_796_000_000_000;
        for range in Range::ALL {
            let body = batch_for("c1", Some("n1"), range, now);
            let q = DataQuery::parse_batch(&serde_json::to_value(&body).unwrap()).unwrap();
            assert_eq!(q.from, body.from, "{range:?}: the service would shorten it");
            let points = (body.to - body.from) / range.period().interval_ms() * body.metrics.len() as i64;
            assert!(points <= MAX_POINTS, "{range:?}: {points}");
            assert!(range.ms() <= range.period().retention_ms(), "{range:?} outlives its period's data");
            assert_eq!(Range::from_key(range.key()), Some(range));
        }
    }

    #[test]
    fn node_metrics_ask_for_the_node_and_cluster_metrics_for_the_cluster() {
        let body = batch_for("c1", Some("c1-node-7"), Range::Hour, 0);
        let dims: Vec<(&str, &str)> =
            body.metrics.iter().map(|m| (m.metric_name.as_str(), m.dimensions[0].name.as_str())).collect();
        assert_eq!(dims[0], ("dws009_session_count", "datastore_id"));
        assert_eq!(dims[4], ("dws010_cpu_usage", "dws_instance_id"));
        assert_eq!(body.metrics[4].dimensions[0].value, "c1-node-7");
        // No node known: the cluster's own figures only.
        let cluster_only = batch_for("c1", None, Range::Hour, 0);
        assert_eq!(cluster_only.metrics.len(), 4);
        assert!(cluster_only.metrics.iter().all(|m| m.dimensions[0].name == "datastore_id"));
        assert!(CHARTS[3].percent() && !CHARTS[0].percent());
    }

    #[test]
    fn answers_read_into_series_and_latest_counts() {
        let series = |id: &str, points: &[(i64, f64)]| SeriesData {
            namespace: NAMESPACE.into(),
            metric_name: "dws009_session_count".into(),
            dimensions: vec![Dimension::new("datastore_id", id)],
            datapoints: points.iter().map(|(t, v)| Datapoint::new(Filter::Average, *v, *t, None)).collect(),
            unit: "count".into(),
        };
        let answer = BatchQueryResponse { metrics: vec![series("a", &[(1, 3.0), (2, 5.0)]), series("b", &[])] };
        let read = read_batch(answer.clone(), Filter::Average);
        assert_eq!(read[0].points, [(1, 3.0), (2, 5.0)]);
        assert_eq!(read[0].rows()[1].value, 5.0);
        assert!(read_batch(answer.clone(), Filter::Max)[0].points.is_empty(), "no point carries max");
        let latest = latest_sessions(answer);
        assert_eq!(latest.get("a"), Some(&5.0));
        assert_eq!(latest.get("b"), None, "no figures, not zero");
    }
}
