//! What the live tables share: search, one filter, sorting on every column, paging (the API has
//! none of them), and the controls for each. The cluster and snapshot tables differ only in their
//! columns, given by [`TableRow`].

use leptos::prelude::*;

use crate::format::count;
use crate::i18n::{Text, tr, use_lang};
use crate::live::effect;

/// The value a row has in a column, computed once per row (a sort compares each row many times,
/// and dates would otherwise be parsed at every comparison).
#[derive(Debug, Clone, PartialEq, PartialOrd)]
pub enum SortValue {
    /// A number or time.
    Num(Option<f64>),
    /// Text.
    Text(Option<String>),
    /// A task and its percentage.
    Task(Option<(String, Option<u8>)>),
}

impl SortValue {
    /// A whole number (counts, times in ms).
    pub fn int(n: Option<i64>) -> SortValue {
        SortValue::Num(n.map(|n| n as f64))
    }

    /// A wire timestamp, by the instant it names.
    pub fn time(s: Option<&str>) -> SortValue {
        SortValue::int(s.and_then(dws_contract::time::parse_iso8601))
    }
}

/// One row's place in a sort: its value in the sort column and its tie-breakers.
struct SortKey<'a> {
    value: SortValue,
    name: &'a str,
    id: &'a str,
    index: usize,
}

/// Sorts by value, ties by name and then id, so the order is stable between polls. Not generic
/// over the row or the key function: every table shares this one copy of the sort in the download.
fn sort_keys(keys: &mut [SortKey<'_>]) {
    crate::data::sort::sort_by(keys, |a, b| {
        a.value.partial_cmp(&b.value).unwrap_or(std::cmp::Ordering::Equal).then_with(|| (a.name, a.id).cmp(&(b.name, b.id)))
    });
}

/// A row of a live table.
pub trait TableRow: Send + Sync + 'static {
    /// The columns it sorts by.
    type Column: Copy + PartialEq + std::fmt::Debug + Send + Sync + 'static;
    /// The sort before the user picks one.
    const DEFAULT_SORT: (Self::Column, bool);
    /// The id that keys the row.
    fn id(&self) -> &str;
    /// What the search matches (any case).
    fn name(&self) -> &str;
    /// What the table's filter compares with.
    fn filter_value(&self) -> Option<&str>;
    /// The value in a column. Ties fall back to the name, then the id.
    fn sort_value(&self, column: Self::Column) -> SortValue;
}

/// What a table shows: search text, filter, sort and page.
#[derive(Debug, Clone, PartialEq)]
pub struct TableView<R: TableRow> {
    /// Part of the name (any case).
    pub search: String,
    /// Only rows whose [`TableRow::filter_value`] is this; empty for all.
    pub filter: String,
    /// Sort column.
    pub sort: R::Column,
    /// Descending instead of ascending.
    pub descending: bool,
    /// Rows per page.
    pub page_size: usize,
    /// Zero-based page.
    pub page: usize,
}

impl<R: TableRow> Default for TableView<R> {
    fn default() -> Self {
        let (sort, descending) = R::DEFAULT_SORT;
        TableView { search: String::new(), filter: String::new(), sort, descending, page_size: 20, page: 0 }
    }
}

impl<R: TableRow> TableView<R> {
    /// Whether a row passes the search and the filter.
    pub fn keeps(&self, r: &R) -> bool {
        let needle = self.search.trim().to_lowercase();
        (needle.is_empty() || r.name().to_lowercase().contains(&needle))
            && (self.filter.is_empty() || r.filter_value() == Some(self.filter.as_str()))
    }

    /// The indices of every row that passes, in order: what an export writes.
    pub fn matching(&self, rows: &[&R]) -> Vec<usize> {
        self.matching_by(rows, |r, column| r.sort_value(column))
    }

