//! The error-code catalog: every code with its HTTP status, message and remedy in both languages.
//!
//! [`ErrorCode`] names each code as a Rust value, so a rule or a handler cannot cite a code that
//! does not exist; [`CATALOG`] lists them all for lookups by the string a server sent.

use crate::lang::Lang;

/// Where a code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Appendix 7.2 of the reference.
    Reference,
    /// The API gateway in front of the live service (`APIGW.*`), not listed in the reference.
    Gateway,
    /// Defined by this project for situations the reference gives no code for (documented in
    /// docs/API.md); the emulator answers with them and the console explains them.
    Project,
    /// The CORS proxy's own answers (`PROXY.*`).
    Proxy,
    /// Cloud Eye's metric calls (`ces.*`, and `403` for a missing permission).
    CloudEye,
}

/// One row of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The code as it appears in `error_code`, e.g. `DWS.5057`.
    pub code: &'static str,
    /// The HTTP status the service answers with.
    pub status: u16,
    /// Where the code is defined.
    pub source: Source,
    /// 错误信息 (the reference's message).
    pub message_zh: &'static str,
    /// 描述 (the reference's description).
    pub description_zh: &'static str,
    /// 处理措施 (the reference's remedy).
    pub remedy_zh: &'static str,
    /// The message in English.
    pub message_en: &'static str,
    /// The remedy in English.
    pub remedy_en: &'static str,
}

impl CatalogEntry {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> &'static str {
        lang.pick(self.message_en, self.message_zh)
    }

    /// What the user should do, in a language.
    pub fn remedy(&self, lang: Lang) -> &'static str {
        lang.pick(self.remedy_en, self.remedy_zh)
    }
}

macro_rules! catalog_table {
    ( $(
        $variant:ident = {
            code: $code:literal, status: $status:literal, source: $source:ident,
            zh: ($mzh:literal, $dzh:literal, $rzh:literal),
            en: ($men:literal, $ren:literal) $(,)?
        },
    )+ ) => {
        /// A known error code. The variant's index is its row in [`CATALOG`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(usize)]
        pub enum ErrorCode {
            $( #[doc = $men] $variant, )+
        }

        /// Every known code, in catalog order.
        pub static CATALOG: &[CatalogEntry] = &[
            $( CatalogEntry {
                code: $code,
                status: $status,
                source: Source::$source,
                message_zh: $mzh,
                description_zh: $dzh,
                remedy_zh: $rzh,
                message_en: $men,
                remedy_en: $ren,
            }, )+
        ];

        impl ErrorCode {
            /// Every code, in catalog order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )+ ];
        }
    };
}
pub(crate) use catalog_table;

mod codes;
pub use codes::{CATALOG, ErrorCode};

impl ErrorCode {
    /// The catalog row of this code.
    pub fn entry(self) -> &'static CatalogEntry {
        &CATALOG[self as usize]
    }

    /// The code string, e.g. `DWS.5057`.
    pub fn as_str(self) -> &'static str {
        self.entry().code
    }

    /// The HTTP status the service answers with.
    pub fn status(self) -> u16 {
        self.entry().status
    }

    /// Finds a code by the string a server sent.
    pub fn parse(code: &str) -> Option<ErrorCode> {
        let code = code.trim();
        ErrorCode::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(code))
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The catalog row for a code string, if the code is known.
pub fn lookup(code: &str) -> Option<&'static CatalogEntry> {
    ErrorCode::parse(code).map(ErrorCode::entry)
}

#[cfg(test)]
mod tests;
