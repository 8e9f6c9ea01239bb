//! Editing a cluster's tags (as the cluster's detail lists them): rows of key and value, each
//! checked as typed with the contract's tag rules, at most twenty; saving deletes the tags removed
//! and creates the ones added or changed, two requests at most.

use dws_contract::Operation;
use dws_contract::rules::{self, Field, MAX_TAGS, RuleError, Violation};
use dws_contract::types::{BatchTagsRequest, Tag};
use leptos::prelude::*;

use crate::api::use_request;
use crate::components::actions::{DialogButtons, json, write};
use crate::components::error_view::ErrorView;
use crate::i18n::{Text, tr, use_lang};

/// What to send to go from `had` to `want`: the tags to create (new keys and new values of old
/// keys) and the ones to delete (keys no longer there).
pub fn tag_changes(had: &[Tag], want: &[Tag]) -> (Vec<Tag>, Vec<Tag>) {
    let create = want.iter().filter(|t| !had.contains(t)).cloned().collect();
    let delete = had.iter().filter(|t| !want.iter().any(|w| w.key == t.key)).cloned().collect();
    (create, delete)
}

/// What is wrong with row `i` of `rows`, on its key or its value: its own rules first, then a key
/// used by an earlier row.
pub fn row_error(rows: &[Tag], i: usize) -> Option<RuleError> {
    let t = &rows[i];
    rules::tag(t).err().or_else(|| {
        rows[..i].iter().any(|r| r.key == t.key).then(|| RuleError::new(Field::TagKey, Violation::DuplicateKey))
    })
}

/// One row of the editor.
#[derive(Debug, Clone, Copy)]
struct Row {
    n: u32,
    key: RwSignal<String>,
    value: RwSignal<String>,
}

/// The tag editor of `cluster_id`, whose tags are `had`.
#[component]
pub fn TagsForm(cluster_id: String, had: Vec<Tag>, open: RwSignal<bool>, saved: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let call = use_request();
    let (pending, failure) = (call.pending, call.failure);
    let rows = RwSignal::new(Vec::<Row>::new());
    let next = StoredValue::new(0u32);
    let add_row = move |key: String, value: String| {
        let n = next.get_value();
        next.set_value(n + 1);
        rows.update(|r| r.push(Row { n, key: RwSignal::new(key), value: RwSignal::new(value) }));
        n
    };
    for t in &had {
        add_row(t.key.clone(), t.value.clone());
    }
    let current = move || rows.with(|r| r.iter().map(|r| Tag { key: r.key.get(), value: r.value.get() }).collect::<Vec<_>>());
    let submitted = RwSignal::new(false);
    let note = RwSignal::new(None::<Text>);
    let full = Signal::derive(move || {
        (rows.with(Vec::len) >= MAX_TAGS).then(|| RuleError::new(Field::TagKey, Violation::TooMany { max: MAX_TAGS }).message(lang.get()))
    });
    let remove = move |n: u32| rows.update(|r| r.retain(|row| row.n != n));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        note.set(None);
        let want = current();
        if let Some(i) = (0..want.len()).find(|i| row_error(&want, *i).is_some()) {
            let n = rows.with_untracked(|r| r[i].n);
            let field = row_error(&want, i).map(|e| e.field);
            crate::browser::focus(&if field == Some(Field::TagValue) { format!("tag-value-{n}") } else { format!("tag-key-{n}") });
            return;
        }
        if rules::tags(&want).is_err() {
            return;
        }
        let (create, delete) = tag_changes(&had, &want);
        if create.is_empty() && delete.is_empty() {
            note.set(Some(Text::NothingChanged));
            return;
        }
        let id = cluster_id.clone();
        let finished = move || {
            open.set(false);
            saved.run(());
        };
        let then_create = move || {
            if create.is_empty() {
                finished();
            } else {
                write(call, Operation::BatchCreateResourceTag, id, None, json(&BatchTagsRequest { tags: create }), Box::new(finished), None);
            }
        };
        if delete.is_empty() {
            then_create();
        } else {
            // The service answers both with no body.
            let body = json(&BatchTagsRequest { tags: delete });
            write(call, Operation::BatchDeleteResourceTag, cluster_id.clone(), None, body, Box::new(then_create), None);
        }
    };
    view! {
        <form class="form" on:submit=submit novalidate data-testid="tags-form">
            <p class="field-hint" id="tags-hint">{tr(Text::TagsHint)}</p>
                <fieldset class="tag-rows" aria-describedby="tags-hint">
                    <legend class="visually-hidden">{tr(Text::Tags)}</legend>
                    <Show when=move || rows.with(Vec::is_empty)>
                        <p class="muted" data-testid="no-tags">{tr(Text::NoTags)}</p>
                    </Show>
                    // Rebuilt when a row comes or goes (typing changes only a row's own signals).
                    {move || rows.get().into_iter().map(|row| view! {
                        <TagRow row=row rows=rows submitted=submitted remove=remove/>
                    }).collect_view()}
                </fieldset>
                <p class="muted" data-testid="tags-count">{move || format!("{} {}/{MAX_TAGS}", Text::TagsCount.get(lang.get()), rows.with(Vec::len))}</p>
                <div class="guarded">
                    <button type="button" class="button small" data-testid="add-tag"
                        aria-disabled=move || full.with(Option::is_some).to_string()
                        aria-describedby=move || full.with(Option::is_some).then_some("add-tag-why")
                        on:click=move |_| {
                            if full.with_untracked(Option::is_none) {
                                let n = add_row(String::new(), String::new());
                                crate::browser::focus(&format!("tag-key-{n}"));
                            }
                        }>
                        {tr(Text::AddTag)}
                    </button>
                    {move || full.get().map(|why| view! { <span class="guard-reason" id="add-tag-why">{why}</span> })}
                </div>
            <ErrorView error=failure/>
            <p class="muted" role="status" data-testid="tags-note">{move || note.get().map(|t| t.get(lang.get()))}</p>
            <DialogButtons open=open pending=pending confirm=Text::Save/>
        </form>
    }
}

