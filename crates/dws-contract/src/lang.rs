//! The two languages the product speaks.

use serde::{Deserialize, Serialize};

/// A user-facing language: every message, remedy and label exists in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese (简体中文).
    #[serde(rename = "zh")]
    Zh,
}

impl Lang {
    /// Both languages, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The short code used in configuration and storage: `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for the document's `lang` attribute.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The value of the `X-Language` request header (table 3-3 gives `en_us`).
    pub fn x_language(self) -> &'static str {
        match self {
            Lang::En => "en_us",
            Lang::Zh => "zh_cn",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// Reads a language from a code, an `X-Language` value or a browser language tag
    /// (`zh`, `zh-CN`, `zh_cn`, `en-US`, …). Anything else is `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The language a request asks for in its `X-Language` header (the bytes as received):
    /// `zh_cn`, `zh-CN`, … are Chinese; anything else, and no header, English, the service's
    /// default.
    pub fn from_header(value: Option<&[u8]>) -> Lang {
        value.and_then(|v| std::str::from_utf8(v).ok()).and_then(Lang::parse).unwrap_or(Lang::En)
    }

    /// Picks the text for this language.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn parses_codes_headers_and_browser_tags() {
        for (tag, want) in [
            ("en", Some(Lang::En)),
            ("en_us", Some(Lang::En)),
            ("en-GB", Some(Lang::En)),
            ("zh", Some(Lang::Zh)),
            ("zh-CN", Some(Lang::Zh)),
            ("zh_cn", Some(Lang::Zh)),
            ("ZH-Hans", Some(Lang::Zh)),
            ("fr", None),
            ("", None),
        ] {
            assert_eq!(Lang::parse(tag), want, "{tag}");
        }
    }

    #[test]
    fn headers_fall_back_to_english() {
        assert_eq!(Lang::from_header(Some(b"zh_cn")), Lang::Zh);
        assert_eq!(Lang::from_header(Some(b"en_us")), Lang::En);
        assert_eq!(Lang::from_header(Some(b"fr_fr")), Lang::En);
        assert_eq!(Lang::from_header(Some(b"\xff")), Lang::En);
        assert_eq!(Lang::from_header(None), Lang::En);
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
            assert_eq!(Lang::parse(l.x_language()), Some(l));
            assert_eq!(Lang::parse(l.html_tag()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.code()));
        }
    }
}
