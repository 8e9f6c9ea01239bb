//! Cloud Eye's three metric calls against the real router: the reference's examples, its limits
//! and error codes, permissions. Samples are recorded straight into the metrics store (these
//! emulators run no servers); tests/process.rs reads real ones.

mod common;

use common::*;
use dws_emulator::metrics::store::Sample;
use dws_contract::ces::wire::Dimension;
use serde_json::{Value, json};

const MIN: i64 = 60_000;

/// Records one sample a minute of a cluster metric, `values[i]` at `start + i` minutes.
fn record(emu: &Emu, metric: &'static str, cluster: &str, start: i64, values: &[f64]) {
    let samples: Vec<Sample> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Sample {
            project_id: PROJECT.into(),
            metric,
            dimension: Dimension::new("datastore_id", cluster),
            ts: start + i as i64 * MIN,
            value: *v,
        })
        .collect();
    emu.app.metrics.record(&samples).unwrap();
}

fn data_path(metric: &str, cluster: &str, from: i64, to: i64, period: &str, filter: &str) -> String {
    format!("/V1.0/{PROJECT}/metric-data?namespace=SYS.DWS&metric_name={metric}&dim.0=datastore_id,{cluster}&from={from}&to={to}&period={period}&filter={filter}")
}

fn batch_body(metrics: &[(&str, &str)], from: i64, to: i64, period: &str, filter: &str) -> Value {
    let metrics: Vec<Value> = metrics
        .iter()
        .map(|(m, c)| json!({"namespace": "SYS.DWS", "metric_name": m, "dimensions": [{"name": "datastore_id", "value": c}]}))
        .collect();
    json!({"metrics": metrics, "from": from, "to": to, "period": period, "filter": filter})
}

fn points(v: &Value, stat: &str) -> Vec<(i64, f64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| (p["timestamp"].as_i64().unwrap(), p[stat].as_f64().unwrap_or_else(|| panic!("{stat} missing in {p}"))))
        .collect()
}

/// The Cloud Eye error code of an answer (`message.code`), checked against `error_code`.
fn ces_code(r: &Reply) -> String {
    let code = r.body["message"]["code"].as_str().unwrap_or_default().to_owned();
    assert_eq!(r.body["error_code"], code.as_str(), "{}", r.body);
    assert_eq!(r.body["http_code"], r.status.as_u16(), "{}", r.body);
    code
}

#[tokio::test]
async fn metric_data_gives_each_statistic_of_finished_periods() {
    let emu = Emu::new().await;
    // Fifteen minutes up to the clock, values 1 to 15: three finished five-minute periods.
    let start = T0 - 15 * MIN;
    let values: Vec<f64> = (1..=15).map(f64::from).collect();
    record(&emu, "dws009_session_count", "c1", start, &values);

    let raw = emu.call("GET", &data_path("dws009_session_count", "c1", start, T0, "1", "average"), None).await;
    assert_eq!(raw.status, 200, "{}", raw.body);
    assert_eq!(raw.body["metric_name"], "dws009_session_count");
    let p = points(&raw.body["datapoints"], "average");
    assert_eq!(p.len(), 15);
    assert_eq!(p[0], (start, 1.0));
    assert!(raw.body["datapoints"].as_array().unwrap().iter().all(|d| d["unit"] == "count"), "every point has its unit");

    let expect = [("average", [3.0, 8.0, 13.0]), ("max", [5.0, 10.0, 15.0]), ("min", [1.0, 6.0, 11.0]), ("sum", [15.0, 40.0, 65.0])];
    for (filter, want) in expect {
        let r = emu.call("GET", &data_path("dws009_session_count", "c1", start, T0, "300", filter), None).await;
        let p = points(&r.body["datapoints"], filter);
        assert_eq!(p, vec![(start, want[0]), (start + 5 * MIN, want[1]), (start + 10 * MIN, want[2])], "{filter}");
        let only: Vec<&str> = r.body["datapoints"][0].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(only, [filter, "timestamp", "unit"], "only the asked statistic");
    }
    // Variance of 1..5 is 2; a count is given as a whole number.
    let r = emu.call("GET", &data_path("dws009_session_count", "c1", start, T0, "300", "variance"), None).await;
    assert_eq!(points(&r.body["datapoints"], "variance")[0], (start, 2.0));

    // A period still filling is not a figure yet: move the clock into the next one and record.
    record(&emu, "dws009_session_count", "c1", T0, &[100.0]);
    emu.advance(60.0);
    let r = emu.call("GET", &data_path("dws009_session_count", "c1", start, T0 + MIN, "300", "max"), None).await;
    assert_eq!(points(&r.body["datapoints"], "max").len(), 3);
    emu.advance(240.0);
    let r = emu.call("GET", &data_path("dws009_session_count", "c1", start, T0 + 5 * MIN, "300", "max"), None).await;
    assert_eq!(points(&r.body["datapoints"], "max").last(), Some(&(T0, 100.0)));

    // The reference's own example: an unknown series is no error, just no points.
    let example = format!(
        "/V1.0/{PROJECT}/metric-data?namespace=SYS.ECS&metric_name=cpu_util&dim.0=instance_id,6f3c6f91-4b24-4e1b-b7d1-a94ac1cb011d&from=1556625600000&to=1556632800000&period=1200&filter=min"
    );
    let r = emu.call("GET", &example, None).await;
    assert_eq!((r.status.as_u16(), r.body.clone()), (200, json!({"metric_name": "cpu_util", "datapoints": []})));
}