/// A key, a value and a remove button; each input says what is wrong with it as it is typed.
#[component]
fn TagRow(row: Row, rows: RwSignal<Vec<Row>>, submitted: RwSignal<bool>, remove: impl Fn(u32) + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let n = row.n;
    let error = move |field: Field| {
        Signal::derive(move || {
            let list: Vec<Tag> = rows.with(|r| r.iter().map(|r| Tag { key: r.key.get(), value: r.value.get() }).collect());
            let i = rows.with(|r| r.iter().position(|r| r.n == n))?;
            // An empty new row waits for the user (or a save) before it says it needs a key.
            let untouched = list[i].key.is_empty() && list[i].value.is_empty() && !submitted.get();
            row_error(&list, i).filter(|e| e.field == field && !untouched).map(|e| e.message(lang.get()))
        })
    };
    let (key_error, value_error) = (error(Field::TagKey), error(Field::TagValue));
    let input = move |what: &'static str, label: Text, value: RwSignal<String>, error: Signal<Option<String>>| {
        let id = format!("tag-{what}-{n}");
        let error_id = format!("{id}-error");
        let described = error_id.clone();
        view! {
            <div class="field" class:field-invalid=move || error.with(Option::is_some)>
                <label for=id.clone()>{tr(label)}</label>
                <input id=id.clone() data-testid=format!("tag-{what}") type="text" autocomplete="off" spellcheck="false"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                <p class="field-error" id=error_id aria-live="polite" data-testid=format!("tag-{what}-error")>{move || error.get()}</p>
            </div>
        }
    };
    let remove_label = move || format!("{}: {}", Text::RemoveTag.get(lang.get()), row.key.get());
    view! {
        <div class="tag-row" data-testid="tag-row">
            {input("key", Text::TagKey, row.key, key_error)}
            {input("value", Text::TagValue, row.value, value_error)}
            <button type="button" class="button small" data-testid="remove-tag" aria-label=remove_label
                on:click=move |_| remove(n)>{tr(Text::RemoveTag)}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(key: &str, value: &str) -> Tag {
        Tag { key: key.into(), value: value.into() }
    }

    #[test]
    fn changes_create_what_is_new_and_delete_what_went() {
        let had = [t("env", "dev"), t("team", "a"), t("cost", "1")];
        let want = [t("env", "prod"), t("team", "a"), t("owner", "ops")];
        let (create, delete) = tag_changes(&had, &want);
        assert_eq!(create, [t("env", "prod"), t("owner", "ops")]);
        // A key whose value changed is overwritten by the create, not deleted.
        assert_eq!(delete, [t("cost", "1")]);
        assert_eq!(tag_changes(&had, &had), (vec![], vec![]));
    }

    #[test]
    fn each_row_says_what_is_wrong_with_it() {
        let rows = [t("env", "dev"), t("_sys_x", ""), t("env", "prod"), t("ok", "bad=value")];
        assert_eq!(row_error(&rows, 0), None);
        assert_eq!(row_error(&rows, 1).unwrap().violation, Violation::ReservedPrefix("_sys_"));
        assert_eq!(row_error(&rows, 2).unwrap().violation, Violation::DuplicateKey);
        assert_eq!(row_error(&rows, 3).unwrap().field, Field::TagValue);
    }
}
