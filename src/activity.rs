//! The API activity of this tab: every request the console made, newest last, bounded, each
//! with a `curl` command that repeats it — the token as `$TOKEN`, passwords as `***`, so the
//! command can be shared or pasted into a script without leaking a secret.

use std::cell::Cell;
use std::collections::VecDeque;

use dws_contract::{Operation, headers};
use leptos::prelude::*;

/// How many requests are kept.
pub const KEPT: usize = 200;

/// One request and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Increasing number, for keys.
    pub seq: u64,
    /// When it was sent (ms since the epoch).
    pub at_ms: i64,
    /// The operation.
    pub operation: Operation,
    /// The absolute URL.
    pub url: String,
    /// The path (with query), for the list.
    pub path: String,
    /// The HTTP status; `None` when no answer came.
    pub status: Option<u16>,
    /// How long until the answer was read (ms).
    pub duration_ms: f64,
    /// `X-Request-Id` of the answer.
    pub request_id: Option<String>,
    /// Whether the request carried the token.
    pub with_token: bool,
    /// `X-Language` sent.
    pub language: &'static str,
    /// The JSON body sent, passwords masked.
    pub body: Option<String>,
}

/// Keys whose values never leave the request: any key naming a password or a secret.
fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("password") || k.contains("pwd") || k.contains("secret")
}

/// Replaces every secret value in a JSON document with `***`.
pub fn mask(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_key(k) && !v.is_object() && !v.is_array() {
                    *v = serde_json::Value::String("***".into());
                } else {
                    mask(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask),
        _ => {}
    }
}

/// Quotes a word for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Entry {
    /// A `curl` command that repeats the request. The token is read from `$TOKEN` (hence the
    /// double quotes around that one header).
    pub fn curl(&self) -> String {
        let method = self.operation.spec().method.as_str();
        let mut lines = vec![if method == "GET" {
            format!("curl {}", shell_quote(&self.url))
        } else {
            format!("curl -X {method} {}", shell_quote(&self.url))
        }];
        if self.with_token {
            lines.push(format!("-H \"{}: $TOKEN\"", headers::AUTH_TOKEN));
        }
        lines.push(format!("-H {}", shell_quote(&format!("{}: {}", headers::LANGUAGE, self.language))));
        if let Some(body) = &self.body {
            lines.push(format!("-H {}", shell_quote("Content-Type: application/json")));
            lines.push(format!("--data-raw {}", shell_quote(body)));
        }
        lines.join(" \\\n  ")
    }
}

/// The activity of this tab.
#[derive(Debug, Clone, Copy)]
pub struct ActivityLog {
    /// Oldest first, at most [`KEPT`].
    pub entries: RwSignal<VecDeque<Entry>>,
    next: StoredValue<u64>,
}

thread_local! {
    // The API client is plain data used from async tasks, outside the component tree: it finds
    // the log here rather than in a context.
    static LOG: Cell<Option<ActivityLog>> = const { Cell::new(None) };
}

impl ActivityLog {
    /// Creates the tab's log and makes the API client record into it.
    pub fn install() -> ActivityLog {
        let log = ActivityLog { entries: RwSignal::new(VecDeque::new()), next: StoredValue::new(0) };
        LOG.with(|l| l.set(Some(log)));
        provide_context(log);
        log
    }

    /// The log installed for this tab, if any.
    pub fn current() -> Option<ActivityLog> {
        LOG.with(Cell::get)
    }

    /// Adds an entry (its `seq` is assigned here), dropping the oldest beyond [`KEPT`].
    pub fn record(&self, mut entry: Entry) {
        let Some(seq) = self.next.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        entry.seq = seq;
        self.entries.try_update(|e| {
            e.push_back(entry);
            while e.len() > KEPT {
                e.pop_front();
            }
        });
    }

    /// Forgets every entry.
    pub fn clear(&self) {
        self.entries.update(VecDeque::clear);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(op: Operation, body: Option<serde_json::Value>) -> Entry {
        Entry {
            seq: 1,
            at_ms: 0,
            operation: op,
            url: "http://127.0.0.1:8080/v1.0/p/clusters".into(),
            path: "/v1.0/p/clusters".into(),
            status: Some(200),
            duration_ms: 3.0,
            request_id: None,
            with_token: true,
            language: "en-us",
            body: body.map(|b| b.to_string()),
        }
    }

    #[test]
    fn passwords_are_masked_wherever_they_are() {
        let mut v = serde_json::json!({
            "auth": {"identity": {"password": {"user": {"name": "admin", "password": "Admin@12345"}}}},
            "cluster": {"user_pwd": "Dws2017demo!", "name": "it's"},
            "new_password": "x", "list": [{"secret_key": "s"}]
        });
        mask(&mut v);
        assert_eq!(v["auth"]["identity"]["password"]["user"]["password"], "***");
        assert_eq!(v["auth"]["identity"]["password"]["user"]["name"], "admin");
        assert_eq!(v["cluster"]["user_pwd"], "***");
        assert_eq!(v["new_password"], "***");
        assert_eq!(v["list"][0]["secret_key"], "***");
        assert!(!v.to_string().contains("Admin@12345") && !v.to_string().contains("Dws2017demo!"));
    }

    #[test]
    fn the_log_keeps_the_last_requests_only() {
        let owner = Owner::new();
        owner.set();
        let log = ActivityLog::install();
        assert_eq!(ActivityLog::current().map(|l| l.entries), Some(log.entries));
        for _ in 0..KEPT + 50 {
            log.record(entry(Operation::ListClusters, None));
        }
        let seqs: Vec<u64> = log.entries.with_untracked(|e| e.iter().map(|e| e.seq).collect());
        assert_eq!(seqs.len(), KEPT);
        assert_eq!((seqs[0], seqs[KEPT - 1]), (51, 250), "the oldest went first");
        log.clear();
        assert!(log.entries.with_untracked(VecDeque::is_empty));
    }

    #[test]
    fn curl_reads_the_token_from_the_shell_and_quotes_the_body() {
        let get = entry(Operation::ListClusters, None).curl();
        assert_eq!(get, "curl 'http://127.0.0.1:8080/v1.0/p/clusters' \\\n  -H \"X-Auth-Token: $TOKEN\" \\\n  -H 'X-Language: en-us'");
        let post = entry(Operation::CreateCluster, Some(serde_json::json!({"cluster": {"name": "it's"}}))).curl();
        assert!(post.starts_with("curl -X POST 'http://127.0.0.1:8080/v1.0/p/clusters'"), "{post}");
        assert!(post.ends_with(r#"--data-raw '{"cluster":{"name":"it'\''s"}}'"#), "{post}");
        assert!(post.contains("-H 'Content-Type: application/json'"));
    }
}
