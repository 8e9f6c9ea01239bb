//! The built console, served from memory: loaded and compressed once at start, `index.html`
//! adapted to the base path, and every answer sent with a strict Content-Security-Policy.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use dws_contract::ErrorCode;
use sha2::{Digest, Sha256};

use crate::error::{ProxyError, lang_of, not_found};

/// How a file may be cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caching {
    /// Its name carries its hash: cache for a year.
    Immutable,
    /// Revalidate every time.
    Revalidate,
    /// Never store (`index.html`: it names the current hashed files).
    Never,
}

impl Caching {
    /// How the file at `rel` (relative to the console's folder) may be cached.
    pub(crate) fn of(rel: &str) -> Caching {
        if rel == "index.html" {
            Caching::Never
        } else if is_hashed(rel) {
            Caching::Immutable
        } else {
            Caching::Revalidate
        }
    }

    /// Its `Cache-Control` value.
    pub(crate) fn header(self) -> &'static str {
        match self {
            Caching::Immutable => "public, max-age=31536000, immutable",
            Caching::Revalidate => "no-cache",
            Caching::Never => "no-store",
        }
    }
}

/// A compressed form of a file: filled at start for small files, by a background thread for
/// large ones (brotli's best setting takes seconds on a megabyte of wasm, and the proxy should
/// answer at once; until then the file goes out uncompressed).
type Compressed = Arc<OnceLock<Option<Bytes>>>;

#[derive(Debug, Clone)]
struct Asset {
    body: Bytes,
    gzip: Compressed,
    brotli: Compressed,
    content_type: &'static str,
    etag: String,
    caching: Caching,
}

/// The console's files, ready to serve.
#[derive(Debug, Clone)]
pub struct Site {
    files: HashMap<String, Asset>,
    /// The Content-Security-Policy sent with every file.
    pub csp: String,
}

/// Why the site could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("cannot load the console from {0}: {1}")]
pub struct SiteError(String, String);

impl SiteError {
    /// The console in `dir` cannot be used, for `why`.
    pub(crate) fn new(dir: &Path, why: String) -> SiteError {
        SiteError(dir.display().to_string(), why)
    }
}

pub(crate) fn content_type(name: &str) -> &'static str {
    match name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Every file of the console in `dir`, subfolders too: its path, and its name relative to `dir`
/// with `/` between folders, sorted by that name. Dot-files (trunk's lock and stage folders) are
/// left out.
pub(crate) fn console_files(dir: &Path) -> std::io::Result<Vec<(std::path::PathBuf, String)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let p = entry?.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).map_err(std::io::Error::other)?.to_string_lossy().replace('\\', "/");
                out.push((p, rel));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Trunk names hashed files `name-<16 hex>.ext`.
fn is_hashed(name: &str) -> bool {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let stem = stem.split('.').next().unwrap_or(stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/json")
        || content_type == "application/wasm"
        || content_type == "image/svg+xml"
}

/// Files up to this size are compressed before the proxy starts listening.
const SYNC_COMPRESS_LIMIT: usize = 128 * 1024;

impl Site {
    /// Waits until every file has its compressed forms (for tests and benchmarks that measure
    /// them).
    pub fn wait_compressed(&self) {
        while self.files.values().any(|a| a.gzip.get().is_none() || a.brotli.get().is_none()) {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

fn gzip(data: &[u8]) -> Option<Bytes> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).ok()?;
    e.finish().ok().map(Bytes::from)
}

fn brotli(data: &[u8]) -> Option<Bytes> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).ok()?;
    Some(Bytes::from(out))
}

/// Rewrites trunk's `index.html` for serving under `base` with `base-uri 'none'`: the `<base>`
/// element goes (the policy forbids it), the base path is stated in a meta element the console
/// reads, and root-relative asset URLs gain the base path.
pub fn adapt_index(html: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    // Drop every <base …> element.
    while let Some(i) = rest.find("<base") {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    let meta = format!("<meta name=\"dws-base-path\" content=\"{base}\" />");
    out = match out.find("</head>") {
        Some(i) => format!("{}{meta}\n  {}", &out[..i], &out[i..]),
        None => format!("{meta}{out}"),
    };
    if !base.is_empty() {
        for (from, to) in [
            ("href=\"/", format!("href=\"{base}/")),
            ("src=\"/", format!("src=\"{base}/")),
            ("from '/", format!("from '{base}/")),
            ("module_or_path: '/", format!("module_or_path: '{base}/")),
        ] {
            out = out.replace(from, &to);
        }
    }
    out
}

/// `'sha256-…'` sources for every inline `<script>` of a page (trunk's loader is one).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        let body = &after[body_start..body_start + close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            hashes.push(format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    hashes
}

