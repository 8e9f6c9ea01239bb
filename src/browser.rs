//! Small wrappers over browser APIs. Each fails softly: a browser that blocks storage or has no
//! document still renders the console.

use dws_contract::Lang;

const LANG_KEY: &str = "dws-console.lang";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language the user picked last time, if any. (Only the language is kept across visits;
/// session data lives in `sessionStorage`.)
pub fn stored_lang() -> Option<Lang> {
    local_storage()?.get_item(LANG_KEY).ok().flatten().and_then(|s| Lang::parse(&s))
}

/// Remembers the user's language.
pub fn store_lang(lang: Lang) {
    if let Some(s) = local_storage() {
        // Storage may be full or blocked; the choice then lasts for this visit only.
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// Sets the window's title (what tabs, history and screen readers name the page by).
pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Sets `<html lang>` so screen readers and fonts follow the chosen language.
pub fn set_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang.html_tag());
    }
}

/// The path the console is served under, so one build works at `/` and under a portal's
/// sub-path. The proxy states it in `<meta name="dws-base-path">` (its policy forbids `<base>`);
/// a plain static host sets `<base href>`. No trailing slash; empty at the root.
pub fn base_path() -> String {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return String::new() };
    if let Some(meta) = doc.query_selector("meta[name=dws-base-path]").ok().flatten() {
        return meta.get_attribute("content").unwrap_or_default().trim_end_matches('/').to_owned();
    }
    let base = doc
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    normalise_base(&base)
}

/// `/portal/dws/` → `/portal/dws`; `/` → ``.
pub fn normalise_base(path: &str) -> String {
    // A base ending in a file name (`/app/index.html`) means its folder.
    let dir = match path.rfind('/') {
        Some(i) => &path[..i],
        None => "",
    };
    dir.trim_end_matches('/').to_owned()
}

/// A URL for a file served beside the console (`config.json`), under the base path.
pub fn asset_url(file: &str) -> String {
    format!("{}/{}", base_path(), file.trim_start_matches('/'))
}

/// Gives the keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
    {
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::normalise_base;

    #[test]
    fn base_paths() {
        assert_eq!(normalise_base("/"), "");
        assert_eq!(normalise_base(""), "");
        assert_eq!(normalise_base("/portal/dws/"), "/portal/dws");
        assert_eq!(normalise_base("/portal/dws/index.html"), "/portal/dws");
        assert_eq!(normalise_base("/portal/dws"), "/portal");
    }
}