#[tokio::test]
async fn metric_data_refuses_bad_parameters_naming_them() {
    let emu = Emu::new().await;
    let good = data_path("dws009_session_count", "c1", T0 - 3_600_000, T0, "300", "average");
    let cases = [
        (good.replace("namespace=SYS.DWS&", ""), "[namespace]"),
        (good.replace("&period=300", "&period=60"), "[period]"),
        (good.replace("&filter=average", "&filter=standard"), "[filter]"),
        (good.replace(&format!("from={}", T0 - 3_600_000), &format!("from={}", T0 + 1)), "[from, to]"),
        (good.replace(&format!("to={T0}"), "to=1795780800"), "[to]"),
        (good.replace(&format!("from={}", T0 - 3_600_000), "from=1795777200").replace(&format!("to={T0}"), "to=1795780800"), "[from, to]"),
        (good.replace("dim.0=datastore_id,c1", "dim.0=datastore_id"), "[dim.0]"),
        (good.replace("&period=300&filter=average", ""), "[period, filter]"),
    ];
    for (path, names) in cases {
        let r = emu.call("GET", &path, None).await;
        assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0013"), "{path}: {}", r.body);
        assert!(r.msg().ends_with(&format!("error message: {names}")), "{path}: {}", r.msg());
    }
}

#[tokio::test]
async fn series_are_listed_in_pages_and_filtered() {
    let emu = Emu::new().await;
    for c in ["c1", "c2"] {
        for m in ["dws007_db_size", "dws008_active_sql_count", "dws009_session_count"] {
            record(&emu, m, c, T0 - MIN, &[1.0]);
        }
    }
    let emu = &emu;
    let list = |q: &str| {
        let path = format!("/V1.0/{PROJECT}/metrics{q}");
        async move { emu.call("GET", &path, None).await }
    };
    let all = list("").await;
    assert_eq!(all.status, 200);
    assert_eq!((all.body["meta_data"]["total"].as_u64(), all.body["meta_data"]["count"].as_u64()), (Some(6), Some(6)));
    let names: Vec<String> = all.body["metrics"].as_array().unwrap().iter().map(|m| m["metric_name"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names.first().map(String::as_str), Some("dws009_session_count"), "descending by default");
    assert_eq!(all.body["metrics"][0]["unit"], "count");
    assert_eq!(all.body["metrics"][0]["namespace"], "SYS.DWS");

    // Page through two at a time in ascending order: every series once.
    let mut seen = Vec::new();
    let mut start = String::new();
    loop {
        let q = if start.is_empty() { "?order=asc&limit=2".to_owned() } else { format!("?order=asc&limit=2&start={start}") };
        let page = list(&q).await;
        let got = page.body["metrics"].as_array().unwrap().clone();
        if got.is_empty() {
            assert_eq!(page.body["meta_data"]["marker"], "");
            break;
        }
        seen.extend(got.iter().map(|m| format!("{}/{}", m["metric_name"], m["dimensions"][0]["value"])));
        start = page.body["meta_data"]["marker"].as_str().unwrap().to_owned();
        assert!(start.starts_with("SYS.DWS.dws00"), "{start}");
    }
    assert_eq!(seen.len(), 6);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);

    let one = list("?namespace=SYS.DWS&metric_name=dws007_db_size&dim.0=datastore_id,c2").await;
    assert_eq!(one.body["meta_data"]["total"], 1);
    assert_eq!(one.body["metrics"][0]["unit"], "MB");
    let none = list("?namespace=SYS.ECS").await;
    assert_eq!(none.body["metrics"], json!([]));

    let r = list("?limit=0").await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str(), r.msg()), (400, "ces.0013", "The URL parameter is invalid or does not exist, error message: [limit]"));
    let r = list("?limit=1001&order=up").await;
    assert!(r.msg().ends_with("[limit, order]"), "{}", r.msg());
    let r = list("?start=not-a-marker").await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0006"));
}

