//! Cloud Eye's input rules as JSON Schema keywords, for the API description, from the same
//! limits the checks in [`super::query`] use (and tested against them on generated input).

use serde_json::{Value, json};

use super::query::{DATA_MAX_DIMENSIONS, MAX_BATCH_METRICS, TIME_MAX, TIME_MIN};
use super::{Filter, Period};

/// A namespace: `service.item`.
pub fn namespace() -> Value {
    json!({"type": "string", "minLength": 3, "maxLength": 32, "pattern": "^[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*$"})
}

/// A metric id.
pub fn metric_name() -> Value {
    json!({"type": "string", "maxLength": 96, "pattern": "^[A-Za-z][A-Za-z0-9_-]*$"})
}

/// A dimension's name.
pub fn dimension_name() -> Value {
    json!({"type": "string", "maxLength": 32, "pattern": "^[A-Za-z][A-Za-z0-9_-]*$"})
}

/// A dimension's value.
pub fn dimension_value() -> Value {
    json!({"type": "string", "maxLength": 256, "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$"})
}

/// `dim.N=name,value` in a query string.
pub fn dimension_parameter() -> Value {
    json!({"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]{0,31},[A-Za-z0-9][A-Za-z0-9_-]{0,255}$"})
}

/// `from` or `to` (ms since the epoch). That `from` comes before `to` is said in words: JSON
/// Schema cannot compare two fields.
pub fn time() -> Value {
    json!({"type": "integer", "minimum": TIME_MIN, "maximum": TIME_MAX, "x-dws-rule": "from must be before to"})
}

/// A period, as the batch body writes it (a string).
pub fn period() -> Value {
    let periods: Vec<String> = Period::ALL.iter().map(|p| p.seconds().to_string()).collect();
    json!({"type": "string", "enum": periods})
}

/// A statistic.
pub fn filter() -> Value {
    let filters: Vec<&str> = Filter::ALL.iter().map(|f| f.as_str()).collect();
    json!({"type": "string", "enum": filters})
}

/// The number of series a batch asks for.
pub fn batch_size() -> Value {
    json!({"minItems": 1, "maxItems": MAX_BATCH_METRICS})
}

/// The number of dimensions of a series.
pub fn dimension_count() -> Value {
    json!({"minItems": 1, "maxItems": DATA_MAX_DIMENSIONS})
}

#[cfg(feature = "openapi")]
pub(crate) mod transforms {
    //! `#[schemars(transform = …)]` of the Cloud Eye wire types' fields.

    use schemars::Schema;
    use serde_json::Value;

    fn merge(schema: &mut Schema, rule: Value) {
        let Value::Object(rule) = rule else { return };
        for (key, value) in rule {
            if key != "type" {
                schema.insert(key, value);
            }
        }
    }

    macro_rules! transforms {
        ($($name:ident => $rule:path),+ $(,)?) => {
            $(
                #[doc = concat!("The rule of `", stringify!($name), "`.")]
                pub(crate) fn $name(schema: &mut Schema) {
                    merge(schema, $rule());
                }
            )+
        };
    }

    transforms! {
        namespace => super::namespace,
        metric_name => super::metric_name,
        dimension_name => super::dimension_name,
        dimension_value => super::dimension_value,
        time => super::time,
        period => super::period,
        filter => super::filter,
        batch_size => super::batch_size,
        dimension_count => super::dimension_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ces::query::{is_dimension, is_metric_name, is_namespace};
    use crate::ces::wire::Dimension;
    use proptest::prelude::*;

    fn accepts(schema: &Value, s: &str) -> bool {
        let n = s.chars().count() as u64;
        schema["minLength"].as_u64().is_none_or(|m| n >= m)
            && schema["maxLength"].as_u64().is_none_or(|m| n <= m)
            && schema["pattern"].as_str().is_none_or(|p| regex::Regex::new(p).unwrap().is_match(s))
    }

    fn same(s: &str) {
        assert_eq!(accepts(&namespace(), s), is_namespace(s), "namespace {s:?}");
        assert_eq!(accepts(&metric_name(), s), is_metric_name(s), "metric {s:?}");
        assert_eq!(accepts(&dimension_name(), s), is_dimension(&Dimension::new(s, "v")), "dimension name {s:?}");
        assert_eq!(accepts(&dimension_value(), s), is_dimension(&Dimension::new("n", s)), "dimension value {s:?}");
        let pair = format!("{s},c1");
        let parsed = crate::ces::query::parse_dimension(&pair).is_some();
        assert_eq!(accepts(&dimension_parameter(), &pair), parsed, "dim {pair:?}");
    }

    #[test]
    fn edges() {
        for s in ["SYS.DWS", "A.A", "a.", ".a", "SYS.DWS.X", "a", "1a", "a-b", &"a".repeat(32), &"a".repeat(33), "", "a b"] {
            same(s);
        }
    }

    proptest! {
        #[test]
        fn the_schema_and_the_check_agree(s in "[a-zA-Z0-9_.\\- ,]{0,40}") {
            same(&s);
        }
    }
}
