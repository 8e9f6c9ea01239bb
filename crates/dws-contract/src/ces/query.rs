//! What the three calls accept: periods, statistics, the names and ranges of their inputs, and
//! the range rule that shortens a query rather than refuse it. A check names every offending
//! field, as Cloud Eye's `error message: [from, to]` does.

use serde_json::Value;

use super::wire::{Dimension, MetricRef};

/// An aggregation period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// `1`: the raw samples, not aggregated.
    Raw,
    /// `300`.
    FiveMinutes,
    /// `1200`.
    TwentyMinutes,
    /// `3600`.
    Hour,
    /// `14400`.
    FourHours,
    /// `86400`.
    Day,
}

const DAY_MS: i64 = 86_400_000;

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Period; 6] =
        [Period::Raw, Period::FiveMinutes, Period::TwentyMinutes, Period::Hour, Period::FourHours, Period::Day];

    /// The period in seconds, as on the wire.
    pub fn seconds(self) -> u32 {
        match self {
            Period::Raw => 1,
            Period::FiveMinutes => 300,
            Period::TwentyMinutes => 1200,
            Period::Hour => 3600,
            Period::FourHours => 14_400,
            Period::Day => 86_400,
        }
    }

    /// Reads `"1"`, `"300"`, … (nothing else: not `"60"`, not `" 300"`).
    pub fn parse(s: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.seconds().to_string() == s)
    }

    /// The period's length in ms (for the raw period: the sampling interval the range rule
    /// counts by, one sample a minute).
    pub fn interval_ms(self) -> i64 {
        match self {
            Period::Raw => 60_000,
            p => i64::from(p.seconds()) * 1000,
        }
    }

    /// How long Cloud Eye keeps data at this period: raw 2 days, 5 minutes 10 days, 20 minutes
    /// 20 days, 1 hour 155 days, 4 hours 300 days, 1 day 5 years ("How Long Is Metric Data
    /// Retained?").
    pub fn retention_ms(self) -> i64 {
        DAY_MS
            * match self {
                Period::Raw => 2,
                Period::FiveMinutes => 10,
                Period::TwentyMinutes => 20,
                Period::Hour => 155,
                Period::FourHours => 300,
                Period::Day => 5 * 365,
            }
    }

    /// The start of the period a time falls in (raw data is not aligned).
    pub fn align_down(self, ms: i64) -> i64 {
        match self {
            Period::Raw => ms,
            p => ms - ms.rem_euclid(p.interval_ms()),
        }
    }
}

/// The statistic a query asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Filter {
    /// `average`.
    Average,
    /// `max`.
    Max,
    /// `min`.
    Min,
    /// `sum`.
    Sum,
    /// `variance`.
    Variance,
}

impl Filter {
    /// Every statistic.
    pub const ALL: [Filter; 5] = [Filter::Average, Filter::Max, Filter::Min, Filter::Sum, Filter::Variance];

    /// The name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Filter::Average => "average",
            Filter::Max => "max",
            Filter::Min => "min",
            Filter::Sum => "sum",
            Filter::Variance => "variance",
        }
    }

    /// Reads a statistic's name.
    pub fn parse(s: &str) -> Option<Filter> {
        Filter::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// The most series one batch query may ask for (the current reference; older copies say 10).
pub const MAX_BATCH_METRICS: usize = 500;
/// The most points one query answers with, over all its series: a longer range is shortened.
pub const MAX_POINTS: i64 = 3000;
/// The largest batch body accepted.
pub const MAX_BATCH_BODY: usize = 512 * 1024;
/// The earliest `from`/`to` accepted (ms since the epoch).
pub const TIME_MIN: i64 = 1_111_111_111_111;
/// The latest `from`/`to` accepted.
pub const TIME_MAX: i64 = 9_999_999_999_999;
/// The most series one page of the metric list holds, and its default.
pub const LIST_LIMIT_MAX: u32 = 1000;
/// How many `dim.N` the metric list reads (`dim.0` to `dim.2`).
pub const LIST_MAX_DIMENSIONS: usize = 3;
/// How many dimensions a data query may name (`dim.0` to `dim.3`; a batch entry's list).
pub const DATA_MAX_DIMENSIONS: usize = 4;

/// Where a query's range starts once the range rule is applied: with `n` series, at most
/// [`MAX_POINTS`] points in all, so `to - from` is at most `3000 × interval / n`; a longer range
/// keeps its end and moves its start, without an error.
pub fn clamped_from(from: i64, to: i64, period: Period, series: usize) -> i64 {
    let series = series.max(1) as i64;
    let longest = MAX_POINTS * period.interval_ms() / series;
    if to - from > longest { to - longest } else { from }
}

fn is_name(s: &str, max: usize, first: fn(char) -> bool, rest: fn(char) -> bool) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(first) && s.chars().count() <= max && chars.all(rest)
}

fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// A namespace: `service.item`, 3–32 characters, each part a letter then letters, digits or `_`.
pub fn is_namespace(s: &str) -> bool {
    let part = |p: &str| is_name(p, 32, |c| c.is_ascii_alphabetic(), |c| c.is_ascii_alphanumeric() || c == '_');
    (3..=32).contains(&s.len()) && s.split_once('.').is_some_and(|(a, b)| part(a) && part(b))
}

/// A metric id: a letter, then letters, digits, `_` or `-`; at most 96 characters.
pub fn is_metric_name(s: &str) -> bool {
    is_name(s, 96, |c| c.is_ascii_alphabetic(), word)
}

/// A dimension: its name a letter then up to 31 of `[A-Za-z0-9_-]`; its value a letter or digit
/// then up to 255 of them.
pub fn is_dimension(d: &Dimension) -> bool {
    is_name(&d.name, 32, |c| c.is_ascii_alphabetic(), word) && is_name(&d.value, 256, |c| c.is_ascii_alphanumeric(), word)
}

/// Reads `dim.N=name,value`.
pub fn parse_dimension(s: &str) -> Option<Dimension> {
    let (name, value) = s.split_once(',')?;
    let d = Dimension::new(name, value);
    is_dimension(&d).then_some(d)
}

/// A series' key, as the metric list's `start` and `marker` write it:
/// `namespace.metric_name.dimension:value`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeriesKey {
    /// The namespace.
    pub namespace: String,
    /// The metric id.
    pub metric_name: String,
    /// The first dimension.
    pub dimension: Dimension,
}

impl SeriesKey {
    /// The key as text.
    pub fn marker(&self) -> String {
        format!("{}.{}.{}:{}", self.namespace, self.metric_name, self.dimension.name, self.dimension.value)
    }

    /// Reads a key: the namespace has exactly one dot and a metric id none.
    pub fn parse(s: &str) -> Option<SeriesKey> {
        let mut parts = s.splitn(4, '.');
        let namespace = format!("{}.{}", parts.next()?, parts.next()?);
        let metric_name = parts.next()?.to_owned();
        let (name, value) = parts.next()?.split_once(':')?;
        let dimension = Dimension::new(name, value);
        (is_namespace(&namespace) && is_metric_name(&metric_name) && is_dimension(&dimension))
            .then_some(SeriesKey { namespace, metric_name, dimension })
    }
}

/// The order of the metric list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `asc`.
    Asc,
    /// `desc`, the default.
    Desc,
}

/// Why a query was refused: the parameters or fields at fault, in the order Cloud Eye lists them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A URL parameter is missing or invalid (`ces.0013`).
    #[error("The URL parameter is invalid or does not exist, error message: [{}]", .0.join(", "))]
    Parameters(Vec<String>),
    /// The metric list's `start` is not a series key (`ces.0006`).
    #[error("The paging address is incorrect, error message: [start]")]
    Start,
    /// Fields of a batch body are missing or invalid (`ces.0014`).
    #[error("Some content in message body is not correct, error message: [{}]", .0.join(", "))]
    Body(Vec<String>),
}

/// `GET /V1.0/{project_id}/metrics`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Only this namespace.
    pub namespace: Option<String>,
    /// Only this metric.
    pub metric_name: Option<String>,
    /// Only series with all these dimensions.
    pub dimensions: Vec<Dimension>,
    /// Resume after this series.
    pub start: Option<SeriesKey>,
    /// Page size.
    pub limit: u32,
    /// Order.
    pub order: Order,
}

fn first<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// A whole number written as digits only: no sign, no spaces (Rust's own parse takes `+5`).
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Names a parameter given more than once: which of its values is meant is not for the
/// service to guess.
fn repeated(params: &[(String, String)], bad: &mut Vec<String>) {
    for (i, (k, _)) in params.iter().enumerate() {
        if params[..i].iter().any(|(earlier, _)| earlier == k) {
            note(bad, k);
        }
    }
}

