//! Exporting what a table shows (after its search and filter, in its order) as CSV or JSON.

use leptos::prelude::*;
use serde::Serialize;

use crate::i18n::{Text, tr};

/// A row that can be written as CSV.
pub trait CsvRecord {
    /// Column titles (kept in English, like the JSON field names, so scripts can rely on them).
    const HEADER: &'static [&'static str];
    /// The row's cells, in the order of [`CsvRecord::HEADER`].
    fn record(&self) -> Vec<String>;
}

/// One CSV cell: quoted when it holds a separator, a quote or a line break (RFC 4180). A cell
/// that a spreadsheet would run as a formula gets a leading `'`, so a cluster or snapshot
/// description cannot execute on the machine of whoever opens the file.
fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// A CSV document: header, then one line per row, CRLF line ends.
pub fn csv<R: CsvRecord>(rows: &[R]) -> String {
    let line = |cells: &mut dyn Iterator<Item = String>| cells.collect::<Vec<_>>().join(",") + "\r\n";
    let mut out = line(&mut R::HEADER.iter().map(|h| cell(h)));
    for r in rows {
        out.push_str(&line(&mut r.record().iter().map(|c| cell(c))));
    }
    out
}

/// A JSON array of the rows as the API sent them.
pub fn json<R: Serialize>(rows: &[R]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
}

/// Hands `content` to the browser as a file download.
fn download(file_name: &str, mime: &str, content: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&content.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // The download has its own reference to the blob by now.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// "Export CSV" and "Export JSON" for the rows `rows` returns when clicked.
#[component]
pub fn ExportButtons<R: CsvRecord + Serialize + 'static>(
    /// The file name without extension.
    file: &'static str,
    /// The rows to export, in order.
    rows: Callback<(), Vec<R>>,
) -> impl IntoView {
    // Only the writing of the document knows the row type; the buttons are shared by every
    // table, one copy in the download.
    let document = Callback::new(move |as_csv: bool| {
        let list = rows.run(());
        if as_csv { csv(&list) } else { json(&list) }
    });
    view! { <ExportControls file=file document=document/> }
}

/// The buttons, and the download of the document `document` writes (CSV when given `true`).
#[component]
fn ExportControls(file: &'static str, document: Callback<bool, String>) -> impl IntoView {
    let export = move |as_csv: bool| {
        let content = document.run(as_csv);
        let result = if as_csv {
            download(&format!("{file}.csv"), "text/csv;charset=utf-8", &content)
        } else {
            download(&format!("{file}.json"), "application/json", &content)
        };
        if let Err(e) = result {
            leptos::logging::warn!("export failed: {e:?}");
        }
    };
    view! {
        <div class="export" role="group" aria-label=tr(Text::Export)>
            <button type="button" class="button small" data-testid="export-csv" on:click=move |_| export(true)>
                {tr(Text::ExportCsv)}
            </button>
            <button type="button" class="button small" data-testid="export-json" on:click=move |_| export(false)>
                {tr(Text::ExportJson)}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R(&'static str, &'static str);

    impl CsvRecord for R {
        const HEADER: &'static [&'static str] = &["name", "description"];
        fn record(&self) -> Vec<String> {
            vec![self.0.into(), self.1.into()]
        }
    }

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        let doc = csv(&[R("a", "plain"), R("b", "with, comma"), R("c", "say \"hi\"\nbye"), R("d", "=HYPERLINK(\"x\")")]);
        assert_eq!(
            doc,
            "name,description\r\na,plain\r\nb,\"with, comma\"\r\nc,\"say \"\"hi\"\"\nbye\"\r\nd,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
        assert_eq!(csv::<R>(&[]), "name,description\r\n");
    }
}
