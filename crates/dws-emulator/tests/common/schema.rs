//! Checks every answer of the HTTP tests against `openapi.json`, strictly: declared status,
//! declared shape, and no member the description does not name. So the description stays true.


use serde_json::Value;

fn doc() -> &'static Value {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DOC.get_or_init(|| dws_emulator::openapi::document(&dws_emulator::config::EmulatorConfig::demo()))
}

fn template_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

/// Panics unless `body` is what the description promises for this method, path and status.
/// Paths the description does not have (unknown routes) must be the gateway's 404.
pub fn check_response(method: &str, path: &str, status: u16, body: &Value) {
    let path = path.split('?').next().unwrap();
    let paths = doc()["paths"].as_object().unwrap();
    let op = paths
        .iter()
        .find(|(t, _)| template_matches(t, path))
        .and_then(|(_, item)| item.get(method.to_ascii_lowercase()));
    let Some(op) = op else {
        assert_eq!(status, 404, "{method} {path} is not described, so it must be a 404");
        validate(&serde_json::json!({"$ref": "#/components/schemas/ErrorBody"}), body, "$");
        return;
    };
    let response = op["responses"]
        .get(status.to_string())
        .unwrap_or_else(|| panic!("{method} {path}: status {status} is not described in openapi.json; body {body}"));
    match response.pointer("/content/application~1json/schema") {
        Some(schema) => validate(schema, body, "$"),
        None => assert!(body.is_null(), "{method} {path} {status}: the description has no body but got {body}"),
    }
}

fn resolve(schema: &Value) -> &Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").expect("local refs only");
            resolve(&doc()["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        _ => panic!("unknown type {t}"),
    }
}

/// The properties a schema (with its allOf parts) declares.
fn declared(schema: &Value) -> Vec<String> {
    let s = resolve(schema);
    let mut names: Vec<String> =
        s.get("properties").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
    if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
        for p in parts {
            names.extend(declared(p));
        }
    }
    names
}

fn validate(schema: &Value, v: &Value, at: &str) {
    let s = resolve(schema);
    if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
        for p in parts {
            validate_shallow(p, v, at);
        }
        check_no_extra(s, v, at);
        return;
    }
    validate_shallow(s, v, at);
    check_no_extra(s, v, at);
}

fn check_no_extra(schema: &Value, v: &Value, at: &str) {
    let s = resolve(schema);
    if s.get("additionalProperties").is_some() {
        return;
    }
    if let Some(obj) = v.as_object() {
        let names = declared(s);
        if names.is_empty() && s.get("properties").is_none() && s.get("allOf").is_none() {
            return;
        }
        for k in obj.keys() {
            assert!(names.contains(k), "{at}.{k} is not described in openapi.json");
        }
    }
}

fn validate_shallow(schema: &Value, v: &Value, at: &str) {
    let s = resolve(schema);
    match s.get("type") {
        Some(Value::String(t)) => assert!(type_ok(t, v), "{at}: expected {t}, got {v}"),
        Some(Value::Array(ts)) => {
            assert!(ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)), "{at}: expected one of {ts:?}, got {v}")
        }
        _ => {}
    }
    if let Some(options) = s.get("enum").and_then(Value::as_array) {
        assert!(options.contains(v), "{at}: {v} is not one of {options:?}");
    }
    if let Some(obj) = v.as_object() {
        if let Some(req) = s.get("required").and_then(Value::as_array) {
            for r in req {
                assert!(obj.contains_key(r.as_str().unwrap()), "{at}: required member {r} is missing");
            }
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, sub) in props {
                if let Some(child) = obj.get(k) {
                    validate(sub, child, &format!("{at}.{k}"));
                }
            }
        }
        if let Some(extra) = s.get("additionalProperties").filter(|e| e.is_object()) {
            for (k, child) in obj {
                if s.get("properties").and_then(|p| p.get(k)).is_none() {
                    validate(extra, child, &format!("{at}.{k}"));
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (s.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            validate(items, child, &format!("{at}[{i}]"));
        }
    }
}