/// Adds a name to the offending ones, once.
fn note(bad: &mut Vec<String>, name: &str) {
    if !bad.iter().any(|b| b == name) {
        bad.push(name.to_owned());
    }
}

/// Reads the `dim.0`… parameters up to `max`: numbered as written (`dim.0`, not `dim.00`), from
/// 0 without a gap; a `dim.N` beyond `max` is refused.
fn dimensions(params: &[(String, String)], max: usize, bad: &mut Vec<String>) -> Vec<Dimension> {
    let mut dims: Vec<(usize, Dimension)> = Vec::new();
    for (k, v) in params {
        let Some(n) = k.strip_prefix("dim.") else { continue };
        let index = digits::<usize>(n).filter(|i| *i < max && i.to_string() == n);
        match (index, parse_dimension(v)) {
            (Some(i), Some(d)) if !dims.iter().any(|(j, _)| *j == i) => dims.push((i, d)),
            _ => note(bad, k),
        }
    }
    dims.sort_by_key(|(i, _)| *i);
    if let Some(gap) = (0..dims.len()).find(|i| dims[*i].0 != *i) {
        note(bad, &format!("dim.{gap}"));
    }
    dims.into_iter().map(|(_, d)| d).collect()
}

impl ListQuery {
    /// Checks the query parameters (percent-decoded, in order).
    pub fn parse(params: &[(String, String)]) -> Result<ListQuery, QueryError> {
        let mut bad = Vec::new();
        repeated(params, &mut bad);
        let namespace = first(params, "namespace").map(str::to_owned);
        if namespace.as_deref().is_some_and(|n| !is_namespace(n)) {
            bad.push("namespace".to_owned());
        }
        let metric_name = first(params, "metric_name").map(str::to_owned);
        if metric_name.as_deref().is_some_and(|m| !is_metric_name(m)) {
            bad.push("metric_name".to_owned());
        }
        let dimensions = dimensions(params, LIST_MAX_DIMENSIONS, &mut bad);
        let limit = match first(params, "limit") {
            None => LIST_LIMIT_MAX,
            Some(l) => match digits::<u32>(l) {
                Some(n) if (1..=LIST_LIMIT_MAX).contains(&n) => n,
                _ => {
                    bad.push("limit".to_owned());
                    0
                }
            },
        };
        let order = match first(params, "order") {
            None | Some("desc") => Order::Desc,
            Some("asc") => Order::Asc,
            Some(_) => {
                bad.push("order".to_owned());
                Order::Desc
            }
        };
        if !bad.is_empty() {
            return Err(QueryError::Parameters(bad));
        }
        let start = match first(params, "start") {
            None => None,
            Some(s) => Some(SeriesKey::parse(s).ok_or(QueryError::Start)?),
        };
        Ok(ListQuery { namespace, metric_name, dimensions, start, limit, order })
    }
}

/// A data query, checked: one series (`metric-data`) or many (a batch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataQuery {
    /// The series.
    pub metrics: Vec<MetricRef>,
    /// Start, after the range rule.
    pub from: i64,
    /// End.
    pub to: i64,
    /// Period.
    pub period: Period,
    /// Statistic.
    pub filter: Filter,
}

fn is_time(v: Option<i64>) -> bool {
    v.is_some_and(|t| (TIME_MIN..=TIME_MAX).contains(&t))
}

/// Checks `from` and `to`: each a time in range, then `from` before `to` (else both are named).
fn check_range(from: Option<i64>, to: Option<i64>, bad: &mut Vec<String>) {
    let (from_ok, to_ok) = (is_time(from), is_time(to));
    let order_ok = matches!((from, to), (Some(f), Some(t)) if f < t);
    if !from_ok || (to_ok && !order_ok) {
        note(bad, "from");
    }
    if !to_ok || (from_ok && !order_ok) {
        note(bad, "to");
    }
}