    /// [`Self::matching`], with the sort values given by `key`: for a column whose shown text
    /// comes from outside the row (a name looked up by id).
    pub fn matching_by(&self, rows: &[&R], key: impl Fn(&R, R::Column) -> SortValue) -> Vec<usize> {
        let mut keyed: Vec<SortKey<'_>> = (0..rows.len())
            .filter(|i| self.keeps(rows[*i]))
            .map(|i| SortKey { value: key(rows[i], self.sort), name: rows[i].name(), id: rows[i].id(), index: i })
            .collect();
        sort_keys(&mut keyed);
        let mut sorted: Vec<usize> = keyed.into_iter().map(|k| k.index).collect();
        if self.descending {
            sorted.reverse();
        }
        sorted
    }

    /// The indices of `rows` to show, in order, for the current page; and how many matched.
    pub fn apply(&self, rows: &[&R]) -> (Vec<usize>, usize) {
        self.apply_by(rows, |r, column| r.sort_value(column))
    }

    /// [`Self::apply`], with the sort values given by `key` (see [`Self::matching_by`]).
    pub fn apply_by(&self, rows: &[&R], key: impl Fn(&R, R::Column) -> SortValue) -> (Vec<usize>, usize) {
        let idx = self.matching_by(rows, key);
        let total = idx.len();
        let start = (self.page * self.page_size).min(total);
        let end = (start + self.page_size).min(total);
        (idx[start..end].to_vec(), total)
    }

    /// The last page that has rows, for `total` matches.
    pub fn last_page(&self, total: usize) -> usize {
        total.saturating_sub(1) / self.page_size.max(1)
    }

    /// `21–40 / 1,000`, or empty when nothing matches.
    pub fn range_text(&self, shown: usize, total: usize) -> String {
        if total == 0 {
            return String::new();
        }
        let start = self.page * self.page_size + 1;
        format!("{}–{} / {}", count(start), count(start + shown.saturating_sub(1)), count(total))
    }
}

/// A sortable column header.
#[component]
pub fn SortHeader<R: TableRow>(column: R::Column, label: Text, view_state: RwSignal<TableView<R>>) -> impl IntoView {
    let lang = use_lang();
    let sorted = move || view_state.with(|v| v.sort == column);
    let aria = move || match (sorted(), view_state.with(|v| v.descending)) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <button type="button" class="sort" data-testid=format!("sort-{column:?}").to_lowercase()
                on:click=move |_| view_state.update(|v| {
                    if v.sort == column { v.descending = !v.descending } else { v.sort = column; v.descending = false }
                    v.page = 0;
                })>
                {move || label.get(lang.get())}
                <span aria-hidden="true" class="sort-mark">
                    {move || match aria() { "ascending" => "▲", "descending" => "▼", _ => "↕" }}
                </span>
            </button>
        </th>
    }
}

/// The search box. `id` names the input (and its test id).
#[component]
pub fn SearchBox<R: TableRow>(id: &'static str, view_state: RwSignal<TableView<R>>) -> impl IntoView {
    view! {
        <div class="field inline">
            <label for=id>{tr(Text::SearchByName)}</label>
            <input id=id type="search" data-testid=id
                prop:value=move || view_state.with(|v| v.search.clone())
                on:input=move |ev| view_state.update(|v| { v.search = event_target_value(&ev); v.page = 0; })/>
        </div>
    }
}