/// The policy: only this origin, WebAssembly compilation, trunk's inline loader by its hash,
/// connections to this origin (and any region endpoints on other origins), and no framing unless
/// a portal is named.
pub fn csp(script_hashes: &[String], extra_connect: &[String], frame_ancestors: &str) -> String {
    csp_with_base(script_hashes, extra_connect, frame_ancestors, "'none'")
}

/// [`csp`] with another `base-uri`: a static host serves trunk's page with its `<base href>`,
/// which the proxy removes.
pub fn csp_with_base(
    script_hashes: &[String],
    extra_connect: &[String],
    frame_ancestors: &str,
    base_uri: &str,
) -> String {
    let mut script = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script.extend(script_hashes.iter().cloned());
    let mut connect = vec!["'self'".to_owned()];
    connect.extend(extra_connect.iter().cloned());
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data:; connect-src {}; \
         frame-ancestors {frame_ancestors}; base-uri {base_uri}; object-src 'none'; form-action 'self'",
        script.join(" "),
        connect.join(" ")
    )
}

impl Site {
    /// Loads every file of `dir` into memory, compressed where it helps.
    pub fn load(
        dir: &Path,
        base: &str,
        extra_connect: &[String],
        frame_ancestors: &str,
    ) -> Result<Site, SiteError> {
        let err = |e: String| SiteError(dir.display().to_string(), e);
        let mut files = HashMap::new();
        let mut hashes = Vec::new();
        let mut later: Vec<(Bytes, Compressed, Compressed)> = Vec::new();
        for (p, rel) in console_files(dir).map_err(|e| err(e.to_string()))? {
            let mut body = std::fs::read(&p).map_err(|e| err(format!("{rel}: {e}")))?;
            let ct = content_type(&rel);
            let caching = Caching::of(&rel);
            if rel == "index.html" {
                let page = adapt_index(&String::from_utf8_lossy(&body), base);
                hashes = inline_script_hashes(&page);
                body = page.into_bytes();
            }
            let (gz, br): (Compressed, Compressed) = Default::default();
            let body = Bytes::from(body);
            if !compressible(ct) || body.len() <= 512 {
                let _ = (gz.set(None), br.set(None));
            } else if body.len() <= SYNC_COMPRESS_LIMIT {
                let _ = (gz.set(gzip(&body)), br.set(brotli(&body)));
            } else {
                later.push((body.clone(), gz.clone(), br.clone()));
            }
            let etag = format!("\"{}\"", hex_prefix(&Sha256::digest(&body)));
            files.insert(
                rel,
                Asset {
                    body,
                    gzip: gz,
                    brotli: br,
                    content_type: ct,
                    etag,
                    caching,
                },
            );
        }
        if !files.contains_key("index.html") {
            return Err(err("no index.html".into()));
        }
        if !later.is_empty() {
            std::thread::spawn(move || {
                for (body, gz, br) in later {
                    let _ = gz.set(gzip(&body));
                    let _ = br.set(brotli(&body));
                }
            });
        }
        Ok(Site {
            files,
            csp: csp(&hashes, extra_connect, frame_ancestors),
        })
    }