#[tokio::test]
async fn batch_queries_follow_the_reference() {
    let emu = Emu::new().await;
    let start = T0 - 10 * MIN;
    record(&emu, "dws009_session_count", "c1", start, &[2.0; 10]);
    record(&emu, "dws007_db_size", "c1", start, &[10.0, 10.0, 10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 20.0, 20.0]);
    let path = format!("/V1.0/{PROJECT}/batch-query-metric-data");
    let body = batch_body(&[("dws009_session_count", "c1"), ("dws007_db_size", "c1"), ("dws009_session_count", "gone")], start, T0, "300", "average");
    let r = emu.call("POST", &path, Some(body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let m = r.body["metrics"].as_array().unwrap();
    assert_eq!(m.len(), 3, "one entry per series, in order");
    assert_eq!((m[0]["metric_name"].as_str(), m[0]["unit"].as_str()), (Some("dws009_session_count"), Some("count")));
    assert_eq!(points(&m[0]["datapoints"], "average"), [(start, 2.0), (start + 5 * MIN, 2.0)]);
    assert_eq!(points(&m[1]["datapoints"], "average"), [(start, 10.0), (start + 5 * MIN, 20.0)]);
    assert!(m[1]["datapoints"][0].get("unit").is_none(), "the unit is the series', not the point's");
    assert_eq!((m[2]["datapoints"].clone(), m[2]["unit"].as_str()), (json!([]), Some("unknown")), "unknown: empty, as the reference shows");

    // The reference's example body, of another service: answered, empty.
    let example = json!({"metrics": [{"namespace": "SYS.ECS", "dimensions": [{"name": "instance_id", "value": "faea5b75-e390-4e2b-8733-9226a9026070"}], "metric_name": "cpu_util"}],
        "from": 1484153313000_i64, "to": 1484653313000_i64, "period": "1", "filter": "average"});
    let r = emu.call("POST", &path, Some(example)).await;
    assert_eq!((r.status.as_u16(), r.body["metrics"][0]["unit"].as_str()), (200, Some("unknown")));

    // The troubleshooting page's faults, each named.
    let seconds = batch_body(&[("dws009_session_count", "c1")], 1_795_780_200, 1_795_780_800, "300", "average");
    let no_filter = {
        let mut b = batch_body(&[("dws009_session_count", "c1")], start, T0, "300", "average");
        b.as_object_mut().unwrap().remove("filter");
        b
    };
    let odd = batch_body(&[("dws009_session_count", "c1")], start, T0, "10086", "standard");
    let backwards = batch_body(&[("dws009_session_count", "c1")], T0, start, "300", "average");
    for (body, names) in [(seconds, "[from, to]"), (no_filter, "[filter]"), (odd, "[period, filter]"), (backwards, "[from, to]")] {
        let r = emu.call("POST", &path, Some(body.clone())).await;
        assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0014"), "{body}");
        assert_eq!(r.msg(), format!("Some content in message body is not correct, error message: {names}"));
    }
    // Too many series, a body over 512 KB, no body, not JSON.
    let many: Vec<(&str, &str)> = vec![("dws009_session_count", "c1"); 501];
    let r = emu.call("POST", &path, Some(batch_body(&many, start, T0, "300", "average"))).await;
    assert_eq!((ces_code(&r).as_str(), r.msg()), ("ces.0014", "Some content in message body is not correct, error message: [metrics]"));
    let huge = format!(r#"{{"metrics":[],"pad":"{}"}}"#, "x".repeat(600 * 1024));
    let headers = [("x-auth-token", emu.token.as_str()), ("content-type", "application/json")];
    let r = emu.send("POST", &path, &headers, Some(&huge)).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0014"));
    assert!(r.msg().contains("512 KB"), "{}", r.msg());
    let r = emu.send("POST", &path, &headers, None).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0001"));
    let r = emu.send("POST", &path, &headers, Some("{not json")).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0014"));
    let good = batch_body(&[("dws009_session_count", "c1")], start, T0, "300", "average").to_string();
    let text = [("x-auth-token", emu.token.as_str()), ("content-type", "text/plain")];
    let r = emu.send("POST", &path, &text, Some(&good)).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0014"), "JSON only");
}

#[tokio::test]
async fn a_long_range_is_shortened_from_its_start_not_refused() {
    let emu = Emu::new().await;
    // Three days of raw samples; one series at period 1 may span 3000 minutes (50 hours).
    let start = T0 - 3 * 24 * 60 * MIN;
    let values = vec![1.0; 3 * 24 * 60];
    record(&emu, "dws009_session_count", "c1", start, &values);
    let r = emu.call("GET", &data_path("dws009_session_count", "c1", start, T0, "1", "average"), None).await;
    let p = points(&r.body["datapoints"], "average");
    assert_eq!(p.first().map(|p| p.0), Some(T0 - 3000 * MIN), "from becomes to − 3000 minutes");
    assert_eq!(p.len(), 3000);
    // Two series share the 3000 points.
    let path = format!("/V1.0/{PROJECT}/batch-query-metric-data");
    let body = batch_body(&[("dws009_session_count", "c1"), ("dws009_session_count", "c1")], start, T0, "1", "max");
    let r = emu.call("POST", &path, Some(body)).await;
    let p = points(&r.body["metrics"][0]["datapoints"], "max");
    assert_eq!((p.len(), p[0].0), (1500, T0 - 1500 * MIN));
}

#[tokio::test]
async fn permissions_and_projects_are_those_of_iam() {
    let emu = Emu::new().await;
    record(&emu, "dws009_session_count", "c1", T0 - 10 * MIN, &[3.0; 10]);
    let data = data_path("dws009_session_count", "c1", T0 - 10 * MIN, T0, "1", "average");
    let batch = format!("/V1.0/{PROJECT}/batch-query-metric-data");
    let body = batch_body(&[("dws009_session_count", "c1")], T0 - 10 * MIN, T0, "1", "average");

    let viewer = emu.sign_in("viewer", "Viewer@12345").await;
    assert_eq!(points(&emu.call_as(&viewer, "GET", &data, None).await.body["datapoints"], "average").len(), 10);
    assert_eq!(emu.call_as(&viewer, "POST", &batch, Some(body.clone())).await.status, 200);

    // Allowed to see clusters but not their metrics: 403 naming the action.
    let reader = emu.sign_in("reader", "Reader@12345").await;
    assert_eq!(emu.call_as(&reader, "GET", &format!("/v1.0/{PROJECT}/clusters"), None).await.status, 200);
    for (method, path, body) in [("GET", data.clone(), None), ("POST", batch.clone(), Some(body.clone()))] {
        let r = emu.call_as(&reader, method, &path, body).await;
        assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (403, "403"));
        assert_eq!(r.body["message"]["details"], "Policy doesn't allow [ces:metricData:list] to be performed");
    }
    let r = emu.call_as(&reader, "GET", &format!("/V1.0/{PROJECT}/metrics"), None).await;
    assert_eq!(r.body["message"]["details"], "Policy doesn't allow [ces:metrics:list] to be performed");

    let r = emu.send("GET", &data, &[], None).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (401, "ces.0015"));
    let r = emu.call_as("not-a-token", "GET", &data, None).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (401, "ces.0015"));
    let other = data.replace(PROJECT, "00000000000000000000000000000000");
    let r = emu.call("GET", &other, None).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0003"));
    // A project id that is not even UTF-8 is no one's: refused in Cloud Eye's shape.
    let r = emu.call("GET", "/V1.0/%FF/metrics", None).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (400, "ces.0003"));
    let r = emu.send("GET", "/V1.0/%FF/metrics", &[], None).await;
    assert_eq!((r.status.as_u16(), ces_code(&r).as_str()), (401, "ces.0015"));
    // The path's case counts, as it does to the gateway: /v1.0/… is DWS's, and has no such route.
    let r = emu.call("GET", &format!("/v1.0/{PROJECT}/metric-data"), None).await;
    assert_eq!((r.status.as_u16(), r.code()), (404, "APIGW.0101"));
}

