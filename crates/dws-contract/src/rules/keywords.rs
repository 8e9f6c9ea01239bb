//! Database keywords that cannot be a user name.
//!
//! GaussDB(DWS) refuses its reserved keywords as role names. This is the reserved set of
//! GaussDB/openGauss (PostgreSQL's reserved keywords plus GaussDB's own, such as `minus`,
//! `rownum` and `sysdate`), lowercase and sorted.

/// The reserved keywords, lowercase, sorted.
pub const DATABASE_KEYWORDS: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authid",
    "authorization", "binary", "both", "buckets", "case", "cast", "check", "collate", "collation",
    "column", "concurrently", "constraint", "create", "cross", "csn", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
    "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
    "excluded", "false", "fenced", "fetch", "for", "foreign", "freeze", "from", "full", "grant",
    "group", "groupparent", "having", "ilike", "in", "initially", "inner", "intersect", "into",
    "is", "isnull", "join", "lateral", "leading", "left", "less", "like", "limit", "localtime",
    "localtimestamp", "maxvalue", "minus", "modify", "natural", "nocycle", "not", "notnull",
    "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "performance", "placing",
    "primary", "prior", "procedure", "references", "reject", "returning", "right", "rownum",
    "select", "session_user", "shippable", "shrink", "similar", "some", "symmetric", "sysdate",
    "table", "tablesample", "then", "timecapsule", "to", "trailing", "true", "union", "unique",
    "user", "using", "variadic", "verbose", "verify", "when", "where", "window", "with",
];

/// Whether a name is a reserved database keyword (case-insensitive).
pub fn is_database_keyword(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    DATABASE_KEYWORDS.binary_search(&lower.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_lowercase_and_unique() {
        for pair in DATABASE_KEYWORDS.windows(2) {
            assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
        }
        for k in DATABASE_KEYWORDS {
            assert_eq!(*k, k.to_ascii_lowercase());
        }
    }

    #[test]
    fn every_keyword_is_found() {
        for k in DATABASE_KEYWORDS {
            assert!(is_database_keyword(k), "{k}");
            assert!(is_database_keyword(&k.to_ascii_uppercase()), "{k}");
        }
    }

    #[test]
    fn ordinary_names_are_not_keywords() {
        for n in ["dbadmin", "users", "selects", "admin", "_all", "user1", "tables"] {
            assert!(!is_database_keyword(n), "{n}");
        }
    }
}