impl DataQuery {
    /// Checks the parameters of `GET /V1.0/{project_id}/metric-data`.
    pub fn parse_show(params: &[(String, String)]) -> Result<DataQuery, QueryError> {
        let mut bad = Vec::new();
        repeated(params, &mut bad);
        let namespace = first(params, "namespace").filter(|n| is_namespace(n));
        if namespace.is_none() {
            bad.push("namespace".to_owned());
        }
        let metric_name = first(params, "metric_name").filter(|m| is_metric_name(m));
        if metric_name.is_none() {
            bad.push("metric_name".to_owned());
        }
        let dims = dimensions(params, DATA_MAX_DIMENSIONS, &mut bad);
        if dims.is_empty() && !bad.iter().any(|b| b.starts_with("dim.")) {
            bad.push("dim.0".to_owned());
        }
        let from = first(params, "from").and_then(digits::<i64>);
        let to = first(params, "to").and_then(digits::<i64>);
        check_range(from, to, &mut bad);
        let period = first(params, "period").and_then(Period::parse);
        if period.is_none() {
            bad.push("period".to_owned());
        }
        let filter = first(params, "filter").and_then(Filter::parse);
        if filter.is_none() {
            bad.push("filter".to_owned());
        }
        match (namespace, metric_name, from, to, period, filter) {
            (Some(ns), Some(m), Some(from), Some(to), Some(period), Some(filter)) if bad.is_empty() => {
                let metric = MetricRef { namespace: ns.to_owned(), metric_name: m.to_owned(), dimensions: dims };
                Ok(DataQuery { metrics: vec![metric], from: clamped_from(from, to, period, 1), to, period, filter })
            }
            _ => Err(QueryError::Parameters(bad)),
        }
    }

    /// Checks the body of `POST /V1.0/{project_id}/batch-query-metric-data`, read as JSON.
    pub fn parse_batch(body: &Value) -> Result<DataQuery, QueryError> {
        let field = |k: &str| body.get(k);
        let mut bad = Vec::new();
        let from = field("from").and_then(Value::as_i64);
        let to = field("to").and_then(Value::as_i64);
        check_range(from, to, &mut bad);
        let period = field("period").and_then(Value::as_str).and_then(Period::parse);
        if period.is_none() {
            bad.push("period".to_owned());
        }
        let filter = field("filter").and_then(Value::as_str).and_then(Filter::parse);
        if filter.is_none() {
            bad.push("filter".to_owned());
        }
        let metrics = field("metrics").and_then(batch_metrics);
        if metrics.is_none() {
            bad.push("metrics".to_owned());
        }
        match (from, to, period, filter, metrics) {
            (Some(from), Some(to), Some(period), Some(filter), Some(metrics)) if bad.is_empty() => {
                let from = clamped_from(from, to, period, metrics.len());
                Ok(DataQuery { metrics, from, to, period, filter })
            }
            _ => Err(QueryError::Body(bad)),
        }
    }
}

