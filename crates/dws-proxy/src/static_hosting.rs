//! The response headers a static host (an object-storage bucket, nginx, a portal) must send with
//! the console, from the rules the proxy serves it by: `dws-proxy static-headers DIR`. The policy
//! names the hash of the build's inline loader, so it is read from the build, never written down.

use std::path::Path;

use crate::config::{check_frame_ancestors, normalise_origin_named};
use crate::static_site::{Caching, SiteError, console_files, content_type, csp_with_base, inline_script_hashes};

/// Why the headers cannot be worked out.
#[derive(Debug, thiserror::Error)]
pub enum StaticHostingError {
    /// The console's folder is not a built console.
    #[error(transparent)]
    Site(#[from] SiteError),
    /// An API origin is not an origin.
    #[error(transparent)]
    Origin(#[from] crate::config::ConfigError),
}

/// The headers for the built console in `dir`, as text a person copies into a host's settings.
/// `api_origins` are the proxies the page calls when they are not its own origin (which its
/// `config.json` names, and which must allow this site with `--allow-origin`).
pub fn static_headers(dir: &Path, api_origins: &[String], frame_ancestors: &str) -> Result<String, StaticHostingError> {
    let err = |e: String| SiteError::new(dir, e);
    let index = std::fs::read_to_string(dir.join("index.html")).map_err(|e| err(format!("index.html: {e}")))?;
    let origins = api_origins.iter().map(|o| normalise_origin_named("--api-origin", o)).collect::<Result<Vec<_>, _>>()?;
    let frame_ancestors = check_frame_ancestors(frame_ancestors)?;
    let policy = csp_with_base(&inline_script_hashes(&index), &origins, &frame_ancestors, "'self'");
    let names: Vec<String> = console_files(dir).map_err(|e| err(e.to_string()))?.into_iter().map(|(_, rel)| rel).collect();
    let mut out = String::new();
    let api = if origins.is_empty() { "this site's own origin (config.json's api_base is \"\")".to_owned() } else { origins.join(", ") };
    out.push_str(&format!("# Response headers for the console in {}, on a static host.\n", dir.display()));
    out.push_str(&format!("# The console calls the API at {api}.\n\n"));
    out.push_str("# Every file:\n");
    out.push_str(&format!("Content-Security-Policy: {policy}\n"));
    out.push_str("X-Content-Type-Options: nosniff\nReferrer-Policy: no-referrer\nCross-Origin-Opener-Policy: same-origin\n");
    for caching in [Caching::Never, Caching::Revalidate, Caching::Immutable] {
        let files: Vec<&str> = names.iter().map(String::as_str).filter(|n| Caching::of(n) == caching).collect();
        if files.is_empty() {
            continue;
        }
        let what = match caching {
            Caching::Never => format!("{} (also the answer for every path without a file extension: the console's own routes)", files.join(", ")),
            Caching::Revalidate => files.join(", "),
            Caching::Immutable => format!("{} (their names carry their content's hash)", files.join(", ")),
        };
        out.push_str(&format!("\n# {what}:\nCache-Control: {}\n", caching.header()));
    }
    out.push_str("\n# Content-Type by extension:\n");
    let mut seen = Vec::new();
    for n in &names {
        let ext = n.rsplit_once('.').map_or("", |(_, e)| e);
        if !seen.contains(&ext) {
            seen.push(ext);
            out.push_str(&format!("#   .{ext}: {}\n", content_type(n)));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::static_site::Site;

    #[test]
    fn a_static_host_gets_the_proxys_policy_and_caching() {
        let dir = std::env::temp_dir().join(format!("dws-proxy-static-hosting-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = "<html><head><base href=\"/\" /><script type=\"module\">import init from '/app-0123456789abcdef.js';</script></head></html>";
        std::fs::write(dir.join("index.html"), page).unwrap();
        std::fs::write(dir.join("app-0123456789abcdef.js"), "x").unwrap();
        std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), "x").unwrap();
        std::fs::write(dir.join("config.json"), "{}").unwrap();
        let text = static_headers(&dir, &["HTTPS://Proxy.Example.com".into()], "'none'").unwrap();
        let site = Site::load(&dir, "", &["https://proxy.example.com".into()], "'none'").unwrap();
        let policy = text.lines().find_map(|l| l.strip_prefix("Content-Security-Policy: ")).unwrap();
        // The proxy's own policy, but for `<base href>`, which it removes and a static host keeps.
        assert_eq!(policy.replace("base-uri 'self'", "base-uri 'none'"), site.csp);
        assert!(policy.contains("'sha256-"), "the loader's hash: {policy}");
        assert!(policy.contains("connect-src 'self' https://proxy.example.com;"), "{policy}");
        assert!(text.contains("# index.html (also the answer"));
        assert!(text.contains("Cache-Control: no-store\n"));
        assert!(text.contains("# config.json:\nCache-Control: no-cache\n"));
        assert!(text.contains("# app-0123456789abcdef.js, app-0123456789abcdef_bg.wasm (their names"));
        assert!(text.contains("#   .wasm: application/wasm"));
        let e = static_headers(&dir, &["ftp://x".into()], "'none'").unwrap_err();
        assert!(e.to_string().contains("--api-origin"), "names the flag it came from: {e}");
        for bad in ["'self'; script-src *", "", "https://a.example\r\nX-Evil: 1"] {
            assert!(static_headers(&dir, &[], bad).is_err(), "{bad:?}");
        }
        std::fs::create_dir_all(dir.join("snippets/x")).unwrap();
        std::fs::write(dir.join("snippets/x/inline0.js"), "x").unwrap();
        let text = static_headers(&dir, &[], "'none'").unwrap();
        assert!(text.contains("config.json, snippets/x/inline0.js:\nCache-Control: no-cache"), "files in folders too: {text}");
        assert!(static_headers(&dir.join("missing"), &[], "'none'").unwrap_err().to_string().contains("index.html"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