#[tokio::test]
async fn metrics_survive_a_restart_and_old_data_is_pruned() {
    let dir = std::sync::Arc::new(TempDir::new("metrics-restart"));
    let clock = dws_emulator::clock::ManualClock::new(T0);
    let emu = Emu::open(dir.clone(), clock.clone(), Options::default()).await;
    record(&emu, "dws009_session_count", "c1", T0 - 10 * MIN, &[4.0; 10]);
    let path = data_path("dws009_session_count", "c1", T0 - 10 * MIN, T0, "300", "average");
    assert_eq!(points(&emu.call("GET", &path, None).await.body["datapoints"], "average").len(), 2);
    drop(emu);
    let emu = Emu::open(dir.clone(), clock.clone(), Options::default()).await;
    assert_eq!(points(&emu.call("GET", &path, None).await.body["datapoints"], "average"), [(T0 - 10 * MIN, 4.0), (T0 - 5 * MIN, 4.0)]);
    // Raw samples go after two days, five-minute figures after ten.
    let pruned = emu.app.metrics.prune(T0 + 3 * 24 * 60 * MIN).unwrap();
    assert_eq!(pruned, 10, "the raw samples");
    let raw = data_path("dws009_session_count", "c1", T0 - 10 * MIN, T0, "1", "average");
    assert_eq!(emu.call("GET", &raw, None).await.body["datapoints"], json!([]));
    assert_eq!(points(&emu.call("GET", &path, None).await.body["datapoints"], "average").len(), 2, "kept at five minutes");
}

