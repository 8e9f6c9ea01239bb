//! Status-like string values that must never fail to parse.
//!
//! The live service adds values the reference does not list (`ACTIVE`, `FROZEN`, dozens of task
//! states). Every such field is an enum of the values we know plus `Other(String)`, so an unknown
//! value survives a round trip unchanged and a page can still show it as text.

/// Declares a string-valued wire enum with an `Other(String)` fallback.
///
/// Generates `as_str`, `Display`, `From<&str>`, `Serialize`/`Deserialize` as a JSON string, and
/// `KNOWN`, the list of listed variants (handy for filters and tests).
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know; kept verbatim.
            Other(String),
        }

        impl $name {
            /// Every listed variant, in declaration order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The exact string on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s.as_str(),
                }
            }

            /// Whether this is one of the listed values.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match $name::from(s.as_str()) {
                    $name::Other(_) => $name::Other(s),
                    known => known,
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "openapi")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            // The values the reference lists; the service's others are read too (`Other`).
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({"type": "string", "enum": [ $( $wire, )+ ]})
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok($name::from(s.into_owned()))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    wire_enum! {
        /// A test enum.
        enum Colour {
            Red = "RED",
            DarkBlue = "DARK BLUE",
        }
    }

    #[test]
    fn known_values_map_both_ways() {
        for c in Colour::KNOWN {
            assert_eq!(&Colour::from(c.as_str()), c);
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(serde_json::from_str::<Colour>(&json).unwrap(), *c);
        }
        assert_eq!(Colour::from("DARK BLUE"), Colour::DarkBlue);
    }

    #[test]
    fn unknown_values_survive_round_trip() {
        let c: Colour = serde_json::from_str("\"PURPLE\"").unwrap();
        assert_eq!(c, Colour::Other("PURPLE".into()));
        assert!(!c.is_known());
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"PURPLE\"");
        assert_eq!(c.to_string(), "PURPLE");
    }

    #[test]
    fn values_are_case_sensitive_as_on_the_wire() {
        assert_eq!(Colour::from("red"), Colour::Other("red".into()));
    }

    #[test]
    fn escaped_strings_deserialize() {
        // A borrowed &str would fail on escapes; Cow handles both.
        let c: Colour = serde_json::from_str(r#""DARK\u0020BLUE""#).unwrap();
        assert_eq!(c, Colour::DarkBlue);
    }

    #[test]
    fn non_strings_are_rejected() {
        assert!(serde_json::from_str::<Colour>("3").is_err());
    }
}
