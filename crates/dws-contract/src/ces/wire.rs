//! The bodies of Cloud Eye's three v1 metric calls, field for field as Huawei's Python SDK
//! (`huaweicloudsdkces.v1`) models them, so what the SDK sends and reads is what these are.

use serde::{Deserialize, Serialize};

use super::query::Filter;

/// A dimension: which resource a series is about (`datastore_id` = a cluster's id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Dimension {
    /// The dimension's name.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::dimension_name))]
    pub name: String,
    /// The resource's id.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::dimension_value))]
    pub value: String,
}

impl Dimension {
    /// A dimension.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Dimension { name: name.into(), value: value.into() }
    }
}

/// One series in the answer of `GET /V1.0/{project_id}/metrics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MetricInfo {
    /// `SYS.DWS`.
    pub namespace: String,
    /// The resource the series is about.
    pub dimensions: Vec<Dimension>,
    /// The metric id.
    pub metric_name: String,
    /// Its unit.
    pub unit: String,
}

/// Paging of the metric list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MetaData {
    /// How many series this answer holds.
    pub count: u32,
    /// How many series match the query.
    pub total: u32,
    /// The key of the last series returned (`namespace.metric_name.key:value`): pass it as
    /// `start` for the next page. Empty when the answer holds none.
    pub marker: String,
}

/// The answer of `GET /V1.0/{project_id}/metrics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ListMetricsResponse {
    /// The series.
    pub metrics: Vec<MetricInfo>,
    /// Paging.
    pub meta_data: MetaData,
}

/// One data point: the asked-for statistic and its time. Cloud Eye fills only the statistic
/// that was asked for, so every other one is left out of the JSON.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Datapoint {
    /// The average over the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average: Option<f64>,
    /// The largest value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The smallest value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<f64>,
    /// The variance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variance: Option<f64>,
    /// The start of the period (or the sample's time, for raw data), in ms since the epoch.
    pub timestamp: i64,
    /// The unit: on every point of `metric-data`, never in a batch answer (which has it once
    /// per series).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Datapoint {
    /// A point carrying one statistic.
    pub fn new(filter: Filter, value: f64, timestamp: i64, unit: Option<&str>) -> Self {
        let mut p = Datapoint { timestamp, unit: unit.map(str::to_owned), ..Default::default() };
        *p.slot(filter) = Some(value);
        p
    }

    /// The value of a statistic, if the point carries it.
    pub fn value(&self, filter: Filter) -> Option<f64> {
        match filter {
            Filter::Average => self.average,
            Filter::Max => self.max,
            Filter::Min => self.min,
            Filter::Sum => self.sum,
            Filter::Variance => self.variance,
        }
    }

    fn slot(&mut self, filter: Filter) -> &mut Option<f64> {
        match filter {
            Filter::Average => &mut self.average,
            Filter::Max => &mut self.max,
            Filter::Min => &mut self.min,
            Filter::Sum => &mut self.sum,
            Filter::Variance => &mut self.variance,
        }
    }
}

/// The answer of `GET /V1.0/{project_id}/metric-data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MetricData {
    /// The metric id.
    pub metric_name: String,
    /// The points, oldest first.
    pub datapoints: Vec<Datapoint>,
}

/// One series asked for in a batch query.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MetricRef {
    /// `SYS.DWS`.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::namespace))]
    pub namespace: String,
    /// The metric id.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::metric_name))]
    pub metric_name: String,
    /// The resource (one to four dimensions).
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::dimension_count))]
    pub dimensions: Vec<Dimension>,
}

/// The body of `POST /V1.0/{project_id}/batch-query-metric-data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BatchQueryRequest {
    /// The series, at most [`super::query::MAX_BATCH_METRICS`].
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::batch_size))]
    pub metrics: Vec<MetricRef>,
    /// Start, ms since the epoch.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::time))]
    pub from: i64,
    /// End, ms since the epoch.
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::time))]
    pub to: i64,
    /// The period in seconds, as a string (`"1"`, `"300"`, …).
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::period))]
    pub period: String,
    /// The statistic (`average`, `max`, `min`, `sum`, `variance`).
    #[cfg_attr(feature = "openapi", schemars(transform = crate::ces::schema::transforms::filter))]
    pub filter: String,
}

/// One series in a batch answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SeriesData {
    /// As asked.
    pub namespace: String,
    /// As asked.
    pub metric_name: String,
    /// As asked.
    pub dimensions: Vec<Dimension>,
    /// The points, oldest first; empty for a series Cloud Eye does not know.
    pub datapoints: Vec<Datapoint>,
    /// The unit, or `unknown` for a series Cloud Eye does not know.
    pub unit: String,
}

/// The answer of `POST /V1.0/{project_id}/batch-query-metric-data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BatchQueryResponse {
    /// One entry per series asked for, in the order asked.
    pub metrics: Vec<SeriesData>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_point_carries_only_the_asked_statistic() {
        let p = Datapoint::new(Filter::Max, 0.13, 1_442_341_200_000, Some("%"));
        assert_eq!(serde_json::to_value(&p).unwrap(), json!({"max": 0.13, "timestamp": 1_442_341_200_000_i64, "unit": "%"}));
        let batch = Datapoint::new(Filter::Average, 0.69, 1_556_625_610_000, None);
        assert_eq!(serde_json::to_value(&batch).unwrap(), json!({"average": 0.69, "timestamp": 1_556_625_610_000_i64}));
        assert_eq!(batch.value(Filter::Average), Some(0.69));
        assert_eq!(batch.value(Filter::Sum), None);
    }

    #[test]
    fn the_reference_s_examples_read() {
        let list: ListMetricsResponse = serde_json::from_value(json!({
            "metrics": [{"namespace": "SYS.ECS", "dimensions": [{"name": "instance_id", "value": "d9112af5-6913-4f3b-bd0a-3f96711e004d"}], "metric_name": "cpu_util", "unit": "%"}],
            "meta_data": {"count": 1, "marker": "SYS.ECS.cpu_util.instance_id:d9112af5-6913-4f3b-bd0a-3f96711e004d", "total": 7}
        }))
        .unwrap();
        assert_eq!(list.meta_data.total, 7);
        let batch: BatchQueryResponse = serde_json::from_value(json!({"metrics": [{
            "namespace": "SYS.RDS", "metric_name": "rds039_disk_util",
            "dimensions": [{"name": "instance_id", "value": "5e319882ffa04c968e469035a116b2d1in04"}],
            "datapoints": [], "unit": "unknown"
        }]}))
        .unwrap();
        assert_eq!(batch.metrics[0].unit, "unknown");
    }
}
