//! The example settings file shipped in the release archive (`packaging/dws-proxy.toml`): it
//! loads as shipped, names every setting the proxy reads, and stays valid with every setting
//! turned on.

use std::path::PathBuf;

use dws_proxy::config::{FileConfig, FileRegion, Overrides, ProxyConfig};
use serde::de::{self, Deserializer, Visitor};

fn example() -> (PathBuf, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../packaging/dws-proxy.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

/// The keys a type reads, asked of serde itself: a deserializer that only records the field
/// list `deserialize_struct` is given.
fn keys_of<T: de::DeserializeOwned>() -> Vec<&'static str> {
    struct Fields(std::cell::Cell<&'static [&'static str]>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Stop {
            Stop
        }
    }
    impl<'de> Deserializer<'de> for &Fields {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Stop> {
            self.0.set(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let fields = Fields(std::cell::Cell::new(&[]));
    let _ = T::deserialize(&fields);
    fields.0.get().to_vec()
}

/// The file with every `#key = value` line (and `#[table]`) turned on; prose (`# …`) stays.
fn everything_on(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_lowercase() || c == '[') => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_example_loads_as_shipped_and_points_at_huawei_cloud() {
    let (path, _) = example();
    let file = FileConfig::load(&path).unwrap();
    assert_eq!(file.listen.as_deref(), Some("127.0.0.1:8080"), "loopback until the reader decides otherwise");
    assert!(file.iam.as_deref().unwrap().ends_with(".myhuaweicloud.com"));
    assert!(file.dws.as_deref().unwrap().ends_with(".myhuaweicloud.com"));
    assert!(file.tls_cert.is_none(), "TLS is the reader's choice");
    // It resolves to a working configuration once its console folder exists (the unit's layout).
    let file = FileConfig { serve: None, ..file };
    let c = ProxyConfig::resolve(Overrides::default(), file).unwrap();
    assert_eq!(c.default_region.ces.authority, "ces.ae-ad-1.myhuaweicloud.com");
}

#[test]
fn the_example_names_every_setting_and_each_is_valid_when_turned_on() {
    let (_, text) = example();
    let on = everything_on(&text);
    let file: FileConfig = toml::from_str(&on).unwrap_or_else(|e| panic!("with every setting on:\n{e}"));
    let mut missing = Vec::new();
    for key in keys_of::<FileConfig>() {
        let named = match key {
            "regions" => on.contains("[[regions]]"),
            "polling" => on.contains("[polling]"),
            _ => on.lines().any(|l| l.starts_with(&format!("{key} = "))),
        };
        if !named {
            missing.push(key);
        }
    }
    for key in keys_of::<FileRegion>() {
        if !on.lines().any(|l| l.starts_with(&format!("{key} = "))) {
            missing.push(key);
        }
    }
    assert!(missing.is_empty(), "settings the example does not show: {missing:?}");
    assert!(keys_of::<FileConfig>().len() > 20, "the field list was read: {:?}", keys_of::<FileConfig>());
    // With every value as shown (paths aside, which name the reader's files), the proxy starts.
    let regions = file.regions.clone().unwrap();
    assert_eq!(regions[0].name, "cn-north-4");
    let file = FileConfig { serve: None, extra_ca: None, tls_cert: None, tls_key: None, ..file };
    let c = ProxyConfig::resolve(Overrides::default(), file).unwrap();
    assert_eq!(c.base_path, "/portal/dws");
    assert_eq!(c.polling.fast_ms, 3000);
}
