//! Numbers that the reference types as numbers but sometimes writes as strings.
//!
//! `resize_info.target_node_num` is "Integer" in table 5-25 and `"6"` in the sample; the live
//! service is known to do the same elsewhere. Responses are read leniently (a number or a string
//! holding one) and always written as numbers.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;

struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom("integer out of range"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(v as i64)
        } else {
            Err(E::custom(format!("{v} is not an integer")))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim()
            .parse::<i64>()
            .map_err(|_| E::custom(format!("\"{v}\" is not an integer")))
    }
}

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(E::custom(format!("\"{v}\" is not a number"))),
        }
    }
}

struct WholeVisitor;

impl Visitor<'_> for WholeVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom("integer out of range"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        IntVisitor.visit_f64(v)
    }
}

/// Reads a request's integer: a JSON number with no fraction, `2.0` as well as `2` (JSON, and
/// JSON Schema's `integer`, do not tell them apart); never a string.
pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(WholeVisitor)
}

/// [`whole`], optional: absent or `null` is `None`.
pub fn opt_whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            whole(d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor)
}

/// Reads a required integer given as a number or a numeric string.
pub fn int<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
    let n = d.deserialize_any(IntVisitor)?;
    T::try_from(n).map_err(|_| de::Error::custom(format!("{n} is out of range")))
}

/// Reads an optional integer (absent or `null` is `None`) given as a number or a numeric string.
pub fn opt_int<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
    struct OptVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: TryFrom<i64>> Visitor<'de> for OptVisitor<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an integer, a string holding one, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            int(d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor(std::marker::PhantomData))
}

/// Reads an optional number (absent or `null` is `None`) given as a number or a numeric string.
pub fn opt_float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number, a string holding one, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(FloatVisitor).map(Some)
        }
    }
    d.deserialize_option(OptVisitor)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[test]
    fn a_request_integer_is_a_number_without_a_fraction() {
        #[derive(Deserialize, Debug)]
        struct R {
            #[serde(deserialize_with = "super::whole")]
            n: i64,
            #[serde(default, deserialize_with = "super::opt_whole")]
            o: Option<i64>,
        }
        let read = |j: &str| serde_json::from_str::<R>(j).map(|r| (r.n, r.o)).ok();
        assert_eq!(read(r#"{"n": 2}"#), Some((2, None)));
        assert_eq!(read(r#"{"n": 2.0, "o": 8000.0}"#), Some((2, Some(8000))));
        assert_eq!(read(r#"{"n": 2, "o": null}"#), Some((2, None)));
        for bad in [r#"{"n": 2.5}"#, r#"{"n": "2"}"#, r#"{"n": 2, "o": "8000"}"#, r#"{"n": 1e300}"#] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[derive(Deserialize, Debug)]
    struct T {
        #[serde(default, deserialize_with = "super::opt_int")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "super::opt_float")]
        x: Option<f64>,
        #[serde(default, deserialize_with = "super::opt_int")]
        small: Option<u8>,
    }

    fn parse(s: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(s)
    }

    #[test]
    fn integers_accepted_as_numbers_and_strings() {
        assert_eq!(parse(r#"{"n":6}"#).unwrap().n, Some(6));
        assert_eq!(parse(r#"{"n":"6"}"#).unwrap().n, Some(6));
        assert_eq!(parse(r#"{"n":" 6 "}"#).unwrap().n, Some(6));
        assert_eq!(parse(r#"{"n":6.0}"#).unwrap().n, Some(6));
        assert_eq!(parse(r#"{"n":-2}"#).unwrap().n, Some(-2));
    }

    #[test]
    fn missing_and_null_are_none() {
        assert_eq!(parse(r#"{}"#).unwrap().n, None);
        assert_eq!(parse(r#"{"n":null}"#).unwrap().n, None);
        assert_eq!(parse(r#"{"x":null}"#).unwrap().x, None);
    }

    #[test]
    fn non_integers_rejected() {
        assert!(parse(r#"{"n":"six"}"#).is_err());
        assert!(parse(r#"{"n":6.5}"#).is_err());
        assert!(parse(r#"{"n":true}"#).is_err());
        assert!(parse(r#"{"n":18446744073709551615}"#).is_err());
    }

    #[test]
    fn integers_outside_the_target_type_rejected() {
        assert_eq!(parse(r#"{"small":"255"}"#).unwrap().small, Some(255));
        assert!(parse(r#"{"small":256}"#).is_err());
        assert!(parse(r#"{"small":-1}"#).is_err());
    }

    #[test]
    fn floats_accepted_as_numbers_and_strings() {
        assert_eq!(parse(r#"{"x":500}"#).unwrap().x, Some(500.0));
        assert_eq!(parse(r#"{"x":"12.5"}"#).unwrap().x, Some(12.5));
        assert!(parse(r#"{"x":"NaN"}"#).is_err());
        assert!(parse(r#"{"x":"big"}"#).is_err());
    }
}