    /// Answers a request for `path` (relative to the base path): the file, or `index.html` for
    /// application routes, or 404 for missing files.
    pub fn serve(&self, method: &Method, path: &str, headers: &HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            let mut r = ProxyError::new(ErrorCode::Proxy0014).response(lang_of(headers));
            r.headers_mut()
                .insert("allow", HeaderValue::from_static("GET, HEAD"));
            return r;
        }
        let rel = path.trim_start_matches('/');
        let asset = match self.files.get(rel) {
            Some(a) => a,
            // Application routes (no file extension) get the app; missing files are 404.
            None if rel
                .rsplit('/')
                .next()
                .is_some_and(|last| !last.contains('.')) =>
            {
                &self.files["index.html"]
            }
            None => return not_found(lang_of(headers)),
        };
        let mut res = if headers.get("if-none-match").and_then(|v| v.to_str().ok())
            == Some(asset.etag.as_str())
        {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let accept = headers
                .get("accept-encoding")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let (body, encoding) = match (asset.brotli.get().cloned().flatten(), asset.gzip.get().cloned().flatten()) {
                (Some(b), _) if accepts(accept, "br") => (b, Some("br")),
                (_, Some(g)) if accepts(accept, "gzip") => (g, Some("gzip")),
                _ => (asset.body.clone(), None),
            };
            let mut r = if method == Method::HEAD {
                ().into_response()
            } else {
                body.clone().into_response()
            };
            let h = r.headers_mut();
            h.insert("content-length", HeaderValue::from(body.len()));
            h.insert("content-type", HeaderValue::from_static(asset.content_type));
            if let Some(e) = encoding {
                h.insert("content-encoding", HeaderValue::from_static(e));
            }
            r
        };
        let h = res.headers_mut();
        if !matches!(asset.gzip.get(), Some(None)) {
            h.insert("vary", HeaderValue::from_static("Accept-Encoding"));
        }
        if let Ok(e) = HeaderValue::from_str(&asset.etag) {
            h.insert("etag", e);
        }
        h.insert("cache-control", HeaderValue::from_static(asset.caching.header()));
        self.secured(res)
    }

    /// Adds the security headers every page answer carries.
    pub fn secured(&self, mut res: Response) -> Response {
        security_headers(res.headers_mut(), &self.csp);
        res
    }
}

/// The security headers of every page answer.
pub fn security_headers(h: &mut HeaderMap, csp: &str) {
    if let Ok(v) = HeaderValue::from_str(csp) {
        h.insert("content-security-policy", v);
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
}

fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|part| {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim();
        let q = it
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        name.eq_ignore_ascii_case(coding) && q > 0.0
    })
}

fn hex_prefix(d: &[u8]) -> String {
    d.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <base href="/" />
    <link rel="stylesheet" href="/main-b30376648402398e.css" integrity="sha384-x"/>
<script type="module">
import init, * as bindings from '/dws-console-84b08c1c9fe5df46.js';
const wasm = await init({ module_or_path: '/dws-console-91c954a63f5b8dcd_bg.wasm' });
</script>
  <link rel="modulepreload" href="/dws-console-84b08c1c9fe5df46.js" crossorigin="anonymous" integrity="sha384-y"></head>
  <body></body>
</html>"#;

    #[test]
    fn index_is_adapted_to_the_base_path() {
        let page = adapt_index(TRUNK_INDEX, "/portal/dws");
        assert!(!page.contains("<base"));
        assert!(page.contains(r#"<meta name="dws-base-path" content="/portal/dws" />"#));
        assert!(page.contains(r#"href="/portal/dws/main-b30376648402398e.css""#));
        assert!(page.contains("from '/portal/dws/dws-console-84b08c1c9fe5df46.js'"));
        assert!(
            page.contains("module_or_path: '/portal/dws/dws-console-91c954a63f5b8dcd_bg.wasm'")
        );
        assert!(page.contains(r#"integrity="sha384-x""#), "SRI untouched");
        let root = adapt_index(TRUNK_INDEX, "");
        assert!(root.contains(r#"href="/main-b30376648402398e.css""#));
        assert!(root.contains(r#"content="""#));
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let page = "<script type=\"module\">a()</script><script src=\"/x.js\"></script><script>b()</script>";
        let h = inline_script_hashes(page);
        assert_eq!(h.len(), 2);
        assert_eq!(
            h[0],
            format!("'sha256-{}'", STANDARD.encode(Sha256::digest(b"a()")))
        );
    }

    #[test]
    fn the_policy_is_strict() {
        let p = csp(&["'sha256-abc'".into()], &[], "'none'");
        for part in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ] {
            assert!(p.contains(part), "{part} in {p}");
        }
        assert!(!p.contains("unsafe-inline"));
    }

    #[test]
    fn hashed_names_and_encodings() {
        assert!(is_hashed("dws-console-84b08c1c9fe5df46.js"));
        assert!(is_hashed("dws-console-91c954a63f5b8dcd_bg.wasm"));
        assert!(is_hashed("main-b30376648402398e.css"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("config.json"));
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(accepts("gzip;q=0.5", "gzip"));
        assert!(!accepts("gzip;q=0", "gzip"));
        assert!(!accepts("identity", "br"));
        assert_eq!(content_type("a.wasm"), "application/wasm");
    }
}
