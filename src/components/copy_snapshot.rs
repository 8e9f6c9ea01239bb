//! Copying an automated snapshot to a manual one, which is kept until deleted: the copy's name
//! and description, checked as they are typed (a name already used in the project included).

use dws_contract::rules::{self, Field, RuleError, Violation};
use dws_contract::types::{CopySnapshotRequest, CopySnapshotResponse, SnapshotDetail};
use dws_contract::{Lang, Operation};
use leptos::prelude::*;

use crate::api::{Answer, use_request};
use crate::components::actions::DialogButtons;
use crate::components::dialog::{Dialog, open_for};
use crate::components::error_view::ErrorView;
use crate::components::field::{TextField, field_hint};
use crate::i18n::{Text, tr, use_lang};

const FIELDS: [Field; 2] = [Field::SnapshotName, Field::SnapshotDescription];

/// What is wrong with a copy, in the order the form shows its fields: the request's rules, then
/// a name already used in the project (`taken`, any case).
pub fn copy_errors<'a>(r: &CopySnapshotRequest, taken: impl IntoIterator<Item = &'a str>) -> Vec<RuleError> {
    let mut errors = rules::copy_snapshot(r);
    if !errors.iter().any(|e| e.field == Field::SnapshotName)
        && let Err(e) = rules::snapshot_name_unique(&r.backup_name, taken)
    {
        errors.insert(0, e);
    }
    errors
}

/// A field's message. A taken name carries the code the service answers with, so the user can
/// tell it from the service's own refusal of the same name.
pub fn field_message(e: &RuleError, lang: Lang) -> String {
    if e.violation == Violation::Taken { format!("{} ({})", e.message(lang), e.code().as_str()) } else { e.message(lang) }
}

/// Asks for the copy's name and description for the snapshot in `target`. `names` are the
/// project's snapshot names, when the page has them, to refuse a taken one as it is typed;
/// `on_done` runs with the copy's id once the service accepted it.
#[component]
pub fn CopySnapshotDialog(
    target: RwSignal<Option<SnapshotDetail>>,
    #[prop(optional)] names: Option<Signal<Vec<String>>>,
    on_done: Callback<String>,
) -> impl IntoView {
    let lang = use_lang();
    let open = open_for(target);
    let title = Signal::derive(move || {
        target.with(|t| t.as_ref().map(|s| format!("{}: {}", Text::CopySnapshot.get(lang.get()), s.name))).unwrap_or_default()
    });
    let accepted = RwSignal::new(None::<String>);
    let done = Callback::new(move |(source, copy_id): (String, String)| {
        let said = Some(source);
        accepted.set(said.clone());
        // Cleared after a while, unless a later copy replaced it meanwhile.
        set_timeout(
            move || {
                if accepted.try_with_untracked(|now| *now == said) == Some(true) {
                    accepted.try_set(None);
                }
            },
            std::time::Duration::from_secs(8),
        );
        open.set(false);
        on_done.run(copy_id);
    });
    view! {
        <p class="action-accepted" role="status" data-testid="copy-accepted">
            {move || accepted.get().map(|name| {
                format!("{} · {name}: {}", Text::CopySnapshot.get(lang.get()), Text::RequestAccepted.get(lang.get()))
            })}
        </p>
        <Dialog open=open title=title id="copy-snapshot-dialog">
            {move || target.get().map(|s| view! { <CopyForm source=s open=open names=names done=done/> })}
        </Dialog>
    }
}

#[component]
fn CopyForm(
    source: SnapshotDetail,
    open: RwSignal<bool>,
    names: Option<Signal<Vec<String>>>,
    done: Callback<(String, String)>,
) -> impl IntoView {
    let call = use_request();
    let lang = use_lang();
    let (pending, failure) = (call.pending, call.failure);
    // Without the page's list, a taken name is left to the service, whose refusal lands on the
    // name field all the same.
    let names = names.unwrap_or_default();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let request = move || CopySnapshotRequest {
        backup_name: name.get(),
        description: Some(description.get()).filter(|d| !d.is_empty()),
    };
    let errors = move || names.with(|n| copy_errors(&request(), n.iter().map(String::as_str)));
    let error_of = move |field: Field| {
        Signal::derive(move || {
            let server = failure.with(|f| f.as_ref().and_then(|e| e.on_field(&FIELDS, lang.get())));
            match server {
                Some((f, m)) if f == field => Some(if f == Field::SnapshotName { format!("{m} ({})", failure_code(failure)) } else { m }),
                _ => (submitted.get() || field == Field::SnapshotName && !name.with(String::is_empty))
                    .then(|| errors().into_iter().find(|e| e.field == field).map(|e| field_message(&e, lang.get())))
                    .flatten(),
            }
        })
    };
    let (source_id, source_name) = (source.id.clone(), source.name.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if let Some(e) = errors().first() {
            crate::browser::focus(if e.field == Field::SnapshotDescription { "copy-description" } else { "copy-name" });
            return;
        }
        let (id, source_name) = (source_id.clone(), source_name.clone());
        call.send_or(
            Operation::CopySnapshot,
            move |p| p.snapshot(&id),
            Some(request()),
            move |a: Answer<CopySnapshotResponse>| done.run((source_name, a.body.snapshot_id)),
            |e| {
                let on_field = e.code().and_then(|c| RuleError::field_for_code(c, &FIELDS));
                crate::browser::focus(if on_field == Some(Field::SnapshotDescription) { "copy-description" } else { "copy-name" });
            },
        );
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <p data-testid="copy-lead">{tr(Text::CopySnapshotLead)}</p>
            <TextField id="copy-name" label=tr(Text::CopyName) value=name error=error_of(Field::SnapshotName)
                hint=field_hint(Text::SnapshotNameHint)/>
            <TextField id="copy-description" label=tr(Text::Description) value=description error=error_of(Field::SnapshotDescription)/>
            <ErrorView error=failure/>
            <DialogButtons open=open pending=pending confirm=Text::CopySnapshot/>
        </form>
    }
}

/// The code of the failure on a field (its message says what; the code, which refusal).
fn failure_code(failure: RwSignal<Option<crate::api::ApiError>>) -> String {
    failure.with(|f| f.as_ref().and_then(|e| e.code()).map(str::to_owned)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dws_contract::ErrorCode;

    fn copy(name: &str, description: Option<&str>) -> CopySnapshotRequest {
        CopySnapshotRequest { backup_name: name.into(), description: description.map(str::to_owned) }
    }

    #[test]
    fn a_copy_follows_the_snapshot_rules_and_takes_a_free_name() {
        let taken = ["nightly", "Weekly-1"];
        assert!(copy_errors(&copy("kept-copy", Some("from the nightly")), taken).is_empty());
        let e = copy_errors(&copy("WEEKLY-1", None), taken);
        assert_eq!((e.len(), e[0].field, e[0].code()), (1, Field::SnapshotName, ErrorCode::Dws5039));
        assert!(field_message(&e[0], Lang::En).ends_with("(DWS.5039)"), "{}", field_message(&e[0], Lang::En));
        // A name the rules refuse is not also called taken.
        let e = copy_errors(&copy("1x", Some("a<b")), ["1x"]);
        assert_eq!(e.iter().map(|e| e.field).collect::<Vec<_>>(), [Field::SnapshotName, Field::SnapshotDescription]);
        assert_ne!(e[0].violation, Violation::Taken);
        assert!(!field_message(&e[1], Lang::En).contains("(DWS."));
    }
}