#[tokio::test]
async fn clusters_without_a_server_report_nothing() {
    let emu = Emu::new().await;
    let id = emu.available_cluster("no-server").await;
    emu.advance(60.0);
    let mut previous = std::collections::HashMap::new();
    let samples = dws_emulator::metrics::sampler::round(&emu.app, &mut previous).await;
    assert_eq!(samples, [], "no data plane, no figures");
    let r = emu.call("GET", &format!("/V1.0/{PROJECT}/metrics"), None).await;
    assert_eq!(r.body["meta_data"]["total"], 0);
    let r = emu.call("GET", &data_path("dws009_session_count", &id, T0, T0 + 60_000, "1", "average"), None).await;
    assert_eq!(r.body["datapoints"], json!([]));
}

#[tokio::test]
async fn answers_are_dated_by_the_emulator_s_clock() {
    // The console asks for metrics up to the service's present, which it reads from `Date`.
    let emu = Emu::new().await;
    let date = |r: &Reply| r.headers["date"].to_str().unwrap().to_owned();
    let r = emu.call("GET", &format!("/V1.0/{PROJECT}/metrics"), None).await;
    assert_eq!(date(&r), dws_contract::time::format_http_date(T0));
    emu.advance(3600.0);
    let r = emu.call("GET", &format!("/v1.0/{PROJECT}/clusters"), None).await;
    assert_eq!(dws_contract::time::parse_http_date(&date(&r)), Some(T0 + 3_600_000));
}