/// The `metrics` of a batch body: 1 to [`MAX_BATCH_METRICS`] well-formed series.
fn batch_metrics(v: &Value) -> Option<Vec<MetricRef>> {
    let list = v.as_array().filter(|l| (1..=MAX_BATCH_METRICS).contains(&l.len()))?;
    list.iter()
        .map(|m| {
            let m: MetricRef = serde_json::from_value(m.clone()).ok()?;
            let dims_ok = (1..=DATA_MAX_DIMENSIONS).contains(&m.dimensions.len()) && m.dimensions.iter().all(is_dimension);
            (is_namespace(&m.namespace) && is_metric_name(&m.metric_name) && dims_ok).then_some(m)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(s: &str) -> Vec<(String, String)> {
        s.split('&').filter(|p| !p.is_empty()).map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_owned(), v.to_owned())
        }).collect()
    }

    #[test]
    fn signs_repeats_and_gaps_are_refused_by_name() {
        let good = "namespace=SYS.DWS&metric_name=m&dim.0=datastore_id,c&from=1796000000000&to=1796000600000&period=1&filter=max";
        assert!(DataQuery::parse_show(&params(good)).is_ok());
        let refused = |q: &str| match DataQuery::parse_show(&params(q)) {
            Err(QueryError::Parameters(names)) => names,
            other => panic!("{q}: {other:?}"),
        };
        assert_eq!(refused(&good.replace("from=1796", "from=+1796")), ["from"], "a sign is not a digit");
        assert_eq!(refused(&good.replace("dim.0=", "dim.00=")), ["dim.00"]);
        assert_eq!(refused(&good.replace("dim.0=", "dim.1=")), ["dim.0"], "numbered from 0");
        assert_eq!(refused(&format!("{good}&filter=min")), ["filter"], "said twice");
        assert_eq!(refused(&format!("{good}&dim.0=datastore_id,d")), ["dim.0"]);
        assert_eq!(refused(&good.replace("to=1796000600000", "to=x")), ["to"], "only the unreadable one");
        let many = format!("{good}{}", "&dim.9=datastore_id,c".repeat(50));
        assert_eq!(refused(&many), ["dim.9"], "named once");
        let list = |q: &str| ListQuery::parse(&params(q));
        assert!(list("limit=5").is_ok());
        assert!(list("limit=%2B5".replace("%2B", "+").as_str()).is_err());
        assert!(list("order=asc&order=desc").is_err());
    }

    #[test]
    fn periods_and_statistics_read_only_their_wire_names() {
        assert_eq!(Period::parse("300"), Some(Period::FiveMinutes));
        assert_eq!(Period::parse("1"), Some(Period::Raw));
        for bad in ["60", " 300", "300.0", "", "10086"] {
            assert_eq!(Period::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Filter::parse("variance"), Some(Filter::Variance));
        assert_eq!(Filter::parse("standard"), None);
        assert_eq!(Period::FiveMinutes.align_down(1_556_625_912_345), 1_556_625_900_000);
        assert_eq!(Period::Raw.align_down(7), 7);
        assert_eq!(Period::Hour.retention_ms(), 155 * DAY_MS);
    }

    #[test]
    fn the_range_rule_follows_the_reference_s_examples() {
        // 300 metrics at period 1 (60 000 ms): at most 600 000 ms.
        assert_eq!(clamped_from(0, 10_000_000, Period::Raw, 300), 10_000_000 - 600_000);
        // 5 metrics over a day at period 1: from = to − 36 000 000.
        let to = 1_724_255_999_000;
        assert_eq!(clamped_from(to - 86_399_000, to, Period::Raw, 5), 1_724_219_999_000);
        // A range inside the rule is kept.
        assert_eq!(clamped_from(to - 3_600_000, to, Period::FiveMinutes, 9), to - 3_600_000);
    }

    #[test]
    fn names_follow_the_reference_s_patterns() {
        assert!(is_namespace("SYS.DWS") && is_namespace("AGT.ECS") && is_namespace("a_b.c1"));
        for bad in ["SYS", "SYS.", ".DWS", "SYS.DWS.X", "1YS.DWS", "SYS.D-S", "S.", "A.B.C"] {
            assert!(!is_namespace(bad), "{bad}");
        }
        assert!(is_metric_name("dws009_session_count") && is_metric_name("a-b"));
        assert!(!is_metric_name("9x") && !is_metric_name("") && !is_metric_name(&"a".repeat(97)));
        assert_eq!(parse_dimension("datastore_id,7ba031f6-81f4"), Some(Dimension::new("datastore_id", "7ba031f6-81f4")));
        for bad in ["datastore_id", "datastore_id,", ",x", "1d,x", "id,-x", "id,a b", "id,a,b"] {
            assert_eq!(parse_dimension(bad), None, "{bad}");
        }
    }

    #[test]
    fn series_keys_round_trip() {
        let k = SeriesKey::parse("SYS.ECS.cpu_util.instance_id:d9112af5-6913-4f3b-bd0a-3f96711e004d").unwrap();
        assert_eq!(k.namespace, "SYS.ECS");
        assert_eq!(k.metric_name, "cpu_util");
        assert_eq!(k.dimension.value, "d9112af5-6913-4f3b-bd0a-3f96711e004d");
        assert_eq!(k.marker(), "SYS.ECS.cpu_util.instance_id:d9112af5-6913-4f3b-bd0a-3f96711e004d");
        for bad in ["", "SYS.ECS", "SYS.ECS.cpu_util", "SYS.ECS.cpu_util.instance_id", "SYS.ECS.cpu.util.id:x"] {
            assert_eq!(SeriesKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_metric_list_query() {
        let q = ListQuery::parse(&params("")).unwrap();
        assert_eq!((q.limit, q.order, q.start), (1000, Order::Desc, None));
        let q = ListQuery::parse(&params("namespace=SYS.DWS&dim.0=datastore_id,c1&limit=10&order=asc")).unwrap();
        assert_eq!((q.limit, q.order), (10, Order::Asc));
        assert_eq!(q.dimensions, [Dimension::new("datastore_id", "c1")]);
        let e = ListQuery::parse(&params("limit=0&order=up&dim.3=a,b")).unwrap_err();
        assert_eq!(e, QueryError::Parameters(vec!["dim.3".into(), "limit".into(), "order".into()]));
        assert_eq!(ListQuery::parse(&params("limit=1001")).unwrap_err(), QueryError::Parameters(vec!["limit".into()]));
        assert_eq!(ListQuery::parse(&params("start=nonsense")).unwrap_err(), QueryError::Start);
        assert_eq!(
            QueryError::Parameters(vec!["from".into(), "to".into()]).to_string(),
            "The URL parameter is invalid or does not exist, error message: [from, to]"
        );
    }

    #[test]
    fn the_metric_data_query() {
        let ok = "namespace=SYS.ECS&metric_name=cpu_util&dim.0=instance_id,6f3c6f91-4b24-4e1b-b7d1-a94ac1cb011d&from=1556625600000&to=1556632800000&period=1200&filter=min";
        let q = DataQuery::parse_show(&params(ok)).unwrap();
        assert_eq!((q.period, q.filter, q.from, q.to), (Period::TwentyMinutes, Filter::Min, 1_556_625_600_000, 1_556_632_800_000));
        assert_eq!(q.metrics[0].dimensions[0].name, "instance_id");
        let e = DataQuery::parse_show(&params("namespace=SYS.ECS&metric_name=cpu_util&dim.0=instance_id,x&from=2&to=1&period=60&filter=avg")).unwrap_err();
        assert_eq!(e, QueryError::Parameters(vec!["from".into(), "to".into(), "period".into(), "filter".into()]));
        let e = DataQuery::parse_show(&params("")).unwrap_err();
        assert_eq!(e, QueryError::Parameters(["namespace", "metric_name", "dim.0", "from", "to", "period", "filter"].map(String::from).to_vec()));
        // The rule applies to one series too: seven days of raw data is more than 3000 points.
        let week = "namespace=SYS.DWS&metric_name=dws009_session_count&dim.0=datastore_id,c&from=1700000000000&to=1700604800000&period=1&filter=average";
        assert_eq!(DataQuery::parse_show(&params(week)).unwrap().from, 1_700_604_800_000 - 3000 * 60_000);
    }

    #[test]
    fn the_batch_body() {
        let body = json!({
            "metrics": [
                {"namespace": "SYS.ECS", "dimensions": [{"name": "instance_id", "value": "faea5b75-e390-4e2b-8733-9226a9026070"}], "metric_name": "cpu_util"},
                {"namespace": "SYS.ECS", "dimensions": [{"name": "instance_id", "value": "06b4020f-461a-4a52-84da-53fa71c2f42b"}], "metric_name": "network_vm_connections"}
            ],
            "from": 1556625600000_i64, "to": 1556632800000_i64, "period": "1", "filter": "average"
        });
        let q = DataQuery::parse_batch(&body).unwrap();
        assert_eq!(q.metrics.len(), 2);
        assert_eq!(q.period, Period::Raw);
        // The troubleshooting page's case: seconds instead of ms, from after to.
        let mut secs = body.clone();
        secs["from"] = json!(1_556_632_800_i64);
        secs["to"] = json!(1_556_625_600_i64);
        assert_eq!(DataQuery::parse_batch(&secs).unwrap_err().to_string(), "Some content in message body is not correct, error message: [from, to]");
        let mut missing = body.clone();
        missing.as_object_mut().unwrap().remove("filter");
        assert_eq!(DataQuery::parse_batch(&missing).unwrap_err(), QueryError::Body(vec!["filter".into()]));
        let mut number = body.clone();
        number["period"] = json!(300);
        assert_eq!(DataQuery::parse_batch(&number).unwrap_err(), QueryError::Body(vec!["period".into()]), "period is a string");
        let mut too_many = body.clone();
        too_many["metrics"] = json!(vec![body["metrics"][0].clone(); MAX_BATCH_METRICS + 1]);
        assert_eq!(DataQuery::parse_batch(&too_many).unwrap_err(), QueryError::Body(vec!["metrics".into()]));
        let mut no_dims = body.clone();
        no_dims["metrics"][1]["dimensions"] = json!([]);
        assert_eq!(DataQuery::parse_batch(&no_dims).unwrap_err(), QueryError::Body(vec!["metrics".into()]));
        assert_eq!(DataQuery::parse_batch(&json!([])).unwrap_err(), QueryError::Body(["from", "to", "period", "filter", "metrics"].map(String::from).to_vec()));
    }
}