/// The rows-per-page choice.
#[component]
pub fn PageSize<R: TableRow>(id: &'static str, view_state: RwSignal<TableView<R>>) -> impl IntoView {
    view! {
        <div class="field inline">
            <label for=id>{tr(Text::RowsPerPage)}</label>
            <select id=id data-testid=id
                on:change=move |ev| {
                    let n = event_target_value(&ev).parse().unwrap_or(20);
                    view_state.update(|v| { v.page_size = n; v.page = 0; });
                }>
                {[20usize, 50, 100].into_iter().map(|n| view! {
                    <option value=n.to_string() selected=move || view_state.with(|v| v.page_size == n)>{n}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A table's rows on this page, in `shown`'s order of ids (with the count of rows matching, as
/// [`Pager`] reads it); each row is built once by `row` and kept while its id stays shown. Every
/// live table's body goes through here, so the download carries one copy of the keyed list.
#[component]
pub fn KeyedBody(shown: Memo<(Vec<String>, usize)>, row: Callback<String, Option<AnyView>>) -> impl IntoView {
    view! {
        <For each=move || shown.with(|s| s.0.clone()) key=|id| id.clone() let:id>
            {row.run(id)}
        </For>
    }
}

/// Previous / next and where the page is; `shown` is (rows on this page, rows matching).
#[component]
pub fn Pager<R: TableRow>(view_state: RwSignal<TableView<R>>, #[prop(into)] shown: Signal<(usize, usize)>) -> impl IntoView {
    // A page past the end (after a filter or a deletion) snaps back to the last page.
    effect(move || {
        let total = shown.get().1;
        let last = view_state.with_untracked(|v| v.last_page(total));
        if view_state.with_untracked(|v| v.page > last) {
            view_state.update(|v| v.page = last);
        }
    });
    // The buttons are marked, not disabled, at the ends: a disabled button would drop the focus
    // of a user paging with the keyboard the moment the last page is reached.
    view! {
        <nav class="pager" aria-label=tr(Text::Pages)>
            <button type="button" class="button small" data-testid="page-prev"
                aria-disabled=move || view_state.with(|v| v.page == 0).to_string()
                on:click=move |_| view_state.update(|v| v.page = v.page.saturating_sub(1))>
                {tr(Text::Previous)}
            </button>
            <span data-testid="page-range" aria-live="polite">
                {move || { let (n, total) = shown.get(); view_state.with(|v| v.range_text(n, total)) }}
            </span>
            <button type="button" class="button small" data-testid="page-next"
                aria-disabled=move || { let t = shown.get().1; view_state.with(|v| v.page >= v.last_page(t)).to_string() }
                on:click=move |_| {
                    let last = view_state.with_untracked(|v| v.last_page(shown.get_untracked().1));
                    view_state.update(|v| v.page = (v.page + 1).min(last));
                }>
                {tr(Text::Next)}
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Row(&'static str, &'static str, Option<f64>);

    impl TableRow for Row {
        type Column = u8;
        const DEFAULT_SORT: (u8, bool) = (1, true);
        fn id(&self) -> &str {
            self.0
        }
        fn name(&self) -> &str {
            self.0
        }
        fn filter_value(&self) -> Option<&str> {
            Some(self.1)
        }
        fn sort_value(&self, column: u8) -> SortValue {
            if column == 1 { SortValue::Num(self.2) } else { SortValue::Num(None) }
        }
    }

    #[test]
    fn search_filter_sort_and_page() {
        let data = [Row("alpha", "x", Some(1.0)), Row("beta", "y", Some(3.0)), Row("Alphabet", "x", Some(2.0))];
        let refs: Vec<&Row> = data.iter().collect();
        let names = |v: &TableView<Row>| v.apply(&refs).0.iter().map(|i| data[*i].0).collect::<Vec<_>>();
        assert_eq!(names(&TableView::default()), ["beta", "Alphabet", "alpha"]);
        assert_eq!(names(&TableView { search: "ALPHA".into(), ..TableView::default() }), ["Alphabet", "alpha"]);
        assert_eq!(names(&TableView { filter: "y".into(), ..TableView::default() }), ["beta"]);
        // Equal values keep the name order.
        assert_eq!(names(&TableView { sort: 0, descending: false, ..TableView::default() }), ["Alphabet", "alpha", "beta"]);
        let paged = TableView::<Row> { page_size: 2, page: 1, ..TableView::default() };
        assert_eq!(names(&paged), ["alpha"]);
        assert_eq!(paged.range_text(1, 3), "3–3 / 3");
        assert_eq!(paged.last_page(3), 1);
        assert_eq!(paged.last_page(0), 0);
        assert_eq!(paged.range_text(0, 0), "");
    }
}
